/* am-id-index.h: finds an element by its id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Maps ids to element indices. The ids are not copied: they must outlive
 * the index, as the graph's strings do. */
typedef struct _AmIdIndex AmIdIndex;

#define AM_ID_INDEX_NOT_FOUND G_MAXUINT32

AmIdIndex *am_id_index_new     (void);
void       am_id_index_free    (AmIdIndex   *index);
guint32    am_id_index_lookup  (const AmIdIndex *index,
                                const char      *id,
                                gsize            length);
gboolean   am_id_index_insert  (AmIdIndex   *index,
                                const char  *id,
                                guint32      value,
                                gboolean     replace);
void       am_id_index_clear   (AmIdIndex   *index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmIdIndex, am_id_index_free)

G_END_DECLS

/* am-graphml-writer.h: save a map back into its GraphML, losing nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "am-graph.h"

G_BEGIN_DECLS

typedef enum
{
  /* Copy the document as it is: an unmodified map saves to a file that
   * is canonically (C14N) the same as the one it was read from. */
  AM_GRAPHML_SAVE_COPY      = 0,
  /* Write where every node stands now: yEd's y:Geometry is moved, other
   * files get x and y keys, declared when they are missing. A position
   * the file already holds keeps its text. */
  AM_GRAPHML_SAVE_POSITIONS = 1 << 0,
} AmGraphmlSaveFlags;

/* Streams @source (the GraphML @graph was read from) into @destination,
 * with the positions of @graph's nodes. The destination is replaced
 * atomically: when saving fails, a file already there is left as it was.
 * @source and @destination may be the same file. */
gboolean am_graphml_save            (const AmGraph       *graph,
                                     GFile               *source,
                                     GFile               *destination,
                                     AmGraphmlSaveFlags   flags,
                                     GCancellable        *cancellable,
                                     GError             **error);

/* The same from a document in memory (the bundled map). */
gboolean am_graphml_save_from_bytes (const AmGraph       *graph,
                                     GBytes              *source,
                                     GFile               *destination,
                                     AmGraphmlSaveFlags   flags,
                                     GCancellable        *cancellable,
                                     GError             **error);

G_END_DECLS

/* am-actor-list.h: the searchable list of a map's actors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "am-map-document.h"

G_BEGIN_DECLS

#define AM_TYPE_ACTOR_LIST (am_actor_list_get_type ())

G_DECLARE_FINAL_TYPE (AmActorList, am_actor_list, AM, ACTOR_LIST, AdwBin)

GtkWidget     *am_actor_list_new                (void);

AmMapDocument *am_actor_list_get_document       (AmActorList   *self);
void           am_actor_list_set_document       (AmActorList   *self,
                                                 AmMapDocument *document);

gboolean       am_actor_list_get_search_mode    (AmActorList   *self);
void           am_actor_list_set_search_mode    (AmActorList   *self,
                                                 gboolean       search_mode);
/* Shows the search entry and moves the keyboard focus into it. */
void           am_actor_list_focus_search       (AmActorList   *self);
void           am_actor_list_set_search_text    (AmActorList   *self,
                                                 const char    *text);

/* The rows as shown, section headings included: */
guint          am_actor_list_get_n_rows         (AmActorList   *self);
/* the node of row @position, or AM_NO_INDEX for a heading. */
guint          am_actor_list_get_row_node       (AmActorList   *self,
                                                 guint          position);
char          *am_actor_list_get_node_tooltip   (AmActorList   *self,
                                                 guint          node);
/* The node of the selected row, or AM_NO_INDEX. */
guint          am_actor_list_get_selected_node  (AmActorList   *self);
/* Selects the row of @node as if the user had: sets the document's
 * selection and emits ::node-activated. FALSE when @node has no row. */
gboolean       am_actor_list_select_node        (AmActorList   *self,
                                                 guint          node);

G_END_DECLS

/* am-map-document.h: an open map and what the user is looking at in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "am-graph.h"
#include "am-map-loader.h"

G_BEGIN_DECLS

#define AM_TYPE_MAP_DOCUMENT (am_map_document_get_type ())

G_DECLARE_FINAL_TYPE (AmMapDocument, am_map_document, AM, MAP_DOCUMENT, GObject)

/* Takes @graph, which must be ready to draw (see am_map_loader_prepare). */
AmMapDocument *am_map_document_new                  (AmGraph             *graph,
                                                     GFile               *file);
/* Reads, sizes and lays out in a worker thread; @file NULL for the bundled map. */
void           am_map_document_load_async           (GFile               *file,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
/* The same, calling @progress_callback now and then in the caller's
 * thread-default main context, never after @callback. */
void           am_map_document_load_with_progress_async (GFile                 *file,
                                                         GCancellable          *cancellable,
                                                         AmMapLoadProgressFunc  progress_callback,
                                                         gpointer               progress_data,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
AmMapDocument *am_map_document_load_finish          (GAsyncResult        *result,
                                                     GError             **error);

AmGraph       *am_map_document_get_graph            (AmMapDocument       *self);
const guint32 *am_map_document_get_nodes_by_degree  (AmMapDocument       *self);
const guint32 *am_map_document_get_actor_order      (AmMapDocument       *self,
                                                     guint               *n_actors);
/* NULL for the bundled map. */
GFile         *am_map_document_get_file             (AmMapDocument       *self);
const char    *am_map_document_get_title            (AmMapDocument       *self);

guint          am_map_document_get_selected_node    (AmMapDocument       *self);
void           am_map_document_set_selected_node    (AmMapDocument       *self,
                                                     guint                node);
guint          am_map_document_get_hover_node       (AmMapDocument       *self);
void           am_map_document_set_hover_node       (AmMapDocument       *self,
                                                     guint                node);
/* The issue node whose stances colour the actors, or AM_NO_INDEX. */
guint          am_map_document_get_lens_issue       (AmMapDocument       *self);
void           am_map_document_set_lens_issue       (AmMapDocument       *self,
                                                     guint                issue);
/* Bit 1 << AmEdgeKind set: edges of that kind are hidden. */
guint          am_map_document_get_hidden_edge_kinds (AmMapDocument      *self);
void           am_map_document_set_hidden_edge_kinds (AmMapDocument      *self,
                                                      guint               kinds);
gboolean       am_map_document_get_show_issues      (AmMapDocument       *self);
void           am_map_document_set_show_issues      (AmMapDocument       *self,
                                                     gboolean             show);
/* Moves a node; emits ::positions-changed with @node. */
void           am_map_document_move_node            (AmMapDocument       *self,
                                                     guint                node,
                                                     double               x,
                                                     double               y);

G_END_DECLS

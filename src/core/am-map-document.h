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
/* The same, but a map its file does not place is left unplaced, for
 * am_map_loader_lay_out() and am_map_document_place_nodes(); such a
 * document comes without its actor order and degrees made, which take
 * a while on a big map: ask for them in a thread of the caller's. */
void           am_map_document_load_unplaced_async  (GFile                 *file,
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
/* Moves a node; emits ::positions-changed with @node. The move can be
 * undone, on its own or with the others of its drag. */
void           am_map_document_move_node            (AmMapDocument       *self,
                                                     guint                node,
                                                     double               x,
                                                     double               y);
/* Puts every node where @x and @y (one each per node) say, as part of
 * loading: nothing to undo, nothing to save. */
void           am_map_document_place_nodes          (AmMapDocument       *self,
                                                     const double        *x,
                                                     const double        *y);
/* Around a drag: whatever it moves is undone in one step. */
void           am_map_document_begin_move           (AmMapDocument       *self);
void           am_map_document_end_move             (AmMapDocument       *self);

/* Groups. Collapsing one hides its members, and their edges go to it
 * instead; ::collapsed-changed tells views. View state: never saved. */
gboolean       am_map_document_is_group             (AmMapDocument       *self,
                                                     guint                node);
gboolean       am_map_document_get_group_collapsed  (AmMapDocument       *self,
                                                     guint                group);
void           am_map_document_set_group_collapsed  (AmMapDocument       *self,
                                                     guint                group,
                                                     gboolean             collapsed);
/* Expands every collapsed group around @node; TRUE when one was. */
gboolean       am_map_document_reveal_node          (AmMapDocument       *self,
                                                     guint                node);
/* Per node, the node it is shown as: itself, or the collapsed group that
 * hides it; and per collapsed group, how many nodes it hides. NULL while
 * no group is collapsed. For AmRenderOptions. */
const guint32 *am_map_document_get_shown_as         (AmMapDocument       *self);
const guint32 *am_map_document_get_hidden_counts    (AmMapDocument       *self);

gboolean       am_map_document_get_can_undo         (AmMapDocument       *self);
gboolean       am_map_document_get_can_redo         (AmMapDocument       *self);
void           am_map_document_undo                 (AmMapDocument       *self);
void           am_map_document_redo                 (AmMapDocument       *self);
/* Has moves that are not in its file (or, for the bundled map, in any file). */
gboolean       am_map_document_get_modified         (AmMapDocument       *self);

/* Writes the map back into its GraphML, losing nothing of the file, with
 * the nodes where they stand now; to @destination, or with NULL to its
 * own file (the bundled map has none: it must be given one). Atomic: a
 * failed save leaves the file that was there. Afterwards the document's
 * file is @destination. */
gboolean       am_map_document_save                 (AmMapDocument       *self,
                                                     GFile               *destination,
                                                     GCancellable        *cancellable,
                                                     GError             **error);
/* The same in a worker thread, from the positions the nodes had when it
 * was called: moves made meanwhile are neither written nor torn. */
void           am_map_document_save_async           (AmMapDocument       *self,
                                                     GFile               *destination,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean       am_map_document_save_finish          (AmMapDocument       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* TRUE while a save runs. */
gboolean       am_map_document_get_saving           (AmMapDocument       *self);
/* The file was changed by another program since it was read or saved. */
gboolean       am_map_document_is_changed_on_disk   (AmMapDocument       *self);

/* Lays the map out anew, in a worker thread, and moves every node there
 * in one step that can be undone. */
void           am_map_document_reset_layout_async   (AmMapDocument       *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean       am_map_document_reset_layout_finish  (AmMapDocument       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS

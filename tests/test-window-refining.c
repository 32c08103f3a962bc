/* test-window-refining.c: a map without positions, laid out while it
 * shows (needs a display)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "am-graph-view-private.h"
#include "am-map-loader.h"
#include "window-test-util.h"

/* Big enough for its layout to have levels and take a few seconds. */
#define REFINED_MAP_NODES 16000

static char *
write_refined_map (void)
{
  static char *path;

  if (path == NULL)
    path = write_ring_map ("refined.graphml", REFINED_MAP_NODES, 13, 5);
  return g_strdup (path);
}

static gboolean
shown_while_loading (gpointer data)
{
  AmWindow *window = data;
  AmMapDocument *document = am_window_get_document (window);

  return document != NULL && am_map_document_get_file (document) != NULL &&
         am_window_get_loading (window);
}

/* The canvas has drawn the map where its nodes are now, or the layout
 * has ended first. */
static gboolean
drawn_or_loaded (gpointer data)
{
  AmWindow *window = data;

  return am_graph_view_is_sharp (template_child (window, "graph_view")) ||
         !am_window_get_loading (window);
}

static void
copy_positions (AmGraph  *graph,
                double  **x,
                double  **y)
{
  guint n = am_graph_get_n_nodes (graph);

  *x = g_new (double, n);
  *y = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      (*x)[i] = am_graph_get_node (graph, i)->x;
      (*y)[i] = am_graph_get_node (graph, i)->y;
    }
}

/* The map shows and is drawn before its layout is done, and ends where
 * the layout alone would put it. */
static void
test_drawn_before_laid_out (void)
{
  g_autofree char *path = write_refined_map ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AmWindow *window = am_window_new (NULL);
  GtkStack *stack = template_child (window, "canvas_stack");
  GtkProgressBar *bar = template_child (window, "load_bar_progress");
  AmActorList *list = template_child (window, "actor_list");
  GtkListView *list_view = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (list),
                                                                          AM_TYPE_ACTOR_LIST,
                                                                          "list_view"));
  GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (list_view));
  g_autoptr(AmGraph) reference = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *rough_x = NULL;
  g_autofree double *rough_y = NULL;
  AmMapDocument *document;
  AmGraph *graph;
  guint n_moved = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  am_window_open (window, file);

  g_assert_true (iterate_until (shown_while_loading, window, LOAD_TIMEOUT_SECONDS));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "map");
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "Refining the layout…");
  g_assert_true (gtk_widget_get_visible (template_child (window, "load_bar")));
  /* The list view is shown its rows a few at a time, not all at once:
   * making a widget for each of the first couple of hundred would hold
   * up the main loop. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), <=, 16);
  g_assert_cmpuint (am_actor_list_get_n_rows (list), >, 256);

  /* Drawn while still refining. */
  g_assert_true (iterate_until (drawn_or_loaded, window, LOAD_TIMEOUT_SECONDS));
  g_assert_true (am_window_get_loading (window));
  document = am_window_get_document (window);
  graph = am_map_document_get_graph (document);
  copy_positions (graph, &rough_x, &rough_y);
  for (guint i = 0; i < REFINED_MAP_NODES; i++)
    g_assert_true (isfinite (rough_x[i]) && isfinite (rough_y[i]));

  wait_for_load (window);
  g_assert_true (am_window_get_document (window) == document);
  g_assert_false (am_map_document_get_modified (document));
  g_assert_false (am_map_document_get_can_undo (document));

  /* Bit for bit the layout's own result, and not the rough picture. */
  reference = am_map_loader_load (path, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < REFINED_MAP_NODES; i++)
    {
      const AmNode *shown = am_graph_get_node (graph, i);
      const AmNode *laid_out = am_graph_get_node (reference, i);

      g_assert_cmpmem (&shown->x, sizeof (double), &laid_out->x, sizeof (double));
      g_assert_cmpmem (&shown->y, sizeof (double), &laid_out->y, sizeof (double));
      if (shown->x != rough_x[i] || shown->y != rough_y[i])
        n_moved++;
    }
  g_assert_cmpuint (n_moved, >, REFINED_MAP_NODES / 2);

  /* Untouched, the view has followed the picture as it grew: it shows
   * all of the final one. */
  {
    AmGraphView *view = template_child (window, "graph_view");
    AmViewTransform shown = view->transform;

    g_assert_true (view->fitted);
    am_graph_view_zoom_fit (view);
    g_assert_true (_am_graph_view_transform_equal (&shown, &view->transform));
  }

  /* By now the list view knows of every row. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, am_actor_list_get_n_rows (list));

  close_window (window);
}

static gboolean
frame_shown (gpointer data)
{
  return am_graph_view_get_frame_render_time (data) >= 0;
}

static gboolean
index_built (gpointer data)
{
  AmGraphView *view = data;

  return view->index != NULL && !view->index_building;
}

static gboolean
index_current (gpointer data)
{
  AmGraphView *view = data;

  return index_built (view) && !view->index_stale;
}

static gboolean
frame_done (gpointer data)
{
  AmGraphView *view = data;

  return am_graph_view_is_sharp (view) && !view->frame_running;
}

/* At fit the map's frames need no spatial index, which takes a while to
 * build for a big map, and pictures of its layout replace each other
 * every second: none is built until the pointer asks for one. */
static void
test_first_frame_before_index (void)
{
  static GMutex gate;
  g_autofree char *path = write_refined_map ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AmWindow *window = am_window_new (NULL);
  AmGraphView *view = template_child (window, "graph_view");
  int width;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));

  g_mutex_lock (&gate);
  _am_graph_view_set_index_gate (&gate);
  am_window_open (window, file);
  g_assert_true (iterate_until (frame_shown, view, 20));
  g_assert_true (view->fitted);
  g_assert_null (view->index);
  g_assert_false (view->index_building);
  g_assert_true (iterate_until (frame_done, view, LOAD_TIMEOUT_SECONDS));
  g_assert_null (view->index);
  g_mutex_unlock (&gate);

  /* Pointing asks for it: it follows, for the pointer to pick nodes with. */
  width = gtk_widget_get_width (GTK_WIDGET (view));
  g_assert_cmpuint (am_graph_view_pick_node (view, width / 2.0, 10), ==, AM_NO_INDEX);
  g_assert_true (iterate_until (index_built, view, LOAD_TIMEOUT_SECONDS));
  _am_graph_view_set_index_gate (NULL);
  wait_for_load (window);

  close_window (window);
}

/* Once the layout is done, the nodes stay where they are: the index is
 * made then, before anything points, so that the first click finds its
 * node. */
static void
test_index_once_placed (void)
{
  g_autofree char *path = write_refined_map ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AmWindow *window = am_window_new (NULL);
  AmGraphView *view = template_child (window, "graph_view");

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));

  am_window_open (window, file);
  wait_for_load (window);
  g_assert_true (view->fitted);
  g_assert_true (iterate_until (index_current, view, LOAD_TIMEOUT_SECONDS));

  close_window (window);
}

/* Cancelled while refining, the map shown before comes back, and stays
 * once the layout's thread has stopped. */
static void
test_cancel_while_refining (void)
{
  g_autofree char *path = write_refined_map ();
  GFile *file = g_file_new_for_path (path);
  AmWindow *window = open_window (NULL, NULL);
  AmMapDocument *before = am_window_get_document (window);
  GtkStack *stack = template_child (window, "canvas_stack");

  g_assert_nonnull (before);
  am_window_open (window, file);
  g_assert_true (iterate_until (shown_while_loading, window, LOAD_TIMEOUT_SECONDS));
  g_assert_true (am_window_get_document (window) != before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL));
  g_assert_false (am_window_get_loading (window));
  g_assert_false (gtk_widget_get_visible (template_child (window, "load_bar")));
  g_assert_true (am_window_get_document (window) == before);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "map");

  wait_for_load_to_let_go (file);
  iterate_for (1200);
  g_assert_true (am_window_get_document (window) == before);
  g_assert_false (am_window_get_loading (window));

  close_window (window);
}

/* As the first map, cancelling leaves the empty window it came from;
 * opening another while refining gives that one. */
static void
test_cancel_first_while_refining (void)
{
  g_autofree char *path = write_refined_map ();
  GFile *file = g_file_new_for_path (path);
  AmWindow *window = am_window_new (NULL);
  GtkStack *stack = template_child (window, "canvas_stack");
  AmMapDocument *document;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  am_window_open (window, file);
  g_assert_true (iterate_until (shown_while_loading, window, LOAD_TIMEOUT_SECONDS));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL));
  g_assert_null (am_window_get_document (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  g_object_ref (file);
  am_window_open (window, file);
  g_assert_true (iterate_until (shown_while_loading, window, LOAD_TIMEOUT_SECONDS));
  am_window_open (window, NULL);
  g_assert_null (am_window_get_document (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "loading");
  wait_for_load (window);
  document = am_window_get_document (window);
  g_assert_null (am_map_document_get_file (document));

  /* Both loads of it have let go. */
  g_object_unref (file);
  wait_for_load_to_let_go (file);
  iterate_for (1200);
  g_assert_true (am_window_get_document (window) == document);

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);

  g_test_add_func ("/window-refining/drawn-before-laid-out", test_drawn_before_laid_out);
  g_test_add_func ("/window-refining/first-frame-before-index", test_first_frame_before_index);
  g_test_add_func ("/window-refining/index-once-placed", test_index_once_placed);
  g_test_add_func ("/window-refining/cancel", test_cancel_while_refining);
  g_test_add_func ("/window-refining/cancel-first", test_cancel_first_while_refining);

  return window_test_run ();
}

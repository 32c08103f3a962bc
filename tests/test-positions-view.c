/* test-positions-view.c: the positions view, in a window (needs a display)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4 cannot make input events, so the keys are tested through the
 * actions they are bound to. With AM_SCREENSHOT_DIR set, the view is
 * also saved there as PNG, light and dark, for looking at.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>

#include "am-graphml-reader.h"
#include "am-map-loader.h"
#include "am-positions-view.h"

#define WINDOW_WIDTH  1090
#define WINDOW_HEIGHT 710

#define KEYS \
  "<?xml version='1.0' encoding='UTF-8'?>\n" \
  "<graphml xmlns='http://graphml.graphdrawing.org/xmlns'>\n" \
  "<key id='gt' for='graph' attr.name='title' attr.type='string'/>\n" \
  "<key id='nl' for='node' attr.name='label' attr.type='string'/>\n" \
  "<key id='nk' for='node' attr.name='kind' attr.type='string'/>\n" \
  "<key id='ek' for='edge' attr.name='kind' attr.type='string'/>\n" \
  "<key id='et' for='edge' attr.name='stance' attr.type='string'/>\n" \
  "<key id='eq' for='edge' attr.name='quote' attr.type='string'/>\n" \
  "<graph id='g' edgedefault='directed'>\n" \
  "<data key='gt'>Small talks</data>\n"
#define NODE(id, label, kind) \
  "<node id='" id "'><data key='nl'>" label "</data><data key='nk'>" kind "</data></node>\n"
#define SAYS(source, target, stance) \
  "<edge source='" source "' target='" target "'><data key='ek'>statement</data>" \
  "<data key='et'>" stance "</data><data key='eq'>words</data></edge>\n"

static const char sample[] =
  KEYS
  NODE ("kallas", "Kaja Kallas", "person")
  NODE ("lavrov", "Sergei Lavrov", "person")
  NODE ("g8", "Russia’s return to the G8", "issue")
  NODE ("plan", "Peace plan", "issue")
  SAYS ("kallas", "g8", "opposes")
  SAYS ("lavrov", "g8", "supports")
  SAYS ("lavrov", "plan", "conditional")
  SAYS ("lavrov", "plan", "supports")
  SAYS ("lavrov", "plan", "supports")
  "</graph></graphml>\n";

static const char without_stances[] =
  KEYS
  NODE ("kallas", "Kaja Kallas", "person")
  NODE ("g8", "Russia’s return to the G8", "issue")
  "<edge source='kallas' target='g8'><data key='ek'>statement</data></edge>\n"
  "</graph></graphml>\n";

static GtkWidget *window;
static AmPositionsView *view;

static void
iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
wait_for_allocation (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!(gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (gtk_widget_get_mapped (widget));
  iterate ();
}

static AmMapDocument *
document_from (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  AmGraph *graph = am_graphml_read_bytes (bytes, "test.graphml", &error);

  g_assert_no_error (error);
  g_assert_true (am_map_loader_prepare (graph, NULL));
  return am_map_document_new (graph, NULL);
}

static GtkWidget *
grid_widget (void)
{
  return GTK_WIDGET (am_positions_view_get_grid (view));
}

static void
move (int rows,
      int columns)
{
  g_assert_true (gtk_widget_activate_action (grid_widget (), "positions.move", "(ii)",
                                             rows, columns));
}

static void
assert_focus (guint row,
              guint column)
{
  guint focus_row = 99, focus_column = 99;

  g_assert_true (am_positions_grid_get_focus_cell (am_positions_view_get_grid (view),
                                                   &focus_row, &focus_column));
  g_assert_cmpuint (focus_row, ==, row);
  g_assert_cmpuint (focus_column, ==, column);
}

/* Saves what the view shows, when asked to. */
static void
maybe_save_screenshot (const char *name)
{
  const char *dir = g_getenv ("AM_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);

  if (dir == NULL)
    return;

  paintable = gtk_widget_paintable_new (window);
  /* A page just shown has no render node until its first frame. */
  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      gtk_widget_queue_draw (window);
      g_usleep (20000);
      iterate ();
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Every cell is reached with the arrow keys and named for screen readers. */
static void
test_keyboard_walk (void)
{
  g_autoptr(AmMapDocument) document = document_from (sample);
  AmPositionsGrid *grid;
  const AmPositions *positions;
  guint n_rows, n_columns;
  gboolean met_kallas = FALSE;

  am_positions_view_set_document (view, document);
  am_positions_view_set_order (view, AM_POSITIONS_ORDER_NAME);
  grid = am_positions_view_get_grid (view);
  positions = am_positions_grid_get_positions (grid);
  g_assert_true (am_positions_view_has_positions (view));
  n_rows = am_positions_get_n_rows (positions);
  n_columns = am_positions_get_n_columns (positions);
  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_cmpuint (n_columns, ==, 2);

  gtk_widget_grab_focus (grid_widget ());
  g_assert_false (am_positions_grid_get_focus_cell (grid, NULL, NULL));
  move (0, 1);
  assert_focus (0, 0);

  for (guint row = 0; row < n_rows; row++)
    {
      for (guint column = 0; column < n_columns; column++)
        {
          g_autofree char *name = am_positions_describe_cell (positions, row, column);

          assert_focus (row, column);
          gtk_test_accessible_assert_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                               name);
          if (strcmp (name, "Kaja Kallas on Russia’s return to the G8: opposes, 1 statement") == 0)
            met_kallas = TRUE;
          if (column + 1 < n_columns)
            move (0, 1);
        }
      /* Home goes back to the first column, then down a row. */
      move (0, -G_MAXINT / 2);
      assert_focus (row, 0);
      move (1, 0);
    }
  g_assert_true (met_kallas);
  /* The edges hold. */
  assert_focus (n_rows - 1, 0);
  move (0, -1);
  assert_focus (n_rows - 1, 0);

  /* The description carries the statements. */
  {
    AmGraph *graph = am_map_document_get_graph (document);

    am_positions_grid_set_focus_cell (grid,
                                      (guint) am_positions_find_row (positions,
                                                                     am_graph_find_node_by_id (graph, "lavrov")),
                                      (guint) am_positions_find_column (positions,
                                                                        am_graph_find_node_by_id (graph, "plan")));
  }
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Sergei Lavrov on Peace plan: mixed, mostly supports, "
                                       "3 statements");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Sergei Lavrov on Peace plan: mixed, mostly supports, "
                                       "3 statements\n"
                                       "“words” · Conditional\n"
                                       "“words” · Supports\n"
                                       "“words” · Supports");

  am_positions_view_set_document (view, NULL);
}

static void
on_cell_activated_cb (AmPositionsView *emitter,
                      guint            actor,
                      guint            issue,
                      guint           *out)
{
  out[0] = actor;
  out[1] = issue;
}

/* Enter selects the actor and says which cell it was. */
static void
test_activate (void)
{
  g_autoptr(AmMapDocument) document = document_from (sample);
  AmGraph *graph = am_map_document_get_graph (document);
  const AmPositions *positions;
  guint activated[2] = { AM_NO_INDEX, AM_NO_INDEX };
  guint32 kallas = am_graph_find_node_by_id (graph, "kallas");
  guint32 g8 = am_graph_find_node_by_id (graph, "g8");
  gulong handler;

  am_positions_view_set_document (view, document);
  positions = am_positions_grid_get_positions (am_positions_view_get_grid (view));
  handler = g_signal_connect (view, "cell-activated", G_CALLBACK (on_cell_activated_cb), activated);

  am_positions_grid_set_focus_cell (am_positions_view_get_grid (view),
                                    (guint) am_positions_find_row (positions, kallas),
                                    (guint) am_positions_find_column (positions, g8));
  g_assert_true (gtk_widget_activate_action (grid_widget (), "positions.activate", NULL));
  g_assert_cmpuint (activated[0], ==, kallas);
  g_assert_cmpuint (activated[1], ==, g8);
  g_assert_cmpuint (am_map_document_get_selected_node (document), ==, kallas);

  g_signal_handler_disconnect (view, handler);
  am_positions_view_set_document (view, NULL);
}

static GtkGesture *
click_gesture (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      /* The widget keeps its own reference. */
      if (GTK_IS_GESTURE_CLICK (controller))
        return GTK_GESTURE (controller);
    }
  return NULL;
}

/* Clicking an actor's name selects the actor, as a cell of the row does,
 * and says no issue; the column headers and the cells are not names. */
static void
test_click_name (void)
{
  g_autoptr(AmMapDocument) document = document_from (sample);
  AmGraph *graph = am_map_document_get_graph (document);
  AmPositionsGrid *grid;
  const AmPositions *positions;
  guint activated[2] = { AM_NO_INDEX, AM_NO_INDEX };
  guint32 lavrov = am_graph_find_node_by_id (graph, "lavrov");
  graphene_rect_t area;
  GtkGesture *gesture;
  guint row = G_MAXUINT, column;
  double name_x, name_y;
  gulong handler;

  am_positions_view_set_document (view, document);
  grid = am_positions_view_get_grid (view);
  positions = am_positions_grid_get_positions (grid);
  wait_for_allocation (grid_widget ());
  handler = g_signal_connect (view, "cell-activated", G_CALLBACK (on_cell_activated_cb), activated);

  /* Left of Lavrov's first cell, halfway down it: his name. */
  g_assert_true (am_positions_grid_get_cell_area (grid, (guint) am_positions_find_row (positions, lavrov),
                                                  0, &area));
  name_x = area.origin.x / 2;
  name_y = area.origin.y + area.size.height / 2;
  g_assert_true (am_positions_grid_pick_row_header (grid, name_x, name_y, &row));
  g_assert_cmpint ((int) row, ==, am_positions_find_row (positions, lavrov));
  g_assert_false (am_positions_grid_pick (grid, name_x, name_y, &row, &column));
  /* Not the cells, nor the column headers above the names. */
  g_assert_false (am_positions_grid_pick_row_header (grid, area.origin.x + 1, name_y, &row));
  g_assert_false (am_positions_grid_pick_row_header (grid, name_x, area.origin.y - area.size.height - 1,
                                                     &row));

  gesture = click_gesture (grid_widget ());
  g_assert_nonnull (gesture);
  g_assert_cmpuint (am_map_document_get_selected_node (document), ==, AM_NO_INDEX);
  g_signal_emit_by_name (gesture, "pressed", 1, name_x, name_y);
  g_assert_cmpuint (am_map_document_get_selected_node (document), ==, lavrov);
  g_assert_cmpuint (activated[0], ==, lavrov);
  g_assert_cmpuint (activated[1], ==, AM_NO_INDEX);

  g_signal_handler_disconnect (view, handler);
  am_positions_view_set_document (view, NULL);
}

/* A new order keeps the focus on the same actor and issue. */
static void
test_order_keeps_focus (void)
{
  g_autoptr(AmMapDocument) document = document_from (sample);
  AmGraph *graph = am_map_document_get_graph (document);
  AmPositionsGrid *grid;
  const AmPositions *positions;
  guint32 lavrov = am_graph_find_node_by_id (graph, "lavrov");
  guint row, column;

  am_positions_view_set_document (view, document);
  grid = am_positions_view_get_grid (view);
  positions = am_positions_grid_get_positions (grid);
  am_positions_view_set_order (view, AM_POSITIONS_ORDER_NAME);
  am_positions_grid_set_focus_cell (grid, (guint) am_positions_find_row (positions, lavrov), 0);

  am_positions_view_set_order (view, AM_POSITIONS_ORDER_AFFILIATION);
  g_assert_cmpint (am_positions_view_get_order (view), ==, AM_POSITIONS_ORDER_AFFILIATION);
  g_assert_true (am_positions_grid_get_focus_cell (grid, &row, &column));
  g_assert_cmpuint (am_positions_get_actor (positions, row), ==, lavrov);

  am_positions_view_set_document (view, NULL);
}

/* A map without stances says what the view needs. */
static void
test_status_page (void)
{
  g_autoptr(AmMapDocument) document = document_from (without_stances);
  GtkWidget *stack = adw_bin_get_child (ADW_BIN (view));

  am_positions_view_set_document (view, document);
  g_assert_false (am_positions_view_has_positions (view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  g_assert_true (ADW_IS_STATUS_PAGE (gtk_stack_get_visible_child (GTK_STACK (stack))));
  maybe_save_screenshot ("positions-empty.png");

  am_positions_view_set_document (view, NULL);
  g_assert_false (am_positions_view_has_positions (view));
}

/* The bundled map, scrolled to its far corner, light and dark. */
static void
test_bundled_map (void)
{
  g_autoptr(GError) error = NULL;
  AmGraph *graph = am_map_loader_load (NULL, NULL, &error);
  g_autoptr(AmMapDocument) document = NULL;
  AmPositionsGrid *grid;
  const AmPositions *positions;
  graphene_rect_t area;
  guint n_rows, n_columns;
  guint row, column;

  g_assert_no_error (error);
  document = am_map_document_new (graph, NULL);
  am_positions_view_set_document (view, document);
  am_positions_view_set_order (view, AM_POSITIONS_ORDER_SIMILARITY);
  g_assert_true (am_positions_view_has_positions (view));
  grid = am_positions_view_get_grid (view);
  positions = am_positions_grid_get_positions (grid);
  n_rows = am_positions_get_n_rows (positions);
  n_columns = am_positions_get_n_columns (positions);
  wait_for_allocation (grid_widget ());

  am_map_document_set_selected_node (document, am_positions_get_actor (positions, 0));
  maybe_save_screenshot ("positions-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  maybe_save_screenshot ("positions-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* The last cell, brought into view beside the headers. */
  gtk_widget_grab_focus (grid_widget ());
  am_positions_grid_set_focus_cell (grid, n_rows - 1, n_columns - 1);
  g_assert_true (am_positions_grid_get_cell_area (grid, n_rows - 1, n_columns - 1, &area));
  g_assert_cmpfloat (area.origin.x + area.size.width, <=, gtk_widget_get_width (grid_widget ()));
  g_assert_cmpfloat (area.origin.y + area.size.height, <=, gtk_widget_get_height (grid_widget ()));
  g_assert_true (am_positions_grid_pick (grid, area.origin.x + area.size.width / 2,
                                         area.origin.y + area.size.height / 2, &row, &column));
  g_assert_cmpuint (row, ==, n_rows - 1);
  g_assert_cmpuint (column, ==, n_columns - 1);
  /* And back to the first, which the headers must not cover. */
  am_positions_grid_set_focus_cell (grid, 0, 0);
  g_assert_true (am_positions_grid_pick (grid, 0, 0, &row, &column) == FALSE);
  g_assert_true (am_positions_grid_get_cell_area (grid, 0, 0, &area));
  g_assert_true (am_positions_grid_pick (grid, area.origin.x + 1, area.origin.y + 1, &row, &column));
  g_assert_cmpuint (row + column, ==, 0);
  am_positions_grid_set_focus_cell (grid, n_rows - 1, n_columns - 1);
  maybe_save_screenshot ("positions-scrolled.png");

  am_positions_view_set_document (view, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GTK_A11Y", "test", TRUE);
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  view = AM_POSITIONS_VIEW (am_positions_view_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_allocation (GTK_WIDGET (view));

  g_test_add_func ("/positions-view/keyboard-walk", test_keyboard_walk);
  g_test_add_func ("/positions-view/activate", test_activate);
  g_test_add_func ("/positions-view/click-name", test_click_name);
  g_test_add_func ("/positions-view/order-keeps-focus", test_order_keeps_focus);
  g_test_add_func ("/positions-view/status-page", test_status_page);
  g_test_add_func ("/positions-view/bundled-map", test_bundled_map);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();

  return status;
}

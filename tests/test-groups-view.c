/* test-groups-view.c: groups collapsed and expanded in the window
 * (needs a display)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4 cannot make input events: a double click is the click gesture's
 * ::pressed with two presses, as GTK emits it.
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include <adwaita.h>

#include "am-details-panel.h"
#include "am-graph-view-private.h"
#include "am-map-loader.h"

static GtkWidget *window;
static AmGraphView *view;
static AmDetailsPanel *panel;
static AmMapDocument *document;

static void
iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
wait_for_allocation (void)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!(gtk_widget_get_mapped (GTK_WIDGET (view)) &&
           gtk_widget_get_width (GTK_WIDGET (view)) > 0) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  iterate ();
}

static guint
node_by_id (const char *id)
{
  AmGraph *graph = am_map_document_get_graph (document);
  guint node = am_graph_find_node_by_id (graph, id);

  g_assert_cmpuint (node, <, am_graph_get_n_nodes (graph));
  return node;
}

/* Where on the view a point of @node's box is: @fx and @fy from -1 to 1
 * across it. */
static void
point_in_node (guint   node,
               double  fx,
               double  fy,
               double *x,
               double *y)
{
  const AmNode *n = am_graph_get_node (am_map_document_get_graph (document), node);
  AmRenderOptions options;

  am_graph_view_get_render_options (view, &options);
  *x = (n->x + fx * n->width / 2) * options.transform.scale + options.transform.offset_x;
  *y = (n->y + fy * n->height / 2) * options.transform.scale + options.transform.offset_y;
}

/* A point of @group's box, in the widget, that no other node's box
 * covers: where a click means the box itself. */
static void
point_in_group_only (guint   group,
                     double *x,
                     double *y)
{
  AmGraph *graph = am_map_document_get_graph (document);
  const AmNode *g = am_graph_get_node (graph, group);
  AmRenderOptions options;
  double legend_width = 0, legend_height = 0;
  g_autoptr(GArray) labels = NULL;

  am_graph_view_get_render_options (view, &options);
  if (options.draw_legend)
    am_render_get_legend_size (graph, &options, &legend_width, &legend_height);
  labels = am_render_get_label_boxes (graph, &options, legend_width, legend_height);

  for (double fy = 0.9; fy > -0.95; fy -= 0.1)
    for (double fx = -0.9; fx < 0.95; fx += 0.1)
      {
        double wx = g->x + fx * g->width / 2, wy = g->y + fy * g->height / 2;
        gboolean covered = FALSE;

        for (guint i = 0; i < am_graph_get_n_nodes (graph) && !covered; i++)
          {
            const AmNode *n = am_graph_get_node (graph, i);

            covered = i != group &&
                      fabs (wx - n->x) <= n->width / 2 + 2 && fabs (wy - n->y) <= n->height / 2 + 2;
          }
        if (covered)
          continue;
        point_in_node (group, fx, fy, x, y);
        /* Nor any label, which picks its node too. */
        for (guint i = 0; i < labels->len && !covered; i++)
          {
            const AmLabelBox *box = &g_array_index (labels, AmLabelBox, i);

            covered = box->node != group &&
                      *x >= box->x - 2 && *x <= box->x + box->width + 2 &&
                      *y >= box->y - 2 && *y <= box->y + box->height + 2;
          }
        if (!covered)
          return;
      }

  g_assert_not_reached ();
}

static void
double_click (double x,
              double y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  gboolean found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_GESTURE_CLICK (controller))
        continue;
      g_signal_emit_by_name (controller, "pressed", 2, x, y);
      found = TRUE;
    }
  g_assert_true (found);
  iterate ();
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_double_click_toggles (void)
{
  guint government = node_by_id ("government");
  guint minister = node_by_id ("minister");
  double x, y, mx, my;

  /* Where no member lies: the box, not a member. */
  point_in_group_only (government, &x, &y);
  g_assert_cmpuint (am_graph_view_pick_node (view, x, y), ==, government);
  point_in_node (minister, 0, 0, &mx, &my);
  g_assert_cmpuint (am_graph_view_pick_node (view, mx, my), ==, minister);

  double_click (x, y);
  g_assert_true (am_map_document_get_group_collapsed (document, government));
  g_assert_cmpuint (am_map_document_get_selected_node (document), ==, government);
  /* The member is gone from under the pointer. */
  g_assert_cmpuint (am_graph_view_pick_node (view, mx, my), !=, minister);

  /* Again on the collapsed group, at its centre. */
  point_in_node (government, 0, 0, &x, &y);
  g_assert_cmpuint (am_graph_view_pick_node (view, x, y), ==, government);
  double_click (x, y);
  g_assert_false (am_map_document_get_group_collapsed (document, government));
  /* Choosing the group may have moved the view: where the member is now. */
  point_in_node (minister, 0, 0, &mx, &my);
  g_assert_cmpuint (am_graph_view_pick_node (view, mx, my), ==, minister);
}

static void
test_panel_button (void)
{
  guint coalition = node_by_id ("coalition");
  GtkWidget *button;

  am_map_document_set_selected_node (document, node_by_id ("press"));
  iterate ();
  g_assert_null (find_button (GTK_WIDGET (panel), "Collapse Group"));

  am_map_document_set_selected_node (document, coalition);
  iterate ();
  button = find_button (GTK_WIDGET (panel), "Collapse Group");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_focusable (button) || gtk_widget_get_can_focus (button));

  g_signal_emit_by_name (button, "clicked");
  iterate ();
  g_assert_true (am_map_document_get_group_collapsed (document, coalition));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Expand Group");

  g_signal_emit_by_name (button, "clicked");
  iterate ();
  g_assert_false (am_map_document_get_group_collapsed (document, coalition));
}

static void
test_choosing_hidden_member (void)
{
  guint party = node_by_id ("party");
  guint coalition = node_by_id ("coalition");
  guint deputy = node_by_id ("deputy");
  double x, y;

  am_map_document_set_group_collapsed (document, party, TRUE);
  am_map_document_set_group_collapsed (document, coalition, TRUE);
  iterate ();
  point_in_node (deputy, 0, 0, &x, &y);
  g_assert_cmpuint (am_graph_view_pick_node (view, x, y), !=, deputy);

  /* As the list and the search choose it. */
  am_map_document_set_selected_node (document, deputy);
  iterate ();
  g_assert_false (am_map_document_get_group_collapsed (document, coalition));
  g_assert_false (am_map_document_get_group_collapsed (document, party));
  point_in_node (deputy, 0, 0, &x, &y);
  g_assert_cmpuint (am_graph_view_pick_node (view, x, y), ==, deputy);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWidget *box;
  AmGraph *graph;
  int status;

  g_setenv ("GTK_A11Y", "test", TRUE);
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The view moves to a chosen group at once, not over a glide that a
   * busy machine stretches past the checks. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  path = g_test_build_filename (G_TEST_DIST, "nested-groups.graphml", NULL);
  graph = am_map_loader_load (path, NULL, &error);
  g_assert_no_error (error);
  document = am_map_document_new (graph, NULL);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 640);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  view = AM_GRAPH_VIEW (am_graph_view_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (view), TRUE);
  am_graph_view_set_document (view, document);
  panel = AM_DETAILS_PANEL (am_details_panel_new ());
  gtk_widget_set_size_request (GTK_WIDGET (panel), 300, -1);
  am_details_panel_set_document (panel, document);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (panel));
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_allocation ();

  g_test_add_func ("/groups-view/double-click-toggles", test_double_click_toggles);
  g_test_add_func ("/groups-view/panel-button", test_panel_button);
  g_test_add_func ("/groups-view/choosing-hidden-member", test_choosing_hidden_member);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_assert_finalize_object (document);

  return status;
}

/* test-graph-view.c: the map canvas, in a window (needs a display)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4 cannot make input events, so pointer and key handling is tested
 * through what it calls: picking, zooming, focus movement and the view's
 * actions. The events themselves were tried by hand with xdotool.
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include <adwaita.h>

#include "am-graph-view-private.h"
#include "am-map-loader.h"
#include "am-spatial-index.h"

#define WINDOW_WIDTH  900
#define WINDOW_HEIGHT 640

static GtkWidget *window;
static AmGraphView *view;
static AmMapDocument *document;

static void
iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Until the map has glided to a chosen node. */
static void
wait_for_reveal (void)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (view->reveal_tick != 0 && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_cmpuint (view->reveal_tick, ==, 0);
}

/* Until the view is on screen and has its size. */
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

static AmGraph *
get_graph (void)
{
  return am_map_document_get_graph (document);
}

static void
node_position (guint   node,
               double *x,
               double *y)
{
  const AmNode *n = am_graph_get_node (get_graph (), node);
  AmRenderOptions options;

  am_graph_view_get_render_options (view, &options);
  *x = n->x * options.transform.scale + options.transform.offset_x;
  *y = n->y * options.transform.scale + options.transform.offset_y;
}

static double
view_width (void)
{
  return gtk_widget_get_width (GTK_WIDGET (view));
}

static double
view_height (void)
{
  return gtk_widget_get_height (GTK_WIDGET (view));
}

static void
reset_document (void)
{
  am_map_document_set_selected_node (document, AM_NO_INDEX);
  am_map_document_set_hover_node (document, AM_NO_INDEX);
  am_map_document_set_lens_issue (document, AM_NO_INDEX);
  am_map_document_set_hidden_edge_kinds (document, 0);
  am_map_document_set_show_issues (document, TRUE);
  am_graph_view_zoom_fit (view);
}

/* Shown whole at first. The legend, a third as wide as a canvas of this
 * size, is folded to its button, which covers less than it would. */
static void
test_fits_when_shown (void)
{
  AmRenderOptions options;
  double legend_width = 0;
  graphene_rect_t free_area;

  am_graph_view_get_render_options (view, &options);
  g_assert_cmpfloat (options.width, ==, view_width ());
  g_assert_cmpfloat (options.height, ==, view_height ());
  g_assert_false (options.draw_legend);
  am_graph_view_get_free_area (view, &free_area);
  g_assert_cmpfloat (free_area.size.width * free_area.size.height, >,
                     0.8 * view_width () * view_height ());

  for (guint i = 0; i < am_graph_get_n_nodes (get_graph ()); i++)
    {
      double x, y;

      node_position (i, &x, &y);
      g_assert_cmpfloat (x, >, legend_width);
      g_assert_cmpfloat (x, <, view_width ());
      g_assert_cmpfloat (y, >, 0);
      g_assert_cmpfloat (y, <, view_height ());
    }
}

static void
test_pick_at_zooms (void)
{
  const double zooms[] = { 0.5, 1, 3 };
  AmGraph *graph = get_graph ();

  reset_document ();

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      am_graph_view_set_zoom (view, zooms[z]);
      g_assert_cmpfloat_with_epsilon (am_graph_view_get_zoom (view), zooms[z], 1e-9);

      /* Every centre in view, as the view is after zooming from the fit. */
      {
        AmRenderOptions options;
        double legend_width, legend_height;
        guint n_checked = 0;

        am_graph_view_get_render_options (view, &options);
        am_render_get_legend_size (graph, &options, &legend_width, &legend_height);
        for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
          {
            double x, y;

            node_position (i, &x, &y);
            if (x < 0 || y < 0 || x >= view_width () || y >= view_height () ||
                (x <= AM_RENDER_LEGEND_MARGIN + legend_width &&
                 y <= AM_RENDER_LEGEND_MARGIN + legend_height))
              continue;
            g_assert_cmpuint (am_graph_view_pick_node (view, x, y), ==, i);
            n_checked++;
          }
        g_assert_cmpuint (n_checked, >, 2);
        g_test_message ("zoom %g: %u centres in view picked", zooms[z], n_checked);
      }

      /* And each one brought into the middle. */
      for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
        {
          double x, y;

          am_graph_view_center_on_node (view, i);
          node_position (i, &x, &y);
          g_assert_cmpuint (am_graph_view_pick_node (view, x, y), ==, i);
        }
      am_graph_view_zoom_fit (view);

      /* Where there is nothing, nothing. */
      {
        AmRenderOptions options;
        double bx, by, bw, bh;

        am_graph_view_get_render_options (view, &options);
        am_render_get_bounds (graph, &bx, &by, &bw, &bh);
        am_graph_view_center_on_node (view, 0);
        am_graph_view_get_render_options (view, &options);
        g_assert_cmpuint (am_graph_view_pick_node (view,
                                                   (bx - 200) * options.transform.scale +
                                                   options.transform.offset_x,
                                                   (by - 200) * options.transform.scale +
                                                   options.transform.offset_y),
                          ==, AM_NO_INDEX);
      }
    }
}

/* The pick hides what is under the legend. */
static void
test_pick_not_through_legend (void)
{
  AmGraph *graph = get_graph ();
  AmRenderOptions options;
  double legend_width, legend_height, x, y;

  reset_document ();
  am_graph_view_set_zoom (view, 1);
  am_graph_view_get_render_options (view, &options);
  am_render_get_legend_size (graph, &options, &legend_width, &legend_height);
  g_assert_cmpfloat (legend_width, >, 0);

  /* Pan so that node 0 sits in the middle of the legend. */
  am_graph_view_center_on_node (view, 0);
  node_position (0, &x, &y);
  g_assert_cmpuint (am_graph_view_pick_node (view, x, y), ==, 0);
  {
    double target_x = AM_RENDER_LEGEND_MARGIN + legend_width / 2;
    double target_y = AM_RENDER_LEGEND_MARGIN + legend_height / 2;
    double zoom = am_graph_view_get_zoom (view);

    /* Zooming around a point moves the rest radially: zoom out and
     * back in around the right points to land node 0 on the target. */
    am_graph_view_zoom_around (view, zoom * 2, 2 * x - target_x, 2 * y - target_y);
    am_graph_view_zoom_around (view, zoom, target_x, target_y);
    node_position (0, &x, &y);
    g_assert_cmpfloat (fabs (x - target_x), <, 0.5);
    g_assert_cmpfloat (fabs (y - target_y), <, 0.5);
    g_assert_cmpuint (am_graph_view_pick_node (view, x, y), ==, AM_NO_INDEX);
  }
}

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_zoom (void)
{
  AmGraph *graph = get_graph ();
  AmRenderOptions options;
  guint notified = 0;
  gulong handler;
  double zoom, x, y, wx, wy;

  reset_document ();
  handler = g_signal_connect (view, "notify::zoom", G_CALLBACK (on_notify_count), &notified);

  am_graph_view_set_zoom (view, 1);
  zoom = am_graph_view_get_zoom (view);
  am_graph_view_zoom_in (view);
  g_assert_cmpfloat (am_graph_view_get_zoom (view), >, zoom * 1.1);
  am_graph_view_zoom_out (view);
  g_assert_cmpfloat_with_epsilon (am_graph_view_get_zoom (view), zoom, 1e-9);
  g_assert_cmpuint (notified, >=, 3);

  /* The property is the same zoom. */
  g_object_set (view, "zoom", 2.0, NULL);
  g_assert_cmpfloat_with_epsilon (am_graph_view_get_zoom (view), 2.0, 1e-9);

  /* Zooming around a point keeps what is under it. */
  am_graph_view_get_render_options (view, &options);
  x = 123;
  y = 234;
  wx = (x - options.transform.offset_x) / options.transform.scale;
  wy = (y - options.transform.offset_y) / options.transform.scale;
  am_graph_view_zoom_around (view, 3.5, x, y);
  am_graph_view_get_render_options (view, &options);
  g_assert_cmpfloat_with_epsilon (options.transform.scale, 3.5, 1e-9);
  g_assert_cmpfloat (fabs (wx * options.transform.scale + options.transform.offset_x - x), <, 1e-6);
  g_assert_cmpfloat (fabs (wy * options.transform.scale + options.transform.offset_y - y), <, 1e-6);

  /* Within a sane range. */
  am_graph_view_set_zoom (view, 1e6);
  g_assert_cmpfloat (am_graph_view_get_zoom (view), <=, 16);
  g_assert_cmpfloat (am_graph_view_get_zoom (view), >=, 8);
  am_graph_view_set_zoom (view, 1e-9);
  g_assert_cmpfloat (am_graph_view_get_zoom (view), >, 0.01);
  g_assert_cmpfloat (am_graph_view_get_zoom (view), <=, 0.25);
  am_graph_view_set_zoom (view, NAN);
  g_assert_true (isfinite (am_graph_view_get_zoom (view)));

  /* The keys' actions. */
  am_graph_view_set_zoom (view, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.zoom-in", NULL));
  g_assert_cmpfloat (am_graph_view_get_zoom (view), >, 1.1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.zoom-out", NULL));
  g_assert_cmpfloat (am_graph_view_get_zoom (view), <, 0.9);

  /* Fit: everything in the allocation again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.zoom-fit", NULL));
  for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
    {
      node_position (i, &x, &y);
      g_assert_cmpfloat (x, >, 0);
      g_assert_cmpfloat (x, <, view_width ());
      g_assert_cmpfloat (y, >, 0);
      g_assert_cmpfloat (y, <, view_height ());
    }
  am_graph_view_get_render_options (view, &options);
  zoom = options.transform.scale;
  am_graph_view_set_zoom (view, 5);
  am_graph_view_zoom_fit (view);
  g_assert_cmpfloat_with_epsilon (am_graph_view_get_zoom (view), zoom, 1e-9);

  g_signal_handler_disconnect (view, handler);
}

static void
test_center_on_node (void)
{
  AmGraph *graph = get_graph ();

  reset_document ();
  am_graph_view_set_zoom (view, 2);

  for (guint i = 0; i < am_graph_get_n_nodes (graph); i += 3)
    {
      double x, y;

      am_graph_view_center_on_node (view, i);
      node_position (i, &x, &y);
      g_assert_cmpfloat (fabs (x - view_width () / 2), <, 0.5);
      g_assert_cmpfloat (fabs (y - view_height () / 2), <, 0.5);
    }

  /* Out of range: nothing happens. */
  am_graph_view_center_on_node (view, 100000);
}

static guint
selected (void)
{
  return am_map_document_get_selected_node (document);
}

static void
on_node_activated (AmGraphView *v,
                   guint        node,
                   guint       *activated)
{
  *activated = node;
}

static void
test_keyboard (void)
{
  AmGraph *graph = get_graph ();
  const AmNode *from, *to;
  guint activated = AM_NO_INDEX;
  guint n_steps = 0;
  gulong handler;

  reset_document ();
  am_graph_view_set_zoom (view, 1.5);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (view)));

  /* With nothing selected, Tab moves on. */
  g_assert_false (gtk_widget_child_focus (GTK_WIDGET (view), GTK_DIR_TAB_FORWARD));
  g_assert_false (gtk_widget_child_focus (GTK_WIDGET (view), GTK_DIR_TAB_BACKWARD));
  g_assert_cmpuint (selected (), ==, AM_NO_INDEX);

  /* An arrow selects; the next one goes in its direction. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (view), GTK_DIR_RIGHT));
  g_assert_cmpuint (selected (), !=, AM_NO_INDEX);

  {
    const struct { GtkDirectionType direction; double dx, dy; } steps[] = {
      { GTK_DIR_RIGHT, 1, 0 }, { GTK_DIR_DOWN, 0, 1 }, { GTK_DIR_LEFT, -1, 0 },
      { GTK_DIR_UP, 0, -1 }, { GTK_DIR_LEFT, -1, 0 }, { GTK_DIR_UP, 0, -1 },
      { GTK_DIR_RIGHT, 1, 0 }, { GTK_DIR_DOWN, 0, 1 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        guint before = selected ();

        g_assert_true (gtk_widget_child_focus (GTK_WIDGET (view), steps[i].direction));
        if (selected () == before)
          continue;   /* nothing further that way */

        n_steps++;
        from = am_graph_get_node (graph, before);
        to = am_graph_get_node (graph, selected ());
        g_assert_cmpfloat ((to->x - from->x) * steps[i].dx + (to->y - from->y) * steps[i].dy, >, 0);

        /* The selection is kept in view, once the map has glided there. */
        {
          double x, y;

          wait_for_reveal ();
          node_position (selected (), &x, &y);
          g_assert_cmpfloat (x, >=, 0);
          g_assert_cmpfloat (x, <=, view_width ());
          g_assert_cmpfloat (y, >=, 0);
          g_assert_cmpfloat (y, <=, view_height ());
        }
      }
  }
  g_assert_cmpuint (n_steps, >=, 4);
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (view)));

  /* Tab walks through the nodes by label, to the end, then moves on;
   * Shift+Tab walks back to the first label. */
  {
    guint n_nodes = am_graph_get_n_nodes (graph), n_tabs = 0;
    guint previous = selected ();
    g_autofree char *first_key = NULL;

    while (gtk_widget_child_focus (GTK_WIDGET (view), GTK_DIR_TAB_FORWARD))
      {
        g_autofree char *a = g_utf8_collate_key (am_graph_get_node (graph, previous)->label, -1);
        g_autofree char *b = g_utf8_collate_key (am_graph_get_node (graph, selected ())->label, -1);

        g_assert_cmpstr (a, <=, b);
        previous = selected ();
        g_assert_cmpuint (++n_tabs, <, n_nodes);
      }
    /* At the end the selection stays where it was. */
    g_assert_cmpuint (selected (), ==, previous);
    g_assert_true (gtk_widget_is_focus (GTK_WIDGET (view)));

    while (gtk_widget_child_focus (GTK_WIDGET (view), GTK_DIR_TAB_BACKWARD))
      g_assert_cmpuint (++n_tabs, <, 3 * n_nodes);

    first_key = g_utf8_collate_key (am_graph_get_node (graph, selected ())->label, -1);
    for (guint i = 0; i < n_nodes; i++)
      {
        g_autofree char *key = g_utf8_collate_key (am_graph_get_node (graph, i)->label, -1);

        g_assert_cmpstr (first_key, <=, key);
      }
  }

  /* Enter activates the selection. */
  handler = g_signal_connect (view, "node-activated", G_CALLBACK (on_node_activated), &activated);
  am_map_document_set_selected_node (document, 5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.activate-selection", NULL));
  g_assert_cmpuint (activated, ==, 5);

  /* Escape clears it; then Tab leaves again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.clear-selection", NULL));
  g_assert_cmpuint (selected (), ==, AM_NO_INDEX);
  g_assert_false (gtk_widget_child_focus (GTK_WIDGET (view), GTK_DIR_TAB_FORWARD));

  /* Nothing to activate. */
  activated = AM_NO_INDEX;
  gtk_widget_activate_action (GTK_WIDGET (view), "view.activate-selection", NULL);
  g_assert_cmpuint (activated, ==, AM_NO_INDEX);
  g_signal_handler_disconnect (view, handler);

  /* Hidden issues are skipped. */
  am_map_document_set_show_issues (document, FALSE);
  am_map_document_set_selected_node (document, 0);
  while (gtk_widget_child_focus (GTK_WIDGET (view), GTK_DIR_TAB_FORWARD))
    g_assert_cmpint (am_graph_get_node (graph, selected ())->kind, !=, AM_NODE_KIND_ISSUE);
  am_map_document_set_show_issues (document, TRUE);
}

static void
test_follows_document (void)
{
  AmGraph *graph = get_graph ();
  AmRenderOptions options;
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  reset_document ();
  am_map_document_set_selected_node (document, 3);
  am_map_document_set_hover_node (document, 4);
  am_map_document_set_lens_issue (document, 22);
  am_map_document_set_hidden_edge_kinds (document, 1u << AM_EDGE_KIND_TALKS);
  am_map_document_set_show_issues (document, FALSE);

  am_graph_view_get_render_options (view, &options);
  g_assert_cmpuint (options.selected_node, ==, 3);
  g_assert_cmpuint (options.hover_node, ==, 4);
  g_assert_cmpuint (options.lens_issue, ==, 22);
  g_assert_cmpuint (options.hidden_edge_kinds, ==, 1u << AM_EDGE_KIND_TALKS);
  g_assert_false (options.show_issues);
  g_assert_null (options.index);

  /* The legend folds to a button when asked to. */
  am_graph_view_set_legend_expanded (view, FALSE);
  am_graph_view_get_render_options (view, &options);
  g_assert_false (options.draw_legend);
  am_graph_view_set_legend_expanded (view, TRUE);

  /* Drawn through the snapshot without complaint. */
  gtk_widget_queue_draw (GTK_WIDGET (view));
  iterate ();

  label = g_strdup_printf ("Map of %s", am_map_document_get_title (document));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  description = g_strdup_printf ("Selected: %s", am_graph_get_node (graph, 3)->label);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       description);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_GROUP);

  /* A moved node is picked where it went. */
  {
    const AmNode *node = am_graph_get_node (graph, 7);
    double old_x = node->x, old_y = node->y, x, y;

    am_map_document_set_show_issues (document, TRUE);
    am_map_document_set_hover_node (document, AM_NO_INDEX);
    am_graph_view_set_zoom (view, 1);
    am_graph_view_center_on_node (view, 7);
    node_position (7, &x, &y);
    g_assert_cmpuint (am_graph_view_pick_node (view, x, y), ==, 7);
    am_map_document_move_node (document, 7, old_x + 5000, old_y + 5000);
    am_graph_view_center_on_node (view, 7);
    node_position (7, &x, &y);
    g_assert_cmpuint (am_graph_view_pick_node (view, x, y), ==, 7);
    am_map_document_move_node (document, 7, old_x, old_y);
  }

  reset_document ();
}

static void
test_pick_edge (void)
{
  AmGraph *graph = get_graph ();
  guint n_found = 0;

  reset_document ();
  am_graph_view_set_zoom (view, 1);

  /* The middle of a straight edge between two nodes that have no other
   * edge between them picks it. */
  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);
      double sx, sy, tx, ty;
      guint n_parallel = 0, picked;

      if (edge->source == edge->target)
        continue;
      for (guint j = 0; j < am_graph_get_n_edges (graph); j++)
        {
          const AmEdge *other = am_graph_get_edge (graph, j);

          if ((other->source == edge->source && other->target == edge->target) ||
              (other->source == edge->target && other->target == edge->source))
            n_parallel++;
        }
      if (n_parallel != 1)
        continue;

      am_graph_view_center_on_node (view, edge->source);
      node_position (edge->source, &sx, &sy);
      node_position (edge->target, &tx, &ty);
      if (fabs (tx - sx) > view_width () / 3 || fabs (ty - sy) > view_height () / 3)
        continue;
      if (am_graph_view_pick_node (view, (sx + tx) / 2, (sy + ty) / 2) != AM_NO_INDEX)
        continue;

      picked = am_graph_view_pick_edge (view, (sx + tx) / 2, (sy + ty) / 2);
      /* Another edge may cross right there; mostly it is this one. */
      if (picked == i)
        n_found++;
      g_assert_cmpuint (picked, !=, AM_NO_INDEX);
    }

  g_assert_cmpuint (n_found, >, am_graph_get_n_edges (graph) / 3);
}

/* Large maps */

/* About 10,000 nodes on a jittered grid, each linked to a few nearby
 * ones, and a few far: how laid-out maps look. */
static AmGraph *
new_large_graph (guint n_nodes,
                 guint n_edges)
{
  static const char *affiliations[] = { "Ukraine", "Russia", "United States", "France", NULL };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  AmGraph *graph = am_graph_new ();
  guint side = (guint) ceil (sqrt (n_nodes));

  am_graph_add_subgraph (graph, "G", AM_NO_INDEX, AM_NO_INDEX, TRUE);
  for (guint i = 0; i < n_nodes; i++)
    {
      char text[32];
      guint index;
      AmNode *node;

      g_snprintf (text, sizeof text, "n%u", i);
      index = am_graph_add_node (graph, text, 0);
      node = am_graph_get_node (graph, index);
      g_snprintf (text, sizeof text, "Actor %u", i);
      node->label = am_graph_intern (graph, text);
      node->kind = 1 + i % 5;
      node->affiliation = affiliations[i % G_N_ELEMENTS (affiliations)] != NULL
                          ? am_graph_intern (graph, affiliations[i % G_N_ELEMENTS (affiliations)])
                          : NULL;
      node->x = (i % side) * 70.0 + g_rand_double_range (rand, -20, 20);
      node->y = (i / side) * 70.0 + g_rand_double_range (rand, -20, 20);
      node->flags |= AM_NODE_HAS_POSITION;
    }

  for (guint i = 0; i < n_edges; i++)
    {
      guint source = g_rand_int_range (rand, 0, n_nodes);
      int column = source % side + g_rand_int_range (rand, -3, 4);
      int row = source / side + g_rand_int_range (rand, -3, 4);
      guint target;
      AmEdge *edge;

      if (i % 50 == 0)
        target = g_rand_int_range (rand, 0, n_nodes);
      else
        target = CLAMP (row, 0, (int) side - 1) * side + CLAMP (column, 0, (int) side - 1);
      target = MIN (target, n_nodes - 1);

      edge = am_graph_get_edge (graph, am_graph_add_edge (graph, NULL, source, target, 0, TRUE));
      edge->kind = i % 7 == 0 ? AM_EDGE_KIND_STATEMENT : AM_EDGE_KIND_TALKS + i % 5;
      edge->stance = edge->kind == AM_EDGE_KIND_STATEMENT ? 1 + i % 4 : AM_STANCE_NONE;
    }

  am_render_measure_nodes (graph);
  return graph;
}

/* Generous: a frame or a pick that takes longer is stuck, however busy
 * the machine. */
#define MAX_DRAW_MS        20000.0
#define MAX_MAIN_THREAD_MS 2000.0

static void
assert_time_sane (double ms,
                  double max_ms)
{
  g_assert_true (isfinite (ms));
  g_assert_cmpfloat (ms, >=, 0);
  g_assert_cmpfloat (ms, <, max_ms);
}

static double
time_render (const AmGraph         *graph,
             const AmRenderOptions *options)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  gint64 start;
  double best = G_MAXDOUBLE;

  /* The best of three: the machine may be busy. */
  for (guint run = 0; run < 3; run++)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) options->width,
                                            (int) options->height);
      cr = cairo_create (surface);
      start = g_get_monotonic_time ();
      am_render_to_cairo (graph, options, cr);
      cairo_destroy (cr);
      best = MIN (best, (g_get_monotonic_time () - start) / 1000.0);
      cairo_surface_destroy (surface);
    }

  return best;
}

/* The view's own snapshot, then its nodes drawn the way the Cairo
 * renderer draws them: what a frame costs the main thread. */
static double
time_snapshot (void)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_GET_CLASS (view);
  double best = G_MAXDOUBLE;

  for (guint run = 0; run < 3; run++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      cairo_surface_t *surface;
      GskRenderNode *node;
      gint64 start;
      cairo_t *cr;

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) view_width (),
                                            (int) view_height ());
      cr = cairo_create (surface);
      start = g_get_monotonic_time ();
      widget_class->snapshot (GTK_WIDGET (view), snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      g_assert_nonnull (node);
      gsk_render_node_draw (node, cr);
      gsk_render_node_unref (node);
      best = MIN (best, (g_get_monotonic_time () - start) / 1000.0);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  return best;
}

/* Until the view shows a frame drawn where it now is, and its worker is
 * done (at fit, the index comes after the frame); FALSE if none comes in
 * a while. */
static gboolean
wait_for_sharp_frame (void)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while ((!am_graph_view_is_sharp (view) || view->frame_running) &&
         g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return am_graph_view_is_sharp (view);
}

/* Until the view has an index up to date, which a large map's worker
 * builds once picking asked for it; FALSE if none comes in a while. */
static gboolean
wait_for_index (void)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while ((view->index == NULL || view->index_stale || view->frame_running) &&
         g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return view->index != NULL && !view->index_stale;
}

/* Shows @large in the view, which the tests below each do in turn. */
static void
show_document (AmMapDocument *large)
{
  document = large;
  am_graph_view_set_document (view, large);
}

/* Back to the bundled map, for the tests after; @bundled is given up. */
static void
show_bundled_again (AmMapDocument *bundled)
{
  document = bundled;
  am_graph_view_set_document (view, bundled);
  g_object_unref (bundled);
  iterate ();
}

static void
test_frame_times (void)
{
  const double zooms[] = { 0, 0.25, 1, 3 };   /* 0: fit */
  g_autoptr(AmMapDocument) large = NULL;
  AmMapDocument *bundled = g_object_ref (document);
  AmGraph *graph;
  AmSpatialIndex *index;
  AmRenderOptions options;
  gint64 start;

  reset_document ();
  g_test_message ("bundled map (%u nodes, %u edges), %.0f × %.0f:",
                  am_graph_get_n_nodes (get_graph ()), am_graph_get_n_edges (get_graph ()),
                  view_width (), view_height ());
  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      if (zooms[z] == 0)
        am_graph_view_zoom_fit (view);
      else
        am_graph_view_set_zoom (view, zooms[z]);
      double draw_ms, snapshot_ms;

      am_graph_view_get_render_options (view, &options);
      draw_ms = time_render (get_graph (), &options);
      snapshot_ms = time_snapshot ();
      g_test_message ("  zoom %.3f%s: draw %.1f ms, snapshot %.1f ms", options.transform.scale,
                      zooms[z] == 0 ? " (fit)" : "", draw_ms, snapshot_ms);
      /* Bounds a busy machine keeps by far: they catch a frame that
       * hangs, not one that is slow. */
      assert_time_sane (draw_ms, MAX_DRAW_MS);
      assert_time_sane (snapshot_ms, MAX_DRAW_MS);
      /* The small map is drawn in the snapshot, sharp at once. */
      g_assert_true (am_graph_view_is_sharp (view));
    }

  start = g_get_monotonic_time ();
  graph = new_large_graph (10000, 50000);
  g_test_message ("generated 10k/50k graph in %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  large = am_map_document_new (graph, NULL);

  start = g_get_monotonic_time ();
  index = am_spatial_index_new (graph);
  g_test_message ("spatial index built in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);

  show_document (large);
  g_assert_true (am_graph_view_get_document (view) == large);
  iterate ();

  g_test_message ("10k nodes, 50k edges, %.0f × %.0f:", view_width (), view_height ());
  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      double with_index, without_index, snapshot_ms, pick_ms;
      gint64 pick_start;
      double x, y;

      if (zooms[z] == 0)
        am_graph_view_zoom_fit (view);
      else
        am_graph_view_set_zoom (view, zooms[z]);
      am_graph_view_get_render_options (view, &options);
      without_index = time_render (graph, &options);
      options.index = index;
      with_index = time_render (graph, &options);
      assert_time_sane (without_index, MAX_DRAW_MS);
      assert_time_sane (with_index, MAX_DRAW_MS);

      /* Every sharp frame comes, drawn by the worker in its time. */
      g_assert_true (wait_for_sharp_frame ());
      assert_time_sane (am_graph_view_get_frame_render_time (view), MAX_DRAW_MS);

      am_graph_view_center_on_node (view, 5050);
      node_position (5050, &x, &y);
      /* The first pick asks for the index, unless the frame built one. */
      am_graph_view_pick_node (view, x, y);
      g_assert_true (wait_for_index ());
      pick_start = g_get_monotonic_time ();
      for (guint i = 0; i < 100; i++)
        g_assert_cmpuint (am_graph_view_pick_node (view, x, y), ==, 5050);
      pick_ms = (g_get_monotonic_time () - pick_start) / 1000.0 / 100;
      snapshot_ms = time_snapshot ();
      g_test_message ("  zoom %.3f%s: draw %.1f ms (%.1f ms culled with the index), "
                      "snapshot %.2f ms, pick %.3f ms, frame %.1f ms",
                      options.transform.scale, zooms[z] == 0 ? " (fit)" : "",
                      without_index, with_index, snapshot_ms, pick_ms,
                      am_graph_view_get_frame_render_time (view));
      /* Showing the last frame and picking never wait for a drawing. */
      assert_time_sane (snapshot_ms, MAX_MAIN_THREAD_MS);
      assert_time_sane (pick_ms, MAX_MAIN_THREAD_MS);
    }

  /* Frames come from a worker: wait for one, then let it settle. */
  am_graph_view_zoom_fit (view);
  gtk_widget_queue_draw (GTK_WIDGET (view));
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < G_USEC_PER_SEC / 2)
    g_main_context_iteration (NULL, FALSE);

  /* Moving a node is cheap for the index however big the map. */
  {
    const AmNode *node = am_graph_get_node (graph, 77);
    double x, y;

    am_graph_view_set_zoom (view, 1);
    am_graph_view_center_on_node (view, 77);
    node_position (77, &x, &y);
    g_assert_cmpuint (am_graph_view_pick_node (view, x, y), ==, 77);
    am_map_document_move_node (document, 77, node->x + 30, node->y);
    g_assert_cmpuint (am_graph_view_pick_node (view, x + 30, y), ==, 77);
  }

  am_spatial_index_free (index);

  show_bundled_again (bundled);
}

/* A large map is drawn by a worker: after each move the view shows the
 * last frame moved until a sharp one comes, while the options it hands
 * out for exports still ask for every element. */
static void
test_sharp_frame (void)
{
  g_autoptr(AmMapDocument) large = am_map_document_new (new_large_graph (3000, 30000), NULL);
  AmMapDocument *bundled = g_object_ref (document);
  AmRenderOptions before, after;

  show_document (large);
  am_graph_view_zoom_fit (view);
  g_assert_true (wait_for_sharp_frame ());
  g_assert_cmpfloat (am_graph_view_get_frame_render_time (view), >=, 0);
  g_test_message ("a sharp frame of 3000 nodes and 30000 edges in %.1f ms",
                  am_graph_view_get_frame_render_time (view));

  am_graph_view_get_render_options (view, &before);
  am_graph_view_pan_by (view, 40, -25);
  am_graph_view_get_render_options (view, &after);
  g_assert_cmpfloat_with_epsilon (after.transform.offset_x - before.transform.offset_x, 40, 1e-9);
  g_assert_cmpfloat_with_epsilon (after.transform.offset_y - before.transform.offset_y, -25, 1e-9);
  g_assert_false (am_graph_view_is_sharp (view));
  g_assert_true (wait_for_sharp_frame ());

  am_graph_view_zoom_around (view, am_graph_view_get_zoom (view) * 3, 100, 100);
  g_assert_false (am_graph_view_is_sharp (view));
  g_assert_true (wait_for_sharp_frame ());

  g_assert_false (after.level_of_detail);

  document = bundled;
  am_graph_view_set_document (view, bundled);
  g_object_unref (bundled);
  /* The small map is drawn in the snapshot, sharp at once. */
  g_assert_true (am_graph_view_is_sharp (view));
  g_assert_cmpfloat (am_graph_view_get_frame_render_time (view), <, 0);
  iterate ();
}

/* Until the view has a frame in flight; FALSE if none starts. */
static gboolean
wait_for_running_frame (AmGraphView *v)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!v->frame_running && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return v->frame_running;
}

/* A node moved where the pointer is, with its index up to date. */
static void
assert_picked_where_moved (guint node)
{
  double x, y;

  node_position (node, &x, &y);
  g_assert_cmpuint (am_graph_view_pick_node (view, x, y), ==, node);
}

/* Moving a node on a large map brings the index up to date for that
 * node alone: the hover after a drag does not build it anew in the main
 * thread, whether a frame was reading the index meanwhile or not. */
static void
test_move_keeps_index (void)
{
  g_autoptr(AmMapDocument) large = am_map_document_new (new_large_graph (20000, 100000), NULL);
  AmMapDocument *bundled = g_object_ref (document);
  const AmNode *node;
  guint builds;
  double x, y;

  show_document (large);
  am_graph_view_set_zoom (view, 1);
  am_graph_view_center_on_node (view, 10100);
  g_assert_true (wait_for_sharp_frame ());
  /* Built once, whoever built it. */
  node_position (10100, &x, &y);
  g_assert_cmpuint (am_graph_view_pick_node (view, x, y), ==, 10100);
  builds = view->n_index_builds;

  /* With no frame in flight. */
  g_assert_false (view->frame_running);
  node = am_graph_get_node (get_graph (), 10100);
  am_map_document_move_node (document, 10100, node->x + 3000, node->y + 2000);
  am_graph_view_center_on_node (view, 10100);
  assert_picked_where_moved (10100);
  g_assert_cmpuint (view->n_index_builds, ==, builds);

  /* While a frame reads the index, and after it gave it back. */
  g_assert_true (wait_for_running_frame (view));
  g_assert_true (view->index_lent);
  node = am_graph_get_node (get_graph (), 10200);
  am_map_document_move_node (document, 10200, node->x - 2500, node->y + 1500);
  am_map_document_move_node (document, 10200, node->x - 10, node->y + 10);
  am_graph_view_center_on_node (view, 10200);
  assert_picked_where_moved (10200);
  g_assert_cmpuint (view->n_index_builds, ==, builds);
  g_assert_true (wait_for_sharp_frame ());
  g_assert_false (view->index_lent);
  assert_picked_where_moved (10200);
  am_graph_view_center_on_node (view, 10100);
  assert_picked_where_moved (10100);
  g_assert_cmpuint (view->n_index_builds, ==, builds);

  show_bundled_again (bundled);
}

/* At fit, frames of a large map's new pictures build no index, as while
 * its layout is refined; the first pick after one asks for it, and the
 * next frame or two bring it, and picking works again. */
static void
test_index_on_demand_at_fit (void)
{
  g_autoptr(AmMapDocument) large = am_map_document_new (new_large_graph (20000, 100000), NULL);
  AmMapDocument *bundled = g_object_ref (document);
  g_autofree double *xs = NULL, *ys = NULL;
  guint n_nodes;
  double x, y;

  /* Out of the pointer's way, which would ask for the index. */
  gtk_widget_set_can_target (GTK_WIDGET (view), FALSE);
  show_document (large);
  am_graph_view_zoom_fit (view);
  g_assert_true (wait_for_sharp_frame ());
  g_assert_null (view->index);

  n_nodes = am_graph_get_n_nodes (get_graph ());
  xs = g_new (double, n_nodes);
  ys = g_new (double, n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    {
      const AmNode *node = am_graph_get_node (get_graph (), i);

      xs[i] = node->x * 0.9 + 40;
      ys[i] = node->y * 0.9 - 30;
    }
  am_map_document_place_nodes (document, xs, ys);
  g_assert_true (wait_for_sharp_frame ());
  g_assert_true (view->fitted);
  g_assert_null (view->index);

  /* Asked for, the index comes without moving the view. */
  node_position (10100, &x, &y);
  g_assert_cmpuint (am_graph_view_pick_node (view, x, y), ==, AM_NO_INDEX);
  g_assert_true (wait_for_index ());
  g_assert_true (view->fitted);
  g_assert_cmpuint (am_graph_view_pick_node (view, x, y), ==, 10100);
  gtk_widget_set_can_target (GTK_WIDGET (view), TRUE);

  show_bundled_again (bundled);
}

static guint
count_textures (GskRenderNode *node)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_TEXTURE_NODE:
      return 1;
    case GSK_CONTAINER_NODE:
      {
        guint n = 0;

        for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
          n += count_textures (gsk_container_node_get_child (node, i));
        return n;
      }
    case GSK_CLIP_NODE:
      return count_textures (gsk_clip_node_get_child (node));
    case GSK_TRANSFORM_NODE:
      return count_textures (gsk_transform_node_get_child (node));
    default:
      return 0;
    }
}

/* The textures the canvas itself shows: the map's frame, and its
 * legend unless folded. */
static guint
canvas_textures (void)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  GTK_WIDGET_GET_CLASS (view)->snapshot (GTK_WIDGET (view), snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

  return node != NULL ? count_textures (node) : 0;
}

/* A large map's frames carry their legend; folded, it is not shown
 * under its button, and unfolded it is back at once. */
static void
test_folded_legend_hides_frame_legend (void)
{
  g_autoptr(AmMapDocument) large = am_map_document_new (new_large_graph (20000, 100000), NULL);
  AmMapDocument *bundled = g_object_ref (document);

  show_document (large);
  am_graph_view_zoom_fit (view);
  g_assert_true (wait_for_sharp_frame ());
  g_assert_cmpuint (canvas_textures (), ==, 2);

  am_graph_view_set_legend_expanded (view, FALSE);
  iterate ();
  g_assert_true (wait_for_sharp_frame ());
  g_assert_cmpuint (canvas_textures (), ==, 1);

  am_graph_view_set_legend_expanded (view, TRUE);
  iterate ();
  g_assert_cmpuint (canvas_textures (), ==, 2);

  show_bundled_again (bundled);
}

/* Moved a little from where it fits, the view still shows most of a
 * large map, which the worker draws without the index: it does not wait
 * for one, nor build one nobody asked for. */
static void
test_index_not_built_near_fit (void)
{
  g_autoptr(AmMapDocument) large = am_map_document_new (new_large_graph (20000, 100000), NULL);
  AmMapDocument *bundled = g_object_ref (document);

  gtk_widget_set_can_target (GTK_WIDGET (view), FALSE);
  show_document (large);
  am_graph_view_zoom_fit (view);
  g_assert_true (wait_for_sharp_frame ());
  g_assert_null (view->index);

  am_graph_view_pan_by (view, 12, -8);
  g_assert_false (view->fitted);
  g_assert_true (wait_for_sharp_frame ());
  g_assert_null (view->index);
  g_assert_false (view->index_building);
  gtk_widget_set_can_target (GTK_WIDGET (view), TRUE);

  show_bundled_again (bundled);
}

/* A new picture of a large map's layout puts the index out of date: the
 * worker builds the next one, and picking meanwhile finds nothing rather
 * than go through every node and edge, or build it, in the main thread. */
static void
test_pick_waits_for_index (void)
{
  g_autoptr(AmMapDocument) large = am_map_document_new (new_large_graph (20000, 100000), NULL);
  AmMapDocument *bundled = g_object_ref (document);
  g_autofree double *xs = NULL, *ys = NULL;
  const AmSpatialIndex *first_index;
  guint n_nodes, builds;
  double x, y;

  show_document (large);
  am_graph_view_set_zoom (view, 1);
  am_graph_view_center_on_node (view, 10100);
  g_assert_true (wait_for_sharp_frame ());
  node_position (10100, &x, &y);
  g_assert_cmpuint (am_graph_view_pick_node (view, x, y), ==, 10100);
  builds = view->n_index_builds;
  first_index = view->index;
  g_assert_nonnull (first_index);

  n_nodes = am_graph_get_n_nodes (get_graph ());
  xs = g_new (double, n_nodes);
  ys = g_new (double, n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    {
      const AmNode *node = am_graph_get_node (get_graph (), i);

      xs[i] = node->x * 1.5 + 300;
      ys[i] = node->y * 1.5 - 200;
    }
  am_map_document_place_nodes (document, xs, ys);
  am_graph_view_center_on_node (view, 10100);
  node_position (10100, &x, &y);
  g_assert_cmpuint (am_graph_view_pick_node (view, x, y), ==, AM_NO_INDEX);
  g_assert_cmpuint (am_graph_view_pick_edge (view, x, y), ==, AM_NO_INDEX);
  g_assert_cmpuint (view->n_index_builds, ==, builds);

  /* The worker rebuilds the old index in place: there are never two. */
  g_assert_true (wait_for_running_frame (view));
  g_assert_null (view->index);

  /* Once the frame brought the new index, the node is found where it is. */
  g_assert_true (wait_for_sharp_frame ());
  g_assert_false (view->index_stale);
  g_assert_true (view->index == first_index);
  g_assert_cmpuint (am_graph_view_pick_node (view, x, y), ==, 10100);
  g_assert_cmpuint (view->n_index_builds, ==, builds);

  show_bundled_again (bundled);
}

/* The view's fit as am_render_options_fit() finds it. */
static void
assert_fit_as_rendered (void)
{
  AmRenderOptions options;
  AmViewTransform fit;

  am_graph_view_zoom_fit (view);
  am_graph_view_get_render_options (view, &options);
  fit = options.transform;
  am_render_options_fit (&options, get_graph (), view_width (), view_height ());
  g_assert_cmpfloat_with_epsilon (fit.scale, options.transform.scale, 1e-9 * fit.scale);
  g_assert_cmpfloat_with_epsilon (fit.offset_x, options.transform.offset_x, 1e-6);
  g_assert_cmpfloat_with_epsilon (fit.offset_y, options.transform.offset_y, 1e-6);
}

/* Until the canvas has the height of a window @height tall. */
static void
resize_window (int height)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  double before = view_height ();

  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, height);
  while (view_height () == before && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_cmpfloat (view_height (), !=, before);
  iterate ();
}

/* Each picture of a layout, and each height the canvas takes, fits the
 * map anew: that finds its bounds again, but not the legend, which goes
 * through every edge; filters change the legend. */
static void
test_fit_keeps_legend (void)
{
  g_autoptr(AmMapDocument) large = am_map_document_new (new_large_graph (3000, 9000), NULL);
  AmMapDocument *bundled = g_object_ref (document);
  g_autofree double *xs = NULL, *ys = NULL;
  guint n_nodes, legend_scans, bounds_scans;
  AmRenderOptions options;

  show_document (large);
  /* Wide enough for the legend beside the map. */
  iterate ();
  assert_fit_as_rendered ();
  am_graph_view_get_render_options (view, &options);
  g_assert_true (options.draw_legend);
  legend_scans = view->n_legend_scans;
  bounds_scans = view->n_bounds_scans;

  n_nodes = am_graph_get_n_nodes (get_graph ());
  xs = g_new (double, n_nodes);
  ys = g_new (double, n_nodes);
  for (guint picture = 1; picture <= 3; picture++)
    {
      for (guint i = 0; i < n_nodes; i++)
        {
          const AmNode *node = am_graph_get_node (get_graph (), i);

          xs[i] = node->x * (1 + picture * 0.5);
          ys[i] = node->y;
        }
      am_map_document_place_nodes (document, xs, ys);
      assert_fit_as_rendered ();
      g_assert_cmpuint (view->n_bounds_scans, ==, bounds_scans + picture);
    }
  g_assert_cmpuint (view->n_legend_scans, ==, legend_scans);

  /* A taller canvas shows the same legend. */
  resize_window (WINDOW_HEIGHT + 120);
  assert_fit_as_rendered ();
  g_assert_cmpuint (view->n_legend_scans, ==, legend_scans);
  resize_window (WINDOW_HEIGHT);

  am_map_document_set_hidden_edge_kinds (document, 1u << AM_EDGE_KIND_OTHER);
  assert_fit_as_rendered ();
  g_assert_cmpuint (view->n_legend_scans, >, legend_scans);

  /* A frame still drawn would keep the view, and its next map, alive. */
  g_assert_true (wait_for_sharp_frame ());
  show_bundled_again (bundled);
}

/* A frame out of date before it is done is cancelled, and a view going
 * away while one is drawn does not wait for it to finish. */
static void
test_frames_cancelled (void)
{
  g_autoptr(AmMapDocument) large = am_map_document_new (new_large_graph (20000, 100000), NULL);
  AmMapDocument *bundled = g_object_ref (document);
  GtkWidget *other_window;
  AmGraphView *other;
  guint cancelled;
  gint64 start;

  show_document (large);
  am_graph_view_zoom_fit (view);
  g_assert_true (wait_for_sharp_frame ());

  /* A new hover wants a frame of the same place; another one before it
   * is done supersedes it. (A new selection would be brought into view,
   * and so be a frame of another place.) */
  cancelled = am_graph_view_get_n_cancelled_frames ();
  am_map_document_set_hover_node (document, 100);
  g_assert_true (wait_for_running_frame (view));
  am_map_document_set_hover_node (document, 200);
  g_assert_true (wait_for_sharp_frame ());
  g_assert_cmpuint (am_graph_view_get_n_cancelled_frames (), ==, cancelled + 1);

  show_bundled_again (bundled);

  /* A view of its own, destroyed with a frame in flight. */
  other_window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (other_window), WINDOW_WIDTH, WINDOW_HEIGHT);
  other = AM_GRAPH_VIEW (am_graph_view_new ());
  am_graph_view_set_document (other, large);
  gtk_window_set_child (GTK_WINDOW (other_window), GTK_WIDGET (other));
  gtk_window_present (GTK_WINDOW (other_window));
  g_assert_true (wait_for_running_frame (other));

  cancelled = am_graph_view_get_n_cancelled_frames ();
  g_object_add_weak_pointer (G_OBJECT (other), (gpointer *) &other);
  start = g_get_monotonic_time ();
  gtk_window_destroy (GTK_WINDOW (other_window));
  while (other != NULL && g_get_monotonic_time () - start < 30 * G_USEC_PER_SEC)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_null (other);
  g_assert_cmpuint (am_graph_view_get_n_cancelled_frames (), ==, cancelled + 1);
  g_test_message ("a view went away %.1f ms after it was destroyed",
                  (g_get_monotonic_time () - start) / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  AmGraph *graph;
  int status;

  /* The accessible assertions read GTK's test backend, which also keeps
   * GTK from looking for an accessibility bus that is not there. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  graph = am_map_loader_load (NULL, NULL, &error);
  g_assert_no_error (error);
  document = am_map_document_new (graph, NULL);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  view = AM_GRAPH_VIEW (am_graph_view_new ());
  am_graph_view_set_document (view, document);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_allocation ();

  g_test_add_func ("/graph-view/fits-when-shown", test_fits_when_shown);
  g_test_add_func ("/graph-view/pick-at-zooms", test_pick_at_zooms);
  g_test_add_func ("/graph-view/pick-not-through-legend", test_pick_not_through_legend);
  g_test_add_func ("/graph-view/pick-edge", test_pick_edge);
  g_test_add_func ("/graph-view/zoom", test_zoom);
  g_test_add_func ("/graph-view/center-on-node", test_center_on_node);
  g_test_add_func ("/graph-view/keyboard", test_keyboard);
  g_test_add_func ("/graph-view/follows-document", test_follows_document);
  g_test_add_func ("/graph-view/frame-times", test_frame_times);
  g_test_add_func ("/graph-view/sharp-frame", test_sharp_frame);
  g_test_add_func ("/graph-view/move-keeps-index", test_move_keeps_index);
  g_test_add_func ("/graph-view/frames-cancelled", test_frames_cancelled);
  g_test_add_func ("/graph-view/pick-waits-for-index", test_pick_waits_for_index);
  g_test_add_func ("/graph-view/index-on-demand-at-fit", test_index_on_demand_at_fit);
  g_test_add_func ("/graph-view/index-not-built-near-fit", test_index_not_built_near_fit);
  g_test_add_func ("/graph-view/folded-legend-hides-frame-legend",
                   test_folded_legend_hides_frame_legend);
  g_test_add_func ("/graph-view/fit-keeps-legend", test_fit_keeps_legend);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_assert_finalize_object (document);

  return status;
}

/* test-spatial-index.c: finding what lies where, and picking what was clicked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "am-spatial-index-private.h"
#include "render-test-util.h"

static int
compare_uints (gconstpointer a,
               gconstpointer b)
{
  guint32 ia = *(const guint32 *) a, ib = *(const guint32 *) b;

  return ia < ib ? -1 : ia > ib;
}

static void
test_spatial_index_queries (void)
{
  g_autoptr(AmGraph) graph = new_random_graph (3000, 6000, 7);
  g_autoptr(AmSpatialIndex) index = am_spatial_index_new (graph);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint n_edges, total = 0;
  const guint32 *edges;
  double x0, y0, x1, y1;

  g_assert_true (am_spatial_index_matches (index, graph));
  g_assert_true (am_spatial_index_get_bounds (index, &x0, &y0, &x1, &y1));
  g_assert_cmpfloat (x0, <=, -1900);
  g_assert_cmpfloat (x1, >=, 1900);

  for (guint q = 0; q < 50; q++)
    {
      double qx = g_rand_double_range (rand, -2200, 2200);
      double qy = g_rand_double_range (rand, -1700, 1700);
      double qw = g_rand_double_range (rand, 0, 600), qh = g_rand_double_range (rand, 0, 600);
      g_autofree guint8 *seen = g_new0 (guint8, am_graph_get_n_edges (graph));

      /* Every node whose centre is inside is found, and only once. */
      g_array_set_size (found, 0);
      am_spatial_index_query_nodes (index, qx, qy, qx + qw, qy + qh, found);
      g_array_sort (found, compare_uints);
      for (guint i = 1; i < found->len; i++)
        g_assert_cmpuint (g_array_index (found, guint32, i - 1), <,
                          g_array_index (found, guint32, i));
      for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
        {
          const AmNode *node = am_graph_get_node (graph, i);

          if (node->x >= qx && node->x <= qx + qw && node->y >= qy && node->y <= qy + qh)
            g_assert_nonnull (bsearch (&i, found->data, found->len, sizeof (guint32),
                                       compare_uints));
        }

      /* Every edge with an end inside is found. */
      g_array_set_size (found, 0);
      am_spatial_index_query_edges (index, qx, qy, qx + qw, qy + qh, found);
      for (guint i = 0; i < found->len; i++)
        seen[g_array_index (found, guint32, i)]++;
      for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
        {
          const AmEdge *edge = am_graph_get_edge (graph, i);
          const AmNode *source = am_graph_get_node (graph, edge->source);

          g_assert_cmpuint (seen[i], <=, 1);
          if (source->x >= qx && source->x <= qx + qw && source->y >= qy && source->y <= qy + qh)
            g_assert_cmpuint (seen[i], ==, 1);
        }
    }

  /* The edges of each node, each once. */
  for (guint n = 0; n < am_graph_get_n_nodes (graph); n++)
    {
      edges = am_spatial_index_get_node_edges (index, n, &n_edges);
      for (guint i = 0; i < n_edges; i++)
        {
          const AmEdge *edge = am_graph_get_edge (graph, edges[i]);

          g_assert_true (edge->source == n || edge->target == n);
          if (i > 0)
            g_assert_cmpuint (edges[i - 1], <, edges[i]);
        }
      total += n_edges;
    }
  g_assert_cmpuint (total, >=, am_graph_get_n_edges (graph));

  /* A moved node is found where it went, its edges too. */
  {
    AmNode *node = am_graph_get_node (graph, 5);

    node->x = 10000;
    node->y = 10000;
    am_spatial_index_update_node (index, graph, 5);
    g_array_set_size (found, 0);
    am_spatial_index_query_nodes (index, 9990, 9990, 10010, 10010, found);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpuint (g_array_index (found, guint32, 0), ==, 5);
    edges = am_spatial_index_get_node_edges (index, 5, &n_edges);
    g_array_set_size (found, 0);
    am_spatial_index_query_edges (index, 9990, 9990, 10010, 10010, found);
    g_assert_cmpuint (found->len, ==, n_edges);

    /* No position: no longer found; a position again: found again. */
    node->x = NAN;
    am_spatial_index_update_node (index, graph, 5);
    g_array_set_size (found, 0);
    am_spatial_index_query_nodes (index, 9990, 9990, 10010, 10010, found);
    g_assert_cmpuint (found->len, ==, 0);
    node->x = -9000;
    node->y = 0;
    am_spatial_index_update_node (index, graph, 5);
    g_array_set_size (found, 0);
    am_spatial_index_query_nodes (index, -9010, -10, -8990, 10, found);
    g_assert_cmpuint (found->len, ==, 1);
  }

  /* An empty graph. */
  {
    g_autoptr(AmGraph) empty = new_graph ();
    g_autoptr(AmSpatialIndex) none = am_spatial_index_new (empty);

    g_assert_false (am_spatial_index_get_bounds (none, &x0, &y0, &x1, &y1));
    g_array_set_size (found, 0);
    am_spatial_index_query_nodes (none, -1e9, -1e9, 1e9, 1e9, found);
    am_spatial_index_query_edges (none, -1e9, -1e9, 1e9, 1e9, found);
    g_assert_cmpuint (found->len, ==, 0);
    g_assert_false (am_spatial_index_matches (none, graph));
  }
}

static void
assert_same_queries (const AmSpatialIndex *index,
                     const AmSpatialIndex *fresh,
                     GRand                *rand)
{
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (guint32));
  double a[4], b[4];
  gboolean placed;

  placed = am_spatial_index_get_bounds (index, &a[0], &a[1], &a[2], &a[3]);
  g_assert_cmpint (placed, ==, am_spatial_index_get_bounds (fresh, &b[0], &b[1], &b[2], &b[3]));
  if (placed)
    g_assert_cmpmem (a, sizeof a, b, sizeof b);

  for (guint q = 0; q < 60; q++)
    {
      double qx = g_rand_double_range (rand, -2500, 2500);
      double qy = g_rand_double_range (rand, -2500, 2500);
      double side = g_rand_double_range (rand, 1, 1500);

      g_array_set_size (got, 0);
      g_array_set_size (want, 0);
      if (q % 2 == 0)
        {
          am_spatial_index_query_nodes (index, qx, qy, qx + side, qy + side, got);
          am_spatial_index_query_nodes (fresh, qx, qy, qx + side, qy + side, want);
        }
      else
        {
          am_spatial_index_query_edges (index, qx, qy, qx + side, qy + side, got);
          am_spatial_index_query_edges (fresh, qx, qy, qx + side, qy + side, want);
        }
      g_array_sort (got, compare_uints);
      g_array_sort (want, compare_uints);
      g_assert_cmpmem (got->data, got->len * sizeof (guint32), want->data, want->len * sizeof (guint32));
    }
}

/* An index rebuilt in place, as the canvas does after each picture of a
 * layout, finds what a new one would: after all nodes moved, after some
 * lost their position (fewer boxes than before) and once they have it
 * back (more). */
static void
test_spatial_index_rebuild (void)
{
  g_autoptr(AmGraph) graph = new_random_graph (2000, 5000, 13);
  g_autoptr(AmSpatialIndex) index = am_spatial_index_new (graph);
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  guint n_nodes = am_graph_get_n_nodes (graph);

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(AmSpatialIndex) fresh = NULL;

      for (guint i = 0; i < n_nodes; i++)
        {
          AmNode *node = am_graph_get_node (graph, i);

          node->x = g_rand_double_range (rand, -2000, 2000);
          node->y = round == 1 && i % 7 == 0 ? NAN : g_rand_double_range (rand, -2000, 2000);
        }

      am_spatial_index_rebuild (index, graph);
      fresh = am_spatial_index_new (graph);
      assert_same_queries (index, fresh, rand);
    }
}

/* A segment along a side of the rectangle is on it, and kept whole. */
static void
test_clip_segment_on_side (void)
{
  double x0 = 0, y0 = 20, x1 = 0, y1 = 80;

  g_assert_true (am_geometry_clip_segment (0, 0, 100, 100, &x0, &y0, &x1, &y1));
  g_assert_cmpfloat (y0, ==, 20);
  g_assert_cmpfloat (y1, ==, 80);

  x0 = -50, y0 = 100, x1 = 150, y1 = 100;
  g_assert_true (am_geometry_clip_segment (0, 0, 100, 100, &x0, &y0, &x1, &y1));
  g_assert_cmpfloat (x0, ==, 0);
  g_assert_cmpfloat (x1, ==, 100);

  /* Just outside it, nothing. */
  x0 = -0.5, y0 = 20, x1 = -0.5, y1 = 80;
  g_assert_false (am_geometry_clip_segment (0, 0, 100, 100, &x0, &y0, &x1, &y1));
}

/* An edge with an end that has no position is nowhere on the map, on
 * whichever side that end is. */
static void
test_spatial_index_unplaced_end (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  g_autoptr(AmSpatialIndex) index = NULL;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint a, b, far, lost, placed;

  a = add_node (graph, "a", "A", AM_NODE_KIND_PERSON, NULL, 100, 100);
  b = add_node (graph, "b", "B", AM_NODE_KIND_PERSON, NULL, 200, 100);
  far = add_node (graph, "far", "Far", AM_NODE_KIND_PERSON, NULL, 2e9, -2e9);
  lost = add_node (graph, "lost", "Lost", AM_NODE_KIND_PERSON, NULL, -3e9, 50);
  placed = add_edge (graph, "ab", a, b, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  add_edge (graph, "a-far", a, far, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  add_edge (graph, "lost-b", lost, b, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  index = am_spatial_index_new (graph);

  am_spatial_index_query_edges (index, -1e6, -1e6, 1e6, 1e6, found);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (g_array_index (found, guint32, 0), ==, placed);
}

/* With an index, the same pixels and the same picks, only faster. */
static void
test_spatial_index_rendering (void)
{
  g_autoptr(AmGraph) graph = new_random_graph (1500, 3000, 3);
  g_autoptr(AmSpatialIndex) index = am_spatial_index_new (graph);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  const double scales[] = { 0.08, 0.5, 2.0 };

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    {
      AmRenderOptions options;
      cairo_surface_t *without, *with;
      gint64 start, time_without, time_with;

      am_render_options_init (&options);
      options.width = 500;
      options.height = 400;
      options.transform.scale = scales[s];
      options.transform.offset_x = 250 - 300 * scales[s];
      options.transform.offset_y = 200 + 100 * scales[s];
      options.hover_node = s == 1 ? 17 : AM_NO_INDEX;
      options.lens_issue = s == 2 ? 4 : AM_NO_INDEX;

      start = g_get_monotonic_time ();
      without = render_image (graph, &options);
      time_without = g_get_monotonic_time () - start;
      options.index = index;
      start = g_get_monotonic_time ();
      with = render_image (graph, &options);
      time_with = g_get_monotonic_time () - start;
      g_test_message ("scale %g: %.1f ms without the index, %.1f ms with it",
                      scales[s], time_without / 1000.0, time_with / 1000.0);

      g_assert_cmpmem (cairo_image_surface_get_data (without),
                       cairo_image_surface_get_stride (without) * 400,
                       cairo_image_surface_get_data (with),
                       cairo_image_surface_get_stride (with) * 400);

      for (guint i = 0; i < 300; i++)
        {
          double x = g_rand_double_range (rand, 0, 500), y = g_rand_double_range (rand, 0, 400);
          AmRenderOptions plain = options;

          plain.index = NULL;
          g_assert_cmpuint (am_render_pick_node (graph, &options, x, y), ==,
                            am_render_pick_node (graph, &plain, x, y));
          g_assert_cmpuint (am_render_pick_edge (graph, &options, x, y), ==,
                            am_render_pick_edge (graph, &plain, x, y));
        }

      cairo_surface_destroy (without);
      cairo_surface_destroy (with);
    }
}

/* Style */


/* A thick edge is picked anywhere on its drawn stroke, and a few units
 * beyond, but not further off. */
static void
test_pick_thick_edge (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  AmRenderOptions options;
  cairo_surface_t *surface;
  AmEdgeStyle style;
  double ax, ay, bx, by, mid_x, half_width;
  guint meeting;
  Pixel white = { 255, 255, 255, 255 };

  add_node (graph, "a", "", AM_NODE_KIND_PERSON, NULL, 0, 0);
  add_node (graph, "b", "", AM_NODE_KIND_PERSON, NULL, 100, 0);
  meeting = add_edge (graph, "m", 0, 1, AM_EDGE_KIND_MEETING, AM_STANCE_NONE);

  am_render_options_init (&options);
  options.transform.scale = 8;
  options.transform.offset_x = 100;
  options.transform.offset_y = 100;
  options.width = 1000;
  options.height = 200;

  am_style_get_edge_style (am_style_get (FALSE), AM_EDGE_KIND_MEETING, AM_STANCE_NONE, &style);
  half_width = style.width * options.transform.scale / 2;
  /* Wide enough that the stroke reaches well past the tolerance. */
  g_assert_cmpfloat (half_width, >, 8);

  node_device_position (graph, &options, 0, &ax, &ay);
  node_device_position (graph, &options, 1, &bx, &by);
  mid_x = (ax + bx) / 2;

  /* The stroke is drawn where it is picked. */
  surface = render_image (graph, &options);
  g_assert_cmpint (pixel_distance (get_pixel (surface, mid_x, ay + half_width - 1.5), white),
                   >, 60);
  g_assert_cmpint (pixel_distance (get_pixel (surface, mid_x, ay + half_width + 3), white),
                   <, 10);
  cairo_surface_destroy (surface);

  g_assert_cmpuint (am_render_pick_edge (graph, &options, mid_x, ay), ==, meeting);
  for (int side = -1; side <= 1; side += 2)
    {
      /* Inside the stroke, off its centre line. */
      g_assert_cmpuint (am_render_pick_edge (graph, &options, mid_x, ay + side * (half_width - 1.5)),
                        ==, meeting);
      /* Just outside the stroke, within the tolerance. */
      g_assert_cmpuint (am_render_pick_edge (graph, &options, mid_x, ay + side * (half_width + 2)),
                        ==, meeting);
      /* Well beyond. */
      g_assert_cmpuint (am_render_pick_edge (graph, &options, mid_x, ay + side * (half_width + 8)),
                        ==, AM_NO_INDEX);
    }
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

/* The keys a tree is built from, sorted in place, come out as a plain
 * sort puts them: by distance along the curve, ties by the item's
 * place. Distances are drawn from few values, so that many tie, and
 * from all, and runs of every length are sorted. */
static void
test_spatial_index_sort_keys (void)
{
  const gsize sizes[] = { 0, 1, 2, 31, 32, 33, 257, 5000, 200000 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint spread = 0; spread < 2; spread++)
      {
        gsize n = sizes[s];
        g_autofree guint64 *keys = g_new (guint64, MAX (n, 1));
        g_autofree guint64 *expected = NULL;

        for (gsize k = 0; k < n; k++)
          {
            guint32 distance = spread ? g_rand_int (rand) : (guint32) g_rand_int_range (rand, 0, 40);

            keys[k] = (guint64) distance << 32 | k;
          }
        expected = g_memdup2 (keys, sizeof (guint64) * MAX (n, 1));
        qsort (expected, n, sizeof (guint64), compare_keys);

        am_spatial_index_sort_keys (keys, n);
        g_assert_cmpmem (keys, sizeof (guint64) * n, expected, sizeof (guint64) * n);
      }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spatial-index/queries", test_spatial_index_queries);
  g_test_add_func ("/spatial-index/rebuild", test_spatial_index_rebuild);
  g_test_add_func ("/spatial-index/sort-keys", test_spatial_index_sort_keys);
  g_test_add_func ("/geometry/clip-segment-on-side", test_clip_segment_on_side);
  g_test_add_func ("/spatial-index/unplaced-end", test_spatial_index_unplaced_end);
  g_test_add_func ("/spatial-index/rendering", test_spatial_index_rendering);
  g_test_add_func ("/render/pick-thick-edge", test_pick_thick_edge);

  return g_test_run ();
}

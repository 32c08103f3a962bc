/* test-labels.c: labels at a size of the screen, placed apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "am-map-loader.h"
#include "am-render.h"
#include "am-test-fixtures.h"
#include "label-test-util.h"

static AmGraph *
load_bundled_map (void)
{
  g_autoptr(GError) error = NULL;
  AmGraph *graph = am_map_loader_load (NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (graph);
  return graph;
}

static void
assert_apart (GArray *boxes,
              double  size)
{
  for (guint i = 0; i < boxes->len; i++)
    {
      const AmLabelBox *a = &g_array_index (boxes, AmLabelBox, i);

      g_assert_cmpfloat (a->size, >=, size);
      for (guint j = i + 1; j < boxes->len; j++)
        {
          const AmLabelBox *b = &g_array_index (boxes, AmLabelBox, j);

          g_assert_false (labels_meet (a, b));
        }
    }
}

static gboolean
has_label (GArray *boxes,
           guint   node)
{
  for (guint i = 0; i < boxes->len; i++)
    if (g_array_index (boxes, AmLabelBox, i).node == node)
      return TRUE;

  return FALSE;
}

/* However far out, the labels drawn keep their size and cover no other;
 * the selected node's label is always among them. */
static void
test_screen_size (void)
{
  g_autoptr(AmGraph) graph = load_bundled_map ();
  const double zooms[] = { 1.0, 0.5, 0.25, 0.1, 3.0 };

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    for (guint selected = 0; selected < am_graph_get_n_nodes (graph); selected += 7)
      {
        AmRenderOptions options;
        g_autoptr(GArray) boxes = NULL;

        am_render_options_init (&options);
        am_render_options_fit (&options, graph, 900, 600);
        options.transform.scale *= zooms[z];
        options.transform.offset_x = 450 - (450 - options.transform.offset_x) * zooms[z];
        options.transform.offset_y = 300 - (300 - options.transform.offset_y) * zooms[z];
        options.label_pixel_size = 11;
        options.selected_node = selected;

        boxes = am_render_get_label_boxes (graph, &options, 0, 0);
        g_assert_cmpuint (boxes->len, >, 0);
        assert_apart (boxes, 11);
        if (zooms[z] <= 1.0)
          {
            g_assert_true (has_label (boxes, selected));
            g_assert_cmpuint (g_array_index (boxes, AmLabelBox, 0).node, ==, selected);
          }
      }
}

/* A label is picked as its node, where the label is drawn. */
static void
test_pick_label (void)
{
  g_autoptr(AmGraph) graph = load_bundled_map ();
  g_autoptr(GArray) boxes = NULL;
  AmRenderOptions options;

  am_render_options_init (&options);
  am_render_options_fit (&options, graph, 900, 600);
  options.label_pixel_size = 11;
  boxes = am_render_get_label_boxes (graph, &options, 0, 0);
  g_assert_cmpuint (boxes->len, >, 10);
  for (guint i = 0; i < boxes->len; i++)
    {
      const AmLabelBox *box = &g_array_index (boxes, AmLabelBox, i);

      g_assert_cmpuint (am_render_pick_node (graph, &options, box->x + box->width / 2,
                                             box->y + box->height / 2), ==, box->node);
    }
}

/* Exports of the whole map leave labels to scale with it. */
static void
test_no_screen_size (void)
{
  g_autoptr(AmGraph) graph = load_bundled_map ();
  g_autoptr(GArray) boxes = NULL;
  AmRenderOptions options;

  am_render_options_init (&options);
  am_render_options_fit (&options, graph, 900, 600);
  boxes = am_render_get_label_boxes (graph, &options, 0, 0);
  g_assert_cmpuint (boxes->len, ==, 0);
}

/* The legend is kept clear. */
static void
test_legend_clear (void)
{
  g_autoptr(AmGraph) graph = load_bundled_map ();
  g_autoptr(GArray) boxes = NULL;
  AmRenderOptions options;

  am_render_options_init (&options);
  am_render_options_fit (&options, graph, 900, 600);
  options.label_pixel_size = 11;
  boxes = am_render_get_label_boxes (graph, &options, 300, 400);
  for (guint i = 0; i < boxes->len; i++)
    {
      const AmLabelBox *box = &g_array_index (boxes, AmLabelBox, i);

      g_assert_true (box->x >= AM_RENDER_LEGEND_MARGIN + 300 ||
                     box->y >= AM_RENDER_LEGEND_MARGIN + 400);
    }
}

static guint
count_captions (GArray *boxes)
{
  guint n = 0;

  for (guint i = 0; i < boxes->len; i++)
    if (g_array_index (boxes, AmLabelBox, i).edge != AM_NO_INDEX)
      n++;

  return n;
}

/* A 1000 × 800 view at scale 1, centred on @node, which is selected. */
static void
options_around_selected (AmRenderOptions *options,
                         const AmNode    *node,
                         guint            selected)
{
  am_render_options_init (options);
  options->width = 1000;
  options->height = 800;
  options->transform.offset_x = 500 - node->x;
  options->transform.offset_y = 400 - node->y;
  options->label_pixel_size = 11;
  options->selected_node = selected;
}

/* With a node selected and room enough, its edges' captions are shown
 * beside the labels, covering none; without a selection, none. */
static void
test_captions (void)
{
  g_autoptr(AmGraph) graph = load_bundled_map ();
  guint with_captions = 0;

  for (guint selected = 0; selected < am_graph_get_n_nodes (graph); selected++)
    {
      AmRenderOptions options;
      g_autoptr(GArray) boxes = NULL;
      const AmNode *node = am_graph_get_node (graph, selected);

      options_around_selected (&options, node, selected);

      boxes = am_render_get_label_boxes (graph, &options, 0, 0);
      assert_apart (boxes, 11);
      for (guint i = 0; i < boxes->len; i++)
        {
          const AmLabelBox *box = &g_array_index (boxes, AmLabelBox, i);

          if (box->edge == AM_NO_INDEX)
            continue;
          g_assert_cmpuint (box->node, ==, selected);
          g_assert_nonnull (am_graph_get_edge_label (graph, box->edge));
        }
      if (count_captions (boxes) > 0)
        with_captions++;

      options.selected_node = AM_NO_INDEX;
      g_clear_pointer (&boxes, g_array_unref);
      boxes = am_render_get_label_boxes (graph, &options, 0, 0);
      g_assert_cmpuint (count_captions (boxes), ==, 0);
    }

  g_assert_cmpuint (with_captions, >, am_graph_get_n_nodes (graph) / 4);
}

/* Captions run along their edges: turned to the edge's direction, or
 * the opposite one, whichever reads upright, beside the line. */
static void
test_captions_along_edges (void)
{
  g_autoptr(AmGraph) graph = load_bundled_map ();
  guint n_turned = 0;

  for (guint selected = 0; selected < am_graph_get_n_nodes (graph); selected++)
    {
      AmRenderOptions options;
      g_autoptr(GArray) boxes = NULL;
      const AmNode *node = am_graph_get_node (graph, selected);

      options_around_selected (&options, node, selected);

      boxes = am_render_get_label_boxes (graph, &options, 0, 0);
      for (guint i = 0; i < boxes->len; i++)
        {
          const AmLabelBox *box = &g_array_index (boxes, AmLabelBox, i);
          const AmEdge *edge;
          const AmNode *a, *b;
          double ax, ay, bx, by, edge_angle, turn, cx, cy, distance, length;

          if (box->edge == AM_NO_INDEX)
            continue;
          edge = am_graph_get_edge (graph, box->edge);
          a = am_graph_get_node (graph, edge->source);
          b = am_graph_get_node (graph, edge->target);
          ax = a->x + options.transform.offset_x;
          ay = a->y + options.transform.offset_y;
          bx = b->x + options.transform.offset_x;
          by = b->y + options.transform.offset_y;
          length = hypot (bx - ax, by - ay);

          g_assert_cmpfloat (fabs (box->angle), <=, G_PI / 2 + 1e-9);
          edge_angle = atan2 (by - ay, bx - ax);
          turn = fmod (fabs (edge_angle - box->angle), G_PI);
          g_assert_cmpfloat (MIN (turn, G_PI - turn), <, 1e-6);
          if (fabs (box->angle) > 0.1)
            n_turned++;

          /* Beside the line: off the stroke, by no more than its height. */
          cx = box->x + box->width / 2;
          cy = box->y + box->height / 2;
          distance = fabs ((bx - ax) * (ay - cy) - (ax - cx) * (by - ay)) / length;
          g_assert_cmpfloat (distance, >=, box->across / 2);
          g_assert_cmpfloat (distance, <=, box->across);
          g_assert_cmpfloat (box->along, <=, length);
        }
    }

  g_assert_cmpuint (n_turned, >, 0);
}

/* Turned text stays text in SVG, turned about its anchor. */
static void
test_rotated_text_svg (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(AmPainter) painter = am_svg_painter_new (stream, 200, 100, "px", NULL);
  g_autoptr(GError) error = NULL;
  AmColour black = { 0, 0, 0, 1 };
  g_autofree char *svg = NULL;

  am_painter_set_fill (painter, &black);
  am_painter_rotated_text (painter, 50, 40, -G_PI / 6, "Along", 11, 400,
                           AM_TEXT_ANCHOR_MIDDLE, NULL, 0);
  g_assert_true (am_svg_painter_finish (painter, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write (stream, "", 1, NULL, NULL) == 1);
  svg = g_strdup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)));

  g_assert_nonnull (strstr (svg, "transform=\"rotate(-30 50 40)\""));
  g_assert_nonnull (strstr (svg, ">Along</text>"));
}

/* Through Cairo, text turned a quarter leaves ink taller than wide. */
static void
test_rotated_text_cairo (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 200);
  cairo_t *cr = cairo_create (surface);
  AmColour black = { 0, 0, 0, 1 };
  int x0 = 200, y0 = 200, x1 = -1, y1 = -1;
  AmPainter *painter = am_cairo_painter_new (cr);
  guchar *data;
  int stride;

  am_painter_set_fill (painter, &black);
  am_painter_rotated_text (painter, 100, 100, G_PI / 2, "Turned text", 14, 400,
                           AM_TEXT_ANCHOR_MIDDLE, NULL, 0);
  am_painter_free (painter);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < 200; y++)
    for (int x = 0; x < 200; x++)
      if (data[y * stride + 4 * x + 3] > 0)
        {
          x0 = MIN (x0, x);
          y0 = MIN (y0, y);
          x1 = MAX (x1, x);
          y1 = MAX (y1, y);
        }
  cairo_surface_destroy (surface);

  g_assert_cmpint (x1, >=, x0);
  g_assert_cmpint (y1 - y0, >, 3 * (x1 - x0));
  /* Turned about the anchor, which stays inside the ink's span. */
  g_assert_cmpint (y0, <, 100);
  g_assert_cmpint (y1, >, 100);
}

/* yEd's groups are boxes around their members, named at their top. */
static void
test_groups (void)
{
  g_autofree char *path = am_test_corpus_file ("yed", "yed-3.17-groups.graphml");
  g_autoptr(GError) error = NULL;
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(GArray) boxes = NULL;
  AmRenderOptions options;
  guint n_groups = 0;

  if (path == NULL)
    return;
  graph = am_map_loader_load (path, NULL, &error);
  g_assert_no_error (error);
  am_render_options_init (&options);
  am_render_options_fit (&options, graph, 800, 800);
  options.label_pixel_size = 11;
  boxes = am_render_get_label_boxes (graph, &options, 0, 0);
  assert_apart (boxes, 11);

  for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
    {
      const AmNode *node = am_graph_get_node (graph, i);
      const AmSubgraph *sub = &g_array_index (graph->subgraphs, AmSubgraph, node->graph);
      double scale = options.transform.scale;

      if (node->flags & AM_NODE_IS_GROUP)
        {
          double x0 = (node->x - node->width / 2) * scale + options.transform.offset_x;
          double y0 = (node->y - node->height / 2) * scale + options.transform.offset_y;

          n_groups++;
          for (guint k = 0; k < boxes->len; k++)
            {
              const AmLabelBox *box = &g_array_index (boxes, AmLabelBox, k);

              if (box->node != i)
                continue;
              /* Inside its box, at the top. */
              g_assert_cmpfloat (box->x, >=, x0);
              g_assert_cmpfloat (box->x + box->width, <=, x0 + node->width * scale);
              g_assert_cmpfloat (box->y, >=, y0);
              g_assert_cmpfloat (box->y + box->height, <=, y0 + node->height * scale / 2);
            }
        }

      /* Each member inside the box of the group holding it. */
      if (sub->parent_node != AM_NO_INDEX)
        {
          const AmNode *group = am_graph_get_node (graph, sub->parent_node);

          g_assert_cmpfloat (node->x - node->width / 2, >=, group->x - group->width / 2);
          g_assert_cmpfloat (node->x + node->width / 2, <=, group->x + group->width / 2);
          g_assert_cmpfloat (node->y - node->height / 2, >=, group->y - group->height / 2);
          g_assert_cmpfloat (node->y + node->height / 2, <=, group->y + group->height / 2);
        }
    }

  g_assert_cmpuint (n_groups, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/labels/screen-size", test_screen_size);
  g_test_add_func ("/labels/no-screen-size", test_no_screen_size);
  g_test_add_func ("/labels/pick", test_pick_label);
  g_test_add_func ("/labels/legend-clear", test_legend_clear);
  g_test_add_func ("/labels/captions", test_captions);
  g_test_add_func ("/labels/captions-along-edges", test_captions_along_edges);
  g_test_add_func ("/labels/rotated-text/svg", test_rotated_text_svg);
  g_test_add_func ("/labels/rotated-text/cairo", test_rotated_text_cairo);
  g_test_add_func ("/labels/groups", test_groups);

  return g_test_run ();
}

/* test-lod.c: the level of detail of big maps: what is drawn, merged,
 * thinned and named when there is more than the eye can take in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "render-test-util.h"

/* Level of detail
 *
 * A painter that draws nothing and counts the lines it is asked to
 * stroke: edges are the only paths stroked without a fill.
 */

typedef struct
{
  AmPainter parent;
  AmColour  stroke;
  guint     n_subpaths;     /* in the path being built */
  guint     n_lines;        /* stroked subpaths */
  guint     n_rough;        /* of those, painted with AM_PAINT_ROUGH */
  double    depth;          /* sum of -ln (1 - alpha) over them */
  double    max_alpha;
} Tally;

static void
tally_begin_group (AmPainter  *painter,
                   const char *css_class,
                   const char *id,
                   const char *title)
{
}

static void
tally_end_group (AmPainter *painter)
{
}

static void
tally_set_fill (AmPainter      *painter,
                const AmColour *colour)
{
}

static void
tally_set_stroke (AmPainter      *painter,
                  const AmColour *colour,
                  double          width)
{
  ((Tally *) painter)->stroke = *colour;
}

static void
tally_set_dash (AmPainter    *painter,
                const double *dashes,
                guint         n_dashes)
{
}

static void
tally_move_to (AmPainter *painter,
               double     x,
               double     y)
{
  ((Tally *) painter)->n_subpaths++;
}

static void
tally_point (AmPainter *painter,
             double     x,
             double     y)
{
}

static void
tally_curve_to (AmPainter *painter,
                double     x1,
                double     y1,
                double     x2,
                double     y2,
                double     x3,
                double     y3)
{
}

static void
tally_close_path (AmPainter *painter)
{
}

static void
tally_circle (AmPainter *painter,
              double     cx,
              double     cy,
              double     radius)
{
}

static void
tally_rect (AmPainter *painter,
            double     x,
            double     y,
            double     width,
            double     height,
            double     radius)
{
}

static void
tally_paint (AmPainter    *painter,
             AmPaintFlags  flags)
{
  Tally *self = (Tally *) painter;

  if ((flags & (AM_PAINT_FILL | AM_PAINT_STROKE)) == AM_PAINT_STROKE)
    {
      double alpha = MIN (self->stroke.alpha, 0.999999);

      self->n_lines += self->n_subpaths;
      if (flags & AM_PAINT_ROUGH)
        self->n_rough += self->n_subpaths;
      self->depth += self->n_subpaths * -log (1 - alpha);
      self->max_alpha = MAX (self->max_alpha, self->stroke.alpha);
    }
  self->n_subpaths = 0;
}

static void
tally_text (AmPainter      *painter,
            double          x,
            double          y,
            const char     *text,
            double          size,
            int             weight,
            AmTextAnchor    anchor,
            const AmColour *halo,
            double          halo_width)
{
}

static void
tally_rotated_text (AmPainter      *painter,
                    double          x,
                    double          y,
                    double          angle,
                    const char     *text,
                    double          size,
                    int             weight,
                    AmTextAnchor    anchor,
                    const AmColour *halo,
                    double          halo_width)
{
}

static void
tally_free (AmPainter *painter)
{
}

static const AmPainterClass tally_class = {
  tally_begin_group, tally_end_group, tally_set_fill, tally_set_stroke, tally_set_dash,
  tally_move_to, tally_point, tally_curve_to, tally_close_path, tally_circle, tally_rect,
  tally_paint, tally_text, tally_rotated_text, tally_free,
};

static Tally
tally_edges (const AmGraph         *graph,
             const AmRenderOptions *options)
{
  Tally tally = { 0 };

  tally.parent.klass = &tally_class;
  tally.parent.resolution = 1;
  am_render_to_painter (graph, options, &tally.parent);

  return tally;
}

static void
far_view (AmRenderOptions *options,
          double           scale)
{
  am_render_options_init (options);
  options->transform.scale = scale;
  options->transform.offset_x = 100.05;
  options->transform.offset_y = 100.05;
  options->width = 600;
  options->height = 400;
}

/* Both ends in one pixel: the specks of the nodes say all. */
static void
test_lod_sub_pixel_edge (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  AmRenderOptions options;

  add_node (graph, "a", "", AM_NODE_KIND_OTHER, NULL, 0, 0);
  add_node (graph, "b", "", AM_NODE_KIND_OTHER, NULL, 80, 0);
  add_node (graph, "c", "", AM_NODE_KIND_OTHER, NULL, 30000, 0);
  add_edge (graph, NULL, 0, 1, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  add_edge (graph, NULL, 0, 2, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);

  far_view (&options, 0.01);
  g_assert_cmpuint (tally_edges (graph, &options).n_lines, ==, 2);
  options.level_of_detail = TRUE;
  g_assert_cmpuint (tally_edges (graph, &options).n_lines, ==, 1);
}

/* Parallels far out are one line, as dark as all of them together. */
static void
test_lod_merged_bundle (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  g_autofree char *svg = NULL;
  AmRenderOptions options;
  Tally full, merged;
  const char *p;
  guint n_svg_edges = 0;

  add_node (graph, "a", "", AM_NODE_KIND_PERSON, NULL, 0, 0);
  add_node (graph, "b", "", AM_NODE_KIND_PERSON, NULL, 40000, 10000);
  for (guint i = 0; i < 4; i++)
    add_edge (graph, NULL, 0, 1, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);

  far_view (&options, 0.01);
  full = tally_edges (graph, &options);
  g_assert_cmpuint (full.n_lines, ==, 4);
  g_assert_cmpuint (full.n_rough, ==, 0);

  options.level_of_detail = TRUE;
  merged = tally_edges (graph, &options);
  g_assert_cmpuint (merged.n_lines, ==, 1);
  g_assert_cmpfloat (merged.max_alpha, >, full.max_alpha);
  g_assert_cmpfloat_with_epsilon (merged.depth, full.depth, full.depth * 1e-3);
  g_assert_cmpuint (merged.n_rough, ==, 1);

  /* Closer in, the parallels are told apart again. */
  options.transform.scale = 0.2;
  g_assert_cmpuint (tally_edges (graph, &options).n_lines, ==, 4);

  /* An export ignores level of detail: it is read at any size. */
  options.transform.scale = 0.01;
  svg = render_svg (graph, &options);
  for (p = strstr (svg, "class=\"edge "); p != NULL; p = strstr (p + 1, "class=\"edge "))
    n_svg_edges++;
  g_assert_cmpuint (n_svg_edges, ==, 4);
}

/* Where lines pile up, a share of them stands for the rest: far fewer
 * lines, the same darkness overall. */
static void
test_lod_thinning (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  AmRenderOptions options;
  const guint n_nodes = 400, n_edges = 30000;
  Tally full, thinned;

  for (guint i = 0; i < n_nodes; i++)
    add_node (graph, NULL, "", AM_NODE_KIND_PERSON, NULL,
              g_rand_double_range (rand, 0, 4000), g_rand_double_range (rand, 0, 3000));
  for (guint i = 0; i < n_edges; i++)
    {
      guint source = g_rand_int_range (rand, 0, n_nodes);
      guint target = (source + 1 + g_rand_int_range (rand, 0, n_nodes - 1)) % n_nodes;

      add_edge (graph, NULL, source, target, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
    }

  far_view (&options, 0.04);
  full = tally_edges (graph, &options);
  g_assert_cmpuint (full.n_lines, >, n_edges * 0.99);

  options.level_of_detail = TRUE;
  thinned = tally_edges (graph, &options);
  g_test_message ("%u of %u lines, depth %.0f of %.0f", thinned.n_lines, full.n_lines,
                  thinned.depth, full.depth);
  g_assert_cmpuint (thinned.n_lines, <, full.n_lines / 2);
  g_assert_cmpfloat (fabs (thinned.depth - full.depth), <, full.depth * 0.1);
  g_assert_cmpuint (thinned.n_rough, ==, thinned.n_lines);

  /* A focus node's edges are all drawn, each on its own. */
  options.hover_node = 7;
  g_assert_cmpuint (tally_edges (graph, &options).n_lines, >, n_edges * 0.99);
}

/* Overview labels: a painter that keeps what text it is asked for. */

typedef struct
{
  char   *text;
  double  x, y, size;
  int     weight;
} Label;

typedef struct
{
  Tally   parent;
  GArray *labels;
} LabelLog;

static void
label_log_text (AmPainter      *painter,
                double          x,
                double          y,
                const char     *text,
                double          size,
                int             weight,
                AmTextAnchor    anchor,
                const AmColour *halo,
                double          halo_width)
{
  LabelLog *log = (LabelLog *) painter;
  Label label = { g_strdup (text), x, y, size, weight };

  g_assert_cmpint (anchor, ==, AM_TEXT_ANCHOR_MIDDLE);
  g_array_append_val (log->labels, label);
}

static void
clear_label (gpointer data)
{
  g_free (((Label *) data)->text);
}

static const AmPainterClass label_log_class = {
  tally_begin_group, tally_end_group, tally_set_fill, tally_set_stroke, tally_set_dash,
  tally_move_to, tally_point, tally_curve_to, tally_close_path, tally_circle, tally_rect,
  tally_paint, label_log_text, tally_rotated_text, tally_free,
};

static GArray *
overview_labels_beside (const AmGraph         *graph,
                        const AmRenderOptions *options,
                        double                 legend_width,
                        double                 legend_height)
{
  LabelLog log = { { { 0 } } };

  log.parent.parent.klass = &label_log_class;
  log.parent.parent.resolution = 1;
  log.labels = g_array_new (FALSE, FALSE, sizeof (Label));
  g_array_set_clear_func (log.labels, clear_label);
  am_render_overview_labels (graph, options, legend_width, legend_height, &log.parent.parent);

  return log.labels;
}

static GArray *
overview_labels (const AmGraph         *graph,
                 const AmRenderOptions *options)
{
  return overview_labels_beside (graph, options, 0, 0);
}

/* Zoomed out on a big map, the best-connected nodes are named, each
 * label clear of the others, and the one picked comes first. */
static void
test_overview_labels (void)
{
  g_autoptr(AmGraph) graph = new_random_graph (3000, 6000, 21);
  g_autoptr(GArray) labels = NULL;
  AmRenderOptions options;
  guint hub, issue;

  /* A hub and a hidden issue with many edges: named first, and never. */
  hub = add_node (graph, "hub", "The Hub", AM_NODE_KIND_PERSON, NULL, 10, 10);
  issue = add_node (graph, "issue", "The Issue", AM_NODE_KIND_ISSUE, NULL, 500, 500);
  for (guint i = 0; i < 60; i++)
    {
      add_edge (graph, NULL, hub, i, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
      add_edge (graph, NULL, i + 100, issue, AM_EDGE_KIND_STATEMENT, AM_STANCE_SUPPORTS);
    }

  fit_options (&options, graph, 800, 600);
  g_assert_cmpfloat (11.0 * options.transform.scale, <, 8.0);

  /* Without level of detail, as in an export: none. */
  labels = overview_labels (graph, &options);
  g_assert_cmpuint (labels->len, ==, 0);
  g_clear_pointer (&labels, g_array_unref);

  options.level_of_detail = TRUE;
  options.show_issues = FALSE;
  labels = overview_labels (graph, &options);
  g_test_message ("%u labels", labels->len);
  g_assert_cmpuint (labels->len, >=, 20);
  g_assert_cmpuint (labels->len, <=, 150);
  g_assert_cmpstr (g_array_index (labels, Label, 0).text, ==, "The Hub");

  /* The order a view keeps gives the same labels. */
  {
    g_autofree guint32 *order = am_graph_sort_by_degree (graph);
    g_autoptr(GArray) again = NULL;

    options.nodes_by_degree = order;
    again = overview_labels (graph, &options);
    options.nodes_by_degree = NULL;
    g_assert_cmpuint (again->len, ==, labels->len);
    for (guint i = 0; i < labels->len; i++)
      {
        g_assert_cmpstr (g_array_index (again, Label, i).text, ==,
                         g_array_index (labels, Label, i).text);
        g_assert_cmpfloat (g_array_index (again, Label, i).x, ==, g_array_index (labels, Label, i).x);
      }
  }

  for (guint i = 0; i < labels->len; i++)
    {
      const Label *a = &g_array_index (labels, Label, i);

      g_assert_cmpstr (a->text, !=, "The Issue");
      g_assert_cmpfloat (a->size, >=, 8.0);
      g_assert_true (a->x >= 0 && a->x <= 800 && a->y >= 0 && a->y <= 600);

      /* Clear of each other: a character is at least a third of the
       * size wide, and lines are at least the size apart. */
      for (guint j = 0; j < i; j++)
        {
          const Label *b = &g_array_index (labels, Label, j);
          double min_dx = (strlen (a->text) + strlen (b->text)) * a->size / 3 / 2;

          g_assert_true (fabs (a->x - b->x) >= min_dx || fabs (a->y - b->y) >= a->size);
        }
    }
  g_clear_pointer (&labels, g_array_unref);

  /* A legend over the corner keeps it clear of labels. */
  labels = overview_labels_beside (graph, &options, 300, 400);
  g_assert_cmpuint (labels->len, >, 0);
  for (guint i = 0; i < labels->len; i++)
    {
      const Label *label = &g_array_index (labels, Label, i);

      g_assert_false (label->x < AM_RENDER_LEGEND_MARGIN + 300 &&
                      label->y < AM_RENDER_LEGEND_MARGIN + 400 + label->size);
    }
  g_clear_pointer (&labels, g_array_unref);

  /* The node picked comes first, in bold, however few edges it has. */
  options.selected_node = 2999;
  labels = overview_labels (graph, &options);
  g_assert_cmpstr (g_array_index (labels, Label, 0).text, ==, "n2999");
  g_assert_cmpint (g_array_index (labels, Label, 0).weight, ==, PANGO_WEIGHT_BOLD);
  g_clear_pointer (&labels, g_array_unref);
  options.selected_node = AM_NO_INDEX;

  /* Zoomed in, labels are readable and drawn as usual: none here. */
  options.transform.scale = 1;
  labels = overview_labels (graph, &options);
  g_assert_cmpuint (labels->len, ==, 0);
}

/* A frame drawn in bands, each on its own surface over the same pixels,
 * is the frame drawn whole: the bands meet without a seam. */
static void
test_lod_bands_agree (void)
{
  g_autoptr(AmGraph) graph = new_random_graph (1500, 30000, 9);
  const int width = 320, height = 240, split = 117;
  cairo_surface_t *whole, *banded;
  AmRenderOptions options;
  guint n_different = 0;

  fit_options (&options, graph, width, height);
  options.level_of_detail = TRUE;
  /* Strokes: an image of the edges' density is toned over the whole
   * frame, so the view's worker makes it once, not band by band. */
  options.edge_density = AM_EDGE_DENSITY_OFF;

  whole = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  banded = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  for (guint i = 0; i < 2; i++)
    {
      cairo_surface_t *target = i == 0 ? whole : banded;
      cairo_t *cr = cairo_create (target);

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      if (i == 0)
        am_render_to_cairo (graph, &options, cr);
      cairo_destroy (cr);
    }

  cairo_surface_flush (banded);
  for (guint band = 0; band < 2; band++)
    {
      int top = band == 0 ? 0 : split, rows = band == 0 ? split : height - split;
      AmRenderOptions band_options = options;
      cairo_surface_t *surface;
      cairo_t *cr;

      surface = cairo_image_surface_create_for_data (cairo_image_surface_get_data (banded) +
                                                     top * cairo_image_surface_get_stride (banded),
                                                     CAIRO_FORMAT_ARGB32, width, rows,
                                                     cairo_image_surface_get_stride (banded));
      band_options.transform.offset_y -= top;
      band_options.height = rows;
      cr = cairo_create (surface);
      am_render_to_cairo (graph, &band_options, cr);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  cairo_surface_mark_dirty (banded);
  cairo_surface_flush (whole);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (pixel_distance (get_pixel (whole, x, y), get_pixel (banded, x, y)) > 24)
        n_different++;

  g_test_message ("%u of %d pixels differ", n_different, width * height);
  g_assert_cmpuint (n_different, <, width * height / 200);
  /* Not a blank frame that trivially agrees. */
  g_assert_cmpint (pixel_distance (get_pixel (whole, width / 2, height / 2),
                                   (Pixel) { 255, 255, 255, 255 }), >, 30);

  cairo_surface_destroy (whole);
  cairo_surface_destroy (banded);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/lod/sub-pixel-edge", test_lod_sub_pixel_edge);
  g_test_add_func ("/render/lod/merged-bundle", test_lod_merged_bundle);
  g_test_add_func ("/render/lod/thinning", test_lod_thinning);
  g_test_add_func ("/render/lod/bands-agree", test_lod_bands_agree);
  g_test_add_func ("/render/lod/overview-labels", test_overview_labels);

  return g_test_run ();
}

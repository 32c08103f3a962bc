/* test-density.c: edges far more than pixels, drawn as an image of how
 * much line crosses each pixel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "am-render-private.h"
#include "render-test-util.h"

static double
density_sum (const Density *density)
{
  double sum = 0;

  for (gsize i = 0; i < (gsize) density->width * density->height; i++)
    sum += density->pixels[i].total;

  return sum;
}

/* What a line adds is its length times its weight, wherever it runs. */
static void
test_density_line_sums (void)
{
  Density *density = am_render_density_new (100, 60);
  double expected = 0;

  /* Along row 20: 0.5 in each pixel it spans. */
  am_render_density_add_line (density, 10, 20.5, 70, 20.5, 0.5f, AM_EDGE_KIND_TALKS);
  expected += 60 * 0.5;
  g_assert_cmpfloat_with_epsilon (density->pixels[20 * 100 + 10].total, 0.5, 1e-5);
  g_assert_cmpfloat_with_epsilon (density->pixels[20 * 100 + 69].total, 0.5, 1e-5);
  g_assert_cmpfloat (density->pixels[19 * 100 + 40].total, ==, 0);
  g_assert_cmpfloat (density->pixels[21 * 100 + 40].total, ==, 0);
  g_assert_cmpfloat (density->pixels[20 * 100 + 70].total, ==, 0);
  g_assert_cmpfloat_with_epsilon (density_sum (density), expected, 1e-3);

  /* Steep and slanted, backwards, with twice the weight. */
  am_render_density_add_line (density, 45, 55, 15, 15, 2.0f, AM_EDGE_KIND_ATTACK);
  expected += 50 * 2.0;
  g_assert_cmpfloat_with_epsilon (density_sum (density), expected, 1e-3);

  /* Half of it outside: only what is inside counts. */
  am_render_density_add_line (density, 80, -40, 80, 40, 1.0f, AM_EDGE_KIND_TALKS);
  expected += 40;
  g_assert_cmpfloat_with_epsilon (density_sum (density), expected, 1e-3);

  /* Where no line ran, nothing. */
  g_assert_cmpfloat (density->pixels[5 * 100 + 5].total, ==, 0);
  g_assert_cmpfloat (density->pixels[58 * 100 + 98].total, ==, 0);

  am_render_density_free (density);
}

/* A graph's edges add up to their lengths in pixels, each times how much
 * of a pixel its stroke would cover. */
static void
test_density_graph_sums (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  g_autoptr(GString) scratch = g_string_new (NULL);
  guint a = add_node (graph, "a", "", AM_NODE_KIND_PERSON, NULL, 0, 0);
  guint b = add_node (graph, "b", "", AM_NODE_KIND_PERSON, NULL, 300, 0);
  guint c = add_node (graph, "c", "", AM_NODE_KIND_PERSON, NULL, 300, 400);
  const guint32 edges[] = {
    add_edge (graph, "ab", a, b, AM_EDGE_KIND_TALKS, AM_STANCE_NONE),
    add_edge (graph, "bc", b, c, AM_EDGE_KIND_ATTACK, AM_STANCE_NONE),
    add_edge (graph, "ca", c, a, AM_EDGE_KIND_STATEMENT, AM_STANCE_OPPOSES),
  };
  const double lengths[] = { 300, 400, 500 };
  AmRenderOptions options;
  RenderContext ctx;
  Density *density;
  double expected = 0;

  am_render_options_init (&options);
  options.transform.scale = 0.2;
  options.transform.offset_x = 10;
  options.transform.offset_y = 10;
  options.width = 100;
  options.height = 100;
  g_assert_true (am_render_context_init (&ctx, graph, &options, NULL, scratch));
  density = am_render_density_accumulate (&ctx, 1, NULL);
  g_assert_nonnull (density);

  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    {
      EdgePaint paint;

      am_render_edge_paint (&ctx, am_graph_get_edge (graph, edges[i]), FALSE, &paint);
      expected += lengths[i] * options.transform.scale * MIN (paint.width, 1.0) *
                  paint.colour.alpha;
    }
  g_assert_cmpuint (density->n_edges, ==, 3);
  g_assert_cmpfloat_with_epsilon (density_sum (density), expected, expected * 1e-4);

  /* Three edges in ten thousand pixels are drawn as strokes. */
  g_assert_false (am_render_density_wanted (density));
  g_assert_null (am_render_edge_density (graph, &options, 1, NULL));

  am_render_density_free (density);
  am_render_context_clear (&ctx);
}

/* Enough edges to be looked at on several threads, each drawing rows of
 * its own: still every edge adds its length, once. */
static void
test_density_parts_add_up (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  g_autoptr(GString) scratch = g_string_new (NULL);
  const guint columns = 200, rows = 180;
  AmRenderOptions options;
  RenderContext ctx;
  EdgePaint paint;
  Density *density;
  guint n_edges = 0;

  for (guint i = 0; i < columns * rows; i++)
    {
      char id[16];

      g_snprintf (id, sizeof id, "n%u", i);
      add_node (graph, id, "", AM_NODE_KIND_PERSON, NULL, (i % columns) * 10.0,
                (i / columns) * 10.0);
    }
  for (guint i = 0; i < columns * rows; i++)
    {
      if (i % columns + 1 < columns)
        {
          add_edge (graph, NULL, i, i + 1, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
          n_edges++;
        }
      if (i / columns + 1 < rows)
        {
          add_edge (graph, NULL, i, i + columns, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
          n_edges++;
        }
    }
  g_assert_cmpuint (n_edges, >, 65536);

  am_render_options_init (&options);
  options.transform.scale = 0.2;
  options.transform.offset_x = 5;
  options.transform.offset_y = 5;
  options.width = columns * 2 + 10;
  options.height = rows * 2 + 10;
  g_assert_true (am_render_context_init (&ctx, graph, &options, NULL, scratch));
  density = am_render_density_accumulate (&ctx, 1, NULL);
  g_assert_nonnull (density);
  g_assert_cmpuint (density->n_edges, ==, n_edges);
  g_assert_true (am_render_density_wanted (density));

  /* Two pixels each, too sparse to thin. */
  am_render_edge_paint (&ctx, am_graph_get_edge (graph, 0), FALSE, &paint);
  g_assert_cmpfloat_with_epsilon (density_sum (density),
                                  n_edges * 2.0 * MIN (paint.width, 1.0) * paint.colour.alpha,
                                  n_edges * 2.0 * 1e-4);
  /* Across the rows where the parts meet, as elsewhere. */
  for (guint y = 6; y < rows * 2; y++)
    g_assert_cmpfloat (density->pixels[y * density->width + 101].total, >, 0);

  am_render_density_free (density);
  am_render_context_clear (&ctx);
}

/* How much of a pixel a stroke of @kind covers per pixel of its length
 * in @ctx, as the density counts it. */
static double
stroke_weight (const RenderContext *ctx,
               AmEdgeKind           kind)
{
  AmEdge edge = { 0 };
  EdgePaint paint;

  edge.kind = kind;
  am_render_edge_paint (ctx, &edge, FALSE, &paint);
  return MIN (paint.width / ctx->pixel, 1.0) * paint.colour.alpha;
}

/* Where edges pile up, only a share of them is drawn, each standing for
 * those left out: the image is still, place by place, what every edge
 * drawn would make. */
static void
test_density_thinned_like_every_edge (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);
  const guint n_nodes = 400, n_edges = 80000, block = 25;
  AmRenderOptions options;
  RenderContext ctx;
  Density *density, *every;
  double weight, sum, every_sum;

  for (guint i = 0; i < n_nodes; i++)
    add_node (graph, NULL, "", AM_NODE_KIND_PERSON, NULL, g_rand_double_range (rand, 0, 1000),
              g_rand_double_range (rand, 0, 1000));
  for (guint i = 0; i < n_edges; i++)
    {
      guint source = g_rand_int_range (rand, 0, n_nodes);
      guint target = (source + g_rand_int_range (rand, 1, n_nodes)) % n_nodes;

      add_edge (graph, NULL, source, target, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
    }

  am_render_options_init (&options);
  options.transform.scale = 0.1;
  options.width = 100;
  options.height = 100;
  g_assert_true (am_render_context_init (&ctx, graph, &options, NULL, scratch));
  density = am_render_density_accumulate (&ctx, 1, NULL);
  g_assert_nonnull (density);
  g_assert_cmpuint (density->n_edges, ==, n_edges);

  weight = stroke_weight (&ctx, AM_EDGE_KIND_TALKS);
  every = am_render_density_new (100, 100);
  for (guint i = 0; i < n_edges; i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);
      const AmNode *s = am_graph_get_node (graph, edge->source);
      const AmNode *t = am_graph_get_node (graph, edge->target);

      am_render_density_add_line (every, s->x * 0.1, s->y * 0.1, t->x * 0.1, t->y * 0.1,
                                  (float) weight, AM_EDGE_KIND_TALKS);
    }

  /* Far fewer strokes than edges: the sums of blocks of pixels are
   * near, not equal. */
  sum = density_sum (density);
  every_sum = density_sum (every);
  g_assert_cmpfloat (fabs (sum - every_sum), <, 0.05 * every_sum);
  for (guint by = 0; by < 100; by += block)
    for (guint bx = 0; bx < 100; bx += block)
      {
        double thinned = 0, all = 0;

        for (guint y = by; y < by + block; y++)
          for (guint x = bx; x < bx + block; x++)
            {
              thinned += density->pixels[y * 100 + x].total;
              all += every->pixels[y * 100 + x].total;
            }
        g_assert_cmpfloat (fabs (thinned - all), <, 0.25 * all);
      }
  g_assert_cmpuint (memcmp (density->pixels, every->pixels, 100 * 100 * sizeof (DensityPixel)),
                    !=, 0);

  am_render_density_free (every);
  am_render_density_free (density);
  am_render_context_clear (&ctx);
}

/* Edges of a kind that is hidden, and those of a hidden issue, add
 * nothing. */
static void
test_density_hidden_edges (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  g_autoptr(GString) scratch = g_string_new (NULL);
  guint a = add_node (graph, "a", "", AM_NODE_KIND_PERSON, NULL, 0, 0);
  guint b = add_node (graph, "b", "", AM_NODE_KIND_PERSON, NULL, 300, 0);
  guint issue = add_node (graph, "i", "", AM_NODE_KIND_ISSUE, NULL, 300, 400);
  AmRenderOptions options;
  RenderContext ctx;
  Density *density;

  add_edge (graph, "ab", a, b, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  add_edge (graph, "ai", a, issue, AM_EDGE_KIND_STATEMENT, AM_STANCE_SUPPORTS);
  add_edge (graph, "bi", b, issue, AM_EDGE_KIND_STATEMENT, AM_STANCE_OPPOSES);

  am_render_options_init (&options);
  options.transform.scale = 0.2;
  options.transform.offset_x = 10;
  options.transform.offset_y = 10;
  options.width = 100;
  options.height = 100;

  options.show_issues = FALSE;
  g_assert_true (am_render_context_init (&ctx, graph, &options, NULL, scratch));
  density = am_render_density_accumulate (&ctx, 1, NULL);
  g_assert_cmpuint (density->n_edges, ==, 1);
  g_assert_cmpfloat_with_epsilon (density_sum (density),
                                  300 * 0.2 * stroke_weight (&ctx, AM_EDGE_KIND_TALKS), 1e-3);
  am_render_density_free (density);
  am_render_context_clear (&ctx);

  options.show_issues = TRUE;
  options.hidden_edge_kinds = 1u << AM_EDGE_KIND_TALKS;
  g_assert_true (am_render_context_init (&ctx, graph, &options, NULL, scratch));
  density = am_render_density_accumulate (&ctx, 1, NULL);
  g_assert_cmpuint (density->n_edges, ==, 2);
  g_assert_cmpfloat (density->pixels[10 * 100 + 40].total, ==, 0);
  g_assert_cmpfloat (density->pixels[40 * 100 + 70].total, >, 0);
  am_render_density_free (density);
  am_render_context_clear (&ctx);
}

/* On a view too large for its cells to be told apart by sixteen bits,
 * lines in a sparse corner are still each drawn, whole, however dense
 * the cells are whose numbers theirs would run over into. */
static void
test_density_huge_view (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  g_autoptr(GString) scratch = g_string_new (NULL);
  AmRenderOptions options;
  RenderContext ctx;
  Density *density;
  double sparse = 0;

  /* A thick band near the top... */
  for (guint i = 0; i < 3000; i++)
    {
      double y = (i + 0.5) * 100 / 3000;
      guint from = add_node (graph, NULL, "", AM_NODE_KIND_PERSON, NULL, 4000, y);
      guint to = add_node (graph, NULL, "", AM_NODE_KIND_PERSON, NULL, 5000, y);

      add_edge (graph, NULL, from, to, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
    }
  /* ...and a few short lines at the bottom. */
  for (guint i = 0; i < 8; i++)
    {
      guint from = add_node (graph, NULL, "", AM_NODE_KIND_PERSON, NULL, 100 + 60 * i, 2070.5);
      guint to = add_node (graph, NULL, "", AM_NODE_KIND_PERSON, NULL, 150 + 60 * i, 2070.5);

      add_edge (graph, NULL, from, to, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
    }

  am_render_options_init (&options);
  options.width = 8200;
  options.height = 2100;
  g_assert_true (am_render_context_init (&ctx, graph, &options, NULL, scratch));
  density = am_render_density_accumulate (&ctx, 1, NULL);
  g_assert_nonnull (density);

  for (gsize i = (gsize) 2000 * density->width; i < (gsize) density->width * density->height; i++)
    sparse += density->pixels[i].total;
  g_assert_cmpfloat_with_epsilon (sparse, 8 * 50 * stroke_weight (&ctx, AM_EDGE_KIND_TALKS),
                                  1e-3);

  am_render_density_free (density);
  am_render_context_clear (&ctx);
}

/* Two bundles of parallels, each mostly of one kind. */
static AmGraph *
new_bundles_graph (void)
{
  AmGraph *graph = new_graph ();
  guint a = add_node (graph, "a", "", AM_NODE_KIND_PERSON, NULL, 0, 0);
  guint b = add_node (graph, "b", "", AM_NODE_KIND_PERSON, NULL, 100, 0);
  guint c = add_node (graph, "c", "", AM_NODE_KIND_PERSON, NULL, 0, 50);
  guint d = add_node (graph, "d", "", AM_NODE_KIND_PERSON, NULL, 100, 50);

  for (guint i = 0; i < 400; i++)
    {
      add_edge (graph, NULL, a, b, i % 4 == 0 ? AM_EDGE_KIND_TALKS : AM_EDGE_KIND_ATTACK,
                AM_STANCE_NONE);
      add_edge (graph, NULL, c, d, i % 4 == 0 ? AM_EDGE_KIND_ATTACK : AM_EDGE_KIND_TALKS,
                AM_STANCE_NONE);
    }

  return graph;
}

static void
bundles_options (AmRenderOptions *options)
{
  am_render_options_init (options);
  options->transform.scale = 0.5;
  options->transform.offset_x = 5;
  options->transform.offset_y = 5.5;
  options->width = 60;
  options->height = 40;
}

static void
assert_colour (Pixel           pixel,
               const AmColour *colour)
{
  g_assert_cmpint (pixel.a, >, 0);
  g_assert_cmpint (abs (pixel.r * 255 / pixel.a - (int) (colour->red * 255)), <=, 3);
  g_assert_cmpint (abs (pixel.g * 255 / pixel.a - (int) (colour->green * 255)), <=, 3);
  g_assert_cmpint (abs (pixel.b * 255 / pixel.a - (int) (colour->blue * 255)), <=, 3);
}

/* Each pixel has the colour of the kind most of its line is. */
static void
test_density_leading_kind (void)
{
  g_autoptr(AmGraph) graph = new_bundles_graph ();
  const AmStyle *style = am_style_get (FALSE);
  AmEdgeStyle attack, talks;
  AmRenderOptions options;
  cairo_surface_t *image;
  double x_scale, y_scale;

  am_style_get_edge_style (style, AM_EDGE_KIND_ATTACK, AM_STANCE_NONE, &attack);
  am_style_get_edge_style (style, AM_EDGE_KIND_TALKS, AM_STANCE_NONE, &talks);
  /* Or the test could not tell them apart. */
  g_assert_cmpfloat (fabs (attack.colour.red - talks.colour.red) +
                     fabs (attack.colour.green - talks.colour.green) +
                     fabs (attack.colour.blue - talks.colour.blue), >, 0.2);

  bundles_options (&options);
  image = am_render_edge_density (graph, &options, 1, NULL);
  g_assert_nonnull (image);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 60);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 40);
  cairo_surface_get_device_scale (image, &x_scale, &y_scale);
  g_assert_cmpfloat (x_scale, ==, 1);

  /* The bundles run along rows 5 and 30. */
  assert_colour (get_pixel (image, 30, 5), &attack.colour);
  assert_colour (get_pixel (image, 30, 30), &talks.colour);
  /* Empty between them, and beyond their ends. */
  g_assert_cmpint (get_pixel (image, 30, 18).a, ==, 0);
  g_assert_cmpint (get_pixel (image, 58, 5).a, ==, 0);
  g_assert_cmpint (get_pixel (image, 30, 38).a, ==, 0);
  cairo_surface_destroy (image);

  /* At twice the resolution, with twice the pixels each way, there is
   * room for strokes; at 1.1 times, not yet. */
  g_assert_null (am_render_edge_density (graph, &options, 2, NULL));
  image = am_render_edge_density (graph, &options, 1.1, NULL);
  g_assert_nonnull (image);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 66);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 44);
  cairo_surface_get_device_scale (image, &x_scale, &y_scale);
  g_assert_cmpfloat (x_scale, ==, 1.1);
  cairo_surface_destroy (image);
}

/* Short edges on a grid: zoomed in, few of them are in view. */
static AmGraph *
new_grid_graph (void)
{
  AmGraph *graph = new_graph ();
  const guint side = 20;

  for (guint i = 0; i < side * side; i++)
    {
      char id[16];

      g_snprintf (id, sizeof id, "n%u", i);
      add_node (graph, id, "", AM_NODE_KIND_PERSON, NULL, (i % side) * 100.0, (i / side) * 100.0);
    }
  for (guint i = 0; i < side * side; i++)
    for (guint copy = 0; copy < 3; copy++)
      {
        if (i % side + 1 < side)
          add_edge (graph, NULL, i, i + 1, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
        if (i / side + 1 < side)
          add_edge (graph, NULL, i, i + side, AM_EDGE_KIND_MEETING, AM_STANCE_NONE);
      }
  am_render_measure_nodes (graph);

  return graph;
}

static cairo_surface_t *
draw (const AmGraph         *graph,
      const AmRenderOptions *options)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) options->width,
                                                         (int) options->height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  am_render_to_cairo (graph, options, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static guint
count_different (cairo_surface_t *a,
                 cairo_surface_t *b)
{
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (a); y++)
    for (int x = 0; x < cairo_image_surface_get_width (a); x++)
      if (pixel_distance (get_pixel (a, x, y), get_pixel (b, x, y)) > 0)
        n++;

  return n;
}

/* Seen whole, the grid's edges are an image; zoomed in, strokes. */
static void
test_density_zoom_brings_strokes_back (void)
{
  g_autoptr(AmGraph) graph = new_grid_graph ();
  AmRenderOptions options, strokes;
  cairo_surface_t *image, *with_density, *with_strokes;

  fit_options (&options, graph, 60, 60);
  options.level_of_detail = TRUE;
  image = am_render_edge_density (graph, &options, 1, NULL);
  g_assert_nonnull (image);
  cairo_surface_destroy (image);

  /* On an image surface am_render_to_cairo() uses it. */
  strokes = options;
  strokes.edge_density = AM_EDGE_DENSITY_OFF;
  with_density = draw (graph, &options);
  with_strokes = draw (graph, &strokes);
  g_assert_cmpuint (count_different (with_density, with_strokes), >, 100);
  cairo_surface_destroy (with_density);
  cairo_surface_destroy (with_strokes);

  /* Eight times closer, a few dozen edges are in view. */
  options.transform.scale *= 8;
  g_assert_null (am_render_edge_density (graph, &options, 1, NULL));
  strokes = options;
  strokes.edge_density = AM_EDGE_DENSITY_OFF;
  with_density = draw (graph, &options);
  with_strokes = draw (graph, &strokes);
  g_assert_cmpuint (count_different (with_density, with_strokes), ==, 0);
  cairo_surface_destroy (with_density);
  cairo_surface_destroy (with_strokes);
}

/* Around a focus the image fades as the strokes would, and the focus's
 * edges are stroked over it. */
static void
test_density_focus_fades (void)
{
  g_autoptr(AmGraph) graph = new_bundles_graph ();
  AmRenderOptions options;
  cairo_surface_t *plain, *faded;

  bundles_options (&options);
  plain = am_render_edge_density (graph, &options, 1, NULL);
  options.selected_node = 2;
  faded = am_render_edge_density (graph, &options, 1, NULL);
  g_assert_nonnull (plain);
  g_assert_nonnull (faded);
  g_assert_cmpint (get_pixel (faded, 30, 5).a, <, get_pixel (plain, 30, 5).a / 4);
  g_assert_cmpint (get_pixel (faded, 30, 5).a, >, 0);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (faded);
}

/* Cancelled, it gives up and makes no image. */
static void
test_density_cancel (void)
{
  g_autoptr(AmGraph) graph = new_bundles_graph ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AmRenderOptions options;
  cairo_surface_t *image;

  bundles_options (&options);
  image = am_render_edge_density (graph, &options, 1, cancellable);
  g_assert_nonnull (image);
  cairo_surface_destroy (image);

  g_cancellable_cancel (cancellable);
  g_assert_null (am_render_edge_density (graph, &options, 1, cancellable));
}

/* The tone grows with the coverage, from nothing, up to the top. */
static void
test_density_tone (void)
{
  double last = 0;

  g_assert_cmpfloat (am_render_density_alpha (0, 50), ==, 0);
  for (double coverage = 0.01; coverage <= 50; coverage *= 1.5)
    {
      double alpha = am_render_density_alpha (coverage, 50);

      g_assert_cmpfloat (alpha, >, last);
      last = alpha;
    }
  g_assert_cmpfloat (am_render_density_alpha (100, 50), ==, am_render_density_alpha (50, 50));
  g_assert_cmpfloat (am_render_density_alpha (50, 50), <=, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/density/line-sums", test_density_line_sums);
  g_test_add_func ("/render/density/graph-sums", test_density_graph_sums);
  g_test_add_func ("/render/density/parts-add-up", test_density_parts_add_up);
  g_test_add_func ("/render/density/thinned-like-every-edge",
                   test_density_thinned_like_every_edge);
  g_test_add_func ("/render/density/hidden-edges", test_density_hidden_edges);
  g_test_add_func ("/render/density/huge-view", test_density_huge_view);
  g_test_add_func ("/render/density/leading-kind", test_density_leading_kind);
  g_test_add_func ("/render/density/zoom-brings-strokes-back",
                   test_density_zoom_brings_strokes_back);
  g_test_add_func ("/render/density/focus-fades", test_density_focus_fades);
  g_test_add_func ("/render/density/cancel", test_density_cancel);
  g_test_add_func ("/render/density/tone", test_density_tone);

  return g_test_run ();
}

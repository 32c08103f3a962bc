/* test-fit-frame.c: what a large map's frame at fit draws its own way:
 * nodes as specks written into the pixels, the legend made once, and
 * views of most of the map drawn without asking the index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "am-render-private.h"
#include "am-spatial-index.h"
#include "render-test-util.h"

#define WIDTH  200
#define HEIGHT 150

/* Nodes on a grid, far enough apart that no two specks meet, in a few
 * colours; with @edges, each linked to its right and lower neighbour. */
static AmGraph *
new_grid_graph (gboolean edges)
{
  static const char *affiliations[] = { "Red party", "Blue party", "Green party", NULL };
  AmGraph *graph = new_graph ();
  guint columns = 30, rows = 22;

  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < columns; c++)
      {
        g_autofree char *id = g_strdup_printf ("n%u-%u", r, c);
        guint k = r * columns + c;

        add_node (graph, id, id, k % 2 ? AM_NODE_KIND_PERSON : AM_NODE_KIND_ORGANISATION,
                  affiliations[k % 4], 150.0 + 300.0 * c + 37.0 * (r % 3),
                  150.0 + 300.0 * r + 53.0 * (c % 5));
      }

  if (edges)
    for (guint r = 0; r < rows; r++)
      for (guint c = 0; c < columns; c++)
        {
          g_autofree char *right = g_strdup_printf ("r%u-%u", r, c);
          g_autofree char *down = g_strdup_printf ("d%u-%u", r, c);

          if (c + 1 < columns)
            add_edge (graph, right, r * columns + c, r * columns + c + 1,
                      AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
          if (r + 1 < rows)
            add_edge (graph, down, r * columns + c, (r + 1) * columns + c,
                      AM_EDGE_KIND_ATTACK, AM_STANCE_NONE);
        }

  return graph;
}

static void
speck_options (AmRenderOptions *options)
{
  am_render_options_init (options);
  options->width = WIDTH;
  options->height = HEIGHT;
  options->transform.scale = 0.02;
  options->transform.offset_x = 4.5;
  options->transform.offset_y = 3.5;
  options->level_of_detail = TRUE;
}

static cairo_surface_t *
draw (const AmGraph         *graph,
      const AmRenderOptions *options,
      gboolean               split_clip)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  /* Two rectangles that clip nothing, but that a painter does not lend
   * its pixels through: the nodes go through Cairo. */
  if (split_clip)
    {
      cairo_rectangle (cr, 0, 0, WIDTH, HEIGHT / 2);
      cairo_rectangle (cr, 0, HEIGHT / 2, WIDTH, HEIGHT - HEIGHT / 2);
      cairo_clip (cr);
    }
  am_render_to_cairo (graph, options, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *row = cairo_image_surface_get_data (surface) +
                      (gsize) y * cairo_image_surface_get_stride (surface);

  return ((const guint32 *) (gconstpointer) row)[x];
}

static int
channel_difference (guint32 a,
                    guint32 b)
{
  int most = 0;

  for (int shift = 0; shift < 32; shift += 8)
    most = MAX (most, ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)));
  return most;
}

/* Whether a painter lends its pixels only where they can be written as
 * Cairo would draw. */
static void
test_fit_frame_pixels_lent (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 40, 30);
  AmPainterPixels pixels;
  AmPainter *painter;
  cairo_t *cr;

  cr = cairo_create (surface);
  cairo_translate (cr, 5, 7);
  cairo_scale (cr, 2, 2);
  painter = am_cairo_painter_new (cr);
  g_assert_true (am_painter_begin_pixels (painter, &pixels));
  g_assert_cmpfloat (pixels.scale, ==, 2);
  g_assert_cmpfloat (pixels.offset_x, ==, 5);
  g_assert_cmpfloat (pixels.offset_y, ==, 7);
  g_assert_cmpint (pixels.x1, ==, 40);
  g_assert_cmpint (pixels.y1, ==, 30);
  am_painter_end_pixels (painter);
  am_painter_free (painter);
  cairo_destroy (cr);

  /* Turned: no. */
  cr = cairo_create (surface);
  cairo_rotate (cr, 0.3);
  painter = am_cairo_painter_new (cr);
  g_assert_false (am_painter_begin_pixels (painter, &pixels));
  am_painter_free (painter);
  cairo_destroy (cr);

  cairo_surface_destroy (surface);
}

/* Specks written into the pixels land where Cairo fills them, in the
 * same colours. */
static void
test_fit_frame_specks (void)
{
  g_autoptr(AmGraph) graph = new_grid_graph (FALSE);
  const AmStyle *style = am_style_get (FALSE);
  AmRenderOptions options;
  cairo_surface_t *direct, *through_cairo;
  guint n_covered = 0, n_centres = 0;

  speck_options (&options);
  direct = draw (graph, &options, FALSE);
  through_cairo = draw (graph, &options, TRUE);

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        guint32 a = pixel_at (direct, x, y), b = pixel_at (through_cairo, x, y);

        /* Cairo's coverage of a pixel comes from a sampling grid, the
         * specks' from the exact area. */
        if (channel_difference (a, b) > 20)
          g_error ("pixel (%d, %d): %08x written, %08x through Cairo", x, y, a, b);
        n_covered += (b >> 24) > 0;
      }
  /* Nodes were drawn at all: 1.5 pixels square cover 2 to 4 pixels. */
  g_assert_cmpuint (n_covered, >=, 2 * am_graph_get_n_nodes (graph));

  /* Each node's colour is where it is. */
  for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
    {
      const AmNode *node = am_graph_get_node (graph, i);
      AmColour fill = am_style_get_node_fill (style, am_graph_get_affiliations (graph), graph, i);
      double x = node->x * options.transform.scale + options.transform.offset_x;
      double y = node->y * options.transform.scale + options.transform.offset_y;
      guint32 pixel, expected;

      /* Centred on a pixel, a speck covers it whole. */
      if (x < 0 || y < 0 || x >= WIDTH || y >= HEIGHT ||
          fabs (x - floor (x) - 0.5) > 0.25 || fabs (y - floor (y) - 0.5) > 0.25)
        continue;

      pixel = pixel_at (direct, (int) x, (int) y);
      expected = 0xffu << 24 | (guint32) (fill.red * 255 + 0.5) << 16 |
                 (guint32) (fill.green * 255 + 0.5) << 8 | (guint32) (fill.blue * 255 + 0.5);
      g_assert_cmpint (channel_difference (pixel, expected), <=, 2);
      n_centres++;
    }
  g_assert_cmpuint (n_centres, >, 20);

  cairo_surface_destroy (direct);
  cairo_surface_destroy (through_cairo);
}

/* A band of the frame writes only its own rows: the bands meet without
 * a seam. */
static void
test_fit_frame_specks_in_bands (void)
{
  g_autoptr(AmGraph) graph = new_grid_graph (FALSE);
  AmRenderOptions options;
  cairo_surface_t *whole, *banded;
  int stride;

  speck_options (&options);
  whole = draw (graph, &options, FALSE);

  banded = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  stride = cairo_image_surface_get_stride (banded);
  for (int top = 0; top < HEIGHT; top += 50)
    {
      cairo_surface_t *band =
        cairo_image_surface_create_for_data (cairo_image_surface_get_data (banded) +
                                             (gsize) top * stride, CAIRO_FORMAT_ARGB32,
                                             WIDTH, 50, stride);
      AmRenderOptions band_options = options;
      cairo_t *cr = cairo_create (band);

      band_options.transform.offset_y -= top;
      band_options.height = 50;
      am_render_to_cairo (graph, &band_options, cr);
      cairo_destroy (cr);
      cairo_surface_destroy (band);
    }
  cairo_surface_mark_dirty (banded);

  /* But for rounding: a band's offset is the frame's less its top. */
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      if (channel_difference (pixel_at (whole, x, y), pixel_at (banded, x, y)) > 1)
        g_error ("pixel (%d, %d): %08x in the whole frame, %08x in a band", x, y,
                 pixel_at (whole, x, y), pixel_at (banded, x, y));

  cairo_surface_destroy (whole);
  cairo_surface_destroy (banded);
}

/* The legend made once for size and drawing is the one drawn alone. */
static void
test_fit_frame_legend (void)
{
  g_autoptr(AmGraph) graph = new_grid_graph (TRUE);
  AmRenderOptions options;
  cairo_surface_t *once, *alone;
  double width, height, expected_width, expected_height;
  cairo_t *cr;

  speck_options (&options);
  options.draw_legend = TRUE;
  am_render_get_legend_size (graph, &options, &expected_width, &expected_height);
  g_assert_cmpfloat (expected_width, >, 0);

  once = am_render_legend_to_surface (graph, &options, 2, &width, &height);
  g_assert_nonnull (once);
  g_assert_cmpfloat (width, ==, expected_width);
  g_assert_cmpfloat (height, ==, expected_height);

  alone = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cairo_image_surface_get_width (once),
                                      cairo_image_surface_get_height (once));
  cairo_surface_set_device_scale (alone, 2, 2);
  cr = cairo_create (alone);
  am_render_legend_to_cairo (graph, &options, cr);
  cairo_destroy (cr);
  cairo_surface_flush (alone);

  g_assert_cmpmem (cairo_image_surface_get_data (once),
                   cairo_image_surface_get_stride (once) * cairo_image_surface_get_height (once),
                   cairo_image_surface_get_data (alone),
                   cairo_image_surface_get_stride (alone) * cairo_image_surface_get_height (alone));

  cairo_surface_destroy (once);
  cairo_surface_destroy (alone);
}

/* A view of most of the map, drawn without asking the index, is the
 * same as one drawn asking it. */
static void
test_fit_frame_most_of_the_map (void)
{
  g_autoptr(AmGraph) graph = new_grid_graph (TRUE);
  AmSpatialIndex *index = am_spatial_index_new (graph);
  double shifts[] = { 0, 10, 60 };
  AmRenderOptions options;

  speck_options (&options);
  options.transform.scale = 0.05;
  for (guint k = 0; k < G_N_ELEMENTS (shifts); k++)
    {
      cairo_surface_t *with_index, *without;

      options.transform.offset_x = -shifts[k];
      options.index = index;
      with_index = draw (graph, &options, FALSE);
      options.index = NULL;
      without = draw (graph, &options, FALSE);

      g_assert_cmpmem (cairo_image_surface_get_data (with_index),
                       cairo_image_surface_get_stride (with_index) * HEIGHT,
                       cairo_image_surface_get_data (without),
                       cairo_image_surface_get_stride (without) * HEIGHT);
      cairo_surface_destroy (with_index);
      cairo_surface_destroy (without);
    }

  am_spatial_index_free (index);
}

/* Two discs of @radius filled with the stamp hint, the second a step of
 * @shift pixels off whole pixels from the first, 100 pixels along;
 * TRUE when both came out the same, pixel for pixel: the second copied
 * the first's stamp. */
static gboolean
stamped_discs_alike (double radius,
                     double shift)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 64);
  cairo_t *cr = cairo_create (surface);
  AmPainter *painter = am_cairo_painter_new (cr);
  const AmColour fill = { 0.2, 0.4, 0.8, 1 };
  const guint8 *data;
  int stride;
  gboolean alike = TRUE;

  am_painter_set_fill (painter, &fill);
  am_painter_circle (painter, 30.15, 32.25, radius);
  am_painter_paint (painter, AM_PAINT_FILL | AM_PAINT_STAMP);
  am_painter_circle (painter, 130.15 + shift, 32.25, radius);
  am_painter_paint (painter, AM_PAINT_FILL | AM_PAINT_STAMP);
  am_painter_free (painter);
  cairo_destroy (cr);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < 64; y++)
    for (int x = 0; x < 100; x++)
      if (memcmp (data + y * stride + 4 * x, data + y * stride + 4 * (x + 100), 4) != 0)
        alike = FALSE;

  cairo_surface_destroy (surface);
  return alike;
}

/* Small shapes are placed to an eighth of a pixel, bigger ones to a
 * quarter: a big map at fit shows thousands of the latter, and a stamp
 * for every eighth took tens of megabytes. */
static void
test_fit_frame_stamp_steps (void)
{
  /* Whole pixels apart: one stamp, at any size. */
  g_assert_true (stamped_discs_alike (3, 0));
  g_assert_true (stamped_discs_alike (12, 0));
  /* An eighth apart: a small disc gets a stamp of its own... */
  g_assert_false (stamped_discs_alike (3, 0.125));
  /* ...a big one shares the first's, as it does not a quarter apart. */
  g_assert_true (stamped_discs_alike (12, 0.125));
  g_assert_false (stamped_discs_alike (12, 0.25));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/fit-frame/pixels-lent", test_fit_frame_pixels_lent);
  g_test_add_func ("/render/fit-frame/specks", test_fit_frame_specks);
  g_test_add_func ("/render/fit-frame/specks-in-bands", test_fit_frame_specks_in_bands);
  g_test_add_func ("/render/fit-frame/legend", test_fit_frame_legend);
  g_test_add_func ("/render/fit-frame/stamp-steps", test_fit_frame_stamp_steps);
  g_test_add_func ("/render/fit-frame/most-of-the-map", test_fit_frame_most_of_the_map);

  return g_test_run ();
}

/* test-render-text.c: the text measurer gives Pango's widths on every
 * thread, whichever thread measured first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <pango/pangocairo.h>

#include "am-render-private.h"

/* Pango's own width of @text, as the painter lays it out: unhinted, on
 * the calling thread's font map. */
static double
pango_width (const char *text,
             double      size,
             int         weight)
{
  g_autoptr(GObject) context_object = G_OBJECT (pango_font_map_create_context (pango_cairo_font_map_get_default ()));
  PangoContext *context = PANGO_CONTEXT (context_object);
  g_autoptr(GObject) layout_object = NULL;
  PangoLayout *layout;
  PangoFontDescription *font = pango_font_description_from_string (AM_STYLE_FONT_FAMILY);
  cairo_font_options_t *options = cairo_font_options_create ();
  PangoRectangle logical;

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);

  layout_object = G_OBJECT (pango_layout_new (context));
  layout = PANGO_LAYOUT (layout_object);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, (PangoWeight) weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, NULL, &logical);

  return (double) logical.width / PANGO_SCALE;
}

/* ASCII goes by the table: the sum of each letter's own width. */
static double
pango_letters_width (const char *text,
                     double      size,
                     int         weight)
{
  double width = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      char letter[2] = { *p, '\0' };

      width += pango_width (letter, 100, weight) / 100;
    }

  return width * size;
}

typedef struct
{
  double plain;
  double bold;
  double other;
  double other_big;
  double line_height;
} Widths;

static void
measure (Widths *widths)
{
  Measurer *measurer = am_render_get_measurer ();

  widths->plain = am_render_measure_text (measurer, "Peace Talks", 11, PANGO_WEIGHT_NORMAL);
  widths->bold = am_render_measure_text (measurer, "Peace Talks", 11, PANGO_WEIGHT_BOLD);
  widths->other = am_render_measure_text (measurer, "Zoë Ångström", 11, PANGO_WEIGHT_NORMAL);
  widths->other_big = am_render_measure_text (measurer, "Zoë Ångström", 22, PANGO_WEIGHT_NORMAL);
  widths->line_height = am_render_label_line_height (measurer);
}

static gpointer
measure_thread (gpointer data)
{
  measure (data);
  return NULL;
}

static void
assert_pango_widths (const Widths *widths)
{
  g_assert_cmpfloat_with_epsilon (widths->plain,
                                  pango_letters_width ("Peace Talks", 11, PANGO_WEIGHT_NORMAL), 1e-9);
  g_assert_cmpfloat_with_epsilon (widths->bold,
                                  pango_letters_width ("Peace Talks", 11, PANGO_WEIGHT_BOLD), 1e-9);
  g_assert_cmpfloat (widths->bold, >, widths->plain);
  g_assert_cmpfloat (widths->other, ==, pango_width ("Zoë Ångström", 11, PANGO_WEIGHT_NORMAL));
  g_assert_cmpfloat (widths->other_big, ==, pango_width ("Zoë Ångström", 22, PANGO_WEIGHT_NORMAL));
  g_assert_cmpfloat (widths->other_big, >, 2 * widths->other);
  g_assert_cmpfloat (widths->line_height, >, 0.9 * 11);
}

/* Runs first: another thread makes the table and meets the text outside
 * it first; this thread must get the same widths as Pango gives it. */
static void
test_measure_other_thread_first (void)
{
  Widths on_thread, here, again;
  GThread *thread = g_thread_new ("measure", measure_thread, &on_thread);

  g_thread_join (thread);
  measure (&here);
  /* All of it known from the other thread: no fonts loaded here. */
  g_assert_null (am_render_get_measurer ()->context);
  measure (&again);

  assert_pango_widths (&on_thread);
  assert_pango_widths (&here);
  g_assert_cmpmem (&here, sizeof here, &on_thread, sizeof on_thread);
  g_assert_cmpmem (&again, sizeof again, &here, sizeof here);
}

/* Texts outside the table that differ only a little: none gets
 * another's width. */
static void
test_measure_many (void)
{
  Measurer *measurer = am_render_get_measurer ();

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *text = g_strdup_printf ("Akteur·%u", i);

      g_assert_cmpfloat (am_render_measure_text (measurer, text, 11, PANGO_WEIGHT_NORMAL), ==,
                         pango_width (text, 11, PANGO_WEIGHT_NORMAL));
    }
}

/* Every character the table holds has the width Pango gives it alone,
 * in both weights, although the table is shaped as one line. */
static void
test_table_letters_alone (void)
{
  Measurer *measurer = am_render_get_measurer ();

  for (guint w = 0; w < 2; w++)
    for (guint c = 32; c < 127; c++)
      {
        char letter[2] = { (char) c, '\0' };
        int weight = w == 0 ? PANGO_WEIGHT_NORMAL : PANGO_WEIGHT_BOLD;

        g_assert_cmpfloat_with_epsilon (am_render_measure_text (measurer, letter, 100, weight),
                                        pango_width (letter, 100, weight), 1e-9);
      }

  /* Pairs a font kerns or joins are still the sum of their letters. */
  g_assert_cmpfloat_with_epsilon (am_render_measure_text (measurer, "AVfi", 100, PANGO_WEIGHT_NORMAL),
                                  pango_letters_width ("AVfi", 100, PANGO_WEIGHT_NORMAL), 1e-9);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render-text/other-thread-first", test_measure_other_thread_first);
  g_test_add_func ("/render-text/many", test_measure_many);
  g_test_add_func ("/render-text/table-letters-alone", test_table_letters_alone);

  return g_test_run ();
}

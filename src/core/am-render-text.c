/* am-render-text.c: measuring labels, and shortening them to the line
 * that is drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <pango/pangocairo.h>

#include "am-display-text.h"
#include "am-render-private.h"

/* Text measurement
 *
 * Node boxes and the legend need label widths without a surface to draw
 * on. Printable ASCII, by far the most common case, is measured from a
 * table of advances; kerning is left out, which is well within the slack
 * the boxes have anyway. The table depends only on the fonts installed,
 * so it is made once, by the first thread that measures, and copied by
 * the others: the main thread then loads no fonts of this size itself.
 *
 * Other text goes through Pango. The default PangoCairo font map belongs
 * to the calling thread, so each thread makes its own context, when it
 * first meets such text. Their widths are kept for all threads: the
 * labels the loader measures are those the canvas places.
 */

#define REFERENCE_SIZE 100.0

/* Enough for the labels of a large map; past it, text is measured anew. */
#define MAX_KEPT_WIDTHS 16384

typedef struct
{
  double advances[2][95];
  double ascent;
  double descent;
} Table;

static Table table;
static gsize table_ready;

static GMutex kept_lock;
static GHashTable *kept_widths;  /* "weight size text" → double * */

static void
measurer_free (gpointer data)
{
  Measurer *measurer = data;

  g_clear_object (&measurer->layout);
  g_clear_object (&measurer->context);
  g_clear_pointer (&measurer->font, pango_font_description_free);
  g_string_free (measurer->key, TRUE);
  g_free (measurer);
}

static GPrivate measurer_key = G_PRIVATE_INIT (measurer_free);

static void
measurer_set_font (Measurer *measurer,
                   double    size,
                   int       weight)
{
  pango_font_description_set_absolute_size (measurer->font, size * PANGO_SCALE);
  pango_font_description_set_weight (measurer->font, (PangoWeight) weight);
  pango_layout_set_font_description (measurer->layout, measurer->font);
}

static void
measurer_ensure_layout (Measurer *measurer)
{
  cairo_font_options_t *options;

  if (measurer->layout != NULL)
    return;

  measurer->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  /* The same options as the Cairo painter, so widths agree with what is
   * drawn. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (measurer->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (measurer->context, FALSE);

  measurer->layout = pango_layout_new (measurer->context);
  measurer->font = pango_font_description_from_string (AM_STYLE_FONT_FAMILY);
}

/* The advance of each printable ASCII character at REFERENCE_SIZE, in
 * @weight: all of them are shaped at once, on one line, with kerning and
 * ligatures off, so that each keeps the width it has alone. One line
 * instead of 95 layouts: it is made at every start. */
static void
fill_advances (Measurer *measurer,
               int       weight,
               double   *advances)
{
  char text[96];
  PangoAttrList *attributes = pango_attr_list_new ();
  PangoLayoutLine *line;

  for (guint c = 0; c < 95; c++)
    {
      text[c] = (char) (c + 32);
      advances[c] = 0;
    }
  text[95] = '\0';

  pango_attr_list_insert (attributes, pango_attr_font_features_new ("kern 0, liga 0, clig 0, calt 0"));
  pango_layout_set_attributes (measurer->layout, attributes);
  pango_attr_list_unref (attributes);
  measurer_set_font (measurer, REFERENCE_SIZE, weight);
  pango_layout_set_text (measurer->layout, text, 95);

  line = pango_layout_get_line_readonly (measurer->layout, 0);
  for (GSList *l = line != NULL ? line->runs : NULL; l != NULL; l = l->next)
    {
      const PangoGlyphItem *run = l->data;

      /* A character's glyphs all count towards it. */
      for (int g = 0; g < run->glyphs->num_glyphs; g++)
        {
          int byte = run->item->offset + run->glyphs->log_clusters[g];

          if (byte >= 0 && byte < 95)
            advances[byte] += (double) run->glyphs->glyphs[g].geometry.width /
                              PANGO_SCALE / REFERENCE_SIZE;
        }
    }

  pango_layout_set_attributes (measurer->layout, NULL);
}

static void
table_fill (Measurer *measurer,
            Table    *out)
{
  PangoFontMetrics *metrics;

  measurer_ensure_layout (measurer);
  fill_advances (measurer, PANGO_WEIGHT_NORMAL, out->advances[0]);
  fill_advances (measurer, PANGO_WEIGHT_BOLD, out->advances[1]);

  measurer_set_font (measurer, REFERENCE_SIZE, PANGO_WEIGHT_NORMAL);
  metrics = pango_context_get_metrics (measurer->context, measurer->font, NULL);
  out->ascent = pango_font_metrics_get_ascent (metrics) / (PANGO_SCALE * REFERENCE_SIZE);
  out->descent = pango_font_metrics_get_descent (metrics) / (PANGO_SCALE * REFERENCE_SIZE);
  pango_font_metrics_unref (metrics);

  if (!(out->ascent > 0))
    out->ascent = 0.8;
  if (!(out->descent > 0))
    out->descent = 0.2;
}

Measurer *
am_render_get_measurer (void)
{
  Measurer *measurer = g_private_get (&measurer_key);

  if (measurer != NULL)
    return measurer;

  measurer = g_new0 (Measurer, 1);
  measurer->key = g_string_new (NULL);

  if (g_once_init_enter (&table_ready))
    {
      table_fill (measurer, &table);
      g_once_init_leave (&table_ready, 1);
    }

  memcpy (measurer->advances, table.advances, sizeof measurer->advances);
  measurer->ascent = table.ascent;
  measurer->descent = table.descent;

  g_private_set (&measurer_key, measurer);
  return measurer;
}

static gboolean
kept_width (const char *key,
            double     *width)
{
  double *kept;

  g_mutex_lock (&kept_lock);
  kept = kept_widths != NULL ? g_hash_table_lookup (kept_widths, key) : NULL;
  if (kept != NULL)
    *width = *kept;
  g_mutex_unlock (&kept_lock);

  return kept != NULL;
}

static void
keep_width (const char *key,
            double      width)
{
  g_mutex_lock (&kept_lock);
  if (kept_widths == NULL)
    kept_widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (g_hash_table_size (kept_widths) < MAX_KEPT_WIDTHS)
    g_hash_table_insert (kept_widths, g_strdup (key), g_memdup2 (&width, sizeof width));
  g_mutex_unlock (&kept_lock);
}

double
am_render_measure_text (Measurer   *measurer,
                        const char *text,
                        double      size,
                        int         weight)
{
  const double *advances = measurer->advances[weight >= PANGO_WEIGHT_SEMIBOLD ? 1 : 0];
  double width = 0;
  const char *p;
  PangoRectangle logical;

  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c < 32 || c > 126)
        break;
      width += advances[c - 32];
    }

  if (*p == '\0')
    return width * size;

  g_string_printf (measurer->key, "%d %a ", weight, size);
  g_string_append (measurer->key, text);
  if (kept_width (measurer->key->str, &width))
    return width;

  measurer_ensure_layout (measurer);
  measurer_set_font (measurer, size, weight);
  pango_layout_set_text (measurer->layout, text, -1);
  pango_layout_get_extents (measurer->layout, NULL, &logical);
  width = (double) logical.width / PANGO_SCALE;
  keep_width (measurer->key->str, width);

  return width;
}

/* Labels */

static const char *display_first_line (const char *label,
                                       GString    *scratch);

/* The one line of a label that is drawn: the first line, trimmed, cut
 * at AM_STYLE_LABEL_MAX_CHARS characters, its direction isolated when it
 * holds right-to-left or direction control characters, its marks
 * stacked a few high at most. Returns @label itself when it needs none
 * of that, which is nearly always. */
const char *
am_render_display_label (const char *label,
                         GString    *scratch)
{
  const char *shown = display_first_line (label, scratch);
  g_autofree char *bounded = NULL;

  if (G_LIKELY (am_display_text_is_plain (shown)))
    return shown;

  bounded = am_display_line (shown, AM_STYLE_LABEL_MAX_CHARS);
  g_string_assign (scratch, bounded);
  return scratch->str;
}

static const char *
display_first_line (const char *label,
                    GString    *scratch)
{
  const char *p, *start, *line_end, *end, *rest;

  if (label == NULL)
    return "";

  /* Pango takes only valid UTF-8; data from a file need not be. */
  if (G_UNLIKELY (!g_utf8_validate (label, -1, NULL)))
    {
      g_autofree char *valid = g_utf8_make_valid (label, -1);
      const char *shown = display_first_line (valid, scratch);

      if (shown == valid)
        g_string_assign (scratch, valid);
      return scratch->str;
    }

  for (p = label; *p != '\0' && *p != '\n' && *p != '\r'; p++)
    ;
  if (*p == '\0' && p - label <= AM_STYLE_LABEL_MAX_CHARS &&
      (p == label || (!g_ascii_isspace (label[0]) && !g_ascii_isspace (p[-1]))))
    return label;

  start = label;
  while (g_ascii_isspace (*start))
    start++;
  for (line_end = start; *line_end != '\0' && *line_end != '\n' && *line_end != '\r'; line_end++)
    ;
  for (end = line_end; end > start && g_ascii_isspace (end[-1]); end--)
    ;
  for (rest = line_end; g_ascii_isspace (*rest); rest++)
    ;

  g_string_truncate (scratch, 0);
  if (g_utf8_strlen (start, end - start) > AM_STYLE_LABEL_MAX_CHARS)
    {
      const char *cut = g_utf8_offset_to_pointer (start, AM_STYLE_LABEL_MAX_CHARS - 1);

      g_string_append_len (scratch, start, cut - start);
      g_string_append (scratch, "…");
    }
  else
    {
      g_string_append_len (scratch, start, end - start);
      /* Later lines are left out; the title keeps the whole label. */
      if (*rest != '\0')
        g_string_append (scratch, "…");
    }

  return scratch->str;
}

/* The height of a label's line, per unit of scale. */
double
am_render_label_line_height (Measurer *measurer)
{
  return (measurer->ascent + measurer->descent) * AM_STYLE_LABEL_SIZE;
}

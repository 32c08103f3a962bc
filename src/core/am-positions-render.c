/* am-positions-render.c: the positions matrix, drawn through a painter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each cell says its stance three ways, so that none depends on colour
 * alone: a tint of the stance's colour, a symbol of its own (a disc for
 * supports, a cross for opposes, a half-filled diamond for conditional,
 * a ring for neutral) and the word. The same code draws the screen and
 * the exports; on the screen the headers stay over the scrolled cells.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "am-export.h"
#include "am-positions-render.h"
#include "am-vocabulary.h"

#define MARGIN            16.0
#define CELL_WIDTH        100.0
#define CELL_HEIGHT       32.0
#define CELL_INSET        2.0
#define CELL_RADIUS       5.0
#define SYMBOL_RADIUS     6.0
#define SMALL_SYMBOL      4.5
#define WORD_SIZE         10.5
#define COUNT_SIZE        9.5
#define ROW_LABEL_SIZE    12.0
#define ROW_LABEL_MAX     220.0
#define SWATCH_RADIUS     4.5
#define ISSUE_LABEL_SIZE  11.0
#define ISSUE_LINES       3
#define LINE_SPACING      1.25
#define HEADER_GAP        10.0
#define TITLE_SIZE        16.0
#define LEGEND_SIZE       10.5

/* Text measurement, as the painters draw it: unhinted, one measurer per
 * thread. */

typedef struct
{
  PangoContext         *context;
  PangoLayout          *layout;
  PangoFontDescription *font;
} Measurer;

static void
measurer_free (gpointer data)
{
  Measurer *measurer = data;

  g_clear_object (&measurer->layout);
  g_clear_object (&measurer->context);
  pango_font_description_free (measurer->font);
  g_free (measurer);
}

static GPrivate measurer_key = G_PRIVATE_INIT (measurer_free);

static PangoLayout *
get_layout (double size,
            int    weight)
{
  Measurer *measurer = g_private_get (&measurer_key);

  if (measurer == NULL)
    {
      cairo_font_options_t *options = cairo_font_options_create ();

      measurer = g_new0 (Measurer, 1);
      measurer->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options (measurer->context, options);
      cairo_font_options_destroy (options);
      pango_context_set_round_glyph_positions (measurer->context, FALSE);
      measurer->layout = pango_layout_new (measurer->context);
      measurer->font = pango_font_description_from_string (AM_STYLE_FONT_FAMILY);
      g_private_set (&measurer_key, measurer);
    }

  pango_font_description_set_absolute_size (measurer->font, size * PANGO_SCALE);
  pango_font_description_set_weight (measurer->font, (PangoWeight) weight);
  pango_layout_set_font_description (measurer->layout, measurer->font);
  pango_layout_set_width (measurer->layout, -1);

  return measurer->layout;
}

static double
measure (const char *text,
         double      size,
         int         weight)
{
  PangoLayout *layout = get_layout (size, weight);
  PangoRectangle logical;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

/* @text cut short with an ellipsis where it is wider than @max_width. */
static char *
fit_text (const char *text,
          double      size,
          int         weight,
          double      max_width)
{
  glong n_chars, low = 0, high;

  if (measure (text, size, weight) <= max_width)
    return g_strdup (text);

  n_chars = g_utf8_strlen (text, -1);
  high = n_chars;
  while (low < high)
    {
      glong middle = (low + high + 1) / 2;
      g_autofree char *head = g_utf8_substring (text, 0, middle);
      g_autofree char *candidate = g_strconcat (g_strchomp (head), "…", NULL);

      if (measure (candidate, size, weight) <= max_width)
        low = middle;
      else
        high = middle - 1;
    }

  {
    g_autofree char *head = g_utf8_substring (text, 0, low);

    return g_strconcat (g_strchomp (head), "…", NULL);
  }
}

/* @text broken into at most @max_lines lines of @width, the last cut
 * short if the rest does not fit. */
static GPtrArray *
wrap_text (const char *text,
           double      size,
           int         weight,
           double      width,
           guint       max_lines)
{
  PangoLayout *layout = get_layout (size, weight);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  guint n;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  n = (guint) pango_layout_get_line_count (layout);

  for (guint i = 0; i < MIN (n, max_lines); i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (layout, (int) i);
      int length = i + 1 == max_lines ? -1 : line->length;
      char *part = length < 0 ? g_strdup (text + line->start_index)
                              : g_strndup (text + line->start_index, (gsize) length);

      g_ptr_array_add (lines, g_strstrip (part));
    }
  pango_layout_set_width (layout, -1);

  /* Only the last line can run on; it is cut to fit. */
  if (lines->len == max_lines)
    {
      char *last = g_ptr_array_index (lines, lines->len - 1);

      lines->pdata[lines->len - 1] = fit_text (last, size, weight, width);
      g_free (last);
    }

  return lines;
}

/* Geometry */

void
am_positions_render_options_init (AmPositionsRenderOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->focus_row = options->focus_column = -1;
  options->hover_row = options->hover_column = -1;
  options->selected_actor = AM_NO_INDEX;
}

static const char *
node_label (const AmGraph *graph,
            guint32        node)
{
  const char *label = am_graph_get_node (graph, node)->label;

  return label != NULL ? label : "";
}

static double
line_height (double size)
{
  return ceil (size * LINE_SPACING);
}

void
am_positions_render_get_geometry (const AmPositions              *positions,
                                  const AmPositionsRenderOptions *options,
                                  AmPositionsGeometry            *geometry)
{
  const AmGraph *graph;
  double label_width = 0;
  guint max_lines = 1;

  g_return_if_fail (positions != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (geometry != NULL);

  graph = am_positions_get_graph (positions);

  for (guint row = 0; row < am_positions_get_n_rows (positions); row++)
    {
      const char *label = node_label (graph, am_positions_get_actor (positions, row));

      label_width = MAX (label_width, measure (label, ROW_LABEL_SIZE, PANGO_WEIGHT_BOLD));
    }
  for (guint column = 0; column < am_positions_get_n_columns (positions); column++)
    {
      const char *label = node_label (graph, am_positions_get_issue (positions, column));
      g_autoptr(GPtrArray) lines = wrap_text (label, ISSUE_LABEL_SIZE, PANGO_WEIGHT_BOLD,
                                              CELL_WIDTH - 8, ISSUE_LINES);

      max_lines = MAX (max_lines, lines->len);
    }

  geometry->top = options->draw_title ? MARGIN + line_height (TITLE_SIZE) +
                                        line_height (LEGEND_SIZE) + 2 * HEADER_GAP : 0;
  geometry->row_header_width = ceil (MARGIN + 2 * SWATCH_RADIUS + 8 +
                                     MIN (label_width, ROW_LABEL_MAX) + HEADER_GAP);
  geometry->column_header_height = ceil (MARGIN / 2 + max_lines * line_height (ISSUE_LABEL_SIZE) +
                                         HEADER_GAP);
  geometry->cell_width = CELL_WIDTH;
  geometry->cell_height = CELL_HEIGHT;
  geometry->width = geometry->row_header_width +
                    am_positions_get_n_columns (positions) * CELL_WIDTH + MARGIN;
  geometry->height = geometry->top + geometry->column_header_height +
                     am_positions_get_n_rows (positions) * CELL_HEIGHT + MARGIN;

  if (options->draw_title)
    {
      const char *title = am_graph_get_title (graph);

      if (title != NULL)
        geometry->width = MAX (geometry->width,
                               2 * MARGIN + measure (title, TITLE_SIZE, PANGO_WEIGHT_BOLD));
    }
}

gboolean
am_positions_render_get_cell_box (const AmPositions              *positions,
                                  const AmPositionsRenderOptions *options,
                                  const AmPositionsGeometry      *geometry,
                                  guint                           row,
                                  guint                           column,
                                  double                         *x,
                                  double                         *y,
                                  double                         *width,
                                  double                         *height)
{
  g_return_val_if_fail (positions != NULL && options != NULL && geometry != NULL, FALSE);

  if (row >= am_positions_get_n_rows (positions) ||
      column >= am_positions_get_n_columns (positions))
    return FALSE;

  *x = geometry->row_header_width + column * geometry->cell_width - options->scroll_x;
  *y = geometry->top + geometry->column_header_height + row * geometry->cell_height -
       options->scroll_y;
  *width = geometry->cell_width;
  *height = geometry->cell_height;
  return TRUE;
}

/* The row at device height @y, below the column headers; FALSE when
 * there is none. */
static gboolean
row_at (const AmPositions              *positions,
        const AmPositionsRenderOptions *options,
        const AmPositionsGeometry      *geometry,
        double                          y,
        guint                          *row)
{
  double body_y = geometry->top + geometry->column_header_height;
  double row_f;

  if (!isfinite (y) || y < body_y)
    return FALSE;

  row_f = floor ((y - body_y + options->scroll_y) / geometry->cell_height);
  if (row_f < 0 || row_f >= am_positions_get_n_rows (positions))
    return FALSE;

  *row = (guint) row_f;
  return TRUE;
}

gboolean
am_positions_render_pick (const AmPositions              *positions,
                          const AmPositionsRenderOptions *options,
                          const AmPositionsGeometry      *geometry,
                          double                          x,
                          double                          y,
                          guint                          *row,
                          guint                          *column)
{
  double body_x;
  double column_f;

  g_return_val_if_fail (positions != NULL && options != NULL && geometry != NULL, FALSE);

  body_x = geometry->row_header_width;
  if (!isfinite (x) || x < body_x)
    return FALSE;

  column_f = floor ((x - body_x + options->scroll_x) / geometry->cell_width);
  if (column_f < 0 || column_f >= am_positions_get_n_columns (positions) ||
      !row_at (positions, options, geometry, y, row))
    return FALSE;

  *column = (guint) column_f;
  return TRUE;
}

gboolean
am_positions_render_pick_row_header (const AmPositions              *positions,
                                     const AmPositionsRenderOptions *options,
                                     const AmPositionsGeometry      *geometry,
                                     double                          x,
                                     double                          y,
                                     guint                          *row)
{
  g_return_val_if_fail (positions != NULL && options != NULL && geometry != NULL, FALSE);

  if (!isfinite (x) || x < 0 || x >= geometry->row_header_width)
    return FALSE;

  return row_at (positions, options, geometry, y, row);
}

/* Symbols */

static void
draw_symbol (AmPainter      *painter,
             AmStance        stance,
             double          cx,
             double          cy,
             double          r,
             const AmColour *colour)
{
  switch (stance)
    {
    case AM_STANCE_SUPPORTS:
      am_painter_set_fill (painter, colour);
      am_painter_circle (painter, cx, cy, r);
      am_painter_paint (painter, AM_PAINT_FILL);
      break;

    case AM_STANCE_OPPOSES:
      {
        double d = r * 0.78;

        am_painter_set_stroke (painter, colour, r * 0.55);
        am_painter_move_to (painter, cx - d, cy - d);
        am_painter_line_to (painter, cx + d, cy + d);
        am_painter_move_to (painter, cx + d, cy - d);
        am_painter_line_to (painter, cx - d, cy + d);
        am_painter_paint (painter, AM_PAINT_STROKE);
      }
      break;

    case AM_STANCE_CONDITIONAL:
      am_painter_set_fill (painter, colour);
      am_painter_move_to (painter, cx, cy - r);
      am_painter_line_to (painter, cx - r, cy);
      am_painter_line_to (painter, cx, cy + r);
      am_painter_close_path (painter);
      am_painter_paint (painter, AM_PAINT_FILL);
      am_painter_set_stroke (painter, colour, r * 0.28);
      am_painter_move_to (painter, cx, cy - r);
      am_painter_line_to (painter, cx + r, cy);
      am_painter_line_to (painter, cx, cy + r);
      am_painter_line_to (painter, cx - r, cy);
      am_painter_close_path (painter);
      am_painter_paint (painter, AM_PAINT_STROKE);
      break;

    case AM_STANCE_NEUTRAL:
      am_painter_set_stroke (painter, colour, r * 0.4);
      am_painter_circle (painter, cx, cy, r * 0.8);
      am_painter_paint (painter, AM_PAINT_STROKE);
      break;

    case AM_STANCE_NONE:
    case AM_N_STANCES:
    default:
      break;
    }
}

/* Cells */

static char *
cell_id (const AmGraph *graph,
         const AmPositionsCell *cell)
{
  const char *actor = am_graph_get_node (graph, cell->actor)->id;
  const char *issue = am_graph_get_node (graph, cell->issue)->id;
  g_autofree char *actor_fallback = g_strdup_printf ("n%u", cell->actor);
  g_autofree char *issue_fallback = g_strdup_printf ("n%u", cell->issue);

  return g_strdup_printf ("cell-%s-%s", actor != NULL ? actor : actor_fallback,
                          issue != NULL ? issue : issue_fallback);
}

static void
draw_cell (const AmPositions              *positions,
           const AmPositionsRenderOptions *options,
           const AmStyle                  *style,
           AmPainter                      *painter,
           const AmPositionsCell          *cell,
           guint                           row,
           guint                           column,
           double                          x,
           double                          y,
           double                          w,
           double                          h)
{
  const AmGraph *graph = am_positions_get_graph (positions);
  AmColour colour = am_style_get_stance_colour (style, cell->stance);
  gboolean hover = (int) row == options->hover_row && (int) column == options->hover_column;
  double amount = (style->dark ? 0.28 : 0.18) + (hover ? 0.12 : 0);
  double cx = x + CELL_INSET + 12, cy = y + h / 2;
  double word_x, word_right = x + w - CELL_INSET - 6;
  const char *word;
  AmColour fill, outline;

  if (painter->wants_metadata)
    {
      g_autofree char *id = cell_id (graph, cell);
      g_autofree char *title = am_positions_describe_statements (positions, row, column);
      g_autofree char *css_class = g_strdup_printf ("cell stance-%s%s",
                                                    am_stance_to_string (cell->stance),
                                                    cell->mixed ? " mixed" : "");

      am_painter_begin_group (painter, css_class, id, title);
    }

  if (cell->mixed)
    {
      static const double dashes[] = { 3, 2.5 };

      fill = am_colour_mix (&style->background, &style->text_secondary, amount * 0.6);
      outline = style->text_secondary;
      am_painter_set_fill (painter, &fill);
      am_painter_rect (painter, x + CELL_INSET, y + CELL_INSET, w - 2 * CELL_INSET,
                       h - 2 * CELL_INSET, CELL_RADIUS);
      am_painter_paint (painter, AM_PAINT_FILL);
      am_painter_set_dash (painter, dashes, G_N_ELEMENTS (dashes));
      am_painter_set_stroke (painter, &outline, 1.2);
      am_painter_rect (painter, x + CELL_INSET + 0.6, y + CELL_INSET + 0.6,
                       w - 2 * CELL_INSET - 1.2, h - 2 * CELL_INSET - 1.2, CELL_RADIUS);
      am_painter_paint (painter, AM_PAINT_STROKE);
      am_painter_set_dash (painter, NULL, 0);

      /* The dominant stance first, then the others present. */
      cx = x + CELL_INSET + 9;
      draw_symbol (painter, cell->stance, cx, cy, SMALL_SYMBOL,
                   (AmColour[]) { am_style_get_stance_colour (style, cell->stance) });
      for (guint s = AM_STANCE_SUPPORTS; s < AM_N_STANCES; s++)
        {
          if (s == cell->stance || cell->n_by_stance[s] == 0)
            continue;
          cx += 2 * SMALL_SYMBOL + 3;
          draw_symbol (painter, s, cx, cy, SMALL_SYMBOL,
                       (AmColour[]) { am_style_get_stance_colour (style, s) });
        }
      word_x = cx + SMALL_SYMBOL + 5;
      /* Translators: a cell of the positions table whose statements take
       * different stances. */
      word = C_("stance", "Mixed");
    }
  else
    {
      fill = am_colour_mix (&style->background, &colour, amount);
      outline = colour;
      outline.alpha = 0.55;
      am_painter_set_fill (painter, &fill);
      am_painter_set_stroke (painter, &outline, 1);
      am_painter_rect (painter, x + CELL_INSET + 0.5, y + CELL_INSET + 0.5, w - 2 * CELL_INSET - 1,
                       h - 2 * CELL_INSET - 1, CELL_RADIUS);
      am_painter_paint (painter, AM_PAINT_FILL | AM_PAINT_STROKE);

      draw_symbol (painter, cell->stance, cx, cy, SYMBOL_RADIUS, &colour);
      word_x = cx + SYMBOL_RADIUS + 6;
      word = am_stance_get_title (cell->stance);
    }

  if (cell->n_statements > 1)
    {
      g_autofree char *count = g_strdup_printf ("×%u", cell->n_statements);

      am_painter_set_fill (painter, &style->text_secondary);
      am_painter_text (painter, word_right, cy + COUNT_SIZE * 0.36, count, COUNT_SIZE,
                       PANGO_WEIGHT_BOLD, AM_TEXT_ANCHOR_END, NULL, 0);
      word_right -= measure (count, COUNT_SIZE, PANGO_WEIGHT_BOLD) + 4;
    }

  if (word != NULL)
    {
      g_autofree char *fitted = fit_text (word, WORD_SIZE, PANGO_WEIGHT_NORMAL, word_right - word_x);

      am_painter_set_fill (painter, &style->text);
      am_painter_text (painter, word_x, cy + WORD_SIZE * 0.36, fitted, WORD_SIZE,
                       PANGO_WEIGHT_NORMAL, AM_TEXT_ANCHOR_START, NULL, 0);
    }

  if (painter->wants_metadata)
    am_painter_end_group (painter);
}

static void
draw_focus (AmPainter     *painter,
            const AmStyle *style,
            double         x,
            double         y,
            double         w,
            double         h)
{
  am_painter_set_stroke (painter, &style->accent, 2);
  am_painter_rect (painter, x + 1, y + 1, w - 2, h - 2, CELL_RADIUS + 1);
  am_painter_paint (painter, AM_PAINT_STROKE);
}

/* Headers */

static void
draw_row_header (const AmPositions              *positions,
                 const AmPositionsRenderOptions *options,
                 const AmPositionsGeometry      *geometry,
                 const AmStyle                  *style,
                 const AmAffiliations           *affiliations,
                 AmPainter                      *painter,
                 guint                           row,
                 double                          y)
{
  const AmGraph *graph = am_positions_get_graph (positions);
  guint32 actor = am_positions_get_actor (positions, row);
  gboolean selected = actor == options->selected_actor;
  gboolean focused = (int) row == options->focus_row;
  AmColour swatch = am_style_get_node_fill (style, affiliations, graph, actor);
  double cy = y + geometry->cell_height / 2;
  double text_x = MARGIN + 2 * SWATCH_RADIUS + 8;
  g_autofree char *label = fit_text (node_label (graph, actor), ROW_LABEL_SIZE,
                                     selected || focused ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                     geometry->row_header_width - text_x - HEADER_GAP);

  if (painter->wants_metadata)
    {
      const char *id = am_graph_get_node (graph, actor)->id;
      g_autofree char *group_id = g_strdup_printf ("actor-%s", id != NULL ? id : "");

      am_painter_begin_group (painter, "actor", group_id, node_label (graph, actor));
    }

  am_painter_set_fill (painter, &swatch);
  am_painter_set_stroke (painter, (AmColour[]) { am_style_get_outline (style, &swatch) }, 1);
  am_painter_circle (painter, MARGIN + SWATCH_RADIUS, cy, SWATCH_RADIUS);
  am_painter_paint (painter, AM_PAINT_FILL | AM_PAINT_STROKE);

  am_painter_set_fill (painter, selected ? &style->accent : &style->text);
  am_painter_text (painter, text_x, cy + ROW_LABEL_SIZE * 0.36, label, ROW_LABEL_SIZE,
                   selected || focused ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                   AM_TEXT_ANCHOR_START, NULL, 0);

  if (painter->wants_metadata)
    am_painter_end_group (painter);
}

static void
draw_column_header (const AmPositions              *positions,
                    const AmPositionsRenderOptions *options,
                    const AmPositionsGeometry      *geometry,
                    const AmStyle                  *style,
                    AmPainter                      *painter,
                    guint                           column,
                    double                          x)
{
  const AmGraph *graph = am_positions_get_graph (positions);
  guint32 issue = am_positions_get_issue (positions, column);
  const char *label = node_label (graph, issue);
  gboolean focused = (int) column == options->focus_column;
  g_autoptr(GPtrArray) lines = wrap_text (label, ISSUE_LABEL_SIZE, PANGO_WEIGHT_BOLD,
                                          geometry->cell_width - 8, ISSUE_LINES);
  double step = line_height (ISSUE_LABEL_SIZE);
  double bottom = geometry->top + geometry->column_header_height - HEADER_GAP;
  double y = bottom - (lines->len - 1) * step - 0.25 * ISSUE_LABEL_SIZE;

  if (painter->wants_metadata)
    {
      const char *id = am_graph_get_node (graph, issue)->id;
      g_autofree char *group_id = g_strdup_printf ("issue-%s", id != NULL ? id : "");

      am_painter_begin_group (painter, "issue", group_id, label);
    }

  am_painter_set_fill (painter, focused ? &style->accent : &style->text);
  for (guint i = 0; i < lines->len; i++)
    am_painter_text (painter, x + geometry->cell_width / 2, y + i * step,
                     g_ptr_array_index (lines, i), ISSUE_LABEL_SIZE, PANGO_WEIGHT_BOLD,
                     AM_TEXT_ANCHOR_MIDDLE, NULL, 0);

  if (painter->wants_metadata)
    am_painter_end_group (painter);
}

/* The title, and what the symbols mean. */
static void
draw_title (const AmPositions *positions,
            const AmStyle     *style,
            AmPainter         *painter)
{
  const char *title = am_graph_get_title (am_positions_get_graph (positions));
  double x = MARGIN, y = MARGIN + TITLE_SIZE;
  double legend_y = y + HEADER_GAP + line_height (LEGEND_SIZE) - 2;

  if (title != NULL)
    {
      am_painter_set_fill (painter, &style->text);
      am_painter_text (painter, x, y, title, TITLE_SIZE, PANGO_WEIGHT_BOLD,
                       AM_TEXT_ANCHOR_START, NULL, 0);
    }

  if (painter->wants_metadata)
    am_painter_begin_group (painter, "legend", "legend", NULL);

  for (guint s = AM_STANCE_SUPPORTS; s < AM_N_STANCES; s++)
    {
      AmColour colour = am_style_get_stance_colour (style, s);
      const char *word = am_stance_get_title (s);

      draw_symbol (painter, s, x + SYMBOL_RADIUS, legend_y - LEGEND_SIZE * 0.36, SYMBOL_RADIUS,
                   &colour);
      am_painter_set_fill (painter, &style->text);
      am_painter_text (painter, x + 2 * SYMBOL_RADIUS + 5, legend_y, word, LEGEND_SIZE,
                       PANGO_WEIGHT_NORMAL, AM_TEXT_ANCHOR_START, NULL, 0);
      x += 2 * SYMBOL_RADIUS + 5 + measure (word, LEGEND_SIZE, PANGO_WEIGHT_NORMAL) + 16;
    }

  {
    /* Translators: the legend of the positions table; "×3" in a cell is
     * the number of statements. */
    const char *note = _("Dashed: mixed stances · ×3: three statements");

    am_painter_set_fill (painter, &style->text_secondary);
    am_painter_text (painter, x + 8, legend_y, note, LEGEND_SIZE, PANGO_WEIGHT_NORMAL,
                     AM_TEXT_ANCHOR_START, NULL, 0);
  }

  if (painter->wants_metadata)
    am_painter_end_group (painter);
}

static void
fill_rect (AmPainter      *painter,
           const AmColour *colour,
           double          x,
           double          y,
           double          w,
           double          h)
{
  am_painter_set_fill (painter, colour);
  am_painter_rect (painter, x, y, w, h, 0);
  am_painter_paint (painter, AM_PAINT_FILL);
}

static void
draw_rule (AmPainter      *painter,
           const AmColour *colour,
           double          x0,
           double          y0,
           double          x1,
           double          y1)
{
  am_painter_set_stroke (painter, colour, 1);
  am_painter_move_to (painter, x0, y0);
  am_painter_line_to (painter, x1, y1);
  am_painter_paint (painter, AM_PAINT_STROKE);
}

void
am_positions_render (const AmPositions              *positions,
                     const AmPositionsRenderOptions *options,
                     const AmPositionsGeometry      *geometry,
                     AmPainter                      *painter)
{
  const AmStyle *style;
  const AmGraph *graph;
  g_autoptr(AmAffiliations) affiliations = NULL;
  guint n_rows, n_columns, first_row, last_row, first_column, last_column;
  double width, height, body_x, body_y;
  AmColour stripe, rule;
  int selected_row;

  g_return_if_fail (positions != NULL && options != NULL && geometry != NULL);
  g_return_if_fail (painter != NULL);

  style = am_style_get (options->dark);
  graph = am_positions_get_graph (positions);
  affiliations = am_affiliations_new (graph);
  n_rows = am_positions_get_n_rows (positions);
  n_columns = am_positions_get_n_columns (positions);
  width = options->width > 0 ? options->width : geometry->width;
  height = options->height > 0 ? options->height : geometry->height;
  body_x = geometry->row_header_width;
  body_y = geometry->top + geometry->column_header_height;
  stripe = am_colour_mix (&style->background, &style->text, style->dark ? 0.05 : 0.035);
  rule = style->legend_border;

  fill_rect (painter, &style->background, 0, 0, width, height);

  /* Only what is in view. */
  first_row = (guint) CLAMP (floor (options->scroll_y / geometry->cell_height), 0, n_rows);
  last_row = (guint) CLAMP (ceil ((options->scroll_y + height - body_y) / geometry->cell_height),
                            0, n_rows);
  first_column = (guint) CLAMP (floor (options->scroll_x / geometry->cell_width), 0, n_columns);
  last_column = (guint) CLAMP (ceil ((options->scroll_x + width - body_x) / geometry->cell_width),
                               0, n_columns);
  selected_row = options->selected_actor != AM_NO_INDEX
                 ? am_positions_find_row (positions, options->selected_actor) : -1;

  /* Bands across the rows: every other one, and the selected actor's. */
  for (guint row = first_row; row < last_row; row++)
    {
      double y = body_y + row * geometry->cell_height - options->scroll_y;

      if ((int) row == selected_row)
        {
          AmColour band = am_colour_mix (&style->background, &style->accent, 0.16);

          fill_rect (painter, &band, 0, y, width, geometry->cell_height);
        }
      else if (row % 2 == 1)
        {
          fill_rect (painter, &stripe, 0, y, width, geometry->cell_height);
        }
    }

  /* Faint rules between the columns, to follow one down. */
  {
    AmColour faint = rule;

    faint.alpha *= 0.5;
    for (guint column = first_column; column <= last_column && column < n_columns; column++)
      {
        double x = body_x + column * geometry->cell_width - options->scroll_x;

        if (column > 0)
          draw_rule (painter, &faint, x - 0.5, body_y, x - 0.5,
                     MIN (height, body_y + n_rows * geometry->cell_height - options->scroll_y));
      }
  }

  if (painter->wants_metadata)
    am_painter_begin_group (painter, "cells", "cells", NULL);
  for (guint row = first_row; row < last_row; row++)
    for (guint column = first_column; column < last_column; column++)
      {
        const AmPositionsCell *cell = am_positions_get_cell (positions, row, column);
        double x, y, w, h;

        if (cell == NULL)
          continue;
        am_positions_render_get_cell_box (positions, options, geometry, row, column, &x, &y, &w, &h);
        draw_cell (positions, options, style, painter, cell, row, column, x, y, w, h);
      }
  if (painter->wants_metadata)
    am_painter_end_group (painter);

  if (options->focus_row >= 0 && options->focus_column >= 0)
    {
      double x, y, w, h;

      if (am_positions_render_get_cell_box (positions, options, geometry, (guint) options->focus_row,
                                            (guint) options->focus_column, &x, &y, &w, &h))
        draw_focus (painter, style, x, y, w, h);
    }

  /* The headers go over the cells scrolled under them. Row headers:
   * their own background, then the bands again, so that they run on. */
  fill_rect (painter, &style->background, 0, body_y, body_x, height - body_y);
  if (painter->wants_metadata)
    am_painter_begin_group (painter, "actors", "actors", NULL);
  for (guint row = first_row; row < last_row; row++)
    {
      double y = body_y + row * geometry->cell_height - options->scroll_y;

      if ((int) row == selected_row)
        fill_rect (painter, (AmColour[]) { am_colour_mix (&style->background, &style->accent, 0.16) },
                   0, y, body_x, geometry->cell_height);
      else if (row % 2 == 1)
        fill_rect (painter, &stripe, 0, y, body_x, geometry->cell_height);
      draw_row_header (positions, options, geometry, style, affiliations, painter, row, y);
    }
  if (painter->wants_metadata)
    am_painter_end_group (painter);

  fill_rect (painter, &style->background, 0, 0, width, body_y);
  if (options->draw_title)
    draw_title (positions, style, painter);
  if (painter->wants_metadata)
    am_painter_begin_group (painter, "issues", "issues", NULL);
  for (guint column = first_column; column < last_column; column++)
    {
      double x = body_x + column * geometry->cell_width - options->scroll_x;

      if (x + geometry->cell_width <= body_x)
        continue;
      draw_column_header (positions, options, geometry, style, painter, column, x);
    }
  if (painter->wants_metadata)
    am_painter_end_group (painter);

  /* The corner hides issue labels scrolled to the left. */
  fill_rect (painter, &style->background, 0, geometry->top, body_x, body_y - geometry->top);
  draw_rule (painter, &rule, 0, body_y - 0.5, width, body_y - 0.5);
  draw_rule (painter, &rule, body_x - 0.5, geometry->top, body_x - 0.5,
             MIN (height, body_y + n_rows * geometry->cell_height - options->scroll_y));
}

/* Export */

typedef struct
{
  const AmPositions              *positions;
  const AmPositionsRenderOptions *options;
  const AmPositionsGeometry      *geometry;
  AmExportFormat                  format;
} ExportJob;

typedef struct
{
  GOutputStream *stream;
  GError        *error;
} StreamClosure;

static cairo_status_t
write_to_stream (void                *data,
                 const unsigned char *bytes,
                 unsigned int         length)
{
  StreamClosure *closure = data;

  if (closure->error != NULL ||
      !g_output_stream_write_all (closure->stream, bytes, length, NULL, NULL, &closure->error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

static void
render_to_cairo (const ExportJob *job,
                 cairo_t         *cr)
{
  AmPainter *painter = am_cairo_painter_new (cr);

  am_positions_render (job->positions, job->options, job->geometry, painter);
  am_painter_free (painter);
}

static gboolean
write_export (GOutputStream  *stream,
              gpointer        user_data,
              GError        **error)
{
  const ExportJob *job = user_data;
  double width = job->geometry->width, height = job->geometry->height;
  StreamClosure closure = { stream, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (job->format == AM_EXPORT_SVG)
    {
      g_autoptr(AmPainter) painter = NULL;

      painter = am_svg_painter_new (stream, width, height, "pt",
                                    am_graph_get_title (am_positions_get_graph (job->positions)));
      am_positions_render (job->positions, job->options, job->geometry, painter);
      return am_svg_painter_finish (painter, error);
    }

  if (job->format == AM_EXPORT_PNG)
    {
      /* Twice the natural size, for sharp text. */
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width * 2),
                                            (int) ceil (height * 2));
      cr = cairo_create (surface);
      cairo_scale (cr, 2, 2);
      render_to_cairo (job, cr);
      status = cairo_status (cr);
      cairo_destroy (cr);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream (surface, write_to_stream, &closure);
    }
  else
    {
      surface = cairo_pdf_surface_create_for_stream (write_to_stream, &closure, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                      "Actor Map " PACKAGE_VERSION);
      cr = cairo_create (surface);
      render_to_cairo (job, cr);
      cairo_show_page (cr);
      status = cairo_status (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (closure.error != NULL)
    {
      g_propagate_error (error, closure.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

gboolean
am_positions_export (const AmGraph     *graph,
                     AmPositionsOrder   order,
                     gboolean           dark,
                     const char        *path,
                     GError           **error)
{
  g_autoptr(AmPositions) positions = NULL;
  AmPositionsRenderOptions options;
  AmPositionsGeometry geometry;
  ExportJob job;

  g_return_val_if_fail (graph != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!am_export_format_from_path (path, &job.format))
    {
      g_autofree char *display_name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Could not export to “%s”: %s"), display_name,
                   _("the name must end in .svg, .png or .pdf"));
      return FALSE;
    }

  positions = am_positions_new (graph);
  am_positions_set_order (positions, order);
  am_positions_render_options_init (&options);
  options.dark = dark;
  options.draw_title = TRUE;
  am_positions_render_get_geometry (positions, &options, &geometry);

  job.positions = positions;
  job.options = &options;
  job.geometry = &geometry;
  return am_export_write_file (path, write_export, &job, error);
}

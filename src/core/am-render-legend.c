/* am-render-legend.c: the legend that explains colours, shapes and lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "am-render-private.h"
#include "am-vocabulary.h"

/* Legend metrics, in device units. */
#define LEGEND_PADDING     12.0
#define LEGEND_ROW         19.0
#define LEGEND_SYMBOL      24.0
#define LEGEND_COLUMN_GAP  18.0
#define LEGEND_TEXT_SIZE   11.0
#define LEGEND_HEADING_SIZE 9.5
#define LEGEND_MAX_AFFILIATIONS 24

typedef enum
{
  ROW_HEADING,
  ROW_SWATCH,
  ROW_SHAPE,
  ROW_LINE,
} RowKind;

typedef struct
{
  RowKind     kind;
  char       *text;
  AmColour    colour;
  AmShape     shape;
  AmNodeKind  node_kind;
  AmEdgeStyle edge_style;
  double      text_width;
} LegendRow;

typedef struct
{
  GArray *rows;       /* LegendRow */
  guint   rows_per_column;
  guint   n_columns;
  double  column_widths[16];
  double  width;
  double  height;
} Legend;

static void
legend_row_clear (gpointer data)
{
  LegendRow *row = data;

  g_free (row->text);
}

static void
legend_free (Legend *legend)
{
  g_array_unref (legend->rows);
  g_free (legend);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Legend, legend_free)

static LegendRow *
add_row (Legend     *legend,
         RowKind     kind,
         const char *text)
{
  LegendRow row = { 0 };

  row.kind = kind;
  row.text = g_strdup (text);
  g_array_append_val (legend->rows, row);

  return &g_array_index (legend->rows, LegendRow, legend->rows->len - 1);
}

static const char *
lens_stance_title (AmStance stance)
{
  if (stance == AM_STANCE_NONE)
    return _("Nothing stated");

  return am_stance_get_title (stance);
}

static void
add_lens_rows (Legend                *legend,
               const AmGraph         *graph,
               const AmRenderOptions *options,
               const AmStyle         *style)
{
  static const AmStance order[] = {
    AM_STANCE_SUPPORTS, AM_STANCE_OPPOSES, AM_STANCE_CONDITIONAL, AM_STANCE_NEUTRAL,
    AM_STANCE_NONE,
  };
  g_autoptr(GString) scratch = g_string_new (NULL);
  const AmNode *issue = am_graph_get_node (graph, options->lens_issue);

  add_row (legend, ROW_HEADING,
           am_render_display_label (am_description_node_name (issue), scratch));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    add_row (legend, ROW_SWATCH, lens_stance_title (order[i]))->colour =
      am_render_lens_colour (style, order[i]);
}

static void
add_affiliation_rows (Legend               *legend,
                      const AmAffiliations *affiliations,
                      const AmStyle        *style)
{
  guint n = am_affiliations_get_n_items (affiliations);
  guint shown = n > LEGEND_MAX_AFFILIATIONS ? LEGEND_MAX_AFFILIATIONS - 1 : n;

  if (n == 0)
    return;

  add_row (legend, ROW_HEADING, _("Affiliation"));
  for (guint i = 0; i < shown; i++)
    {
      LegendRow *row = add_row (legend, ROW_SWATCH, am_affiliations_get_name (affiliations, i));

      row->colour = am_affiliations_get_colour (affiliations, style, i);
    }

  if (shown < n)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more",
                                                            "%u more", n - shown),
                                               n - shown);

      /* A transparent swatch: the row lines up with the names above. */
      add_row (legend, ROW_SWATCH, more)->colour.alpha = 0;
    }

  if (am_affiliations_get_n_unaffiliated (affiliations) > 0)
    add_row (legend, ROW_SWATCH, _("None"))->colour = style->no_affiliation;
}

static void
add_kind_rows (Legend                *legend,
               const AmGraph         *graph,
               const AmRenderOptions *options,
               const AmStyle         *style)
{
  gboolean present[AM_N_NODE_KINDS] = { FALSE };
  guint n_present = 0;

  for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
    {
      const AmNode *node = am_graph_get_node (graph, i);
      guint kind = node->kind;

      if (am_render_node_hidden (options, node))
        continue;

      if (kind < AM_N_NODE_KINDS && !present[kind])
        {
          present[kind] = TRUE;
          /* Further nodes can add nothing: a large map's are many. */
          if (++n_present == AM_N_NODE_KINDS)
            break;
        }
    }

  /* A plain GraphML file has no kinds: nothing to explain. */
  if (n_present == 0 || (n_present == 1 && present[AM_NODE_KIND_OTHER]))
    return;

  add_row (legend, ROW_HEADING, _("Kind"));
  for (guint kind = AM_NODE_KIND_PERSON; kind <= AM_N_NODE_KINDS; kind++)
    {
      guint k = kind % AM_N_NODE_KINDS;   /* "other" last */
      LegendRow *row;

      if (!present[k])
        continue;

      row = add_row (legend, ROW_SHAPE, am_node_kind_get_title (k));
      row->node_kind = k;
      row->shape = am_style_get_shape (k);
      row->colour = style->legend_symbol;
    }
}

static void
add_link_rows (Legend                *legend,
               const AmGraph         *graph,
               const AmRenderOptions *options,
               const AmStyle         *style)
{
  gboolean kinds[AM_N_EDGE_KINDS] = { FALSE };
  gboolean stances[AM_N_STANCES] = { FALSE };
  gboolean certainties[AM_N_CERTAINTIES] = { FALSE };
  guint n_kinds = 0;
  AmEdgeFacets facets;

  /* Kept by the graph: a frame of a large map need not look at a million
   * edges for its legend. Hidden issues hide their edges. */
  am_graph_get_edge_facets (graph, !options->show_issues, &facets);
  for (guint kind = 0; kind < AM_N_EDGE_KINDS; kind++)
    {
      if (!(facets.kinds & (1u << kind)) || (options->hidden_edge_kinds & (1u << kind)))
        continue;

      kinds[kind] = TRUE;
      n_kinds++;
      for (guint c = 0; c < AM_N_CERTAINTIES; c++)
        certainties[c] |= (facets.certainties[kind] & (1u << c)) != 0;
      if (kind == AM_EDGE_KIND_STATEMENT)
        for (guint s = 0; s < AM_N_STANCES; s++)
          stances[s] = (facets.stances & (1u << s)) != 0;
    }

  if (n_kinds == 0 || (n_kinds == 1 && kinds[AM_EDGE_KIND_OTHER]))
    return;

  add_row (legend, ROW_HEADING, _("Links"));
  if (kinds[AM_EDGE_KIND_STATEMENT])
    {
      for (guint s = AM_STANCE_SUPPORTS; s <= AM_N_STANCES; s++)
        {
          guint stance = s % AM_N_STANCES;   /* plain statements last */
          LegendRow *row;

          if (!stances[stance])
            continue;

          /* A statement without a stance is a plain "Statement". */
          row = add_row (legend, ROW_LINE, stance != AM_STANCE_NONE
                                           ? am_stance_get_title (stance)
                                           : am_edge_kind_get_title (AM_EDGE_KIND_STATEMENT));
          am_style_get_edge_style (style, AM_EDGE_KIND_STATEMENT, stance, &row->edge_style);
        }
    }

  for (guint k = AM_EDGE_KIND_TALKS; k <= AM_N_EDGE_KINDS; k++)
    {
      guint kind = k % AM_N_EDGE_KINDS;
      LegendRow *row;

      if (!kinds[kind])
        continue;

      row = add_row (legend, ROW_LINE, am_edge_kind_get_title (kind));
      am_style_get_edge_style (style, kind, AM_STANCE_NONE, &row->edge_style);
    }

  /* Links the source is less sure of are fainter: a plain line shows how
   * much, for each degree the map uses. */
  for (guint c = AM_CERTAINTY_REPORTED; c < AM_N_CERTAINTIES; c++)
    {
      LegendRow *row;

      if (!certainties[c])
        continue;

      row = add_row (legend, ROW_LINE, am_certainty_get_title (c));
      am_style_get_edge_style (style, AM_EDGE_KIND_TALKS, AM_STANCE_NONE, &row->edge_style);
      am_style_apply_certainty (c, &row->edge_style);
    }
}

/* Rows flow into as many columns as the height allows. */
static void
legend_layout (Legend   *legend,
               Measurer *measurer,
               double    max_height)
{
  guint n_rows = legend->rows->len;
  guint max_rows = G_MAXUINT;

  legend->width = legend->height = 0;
  if (n_rows == 0)
    return;

  if (isfinite (max_height) && max_height > 0)
    max_rows = (guint) MAX (4.0, floor ((max_height - 2 * LEGEND_PADDING) / LEGEND_ROW + 0.01));

  legend->n_columns = n_rows <= max_rows ? 1 : (n_rows + max_rows - 1) / max_rows;
  legend->n_columns = MIN (legend->n_columns, G_N_ELEMENTS (legend->column_widths));
  legend->rows_per_column = (n_rows + legend->n_columns - 1) / legend->n_columns;

  for (guint i = 0; i < n_rows; i++)
    {
      LegendRow *row = &g_array_index (legend->rows, LegendRow, i);
      guint column = i / legend->rows_per_column;
      double width;

      if (column >= legend->n_columns)
        break;

      if (row->kind == ROW_HEADING)
        row->text_width = am_render_measure_text (measurer, row->text, LEGEND_HEADING_SIZE,
                                                  PANGO_WEIGHT_BOLD);
      else
        row->text_width = am_render_measure_text (measurer, row->text, LEGEND_TEXT_SIZE,
                                                  PANGO_WEIGHT_NORMAL);

      width = row->text_width + (row->kind == ROW_HEADING ? 0 : LEGEND_SYMBOL);
      legend->column_widths[column] = MAX (legend->column_widths[column], width);
    }

  legend->width = 2 * LEGEND_PADDING + LEGEND_COLUMN_GAP * (legend->n_columns - 1);
  for (guint c = 0; c < legend->n_columns; c++)
    legend->width += legend->column_widths[c];
  legend->height = 2 * LEGEND_PADDING + legend->rows_per_column * LEGEND_ROW;
}

static Legend *
legend_new (const AmGraph         *graph,
            const AmRenderOptions *options,
            const AmAffiliations  *affiliations,
            const AmStyle         *style,
            Measurer              *measurer)
{
  Legend *legend = g_new0 (Legend, 1);

  legend->rows = g_array_new (FALSE, TRUE, sizeof (LegendRow));
  g_array_set_clear_func (legend->rows, legend_row_clear);

  if (options->lens_issue < am_graph_get_n_nodes (graph))
    add_lens_rows (legend, graph, options, style);
  else
    add_affiliation_rows (legend, affiliations, style);
  add_kind_rows (legend, graph, options, style);
  add_link_rows (legend, graph, options, style);

  legend_layout (legend, measurer,
                 options->height > 0 ? options->height - 2 * AM_RENDER_LEGEND_MARGIN : INFINITY);

  return legend;
}

void
am_render_get_legend_size (const AmGraph         *graph,
                           const AmRenderOptions *options,
                           double                *width,
                           double                *height)
{
  g_autoptr(Legend) legend = NULL;

  g_return_if_fail (graph != NULL);
  g_return_if_fail (options != NULL);

  legend = legend_new (graph, options, am_graph_get_affiliations (graph),
                       am_style_get (options->dark), am_render_get_measurer ());

  *width = legend->width;
  *height = legend->height;
}

static void
draw_legend_symbol (RenderContext   *ctx,
                    const LegendRow *row,
                    double           x,
                    double           y)
{
  AmPainter *painter = ctx->painter;
  double cx = x + LEGEND_SYMBOL / 2 - 3, cy = y;

  switch (row->kind)
    {
    case ROW_SWATCH:
      {
        AmColour outline = am_style_get_outline (ctx->style, &row->colour);

        if (row->colour.alpha <= 0)
          return;
        am_painter_set_fill (painter, &row->colour);
        am_painter_set_stroke (painter, &outline, 1);
        am_painter_circle (painter, cx, cy, 5.5);
        am_painter_paint (painter, AM_PAINT_FILL | AM_PAINT_STROKE);
      }
      break;

    case ROW_SHAPE:
      {
        AmColour outline = am_style_get_outline (ctx->style, &row->colour);
        double w, h;

        /* The shapes keep their sizes and proportions from the map. */
        am_style_get_shape_size (row->node_kind, &w, &h);
        w *= 0.5;
        h *= 0.5;
        am_painter_set_fill (painter, &row->colour);
        am_painter_set_stroke (painter, &outline, 1);
        am_render_path_shape (painter, row->shape, cx, cy, w, h);
        am_painter_paint (painter, AM_PAINT_FILL | AM_PAINT_STROKE);
      }
      break;

    case ROW_LINE:
      {
        double width = MAX (row->edge_style.width, 1.2);
        double dashes[8];
        guint n = MIN (row->edge_style.n_dashes, G_N_ELEMENTS (dashes));

        for (guint i = 0; i < n; i++)
          dashes[i] = row->edge_style.dashes[i] * width;
        am_painter_set_stroke (painter, &row->edge_style.colour, width);
        am_painter_set_dash (painter, n > 0 ? dashes : NULL, n);
        am_painter_move_to (painter, x, cy);
        am_painter_line_to (painter, x + LEGEND_SYMBOL - 6, cy);
        am_painter_paint (painter, AM_PAINT_STROKE);
        am_painter_set_dash (painter, NULL, 0);
      }
      break;

    case ROW_HEADING:
    default:
      break;
    }
}

static void
draw_legend (RenderContext *ctx,
             const Legend  *legend)
{
  AmPainter *painter = ctx->painter;
  const AmStyle *style = ctx->style;
  double x0 = AM_RENDER_LEGEND_MARGIN, y0 = AM_RENDER_LEGEND_MARGIN;
  /* Text centred on a row: its baseline is this far (per unit of font
   * size) below the row's middle. */
  double centre_to_baseline = (ctx->measurer->ascent - ctx->measurer->descent) / 2;
  double column_x;
  guint column = G_MAXUINT;

  if (legend->rows->len == 0)
    return;

  if (painter->wants_metadata)
    am_painter_begin_group (painter, "legend", "legend", _("Legend"));

  am_painter_set_fill (painter, &style->legend_background);
  am_painter_set_stroke (painter, &style->legend_border, 1);
  am_painter_set_dash (painter, NULL, 0);
  am_painter_rect (painter, x0 + 0.5, y0 + 0.5, legend->width - 1, legend->height - 1, 8);
  am_painter_paint (painter, AM_PAINT_FILL | AM_PAINT_STROKE);

  column_x = x0 + LEGEND_PADDING;
  for (guint i = 0; i < legend->rows->len; i++)
    {
      const LegendRow *row = &g_array_index (legend->rows, LegendRow, i);
      guint row_column = i / legend->rows_per_column;
      double y, text_x;

      if (row_column >= legend->n_columns)
        break;
      if (row_column != column)
        {
          if (column != G_MAXUINT)
            column_x += legend->column_widths[column] + LEGEND_COLUMN_GAP;
          column = row_column;
        }

      y = y0 + LEGEND_PADDING + (i % legend->rows_per_column) * LEGEND_ROW + LEGEND_ROW / 2;

      if (row->kind == ROW_HEADING)
        {
          am_painter_set_fill (painter, &style->text_secondary);
          /* Headings sit low in their row, close to what they head. */
          am_painter_text (painter, column_x, y + centre_to_baseline * LEGEND_HEADING_SIZE + 2,
                           row->text, LEGEND_HEADING_SIZE, PANGO_WEIGHT_BOLD,
                           AM_TEXT_ANCHOR_START, NULL, 0);
          continue;
        }

      draw_legend_symbol (ctx, row, column_x, y);
      text_x = column_x + LEGEND_SYMBOL;
      am_painter_set_fill (painter, &style->text);
      am_painter_text (painter, text_x, y + centre_to_baseline * LEGEND_TEXT_SIZE, row->text,
                       LEGEND_TEXT_SIZE, PANGO_WEIGHT_NORMAL, AM_TEXT_ANCHOR_START, NULL, 0);
    }

  if (painter->wants_metadata)
    am_painter_end_group (painter);
}

void
am_render_draw_legend (RenderContext *ctx)
{
  g_autoptr(Legend) legend = legend_new (ctx->graph, ctx->options, ctx->affiliations, ctx->style,
                                         ctx->measurer);

  draw_legend (ctx, legend);
}

cairo_surface_t *
am_render_legend_to_surface (const AmGraph         *graph,
                             const AmRenderOptions *options,
                             int                    scale_factor,
                             double                *width,
                             double                *height)
{
  g_autoptr(Legend) legend = NULL;
  g_autoptr(AmPainter) painter = NULL;
  cairo_surface_t *surface;
  RenderContext ctx = { 0 };
  cairo_t *cr;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (scale_factor > 0, NULL);

  /* Made once for both its size and its drawing: on a large map,
   * finding what it lists takes a look at every edge. */
  ctx.graph = graph;
  ctx.options = options;
  ctx.style = am_style_get (options->dark);
  ctx.measurer = am_render_get_measurer ();
  ctx.affiliations = am_graph_get_affiliations (graph);
  legend = legend_new (graph, options, ctx.affiliations, ctx.style, ctx.measurer);
  *width = legend->width;
  *height = legend->height;
  if (!(legend->width > 0 && legend->height > 0))
    return NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) ceil ((AM_RENDER_LEGEND_MARGIN + legend->width + 1) *
                                                    scale_factor),
                                        (int) ceil ((AM_RENDER_LEGEND_MARGIN + legend->height + 1) *
                                                    scale_factor));
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_set_device_scale (surface, scale_factor, scale_factor);

  cr = cairo_create (surface);
  painter = am_cairo_painter_new (cr);
  ctx.painter = painter;
  draw_legend (&ctx, legend);
  g_clear_pointer (&painter, am_painter_free);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* am-render.c: draws a graph through a painter, the same for screen and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "am-description.h"
#include "am-geometry.h"
#include "am-render.h"
#include "am-vocabulary.h"

/* Above this many edges the map is a texture more than a set of lines:
 * edges get thin and translucent so that nodes stay visible. */
#define DENSE_EDGES 20000

/* Labels of nodes smaller than this (device units) are not drawn, nor,
 * on a raster, labels too small to read. */
#define MIN_LABELLED_NODE 3.0
#define MIN_LABEL_SIZE 4.0

/* With level of detail, labels smaller than this (pixels) are left out:
 * they can be made out alone, but not in the crowd of a large map. */
#define LOD_MIN_LABEL_SIZE 8.0
/* With level of detail, nodes smaller than this (pixels) are drawn
 * together by colour, and no longer each over the one before. */
#define LOD_BATCHED_NODE 1.5

/* Lengths in world units. */
#define PARALLEL_SPACING 14.0
#define LOOP_SIZE        22.0
#define LOOP_STEP        10.0
#define ARROW_LENGTH     7.5

/* Coordinates beyond this many device units from the view are cut off
 * before they reach Cairo, whose fixed-point numbers would overflow. */
#define SAFE_COORDINATE 1e5

/* Legend metrics, in device units. */
#define LEGEND_PADDING     12.0
#define LEGEND_ROW         19.0
#define LEGEND_SYMBOL      24.0
#define LEGEND_COLUMN_GAP  18.0
#define LEGEND_TEXT_SIZE   11.0
#define LEGEND_HEADING_SIZE 9.5
#define LEGEND_MAX_AFFILIATIONS 24

/* Text measurement
 *
 * Node boxes and the legend need label widths without a surface to draw
 * on. The default PangoCairo font map belongs to the calling thread, so
 * each thread gets its own measurer. Printable ASCII, by far the most
 * common case, is measured from a table of advances; kerning is left out,
 * which is well within the slack the boxes have anyway.
 */

#define REFERENCE_SIZE 100.0

typedef struct
{
  PangoContext         *context;
  PangoLayout          *layout;
  PangoFontDescription *font;
  double                advances[2][95];  /* at size 1, regular and bold */
  double                ascent;           /* at size 1 */
  double                descent;
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

static void
measurer_set_font (Measurer *measurer,
                   double    size,
                   int       weight)
{
  pango_font_description_set_absolute_size (measurer->font, size * PANGO_SCALE);
  pango_font_description_set_weight (measurer->font, (PangoWeight) weight);
  pango_layout_set_font_description (measurer->layout, measurer->font);
}

static Measurer *
get_measurer (void)
{
  Measurer *measurer = g_private_get (&measurer_key);
  cairo_font_options_t *options;
  PangoFontMetrics *metrics;

  if (measurer != NULL)
    return measurer;

  measurer = g_new0 (Measurer, 1);
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

  for (guint w = 0; w < 2; w++)
    {
      measurer_set_font (measurer, REFERENCE_SIZE,
                         w == 0 ? PANGO_WEIGHT_NORMAL : PANGO_WEIGHT_BOLD);
      for (guint c = 0; c < 95; c++)
        {
          char text[2] = { (char) (c + 32), '\0' };
          PangoRectangle logical;

          pango_layout_set_text (measurer->layout, text, 1);
          pango_layout_get_extents (measurer->layout, NULL, &logical);
          measurer->advances[w][c] = (double) logical.width / PANGO_SCALE / REFERENCE_SIZE;
        }
    }

  measurer_set_font (measurer, REFERENCE_SIZE, PANGO_WEIGHT_NORMAL);
  metrics = pango_context_get_metrics (measurer->context, measurer->font, NULL);
  measurer->ascent = pango_font_metrics_get_ascent (metrics) / (PANGO_SCALE * REFERENCE_SIZE);
  measurer->descent = pango_font_metrics_get_descent (metrics) / (PANGO_SCALE * REFERENCE_SIZE);
  pango_font_metrics_unref (metrics);

  if (!(measurer->ascent > 0))
    measurer->ascent = 0.8;
  if (!(measurer->descent > 0))
    measurer->descent = 0.2;

  g_private_set (&measurer_key, measurer);
  return measurer;
}

static double
measure_text (Measurer   *measurer,
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

  measurer_set_font (measurer, size, weight);
  pango_layout_set_text (measurer->layout, text, -1);
  pango_layout_get_extents (measurer->layout, NULL, &logical);

  return (double) logical.width / PANGO_SCALE;
}

/* Labels */

/* The one line of a label that is drawn: the first line, trimmed, cut
 * at AM_STYLE_LABEL_MAX_CHARS characters. Returns @label itself when it
 * needs none of that, which is nearly always. */
static const char *
display_label (const char *label,
               GString    *scratch)
{
  const char *p, *start, *line_end, *end, *rest;

  if (label == NULL)
    return "";

  /* Pango takes only valid UTF-8; data from a file need not be. */
  if (G_UNLIKELY (!g_utf8_validate (label, -1, NULL)))
    {
      g_autofree char *valid = g_utf8_make_valid (label, -1);
      const char *shown = display_label (valid, scratch);

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

/* Node geometry, world units */

static gboolean
node_has_position (const AmNode *node)
{
  return am_geometry_is_position (node->x, node->y);
}

static AmShape
node_shape (const AmNode *node)
{
  return am_style_get_shape (node->kind < AM_N_NODE_KINDS ? node->kind : AM_NODE_KIND_OTHER);
}

static gboolean
node_hidden (const AmRenderOptions *options,
             const AmNode          *node)
{
  return !options->show_issues && node->kind == AM_NODE_KIND_ISSUE;
}

/* The height of a label's line, per unit of scale. */
static double
label_line_height (Measurer *measurer)
{
  return (measurer->ascent + measurer->descent) * AM_STYLE_LABEL_SIZE;
}

/* Options */

void
am_render_options_init (AmRenderOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->transform.scale = 1.0;
  options->selected_node = AM_NO_INDEX;
  options->hover_node = AM_NO_INDEX;
  options->lens_issue = AM_NO_INDEX;
  options->show_issues = TRUE;
}

void
am_render_measure_nodes (AmGraph *graph)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  Measurer *measurer;
  double line_height;

  g_return_if_fail (graph != NULL);

  measurer = get_measurer ();
  line_height = label_line_height (measurer);

  for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
    {
      AmNode *node = am_graph_get_node (graph, i);
      double shape_width, shape_height, label_width = 0;
      const char *label;

      if (node->flags & AM_NODE_HAS_SIZE)
        continue;

      am_style_get_node_shape_size (node, &shape_width, &shape_height);
      label = display_label (node->label, scratch);
      if (*label != '\0')
        label_width = measure_text (measurer, label, AM_STYLE_LABEL_SIZE, PANGO_WEIGHT_NORMAL) +
                      AM_STYLE_HALO_WIDTH;

      node->width = (float) MAX (shape_width, label_width);
      node->height = (float) (shape_height +
                              (*label != '\0' ? 2 * (AM_STYLE_LABEL_GAP + line_height) : 0));
      node->flags |= AM_NODE_MEASURED;
    }
}

/* Nodes that loop back to themselves need room above them. */
static guint8 *
count_loops (const AmGraph *graph)
{
  guint n_nodes = am_graph_get_n_nodes (graph);
  guint8 *loops = NULL;

  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);

      if (edge->source != edge->target || edge->source >= n_nodes)
        continue;
      if (loops == NULL)
        loops = g_new0 (guint8, n_nodes);
      if (loops[edge->source] < G_MAXUINT8)
        loops[edge->source]++;
    }

  return loops;
}

static double
loop_extent (guint n_loops)
{
  if (n_loops == 0)
    return 0;

  return (LOOP_SIZE + LOOP_STEP * (MIN (n_loops, 8) - 1)) * 1.3;
}

void
am_render_get_bounds (const AmGraph *graph,
                      double        *x,
                      double        *y,
                      double        *width,
                      double        *height)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autofree guint8 *loops = NULL;
  Measurer *measurer;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double line_height;

  g_return_if_fail (graph != NULL);

  measurer = get_measurer ();
  line_height = label_line_height (measurer);
  loops = count_loops (graph);

  for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
    {
      const AmNode *node = am_graph_get_node (graph, i);
      double shape_width, shape_height, half_width, top, bottom;
      const char *label;

      if (!node_has_position (node))
        continue;

      am_style_get_node_shape_size (node, &shape_width, &shape_height);
      half_width = shape_width / 2;
      top = shape_height / 2;
      bottom = shape_height / 2;

      label = display_label (node->label, scratch);
      if (*label != '\0')
        {
          /* Measured once when loaded: a big map has too many labels to
           * measure again each time the window fits it. */
          double label_width = (node->flags & AM_NODE_MEASURED)
                               ? node->width
                               : measure_text (measurer, label, AM_STYLE_LABEL_SIZE,
                                               PANGO_WEIGHT_NORMAL) + AM_STYLE_HALO_WIDTH;

          half_width = MAX (half_width, label_width / 2);
          bottom += AM_STYLE_LABEL_GAP + line_height + AM_STYLE_HALO_WIDTH / 2;
        }

      if (loops != NULL && loops[i] > 0)
        {
          top += loop_extent (loops[i]);
          half_width = MAX (half_width, loop_extent (loops[i]) * 0.8);
        }

      x0 = MIN (x0, node->x - half_width);
      x1 = MAX (x1, node->x + half_width);
      y0 = MIN (y0, node->y - top);
      y1 = MAX (y1, node->y + bottom);
    }

  if (x0 > x1)
    {
      *x = *y = *width = *height = 0;
      return;
    }

  *x = x0;
  *y = y0;
  *width = x1 - x0;
  *height = y1 - y0;
}

void
am_render_options_fit (AmRenderOptions *options,
                       const AmGraph   *graph,
                       double           width,
                       double           height)
{
  double bx, by, bw, bh;
  double area_x = 0, area_width = width;
  double margin, scale;

  g_return_if_fail (options != NULL);
  g_return_if_fail (graph != NULL);

  if (!isfinite (width) || !isfinite (height) || width <= 0 || height <= 0)
    return;

  options->width = width;
  options->height = height;

  if (options->draw_legend)
    {
      double legend_width, legend_height;

      am_render_get_legend_size (graph, options, &legend_width, &legend_height);
      /* Side by side only when the map keeps most of the room; otherwise
       * the legend floats over it. */
      if (legend_width > 0 && legend_width + 2 * AM_RENDER_LEGEND_MARGIN < width * 0.4)
        {
          area_x = legend_width + AM_RENDER_LEGEND_MARGIN;
          area_width = width - area_x;
        }
    }

  am_render_get_bounds (graph, &bx, &by, &bw, &bh);

  margin = MIN (24.0, MIN (area_width, height) * 0.05);
  scale = 2.0;
  if (bw > 0)
    scale = MIN (scale, (area_width - 2 * margin) / bw);
  if (bh > 0)
    scale = MIN (scale, (height - 2 * margin) / bh);
  if (!(scale > 1e-9))
    scale = 1e-9;

  options->transform.scale = scale;
  options->transform.offset_x = area_x + (area_width - bw * scale) / 2 - bx * scale;
  options->transform.offset_y = (height - bh * scale) / 2 - by * scale;
}

/* Legend */

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

/* Lens */

static inline gboolean
is_lens_statement (const AmEdge *edge,
                   guint         issue)
{
  return edge->kind == AM_EDGE_KIND_STATEMENT && edge->target == issue &&
         edge->source != issue &&
         edge->stance > AM_STANCE_NONE && edge->stance < AM_N_STANCES;
}

AmStance
am_render_get_stance (const AmGraph *graph,
                      guint          node,
                      guint          issue)
{
  g_return_val_if_fail (graph != NULL, AM_STANCE_NONE);

  for (guint i = am_graph_get_n_edges (graph); i-- > 0;)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);

      if (edge->source == node && is_lens_statement (edge, issue))
        return edge->stance;
    }

  return AM_STANCE_NONE;
}

/* Every node's stance on the lens issue, or NULL without a lens. Edges
 * are met in file order, so the latest statement wins. */
static guint8 *
collect_lens_stances (const AmGraph         *graph,
                      const AmRenderOptions *options)
{
  guint n_nodes = am_graph_get_n_nodes (graph);
  guint issue = options->lens_issue;
  const guint32 *edges = NULL;
  guint n_edges;
  guint8 *stances;

  if (issue >= n_nodes)
    return NULL;

  stances = g_new0 (guint8, n_nodes);

  /* With an index, only the issue's own edges. */
  if (options->index != NULL && am_spatial_index_matches (options->index, graph))
    edges = am_spatial_index_get_node_edges (options->index, issue, &n_edges);
  else
    n_edges = am_graph_get_n_edges (graph);

  for (guint i = 0; i < n_edges; i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, edges != NULL ? edges[i] : i);

      if (is_lens_statement (edge, issue) && edge->source < n_nodes)
        stances[edge->source] = edge->stance;
    }

  return stances;
}

/* Opaque, so that edges do not show through the nodes; "nothing stated"
 * is a quiet grey that no stance uses. */
static AmColour
lens_colour (const AmStyle *style,
             AmStance       stance)
{
  AmColour colour, opaque;

  if (stance <= AM_STANCE_NONE || stance >= AM_N_STANCES)
    return am_colour_mix (&style->no_affiliation, &style->background, 0.5);

  colour = am_style_get_stance_colour (style, stance);
  opaque = colour;
  opaque.alpha = 1.0;
  return am_colour_mix (&style->background, &opaque, colour.alpha);
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

  add_row (legend, ROW_HEADING, display_label (am_description_node_name (issue), scratch));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    add_row (legend, ROW_SWATCH, lens_stance_title (order[i]))->colour =
      lens_colour (style, order[i]);
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

      if (node_hidden (options, node))
        continue;

      if (kind < AM_N_NODE_KINDS && !present[kind])
        {
          present[kind] = TRUE;
          n_present++;
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
  guint n_nodes = am_graph_get_n_nodes (graph);
  guint n_kinds = 0;

  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);
      guint kind = edge->kind < AM_N_EDGE_KINDS ? edge->kind : AM_EDGE_KIND_OTHER;

      if (options->hidden_edge_kinds & (1u << kind))
        continue;
      if (!options->show_issues && edge->source < n_nodes && edge->target < n_nodes &&
          (node_hidden (options, am_graph_get_node (graph, edge->source)) ||
           node_hidden (options, am_graph_get_node (graph, edge->target))))
        continue;

      if (kind == AM_EDGE_KIND_STATEMENT)
        stances[edge->stance < AM_N_STANCES ? edge->stance : AM_STANCE_NONE] = TRUE;
      if (!kinds[kind])
        {
          kinds[kind] = TRUE;
          n_kinds++;
        }
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
        row->text_width = measure_text (measurer, row->text, LEGEND_HEADING_SIZE,
                                        PANGO_WEIGHT_BOLD);
      else
        row->text_width = measure_text (measurer, row->text, LEGEND_TEXT_SIZE, PANGO_WEIGHT_NORMAL);

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
  g_autoptr(AmAffiliations) affiliations = NULL;
  g_autoptr(Legend) legend = NULL;

  g_return_if_fail (graph != NULL);
  g_return_if_fail (options != NULL);

  affiliations = am_affiliations_new (graph);
  legend = legend_new (graph, options, affiliations, am_style_get (options->dark), get_measurer ());

  *width = legend->width;
  *height = legend->height;
}

/* Drawing */

typedef struct
{
  const AmGraph         *graph;
  const AmRenderOptions *options;
  AmPainter             *painter;
  const AmStyle         *style;
  AmAffiliations        *affiliations;
  Measurer              *measurer;
  GString               *scratch;

  double                 scale;
  double                 offset_x;
  double                 offset_y;
  double                 pixel;     /* device units per pixel */
  gboolean               cull;
  double                 view_x0, view_y0, view_x1, view_y1;
  gboolean               dense;

  /* With a focus node, what is not next to it fades. */
  guint32                focus;
  guint8                *near_focus;  /* per node, TRUE for focus and neighbours */

  /* With a lens, each node's stance on the lens issue (AmStance). */
  guint8                *lens_stances;

  /* From the spatial index: what may be in view; NULL for everything. */
  GArray                *visible_edges;  /* guint32 */
  guint8                *visible_nodes;  /* per node */

  /* options->level_of_detail, on a raster */
  gboolean               lod;

  /* The nodes' positions, packed, NaN for none: edges visit their nodes
   * in no order, and these stay in the cache where the nodes do not. */
  float                 *positions;

  /* While edges are collected far out: where to draw only some. */
  const struct _Coverage *coverage;
  /* Far out with level of detail: parallels merge, hairlines are rough. */
  gboolean               far;
} RenderContext;

static float *
pack_positions (const AmGraph *graph)
{
  guint n_nodes = am_graph_get_n_nodes (graph);
  float *positions = g_new (float, 2 * (gsize) n_nodes);

  for (guint i = 0; i < n_nodes; i++)
    {
      const AmNode *node = am_graph_get_node (graph, i);
      gboolean placed = node_has_position (node);

      positions[2 * i] = placed ? (float) node->x : NAN;
      positions[2 * i + 1] = placed ? (float) node->y : NAN;
    }

  return positions;
}

/* Node @index's world position, for culling and counting: FALSE when it
 * has none. */
static inline gboolean
node_position (const RenderContext *ctx,
               guint                index,
               double              *x,
               double              *y)
{
  const AmNode *node;

  if (ctx->positions != NULL)
    {
      *x = ctx->positions[2 * index];
      *y = ctx->positions[2 * index + 1];
      return !isnan (*x);
    }

  node = am_graph_get_node (ctx->graph, index);
  *x = node->x;
  *y = node->y;
  return node_has_position (node);
}

typedef struct
{
  double  x, y;      /* centre */
  double  width;     /* of the shape */
  double  height;
  AmShape shape;
} NodeBox;

/* Where @index is drawn, in device units; FALSE when it has no place
 * or is not drawn. */
static gboolean
node_box (const RenderContext *ctx,
          guint                index,
          NodeBox             *box)
{
  const AmNode *node = am_graph_get_node (ctx->graph, index);
  double width, height;

  if (!node_has_position (node) || node_hidden (ctx->options, node))
    return FALSE;

  box->x = node->x * ctx->scale + ctx->offset_x;
  box->y = node->y * ctx->scale + ctx->offset_y;
  if (!isfinite (box->x) || !isfinite (box->y))
    return FALSE;

  am_style_get_node_shape_size (node, &width, &height);
  box->width = width * ctx->scale;
  box->height = height * ctx->scale;
  box->shape = node_shape (node);

  return TRUE;
}

static inline gboolean
maybe_visible (const RenderContext *ctx,
               guint                node)
{
  return ctx->visible_nodes == NULL || ctx->visible_nodes[node];
}

static gboolean
box_visible (const RenderContext *ctx,
             double               x0,
             double               y0,
             double               x1,
             double               y1)
{
  return !ctx->cull ||
         (x1 >= ctx->view_x0 && x0 <= ctx->view_x1 && y1 >= ctx->view_y0 && y0 <= ctx->view_y1);
}

static void
path_shape (AmPainter *painter,
            AmShape    shape,
            double     cx,
            double     cy,
            double     width,
            double     height)
{
  double a = width / 2, b = height / 2;

  switch (shape)
    {
    case AM_SHAPE_ROUNDED_SQUARE:
      am_painter_rect (painter, cx - a, cy - b, width, height, 0.25 * MIN (width, height));
      break;

    case AM_SHAPE_PILL:
      am_painter_rect (painter, cx - a, cy - b, width, height, MIN (a, b));
      break;

    case AM_SHAPE_HEXAGON:
      am_painter_move_to (painter, cx - a, cy);
      am_painter_line_to (painter, cx - a / 2, cy - b);
      am_painter_line_to (painter, cx + a / 2, cy - b);
      am_painter_line_to (painter, cx + a, cy);
      am_painter_line_to (painter, cx + a / 2, cy + b);
      am_painter_line_to (painter, cx - a / 2, cy + b);
      am_painter_close_path (painter);
      break;

    case AM_SHAPE_DIAMOND:
      am_painter_move_to (painter, cx, cy - b);
      am_painter_line_to (painter, cx + a, cy);
      am_painter_line_to (painter, cx, cy + b);
      am_painter_line_to (painter, cx - a, cy);
      am_painter_close_path (painter);
      break;

    case AM_SHAPE_TRIANGLE:
      am_painter_move_to (painter, cx, cy - b);
      am_painter_line_to (painter, cx + a, cy + b);
      am_painter_line_to (painter, cx - a, cy + b);
      am_painter_close_path (painter);
      break;

    case AM_SHAPE_CIRCLE:
    default:
      if (fabs (a - b) < 0.25)
        {
          am_painter_circle (painter, cx, cy, MIN (a, b));
        }
      else
        {
          /* An ellipse from four Bézier quarters. */
          const double k = 0.5522847498;

          am_painter_move_to (painter, cx + a, cy);
          am_painter_curve_to (painter, cx + a, cy + k * b, cx + k * a, cy + b, cx, cy + b);
          am_painter_curve_to (painter, cx - k * a, cy + b, cx - a, cy + k * b, cx - a, cy);
          am_painter_curve_to (painter, cx - a, cy - k * b, cx - k * a, cy - b, cx, cy - b);
          am_painter_curve_to (painter, cx + k * a, cy - b, cx + a, cy - k * b, cx + a, cy);
          am_painter_close_path (painter);
        }
      break;
    }
}

/* Edges */

typedef struct
{
  guint64 pair;     /* smaller node index << 32 | larger */
  guint32 edge;
  guint32 rank;     /* place among the edges of the same pair */
  guint32 n_rank;   /* edges of the same pair */
  guint32 style;    /* kind and stance */
  float   weight;   /* edges this line stands for, see merge_slots() */
} EdgeSlot;

static int
compare_slots_by_pair (gconstpointer a,
                       gconstpointer b)
{
  const EdgeSlot *sa = a, *sb = b;

  if (sa->pair != sb->pair)
    return sa->pair < sb->pair ? -1 : 1;
  return sa->edge < sb->edge ? -1 : sa->edge > sb->edge;
}

static int
compare_slots_by_style (gconstpointer a,
                        gconstpointer b)
{
  const EdgeSlot *sa = a, *sb = b;

  if (sa->style != sb->style)
    return sa->style < sb->style ? -1 : 1;
  return sa->edge < sb->edge ? -1 : sa->edge > sb->edge;
}

static void
begin_edge_group (RenderContext *ctx,
                  guint          index)
{
  const AmEdge *edge = am_graph_get_edge (ctx->graph, index);
  g_autoptr(GString) title = NULL;
  AmEdgeDescription description;
  char css_class[64];
  char *id;

  if (!ctx->painter->wants_metadata)
    return;

  title = g_string_new (NULL);
  am_description_edge (ctx->graph, index, &description);
  am_description_append_edge (&description, title);

  g_snprintf (css_class, sizeof css_class, "edge %s%s%s",
              am_edge_kind_to_string (edge->kind < AM_N_EDGE_KINDS ? edge->kind : 0),
              edge->stance != AM_STANCE_NONE && edge->stance < AM_N_STANCES ? " " : "",
              edge->stance != AM_STANCE_NONE && edge->stance < AM_N_STANCES
                ? am_stance_to_string (edge->stance) : "");

  if (edge->id != NULL)
    id = g_strconcat ("edge-", edge->id, NULL);
  else
    id = g_strdup_printf ("edge-%u", index);

  am_painter_begin_group (ctx->painter, css_class, id, title->str);
  g_free (id);
}

static void
end_edge_group (RenderContext *ctx)
{
  if (ctx->painter->wants_metadata)
    am_painter_end_group (ctx->painter);
}

/* Cuts the segment to a rectangle a little wider than the view; FALSE
 * when nothing of it is left. */
static gboolean
clip_segment (const RenderContext *ctx,
              double              *x0,
              double              *y0,
              double              *x1,
              double              *y1)
{
  double pad = 1000;

  return am_geometry_clip_segment (ctx->view_x0 - pad, ctx->view_y0 - pad,
                                   ctx->view_x1 + pad, ctx->view_y1 + pad, x0, y0, x1, y1);
}

static inline gboolean
is_far (double v)
{
  return fabs (v) > SAFE_COORDINATE;
}

/* A filled arrowhead with its tip at (@tx, @ty) pointing along the unit
 * vector (@ux, @uy). */
static void
draw_arrow (AmPainter *painter,
            double     tx,
            double     ty,
            double     ux,
            double     uy,
            double     length)
{
  double half = length * 0.42;
  double bx = tx - ux * length, by = ty - uy * length;
  double nx = tx - ux * length * 0.78, ny = ty - uy * length * 0.78;

  am_painter_move_to (painter, tx, ty);
  am_painter_line_to (painter, bx - uy * half, by + ux * half);
  am_painter_line_to (painter, nx, ny);
  am_painter_line_to (painter, bx + uy * half, by - ux * half);
  am_painter_close_path (painter);
  am_painter_paint (painter, AM_PAINT_FILL);
}

typedef struct
{
  AmColour colour;
  double   width;
  double   arrow;      /* 0 for none */
  double   dashes[8];
  guint    n_dashes;
} EdgePaint;

static void
edge_paint (const RenderContext *ctx,
            const AmEdge        *edge,
            gboolean             emphasised,
            EdgePaint           *paint)
{
  AmEdgeStyle style;

  am_style_get_edge_style (ctx->style, edge->kind < AM_N_EDGE_KINDS ? edge->kind : 0,
                           edge->stance < AM_N_STANCES ? edge->stance : 0, &style);

  paint->colour = style.colour;
  paint->width = MAX (style.width * ctx->scale, 0.6 * ctx->pixel);
  paint->arrow = MAX (ARROW_LENGTH, style.width * 4) * ctx->scale;

  if (ctx->dense && !emphasised)
    {
      paint->width = CLAMP (style.width * ctx->scale * 0.5, 0.35 * ctx->pixel, 1.0 * ctx->pixel);
      paint->colour.alpha *= 0.35;
      paint->arrow = MAX (ARROW_LENGTH, style.width * 4) * ctx->scale * 0.6;
    }

  if (ctx->near_focus != NULL)
    {
      if (emphasised)
        {
          paint->width *= 1.5;
          paint->colour.alpha = 1.0;
        }
      else
        {
          paint->colour.alpha *= 0.15;
        }
    }

  /* Arrowheads too small to see are noise, and in a dense map even
   * middling ones are. */
  if (!(edge->flags & AM_EDGE_DIRECTED) || paint->arrow < (ctx->dense ? 6.0 : 2.5) * ctx->pixel)
    paint->arrow = 0;
  else
    paint->arrow = MAX (paint->arrow, paint->width * 2.5);

  /* Dashes on a hairline read as noise. */
  paint->n_dashes = ctx->dense && !emphasised
                    ? 0 : MIN (style.n_dashes, G_N_ELEMENTS (paint->dashes));
  for (guint i = 0; i < paint->n_dashes; i++)
    paint->dashes[i] = style.dashes[i] * paint->width;
}

static void
apply_edge_paint (RenderContext   *ctx,
                  const EdgePaint *paint)
{
  am_painter_set_stroke (ctx->painter, &paint->colour, paint->width);
  am_painter_set_dash (ctx->painter, paint->n_dashes > 0 ? paint->dashes : NULL, paint->n_dashes);
  am_painter_set_fill (ctx->painter, &paint->colour);
}

/* Where an edge is drawn, in device units: a line or a cubic curve from
 * (x0, y0) to (x1, y1), then maybe an arrowhead whose tip is at (tip_x,
 * tip_y), pointing along (ux, uy). Drawing and picking share it. */
typedef struct
{
  gboolean curved;
  double   x0, y0;
  double   c1x, c1y;
  double   c2x, c2y;
  double   x1, y1;
  gboolean arrow;
  double   tip_x, tip_y;
  double   ux, uy;
} EdgeLine;

static gboolean
straight_edge_line (const RenderContext *ctx,
                    const NodeBox       *from,
                    const NodeBox       *to,
                    const EdgePaint     *paint,
                    EdgeLine            *line)
{
  double dx = to->x - from->x, dy = to->y - from->y;
  double length = hypot (dx, dy);
  double ux, uy, r0, r1, x0, y0, x1, y1, lx, ly;
  gboolean arrow = paint->arrow > 0;

  if (!(length > 1e-6))
    return FALSE;

  ux = dx / length;
  uy = dy / length;
  r0 = am_style_shape_boundary (from->shape, from->width, from->height, ux, uy);
  r1 = am_style_shape_boundary (to->shape, to->width, to->height, -ux, -uy);

  /* Overlapping nodes: there is no line to see between them. */
  if (r0 + r1 >= length - 0.5)
    return FALSE;

  x0 = from->x + ux * r0;
  y0 = from->y + uy * r0;
  x1 = to->x - ux * r1;
  y1 = to->y - uy * r1;

  if (arrow && length - r0 - r1 < paint->arrow * 1.2)
    arrow = FALSE;

  lx = x1;
  ly = y1;
  if (arrow)
    {
      double back = paint->arrow * 0.78 + paint->width / 2;

      lx = x1 - ux * back;
      ly = y1 - uy * back;
    }

  if (is_far (x0) || is_far (y0) || is_far (lx) || is_far (ly))
    {
      double tip_x = x1, tip_y = y1;

      if (!clip_segment (ctx, &x0, &y0, &lx, &ly))
        return FALSE;
      if (is_far (tip_x) || is_far (tip_y))
        arrow = FALSE;
    }

  line->curved = FALSE;
  line->x0 = x0;
  line->y0 = y0;
  line->x1 = lx;
  line->y1 = ly;
  line->arrow = arrow;
  line->tip_x = x1;
  line->tip_y = y1;
  line->ux = ux;
  line->uy = uy;
  return TRUE;
}

/* One of several edges between the same two nodes: a quadratic curve
 * bowed out by @bow device units, to the left of the direction from the
 * lower node index to the higher, so that A→B and B→A never coincide. */
static gboolean
curved_edge_line (const RenderContext *ctx,
                  const NodeBox       *from,
                  const NodeBox       *to,
                  gboolean             reversed,
                  double               bow,
                  const EdgePaint     *paint,
                  EdgeLine            *line)
{
  double dx = to->x - from->x, dy = to->y - from->y;
  double length = hypot (dx, dy);
  double nx, ny, cx, cy, vx, vy, vl, r0, r1, x0, y0, x1, y1, lx, ly;
  gboolean arrow = paint->arrow > 0;

  if (!(length > 1e-6))
    return FALSE;

  nx = -dy / length;
  ny = dx / length;
  if (reversed)
    {
      nx = -nx;
      ny = -ny;
    }

  cx = (from->x + to->x) / 2 + nx * 2 * bow;
  cy = (from->y + to->y) / 2 + ny * 2 * bow;
  if (is_far (cx) || is_far (cy))
    return straight_edge_line (ctx, from, to, paint, line);

  r0 = am_style_shape_boundary (from->shape, from->width, from->height, cx - from->x, cy - from->y);
  vl = hypot (cx - from->x, cy - from->y);
  if (!(vl > r0))
    return FALSE;
  x0 = from->x + (cx - from->x) / vl * r0;
  y0 = from->y + (cy - from->y) / vl * r0;

  r1 = am_style_shape_boundary (to->shape, to->width, to->height, cx - to->x, cy - to->y);
  vl = hypot (cx - to->x, cy - to->y);
  if (!(vl > r1))
    return FALSE;
  x1 = to->x + (cx - to->x) / vl * r1;
  y1 = to->y + (cy - to->y) / vl * r1;

  if (hypot (x1 - x0, y1 - y0) < (arrow ? paint->arrow * 1.2 : 0.5))
    arrow = FALSE;

  /* The arrow points along the curve's end tangent. */
  vx = (x1 - cx) / (vl - r1);
  vy = (y1 - cy) / (vl - r1);
  lx = x1;
  ly = y1;
  if (arrow)
    {
      double back = paint->arrow * 0.78 + paint->width / 2;

      lx = x1 - vx * back;
      ly = y1 - vy * back;
    }

  line->curved = TRUE;
  line->x0 = x0;
  line->y0 = y0;
  line->c1x = x0 + (cx - x0) * 2 / 3;
  line->c1y = y0 + (cy - y0) * 2 / 3;
  line->c2x = lx + (cx - lx) * 2 / 3;
  line->c2y = ly + (cy - ly) * 2 / 3;
  line->x1 = lx;
  line->y1 = ly;
  line->arrow = arrow;
  line->tip_x = x1;
  line->tip_y = y1;
  line->ux = vx;
  line->uy = vy;
  return TRUE;
}

/* The @rank-th loop of a node: a teardrop above it, each one larger. */
static gboolean
loop_line (const RenderContext *ctx,
           const NodeBox       *box,
           guint                rank,
           const EdgePaint     *paint,
           EdgeLine            *line)
{
  const double spread = 0.5;
  double size = (LOOP_SIZE + LOOP_STEP * MIN (rank, 7)) * ctx->scale;
  double a0 = -G_PI / 2 - spread, a1 = -G_PI / 2 + spread;
  double u0x = cos (a0), u0y = sin (a0), u1x = cos (a1), u1y = sin (a1);
  double r0 = am_style_shape_boundary (box->shape, box->width, box->height, u0x, u0y);
  double r1 = am_style_shape_boundary (box->shape, box->width, box->height, u1x, u1y);
  double x0 = box->x + u0x * r0, y0 = box->y + u0y * r0;
  double x1 = box->x + u1x * r1, y1 = box->y + u1y * r1;
  double reach = size * 1.7;
  double lx = x1, ly = y1;
  gboolean arrow = paint->arrow > 0 && paint->arrow < size;

  if (arrow)
    {
      double back = paint->arrow * 0.78 + paint->width / 2;

      lx = x1 + u1x * back;
      ly = y1 + u1y * back;
    }

  line->curved = TRUE;
  line->x0 = x0;
  line->y0 = y0;
  line->c1x = x0 + (u0x - 0.35) * reach;
  line->c1y = y0 + u0y * reach;
  line->c2x = x1 + (u1x + 0.35) * reach;
  line->c2y = y1 + u1y * reach;
  line->x1 = lx;
  line->y1 = ly;
  line->arrow = FALSE;
  line->tip_x = x1;
  line->tip_y = y1;

  if (arrow)
    {
      /* The end tangent points from the last control point inwards. */
      double vx = lx - line->c2x, vy = ly - line->c2y;
      double vl = hypot (vx, vy);

      if (vl > 0)
        {
          line->arrow = TRUE;
          line->ux = vx / vl;
          line->uy = vy / vl;
        }
    }

  return TRUE;
}

/* Where the edge of @slot between @from and @to is drawn; FALSE when
 * nothing of it is. */
static gboolean
edge_line (const RenderContext *ctx,
           const EdgeSlot      *slot,
           const NodeBox       *from,
           const NodeBox       *to,
           const EdgePaint     *paint,
           EdgeLine            *line)
{
  const AmEdge *edge = am_graph_get_edge (ctx->graph, slot->edge);

  if (edge->source == edge->target)
    {
      return loop_line (ctx, from, slot->rank, paint, line);
    }
  else if (slot->n_rank == 1)
    {
      return straight_edge_line (ctx, from, to, paint, line);
    }
  else
    {
      double length = hypot (to->x - from->x, to->y - from->y);
      double spacing = MIN (PARALLEL_SPACING * ctx->scale, length * 0.7 / (slot->n_rank - 1));
      double bow = (slot->rank - (slot->n_rank - 1) / 2.0) * spacing;

      if (fabs (bow) < 1e-9)
        return straight_edge_line (ctx, from, to, paint, line);
      else
        return curved_edge_line (ctx, from, to, edge->source > edge->target, bow, paint, line);
    }
}

static void
draw_edge (RenderContext  *ctx,
           const EdgeSlot *slot,
           gboolean        emphasised)
{
  const AmEdge *edge = am_graph_get_edge (ctx->graph, slot->edge);
  AmPainter *painter = ctx->painter;
  NodeBox from, to;
  EdgePaint paint;
  EdgeLine line;

  if (!node_box (ctx, edge->source, &from) || !node_box (ctx, edge->target, &to))
    return;

  begin_edge_group (ctx, slot->edge);
  edge_paint (ctx, edge, emphasised, &paint);
  if (slot->weight != 1)
    paint.colour.alpha = 1 - pow (1 - paint.colour.alpha, slot->weight);
  apply_edge_paint (ctx, &paint);

  if (edge_line (ctx, slot, &from, &to, &paint, &line))
    {
      am_painter_move_to (painter, line.x0, line.y0);
      if (line.curved)
        am_painter_curve_to (painter, line.c1x, line.c1y, line.c2x, line.c2y, line.x1, line.y1);
      else
        am_painter_line_to (painter, line.x1, line.y1);
      am_painter_paint (painter, AM_PAINT_STROKE | (ctx->far ? AM_PAINT_ROUGH : 0));

      if (line.arrow)
        draw_arrow (painter, line.tip_x, line.tip_y, line.ux, line.uy, paint.arrow);
    }

  end_edge_group (ctx);
}

static gboolean
edge_hidden (const RenderContext *ctx,
             const AmEdge        *edge)
{
  guint kind = edge->kind < AM_N_EDGE_KINDS ? edge->kind : AM_EDGE_KIND_OTHER;
  guint n_nodes = am_graph_get_n_nodes (ctx->graph);

  if ((ctx->options->hidden_edge_kinds & (1u << kind)) != 0)
    return TRUE;

  return !ctx->options->show_issues && edge->source < n_nodes && edge->target < n_nodes &&
         (node_hidden (ctx->options, am_graph_get_node (ctx->graph, edge->source)) ||
          node_hidden (ctx->options, am_graph_get_node (ctx->graph, edge->target)));
}

/* Below this many slots a comparison sort is as fast. */
#define MIN_RADIX_SORT 4096

typedef enum
{
  SLOT_EDGE,
  SLOT_PAIR,
  SLOT_STYLE,
} SlotField;

typedef struct
{
  SlotField field;
  guint     shift;
} SlotDigit;

static inline guint
slot_digit (const EdgeSlot  *slot,
            const SlotDigit *digit)
{
  guint64 value = digit->field == SLOT_EDGE ? slot->edge
                : digit->field == SLOT_PAIR ? slot->pair
                : slot->style;

  return (guint) (value >> digit->shift) & 0xffff;
}

/* A stable sort by the digits, least significant first, sixteen bits at
 * a time: a million edges sort in a few passes instead of twenty rounds
 * of comparisons. Digits that are the same in every slot are skipped. */
static void
radix_sort_slots (GArray          *slots,
                  const SlotDigit *digits,
                  guint            n_digits)
{
  guint n = slots->len;
  EdgeSlot *from = (EdgeSlot *) (gpointer) slots->data;
  g_autofree EdgeSlot *scratch = g_new (EdgeSlot, n);
  g_autofree guint *counts = g_new (guint, 65536);
  EdgeSlot *to = scratch;

  for (guint d = 0; d < n_digits; d++)
    {
      guint sum = 0;
      gboolean all_same = FALSE;

      memset (counts, 0, 65536 * sizeof (guint));
      for (guint i = 0; i < n; i++)
        counts[slot_digit (&from[i], &digits[d])]++;

      for (guint b = 0; b < 65536; b++)
        {
          guint count = counts[b];

          if (count == n)
            all_same = TRUE;
          counts[b] = sum;
          sum += count;
        }
      if (all_same)
        continue;

      for (guint i = 0; i < n; i++)
        to[counts[slot_digit (&from[i], &digits[d])]++] = from[i];

      {
        EdgeSlot *swap = from;

        from = to;
        to = swap;
      }
    }

  if (from != (EdgeSlot *) (gpointer) slots->data)
    memcpy (slots->data, from, n * sizeof (EdgeSlot));
}

/* By pair, and by edge within a pair. */
static void
sort_slots_by_pair (GArray *slots)
{
  static const SlotDigit digits[] = {
    { SLOT_EDGE, 0 }, { SLOT_EDGE, 16 },
    { SLOT_PAIR, 0 }, { SLOT_PAIR, 16 }, { SLOT_PAIR, 32 }, { SLOT_PAIR, 48 },
  };

  if (slots->len < MIN_RADIX_SORT)
    g_array_sort (slots, compare_slots_by_pair);
  else
    radix_sort_slots (slots, digits, G_N_ELEMENTS (digits));
}

/* By style; within a style, large arrays keep the order they had. */
static void
sort_slots_by_style (GArray *slots)
{
  static const SlotDigit digits[] = { { SLOT_STYLE, 0 }, { SLOT_STYLE, 16 } };

  if (slots->len < MIN_RADIX_SORT)
    g_array_sort (slots, compare_slots_by_style);
  else
    radix_sort_slots (slots, digits, G_N_ELEMENTS (digits));
}

/* Numbers the parallels of each pair in @slots, and leaves the slots
 * sorted so that those of a pair are together. */
static void
rank_parallels (GArray *slots)
{
  sort_slots_by_pair (slots);

  for (guint i = 0; i < slots->len;)
    {
      EdgeSlot *first = &g_array_index (slots, EdgeSlot, i);
      guint j = i + 1;

      while (j < slots->len && g_array_index (slots, EdgeSlot, j).pair == first->pair)
        j++;

      for (guint k = i; k < j; k++)
        {
          EdgeSlot *slot = &g_array_index (slots, EdgeSlot, k);

          slot->rank = k - i;
          slot->n_rank = j - i;
        }
      i = j;
    }
}

/* Thinning edges
 *
 * Seen whole, a large map has places where its lines cover every pixel
 * many times over, and drawing them takes time in proportion. Where they
 * would cover it more than THIN_COVERAGE times (counting a translucent
 * line as a fraction), a share of them is drawn, each standing for as
 * many as were left out: the place looks as dense, at a bounded cost,
 * and sparse places keep every line. The coverage is counted in cells
 * fixed in the world, from every edge, so that any part of the view
 * (such as a band drawn on another thread) decides alike.
 */

#define THIN_COVERAGE  4.0
#define THIN_CELL      32.0     /* pixels */
#define THIN_MAX_CELLS (1024 * 1024)

typedef struct _Coverage
{
  double  cell;           /* world units */
  double  x0, y0;         /* world position of cell (0, 0) */
  guint   columns, rows;
  float  *coverage;       /* per cell */
} Coverage;

/* How much of a pixel a line of the edge's style covers per pixel of
 * its length, by style (kind << 8 | stance). */
static void
fill_style_cover (const RenderContext *ctx,
                  double               cover[AM_N_EDGE_KINDS][AM_N_STANCES])
{
  for (guint kind = 0; kind < AM_N_EDGE_KINDS; kind++)
    for (guint stance = 0; stance < AM_N_STANCES; stance++)
      {
        AmEdge edge = { 0 };
        EdgePaint paint;

        edge.kind = kind;
        edge.stance = stance;
        edge_paint (ctx, &edge, FALSE, &paint);
        cover[kind][stance] = MIN (paint.width / ctx->pixel, 1.0) * paint.colour.alpha;
      }
}

/* The cell holding world point (@x, @y); points outside count in the
 * nearest cell. */
static inline float *
coverage_cell (const Coverage *coverage,
               double          x,
               double          y)
{
  double column = (x - coverage->x0) / coverage->cell;
  double row = (y - coverage->y0) / coverage->cell;

  column = CLAMP (column, 0, coverage->columns - 1);
  row = CLAMP (row, 0, coverage->rows - 1);
  return &coverage->coverage[(guint) row * coverage->columns + (guint) column];
}

/* Points along a line of @length pixels at which coverage is counted. */
static inline guint
line_samples (double length)
{
  return (guint) CLAMP (ceil (length / THIN_CELL), 1, 8);
}

static gboolean
coverage_init (const RenderContext *ctx,
               Coverage            *coverage)
{
  double cover[AM_N_EDGE_KINDS][AM_N_STANCES];
  const AmGraph *graph = ctx->graph;
  guint n_nodes = am_graph_get_n_nodes (graph);
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double cell_area;

  for (guint i = 0; i < n_nodes; i++)
    {
      double x, y;

      if (!node_position (ctx, i, &x, &y))
        continue;
      x0 = MIN (x0, x);
      y0 = MIN (y0, y);
      x1 = MAX (x1, x);
      y1 = MAX (y1, y);
    }
  if (x0 > x1)
    return FALSE;

  coverage->cell = THIN_CELL * ctx->pixel / ctx->scale;
  coverage->x0 = floor (x0 / coverage->cell) * coverage->cell;
  coverage->y0 = floor (y0 / coverage->cell) * coverage->cell;
  if ((x1 - coverage->x0) / coverage->cell + 1 > THIN_MAX_CELLS ||
      (y1 - coverage->y0) / coverage->cell + 1 > THIN_MAX_CELLS)
    return FALSE;
  coverage->columns = (guint) ((x1 - coverage->x0) / coverage->cell) + 1;
  coverage->rows = (guint) ((y1 - coverage->y0) / coverage->cell) + 1;
  if ((guint64) coverage->columns * coverage->rows > THIN_MAX_CELLS)
    return FALSE;

  coverage->coverage = g_new0 (float, coverage->columns * coverage->rows);
  cell_area = THIN_CELL * THIN_CELL;
  fill_style_cover (ctx, cover);
  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);
      double sx, sy, tx, ty, length;
      guint n_samples;
      float amount;

      if (edge->source >= n_nodes || edge->target >= n_nodes || edge_hidden (ctx, edge) ||
          !node_position (ctx, edge->source, &sx, &sy) ||
          !node_position (ctx, edge->target, &tx, &ty))
        continue;

      /* A line counts in the cells along it, sampled at a few points:
       * enough to tell dense places from sparse ones. */
      length = sqrt ((tx - sx) * (tx - sx) + (ty - sy) * (ty - sy)) * ctx->scale / ctx->pixel;
      n_samples = line_samples (length);
      amount = (float) (length * cover[edge->kind < AM_N_EDGE_KINDS ? edge->kind : 0]
                                      [edge->stance < AM_N_STANCES ? edge->stance : 0] /
                        cell_area / n_samples);
      for (guint k = 0; k < n_samples; k++)
        {
          double t = (k + 0.5) / n_samples;

          *coverage_cell (coverage, sx + (tx - sx) * t, sy + (ty - sy) * t) += amount;
        }
    }

  return TRUE;
}

/* A number in [0, 1) that is always the same for the same edge. */
static inline double
edge_lot (guint32 edge)
{
  guint32 h = edge * 0x9e3779b1u;

  h ^= h >> 15;
  h *= 0x85ebca77u;
  h ^= h >> 13;
  return h / 4294967296.0;
}

/* The share of edges drawn like the line from (@sx, @sy) to (@tx, @ty),
 * world units, from the coverage along it. */
static double
coverage_share (const Coverage *coverage,
                double          sx,
                double          sy,
                double          tx,
                double          ty,
                double          scale)
{
  double length = sqrt ((tx - sx) * (tx - sx) + (ty - sy) * (ty - sy)) * scale;
  guint n_samples = line_samples (length);
  double layers = 0;

  for (guint k = 0; k < n_samples; k++)
    {
      double t = (k + 0.5) / n_samples;

      layers += *coverage_cell (coverage, sx + (tx - sx) * t, sy + (ty - sy) * t) / n_samples;
    }

  return layers > THIN_COVERAGE ? THIN_COVERAGE / layers : 1;
}

/* Adds @index to @slots when it is drawn and its line, or its curve,
 * may pass through the device rectangle (@x0, @y0)–(@x1, @y1); with
 * @cull FALSE, wherever it is. */
static void
add_edge_slot (const RenderContext *ctx,
               guint                index,
               gboolean             cull,
               double               x0,
               double               y0,
               double               x1,
               double               y1,
               GArray              *slots)
{
  const AmGraph *graph = ctx->graph;
  guint n_nodes = am_graph_get_n_nodes (graph);
  const AmEdge *edge = am_graph_get_edge (graph, index);
  double reach = am_geometry_edge_reach (ctx->scale);
  double sx, sy, tx, ty;
  EdgeSlot slot;

  if (edge->source >= n_nodes || edge->target >= n_nodes || edge_hidden (ctx, edge))
    return;

  if (!node_position (ctx, edge->source, &sx, &sy) ||
      !node_position (ctx, edge->target, &tx, &ty))
    return;

  sx = sx * ctx->scale + ctx->offset_x;
  sy = sy * ctx->scale + ctx->offset_y;
  tx = tx * ctx->scale + ctx->offset_x;
  ty = ty * ctx->scale + ctx->offset_y;
  if (!isfinite (sx) || !isfinite (sy) || !isfinite (tx) || !isfinite (ty))
    return;
  if (cull &&
      !(MAX (sx, tx) + reach >= x0 && MIN (sx, tx) - reach <= x1 &&
        MAX (sy, ty) + reach >= y0 && MIN (sy, ty) - reach <= y1))
    return;
  /* Within one pixel: the speck of its nodes is all there is to see. */
  if (ctx->lod &&
      (edge->source == edge->target
       ? LOOP_SIZE * ctx->scale < ctx->pixel
       : floor (sx / ctx->pixel) == floor (tx / ctx->pixel) &&
         floor (sy / ctx->pixel) == floor (ty / ctx->pixel)))
    return;

  slot.pair = (guint64) MIN (edge->source, edge->target) << 32 |
              MAX (edge->source, edge->target);
  slot.edge = index;
  slot.rank = 0;
  slot.n_rank = 1;
  slot.weight = 1;

  if (ctx->coverage != NULL)
    {
      double share = coverage_share (ctx->coverage, (sx - ctx->offset_x) / ctx->scale,
                                     (sy - ctx->offset_y) / ctx->scale,
                                     (tx - ctx->offset_x) / ctx->scale,
                                     (ty - ctx->offset_y) / ctx->scale,
                                     ctx->scale / ctx->pixel);

      if (share < 1 && edge_lot (index) >= share)
        return;
      slot.weight = (float) (1 / share);
    }
  slot.style = (guint32) edge->kind << 8 | edge->stance;
  g_array_append_val (slots, slot);
}

/* Merging edges */

/* Pixel coordinates that fit in sixteen bits each; others stay apart. */
#define MAX_MERGED_COORDINATE 30000

static inline gboolean
pixel_key_part (double  device,
                double  pixel,
                guint64 *part)
{
  double p = floor (device / pixel);

  if (!(fabs (p) < MAX_MERGED_COORDINATE))
    return FALSE;

  *part = (guint64) (guint16) (gint16) p;
  return TRUE;
}

/* The pixels of an edge's two ends; undirected edges the same both ways. */
static gboolean
edge_pixel_key (const RenderContext *ctx,
                const EdgeSlot      *slot,
                guint64             *key)
{
  const AmEdge *edge = am_graph_get_edge (ctx->graph, slot->edge);
  double x0, y0, x1, y1;
  guint64 sx, sy, tx, ty, a, b;

  if (!node_position (ctx, edge->source, &x0, &y0) ||
      !node_position (ctx, edge->target, &x1, &y1) ||
      !pixel_key_part (x0 * ctx->scale + ctx->offset_x, ctx->pixel, &sx) ||
      !pixel_key_part (y0 * ctx->scale + ctx->offset_y, ctx->pixel, &sy) ||
      !pixel_key_part (x1 * ctx->scale + ctx->offset_x, ctx->pixel, &tx) ||
      !pixel_key_part (y1 * ctx->scale + ctx->offset_y, ctx->pixel, &ty))
    return FALSE;

  a = sx << 16 | sy;
  b = tx << 16 | ty;
  if (!(edge->flags & AM_EDGE_DIRECTED) && a > b)
    {
      guint64 swap = a;

      a = b;
      b = swap;
    }

  *key = a << 32 | b;
  return TRUE;
}

/* A large map seen whole holds far more edges than pixels: many of the
 * same style run between the same two pixels, and look like one line.
 * Each such bundle becomes one slot whose weight says how many it holds,
 * drawn as opaque as they would be drawn over each other. @slots must be
 * sorted by style; they stay so. */
static void
merge_slots (const RenderContext *ctx,
             GArray              *slots)
{
  EdgeSlot *slot = (EdgeSlot *) (gpointer) slots->data;
  guint n = slots->len, kept = 0, capacity = 16, mask;
  g_autofree guint64 *keys = NULL;
  g_autofree guint32 *owners = NULL;

  while (capacity < 2 * n)
    capacity *= 2;
  mask = capacity - 1;
  keys = g_new (guint64, capacity);
  /* Owner 0 marks a free place; others are one more than the slot. */
  owners = g_new0 (guint32, capacity);

  for (guint i = 0; i < n; i++)
    {
      EdgeSlot current = slot[i];
      guint64 key;
      guint place;

      if (!edge_pixel_key (ctx, &current, &key))
        {
          slot[kept++] = current;
          continue;
        }

      place = (guint) (((key ^ (guint64) current.style * 0x9e3779b97f4a7c15u) *
                        0xff51afd7ed558ccdu) >> 32) & mask;
      while (owners[place] != 0 &&
             !(keys[place] == key && slot[owners[place] - 1].style == current.style))
        place = (place + 1) & mask;

      if (owners[place] != 0)
        {
          EdgeSlot *owner = &slot[owners[place] - 1];

          owner->weight += current.weight;
          continue;
        }

      keys[place] = key;
      owners[place] = kept + 1;
      slot[kept++] = current;
    }

  g_array_set_size (slots, kept);
}

/* The edges to draw, each with its place among its parallels. */
static GArray *
collect_edges (RenderContext *ctx)
{
  const AmGraph *graph = ctx->graph;
  guint n_edges = am_graph_get_n_edges (graph);
  /* Far out, parallels and loops would be drawn less than half a pixel
   * apart: they need no numbering, and go into merge_slots() as one. */
  gboolean far = ctx->far;
  Coverage coverage = { 0 };
  GArray *slots;

  /* Thinning needs no parallels told apart, but holds at any zoom: zoomed
   * in on a hairball, the lines still pile up. */
  if (ctx->lod && ctx->near_focus == NULL && coverage_init (ctx, &coverage))
    ctx->coverage = &coverage;

  /* Most edges may be left out: no room for all of them up front, whose
   * pages alone would take longer to come than drawing the rest. */
  if (ctx->visible_edges != NULL)
    {
      slots = g_array_sized_new (FALSE, FALSE, sizeof (EdgeSlot),
                                 ctx->coverage != NULL ? MIN (ctx->visible_edges->len, 1u << 16)
                                                       : ctx->visible_edges->len);
      for (guint i = 0; i < ctx->visible_edges->len; i++)
        add_edge_slot (ctx, g_array_index (ctx->visible_edges, guint32, i), ctx->cull,
                       ctx->view_x0, ctx->view_y0, ctx->view_x1, ctx->view_y1, slots);
    }
  else
    {
      slots = g_array_sized_new (FALSE, FALSE, sizeof (EdgeSlot),
                                 MIN (n_edges, ctx->coverage != NULL ? 1u << 16 : 1u << 20));
      for (guint i = 0; i < n_edges; i++)
        add_edge_slot (ctx, i, ctx->cull,
                       ctx->view_x0, ctx->view_y0, ctx->view_x1, ctx->view_y1, slots);
    }

  ctx->coverage = NULL;
  g_free (coverage.coverage);

  if (far)
    {
      sort_slots_by_style (slots);
      merge_slots (ctx, slots);
      return slots;
    }

  /* Parallels are numbered among the drawn edges of their pair, which
   * all have the same ends and so are culled or kept together. */
  rank_parallels (slots);

  /* Which edge is drawn over which matters little, and a painter that
   * draws edges of the same style together is much faster. An SVG keeps
   * the parallels of a pair next to each other instead. */
  if (!ctx->painter->wants_metadata)
    sort_slots_by_style (slots);

  return slots;
}

static void
draw_edges (RenderContext *ctx,
            GArray        *slots,
            gboolean       emphasised)
{
  for (guint i = 0; i < slots->len; i++)
    {
      const EdgeSlot *slot = &g_array_index (slots, EdgeSlot, i);
      const AmEdge *edge = am_graph_get_edge (ctx->graph, slot->edge);
      gboolean touches_focus = ctx->near_focus != NULL &&
                               (edge->source == ctx->focus || edge->target == ctx->focus);

      if (touches_focus == emphasised)
        draw_edge (ctx, slot, emphasised);
    }
}

/* Nodes */

typedef enum
{
  NODE_NORMAL,
  NODE_FADED,
  NODE_NEIGHBOUR,
  NODE_FOCUS,
  /* NODE_NORMAL whose shape draw_small_nodes() drew: its label alone */
  NODE_LABEL,
} NodeEmphasis;

static AmColour
node_fill (const RenderContext *ctx,
           guint                index)
{
  const AmNode *node = am_graph_get_node (ctx->graph, index);

  if (ctx->lens_stances != NULL && node->kind != AM_NODE_KIND_ISSUE)
    return lens_colour (ctx->style, ctx->lens_stances[index]);

  return am_style_get_node_fill (ctx->style, ctx->affiliations, ctx->graph, index);
}

static inline guint32
colour_key (const AmColour *colour)
{
  return (guint32) (CLAMP (colour->red, 0, 1) * 255 + 0.5) << 24 |
         (guint32) (CLAMP (colour->green, 0, 1) * 255 + 0.5) << 16 |
         (guint32) (CLAMP (colour->blue, 0, 1) * 255 + 0.5) << 8 |
         (guint32) (CLAMP (colour->alpha, 0, 1) * 255 + 0.5);
}

typedef struct
{
  AmColour fill;
  gboolean speck;
  GArray  *nodes;   /* guint32 */
} NodeBatch;

static void
node_batch_clear (gpointer data)
{
  NodeBatch *batch = data;

  g_array_unref (batch->nodes);
}

/* Far out, nodes are a few pixels across, and drawn one by one, each
 * with its own fill and outline, they take most of a frame. Drawn as one
 * path per colour they take a fraction: which small node lies over which
 * changes, which cannot be told at that size. Returns, per node, whether
 * its shape was drawn; its label is left to draw_node(). */
static guint8 *
draw_small_nodes (RenderContext *ctx)
{
  const AmRenderOptions *options = ctx->options;
  guint n_nodes = am_graph_get_n_nodes (ctx->graph);
  g_autoptr(GHashTable) by_colour = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) batches = g_array_new (FALSE, FALSE, sizeof (NodeBatch));
  double outline_width = MAX (AM_STYLE_OUTLINE_WIDTH * ctx->scale, 0.5 * ctx->pixel);
  guint8 *drawn = g_new0 (guint8, n_nodes);

  g_array_set_clear_func (batches, node_batch_clear);

  for (guint i = 0; i < n_nodes; i++)
    {
      NodeBox box;
      AmColour fill;
      gboolean speck;
      guint32 key;
      gpointer found;
      guint batch;
      double extent;

      if (!maybe_visible (ctx, i) || i == options->selected_node || i == options->hover_node ||
          !node_box (ctx, i, &box))
        continue;

      extent = MAX (box.width, box.height) / ctx->pixel;
      if (extent >= LOD_BATCHED_NODE ||
          !box_visible (ctx, box.x - box.width / 2, box.y - box.height / 2,
                        box.x + box.width / 2, box.y + box.height / 2))
        continue;

      fill = node_fill (ctx, i);
      speck = extent < 1.5;
      /* Bit 0 of the alpha tells specks apart: a rounding that no eye
       * sees, and no hash of 0 for the table. */
      key = (colour_key (&fill) & ~1u) | (speck ? 1 : 0);
      if (key == 0)
        key = 2;

      if (g_hash_table_lookup_extended (by_colour, GUINT_TO_POINTER (key), NULL, &found))
        {
          batch = GPOINTER_TO_UINT (found);
        }
      else
        {
          NodeBatch new_batch = { fill, speck, g_array_new (FALSE, FALSE, sizeof (guint32)) };

          batch = batches->len;
          g_array_append_val (batches, new_batch);
          g_hash_table_insert (by_colour, GUINT_TO_POINTER (key), GUINT_TO_POINTER (batch));
        }

      g_array_append_val (g_array_index (batches, NodeBatch, batch).nodes, i);
      drawn[i] = TRUE;
    }

  am_painter_set_dash (ctx->painter, NULL, 0);
  for (guint b = 0; b < batches->len; b++)
    {
      const NodeBatch *batch = &g_array_index (batches, NodeBatch, b);
      AmColour outline = am_style_get_outline (ctx->style, &batch->fill);
      double speck = 1.5 * ctx->pixel;

      am_painter_set_fill (ctx->painter, &batch->fill);
      am_painter_set_stroke (ctx->painter, &outline, outline_width);
      for (guint k = 0; k < batch->nodes->len; k++)
        {
          NodeBox box;

          node_box (ctx, g_array_index (batch->nodes, guint32, k), &box);
          if (batch->speck)
            am_painter_rect (ctx->painter, box.x - speck / 2, box.y - speck / 2, speck, speck, 0);
          else
            path_shape (ctx->painter, box.shape, box.x, box.y, box.width, box.height);
        }
      am_painter_paint (ctx->painter, batch->speck ? AM_PAINT_FILL
                                                   : AM_PAINT_FILL | AM_PAINT_STROKE);
    }

  return drawn;
}

static void
draw_node (RenderContext *ctx,
           guint          index,
           NodeEmphasis   emphasis)
{
  const AmNode *node = am_graph_get_node (ctx->graph, index);
  const AmStyle *style = ctx->style;
  AmPainter *painter = ctx->painter;
  AmColour fill, outline, text_colour;
  const char *label;
  double extent, label_half_width, label_bottom;
  /* Without a focus the nodes are many and alike: stamps pay. */
  AmPaintFlags hints = ctx->lod && (emphasis == NODE_NORMAL || emphasis == NODE_LABEL)
                       ? AM_PAINT_STAMP : 0;
  NodeBox box;

  if (!node_box (ctx, index, &box))
    return;

  extent = MAX (box.width, box.height) / ctx->pixel;
  if (extent >= MIN_LABELLED_NODE &&
      (painter->scalable ||
       AM_STYLE_LABEL_SIZE * ctx->scale / ctx->pixel >=
       (ctx->lod ? LOD_MIN_LABEL_SIZE : MIN_LABEL_SIZE)))
    label = display_label (node->label, ctx->scratch);
  else
    label = "";

  /* Culling: the label's width is only known after measuring, which is
   * what culling should spare; the measured box, or a generous guess,
   * stands in for it. */
  label_half_width = (node->width > 0 && !(node->flags & AM_NODE_HAS_SIZE)
                      ? node->width : AM_GEOMETRY_LONGEST_LABEL) * ctx->scale / 2;
  label_bottom = box.height / 2 + AM_GEOMETRY_LABEL_DEPTH * ctx->scale;
  if (!box_visible (ctx, box.x - MAX (box.width / 2, label_half_width), box.y - box.height / 2,
                    box.x + MAX (box.width / 2, label_half_width), box.y + label_bottom))
    return;

  fill = node_fill (ctx, index);
  outline = am_style_get_outline (style, &fill);
  text_colour = style->text;
  if (emphasis == NODE_FADED)
    {
      /* Mixed with the background rather than made translucent, so that
       * faded edges do not show through. */
      fill = am_colour_mix (&fill, &style->background, 0.8);
      outline = am_colour_mix (&outline, &style->background, 0.8);
      text_colour = am_colour_mix (&text_colour, &style->background, 0.7);
    }

  if (painter->wants_metadata)
    {
      char css_class[64];
      g_autofree char *id = NULL;

      g_snprintf (css_class, sizeof css_class, "node %s",
                  am_node_kind_to_string (node->kind < AM_N_NODE_KINDS ? node->kind : 0));
      id = node->id != NULL ? g_strconcat ("node-", node->id, NULL)
                            : g_strdup_printf ("node-%u", index);
      am_painter_begin_group (painter, css_class, id, am_description_node_name (node));
    }

  if (emphasis == NODE_LABEL)
    {
    }
  else if (extent < 1.5)
    {
      double speck = 1.5 * ctx->pixel;

      /* A speck: an outline would only blur it. */
      am_painter_set_fill (painter, &fill);
      am_painter_rect (painter, box.x - speck / 2, box.y - speck / 2, speck, speck, 0);
      am_painter_paint (painter, AM_PAINT_FILL | hints);
    }
  else
    {
      am_painter_set_dash (painter, NULL, 0);

      if (index == ctx->options->selected_node || index == ctx->options->hover_node)
        {
          AmColour ring = style->accent;
          double gap = MAX (3.0, 2.5 * ctx->scale);

          if (index != ctx->options->selected_node)
            ring.alpha = 0.55;
          am_painter_set_stroke (painter, &ring, 2.5);
          path_shape (painter, box.shape, box.x, box.y, box.width + 2 * gap, box.height + 2 * gap);
          am_painter_paint (painter, AM_PAINT_STROKE | hints);
        }

      am_painter_set_fill (painter, &fill);
      am_painter_set_stroke (painter, &outline,
                             MAX (AM_STYLE_OUTLINE_WIDTH * ctx->scale, 0.5 * ctx->pixel));
      path_shape (painter, box.shape, box.x, box.y, box.width, box.height);
      am_painter_paint (painter, AM_PAINT_FILL | AM_PAINT_STROKE | hints);
    }

  if (*label != '\0')
    {
      double size = AM_STYLE_LABEL_SIZE * ctx->scale;
      double baseline = box.y + box.height / 2 +
                        (AM_STYLE_LABEL_GAP + ctx->measurer->ascent * AM_STYLE_LABEL_SIZE) *
                        ctx->scale;
      AmColour halo = style->halo;

      if (emphasis == NODE_FADED)
        halo.alpha *= 0.6;

      am_painter_set_fill (painter, &text_colour);
      /* In a dense map the edges are faint enough to read through, and a
       * halo for each of thousands of labels is costly. */
      am_painter_text (painter, box.x, baseline, label, size,
                       emphasis == NODE_FOCUS ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                       AM_TEXT_ANCHOR_MIDDLE, ctx->dense && emphasis != NODE_FOCUS ? NULL : &halo,
                       AM_STYLE_HALO_WIDTH * ctx->scale);
    }

  if (painter->wants_metadata)
    am_painter_end_group (painter);
}

/* Legend */

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
        path_shape (painter, row->shape, cx, cy, w, h);
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
draw_legend (RenderContext *ctx)
{
  g_autoptr(Legend) legend = NULL;
  AmPainter *painter = ctx->painter;
  const AmStyle *style = ctx->style;
  double x0 = AM_RENDER_LEGEND_MARGIN, y0 = AM_RENDER_LEGEND_MARGIN;
  /* Text centred on a row: its baseline is this far (per unit of font
   * size) below the row's middle. */
  double centre_to_baseline = (ctx->measurer->ascent - ctx->measurer->descent) / 2;
  double column_x;
  guint column = G_MAXUINT;

  legend = legend_new (ctx->graph, ctx->options, ctx->affiliations, style, ctx->measurer);
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

/* Focus */

static guint8 *
mark_neighbourhood (const RenderContext *ctx,
                    guint32              focus)
{
  const AmGraph *graph = ctx->graph;
  const AmSpatialIndex *index = ctx->options->index;
  guint n_nodes = am_graph_get_n_nodes (graph);
  guint8 *near_focus = g_new0 (guint8, n_nodes);
  const guint32 *edges = NULL;
  guint n_edges;

  if (index != NULL && am_spatial_index_matches (index, graph))
    edges = am_spatial_index_get_node_edges (index, focus, &n_edges);
  else
    n_edges = am_graph_get_n_edges (graph);

  near_focus[focus] = TRUE;
  for (guint i = 0; i < n_edges; i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, edges != NULL ? edges[i] : i);

      if (edge->source >= n_nodes || edge->target >= n_nodes || edge_hidden (ctx, edge))
        continue;
      if (edge->source == focus)
        near_focus[edge->target] = TRUE;
      else if (edge->target == focus)
        near_focus[edge->source] = TRUE;
    }

  return near_focus;
}

static gboolean
can_be_focus (const AmGraph         *graph,
              const AmRenderOptions *options,
              guint32                node)
{
  return node < am_graph_get_n_nodes (graph) &&
         node_has_position (am_graph_get_node (graph, node)) &&
         !node_hidden (options, am_graph_get_node (graph, node));
}

static guint32
find_focus (const AmGraph         *graph,
            const AmRenderOptions *options)
{
  if (can_be_focus (graph, options, options->hover_node))
    return options->hover_node;
  if (can_be_focus (graph, options, options->selected_node))
    return options->selected_node;

  return AM_NO_INDEX;
}

/* The world rectangle seen through the device rectangle, widened by
 * @margin world units and @device_margin device units. */
static void
world_rect (const RenderContext *ctx,
            double               x0,
            double               y0,
            double               x1,
            double               y1,
            double               margin,
            double               device_margin,
            double               world[4])
{
  margin += device_margin / ctx->scale;
  world[0] = (x0 - ctx->offset_x) / ctx->scale - margin;
  world[1] = (y0 - ctx->offset_y) / ctx->scale - margin;
  world[2] = (x1 - ctx->offset_x) / ctx->scale + margin;
  world[3] = (y1 - ctx->offset_y) / ctx->scale + margin;
}

static gboolean
use_index (const RenderContext *ctx)
{
  return ctx->options->index != NULL &&
         am_spatial_index_matches (ctx->options->index, ctx->graph);
}

/* With a spatial index and part of the map in view, finds what may be
 * visible, so that the rest is not even looked at. */
static void
cull_with_index (RenderContext *ctx)
{
  const AmSpatialIndex *index = ctx->options->index;
  g_autoptr(GArray) nodes = NULL;
  double view[4], bounds[4];

  if (!ctx->cull || !use_index (ctx))
    return;

  /* The margins match those of edge and node culling. */
  world_rect (ctx, ctx->view_x0, ctx->view_y0, ctx->view_x1, ctx->view_y1,
              AM_GEOMETRY_EDGE_REACH, AM_GEOMETRY_EDGE_REACH_DEVICE, view);
  if (!am_spatial_index_get_bounds (index, &bounds[0], &bounds[1], &bounds[2], &bounds[3]) ||
      (view[0] <= bounds[0] && view[1] <= bounds[1] &&
       view[2] >= bounds[2] && view[3] >= bounds[3]))
    return;

  ctx->visible_edges = g_array_new (FALSE, FALSE, sizeof (guint32));
  am_spatial_index_query_edges (index, view[0], view[1], view[2], view[3], ctx->visible_edges);

  world_rect (ctx, ctx->view_x0, ctx->view_y0, ctx->view_x1, ctx->view_y1, 0, 8, view);
  nodes = g_array_new (FALSE, FALSE, sizeof (guint32));
  am_spatial_index_query_nodes (index, view[0], view[1], view[2], view[3], nodes);
  ctx->visible_nodes = g_new0 (guint8, am_graph_get_n_nodes (ctx->graph));
  for (guint i = 0; i < nodes->len; i++)
    ctx->visible_nodes[g_array_index (nodes, guint32, i)] = TRUE;
}

void
am_render_to_painter (const AmGraph         *graph,
                      const AmRenderOptions *options,
                      AmPainter             *painter)
{
  RenderContext ctx = { 0 };
  g_autoptr(GArray) slots = NULL;
  g_autoptr(GString) scratch = g_string_new (NULL);
  guint n_nodes;

  g_return_if_fail (graph != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (painter != NULL);

  ctx.graph = graph;
  ctx.options = options;
  ctx.painter = painter;
  ctx.style = am_style_get (options->dark);
  ctx.measurer = get_measurer ();
  ctx.scratch = scratch;
  ctx.scale = options->transform.scale;
  ctx.offset_x = options->transform.offset_x;
  ctx.offset_y = options->transform.offset_y;
  ctx.dense = am_graph_get_n_edges (graph) > DENSE_EDGES;
  ctx.focus = AM_NO_INDEX;
  ctx.pixel = 1.0;
  if (painter->resolution > 0 && isfinite (painter->resolution))
    ctx.pixel = 1.0 / painter->resolution;
  ctx.lod = options->level_of_detail && !painter->scalable;
  ctx.far = ctx.lod && LOOP_STEP * ctx.scale < 0.5 * ctx.pixel;
  n_nodes = am_graph_get_n_nodes (graph);

  if (!isfinite (ctx.scale) || ctx.scale <= 0 ||
      !isfinite (ctx.offset_x) || !isfinite (ctx.offset_y))
    return;

  if (isfinite (options->width) && isfinite (options->height) &&
      options->width > 0 && options->height > 0)
    {
      ctx.cull = TRUE;
      ctx.view_x0 = 0;
      ctx.view_y0 = 0;
      ctx.view_x1 = options->width;
      ctx.view_y1 = options->height;
    }
  else
    {
      /* Unknown size: all is visible, but far coordinates are still cut
       * to something Cairo can hold. */
      ctx.view_x0 = ctx.view_y0 = -SAFE_COORDINATE / 2;
      ctx.view_x1 = ctx.view_y1 = SAFE_COORDINATE / 2;
    }

  ctx.affiliations = am_affiliations_new (graph);
  ctx.lens_stances = collect_lens_stances (graph, options);
  ctx.positions = pack_positions (graph);
  cull_with_index (&ctx);

  ctx.focus = find_focus (graph, options);
  if (ctx.focus != AM_NO_INDEX)
    ctx.near_focus = mark_neighbourhood (&ctx, ctx.focus);
  /* The edges of a focus are counted and told apart one by one. */
  if (ctx.near_focus != NULL)
    ctx.far = FALSE;

  slots = collect_edges (&ctx);
  if (painter->wants_metadata)
    am_painter_begin_group (painter, "edges", NULL, NULL);
  draw_edges (&ctx, slots, FALSE);
  if (painter->wants_metadata)
    am_painter_end_group (painter);

  if (ctx.near_focus != NULL)
    {
      /* The neighbourhood goes over the faded rest: its edges over faded
       * nodes, its nodes over everything. */
      if (painter->wants_metadata)
        am_painter_begin_group (painter, "nodes", NULL, NULL);
      for (guint i = 0; i < n_nodes; i++)
        if (!ctx.near_focus[i] && maybe_visible (&ctx, i))
          draw_node (&ctx, i, NODE_FADED);
      if (painter->wants_metadata)
        {
          am_painter_end_group (painter);
          am_painter_begin_group (painter, "edges focus", NULL, NULL);
        }
      draw_edges (&ctx, slots, TRUE);
      if (painter->wants_metadata)
        {
          am_painter_end_group (painter);
          am_painter_begin_group (painter, "nodes focus", NULL, NULL);
        }
      for (guint i = 0; i < n_nodes; i++)
        if (ctx.near_focus[i] && i != ctx.focus && maybe_visible (&ctx, i))
          draw_node (&ctx, i, NODE_NEIGHBOUR);
      draw_node (&ctx, ctx.focus, NODE_FOCUS);
      if (painter->wants_metadata)
        am_painter_end_group (painter);
    }
  else
    {
      if (painter->wants_metadata)
        am_painter_begin_group (painter, "nodes", NULL, NULL);
      g_autofree guint8 *drawn = ctx.lod ? draw_small_nodes (&ctx) : NULL;

      for (guint i = 0; i < n_nodes; i++)
        if (maybe_visible (&ctx, i))
          draw_node (&ctx, i, drawn != NULL && drawn[i] ? NODE_LABEL : NODE_NORMAL);
      if (painter->wants_metadata)
        am_painter_end_group (painter);
    }

  if (options->draw_legend)
    draw_legend (&ctx);

  g_free (ctx.near_focus);
  g_free (ctx.lens_stances);
  g_free (ctx.visible_nodes);
  g_free (ctx.positions);
  g_clear_pointer (&ctx.visible_edges, g_array_unref);
  am_affiliations_free (ctx.affiliations);
}

/* Overview labels
 *
 * As a map of a country names a few cities when the streets are too
 * small to read: the best-connected nodes are named first, each where
 * its label covers no other, on a grid of cells marked as labels take
 * them.
 */

#define OVERVIEW_LABEL_SIZE   10.0    /* device units */
#define OVERVIEW_CELL         4.0     /* device units per cell of the grid */
#define OVERVIEW_PADDING      6.0     /* kept free around each label */
#define OVERVIEW_PLATE_MARGIN 3.0     /* of the plate under it, each side */
#define OVERVIEW_MAX_LABELS   150
/* Crowded views stop looking after this many nodes that found no room. */
#define OVERVIEW_MAX_MISSES   30000

typedef struct
{
  guint8 *cells;
  int     columns;
  int     rows;
} OverviewGrid;

static gboolean
overview_grid_used (const OverviewGrid *grid,
                    double              x,
                    double              y)
{
  int c = (int) floor (x / OVERVIEW_CELL), r = (int) floor (y / OVERVIEW_CELL);

  return c >= 0 && r >= 0 && c < grid->columns && r < grid->rows &&
         grid->cells[(gsize) r * grid->columns + c];
}

/* Marks the cells of the box when all are free; FALSE otherwise. */
static gboolean
overview_grid_take (OverviewGrid *grid,
                    double        x0,
                    double        y0,
                    double        x1,
                    double        y1)
{
  int c0 = (int) floor (x0 / OVERVIEW_CELL), c1 = (int) floor (x1 / OVERVIEW_CELL);
  int r0 = (int) floor (y0 / OVERVIEW_CELL), r1 = (int) floor (y1 / OVERVIEW_CELL);

  /* Labels stay whole within the view. */
  if (c0 < 0 || r0 < 0 || c1 >= grid->columns || r1 >= grid->rows)
    return FALSE;

  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      if (grid->cells[(gsize) r * grid->columns + c])
        return FALSE;

  for (int r = r0; r <= r1; r++)
    memset (grid->cells + (gsize) r * grid->columns + c0, 1, c1 - c0 + 1);
  return TRUE;
}

void
am_render_overview_labels (const AmGraph         *graph,
                           const AmRenderOptions *options,
                           double                 legend_width,
                           double                 legend_height,
                           AmPainter             *painter)
{
  RenderContext ctx = { 0 };
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autofree guint32 *own_order = NULL;
  g_autofree guint8 *cells = NULL;
  const guint32 *order;
  OverviewGrid grid;
  double pixel = 1.0, size, line_height, gap;
  guint n_nodes, n_placed = 0, n_misses = 0;
  const AmStyle *style;
  AmColour plate;

  g_return_if_fail (graph != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (painter != NULL);

  if (painter->resolution > 0 && isfinite (painter->resolution))
    pixel = 1.0 / painter->resolution;

  if (!options->level_of_detail || painter->scalable ||
      !isfinite (options->transform.scale) || options->transform.scale <= 0 ||
      !isfinite (options->transform.offset_x) || !isfinite (options->transform.offset_y) ||
      !isfinite (options->width) || !isfinite (options->height) ||
      options->width < 1 || options->height < 1 || options->width > 1e5 || options->height > 1e5 ||
      AM_STYLE_LABEL_SIZE * options->transform.scale / pixel >= LOD_MIN_LABEL_SIZE)
    return;

  ctx.graph = graph;
  ctx.options = options;
  ctx.scale = options->transform.scale;
  ctx.offset_x = options->transform.offset_x;
  ctx.offset_y = options->transform.offset_y;
  ctx.measurer = get_measurer ();
  style = am_style_get (options->dark);
  n_nodes = am_graph_get_n_nodes (graph);

  order = options->nodes_by_degree;
  if (order == NULL)
    order = own_order = am_graph_sort_by_degree (graph);

  grid.columns = (int) ceil (options->width / OVERVIEW_CELL);
  grid.rows = (int) ceil (options->height / OVERVIEW_CELL);
  cells = g_new0 (guint8, (gsize) grid.columns * grid.rows);
  grid.cells = cells;
  if (legend_width > 0 && legend_height > 0)
    {
      int columns = MIN (grid.columns, (int) ceil ((AM_RENDER_LEGEND_MARGIN + legend_width +
                                                    OVERVIEW_PADDING) / OVERVIEW_CELL));
      int rows = MIN (grid.rows, (int) ceil ((AM_RENDER_LEGEND_MARGIN + legend_height +
                                              OVERVIEW_PADDING) / OVERVIEW_CELL));

      for (int r = 0; r < rows; r++)
        memset (cells + (gsize) r * grid.columns, 1, columns);
    }

  size = OVERVIEW_LABEL_SIZE;
  line_height = (ctx.measurer->ascent + ctx.measurer->descent) * size;
  gap = AM_STYLE_LABEL_GAP * size / AM_STYLE_LABEL_SIZE;
  plate = style->background;
  plate.alpha = 0.8;

  /* The node the user picked first, then by degree. */
  for (guint k = 0; k <= n_nodes; k++)
    {
      guint32 index = k == 0 ? options->selected_node : order[k - 1];
      const AmNode *node;
      const char *label;
      double half_width, half_height, top;
      int weight;
      NodeBox box;

      if (n_placed >= OVERVIEW_MAX_LABELS || n_misses >= OVERVIEW_MAX_MISSES)
        break;
      if (index >= n_nodes || (k > 0 && index == options->selected_node))
        continue;

      node = am_graph_get_node (graph, index);
      if (node->label == NULL || *node->label == '\0' || !node_box (&ctx, index, &box) ||
          box.x < 0 || box.y < 0 || box.x > options->width || box.y > options->height)
        continue;

      /* Most are turned away here, before their label is measured. */
      if (overview_grid_used (&grid, box.x, box.y))
        {
          n_misses++;
          continue;
        }
      label = display_label (node->label, scratch);
      weight = index == options->selected_node ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
      half_width = measure_text (ctx.measurer, label, size, weight) / 2;
      half_height = MAX (box.height / 2, pixel);
      top = box.y + half_height + gap;

      /* The node itself is kept free too, so no label hides another's node. */
      if (!overview_grid_take (&grid,
                               box.x - half_width - OVERVIEW_PADDING,
                               box.y - half_height - OVERVIEW_PADDING,
                               box.x + half_width + OVERVIEW_PADDING,
                               top + line_height + OVERVIEW_PADDING))
        {
          n_misses++;
          continue;
        }

      /* On a plate rather than in a halo: a halo is a dozen copies of
       * the text, and these labels sit on a crowd of lines. */
      am_painter_set_fill (painter, &plate);
      am_painter_rect (painter, box.x - half_width - OVERVIEW_PLATE_MARGIN, top - 1,
                       2 * (half_width + OVERVIEW_PLATE_MARGIN), line_height + 2,
                       (line_height + 2) / 2);
      am_painter_paint (painter, AM_PAINT_FILL);
      am_painter_set_fill (painter, &style->text);
      am_painter_text (painter, box.x, top + ctx.measurer->ascent * size, label, size, weight,
                       AM_TEXT_ANCHOR_MIDDLE, NULL, 0);
      n_placed++;
    }
}

void
am_render_to_cairo (const AmGraph         *graph,
                    const AmRenderOptions *options,
                    cairo_t               *cr)
{
  g_autoptr(AmPainter) painter = NULL;

  g_return_if_fail (graph != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (cr != NULL);

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    return;

  painter = am_cairo_painter_new (cr);
  am_render_to_painter (graph, options, painter);
}

void
am_render_legend_to_cairo (const AmGraph         *graph,
                           const AmRenderOptions *options,
                           cairo_t               *cr)
{
  g_autoptr(AmPainter) painter = NULL;
  RenderContext ctx = { 0 };

  g_return_if_fail (graph != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (cr != NULL);

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    return;

  painter = am_cairo_painter_new (cr);
  ctx.graph = graph;
  ctx.options = options;
  ctx.painter = painter;
  ctx.style = am_style_get (options->dark);
  ctx.measurer = get_measurer ();
  ctx.affiliations = am_affiliations_new (graph);
  draw_legend (&ctx);
  am_affiliations_free (ctx.affiliations);
}

/* Picking */

/* How far from a line, beyond its half width, a point still picks it. */
#define PICK_TOLERANCE 4.0

static void
pick_context_init (RenderContext         *ctx,
                   const AmGraph         *graph,
                   const AmRenderOptions *options)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->graph = graph;
  ctx->options = options;
  ctx->style = am_style_get (options->dark);
  ctx->scale = options->transform.scale;
  ctx->offset_x = options->transform.offset_x;
  ctx->offset_y = options->transform.offset_y;
  ctx->pixel = 1.0;
  ctx->measurer = get_measurer ();
  ctx->dense = am_graph_get_n_edges (graph) > DENSE_EDGES;
  ctx->focus = AM_NO_INDEX;
  ctx->view_x0 = ctx->view_y0 = -SAFE_COORDINATE / 2;
  ctx->view_x1 = ctx->view_y1 = SAFE_COORDINATE / 2;
}

static gboolean
pick_context_usable (const RenderContext *ctx,
                     double               x,
                     double               y)
{
  return isfinite (x) && isfinite (y) && isfinite (ctx->scale) && ctx->scale > 0 &&
         isfinite (ctx->offset_x) && isfinite (ctx->offset_y);
}

/* TRUE when (@x, @y) is on the shape or the label of node @i. */
static gboolean
node_hit (RenderContext *ctx,
          guint          i,
          double         x,
          double         y,
          GString       *scratch)
{
  const AmNode *node = am_graph_get_node (ctx->graph, i);
  const double slack = 2;
  const char *label;
  double top, bottom, half;
  NodeBox box;

  if (!node_box (ctx, i, &box))
    return FALSE;

  if (fabs (x - box.x) <= box.width / 2 + slack && fabs (y - box.y) <= box.height / 2 + slack)
    {
      double r = am_style_shape_boundary (box.shape, box.width, box.height,
                                          x - box.x, y - box.y);

      if (hypot (x - box.x, y - box.y) <= r + slack)
        return TRUE;
    }

  if (MAX (box.width, box.height) < MIN_LABELLED_NODE ||
      y < box.y + box.height / 2 || fabs (x - box.x) > 200 * ctx->scale)
    return FALSE;

  label = display_label (node->label, scratch);
  top = box.y + box.height / 2 + AM_STYLE_LABEL_GAP * ctx->scale;
  bottom = top + label_line_height (ctx->measurer) * ctx->scale;
  if (*label == '\0' || y > bottom)
    return FALSE;

  half = measure_text (ctx->measurer, label, AM_STYLE_LABEL_SIZE, PANGO_WEIGHT_NORMAL) *
         ctx->scale / 2;
  return fabs (x - box.x) <= half;
}

static int
compare_indices_descending (gconstpointer a,
                            gconstpointer b)
{
  guint32 ia = *(const guint32 *) a, ib = *(const guint32 *) b;

  return ia < ib ? 1 : ia > ib ? -1 : 0;
}

guint32
am_render_pick_node (const AmGraph         *graph,
                     const AmRenderOptions *options,
                     double                 x,
                     double                 y)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  RenderContext ctx;
  guint n_nodes;

  g_return_val_if_fail (graph != NULL, AM_NO_INDEX);
  g_return_val_if_fail (options != NULL, AM_NO_INDEX);

  pick_context_init (&ctx, graph, options);
  n_nodes = am_graph_get_n_nodes (graph);

  if (!pick_context_usable (&ctx, x, y))
    return AM_NO_INDEX;

  /* The focus node is drawn last, so it is on top. */
  if (options->hover_node < n_nodes)
    {
      NodeBox box;

      if (node_box (&ctx, options->hover_node, &box) &&
          fabs (x - box.x) <= box.width / 2 + 2 && fabs (y - box.y) <= box.height / 2 + 2)
        return options->hover_node;
    }

  if (use_index (&ctx))
    {
      g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint32));
      double world[4];

      world_rect (&ctx, x, y, x, y, 0, 4, world);
      am_spatial_index_query_nodes (options->index, world[0], world[1], world[2], world[3],
                                    candidates);
      /* Later nodes are drawn over earlier ones. */
      g_array_sort (candidates, compare_indices_descending);
      for (guint i = 0; i < candidates->len; i++)
        {
          guint32 node = g_array_index (candidates, guint32, i);

          if (node_hit (&ctx, node, x, y, scratch))
            return node;
        }

      return AM_NO_INDEX;
    }

  for (guint i = n_nodes; i-- > 0;)
    if (node_hit (&ctx, i, x, y, scratch))
      return i;

  return AM_NO_INDEX;
}

static double
squared_distance_to_segment (double px,
                             double py,
                             double x0,
                             double y0,
                             double x1,
                             double y1)
{
  double dx = x1 - x0, dy = y1 - y0;
  double length2 = dx * dx + dy * dy;
  double t = 0, ex, ey;

  if (length2 > 0)
    t = CLAMP (((px - x0) * dx + (py - y0) * dy) / length2, 0, 1);

  ex = px - (x0 + t * dx);
  ey = py - (y0 + t * dy);
  return ex * ex + ey * ey;
}

static double
distance_to_segment (double px,
                     double py,
                     double x0,
                     double y0,
                     double x1,
                     double y1)
{
  return sqrt (squared_distance_to_segment (px, py, x0, y0, x1, y1));
}

static double
distance_to_edge_line (const EdgeLine *line,
                       double          x,
                       double          y)
{
  double distance;

  if (!line->curved)
    {
      distance = distance_to_segment (x, y, line->x0, line->y0, line->x1, line->y1);
    }
  else
    {
      /* Short curves: sixteen chords follow them to well under a pixel. */
      const guint n = 16;
      double px = line->x0, py = line->y0;

      distance = G_MAXDOUBLE;
      for (guint i = 1; i <= n; i++)
        {
          double t = (double) i / n, u = 1 - t;
          double qx = u * u * u * line->x0 + 3 * u * u * t * line->c1x +
                      3 * u * t * t * line->c2x + t * t * t * line->x1;
          double qy = u * u * u * line->y0 + 3 * u * u * t * line->c1y +
                      3 * u * t * t * line->c2y + t * t * t * line->y1;

          distance = MIN (distance, distance_to_segment (x, y, px, py, qx, qy));
          px = qx;
          py = qy;
        }
    }

  if (line->arrow)
    distance = MIN (distance, distance_to_segment (x, y, line->x1, line->y1,
                                                   line->tip_x, line->tip_y));

  return distance;
}

/* A quick test that edge @index may pass within @reach of (@x, @y):
 * its curve, or loop, stays within as much of the line between its
 * nodes as culling allows for. It depends only on the two nodes, so
 * parallels pass or fail together. */
static gboolean
edge_may_pass (const RenderContext *ctx,
               guint                index,
               double               x,
               double               y,
               double               reach)
{
  const AmGraph *graph = ctx->graph;
  guint n_nodes = am_graph_get_n_nodes (graph);
  const AmEdge *edge = am_graph_get_edge (graph, index);
  const AmNode *source, *target;
  double sx, sy, tx, ty;

  if (edge->source >= n_nodes || edge->target >= n_nodes)
    return FALSE;

  source = am_graph_get_node (graph, edge->source);
  target = am_graph_get_node (graph, edge->target);
  sx = source->x * ctx->scale + ctx->offset_x;
  sy = source->y * ctx->scale + ctx->offset_y;
  tx = target->x * ctx->scale + ctx->offset_x;
  ty = target->y * ctx->scale + ctx->offset_y;

  reach += am_geometry_edge_reach (ctx->scale);
  return squared_distance_to_segment (x, y, sx, sy, tx, ty) <= reach * reach;
}

guint32
am_render_pick_edge (const AmGraph         *graph,
                     const AmRenderOptions *options,
                     double                 x,
                     double                 y)
{
  g_autoptr(GArray) slots = NULL;
  RenderContext ctx;
  guint32 best = AM_NO_INDEX;
  double best_distance = G_MAXDOUBLE;
  /* A curve bows out from the line between its nodes, a loop rises
   * above its node: as much room as edge culling leaves them. */
  double reach;

  g_return_val_if_fail (graph != NULL, AM_NO_INDEX);
  g_return_val_if_fail (options != NULL, AM_NO_INDEX);

  pick_context_init (&ctx, graph, options);
  if (!pick_context_usable (&ctx, x, y))
    return AM_NO_INDEX;

  reach = PICK_TOLERANCE + 4;
  slots = g_array_new (FALSE, FALSE, sizeof (EdgeSlot));

  if (use_index (&ctx))
    {
      g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint32));
      double world[4];

      world_rect (&ctx, x, y, x, y, AM_GEOMETRY_EDGE_REACH, AM_GEOMETRY_EDGE_REACH_DEVICE + reach,
                  world);
      am_spatial_index_query_edges (options->index, world[0], world[1], world[2], world[3],
                                    candidates);
      for (guint i = 0; i < candidates->len; i++)
        {
          guint32 edge = g_array_index (candidates, guint32, i);

          if (edge_may_pass (&ctx, edge, x, y, reach))
            add_edge_slot (&ctx, edge, FALSE, 0, 0, 0, 0, slots);
        }
    }
  else
    {
      for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
        if (edge_may_pass (&ctx, i, x, y, reach))
          add_edge_slot (&ctx, i, FALSE, 0, 0, 0, 0, slots);
    }

  /* All the parallels of a pair pass the box test together, so they are
   * numbered as they are drawn. */
  rank_parallels (slots);

  for (guint i = 0; i < slots->len; i++)
    {
      const EdgeSlot *slot = &g_array_index (slots, EdgeSlot, i);
      const AmEdge *edge = am_graph_get_edge (graph, slot->edge);
      NodeBox from, to;
      EdgePaint paint;
      EdgeLine line;
      double distance;

      if (!node_box (&ctx, edge->source, &from) || !node_box (&ctx, edge->target, &to))
        continue;

      edge_paint (&ctx, edge, FALSE, &paint);
      if (!edge_line (&ctx, slot, &from, &to, &paint, &line))
        continue;

      distance = distance_to_edge_line (&line, x, y);
      if (distance <= paint.width / 2 + PICK_TOLERANCE && distance < best_distance)
        {
          best = slot->edge;
          best_distance = distance;
        }
    }

  return best;
}

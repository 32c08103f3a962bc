/* am-render-overview.c: names for the best-connected nodes when the map
 * is too small to read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "am-render-private.h"

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

  if (options->label_pixel_size > 0)
    {
      if (am_render_context_init (&ctx, graph, options, painter, scratch))
        {
          if (ctx.screen_labels)
            am_render_draw_screen_labels (&ctx, legend_width, legend_height);
          am_render_context_clear (&ctx);
        }
      return;
    }

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
  ctx.measurer = am_render_get_measurer ();
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
      if (node->label == NULL || *node->label == '\0' || !am_render_node_box (&ctx, index, &box) ||
          box.x < 0 || box.y < 0 || box.x > options->width || box.y > options->height)
        continue;

      /* Most are turned away here, before their label is measured. */
      if (overview_grid_used (&grid, box.x, box.y))
        {
          n_misses++;
          continue;
        }
      label = am_render_display_label (node->label, scratch);
      weight = index == options->selected_node ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
      half_width = am_render_measure_text (ctx.measurer, label, size, weight) / 2;
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

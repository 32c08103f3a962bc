/* am-render-labels.c: labels at a size that can be read on screen, the
 * less important giving way where they would collide
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "am-render-private.h"

/* Screen labels
 *
 * Scaled with the map, labels of a map seen whole are a few pixels high
 * and cannot be read. On screen they keep a size of their own, and so
 * may cover each other: they are placed one by one, the most important
 * first, each in the first of a few places around its node where it
 * covers no label placed before and no other node. What finds no place
 * is left out until the user zooms in. A grid of small cells records
 * who holds each place; boxes take every cell they touch, so that two
 * labels that take no common cell cannot overlap.
 */

#define LABEL_CELL        2.0     /* device units per cell of the grid */
#define LABEL_GROWTH      1.5     /* at most, zoomed in, times the size */
#define LABEL_MAX         600     /* labels placed in one frame */
#define LABEL_MAX_MISSES  30000   /* nodes that found no place */
/* Above this many nodes in view, nodes' shapes are not kept free of
 * labels: the crowd would leave no room for any. */
#define LABEL_SHAPES_KEPT 4000
#define LABEL_TAKEN       0x80000000u
/* Places tried around a node for its label. */
#define N_SPOTS           8
/* Up to this many nodes, importance is counted for each frame. */
#define LABEL_COUNTED_NODES 5000
/* Room on the plate around the text, times the size: lines that run up
 * to the letters make them hard to read. */
#define LABEL_PLATE_PAD   0.25
#define LABEL_PLATE_SIDE  0.45

typedef struct
{
  guint32 *cells;   /* 0 free, else node + 1, with LABEL_TAKEN for a label */
  int      columns;
  int      rows;
} Grid;

typedef struct
{
  AmLabelBox   box;
  double       text_x;
  double       baseline;
  AmTextAnchor anchor;
  int          weight;
} Placement;

static void
grid_span (const Grid *grid,
           double      x0,
           double      y0,
           double      x1,
           double      y1,
           int         span[4])
{
  span[0] = (int) CLAMP (floor (x0 / LABEL_CELL), 0, grid->columns - 1);
  span[1] = (int) CLAMP (floor (y0 / LABEL_CELL), 0, grid->rows - 1);
  span[2] = (int) CLAMP (floor (x1 / LABEL_CELL), 0, grid->columns - 1);
  span[3] = (int) CLAMP (floor (y1 / LABEL_CELL), 0, grid->rows - 1);
}

static void
grid_mark (Grid    *grid,
           double   x0,
           double   y0,
           double   x1,
           double   y1,
           guint32  value)
{
  int span[4];

  grid_span (grid, x0, y0, x1, y1, span);
  for (int r = span[1]; r <= span[3]; r++)
    for (int c = span[0]; c <= span[2]; c++)
      {
        guint32 *cell = &grid->cells[(gsize) r * grid->columns + c];

        /* A shape keeps what is there; a label overrides its own shape. */
        if (*cell == 0 || (value & LABEL_TAKEN))
          *cell = value;
      }
}

/* Whether the box is free for @node's label: its own shape may be under
 * it, nothing else; with @over_shapes, no label. */
static gboolean
grid_free (const Grid *grid,
           double      x0,
           double      y0,
           double      x1,
           double      y1,
           guint32     node,
           gboolean    over_shapes)
{
  int span[4];

  grid_span (grid, x0, y0, x1, y1, span);
  for (int r = span[1]; r <= span[3]; r++)
    for (int c = span[0]; c <= span[2]; c++)
      {
        guint32 cell = grid->cells[(gsize) r * grid->columns + c];

        if (cell != 0 && cell != node + 1 && (!over_shapes || (cell & LABEL_TAKEN)))
          return FALSE;
      }

  return TRUE;
}

static gboolean
grid_label_at (const Grid *grid,
               double      x,
               double      y)
{
  int c = (int) floor (x / LABEL_CELL), r = (int) floor (y / LABEL_CELL);

  return c >= 0 && r >= 0 && c < grid->columns && r < grid->rows &&
         (grid->cells[(gsize) r * grid->columns + c] & LABEL_TAKEN);
}

static double
screen_label_size (const RenderContext *ctx)
{
  double size = ctx->options->label_pixel_size;
  double natural = AM_STYLE_LABEL_SIZE * ctx->scale;

  return CLAMP (natural, size, LABEL_GROWTH * size);
}

static int
compare_by_weight (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const guint32 *weight = user_data;
  guint32 ia = *(const guint32 *) a, ib = *(const guint32 *) b;

  if (weight[ia] != weight[ib])
    return weight[ia] > weight[ib] ? -1 : 1;
  return (ia > ib) - (ia < ib);
}

/* The nodes by their links, and the statements they made, most first. */
static guint32 *
sort_by_importance (const AmGraph *graph)
{
  guint n_nodes = am_graph_get_n_nodes (graph);
  g_autofree guint32 *weight = g_new0 (guint32, MAX (n_nodes, 1));
  guint32 *order = g_new (guint32, MAX (n_nodes, 1));

  for (guint e = 0; e < am_graph_get_n_edges (graph); e++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, e);

      if (edge->source >= n_nodes || edge->target >= n_nodes || edge->source == edge->target)
        continue;
      weight[edge->source]++;
      weight[edge->target]++;
      if (edge->kind == AM_EDGE_KIND_STATEMENT)
        weight[edge->source]++;
    }

  for (guint32 i = 0; i < n_nodes; i++)
    order[i] = i;
  g_qsort_with_data (order, n_nodes, sizeof (guint32), compare_by_weight, weight);

  return order;
}

/* The nodes in the order their labels are placed: selected, hovered,
 * their neighbours (@n_first in all), then the rest by importance. */
static guint32 *
label_order (const RenderContext *ctx,
             guint               *n_order,
             guint               *n_first)
{
  const AmRenderOptions *options = ctx->options;
  guint n_nodes = am_graph_get_n_nodes (ctx->graph);
  g_autofree guint32 *own_order = NULL;
  g_autofree guint8 *taken = g_new0 (guint8, MAX (n_nodes, 1));
  const guint32 *by_degree = options->nodes_by_degree;
  guint32 *order = g_new (guint32, MAX (n_nodes, 1));
  guint n = 0;
  guint32 first[2] = { options->selected_node, options->hover_node };

  /* On maps small enough to count again each frame, what a node said
   * counts as well as its links: actors before the events they met at. */
  if (n_nodes <= LABEL_COUNTED_NODES)
    by_degree = own_order = sort_by_importance (ctx->graph);
  else if (by_degree == NULL)
    by_degree = own_order = am_graph_sort_by_degree (ctx->graph);

  for (guint k = 0; k < G_N_ELEMENTS (first); k++)
    if (first[k] < n_nodes && !taken[first[k]])
      {
        taken[first[k]] = TRUE;
        order[n++] = first[k];
      }

  for (guint pass = 0; pass < 2; pass++)
    {
      /* The nodes before the rest: after them come edge captions. */
      if (pass == 1)
        *n_first = n;
      for (guint k = 0; k < n_nodes; k++)
        {
          guint32 i = by_degree[k];

          if (i >= n_nodes || taken[i] ||
              (pass == 0 && (ctx->near_focus == NULL || !ctx->near_focus[i])))
            continue;
          taken[i] = TRUE;
          order[n++] = i;
        }
    }

  *n_order = n;
  return order;
}

/* The captions of the selected node's edges, where they fit: at the
 * middle of the edge, when the edge is long enough to carry it and
 * nothing else is there. */
static void
place_captions (RenderContext *ctx,
                Grid          *grid,
                GArray        *placed,
                double         size,
                double         line_height,
                double         ascent,
                double         side)
{
  const AmRenderOptions *options = ctx->options;
  guint32 selected = options->selected_node;
  guint n_nodes = am_graph_get_n_nodes (ctx->graph);
  NodeBox from, to;

  if (selected >= n_nodes || !am_render_node_box (ctx, selected, &from))
    return;

  for (guint e = 0; e < am_graph_get_n_edges (ctx->graph); e++)
    {
      const AmEdge *edge = am_graph_get_edge (ctx->graph, e);
      const char *caption = am_graph_get_edge_label (ctx->graph, e);
      guint32 other;
      double mx, my, length, width, x0, y0;
      Placement p = { { selected, e, 0, 0, 0, 0, size }, 0, 0, AM_TEXT_ANCHOR_MIDDLE,
                      PANGO_WEIGHT_NORMAL };

      if (caption == NULL || *caption == '\0' || placed->len >= LABEL_MAX ||
          (edge->source != selected && edge->target != selected) ||
          edge->source >= n_nodes || edge->target >= n_nodes ||
          am_render_edge_hidden (ctx, edge))
        continue;
      other = edge->source == selected ? edge->target : edge->source;
      if (other == selected || !am_render_node_box (ctx, other, &to))
        continue;

      caption = am_render_display_label (caption, ctx->scratch);
      mx = (from.x + to.x) / 2;
      my = (from.y + to.y) / 2;
      length = sqrt ((to.x - from.x) * (to.x - from.x) + (to.y - from.y) * (to.y - from.y));
      width = am_render_measure_text (ctx->measurer, caption, size, p.weight) + 2 * side;
      /* Zoomed out, the caption would cover its own ends. */
      if (width > length - (MAX (from.width, to.width) + 2 * side))
        continue;

      x0 = mx - width / 2;
      y0 = my - line_height / 2;
      if (x0 < 0 || y0 < 0 || x0 + width > options->width || y0 + line_height > options->height ||
          !grid_free (grid, x0, y0, x0 + width, y0 + line_height, G_MAXUINT32, FALSE))
        continue;

      p.box.x = x0;
      p.box.y = y0;
      p.box.width = width;
      p.box.height = line_height;
      p.text_x = mx;
      p.baseline = y0 + ascent;
      grid_mark (grid, x0, y0, x0 + width, y0 + line_height, LABEL_TAKEN | G_MAXUINT16);
      g_array_append_val (placed, p);
    }
}

static GArray *
place_labels (RenderContext *ctx,
              double         legend_width,
              double         legend_height)
{
  const AmRenderOptions *options = ctx->options;
  GArray *placed = g_array_new (FALSE, FALSE, sizeof (Placement));
  g_autofree guint32 *order = NULL;
  g_autofree guint32 *cells = NULL;
  guint n_nodes = am_graph_get_n_nodes (ctx->graph), n_order, n_first = 0, n_misses = 0;
  guint n_in_view = 0;
  double size, line_height, gap, halo, side, ascent;
  Grid grid;

  if (!ctx->screen_labels || n_nodes == 0)
    return placed;

  size = screen_label_size (ctx);
  ascent = ctx->measurer->ascent * size;
  /* The text's line, and the plate's margin around it. */
  halo = LABEL_PLATE_PAD * size;
  side = LABEL_PLATE_SIDE * size;
  line_height = (ctx->measurer->ascent + ctx->measurer->descent) * size + 2 * halo;
  ascent += halo;
  gap = (AM_STYLE_LABEL_GAP - 2) * size / AM_STYLE_LABEL_SIZE;

  grid.columns = (int) ceil (options->width / LABEL_CELL) + 1;
  grid.rows = (int) ceil (options->height / LABEL_CELL) + 1;
  cells = g_new0 (guint32, (gsize) grid.columns * grid.rows);
  grid.cells = cells;

  /* The legend is drawn over the map: no label goes under it. */
  if (legend_width > 0 && legend_height > 0)
    grid_mark (&grid, 0, 0, AM_RENDER_LEGEND_MARGIN + legend_width + gap,
               AM_RENDER_LEGEND_MARGIN + legend_height + gap, LABEL_TAKEN | G_MAXUINT16);
  /* Nor under what else lies over the canvas: a faded label under the
   * zoom buttons reads as part of them. */
  for (guint i = 0; i < MIN (options->n_covered, AM_RENDER_MAX_COVERED); i++)
    {
      const AmRenderRect *r = &options->covered[i];

      if (r->width > 0 && r->height > 0 && r->x < options->width && r->y < options->height &&
          r->x + r->width > 0 && r->y + r->height > 0)
        grid_mark (&grid, r->x - gap, r->y - gap, r->x + r->width + gap, r->y + r->height + gap,
                   LABEL_TAKEN | G_MAXUINT16);
    }

  for (guint i = 0; i < n_nodes; i++)
    {
      NodeBox box;

      if (am_render_maybe_visible (ctx, i) && am_render_node_box (ctx, i, &box) &&
          am_render_box_visible (ctx, box.x - box.width / 2, box.y - box.height / 2,
                                 box.x + box.width / 2, box.y + box.height / 2))
        n_in_view++;
    }
  if (n_in_view <= LABEL_SHAPES_KEPT)
    for (guint i = 0; i < n_nodes; i++)
      {
        NodeBox box;

        /* A group's box holds its members and their labels. */
        if (am_render_maybe_visible (ctx, i) && am_render_node_box (ctx, i, &box) &&
            box.shape != AM_SHAPE_GROUP_BOX)
          grid_mark (&grid, box.x - box.width / 2, box.y - box.height / 2,
                     box.x + box.width / 2, box.y + box.height / 2, i + 1);
      }

  order = label_order (ctx, &n_order, &n_first);
  for (guint k = 0; k <= n_order && placed->len < LABEL_MAX && n_misses < LABEL_MAX_MISSES; k++)
    {
      guint32 index = k < n_order ? order[k] : order[0];
      const AmNode *node = am_graph_get_node (ctx->graph, index);
      /* The selected and hovered nodes' labels may go over other nodes
       * when there is no other place: they are what the user looks at. */
      gboolean first = index == options->selected_node || index == options->hover_node;
      Placement p = { { index, AM_NO_INDEX, 0, 0, 0, 0, size }, 0, 0, AM_TEXT_ANCHOR_MIDDLE, 0 };
      double half_w, half_h, width, x0[N_SPOTS], y0[N_SPOTS];
      static const AmTextAnchor anchors[N_SPOTS] = {
        AM_TEXT_ANCHOR_MIDDLE, AM_TEXT_ANCHOR_MIDDLE, AM_TEXT_ANCHOR_START, AM_TEXT_ANCHOR_END,
        AM_TEXT_ANCHOR_START, AM_TEXT_ANCHOR_END, AM_TEXT_ANCHOR_START, AM_TEXT_ANCHOR_END,
      };
      const char *label;
      gboolean found = FALSE;
      NodeBox box;

      if (k == n_first)
        place_captions (ctx, &grid, placed, size, line_height, ascent, side);
      if (k == n_order)
        break;

      if (node->label == NULL || *node->label == '\0' || !am_render_maybe_visible (ctx, index) ||
          !am_render_node_box (ctx, index, &box) ||
          box.x < 0 || box.y < 0 || box.x > options->width || box.y > options->height)
        continue;

      /* Most are turned away here, before their label is measured. */
      if (!first && grid_label_at (&grid, box.x, box.y))
        {
          n_misses++;
          continue;
        }

      label = am_render_display_label (node->label, ctx->scratch);
      if (*label == '\0')
        continue;
      /* Bold at this size runs letters together; the ring marks the
       * focus well enough. */
      p.weight = PANGO_WEIGHT_NORMAL;
      width = am_render_measure_text (ctx->measurer, label, size, p.weight) + 2 * side;
      half_w = box.width / 2;
      half_h = box.height / 2;
      if (first)
        {
          /* Clear of the ring drawn around them. */
          half_w += MAX (3.0, 2.5 * ctx->scale) + 1.5;
          half_h += MAX (3.0, 2.5 * ctx->scale) + 1.5;
        }

      /* Below, above, right, left, then the four corners; a group's name
       * heads its box. */
      x0[0] = x0[1] = box.x - width / 2;
      y0[0] = box.y + half_h + gap;
      if (box.shape == AM_SHAPE_GROUP_BOX)
        y0[0] = box.y - box.height / 2 + gap;
      y0[1] = box.y - half_h - gap - line_height;
      x0[2] = box.x + half_w + gap;
      x0[3] = box.x - half_w - gap - width;
      y0[2] = y0[3] = box.y - line_height / 2;
      x0[4] = x0[6] = box.x - side;
      x0[5] = x0[7] = box.x + side - width;
      y0[4] = y0[5] = y0[0];
      y0[6] = y0[7] = y0[1];

      for (guint pass = 0; pass < (first ? 2u : 1u) && !found; pass++)
        for (guint spot = 0; spot < N_SPOTS && !found; spot++)
          {
            double x1 = x0[spot] + width, y1 = y0[spot] + line_height;

            if (x0[spot] < 0 || y0[spot] < 0 || x1 > options->width || y1 > options->height ||
                !grid_free (&grid, x0[spot], y0[spot], x1, y1, index, pass > 0))
              continue;

            found = TRUE;
            p.box.x = x0[spot];
            p.box.y = y0[spot];
            p.box.width = width;
            p.box.height = line_height;
            p.anchor = anchors[spot];
            p.text_x = anchors[spot] == AM_TEXT_ANCHOR_MIDDLE ? box.x
                       : anchors[spot] == AM_TEXT_ANCHOR_START ? x0[spot] + side
                       : x1 - side;
            p.baseline = y0[spot] + ascent;
          }

      if (!found)
        {
          n_misses++;
          continue;
        }

      grid_mark (&grid, p.box.x, p.box.y, p.box.x + p.box.width, p.box.y + p.box.height,
                 LABEL_TAKEN | (index + 1));
      g_array_append_val (placed, p);
    }

  return placed;
}

void
am_render_draw_screen_labels (RenderContext *ctx,
                              double         legend_width,
                              double         legend_height)
{
  g_autoptr(GArray) placed = place_labels (ctx, legend_width, legend_height);
  const AmStyle *style = ctx->style;
  AmPainter *painter = ctx->painter;

  if (placed->len == 0)
    return;

  if (painter->wants_metadata)
    am_painter_begin_group (painter, "labels", NULL, NULL);
  painter->crisp_text = TRUE;

  for (guint k = 0; k < placed->len; k++)
    {
      const Placement *p = &g_array_index (placed, Placement, k);
      const AmNode *node = am_graph_get_node (ctx->graph, p->box.node);
      gboolean caption = p->box.edge != AM_NO_INDEX;
      gboolean faded = !caption && ctx->near_focus != NULL && !ctx->near_focus[p->box.node];
      AmColour text_colour = style->text, plate;
      const char *label = am_render_display_label (caption
                                                   ? am_graph_get_edge_label (ctx->graph,
                                                                              p->box.edge)
                                                   : node->label,
                                                   ctx->scratch);

      if (faded)
        text_colour = am_colour_mix (&text_colour, &style->background, 0.7);
      else if (caption)
        text_colour = am_colour_mix (&text_colour, &style->background, 0.3);

      /* On a plate: lines that cross a label would break its letters,
       * and a label must read at a glance. */
      plate = style->background;
      plate.alpha = faded ? 0.5 : 1.0;
      am_painter_set_fill (painter, &plate);
      am_painter_rect (painter, p->box.x, p->box.y, p->box.width, p->box.height,
                       p->box.height / 4);
      am_painter_paint (painter, AM_PAINT_FILL);

      am_painter_set_fill (painter, &text_colour);
      am_painter_text (painter, p->text_x, p->baseline, label, p->box.size, p->weight,
                       p->anchor, NULL, 0);
    }

  painter->crisp_text = FALSE;
  if (painter->wants_metadata)
    am_painter_end_group (painter);
}

GArray *
am_render_get_label_boxes (const AmGraph         *graph,
                           const AmRenderOptions *options,
                           double                 legend_width,
                           double                 legend_height)
{
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (AmLabelBox));
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(GArray) placed = NULL;
  RenderContext ctx;

  g_return_val_if_fail (graph != NULL, boxes);
  g_return_val_if_fail (options != NULL, boxes);

  if (!am_render_context_init (&ctx, graph, options, NULL, scratch))
    return boxes;

  placed = place_labels (&ctx, legend_width, legend_height);
  for (guint k = 0; k < placed->len; k++)
    g_array_append_val (boxes, g_array_index (placed, Placement, k).box);

  am_render_context_clear (&ctx);
  return boxes;
}

/* am-render-picking.c: the node or edge under a point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "am-render-private.h"

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
  ctx->measurer = am_render_get_measurer ();
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

  if (!am_render_node_box (ctx, i, &box))
    return FALSE;

  if (fabs (x - box.x) <= box.width / 2 + slack && fabs (y - box.y) <= box.height / 2 + slack)
    {
      double r = am_style_shape_boundary (box.shape, box.width, box.height,
                                          x - box.x, y - box.y);

      if (hypot (x - box.x, y - box.y) <= r + slack)
        return TRUE;
    }

  /* Labels of a size of their own are picked apart. */
  if (ctx->options->label_pixel_size > 0 ||
      MAX (box.width, box.height) < MIN_LABELLED_NODE ||
      y < box.y + box.height / 2 || fabs (x - box.x) > 200 * ctx->scale)
    return FALSE;

  label = am_render_display_label (node->label, scratch);
  top = box.y + box.height / 2 + AM_STYLE_LABEL_GAP * ctx->scale;
  bottom = top + am_render_label_line_height (ctx->measurer) * ctx->scale;
  if (*label == '\0' || y > bottom)
    return FALSE;

  half = am_render_measure_text (ctx->measurer, label, AM_STYLE_LABEL_SIZE, PANGO_WEIGHT_NORMAL) *
         ctx->scale / 2;
  return fabs (x - box.x) <= half;
}

/* Placing the labels to find the one under the pointer takes a while on
 * a large map: there, nodes are picked by their shapes alone. */
#define PICK_MAX_LABELLED 5000

static guint32
pick_label (const AmGraph         *graph,
            const AmRenderOptions *options,
            double                 x,
            double                 y)
{
  g_autoptr(GArray) boxes = NULL;
  double legend_width = 0, legend_height = 0;

  if (options->draw_legend)
    am_render_get_legend_size (graph, options, &legend_width, &legend_height);
  boxes = am_render_get_label_boxes (graph, options, legend_width, legend_height);
  for (guint i = 0; i < boxes->len; i++)
    {
      const AmLabelBox *box = &g_array_index (boxes, AmLabelBox, i);

      if (box->edge == AM_NO_INDEX && x >= box->x && x <= box->x + box->width &&
          y >= box->y && y <= box->y + box->height)
        return box->node;
    }

  return AM_NO_INDEX;
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

  /* Labels of a size of their own are drawn over everything. */
  if (options->label_pixel_size > 0 && n_nodes <= PICK_MAX_LABELLED)
    {
      guint32 node = pick_label (graph, options, x, y);

      if (node != AM_NO_INDEX)
        return node;
    }

  /* The focus node is drawn last, so it is on top. */
  if (options->hover_node < n_nodes)
    {
      NodeBox box;

      if (am_render_node_box (&ctx, options->hover_node, &box) &&
          fabs (x - box.x) <= box.width / 2 + 2 && fabs (y - box.y) <= box.height / 2 + 2)
        return options->hover_node;
    }

  if (am_render_use_index (&ctx))
    {
      g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint32));
      double world[4];

      am_render_world_rect (&ctx, x, y, x, y, 0, 4, world);
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

  if (am_render_use_index (&ctx))
    {
      g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint32));
      double world[4];

      am_render_world_rect (&ctx, x, y, x, y, AM_GEOMETRY_EDGE_REACH,
                            AM_GEOMETRY_EDGE_REACH_DEVICE + reach, world);
      am_spatial_index_query_edges (options->index, world[0], world[1], world[2], world[3],
                                    candidates);
      for (guint i = 0; i < candidates->len; i++)
        {
          guint32 edge = g_array_index (candidates, guint32, i);

          if (edge_may_pass (&ctx, edge, x, y, reach))
            am_render_add_edge_slot (&ctx, edge, FALSE, 0, 0, 0, 0, slots);
        }
    }
  else
    {
      for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
        if (edge_may_pass (&ctx, i, x, y, reach))
          am_render_add_edge_slot (&ctx, i, FALSE, 0, 0, 0, 0, slots);
    }

  /* All the parallels of a pair pass the box test together, so they are
   * numbered as they are drawn. */
  am_render_rank_parallels (slots);

  for (guint i = 0; i < slots->len; i++)
    {
      const EdgeSlot *slot = &g_array_index (slots, EdgeSlot, i);
      const AmEdge *edge = am_graph_get_edge (graph, slot->edge);
      NodeBox from, to;
      EdgePaint paint;
      EdgeLine line;
      double distance;

      if (!am_render_node_box (&ctx, am_render_shown_node (options, edge->source), &from) ||
          !am_render_node_box (&ctx, am_render_shown_node (options, edge->target), &to))
        continue;

      am_render_edge_paint (&ctx, edge, FALSE, &paint);
      if (!am_render_edge_line (&ctx, slot, &from, &to, &paint, &line))
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

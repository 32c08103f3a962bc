/* am-render-thinning.c: fewer lines where many would look no different:
 * a share of the edges where they pile up, one line for each bundle
 * between the same two pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "am-render-private.h"

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
        am_render_edge_paint (ctx, &edge, FALSE, &paint);
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

gboolean
am_render_coverage_init (const RenderContext *ctx,
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

      if (!am_render_node_position (ctx, i, &x, &y))
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

      if (edge->source >= n_nodes || edge->target >= n_nodes ||
          am_render_edge_hidden (ctx, edge) ||
          !am_render_node_position (ctx, edge->source, &sx, &sy) ||
          !am_render_node_position (ctx, edge->target, &tx, &ty))
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

/* Whether the edge @index, from (@sx, @sy) to (@tx, @ty) in world units,
 * is drawn where @coverage thins the lines; @weight is then set to how
 * many edges it stands for. */
gboolean
am_render_coverage_keeps (const Coverage *coverage,
                          guint32         index,
                          double          sx,
                          double          sy,
                          double          tx,
                          double          ty,
                          double          scale,
                          float          *weight)
{
  double share = coverage_share (coverage, sx, sy, tx, ty, scale);

  if (share < 1 && am_render_edge_lot (index) >= share)
    return FALSE;

  *weight = (float) (1 / share);
  return TRUE;
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

  if (!am_render_node_position (ctx, edge->source, &x0, &y0) ||
      !am_render_node_position (ctx, edge->target, &x1, &y1) ||
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
void
am_render_merge_slots (const RenderContext *ctx,
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

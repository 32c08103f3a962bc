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
  /* A bit a cell, @words to a row: those taken at all, and those taken
   * by a label. Far out, most nodes find every place around them taken,
   * and are turned away a word of 64 cells at a time rather than cell by
   * cell. */
  guint64 *used;
  guint64 *labelled;
  int      words;
} Grid;

static void
grid_init (Grid *grid,
           int   columns,
           int   rows)
{
  grid->columns = columns;
  grid->rows = rows;
  grid->words = (columns + 63) / 64;
  grid->cells = g_new0 (guint32, (gsize) columns * rows);
  grid->used = g_new0 (guint64, (gsize) grid->words * rows);
  grid->labelled = g_new0 (guint64, (gsize) grid->words * rows);
}

static void
grid_clear (Grid *grid)
{
  g_clear_pointer (&grid->cells, g_free);
  g_clear_pointer (&grid->used, g_free);
  g_clear_pointer (&grid->labelled, g_free);
}

static inline void
grid_set (Grid    *grid,
          int      column,
          int      row,
          guint32  value)
{
  gsize word = (gsize) row * grid->words + column / 64;
  guint64 bit = G_GUINT64_CONSTANT (1) << (column % 64);

  grid->cells[(gsize) row * grid->columns + column] = value;
  grid->used[word] |= bit;
  if (value & LABEL_TAKEN)
    grid->labelled[word] |= bit;
}

/* Whether any bit of columns @first to @last of row @row is set. */
static inline gboolean
bits_any (const Grid    *grid,
          const guint64 *bits,
          int            row,
          int            first,
          int            last)
{
  const guint64 *words = bits + (gsize) row * grid->words;
  int w0 = first / 64, w1 = last / 64;
  guint64 head = ~G_GUINT64_CONSTANT (0) << (first % 64);
  guint64 tail = ~G_GUINT64_CONSTANT (0) >> (63 - last % 64);

  if (w0 == w1)
    return (words[w0] & head & tail) != 0;
  if (words[w0] & head || words[w1] & tail)
    return TRUE;
  for (int w = w0 + 1; w < w1; w++)
    if (words[w] != 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  AmLabelBox   box;
  double       text_x;      /* where the anchor's baseline is */
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
        guint32 cell = grid->cells[(gsize) r * grid->columns + c];

        /* A shape keeps what is there; a label overrides its own shape. */
        if (cell == 0 || (value & LABEL_TAKEN))
          grid_set (grid, c, r, value);
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
  gboolean shapes = FALSE;
  int span[4];

  grid_span (grid, x0, y0, x1, y1, span);
  /* A label's cell is never free; a shape's is over_shapes, or when it
   * is @node's own, which only a look at the cells tells. */
  for (int r = span[1]; r <= span[3]; r++)
    {
      if (bits_any (grid, grid->labelled, r, span[0], span[2]))
        return FALSE;
      shapes = shapes || bits_any (grid, grid->used, r, span[0], span[2]);
    }
  if (!shapes || over_shapes)
    return TRUE;

  for (int r = span[1]; r <= span[3]; r++)
    for (int c = span[0]; c <= span[2]; c++)
      {
        guint32 cell = grid->cells[(gsize) r * grid->columns + c];

        if (cell != 0 && cell != node + 1)
          return FALSE;
      }

  return TRUE;
}

/* A caption's plate, turned: centre, direction and half sizes. */
typedef struct
{
  double cx, cy;
  double c, s;
  double half_along, half_across;
} Turned;

/* Whether the turned plate meets cell (@column, @row): the two boxes
 * meet unless one of their four axes parts them. */
static gboolean
turned_meets_cell (const Turned *t,
                   int           column,
                   int           row)
{
  double h = LABEL_CELL / 2;
  double dx = (column + 0.5) * LABEL_CELL - t->cx, dy = (row + 0.5) * LABEL_CELL - t->cy;
  double ac = fabs (t->c), as = fabs (t->s);

  return fabs (dx) <= h + ac * t->half_along + as * t->half_across &&
         fabs (dy) <= h + as * t->half_along + ac * t->half_across &&
         fabs (dx * t->c + dy * t->s) <= t->half_along + h * (ac + as) &&
         fabs (dy * t->c - dx * t->s) <= t->half_across + h * (ac + as);
}

/* As grid_free() and grid_mark() for a caption, over the cells the
 * turned plate meets rather than all of its bounding box. */
static gboolean
grid_turned (Grid         *grid,
             const Turned *t,
             guint32       mark)
{
  double ex = fabs (t->c) * t->half_along + fabs (t->s) * t->half_across;
  double ey = fabs (t->s) * t->half_along + fabs (t->c) * t->half_across;
  int span[4];

  grid_span (grid, t->cx - ex, t->cy - ey, t->cx + ex, t->cy + ey, span);
  for (int r = span[1]; r <= span[3]; r++)
    for (int col = span[0]; col <= span[2]; col++)
      {
        guint32 cell = grid->cells[(gsize) r * grid->columns + col];

        if (!turned_meets_cell (t, col, r))
          continue;
        if (mark == 0 && cell != 0)
          return FALSE;
        if (mark != 0)
          grid_set (grid, col, r, mark);
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

/* The part of the segment from (@x0, @y0) to (@x1, @y1) inside the
 * frame, as parameters along it: FALSE when none is. */
static gboolean
clip_to_frame (const AmRenderOptions *options,
               double                 x0,
               double                 y0,
               double                 x1,
               double                 y1,
               double                *t0,
               double                *t1)
{
  double dx = x1 - x0, dy = y1 - y0;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { x0, options->width - x0, y0, options->height - y0 };

  *t0 = 0;
  *t1 = 1;
  for (guint k = 0; k < 4; k++)
    {
      double t;

      if (p[k] == 0)
        {
          if (q[k] < 0)
            return FALSE;
          continue;
        }
      t = q[k] / p[k];
      if (p[k] < 0)
        *t0 = MAX (*t0, t);
      else
        *t1 = MIN (*t1, t);
    }

  return *t0 < *t1;
}

/* The captions of the selected node's edges, where they fit: along the
 * edge, turned to read left to right, beside the middle of the part of
 * it in view, when that part is long enough to carry it and nothing
 * else is there. */
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
  /* Captions keep the labels' smallest size when zoomed in: they are
   * read second, and the shorter they are the more edges carry one. */
  double shrink = MIN (1.0, options->label_pixel_size / size);
  NodeBox from, to;

  if (selected >= n_nodes || !am_render_node_box (ctx, selected, &from))
    return;
  size *= shrink;
  line_height *= shrink;
  ascent *= shrink;
  side *= shrink;

  for (guint e = 0; e < am_graph_get_n_edges (ctx->graph); e++)
    {
      const AmEdge *edge = am_graph_get_edge (ctx->graph, e);
      const char *caption = am_graph_get_edge_label (ctx->graph, e);
      guint32 other;
      static const double shifts[] = { 0, 0.5, -0.5, 1, -1 };
      double length, width, t0, t1, angle, c, s, mx, my, clearance, ex, ey, slack;
      gboolean found = FALSE;
      Placement p = { { selected, e, 0, 0, 0, 0, size, 0, 0, 0 }, 0, 0, AM_TEXT_ANCHOR_MIDDLE,
                      PANGO_WEIGHT_NORMAL };

      if (caption == NULL || *caption == '\0' || placed->len >= LABEL_MAX ||
          (edge->source != selected && edge->target != selected) ||
          edge->source >= n_nodes || edge->target >= n_nodes ||
          am_render_edge_hidden (ctx, edge))
        continue;
      other = edge->source == selected ? edge->target : edge->source;
      if (other == selected || !am_render_node_box (ctx, other, &to))
        continue;

      length = sqrt ((to.x - from.x) * (to.x - from.x) + (to.y - from.y) * (to.y - from.y));
      if (!(length > 0) || !clip_to_frame (options, from.x, from.y, to.x, to.y, &t0, &t1))
        continue;
      /* Clear of the nodes at either end. */
      t0 = MAX (t0, (MAX (from.width, from.height) / 2 + side) / length);
      t1 = MIN (t1, 1 - (MAX (to.width, to.height) / 2 + side) / length);

      caption = am_render_display_label (caption, ctx->scratch);
      width = am_render_measure_text (ctx->measurer, caption, size, p.weight) + 2 * side;
      if (width > (t1 - t0) * length)
        continue;

      /* Never upside down: an edge that runs leftwards is read from its
       * other end. */
      angle = atan2 (to.y - from.y, to.x - from.x);
      if (angle > G_PI / 2)
        angle -= G_PI;
      else if (angle < -G_PI / 2)
        angle += G_PI;
      c = cos (angle);
      s = sin (angle);
      mx = from.x + (to.x - from.x) * (t0 + t1) / 2;
      my = from.y + (to.y - from.y) * (t0 + t1) / 2;
      /* Off the stroke, so that the line does not run through the
       * letters: above it, or below when above is taken. */
      clearance = line_height / 2 + MAX (1.5, 0.15 * size);
      ex = fabs (c) * width / 2 + fabs (s) * line_height / 2;
      ey = fabs (s) * width / 2 + fabs (c) * line_height / 2;

      /* Where the middle is taken (often by the label of the node at
       * one end), a little towards either end, as long as it fits. */
      slack = ((t1 - t0) * length - width) / 2;
      for (guint try = 0; try < 2 * G_N_ELEMENTS (shifts) && !found; try++)
        {
          /* (s, -c) is the text's up. */
          int sign = try % 2 == 0 ? 1 : -1;
          double shift = shifts[try / 2] * slack;
          double cx = mx + sign * clearance * s + shift * (to.x - from.x) / length;
          double cy = my - sign * clearance * c + shift * (to.y - from.y) / length;
          double x0 = cx - ex, y0 = cy - ey, x1 = cx + ex, y1 = cy + ey;

          Turned turned = { cx, cy, c, s, width / 2, line_height / 2 };

          if (x0 < 0 || y0 < 0 || x1 > options->width || y1 > options->height ||
              !grid_turned (grid, &turned, 0))
            continue;

          grid_turned (grid, &turned, LABEL_TAKEN | G_MAXUINT16);

          found = TRUE;
          p.box.x = x0;
          p.box.y = y0;
          p.box.width = x1 - x0;
          p.box.height = y1 - y0;
          p.box.angle = angle;
          p.box.along = width;
          p.box.across = line_height;
          /* The baseline's middle, turned with the text about the
           * caption's centre. */
          p.text_x = cx - s * (ascent - line_height / 2);
          p.baseline = cy + c * (ascent - line_height / 2);
        }

      if (found)
        g_array_append_val (placed, p);
    }
}

/* Whether any of the places around @box holds a label @width wide: the
 * wider a label, the more cells each of its places takes, so where the
 * narrowest finds none, no label does. */
static gboolean
label_spot_free (const RenderContext *ctx,
                 const Grid          *grid,
                 const NodeBox       *box,
                 guint32              index,
                 double               width,
                 double               line_height,
                 double               gap,
                 double               side)
{
  const AmRenderOptions *options = ctx->options;
  double half_w = box->width / 2, half_h = box->height / 2;
  double below = box->shape == AM_SHAPE_GROUP_BOX ? box->y - half_h + gap : box->y + half_h + gap;
  double above = box->y - half_h - gap - line_height;
  double beside = box->y - line_height / 2;
  /* As place_labels() tries them. */
  const double spots[N_SPOTS][2] = {
    { box->x - width / 2, below },
    { box->x - width / 2, above },
    { box->x + half_w + gap, beside },
    { box->x - half_w - gap - width, beside },
    { box->x - side, below },
    { box->x + side - width, below },
    { box->x - side, above },
    { box->x + side - width, above },
  };

  for (guint spot = 0; spot < N_SPOTS; spot++)
    {
      double x0 = spots[spot][0], y0 = spots[spot][1];
      double x1 = x0 + width, y1 = y0 + line_height;

      if (x0 >= 0 && y0 >= 0 && x1 <= options->width && y1 <= options->height &&
          grid_free (grid, x0, y0, x1, y1, index, FALSE))
        return TRUE;
    }

  return FALSE;
}

static GArray *
place_labels (RenderContext *ctx,
              double         legend_width,
              double         legend_height)
{
  const AmRenderOptions *options = ctx->options;
  GArray *placed = g_array_new (FALSE, FALSE, sizeof (Placement));
  g_autofree guint32 *order = NULL;
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

  grid_init (&grid, (int) ceil (options->width / LABEL_CELL) + 1,
             (int) ceil (options->height / LABEL_CELL) + 1);

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
      Placement p = { { index, AM_NO_INDEX, 0, 0, 0, 0, size, 0, 0, 0 }, 0, 0,
                      AM_TEXT_ANCHOR_MIDDLE, 0 };
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

      /* Nor, most of the rest, before it is measured: where not even
       * the plate of an empty label finds a place, no label does. */
      if (!first && !label_spot_free (ctx, &grid, &box, index, 2 * side, line_height, gap, side))
        {
          n_misses++;
          continue;
        }

      label = am_render_node_label (ctx, index);
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

  grid_clear (&grid);
  return placed;
}

/* A caption's plate, a rounded box turned with its text about the
 * middle of the bounding box. */
static void
path_turned_plate (AmPainter       *painter,
                   const Placement *p)
{
  /* Control points of a quarter circle drawn with one cubic curve. */
  const double kappa = 0.5523;
  double cx = p->box.x + p->box.width / 2, cy = p->box.y + p->box.height / 2;
  double c = cos (p->box.angle), s = sin (p->box.angle);
  double hw = p->box.along / 2, hh = p->box.across / 2;
  double r = MIN (p->box.across / 4, hw);
  /* Each corner, in the plate's own frame: where its arc begins, its
   * corner and where it ends, going round clockwise. */
  const double corners[4][6] = {
    { hw - r, -hh, hw, -hh, hw, -hh + r },
    { hw, hh - r, hw, hh, hw - r, hh },
    { -hw + r, hh, -hw, hh, -hw, hh - r },
    { -hw, -hh + r, -hw, -hh, -hw + r, -hh },
  };

#define TURN_X(u, v) (cx + (u) * c - (v) * s)
#define TURN_Y(u, v) (cy + (u) * s + (v) * c)
  for (guint k = 0; k < 4; k++)
    {
      const double *q = corners[k];
      double u1 = q[0] + kappa * (q[2] - q[0]), v1 = q[1] + kappa * (q[3] - q[1]);
      double u2 = q[4] + kappa * (q[2] - q[4]), v2 = q[5] + kappa * (q[3] - q[5]);

      if (k == 0)
        am_painter_move_to (painter, TURN_X (q[0], q[1]), TURN_Y (q[0], q[1]));
      else
        am_painter_line_to (painter, TURN_X (q[0], q[1]), TURN_Y (q[0], q[1]));
      am_painter_curve_to (painter, TURN_X (u1, v1), TURN_Y (u1, v1), TURN_X (u2, v2),
                           TURN_Y (u2, v2), TURN_X (q[4], q[5]), TURN_Y (q[4], q[5]));
    }
#undef TURN_X
#undef TURN_Y
  am_painter_close_path (painter);
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
      gboolean caption = p->box.edge != AM_NO_INDEX;
      gboolean faded = !caption && ctx->near_focus != NULL && !ctx->near_focus[p->box.node];
      AmColour text_colour = style->text, plate;
      const char *label = caption ? am_render_display_label (am_graph_get_edge_label (ctx->graph,
                                                                                      p->box.edge),
                                                             ctx->scratch)
                                  : am_render_node_label (ctx, p->box.node);

      if (faded)
        text_colour = am_colour_mix (&text_colour, &style->background, 0.7);
      else if (caption)
        text_colour = am_colour_mix (&text_colour, &style->background, 0.3);

      /* On a plate: lines that cross a label would break its letters,
       * and a label must read at a glance. */
      plate = style->background;
      plate.alpha = faded ? 0.5 : 1.0;
      am_painter_set_fill (painter, &plate);
      if (caption)
        path_turned_plate (painter, p);
      else
        am_painter_rect (painter, p->box.x, p->box.y, p->box.width, p->box.height,
                         p->box.height / 4);
      am_painter_paint (painter, AM_PAINT_FILL);

      am_painter_set_fill (painter, &text_colour);
      if (caption)
        am_painter_rotated_text (painter, p->text_x, p->baseline, p->box.angle, label,
                                 p->box.size, p->weight, p->anchor, NULL, 0);
      else
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

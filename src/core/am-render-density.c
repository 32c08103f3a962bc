/* am-render-density.c: the edges of a map seen whole as one image: how
 * much line crosses each pixel, toned, in the colour of the kind most of
 * it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Far out on a large map there are more edges than pixels, and a million
 * strokes, each too thin to tell apart, pile up into an even grey. Here
 * every edge in view adds its length to the pixels it crosses instead, a
 * few arithmetic steps a pixel rather than a stroke through Cairo; the
 * sums are then toned on a logarithmic scale up to a high percentile, so
 * that where many edges run shows apart from where a few do.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "am-render-private.h"

/* Below this many edges in view per pixel of the view, strokes are drawn:
 * there is room enough to see lines, and zoomed in they are drawn
 * again. */
#define DENSITY_EDGES_PER_PIXEL 0.25

/* The sums are toned up to this share of the pixels crossed, so that a
 * few hubs do not set the scale for the rest. */
#define DENSITY_PERCENTILE 0.99
/* Coverage, in layers of line, that the tone never stretches beyond: a
 * sparse view keeps about the tone its strokes would have. */
#define DENSITY_MIN_TOP    3.0
/* The tone is logarithmic over this many times the least coverage it
 * tells apart from none: two decades below the top still show. */
#define DENSITY_RANGE      100.0
#define DENSITY_MAX_ALPHA  0.9

/* Edges between looks at the cancellable. */
#define CHECK_EVERY 16384

/* Larger images are not made: a view of a hundred megapixels is an
 * export, and its strokes will do. */
#define MAX_PIXELS (64u * 1024 * 1024)

/* Tone bins: the upper bits of a positive float, in the order of their
 * values (8 bits of exponent, 6 of mantissa: steps of 1.6 %). */
#define BIN_SHIFT 17
#define N_BINS    (1u << (31 - BIN_SHIFT))

void
am_render_density_free (Density *density)
{
  if (density == NULL)
    return;

  g_free (density->pixels);
  g_free (density);
}

Density *
am_render_density_new (guint width,
                       guint height)
{
  Density *density;
  gsize n = (gsize) width * height;

  g_return_val_if_fail (width > 0 && height > 0 && n <= MAX_PIXELS, NULL);

  density = g_new0 (Density, 1);
  density->width = width;
  density->height = height;
  density->pixels = g_new0 (DensityPixel, n);
  return density;
}

/* Adds @weight of @kind to a pixel. Which kind leads is decided on the
 * way, as in a majority vote: each unit of another kind cancels one of
 * the leader's, so the kind that holds more than half the weight always
 * ends up leading, at a float and a byte per pixel instead of one for
 * every kind. */
static inline void
deposit (Density *density,
         gsize    index,
         float    weight,
         guint8   kind)
{
  DensityPixel *pixel = &density->pixels[index];
  /* Below zero when @kind takes the lead. Worked out without a branch:
   * where kinds mix, which way it goes is anyone's guess. */
  float lead = pixel->lead + (pixel->kind == kind ? weight : -weight);
  guint32 taken = lead < 0 ? kind : pixel->kind;

  pixel->total += weight;
  pixel->lead = fabsf (lead);
  pixel->kind = taken;
}

/* The pixels of an axis that one part of the image covers. */
typedef struct
{
  int first;
  int end;
} Span;

/* Steps along the major axis a whole pixel at a time: each pixel the
 * line passes gets @per_unit for each unit of the major axis it spans
 * there, in the pixel of the minor axis the line is in at the middle of
 * that span. Only pixels within @major and @minor are touched. @a0 <
 * @a1. */
static void
step_line (Density *density,
           double   a0,
           double   b0,
           double   a1,
           double   b1,
           float    per_unit,
           guint8   kind,
           gsize    major_stride,
           gsize    minor_stride,
           Span     major,
           Span     minor)
{
  double slope = (b1 - b0) / (a1 - a0);
  int first = MAX ((int) floor (a0), major.first);
  int last = MIN ((int) ceil (a1) - 1, major.end - 1);

  for (int i = first; i <= last; i++)
    {
      double lo = MAX (a0, i), hi = MIN (a1, i + 1.0);
      double b = b0 + slope * ((lo + hi) / 2 - a0);

      /* With @minor.first at 0 or more, (int) is floor() here. */
      if (hi > lo && b >= minor.first && b < minor.end)
        deposit (density, (gsize) i * major_stride + (gsize) (int) b * minor_stride,
                 per_unit * (float) (hi - lo), kind);
    }
}

/* Adds the line to the pixels of @rows only, as it would add to them
 * drawn whole: parts of the image can be drawn at once. */
static void
add_line_to_rows (Density *density,
                  Span     rows,
                  double   x0,
                  double   y0,
                  double   x1,
                  double   y1,
                  float    weight,
                  guint8   kind)
{
  Span columns = { 0, (int) density->width };
  double dx, dy;

  /* A little wider than the rows: a line steps at most a pixel across
   * for each pixel along, and the steps the cut shortens must fall
   * outside them. */
  if (!am_geometry_clip_segment (0, MAX (rows.first - 2, 0), density->width,
                                 MIN (rows.end + 2, (int) density->height),
                                 &x0, &y0, &x1, &y1))
    return;

  dx = x1 - x0;
  dy = y1 - y0;
  if (!(dx != 0 || dy != 0))
    return;

  /* The weight per unit of the major axis, so that the pixels of a line
   * add up to its length times @weight. */
  if (fabs (dx) >= fabs (dy))
    {
      float per_unit = weight * (float) (hypot (dx, dy) / fabs (dx));

      if (dx > 0)
        step_line (density, x0, y0, x1, y1, per_unit, kind, 1, density->width, columns, rows);
      else
        step_line (density, x1, y1, x0, y0, per_unit, kind, 1, density->width, columns, rows);
    }
  else
    {
      float per_unit = weight * (float) (hypot (dx, dy) / fabs (dy));

      if (dy > 0)
        step_line (density, y0, x0, y1, x1, per_unit, kind, density->width, 1, rows, columns);
      else
        step_line (density, y1, x1, y0, x0, per_unit, kind, density->width, 1, rows, columns);
    }
}

void
am_render_density_add_line (Density *density,
                            double   x0,
                            double   y0,
                            double   x1,
                            double   y1,
                            float    weight,
                            guint8   kind)
{
  Span rows = { 0, (int) density->height };

  add_line_to_rows (density, rows, x0, y0, x1, y1, weight, kind);
}

/* Where lines pile up */

/* Cells of a grid fixed in the world, this many pixels wide, in which
 * line is counted first: where it piles up, only a share of the edges is
 * added, each standing for as many as were left out (as in
 * am-render-thinning.c), so that the cost follows the pixels rather than
 * the edges. Enough are kept for their coverage to reach DENSITY_MOST
 * layer, a dozen or so hairlines a pixel, which the logarithmic tone shows
 * much as it would all of them; sparse places keep every edge. */
#define DENSITY_CELL 16
#define DENSITY_MOST 1.0
/* Cells are told apart by sixteen bits: a view of more than this many
 * has cells twice as wide, or more. */
#define MAX_CELLS    65536

typedef struct
{
  double scale;             /* pixels per world unit */
  double offset_x;          /* pixels */
  double offset_y;
  float  weights[AM_N_EDGE_KINDS][AM_N_STANCES];
  guint32 hidden_kinds;     /* bit 1 << AmEdgeKind set: not drawn */

  /* The grid: cell (0, 0) starts at pixel (x0, y0). */
  int    cell;              /* pixels: DENSITY_CELL, or more on a huge view */
  float  x0, y0;
  int    columns, rows;
  /* Of the cell's size, worked out once for every line counted. */
  float  per_pixel;         /* 1 / cell */
  float  per_area;          /* 1 / cell² */
  float  last_column, last_row;
  float  two_cells, eight_cells;
  float *cells;             /* coverage per pixel of the cell */
} Pass;

/* The view's size in pixels; FALSE when it has none, or is too large. */
static gboolean
view_pixels (const RenderContext *ctx,
             double               resolution,
             guint               *width,
             guint               *height)
{
  double w = ceil (ctx->options->width * resolution - 1e-6);
  double h = ceil (ctx->options->height * resolution - 1e-6);

  if (!ctx->cull || !(w >= 1 && h >= 1) || w * h > MAX_PIXELS)
    return FALSE;

  *width = (guint) w;
  *height = (guint) h;
  return TRUE;
}

/* An edge in view, in pixels, with the weight of its style. */
typedef struct
{
  float   x0, y0, x1, y1;
  float   weight;
  guint8  kind;
} EdgePixels;

/* @edge in pixels, its ends looked up in @nodes (see place_nodes());
 * FALSE when it is not drawn or misses the view. */
static inline gboolean
edge_pixels (const Pass   *pass,
             const float  *nodes,
             const AmEdge *edge,
             guint         n_nodes,
             float         width,
             float         height,
             EdgePixels   *out)
{
  guint kind, stance;

  if (edge->source >= n_nodes || edge->target >= n_nodes || edge->source == edge->target)
    return FALSE;

  kind = edge->kind < AM_N_EDGE_KINDS ? edge->kind : AM_EDGE_KIND_OTHER;
  if ((pass->hidden_kinds & (1u << kind)) != 0)
    return FALSE;

  out->x0 = nodes[2 * edge->source];
  out->y0 = nodes[2 * edge->source + 1];
  out->x1 = nodes[2 * edge->target];
  out->y1 = nodes[2 * edge->target + 1];
  /* An end without a place is NaN, which MIN and MAX may pass over. */
  if (!isfinite (out->x0 + out->y0 + out->x1 + out->y1) ||
      !(MAX (out->x0, out->x1) >= 0 && MIN (out->x0, out->x1) <= width &&
        MAX (out->y0, out->y1) >= 0 && MIN (out->y0, out->y1) <= height))
    return FALSE;

  stance = edge->stance < AM_N_STANCES ? edge->stance : AM_STANCE_NONE;
  out->weight = pass->weights[kind][stance];
  out->kind = (guint8) kind;
  return TRUE;
}

/* A line in view between the passes: the cells of the points along it
 * at which it is counted, each standing for a quarter of it. Which edge
 * it is follows from the order: the part's candidates in view, which a
 * bit per candidate tells (see count_part()). Eight bytes rather than
 * twelve: a million edges in view take 4 MB less while they are added
 * up, the most memory of a frame's steps. */
typedef struct
{
  guint16 cells[4];
} LineCells;

G_STATIC_ASSERT (sizeof (LineCells) == 8);

/* Four floats, or ints, at once: where the compiler can, in one
 * instruction each. */
typedef float Floats4 __attribute__ ((vector_size (16)));
typedef gint32 Ints4 __attribute__ ((vector_size (16)));

/* @value within [@low, @high], and @low for NaN. */
static inline Floats4
clamp4 (Floats4 value,
        Floats4 low,
        Floats4 high)
{
  Ints4 below = ~(value >= low), above = value > high;
  Ints4 bits = (Ints4) value;

  bits = (below & (Ints4) low) | (~below & bits);
  bits = (above & (Ints4) high) | (~above & bits);
  return (Floats4) bits;
}

/* Counts @line in the cells it crosses, at one point for a short line,
 * more for one that crosses several cells, and notes them in @out.
 * Points outside the grid count in the nearest cell. */
static inline void
count_line (Pass             *pass,
            const EdgePixels *line,
            LineCells        *out)
{
  /* The middles of 1, 2 or 4 equal pieces of the line, as the quarter
   * of it that each note stands for. */
  static const Floats4 along[3] = {
    { 0.5f, 0.5f, 0.5f, 0.5f },
    { 0.25f, 0.25f, 0.75f, 0.75f },
    { 0.125f, 0.375f, 0.625f, 0.875f },
  };
  float dx = line->x1 - line->x0, dy = line->y1 - line->y0;
  float length = sqrtf (dx * dx + dy * dy);
  guint order = length < pass->two_cells ? 0 : length < pass->eight_cells ? 1 : 2;
  guint step = 4u >> order;
  float amount = length * line->weight * pass->per_area * (float) step * 0.25f;
  Floats4 zero = { 0 };
  Floats4 columns = (line->x0 - pass->x0) * pass->per_pixel + dx * pass->per_pixel * along[order];
  Floats4 rows = (line->y0 - pass->y0) * pass->per_pixel + dy * pass->per_pixel * along[order];
  Ints4 cells;

  columns = clamp4 (columns, zero, zero + pass->last_column);
  rows = clamp4 (rows, zero, zero + pass->last_row);
  cells = __builtin_convertvector (rows, Ints4) * pass->columns +
          __builtin_convertvector (columns, Ints4);

  for (guint q = 0; q < 4; q += step)
    pass->cells[cells[q]] += amount;
  for (guint q = 0; q < 4; q++)
    out->cells[q] = (guint16) cells[q];
}

/* The share of the edges like the line of @counted that is added. */
static inline float
line_share (const Pass      *pass,
            const LineCells *counted)
{
  float layers = (pass->cells[counted->cells[0]] + pass->cells[counted->cells[1]] +
                  pass->cells[counted->cells[2]] + pass->cells[counted->cells[3]]) / 4;

  return layers > DENSITY_MOST ? (float) DENSITY_MOST / layers : 1;
}

static void
pass_init (Pass                *pass,
           const RenderContext *ctx,
           const Density       *density,
           double               resolution)
{
  RenderContext plain = *ctx;

  pass->scale = ctx->scale * resolution;
  pass->offset_x = ctx->offset_x * resolution;
  pass->offset_y = ctx->offset_y * resolution;
  pass->hidden_kinds = ctx->options->hidden_edge_kinds;

  /* How much of a pixel a stroke of each style covers per pixel of its
   * length, as it would be drawn without a focus. */
  plain.near_focus = NULL;
  for (guint kind = 0; kind < AM_N_EDGE_KINDS; kind++)
    for (guint stance = 0; stance < AM_N_STANCES; stance++)
      {
        AmEdge edge = { 0 };
        EdgePaint paint;

        edge.kind = kind;
        edge.stance = stance;
        am_render_edge_paint (&plain, &edge, FALSE, &paint);
        pass->weights[kind][stance] = (float) (MIN (paint.width / ctx->pixel, 1.0) *
                                               paint.colour.alpha);
      }

  /* Cells on the world's grid, so that as the view pans the same edges
   * are kept. */
  for (pass->cell = DENSITY_CELL; ; pass->cell *= 2)
    {
      pass->x0 = (float) (pass->offset_x - (floor (pass->offset_x / pass->cell) + 1) *
                          pass->cell);
      pass->y0 = (float) (pass->offset_y - (floor (pass->offset_y / pass->cell) + 1) *
                          pass->cell);
      pass->columns = (int) ((density->width - pass->x0) / pass->cell) + 1;
      pass->rows = (int) ((density->height - pass->y0) / pass->cell) + 1;
      if ((gsize) pass->columns * pass->rows <= MAX_CELLS)
        break;
    }
  pass->per_pixel = 1.0f / pass->cell;
  pass->per_area = 1.0f / ((float) pass->cell * pass->cell);
  pass->last_column = (float) (pass->columns - 1);
  pass->last_row = (float) (pass->rows - 1);
  pass->two_cells = 2.0f * pass->cell;
  pass->eight_cells = 8.0f * pass->cell;
  pass->cells = g_new0 (float, (gsize) pass->columns * pass->rows);
}

/* The edges are looked at in parts, on threads of their own: each goes
 * over a range of the edges, in the order they are stored, and counts
 * where their lines pile up, in a grid of its own, noting which cells
 * each line was counted in. With the
 * grids added up, those notes are enough to tell which lines are kept,
 * which are few: only they are looked up again. Last each part draws the
 * kept lines of every part into rows of its own. */
#define MIN_PART_EDGES  65536
#define MIN_PART_PIXELS 65536
#define N_PARTS         2

typedef struct _Part
{
  const RenderContext *ctx;
  Pass                 pass;          /* with cells of its own while counting */
  float               *nodes;         /* of all parts: x, y per node, NaN for none */
  guint                n_nodes;
  const AmEdge        *edges;
  float                width, height;
  guint                first, end;    /* of the candidates */
  guint32             *in_view;       /* a bit per candidate from @first */
  LineCells           *counted;       /* from the first candidate's place */
  guint                n_counted;
  EdgePixels          *lines;         /* kept */
  guint                n_lines;
  GCancellable        *cancellable;
  gboolean             cancelled;

  /* Drawing: the rows of @density this part draws, from the lines of
   * every part. */
  Span                 rows;
  const struct _Part  *all;
  guint                n_all;
  Density             *density;
} Part;

/* Where each node is in pixels, NaN where it has none or is hidden:
 * once for all the edges that end there. On one thread: it takes a
 * fraction of the edges' time, less than a thread's start on a busy
 * machine. */
static void
place_nodes (const RenderContext *ctx,
             const Pass          *pass,
             float               *nodes)
{
  guint n_nodes = am_graph_get_n_nodes (ctx->graph);
  gboolean issues_hidden = !ctx->options->show_issues;

  for (guint i = 0; i < n_nodes; i++)
    {
      float x = NAN, y = NAN;
      double wx, wy;

      /* The edges of a hidden node are hidden with it. */
      if (am_render_node_position (ctx, i, &wx, &wy) &&
          !(issues_hidden && am_render_node_hidden (ctx->options, am_graph_get_node (ctx->graph, i))))
        {
          x = (float) (wx * pass->scale + pass->offset_x);
          y = (float) (wy * pass->scale + pass->offset_y);
          if (!isfinite (x + y))
            x = y = NAN;
        }
      nodes[2 * i] = x;
      nodes[2 * i + 1] = y;
    }
}

/* The edge of candidate @i. */
static inline guint
candidate_edge (const Part *part,
                guint       i)
{
  const GArray *visible = part->ctx->visible_edges;

  return visible != NULL ? g_array_index (visible, guint32, i) : i;
}

/* Goes through the candidates of a part whose bit is set, in order. */
typedef struct
{
  const Part *part;
  guint       word;
  guint32     bits;
} SetCandidates;

static inline void
set_candidates_init (SetCandidates *iter,
                     const Part    *part)
{
  iter->part = part;
  iter->word = 0;
  iter->bits = part->end > part->first ? part->in_view[0] : 0;
}

/* The next candidate whose bit is set; FALSE after the last. */
static inline gboolean
set_candidates_next (SetCandidates *iter,
                     guint         *candidate)
{
  guint n_words = (iter->part->end - iter->part->first + 31) / 32;

  while (iter->bits == 0)
    {
      if (++iter->word >= n_words)
        return FALSE;
      iter->bits = iter->part->in_view[iter->word];
    }

  *candidate = iter->part->first + iter->word * 32 + (guint) __builtin_ctz (iter->bits);
  iter->bits &= iter->bits - 1;
  return TRUE;
}

static gpointer
count_part (gpointer data)
{
  Part *part = data;
  /* A copy of its own, which the counts cannot write over: the
   * compiler need not read it again after each. */
  Pass pass = part->pass;
  guint n_counted = 0;

  for (guint i = part->first; i < part->end; i++)
    {
      guint index = candidate_edge (part, i);
      EdgePixels line;

      if ((i - part->first) % CHECK_EVERY == 0 && g_cancellable_is_cancelled (part->cancellable))
        {
          part->cancelled = TRUE;
          break;
        }
      if (!edge_pixels (&pass, part->nodes, &part->edges[index], part->n_nodes,
                        part->width, part->height, &line))
        continue;

      part->in_view[(i - part->first) / 32] |= 1u << ((i - part->first) % 32);
      count_line (&pass, &line, &part->counted[n_counted]);
      n_counted++;
    }
  part->n_counted = n_counted;

  return NULL;
}

/* Keeps those of the part's lines that are drawn, weighed for those
 * left out. */
static gpointer
keep_part (gpointer data)
{
  Part *part = data;
  SetCandidates iter;
  guint candidate, n_kept = 0;

  /* First the notes of the lines kept are moved to the front, without a
   * branch: which way it goes is a toss where the lines are about as
   * many as are kept. A share of 1 keeps every line. The bits of those
   * left out are cleared. */
  set_candidates_init (&iter, part);
  for (guint i = 0; set_candidates_next (&iter, &candidate); i++)
    {
      LineCells counted = part->counted[i];
      guint offset = candidate - part->first;
      guint32 kept;

      if (i % CHECK_EVERY == 0 && g_cancellable_is_cancelled (part->cancellable))
        {
          part->cancelled = TRUE;
          return NULL;
        }
      kept = am_render_edge_lot (candidate_edge (part, candidate)) < line_share (&part->pass, &counted);
      part->counted[n_kept] = counted;
      n_kept += kept;
      part->in_view[offset / 32] &= ~((kept ^ 1) << (offset % 32));
    }

  part->lines = g_new (EdgePixels, MAX (n_kept, 1));
  set_candidates_init (&iter, part);
  for (guint i = 0; set_candidates_next (&iter, &candidate); i++)
    {
      EdgePixels *line = &part->lines[i];

      /* In view when it was counted, and so still. */
      edge_pixels (&part->pass, part->nodes, &part->edges[candidate_edge (part, candidate)],
                   part->n_nodes, part->width, part->height, line);
      line->weight /= line_share (&part->pass, &part->counted[i]);
    }
  part->n_lines = n_kept;

  return NULL;
}

static gpointer
draw_part (gpointer data)
{
  Part *part = data;

  for (guint k = 0; k < part->n_all; k++)
    {
      for (guint i = 0; i < part->all[k].n_lines; i++)
        {
          const EdgePixels *line = &part->all[k].lines[i];

          add_line_to_rows (part->density, part->rows, line->x0, line->y0, line->x1, line->y1,
                            line->weight, line->kind);
        }
    }

  return NULL;
}

/* Runs @func on each of @n_parts parts of @part_size bytes, on threads
 * of their own; without a thread, in turn. */
static void
run_parts (gpointer     parts,
           gsize        part_size,
           guint        n_parts,
           GThreadFunc  func)
{
  GThread *threads[N_PARTS] = { NULL };

  for (guint k = 1; k < n_parts; k++)
    threads[k] = g_thread_try_new ("density", func, (guint8 *) parts + k * part_size, NULL);
  for (guint k = 0; k < n_parts; k++)
    if (threads[k] == NULL)
      func ((guint8 *) parts + k * part_size);
  for (guint k = 1; k < n_parts; k++)
    if (threads[k] != NULL)
      g_thread_join (threads[k]);
}

static gboolean
any_cancelled (const Part *parts,
               guint       n_parts)
{
  for (guint k = 0; k < n_parts; k++)
    if (parts[k].cancelled)
      return TRUE;

  return FALSE;
}

/* Every edge that crosses the view of @ctx, at @resolution pixels per
 * device unit; @ctx->pixel must match. NULL when the view has no size
 * or is too large, or when @cancellable is cancelled meanwhile. */
Density *
am_render_density_accumulate (const RenderContext *ctx,
                              double               resolution,
                              GCancellable        *cancellable)
{
  const GArray *visible = ctx->visible_edges;
  guint n_candidates = visible != NULL ? visible->len : am_graph_get_n_edges (ctx->graph);
  guint n_nodes = am_graph_get_n_nodes (ctx->graph);
  guint n_parts = n_candidates >= MIN_PART_EDGES ? N_PARTS : 1;
  g_autofree float *nodes = NULL;
  g_autofree LineCells *counted = NULL;
  gsize n_cells;
  Part parts[N_PARTS];
  gboolean cancelled;
  guint width, height;
  Density *density;
  Pass pass;

  if (!view_pixels (ctx, resolution, &width, &height))
    return NULL;

  density = am_render_density_new (width, height);
  pass_init (&pass, ctx, density, resolution);
  n_cells = (gsize) pass.columns * pass.rows;

  nodes = g_new (float, 2 * (gsize) MAX (n_nodes, 1));
  counted = g_new (LineCells, MAX (n_candidates, 1));
  for (guint k = 0; k < n_parts; k++)
    {
      Part *part = &parts[k];

      part->ctx = ctx;
      part->pass = pass;
      part->pass.cells = k == 0 ? pass.cells : g_new0 (float, n_cells);
      part->nodes = nodes;
      part->n_nodes = n_nodes;
      part->edges = (const AmEdge *) (gconstpointer) ctx->graph->edges->data;
      part->width = width;
      part->height = height;
      part->first = (guint) ((guint64) n_candidates * k / n_parts);
      part->end = (guint) ((guint64) n_candidates * (k + 1) / n_parts);
      part->in_view = g_new0 (guint32, (part->end - part->first + 31) / 32);
      part->counted = counted + part->first;
      part->n_counted = 0;
      part->lines = NULL;
      part->n_lines = 0;
      part->cancellable = cancellable;
      part->cancelled = FALSE;
      part->rows.first = (int) (height * k / n_parts);
      part->rows.end = (int) (height * (k + 1) / n_parts);
      part->all = parts;
      part->n_all = n_parts;
      part->density = density;
    }
  place_nodes (ctx, &pass, nodes);
  run_parts (parts, sizeof *parts, n_parts, count_part);

  /* The line counted by all parts, seen by each. */
  for (guint k = 0; k < n_parts; k++)
    {
      density->n_edges += parts[k].n_counted;
      if (k > 0)
        {
          for (gsize c = 0; c < n_cells; c++)
            pass.cells[c] += parts[k].pass.cells[c];
          g_free (parts[k].pass.cells);
          parts[k].pass.cells = pass.cells;
        }
    }

  cancelled = any_cancelled (parts, n_parts);
  if (!cancelled)
    {
      run_parts (parts, sizeof *parts, n_parts, keep_part);
      cancelled = any_cancelled (parts, n_parts);
    }
  if (!cancelled)
    run_parts (parts, sizeof *parts, n_parts, draw_part);

  for (guint k = 0; k < n_parts; k++)
    {
      g_free (parts[k].lines);
      g_free (parts[k].in_view);
    }
  g_free (pass.cells);
  if (cancelled)
    g_clear_pointer (&density, am_render_density_free);
  return density;
}

gboolean
am_render_density_wanted (const Density *density)
{
  return density->n_edges >= DENSITY_EDGES_PER_PIXEL * density->width * density->height;
}

static inline guint
tone_bin (float value)
{
  guint32 bits;

  memcpy (&bits, &value, sizeof bits);
  return bits >> BIN_SHIFT;
}

static inline float
bin_value (guint bin)
{
  /* The middle of the bin. */
  guint32 bits = (guint32) bin << BIN_SHIFT | 1u << (BIN_SHIFT - 1);
  float value;

  memcpy (&value, &bits, sizeof value);
  return value;
}

/* The image is toned in parts too, each a band of rows: first the
 * parts count their pixels by coverage, then they tone them. */
typedef struct
{
  const Density  *density;
  guint           first_row, end_row;
  guint          *counts;       /* pixels crossed, per tone bin */
  guint64         n_crossed;
  const guint8   *alphas;       /* per tone bin */
  const guint32  *colours;      /* per kind and alpha */
  guchar         *data;
  int             stride;
} TonePart;

static gpointer
count_bins_part (gpointer data)
{
  TonePart *part = data;
  gsize first = (gsize) part->first_row * part->density->width;
  gsize end = (gsize) part->end_row * part->density->width;

  part->counts = g_new0 (guint, N_BINS);
  for (gsize i = first; i < end; i++)
    {
      float value = part->density->pixels[i].total;

      if (value > 0 && isfinite (value))
        {
          part->counts[tone_bin (value)]++;
          part->n_crossed++;
        }
    }

  return NULL;
}

/* The coverage below which DENSITY_PERCENTILE of the pixels crossed lie,
 * from the counts of the parts. */
static double
find_top (const TonePart *parts,
          guint           n_parts)
{
  guint64 n_crossed = 0, below = 0;

  for (guint k = 0; k < n_parts; k++)
    n_crossed += parts[k].n_crossed;

  for (guint bin = 0; bin < N_BINS; bin++)
    {
      for (guint k = 0; k < n_parts; k++)
        below += parts[k].counts[bin];
      if (below > 0 && below >= DENSITY_PERCENTILE * n_crossed)
        return bin_value (bin);
    }

  return 0;
}

static gpointer
tone_part (gpointer data)
{
  TonePart *part = data;
  const Density *density = part->density;

  for (guint y = part->first_row; y < part->end_row; y++)
    {
      guint32 *row = (guint32 *) (gpointer) (part->data + (gsize) y * part->stride);
      gsize first = (gsize) y * density->width;

      for (guint x = 0; x < density->width; x++)
        {
          const DensityPixel *pixel = &density->pixels[first + x];

          row[x] = pixel->total > 0 && isfinite (pixel->total)
                   ? part->colours[pixel->kind * 256u + part->alphas[tone_bin (pixel->total)]]
                   : 0;
        }
    }

  return NULL;
}

double
am_render_density_alpha (double coverage,
                         double top)
{
  double t;

  if (!(coverage > 0))
    return 0;

  top = MAX (top, DENSITY_MIN_TOP);
  t = log1p (coverage * DENSITY_RANGE / top) / log1p (DENSITY_RANGE);
  return DENSITY_MAX_ALPHA * MIN (t, 1.0);
}

static inline guint32
premultiply (const AmColour *colour,
             guint           alpha)
{
  guint r = (guint) (CLAMP (colour->red, 0, 1) * alpha + 0.5);
  guint g = (guint) (CLAMP (colour->green, 0, 1) * alpha + 0.5);
  guint b = (guint) (CLAMP (colour->blue, 0, 1) * alpha + 0.5);

  return (guint32) alpha << 24 | r << 16 | g << 8 | b;
}

cairo_surface_t *
am_render_density_to_surface (const RenderContext *ctx,
                              const Density       *density,
                              double               resolution)
{
  g_autofree guint8 *alphas = g_new (guint8, N_BINS);
  g_autofree guint32 *colours = g_new (guint32, AM_N_EDGE_KINDS * 256);
  /* As the strokes would fade around a focus. */
  double fade = ctx->near_focus != NULL ? 0.15 : 1.0;
  guint n_parts = density->width * density->height >= MIN_PART_PIXELS ? N_PARTS : 1;
  TonePart parts[N_PARTS] = { { NULL } };
  cairo_surface_t *surface = NULL;
  double top;

  for (guint k = 0; k < n_parts; k++)
    {
      parts[k].density = density;
      parts[k].first_row = density->height * k / n_parts;
      parts[k].end_row = density->height * (k + 1) / n_parts;
    }
  run_parts (parts, sizeof *parts, n_parts, count_bins_part);
  top = find_top (parts, n_parts);

  for (guint bin = 0; bin < N_BINS; bin++)
    alphas[bin] = (guint8) (255 * fade * am_render_density_alpha (bin_value (bin), top) + 0.5);

  for (guint kind = 0; kind < AM_N_EDGE_KINDS; kind++)
    {
      AmEdgeStyle style;

      am_style_get_edge_style (ctx->style, kind, AM_STANCE_NONE, &style);
      for (guint alpha = 0; alpha < 256; alpha++)
        colours[kind * 256 + alpha] = premultiply (&style.colour, alpha);
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) density->width,
                                        (int) density->height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      goto out;
    }

  cairo_surface_flush (surface);
  for (guint k = 0; k < n_parts; k++)
    {
      parts[k].alphas = alphas;
      parts[k].colours = colours;
      parts[k].data = cairo_image_surface_get_data (surface);
      parts[k].stride = cairo_image_surface_get_stride (surface);
    }
  run_parts (parts, sizeof *parts, n_parts, tone_part);
  cairo_surface_mark_dirty (surface);
  cairo_surface_set_device_scale (surface, resolution, resolution);

out:
  for (guint k = 0; k < n_parts; k++)
    g_free (parts[k].counts);
  return surface;
}

cairo_surface_t *
am_render_edge_density (const AmGraph         *graph,
                        const AmRenderOptions *options,
                        double                 resolution,
                        GCancellable          *cancellable)
{
  g_autoptr(GString) scratch = NULL;
  cairo_surface_t *surface = NULL;
  guint n_candidates, width, height;
  RenderContext ctx;
  Density *density;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (!(resolution > 0 && isfinite (resolution)))
    return NULL;
  /* Not even every edge of the map would be enough: a small map is not
   * looked at further. */
  if (am_graph_get_n_edges (graph) < DENSITY_EDGES_PER_PIXEL * resolution * resolution *
                                     MAX (options->width, 0) * MAX (options->height, 0))
    return NULL;

  scratch = g_string_new (NULL);
  if (!am_render_context_init (&ctx, graph, options, NULL, scratch))
    return NULL;
  /* What am_render_context_init() would have taken from a painter. */
  ctx.pixel = 1 / resolution;

  /* Nor every edge the index finds in view. */
  n_candidates = ctx.visible_edges != NULL ? ctx.visible_edges->len : am_graph_get_n_edges (graph);
  if (!view_pixels (&ctx, resolution, &width, &height) ||
      n_candidates < DENSITY_EDGES_PER_PIXEL * width * height)
    {
      am_render_context_clear (&ctx);
      return NULL;
    }

  density = am_render_density_accumulate (&ctx, resolution, cancellable);
  if (density != NULL && am_render_density_wanted (density))
    surface = am_render_density_to_surface (&ctx, density, resolution);

  am_render_density_free (density);
  am_render_context_clear (&ctx);
  return surface;
}

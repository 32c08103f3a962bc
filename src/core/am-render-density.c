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

  pixel->total += weight;
  if (pixel->kind == kind)
    {
      pixel->lead += weight;
    }
  else if (pixel->lead >= weight)
    {
      pixel->lead -= weight;
    }
  else
    {
      pixel->kind = kind;
      pixel->lead = weight - pixel->lead;
    }
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
      int j = (int) floor (b0 + slope * ((lo + hi) / 2 - a0));

      if (hi > lo && j >= minor.first && j < minor.end)
        deposit (density, (gsize) i * major_stride + (gsize) j * minor_stride,
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

typedef struct
{
  double scale;             /* pixels per world unit */
  double offset_x;          /* pixels */
  double offset_y;
  float  weights[AM_N_EDGE_KINDS][AM_N_STANCES];
  gboolean any_hidden;

  /* The grid: cell (0, 0) starts at pixel (x0, y0). */
  float  x0, y0;
  int    columns, rows;
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
  guint32 index;
  guint8  kind;
} EdgePixels;

/* Edge @index in pixels; FALSE when it is not drawn or misses the view. */
static inline gboolean
edge_pixels (const RenderContext *ctx,
             const Pass          *pass,
             const AmEdge        *edge,
             guint                n_nodes,
             float                width,
             float                height,
             EdgePixels          *out)
{
  double sx, sy, tx, ty;
  guint kind, stance;

  if (edge->source >= n_nodes || edge->target >= n_nodes || edge->source == edge->target ||
      (pass->any_hidden && am_render_edge_hidden (ctx, edge)) ||
      !am_render_node_position (ctx, edge->source, &sx, &sy) ||
      !am_render_node_position (ctx, edge->target, &tx, &ty))
    return FALSE;

  out->x0 = (float) (sx * pass->scale + pass->offset_x);
  out->y0 = (float) (sy * pass->scale + pass->offset_y);
  out->x1 = (float) (tx * pass->scale + pass->offset_x);
  out->y1 = (float) (ty * pass->scale + pass->offset_y);
  if (!(MAX (out->x0, out->x1) >= 0 && MIN (out->x0, out->x1) <= width &&
        MAX (out->y0, out->y1) >= 0 && MIN (out->y0, out->y1) <= height) ||
      !isfinite (out->x0 + out->y0 + out->x1 + out->y1))
    return FALSE;

  kind = edge->kind < AM_N_EDGE_KINDS ? edge->kind : AM_EDGE_KIND_OTHER;
  stance = edge->stance < AM_N_STANCES ? edge->stance : AM_STANCE_NONE;
  out->weight = pass->weights[kind][stance];
  out->kind = (guint8) kind;
  return TRUE;
}

/* The cell of pixel (@x, @y); those outside count in the nearest. */
static inline float *
pass_cell (const Pass *pass,
           float       x,
           float       y)
{
  float column = (x - pass->x0) * (1.0f / DENSITY_CELL);
  float row = (y - pass->y0) * (1.0f / DENSITY_CELL);
  int c = (int) CLAMP (column, 0, pass->columns - 1);
  int r = (int) CLAMP (row, 0, pass->rows - 1);

  return &pass->cells[r * pass->columns + c];
}

/* Points along a line at which it is counted: one for a short line,
 * more for one that crosses several cells. */
static inline guint
line_samples (const EdgePixels *line,
              float            *length)
{
  float dx = line->x1 - line->x0, dy = line->y1 - line->y0;

  *length = sqrtf (dx * dx + dy * dy);
  return *length < 2 * DENSITY_CELL ? 1 : *length < 8 * DENSITY_CELL ? 2 : 4;
}

static void
count_line (Pass             *pass,
            const EdgePixels *line)
{
  float length;
  guint n = line_samples (line, &length);
  float amount = (float) (length * line->weight / (DENSITY_CELL * DENSITY_CELL) / n);

  for (guint k = 0; k < n; k++)
    {
      float t = (k + 0.5f) / n;

      *pass_cell (pass, line->x0 + (line->x1 - line->x0) * t,
                  line->y0 + (line->y1 - line->y0) * t) += amount;
    }
}

/* The share of the edges like @line that is added. */
static inline double
line_share (const Pass       *pass,
            const EdgePixels *line)
{
  float length, layers = 0;
  guint n = line_samples (line, &length);

  for (guint k = 0; k < n; k++)
    {
      float t = (k + 0.5f) / n;

      layers += *pass_cell (pass, line->x0 + (line->x1 - line->x0) * t,
                            line->y0 + (line->y1 - line->y0) * t);
    }
  layers /= n;

  return layers > DENSITY_MOST ? DENSITY_MOST / layers : 1;
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
  pass->any_hidden = ctx->options->hidden_edge_kinds != 0 || !ctx->options->show_issues;

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
  pass->x0 = (float) (pass->offset_x - (floor (pass->offset_x / DENSITY_CELL) + 1) *
                      DENSITY_CELL);
  pass->y0 = (float) (pass->offset_y - (floor (pass->offset_y / DENSITY_CELL) + 1) *
                      DENSITY_CELL);
  pass->columns = (int) ((density->width - pass->x0) / DENSITY_CELL) + 1;
  pass->rows = (int) ((density->height - pass->y0) / DENSITY_CELL) + 1;
  pass->cells = g_new0 (float, (gsize) pass->columns * pass->rows);
}

/* The edges are looked at in parts on threads of their own: each puts
 * the lines in view of its range of edges into its own place of an array
 * and counts them in its own grid. */
#define MIN_PART_EDGES 65536
#define N_PARTS        2

typedef struct _Part
{
  const RenderContext *ctx;
  Pass                 pass;      /* with cells of its own */
  const AmEdge        *edges;
  guint                n_nodes;
  float                width, height;
  guint                first, end;    /* of the candidates */
  EdgePixels          *lines;         /* from the first candidate's place */
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

static gpointer
collect_part (gpointer data)
{
  Part *part = data;
  const GArray *visible = part->ctx->visible_edges;

  for (guint i = part->first; i < part->end; i++)
    {
      guint index = visible != NULL ? g_array_index (visible, guint32, i) : i;
      EdgePixels *line = &part->lines[part->n_lines];

      if ((i - part->first) % CHECK_EVERY == 0 && g_cancellable_is_cancelled (part->cancellable))
        {
          part->cancelled = TRUE;
          break;
        }
      if (!edge_pixels (part->ctx, &part->pass, &part->edges[index], part->n_nodes,
                        part->width, part->height, line))
        continue;

      line->index = index;
      count_line (&part->pass, line);
      part->n_lines++;
    }

  return NULL;
}

/* Keeps those of the part's lines that are drawn, weighed for those
 * left out. */
static gpointer
thin_part (gpointer data)
{
  Part *part = data;
  guint n_kept = 0;

  for (guint i = 0; i < part->n_lines; i++)
    {
      EdgePixels line = part->lines[i];
      double share = line_share (&part->pass, &line);

      if (share < 1 && am_render_edge_lot (line.index) >= share)
        continue;
      line.weight = (float) (line.weight / share);
      part->lines[n_kept++] = line;
    }
  part->n_lines = n_kept;

  return NULL;
}

static gpointer
draw_part (gpointer data)
{
  Part *part = data;

  for (guint k = 0; k < part->n_all; k++)
    for (guint i = 0; i < part->all[k].n_lines; i++)
      {
        const EdgePixels *line = &part->all[k].lines[i];

        add_line_to_rows (part->density, part->rows, line->x0, line->y0, line->x1, line->y1,
                          line->weight, line->kind);
      }

  return NULL;
}

/* Runs @func on each part, on threads of their own; without a thread,
 * in turn. */
static void
run_parts (Part        *parts,
           guint        n_parts,
           GThreadFunc  func)
{
  GThread *threads[N_PARTS] = { NULL };

  for (guint k = 1; k < n_parts; k++)
    threads[k] = g_thread_try_new ("density", func, &parts[k], NULL);
  for (guint k = 0; k < n_parts; k++)
    if (threads[k] == NULL)
      func (&parts[k]);
  for (guint k = 1; k < n_parts; k++)
    if (threads[k] != NULL)
      g_thread_join (threads[k]);
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
  guint n_parts = n_candidates >= MIN_PART_EDGES ? N_PARTS : 1;
  g_autofree EdgePixels *lines = NULL;
  gsize n_cells;
  Part parts[N_PARTS];
  gboolean cancelled = FALSE;
  guint width, height;
  Density *density;
  Pass pass;

  if (!view_pixels (ctx, resolution, &width, &height))
    return NULL;

  density = am_render_density_new (width, height);
  pass_init (&pass, ctx, density, resolution);
  n_cells = (gsize) pass.columns * pass.rows;

  /* Once over the edges, which are many and scattered, then over the
   * lines in view, packed. */
  lines = g_new (EdgePixels, MAX (n_candidates, 1));
  for (guint k = 0; k < n_parts; k++)
    {
      Part *part = &parts[k];

      part->ctx = ctx;
      part->pass = pass;
      part->pass.cells = k == 0 ? pass.cells : g_new0 (float, n_cells);
      part->edges = (const AmEdge *) (gconstpointer) ctx->graph->edges->data;
      part->n_nodes = am_graph_get_n_nodes (ctx->graph);
      part->width = width;
      part->height = height;
      part->first = (guint) ((guint64) n_candidates * k / n_parts);
      part->end = (guint) ((guint64) n_candidates * (k + 1) / n_parts);
      part->lines = lines + part->first;
      part->n_lines = 0;
      part->cancellable = cancellable;
      part->cancelled = FALSE;
      part->rows.first = (int) (height * k / n_parts);
      part->rows.end = (int) (height * (k + 1) / n_parts);
      part->all = parts;
      part->n_all = n_parts;
      part->density = density;
    }
  run_parts (parts, n_parts, collect_part);

  /* The line counted by all parts, seen by each. */
  for (guint k = 0; k < n_parts; k++)
    {
      cancelled |= parts[k].cancelled;
      density->n_edges += parts[k].n_lines;
      if (k > 0)
        {
          for (gsize c = 0; c < n_cells; c++)
            pass.cells[c] += parts[k].pass.cells[c];
          g_free (parts[k].pass.cells);
          parts[k].pass.cells = pass.cells;
        }
    }

  /* Then the lines are thinned, and drawn, each part into rows of its
   * own. */
  if (!cancelled)
    {
      run_parts (parts, n_parts, thin_part);
      run_parts (parts, n_parts, draw_part);
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

/* The coverage below which DENSITY_PERCENTILE of the pixels crossed lie. */
static double
find_top (const Density *density)
{
  g_autofree guint *counts = g_new0 (guint, N_BINS);
  gsize n = (gsize) density->width * density->height;
  guint64 n_crossed = 0, below = 0;

  for (gsize i = 0; i < n; i++)
    {
      float value = density->pixels[i].total;

      if (value > 0 && isfinite (value))
        {
          counts[tone_bin (value)]++;
          n_crossed++;
        }
    }

  for (guint bin = 0; bin < N_BINS; bin++)
    {
      below += counts[bin];
      if (below > 0 && below >= DENSITY_PERCENTILE * n_crossed)
        return bin_value (bin);
    }

  return 0;
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
  double top = find_top (density);
  cairo_surface_t *surface;
  guchar *data;
  int stride;

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
      cairo_surface_destroy (surface);
      return NULL;
    }

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (guint y = 0; y < density->height; y++)
    {
      guint32 *row = (guint32 *) (gpointer) (data + (gsize) y * stride);
      gsize first = (gsize) y * density->width;

      for (guint x = 0; x < density->width; x++)
        {
          const DensityPixel *pixel = &density->pixels[first + x];

          row[x] = pixel->total > 0 && isfinite (pixel->total)
                   ? colours[pixel->kind * 256u + alphas[tone_bin (pixel->total)]]
                   : 0;
        }
    }
  cairo_surface_mark_dirty (surface);
  cairo_surface_set_device_scale (surface, resolution, resolution);

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

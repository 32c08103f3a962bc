/* am-render-edges.c: which edges are drawn, where their lines run and how
 * they look
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "am-render-private.h"
#include "am-vocabulary.h"

/* Lengths in world units. */
#define PARALLEL_SPACING 14.0
#define ARROW_LENGTH     7.5

/* Metadata */

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

  id = am_description_edge_group_id (edge, index);
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

void
am_render_edge_paint (const RenderContext *ctx,
                      const AmEdge        *edge,
                      gboolean             emphasised,
                      EdgePaint           *paint)
{
  AmEdgeStyle style;

  am_style_get_edge_style (ctx->style, edge->kind < AM_N_EDGE_KINDS ? edge->kind : 0,
                           edge->stance < AM_N_STANCES ? edge->stance : 0, &style);
  am_style_apply_certainty (am_edge_get_certainty (edge), &style);

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
gboolean
am_render_edge_line (const RenderContext *ctx,
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

/* How many edges a line to a collapsed group stands for, halfway. */
static void
draw_merged_count (RenderContext  *ctx,
                   const EdgeLine *line,
                   guint32         count)
{
  char text[16];
  double x = (line->x0 + line->x1) / 2, y = (line->y0 + line->y1) / 2;
  double size = AM_STYLE_LABEL_SIZE * ctx->scale;

  if (line->curved)
    {
      x = (line->x0 + 3 * line->c1x + 3 * line->c2x + line->x1) / 8;
      y = (line->y0 + 3 * line->c1y + 3 * line->c2y + line->y1) / 8;
    }

  g_snprintf (text, sizeof text, "%u", count);
  am_painter_set_fill (ctx->painter, &ctx->style->text);
  am_painter_text (ctx->painter, x, y + size / 3, text, size, PANGO_WEIGHT_BOLD,
                   AM_TEXT_ANCHOR_MIDDLE, &ctx->style->halo, AM_STYLE_HALO_WIDTH * ctx->scale);
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

  if (!am_render_node_box (ctx, am_render_shown_node (ctx->options, edge->source), &from) ||
      !am_render_node_box (ctx, am_render_shown_node (ctx->options, edge->target), &to))
    return;

  begin_edge_group (ctx, slot->edge);
  am_render_edge_paint (ctx, edge, emphasised, &paint);
  if (slot->weight != 1)
    paint.colour.alpha = 1 - pow (1 - paint.colour.alpha, slot->weight);
  apply_edge_paint (ctx, &paint);

  if (am_render_edge_line (ctx, slot, &from, &to, &paint, &line))
    {
      am_painter_move_to (painter, line.x0, line.y0);
      if (line.curved)
        am_painter_curve_to (painter, line.c1x, line.c1y, line.c2x, line.c2y, line.x1, line.y1);
      else
        am_painter_line_to (painter, line.x1, line.y1);
      am_painter_paint (painter, AM_PAINT_STROKE | (ctx->far ? AM_PAINT_ROUGH : 0));

      if (line.arrow)
        draw_arrow (painter, line.tip_x, line.tip_y, line.ux, line.uy, paint.arrow);
      if (slot->merged > 1)
        draw_merged_count (ctx, &line, slot->merged);
    }

  end_edge_group (ctx);
}

gboolean
am_render_edge_hidden (const RenderContext *ctx,
                       const AmEdge        *edge)
{
  guint kind = edge->kind < AM_N_EDGE_KINDS ? edge->kind : AM_EDGE_KIND_OTHER;
  guint n_nodes = am_graph_get_n_nodes (ctx->graph);

  if ((ctx->options->hidden_edge_kinds & (1u << kind)) != 0)
    return TRUE;

  return !ctx->options->show_issues && edge->source < n_nodes && edge->target < n_nodes &&
         (am_render_node_hidden (ctx->options, am_graph_get_node (ctx->graph, edge->source)) ||
          am_render_node_hidden (ctx->options, am_graph_get_node (ctx->graph, edge->target)));
}

/* Order */

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
void
am_render_rank_parallels (GArray *slots)
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

/* Adds @index to @slots when it is drawn and its line, or its curve,
 * may pass through the device rectangle (@x0, @y0)–(@x1, @y1); with
 * @cull FALSE, wherever it is. */
void
am_render_add_edge_slot (const RenderContext *ctx,
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
  guint32 source, target;
  EdgeSlot slot;

  if (edge->source >= n_nodes || edge->target >= n_nodes || am_render_edge_hidden (ctx, edge))
    return;

  /* An edge inside a collapsed group is hidden with it; one from
   * inside to out goes to the group. */
  source = am_render_shown_node (ctx->options, edge->source);
  target = am_render_shown_node (ctx->options, edge->target);
  if (source == target && edge->source != edge->target)
    return;

  if (!am_render_node_position (ctx, source, &sx, &sy) ||
      !am_render_node_position (ctx, target, &tx, &ty))
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

  slot.pair = (guint64) MIN (source, target) << 32 | MAX (source, target);
  slot.edge = index;
  slot.rank = 0;
  slot.n_rank = 1;
  slot.weight = 1;
  slot.merged = source != edge->source || target != edge->target ? 1 : 0;

  if (ctx->coverage != NULL &&
      !am_render_coverage_keeps (ctx->coverage, index, (sx - ctx->offset_x) / ctx->scale,
                                 (sy - ctx->offset_y) / ctx->scale,
                                 (tx - ctx->offset_x) / ctx->scale,
                                 (ty - ctx->offset_y) / ctx->scale,
                                 ctx->scale / ctx->pixel, &slot.weight))
    return;
  /* Edges drawn alike are stroked together: the same kind, stance and
   * certainty. */
  slot.style = (guint32) am_edge_get_certainty (edge) << 16 | (guint32) edge->kind << 8 | edge->stance;
  g_array_append_val (slots, slot);
}

/* The edges between a collapsed group and one node outside it are drawn
 * as one line with their count; @slots are sorted by pair. */
static void
merge_rerouted (GArray *slots)
{
  guint kept = 0;

  for (guint i = 0; i < slots->len;)
    {
      EdgeSlot first = g_array_index (slots, EdgeSlot, i);
      guint j = i + 1;
      gboolean rerouted = first.merged > 0;

      while (j < slots->len && g_array_index (slots, EdgeSlot, j).pair == first.pair)
        rerouted |= g_array_index (slots, EdgeSlot, j++).merged > 0;

      if (rerouted)
        {
          first.merged = j - i;
          first.rank = 0;
          first.n_rank = 1;
          g_array_index (slots, EdgeSlot, kept++) = first;
        }
      else
        {
          for (guint k = i; k < j; k++)
            g_array_index (slots, EdgeSlot, kept++) = g_array_index (slots, EdgeSlot, k);
        }
      i = j;
    }
  g_array_set_size (slots, kept);
}

/* The edges to draw, each with its place among its parallels. */
GArray *
am_render_collect_edges (RenderContext *ctx)
{
  const AmGraph *graph = ctx->graph;
  guint n_edges = am_graph_get_n_edges (graph);
  /* Far out, parallels and loops would be drawn less than half a pixel
   * apart: they need no numbering, and go into am_render_merge_slots()
   * as one. */
  gboolean far = ctx->far;
  Coverage coverage = { 0 };
  GArray *slots;

  /* Thinning needs no parallels told apart, but holds at any zoom: zoomed
   * in on a hairball, the lines still pile up. */
  if (ctx->lod && ctx->near_focus == NULL && am_render_coverage_init (ctx, &coverage))
    ctx->coverage = &coverage;

  /* Most edges may be left out: no room for all of them up front, whose
   * pages alone would take longer to come than drawing the rest. */
  if (ctx->visible_edges != NULL)
    {
      slots = g_array_sized_new (FALSE, FALSE, sizeof (EdgeSlot),
                                 ctx->coverage != NULL ? MIN (ctx->visible_edges->len, 1u << 16)
                                                       : ctx->visible_edges->len);
      for (guint i = 0; i < ctx->visible_edges->len; i++)
        am_render_add_edge_slot (ctx, g_array_index (ctx->visible_edges, guint32, i), ctx->cull,
                                 ctx->view_x0, ctx->view_y0, ctx->view_x1, ctx->view_y1, slots);
    }
  else
    {
      slots = g_array_sized_new (FALSE, FALSE, sizeof (EdgeSlot),
                                 MIN (n_edges, ctx->coverage != NULL ? 1u << 16 : 1u << 20));
      for (guint i = 0; i < n_edges; i++)
        am_render_add_edge_slot (ctx, i, ctx->cull,
                                 ctx->view_x0, ctx->view_y0, ctx->view_x1, ctx->view_y1, slots);
    }

  ctx->coverage = NULL;
  g_free (coverage.coverage);

  if (far)
    {
      sort_slots_by_style (slots);
      am_render_merge_slots (ctx, slots);
      return slots;
    }

  /* Parallels are numbered among the drawn edges of their pair, which
   * all have the same ends and so are culled or kept together. */
  am_render_rank_parallels (slots);
  if (ctx->options->shown_as != NULL)
    merge_rerouted (slots);

  /* Which edge is drawn over which matters little, and a painter that
   * draws edges of the same style together is much faster. An SVG keeps
   * the parallels of a pair next to each other instead. */
  if (!ctx->painter->wants_metadata)
    sort_slots_by_style (slots);

  return slots;
}

/* Only the edges of the focus, for a frame whose others are drawn apart. */
GArray *
am_render_collect_focus_edges (RenderContext *ctx)
{
  GArray *slots = g_array_new (FALSE, FALSE, sizeof (EdgeSlot));
  const guint32 *edges;
  guint n_edges;

  if (ctx->near_focus == NULL)
    return slots;

  edges = am_graph_get_node_edges (ctx->graph, ctx->focus, &n_edges);
  for (guint i = 0; i < n_edges; i++)
    am_render_add_edge_slot (ctx, edges[i], ctx->cull,
                             ctx->view_x0, ctx->view_y0, ctx->view_x1, ctx->view_y1, slots);
  am_render_rank_parallels (slots);

  return slots;
}

void
am_render_draw_edges (RenderContext *ctx,
                      GArray        *slots,
                      gboolean       emphasised)
{
  for (guint i = 0; i < slots->len; i++)
    {
      const EdgeSlot *slot = &g_array_index (slots, EdgeSlot, i);
      const AmEdge *edge = am_graph_get_edge (ctx->graph, slot->edge);
      gboolean touches_focus = ctx->near_focus != NULL &&
                               (am_render_shown_node (ctx->options, edge->source) == ctx->focus ||
                                am_render_shown_node (ctx->options, edge->target) == ctx->focus);

      if (touches_focus == emphasised)
        draw_edge (ctx, slot, emphasised);
    }
}

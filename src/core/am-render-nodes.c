/* am-render-nodes.c: where nodes are and how they are drawn, one by one
 * or, far out, in batches of a colour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "am-render-private.h"
#include "am-vocabulary.h"

/* On a raster, labels smaller than this (pixels) are not drawn: too
 * small to read. */
#define MIN_LABEL_SIZE 4.0

/* With level of detail, nodes smaller than this (pixels) are drawn
 * together by colour, and no longer each over the one before. */
#define LOD_BATCHED_NODE 1.5
/* Their labels are never drawn, so the nodes drawn in batches are done
 * with. */
G_STATIC_ASSERT (LOD_BATCHED_NODE <= MIN_LABELLED_NODE);

float *
am_render_pack_positions (const AmGraph *graph)
{
  guint n_nodes = am_graph_get_n_nodes (graph);
  float *positions = g_new (float, 2 * (gsize) n_nodes);

  for (guint i = 0; i < n_nodes; i++)
    {
      const AmNode *node = am_graph_get_node (graph, i);
      gboolean placed = am_render_node_has_position (node);

      positions[2 * i] = placed ? (float) node->x : NAN;
      positions[2 * i + 1] = placed ? (float) node->y : NAN;
    }

  return positions;
}

/* Where @index is drawn, in device units; FALSE when it has no place
 * or is not drawn. */
gboolean
am_render_node_box (const RenderContext *ctx,
                    guint                index,
                    NodeBox             *box)
{
  const AmNode *node = am_graph_get_node (ctx->graph, index);
  double width, height;

  if (!am_render_node_has_position (node) || am_render_node_hidden (ctx->options, node) ||
      am_render_shown_node (ctx->options, index) != index)
    return FALSE;

  box->x = node->x * ctx->scale + ctx->offset_x;
  box->y = node->y * ctx->scale + ctx->offset_y;
  if (!isfinite (box->x) || !isfinite (box->y))
    return FALSE;

  if (am_render_node_collapsed (ctx->options, index))
    am_render_collapsed_size (ctx, index, &width, &height);
  else
    am_style_get_node_shape_size (node, &width, &height);
  box->width = width * ctx->scale;
  box->height = height * ctx->scale;
  box->shape = am_render_node_shape (node);

  return TRUE;
}
void
am_render_path_shape (AmPainter *painter,
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

    case AM_SHAPE_GROUP_BOX:
      am_painter_rect (painter, cx - a, cy - b, width, height,
                       AM_STYLE_GROUP_RADIUS (width, height));
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

static AmColour
node_fill (const RenderContext *ctx,
           guint                index)
{
  const AmNode *node = am_graph_get_node (ctx->graph, index);

  AmColour fill;

  if (ctx->lens_stances != NULL && node->kind != AM_NODE_KIND_ISSUE)
    return am_render_lens_colour (ctx->style, ctx->lens_stances[index]);

  fill = am_style_get_node_fill (ctx->style, ctx->affiliations, ctx->graph, index);
  /* A box the layout drew around members is a backdrop to them: pale,
   * so that they and the edges inside it stand out. */
  if ((node->flags & AM_NODE_GROUP_FITTED) && !(node->flags & AM_NODE_HAS_FILL))
    fill = am_colour_mix (&fill, &ctx->style->background, AM_RENDER_GROUP_PALENESS);
  return fill;
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
 * it was drawn: being small, it has no label. */
guint8 *
am_render_draw_small_nodes (RenderContext *ctx)
{
  const AmRenderOptions *options = ctx->options;
  guint n_nodes = am_graph_get_n_nodes (ctx->graph);
  g_autoptr(GHashTable) by_colour = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) batches = g_array_new (FALSE, FALSE, sizeof (NodeBatch));
  double outline_width = MAX (AM_STYLE_OUTLINE_WIDTH * ctx->scale, 0.5 * ctx->pixel);
  double speck_size = 1.5 * ctx->pixel;
  guint8 *drawn = g_new0 (guint8, n_nodes);
  AmPainterPixels pixels;
  /* Where the painter lets them, specks go straight into its pixels,
   * each as it comes: nothing is batched. */
  gboolean direct = am_painter_begin_pixels (ctx->painter, &pixels);
  AmColour last_fill = { -1, -1, -1, -1 };
  SpeckInk ink = { 0 };

  g_array_set_clear_func (batches, node_batch_clear);

  for (guint i = 0; i < n_nodes; i++)
    {
      NodeBox box;
      AmColour fill;
      gboolean speck;
      guint32 key;
      gpointer found;
      guint batch;
      double extent, half_width, half_height;

      if (!am_render_maybe_visible (ctx, i) ||
          i == options->selected_node || i == options->hover_node ||
          !am_render_node_box (ctx, i, &box) || box.shape == AM_SHAPE_GROUP_BOX)
        continue;

      extent = MAX (box.width, box.height) / ctx->pixel;
      speck = extent < 1.5;
      /* A speck is larger than the node: culled as the node, one just
       * past a band's edge would be missing from the band. */
      half_width = (speck ? MAX (box.width, speck_size) : box.width) / 2;
      half_height = (speck ? MAX (box.height, speck_size) : box.height) / 2;
      if (extent >= LOD_BATCHED_NODE ||
          !am_render_box_visible (ctx, box.x - half_width, box.y - half_height,
                                  box.x + half_width, box.y + half_height))
        continue;

      fill = node_fill (ctx, i);
      drawn[i] = TRUE;
      if (speck && direct)
        {
          if (memcmp (&fill, &last_fill, sizeof fill) != 0)
            {
              am_render_speck_ink_init (&ink, &fill);
              last_fill = fill;
            }
          am_render_paint_speck (&pixels, &ink, box.x, box.y, speck_size);
          continue;
        }

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
    }
  if (direct)
    am_painter_end_pixels (ctx->painter);

  am_painter_set_dash (ctx->painter, NULL, 0);
  for (guint b = 0; b < batches->len; b++)
    {
      const NodeBatch *batch = &g_array_index (batches, NodeBatch, b);
      AmColour outline = am_style_get_outline (ctx->style, &batch->fill);
      double speck = speck_size;

      am_painter_set_fill (ctx->painter, &batch->fill);
      am_painter_set_stroke (ctx->painter, &outline, outline_width);
      for (guint k = 0; k < batch->nodes->len; k++)
        {
          NodeBox box;

          am_render_node_box (ctx, g_array_index (batch->nodes, guint32, k), &box);
          if (batch->speck)
            am_painter_rect (ctx->painter, box.x - speck / 2, box.y - speck / 2, speck, speck, 0);
          else
            am_render_path_shape (ctx->painter, box.shape, box.x, box.y, box.width, box.height);
        }
      am_painter_paint (ctx->painter, batch->speck ? AM_PAINT_FILL
                                                   : AM_PAINT_FILL | AM_PAINT_STROKE);
    }

  return drawn;
}

void
am_render_draw_node (RenderContext *ctx,
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
  AmPaintFlags hints = ctx->lod && emphasis == NODE_NORMAL ? AM_PAINT_STAMP : 0;
  NodeBox box;

  if (!am_render_node_box (ctx, index, &box))
    return;

  extent = MAX (box.width, box.height) / ctx->pixel;
  if (!ctx->screen_labels && extent >= MIN_LABELLED_NODE &&
      (painter->scalable ||
       AM_STYLE_LABEL_SIZE * ctx->scale / ctx->pixel >=
       (ctx->lod ? LOD_MIN_LABEL_SIZE : MIN_LABEL_SIZE)))
    label = am_render_node_label (ctx, index);
  else
    label = "";

  /* Culling: the label's width is only known after measuring, which is
   * what culling should spare; the measured box, or a generous guess,
   * stands in for it. */
  label_half_width = (node->width > 0 && !(node->flags & AM_NODE_HAS_SIZE)
                      ? node->width : AM_GEOMETRY_LONGEST_LABEL) * ctx->scale / 2;
  label_bottom = box.height / 2 + AM_GEOMETRY_LABEL_DEPTH * ctx->scale;
  if (!am_render_box_visible (ctx,
                              box.x - MAX (box.width / 2, label_half_width),
                              box.y - box.height / 2,
                              box.x + MAX (box.width / 2, label_half_width),
                              box.y + label_bottom))
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
      id = am_description_node_group_id (node, index);
      am_painter_begin_group (painter, css_class, id, am_description_node_name (node));
    }

  if (extent < 1.5)
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
          am_render_path_shape (painter, box.shape, box.x, box.y,
                                box.width + 2 * gap, box.height + 2 * gap);
          am_painter_paint (painter, AM_PAINT_STROKE | hints);
        }

      am_painter_set_fill (painter, &fill);
      am_painter_set_stroke (painter, &outline,
                             MAX (AM_STYLE_OUTLINE_WIDTH * ctx->scale, 0.5 * ctx->pixel));
      am_render_path_shape (painter, box.shape, box.x, box.y, box.width, box.height);
      am_painter_paint (painter, AM_PAINT_FILL | AM_PAINT_STROKE | hints);
    }

  if (*label != '\0')
    {
      double size = AM_STYLE_LABEL_SIZE * ctx->scale;
      double baseline = box.y + box.height / 2 +
                        (AM_STYLE_LABEL_GAP + ctx->measurer->ascent * AM_STYLE_LABEL_SIZE) *
                        ctx->scale;

      /* A group's name heads its box, inside. */
      if (box.shape == AM_SHAPE_GROUP_BOX)
        baseline = box.y - box.height / 2 +
                   (AM_STYLE_LABEL_GAP + ctx->measurer->ascent * AM_STYLE_LABEL_SIZE) * ctx->scale;
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

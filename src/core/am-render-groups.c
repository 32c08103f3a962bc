/* am-render-groups.c: the boxes of groups, fitted around their members
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A group the file gives a box (yEd's group nodes) keeps it. Any other
 * group is drawn as a box around its members' boxes, with room for its
 * name in a header row: fitted after layout, and again whenever a member
 * moves. The layout asks for the same box while it places groups as
 * units, so that what it reserves is what gets drawn.
 */

#include "config.h"

#include <math.h>

#include "am-groups.h"
#include "am-render-private.h"

static gboolean
is_fitted (const AmNode *node)
{
  return (node->flags & AM_NODE_IS_GROUP) &&
         ((node->flags & AM_NODE_GROUP_FITTED) || !(node->flags & AM_NODE_HAS_SIZE));
}

void
am_render_group_member_extent (const AmNode *node,
                               double        extent[4])
{
  double half_w = isfinite (node->width) && node->width > 0 ? node->width / 2.0
                                                            : AM_RENDER_GROUP_DEFAULT_SIDE / 2;
  double half_h = isfinite (node->height) && node->height > 0 ? node->height / 2.0
                                                              : AM_RENDER_GROUP_DEFAULT_SIDE / 2;

  extent[0] = node->x - half_w;
  extent[1] = node->y - half_h;
  extent[2] = node->x + half_w;
  extent[3] = node->y + half_h;
}

void
am_render_group_box (const AmGraph *graph,
                     guint          group,
                     const double   content[4],
                     double         box[4])
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  const AmNode *node;
  Measurer *measurer = am_render_get_measurer ();
  double header = AM_STYLE_LABEL_GAP + am_render_label_line_height (measurer);
  double label_width = 0, width;
  const char *label;

  g_return_if_fail (graph != NULL);
  g_return_if_fail (group < am_graph_get_n_nodes (graph));

  node = am_graph_get_node (graph, group);
  label = am_render_display_label (node->label, scratch);
  if (*label != '\0')
    label_width = am_render_measure_text (measurer, label, AM_STYLE_LABEL_SIZE,
                                          PANGO_WEIGHT_NORMAL) + AM_STYLE_HALO_WIDTH;

  if (content[0] > content[2] || content[1] > content[3])
    {
      /* An empty group: its name alone, where it stands. */
      double cx = am_render_node_has_position (node) ? node->x : 0;
      double cy = am_render_node_has_position (node) ? node->y : 0;
      double side = AM_RENDER_GROUP_DEFAULT_SIDE / 2;

      box[0] = cx - side;
      box[1] = cy - side;
      box[2] = cx + side;
      box[3] = cy + side;
    }
  else
    {
      box[0] = content[0];
      box[1] = content[1];
      box[2] = content[2];
      box[3] = content[3];
    }

  box[0] -= AM_RENDER_GROUP_PADDING;
  box[2] += AM_RENDER_GROUP_PADDING;
  box[1] -= AM_RENDER_GROUP_PADDING + header;
  box[3] += AM_RENDER_GROUP_PADDING;

  /* A long name widens the box evenly on both sides. */
  width = label_width + 2 * AM_RENDER_GROUP_PADDING;
  if (box[2] - box[0] < width)
    {
      double grow = (width - (box[2] - box[0])) / 2;

      box[0] -= grow;
      box[2] += grow;
    }
}

/* Each group's members, in node order: those of group g are
 * members[offsets[g]] up to members[offsets[g + 1]]. */
typedef struct
{
  guint *offsets;
  guint *members;
} Membership;

static void
membership_init (Membership    *self,
                 const guint32 *parents,
                 guint          n_nodes)
{
  g_autofree guint *fill = NULL;

  self->offsets = g_new0 (guint, n_nodes + 1);
  self->members = g_new (guint, MAX (n_nodes, 1));
  for (guint i = 0; i < n_nodes; i++)
    if (parents[i] != AM_NO_INDEX)
      self->offsets[parents[i] + 1]++;
  for (guint g = 0; g < n_nodes; g++)
    self->offsets[g + 1] += self->offsets[g];

  fill = g_memdup2 (self->offsets, sizeof (guint) * n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    if (parents[i] != AM_NO_INDEX)
      self->members[fill[parents[i]]++] = i;
}

static void
fit_group (AmGraph          *graph,
           guint32           group,
           const Membership *membership)
{
  AmNode *node;
  double content[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  double box[4];

  for (guint k = membership->offsets[group]; k < membership->offsets[group + 1]; k++)
    {
      const AmNode *member = am_graph_get_node (graph, membership->members[k]);
      double extent[4];

      if (!am_render_node_has_position (member))
        continue;
      am_render_group_member_extent (member, extent);
      content[0] = MIN (content[0], extent[0]);
      content[1] = MIN (content[1], extent[1]);
      content[2] = MAX (content[2], extent[2]);
      content[3] = MAX (content[3], extent[3]);
    }

  node = am_graph_get_node (graph, group);
  if (content[0] > content[2] && !am_render_node_has_position (node))
    return;

  am_render_group_box (graph, group, content, box);
  node->x = (box[0] + box[2]) / 2;
  node->y = (box[1] + box[3]) / 2;
  node->width = (float) (box[2] - box[0]);
  node->height = (float) (box[3] - box[1]);
  node->flags |= AM_NODE_GROUP_FITTED | AM_NODE_HAS_SIZE;
}

gboolean
am_render_fit_groups (AmGraph *graph)
{
  g_autofree guint32 *parents = NULL;
  g_autofree guint32 *order = NULL;
  Membership membership = { NULL, NULL };
  guint n_groups = 0;
  gboolean any = FALSE;

  g_return_val_if_fail (graph != NULL, FALSE);

  parents = am_groups_find_parents (graph);
  order = am_groups_innermost_first (graph, parents, &n_groups);
  if (n_groups == 0)
    return FALSE;

  membership_init (&membership, parents, am_graph_get_n_nodes (graph));
  for (guint k = 0; k < n_groups; k++)
    if (is_fitted (am_graph_get_node (graph, order[k])))
      {
        fit_group (graph, order[k], &membership);
        any = TRUE;
      }
  g_free (membership.offsets);
  g_free (membership.members);

  return any;
}

void
am_render_draw_group_boxes (RenderContext *ctx)
{
  AmPainter *painter = ctx->painter;
  guint n_nodes = am_graph_get_n_nodes (ctx->graph);
  gboolean begun = FALSE;

  /* In node order: the reader gives a group its number before its
   * members, so an outer box is drawn before the boxes inside it. */
  for (guint i = 0; i < n_nodes; i++)
    {
      NodeEmphasis emphasis = NODE_NORMAL;

      if (!am_render_node_is_box (am_graph_get_node (ctx->graph, i)) ||
          !am_render_maybe_visible (ctx, i))
        continue;

      if (ctx->near_focus != NULL)
        emphasis = i == ctx->focus ? NODE_FOCUS
                   : ctx->near_focus[i] ? NODE_NEIGHBOUR : NODE_FADED;

      if (!begun && painter->wants_metadata)
        am_painter_begin_group (painter, "groups", NULL, NULL);
      begun = TRUE;
      am_render_draw_node (ctx, i, emphasis);
    }

  if (begun && painter->wants_metadata)
    am_painter_end_group (painter);
}

/* Collapsed groups */

const char *
am_render_node_label (const RenderContext *ctx,
                      guint                index)
{
  const AmNode *node = am_graph_get_node (ctx->graph, index);
  const char *label = am_render_display_label (node->label, ctx->scratch);
  g_autofree char *name = NULL;

  if (!am_render_node_collapsed (ctx->options, index))
    return label;

  name = g_strdup (label);
  g_string_printf (ctx->scratch, "%s (%u)", name, ctx->options->hidden_counts[index]);
  return ctx->scratch->str;
}

void
am_render_collapsed_size (const RenderContext *ctx,
                          guint                index,
                          double              *width,
                          double              *height)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  RenderContext label_ctx = *ctx;
  double header = AM_STYLE_LABEL_GAP + am_render_label_line_height (ctx->measurer);
  const char *label;

  /* Its own scratch: the caller may be holding a label in ctx's. */
  label_ctx.scratch = scratch;
  label = am_render_node_label (&label_ctx, index);
  *width = am_render_measure_text (ctx->measurer, label, AM_STYLE_LABEL_SIZE, PANGO_WEIGHT_NORMAL) +
           AM_STYLE_HALO_WIDTH + 2 * AM_RENDER_GROUP_PADDING;
  /* The name heads the box, as in an open one. */
  *height = header + 2 * AM_RENDER_GROUP_PADDING;
}

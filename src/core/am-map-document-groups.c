/* am-map-document-groups.c: groups that follow their members, and groups
 * collapsed to one node
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A group's box is refitted whenever its members move, and moving the
 * group moves its members with it, in the same step of the history.
 * Which groups are collapsed is view state: it is never saved, and the
 * graph does not know of it. Views draw each node as shown_as says.
 */

#include "config.h"

#include "am-groups.h"
#include "am-map-document-private.h"
#include "am-render.h"

void
_am_map_document_init_groups (AmMapDocument *self)
{
  self->group_parents = am_groups_find_parents (self->graph);
}

void
_am_map_document_clear_groups (AmMapDocument *self)
{
  g_clear_pointer (&self->group_parents, g_free);
  g_clear_pointer (&self->collapsed, g_free);
  g_clear_pointer (&self->shown_as, g_free);
  g_clear_pointer (&self->hidden_counts, g_free);
}

gboolean
_am_map_document_refit_groups (AmMapDocument *self)
{
  if (self->group_parents == NULL)
    return FALSE;

  am_render_fit_groups (self->graph);
  return TRUE;
}

gboolean
_am_map_document_follow_move (AmMapDocument *self,
                              guint          node,
                              double         dx,
                              double         dy)
{
  guint n_nodes = am_graph_get_n_nodes (self->graph);

  if (self->group_parents == NULL)
    return FALSE;

  if (am_graph_get_node (self->graph, node)->flags & AM_NODE_IS_GROUP)
    for (guint i = 0; i < n_nodes; i++)
      {
        AmNode *member = am_graph_get_node (self->graph, i);

        if (i == node || !am_groups_contains (self->group_parents, node, i))
          continue;
        am_move_history_record (self->history, i, member->x, member->y,
                                member->x + dx, member->y + dy);
        member->x += dx;
        member->y += dy;
      }

  return _am_map_document_refit_groups (self);
}

/* Collapsing */

static void
update_shown_as (AmMapDocument *self)
{
  guint n_nodes = am_graph_get_n_nodes (self->graph);
  gboolean any = FALSE;

  g_clear_pointer (&self->shown_as, g_free);
  g_clear_pointer (&self->hidden_counts, g_free);
  if (self->collapsed == NULL)
    return;

  self->shown_as = g_new (guint32, n_nodes);
  self->hidden_counts = g_new0 (guint32, n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    {
      /* The outermost collapsed group around the node hides it. */
      self->shown_as[i] = i;
      for (guint32 at = self->group_parents[i]; at != AM_NO_INDEX; at = self->group_parents[at])
        if (self->collapsed[at])
          self->shown_as[i] = at;
      if (self->shown_as[i] != i)
        {
          self->hidden_counts[self->shown_as[i]]++;
          any = TRUE;
        }
      else if (self->collapsed[i])
        {
          any = TRUE;
        }
    }

  if (!any)
    {
      g_clear_pointer (&self->shown_as, g_free);
      g_clear_pointer (&self->hidden_counts, g_free);
      g_clear_pointer (&self->collapsed, g_free);
    }
}

/* What was chosen and is now hidden is chosen as the group that hides it. */
static void
follow_hidden_choices (AmMapDocument *self)
{
  if (self->shown_as == NULL)
    return;

  if (self->selected_node < am_graph_get_n_nodes (self->graph) &&
      self->shown_as[self->selected_node] != self->selected_node)
    am_map_document_set_selected_node (self, self->shown_as[self->selected_node]);
  if (self->hover_node < am_graph_get_n_nodes (self->graph) &&
      self->shown_as[self->hover_node] != self->hover_node)
    am_map_document_set_hover_node (self, AM_NO_INDEX);
}

gboolean
am_map_document_is_group (AmMapDocument *self,
                          guint          node)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), FALSE);

  return self->group_parents != NULL && node < am_graph_get_n_nodes (self->graph) &&
         (am_graph_get_node (self->graph, node)->flags & AM_NODE_IS_GROUP) != 0;
}

gboolean
am_map_document_get_group_collapsed (AmMapDocument *self,
                                     guint          group)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), FALSE);

  return self->collapsed != NULL && group < am_graph_get_n_nodes (self->graph) &&
         self->collapsed[group];
}

void
am_map_document_set_group_collapsed (AmMapDocument *self,
                                     guint          group,
                                     gboolean       collapsed)
{
  g_return_if_fail (AM_IS_MAP_DOCUMENT (self));

  if (!am_map_document_is_group (self, group) ||
      am_map_document_get_group_collapsed (self, group) == !!collapsed)
    return;

  if (self->collapsed == NULL)
    self->collapsed = g_new0 (guint8, am_graph_get_n_nodes (self->graph));
  self->collapsed[group] = !!collapsed;
  update_shown_as (self);
  follow_hidden_choices (self);
  _am_map_document_emit_collapsed_changed (self);
}

gboolean
am_map_document_reveal_node (AmMapDocument *self,
                             guint          node)
{
  gboolean any = FALSE;

  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), FALSE);

  if (self->shown_as == NULL || node >= am_graph_get_n_nodes (self->graph) ||
      self->shown_as[node] == node)
    return FALSE;

  for (guint32 at = self->group_parents[node]; at != AM_NO_INDEX; at = self->group_parents[at])
    if (self->collapsed != NULL && self->collapsed[at])
      {
        self->collapsed[at] = FALSE;
        any = TRUE;
      }
  update_shown_as (self);
  _am_map_document_emit_collapsed_changed (self);

  return any;
}

const guint32 *
am_map_document_get_shown_as (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), NULL);
  return self->shown_as;
}

const guint32 *
am_map_document_get_hidden_counts (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), NULL);
  return self->hidden_counts;
}

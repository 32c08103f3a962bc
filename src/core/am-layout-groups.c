/* am-layout-groups.c: nested graphs laid out as units
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A group's members are laid out on their own, innermost groups first,
 * by the same layout as any map; the group then takes part in the layout
 * around it as one node as big as the box it is drawn as. Last, every
 * unit is moved to where its group was placed, outermost first. So the
 * members of a group stay inside its box, and a group inside another
 * inside that one's, by construction.
 *
 * An edge between two groups (or a member of one and a node outside)
 * pulls on the two nodes that hold its ends side by side: the nearest
 * ancestors of its ends that share a graph. An edge between a group and
 * one of its own members is drawn but pulls on nothing.
 */

#include "config.h"

#include "am-groups.h"
#include "am-layout-private.h"
#include "am-render.h"

typedef struct
{
  const AmGraph *graph;
  guint          n;
  const guint32 *parents;
  guint         *depth;

  /* The members of each unit, in node order: unit u (a group's index,
   * or n for the top level) has members[offsets[u]] up to
   * members[offsets[u + 1]]. */
  guint         *offsets;
  guint         *members;
  guint         *local;        /* a node's place among its unit's members */
  GArray       **unit_edges;   /* per unit, pairs of local indices; NULL for none */

  double        *x, *y;        /* within the unit, then in the world */
  double        *width, *height;
} Groups;

static guint
unit_of (const Groups *self,
         guint         node)
{
  return self->parents[node] == AM_NO_INDEX ? self->n : self->parents[node];
}

static void
sort_members (Groups *self)
{
  g_autofree guint *fill = NULL;

  self->offsets = g_new0 (guint, self->n + 2);
  for (guint i = 0; i < self->n; i++)
    self->offsets[unit_of (self, i) + 1]++;
  for (guint u = 0; u <= self->n; u++)
    self->offsets[u + 1] += self->offsets[u];

  self->members = g_new (guint, self->n);
  self->local = g_new (guint, self->n);
  fill = g_memdup2 (self->offsets, sizeof (guint) * (self->n + 1));
  for (guint i = 0; i < self->n; i++)
    {
      guint u = unit_of (self, i);

      self->local[i] = fill[u] - self->offsets[u];
      self->members[fill[u]++] = i;
    }
}

/* Hands each edge to the unit where its ends' holders meet. */
static void
sort_edges (Groups *self)
{
  self->depth = g_new (guint, self->n);
  for (guint i = 0; i < self->n; i++)
    {
      self->depth[i] = 0;
      for (guint32 at = self->parents[i]; at != AM_NO_INDEX; at = self->parents[at])
        self->depth[i]++;
    }

  self->unit_edges = g_new0 (GArray *, self->n + 1);
  for (guint e = 0; e < am_graph_get_n_edges (self->graph); e++)
    {
      const AmEdge *edge = am_graph_get_edge (self->graph, e);
      guint a = edge->source, b = edge->target, u;
      guint pair[2];

      if (a >= self->n || b >= self->n || a == b)
        continue;
      while (self->depth[a] > self->depth[b])
        a = self->parents[a];
      while (self->depth[b] > self->depth[a])
        b = self->parents[b];
      if (a == b)
        continue;
      while (self->parents[a] != self->parents[b])
        {
          a = self->parents[a];
          b = self->parents[b];
        }

      u = unit_of (self, a);
      if (self->unit_edges[u] == NULL)
        self->unit_edges[u] = g_array_new (FALSE, FALSE, sizeof pair);
      pair[0] = self->local[a];
      pair[1] = self->local[b];
      g_array_append_val (self->unit_edges[u], pair);
    }
}

/* Lays out unit @u's members around the origin, into self->x and y. */
static gboolean
lay_out_unit (Groups               *self,
              guint                 u,
              GCancellable         *cancellable,
              AmLayoutProgressFunc  progress,
              gpointer              user_data)
{
  g_autoptr(AmGraph) unit = am_graph_new ();
  guint first = self->offsets[u], n = self->offsets[u + 1] - first;
  guint32 graph;

  graph = am_graph_add_subgraph (unit, NULL, AM_NO_INDEX, AM_NO_INDEX, FALSE);
  for (guint k = 0; k < n; k++)
    {
      AmNode *node = am_graph_get_node (unit, am_graph_add_node (unit, NULL, graph));
      guint member = self->members[first + k];

      node->width = (float) self->width[member];
      node->height = (float) self->height[member];
    }
  if (self->unit_edges[u] != NULL)
    for (guint k = 0; k < self->unit_edges[u]->len; k++)
      {
        const guint *pair = &g_array_index (self->unit_edges[u], guint, 2 * k);

        am_graph_add_edge (unit, NULL, pair[0], pair[1], graph, FALSE);
      }

  if (!am_layout_run (unit, cancellable, progress, user_data))
    return FALSE;

  for (guint k = 0; k < n; k++)
    {
      const AmNode *node = am_graph_get_node (unit, k);

      self->x[self->members[first + k]] = node->x;
      self->y[self->members[first + k]] = node->y;
    }

  return TRUE;
}

/* Sizes group @g by the box around its laid-out members, and makes
 * their positions relative to the box's centre. */
static void
close_unit (Groups *self,
            guint   g)
{
  double content[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  double box[4], cx, cy;

  for (guint k = self->offsets[g]; k < self->offsets[g + 1]; k++)
    {
      guint m = self->members[k];

      content[0] = MIN (content[0], self->x[m] - self->width[m] / 2);
      content[1] = MIN (content[1], self->y[m] - self->height[m] / 2);
      content[2] = MAX (content[2], self->x[m] + self->width[m] / 2);
      content[3] = MAX (content[3], self->y[m] + self->height[m] / 2);
    }

  am_render_group_box (self->graph, g, content, box);
  cx = (box[0] + box[2]) / 2;
  cy = (box[1] + box[3]) / 2;
  self->width[g] = box[2] - box[0];
  self->height[g] = box[3] - box[1];
  for (guint k = self->offsets[g]; k < self->offsets[g + 1]; k++)
    {
      self->x[self->members[k]] -= cx;
      self->y[self->members[k]] -= cy;
    }
}

static void
groups_clear (Groups *self)
{
  if (self->unit_edges != NULL)
    for (guint u = 0; u <= self->n; u++)
      if (self->unit_edges[u] != NULL)
        g_array_unref (self->unit_edges[u]);
  g_free (self->unit_edges);
  g_free (self->depth);
  g_free (self->offsets);
  g_free (self->members);
  g_free (self->local);
  g_free (self->x);
  g_free (self->y);
  g_free (self->width);
  g_free (self->height);
}

gboolean
am_layout_run_groups (AmGraph              *graph,
                      GCancellable         *cancellable,
                      AmLayoutProgressFunc  progress,
                      gpointer              user_data)
{
  g_autofree guint32 *parents = am_groups_find_parents (graph);
  g_autofree guint32 *order = NULL;
  Groups self = { 0 };
  guint n_groups = 0;
  gboolean done = FALSE;

  self.graph = graph;
  self.n = am_graph_get_n_nodes (graph);
  self.parents = parents;
  order = am_groups_innermost_first (graph, parents, &n_groups);

  self.x = g_new0 (double, self.n);
  self.y = g_new0 (double, self.n);
  self.width = g_new (double, self.n);
  self.height = g_new (double, self.n);
  for (guint i = 0; i < self.n; i++)
    {
      double extent[4];
      AmNode node = *am_graph_get_node (graph, i);

      node.x = node.y = 0;
      am_render_group_member_extent (&node, extent);
      self.width[i] = extent[2] - extent[0];
      self.height[i] = extent[3] - extent[1];
    }
  sort_members (&self);
  sort_edges (&self);

  for (guint k = 0; k < n_groups; k++)
    {
      if (!lay_out_unit (&self, order[k], cancellable, NULL, NULL))
        goto out;
      close_unit (&self, order[k]);
    }
  if (!lay_out_unit (&self, self.n, cancellable, progress, user_data))
    goto out;

  /* Outermost first: each group is in place before its members follow. */
  for (guint k = n_groups; k-- > 0;)
    for (guint j = self.offsets[order[k]]; j < self.offsets[order[k] + 1]; j++)
      {
        self.x[self.members[j]] += self.x[order[k]];
        self.y[self.members[j]] += self.y[order[k]];
      }

  /* Only now, so that a cancelled run leaves the graph as it was. */
  for (guint i = 0; i < self.n; i++)
    {
      AmNode *node = am_graph_get_node (graph, i);

      node->x = self.x[i];
      node->y = self.y[i];
      if (node->flags & AM_NODE_IS_GROUP)
        node->flags |= AM_NODE_GROUP_FITTED;
    }
  am_render_fit_groups (graph);
  done = TRUE;

out:
  groups_clear (&self);
  return done;
}

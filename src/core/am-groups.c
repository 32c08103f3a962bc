/* am-groups.c: which group holds which node
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "am-groups.h"

gboolean
am_groups_present (const AmGraph *graph)
{
  g_return_val_if_fail (graph != NULL, FALSE);

  for (guint i = 0; i < graph->subgraphs->len; i++)
    {
      const AmSubgraph *subgraph = &g_array_index (graph->subgraphs, AmSubgraph, i);

      if (subgraph->parent_node < graph->nodes->len)
        return TRUE;
    }

  return FALSE;
}

/* The group around graph @index: climbs through graphs nested straight
 * in graphs. The reader only nests a graph in one read before it, but a
 * spliced graph might not: the climb is bounded all the same. */
static guint32
graph_group (const AmGraph *graph,
             guint32        index)
{
  guint n_graphs = graph->subgraphs->len;

  for (guint steps = 0; index < n_graphs && steps <= n_graphs; steps++)
    {
      const AmSubgraph *subgraph = &g_array_index (graph->subgraphs, AmSubgraph, index);

      if (subgraph->parent_node < graph->nodes->len)
        return subgraph->parent_node;
      index = subgraph->parent_graph;
    }

  return AM_NO_INDEX;
}

guint32 *
am_groups_find_parents (const AmGraph *graph)
{
  guint n_nodes, n_graphs;
  g_autofree guint32 *by_graph = NULL;
  guint32 *parents;

  g_return_val_if_fail (graph != NULL, NULL);

  if (!am_groups_present (graph))
    return NULL;

  n_nodes = graph->nodes->len;
  n_graphs = graph->subgraphs->len;
  by_graph = g_new (guint32, n_graphs);
  for (guint g = 0; g < n_graphs; g++)
    by_graph[g] = graph_group (graph, g);

  parents = g_new (guint32, n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    {
      const AmNode *node = &g_array_index (graph->nodes, AmNode, i);

      parents[i] = node->graph < n_graphs ? by_graph[node->graph] : AM_NO_INDEX;
      /* A group inside itself would hang every climb. */
      if (parents[i] == i)
        parents[i] = AM_NO_INDEX;
    }

  /* Breaks any longer cycle, which no file read can make: a climb that
   * takes more steps than there are nodes goes round in a circle. */
  for (guint i = 0; i < n_nodes; i++)
    {
      guint32 at = i;

      for (guint steps = 0; at != AM_NO_INDEX; steps++, at = parents[at])
        if (steps > n_nodes)
          {
            parents[i] = AM_NO_INDEX;
            break;
          }
    }

  return parents;
}

typedef struct
{
  guint32 node;
  guint   depth;
} GroupDepth;

static int
compare_deepest_first (const void *a,
                       const void *b)
{
  const GroupDepth *p = a;
  const GroupDepth *q = b;

  if (p->depth != q->depth)
    return p->depth > q->depth ? -1 : 1;
  return (p->node > q->node) - (p->node < q->node);
}

guint32 *
am_groups_innermost_first (const AmGraph *graph,
                           const guint32 *parents,
                           guint         *n_groups)
{
  g_autoptr(GArray) groups = NULL;
  guint32 *order;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (n_groups != NULL, NULL);

  *n_groups = 0;
  if (parents == NULL)
    return NULL;

  groups = g_array_new (FALSE, FALSE, sizeof (GroupDepth));
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      const AmNode *node = &g_array_index (graph->nodes, AmNode, i);
      GroupDepth entry = { i, 0 };

      if (!(node->flags & AM_NODE_IS_GROUP))
        continue;
      for (guint32 at = parents[i]; at != AM_NO_INDEX; at = parents[at])
        entry.depth++;
      g_array_append_val (groups, entry);
    }

  if (groups->len == 0)
    return NULL;

  qsort (groups->data, groups->len, sizeof (GroupDepth), compare_deepest_first);
  order = g_new (guint32, groups->len);
  for (guint k = 0; k < groups->len; k++)
    order[k] = g_array_index (groups, GroupDepth, k).node;
  *n_groups = groups->len;

  return order;
}

gboolean
am_groups_contains (const guint32 *parents,
                    guint32        group,
                    guint32        node)
{
  for (guint32 at = node; at != AM_NO_INDEX; at = parents[at])
    if (at == group)
      return TRUE;

  return FALSE;
}

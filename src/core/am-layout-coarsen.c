/* am-layout-coarsen.c: the coarser levels of a component
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "am-layout-private.h"

#define NONE G_MAXUINT

/* Levels */

void
am_layout_level_free (Level *level)
{
  if (level == NULL)
    return;

  g_free (level->xadj);
  g_free (level->adj);
  g_free (level->adj16);
  g_free (level->weight);
  g_free (level->weight16);
  g_free (level->weight8);
  g_free (level->charge);
  g_free (level->coarse);
  g_free (level->x);
  g_free (level->y);
  g_free (level->sample);
  g_free (level);
}

/* The allocator keeps what a thread frees for that thread's arena, and
 * the layout's helpers, the reader's and the canvas's workers each have
 * their own: without this, a level freed here would still count in the
 * process's memory while the canvas allocates its frames elsewhere. */
void
am_layout_return_free_memory (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

/* Moves the edges to 16 bits and the weights to 16 or 8 where they fit;
 * see Level. */
static void
level_pack (Level *level)
{
  guint n_entries = level->xadj[level->n];
  float heaviest = 1;

  if (level->n > G_MAXUINT16 + 1)
    return;

  for (guint e = 0; e < n_entries && level->weight != NULL; e++)
    heaviest = MAX (heaviest, level->weight[e]);
  if (heaviest > G_MAXUINT16)
    return;

  level->adj16 = g_new (guint16, MAX (n_entries, 1));
  for (guint e = 0; e < n_entries; e++)
    level->adj16[e] = (guint16) level->adj[e];
  g_clear_pointer (&level->adj, g_free);

  if (level->weight == NULL)
    return;

  if (heaviest <= G_MAXUINT8)
    {
      level->weight8 = g_new (guint8, MAX (n_entries, 1));
      for (guint e = 0; e < n_entries; e++)
        level->weight8[e] = (guint8) level->weight[e];
    }
  else
    {
      level->weight16 = g_new (guint16, MAX (n_entries, 1));
      for (guint e = 0; e < n_entries; e++)
        level->weight16[e] = (guint16) level->weight[e];
    }
  g_clear_pointer (&level->weight, g_free);
}

/* The edges of the component's nodes, in the order of @members, from
 * the layout's graph; @level->xadj is filled in already. */
static void
copy_edges (const Layout *self,
            const guint  *members,
            Level        *level)
{
  level->adj = g_new (guint, MAX (level->xadj[level->n], 1));
  for (guint i = 0; i < level->n; i++)
    {
      guint node = members[i];
      guint e = level->xadj[i];

      for (guint k = self->xadj[node]; k < self->xadj[node + 1]; k++, e++)
        level->adj[e] = self->local[self->adj[k]];
    }

  level_pack (level);
}

Level *
am_layout_level_new_for_component (Layout      *self,
                                   const guint *members,
                                   guint        n)
{
  Level *level = g_new0 (Level, 1);
  guint n_entries = 0;

  level->n = n;
  level->xadj = g_new (guint, n + 1);
  for (guint i = 0; i < n; i++)
    {
      level->xadj[i] = n_entries;
      n_entries += self->xadj[members[i] + 1] - self->xadj[members[i]];
    }
  level->xadj[n] = n_entries;

  level->charge = g_new (double, n);
  level->x = g_new0 (double, n);
  level->y = g_new0 (double, n);
  for (guint i = 0; i < n; i++)
    level->charge[i] = self->charge[members[i]];

  copy_edges (self, members, level);
  return level;
}

gboolean
am_layout_level_has_edges (const Level *level)
{
  return level->adj != NULL || level->adj16 != NULL;
}

/* Frees the finest level's edges but for the pairs of nodes
 * am_layout_median_edge_length() looks at; xadj stays, for the
 * estimates of the work. Only a level made for a component, whose
 * weights are all one, can be put away. */
void
am_layout_level_put_away_edges (Level *level)
{
  guint n_entries = level->xadj[level->n];
  guint stride = am_layout_median_stride (n_entries);

  g_return_if_fail (level->weight == NULL && level->weight16 == NULL && level->weight8 == NULL);

  level->sample = g_new (guint, 2 * (n_entries / stride + 1));
  level->n_sample = 0;
  for (guint u = 0; u < level->n; u++)
    for (guint e = level->xadj[u]; e < level->xadj[u + 1]; e++)
      if (e % stride == 0)
        {
          level->sample[2 * level->n_sample] = u;
          level->sample[2 * level->n_sample + 1] = level_neighbour (level, e);
          level->n_sample++;
        }

  g_clear_pointer (&level->adj, g_free);
  g_clear_pointer (&level->adj16, g_free);
  am_layout_return_free_memory ();
}

/* Makes the edges put away again, the same as before, from the graph's
 * edges if the layout's own copy is gone by now. */
void
am_layout_level_restore_edges (Layout *self,
                               Level  *level)
{
  gboolean rebuilt = self->adj == NULL;

  g_return_if_fail (!am_layout_level_has_edges (level));

  if (rebuilt)
    am_layout_build_adjacency (self, self->graph);
  copy_edges (self, self->component_members, level);
  g_clear_pointer (&level->sample, g_free);
  level->n_sample = 0;
  if (rebuilt)
    {
      g_clear_pointer (&self->xadj, g_free);
      g_clear_pointer (&self->adj, g_free);
    }
}

/* Nodes by degree, lowest first, ties by number. */
static guint *
order_by_degree (const Level *level)
{
  g_autofree guint *count = NULL;
  guint max_degree = 0;
  guint *order;

  for (guint u = 0; u < level->n; u++)
    max_degree = MAX (max_degree, level->xadj[u + 1] - level->xadj[u]);

  count = g_new0 (guint, max_degree + 2);
  for (guint u = 0; u < level->n; u++)
    count[level->xadj[u + 1] - level->xadj[u] + 1]++;
  for (guint d = 1; d <= max_degree + 1; d++)
    count[d] += count[d - 1];

  order = g_new (guint, level->n);
  for (guint u = 0; u < level->n; u++)
    order[count[level->xadj[u + 1] - level->xadj[u]]++] = u;

  return order;
}

/* Pairs each node with the neighbour it shares the strongest edge with,
 * relative to their charges, so that groups stay balanced. */
static void
match_neighbours (const Level *level,
                  const guint *order,
                  guint       *group,
                  double      *mass,
                  guint       *n_groups)
{
  for (guint k = 0; k < level->n; k++)
    {
      guint u = order[k];
      guint best = NONE;
      double best_score = 0;

      if (group[u] != NONE)
        continue;

      for (guint e = level->xadj[u]; e < level->xadj[u + 1]; e++)
        {
          guint v = level_neighbour (level, e);
          double score = level_weight (level, e) / (level->charge[u] * level->charge[v]);

          if (group[v] == NONE && (best == NONE || score > best_score))
            {
              best = v;
              best_score = score;
            }
        }

      if (best == NONE)
        continue;

      mass[*n_groups] = level->charge[u] + level->charge[best];
      group[u] = group[best] = (*n_groups)++;
    }
}

/* Pairs nodes left over that share a neighbour: the leaves of a star have
 * no edge between them, and a matching alone would take them one by one. */
static void
match_siblings (const Level *level,
                const guint *order,
                guint       *group,
                double      *mass,
                guint       *n_groups)
{
  /* waiting[h] is an unpaired node next to h. */
  g_autofree guint *waiting = g_new (guint, level->n);

  for (guint u = 0; u < level->n; u++)
    waiting[u] = NONE;

  for (guint k = 0; k < level->n; k++)
    {
      guint u = order[k];

      if (group[u] != NONE)
        continue;

      for (guint e = level->xadj[u]; e < level->xadj[u + 1] && group[u] == NONE; e++)
        {
          guint partner = waiting[level_neighbour (level, e)];

          if (partner != NONE && group[partner] == NONE)
            {
              mass[*n_groups] = level->charge[u] + level->charge[partner];
              group[u] = group[partner] = (*n_groups)++;
            }
        }

      if (group[u] == NONE)
        for (guint e = level->xadj[u]; e < level->xadj[u + 1]; e++)
          waiting[level_neighbour (level, e)] = u;
    }
}

/* Groups the nodes for the next coarser level: a matching, then pairs of
 * siblings, and whatever is still left joins its lightest neighbouring
 * group. Nodes are taken by rising degree, so that leaves find partners
 * before the hubs they hang on are taken. Returns the number of groups,
 * with @group filled in. */
static guint
group_nodes (const Level *level,
             guint       *group)
{
  g_autofree guint *order = order_by_degree (level);
  g_autofree double *mass = g_new (double, level->n);
  guint n_groups = 0;

  for (guint u = 0; u < level->n; u++)
    group[u] = NONE;

  match_neighbours (level, order, group, mass, &n_groups);
  match_siblings (level, order, group, mass, &n_groups);

  for (guint k = 0; k < level->n; k++)
    {
      guint u = order[k];
      guint best = NONE;

      if (group[u] != NONE)
        continue;

      /* After the matching, every neighbour of u has a group. */
      for (guint e = level->xadj[u]; e < level->xadj[u + 1]; e++)
        {
          guint g = group[level_neighbour (level, e)];

          if (g != NONE && (best == NONE || mass[g] < mass[best]))
            best = g;
        }

      if (best == NONE)
        {
          best = n_groups++;
          mass[best] = 0;
        }

      group[u] = best;
      mass[best] += level->charge[u];
    }

  return n_groups;
}

/* Makes the next coarser level: one node per group, whose charge is the
 * group's, with an edge wherever the groups had edges between them,
 * weighted by how many. */
Level *
am_layout_level_coarsen (Level *fine)
{
  Level *coarse = g_new0 (Level, 1);
  g_autofree guint *member_start = NULL;
  g_autofree guint *members = NULL;
  g_autofree guint *slot = NULL;
  guint n_entries = 0;

  fine->coarse = g_new (guint, fine->n);
  coarse->n = group_nodes (fine, fine->coarse);

  member_start = g_new0 (guint, coarse->n + 1);
  members = g_new (guint, fine->n);
  for (guint u = 0; u < fine->n; u++)
    member_start[fine->coarse[u] + 1]++;
  for (guint c = 0; c < coarse->n; c++)
    member_start[c + 1] += member_start[c];
  slot = g_memdup2 (member_start, sizeof (guint) * coarse->n);
  for (guint u = 0; u < fine->n; u++)
    members[slot[fine->coarse[u]]++] = u;

  coarse->xadj = g_new (guint, coarse->n + 1);
  coarse->adj = g_new (guint, MAX (fine->xadj[fine->n], 1));
  coarse->weight = g_new (float, MAX (fine->xadj[fine->n], 1));
  coarse->charge = g_new0 (double, coarse->n);
  coarse->x = g_new0 (double, coarse->n);
  coarse->y = g_new0 (double, coarse->n);

  /* From here on slot[c] is where the current row keeps its edge to c. */
  for (guint c = 0; c < coarse->n; c++)
    slot[c] = NONE;

  for (guint c = 0; c < coarse->n; c++)
    {
      guint row_start = n_entries;

      coarse->xadj[c] = row_start;
      for (guint m = member_start[c]; m < member_start[c + 1]; m++)
        {
          guint u = members[m];

          coarse->charge[c] += fine->charge[u];
          for (guint e = fine->xadj[u]; e < fine->xadj[u + 1]; e++)
            {
              guint other = fine->coarse[level_neighbour (fine, e)];

              if (other == c)
                continue;
              if (slot[other] != NONE && slot[other] >= row_start)
                coarse->weight[slot[other]] += level_weight (fine, e);
              else
                {
                  slot[other] = n_entries;
                  coarse->adj[n_entries] = other;
                  coarse->weight[n_entries] = level_weight (fine, e);
                  n_entries++;
                }
            }
        }
    }
  coarse->xadj[coarse->n] = n_entries;

  coarse->adj = g_renew (guint, coarse->adj, MAX (n_entries, 1));
  coarse->weight = g_renew (float, coarse->weight, MAX (n_entries, 1));
  level_pack (coarse);

  return coarse;
}

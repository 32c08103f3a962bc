/* am-layout.c: deterministic force-directed placement
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each connected component is laid out on its own:
 *
 * 1. A multilevel spring-electrical model (Hu, "Efficient and high quality
 *    force-directed graph drawing", Mathematica Journal 10, 2005). The
 *    component is coarsened by collapsing neighbours until a handful of
 *    nodes remain, the coarsest graph is relaxed from pseudo-random
 *    positions, and every finer level starts from the coarser one's
 *    picture. Repulsion goes through a Barnes–Hut quadtree.
 * 2. Small components then get their edge lengths evened out by stress
 *    minimisation, which is quadratic in their size.
 * 3. The picture is scaled from its own units to points, so that edges are
 *    about as long as the node boxes call for but crowds are not heaped.
 * 4. Boxes that still overlap are pushed apart.
 *
 * Finally the components are packed in rows.
 *
 * Nothing depends on the clock or on thread scheduling: initial positions
 * come from a hash of the node's number, shuffling from a fixed seed, and
 * every force is computed on its own from the same tree, so the same graph
 * gets the same picture on every run. The graph's positions are written
 * only once all is done, so a cancelled run leaves them untouched.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "am-groups.h"
#include "am-layout-private.h"

typedef struct
{
  double min_x, min_y, max_x, max_y;
  guint  first;  /* into the array of members */
  guint  n;
} Component;

/* Progress and cancellation */

gboolean
am_layout_progress_is_cancelled (Progress *progress)
{
  return g_cancellable_is_cancelled (progress->cancellable);
}

/* Passes on steps of at least 1 / PROGRESS_STEPS, and the end. */
static void
progress_report (Progress *progress,
                 double    fraction)
{
  if (progress->progress == NULL)
    return;

  fraction = CLAMP (fraction, 0.0, 1.0);
  if (fraction < 1.0 && fraction - progress->reported < 1.0 / PROGRESS_STEPS)
    return;
  if (fraction >= 1.0 && progress->reported >= 1.0)
    return;

  progress->reported = fraction;
  progress->progress (fraction, progress->user_data);
}

static void
progress_begin_component (Progress *progress,
                          double    start,
                          double    share)
{
  progress->component_start = start;
  progress->component_share = share;
  progress->component_work = 0;
  progress->component_done = 0;
}

void
am_layout_progress_add_work (Progress *progress,
                             double    work)
{
  double fraction;

  progress->component_done += work;
  if (progress->component_work <= 0)
    return;

  fraction = MIN (progress->component_done / progress->component_work, 1.0);
  progress_report (progress, progress->component_start + progress->component_share * fraction);
}

/* One component */

static double
coarsen_work (const Level *level)
{
  return COARSEN_WORK_PER_ENTRY * (level->n + level->xadj[level->n]);
}

static double
overlap_work (guint n)
{
  return OVERLAP_WORK_PER_NODE * n *
         MIN (TYPICAL_OVERLAP_PASSES,
              n <= COMPLETE_OVERLAP_LIMIT ? MAX_OVERLAP_PASSES : LARGE_OVERLAP_PASSES);
}

/* Coarsens until few nodes are left; returns the number of levels. */
static guint
build_levels (Layout      *self,
              const guint *members,
              guint        n,
              Level      **levels)
{
  guint n_levels = 1;
  double coarsening;

  levels[0] = am_layout_level_new_for_component (self, members, n);
  /* Coarsening a big graph takes a tenth of the time, and the bar should
   * move meanwhile: until the levels are there, the work of the forces
   * is guessed from the size. */
  coarsening = coarsen_work (levels[0]);
  self->progress.component_work = coarsening + overlap_work (n) +
                                  am_layout_iterations_for_size (n, FALSE) *
                                  (2.0 * n + SPRING_WORK * levels[0]->xadj[n] * log2 (n) / 2);

  while (n_levels < MAX_LEVELS && levels[n_levels - 1]->n > COARSEST_SIZE)
    {
      Level *coarse;

      /* Coarsening a big component takes a while; the caller looks
       * again before using the levels. */
      if (am_layout_progress_is_cancelled (&self->progress))
        break;

      coarse = am_layout_level_coarsen (levels[n_levels - 1]);
      /* The big levels come first and cost the most: the share done is
       * about the share of the nodes merged away. */
      am_layout_progress_add_work (&self->progress, coarsening * (levels[n_levels - 1]->n - coarse->n) / n);

      /* Only isolated nodes fail to group, and components have none;
       * still, never go on with a level that did not shrink. */
      if (coarse->n >= levels[n_levels - 1]->n)
        {
          am_layout_level_free (coarse);
          break;
        }
      levels[n_levels++] = coarse;
    }

  return n_levels;
}

static double
estimate_work (Level **levels,
               guint   n_levels)
{
  double work = 0;

  for (guint l = 0; l < n_levels; l++)
    work += am_layout_iteration_work (levels[l]) * am_layout_max_iterations (levels[l], l == n_levels - 1);
  if (levels[0]->n <= STRESS_LIMIT)
    work += STRESS_ITERATIONS * (levels[0]->n * (levels[0]->n - 1.0) / 2) / STRESS_WORK_DIVISOR;

  return work;
}

/* Lays out the component in points, somewhere near the origin, into
 * self->x and self->y. */
static gboolean
lay_out_component (Layout      *self,
                   const guint *members,
                   guint        n)
{
  Level *levels[MAX_LEVELS] = { NULL };
  Level *finest;
  guint n_levels;
  gboolean done = FALSE;
  double length, crowding;

  if (n == 1)
    {
      self->x[members[0]] = 0;
      self->y[members[0]] = 0;
      return TRUE;
    }

  for (guint i = 0; i < n; i++)
    self->local[members[i]] = i;
  self->component_members = members;

  n_levels = build_levels (self, members, n, levels);
  finest = levels[0];
  /* The last component has its own copy of the edges now. */
  if (members + n == self->members + self->n)
    {
      g_clear_pointer (&self->xadj, g_free);
      g_clear_pointer (&self->adj, g_free);
    }
  /* The finest level's edges wait for the coarser levels to be relaxed,
   * seconds on a big graph, and are the most of them: meanwhile they
   * are put away, and made again just as they were when their turn
   * comes. */
  if (n_levels > 1 && n >= PARALLEL_LIMIT)
    am_layout_level_put_away_edges (finest);
  if (am_layout_progress_is_cancelled (&self->progress))
    goto out;
  self->progress.component_work = self->progress.component_done +
                                  estimate_work (levels, n_levels) + overlap_work (n);

  if (!am_layout_lay_out_levels (self, levels, n_levels))
    goto out;

  if (n <= STRESS_LIMIT)
    {
      length = am_layout_median_edge_length (finest);
      am_layout_scale_level (finest, length > 0 ? 1 / length : 1);
      if (!am_layout_minimise_stress (self, finest))
        goto out;
    }

  /* Turned before it is scaled to clear the boxes, which do not turn. */
  am_layout_orient_level (finest, self->aspect);

  /* Edges as long as asked for, unless that crowds the nodes. */
  length = am_layout_median_edge_length (finest);
  crowding = am_layout_crowding_scale (self, finest, members,
                             n <= SMALL_COMPONENT_LIMIT ? SMALL_CROWDING_PERCENTILE
                                                        : LARGE_CROWDING_PERCENTILE);
  am_layout_scale_level (finest, MAX (length > 0 ? self->edge_length / length : 1, crowding));

  if (!am_layout_remove_overlaps (self, members, n, finest->x, finest->y))
    goto out;

  for (guint i = 0; i < n; i++)
    {
      self->x[members[i]] = finest->x[i];
      self->y[members[i]] = finest->y[i];
    }
  done = TRUE;

out:
  for (guint l = 0; l < n_levels; l++)
    am_layout_level_free (levels[l]);

  return done;
}

/* The graph as the layout sees it */

static double
median_of (double *values,
           guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static double
box_side (float side)
{
  return isfinite (side) && side > 0 ? side : DEFAULT_NODE_SIZE;
}

/* Box sizes, charges and the edge length they call for. */
static void
measure_boxes (Layout        *self,
               const AmGraph *graph)
{
  g_autofree double *widths = g_new (double, self->n);
  g_autofree double *heights = g_new (double, self->n);
  double typical_area;

  self->half_w = g_new (double, self->n);
  self->half_h = g_new (double, self->n);
  self->charge = g_new (double, self->n);

  for (guint i = 0; i < self->n; i++)
    {
      const AmNode *node = &g_array_index (graph->nodes, AmNode, i);

      widths[i] = box_side (node->width) + NODE_MARGIN;
      heights[i] = box_side (node->height) + NODE_MARGIN;
      self->half_w[i] = widths[i] / 2;
      self->half_h[i] = heights[i] / 2;
      self->charge[i] = widths[i] * heights[i];
    }

  self->typical_w = median_of (widths, self->n);
  self->typical_h = median_of (heights, self->n);
  self->edge_length = EDGE_LENGTH_FACTOR * hypot (self->typical_w, self->typical_h);

  typical_area = self->typical_w * self->typical_h;
  for (guint i = 0; i < self->n; i++)
    self->charge[i] = CLAMP (self->charge[i] / typical_area, MIN_CHARGE, MAX_CHARGE);
}

static gboolean
edge_is_usable (const AmEdge *edge,
                guint         n_nodes)
{
  /* AM_NO_INDEX is out of range too. */
  return edge->source < n_nodes && edge->target < n_nodes && edge->source != edge->target;
}

/* The edges as a simple undirected graph: no loops, no repeats, no
 * endpoints that are missing or out of range. */
void
am_layout_build_adjacency (Layout        *self,
                           const AmGraph *graph)
{
  g_autofree guint *fill = NULL;
  g_autofree guint *seen_by = NULL;
  guint begin = 0, n_entries = 0;

  self->xadj = g_new0 (guint, self->n + 1);
  for (guint i = 0; i < graph->edges->len; i++)
    {
      const AmEdge *edge = &g_array_index (graph->edges, AmEdge, i);

      if (!edge_is_usable (edge, self->n))
        continue;
      self->xadj[edge->source + 1]++;
      self->xadj[edge->target + 1]++;
    }
  for (guint u = 0; u < self->n; u++)
    self->xadj[u + 1] += self->xadj[u];

  self->adj = g_new (guint, MAX (self->xadj[self->n], 1));
  fill = g_memdup2 (self->xadj, sizeof (guint) * self->n);
  for (guint i = 0; i < graph->edges->len; i++)
    {
      const AmEdge *edge = &g_array_index (graph->edges, AmEdge, i);

      if (!edge_is_usable (edge, self->n))
        continue;
      self->adj[fill[edge->source]++] = edge->target;
      self->adj[fill[edge->target]++] = edge->source;
    }

  /* Compacts each row in place, keeping the first of repeated neighbours;
   * seen_by[v] is the last row that had v, plus one. */
  seen_by = g_new0 (guint, self->n);
  for (guint u = 0; u < self->n; u++)
    {
      guint end = self->xadj[u + 1];

      self->xadj[u] = n_entries;
      for (guint k = begin; k < end; k++)
        {
          guint v = self->adj[k];

          if (seen_by[v] == u + 1)
            continue;
          seen_by[v] = u + 1;
          self->adj[n_entries++] = v;
        }
      begin = end;
    }
  self->xadj[self->n] = n_entries;
}

/* Fills @members with the nodes component by component, each in
 * breadth-first order from its lowest-numbered node. */
static GArray *
find_components (Layout *self,
                 guint  *members)
{
  GArray *components = g_array_new (FALSE, TRUE, sizeof (Component));
  g_autofree guint8 *seen = g_new0 (guint8, self->n);
  guint n_members = 0;

  for (guint root = 0; root < self->n; root++)
    {
      Component component = { 0 };

      if (seen[root])
        continue;

      component.first = n_members;
      seen[root] = TRUE;
      members[n_members++] = root;
      for (guint head = component.first; head < n_members; head++)
        {
          guint u = members[head];

          for (guint k = self->xadj[u]; k < self->xadj[u + 1]; k++)
            if (!seen[self->adj[k]])
              {
                seen[self->adj[k]] = TRUE;
                members[n_members++] = self->adj[k];
              }
        }
      component.n = n_members - component.first;
      g_array_append_val (components, component);
    }

  return components;
}

/* Packing */

static int
compare_components (const void *a,
                    const void *b)
{
  const Component *p = a;
  const Component *q = b;
  double p_height = p->max_y - p->min_y;
  double q_height = q->max_y - q->min_y;

  if (p->n != q->n)
    return p->n > q->n ? -1 : 1;
  if (p_height != q_height)
    return p_height > q_height ? -1 : 1;

  return (p->first > q->first) - (p->first < q->first);
}

static void
measure_component (const Layout *self,
                   const guint  *members,
                   Component    *component)
{
  component->min_x = component->min_y = G_MAXDOUBLE;
  component->max_x = component->max_y = -G_MAXDOUBLE;

  for (guint i = component->first; i < component->first + component->n; i++)
    {
      guint node = members[i];

      component->min_x = MIN (component->min_x, self->x[node] - self->half_w[node]);
      component->max_x = MAX (component->max_x, self->x[node] + self->half_w[node]);
      component->min_y = MIN (component->min_y, self->y[node] - self->half_h[node]);
      component->max_y = MAX (component->max_y, self->y[node] + self->half_h[node]);
    }
}

static void
move_component (Layout          *self,
                const guint     *members,
                const Component *component,
                double           left,
                double           top)
{
  double dx = left - component->min_x;
  double dy = top - component->min_y;

  for (guint i = component->first; i < component->first + component->n; i++)
    {
      self->x[members[i]] += dx;
      self->y[members[i]] += dy;
    }
}

/* Biggest components first, in rows as wide as makes the picture fill a
 * canvas of the layout's aspect best, each row centred, with the
 * picture's top left corner at the origin. A map of one big component
 * and a few strays gets the strays beside it or lined up underneath,
 * whichever the canvas holds larger. */
static void
pack_components (Layout      *self,
                 const guint *members,
                 GArray      *components)
{
  Component *all = (Component *) (void *) components->data;
  guint n = components->len;
  double gap = COMPONENT_GAP_FACTOR * self->edge_length;
  g_autofree double *sizes = NULL;
  double row_width;
  double top = 0;

  for (guint c = 0; c < n; c++)
    measure_component (self, members, &all[c]);
  qsort (all, n, sizeof (Component), compare_components);
  sizes = g_new (double, 2 * (gsize) n);
  for (guint c = 0; c < n; c++)
    {
      sizes[2 * c] = all[c].max_x - all[c].min_x;
      sizes[2 * c + 1] = all[c].max_y - all[c].min_y;
    }
  row_width = am_layout_packing_width (sizes, n, gap, self->aspect);

  for (guint row_start = 0, row_end; row_start < n; row_start = row_end)
    {
      double width = all[row_start].max_x - all[row_start].min_x;
      double height = all[row_start].max_y - all[row_start].min_y;
      double left;

      for (row_end = row_start + 1; row_end < n; row_end++)
        {
          double next_width = all[row_end].max_x - all[row_end].min_x;

          if (width + gap + next_width > row_width)
            break;
          width += gap + next_width;
          height = MAX (height, all[row_end].max_y - all[row_end].min_y);
        }

      left = (row_width - width) / 2;
      for (guint c = row_start; c < row_end; c++)
        {
          double component_height = all[c].max_y - all[c].min_y;

          move_component (self, members, &all[c], left, top + (height - component_height) / 2);
          left += all[c].max_x - all[c].min_x + gap;
        }

      top += height + gap;
    }
}

/* Packs the picture in @x and @y as the end result will be packed,
 * leaving the run's own positions and order of components alone. */
void
am_layout_pack_picture (Layout *self,
                        double *x,
                        double *y)
{
  g_autoptr(GArray) components = g_array_copy ((GArray *) self->components);
  double *own_x = self->x;
  double *own_y = self->y;

  self->x = x;
  self->y = y;
  pack_components (self, self->members, components);
  self->x = own_x;
  self->y = own_y;
}

/* The whole run */

static void
layout_clear (Layout *self)
{
  g_free (self->xadj);
  g_free (self->adj);
  g_free (self->half_w);
  g_free (self->half_h);
  g_free (self->charge);
  g_free (self->x);
  g_free (self->y);
  g_free (self->local);
  g_free (self->forces.rx);
  g_free (self->forces.ry);
  g_free (self->forces.ax);
  g_free (self->forces.ay);
  g_clear_pointer (&self->forces.tree, am_quadtree_free);
  am_layout_workers_clear (&self->workers);
  am_layout_picture_clear (self);
}

/* A component's share of the progress: its size times the iterations its
 * finest level gets, a fair guess at its work. */
static double
component_weight (const Component *component)
{
  return (double) component->n * am_layout_iterations_for_size (component->n, component->n <= COARSEST_SIZE);
}

static gboolean
lay_out_components (Layout       *self,
                    const guint  *members,
                    const GArray *components)
{
  double total = 0, start = 0;

  for (guint c = 0; c < components->len; c++)
    total += component_weight (&g_array_index (components, Component, c));

  for (guint c = 0; c < components->len; c++)
    {
      const Component *component = &g_array_index (components, Component, c);
      double share = component_weight (component) / total;

      if (am_layout_progress_is_cancelled (&self->progress))
        return FALSE;

      progress_begin_component (&self->progress, start, share);
      if (!lay_out_component (self, members + component->first, component->n))
        return FALSE;

      start += share;
      progress_report (&self->progress, start);
    }

  return TRUE;
}

/* With @picture, the result goes there and the graph is left alone. */
static gboolean
run_layout (AmGraph              *graph,
            double                aspect,
            GCancellable         *cancellable,
            AmLayoutProgressFunc  progress,
            AmLayoutPictureFunc   picture,
            gpointer              user_data)
{
  Layout self = { 0 };
  g_autofree guint *members = NULL;
  g_autoptr(GArray) components = NULL;
  gboolean done;

  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;

  /* Groups are laid out as units, each by a run of its own, in place:
   * nobody draws a map before its first picture, and there is no rough
   * one here, so the result is the first. */
  if (am_groups_present (graph))
    {
      g_autofree double *x = NULL;
      g_autofree double *y = NULL;
      guint n = graph->nodes->len;

      if (!am_layout_run_groups (graph, cancellable, progress, user_data))
        return FALSE;
      if (picture == NULL)
        return TRUE;

      x = g_new (double, MAX (n, 1));
      y = g_new (double, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        {
          const AmNode *node = &g_array_index (graph->nodes, AmNode, i);

          x[i] = node->x;
          y[i] = node->y;
        }
      picture (x, y, n, TRUE, user_data);
      return TRUE;
    }

  self.graph = graph;
  self.n = graph->nodes->len;
  self.aspect = isfinite (aspect) && aspect > 0 ? CLAMP (aspect, 0.2, 5.0)
                                                : AM_LAYOUT_DEFAULT_ASPECT;
  self.progress.cancellable = cancellable;
  self.progress.progress = progress;
  self.progress.user_data = user_data;
  self.picture = picture;

  if (self.n == 0)
    {
      if (picture != NULL)
        picture (NULL, NULL, 0, TRUE, user_data);
      progress_report (&self.progress, 1.0);
      return TRUE;
    }

  /* What the reader freed on its threads is no use to the layout's. */
  if (self.n >= PARALLEL_LIMIT)
    am_layout_return_free_memory ();
  measure_boxes (&self, graph);
  am_layout_build_adjacency (&self, graph);
  members = g_new (guint, self.n);
  components = find_components (&self, members);
  self.members = members;
  self.components = components;

  self.x = g_new0 (double, self.n);
  self.y = g_new0 (double, self.n);
  self.local = g_new (guint, self.n);
  self.forces.rx = g_new (double, self.n);
  self.forces.ry = g_new (double, self.n);
  self.forces.ax = g_new (double, self.n);
  self.forces.ay = g_new (double, self.n);
  self.forces.tree = am_quadtree_new ();
  am_layout_workers_init (&self.workers, self.n);

  done = lay_out_components (&self, members, components);
  if (done)
    {
      pack_components (&self, members, components);

      /* Only now, so that a cancelled run leaves the graph as it was. */
      for (guint i = 0; i < self.n && picture == NULL; i++)
        {
          AmNode *node = &g_array_index (graph->nodes, AmNode, i);

          node->x = self.x[i];
          node->y = self.y[i];
        }
      if (picture != NULL)
        picture (self.x, self.y, self.n, TRUE, user_data);
      progress_report (&self.progress, 1.0);
    }

  layout_clear (&self);
  if (self.n >= PARALLEL_LIMIT)
    am_layout_return_free_memory ();
  return done;
}


gboolean
am_layout_run_for_aspect (AmGraph              *graph,
                          double                aspect,
                          GCancellable         *cancellable,
                          AmLayoutProgressFunc  progress,
                          gpointer              user_data)
{
  g_return_val_if_fail (graph != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  return run_layout (graph, aspect, cancellable, progress, NULL, user_data);
}

gboolean
am_layout_run (AmGraph              *graph,
               GCancellable         *cancellable,
               AmLayoutProgressFunc  progress,
               gpointer              user_data)
{
  g_return_val_if_fail (graph != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  return run_layout (graph, AM_LAYOUT_DEFAULT_ASPECT, cancellable, progress, NULL, user_data);
}

gboolean
am_layout_run_with_pictures (const AmGraph        *graph,
                             double                aspect,
                             GCancellable         *cancellable,
                             AmLayoutProgressFunc  progress,
                             AmLayoutPictureFunc   picture,
                             gpointer              user_data)
{
  g_return_val_if_fail (graph != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (picture != NULL, FALSE);

  /* Written only when there is no picture to take the result. */
  return run_layout ((AmGraph *) graph, aspect, cancellable, progress, picture, user_data);
}

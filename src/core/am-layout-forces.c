/* am-layout-forces.c: the spring-electrical model, relaxed level by level
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "am-layout-private.h"

/* Forces, split between threads
 *
 * A node's repulsion depends on the tree alone and its attraction on its
 * neighbours' positions alone, so however the nodes are split between
 * threads and whenever the threads run, the sums come out the same.
 * Repulsion and attraction go into separate arrays so that a slice can do
 * both without waiting for the others.
 */

static void
add_attraction (const Level *level,
                guint        first,
                guint        last,
                double      *ax,
                double      *ay)
{
  for (guint u = first; u < last; u++)
    {
      double sum_x = 0, sum_y = 0;

      for (guint e = level->xadj[u]; e < level->xadj[u + 1]; e++)
        {
          guint v = level_neighbour (level, e);
          double dx = level->x[v] - level->x[u];
          double dy = level->y[v] - level->y[u];
          double f = level_weight (level, e) * sqrt (dx * dx + dy * dy);

          sum_x += f * dx;
          sum_y += f * dy;
        }

      ax[u] = sum_x;
      ay[u] = sum_y;
    }
}

static void
compute_slice (const ForceTask *task)
{
  const Forces *forces = task->forces;

  am_quadtree_get_repulsion (forces->tree, forces->theta, REPULSION_STRENGTH,
                             task->first, task->last, forces->rx, forces->ry);
  add_attraction (forces->level, task->first, task->last, forces->ax, forces->ay);
}

static void
run_force_task (gpointer data,
                gpointer user_data)
{
  Workers *workers = user_data;

  compute_slice (data);

  g_mutex_lock (&workers->mutex);
  if (--workers->pending == 0)
    g_cond_signal (&workers->cond);
  g_mutex_unlock (&workers->mutex);
}

void
am_layout_workers_init (Workers *workers,
                        guint    n_nodes)
{
  memset (workers, 0, sizeof *workers);
  g_mutex_init (&workers->mutex);
  g_cond_init (&workers->cond);

  workers->n_threads = 1;
  if (n_nodes >= PARALLEL_LIMIT)
    workers->n_threads = CLAMP (g_get_num_processors (), 1, MAX_THREADS);
  if (workers->n_threads > 1)
    workers->pool = g_thread_pool_new (run_force_task, workers,
                                       (int) workers->n_threads - 1, TRUE, NULL);
  if (workers->pool == NULL)
    workers->n_threads = 1;
}

void
am_layout_workers_clear (Workers *workers)
{
  if (workers->pool != NULL)
    g_thread_pool_free (workers->pool, FALSE, TRUE);
  g_mutex_clear (&workers->mutex);
  g_cond_clear (&workers->cond);
}

static void
compute_forces (Layout      *self,
                const Level *level)
{
  Workers *workers = &self->workers;
  Forces *forces = &self->forces;
  guint n_threads = level->n >= PARALLEL_LIMIT ? workers->n_threads : 1;

  am_quadtree_build (forces->tree, level->x, level->y, level->charge, level->n);
  forces->level = level;
  forces->theta = level->n <= EXACT_REPULSION_LIMIT ? 0 : BARNES_HUT_THETA;

  for (guint t = 0; t < n_threads; t++)
    {
      ForceTask *task = &workers->tasks[t];

      task->forces = forces;
      task->first = (guint) ((guint64) level->n * t / n_threads);
      task->last = (guint) ((guint64) level->n * (t + 1) / n_threads);
    }

  g_mutex_lock (&workers->mutex);
  workers->pending = n_threads - 1;
  g_mutex_unlock (&workers->mutex);
  for (guint t = 1; t < n_threads; t++)
    g_thread_pool_push (workers->pool, &workers->tasks[t], NULL);

  compute_slice (&workers->tasks[0]);

  g_mutex_lock (&workers->mutex);
  while (workers->pending > 0)
    g_cond_wait (&workers->cond, &workers->mutex);
  g_mutex_unlock (&workers->mutex);
}

/* Force-directed relaxation
 *
 * The model works in units of the natural spring length: nodes attract
 * their neighbours with distance² × weight and repel all others with
 * C × charge × charge / distance².
 */

guint
am_layout_iterations_for_size (guint    n,
                               gboolean coarsest)
{
  if (coarsest)
    return 400;
  if (n <= 1000)
    return 120;

  /* The finest levels of big graphs set the running time; they start
   * from a good picture and need less. */
  return MAX (30, (guint) (120 * pow (1000.0 / n, 0.35)));
}

/* Coarsening dense graphs leaves levels with far fewer nodes but nearly
 * as many edges, where the springs rather than the tree cost the time;
 * what such a level adds to the picture is not worth that much. */
guint
am_layout_max_iterations (const Level *level,
                          gboolean     coarsest)
{
  guint n_entries = level->xadj[level->n];
  guint iterations = am_layout_iterations_for_size (level->n, coarsest);

  if ((double) n_entries * iterations > EDGE_WORK_PER_LEVEL)
    iterations = MAX (MIN_DENSE_ITERATIONS, (guint) (EDGE_WORK_PER_LEVEL / n_entries));

  return iterations;
}

/* Coarse levels of dense graphs keep most of the edges: their springs
 * count too. */
double
am_layout_iteration_work (const Level *level)
{
  return level->n + SPRING_WORK * level->xadj[level->n];
}

/* Moves each node a step along its force until the steps get short,
 * lengthening them while the energy keeps falling and shortening them
 * when it rises (Hu's adaptive cooling). */
static gboolean
relax (Layout *self,
       Level  *level,
       double  step,
       guint   n_iterations)
{
  const Forces *forces = &self->forces;
  double energy = G_MAXDOUBLE;
  double max_step = step * 4;
  guint improvements = 0;

  for (guint iteration = 0; iteration < n_iterations && step >= MIN_STEP; iteration++)
    {
      double new_energy = 0;

      if (am_layout_progress_is_cancelled (&self->progress))
        return FALSE;

      compute_forces (self, level);

      for (guint u = 0; u < level->n; u++)
        {
          double fx = forces->rx[u] + forces->ax[u];
          double fy = forces->ry[u] + forces->ay[u];
          double f2 = fx * fx + fy * fy;
          double f;

          if (!(f2 > 0) || !isfinite (f2))
            continue;

          f = sqrt (f2);
          new_energy += f2;
          level->x[u] += step * fx / f;
          level->y[u] += step * fy / f;
        }

      if (new_energy < energy)
        {
          if (++improvements >= 5)
            {
              improvements = 0;
              step = MIN (step / COOLING, max_step);
            }
        }
      else
        {
          improvements = 0;
          step *= COOLING;
        }
      energy = new_energy;

      am_layout_progress_add_work (&self->progress, am_layout_iteration_work (level));
    }

  return TRUE;
}

static double
total_charge (const Level *level)
{
  double sum = 0;

  for (guint u = 0; u < level->n; u++)
    sum += level->charge[u];

  return sum;
}

static void
place_at_random (Level *level)
{
  double side = sqrt (total_charge (level));

  for (guint u = 0; u < level->n; u++)
    {
      level->x[u] = side * (noise (u, 1) - 0.5);
      level->y[u] = side * (noise (u, 2) - 0.5);
    }
}

/* Each node starts near its group, spread over about the area the group's
 * charge will need, so that crowded groups open up quickly. */
void
am_layout_place_from_coarse (Level       *fine,
                             const Level *coarse)
{
  for (guint u = 0; u < fine->n; u++)
    {
      guint c = fine->coarse[u];
      double radius = 0.5 * sqrt (coarse->charge[c]) * sqrt (noise (u, 3));
      double angle = 2 * G_PI * noise (u, 4);

      fine->x[u] = coarse->x[c] + radius * cos (angle);
      fine->y[u] = coarse->y[c] + radius * sin (angle);
    }
}

gboolean
am_layout_lay_out_levels (Layout  *self,
                          Level  **levels,
                          guint    n_levels)
{
  Level *coarsest = levels[n_levels - 1];

  place_at_random (coarsest);
  if (!relax (self, coarsest, MAX (1.0, sqrt (total_charge (coarsest)) / 10),
              am_layout_max_iterations (coarsest, TRUE)))
    return FALSE;
  am_layout_picture_level (self, levels, n_levels - 1);

  for (guint l = n_levels - 1; l-- > 0;)
    {
      gboolean big = levels[l + 1]->n >= PARALLEL_LIMIT;

      am_layout_place_from_coarse (levels[l], levels[l + 1]);
      /* Nothing looks at a coarser level once the next one is placed,
       * and the levels of a big graph hold several times its edges. */
      g_clear_pointer (&levels[l + 1], am_layout_level_free);
      if (big)
        am_layout_return_free_memory ();
      if (!am_layout_level_has_edges (levels[l]))
        am_layout_level_restore_edges (self, levels[l]);
      if (!relax (self, levels[l], FINE_STEP, am_layout_max_iterations (levels[l], FALSE)))
        return FALSE;
      am_layout_picture_level (self, levels, l);
    }

  return TRUE;
}

/* am-layout-stress.c: stress minimisation for small components
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "am-layout-private.h"

G_STATIC_ASSERT (STRESS_LIMIT < G_MAXUINT16);

/* Stress
 *
 * The spring-electrical model leaves edges at the rim of a drawing longer
 * than those in its middle. Small components are worth more care: starting
 * from the force-directed picture, every pair of nodes is brought close to
 * its distance in hops, pairs weighted by one over that distance squared.
 * That needs all distances, so it is kept to components of modest size.
 */

typedef struct
{
  guint16 i, j;
  guint16 hops;
} StressPair;

/* All pairs i < j with their distances, by breadth-first search from
 * every node; the longest distance goes into @max_hops. */
static StressPair *
list_pairs (const Level *level,
            gsize       *n_pairs,
            guint       *max_hops)
{
  guint n = level->n;
  StressPair *pairs = g_new (StressPair, (gsize) n * (n - 1) / 2);
  g_autofree guint16 *hops = g_new (guint16, n);
  g_autofree guint *queue = g_new (guint, n);

  *n_pairs = 0;
  *max_hops = 1;

  for (guint source = 0; source < n; source++)
    {
      guint head = 0, tail = 0;

      for (guint v = 0; v < n; v++)
        hops[v] = G_MAXUINT16;
      hops[source] = 0;
      queue[tail++] = source;
      while (head < tail)
        {
          guint u = queue[head++];

          for (guint e = level->xadj[u]; e < level->xadj[u + 1]; e++)
            {
              guint v = level_neighbour (level, e);

              if (hops[v] == G_MAXUINT16)
                {
                  hops[v] = hops[u] + 1;
                  queue[tail++] = v;
                }
            }
        }

      for (guint v = source + 1; v < n; v++)
        {
          StressPair *pair = &pairs[(*n_pairs)++];

          pair->i = source;
          pair->j = v;
          pair->hops = hops[v];
          *max_hops = MAX (*max_hops, hops[v]);
        }
    }

  return pairs;
}

/* Stochastic gradient descent on the stress (Zheng, Pawar and Goodman,
 * "Graph drawing by stochastic gradient descent", 2018): pairs are visited
 * in shuffled order, each moved towards its ideal distance by a share that
 * shrinks over the run. The shuffle has a fixed seed. Works in hops. */
gboolean
am_layout_minimise_stress (Layout *self,
                           Level  *level)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (STRESS_SEED);
  g_autofree StressPair *pairs = NULL;
  double *x = level->x;
  double *y = level->y;
  double step_max, decay;
  gsize n_pairs;
  guint max_hops;

  pairs = list_pairs (level, &n_pairs, &max_hops);
  step_max = (double) max_hops * max_hops;
  decay = log (step_max / STRESS_MIN_STEP) / (STRESS_ITERATIONS - 1);

  for (guint iteration = 0; iteration < STRESS_ITERATIONS; iteration++)
    {
      double step = step_max * exp (-decay * iteration);

      if (am_layout_progress_is_cancelled (&self->progress))
        return FALSE;

      for (gsize k = n_pairs; k > 1; k--)
        {
          gsize other = (gsize) g_rand_int_range (rand, 0, (gint32) k);
          StressPair swap = pairs[k - 1];

          pairs[k - 1] = pairs[other];
          pairs[other] = swap;
        }

      for (gsize k = 0; k < n_pairs; k++)
        {
          const StressPair *pair = &pairs[k];
          double d = pair->hops;
          double share = MIN (step / (d * d), 1.0);
          double dx = x[pair->i] - x[pair->j];
          double dy = y[pair->i] - y[pair->j];
          double distance = sqrt (dx * dx + dy * dy);
          double move;

          if (distance < 1e-9)
            {
              double angle = 2 * G_PI * noise (pair->i, pair->j);

              dx = cos (angle);
              dy = sin (angle);
              move = -share * d / 2;
            }
          else
            move = share * (distance - d) / (2 * distance);

          x[pair->i] -= move * dx;
          y[pair->i] -= move * dy;
          x[pair->j] += move * dx;
          y[pair->j] += move * dy;
        }

      am_layout_progress_add_work (&self->progress, n_pairs / STRESS_WORK_DIVISOR);
    }

  return TRUE;
}

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

#include "am-layout.h"
#include "am-quadtree.h"

/* Boxes of nodes that were never measured. */
#define DEFAULT_NODE_SIZE 40.0

/* Clear space kept between two boxes, in points. */
#define NODE_MARGIN 8.0

/* Typical edge length as a multiple of the typical box diagonal: long
 * enough for edges to be seen between labels, short enough that a small
 * map still fits a window. */
#define EDGE_LENGTH_FACTOR 1.1

/* The share of nodes that scaling alone should free of overlaps. Small
 * components have room to push the rest apart; crowds jam when pushed and
 * need more room up front. */
#define SMALL_COMPONENT_LIMIT     2000
#define SMALL_CROWDING_PERCENTILE 0.5
#define LARGE_CROWDING_PERCENTILE 0.6

/* Space between packed components, as a multiple of the edge length. */
#define COMPONENT_GAP_FACTOR 0.5

/* Width over height of the picture the components are packed into. */
#define PACKING_ASPECT 1.5

/* Hu's relative strength of repulsion (C) and step length cooling (t).
 * Repulsion falls with the square of the distance, which keeps the rim of
 * a big drawing from spreading much thinner than its middle. */
#define REPULSION_STRENGTH 0.2
#define COOLING            0.9

/* A node's charge grows with its box's area, within these bounds, so big
 * labels get more room without one giant box driving all others away. */
#define MIN_CHARGE 0.25
#define MAX_CHARGE 9.0

/* Coarsening stops at this many nodes. */
#define COARSEST_SIZE 8
#define MAX_LEVELS    48

/* Up to this many nodes repulsion is computed exactly. */
#define EXACT_REPULSION_LIMIT 100
#define BARNES_HUT_THETA      1.0

/* Levels after the coarsest start with steps this long, and every level
 * is relaxed until its step is shorter than the minimum (in spring
 * lengths) or it runs out of iterations. */
#define FINE_STEP 0.5
#define MIN_STEP  0.005

/* Edge visits a level may spend on its springs, unless that leaves it
 * fewer iterations than the minimum. */
#define EDGE_WORK_PER_LEVEL  6e7
#define MIN_DENSE_ITERATIONS 20

/* Components up to this size have their stress minimised. */
#define STRESS_LIMIT        600
#define STRESS_ITERATIONS   30
#define STRESS_MIN_STEP     0.1
#define STRESS_SEED         20240607
/* Updating a pair costs about this fraction of a node's force step. */
#define STRESS_WORK_DIVISOR 20.0

/* Components up to this size are freed of every overlap; bigger ones get
 * a fixed number of passes, to keep within time. */
#define COMPLETE_OVERLAP_LIMIT 20000
#define LARGE_OVERLAP_PASSES   50
/* Passes before a jammed component is spread a little. */
#define OVERLAP_PASSES_PER_SPREAD 40
#define OVERLAP_SPREAD            1.05
#define MAX_OVERLAP_PASSES        20000
/* Boxes closer than the margin by less than this do not count as
 * overlapping: rounding must not keep a pass busy forever. */
#define OVERLAP_TOLERANCE 0.01

/* Levels this big have their forces computed on several threads. */
#define PARALLEL_LIMIT 4096
#define MAX_THREADS    8

#define PROGRESS_STEPS 32
/* The bar counts work in units of one node's forces in one iteration,
 * the rest in proportion, as measured on graphs of 10k and 100k nodes:
 * a spring, per adjacency entry and iteration; coarsening all levels,
 * per node and adjacency entry of the first; and one pass of overlap
 * removal, per node, with the passes it usually takes. */
#define SPRING_WORK             0.0075
#define COARSEN_WORK_PER_ENTRY  0.7
#define OVERLAP_WORK_PER_NODE   0.3
#define TYPICAL_OVERLAP_PASSES  32

#define NONE G_MAXUINT

G_STATIC_ASSERT (STRESS_LIMIT < G_MAXUINT16);

typedef struct
{
  guint   n;
  guint  *xadj;    /* n + 1 offsets into adj */
  guint  *adj;
  float  *weight;  /* parallel to adj: how many edges of the graph this one stands for */
  double *charge;
  guint  *coarse;  /* each node's node in the next coarser level */
  double *x, *y;
} Level;

/* The forces on the nodes of one level, by node. */
typedef struct
{
  AmQuadtree  *tree;
  const Level *level;
  double       theta;
  double      *rx, *ry;  /* repulsion */
  double      *ax, *ay;  /* attraction */
} Forces;

typedef struct
{
  const Forces *forces;
  guint         first, last;  /* tree order for repulsion, node order for attraction */
} ForceTask;

typedef struct
{
  GThreadPool *pool;
  guint        n_threads;
  GMutex       mutex;
  GCond        cond;
  guint        pending;
  ForceTask    tasks[MAX_THREADS];
} Workers;

typedef struct
{
  GCancellable         *cancellable;
  AmLayoutProgressFunc  progress;
  gpointer              user_data;
  double                reported;         /* the last fraction reported */
  double                component_start;  /* the fraction when the component began */
  double                component_share;  /* its share of the whole run */
  double                component_work;   /* its estimated units of work */
  double                component_done;
} Progress;

typedef struct
{
  guint       n;
  guint      *xadj;        /* the graph, simple and undirected */
  guint      *adj;
  double     *half_w;      /* half of each box with its margin, in points */
  double     *half_h;
  double     *charge;
  double      typical_w;   /* median box size with the margin */
  double      typical_h;
  double      edge_length; /* in points */
  double     *x, *y;       /* the result, by node */
  guint      *local;       /* node → its number within its component */

  Forces      forces;
  Workers     workers;
  Progress    progress;
} Layout;

typedef struct
{
  double min_x, min_y, max_x, max_y;
  guint  first;  /* into the array of members */
  guint  n;
} Component;

/* Points sorted into square cells, for finding near neighbours. */
typedef struct
{
  double  min_x, min_y;
  double  cell;
  guint   columns, rows;
  guint  *start;   /* columns × rows + 1 offsets into nodes */
  guint  *nodes;
  guint  *cell_of; /* by node */
} PointGrid;

/* Boxes sorted into the cells they touch, for finding overlaps. */
typedef struct
{
  double  min_x, min_y;
  double  cell_w, cell_h;
  guint   columns, rows;
  guint  *start;   /* columns × rows + 1 offsets into nodes */
  gsize   start_size;
  guint  *nodes;
  gsize   nodes_size;
} BoxGrid;

/* Deterministic noise */

static guint32
hash_pair (guint32 a,
           guint32 b)
{
  guint32 h = a * 0x9e3779b1u ^ (b + 0x7f4a7c15u) * 0x85ebca77u;

  h ^= h >> 16;
  h *= 0x7feb352du;
  h ^= h >> 15;
  h *= 0x846ca68bu;
  h ^= h >> 16;

  return h;
}

/* In [0, 1). */
static double
noise (guint32 a,
       guint32 b)
{
  return hash_pair (a, b) / 4294967296.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Progress and cancellation */

static gboolean
progress_is_cancelled (Progress *progress)
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

static void
progress_add_work (Progress *progress,
                   double    work)
{
  double fraction;

  progress->component_done += work;
  if (progress->component_work <= 0)
    return;

  fraction = MIN (progress->component_done / progress->component_work, 1.0);
  progress_report (progress, progress->component_start + progress->component_share * fraction);
}

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
          guint v = level->adj[e];
          double dx = level->x[v] - level->x[u];
          double dy = level->y[v] - level->y[u];
          double f = level->weight[e] * sqrt (dx * dx + dy * dy);

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

static void
workers_init (Workers *workers,
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

static void
workers_clear (Workers *workers)
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

/* Levels */

static void
level_free (Level *level)
{
  if (level == NULL)
    return;

  g_free (level->xadj);
  g_free (level->adj);
  g_free (level->weight);
  g_free (level->charge);
  g_free (level->coarse);
  g_free (level->x);
  g_free (level->y);
  g_free (level);
}

static Level *
level_new_for_component (Layout      *self,
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

  level->adj = g_new (guint, MAX (n_entries, 1));
  level->weight = g_new (float, MAX (n_entries, 1));
  level->charge = g_new (double, n);
  level->x = g_new0 (double, n);
  level->y = g_new0 (double, n);

  for (guint i = 0; i < n; i++)
    {
      guint node = members[i];
      guint e = level->xadj[i];

      level->charge[i] = self->charge[node];
      for (guint k = self->xadj[node]; k < self->xadj[node + 1]; k++, e++)
        {
          level->adj[e] = self->local[self->adj[k]];
          level->weight[e] = 1;
        }
    }

  return level;
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
          guint v = level->adj[e];
          double score = level->weight[e] / (level->charge[u] * level->charge[v]);

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
          guint partner = waiting[level->adj[e]];

          if (partner != NONE && group[partner] == NONE)
            {
              mass[*n_groups] = level->charge[u] + level->charge[partner];
              group[u] = group[partner] = (*n_groups)++;
            }
        }

      if (group[u] == NONE)
        for (guint e = level->xadj[u]; e < level->xadj[u + 1]; e++)
          waiting[level->adj[e]] = u;
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
          guint g = group[level->adj[e]];

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
static Level *
level_coarsen (Level *fine)
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
              guint other = fine->coarse[fine->adj[e]];

              if (other == c)
                continue;
              if (slot[other] != NONE && slot[other] >= row_start)
                coarse->weight[slot[other]] += fine->weight[e];
              else
                {
                  slot[other] = n_entries;
                  coarse->adj[n_entries] = other;
                  coarse->weight[n_entries] = fine->weight[e];
                  n_entries++;
                }
            }
        }
    }
  coarse->xadj[coarse->n] = n_entries;

  coarse->adj = g_renew (guint, coarse->adj, MAX (n_entries, 1));
  coarse->weight = g_renew (float, coarse->weight, MAX (n_entries, 1));

  return coarse;
}

/* Force-directed relaxation
 *
 * The model works in units of the natural spring length: nodes attract
 * their neighbours with distance² × weight and repel all others with
 * C × charge × charge / distance².
 */

static guint
iterations_for_size (guint    n,
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
static guint
max_iterations (const Level *level,
                gboolean     coarsest)
{
  guint n_entries = level->xadj[level->n];
  guint iterations = iterations_for_size (level->n, coarsest);

  if ((double) n_entries * iterations > EDGE_WORK_PER_LEVEL)
    iterations = MAX (MIN_DENSE_ITERATIONS, (guint) (EDGE_WORK_PER_LEVEL / n_entries));

  return iterations;
}

/* Coarse levels of dense graphs keep most of the edges: their springs
 * count too. */
static double
iteration_work (const Level *level)
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

      if (progress_is_cancelled (&self->progress))
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

      progress_add_work (&self->progress, iteration_work (level));
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
static void
place_from_coarse (Level       *fine,
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

static gboolean
lay_out_levels (Layout  *self,
                Level  **levels,
                guint    n_levels)
{
  Level *coarsest = levels[n_levels - 1];

  place_at_random (coarsest);
  if (!relax (self, coarsest, MAX (1.0, sqrt (total_charge (coarsest)) / 10),
              max_iterations (coarsest, TRUE)))
    return FALSE;

  for (guint l = n_levels - 1; l-- > 0;)
    {
      place_from_coarse (levels[l], levels[l + 1]);
      if (!relax (self, levels[l], FINE_STEP, max_iterations (levels[l], FALSE)))
        return FALSE;
    }

  return TRUE;
}

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
            if (hops[level->adj[e]] == G_MAXUINT16)
              {
                hops[level->adj[e]] = hops[u] + 1;
                queue[tail++] = level->adj[e];
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
static gboolean
minimise_stress (Layout *self,
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

      if (progress_is_cancelled (&self->progress))
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

      progress_add_work (&self->progress, n_pairs / STRESS_WORK_DIVISOR);
    }

  return TRUE;
}

/* Scaling to points */

static void
scale_level (Level  *level,
             double  factor)
{
  for (guint u = 0; u < level->n; u++)
    {
      level->x[u] *= factor;
      level->y[u] *= factor;
    }
}

/* The median length of a fixed sample of the edges: cheap for a million
 * edges, and the same sample every time. */
static double
median_edge_length (const Level *level)
{
  guint n_entries = level->xadj[level->n];
  guint stride = MAX (1, n_entries / 8192);
  g_autofree double *lengths = g_new (double, n_entries / stride + 1);
  guint n_lengths = 0;

  for (guint u = 0; u < level->n; u++)
    for (guint e = level->xadj[u]; e < level->xadj[u + 1]; e++)
      {
        guint v = level->adj[e];

        if (e % stride == 0)
          lengths[n_lengths++] = hypot (level->x[v] - level->x[u], level->y[v] - level->y[u]);
      }

  if (n_lengths == 0)
    return 0;

  qsort (lengths, n_lengths, sizeof (double), compare_doubles);
  return lengths[n_lengths / 2];
}

/* Sorts the level's nodes into cells of about one node each. Returns
 * FALSE when all nodes sit on one spot. */
static gboolean
point_grid_build (PointGrid   *grid,
                  const Level *level)
{
  guint n = level->n;
  double max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  guint n_cells;

  grid->min_x = grid->min_y = G_MAXDOUBLE;
  for (guint u = 0; u < n; u++)
    {
      grid->min_x = MIN (grid->min_x, level->x[u]);
      grid->min_y = MIN (grid->min_y, level->y[u]);
      max_x = MAX (max_x, level->x[u]);
      max_y = MAX (max_y, level->y[u]);
    }

  grid->cell = sqrt ((max_x - grid->min_x) * (max_y - grid->min_y) / n);
  if (!(grid->cell > 0))
    grid->cell = MAX (max_x - grid->min_x, max_y - grid->min_y) / n;
  if (!(grid->cell > 0))
    return FALSE;

  grid->columns = (guint) MIN ((max_x - grid->min_x) / grid->cell, 4.0 * n) + 1;
  grid->rows = (guint) MIN ((max_y - grid->min_y) / grid->cell, 4.0 * n / grid->columns) + 1;
  n_cells = grid->columns * grid->rows;

  grid->start = g_new0 (guint, n_cells + 1);
  grid->nodes = g_new (guint, n);
  grid->cell_of = g_new (guint, n);
  for (guint u = 0; u < n; u++)
    {
      guint column = MIN ((guint) ((level->x[u] - grid->min_x) / grid->cell), grid->columns - 1);
      guint row = MIN ((guint) ((level->y[u] - grid->min_y) / grid->cell), grid->rows - 1);

      grid->cell_of[u] = row * grid->columns + column;
      grid->start[grid->cell_of[u] + 1]++;
    }
  for (guint c = 0; c < n_cells; c++)
    grid->start[c + 1] += grid->start[c];
  for (guint u = 0; u < n; u++)
    grid->nodes[grid->start[grid->cell_of[u]]++] = u;

  /* Filling moved each start on to the next cell's. */
  memmove (grid->start + 1, grid->start, sizeof (guint) * n_cells);
  grid->start[0] = 0;

  return TRUE;
}

static void
point_grid_clear (PointGrid *grid)
{
  g_free (grid->start);
  g_free (grid->nodes);
  g_free (grid->cell_of);
}

/* The scale at which u's box would clear those of all nodes in the cells
 * around it, and further out until some node turns up; 0 when none does. */
static double
scale_to_clear_neighbours (const Layout    *self,
                           const Level     *level,
                           const guint     *members,
                           const PointGrid *grid,
                           guint            u)
{
  int column = (int) (grid->cell_of[u] % grid->columns);
  int row = (int) (grid->cell_of[u] / grid->columns);
  double half_w = self->half_w[members[u]];
  double half_h = self->half_h[members[u]];
  double needed = 0;
  gboolean found = FALSE;

  for (int r = 0; r <= 8 && (r <= 1 || !found); r++)
    for (int j = MAX (row - r, 0); j <= row + r && j < (int) grid->rows; j++)
      for (int i = MAX (column - r, 0); i <= column + r && i < (int) grid->columns; i++)
        {
          guint cell = (guint) j * grid->columns + (guint) i;

          /* Only the ring r cells out. */
          if (MAX (ABS (i - column), ABS (j - row)) != r)
            continue;

          for (guint k = grid->start[cell]; k < grid->start[cell + 1]; k++)
            {
              guint v = grid->nodes[k];
              double dx = fabs (level->x[v] - level->x[u]);
              double dy = fabs (level->y[v] - level->y[u]);

              /* Nodes on one spot are left to the overlap removal. */
              if (dx == 0 && dy == 0)
                continue;

              found = TRUE;
              needed = MAX (needed,
                            MIN (dx > 0 ? (half_w + self->half_w[members[v]]) / dx : G_MAXDOUBLE,
                                 dy > 0 ? (half_h + self->half_h[members[v]]) / dy : G_MAXDOUBLE));
            }
        }

  return found ? needed : 0;
}

/* How much the picture must be scaled, from its own units to points, for
 * most nodes to clear their neighbours' boxes: hairballs have long edges
 * but crowded nodes, so the edge length alone would leave them in a heap.
 * A percentile over a fixed sample of nodes leaves a few stragglers to the
 * overlap removal, and keeps the odd pair that sits almost on top of each
 * other from blowing up the whole picture. */
static double
crowding_scale (const Layout *self,
                const Level  *level,
                const guint  *members,
                double        percentile)
{
  guint stride = MAX (1, level->n / 4096);
  g_autofree double *scales = g_new (double, level->n / stride + 1);
  guint n_scales = 0;
  PointGrid grid = { 0 };

  if (!point_grid_build (&grid, level))
    return 0;

  for (guint u = 0; u < level->n; u += stride)
    {
      double needed = scale_to_clear_neighbours (self, level, members, &grid, u);

      if (needed > 0)
        scales[n_scales++] = needed;
    }
  point_grid_clear (&grid);

  if (n_scales == 0)
    return 0;

  qsort (scales, n_scales, sizeof (double), compare_doubles);
  return scales[(guint) (n_scales * percentile)];
}

/* Overlap removal
 *
 * Each pass sorts the boxes into a grid of cells about one typical box in
 * size, every box into each cell it touches, and separates the overlapping
 * pairs it finds there on the spot. A pair is only handled in the cell
 * holding the top left corner of the area the two boxes share, so it is
 * handled once, and a pass that moves nothing has seen every pair.
 */

static void
box_grid_clear (BoxGrid *grid)
{
  g_free (grid->start);
  g_free (grid->nodes);
}

static guint
box_grid_column (const BoxGrid *grid,
                 double         x)
{
  double column = floor ((x - grid->min_x) / grid->cell_w);

  return (guint) CLAMP (column, 0, grid->columns - 1);
}

static guint
box_grid_row (const BoxGrid *grid,
              double         y)
{
  double row = floor ((y - grid->min_y) / grid->cell_h);

  return (guint) CLAMP (row, 0, grid->rows - 1);
}

/* Sizes the grid to the boxes; sparse pictures get bigger cells rather
 * than a huge empty grid. */
static void
box_grid_fit (BoxGrid      *grid,
              const Layout *self,
              const guint  *members,
              guint         n,
              const double *x,
              const double *y)
{
  double max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double n_cells, limit = 4.0 * n + 16;

  grid->min_x = grid->min_y = G_MAXDOUBLE;
  for (guint i = 0; i < n; i++)
    {
      grid->min_x = MIN (grid->min_x, x[i] - self->half_w[members[i]]);
      grid->min_y = MIN (grid->min_y, y[i] - self->half_h[members[i]]);
      max_x = MAX (max_x, x[i] + self->half_w[members[i]]);
      max_y = MAX (max_y, y[i] + self->half_h[members[i]]);
    }

  grid->cell_w = self->typical_w;
  grid->cell_h = self->typical_h;
  n_cells = ((max_x - grid->min_x) / grid->cell_w + 1) * ((max_y - grid->min_y) / grid->cell_h + 1);
  if (n_cells > limit)
    {
      grid->cell_w *= sqrt (n_cells / limit);
      grid->cell_h *= sqrt (n_cells / limit);
    }

  grid->columns = (guint) MIN ((max_x - grid->min_x) / grid->cell_w + 1, 2 * limit);
  grid->rows = (guint) MIN ((max_y - grid->min_y) / grid->cell_h + 1,
                            2 * limit / grid->columns + 1);
}

static void
box_grid_build (BoxGrid      *grid,
                const Layout *self,
                const guint  *members,
                guint         n,
                const double *x,
                const double *y)
{
  gsize n_cells;

  box_grid_fit (grid, self, members, n, x, y);
  n_cells = (gsize) grid->columns * grid->rows;

  if (n_cells + 1 > grid->start_size)
    {
      grid->start_size = n_cells + 1;
      grid->start = g_renew (guint, grid->start, grid->start_size);
    }
  memset (grid->start, 0, sizeof (guint) * (n_cells + 1));

  /* Count, then fill. */
  for (int fill = 0; fill < 2; fill++)
    {
      for (guint i = 0; i < n; i++)
        {
          guint first_column = box_grid_column (grid, x[i] - self->half_w[members[i]]);
          guint last_column = box_grid_column (grid, x[i] + self->half_w[members[i]]);
          guint first_row = box_grid_row (grid, y[i] - self->half_h[members[i]]);
          guint last_row = box_grid_row (grid, y[i] + self->half_h[members[i]]);

          for (guint row = first_row; row <= last_row; row++)
            for (guint column = first_column; column <= last_column; column++)
              {
                guint cell = row * grid->columns + column;

                if (fill)
                  grid->nodes[grid->start[cell]++] = i;
                else
                  grid->start[cell + 1]++;
              }
        }

      if (!fill)
        {
          for (gsize cell = 0; cell < n_cells; cell++)
            grid->start[cell + 1] += grid->start[cell];
          if (grid->start[n_cells] > grid->nodes_size)
            {
              grid->nodes_size = grid->start[n_cells];
              grid->nodes = g_renew (guint, grid->nodes, grid->nodes_size);
            }
        }
    }

  /* Filling moved each start on to the next cell's. */
  memmove (grid->start + 1, grid->start, sizeof (guint) * n_cells);
  grid->start[0] = 0;
}

/* Moves a and b apart along the line between them, just as far as it takes
 * for their boxes to clear on one axis: the picture keeps its shape better
 * than when pushing along x or y alone. */
static void
separate_pair (double *x,
               double *y,
               guint   a,
               guint   b,
               double  clear_x,
               double  clear_y)
{
  double dx = x[b] - x[a];
  double dy = y[b] - y[a];
  double scale, move_x, move_y;

  if (fabs (dx) < 1e-6 && fabs (dy) < 1e-6)
    {
      double angle = 2 * G_PI * noise (MIN (a, b), MAX (a, b));

      dx = cos (angle) * 1e-3;
      dy = sin (angle) * 1e-3;
    }

  scale = MIN (dx != 0 ? clear_x / fabs (dx) : G_MAXDOUBLE,
               dy != 0 ? clear_y / fabs (dy) : G_MAXDOUBLE);
  move_x = (scale - 1) * dx / 2;
  move_y = (scale - 1) * dy / 2;

  x[a] -= move_x;
  y[a] -= move_y;
  x[b] += move_x;
  y[b] += move_y;
}

/* Returns how many pairs overlapped. */
static guint
overlap_pass (const Layout *self,
              const guint  *members,
              guint         n,
              double       *x,
              double       *y,
              BoxGrid      *grid)
{
  guint n_cells, n_overlaps = 0;

  box_grid_build (grid, self, members, n, x, y);
  n_cells = grid->columns * grid->rows;

  for (guint cell = 0; cell < n_cells; cell++)
    for (guint i = grid->start[cell]; i < grid->start[cell + 1]; i++)
      for (guint j = i + 1; j < grid->start[cell + 1]; j++)
        {
          guint a = grid->nodes[i];
          guint b = grid->nodes[j];
          double clear_x = self->half_w[members[a]] + self->half_w[members[b]];
          double clear_y = self->half_h[members[a]] + self->half_h[members[b]];
          double corner_x, corner_y;

          if (fabs (x[b] - x[a]) >= clear_x - OVERLAP_TOLERANCE ||
              fabs (y[b] - y[a]) >= clear_y - OVERLAP_TOLERANCE)
            continue;

          corner_x = MAX (x[a] - self->half_w[members[a]], x[b] - self->half_w[members[b]]);
          corner_y = MAX (y[a] - self->half_h[members[a]], y[b] - self->half_h[members[b]]);
          if (box_grid_row (grid, corner_y) * grid->columns +
              box_grid_column (grid, corner_x) != cell)
            continue;

          separate_pair (x, y, a, b, clear_x, clear_y);
          n_overlaps++;
        }

  return n_overlaps;
}

static void
spread (double *x,
        double *y,
        guint   n,
        double  factor)
{
  double centre_x = 0, centre_y = 0;

  for (guint i = 0; i < n; i++)
    {
      centre_x += x[i];
      centre_y += y[i];
    }
  centre_x /= n;
  centre_y /= n;

  for (guint i = 0; i < n; i++)
    {
      x[i] = centre_x + (x[i] - centre_x) * factor;
      y[i] = centre_y + (y[i] - centre_y) * factor;
    }
}

/* Pushes overlapping boxes apart until none overlap. When pushing alone
 * jams, the whole component is spread a little, which always ends it in
 * the end. Big components get a bounded number of passes instead. */
static gboolean
remove_overlaps (Layout      *self,
                 const guint *members,
                 guint        n,
                 double      *x,
                 double      *y)
{
  BoxGrid grid = { 0 };
  guint max_passes = n <= COMPLETE_OVERLAP_LIMIT ? MAX_OVERLAP_PASSES : LARGE_OVERLAP_PASSES;
  gboolean done = TRUE;

  for (guint pass = 0; pass < max_passes; pass++)
    {
      if (progress_is_cancelled (&self->progress))
        {
          done = FALSE;
          break;
        }

      if (overlap_pass (self, members, n, x, y, &grid) == 0)
        break;
      progress_add_work (&self->progress, OVERLAP_WORK_PER_NODE * n);

      if (pass % OVERLAP_PASSES_PER_SPREAD == OVERLAP_PASSES_PER_SPREAD - 1)
        spread (x, y, n, OVERLAP_SPREAD);
    }

  box_grid_clear (&grid);
  return done;
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

  levels[0] = level_new_for_component (self, members, n);
  /* Coarsening a big graph takes a tenth of the time, and the bar should
   * move meanwhile: until the levels are there, the work of the forces
   * is guessed from the size. */
  coarsening = coarsen_work (levels[0]);
  self->progress.component_work = coarsening + overlap_work (n) +
                                  iterations_for_size (n, FALSE) *
                                  (2.0 * n + SPRING_WORK * levels[0]->xadj[n] * log2 (n) / 2);

  while (n_levels < MAX_LEVELS && levels[n_levels - 1]->n > COARSEST_SIZE)
    {
      Level *coarse;

      /* Coarsening a big component takes a while; the caller looks
       * again before using the levels. */
      if (progress_is_cancelled (&self->progress))
        break;

      coarse = level_coarsen (levels[n_levels - 1]);
      /* The big levels come first and cost the most: the share done is
       * about the share of the nodes merged away. */
      progress_add_work (&self->progress, coarsening * (levels[n_levels - 1]->n - coarse->n) / n);

      /* Only isolated nodes fail to group, and components have none;
       * still, never go on with a level that did not shrink. */
      if (coarse->n >= levels[n_levels - 1]->n)
        {
          level_free (coarse);
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
    work += iteration_work (levels[l]) * max_iterations (levels[l], l == n_levels - 1);
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

  n_levels = build_levels (self, members, n, levels);
  finest = levels[0];
  if (progress_is_cancelled (&self->progress))
    goto out;
  self->progress.component_work = self->progress.component_done +
                                  estimate_work (levels, n_levels) + overlap_work (n);

  if (!lay_out_levels (self, levels, n_levels))
    goto out;

  if (n <= STRESS_LIMIT)
    {
      length = median_edge_length (finest);
      scale_level (finest, length > 0 ? 1 / length : 1);
      if (!minimise_stress (self, finest))
        goto out;
    }

  /* Edges as long as asked for, unless that crowds the nodes. */
  length = median_edge_length (finest);
  crowding = crowding_scale (self, finest, members,
                             n <= SMALL_COMPONENT_LIMIT ? SMALL_CROWDING_PERCENTILE
                                                        : LARGE_CROWDING_PERCENTILE);
  scale_level (finest, MAX (length > 0 ? self->edge_length / length : 1, crowding));

  if (!remove_overlaps (self, members, n, finest->x, finest->y))
    goto out;

  for (guint i = 0; i < n; i++)
    {
      self->x[members[i]] = finest->x[i];
      self->y[members[i]] = finest->y[i];
    }
  done = TRUE;

out:
  for (guint l = 0; l < n_levels; l++)
    level_free (levels[l]);

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
static void
build_adjacency (Layout        *self,
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

/* Biggest components first, in rows about PACKING_ASPECT times as wide as
 * the picture is high, each row centred, with the picture's top left
 * corner at the origin. A map of one big component and a few strays gets
 * the strays lined up underneath it. */
static void
pack_components (Layout      *self,
                 const guint *members,
                 GArray      *components)
{
  Component *all = (Component *) (void *) components->data;
  guint n = components->len;
  double gap = COMPONENT_GAP_FACTOR * self->edge_length;
  double area = 0, widest = 0, row_width;
  double top = 0;

  for (guint c = 0; c < n; c++)
    {
      measure_component (self, members, &all[c]);
      area += (all[c].max_x - all[c].min_x + gap) * (all[c].max_y - all[c].min_y + gap);
      widest = MAX (widest, all[c].max_x - all[c].min_x);
    }
  qsort (all, n, sizeof (Component), compare_components);
  row_width = MAX (widest, sqrt (area * PACKING_ASPECT));

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
  workers_clear (&self->workers);
}

/* A component's share of the progress: its size times the iterations its
 * finest level gets, a fair guess at its work. */
static double
component_weight (const Component *component)
{
  return (double) component->n * iterations_for_size (component->n, component->n <= COARSEST_SIZE);
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

      if (progress_is_cancelled (&self->progress))
        return FALSE;

      progress_begin_component (&self->progress, start, share);
      if (!lay_out_component (self, members + component->first, component->n))
        return FALSE;

      start += share;
      progress_report (&self->progress, start);
    }

  return TRUE;
}

gboolean
am_layout_run (AmGraph              *graph,
               GCancellable         *cancellable,
               AmLayoutProgressFunc  progress,
               gpointer              user_data)
{
  Layout self = { 0 };
  g_autofree guint *members = NULL;
  g_autoptr(GArray) components = NULL;
  gboolean done;

  g_return_val_if_fail (graph != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;

  self.n = graph->nodes->len;
  self.progress.cancellable = cancellable;
  self.progress.progress = progress;
  self.progress.user_data = user_data;

  if (self.n == 0)
    {
      progress_report (&self.progress, 1.0);
      return TRUE;
    }

  measure_boxes (&self, graph);
  build_adjacency (&self, graph);
  members = g_new (guint, self.n);
  components = find_components (&self, members);

  self.x = g_new0 (double, self.n);
  self.y = g_new0 (double, self.n);
  self.local = g_new (guint, self.n);
  self.forces.rx = g_new (double, self.n);
  self.forces.ry = g_new (double, self.n);
  self.forces.ax = g_new (double, self.n);
  self.forces.ay = g_new (double, self.n);
  self.forces.tree = am_quadtree_new ();
  workers_init (&self.workers, self.n);

  done = lay_out_components (&self, members, components);
  if (done)
    {
      pack_components (&self, members, components);

      /* Only now, so that a cancelled run leaves the graph as it was. */
      for (guint i = 0; i < self.n; i++)
        {
          AmNode *node = &g_array_index (graph->nodes, AmNode, i);

          node->x = self.x[i];
          node->y = self.y[i];
        }
      progress_report (&self.progress, 1.0);
    }

  layout_clear (&self);
  return done;
}

/* am-layout-private.h: between the parts of the layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * am-layout.c runs the whole layout, component by component;
 * am-layout-coarsen.c builds the coarser levels of a component,
 * am-layout-forces.c relaxes them in the spring-electrical model,
 * am-layout-stress.c evens out the edges of small components,
 * am-layout-aspect.c turns each to the canvas's long side and
 * am-layout-overlap.c scales the picture to points and pushes apart the
 * boxes that still overlap.
 */

#pragma once

#include "am-layout.h"
#include "am-quadtree.h"

G_BEGIN_DECLS

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

/* A level's edges are kept in 16 bits where its nodes and weights fit,
 * as they do on every level but the finest of a big graph, and the
 * weights in 8 where they fit: the levels in between hold about as many
 * edges each as the graph, few of which stand for more than a handful.
 * Read them with level_neighbour() and level_weight(). */
typedef struct
{
  guint    n;
  guint   *xadj;      /* n + 1 offsets into adj */
  guint   *adj;       /* or NULL, and then adj16 */
  guint16 *adj16;
  float   *weight;    /* parallel to adj: how many edges of the graph this one
                       * stands for; or NULL, and then weight16 or weight8,
                       * or else one */
  guint16 *weight16;
  guint8  *weight8;
  double  *charge;
  guint   *coarse;    /* each node's node in the next coarser level */
  double  *x, *y;
  /* While the edges are put away (see am_layout_level_put_away_edges()),
   * the pairs of nodes am_layout_median_edge_length() looks at. */
  guint   *sample;    /* two nodes a pair */
  guint    n_sample;
} Level;

static inline guint
level_neighbour (const Level *level,
                 guint        entry)
{
  return level->adj != NULL ? level->adj[entry] : level->adj16[entry];
}

/* The weights are whole numbers, which a float holds exactly up to 2^24:
 * those in 8 or 16 bits read the same. */
static inline float
level_weight (const Level *level,
              guint        entry)
{
  if (level->weight8 != NULL)
    return level->weight8[entry];
  if (level->weight16 != NULL)
    return level->weight16[entry];
  return level->weight != NULL ? level->weight[entry] : 1.0f;
}

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
  const AmGraph *graph;
  guint       n;
  guint      *xadj;        /* the graph, simple and undirected, or NULL
                            * once the last component has its own */
  guint      *adj;
  double     *half_w;      /* half of each box with its margin, in points */
  double     *half_h;
  double     *charge;
  double      typical_w;   /* median box size with the margin */
  double      typical_h;
  double      edge_length; /* in points */
  double     *x, *y;       /* the result, by node */
  guint      *local;       /* node → its number within its component */
  double      aspect;      /* width over height of the canvas */

  Forces      forces;
  Workers     workers;
  Progress    progress;

  /* Rough pictures while refining; see am-layout-picture.c. */
  AmLayoutPictureFunc  picture;
  const guint         *members;            /* all nodes, component by component */
  const GArray        *components;
  const guint         *component_members;  /* of the component being laid out */
  double              *picture_x, *picture_y;
} Layout;

/* Deterministic noise */

static inline guint32
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
static inline double
noise (guint32 a,
       guint32 b)
{
  return hash_pair (a, b) / 4294967296.0;
}

static inline int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* am-layout.c */
gboolean am_layout_progress_is_cancelled (Progress *progress);
void     am_layout_progress_add_work     (Progress *progress,
                                          double    work);

/* am-layout-coarsen.c */
void    am_layout_level_free              (Level *level);
void    am_layout_return_free_memory      (void);
Level * am_layout_level_new_for_component (Layout      *self,
                                           const guint *members,
                                           guint        n);
Level * am_layout_level_coarsen           (Level *fine);
void    am_layout_level_put_away_edges    (Level *level);
void    am_layout_level_restore_edges     (Layout *self,
                                           Level  *level);
gboolean am_layout_level_has_edges        (const Level *level);

/* am-layout-forces.c */
void     am_layout_workers_init        (Workers *workers,
                                        guint    n_nodes);
void     am_layout_workers_clear       (Workers *workers);
guint    am_layout_iterations_for_size (guint    n,
                                        gboolean coarsest);
guint    am_layout_max_iterations      (const Level *level,
                                        gboolean     coarsest);
double   am_layout_iteration_work      (const Level *level);
void     am_layout_place_from_coarse   (Level       *fine,
                                        const Level *coarse);
gboolean am_layout_lay_out_levels      (Layout  *self,
                                        Level  **levels,
                                        guint    n_levels);

/* am-layout-picture.c */
void     am_layout_picture_level      (Layout  *self,
                                       Level  **levels,
                                       guint    level);
void     am_layout_picture_clear      (Layout  *self);

/* am-layout.c, for the levels */
void     am_layout_build_adjacency    (Layout        *self,
                                       const AmGraph *graph);

/* am-layout.c, for the pictures */
void     am_layout_pack_picture       (Layout *self,
                                       double *x,
                                       double *y);

/* am-layout-stress.c */
gboolean am_layout_minimise_stress (Layout *self,
                                    Level  *level);

/* am-layout-aspect.c: turns the level about its centre so that its
 * long axis runs along the long side of a canvas of @aspect. */
void     am_layout_orient_level       (Level  *level,
                                       double  aspect);
/* The width of the rows that packs components of @sizes (width and
 * height pairs, in packing order) with @gap between them into the
 * picture drawn largest on a canvas of @aspect. */
double   am_layout_packing_width      (const double *sizes,
                                       guint         n,
                                       double        gap,
                                       double        aspect);

/* am-layout-overlap.c */
void     am_layout_scale_level        (Level  *level,
                                       double  factor);
double   am_layout_median_edge_length (const Level *level);

/* Every how many adjacency entries one is in the median's sample. */
static inline guint
am_layout_median_stride (guint n_entries)
{
  return MAX (1, n_entries / 8192);
}

double   am_layout_crowding_scale     (const Layout *self,
                                       const Level  *level,
                                       const guint  *members,
                                       double        percentile);
gboolean am_layout_remove_overlaps    (Layout      *self,
                                       const guint *members,
                                       guint        n,
                                       double      *x,
                                       double      *y);

/* am-layout-groups.c: a graph with nested graphs, each group's members
 * laid out as a unit inside its box. */
gboolean am_layout_run_groups           (AmGraph              *graph,
                                         GCancellable         *cancellable,
                                         AmLayoutProgressFunc  progress,
                                         gpointer              user_data);

G_END_DECLS

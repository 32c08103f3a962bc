/* am-spatial-index.c: the nodes and edges in a region of the map, fast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two packed R-trees, one of node boxes and one of edge boxes. Boxes are
 * sorted along a Hilbert curve through their centres and grouped sixteen
 * to a parent, level by level, so a tree is two flat arrays built in
 * O(n log n) and searched without a pointer in sight. A million edges
 * take about 24 bytes each.
 *
 * A grid would be simpler, but an edge's box can span most of the map:
 * in a grid it would sit in thousands of cells, in a tree it sits once.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "am-geometry.h"
#include "am-spatial-index.h"
#include "am-spatial-index-private.h"
#include "am-style.h"

#define NODE_CAPACITY 16
#define MAX_LEVELS    32

/* Room around a node's box for its selection ring and outline. */
#define NODE_SLACK    4.0
/* How far the largest loop of a node reaches out of its shape. */
#define LOOP_REACH    170.0

typedef struct
{
  float x0, y0, x1, y1;
} Box;

typedef struct
{
  guint    n_items;      /* boxes at level 0 */
  guint    n_levels;
  guint    level_end[MAX_LEVELS];
  Box     *boxes;        /* every level, leaves first */
  guint32 *ids;          /* level 0: the item; above: its first child */
  guint32 *slot_of_item; /* item → its leaf, or G_MAXUINT32 when left out */
  guint    n_domain;     /* items there could be: nodes, or edges */
} Tree;

struct _AmSpatialIndex
{
  guint    n_nodes;
  guint    n_edges;
  Tree     nodes;
  Tree     edges;

  /* The edges of each node, as the graph keeps them (which outlives the
   * index): those of node n are node_edges[edge_offsets[n]] up to
   * node_edges[edge_offsets[n + 1]]. */
  const guint32 *edge_offsets;
  const guint32 *node_edges;
};

/* Boxes */

static const Box empty_box = { INFINITY, INFINITY, -INFINITY, -INFINITY };

static inline float
round_down (double v)
{
  float f = (float) v;

  return (double) f > v ? nextafterf (f, -INFINITY) : f;
}

static inline float
round_up (double v)
{
  float f = (float) v;

  return (double) f < v ? nextafterf (f, INFINITY) : f;
}

static inline Box
box_from_doubles (double x0,
                  double y0,
                  double x1,
                  double y1)
{
  Box box = { round_down (x0), round_down (y0), round_up (x1), round_up (y1) };

  return box;
}

static inline void
box_union (Box       *box,
           const Box *other)
{
  box->x0 = MIN (box->x0, other->x0);
  box->y0 = MIN (box->y0, other->y0);
  box->x1 = MAX (box->x1, other->x1);
  box->y1 = MAX (box->y1, other->y1);
}

static inline gboolean
box_meets (const Box *box,
           const Box *query)
{
  return box->x0 <= query->x1 && box->x1 >= query->x0 &&
         box->y0 <= query->y1 && box->y1 >= query->y0;
}

static gboolean
has_position (const AmNode *node)
{
  return am_geometry_is_position (node->x, node->y);
}

static gboolean
node_box (const AmGraph *graph,
          guint          index,
          Box           *box)
{
  const AmNode *node = am_graph_get_node (graph, index);
  double width, height, half_width, top, bottom;

  if (!has_position (node))
    return FALSE;

  am_style_get_node_shape_size (node, &width, &height);
  half_width = width / 2;
  top = height / 2;
  bottom = height / 2;

  if (!(node->flags & AM_NODE_HAS_SIZE) && node->width > 0 && node->height > 0 &&
      isfinite (node->width) && isfinite (node->height))
    {
      /* Measured for its label: the box is centred on the node. */
      half_width = MAX (half_width, node->width / 2.0);
      top = MAX (top, node->height / 2.0);
      bottom = MAX (bottom, node->height / 2.0);
    }
  else
    {
      half_width = MAX (half_width, AM_GEOMETRY_LONGEST_LABEL / 2);
      bottom += AM_GEOMETRY_LABEL_DEPTH;
    }

  *box = box_from_doubles (node->x - half_width - NODE_SLACK, node->y - top - NODE_SLACK,
                           node->x + half_width + NODE_SLACK, node->y + bottom + NODE_SLACK);
  return TRUE;
}

static gboolean
edge_box (const AmGraph *graph,
          guint          index,
          Box           *box)
{
  const AmEdge *edge = am_graph_get_edge (graph, index);
  guint n_nodes = am_graph_get_n_nodes (graph);
  const AmNode *source, *target;

  if (edge->source >= n_nodes || edge->target >= n_nodes)
    return FALSE;

  source = am_graph_get_node (graph, edge->source);
  target = am_graph_get_node (graph, edge->target);
  if (!has_position (source) || !has_position (target))
    return FALSE;

  if (edge->source == edge->target)
    {
      double width, height, reach;

      am_style_get_node_shape_size (source, &width, &height);
      reach = MAX (width, height) / 2 + LOOP_REACH;
      *box = box_from_doubles (source->x - reach, source->y - reach,
                               source->x + reach, source->y + reach);
      return TRUE;
    }

  *box = box_from_doubles (MIN (source->x, target->x), MIN (source->y, target->y),
                           MAX (source->x, target->x), MAX (source->y, target->y));
  return TRUE;
}

/* Hilbert order */

/* The distance along a Hilbert curve through a 65536 × 65536 grid of the
 * cell (@x, @y): boxes close on the curve are close on the map, so
 * consecutive runs of them make tight parents. */
static guint32
hilbert_distance (guint32 x,
                  guint32 y)
{
  guint32 distance = 0;

  for (guint32 half = 1u << 15; half > 0; half >>= 1)
    {
      guint32 rx = (x & half) != 0;
      guint32 ry = (y & half) != 0;

      distance += half * half * ((3 * rx) ^ ry);

      /* Turn the quadrant so that the curve inside it starts and ends
       * where the curve of the whole square expects. */
      if (ry == 0)
        {
          if (rx == 1)
            {
              x = half - 1 - (x & (half - 1));
              y = half - 1 - (y & (half - 1));
            }
          else
            {
              x &= half - 1;
              y &= half - 1;
            }
          {
            guint32 swap = x;

            x = y;
            y = swap;
          }
        }
      else
        {
          x &= half - 1;
          y &= half - 1;
        }
    }

  return distance;
}

/* Shorter runs are sorted by insertion. */
#define SMALL_SORT 32

static void
insertion_sort (guint64 *keys,
                gsize    n)
{
  for (gsize i = 1; i < n; i++)
    {
      guint64 key = keys[i];
      gsize j = i;

      for (; j > 0 && keys[j - 1] > key; j--)
        keys[j] = keys[j - 1];
      keys[j] = key;
    }
}

/* Sorts @keys in place, a byte at a time from the top (an American flag
 * sort): no second array of a million keys, which a sort from the
 * bottom byte needs. */
static void
sort_bytes_from (guint64 *keys,
                 gsize    n,
                 guint    shift)
{
  gsize start[256], end[256] = { 0 }, sum = 0;

  if (n <= SMALL_SORT)
    {
      insertion_sort (keys, n);
      return;
    }

  for (gsize i = 0; i < n; i++)
    end[(keys[i] >> shift) & 0xff]++;
  for (guint b = 0; b < 256; b++)
    {
      start[b] = sum;
      sum += end[b];
      end[b] = sum;
    }

  /* Each key is swapped into the next free place of its bucket until
   * the one that lands here belongs here. */
  {
    gsize next[256];

    memcpy (next, start, sizeof next);
    for (guint b = 0; b < 256; b++)
      while (next[b] < end[b])
        {
          guint64 key = keys[next[b]];
          guint kb = (key >> shift) & 0xff;

          while (kb != b)
            {
              guint64 other = keys[next[kb]];

              keys[next[kb]++] = key;
              key = other;
              kb = (key >> shift) & 0xff;
            }
          keys[next[b]++] = key;
        }
  }

  if (shift == 0)
    return;
  for (guint b = 0; b < 256; b++)
    if (end[b] - start[b] > 1)
      sort_bytes_from (keys + start[b], end[b] - start[b], shift - 8);
}

/* Sorts @keys in place: by their upper 32 bits, the distance along the
 * curve, and where that ties by the lower, the item's place so far. */
void
am_spatial_index_sort_keys (guint64 *keys,
                            gsize    n)
{
  sort_bytes_from (keys, n, 56);
}

/* Trees */

typedef gboolean (*BoxFunc) (const AmGraph *graph,
                             guint          index,
                             Box           *box);

static void
tree_clear (Tree *tree)
{
  g_clear_pointer (&tree->boxes, g_free);
  g_clear_pointer (&tree->ids, g_free);
  g_clear_pointer (&tree->slot_of_item, g_free);
  tree->n_items = 0;
  tree->n_levels = 0;
  tree->n_domain = 0;
}

static guint
level_start (const Tree *tree,
             guint       level)
{
  return level == 0 ? 0 : tree->level_end[level - 1];
}

/* Entries of all levels over @n leaves: each level has a sixteenth of
 * the one below, up to a single root. */
static guint
count_entries (Tree *tree,
               guint n)
{
  guint n_entries = n, count = n;

  tree->n_levels = 1;
  tree->level_end[0] = n;
  do
    {
      count = (count + NODE_CAPACITY - 1) / NODE_CAPACITY;
      n_entries += count;
      tree->level_end[tree->n_levels++] = n_entries;
    }
  while (count > 1 && tree->n_levels < MAX_LEVELS);

  return n_entries;
}

/* Puts the leaves in the order of @keys, whose low halves say where
 * each one is now; the keys are used up. One cycle of the permutation
 * after another, so that no second copy of the boxes is needed. */
static void
permute_leaves (Tree    *tree,
                guint64 *keys,
                guint    n)
{
  for (guint start = 0; start < n; start++)
    {
      Box box = tree->boxes[start];
      guint32 id = tree->ids[start];
      guint j = start;

      if (keys[start] == G_MAXUINT64)
        continue;

      for (;;)
        {
          guint from = (guint) (keys[j] & G_MAXUINT32);

          keys[j] = G_MAXUINT64;
          if (from == start)
            {
              tree->boxes[j] = box;
              tree->ids[j] = id;
              break;
            }
          tree->boxes[j] = tree->boxes[from];
          tree->ids[j] = tree->ids[from];
          j = from;
        }
    }
}

/* A rebuild reuses the arrays where they are, the boxes are put in
 * place rather than beside it, and the keys sorted in place: for a
 * million edges the tree takes 32 MB while it is built, where a new one
 * beside the old took 80. */
static void
tree_build (Tree          *tree,
            const AmGraph *graph,
            guint          n_domain,
            BoxFunc        get_box)
{
  g_autofree guint64 *keys = NULL;
  double cx0 = INFINITY, cy0 = INFINITY, cx1 = -INFINITY, cy1 = -INFINITY;
  double sx, sy;
  guint n = 0, n_entries;

  tree->n_domain = n_domain;
  tree->slot_of_item = g_renew (guint32, tree->slot_of_item, MAX (n_domain, 1));
  /* Room for every item; rarely are any left out. */
  n_entries = count_entries (tree, n_domain);
  tree->boxes = g_renew (Box, tree->boxes, MAX (n_entries, 1));
  tree->ids = g_renew (guint32, tree->ids, MAX (n_entries, 1));

  /* The boxes there are, in item order for now. */
  for (guint i = 0; i < n_domain; i++)
    {
      Box *box = &tree->boxes[n];

      tree->slot_of_item[i] = G_MAXUINT32;
      if (!get_box (graph, i, box))
        continue;

      cx0 = MIN (cx0, ((double) box->x0 + box->x1) / 2);
      cy0 = MIN (cy0, ((double) box->y0 + box->y1) / 2);
      cx1 = MAX (cx1, ((double) box->x0 + box->x1) / 2);
      cy1 = MAX (cy1, ((double) box->y0 + box->y1) / 2);
      tree->ids[n++] = i;
    }

  tree->n_items = n;
  if (n == 0)
    {
      tree->n_levels = 0;
      return;
    }
  if (n < n_domain)
    {
      n_entries = count_entries (tree, n);
      tree->boxes = g_renew (Box, tree->boxes, n_entries);
      tree->ids = g_renew (guint32, tree->ids, n_entries);
    }

  sx = cx1 > cx0 ? 65535.0 / (cx1 - cx0) : 0;
  sy = cy1 > cy0 ? 65535.0 / (cy1 - cy0) : 0;
  keys = g_new (guint64, n);

  for (guint k = 0; k < n; k++)
    {
      const Box *box = &tree->boxes[k];
      double cx = ((double) box->x0 + box->x1) / 2;
      double cy = ((double) box->y0 + box->y1) / 2;
      guint32 hx = (guint32) CLAMP ((cx - cx0) * sx, 0, 65535);
      guint32 hy = (guint32) CLAMP ((cy - cy0) * sy, 0, 65535);

      keys[k] = (guint64) hilbert_distance (hx, hy) << 32 | k;
    }

  am_spatial_index_sort_keys (keys, n);
  permute_leaves (tree, keys, n);

  for (guint k = 0; k < n; k++)
    tree->slot_of_item[tree->ids[k]] = k;

  for (guint level = 1; level < tree->n_levels; level++)
    {
      guint child = level_start (tree, level - 1);
      guint child_end = tree->level_end[level - 1];

      for (guint p = level_start (tree, level); p < tree->level_end[level]; p++)
        {
          Box box = empty_box;

          tree->ids[p] = child;
          for (guint c = child; c < MIN (child + NODE_CAPACITY, child_end); c++)
            box_union (&box, &tree->boxes[c]);
          tree->boxes[p] = box;
          child += NODE_CAPACITY;
        }
    }
}

static void
tree_query (const Tree *tree,
            const Box  *query,
            GArray     *result)
{
  /* A depth-first walk keeps at most a node's children per level. */
  guint32 stack[NODE_CAPACITY * MAX_LEVELS];
  guint8 stack_level[NODE_CAPACITY * MAX_LEVELS];
  guint depth = 0;
  guint root;

  if (tree->n_items == 0)
    return;

  root = tree->level_end[tree->n_levels - 1] - 1;
  if (!box_meets (&tree->boxes[root], query))
    return;

  stack[depth] = root;
  stack_level[depth] = tree->n_levels - 1;
  depth++;

  while (depth > 0)
    {
      guint entry, level, first, end;

      depth--;
      entry = stack[depth];
      level = stack_level[depth];

      if (level == 0)
        {
          g_array_append_val (result, tree->ids[entry]);
          continue;
        }

      first = tree->ids[entry];
      end = MIN (first + NODE_CAPACITY, tree->level_end[level - 1]);
      for (guint c = first; c < end; c++)
        {
          if (!box_meets (&tree->boxes[c], query))
            continue;
          stack[depth] = c;
          stack_level[depth] = level - 1;
          depth++;
        }
    }
}

/* Sets the box of @item and widens its ancestors to hold it. FALSE when
 * the item is not in the tree: only a rebuild can add it. */
static gboolean
tree_update (Tree          *tree,
             const AmGraph *graph,
             guint          item,
             BoxFunc        get_box)
{
  guint entry = tree->slot_of_item[item];
  Box box;

  if (!get_box (graph, item, &box))
    {
      /* No place any more: a box that meets nothing. */
      if (entry != G_MAXUINT32)
        tree->boxes[entry] = empty_box;
      return TRUE;
    }

  if (entry == G_MAXUINT32)
    return FALSE;

  tree->boxes[entry] = box;
  for (guint level = 0; level + 1 < tree->n_levels; level++)
    {
      entry = level_start (tree, level + 1) + (entry - level_start (tree, level)) / NODE_CAPACITY;
      box_union (&tree->boxes[entry], &box);
    }

  return TRUE;
}

/* The index */

AmSpatialIndex *
am_spatial_index_new (const AmGraph *graph)
{
  AmSpatialIndex *self;

  g_return_val_if_fail (graph != NULL, NULL);

  self = g_new0 (AmSpatialIndex, 1);
  am_spatial_index_rebuild (self, graph);

  return self;
}

void
am_spatial_index_free (AmSpatialIndex *self)
{
  if (self == NULL)
    return;

  tree_clear (&self->nodes);
  tree_clear (&self->edges);
  g_free (self);
}

void
am_spatial_index_rebuild (AmSpatialIndex *self,
                          const AmGraph  *graph)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (graph != NULL);

  self->n_nodes = am_graph_get_n_nodes (graph);
  self->n_edges = am_graph_get_n_edges (graph);

  tree_build (&self->nodes, graph, self->n_nodes, node_box);
  tree_build (&self->edges, graph, self->n_edges, edge_box);
  am_graph_get_incidence (graph, &self->edge_offsets, &self->node_edges);
}

void
am_spatial_index_update_node (AmSpatialIndex *self,
                              const AmGraph  *graph,
                              guint           node)
{
  const guint32 *edges;
  guint n_edges;

  g_return_if_fail (self != NULL);
  g_return_if_fail (graph != NULL);

  if (!am_spatial_index_matches (self, graph) || node >= self->n_nodes)
    {
      am_spatial_index_rebuild (self, graph);
      return;
    }

  if (!tree_update (&self->nodes, graph, node, node_box))
    {
      am_spatial_index_rebuild (self, graph);
      return;
    }

  edges = am_graph_get_node_edges (graph, node, &n_edges);
  for (guint i = 0; i < n_edges; i++)
    {
      if (!tree_update (&self->edges, graph, edges[i], edge_box))
        {
          am_spatial_index_rebuild (self, graph);
          return;
        }
    }
}

gboolean
am_spatial_index_matches (const AmSpatialIndex *self,
                          const AmGraph        *graph)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (graph != NULL, FALSE);

  return self->n_nodes == am_graph_get_n_nodes (graph) &&
         self->n_edges == am_graph_get_n_edges (graph);
}

gboolean
am_spatial_index_get_bounds (const AmSpatialIndex *self,
                             double               *x0,
                             double               *y0,
                             double               *x1,
                             double               *y1)
{
  Box bounds = empty_box;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->nodes.n_items > 0)
    box_union (&bounds, &self->nodes.boxes[self->nodes.level_end[self->nodes.n_levels - 1] - 1]);
  if (self->edges.n_items > 0)
    box_union (&bounds, &self->edges.boxes[self->edges.level_end[self->edges.n_levels - 1] - 1]);

  if (!(bounds.x0 <= bounds.x1))
    return FALSE;

  *x0 = bounds.x0;
  *y0 = bounds.y0;
  *x1 = bounds.x1;
  *y1 = bounds.y1;
  return TRUE;
}

static gboolean
query_box (double  x0,
           double  y0,
           double  x1,
           double  y1,
           Box    *box)
{
  if (isnan (x0) || isnan (y0) || isnan (x1) || isnan (y1) || x0 > x1 || y0 > y1)
    return FALSE;

  *box = box_from_doubles (x0, y0, x1, y1);
  return TRUE;
}

void
am_spatial_index_query_nodes (const AmSpatialIndex *self,
                              double                x0,
                              double                y0,
                              double                x1,
                              double                y1,
                              GArray               *result)
{
  Box query;

  g_return_if_fail (self != NULL);
  g_return_if_fail (result != NULL);

  if (query_box (x0, y0, x1, y1, &query))
    tree_query (&self->nodes, &query, result);
}

void
am_spatial_index_query_edges (const AmSpatialIndex *self,
                              double                x0,
                              double                y0,
                              double                x1,
                              double                y1,
                              GArray               *result)
{
  Box query;

  g_return_if_fail (self != NULL);
  g_return_if_fail (result != NULL);

  if (query_box (x0, y0, x1, y1, &query))
    tree_query (&self->edges, &query, result);
}

const guint32 *
am_spatial_index_get_node_edges (const AmSpatialIndex *self,
                                 guint                 node,
                                 guint                *n_edges)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_edges != NULL, NULL);

  if (node >= self->n_nodes)
    {
      *n_edges = 0;
      return NULL;
    }

  *n_edges = self->edge_offsets[node + 1] - self->edge_offsets[node];
  return self->node_edges + self->edge_offsets[node];
}

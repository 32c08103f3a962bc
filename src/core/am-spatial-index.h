/* am-spatial-index.h: the nodes and edges in a region of the map, fast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "am-graph.h"

G_BEGIN_DECLS

typedef struct _AmSpatialIndex AmSpatialIndex;

/* Boxes are in world units. A node's box holds its shape and its label;
 * an edge's box holds the straight line between its nodes, or its loop;
 * curves of parallel edges reach beyond it, which callers allow for.
 * Nodes without a position, and edges with an end without one, are left
 * out. */
AmSpatialIndex *am_spatial_index_new             (const AmGraph        *graph);
void            am_spatial_index_free            (AmSpatialIndex       *self);

/* After positions changed: the same as a new index, reusing memory. */
void            am_spatial_index_rebuild         (AmSpatialIndex       *self,
                                                  const AmGraph        *graph);
/* After @node alone moved: updates its box and those of its edges. Much
 * cheaper than a rebuild; the tree gets a little looser, never wrong. */
void            am_spatial_index_update_node     (AmSpatialIndex       *self,
                                                  const AmGraph        *graph,
                                                  guint                 node);

/* TRUE when the index was built for a graph of this many nodes and
 * edges; a caller holding an index for another graph must not use it. */
gboolean        am_spatial_index_matches         (const AmSpatialIndex *self,
                                                  const AmGraph        *graph);

/* The box around everything indexed; FALSE when nothing is. */
gboolean        am_spatial_index_get_bounds      (const AmSpatialIndex *self,
                                                  double               *x0,
                                                  double               *y0,
                                                  double               *x1,
                                                  double               *y1);

/* Append to @result (guint32 elements) the index of every node, or edge,
 * whose box meets the rectangle, in no particular order. */
void            am_spatial_index_query_nodes     (const AmSpatialIndex *self,
                                                  double                x0,
                                                  double                y0,
                                                  double                x1,
                                                  double                y1,
                                                  GArray               *result);
void            am_spatial_index_query_edges     (const AmSpatialIndex *self,
                                                  double                x0,
                                                  double                y0,
                                                  double                x1,
                                                  double                y1,
                                                  GArray               *result);

/* The edges that start or end at @node, each once, in edge order: what
 * am_graph_get_node_edges() says of the graph the index was built for. */
const guint32  *am_spatial_index_get_node_edges  (const AmSpatialIndex *self,
                                                  guint                 node,
                                                  guint                *n_edges);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmSpatialIndex, am_spatial_index_free)

G_END_DECLS

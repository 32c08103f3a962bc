/* am-description.h: what a node or an edge is called where a reader
 * meets it: the titles of an SVG export and the tooltips of the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "am-graph.h"

G_BEGIN_DECLS

/* The parts of an edge's description, for each reader to put together
 * in its own form (plain text, markup). Strings belong to the graph;
 * those that may be missing are NULL rather than empty. */
typedef struct
{
  const char *source;     /* the names of its nodes */
  const char *target;
  const char *connector;  /* between them: an arrow when directed */
  const char *kind;       /* its kind, else the type or label the file gives */
  const char *stance;     /* of a statement, as the file spells it */
  const char *certainty;  /* "reported", "suspected", "inferred"; NULL when stated */
  const char *label;      /* as am_graph_get_edge_label() */
  const char *quote;      /* what was said, without quotation marks */
  const char *summary;    /* only when there is no quote */
} AmEdgeDescription;

/* A node's label, which loaded graphs always have, else its id; never
 * NULL. */
const char *am_description_node_name     (const AmNode            *node);
/* The id asked for a node's or an edge's group in an SVG: "node-" or
 * "edge-" and the file's id, else its index. */
char       *am_description_node_group_id (const AmNode            *node,
                                          guint                    index);
char       *am_description_edge_group_id (const AmEdge            *edge,
                                          guint                    index);
void        am_description_edge          (const AmGraph           *graph,
                                          guint                    edge,
                                          AmEdgeDescription       *description);
/* Appends "source → target: kind (stance) [certainty]" and, on a second line, the
 * quote or the summary: the title of an edge in an SVG export. */
void        am_description_append_edge   (const AmEdgeDescription *description,
                                          GString                 *text);

G_END_DECLS

/* am-groups.h: which group holds which node
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A node whose <node> element holds a nested <graph> is a group, and the
 * nodes of that graph are its members. A graph nested straight inside
 * another graph, with no node around it, makes no group: its nodes
 * belong to the group (if any) of the graph around it.
 */

#pragma once

#include "am-graph.h"

G_BEGIN_DECLS

/* TRUE when some node holds a nested graph. */
gboolean   am_groups_present            (const AmGraph *graph);
/* Per node, the group that holds it, or AM_NO_INDEX; NULL when there
 * are no groups. Free with g_free(). */
guint32   *am_groups_find_parents       (const AmGraph *graph);
/* The groups, each after all groups inside it, in node order otherwise;
 * NULL and 0 when there are none. Free with g_free(). */
guint32   *am_groups_innermost_first    (const AmGraph *graph,
                                         const guint32 *parents,
                                         guint         *n_groups);
/* TRUE when @node is @group or lies inside it, at any depth. */
gboolean   am_groups_contains           (const guint32 *parents,
                                         guint32        group,
                                         guint32        node);

G_END_DECLS

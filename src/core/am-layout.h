/* am-layout.h: deterministic force-directed placement
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "am-graph.h"

G_BEGIN_DECLS

typedef void (*AmLayoutProgressFunc) (double   fraction,
                                      gpointer user_data);

/* Places every node of @graph (x, y, in points), using each node's width
 * and height so that boxes do not overlap. The same graph always gets the
 * same picture. Returns FALSE only when cancelled, leaving positions as
 * they were. */
gboolean  am_layout_run          (AmGraph              *graph,
                                  GCancellable         *cancellable,
                                  AmLayoutProgressFunc  progress,
                                  gpointer              user_data);

/* Called in the layout's thread with every node's position, by node
 * number, valid only during the call. While a big component is refined a
 * rough picture comes after each of its levels; the last call, with
 * @final TRUE, has exactly the positions am_layout_run() would place. */
typedef void (*AmLayoutPictureFunc) (const double *x,
                                     const double *y,
                                     guint         n_nodes,
                                     gboolean      final,
                                     gpointer      user_data);

/* The same as am_layout_run(), but the result goes to @picture alone:
 * the graph is only read, so others may draw it meanwhile. */
gboolean  am_layout_run_with_pictures (const AmGraph        *graph,
                                       GCancellable         *cancellable,
                                       AmLayoutProgressFunc  progress,
                                       AmLayoutPictureFunc   picture,
                                       gpointer              user_data);

G_END_DECLS

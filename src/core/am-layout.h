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

/* Width over height of the canvas of a window of the default size: the
 * shape maps are laid out for when no canvas is asked about (exports,
 * --save), so that they come out the same every time. */
#define AM_LAYOUT_DEFAULT_ASPECT 1.35

/* Places every node of @graph (x, y, in points), using each node's width
 * and height so that boxes do not overlap, for a canvas of
 * AM_LAYOUT_DEFAULT_ASPECT. The same graph always gets the same picture.
 * Returns FALSE only when cancelled, leaving positions as they were. */
gboolean  am_layout_run            (AmGraph              *graph,
                                    GCancellable         *cancellable,
                                    AmLayoutProgressFunc  progress,
                                    gpointer              user_data);
/* The same for a canvas @aspect times as wide as it is high: each
 * component's long axis runs along the canvas's long side, and the
 * components are packed to its shape. */
gboolean  am_layout_run_for_aspect (AmGraph              *graph,
                                    double                aspect,
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

/* The same as am_layout_run_for_aspect(), but the result goes to
 * @picture alone: the graph is only read, so others may draw it
 * meanwhile. (A map with groups is the exception: it is laid out in
 * place, then given to @picture once, as final.) */
gboolean  am_layout_run_with_pictures (const AmGraph        *graph,
                                       double                aspect,
                                       GCancellable         *cancellable,
                                       AmLayoutProgressFunc  progress,
                                       AmLayoutPictureFunc   picture,
                                       gpointer              user_data);

G_END_DECLS

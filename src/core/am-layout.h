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

G_END_DECLS

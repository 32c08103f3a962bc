/* am-graph-view-private.h: what tests and the frame benchmark ask the canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "am-graph-view.h"

G_BEGIN_DECLS

/* TRUE when what the view shows was drawn for its current transform,
 * size and content, not a moved or scaled earlier frame. */
gboolean       am_graph_view_is_sharp               (AmGraphView *self);
/* How long the worker took to draw the frame shown, in milliseconds;
 * -1 when the view draws in the snapshot or has no frame yet. */
double         am_graph_view_get_frame_render_time  (AmGraphView *self);

G_END_DECLS

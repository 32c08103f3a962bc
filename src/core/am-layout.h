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

G_END_DECLS

/* am-allocator.h: how the window's process sets up its allocator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void am_allocator_tune_for_window (void);
/* Around reading a map, in a process tuned for the window: its growing
 * arrays are mapped on their own, not kept in the heap. Calls nest. */
void am_allocator_begin_read       (void);
void am_allocator_end_read         (void);

G_END_DECLS

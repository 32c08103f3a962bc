/* am-allocator.h: how the window's process sets up its allocator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void am_allocator_tune_for_window (void);

G_END_DECLS

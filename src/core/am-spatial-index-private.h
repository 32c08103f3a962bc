/* am-spatial-index-private.h: the parts of the spatial index tests look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void am_spatial_index_sort_keys (guint64 *keys,
                                 gsize    n);

G_END_DECLS

/* am-graphml-reader-private.h: for the tests and the benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "am-graphml-reader.h"

G_BEGIN_DECLS

AmGraph  *am_graphml_read_file_in_halves (const char             *path,
                                          GCancellable           *cancellable,
                                          AmGraphmlProgressFunc   progress,
                                          gpointer                user_data,
                                          gboolean               *read_in_halves,
                                          GError                **error);

G_END_DECLS

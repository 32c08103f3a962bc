/* am-map-loader.h: from a file (or the bundled map) to a graph ready to draw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "am-graphml-reader.h"

G_BEGIN_DECLS

#define AM_BUNDLED_MAP_RESOURCE "/io/github/actormap/ActorMap/peace-talks.graphml"

/* Reads @path, or the bundled map when @path is NULL. */
AmGraph  *am_map_loader_read       (const char    *path,
                                    GCancellable  *cancellable,
                                    GError       **error);
/* Sizes the nodes for their labels and lays them out unless the file
 * placed every one. FALSE when cancelled. */
gboolean  am_map_loader_prepare    (AmGraph       *graph,
                                    GCancellable  *cancellable);
AmGraph  *am_map_loader_load       (const char    *path,
                                    GCancellable  *cancellable,
                                    GError       **error);

G_END_DECLS

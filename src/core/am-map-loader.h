/* am-map-loader.h: from a file (or the bundled map) to a graph ready to draw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "am-graphml-reader.h"
#include "am-layout.h"

G_BEGIN_DECLS

#define AM_BUNDLED_MAP_RESOURCE "/io/github/actormap/ActorMap/peace-talks.graphml"

typedef enum
{
  AM_MAP_LOAD_STAGE_READING,
  AM_MAP_LOAD_STAGE_LAYING_OUT,
} AmMapLoadStage;

typedef struct
{
  AmMapLoadStage stage;
  double         fraction;      /* of the stage, 0 to 1 */
  guint64        bytes_read;    /* while reading a file of known size */
  guint64        bytes_total;   /* 0 when the size is not known */
} AmMapLoadProgress;

/* Called in the loading thread, often: keep it cheap. */
typedef void (*AmMapLoadProgressFunc) (const AmMapLoadProgress *progress,
                                       gpointer                 user_data);

/* Maps without positions loaded from now on are laid out for a canvas
 * @aspect times as wide as it is high (see am_layout_run_for_aspect());
 * 0 for AM_LAYOUT_DEFAULT_ASPECT, which a process that never calls this
 * keeps. The window tells its canvas's shape. */
void      am_map_loader_set_layout_aspect (double aspect);
/* The bundled map's GraphML, as compiled in. */
GBytes   *am_map_loader_get_bundled_map (void);
/* Reads @path, or the bundled map when @path is NULL. */
AmGraph  *am_map_loader_read       (const char             *path,
                                    GCancellable           *cancellable,
                                    GError                **error);
/* Sizes the nodes for their labels and lays them out unless the file
 * placed every one. FALSE when cancelled. */
gboolean  am_map_loader_prepare    (AmGraph                *graph,
                                    GCancellable           *cancellable);
AmGraph  *am_map_loader_load       (const char             *path,
                                    GCancellable           *cancellable,
                                    GError                **error);
/* The same, telling @progress how far it got. */
AmGraph  *am_map_loader_load_full  (const char             *path,
                                    GCancellable           *cancellable,
                                    AmMapLoadProgressFunc   progress,
                                    gpointer                user_data,
                                    GError                **error);
/* Reads and sizes the nodes but leaves a map the file did not place
 * unplaced, for am_map_loader_lay_out() to place while it is shown. */
AmGraph  *am_map_loader_load_unplaced (const char           *path,
                                    GCancellable           *cancellable,
                                    AmMapLoadProgressFunc   progress,
                                    gpointer                user_data,
                                    GError                **error);
/* Lays out @graph, only reading it: every picture, rough or final, goes
 * to @picture (see am_layout_run_with_pictures()). FALSE when cancelled. */
gboolean  am_map_loader_lay_out    (const AmGraph          *graph,
                                    GCancellable           *cancellable,
                                    AmMapLoadProgressFunc   progress,
                                    AmLayoutPictureFunc     picture,
                                    gpointer                user_data);

G_END_DECLS

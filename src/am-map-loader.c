/* am-map-loader.c: from a file (or the bundled map) to a graph ready to draw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "am-core-resources.h"
#include "am-layout.h"
#include "am-map-loader.h"
#include "am-render.h"

AmGraph *
am_map_loader_read (const char    *path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (path != NULL)
    return am_graphml_read_file (path, cancellable, NULL, NULL, error);

  /* Asked of our own resource, not the global table: a static library's
   * constructor that would register it may never be linked in. */
  bytes = g_resource_lookup_data (am_core_get_resource (), AM_BUNDLED_MAP_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  return am_graphml_read_bytes (bytes, "peace-talks.graphml", error);
}

gboolean
am_map_loader_prepare (AmGraph      *graph,
                       GCancellable *cancellable)
{
  g_return_val_if_fail (graph != NULL, FALSE);

  am_render_measure_nodes (graph);
  if (am_graph_has_positions (graph))
    return TRUE;

  return am_layout_run (graph, cancellable, NULL, NULL);
}

AmGraph *
am_map_loader_load (const char    *path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(AmGraph) graph = am_map_loader_read (path, cancellable, error);

  if (graph == NULL)
    return NULL;

  if (!am_map_loader_prepare (graph, cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Layout was cancelled"));
      return NULL;
    }

  return g_steal_pointer (&graph);
}

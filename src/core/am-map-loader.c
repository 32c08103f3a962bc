/* am-map-loader.c: from a file (or the bundled map) to a graph ready to draw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "am-allocator.h"
#include "am-core-resources.h"
#include "am-layout.h"
#include "am-map-loader.h"
#include "am-render.h"

typedef struct
{
  AmMapLoadProgressFunc func;
  gpointer              user_data;
  AmMapLoadProgress     progress;
} Reporter;

static void
report (Reporter       *reporter,
        AmMapLoadStage  stage,
        double          fraction)
{
  if (reporter->func == NULL)
    return;

  reporter->progress.stage = stage;
  reporter->progress.fraction = CLAMP (fraction, 0.0, 1.0);
  if (stage == AM_MAP_LOAD_STAGE_READING)
    reporter->progress.bytes_read = (guint64) (reporter->progress.fraction *
                                               reporter->progress.bytes_total);

  reporter->func (&reporter->progress, reporter->user_data);
}

static void
on_read_progress (double   fraction,
                  gpointer user_data)
{
  report (user_data, AM_MAP_LOAD_STAGE_READING, fraction);
}

static void
on_layout_progress (double   fraction,
                    gpointer user_data)
{
  report (user_data, AM_MAP_LOAD_STAGE_LAYING_OUT, fraction);
}

static AmGraph *
read_map (const char    *path,
          GCancellable  *cancellable,
          Reporter      *reporter,
          GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  AmGraph *graph;

  if (path != NULL)
    {
      GStatBuf info;

      /* Only to turn the reader's share into bytes; the reader itself
       * reports any error opening the file. */
      if (reporter->func != NULL && g_stat (path, &info) == 0 && info.st_size > 0)
        reporter->progress.bytes_total = info.st_size;

      report (reporter, AM_MAP_LOAD_STAGE_READING, 0.0);
      am_allocator_begin_read ();
      graph = am_graphml_read_file (path, cancellable,
                                    reporter->func != NULL ? on_read_progress : NULL,
                                    reporter, error);
      am_allocator_end_read ();
      return graph;
    }

  bytes = am_map_loader_get_bundled_map ();

  return am_graphml_read_bytes (bytes, "peace-talks.graphml", error);
}

GBytes *
am_map_loader_get_bundled_map (void)
{
  /* Asked of our own resource, not the global table: a static library's
   * constructor that would register it may never be linked in. The map is
   * compiled in, so it is always there. */
  return g_resource_lookup_data (am_core_get_resource (), AM_BUNDLED_MAP_RESOURCE,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

/* The canvas maps are laid out for, written by the window, read by the
 * thread that loads: 0 for AM_LAYOUT_DEFAULT_ASPECT. */
G_LOCK_DEFINE_STATIC (layout_aspect);
static double layout_aspect;

void
am_map_loader_set_layout_aspect (double aspect)
{
  G_LOCK (layout_aspect);
  layout_aspect = isfinite (aspect) && aspect > 0 ? aspect : 0;
  G_UNLOCK (layout_aspect);
}

static double
get_layout_aspect (void)
{
  double aspect;

  G_LOCK (layout_aspect);
  aspect = layout_aspect;
  G_UNLOCK (layout_aspect);

  return aspect > 0 ? aspect : AM_LAYOUT_DEFAULT_ASPECT;
}

static gboolean
prepare_map (AmGraph      *graph,
             GCancellable *cancellable,
             Reporter     *reporter)
{
  gboolean has_positions = am_graph_has_positions (graph);

  /* Measuring the labels of a big map takes a while: it is part of
   * laying it out, not of reading it, which is done. */
  if (!has_positions)
    report (reporter, AM_MAP_LOAD_STAGE_LAYING_OUT, 0.0);
  am_render_measure_nodes (graph);
  if (has_positions)
    {
      /* The file placed the members; a group it gave no box gets one. */
      am_render_fit_groups (graph);
      return TRUE;
    }

  return am_layout_run_for_aspect (graph, get_layout_aspect (), cancellable,
                                   reporter->func != NULL ? on_layout_progress : NULL, reporter);
}

AmGraph *
am_map_loader_read (const char    *path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Reporter reporter = { 0 };

  return read_map (path, cancellable, &reporter, error);
}

gboolean
am_map_loader_prepare (AmGraph      *graph,
                       GCancellable *cancellable)
{
  Reporter reporter = { 0 };

  g_return_val_if_fail (graph != NULL, FALSE);

  return prepare_map (graph, cancellable, &reporter);
}

AmGraph *
am_map_loader_load (const char    *path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return am_map_loader_load_full (path, cancellable, NULL, NULL, error);
}

AmGraph *
am_map_loader_load_full (const char             *path,
                         GCancellable           *cancellable,
                         AmMapLoadProgressFunc   progress,
                         gpointer                user_data,
                         GError                **error)
{
  Reporter reporter = { .func = progress, .user_data = user_data };
  g_autoptr(AmGraph) graph = NULL;

  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  graph = read_map (path, cancellable, &reporter, error);
  if (graph == NULL)
    return NULL;

  if (!prepare_map (graph, cancellable, &reporter))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Layout was cancelled"));
      return NULL;
    }

  return g_steal_pointer (&graph);
}

AmGraph *
am_map_loader_load_unplaced (const char             *path,
                             GCancellable           *cancellable,
                             AmMapLoadProgressFunc   progress,
                             gpointer                user_data,
                             GError                **error)
{
  Reporter reporter = { .func = progress, .user_data = user_data };
  AmGraph *graph;

  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  graph = read_map (path, cancellable, &reporter, error);
  if (graph == NULL)
    return NULL;

  /* As in prepare_map(): sizing the labels is part of laying out. */
  if (!am_graph_has_positions (graph))
    report (&reporter, AM_MAP_LOAD_STAGE_LAYING_OUT, 0.0);
  am_render_measure_nodes (graph);
  /* The legend's look at every edge, here rather than in the window's
   * first frame. */
  am_graph_get_edge_facets (graph, FALSE, &(AmEdgeFacets) { 0 });

  return graph;
}

typedef struct
{
  Reporter            reporter;
  AmLayoutPictureFunc picture;
} Placer;

static void
on_placer_progress (double   fraction,
                    gpointer user_data)
{
  Placer *placer = user_data;

  report (&placer->reporter, AM_MAP_LOAD_STAGE_LAYING_OUT, fraction);
}

static void
on_placer_picture (const double *x,
                   const double *y,
                   guint         n_nodes,
                   gboolean      final,
                   gpointer      user_data)
{
  Placer *placer = user_data;

  placer->picture (x, y, n_nodes, final, placer->reporter.user_data);
}

gboolean
am_map_loader_lay_out (const AmGraph          *graph,
                       GCancellable           *cancellable,
                       AmMapLoadProgressFunc   progress,
                       AmLayoutPictureFunc     picture,
                       gpointer                user_data)
{
  Placer placer = { .reporter = { .func = progress, .user_data = user_data }, .picture = picture };
  gboolean placed;

  g_return_val_if_fail (graph != NULL, FALSE);
  g_return_val_if_fail (picture != NULL, FALSE);

  report (&placer.reporter, AM_MAP_LOAD_STAGE_LAYING_OUT, 0.0);
  /* Its levels, too, come and go while the map is made. */
  am_allocator_begin_read ();
  placed = am_layout_run_with_pictures (graph, get_layout_aspect (), cancellable,
                                        progress != NULL ? on_placer_progress : NULL,
                                        on_placer_picture, &placer);
  am_allocator_end_read ();

  return placed;
}

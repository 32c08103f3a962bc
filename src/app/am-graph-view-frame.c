/* am-graph-view-frame.c: large maps, drawn by a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Large maps take too long to draw in the snapshot, so they are drawn in
 * a worker thread into a texture; until the next one is ready the last
 * texture is shown moved and scaled to where the view is now, which
 * keeps panning and zooming smooth however long a frame takes.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "am-graph-view-private.h"
#include "am-painter.h"

/* While the map moves, a new frame is started only once it has been
 * still this long, or once the last frame, moved and scaled, is far off:
 * each new frame costs the renderer an upload, and while moving it would
 * be out of date by the time it came. */
#define SETTLE_TIME_US  (80 * G_TIME_SPAN_MILLISECOND)
#define FAR_OFF_SCALE   1.5
#define FAR_OFF_SHIFT   0.25   /* of the view's width or height */

struct _AmGraphViewFrame
{
  GdkTexture      *texture;
  /* The legend stays put while the map moves, so it is drawn apart. */
  GdkTexture      *legend;
  double           legend_width;
  double           legend_height;
  AmViewTransform  transform;
  double           width;
  double           height;
  int              scale_factor;
  guint            serial;
  double           render_ms;      /* how long the worker took */
};

typedef AmGraphViewFrame Frame;

struct _AmGraphViewFrameJob
{
  /* Holds the parts of the graph the job shares. */
  AmMapDocument   *document;
  /* Cancelled when the view no longer wants the frame. */
  GCancellable    *cancellable;
  /* The document's graph with a copy of its nodes, so that moving a node
   * while the frame is drawn changes nothing under the worker's feet.
   * Nothing else of a graph changes once it is loaded. */
  AmGraph          graph;
  AmRenderOptions  options;
  int              scale_factor;
  guint            serial;
  int              n_bands;        /* threads to draw the map on */
  double           render_ms;

  /* The view's spatial index, lent to the worker while it draws; the
   * view hands it over here when it lets go of it meanwhile. */
  AmSpatialIndex  *orphaned_index;
  /* Or, when the view has none up to date, one the worker builds for
   * itself and the view then takes: in place of the view's old one, if
   * it had one, whose memory it reuses. */
  gboolean         build_index;
  AmSpatialIndex  *built_index;
  guint            positions_serial;
  /* At fit the map is drawn without the index anyway (see
   * cull_with_index): the frame is shown first, then the index built. */
  gboolean         index_after_map;
  /* Or only the index, asked for while the frame shown is current. */
  gboolean         index_only;
  /* Of new positions, as each picture of a layout being refined. */
  gboolean         new_positions;
  gboolean         shown;          /* in the view already; main thread only */

  /* What the worker drew. */
  cairo_surface_t *map;
  cairo_surface_t *legend;
};

typedef AmGraphViewFrameJob FrameJob;

static int n_cancelled_frames;

/* Held by a test, keeps the worker from building an index meanwhile. */
static GMutex *index_gate;

void
_am_graph_view_frame_free (Frame *frame)
{
  g_clear_object (&frame->texture);
  g_clear_object (&frame->legend);
  g_free (frame);
}

static void
frame_job_free (gpointer data)
{
  FrameJob *job = data;

  g_clear_pointer (&job->map, cairo_surface_destroy);
  g_clear_pointer (&job->legend, cairo_surface_destroy);
  g_clear_pointer (&job->orphaned_index, am_spatial_index_free);
  g_clear_pointer (&job->built_index, am_spatial_index_free);
  g_clear_pointer (&job->graph.nodes, g_array_unref);
  g_clear_object (&job->document);
  g_clear_object (&job->cancellable);
  g_free (job);
}

static cairo_surface_t *
create_surface (double width,
                double height,
                int    scale_factor)
{
  cairo_surface_t *surface;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) ceil (width * scale_factor),
                                        (int) ceil (height * scale_factor));
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  cairo_surface_set_device_scale (surface, scale_factor, scale_factor);
  return surface;
}

/* Frames are drawn in horizontal bands at once, one each on a thread of
 * their own: what a band shows depends only on where it is, so the
 * bands meet without a seam. */
#define FRAME_BANDS 2
/* Lower frames are not worth the split. */
#define MIN_BAND_HEIGHT 64

typedef struct
{
  const AmGraph   *graph;
  AmRenderOptions  options;
  cairo_surface_t *surface;   /* the band's rows of the frame's pixels */
  GCancellable    *cancellable;

  GMutex           lock;
  GCond            cond;
  gboolean         done;
} Band;

static void
draw_band (Band *band)
{
  cairo_t *cr;

  if (g_cancellable_is_cancelled (band->cancellable))
    return;

  cr = cairo_create (band->surface);

  am_render_to_cairo (band->graph, &band->options, cr);
  cairo_destroy (cr);
  cairo_surface_flush (band->surface);
}

static void
draw_band_in_pool (gpointer data,
                   gpointer user_data)
{
  Band *band = data;

  draw_band (band);

  g_mutex_lock (&band->lock);
  band->done = TRUE;
  g_cond_signal (&band->cond);
  g_mutex_unlock (&band->lock);
}

/* Threads that stay, so that each keeps its fonts from frame to frame. */
static GThreadPool *
get_band_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (draw_band_in_pool, NULL, FRAME_BANDS - 1,
                                                 TRUE, NULL));

  return pool;
}

/* Draws the map (not the legend) of @options on @surface, whose pixels
 * are split into bands drawn in parallel. */
static void
draw_map_in_bands (const AmGraph         *graph,
                   const AmRenderOptions *options,
                   cairo_surface_t       *surface,
                   int                    scale_factor,
                   int                    max_bands,
                   GCancellable          *cancellable)
{
  Band bands[FRAME_BANDS];
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface);
  int n_bands = CLAMP (MIN (max_bands, (int) (options->height / MIN_BAND_HEIGHT)), 1, FRAME_BANDS);
  double top = 0;

  cairo_surface_flush (surface);

  for (int i = 0; i < n_bands; i++)
    {
      Band *band = &bands[i];
      /* Whole device units, so that the rows of each band are whole. */
      double bottom = i == n_bands - 1 ? options->height
                                       : floor (options->height * (i + 1) / n_bands);
      int first_row = (int) top * scale_factor;
      int n_rows = i == n_bands - 1 ? cairo_image_surface_get_height (surface) - first_row
                                    : (int) (bottom - top) * scale_factor;

      band->graph = graph;
      band->cancellable = cancellable;
      band->options = *options;
      band->options.transform.offset_y -= top;
      band->options.height = bottom - top;
      band->surface = cairo_image_surface_create_for_data (data + (gsize) first_row * stride,
                                                           CAIRO_FORMAT_ARGB32, width, n_rows,
                                                           stride);
      cairo_surface_set_device_scale (band->surface, scale_factor, scale_factor);
      g_mutex_init (&band->lock);
      g_cond_init (&band->cond);
      band->done = FALSE;
      top = bottom;
    }

  for (int i = 1; i < n_bands; i++)
    g_thread_pool_push (get_band_pool (), &bands[i], NULL);
  draw_band (&bands[0]);

  for (int i = 0; i < n_bands; i++)
    {
      Band *band = &bands[i];

      if (i > 0)
        {
          g_mutex_lock (&band->lock);
          while (!band->done)
            g_cond_wait (&band->cond, &band->lock);
          g_mutex_unlock (&band->lock);
        }
      cairo_surface_destroy (band->surface);
      g_mutex_clear (&band->lock);
      g_cond_clear (&band->cond);
    }

  cairo_surface_mark_dirty (surface);
}

/* With AM_FRAME_STAGES set, each frame prints how long its steps took,
 * to tell where a slow frame spends its time. */
#define MAX_STAGES 8

typedef struct
{
  gint64      last;
  const char *names[MAX_STAGES];
  double      ms[MAX_STAGES];
  guint       n;
} StageClock;

static void
stage_clock_mark (StageClock *clock,
                  const char *name)
{
  gint64 now = g_get_monotonic_time ();

  if (clock->n < MAX_STAGES)
    {
      clock->names[clock->n] = name;
      clock->ms[clock->n++] = (now - clock->last) / 1000.0;
    }
  clock->last = now;
}

static void
stage_clock_report (const StageClock *clock,
                    double            total_ms)
{
  static gsize wanted;
  g_autoptr(GString) line = NULL;

  /* 1 for no, 2 for yes: 0 is taken for not yet looked at. */
  if (g_once_init_enter (&wanted))
    g_once_init_leave (&wanted, g_getenv ("AM_FRAME_STAGES") != NULL ? 2 : 1);
  if (wanted != 2)
    return;

  line = g_string_new ("frame stages (ms):");
  for (guint i = 0; i < clock->n; i++)
    g_string_append_printf (line, " %s %.1f", clock->names[i], clock->ms[i]);
  g_string_append_printf (line, " total %.1f\n", total_ms);
  fputs (line->str, stderr);
}

static void
build_index (FrameJob *job)
{
  if (index_gate != NULL)
    {
      g_mutex_lock (index_gate);
      g_mutex_unlock (index_gate);
    }
  if (job->built_index != NULL)
    am_spatial_index_rebuild (job->built_index, &job->graph);
  else
    job->built_index = am_spatial_index_new (&job->graph);
}

static void show_frame (AmGraphView *self,
                        FrameJob    *job);

static gboolean
show_early_cb (gpointer data)
{
  GTask *task = data;
  AmGraphView *self = g_task_get_source_object (task);
  FrameJob *job = g_task_get_task_data (task);

  /* Unless the frame is done already, or no longer wanted. */
  if (self->running_job == job && job->document == self->document &&
      !g_cancellable_is_cancelled (job->cancellable))
    show_frame (self, job);

  return G_SOURCE_REMOVE;
}

/* The nodes copied for the frame are its biggest part, and nothing
 * looks at them once it is drawn and the index built: they go before the
 * view hears of it, which may start the next frame with a copy of its
 * own. */
static void
frame_job_return (GTask    *task,
                  FrameJob *job,
                  gboolean  drawn)
{
  g_clear_pointer (&job->graph.nodes, g_array_unref);
  g_task_return_boolean (task, drawn);
}

static gboolean
frame_job_cancelled (GTask    *task,
                     FrameJob *job)
{
  if (!g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return FALSE;

  g_clear_pointer (&job->graph.nodes, g_array_unref);
  return g_task_return_error_if_cancelled (task);
}

static void
render_frame_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  FrameJob *job = task_data;
  const AmColour *background = &am_style_get (job->options.dark)->background;
  gint64 start = g_get_monotonic_time ();
  StageClock clock = { .last = start };
  double legend_width, legend_height;
  cairo_surface_t *density;
  AmPainter *painter;
  cairo_t *cr;

  if (job->build_index && !job->index_after_map)
    {
      build_index (job);
      job->options.index = job->built_index;
    }
  stage_clock_mark (&clock, "index");
  if (job->index_only)
    {
#ifdef __GLIBC__
      malloc_trim (0);
#endif
      frame_job_return (task, job, TRUE);
      return;
    }

  /* Between the steps: each takes a while on a large map. */
  if (frame_job_cancelled (task, job))
    return;

  job->options.draw_legend = FALSE;
  job->options.level_of_detail = TRUE;
  job->options.defer_labels = TRUE;

  /* For the whole frame at once, not band by band: its tone depends on
   * all of it. Before the frame's own surface is made: adding up a
   * million edges takes the most memory of all the steps. */
  density = am_render_edge_density (&job->graph, &job->options, job->scale_factor, cancellable);
  job->options.edge_density = density != NULL ? AM_EDGE_DENSITY_PAINTED : AM_EDGE_DENSITY_OFF;
  stage_clock_mark (&clock, "density");
  if (frame_job_cancelled (task, job))
    {
      g_clear_pointer (&density, cairo_surface_destroy);
      return;
    }

  job->map = create_surface (job->options.width, job->options.height, job->scale_factor);
  if (job->map == NULL)
    {
      g_clear_pointer (&density, cairo_surface_destroy);
      frame_job_return (task, job, FALSE);
      return;
    }

  cr = cairo_create (job->map);
  cairo_set_source_rgb (cr, background->red, background->green, background->blue);
  cairo_paint (cr);
  if (density != NULL)
    {
      cairo_set_source_surface (cr, density, 0, 0);
      cairo_paint (cr);
      cairo_surface_destroy (density);
    }
  cairo_destroy (cr);
  stage_clock_mark (&clock, "backdrop");
  draw_map_in_bands (&job->graph, &job->options, job->map, job->scale_factor, job->n_bands,
                     cancellable);
  stage_clock_mark (&clock, "bands");
  if (frame_job_cancelled (task, job))
    return;

  job->options.draw_legend = TRUE;
  job->legend = am_render_legend_to_surface (&job->graph, &job->options, job->scale_factor,
                                             &legend_width, &legend_height);
  stage_clock_mark (&clock, "legend");

  /* Over the whole frame, not band by band: each label placed keeps
   * others from its place. */
  cr = cairo_create (job->map);
  painter = am_cairo_painter_new (cr);
  am_render_overview_labels (&job->graph, &job->options, legend_width, legend_height, painter);
  g_clear_pointer (&painter, am_painter_free);
  cairo_destroy (cr);
  cairo_surface_flush (job->map);
  stage_clock_mark (&clock, "labels");
  if (frame_job_cancelled (task, job))
    return;

  job->render_ms = (g_get_monotonic_time () - start) / 1000.0;
  if (job->build_index && job->index_after_map)
    {
      /* The view reads the frame's pixels and settings, none of which
       * change from here on; it does not take the index before the end. */
      g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                                  show_early_cb, g_object_ref (task), g_object_unref);
      build_index (job);
      stage_clock_mark (&clock, "index after");
    }

  /* What the frame drew with (the index's sort keys, the density, the
   * bands' paths) stays with this thread's arena, one of several the
   * pool's threads take turns with, for as long as the process runs:
   * it goes back to the system after a frame with new positions, as
   * while a layout is refined: a few milliseconds once the frame is
   * drawn, well spent on a map this big. Frames while the view moves
   * keep it for the next. */
#ifdef __GLIBC__
  if (job->new_positions)
    malloc_trim (0);
#endif
  stage_clock_mark (&clock, "trim");
  stage_clock_report (&clock, job->render_ms);
  g_debug ("Drew a %.0f × %.0f frame in %.1f ms", job->options.width, job->options.height,
           job->render_ms);
  frame_job_return (task, job, TRUE);
}

static GdkTexture *
texture_for_surface (cairo_surface_t *surface)
{
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) *
                                      cairo_image_surface_get_height (surface),
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));

  return gdk_memory_texture_new (cairo_image_surface_get_width (surface),
                                 cairo_image_surface_get_height (surface),
                                 GDK_MEMORY_DEFAULT, bytes,
                                 cairo_image_surface_get_stride (surface));
}

static void
on_frame_ready_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AmGraphView *self = AM_GRAPH_VIEW (source_object);
  FrameJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean drawn = g_task_propagate_boolean (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_atomic_int_inc (&n_cancelled_frames);
      g_debug ("A frame was cancelled before it was done");
    }

  self->frame_running = FALSE;
  self->running_job = NULL;
  self->index_lent = FALSE;
  self->index_building = FALSE;

  /* The positions it was built for are still those of the graph, but
   * for nodes moved one at a time meanwhile. */
  if (job->built_index != NULL && job->document == self->document &&
      job->positions_serial == self->positions_serial &&
      (self->index == NULL || self->index_stale))
    {
      g_clear_pointer (&self->index, am_spatial_index_free);
      self->index = g_steal_pointer (&job->built_index);
      self->index_stale = FALSE;
      self->index_wanted = FALSE;
    }
  else if (job->built_index != NULL && job->document == self->document && self->index == NULL)
    {
      /* Out of date already, or never built: its memory serves the next. */
      self->index = g_steal_pointer (&job->built_index);
      self->index_stale = TRUE;
    }
  if (job->document == self->document)
    _am_graph_view_index_returned (self);

  /* A frame of a map no longer shown, or of a view already gone. */
  if (!drawn || job->document != self->document)
    {
      if (self->document != NULL)
        gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  if (!job->shown && !job->index_only)
    show_frame (self, job);
  else /* the next frame may start now */
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
show_frame (AmGraphView *self,
            FrameJob    *job)
{
  Frame *frame = g_new0 (Frame, 1);

  job->shown = TRUE;
  frame->texture = texture_for_surface (job->map);
  if (job->legend != NULL)
    {
      frame->legend = texture_for_surface (job->legend);
      frame->legend_width = cairo_image_surface_get_width (job->legend) /
                            (double) job->scale_factor;
      frame->legend_height = cairo_image_surface_get_height (job->legend) /
                             (double) job->scale_factor;
    }
  frame->transform = job->options.transform;
  frame->width = job->options.width;
  frame->height = job->options.height;
  frame->scale_factor = job->scale_factor;
  frame->serial = job->serial;
  frame->render_ms = job->render_ms;

  g_clear_pointer (&self->frame, _am_graph_view_frame_free);
  self->frame = frame;

  /* Draws it, and asks for the next frame if the view moved on. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
frame_is_current (AmGraphView *self)
{
  const Frame *frame = self->frame;

  return frame != NULL && frame->serial == self->serial &&
         _am_graph_view_transform_equal (&frame->transform, &self->transform) &&
         frame->width == self->width && frame->height == self->height &&
         frame->scale_factor == gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

/* Whether the frame draws without the index anyway: the renderer does
 * not ask it when the view shows most of the map, fitted or moved a
 * little from there (the same share as cull_with_index() in
 * am-render.c). Such a frame need not wait for one. */
static gboolean
shows_most_of_map (AmGraphView *self)
{
  const double *b = self->bounds;
  double scale = self->transform.scale;
  double x0, y0, x1, y1, overlap;

  if (self->fitted)
    return TRUE;
  if (!self->bounds_valid || !(scale > 0) || b[2] <= b[0] || b[3] <= b[1])
    return FALSE;

  x0 = -self->transform.offset_x / scale;
  y0 = -self->transform.offset_y / scale;
  x1 = (self->width - self->transform.offset_x) / scale;
  y1 = (self->height - self->transform.offset_y) / scale;
  overlap = MAX (MIN (x1, b[2]) - MAX (x0, b[0]), 0) *
            MAX (MIN (y1, b[3]) - MAX (y0, b[1]), 0);

  return overlap >= 0.7 * (b[2] - b[0]) * (b[3] - b[1]);
}

static void
start_frame (AmGraphView *self,
             gboolean     index_only)
{
  AmGraph *graph = _am_graph_view_get_graph (self);
  g_autoptr(GTask) task = NULL;
  FrameJob *job;
  gboolean wide = FALSE;

  g_assert (graph != NULL);
  g_assert (!self->frame_running);

  job = g_new0 (FrameJob, 1);
  job->document = g_object_ref (self->document);
  job->graph = *graph;
  job->graph.nodes = g_array_copy (graph->nodes);
  _am_graph_view_fill_render_options (self, &job->options);
  job->scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  job->serial = self->serial;
  job->options.nodes_by_degree = am_map_document_get_nodes_by_degree (self->document);
  /* A frame started while the map still moves leaves the main thread a
   * core of its own, to keep moving the last frame smoothly. */
  job->n_bands = g_get_monotonic_time () - self->moved_at < SETTLE_TIME_US ? 1 : FRAME_BANDS;

  /* Zoomed in on a large map, culling with the index spares the worker
   * a look at every edge. One that is out of date is not lent. */
  if (self->index != NULL && !self->index_stale && am_spatial_index_matches (self->index, graph))
    {
      job->options.index = self->index;
      self->index_lent = TRUE;
    }
  else if ((wide = shows_most_of_map (self)) && !self->index_wanted && !index_only)
    {
      /* At fit the map is drawn without it: while a layout is refined,
       * a new picture each second, building one for each would cost
       * their memory at its highest, for a pointer that may never come.
       * The old one is of no use either. */
      g_clear_pointer (&self->index, am_spatial_index_free);
      self->index_stale = TRUE;
      job->new_positions = TRUE;
    }
  else
    {
      job->build_index = TRUE;
      job->index_after_map = wide && !index_only;
      job->index_only = index_only;
      job->new_positions = TRUE;
      /* Out of date, it is no use to anyone meanwhile; two indexes of a
       * million edges side by side would be 50 MB. */
      job->built_index = g_steal_pointer (&self->index);
      job->positions_serial = self->positions_serial;
      self->index_building = TRUE;
    }

  self->frame_running = TRUE;
  self->running_job = job;
  job->cancellable = g_cancellable_new ();
  task = g_task_new (self, job->cancellable, on_frame_ready_cb, NULL);
  g_task_set_source_tag (task, start_frame);
  g_task_set_task_data (task, job, frame_job_free);
  g_task_run_in_thread (task, render_frame_in_thread);
}

/* The last frame, moved and scaled from where it was drawn to where the
 * view is now. */
static void
append_frame (AmGraphView *self,
              GtkSnapshot *snapshot)
{
  const Frame *frame = self->frame;
  double ratio = self->transform.scale / frame->transform.scale;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, self->width, self->height));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (self->transform.offset_x -
                                                frame->transform.offset_x * ratio,
                                                self->transform.offset_y -
                                                frame->transform.offset_y * ratio));
  gtk_snapshot_scale (snapshot, ratio, ratio);
  gtk_snapshot_append_texture (snapshot, frame->texture,
                               &GRAPHENE_RECT_INIT (0, 0, frame->width, frame->height));
  gtk_snapshot_restore (snapshot);

  /* Drawn with every frame, shown only while not folded to its button:
   * the canvas may have narrowed since, or the user folded it. */
  if (frame->legend != NULL && !_am_graph_view_legend_folded (self))
    gtk_snapshot_append_texture (snapshot, frame->legend,
                                 &GRAPHENE_RECT_INIT (0, 0, frame->legend_width,
                                                      frame->legend_height));
  gtk_snapshot_pop (snapshot);
}

static gboolean
on_settled_cb (gpointer user_data)
{
  AmGraphView *self = user_data;

  self->settle_source = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* Whether to wait with the next frame, and come back when still. */
static gboolean
wait_until_still (AmGraphView *self)
{
  const Frame *frame = self->frame;
  gint64 still_for = g_get_monotonic_time () - self->moved_at;
  double ratio, dx, dy;

  if (frame == NULL || frame->serial != self->serial || still_for >= SETTLE_TIME_US)
    return FALSE;

  ratio = self->transform.scale / frame->transform.scale;
  dx = self->transform.offset_x - frame->transform.offset_x * ratio;
  dy = self->transform.offset_y - frame->transform.offset_y * ratio;
  if (ratio > FAR_OFF_SCALE || ratio < 1 / FAR_OFF_SCALE ||
      fabs (dx) > FAR_OFF_SHIFT * self->width || fabs (dy) > FAR_OFF_SHIFT * self->height)
    return FALSE;

  if (self->settle_source == 0)
    self->settle_source = g_timeout_add ((SETTLE_TIME_US - still_for) / 1000 + 1,
                                         on_settled_cb, self);
  return TRUE;
}

void
_am_graph_view_append_frames (AmGraphView *self,
                              GtkSnapshot *snapshot)
{
  if (self->frame != NULL)
    append_frame (self, snapshot);
  if (self->frame_running)
    return;
  if (!frame_is_current (self))
    {
      if (!wait_until_still (self))
        start_frame (self, FALSE);
    }
  else if (self->index_wanted && (self->index == NULL || self->index_stale))
    {
      start_frame (self, TRUE);
    }
}

void
_am_graph_view_orphan_index (AmGraphView *self)
{
  if (!self->index_lent)
    return;

  self->running_job->orphaned_index = g_steal_pointer (&self->index);
  self->index_lent = FALSE;
}

void
_am_graph_view_cancel_frame (AmGraphView *self)
{
  if (self->running_job != NULL)
    g_cancellable_cancel (self->running_job->cancellable);
}

void
_am_graph_view_supersede_frame (AmGraphView *self)
{
  const FrameJob *job = self->running_job;
  const Frame *frame = self->frame;

  if (job == NULL || g_cancellable_is_cancelled (job->cancellable))
    return;

  /* Of another map, it would be thrown away. Of the place already shown
   * with older content, it would only be drawn again: one of a new
   * place is still let finish, or frames could keep being cancelled
   * while the pointer moves over nodes and none would come. */
  if (job->document != self->document ||
      (job->serial != self->serial && frame != NULL &&
       _am_graph_view_transform_equal (&job->options.transform, &frame->transform) &&
       job->options.width == frame->width && job->options.height == frame->height))
    _am_graph_view_cancel_frame (self);
}

void
_am_graph_view_set_index_gate (GMutex *gate)
{
  index_gate = gate;
}

guint
am_graph_view_get_n_cancelled_frames (void)
{
  return (guint) g_atomic_int_get (&n_cancelled_frames);
}

gboolean
am_graph_view_is_sharp (AmGraphView *self)
{
  g_return_val_if_fail (AM_IS_GRAPH_VIEW (self), FALSE);

  /* Small maps are drawn afresh in every snapshot. */
  return !self->threaded || frame_is_current (self);
}

double
am_graph_view_get_frame_render_time (AmGraphView *self)
{
  g_return_val_if_fail (AM_IS_GRAPH_VIEW (self), -1);

  return self->threaded && self->frame != NULL ? self->frame->render_ms : -1;
}

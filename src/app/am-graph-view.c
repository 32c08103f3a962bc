/* am-graph-view.c: the map canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view owns no data: it draws the document's graph with the same
 * routine the exporter uses, and what the user points at, selects or
 * filters lives in the document, so every other widget sees it too.
 *
 * Small maps are drawn straight into the snapshot. Large ones take too
 * long for that, so they are drawn in a worker thread into a texture;
 * until the next one is ready the last texture is shown moved and
 * scaled to where the view is now, which keeps panning and zooming
 * smooth however long a frame takes.
 */

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "am-description.h"
#include "am-graph-view-private.h"
#include "am-painter.h"
#include "am-spatial-index.h"

/* From these sizes on, maps are drawn in a worker thread. */
#define THREADED_NODES 2000
#define THREADED_EDGES 4000

/* While the map moves, a new frame is started only once it has been
 * still this long, or once the last frame, moved and scaled, is far off:
 * each new frame costs the renderer an upload, and while moving it would
 * be out of date by the time it came. */
#define SETTLE_TIME_US  (80 * G_TIME_SPAN_MILLISECOND)
#define FAR_OFF_SCALE   1.5
#define FAR_OFF_SHIFT   0.25   /* of the view's width or height */

#define ZOOM_STEP       1.25
#define MAX_ZOOM        16.0
#define MIN_ZOOM        0.25   /* or half the scale that fits, when smaller */
#define WHEEL_PAN_STEP  48.0   /* device units per wheel click */
#define DRAG_THRESHOLD  4.0
/* Keyboard navigation keeps the selection this far inside the view. */
#define REVEAL_MARGIN   48.0

typedef struct
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
} Frame;

typedef struct
{
  /* Holds the parts of the graph the job shares. */
  AmMapDocument   *document;
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
   * itself and the view then takes. */
  gboolean         build_index;
  AmSpatialIndex  *built_index;
  guint            positions_serial;

  /* What the worker drew. */
  cairo_surface_t *map;
  cairo_surface_t *legend;
} FrameJob;

struct _AmGraphView
{
  GtkWidget        parent_instance;

  AmMapDocument   *document;
  AmSpatialIndex  *index;
  gboolean         index_stale;
  /* The worker reads the index: it may not change until the frame is
   * done. */
  gboolean         index_lent;
  gboolean         index_building;   /* by the worker, for a new map */
  guint            positions_serial;  /* bumped when nodes move */
  gboolean         dark;

  AmViewTransform  transform;
  gboolean         fit_pending;    /* fit once there is a size */
  gboolean         fitted;         /* untouched since the last fit: refit on resize */
  gboolean         fit_valid;
  AmViewTransform  fit;            /* the transform that fits, cached */
  int              width;
  int              height;

  /* Drawing large maps */
  gboolean         threaded;
  guint            serial;         /* bumped by every change but the transform */
  Frame           *frame;
  gboolean         frame_running;
  FrameJob        *running_job;
  gint64           moved_at;       /* when the transform last changed */
  guint            settle_source;

  /* The legend's size, cached: it covers the map in the corner. */
  gboolean         legend_valid;
  double           legend_width;
  double           legend_height;

  /* Pointer */
  gboolean         pointer_inside;
  double           pointer_x;
  double           pointer_y;
  gboolean         dragging;
  gboolean         drag_moved;     /* past the threshold: not a click */
  guint            drag_node;      /* AM_NO_INDEX when panning */
  double           drag_start_x;
  double           drag_start_y;
  double           drag_grab_x;    /* node position minus pointer, world units */
  double           drag_grab_y;
  AmViewTransform  drag_start_transform;
  guint            moving_node;    /* the node this view is moving, if any */
  double           pinch_start_zoom;

  /* Tab order: nodes by label, and each node's place in it. */
  GArray          *tab_order;
  guint32         *tab_rank;
};

G_DEFINE_FINAL_TYPE (AmGraphView, am_graph_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ZOOM,
  N_PROPS
};

enum {
  NODE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
frame_free (Frame *frame)
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
  g_free (job);
}

static AmGraph *
get_graph (AmGraphView *self)
{
  return self->document != NULL ? am_map_document_get_graph (self->document) : NULL;
}

static gboolean
transform_equal (const AmViewTransform *a,
                 const AmViewTransform *b)
{
  return a->scale == b->scale && a->offset_x == b->offset_x && a->offset_y == b->offset_y;
}

/* The spatial index, built or rebuilt when needed; NULL without a graph. */
static const AmSpatialIndex *
ensure_index (AmGraphView *self)
{
  AmGraph *graph = get_graph (self);

  if (graph == NULL)
    return NULL;

  /* Shared with the worker as it is, or being built there for a new map
   * (half a second for a million edges): picking can do without
   * meanwhile, rather than stall the window building another. */
  if (self->index_lent || self->index_building)
    return self->index_stale ? NULL : self->index;

  if (self->index == NULL)
    self->index = am_spatial_index_new (graph);
  else if (self->index_stale || !am_spatial_index_matches (self->index, graph))
    am_spatial_index_rebuild (self->index, graph);
  self->index_stale = FALSE;

  return self->index;
}

static void
fill_render_options (AmGraphView     *self,
                     AmRenderOptions *options)
{
  am_render_options_init (options);
  options->transform = self->transform;
  options->width = gtk_widget_get_width (GTK_WIDGET (self));
  options->height = gtk_widget_get_height (GTK_WIDGET (self));
  options->dark = self->dark;
  options->draw_legend = TRUE;

  if (self->document == NULL)
    return;

  options->selected_node = am_map_document_get_selected_node (self->document);
  options->hover_node = am_map_document_get_hover_node (self->document);
  options->hidden_edge_kinds = am_map_document_get_hidden_edge_kinds (self->document);
  options->lens_issue = am_map_document_get_lens_issue (self->document);
  options->show_issues = am_map_document_get_show_issues (self->document);
}

/* Options for drawing and picking in this thread, with the index. */
static void
fill_view_options (AmGraphView     *self,
                   AmRenderOptions *options)
{
  fill_render_options (self, options);
  options->index = ensure_index (self);
}

/* Something other than the transform changed what is drawn. */
static void
content_changed (AmGraphView *self)
{
  self->serial++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The legend's size, and so what fits, depends on filters and lens. */
static void
fit_changed (AmGraphView *self)
{
  self->fit_valid = FALSE;
  self->legend_valid = FALSE;
}

/* Transform */

static void
set_transform (AmGraphView           *self,
               const AmViewTransform *transform)
{
  double old_scale = self->transform.scale;

  if (!isfinite (transform->scale) || transform->scale <= 0 ||
      !isfinite (transform->offset_x) || !isfinite (transform->offset_y))
    return;
  if (transform_equal (&self->transform, transform))
    return;

  self->transform = *transform;
  self->moved_at = g_get_monotonic_time ();
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (old_scale != transform->scale)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static gboolean
get_fit (AmGraphView     *self,
         AmViewTransform *fit)
{
  AmGraph *graph = get_graph (self);
  AmRenderOptions options;

  if (graph == NULL || self->width <= 0 || self->height <= 0)
    return FALSE;

  if (!self->fit_valid)
    {
      fill_render_options (self, &options);
      am_render_options_fit (&options, graph, self->width, self->height);
      self->fit = options.transform;
      self->fit_valid = TRUE;
    }

  *fit = self->fit;
  return TRUE;
}

static void
get_zoom_range (AmGraphView *self,
                double      *min_zoom,
                double      *max_zoom)
{
  AmViewTransform fit;

  *min_zoom = MIN_ZOOM;
  *max_zoom = MAX_ZOOM;
  /* A huge map fits only far out: it may be seen whole, and a little
   * smaller, however small that is. */
  if (get_fit (self, &fit))
    *min_zoom = MIN (MIN_ZOOM, fit.scale / 2);
}

/* Zooms to @zoom keeping the world point under (@x, @y) in place. */
static void
zoom_around (AmGraphView *self,
             double       zoom,
             double       x,
             double       y)
{
  AmViewTransform transform = self->transform;
  double min_zoom, max_zoom, ratio;

  if (self->document == NULL || !isfinite (zoom) || !isfinite (x) || !isfinite (y))
    return;

  get_zoom_range (self, &min_zoom, &max_zoom);
  zoom = CLAMP (zoom, min_zoom, max_zoom);
  if (zoom == transform.scale)
    return;

  ratio = zoom / transform.scale;
  transform.scale = zoom;
  transform.offset_x = x - (x - transform.offset_x) * ratio;
  transform.offset_y = y - (y - transform.offset_y) * ratio;
  self->fitted = FALSE;
  set_transform (self, &transform);
}

static void
pan_by (AmGraphView *self,
        double       dx,
        double       dy)
{
  AmViewTransform transform = self->transform;

  if (self->document == NULL)
    return;

  transform.offset_x += dx;
  transform.offset_y += dy;
  self->fitted = FALSE;
  set_transform (self, &transform);
}

static void
widget_to_world (AmGraphView *self,
                 double       x,
                 double       y,
                 double      *wx,
                 double      *wy)
{
  *wx = (x - self->transform.offset_x) / self->transform.scale;
  *wy = (y - self->transform.offset_y) / self->transform.scale;
}

static gboolean
node_is_shown (AmGraphView *self,
               guint        node)
{
  AmGraph *graph = get_graph (self);
  const AmNode *n;

  if (graph == NULL || node >= am_graph_get_n_nodes (graph))
    return FALSE;

  n = am_graph_get_node (graph, node);
  if (!isfinite (n->x) || !isfinite (n->y))
    return FALSE;

  return am_map_document_get_show_issues (self->document) || n->kind != AM_NODE_KIND_ISSUE;
}

/* Pans just enough to bring @node well inside the view. */
static void
reveal_node (AmGraphView *self,
             guint        node)
{
  const AmNode *n = am_graph_get_node (get_graph (self), node);
  double x = n->x * self->transform.scale + self->transform.offset_x;
  double y = n->y * self->transform.scale + self->transform.offset_y;
  double margin_x = MIN (REVEAL_MARGIN, self->width / 4.0);
  double margin_y = MIN (REVEAL_MARGIN, self->height / 4.0);

  if (x < margin_x || x > self->width - margin_x || y < margin_y || y > self->height - margin_y)
    am_graph_view_center_on_node (self, node);
}

/* Drawing */

static void
append_focus_outline (AmGraphView *self,
                      GtkSnapshot *snapshot)
{
  const AmStyle *style = am_style_get (self->dark);
  GskRoundedRect outline;
  GdkRGBA colour = { style->accent.red, style->accent.green, style->accent.blue, 0.6 };
  GdkRGBA colours[4] = { colour, colour, colour, colour };
  float widths[4] = { 2, 2, 2, 2 };

  if (!gtk_widget_has_visible_focus (GTK_WIDGET (self)) || self->width < 8 || self->height < 8)
    return;

  gsk_rounded_rect_init_from_rect (&outline,
                                   &GRAPHENE_RECT_INIT (1, 1, self->width - 2, self->height - 2),
                                   6);
  gtk_snapshot_append_border (snapshot, &outline, widths, colours);
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

  GMutex           lock;
  GCond            cond;
  gboolean         done;
} Band;

static void
draw_band (Band *band)
{
  cairo_t *cr = cairo_create (band->surface);

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
                   int                    max_bands)
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

static void
render_frame_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  FrameJob *job = task_data;
  const AmColour *background = &am_style_get (job->options.dark)->background;
  gint64 start = g_get_monotonic_time ();
  double legend_width, legend_height;
  AmPainter *painter;
  cairo_t *cr;

  if (job->build_index)
    {
      job->built_index = am_spatial_index_new (&job->graph);
      job->options.index = job->built_index;
    }

  job->map = create_surface (job->options.width, job->options.height, job->scale_factor);
  if (job->map == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  cr = cairo_create (job->map);
  cairo_set_source_rgb (cr, background->red, background->green, background->blue);
  cairo_paint (cr);
  cairo_destroy (cr);
  job->options.draw_legend = FALSE;
  job->options.level_of_detail = TRUE;
  draw_map_in_bands (&job->graph, &job->options, job->map, job->scale_factor, job->n_bands);

  job->options.draw_legend = TRUE;
  am_render_get_legend_size (&job->graph, &job->options, &legend_width, &legend_height);

  /* Over the whole frame, not band by band: each label placed keeps
   * others from its place. */
  cr = cairo_create (job->map);
  painter = am_cairo_painter_new (cr);
  am_render_overview_labels (&job->graph, &job->options, legend_width, legend_height, painter);
  g_clear_pointer (&painter, am_painter_free);
  cairo_destroy (cr);
  cairo_surface_flush (job->map);
  job->options.level_of_detail = FALSE;
  if (legend_width > 0 && legend_height > 0)
    job->legend = create_surface (AM_RENDER_LEGEND_MARGIN + legend_width + 1,
                                  AM_RENDER_LEGEND_MARGIN + legend_height + 1,
                                  job->scale_factor);
  if (job->legend != NULL)
    {
      cr = cairo_create (job->legend);
      am_render_legend_to_cairo (&job->graph, &job->options, cr);
      cairo_destroy (cr);
      cairo_surface_flush (job->legend);
    }

  job->render_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_debug ("Drew a %.0f × %.0f frame in %.1f ms", job->options.width, job->options.height,
           job->render_ms);
  g_task_return_boolean (task, TRUE);
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
  gboolean drawn = g_task_propagate_boolean (G_TASK (result), NULL);
  Frame *frame;

  self->frame_running = FALSE;
  self->running_job = NULL;
  self->index_lent = FALSE;
  self->index_building = FALSE;

  /* The positions it was built for are still those of the graph. */
  if (job->built_index != NULL && job->document == self->document &&
      job->positions_serial == self->positions_serial &&
      (self->index == NULL || self->index_stale))
    {
      g_clear_pointer (&self->index, am_spatial_index_free);
      self->index = g_steal_pointer (&job->built_index);
      self->index_stale = FALSE;
    }

  /* A frame of a map no longer shown, or of a view already gone. */
  if (!drawn || job->document != self->document)
    {
      if (self->document != NULL)
        gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  frame = g_new0 (Frame, 1);
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

  g_clear_pointer (&self->frame, frame_free);
  self->frame = frame;

  /* Draws it, and asks for the next frame if the view moved on. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
frame_is_current (AmGraphView *self)
{
  const Frame *frame = self->frame;

  return frame != NULL && frame->serial == self->serial &&
         transform_equal (&frame->transform, &self->transform) &&
         frame->width == self->width && frame->height == self->height &&
         frame->scale_factor == gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

static void
start_frame (AmGraphView *self)
{
  AmGraph *graph = get_graph (self);
  g_autoptr(GTask) task = NULL;
  FrameJob *job;

  g_assert (graph != NULL);
  g_assert (!self->frame_running);

  job = g_new0 (FrameJob, 1);
  job->document = g_object_ref (self->document);
  job->graph = *graph;
  job->graph.nodes = g_array_copy (graph->nodes);
  fill_render_options (self, &job->options);
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
  else
    {
      job->build_index = TRUE;
      job->positions_serial = self->positions_serial;
      self->index_building = TRUE;
    }

  self->frame_running = TRUE;
  self->running_job = job;
  task = g_task_new (self, NULL, on_frame_ready_cb, NULL);
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

  if (frame->legend != NULL)
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

static void
am_graph_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  AmGraphView *self = AM_GRAPH_VIEW (widget);
  const AmColour *background = &am_style_get (self->dark)->background;
  GdkRGBA rgba = { background->red, background->green, background->blue, 1 };
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, self->width, self->height);
  AmGraph *graph = get_graph (self);

  if (self->width <= 0 || self->height <= 0)
    return;

  gtk_snapshot_append_color (snapshot, &rgba, &bounds);

  if (graph != NULL && self->threaded)
    {
      if (self->frame != NULL)
        append_frame (self, snapshot);
      if (!frame_is_current (self) && !self->frame_running && !wait_until_still (self))
        start_frame (self);
    }
  else if (graph != NULL)
    {
      AmRenderOptions options;
      cairo_t *cr;

      fill_view_options (self, &options);
      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      am_render_to_cairo (graph, &options, cr);
      cairo_destroy (cr);
    }

  append_focus_outline (self, snapshot);
}

static void
am_graph_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 720 : 480;
}

static void
am_graph_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  AmGraphView *self = AM_GRAPH_VIEW (widget);
  int old_width = self->width, old_height = self->height;

  if (width == old_width && height == old_height)
    return;

  self->width = width;
  self->height = height;
  fit_changed (self);

  if (width <= 0 || height <= 0 || self->document == NULL)
    return;

  if (self->fit_pending || self->fitted || old_width <= 0 || old_height <= 0)
    {
      am_graph_view_zoom_fit (self);
    }
  else
    {
      /* What was in the middle stays in the middle. */
      pan_by (self, (width - old_width) / 2.0, (height - old_height) / 2.0);
    }
}

static void
am_graph_view_state_flags_changed (GtkWidget     *widget,
                                   GtkStateFlags  previous)
{
  GtkStateFlags changed = previous ^ gtk_widget_get_state_flags (widget);

  if (changed & (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE))
    gtk_widget_queue_draw (widget);

  GTK_WIDGET_CLASS (am_graph_view_parent_class)->state_flags_changed (widget, previous);
}

/* Keyboard */

static int
compare_by_label (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  char **keys = user_data;
  guint32 ia = *(const guint32 *) a, ib = *(const guint32 *) b;
  int order = strcmp (keys[ia], keys[ib]);

  if (order != 0)
    return order;
  return ia < ib ? -1 : ia > ib;
}

static void
invalidate_tab_order (AmGraphView *self)
{
  g_clear_pointer (&self->tab_order, g_array_unref);
  g_clear_pointer (&self->tab_rank, g_free);
}

/* The shown nodes by label, in the user's collation. */
static void
ensure_tab_order (AmGraphView *self)
{
  AmGraph *graph = get_graph (self);
  guint n_nodes = am_graph_get_n_nodes (graph);
  char **keys;

  if (self->tab_order != NULL)
    return;

  self->tab_order = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->tab_rank = g_new (guint32, MAX (n_nodes, 1));
  keys = g_new0 (char *, MAX (n_nodes, 1));

  for (guint32 i = 0; i < n_nodes; i++)
    {
      const AmNode *node = am_graph_get_node (graph, i);

      self->tab_rank[i] = G_MAXUINT32;
      if (!node_is_shown (self, i))
        continue;
      keys[i] = g_utf8_collate_key (node->label != NULL ? node->label : "", -1);
      g_array_append_val (self->tab_order, i);
    }

  g_array_sort_with_data (self->tab_order, compare_by_label, keys);
  for (guint i = 0; i < self->tab_order->len; i++)
    self->tab_rank[g_array_index (self->tab_order, guint32, i)] = i;

  for (guint i = 0; i < n_nodes; i++)
    g_free (keys[i]);
  g_free (keys);
}

static void
select_by_keyboard (AmGraphView *self,
                    guint        node)
{
  am_map_document_set_selected_node (self->document, node);
  reveal_node (self, node);
}

/* Tab and Shift+Tab step through the nodes by label, but only from a
 * selection and only up to either end: with nothing selected, or at the
 * last node (the first, going back), they move the focus on as they do
 * everywhere else, so that the canvas is never a trap for the keyboard.
 * The arrow keys, or a click, make the first selection; Escape drops
 * it, after which Tab leaves at once. */
static gboolean
select_next_by_label (AmGraphView *self,
                      gboolean     forward)
{
  guint selected = am_map_document_get_selected_node (self->document);
  guint rank;

  if (selected == AM_NO_INDEX)
    return FALSE;

  ensure_tab_order (self);
  if (selected >= am_graph_get_n_nodes (get_graph (self)) ||
      self->tab_rank[selected] == G_MAXUINT32)
    return FALSE;

  rank = self->tab_rank[selected];
  if (forward ? rank + 1 >= self->tab_order->len : rank == 0)
    return FALSE;

  rank = forward ? rank + 1 : rank - 1;
  select_by_keyboard (self, g_array_index (self->tab_order, guint32, rank));
  return TRUE;
}

/* Selects the nearest node in the direction (@dx, @dy), favouring those
 * straight ahead; with nothing selected, the node nearest the middle of
 * the view. */
static void
select_in_direction (AmGraphView *self,
                     double       dx,
                     double       dy)
{
  AmGraph *graph = get_graph (self);
  guint n_nodes = am_graph_get_n_nodes (graph);
  guint selected = am_map_document_get_selected_node (self->document);
  guint best = AM_NO_INDEX;
  double best_score = G_MAXDOUBLE;
  double fx, fy;

  if (!node_is_shown (self, selected))
    {
      widget_to_world (self, self->width / 2.0, self->height / 2.0, &fx, &fy);
      for (guint i = 0; i < n_nodes; i++)
        {
          const AmNode *node = am_graph_get_node (graph, i);
          double distance = hypot (node->x - fx, node->y - fy);

          if (node_is_shown (self, i) && distance < best_score)
            {
              best = i;
              best_score = distance;
            }
        }
    }
  else
    {
      const AmNode *from = am_graph_get_node (graph, selected);

      fx = from->x;
      fy = from->y;
      for (guint i = 0; i < n_nodes; i++)
        {
          const AmNode *node = am_graph_get_node (graph, i);
          double vx = node->x - fx, vy = node->y - fy;
          double along = vx * dx + vy * dy;
          double across = fabs (vx * dy - vy * dx);
          double score;

          /* Within about 60° either side of the direction. */
          if (i == selected || !node_is_shown (self, i) || along <= 0 || across > along * 1.8)
            continue;

          score = along + 2 * across;
          if (score < best_score)
            {
              best = i;
              best_score = score;
            }
        }
    }

  if (best != AM_NO_INDEX)
    select_by_keyboard (self, best);
}

static gboolean
am_graph_view_focus (GtkWidget        *widget,
                     GtkDirectionType  direction)
{
  AmGraphView *self = AM_GRAPH_VIEW (widget);

  if (!gtk_widget_is_focus (widget))
    {
      gtk_widget_grab_focus (widget);
      return TRUE;
    }

  if (self->document == NULL)
    return FALSE;

  switch (direction)
    {
    case GTK_DIR_TAB_FORWARD:
      return select_next_by_label (self, TRUE);
    case GTK_DIR_TAB_BACKWARD:
      return select_next_by_label (self, FALSE);
    case GTK_DIR_UP:
      select_in_direction (self, 0, -1);
      return TRUE;
    case GTK_DIR_DOWN:
      select_in_direction (self, 0, 1);
      return TRUE;
    case GTK_DIR_LEFT:
      select_in_direction (self, -1, 0);
      return TRUE;
    case GTK_DIR_RIGHT:
      select_in_direction (self, 1, 0);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
update_actions (AmGraphView *self)
{
  gboolean has_document = self->document != NULL;
  gboolean has_selection = has_document &&
                           am_map_document_get_selected_node (self->document) != AM_NO_INDEX;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.zoom-in", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.zoom-out", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.zoom-fit", has_document);
  /* Disabled, they let Escape and Enter go on to the window. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.clear-selection", has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.activate-selection", has_selection);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  am_graph_view_zoom_in (AM_GRAPH_VIEW (widget));
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  am_graph_view_zoom_out (AM_GRAPH_VIEW (widget));
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  am_graph_view_zoom_fit (AM_GRAPH_VIEW (widget));
}

static void
clear_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AmGraphView *self = AM_GRAPH_VIEW (widget);

  if (self->document != NULL)
    am_map_document_set_selected_node (self->document, AM_NO_INDEX);
}

static void
activate_selection_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AmGraphView *self = AM_GRAPH_VIEW (widget);
  guint selected;

  if (self->document == NULL)
    return;

  selected = am_map_document_get_selected_node (self->document);
  if (selected != AM_NO_INDEX)
    g_signal_emit (self, signals[NODE_ACTIVATED], 0, selected);
}

/* Pointer */

static void
update_hover (AmGraphView *self,
              double       x,
              double       y)
{
  guint node;

  if (self->document == NULL || self->dragging)
    return;

  node = am_graph_view_pick_node (self, x, y);
  am_map_document_set_hover_node (self->document, node);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), node != AM_NO_INDEX ? "pointer" : NULL);
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              AmGraphView              *self)
{
  /* Scroll events carry no position: zooming goes around this one. */
  self->pointer_inside = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  update_hover (self, x, y);
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             AmGraphView              *self)
{
  self->pointer_inside = FALSE;
  if (self->document != NULL && !self->dragging)
    am_map_document_set_hover_node (self->document, AM_NO_INDEX);
}

static void
on_pressed_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               AmGraphView     *self)
{
  guint node;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->document == NULL || n_press != 2)
    return;

  node = am_graph_view_pick_node (self, x, y);
  if (node != AM_NO_INDEX)
    {
      am_map_document_set_selected_node (self->document, node);
      g_signal_emit (self, signals[NODE_ACTIVATED], 0, node);
    }
}

static void
on_released_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                AmGraphView     *self)
{
  /* A drag is no click. */
  if (self->document == NULL || n_press != 1 || self->drag_moved)
    return;

  am_map_document_set_selected_node (self->document, am_graph_view_pick_node (self, x, y));
}

static void
on_drag_begin_cb (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  AmGraphView    *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (self->document == NULL || button == GDK_BUTTON_SECONDARY)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  self->dragging = TRUE;
  self->drag_moved = FALSE;
  self->drag_start_x = x;
  self->drag_start_y = y;
  self->drag_start_transform = self->transform;
  self->drag_node = button == GDK_BUTTON_PRIMARY ? am_graph_view_pick_node (self, x, y)
                                                 : AM_NO_INDEX;

  if (self->drag_node != AM_NO_INDEX)
    {
      const AmNode *node = am_graph_get_node (get_graph (self), self->drag_node);
      double wx, wy;

      widget_to_world (self, x, y, &wx, &wy);
      self->drag_grab_x = node->x - wx;
      self->drag_grab_y = node->y - wy;
    }
}

static void
on_drag_update_cb (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   AmGraphView    *self)
{
  if (!self->dragging || self->document == NULL)
    return;

  if (!self->drag_moved)
    {
      if (hypot (dx, dy) < DRAG_THRESHOLD)
        return;
      self->drag_moved = TRUE;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }

  if (self->drag_node != AM_NO_INDEX)
    {
      double wx, wy;

      widget_to_world (self, self->drag_start_x + dx, self->drag_start_y + dy, &wx, &wy);
      self->moving_node = self->drag_node;
      am_map_document_move_node (self->document, self->drag_node,
                                 wx + self->drag_grab_x, wy + self->drag_grab_y);
      self->moving_node = AM_NO_INDEX;
    }
  else
    {
      AmViewTransform transform = self->drag_start_transform;

      transform.offset_x += dx;
      transform.offset_y += dy;
      self->fitted = FALSE;
      set_transform (self, &transform);
    }
}

static void
on_drag_end_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                AmGraphView    *self)
{
  double x = self->drag_start_x + dx, y = self->drag_start_y + dy;

  self->dragging = FALSE;
  self->drag_node = AM_NO_INDEX;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
  update_hover (self, x, y);
}

static void
on_drag_cancel_cb (GtkGesture       *gesture,
                   GdkEventSequence *sequence,
                   AmGraphView      *self)
{
  self->dragging = FALSE;
  self->drag_node = AM_NO_INDEX;
}

static gboolean
on_scroll_cb (GtkEventControllerScroll *controller,
              double                    dx,
              double                    dy,
              AmGraphView              *self)
{
  GtkEventController *event_controller = GTK_EVENT_CONTROLLER (controller);
  GdkModifierType state = gtk_event_controller_get_current_event_state (event_controller);
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;

  if (self->document == NULL)
    return FALSE;

  if (state & GDK_CONTROL_MASK)
    {
      /* A wheel click zooms a step; a touchpad, in proportion. */
      double factor = wheel ? pow (ZOOM_STEP, -dy) : exp (-dy * 0.01);
      double x = self->pointer_inside ? self->pointer_x : self->width / 2.0;
      double y = self->pointer_inside ? self->pointer_y : self->height / 2.0;

      zoom_around (self, self->transform.scale * factor, x, y);
      return TRUE;
    }

  if (wheel)
    {
      dx *= WHEEL_PAN_STEP;
      dy *= WHEEL_PAN_STEP;
    }
  /* Shift turns a plain wheel sideways. */
  if ((state & GDK_SHIFT_MASK) && dx == 0)
    {
      dx = dy;
      dy = 0;
    }

  pan_by (self, -dx, -dy);
  return TRUE;
}

static void
on_zoom_begin_cb (GtkGesture       *gesture,
                  GdkEventSequence *sequence,
                  AmGraphView      *self)
{
  self->pinch_start_zoom = self->transform.scale;
}

static void
on_zoom_scale_changed_cb (GtkGestureZoom *gesture,
                          double          scale,
                          AmGraphView    *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = self->width / 2.0;
      y = self->height / 2.0;
    }

  zoom_around (self, self->pinch_start_zoom * scale, x, y);
}

/* Tooltips */

/* A node's label, which loaded graphs always have, else its id. */
static const char *
node_label (AmGraph *graph,
            guint    node)
{
  const AmNode *n = am_graph_get_node (graph, node);

  if (n->label != NULL)
    return n->label;
  return n->id != NULL ? n->id : "";
}

static void
append_escaped (GString    *markup,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (markup, escaped);
}

static char *
node_tooltip (AmGraph *graph,
              guint    node)
{
  const char *role = am_graph_get_node_value (graph, graph->profile.node_role, node);
  GString *markup = g_string_new ("<b>");

  append_escaped (markup, node_label (graph, node));
  g_string_append (markup, "</b>");
  if (role != NULL && *role != '\0')
    {
      g_string_append_c (markup, '\n');
      append_escaped (markup, role);
    }

  return g_string_free (markup, FALSE);
}

static char *
edge_tooltip (AmGraph *graph,
              guint    edge)
{
  AmEdgeDescription description;
  GString *markup = g_string_new ("<b>");

  am_description_edge (graph, edge, &description);
  append_escaped (markup, description.source);
  g_string_append (markup, description.connector);
  append_escaped (markup, description.target);
  g_string_append (markup, "</b>");

  if (description.label != NULL)
    {
      g_string_append_c (markup, '\n');
      append_escaped (markup, description.label);
    }

  if (description.quote != NULL)
    {
      g_autofree char *quoted = g_strdup_printf (_("“%s”"), description.quote);

      g_string_append (markup, "\n<i>");
      append_escaped (markup, quoted);
      g_string_append (markup, "</i>");
    }
  else if (description.summary != NULL)
    {
      g_string_append_c (markup, '\n');
      append_escaped (markup, description.summary);
    }

  return g_string_free (markup, FALSE);
}

static gboolean
am_graph_view_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_tooltip,
                             GtkTooltip *tooltip)
{
  AmGraphView *self = AM_GRAPH_VIEW (widget);
  AmGraph *graph = get_graph (self);
  g_autofree char *markup = NULL;
  guint node, edge;

  if (graph == NULL || self->dragging)
    return FALSE;

  if (keyboard_tooltip)
    {
      node = am_map_document_get_selected_node (self->document);
      if (node == AM_NO_INDEX)
        return FALSE;
      markup = node_tooltip (graph, node);
    }
  else if ((node = am_graph_view_pick_node (self, x, y)) != AM_NO_INDEX)
    {
      markup = node_tooltip (graph, node);
    }
  else if ((edge = am_graph_view_pick_edge (self, x, y)) != AM_NO_INDEX)
    {
      markup = edge_tooltip (graph, edge);
      /* Moving along the same edge moves the tooltip with the pointer. */
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { x - 4, y - 4, 8, 8 });
    }
  else
    {
      return FALSE;
    }

  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

/* Accessibility */

static void
update_accessible_label (AmGraphView *self)
{
  const char *title = self->document != NULL ? am_map_document_get_title (self->document) : NULL;
  g_autofree char *label = NULL;

  if (self->document == NULL)
    label = g_strdup (_("Map"));
  else if (title != NULL && *title != '\0')
    label = g_strdup_printf (_("Map of %s"), title);
  else
    label = g_strdup (_("Untitled map"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
update_accessible_description (AmGraphView *self)
{
  AmGraph *graph = get_graph (self);
  guint selected = self->document != NULL ? am_map_document_get_selected_node (self->document)
                                           : AM_NO_INDEX;
  g_autofree char *description = NULL;

  if (graph == NULL || selected >= am_graph_get_n_nodes (graph))
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  description = g_strdup_printf (_("Selected: %s"), node_label (graph, selected));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* Document */

static void
on_selected_node_changed_cb (AmGraphView *self)
{
  update_actions (self);
  update_accessible_description (self);
  content_changed (self);
}

static void
on_filters_changed_cb (AmGraphView *self)
{
  fit_changed (self);
  content_changed (self);
}

static void
on_show_issues_changed_cb (AmGraphView *self)
{
  invalidate_tab_order (self);
  fit_changed (self);
  content_changed (self);
}

static void
on_positions_changed_cb (AmGraphView *self)
{
  /* A node this view drags is updated alone; anything else may have
   * moved everything. */
  self->positions_serial++;
  if (self->moving_node != AM_NO_INDEX && self->index != NULL && !self->index_stale &&
      !self->index_lent)
    am_spatial_index_update_node (self->index, get_graph (self), self->moving_node);
  else
    self->index_stale = TRUE;

  fit_changed (self);
  content_changed (self);
}

static void
on_dark_changed_cb (AmGraphView *self)
{
  self->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  content_changed (self);
}

/* GObject */

static void
am_graph_view_dispose (GObject *object)
{
  AmGraphView *self = AM_GRAPH_VIEW (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->frame, frame_free);
  g_clear_handle_id (&self->settle_source, g_source_remove);

  G_OBJECT_CLASS (am_graph_view_parent_class)->dispose (object);
}

static void
am_graph_view_finalize (GObject *object)
{
  AmGraphView *self = AM_GRAPH_VIEW (object);

  g_clear_pointer (&self->index, am_spatial_index_free);
  invalidate_tab_order (self);

  G_OBJECT_CLASS (am_graph_view_parent_class)->finalize (object);
}

static void
am_graph_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AmGraphView *self = AM_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->transform.scale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
am_graph_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AmGraphView *self = AM_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      am_graph_view_set_document (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      am_graph_view_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_zoom_bindings (GtkWidgetClass *widget_class,
                   guint           keyval,
                   const char     *action_name)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, 0, action_name, NULL);
  /* "+" is a shifted key on many layouts. */
  gtk_widget_class_add_binding_action (widget_class, keyval, GDK_SHIFT_MASK, action_name, NULL);
}

static void
am_graph_view_class_init (AmGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = am_graph_view_dispose;
  object_class->finalize = am_graph_view_finalize;
  object_class->get_property = am_graph_view_get_property;
  object_class->set_property = am_graph_view_set_property;

  widget_class->snapshot = am_graph_view_snapshot;
  widget_class->measure = am_graph_view_measure;
  widget_class->size_allocate = am_graph_view_size_allocate;
  widget_class->focus = am_graph_view_focus;
  widget_class->state_flags_changed = am_graph_view_state_flags_changed;
  widget_class->query_tooltip = am_graph_view_query_tooltip;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, AM_TYPE_MAP_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0, G_MAXDOUBLE, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AmGraphView::node-activated:
   * @node: the node's index
   *
   * A node was double-clicked, or Enter was pressed on the selection.
   */
  signals[NODE_ACTIVATED] =
    g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "view.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "view.clear-selection", NULL,
                                   clear_selection_action);
  gtk_widget_class_install_action (widget_class, "view.activate-selection", NULL,
                                   activate_selection_action);

  add_zoom_bindings (widget_class, GDK_KEY_plus, "view.zoom-in");
  add_zoom_bindings (widget_class, GDK_KEY_equal, "view.zoom-in");
  add_zoom_bindings (widget_class, GDK_KEY_KP_Add, "view.zoom-in");
  add_zoom_bindings (widget_class, GDK_KEY_minus, "view.zoom-out");
  add_zoom_bindings (widget_class, GDK_KEY_KP_Subtract, "view.zoom-out");
  add_zoom_bindings (widget_class, GDK_KEY_0, "view.zoom-fit");
  add_zoom_bindings (widget_class, GDK_KEY_KP_0, "view.zoom-fit");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "view.clear-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0,
                                       "view.activate-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0,
                                       "view.activate-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Enter, 0,
                                       "view.activate-selection", NULL);

  gtk_widget_class_set_css_name (widget_class, "graphview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
am_graph_view_init (AmGraphView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  self->transform.scale = 1.0;
  self->drag_node = AM_NO_INDEX;
  self->moving_node = AM_NO_INDEX;
  self->dark = adw_style_manager_get_dark (style_manager);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);

  g_signal_connect_object (style_manager, "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_object (controller, "enter", G_CALLBACK (on_motion_cb), self, 0);
  g_signal_connect_object (controller, "motion", G_CALLBACK (on_motion_cb), self, 0);
  g_signal_connect_object (controller, "leave", G_CALLBACK (on_leave_cb), self, 0);
  gtk_widget_add_controller (widget, controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (on_pressed_cb), self, 0);
  g_signal_connect_object (gesture, "released", G_CALLBACK (on_released_cb), self, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect_object (gesture, "drag-begin", G_CALLBACK (on_drag_begin_cb), self, 0);
  g_signal_connect_object (gesture, "drag-update", G_CALLBACK (on_drag_update_cb), self, 0);
  g_signal_connect_object (gesture, "drag-end", G_CALLBACK (on_drag_end_cb), self, 0);
  g_signal_connect_object (gesture, "cancel", G_CALLBACK (on_drag_cancel_cb), self, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_object (controller, "scroll", G_CALLBACK (on_scroll_cb), self, 0);
  gtk_widget_add_controller (widget, controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_object (gesture, "begin", G_CALLBACK (on_zoom_begin_cb), self, 0);
  g_signal_connect_object (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb),
                           self, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  update_actions (self);
  update_accessible_label (self);
}

/* Public API */

GtkWidget *
am_graph_view_new (void)
{
  return g_object_new (AM_TYPE_GRAPH_VIEW, NULL);
}

AmMapDocument *
am_graph_view_get_document (AmGraphView *self)
{
  g_return_val_if_fail (AM_IS_GRAPH_VIEW (self), NULL);
  return self->document;
}

void
am_graph_view_set_document (AmGraphView   *self,
                            AmMapDocument *document)
{
  AmGraph *graph;

  g_return_if_fail (AM_IS_GRAPH_VIEW (self));
  g_return_if_fail (document == NULL || AM_IS_MAP_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);

  if (self->index_lent)
    {
      self->running_job->orphaned_index = g_steal_pointer (&self->index);
      self->index_lent = FALSE;
    }
  g_clear_pointer (&self->index, am_spatial_index_free);
  g_clear_pointer (&self->frame, frame_free);
  invalidate_tab_order (self);
  self->index_stale = FALSE;
  self->dragging = FALSE;
  self->drag_node = AM_NO_INDEX;
  fit_changed (self);

  graph = get_graph (self);
  self->threaded = graph != NULL &&
                   (am_graph_get_n_nodes (graph) >= THREADED_NODES ||
                    am_graph_get_n_edges (graph) >= THREADED_EDGES);

  if (document != NULL)
    {
      g_signal_connect_object (document, "notify::selected-node",
                               G_CALLBACK (on_selected_node_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::hover-node",
                               G_CALLBACK (content_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::lens-issue",
                               G_CALLBACK (on_filters_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::hidden-edge-kinds",
                               G_CALLBACK (on_filters_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::show-issues",
                               G_CALLBACK (on_show_issues_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "positions-changed",
                               G_CALLBACK (on_positions_changed_cb), self, G_CONNECT_SWAPPED);

      /* Fit now if there is a size, else at the first allocation. */
      self->fit_pending = TRUE;
      if (self->width > 0 && self->height > 0)
        am_graph_view_zoom_fit (self);
    }

  update_actions (self);
  update_accessible_label (self);
  update_accessible_description (self);
  content_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

double
am_graph_view_get_zoom (AmGraphView *self)
{
  g_return_val_if_fail (AM_IS_GRAPH_VIEW (self), 1.0);
  return self->transform.scale;
}

void
am_graph_view_set_zoom (AmGraphView *self,
                        double       zoom)
{
  g_return_if_fail (AM_IS_GRAPH_VIEW (self));
  zoom_around (self, zoom, self->width / 2.0, self->height / 2.0);
}

void
am_graph_view_zoom_around (AmGraphView *self,
                           double       zoom,
                           double       x,
                           double       y)
{
  g_return_if_fail (AM_IS_GRAPH_VIEW (self));
  zoom_around (self, zoom, x, y);
}

void
am_graph_view_zoom_in (AmGraphView *self)
{
  g_return_if_fail (AM_IS_GRAPH_VIEW (self));
  am_graph_view_set_zoom (self, self->transform.scale * ZOOM_STEP);
}

void
am_graph_view_zoom_out (AmGraphView *self)
{
  g_return_if_fail (AM_IS_GRAPH_VIEW (self));
  am_graph_view_set_zoom (self, self->transform.scale / ZOOM_STEP);
}

void
am_graph_view_pan_by (AmGraphView *self,
                      double       dx,
                      double       dy)
{
  g_return_if_fail (AM_IS_GRAPH_VIEW (self));

  if (isfinite (dx) && isfinite (dy))
    pan_by (self, dx, dy);
}

void
am_graph_view_zoom_fit (AmGraphView *self)
{
  AmViewTransform fit;

  g_return_if_fail (AM_IS_GRAPH_VIEW (self));

  if (!get_fit (self, &fit))
    return;

  self->fit_pending = FALSE;
  self->fitted = TRUE;
  set_transform (self, &fit);
}

void
am_graph_view_center_on_node (AmGraphView *self,
                              guint        node)
{
  AmGraph *graph;
  AmViewTransform transform;
  const AmNode *n;

  g_return_if_fail (AM_IS_GRAPH_VIEW (self));

  graph = get_graph (self);
  if (graph == NULL || node >= am_graph_get_n_nodes (graph))
    return;

  n = am_graph_get_node (graph, node);
  if (!isfinite (n->x) || !isfinite (n->y))
    return;

  transform = self->transform;
  transform.offset_x = self->width / 2.0 - n->x * transform.scale;
  transform.offset_y = self->height / 2.0 - n->y * transform.scale;
  self->fitted = FALSE;
  self->fit_pending = FALSE;
  set_transform (self, &transform);
}

/* Whether (@x, @y) is on the legend, which hides what is under it. */
static gboolean
on_legend (AmGraphView           *self,
           const AmRenderOptions *options,
           double                 x,
           double                 y)
{
  if (!self->legend_valid)
    {
      am_render_get_legend_size (get_graph (self), options,
                                 &self->legend_width, &self->legend_height);
      self->legend_valid = TRUE;
    }

  return self->legend_width > 0 &&
         x >= AM_RENDER_LEGEND_MARGIN && x <= AM_RENDER_LEGEND_MARGIN + self->legend_width &&
         y >= AM_RENDER_LEGEND_MARGIN && y <= AM_RENDER_LEGEND_MARGIN + self->legend_height;
}

typedef guint32 (*PickFunc) (const AmGraph         *graph,
                             const AmRenderOptions *options,
                             double                 x,
                             double                 y);

/* Nothing is picked through the legend, which is drawn on top. */
static guint
pick_with (AmGraphView *self,
           PickFunc     pick,
           double       x,
           double       y)
{
  AmRenderOptions options;
  AmGraph *graph = get_graph (self);

  if (graph == NULL)
    return AM_NO_INDEX;

  fill_view_options (self, &options);
  if (on_legend (self, &options, x, y))
    return AM_NO_INDEX;

  return pick (graph, &options, x, y);
}

guint
am_graph_view_pick_node (AmGraphView *self,
                         double       x,
                         double       y)
{
  g_return_val_if_fail (AM_IS_GRAPH_VIEW (self), AM_NO_INDEX);

  return pick_with (self, am_render_pick_node, x, y);
}

guint
am_graph_view_pick_edge (AmGraphView *self,
                         double       x,
                         double       y)
{
  g_return_val_if_fail (AM_IS_GRAPH_VIEW (self), AM_NO_INDEX);

  return pick_with (self, am_render_pick_edge, x, y);
}

void
am_graph_view_get_render_options (AmGraphView     *self,
                                  AmRenderOptions *options)
{
  g_return_if_fail (AM_IS_GRAPH_VIEW (self));
  g_return_if_fail (options != NULL);

  fill_render_options (self, options);
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

/* am-graph-view.c: the map canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view owns no data: it draws the document's graph with the same
 * routine the exporter uses, and what the user points at, selects or
 * filters lives in the document, so every other widget sees it too.
 *
 * Small maps are drawn straight into the snapshot; large ones by a
 * worker (am-graph-view-frame.c). Pointer and touch input are in
 * am-graph-view-input.c.
 */

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "am-display-text.h"
#include "am-description.h"
#include "am-vocabulary.h"
#include "am-graph-view-private.h"
#include "am-map-loader.h"

/* From these sizes on, maps are drawn in a worker thread. */
#define THREADED_NODES 2000
#define THREADED_EDGES 4000

#define MAX_ZOOM        16.0
#define MIN_ZOOM        0.25   /* or half the scale that fits, when smaller */
/* Keyboard navigation keeps the selection this far inside the view. */
#define REVEAL_MARGIN   48.0
/* Labels on the canvas, at the desktop's usual text scale. */
#define LABEL_PIXEL_SIZE 11.0


G_DEFINE_FINAL_TYPE (AmGraphView, am_graph_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ZOOM,
  PROP_LEGEND_EXPANDED,
  N_PROPS
};

enum {
  NODE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The spatial index, built or rebuilt when needed; NULL without a graph. */
static const AmSpatialIndex *
ensure_index (AmGraphView *self)
{
  AmGraph *graph = _am_graph_view_get_graph (self);

  if (graph == NULL)
    return NULL;

  /* Shared with the worker as it is, or being built there for a new map
   * (half a second for a million edges): picking can do without
   * meanwhile, rather than stall the window building another. */
  if (self->index_lent || self->index_building)
    return self->index_stale || self->moved_nodes->len > 0 ? NULL : self->index;

  /* Nor does it build one for a large map on screen: it asks the worker
   * for one, which comes with the next frame, or alone if the frame
   * shown is current. */
  if (self->threaded && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      (self->index == NULL || self->index_stale))
    {
      if (!self->index_wanted)
        {
          self->index_wanted = TRUE;
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
      return NULL;
    }

  if (self->index == NULL || self->index_stale || !am_spatial_index_matches (self->index, graph))
    {
      if (self->index == NULL)
        self->index = am_spatial_index_new (graph);
      else
        am_spatial_index_rebuild (self->index, graph);
      self->n_index_builds++;
      g_array_set_size (self->moved_nodes, 0);
    }
  else
    {
      _am_graph_view_index_returned (self);
    }
  self->index_stale = FALSE;

  return self->index;
}

/* The desktop's text scaling, which it passes on as the font resolution
 * (in 1024ths of a dot per inch, 96 being the usual). */
static double
get_text_scale (AmGraphView *self)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  int dpi = -1;

  if (settings != NULL)
    g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  if (dpi <= 0)
    return 1.0;

  return CLAMP (dpi / 1024.0 / 96.0, 0.5, 4.0);
}

void
_am_graph_view_fill_render_options (AmGraphView     *self,
                                    AmRenderOptions *options)
{
  am_render_options_init (options);
  options->transform = self->transform;
  options->width = gtk_widget_get_width (GTK_WIDGET (self));
  options->height = gtk_widget_get_height (GTK_WIDGET (self));
  options->dark = self->dark;
  options->draw_legend = TRUE;
  options->label_pixel_size = LABEL_PIXEL_SIZE * get_text_scale (self);

  if (self->document != NULL)
    {
      options->selected_node = am_map_document_get_selected_node (self->document);
      options->hover_node = am_map_document_get_hover_node (self->document);
      options->hidden_edge_kinds = am_map_document_get_hidden_edge_kinds (self->document);
      options->lens_issue = am_map_document_get_lens_issue (self->document);
      options->show_issues = am_map_document_get_show_issues (self->document);
      options->shown_as = am_map_document_get_shown_as (self->document);
      options->hidden_counts = am_map_document_get_hidden_counts (self->document);
      options->draw_legend = _am_graph_view_legend_shown (self, options);
    }
  _am_graph_view_fill_covered (self, options);
}

/* Options for drawing and picking in this thread, with the index. */
static void
fill_view_options (AmGraphView     *self,
                   AmRenderOptions *options)
{
  _am_graph_view_fill_render_options (self, options);
  options->index = ensure_index (self);
}

/* Something other than the transform changed what is drawn. */
static void
content_changed (AmGraphView *self)
{
  self->serial++;
  _am_graph_view_supersede_frame (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_am_graph_view_index_returned (AmGraphView *self)
{
  AmGraph *graph = _am_graph_view_get_graph (self);

  if (self->index != NULL && !self->index_stale && graph != NULL)
    {
      for (guint i = 0; i < self->moved_nodes->len; i++)
        am_spatial_index_update_node (self->index, graph,
                                      g_array_index (self->moved_nodes, guint32, i));
    }
  g_array_set_size (self->moved_nodes, 0);
}

/* Notes @node to bring the index up to date with once it is back. */
static void
note_moved_node (AmGraphView *self,
                 guint32      node)
{
  /* A drag moves the same node over and over. */
  for (guint i = 0; i < self->moved_nodes->len; i++)
    if (g_array_index (self->moved_nodes, guint32, i) == node)
      return;

  g_array_append_val (self->moved_nodes, node);
}

/* The legend's size, and so what fits, depends on filters and lens. */
static void
fit_changed (AmGraphView *self)
{
  self->fit_valid = FALSE;
  self->legend_valid = FALSE;
  self->legend_natural_valid = FALSE;
  _am_graph_view_legend_changed (self);
}

/* Transform */

void
_am_graph_view_set_transform (AmGraphView           *self,
                              const AmViewTransform *transform)
{
  double old_scale = self->transform.scale;

  if (!isfinite (transform->scale) || transform->scale <= 0 ||
      !isfinite (transform->offset_x) || !isfinite (transform->offset_y))
    return;
  if (_am_graph_view_transform_equal (&self->transform, transform))
    return;

  self->transform = *transform;
  self->moved_at = g_get_monotonic_time ();
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (old_scale != transform->scale)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* As am_render_options_fit(), beside the legend when it leaves the map
 * most of the room, but with the legend's size and the map's bounds kept:
 * finding them anew for each picture of a large map's layout, and each
 * size the window passes through, went through every edge and label. */
static void
fit_transform (AmGraphView     *self,
               AmGraph         *graph,
               AmViewTransform *fit)
{
  AmRenderOptions options;
  double area_x = 0, area_width = self->width, height = self->height;
  double margin, scale;
  const double *b = self->bounds;

  _am_graph_view_fill_render_options (self, &options);
  if (options.draw_legend)
    {
      double legend_width, legend_height;

      _am_graph_view_get_legend_size (self, &options, &legend_width, &legend_height);
      if (legend_width > 0 && legend_width + 2 * AM_RENDER_LEGEND_MARGIN < self->width * 0.4)
        {
          area_x = legend_width + AM_RENDER_LEGEND_MARGIN;
          area_width = self->width - area_x;
        }
    }

  if (!self->bounds_valid)
    {
      am_render_get_bounds (graph, &self->bounds[0], &self->bounds[1],
                            &self->bounds[2], &self->bounds[3]);
      self->bounds_valid = TRUE;
      self->n_bounds_scans++;
    }

  margin = MIN (24.0, MIN (area_width, height) * 0.05);
  scale = 2.0;
  if (b[2] > 0)
    scale = MIN (scale, (area_width - 2 * margin) / b[2]);
  if (b[3] > 0)
    scale = MIN (scale, (height - 2 * margin) / b[3]);
  if (!(scale > 1e-9))
    scale = 1e-9;

  fit->scale = scale;
  fit->offset_x = area_x + (area_width - b[2] * scale) / 2 - b[0] * scale;
  fit->offset_y = (height - b[3] * scale) / 2 - b[1] * scale;
}

static gboolean
get_fit (AmGraphView     *self,
         AmViewTransform *fit)
{
  AmGraph *graph = _am_graph_view_get_graph (self);

  if (graph == NULL || self->width <= 0 || self->height <= 0)
    return FALSE;

  if (!self->fit_valid)
    {
      fit_transform (self, graph, &self->fit);
      self->fit_valid = TRUE;
    }

  *fit = self->fit;
  return TRUE;
}

void
_am_graph_view_get_zoom_range (AmGraphView *self,
                               double      *min_zoom,
                               double      *max_zoom,
                               double      *fit_scale)
{
  AmViewTransform fit;

  *min_zoom = MIN_ZOOM;
  *max_zoom = MAX_ZOOM;
  *fit_scale = self->transform.scale;
  /* A huge map fits only far out: it may be seen whole, and a little
   * smaller, however small that is. */
  if (get_fit (self, &fit))
    {
      *min_zoom = MIN (MIN_ZOOM, fit.scale / 2);
      *fit_scale = fit.scale;
    }
}

/* Zooms to @zoom keeping the world point under (@x, @y) in place. */
static void
zoom_around (AmGraphView *self,
             double       zoom,
             double       x,
             double       y)
{
  AmViewTransform transform = self->transform;
  double min_zoom, max_zoom, fit_scale, ratio;

  if (self->document == NULL || !isfinite (zoom) || !isfinite (x) || !isfinite (y))
    return;

  _am_graph_view_get_zoom_range (self, &min_zoom, &max_zoom, &fit_scale);
  zoom = CLAMP (zoom, min_zoom, max_zoom);
  if (zoom == transform.scale)
    return;

  _am_graph_view_stop_reveal (self);
  ratio = zoom / transform.scale;
  transform.scale = zoom;
  transform.offset_x = x - (x - transform.offset_x) * ratio;
  transform.offset_y = y - (y - transform.offset_y) * ratio;
  self->fitted = FALSE;
  _am_graph_view_set_transform (self, &transform);
}

static void
pan_by (AmGraphView *self,
        double       dx,
        double       dy)
{
  AmViewTransform transform = self->transform;

  if (self->document == NULL)
    return;

  _am_graph_view_stop_reveal (self);
  transform.offset_x += dx;
  transform.offset_y += dy;
  self->fitted = FALSE;
  _am_graph_view_set_transform (self, &transform);
}

static gboolean
node_is_shown (AmGraphView *self,
               guint        node)
{
  AmGraph *graph = _am_graph_view_get_graph (self);
  const AmNode *n;

  if (graph == NULL || node >= am_graph_get_n_nodes (graph))
    return FALSE;

  n = am_graph_get_node (graph, node);
  if (!isfinite (n->x) || !isfinite (n->y))
    return FALSE;
  /* Inside a collapsed group. */
  if (am_map_document_get_shown_as (self->document) != NULL &&
      am_map_document_get_shown_as (self->document)[node] != node)
    return FALSE;

  return am_map_document_get_show_issues (self->document) || n->kind != AM_NODE_KIND_ISSUE;
}

/* Pans just enough to bring @node well inside the view. */
static void
reveal_node (AmGraphView *self,
             guint        node)
{
  const AmNode *n = am_graph_get_node (_am_graph_view_get_graph (self), node);
  double x = n->x * self->transform.scale + self->transform.offset_x;
  double y = n->y * self->transform.scale + self->transform.offset_y;
  double margin_x = MIN (REVEAL_MARGIN, self->width / 4.0);
  double margin_y = MIN (REVEAL_MARGIN, self->height / 4.0);

  if (x < margin_x || x > self->width - margin_x || y < margin_y || y > self->height - margin_y)
    _am_graph_view_reveal (self, node, TRUE);
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

static void
am_graph_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  AmGraphView *self = AM_GRAPH_VIEW (widget);
  const AmColour *background = &am_style_get (self->dark)->background;
  GdkRGBA rgba = { background->red, background->green, background->blue, 1 };
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, self->width, self->height);
  AmGraph *graph = _am_graph_view_get_graph (self);

  if (self->width <= 0 || self->height <= 0)
    return;

  gtk_snapshot_append_color (snapshot, &rgba, &bounds);

  if (graph != NULL && self->threaded)
    {
      _am_graph_view_append_frames (self, snapshot);
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

  _am_graph_view_snapshot_legend (self, snapshot);
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

  guint followed = self->reveal_node;

  if (width == old_width && height == old_height)
    {
      _am_graph_view_allocate_legend (self);
      return;
    }

  self->width = width;
  self->height = height;
  self->fit_valid = FALSE;
  self->legend_valid = FALSE;
  _am_graph_view_allocate_legend (self);
  /* The next map without positions is laid out to fill this shape. */
  if (width > 0 && height > 0)
    am_map_loader_set_layout_aspect ((double) width / height);

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

  self->reveal_node = followed;
  _am_graph_view_follow_size (self);
}

static void
am_graph_view_unrealize (GtkWidget *widget)
{
  /* Off screen, nobody waits for it. */
  _am_graph_view_cancel_frame (AM_GRAPH_VIEW (widget));

  GTK_WIDGET_CLASS (am_graph_view_parent_class)->unrealize (widget);
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
  AmGraph *graph = _am_graph_view_get_graph (self);
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
  if (selected >= am_graph_get_n_nodes (_am_graph_view_get_graph (self)) ||
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
  AmGraph *graph = _am_graph_view_get_graph (self);
  guint n_nodes = am_graph_get_n_nodes (graph);
  guint selected = am_map_document_get_selected_node (self->document);
  guint best = AM_NO_INDEX;
  double best_score = G_MAXDOUBLE;
  double fx, fy;

  if (!node_is_shown (self, selected))
    {
      _am_graph_view_widget_to_world (self, self->width / 2.0, self->height / 2.0, &fx, &fy);
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

void
_am_graph_view_emit_node_activated (AmGraphView *self,
                                    guint        node)
{
  g_signal_emit (self, signals[NODE_ACTIVATED], 0, node);
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
  /* A tooltip of a few short lines, however long the text. */
  g_autofree char *bounded = am_display_text (text, 500, 6, NULL);
  g_autofree char *escaped = g_markup_escape_text (bounded, -1);

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

  /* How sure the source is, when it does not state it outright. */
  {
    const char *certainty = am_certainty_get_description (am_edge_get_certainty (am_graph_get_edge (graph, edge)));

    if (certainty != NULL)
      {
        g_string_append (markup, "\n<small>");
        append_escaped (markup, certainty);
        g_string_append (markup, "</small>");
      }
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
  AmGraph *graph = _am_graph_view_get_graph (self);
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
  AmGraph *graph = _am_graph_view_get_graph (self);
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
  guint selected = am_map_document_get_selected_node (self->document);

  update_actions (self);
  update_accessible_description (self);
  content_changed (self);

  /* Chosen elsewhere, it is brought into view with its neighbours;
   * clicked on the canvas, it is in view already and the map stays. */
  if (!node_is_shown (self, selected))
    _am_graph_view_stop_reveal (self);
  else if (self->pointer_inside && am_map_document_get_hover_node (self->document) == selected)
    _am_graph_view_reveal (self, selected, FALSE);
  else
    _am_graph_view_reveal (self, selected, TRUE);
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
on_positions_changed_cb (AmGraphView *self,
                         guint        node)
{
  /* One node moved is updated alone, so that the next hover after a
   * drag does not wait for the index to be built anew; while a frame
   * reads the index, or builds one, that waits until it is back. */
  if (node == AM_NO_INDEX || node >= am_graph_get_n_nodes (_am_graph_view_get_graph (self)))
    {
      self->positions_serial++;
      self->index_stale = TRUE;
      g_array_set_size (self->moved_nodes, 0);
    }
  else if (self->index_lent || self->index_building)
    note_moved_node (self, node);
  else if (self->index != NULL && !self->index_stale)
    am_spatial_index_update_node (self->index, _am_graph_view_get_graph (self), node);

  self->bounds_valid = FALSE;
  /* What fits changes, the legend does not: it goes through every edge
   * to find the kinds shown, which would be done anew for each picture
   * of a layout and each step of a drag. */
  self->fit_valid = FALSE;
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
  _am_graph_view_cancel_frame (self);
  g_clear_pointer (&self->frame, _am_graph_view_frame_free);
  g_clear_handle_id (&self->settle_source, g_source_remove);
  _am_graph_view_stop_reveal (self);
  _am_graph_view_dispose_legend (self);

  G_OBJECT_CLASS (am_graph_view_parent_class)->dispose (object);
}

static void
am_graph_view_finalize (GObject *object)
{
  AmGraphView *self = AM_GRAPH_VIEW (object);

  g_clear_pointer (&self->index, am_spatial_index_free);
  g_clear_pointer (&self->moved_nodes, g_array_unref);
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
    case PROP_LEGEND_EXPANDED:
      g_value_set_boolean (value, self->legend_expanded);
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
    case PROP_LEGEND_EXPANDED:
      am_graph_view_set_legend_expanded (self, g_value_get_boolean (value));
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
  widget_class->unrealize = am_graph_view_unrealize;
  widget_class->focus = am_graph_view_focus;
  widget_class->state_flags_changed = am_graph_view_state_flags_changed;
  widget_class->query_tooltip = am_graph_view_query_tooltip;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, AM_TYPE_MAP_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0, G_MAXDOUBLE, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The legend shown rather than folded to a button. */
  properties[PROP_LEGEND_EXPANDED] =
    g_param_spec_boolean ("legend-expanded", NULL, NULL, TRUE,
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
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  self->transform.scale = 1.0;
  self->drag_node = AM_NO_INDEX;
  self->reveal_node = AM_NO_INDEX;
  self->moved_nodes = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->dark = adw_style_manager_get_dark (style_manager);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);

  g_signal_connect_object (style_manager, "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_settings_get_default (), "notify::gtk-xft-dpi",
                           G_CALLBACK (content_changed), self, G_CONNECT_SWAPPED);
  _am_graph_view_init_input (self);
  _am_graph_view_init_legend (self);

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

  _am_graph_view_orphan_index (self);
  g_clear_pointer (&self->index, am_spatial_index_free);
  g_clear_pointer (&self->frame, _am_graph_view_frame_free);
  invalidate_tab_order (self);
  self->index_stale = FALSE;
  self->index_wanted = FALSE;
  self->bounds_valid = FALSE;
  g_array_set_size (self->moved_nodes, 0);
  self->dragging = FALSE;
  self->drag_node = AM_NO_INDEX;
  fit_changed (self);

  graph = _am_graph_view_get_graph (self);
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
      /* Like hiding issues: fewer nodes to draw and to tab through. */
      g_signal_connect_object (document, "collapsed-changed",
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
  am_graph_view_set_zoom (self, self->transform.scale * AM_GRAPH_VIEW_ZOOM_STEP);
}

void
am_graph_view_zoom_out (AmGraphView *self)
{
  g_return_if_fail (AM_IS_GRAPH_VIEW (self));
  am_graph_view_set_zoom (self, self->transform.scale / AM_GRAPH_VIEW_ZOOM_STEP);
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
  _am_graph_view_set_transform (self, &fit);
}

void
am_graph_view_center_on_node (AmGraphView *self,
                              guint        node)
{
  AmGraph *graph;
  AmViewTransform transform;
  const AmNode *n;

  g_return_if_fail (AM_IS_GRAPH_VIEW (self));

  graph = _am_graph_view_get_graph (self);
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
  _am_graph_view_set_transform (self, &transform);
}

/* Whether (@x, @y) is on the legend, which hides what is under it. */
static gboolean
on_legend (AmGraphView           *self,
           const AmRenderOptions *options,
           double                 x,
           double                 y)
{
  double width, height;

  _am_graph_view_get_legend_size (self, options, &width, &height);
  return width > 0 &&
         x >= AM_RENDER_LEGEND_MARGIN && x <= AM_RENDER_LEGEND_MARGIN + width &&
         y >= AM_RENDER_LEGEND_MARGIN && y <= AM_RENDER_LEGEND_MARGIN + height;
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
  AmGraph *graph = _am_graph_view_get_graph (self);

  if (graph == NULL)
    return AM_NO_INDEX;

  fill_view_options (self, &options);
  /* A large map's index is out of date while the worker builds a new
   * one, as after each picture of its layout: going through a million
   * edges here instead would hold up the window longer than the pointer
   * waits for the index. (A node or two moved meanwhile are only
   * missing from an index still good for the rest.) */
  if (options.index == NULL && self->threaded &&
      (self->index_building || self->index_stale || self->index == NULL))
    return AM_NO_INDEX;
  if (on_legend (self, &options, x, y))
    return AM_NO_INDEX;

  return pick (graph, &options, x, y);
}

/* While a big map's layout still moves its nodes, its index is built
 * only when pointing asks; once the nodes are where they stay, it is
 * worth having before the first click. */
void
am_graph_view_prepare_picking (AmGraphView *self)
{
  g_return_if_fail (AM_IS_GRAPH_VIEW (self));

  if (self->threaded && !self->index_wanted &&
      (self->index == NULL || self->index_stale))
    {
      self->index_wanted = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
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

  _am_graph_view_fill_render_options (self, options);
}

/* am-graph-view-reveal.c: the chosen node brought into the part of the
 * canvas that nothing covers, and the legend that folds away
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The legend, the zoom buttons and other overlays cover parts of the
 * map. A node chosen anywhere (the list, search, the keyboard, a link
 * in the details panel) is brought, with its neighbours, into what is
 * left: the free area. The legend folds to a button when the user asks
 * or when the canvas is too narrow for it.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "am-graph-view-private.h"
#include "am-lazy-tooltip.h"

/* Time the map takes to glide to a chosen node. */
#define REVEAL_DURATION_US (300 * G_TIME_SPAN_MILLISECOND)
/* Room kept around the chosen node and its neighbours for their labels,
 * device units. */
#define REVEAL_PAD_X  100.0
#define REVEAL_PAD_Y  30.0
/* A chosen node and its neighbours are shown no closer than the map's
 * own size; a zoom within this share of the one wanted is left be. */
#define REVEAL_MAX_SCALE  1.0
#define REVEAL_ZOOM_SLACK 0.8
/* The free area keeps this far from what covers the canvas. */
#define FREE_MARGIN   6.0
/* The legend folds by itself when it would take more of the canvas. */
#define LEGEND_MAX_WIDTH_SHARE  0.3
#define LEGEND_MAX_HEIGHT_SHARE 0.95

/* Legend */

void
_am_graph_view_get_legend_size (AmGraphView           *self,
                                const AmRenderOptions *options,
                                double                *width,
                                double                *height)
{
  AmGraph *graph = _am_graph_view_get_graph (self);

  if (graph == NULL)
    {
      *width = *height = 0;
      return;
    }

  if (!self->legend_natural_valid)
    {
      AmRenderOptions unbounded = *options;

      unbounded.height = 0;
      am_render_get_legend_size (graph, &unbounded, &self->legend_natural_width,
                                 &self->legend_natural_height);
      self->legend_natural_valid = TRUE;
      self->legend_valid = FALSE;
      self->n_legend_scans++;
    }

  if (!self->legend_valid)
    {
      /* In one column if it fits, as the legend lays itself out. */
      if (options->height <= 0 ||
          self->legend_natural_height <= options->height - 2 * AM_RENDER_LEGEND_MARGIN)
        {
          self->legend_width = self->legend_natural_width;
          self->legend_height = self->legend_natural_height;
        }
      else
        {
          am_render_get_legend_size (graph, options, &self->legend_width, &self->legend_height);
          self->n_legend_scans++;
        }
      self->legend_valid = TRUE;
    }

  *width = self->legend_width;
  *height = self->legend_height;
}

static gboolean
legend_too_large (AmGraphView *self,
                  double       width,
                  double       height)
{
  return width + 2 * AM_RENDER_LEGEND_MARGIN > self->width * LEGEND_MAX_WIDTH_SHARE ||
         height + 2 * AM_RENDER_LEGEND_MARGIN > self->height * LEGEND_MAX_HEIGHT_SHARE;
}

gboolean
_am_graph_view_legend_shown (AmGraphView           *self,
                             const AmRenderOptions *options)
{
  double width, height;

  if (!self->legend_expanded)
    return FALSE;

  _am_graph_view_get_legend_size (self, options, &width, &height);
  if (width <= 0 || height <= 0)
    return FALSE;

  return self->legend_forced || !legend_too_large (self, width, height);
}

static void
update_legend_buttons (AmGraphView *self)
{
  AmRenderOptions options;
  gboolean shown, has_legend;
  double width, height;

  _am_graph_view_fill_render_options (self, &options);
  shown = options.draw_legend;
  _am_graph_view_get_legend_size (self, &options, &width, &height);
  has_legend = _am_graph_view_get_graph (self) != NULL && width > 0 && height > 0;

  gtk_widget_set_visible (self->legend_show_button, has_legend && !shown);
  gtk_widget_set_visible (self->legend_hide_button, has_legend && shown);
}

/* Folded to its button, as the canvas shows it now. */
gboolean
_am_graph_view_legend_folded (AmGraphView *self)
{
  return self->legend_show_button != NULL && gtk_widget_get_visible (self->legend_show_button);
}

static void
on_show_legend_clicked_cb (AmGraphView *self)
{
  AmRenderOptions options;
  double width, height;

  _am_graph_view_fill_render_options (self, &options);
  _am_graph_view_get_legend_size (self, &options, &width, &height);
  /* Asked for on a narrow canvas: shown all the same, until it widens. */
  self->legend_forced = legend_too_large (self, width, height);
  am_graph_view_set_legend_expanded (self, TRUE);
}

static void
on_hide_legend_clicked_cb (AmGraphView *self)
{
  self->legend_forced = FALSE;
  am_graph_view_set_legend_expanded (self, FALSE);
}

void
_am_graph_view_legend_changed (AmGraphView *self)
{
  if (self->legend_show_button == NULL)
    return;

  self->legend_valid = FALSE;
  self->fit_valid = FALSE;
  /* The buttons are shown or hidden as they are laid out, never in
   * between, when they could be drawn without a place. */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_am_graph_view_init_legend (AmGraphView *self)
{
  GtkWidget *button;

  self->legend_expanded = TRUE;

  button = gtk_button_new_with_mnemonic (_("_Legend"));
  am_lazy_tooltip_set (button, _("Show the Legend"));
  gtk_widget_add_css_class (button, "osd");
  gtk_widget_set_visible (button, FALSE);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_show_legend_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_parent (button, GTK_WIDGET (self));
  self->legend_show_button = button;

  button = gtk_button_new_from_icon_name ("window-close-symbolic");
  am_lazy_tooltip_set (button, _("Hide the Legend"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Hide the legend"),
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_visible (button, FALSE);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_hide_legend_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_parent (button, GTK_WIDGET (self));
  self->legend_hide_button = button;
}

void
_am_graph_view_dispose_legend (AmGraphView *self)
{
  g_clear_pointer (&self->legend_show_button, gtk_widget_unparent);
  g_clear_pointer (&self->legend_hide_button, gtk_widget_unparent);
}

void
_am_graph_view_allocate_legend (AmGraphView *self)
{
  AmRenderOptions options;
  double width, height;
  int natural;

  if (self->legend_show_button == NULL)
    return;

  _am_graph_view_fill_render_options (self, &options);
  _am_graph_view_get_legend_size (self, &options, &width, &height);
  /* A legend that fitted only because it was asked for stops being
   * forced once the canvas has room for it. */
  if (self->legend_forced && !legend_too_large (self, width, height))
    self->legend_forced = FALSE;
  update_legend_buttons (self);

  gtk_widget_measure (self->legend_show_button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural,
                      NULL, NULL);
  gtk_widget_size_allocate (self->legend_show_button,
                            &(GtkAllocation) { (int) AM_RENDER_LEGEND_MARGIN,
                                               (int) AM_RENDER_LEGEND_MARGIN, natural, 34 }, -1);
  gtk_widget_size_allocate (self->legend_hide_button,
                            &(GtkAllocation) { (int) (AM_RENDER_LEGEND_MARGIN + width) - 30,
                                               (int) AM_RENDER_LEGEND_MARGIN + 4, 26, 26 }, -1);
}

void
_am_graph_view_snapshot_legend (AmGraphView *self,
                                GtkSnapshot *snapshot)
{
  if (self->legend_show_button == NULL)
    return;

  gtk_widget_snapshot_child (GTK_WIDGET (self), self->legend_show_button, snapshot);
  gtk_widget_snapshot_child (GTK_WIDGET (self), self->legend_hide_button, snapshot);
}

gboolean
am_graph_view_get_legend_expanded (AmGraphView *self)
{
  g_return_val_if_fail (AM_IS_GRAPH_VIEW (self), FALSE);

  return self->legend_expanded;
}

void
am_graph_view_set_legend_expanded (AmGraphView *self,
                                   gboolean     expanded)
{
  g_return_if_fail (AM_IS_GRAPH_VIEW (self));

  expanded = !!expanded;
  if (expanded != self->legend_expanded)
    {
      self->legend_expanded = expanded;
      g_object_notify (G_OBJECT (self), "legend-expanded");
    }
  _am_graph_view_legend_changed (self);
  /* Beside the map or over it: what fits changes. */
  if (self->fitted)
    am_graph_view_zoom_fit (self);
}

/* Free area */

/* Cuts @box out of @area on the side that keeps the most of it. */
static void
cut_out (graphene_rect_t       *area,
         const graphene_rect_t *box)
{
  double x0 = area->origin.x, y0 = area->origin.y;
  double x1 = x0 + area->size.width, y1 = y0 + area->size.height;
  double bx0 = box->origin.x - FREE_MARGIN, by0 = box->origin.y - FREE_MARGIN;
  double bx1 = box->origin.x + box->size.width + FREE_MARGIN;
  double by1 = box->origin.y + box->size.height + FREE_MARGIN;
  double keep[4];
  guint best = 0;

  if (bx1 <= x0 || bx0 >= x1 || by1 <= y0 || by0 >= y1)
    return;

  keep[0] = MAX (0, x1 - bx1) * (y1 - y0);   /* right of it */
  keep[1] = MAX (0, bx0 - x0) * (y1 - y0);   /* left of it */
  keep[2] = MAX (0, y1 - by1) * (x1 - x0);   /* below it */
  keep[3] = MAX (0, by0 - y0) * (x1 - x0);   /* above it */
  for (guint i = 1; i < 4; i++)
    if (keep[i] > keep[best])
      best = i;

  switch (best)
    {
    case 0: x0 = MIN (x1, bx1); break;
    case 1: x1 = MAX (x0, bx0); break;
    case 2: y0 = MIN (y1, by1); break;
    default: y1 = MAX (y0, by0); break;
    }

  graphene_rect_init (area, x0, y0, x1 - x0, y1 - y0);
}

/* Adds @widget's box to what covers the canvas, when it is shown. */
static void
add_covered (AmGraphView     *self,
             GtkWidget       *widget,
             AmRenderOptions *options)
{
  graphene_rect_t bounds;
  AmRenderRect *rect;

  if (options->n_covered >= AM_RENDER_MAX_COVERED || !gtk_widget_get_visible (widget) ||
      !gtk_widget_compute_bounds (widget, GTK_WIDGET (self), &bounds))
    return;

  rect = &options->covered[options->n_covered++];
  rect->x = bounds.origin.x;
  rect->y = bounds.origin.y;
  rect->width = bounds.size.width;
  rect->height = bounds.size.height;
}

void
_am_graph_view_fill_covered (AmGraphView     *self,
                             AmRenderOptions *options)
{
  GtkWidget *parent;

  options->n_covered = 0;
  if (!options->draw_legend && self->legend_show_button != NULL)
    add_covered (self, self->legend_show_button, options);

  /* Whatever lies over the canvas in its overlay: zoom buttons, bars. */
  parent = gtk_widget_get_parent (GTK_WIDGET (self));
  if (parent != NULL && GTK_IS_OVERLAY (parent))
    for (GtkWidget *child = gtk_widget_get_first_child (parent);
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (child != GTK_WIDGET (self))
        add_covered (self, child, options);
}

void
am_graph_view_get_free_area (AmGraphView     *self,
                             graphene_rect_t *area)
{
  AmRenderOptions options;

  g_return_if_fail (AM_IS_GRAPH_VIEW (self));

  graphene_rect_init (area, 0, 0, MAX (self->width, 0), MAX (self->height, 0));

  _am_graph_view_fill_render_options (self, &options);
  if (options.draw_legend)
    {
      double width, height;

      _am_graph_view_get_legend_size (self, &options, &width, &height);
      cut_out (area, &GRAPHENE_RECT_INIT (0, 0, AM_RENDER_LEGEND_MARGIN + width,
                                          AM_RENDER_LEGEND_MARGIN + height));
    }

  for (guint i = 0; i < options.n_covered; i++)
    cut_out (area, &GRAPHENE_RECT_INIT (options.covered[i].x, options.covered[i].y,
                                        options.covered[i].width, options.covered[i].height));
}

/* Reveal */

static gboolean
node_placed (AmGraph *graph,
             guint    node)
{
  const AmNode *n;

  if (graph == NULL || node >= am_graph_get_n_nodes (graph))
    return FALSE;

  n = am_graph_get_node (graph, node);
  return isfinite (n->x) && isfinite (n->y);
}

/* The transform that shows @node (and its neighbours, when it is to)
 * in the free area, moving the map as little as it can. */
static gboolean
reveal_target (AmGraphView     *self,
               AmViewTransform *target)
{
  AmGraph *graph = _am_graph_view_get_graph (self);
  AmRenderOptions options;
  graphene_rect_t area;
  double x0, y0, x1, y1, scale, fit_scale, min_zoom, max_zoom, cx, cy;
  double left, top, right, bottom, dx = 0, dy = 0;
  const AmNode *n;

  if (!node_placed (graph, self->reveal_node) || self->width <= 0 || self->height <= 0)
    return FALSE;

  n = am_graph_get_node (graph, self->reveal_node);
  x0 = x1 = n->x;
  y0 = y1 = n->y;
  if (self->reveal_neighbours)
    {
      _am_graph_view_fill_render_options (self, &options);
      for (guint e = 0; e < am_graph_get_n_edges (graph); e++)
        {
          const AmEdge *edge = am_graph_get_edge (graph, e);
          guint other;
          const AmNode *o;

          if (edge->source == self->reveal_node)
            other = edge->target;
          else if (edge->target == self->reveal_node)
            other = edge->source;
          else
            continue;
          if (!node_placed (graph, other) ||
              (options.hidden_edge_kinds & (1u << edge->kind)) != 0)
            continue;
          o = am_graph_get_node (graph, other);
          if (!options.show_issues && o->kind == AM_NODE_KIND_ISSUE)
            continue;
          x0 = MIN (x0, o->x);
          x1 = MAX (x1, o->x);
          y0 = MIN (y0, o->y);
          y1 = MAX (y1, o->y);
        }
    }

  am_graph_view_get_free_area (self, &area);
  if (area.size.width < 2 * REVEAL_PAD_X || area.size.height < 2 * REVEAL_PAD_Y)
    graphene_rect_init (&area, 0, 0, self->width, self->height);

  /* With its neighbours: as close as shows them all with room for their
   * labels, up to the size the map is drawn at, and centred. A node
   * alone keeps the zoom and is moved just enough. */
  scale = self->transform.scale;
  _am_graph_view_get_zoom_range (self, &min_zoom, &max_zoom, &fit_scale);
  if (self->reveal_neighbours)
    {
      double wanted = REVEAL_MAX_SCALE;

      if (x1 > x0)
        wanted = MIN (wanted, (area.size.width - 2 * REVEAL_PAD_X) / (x1 - x0));
      if (y1 > y0)
        wanted = MIN (wanted, (area.size.height - 2 * REVEAL_PAD_Y) / (y1 - y0));
      wanted = MAX (wanted, MIN (fit_scale, REVEAL_MAX_SCALE) / 2);
      /* Close enough already: no zoom for a few percent. */
      if (!(scale <= wanted && scale >= wanted * REVEAL_ZOOM_SLACK))
        scale = wanted;
    }
  scale = CLAMP (scale, min_zoom, max_zoom);

  /* Zoomed around the middle of the free area, then moved just enough. */
  cx = (area.origin.x + area.size.width / 2 - self->transform.offset_x) / self->transform.scale;
  cy = (area.origin.y + area.size.height / 2 - self->transform.offset_y) / self->transform.scale;
  if (scale != self->transform.scale)
    {
      cx = (x0 + x1) / 2;
      cy = (y0 + y1) / 2;
    }
  target->scale = scale;
  target->offset_x = area.origin.x + area.size.width / 2 - cx * scale;
  target->offset_y = area.origin.y + area.size.height / 2 - cy * scale;

  left = x0 * scale + target->offset_x - REVEAL_PAD_X;
  right = x1 * scale + target->offset_x + REVEAL_PAD_X;
  top = y0 * scale + target->offset_y - REVEAL_PAD_Y;
  bottom = y1 * scale + target->offset_y + REVEAL_PAD_Y;
  if (right - left > area.size.width)
    dx = area.origin.x + area.size.width / 2 - (n->x * scale + target->offset_x);
  else if (left < area.origin.x)
    dx = area.origin.x - left;
  else if (right > area.origin.x + area.size.width)
    dx = area.origin.x + area.size.width - right;
  if (bottom - top > area.size.height)
    dy = area.origin.y + area.size.height / 2 - (n->y * scale + target->offset_y);
  else if (top < area.origin.y)
    dy = area.origin.y - top;
  else if (bottom > area.origin.y + area.size.height)
    dy = area.origin.y + area.size.height - bottom;
  target->offset_x += dx;
  target->offset_y += dy;

  /* Nothing to move: stay exactly where the user left the map. */
  if (scale == self->transform.scale && fabs (dx) < 0.5 && fabs (dy) < 0.5 &&
      fabs (target->offset_x - self->transform.offset_x) < 0.5 &&
      fabs (target->offset_y - self->transform.offset_y) < 0.5)
    *target = self->transform;

  return TRUE;
}

static void
stop_animation (AmGraphView *self)
{
  if (self->reveal_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->reveal_tick);
  self->reveal_tick = 0;
}

static void
move_to (AmGraphView           *self,
         const AmViewTransform *transform)
{
  self->fitted = FALSE;
  self->fit_pending = FALSE;
  _am_graph_view_set_transform (self, transform);
  self->reveal_last = self->transform;
}

static gboolean
reveal_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  AmGraphView *self = AM_GRAPH_VIEW (widget);
  AmViewTransform target, now;
  double t, eased, s0, s1, cx0, cy0, cx1, cy1, w = self->width / 2.0, h = self->height / 2.0;

  /* The user took over. */
  if (!_am_graph_view_transform_equal (&self->transform, &self->reveal_last) ||
      !reveal_target (self, &target))
    {
      self->reveal_tick = 0;
      return G_SOURCE_REMOVE;
    }

  t = (gdk_frame_clock_get_frame_time (clock) - self->reveal_start) / (double) REVEAL_DURATION_US;
  if (t >= 1)
    {
      move_to (self, &target);
      self->reveal_tick = 0;
      return G_SOURCE_REMOVE;
    }

  /* Ease out; the scale changes evenly to the eye, and the middle of
   * the view travels in a straight line. */
  eased = 1 - pow (1 - CLAMP (t, 0, 1), 3);
  s0 = self->reveal_from.scale;
  s1 = target.scale;
  cx0 = (w - self->reveal_from.offset_x) / s0;
  cy0 = (h - self->reveal_from.offset_y) / s0;
  cx1 = (w - target.offset_x) / s1;
  cy1 = (h - target.offset_y) / s1;
  now.scale = exp (log (s0) + (log (s1) - log (s0)) * eased);
  now.offset_x = w - (cx0 + (cx1 - cx0) * eased) * now.scale;
  now.offset_y = h - (cy0 + (cy1 - cy0) * eased) * now.scale;
  move_to (self, &now);

  return G_SOURCE_CONTINUE;
}

static gboolean
animations_enabled (AmGraphView *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled,
                NULL);
  return enabled && gtk_widget_get_mapped (GTK_WIDGET (self));
}

void
_am_graph_view_reveal (AmGraphView *self,
                       guint        node,
                       gboolean     neighbours)
{
  AmViewTransform target;

  if (node == self->reveal_node && self->reveal_tick != 0)
    return;

  stop_animation (self);
  self->reveal_node = node;
  self->reveal_neighbours = neighbours;
  if (!reveal_target (self, &target))
    {
      self->reveal_node = AM_NO_INDEX;
      return;
    }
  if (_am_graph_view_transform_equal (&target, &self->transform))
    return;

  if (!animations_enabled (self))
    {
      move_to (self, &target);
      return;
    }

  self->reveal_from = self->transform;
  self->reveal_last = self->transform;
  self->reveal_start = gdk_frame_clock_get_frame_time (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->reveal_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_tick_cb, NULL, NULL);
}

void
_am_graph_view_follow_size (AmGraphView *self)
{
  AmViewTransform target;

  /* A panel that opens beside the canvas narrows it: the chosen node
   * is kept in what is left. A running animation aims anew each frame. */
  if (self->reveal_node == AM_NO_INDEX || self->reveal_tick != 0)
    return;

  if (reveal_target (self, &target) && !_am_graph_view_transform_equal (&target, &self->transform))
    move_to (self, &target);
}

void
_am_graph_view_stop_reveal (AmGraphView *self)
{
  stop_animation (self);
  self->reveal_node = AM_NO_INDEX;
}

void
am_graph_view_reveal_node (AmGraphView *self,
                           guint        node)
{
  g_return_if_fail (AM_IS_GRAPH_VIEW (self));

  if (node_placed (_am_graph_view_get_graph (self), node))
    _am_graph_view_reveal (self, node, TRUE);
}

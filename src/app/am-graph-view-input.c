/* am-graph-view-input.c: the canvas under the pointer, wheel and fingers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hovering, clicking, dragging nodes or the map, scrolling and pinching.
 * What they change lives in the document or the view's transform.
 */

#include "config.h"

#include <math.h>

#include "am-graph-view-private.h"

#define WHEEL_PAN_STEP  48.0   /* device units per wheel click */
#define DRAG_THRESHOLD  4.0

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
  /* A double click on a group opens or closes it. */
  if (am_map_document_is_group (self->document, node))
    {
      am_map_document_set_group_collapsed (self->document, node,
                                           !am_map_document_get_group_collapsed (self->document,
                                                                                 node));
      am_map_document_set_selected_node (self->document, node);
      return;
    }
  if (node != AM_NO_INDEX)
    {
      am_map_document_set_selected_node (self->document, node);
      _am_graph_view_emit_node_activated (self, node);
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
      const AmNode *node = am_graph_get_node (_am_graph_view_get_graph (self), self->drag_node);
      double wx, wy;

      _am_graph_view_widget_to_world (self, x, y, &wx, &wy);
      self->drag_grab_x = node->x - wx;
      self->drag_grab_y = node->y - wy;
      /* The whole drag is undone at once. */
      am_map_document_begin_move (self->document);
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

      _am_graph_view_widget_to_world (self, self->drag_start_x + dx, self->drag_start_y + dy, &wx, &wy);
      am_map_document_move_node (self->document, self->drag_node,
                                 wx + self->drag_grab_x, wy + self->drag_grab_y);
    }
  else
    {
      AmViewTransform transform = self->drag_start_transform;

      transform.offset_x += dx;
      transform.offset_y += dy;
      self->fitted = FALSE;
      _am_graph_view_set_transform (self, &transform);
    }
}

static void
on_drag_end_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                AmGraphView    *self)
{
  double x = self->drag_start_x + dx, y = self->drag_start_y + dy;

  if (self->drag_node != AM_NO_INDEX && self->document != NULL)
    am_map_document_end_move (self->document);
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
  if (self->drag_node != AM_NO_INDEX && self->document != NULL)
    am_map_document_end_move (self->document);
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
      double factor = wheel ? pow (AM_GRAPH_VIEW_ZOOM_STEP, -dy) : exp (-dy * 0.01);
      double x = self->pointer_inside ? self->pointer_x : self->width / 2.0;
      double y = self->pointer_inside ? self->pointer_y : self->height / 2.0;

      am_graph_view_zoom_around (self, self->transform.scale * factor, x, y);
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

  am_graph_view_pan_by (self, -dx, -dy);
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

  am_graph_view_zoom_around (self, self->pinch_start_zoom * scale, x, y);
}

void
_am_graph_view_init_input (AmGraphView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;

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
}

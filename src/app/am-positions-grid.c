/* am-positions-grid.c: the positions matrix on screen, scrolled under
 * headers that stay in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One drawn widget, with the same drawing as the exports. It scrolls
 * itself (GtkScrollable), so that the row and column headers can stay
 * put while the cells move under them. Having no children, it tells
 * screen readers about the focused cell through its own label and
 * description, which change as the arrow keys move the focus.
 */

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "am-positions-grid.h"
#include "am-positions-render.h"

#define SCROLL_STEP 32.0

/* The matrix is laid out in points, as exports are; on screen a point
 * is drawn a little larger than a pixel, so that its text reads like the
 * rest of the window's. */
#define SCREEN_SCALE 1.25

struct _AmPositionsGrid
{
  GtkWidget                 parent_instance;

  AmMapDocument            *document;
  AmPositions              *positions;
  AmPositionsOrder          order;
  AmPositionsRenderOptions  options;
  AmPositionsGeometry       geometry;

  GtkAdjustment            *hadjustment;
  GtkAdjustment            *vadjustment;
  GtkScrollablePolicy       hscroll_policy;
  GtkScrollablePolicy       vscroll_policy;
};

static void am_positions_grid_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AmPositionsGrid, am_positions_grid, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      am_positions_grid_scrollable_init))

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_ORDER,
  N_PROPS,
  /* GtkScrollable's */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

enum
{
  CELL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
am_positions_grid_scrollable_init (GtkScrollableInterface *iface)
{
}

static guint
n_rows (AmPositionsGrid *self)
{
  return self->positions != NULL ? am_positions_get_n_rows (self->positions) : 0;
}

static guint
n_columns (AmPositionsGrid *self)
{
  return self->positions != NULL ? am_positions_get_n_columns (self->positions) : 0;
}

/* Accessibility */

static void
update_accessible (AmPositionsGrid *self)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  if (self->options.focus_row >= 0 && self->options.focus_column >= 0)
    {
      label = am_positions_describe_cell (self->positions, (guint) self->options.focus_row,
                                          (guint) self->options.focus_column);
      description = am_positions_describe_statements (self->positions,
                                                      (guint) self->options.focus_row,
                                                      (guint) self->options.focus_column);
    }
  else
    {
      const char *title = self->document != NULL ? am_map_document_get_title (self->document) : NULL;

      if (title != NULL && *title != '\0')
        /* Translators: the accessible name of the positions table. */
        label = g_strdup_printf (_("Positions in %s"), title);
      else
        label = g_strdup (_("Positions"));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Scrolling */

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         content,
                      double         page)
{
  double upper = MAX (content, page);

  if (adjustment == NULL)
    return;

  gtk_adjustment_configure (adjustment,
                            CLAMP (gtk_adjustment_get_value (adjustment), 0, upper - page),
                            0, upper, SCROLL_STEP, page * 0.9, page);
}

static void
configure_adjustments (AmPositionsGrid *self)
{
  configure_adjustment (self->hadjustment, self->geometry.width * SCREEN_SCALE,
                        gtk_widget_get_width (GTK_WIDGET (self)));
  configure_adjustment (self->vadjustment, self->geometry.height * SCREEN_SCALE,
                        gtk_widget_get_height (GTK_WIDGET (self)));
}

static void
on_adjustment_value_changed_cb (AmPositionsGrid *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (AmPositionsGrid  *self,
                GtkAdjustment   **slot,
                GtkAdjustment    *adjustment)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (*slot == adjustment)
    return;

  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, on_adjustment_value_changed_cb, self);
  g_set_object (slot, g_object_ref_sink (adjustment));
  g_object_unref (adjustment);
  g_signal_connect_object (adjustment, "value-changed",
                           G_CALLBACK (on_adjustment_value_changed_cb), self, G_CONNECT_SWAPPED);
  configure_adjustments (self);
}

static double
scroll_x (AmPositionsGrid *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

static double
scroll_y (AmPositionsGrid *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

static void
sync_options (AmPositionsGrid *self)
{
  self->options.scroll_x = scroll_x (self) / SCREEN_SCALE;
  self->options.scroll_y = scroll_y (self) / SCREEN_SCALE;
  self->options.width = gtk_widget_get_width (GTK_WIDGET (self)) / SCREEN_SCALE;
  self->options.height = gtk_widget_get_height (GTK_WIDGET (self)) / SCREEN_SCALE;
  self->options.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  self->options.selected_actor = self->document != NULL
                                 ? am_map_document_get_selected_node (self->document)
                                 : AM_NO_INDEX;
}

/* Scrolls the least that shows the whole cell beside and below the
 * headers. */
static void
scroll_to_cell (AmPositionsGrid *self,
                guint            row,
                guint            column)
{
  const AmPositionsGeometry *g = &self->geometry;
  double body_x = g->row_header_width * SCREEN_SCALE;
  double body_y = (g->top + g->column_header_height) * SCREEN_SCALE;
  double cell_w = g->cell_width * SCREEN_SCALE;
  double cell_h = g->cell_height * SCREEN_SCALE;
  double cell_x = body_x + column * cell_w;
  double cell_y = body_y + row * cell_h;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->hadjustment != NULL && width > 0)
    {
      double value = scroll_x (self);

      if (cell_x + cell_w - value > width)
        value = cell_x + cell_w - width;
      if (cell_x - value < body_x)
        value = cell_x - body_x;
      gtk_adjustment_set_value (self->hadjustment, value);
    }
  if (self->vadjustment != NULL && height > 0)
    {
      double value = scroll_y (self);

      if (cell_y + cell_h - value > height)
        value = cell_y + cell_h - height;
      if (cell_y - value < body_y)
        value = cell_y - body_y;
      gtk_adjustment_set_value (self->vadjustment, value);
    }
}

/* Model */

static void
rebuild (AmPositionsGrid *self)
{
  AmGraph *graph = self->document != NULL ? am_map_document_get_graph (self->document) : NULL;

  g_clear_pointer (&self->positions, am_positions_free);
  am_positions_render_options_init (&self->options);

  if (graph != NULL)
    {
      self->positions = am_positions_new (graph);
      am_positions_set_order (self->positions, self->order);
      am_positions_render_get_geometry (self->positions, &self->options, &self->geometry);
    }
  else
    {
      memset (&self->geometry, 0, sizeof self->geometry);
    }

  configure_adjustments (self);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
on_selected_node_changed_cb (AmPositionsGrid *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_dark_changed_cb (AmPositionsGrid *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Focus and activation */

static void
move_focus_to (AmPositionsGrid *self,
               int              row,
               int              column)
{
  if (n_rows (self) == 0 || n_columns (self) == 0)
    return;

  row = CLAMP (row, 0, (int) n_rows (self) - 1);
  column = CLAMP (column, 0, (int) n_columns (self) - 1);
  if (row == self->options.focus_row && column == self->options.focus_column)
    return;

  self->options.focus_row = row;
  self->options.focus_column = column;
  scroll_to_cell (self, (guint) row, (guint) column);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Selects the row's actor and says so, with the issue of the cell chosen,
 * or AM_NO_INDEX when it was the actor's name. */
static void
activate_row (AmPositionsGrid *self,
              guint            row,
              guint32          issue)
{
  guint32 actor = am_positions_get_actor (self->positions, row);

  if (self->document != NULL)
    am_map_document_set_selected_node (self->document, actor);
  g_signal_emit (self, signals[CELL_ACTIVATED], 0, actor, issue);
}

static void
activate_cell (AmPositionsGrid *self,
               guint            row,
               guint            column)
{
  activate_row (self, row, am_positions_get_issue (self->positions, column));
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AmPositionsGrid *self = AM_POSITIONS_GRID (widget);
  int rows, columns;

  g_variant_get (parameter, "(ii)", &rows, &columns);
  if (self->options.focus_row < 0)
    {
      move_focus_to (self, 0, 0);
      return;
    }
  /* Far jumps (Home, End, Page Up and Down) go to the edge. */
  move_focus_to (self, self->options.focus_row + rows, self->options.focus_column + columns);
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AmPositionsGrid *self = AM_POSITIONS_GRID (widget);

  if (self->options.focus_row >= 0 && self->options.focus_column >= 0)
    activate_cell (self, (guint) self->options.focus_row, (guint) self->options.focus_column);
}

static void
on_pressed_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               AmPositionsGrid *self)
{
  guint row, column;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (am_positions_grid_pick_row_header (self, x, y, &row))
    {
      /* An actor's name selects the actor, as in the list beside. */
      move_focus_to (self, (int) row, MAX (self->options.focus_column, 0));
      activate_row (self, row, AM_NO_INDEX);
      return;
    }
  if (!am_positions_grid_pick (self, x, y, &row, &column))
    return;

  move_focus_to (self, (int) row, (int) column);
  if (am_positions_get_cell (self->positions, row, column) != NULL)
    activate_cell (self, row, column);
}

static void
set_hover (AmPositionsGrid *self,
           int              row,
           int              column)
{
  if (row == self->options.hover_row && column == self->options.hover_column)
    return;
  self->options.hover_row = row;
  self->options.hover_column = column;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              AmPositionsGrid          *self)
{
  guint row, column;

  if (am_positions_grid_pick (self, x, y, &row, &column) &&
      am_positions_get_cell (self->positions, row, column) != NULL)
    set_hover (self, (int) row, (int) column);
  else
    set_hover (self, -1, -1);
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             AmPositionsGrid          *self)
{
  set_hover (self, -1, -1);
}

/* GtkWidget */

static void
am_positions_grid_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  AmPositionsGrid *self = AM_POSITIONS_GRID (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  AmPositionsRenderOptions options;
  AmPainter *painter;
  cairo_t *cr;

  if (self->positions == NULL || width < 1 || height < 1)
    return;

  sync_options (self);
  options = self->options;
  /* The focus ring only while the keyboard is in use. */
  if (!gtk_widget_has_visible_focus (widget))
    options.focus_row = options.focus_column = -1;

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  cairo_scale (cr, SCREEN_SCALE, SCREEN_SCALE);
  painter = am_cairo_painter_new (cr);
  am_positions_render (self->positions, &options, &self->geometry, painter);
  am_painter_free (painter);
  cairo_destroy (cr);
}

static void
am_positions_grid_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  AmPositionsGrid *self = AM_POSITIONS_GRID (widget);
  double size = orientation == GTK_ORIENTATION_HORIZONTAL ? self->geometry.width
                                                          : self->geometry.height;

  *minimum = 0;
  *natural = (int) ceil (size * SCREEN_SCALE);
}

static void
am_positions_grid_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  configure_adjustments (AM_POSITIONS_GRID (widget));
}

static void
am_positions_grid_state_flags_changed (GtkWidget     *widget,
                                       GtkStateFlags  previous)
{
  /* The focus ring comes and goes with the keyboard focus. */
  if ((previous ^ gtk_widget_get_state_flags (widget)) &
      (GTK_STATE_FLAG_FOCUS_VISIBLE | GTK_STATE_FLAG_FOCUSED))
    gtk_widget_queue_draw (widget);

  GTK_WIDGET_CLASS (am_positions_grid_parent_class)->state_flags_changed (widget, previous);
}

static gboolean
am_positions_grid_focus (GtkWidget        *widget,
                         GtkDirectionType  direction)
{
  AmPositionsGrid *self = AM_POSITIONS_GRID (widget);

  /* Tab enters and leaves; the arrow keys move inside. */
  if (gtk_widget_is_focus (widget) || n_rows (self) == 0)
    return FALSE;

  gtk_widget_grab_focus (widget);
  if (self->options.focus_row < 0)
    move_focus_to (self, 0, 0);
  return TRUE;
}

static gboolean
am_positions_grid_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_tooltip,
                                 GtkTooltip *tooltip)
{
  AmPositionsGrid *self = AM_POSITIONS_GRID (widget);
  g_autofree char *text = NULL;
  guint row, column;

  if (self->positions == NULL)
    return FALSE;

  if (keyboard_tooltip)
    {
      if (self->options.focus_row < 0)
        return FALSE;
      row = (guint) self->options.focus_row;
      column = (guint) self->options.focus_column;
    }
  else if (!am_positions_grid_pick (self, x, y, &row, &column))
    {
      return FALSE;
    }

  text = am_positions_describe_statements (self->positions, row, column);
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  {
    graphene_rect_t area;

    if (am_positions_grid_get_cell_area (self, row, column, &area))
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) area.origin.x, (int) area.origin.y,
                                                           (int) area.size.width,
                                                           (int) area.size.height });
  }
  return TRUE;
}

/* GObject */

static void
am_positions_grid_dispose (GObject *object)
{
  AmPositionsGrid *self = AM_POSITIONS_GRID (object);

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (am_positions_grid_parent_class)->dispose (object);
}

static void
am_positions_grid_finalize (GObject *object)
{
  AmPositionsGrid *self = AM_POSITIONS_GRID (object);

  g_clear_pointer (&self->positions, am_positions_free);

  G_OBJECT_CLASS (am_positions_grid_parent_class)->finalize (object);
}

static void
am_positions_grid_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AmPositionsGrid *self = AM_POSITIONS_GRID (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_ORDER:
      g_value_set_int (value, self->order);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
am_positions_grid_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AmPositionsGrid *self = AM_POSITIONS_GRID (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      am_positions_grid_set_document (self, g_value_get_object (value));
      break;
    case PROP_ORDER:
      am_positions_grid_set_order (self, (AmPositionsOrder) g_value_get_int (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_move_binding (GtkWidgetClass *widget_class,
                  guint           keyval,
                  int             rows,
                  int             columns)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, 0, "positions.move", "(ii)",
                                       rows, columns);
}

static void
am_positions_grid_class_init (AmPositionsGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = am_positions_grid_dispose;
  object_class->finalize = am_positions_grid_finalize;
  object_class->get_property = am_positions_grid_get_property;
  object_class->set_property = am_positions_grid_set_property;

  widget_class->snapshot = am_positions_grid_snapshot;
  widget_class->measure = am_positions_grid_measure;
  widget_class->size_allocate = am_positions_grid_size_allocate;
  widget_class->state_flags_changed = am_positions_grid_state_flags_changed;
  widget_class->focus = am_positions_grid_focus;
  widget_class->query_tooltip = am_positions_grid_query_tooltip;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, AM_TYPE_MAP_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ORDER] =
    g_param_spec_int ("order", NULL, NULL,
                      AM_POSITIONS_ORDER_SIMILARITY, AM_POSITIONS_ORDER_NAME,
                      AM_POSITIONS_ORDER_SIMILARITY,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * AmPositionsGrid::cell-activated:
   * @actor: the row's node index
   * @issue: the column's node index, or %AM_NO_INDEX when the actor's
   *   name in the row's header was clicked
   *
   * A cell or an actor's name was clicked, or Enter pressed on a cell.
   * The actor is selected in the document before this is emitted.
   */
  signals[CELL_ACTIVATED] =
    g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "positions.move", "(ii)", move_action);
  gtk_widget_class_install_action (widget_class, "positions.activate", NULL, activate_action);

  add_move_binding (widget_class, GDK_KEY_Left, 0, -1);
  add_move_binding (widget_class, GDK_KEY_KP_Left, 0, -1);
  add_move_binding (widget_class, GDK_KEY_Right, 0, 1);
  add_move_binding (widget_class, GDK_KEY_KP_Right, 0, 1);
  add_move_binding (widget_class, GDK_KEY_Up, -1, 0);
  add_move_binding (widget_class, GDK_KEY_KP_Up, -1, 0);
  add_move_binding (widget_class, GDK_KEY_Down, 1, 0);
  add_move_binding (widget_class, GDK_KEY_KP_Down, 1, 0);
  add_move_binding (widget_class, GDK_KEY_Home, 0, -G_MAXINT / 2);
  add_move_binding (widget_class, GDK_KEY_End, 0, G_MAXINT / 2);
  add_move_binding (widget_class, GDK_KEY_Page_Up, -10, 0);
  add_move_binding (widget_class, GDK_KEY_Page_Down, 10, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_CONTROL_MASK,
                                       "positions.move", "(ii)", -G_MAXINT / 2, -G_MAXINT / 2);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, GDK_CONTROL_MASK,
                                       "positions.move", "(ii)", G_MAXINT / 2, G_MAXINT / 2);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "positions.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "positions.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Enter, 0, "positions.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "positions.activate", NULL);

  gtk_widget_class_set_css_name (widget_class, "positionsgrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
am_positions_grid_init (AmPositionsGrid *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;

  am_positions_render_options_init (&self->options);
  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (on_pressed_cb), self, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_object (controller, "enter", G_CALLBACK (on_motion_cb), self, 0);
  g_signal_connect_object (controller, "motion", G_CALLBACK (on_motion_cb), self, 0);
  g_signal_connect_object (controller, "leave", G_CALLBACK (on_leave_cb), self, 0);
  gtk_widget_add_controller (widget, controller);

  update_accessible (self);
}

/* Public API */

GtkWidget *
am_positions_grid_new (void)
{
  return g_object_new (AM_TYPE_POSITIONS_GRID, NULL);
}

AmMapDocument *
am_positions_grid_get_document (AmPositionsGrid *self)
{
  g_return_val_if_fail (AM_IS_POSITIONS_GRID (self), NULL);
  return self->document;
}

void
am_positions_grid_set_document (AmPositionsGrid *self,
                                AmMapDocument   *document)
{
  g_return_if_fail (AM_IS_POSITIONS_GRID (self));
  g_return_if_fail (document == NULL || AM_IS_MAP_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "notify::selected-node",
                             G_CALLBACK (on_selected_node_changed_cb), self, G_CONNECT_SWAPPED);

  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, 0);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, 0);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

const AmPositions *
am_positions_grid_get_positions (AmPositionsGrid *self)
{
  g_return_val_if_fail (AM_IS_POSITIONS_GRID (self), NULL);
  return self->positions;
}

AmPositionsOrder
am_positions_grid_get_order (AmPositionsGrid *self)
{
  g_return_val_if_fail (AM_IS_POSITIONS_GRID (self), AM_POSITIONS_ORDER_SIMILARITY);
  return self->order;
}

void
am_positions_grid_set_order (AmPositionsGrid  *self,
                             AmPositionsOrder  order)
{
  guint32 actor = AM_NO_INDEX, issue = AM_NO_INDEX;

  g_return_if_fail (AM_IS_POSITIONS_GRID (self));
  g_return_if_fail (order <= AM_POSITIONS_ORDER_NAME);

  if (self->order == order)
    return;
  self->order = order;

  /* The focus stays on the same actor and issue. */
  if (self->positions != NULL && self->options.focus_row >= 0)
    {
      actor = am_positions_get_actor (self->positions, (guint) self->options.focus_row);
      issue = am_positions_get_issue (self->positions, (guint) self->options.focus_column);
    }
  if (self->positions != NULL)
    {
      am_positions_set_order (self->positions, order);
      if (actor != AM_NO_INDEX)
        {
          self->options.focus_row = -1;
          move_focus_to (self, am_positions_find_row (self->positions, actor),
                         am_positions_find_column (self->positions, issue));
        }
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER]);
}

gboolean
am_positions_grid_get_focus_cell (AmPositionsGrid *self,
                                  guint           *row,
                                  guint           *column)
{
  g_return_val_if_fail (AM_IS_POSITIONS_GRID (self), FALSE);

  if (self->options.focus_row < 0 || self->options.focus_column < 0)
    return FALSE;

  if (row != NULL)
    *row = (guint) self->options.focus_row;
  if (column != NULL)
    *column = (guint) self->options.focus_column;
  return TRUE;
}

void
am_positions_grid_set_focus_cell (AmPositionsGrid *self,
                                  guint            row,
                                  guint            column)
{
  g_return_if_fail (AM_IS_POSITIONS_GRID (self));
  g_return_if_fail (row < n_rows (self) && column < n_columns (self));

  move_focus_to (self, (int) row, (int) column);
}

gboolean
am_positions_grid_pick (AmPositionsGrid *self,
                        double           x,
                        double           y,
                        guint           *row,
                        guint           *column)
{
  g_return_val_if_fail (AM_IS_POSITIONS_GRID (self), FALSE);

  if (self->positions == NULL)
    return FALSE;

  sync_options (self);
  return am_positions_render_pick (self->positions, &self->options, &self->geometry,
                                   x / SCREEN_SCALE, y / SCREEN_SCALE, row, column);
}

gboolean
am_positions_grid_pick_row_header (AmPositionsGrid *self,
                                   double           x,
                                   double           y,
                                   guint           *row)
{
  g_return_val_if_fail (AM_IS_POSITIONS_GRID (self), FALSE);

  if (self->positions == NULL)
    return FALSE;

  sync_options (self);
  return am_positions_render_pick_row_header (self->positions, &self->options, &self->geometry,
                                              x / SCREEN_SCALE, y / SCREEN_SCALE, row);
}

gboolean
am_positions_grid_get_cell_area (AmPositionsGrid *self,
                                 guint            row,
                                 guint            column,
                                 graphene_rect_t *area)
{
  double x, y, w, h;

  g_return_val_if_fail (AM_IS_POSITIONS_GRID (self), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  if (self->positions == NULL)
    return FALSE;

  sync_options (self);
  if (!am_positions_render_get_cell_box (self->positions, &self->options, &self->geometry,
                                         row, column, &x, &y, &w, &h))
    return FALSE;

  graphene_rect_init (area, x * SCREEN_SCALE, y * SCREEN_SCALE, w * SCREEN_SCALE, h * SCREEN_SCALE);
  return TRUE;
}

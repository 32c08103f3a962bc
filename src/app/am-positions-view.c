/* am-positions-view.c: the "Positions" view of an open map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The matrix of stances with a choice of row order above it and, below,
 * with whom the selected actor agrees and disagrees most; or, for a map
 * without stances, a page that says what the view needs.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "am-positions-view.h"

struct _AmPositionsView
{
  AdwBin           parent_instance;

  AmMapDocument   *document;

  GtkStack        *stack;          /* NULL until the view first shows */
  GtkDropDown     *order_menu;
  AmPositionsGrid *grid;
  GtkLabel        *agreement;
};

G_DEFINE_FINAL_TYPE (AmPositionsView, am_positions_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_ORDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CELL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_agreement (AmPositionsView *self)
{
  const AmPositions *positions;
  guint selected = self->document != NULL ? am_map_document_get_selected_node (self->document)
                                          : AM_NO_INDEX;
  g_autofree char *summary = NULL;
  g_autofree char *text = NULL;

  if (self->grid == NULL)
    return;
  positions = am_positions_grid_get_positions (self->grid);

  if (positions != NULL && selected != AM_NO_INDEX &&
      am_positions_find_row (positions, selected) >= 0)
    summary = am_positions_describe_agreement (positions, selected);

  if (summary == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->agreement), FALSE);
      return;
    }

  /* Translators: the selected actor's name, then with whom they agree and disagree most. */
  text = g_strdup_printf (_("%s: %s"),
                          am_graph_get_node (am_positions_get_graph (positions), selected)->label,
                          summary);
  gtk_label_set_text (self->agreement, text);
  gtk_widget_set_visible (GTK_WIDGET (self->agreement), TRUE);
}

static void
update_page (AmPositionsView *self)
{
  gtk_stack_set_visible_child_name (self->stack,
                                    am_positions_view_has_positions (self) ? "matrix" : "empty");
  update_agreement (self);
}

static void
on_cell_activated_cb (AmPositionsView *self,
                      guint            actor,
                      guint            issue)
{
  g_signal_emit (self, signals[CELL_ACTIVATED], 0, actor, issue);
}

static void
on_order_selected_cb (AmPositionsView *self)
{
  am_positions_view_set_order (self, (AmPositionsOrder) gtk_drop_down_get_selected (self->order_menu));
}

static void
on_order_changed_cb (AmPositionsView *self)
{
  gtk_drop_down_set_selected (self->order_menu, am_positions_grid_get_order (self->grid));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER]);
}

static GtkWidget *
build_status_page (void)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "view-grid-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("No Stated Positions"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _("This view shows who took which stance on which issue. "
                                     "It needs edges of kind “statement” that lead to nodes of "
                                     "kind “issue” and carry a “stance”: supports, opposes, "
                                     "conditional or neutral."));
  return page;
}

static GtkWidget *
build_matrix_page (AmPositionsView *self)
{
  static const char * const orders[] = {
    N_("Similar Positions"),
    N_("Affiliation"),
    N_("Name"),
    NULL
  };
  const char *translated[G_N_ELEMENTS (orders)];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Order by"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    translated[i] = orders[i] != NULL ? _(orders[i]) : NULL;

  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_add_css_class (label, "dim-label");
  self->order_menu = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (translated));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->order_menu));
  gtk_box_append (GTK_BOX (bar), label);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->order_menu));
  gtk_box_append (GTK_BOX (box), bar);
  g_signal_connect_object (self->order_menu, "notify::selected",
                           G_CALLBACK (on_order_selected_cb), self, G_CONNECT_SWAPPED);

  self->grid = AM_POSITIONS_GRID (am_positions_grid_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->grid));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), scrolled);
  g_signal_connect_object (self->grid, "cell-activated",
                           G_CALLBACK (on_cell_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->grid, "notify::order",
                           G_CALLBACK (on_order_changed_cb), self, G_CONNECT_SWAPPED);

  self->agreement = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->agreement, TRUE);
  gtk_label_set_xalign (self->agreement, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->agreement), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->agreement), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self->agreement), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->agreement), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->agreement), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->agreement));

  return box;
}

/* The matrix and its menus take a few milliseconds to make, which a
 * window starting up on the Map view need not spend: they are made when
 * the view first shows, or first asked about. */
static void
ensure_content (AmPositionsView *self)
{
  if (self->stack != NULL)
    return;

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, build_matrix_page (self), "matrix");
  gtk_stack_add_named (self->stack, build_status_page (), "empty");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
  am_positions_grid_set_document (self->grid, self->document);
  update_page (self);
}

static void
am_positions_view_map (GtkWidget *widget)
{
  ensure_content (AM_POSITIONS_VIEW (widget));

  GTK_WIDGET_CLASS (am_positions_view_parent_class)->map (widget);
}

static void
am_positions_view_dispose (GObject *object)
{
  AmPositionsView *self = AM_POSITIONS_VIEW (object);

  g_clear_object (&self->document);

  G_OBJECT_CLASS (am_positions_view_parent_class)->dispose (object);
}

static void
am_positions_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AmPositionsView *self = AM_POSITIONS_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_ORDER:
      g_value_set_int (value, am_positions_view_get_order (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
am_positions_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AmPositionsView *self = AM_POSITIONS_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      am_positions_view_set_document (self, g_value_get_object (value));
      break;
    case PROP_ORDER:
      am_positions_view_set_order (self, (AmPositionsOrder) g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
am_positions_view_class_init (AmPositionsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = am_positions_view_dispose;
  object_class->get_property = am_positions_view_get_property;
  object_class->set_property = am_positions_view_set_property;
  widget_class->map = am_positions_view_map;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, AM_TYPE_MAP_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ORDER] =
    g_param_spec_int ("order", NULL, NULL,
                      AM_POSITIONS_ORDER_SIMILARITY, AM_POSITIONS_ORDER_NAME,
                      AM_POSITIONS_ORDER_SIMILARITY,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AmPositionsView::cell-activated:
   * @actor: the row's node index
   * @issue: the column's node index, or %AM_NO_INDEX when the actor's
   *   name was clicked
   *
   * A cell or an actor's name was clicked, or Enter pressed on a cell;
   * the actor is already the document's selection, so that the details
   * show their statements.
   */
  signals[CELL_ACTIVATED] =
    g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
am_positions_view_init (AmPositionsView *self)
{
  /* Its widgets wait until the view shows: see ensure_content(). */
}

/* Public API */

GtkWidget *
am_positions_view_new (void)
{
  return g_object_new (AM_TYPE_POSITIONS_VIEW, NULL);
}

AmMapDocument *
am_positions_view_get_document (AmPositionsView *self)
{
  g_return_val_if_fail (AM_IS_POSITIONS_VIEW (self), NULL);
  return self->document;
}

void
am_positions_view_set_document (AmPositionsView *self,
                                AmMapDocument   *document)
{
  g_return_if_fail (AM_IS_POSITIONS_VIEW (self));
  g_return_if_fail (document == NULL || AM_IS_MAP_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "notify::selected-node",
                             G_CALLBACK (update_agreement), self, G_CONNECT_SWAPPED);

  if (self->stack != NULL)
    {
      am_positions_grid_set_document (self->grid, document);
      update_page (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

AmPositionsOrder
am_positions_view_get_order (AmPositionsView *self)
{
  g_return_val_if_fail (AM_IS_POSITIONS_VIEW (self), AM_POSITIONS_ORDER_SIMILARITY);
  ensure_content (self);
  return am_positions_grid_get_order (self->grid);
}

void
am_positions_view_set_order (AmPositionsView  *self,
                             AmPositionsOrder  order)
{
  g_return_if_fail (AM_IS_POSITIONS_VIEW (self));

  ensure_content (self);
  /* The grid notifies, and the menu and the view follow. */
  am_positions_grid_set_order (self->grid, order);
}

gboolean
am_positions_view_has_positions (AmPositionsView *self)
{
  const AmPositions *positions;

  g_return_val_if_fail (AM_IS_POSITIONS_VIEW (self), FALSE);

  ensure_content (self);
  positions = am_positions_grid_get_positions (self->grid);
  return positions != NULL && am_positions_get_n_rows (positions) > 0;
}

AmPositionsGrid *
am_positions_view_get_grid (AmPositionsView *self)
{
  g_return_val_if_fail (AM_IS_POSITIONS_VIEW (self), NULL);
  ensure_content (self);
  return self->grid;
}

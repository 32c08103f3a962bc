/* am-window-actions.c: the main window's view actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lens, the filters of edge kinds, zoom, search and the shortcuts
 * window: what changes how the open map is seen, not which map it is.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "am-lazy-tooltip.h"
#include "am-vocabulary.h"
#include "am-window-private.h"

/* More issues than this, and the lens dropdown gets a search entry. */
#define MAX_UNSEARCHED_LENS_CHOICES 12

static char *
edge_kind_action_name (AmEdgeKind kind)
{
  return g_strconcat ("show-edges-", am_edge_kind_to_string (kind), NULL);
}

/* Lens and filters */

void
_am_window_sync_lens_dropdown (AmWindow *self)
{
  guint lens = self->document != NULL ? am_map_document_get_lens_issue (self->document)
                                      : AM_NO_INDEX;
  guint position = 0;

  for (guint i = 0; i < self->lens_issues->len; i++)
    if (g_array_index (self->lens_issues, guint, i) == lens)
      position = i;

  self->syncing_lens = TRUE;
  gtk_drop_down_set_selected (self->lens_dropdown, position);
  self->syncing_lens = FALSE;
}

/* Affiliation, then every issue in file order. The same choice is the
 * win.lens action, by the issue's id. */
static void
rebuild_lens_choices (AmWindow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint none = AM_NO_INDEX;
  AmGraph *graph = self->document != NULL ? am_map_document_get_graph (self->document) : NULL;

  g_array_set_size (self->lens_issues, 0);

  gtk_string_list_append (labels, _("Affiliation"));
  g_array_append_val (self->lens_issues, none);

  for (guint i = 0; graph != NULL && i < am_graph_get_n_nodes (graph); i++)
    {
      const AmNode *node = am_graph_get_node (graph, i);

      if (node->kind != AM_NODE_KIND_ISSUE || node->id == NULL)
        continue;

      gtk_string_list_append (labels, node->label);
      g_array_append_val (self->lens_issues, i);
    }

  self->syncing_lens = TRUE;
  gtk_drop_down_set_model (self->lens_dropdown, G_LIST_MODEL (labels));
  self->syncing_lens = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->lens_dropdown), self->lens_issues->len > 1);
  gtk_drop_down_set_enable_search (self->lens_dropdown,
                                   self->lens_issues->len > MAX_UNSEARCHED_LENS_CHOICES);

  _am_window_sync_lens_dropdown (self);
}

/* The dropdown's button shows a long issue name shortened, so that the
 * toolbar fits beside the details; its list shows names in full. */
static void
setup_lens_label_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (ellipsize != NULL)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_lens_label_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  ellipsize)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = gtk_string_object_get_string (string);

  gtk_label_set_label (GTK_LABEL (label), text);
  /* Asked for when shown: setting it would look for the pointer. */
  am_lazy_tooltip_set (label, ellipsize != NULL ? text : NULL);
}

static GtkListItemFactory *
lens_label_factory (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_lens_label_cb),
                    GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_lens_label_cb),
                    GINT_TO_POINTER (ellipsize));

  return factory;
}

static void
on_lens_selected_cb (AmWindow    *self,
                     GParamSpec  *pspec,
                     GtkDropDown *dropdown)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (self->syncing_lens || self->document == NULL || position >= self->lens_issues->len)
    return;

  am_map_document_set_lens_issue (self->document, g_array_index (self->lens_issues, guint, position));
}

void
_am_window_sync_edge_kind_actions (AmWindow *self)
{
  guint hidden = self->document != NULL ? am_map_document_get_hidden_edge_kinds (self->document) : 0;

  for (guint kind = 0; kind < AM_N_EDGE_KINDS; kind++)
    {
      g_autofree char *name = edge_kind_action_name (kind);
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                                   (self->present_edge_kinds & (1u << kind)) != 0);
      g_simple_action_set_state (G_SIMPLE_ACTION (action),
                                 g_variant_new_boolean ((hidden & (1u << kind)) == 0));
    }
}

/* One check item per kind of edge the map has. */
static void
rebuild_edge_kind_choices (AmWindow *self)
{
  AmGraph *graph = self->document != NULL ? am_map_document_get_graph (self->document) : NULL;

  self->present_edge_kinds = 0;
  for (guint i = 0; graph != NULL && i < am_graph_get_n_edges (graph); i++)
    self->present_edge_kinds |= 1u << am_graph_get_edge (graph, i)->kind;

  g_menu_remove_all (self->edge_kinds_section);
  for (guint kind = 0; kind < AM_N_EDGE_KINDS; kind++)
    {
      g_autofree char *name = NULL;
      g_autofree char *detailed = NULL;

      if (!(self->present_edge_kinds & (1u << kind)))
        continue;

      name = edge_kind_action_name (kind);
      detailed = g_strconcat ("win.", name, NULL);
      g_menu_append (self->edge_kinds_section, am_edge_kind_get_menu_label (kind), detailed);
    }

  _am_window_sync_edge_kind_actions (self);
}

static void
edge_kind_change_state (GSimpleAction *action,
                        GVariant      *state,
                        gpointer       user_data)
{
  AmWindow *self = user_data;
  AmEdgeKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (action), "am-edge-kind"));
  guint hidden;

  if (self->document == NULL)
    return;

  hidden = am_map_document_get_hidden_edge_kinds (self->document);
  if (g_variant_get_boolean (state))
    hidden &= ~(1u << kind);
  else
    hidden |= 1u << kind;

  am_map_document_set_hidden_edge_kinds (self->document, hidden);
  g_simple_action_set_state (action, state);
}

static void
add_edge_kind_actions (AmWindow *self)
{
  for (guint kind = 0; kind < AM_N_EDGE_KINDS; kind++)
    {
      g_autofree char *name = edge_kind_action_name (kind);
      g_autoptr(GSimpleAction) action =
        g_simple_action_new_stateful (name, NULL, g_variant_new_boolean (TRUE));

      g_object_set_data (G_OBJECT (action), "am-edge-kind", GUINT_TO_POINTER (kind));
      g_signal_connect_object (action, "change-state",
                               G_CALLBACK (edge_kind_change_state), self, 0);
      g_simple_action_set_enabled (action, FALSE);
      g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
    }
}

void
_am_window_update_actions (AmWindow *self)
{
  gboolean has_map = self->document != NULL;
  gboolean on_map = has_map && !_am_window_showing_positions (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", on_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", on_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-fit", on_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.view", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-issues", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lens", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-sidebar", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-details", has_map);
}

void
_am_window_find (AmWindow *self)
{
  adw_flap_set_reveal_flap (self->sidebar_flap, TRUE);
  am_actor_list_focus_search (self->actor_list);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _am_window_find (AM_WINDOW (widget));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AmWindow *self = AM_WINDOW (widget);

  if (self->document == NULL)
    return;

  if (g_str_equal (action_name, "win.zoom-in"))
    am_graph_view_zoom_in (self->graph_view);
  else if (g_str_equal (action_name, "win.zoom-out"))
    am_graph_view_zoom_out (self->graph_view);
  else
    am_graph_view_zoom_fit (self->graph_view);
}

/* The shortcuts window is built when first asked for: built with every
 * window, as GTK does with gtk/help-overlay.ui, it took 10 ms of the
 * time to the first frame. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = NULL;

      builder = gtk_builder_new_from_resource ("/io/github/actormap/ActorMap/help-overlay.ui");
      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* Modal, hidden on close, and showing this window's accelerators. */
      gtk_application_window_set_help_overlay (window, overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

void
_am_window_rebuild_view_choices (AmWindow *self)
{
  rebuild_lens_choices (self);
  rebuild_edge_kind_choices (self);
}

void
_am_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-sidebar", "show-sidebar");
  gtk_widget_class_install_property_action (widget_class, "win.show-details", "show-details");
  gtk_widget_class_install_property_action (widget_class, "win.search", "search");
  gtk_widget_class_install_property_action (widget_class, "win.show-issues", "show-issues");
  gtk_widget_class_install_property_action (widget_class, "win.lens", "lens");
  gtk_widget_class_install_property_action (widget_class, "win.view", "view");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-sidebar", NULL);
  /* Alt and a number switch views, as in other GNOME applications. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.view", "s", "map");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.view", "s", "positions");

  gtk_widget_class_bind_template_callback (widget_class, on_lens_selected_cb);
}

void
_am_window_actions_init (AmWindow *self)
{
  g_autoptr(GtkExpression) expression = NULL;
  GtkListItemFactory *factory;

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->lens_dropdown, expression);
  factory = lens_label_factory (TRUE);
  gtk_drop_down_set_factory (self->lens_dropdown, factory);
  g_object_unref (factory);
  factory = lens_label_factory (FALSE);
  gtk_drop_down_set_list_factory (self->lens_dropdown, factory);
  g_object_unref (factory);
  add_edge_kind_actions (self);
}

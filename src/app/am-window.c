/* am-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window owns the open AmMapDocument and hands it to the canvas, the
 * actor list and the details panel, which observe it. What the user can
 * change about the view (lens, filters, panels) is a window property with
 * a stateful action on top, so menus, buttons and keys stay in step.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "am-display-text.h"
#include "am-app-resources.h"
#include "am-lazy-tooltip.h"
#include "am-vocabulary.h"
#include "am-window-private.h"

/* Widths of the panes, and the least room the map keeps beside them;
 * below that, a pane floats over the map instead. */
#define SIDEBAR_WIDTH    260
#define DETAILS_WIDTH    340
#define MIN_MAP_WIDTH    360
#define FULL_MAP_WIDTH   400

G_DEFINE_FINAL_TYPE (AmWindow, am_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_LOADING,
  PROP_SHOW_SIDEBAR,
  PROP_SHOW_DETAILS,
  PROP_SEARCH,
  PROP_SHOW_ISSUES,
  PROP_LENS,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Errors and toasts */

/* Toast titles are markup; file names and parser messages are not. */
void
_am_window_show_toast (AmWindow   *self,
                       const char *title,
                       guint       timeout)
{
  g_autofree char *markup = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
remember_error (AmWindow   *self,
                const char *message)
{
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_debug ("%s", message);
}

void
_am_window_show_error (AmWindow   *self,
                       const char *message)
{
  remember_error (self, message);
  _am_window_show_toast (self, message, 10);
}

static AdwStatusPage *ensure_status_page (AmWindow   *self,
                                          const char *name);

/* With no map to keep, the message takes the map's place. */
void
_am_window_show_error_page (AmWindow   *self,
                            const char *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);

  remember_error (self, message);
  adw_status_page_set_description (ensure_status_page (self, "error"), markup);
  gtk_stack_set_visible_child_name (self->canvas_stack, "error");
}

/* Title */

static char *
file_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *uri = NULL;

  if (path != NULL)
    return g_filename_display_basename (path);

  uri = g_file_get_uri (file);
  return g_uri_unescape_string (strrchr (uri, '/') != NULL ? strrchr (uri, '/') + 1 : uri, NULL);
}

static char *
folder_display_name (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autofree char *relative = NULL;
  g_autofree char *path = NULL;

  if (parent == NULL)
    return NULL;
  if (g_file_equal (parent, home))
    return g_strdup ("~");

  relative = g_file_get_relative_path (home, parent);
  if (relative != NULL)
    {
      g_autofree char *display = g_filename_display_name (relative);

      return g_strconcat ("~/", display, NULL);
    }

  path = g_file_get_path (parent);
  return path != NULL ? g_filename_display_name (path) : g_file_get_parse_name (parent);
}

/* The map's own title, else the file's name; below it, the file's name,
 * or its folder when the title is the name already. */
static void
document_titles (AmWindow  *self,
                 char     **title,
                 char     **subtitle)
{
  AmGraph *graph = am_map_document_get_graph (self->document);
  GFile *file = am_map_document_get_file (self->document);
  const char *graph_title = am_graph_get_value (graph, graph->profile.graph_title, 0);

  if (graph_title != NULL && *graph_title == '\0')
    graph_title = NULL;

  /* A title from the file is shown as one short line. */
  if (file == NULL)
    {
      *title = graph_title != NULL ? am_display_line (graph_title, 120) : g_strdup (_("Bundled Map"));
      *subtitle = g_strdup (_("Bundled map"));
    }
  else if (graph_title != NULL)
    {
      *title = am_display_line (graph_title, 120);
      *subtitle = file_display_name (file);
    }
  else
    {
      *title = file_display_name (file);
      *subtitle = folder_display_name (file);
    }
}

char *
_am_window_get_document_name (AmWindow *self)
{
  GFile *file;
  char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (self->document == NULL)
    return g_strdup (_("Actor Map"));

  /* The file is what is saved or changed on disk: named as such. */
  file = am_map_document_get_file (self->document);
  if (file != NULL)
    return file_display_name (file);

  document_titles (self, &title, &subtitle);
  return title;
}

/* Unsaved changes are marked before the title, as GNOME's editors do. */
static void
update_title (AmWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (self->document == NULL)
    {
      adw_view_switcher_title_set_title (self->window_title, _("Actor Map"));
      adw_view_switcher_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Actor Map"));
      return;
    }

  document_titles (self, &title, &subtitle);
  if (am_map_document_get_modified (self->document))
    {
      char *marked = g_strconcat ("• ", title, NULL);

      g_free (title);
      title = marked;
    }

  adw_view_switcher_title_set_title (self->window_title, title);
  adw_view_switcher_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* Documents */

void
_am_window_set_show_details (AmWindow *self,
                             gboolean  show)
{
  /* Made before the flap opens, so that it opens to the panel's width. */
  if (show)
    am_details_panel_build (self->details_panel);
  adw_flap_set_reveal_flap (self->details_flap, show);
}

static void
on_selected_node_cb (AmWindow      *self,
                     GParamSpec    *pspec,
                     AmMapDocument *document)
{
  _am_window_set_show_details (self, am_map_document_get_selected_node (document) != AM_NO_INDEX);
}

static void
on_lens_issue_cb (AmWindow      *self,
                  GParamSpec    *pspec,
                  AmMapDocument *document)
{
  _am_window_sync_lens_dropdown (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LENS]);
}

static void
on_show_issues_cb (AmWindow      *self,
                   GParamSpec    *pspec,
                   AmMapDocument *document)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ISSUES]);
}

static void
on_title_changed_cb (AmWindow      *self,
                     GParamSpec    *pspec,
                     AmMapDocument *document)
{
  update_title (self);
}

static void
on_hidden_edge_kinds_cb (AmWindow      *self,
                         GParamSpec    *pspec,
                         AmMapDocument *document)
{
  _am_window_sync_edge_kind_actions (self);
}

/* The Positions view measures every statement of the map into its matrix
 * as soon as it has the map: it gets it when it shows. Until then it lets
 * go of any map before, which may be large. */
static void
sync_positions_view (AmWindow *self)
{
  if (_am_window_showing_positions (self))
    am_positions_view_set_document (self->positions_view, self->document);
  else if (am_positions_view_get_document (self->positions_view) != self->document)
    am_positions_view_set_document (self->positions_view, NULL);
}

/* Everything around the canvas that depends on the map. */
static void
sync_with_document (AmWindow *self,
                    gboolean  first_map)
{
  AmMapDocument *document = self->document;

  /* Without a map there is nothing to list or to colour. */
  gtk_widget_set_visible (GTK_WIDGET (self->map_toolbar), document != NULL);
  if (document == NULL)
    adw_flap_set_reveal_flap (self->sidebar_flap, FALSE);
  else if (first_map && !adw_flap_get_folded (self->sidebar_flap))
    adw_flap_set_reveal_flap (self->sidebar_flap, TRUE);

  update_title (self);
  _am_window_rebuild_view_choices (self);
  _am_window_update_actions (self);
  _am_window_set_show_details (self, document != NULL &&
                          am_map_document_get_selected_node (document) != AM_NO_INDEX);
}

/* Settings */

/* Running from the build folder, the schema may not be installed: the
 * window then simply keeps nothing. */
static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

static void
restore_window_state (AmWindow *self)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               MAX (g_settings_get_int (self->settings, "window-width"), 360),
                               MAX (g_settings_get_int (self->settings, "window-height"), 294));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  adw_flap_set_reveal_flap (self->sidebar_flap,
                            g_settings_get_boolean (self->settings, "sidebar-visible"));
  g_settings_bind (self->settings, "legend-visible", self->graph_view, "legend-expanded",
                   G_SETTINGS_BIND_DEFAULT);
}

static char *
document_uri (AmMapDocument *document)
{
  GFile *file = am_map_document_get_file (document);

  /* The bundled map is the empty string. */
  return file != NULL ? g_file_get_uri (file) : g_strdup ("");
}

static void
save_window_state (AmWindow *self)
{
  g_autoptr(GStrvBuilder) hidden = NULL;
  g_auto(GStrv) hidden_names = NULL;
  g_autofree char *uri = NULL;
  AmGraph *graph;
  guint lens;
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_boolean (self->settings, "sidebar-visible",
                          adw_flap_get_reveal_flap (self->sidebar_flap));

  if (self->document != NULL)
    {
      graph = am_map_document_get_graph (self->document);
      uri = document_uri (self->document);
      lens = am_map_document_get_lens_issue (self->document);
      hidden = g_strv_builder_new ();
      for (guint kind = 0; kind < AM_N_EDGE_KINDS; kind++)
        if (am_map_document_get_hidden_edge_kinds (self->document) & (1u << kind))
          g_strv_builder_add (hidden, am_edge_kind_to_string (kind));
      hidden_names = g_strv_builder_end (hidden);

      g_settings_set_string (self->settings, "last-map", uri);
      g_settings_set_string (self->settings, "lens-issue",
                             lens != AM_NO_INDEX && am_graph_get_node (graph, lens)->id != NULL
                             ? am_graph_get_node (graph, lens)->id : "");
      g_settings_set_strv (self->settings, "hidden-edge-kinds",
                           (const char * const *) hidden_names);
      g_settings_set_boolean (self->settings, "show-issues",
                              am_map_document_get_show_issues (self->document));
    }
  g_settings_apply (self->settings);
}

/* The lens and filters come back with the map they were set on. */
void
_am_window_restore_view_state (AmWindow      *self,
                               AmMapDocument *document)
{
  g_autofree char *uri = NULL;
  g_autofree char *last = NULL;
  g_autofree char *lens_id = NULL;
  g_auto(GStrv) hidden_names = NULL;
  AmGraph *graph = am_map_document_get_graph (document);
  guint hidden = 0;

  if (self->settings == NULL)
    return;

  uri = document_uri (document);
  last = g_settings_get_string (self->settings, "last-map");
  if (g_strcmp0 (uri, last) != 0)
    return;

  hidden_names = g_settings_get_strv (self->settings, "hidden-edge-kinds");
  for (guint i = 0; hidden_names[i] != NULL; i++)
    for (guint kind = 0; kind < AM_N_EDGE_KINDS; kind++)
      if (g_strcmp0 (hidden_names[i], am_edge_kind_to_string (kind)) == 0)
        hidden |= 1u << kind;

  am_map_document_set_hidden_edge_kinds (document, hidden);
  am_map_document_set_show_issues (document, g_settings_get_boolean (self->settings, "show-issues"));

  lens_id = g_settings_get_string (self->settings, "lens-issue");
  if (*lens_id != '\0')
    {
      guint issue = am_graph_find_node_by_id (graph, lens_id);

      if (issue != AM_NO_INDEX && am_graph_get_node (graph, issue)->kind == AM_NODE_KIND_ISSUE)
        am_map_document_set_lens_issue (document, issue);
    }
}

static gboolean
am_window_close_request (GtkWindow *window)
{
  AmWindow *self = AM_WINDOW (window);

  /* Unsaved changes: the window stays until the user has answered. */
  if (!self->close_confirmed && !_am_window_confirm_unsaved (self, AM_WINDOW_THEN_CLOSE, NULL))
    return TRUE;

  save_window_state (self);

  return GTK_WINDOW_CLASS (am_window_parent_class)->close_request (window);
}

void
_am_window_set_document (AmWindow      *self,
                         AmMapDocument *document)
{
  gboolean first_map = self->document == NULL;

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  g_set_object (&self->document, document);

  am_graph_view_set_document (self->graph_view, document);
  am_actor_list_set_document (self->actor_list, document);
  am_details_panel_set_document (self->details_panel, document);
  sync_positions_view (self);

  if (document != NULL)
    {
      g_signal_connect_object (document, "notify::selected-node",
                               G_CALLBACK (on_selected_node_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::lens-issue",
                               G_CALLBACK (on_lens_issue_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::show-issues",
                               G_CALLBACK (on_show_issues_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::hidden-edge-kinds",
                               G_CALLBACK (on_hidden_edge_kinds_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::modified",
                               G_CALLBACK (on_title_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::file",
                               G_CALLBACK (on_title_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_stack_set_visible_child_name (self->canvas_stack, "map");
    }
  _am_window_saving_set_document (self);

  sync_with_document (self, first_map);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ISSUES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LENS]);
}

void
_am_window_set_loading (AmWindow *self,
                        gboolean  loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

GFile *
_am_window_get_current_folder (AmWindow *self)
{
  GFile *file = self->document != NULL ? am_map_document_get_file (self->document) : NULL;

  return file != NULL ? g_file_get_parent (file) : NULL;
}

void
_am_window_show_file_dialog (AmWindow             *self,
                             GtkFileChooserNative *dialog,
                             GCallback             response_cb)
{
  if (self->file_dialog != NULL)
    gtk_native_dialog_destroy (self->file_dialog);
  g_clear_object (&self->file_dialog);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect_object (dialog, "response", response_cb, self, G_CONNECT_SWAPPED);
  self->file_dialog = GTK_NATIVE_DIALOG (dialog);
  gtk_native_dialog_show (self->file_dialog);
}

/* Menus */

/* A menu's popover holds a widget per item, and rebuilds them whenever
 * the map changes the menu: made when the menu first opens, it costs the
 * start-up nothing. */
static void
create_menu_popover_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  GMenuModel *menu = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, menu);
}

/* The main menu lists the recent maps, read when it first opens. */
static void
create_primary_menu_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  AmWindow *self = user_data;

  _am_window_watch_recent (self);
  create_menu_popover_cb (button, self->primary_menu);
}

static void
set_up_menus (AmWindow *self)
{
  gtk_menu_button_set_create_popup_func (self->primary_menu_button, create_primary_menu_cb,
                                         self, NULL);
  gtk_menu_button_set_create_popup_func (self->filters_button, create_menu_popover_cb,
                                         self->filters_menu, NULL);
}

/* Signal handlers */

gboolean
_am_window_showing_positions (AmWindow *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "positions") == 0;
}

/* The map's own controls and export follow the view that shows. */
static void
on_view_changed_cb (AmWindow     *self,
                    GParamSpec   *pspec,
                    AdwViewStack *stack)
{
  sync_positions_view (self);
  _am_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

/* A cell names an actor and an issue: the actor is chosen already, and
 * the details panel shows what they said. */
static void
on_positions_cell_activated_cb (AmWindow        *self,
                                guint            actor,
                                guint            issue,
                                AmPositionsView *view)
{
  _am_window_set_show_details (self, TRUE);
}

static void
on_list_node_activated_cb (AmWindow    *self,
                           guint        node,
                           AmActorList *list)
{
  am_graph_view_reveal_node (self->graph_view, node);
}

static void
on_panel_node_activated_cb (AmWindow       *self,
                            guint           node,
                            AmDetailsPanel *panel)
{
  am_map_document_set_selected_node (self->document, node);
  am_graph_view_reveal_node (self->graph_view, node);
}

static void
on_view_node_activated_cb (AmWindow    *self,
                           guint        node,
                           AmGraphView *view)
{
  if (self->document != NULL && node != AM_NO_INDEX)
    {
      am_map_document_set_selected_node (self->document, node);
      _am_window_set_show_details (self, TRUE);
    }
}

static void
on_sidebar_revealed_cb (AmWindow   *self,
                        GParamSpec *pspec,
                        AdwFlap    *flap)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SIDEBAR]);
}

static void
on_details_revealed_cb (AmWindow   *self,
                        GParamSpec *pspec,
                        AdwFlap    *flap)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_DETAILS]);
}

static void
on_search_mode_cb (AmWindow    *self,
                   GParamSpec  *pspec,
                   AmActorList *list)
{
  if (am_actor_list_get_search_mode (list))
    adw_flap_set_reveal_flap (self->sidebar_flap, TRUE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

/* Properties */

static const char *
get_lens (AmWindow *self)
{
  guint lens;
  const AmNode *node;

  if (self->document == NULL)
    return "";

  lens = am_map_document_get_lens_issue (self->document);
  if (lens == AM_NO_INDEX)
    return "";

  node = am_graph_get_node (am_map_document_get_graph (self->document), lens);
  return node->id != NULL ? node->id : "";
}

static void
set_lens (AmWindow   *self,
          const char *id)
{
  AmGraph *graph;
  guint node = AM_NO_INDEX;

  if (self->document == NULL)
    return;

  graph = am_map_document_get_graph (self->document);
  if (id != NULL && *id != '\0')
    node = am_graph_find_node_by_id (graph, id);
  if (node != AM_NO_INDEX && am_graph_get_node (graph, node)->kind != AM_NODE_KIND_ISSUE)
    node = AM_NO_INDEX;

  am_map_document_set_lens_issue (self->document, node);
}

static void
am_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  AmWindow *self = AM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    /* The template's buttons ask for their actions' states before the
     * template children are bound. */
    case PROP_SHOW_SIDEBAR:
      g_value_set_boolean (value, self->sidebar_flap != NULL &&
                                  adw_flap_get_reveal_flap (self->sidebar_flap));
      break;
    case PROP_SHOW_DETAILS:
      g_value_set_boolean (value, self->details_flap != NULL &&
                                  adw_flap_get_reveal_flap (self->details_flap));
      break;
    case PROP_SEARCH:
      g_value_set_boolean (value, self->actor_list != NULL &&
                                  am_actor_list_get_search_mode (self->actor_list));
      break;
    case PROP_SHOW_ISSUES:
      g_value_set_boolean (value, self->document == NULL ||
                                  am_map_document_get_show_issues (self->document));
      break;
    case PROP_LENS:
      g_value_set_string (value, get_lens (self));
      break;
    case PROP_VIEW:
      g_value_set_string (value, self->view_stack != NULL
                                 ? adw_view_stack_get_visible_child_name (self->view_stack)
                                 : "map");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
am_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  AmWindow *self = AM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_SIDEBAR:
      adw_flap_set_reveal_flap (self->sidebar_flap, g_value_get_boolean (value));
      break;
    case PROP_SHOW_DETAILS:
      _am_window_set_show_details (self, g_value_get_boolean (value));
      break;
    case PROP_SEARCH:
      if (g_value_get_boolean (value))
        _am_window_find (self);
      else
        am_actor_list_set_search_mode (self->actor_list, FALSE);
      break;
    case PROP_SHOW_ISSUES:
      if (self->document != NULL)
        am_map_document_set_show_issues (self->document, g_value_get_boolean (value));
      break;
    case PROP_LENS:
      set_lens (self, g_value_get_string (value));
      break;
    case PROP_VIEW:
      if (g_strcmp0 (g_value_get_string (value), "positions") == 0)
        adw_view_stack_set_visible_child_name (self->view_stack, "positions");
      else
        adw_view_stack_set_visible_child_name (self->view_stack, "map");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The actor list folds away first, so that at 800 pixels the map and the
 * details share the window; the details float over the map only when
 * even they do not fit. Decided by the window's width alone, not by what
 * is shown, so that selecting an actor never makes the list vanish. */
static void
update_folding (AmWindow *self,
                int       width)
{
  gboolean fold_sidebar = width < SIDEBAR_WIDTH + DETAILS_WIDTH + FULL_MAP_WIDTH;
  gboolean fold_details = width < DETAILS_WIDTH + MIN_MAP_WIDTH;

  /* Automatic, not never, when wide enough: the flaps then ask for no
   * more than their widest child, and the window can still be narrowed. */
  adw_flap_set_fold_policy (self->sidebar_flap, fold_sidebar ? ADW_FLAP_FOLD_POLICY_ALWAYS
                                                             : ADW_FLAP_FOLD_POLICY_AUTO);
  adw_flap_set_fold_policy (self->details_flap, fold_details ? ADW_FLAP_FOLD_POLICY_ALWAYS
                                                             : ADW_FLAP_FOLD_POLICY_AUTO);
}

static void
am_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  AmWindow *self = AM_WINDOW (widget);

  update_folding (self, width);

  GTK_WIDGET_CLASS (am_window_parent_class)->size_allocate (widget, width, height, baseline);
}

static void
am_window_dispose (GObject *object)
{
  AmWindow *self = AM_WINDOW (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  _am_window_loading_dispose (self);
  _am_window_saving_dispose (self);

  if (self->file_dialog != NULL)
    gtk_native_dialog_destroy (self->file_dialog);
  g_clear_object (&self->file_dialog);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (am_window_parent_class)->dispose (object);
}

static void
am_window_finalize (GObject *object)
{
  AmWindow *self = AM_WINDOW (object);

  g_clear_pointer (&self->lens_issues, g_array_unref);
  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (am_window_parent_class)->finalize (object);
}

/* Given here rather than in the template, where GTK would look for the
 * pointer over each button while the window is made. */
static const struct
{
  const char *child;
  const char *text;
} tooltips[] = {
  { "sidebar_button", N_("Show Actor List (F9)") },
  { "open_button", N_("Open a Map (Ctrl+O)") },
  { "primary_menu_button", N_("Main Menu") },
  { "export_button", N_("Export as SVG, PNG or PDF (Ctrl+E)") },
  { "search_button", N_("Search Actors (Ctrl+F)") },
  { "lens_dropdown", N_("Colour actors by their affiliation or by their stance on an issue") },
  { "filters_button", N_("Show or hide issues and kinds of interaction") },
  { "details_button", N_("Show Details") },
  { "loading_cancel_button", N_("Stop Loading (Escape)") },
  { "load_bar_cancel_button", N_("Stop Loading (Escape)") },
  { "zoom_out_button", N_("Zoom Out (Ctrl+−)") },
  { "zoom_fit_button", N_("Show the Whole Map (Ctrl+0)") },
  { "zoom_in_button", N_("Zoom In (Ctrl++)") },
};

/* The bar that takes the view switcher to the bottom when the header
 * bar is too narrow for it, and the switcher's title shows instead:
 * made the first time it does, as most windows are never that narrow. */
static void
on_title_visible_cb (AmWindow *self)
{
  GtkWidget *bar;

  if (!adw_view_switcher_title_get_title_visible (self->window_title))
    return;

  g_signal_handlers_disconnect_by_func (self->window_title, on_title_visible_cb, self);
  bar = adw_view_switcher_bar_new ();
  adw_view_switcher_bar_set_stack (ADW_VIEW_SWITCHER_BAR (bar), self->view_stack);
  g_object_bind_property (self->window_title, "title-visible", bar, "reveal", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (gtk_widget_get_template_child (GTK_WIDGET (self), AM_TYPE_WINDOW,
                                                          "content_box")),
                  bar);
}

static void
set_up_tooltips (AmWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (tooltips); i++)
    am_lazy_tooltip_set (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), AM_TYPE_WINDOW,
                                                                    tooltips[i].child)),
                         _(tooltips[i].text));
}

static void
am_window_class_init (AmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = am_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = am_window_close_request;
  object_class->finalize = am_window_finalize;
  object_class->get_property = am_window_get_property;
  object_class->set_property = am_window_set_property;

  widget_class->size_allocate = am_window_size_allocate;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, AM_TYPE_MAP_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_SIDEBAR] =
    g_param_spec_boolean ("show-sidebar", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_DETAILS] =
    g_param_spec_boolean ("show-details", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SEARCH] =
    g_param_spec_boolean ("search", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_ISSUES] =
    g_param_spec_boolean ("show-issues", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LENS] =
    g_param_spec_string ("lens", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* "map" or "positions": which of the two views of the map shows. */
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "map",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  am_app_resources_register ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/actormap/ActorMap/am-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, sidebar_flap);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, details_flap);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, canvas_stack);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, load_bar);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, load_bar_progress);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, map_toolbar);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, lens_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, actor_list);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, details_panel);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, graph_view);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, positions_view);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, filters_button);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, filters_menu);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, edge_kinds_section);
  /* Found by name only: for their tooltips, the view switcher bar and
   * the status pages. */
  for (guint i = 0; i < G_N_ELEMENTS (tooltips); i++)
    gtk_widget_class_bind_template_child_full (widget_class, tooltips[i].child, FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "content_box", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "empty_bin", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "error_bin", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_list_node_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_panel_node_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_node_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_revealed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_details_revealed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_positions_cell_activated_cb);

  /* Also without an application to hold accelerators, as in the tests;
   * the application sets the same ones so that menus show them. */
  _am_window_class_loading_init (widget_class);
  _am_window_class_export_init (widget_class);
  _am_window_class_actions_init (widget_class);
  _am_window_class_saving_init (widget_class);
}

/* GTK 4.8 names a button with a text label by its accessible label and
 * then by the label inside it, so a screen reader hears "_Cancel
 * Cancel", mnemonic and all. Named by one of them only, our buttons
 * read as they look, or as their own accessible label says. */
static void
name_text_buttons (GtkWidget *root)
{
  GtkWidget *label;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_text_buttons (child);

  if (!GTK_IS_BUTTON (root))
    return;
  label = gtk_button_get_child (GTK_BUTTON (root));
  if (!GTK_IS_LABEL (label))
    return;

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  /* The Cancel buttons say what they cancel in their own label. */
  if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), "win.cancel-load") != 0)
    gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_label_get_text (GTK_LABEL (label)), -1);
}

/* The pages for no map and for a map that would not open, made when
 * first shown: most starts show neither. */
static AdwStatusPage *
ensure_status_page (AmWindow   *self,
                    const char *name)
{
  gboolean error = g_str_equal (name, "error");
  AdwBin *bin = ADW_BIN (gtk_widget_get_template_child (GTK_WIDGET (self), AM_TYPE_WINDOW,
                                                        error ? "error_bin" : "empty_bin"));
  GtkWidget *page, *box, *button;

  if (adw_bin_get_child (bin) != NULL)
    return ADW_STATUS_PAGE (adw_bin_get_child (bin));

  page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page),
                                 error ? "dialog-error-symbolic" : "document-open-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page),
                             error ? _("Could Not Open the Map") : _("No Map Open"));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  button = gtk_button_new_with_mnemonic (_("_Open a Map…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open");
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_box_append (GTK_BOX (box), button);
  button = gtk_button_new_with_mnemonic (_("Open the _Bundled Map"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-bundled");
  gtk_widget_add_css_class (button, "pill");
  gtk_box_append (GTK_BOX (box), button);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), box);

  name_text_buttons (page);
  adw_bin_set_child (bin, page);

  return ADW_STATUS_PAGE (page);
}

static void
on_canvas_page_cb (AmWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->canvas_stack);

  if (g_strcmp0 (name, "empty") == 0 || g_strcmp0 (name, "error") == 0)
    ensure_status_page (self, name);
}

static void
am_window_init (AmWindow *self)
{
  g_type_ensure (AM_TYPE_ACTOR_LIST);
  g_type_ensure (AM_TYPE_DETAILS_PANEL);
  g_type_ensure (AM_TYPE_GRAPH_VIEW);
  g_type_ensure (AM_TYPE_POSITIONS_VIEW);

  self->lens_issues = g_array_new (FALSE, FALSE, sizeof (guint));

  gtk_widget_init_template (GTK_WIDGET (self));
  set_up_tooltips (self);
  g_signal_connect_swapped (self->window_title, "notify::title-visible",
                            G_CALLBACK (on_title_visible_cb), self);
  name_text_buttons (GTK_WIDGET (self->canvas_stack));
  g_signal_connect_swapped (self->canvas_stack, "notify::visible-child-name",
                            G_CALLBACK (on_canvas_page_cb), self);
  set_up_menus (self);

  _am_window_actions_init (self);
  _am_window_loading_init (self);

  self->settings = settings_new_if_installed ();
  restore_window_state (self);

  sync_with_document (self, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);
  gtk_stack_set_visible_child_name (self->canvas_stack, "loading");
}

AmWindow *
am_window_new (GtkApplication *application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (AM_TYPE_WINDOW,
                       "application", application,
                       NULL);
}


gboolean
am_window_get_loading (AmWindow *self)
{
  g_return_val_if_fail (AM_IS_WINDOW (self), FALSE);
  return self->loading;
}

AmMapDocument *
am_window_get_document (AmWindow *self)
{
  g_return_val_if_fail (AM_IS_WINDOW (self), NULL);
  return self->document;
}

const char *
am_window_get_last_error (AmWindow *self)
{
  g_return_val_if_fail (AM_IS_WINDOW (self), NULL);
  return self->last_error;
}

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
#include <math.h>

#include "am-actor-list.h"
#include "am-app-resources.h"
#include "am-details-panel.h"
#include "am-export.h"
#include "am-graph-view.h"
#include "am-vocabulary.h"
#include "am-window.h"

/* Recent maps listed in the primary menu. */
#define MAX_RECENT_MAPS 5

/* Widths of the panes, and the least room the map keeps beside them;
 * below that, a pane floats over the map instead. */
#define SIDEBAR_WIDTH    260
#define DETAILS_WIDTH    340
#define MIN_MAP_WIDTH    360
#define FULL_MAP_WIDTH   400

/* More issues than this, and the lens dropdown gets a search entry. */
#define MAX_UNSEARCHED_LENS_CHOICES 12

/* Room around the whole map in an export, as the command line leaves. */
#define EXPORT_MARGIN 24.0

struct _AmWindow
{
  AdwApplicationWindow  parent_instance;

  AmMapDocument        *document;
  GCancellable         *load_cancellable;
  GtkNativeDialog      *file_dialog;
  GArray               *lens_issues;    /* node index per lens_dropdown item */
  char                 *last_error;
  guint                 present_edge_kinds;
  gboolean              loading;
  GSettings            *settings;       /* NULL when the schema is not installed */
  gboolean              syncing_lens;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *open_button;
  GtkButton            *export_button;
  AdwFlap              *sidebar_flap;
  AdwFlap              *details_flap;
  GtkStack             *canvas_stack;
  AdwStatusPage        *error_page;
  GtkProgressBar       *loading_progress;
  GtkWidget            *load_bar;
  GtkProgressBar       *load_bar_progress;
  GtkWidget            *map_toolbar;
  GtkDropDown          *lens_dropdown;
  AmActorList          *actor_list;
  AmDetailsPanel       *details_panel;
  AmGraphView          *graph_view;
  GMenu                *recent_section;
  GMenu                *edge_kinds_section;
};

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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
edge_kind_action_name (AmEdgeKind kind)
{
  return g_strconcat ("show-edges-", am_edge_kind_to_string (kind), NULL);
}

/* Menu labels take underscores for mnemonics; a file name's are not. */
static char *
escape_underscores (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

/* Errors and toasts */

/* Toast titles are markup; file names and parser messages are not. */
static void
show_toast (AmWindow   *self,
            const char *title,
            guint       timeout)
{
  g_autofree char *markup = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The reader names the file by its path; the user has just picked the
 * file, and a toast is short, so the message names it by its base name. */
static char *
shorten_error (const char *message,
               GFile      *file)
{
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autofree char *name = NULL;

  if (path == NULL || !g_str_has_prefix (message, path))
    return g_strdup (message);

  name = g_filename_display_basename (path);
  return g_strconcat (name, message + strlen (path), NULL);
}

static void
remember_error (AmWindow   *self,
                const char *message)
{
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_debug ("%s", message);
}

static void
show_error (AmWindow   *self,
            const char *message)
{
  remember_error (self, message);
  show_toast (self, message, 10);
}

/* With no map to keep, the message takes the map's place. */
static void
show_error_page (AmWindow   *self,
                 const char *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);

  remember_error (self, message);
  adw_status_page_set_description (self->error_page, markup);
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
update_title (AmWindow *self)
{
  AmGraph *graph;
  GFile *file;
  const char *graph_title = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (self->document == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Actor Map"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Actor Map"));
      return;
    }

  graph = am_map_document_get_graph (self->document);
  file = am_map_document_get_file (self->document);

  graph_title = am_graph_get_value (graph, graph->profile.graph_title, 0);
  if (graph_title != NULL && *graph_title == '\0')
    graph_title = NULL;

  if (file == NULL)
    {
      title = g_strdup (graph_title != NULL ? graph_title : _("Bundled Map"));
      subtitle = g_strdup (_("Bundled map"));
    }
  else if (graph_title != NULL)
    {
      title = g_strdup (graph_title);
      subtitle = file_display_name (file);
    }
  else
    {
      title = file_display_name (file);
      subtitle = folder_display_name (file);
    }

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* Lens and filters */

static void
sync_lens_dropdown (AmWindow *self)
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

  sync_lens_dropdown (self);
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
  gtk_widget_set_tooltip_text (label, ellipsize != NULL ? text : NULL);
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

static void
sync_edge_kind_actions (AmWindow *self)
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

  sync_edge_kind_actions (self);
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

/* Recent maps */

static gint
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;

  return g_date_time_compare (gtk_recent_info_get_modified (info_b),
                              gtk_recent_info_get_modified (info_a));
}

static void
rebuild_recent_section (AmWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  g_autoptr(GPtrArray) ours = g_ptr_array_new ();
  const char *application = g_get_application_name ();

  for (const GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (application != NULL && gtk_recent_info_has_application (info, application) &&
          gtk_recent_info_exists (info))
        g_ptr_array_add (ours, info);
    }

  g_ptr_array_sort (ours, compare_recent);

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; i < ours->len && i < MAX_RECENT_MAPS; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (ours, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      label = escape_underscores (gtk_recent_info_get_display_name (info));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s",
                                         gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_section, item);
    }

  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
add_to_recent (AmWindow *self,
               GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *content_type = g_content_type_guess (basename, NULL, 0, NULL);
  g_autofree char *mime_type = content_type != NULL ? g_content_type_get_mime_type (content_type) : NULL;
  g_autofree char *exec = g_strconcat (g_get_prgname () != NULL ? g_get_prgname () : "actor-map",
                                       " %u", NULL);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = mime_type != NULL && strcmp (mime_type, "application/octet-stream") != 0
                 ? mime_type : (char *) "application/xml",
    .app_name = (char *) g_get_application_name (),
    .app_exec = exec,
    .groups = NULL,
    .is_private = FALSE,
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* Documents */

static void
set_show_details (AmWindow *self,
                  gboolean  show)
{
  adw_flap_set_reveal_flap (self->details_flap, show);
}

static void
on_selected_node_cb (AmWindow      *self,
                     GParamSpec    *pspec,
                     AmMapDocument *document)
{
  set_show_details (self, am_map_document_get_selected_node (document) != AM_NO_INDEX);
}

static void
on_lens_issue_cb (AmWindow      *self,
                  GParamSpec    *pspec,
                  AmMapDocument *document)
{
  sync_lens_dropdown (self);
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
on_hidden_edge_kinds_cb (AmWindow      *self,
                         GParamSpec    *pspec,
                         AmMapDocument *document)
{
  sync_edge_kind_actions (self);
}

static void
update_actions (AmWindow *self)
{
  gboolean has_map = self->document != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-fit", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-issues", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lens", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-sidebar", has_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-details", has_map);
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
  rebuild_lens_choices (self);
  rebuild_edge_kind_choices (self);
  update_actions (self);
  set_show_details (self, document != NULL &&
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
static void
restore_view_state (AmWindow      *self,
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
  save_window_state (AM_WINDOW (window));

  return GTK_WINDOW_CLASS (am_window_parent_class)->close_request (window);
}

static void
set_document (AmWindow      *self,
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
      gtk_stack_set_visible_child_name (self->canvas_stack, "map");
    }

  sync_with_document (self, first_map);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ISSUES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LENS]);
}

static void
set_loading (AmWindow *self,
             gboolean  loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

typedef struct
{
  AmWindow     *window;
  GFile        *file;
  GCancellable *cancellable;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->file);
  g_clear_object (&data->cancellable);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

/* Shown on the loading page and, when a map is already open, on the bar
 * over it; the text says which stage, the bar how far within it. */
static void
show_progress (AmWindow   *self,
               double      fraction,
               const char *text)
{
  gtk_progress_bar_set_text (self->loading_progress, text);
  gtk_progress_bar_set_fraction (self->loading_progress, fraction);
  gtk_progress_bar_set_text (self->load_bar_progress, text);
  gtk_progress_bar_set_fraction (self->load_bar_progress, fraction);
}

static char *
progress_text (const AmMapLoadProgress *progress)
{
  g_autofree char *read = NULL;
  g_autofree char *total = NULL;

  if (progress->stage == AM_MAP_LOAD_STAGE_LAYING_OUT)
    return g_strdup (_("Laying out…"));

  if (progress->bytes_total == 0)
    return g_strdup (_("Reading…"));

  read = g_format_size (progress->bytes_read);
  total = g_format_size (progress->bytes_total);
  /* Translators: reading a file; "12.3 MB of 271.8 MB" */
  return g_strdup_printf (_("Reading… %s of %s"), read, total);
}

static void
on_load_progress_cb (const AmMapLoadProgress *progress,
                     gpointer                 user_data)
{
  LoadData *data = user_data;
  AmWindow *self = data->window;
  g_autofree char *text = NULL;

  /* A load given up on still reports until its thread notices. */
  if (data->cancellable != self->load_cancellable)
    return;

  text = progress_text (progress);
  show_progress (self, progress->fraction, text);
}

/* The thread stops at its next check of the cancellable; its result, if
 * any, is dropped in on_loaded_cb. */
static void
cancel_load (AmWindow *self)
{
  if (!self->loading)
    return;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  set_loading (self, FALSE);

  if (self->document == NULL)
    gtk_stack_set_visible_child_name (self->canvas_stack, "empty");
  else /* the bar's Cancel button, which may have had the focus, has gone */
    gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  AmWindow *self = data->window;
  g_autoptr(AmMapDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = am_map_document_load_finish (result, &error);

  /* Another map was asked for meanwhile, or the window went away. */
  if (g_cancellable_is_cancelled (data->cancellable))
    return;

  set_loading (self, FALSE);
  g_clear_object (&self->load_cancellable);

  if (document == NULL)
    {
      g_autofree char *message = shorten_error (error->message, data->file);

      if (self->document == NULL)
        show_error_page (self, message);
      else
        show_error (self, message);
      return;
    }

  restore_view_state (self, document);
  set_document (self, document);
  if (data->file != NULL)
    add_to_recent (self, data->file);

  gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
}

/* Actions */

static void
open_response_cb (AmWindow             *self,
                  int                   response,
                  GtkFileChooserNative *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        am_window_open (self, file);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (dialog));
  g_clear_object (&self->file_dialog);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *extension)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strconcat ("*.", extension, NULL);

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  g_object_set_data_full (G_OBJECT (filter), "am-extension", g_strdup (extension), g_free);
  gtk_file_chooser_add_filter (chooser, filter);
}

static GFile *
current_folder (AmWindow *self)
{
  GFile *file = self->document != NULL ? am_map_document_get_file (self->document) : NULL;

  return file != NULL ? g_file_get_parent (file) : NULL;
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AmWindow *self = AM_WINDOW (widget);
  g_autoptr(GtkFileFilter) graphml = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GFile) folder = current_folder (self);
  GtkFileChooserNative *dialog;

  if (self->file_dialog != NULL)
    gtk_native_dialog_destroy (self->file_dialog);
  g_clear_object (&self->file_dialog);

  dialog = gtk_file_chooser_native_new (_("Open a Map"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));

  gtk_file_filter_set_name (graphml, _("GraphML files"));
  gtk_file_filter_add_pattern (graphml, "*.graphml");
  gtk_file_filter_add_pattern (graphml, "*.GRAPHML");
  gtk_file_filter_add_pattern (graphml, "*.xml");
  gtk_file_filter_add_pattern (graphml, "*.XML");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), graphml);

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);

  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (open_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->file_dialog = GTK_NATIVE_DIALOG (dialog);
  gtk_native_dialog_show (self->file_dialog);
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cancel_load (AM_WINDOW (widget));
}

static void
open_bundled_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  am_window_open (AM_WINDOW (widget), NULL);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  am_window_open (AM_WINDOW (widget), file);
}

/* Export */

static gboolean
build_export_options (AmWindow        *self,
                      gboolean         whole_map,
                      AmRenderOptions *options)
{
  AmGraph *graph = am_map_document_get_graph (self->document);
  guint lens = am_map_document_get_lens_issue (self->document);
  guint hidden = am_map_document_get_hidden_edge_kinds (self->document);
  gboolean show_issues = am_map_document_get_show_issues (self->document);
  double x, y, width, height, legend_width, legend_height;

  if (!whole_map)
    {
      am_graph_view_get_render_options (self->graph_view, options);
      /* The view's index may change under a worker thread; the exporter
       * does without. */
      options->index = NULL;
      return TRUE;
    }

  /* Without lens or filters, the whole map is what the command line
   * writes; otherwise the same size, drawn with them. */
  if (lens == AM_NO_INDEX && hidden == 0 && show_issues)
    return FALSE;

  am_render_options_init (options);
  options->draw_legend = TRUE;
  options->lens_issue = lens;
  options->hidden_edge_kinds = hidden;
  options->show_issues = show_issues;

  am_render_get_bounds (graph, &x, &y, &width, &height);
  am_render_get_legend_size (graph, options, &legend_width, &legend_height);
  if (legend_width > 0)
    width += legend_width + AM_RENDER_LEGEND_MARGIN;
  width += 2 * EXPORT_MARGIN;
  height = MAX (height + 2 * EXPORT_MARGIN, legend_height + 2 * AM_RENDER_LEGEND_MARGIN);

  am_render_options_fit (options, graph, ceil (width), ceil (height));
  return TRUE;
}

typedef struct
{
  AmMapDocument   *document;
  AmRenderOptions  options;
  gboolean         has_options;
  char            *path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->document);
  g_free (job->path);
  g_free (job);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (am_export_to_file (am_map_document_get_graph (job->document),
                         job->has_options ? &job->options : NULL, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
report_export (AmWindow     *self,
               const char   *path,
               const GError *error)
{
  if (error == NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *title = g_strdup_printf (_("Exported to %s"), name);

      show_toast (self, title, 5);
    }
  else
    {
      /* The exporter's message names the file already. */
      show_error (self, error->message);
    }
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AmWindow *self = AM_WINDOW (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  report_export (self, job->path, error);
}

static void
start_export (AmWindow   *self,
              const char *path,
              gboolean    whole_map)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_exported_cb, NULL);
  ExportJob *job = g_new0 (ExportJob, 1);

  job->document = g_object_ref (self->document);
  job->path = g_strdup (path);
  job->has_options = build_export_options (self, whole_map, &job->options);

  g_task_set_source_tag (task, start_export);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_in_thread);
}

static void
export_response_cb (AmWindow             *self,
                    int                   response,
                    GtkFileChooserNative *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT && self->document != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
      const char *scope = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "scope");
      AmExportFormat format;

      if (path == NULL)
        {
          show_error (self, _("Could not export: only local files can be written"));
        }
      else
        {
          /* A name without a known extension gets that of the filter. */
          if (!am_export_format_from_path (path, &format))
            {
              const char *extension = filter != NULL
                ? g_object_get_data (G_OBJECT (filter), "am-extension") : NULL;
              char *with_extension = g_strconcat (path, ".", extension != NULL ? extension : "svg",
                                                  NULL);

              g_free (path);
              path = with_extension;
            }

          start_export (self, path, g_strcmp0 (scope, "whole") == 0);
        }
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (dialog));
  g_clear_object (&self->file_dialog);
}

static char *
suggested_export_name (AmWindow *self)
{
  GFile *file = am_map_document_get_file (self->document);
  g_autofree char *basename = file != NULL ? g_file_get_basename (file) : g_strdup ("peace-talks");
  char *dot = strrchr (basename, '.');

  if (dot != NULL && dot != basename)
    *dot = '\0';

  return g_strconcat (basename, ".svg", NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AmWindow *self = AM_WINDOW (widget);
  const char *scope_ids[] = { "view", "whole", NULL };
  const char *scope_labels[] = { _("Current view"), _("Whole map"), NULL };
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = current_folder (self);
  GtkFileChooserNative *dialog;
  GtkFileChooser *chooser;

  if (self->document == NULL)
    return;

  if (self->file_dialog != NULL)
    gtk_native_dialog_destroy (self->file_dialog);
  g_clear_object (&self->file_dialog);

  dialog = gtk_file_chooser_native_new (_("Export the Map"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (dialog);

  add_filter (chooser, _("SVG image"), "image/svg+xml", "svg");
  add_filter (chooser, _("PNG image"), "image/png", "png");
  add_filter (chooser, _("PDF document"), "application/pdf", "pdf");

  gtk_file_chooser_add_choice (chooser, "scope", _("Export"), scope_ids, scope_labels);
  gtk_file_chooser_set_choice (chooser, "scope", "view");

  if (folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
  name = suggested_export_name (self);
  gtk_file_chooser_set_current_name (chooser, name);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->file_dialog = GTK_NATIVE_DIALOG (dialog);
  gtk_native_dialog_show (self->file_dialog);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AmWindow *self = AM_WINDOW (widget);

  adw_flap_set_reveal_flap (self->sidebar_flap, TRUE);
  am_actor_list_focus_search (self->actor_list);
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

/* Signal handlers */

static void
on_list_node_activated_cb (AmWindow    *self,
                           guint        node,
                           AmActorList *list)
{
  am_graph_view_center_on_node (self->graph_view, node);
}

static void
on_panel_node_activated_cb (AmWindow       *self,
                            guint           node,
                            AmDetailsPanel *panel)
{
  am_map_document_set_selected_node (self->document, node);
  am_graph_view_center_on_node (self->graph_view, node);
}

static void
on_view_node_activated_cb (AmWindow    *self,
                           guint        node,
                           AmGraphView *view)
{
  if (self->document != NULL && node != AM_NO_INDEX)
    {
      am_map_document_set_selected_node (self->document, node);
      set_show_details (self, TRUE);
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

static gboolean
on_drop_cb (AmWindow      *self,
            const GValue  *value,
            double         x,
            double         y,
            GtkDropTarget *target)
{
  GdkFileList *list;
  g_autoptr(GSList) files = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = g_value_get_boxed (value);
  files = gdk_file_list_get_files (list);
  if (files == NULL)
    return FALSE;

  am_window_open (self, files->data);
  return TRUE;
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
      set_show_details (self, g_value_get_boolean (value));
      break;
    case PROP_SEARCH:
      if (g_value_get_boolean (value))
        find_action (GTK_WIDGET (self), "win.find", NULL);
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-bundled", NULL, open_bundled_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
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

  /* Also without an application to hold accelerators, as in the tests;
   * the application sets the same ones so that menus show them. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-sidebar", NULL);
  /* Enabled only while loading; otherwise Escape goes on as before. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-load", NULL);

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
  gtk_widget_class_bind_template_child (widget_class, AmWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, load_bar);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, load_bar_progress);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, map_toolbar);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, lens_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, actor_list);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, details_panel);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, graph_view);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, edge_kinds_section);
  gtk_widget_class_bind_template_callback (widget_class, on_lens_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_node_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_panel_node_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_node_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_revealed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_details_revealed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_cb);
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

static void
am_window_init (AmWindow *self)
{
  g_autoptr(GtkExpression) expression = NULL;
  GtkDropTarget *drop_target;
  GtkListItemFactory *factory;

  g_type_ensure (AM_TYPE_ACTOR_LIST);
  g_type_ensure (AM_TYPE_DETAILS_PANEL);
  g_type_ensure (AM_TYPE_GRAPH_VIEW);

  self->lens_issues = g_array_new (FALSE, FALSE, sizeof (guint));

  gtk_widget_init_template (GTK_WIDGET (self));
  name_text_buttons (GTK_WIDGET (self->canvas_stack));

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->lens_dropdown, expression);
  factory = lens_label_factory (TRUE);
  gtk_drop_down_set_factory (self->lens_dropdown, factory);
  g_object_unref (factory);
  factory = lens_label_factory (FALSE);
  gtk_drop_down_set_list_factory (self->lens_dropdown, factory);
  g_object_unref (factory);
  add_edge_kind_actions (self);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (on_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (rebuild_recent_section), self, G_CONNECT_SWAPPED);
  rebuild_recent_section (self);

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

void
am_window_open (AmWindow *self,
                GFile    *file)
{
  LoadData *data;

  g_return_if_fail (AM_IS_WINDOW (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  data = g_new0 (LoadData, 1);
  data->window = g_object_ref (self);
  data->file = file != NULL ? g_object_ref (file) : NULL;
  data->cancellable = g_object_ref (self->load_cancellable);

  show_progress (self, 0.0, _("Reading…"));
  set_loading (self, TRUE);
  if (self->document == NULL)
    gtk_stack_set_visible_child_name (self->canvas_stack, "loading");

  am_map_document_load_with_progress_async (file, self->load_cancellable,
                                            on_load_progress_cb, data,
                                            on_loaded_cb, data);
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

gboolean
am_window_export (AmWindow    *self,
                  const char  *path,
                  gboolean     whole_map,
                  GError     **error)
{
  AmRenderOptions options;
  gboolean has_options;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (AM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->document == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No map is open"));
      return FALSE;
    }

  has_options = build_export_options (self, whole_map, &options);
  ok = am_export_to_file (am_map_document_get_graph (self->document),
                          has_options ? &options : NULL, path, &local_error);
  report_export (self, path, local_error);

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ok;
}

const char *
am_window_get_last_error (AmWindow *self)
{
  g_return_val_if_fail (AM_IS_WINDOW (self), NULL);
  return self->last_error;
}

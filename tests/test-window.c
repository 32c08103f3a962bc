/* test-window.c: the main window, its list, panel and actions (needs a display)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "am-lazy-tooltip.h"
#include "window-test-util.h"

static void
test_bundled_map (void)
{
  AmWindow *window = open_window (NULL, NULL);
  AmMapDocument *document = am_window_get_document (window);
  AdwViewSwitcherTitle *title = template_child (window, "window_title");
  GtkStack *stack = template_child (window, "canvas_stack");
  AmGraphView *view = template_child (window, "graph_view");

  g_assert_nonnull (document);
  g_assert_null (am_map_document_get_file (document));
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, "Peace-plan diplomacy, late November");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   "Peace-plan diplomacy, late November");
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "Bundled map");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "map");
  g_assert_true (am_graph_view_get_document (view) == document);
  g_assert_null (am_window_get_last_error (window));

  close_window (window);
}

static gboolean
label_has_text (GtkWidget     *widget,
                gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  return find_widget (root, label_has_text, text);
}

/* Rows under @root that hold the part named @with but not @without. */
static guint
count_row_parts (GtkWidget  *root,
                 const char *with,
                 const char *without)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_row_parts (child, with, without);

  if (g_object_get_data (G_OBJECT (root), with) != NULL &&
      g_object_get_data (G_OBJECT (root), without) == NULL)
    n++;

  return n;
}

static void
test_actor_list (void)
{
  static const char *actors[] = {
    "Dan Driscoll", "Sergei Lavrov", "Volodymyr Zelensky",
    "Emmanuel Macron", "Kaja Kallas", "Rustem Umerov",
  };
  AmWindow *window = open_window (NULL, NULL);
  AmActorList *list = template_child (window, "actor_list");
  AmGraph *graph = am_map_document_get_graph (am_window_get_document (window));
  guint lavrov = find_node (graph, "Sergei Lavrov");
  guint n_actors = 0, n_headings = 0;
  g_autofree char *text = NULL;
  int width;

  for (guint i = 0; i < G_N_ELEMENTS (actors); i++)
    {
      guint node = find_node (graph, actors[i]);

      g_assert_cmpuint (node, !=, AM_NO_INDEX);
      g_assert_true (list_has_node (list, node));
    }

  /* Every actor once, no issue, under headings. */
  for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
    if (am_graph_get_node (graph, i)->kind != AM_NODE_KIND_ISSUE)
      n_actors++;
  g_assert_cmpuint (count_actor_rows (list), ==, n_actors);
  for (guint i = 0; i < am_actor_list_get_n_rows (list); i++)
    {
      guint node = am_actor_list_get_row_node (list, i);

      if (node == AM_NO_INDEX)
        n_headings++;
      else
        g_assert_cmpint (am_graph_get_node (graph, node)->kind, !=, AM_NODE_KIND_ISSUE);
    }
  g_assert_cmpuint (n_headings, >=, 2);
  g_test_message ("%u actors under %u headings", n_actors, n_headings);

  /* People come first, sorted by label. */
  g_assert_cmpuint (am_actor_list_get_row_node (list, 0), ==, AM_NO_INDEX);
  g_assert_cmpuint (am_actor_list_get_row_node (list, 1), ==, find_node (graph, "Dan Driscoll"));

  /* The rows on screen carry their actor's name, also for screen readers. */
  text = widget_text (GTK_WIDGET (list));
  g_assert_nonnull (strstr (text, "Dan Driscoll"));
  g_assert_nonnull (strstr (text, "US Army Secretary"));
  g_assert_true (has_accessible_label (GTK_WIDGET (list), "Dan Driscoll"));
  g_assert_false (has_accessible_label (GTK_WIDGET (list), "No One Of That Name"));

  /* Heading rows are made without an actor's parts. */
  g_assert_cmpuint (count_row_parts (GTK_WIDGET (list), "heading", "actor"), >=, 1);
  g_assert_cmpuint (count_row_parts (GTK_WIDGET (list), "actor", "heading"), >=, 1);

  /* Search: case-insensitive, by label, role or affiliation, every word. */
  am_actor_list_set_search_text (list, "LAVROV");
  g_assert_cmpuint (count_actor_rows (list), ==, 1);
  g_assert_true (list_has_node (list, lavrov));

  am_actor_list_set_search_text (list, "foreign minister");
  g_assert_true (list_has_node (list, lavrov));
  g_assert_false (list_has_node (list, find_node (graph, "Kaja Kallas")));

  am_actor_list_set_search_text (list, "ukraine");
  g_assert_true (list_has_node (list, find_node (graph, "Volodymyr Zelensky")));
  g_assert_true (list_has_node (list, find_node (graph, "Rustem Umerov")));
  g_assert_false (list_has_node (list, lavrov));

  /* Nothing found: the list says so, and keeps its width. */
  iterate_for (100);
  width = gtk_widget_get_width (GTK_WIDGET (list));
  g_assert_cmpint (width, >, 0);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (list)));
  am_actor_list_set_search_text (list, "no such actor anywhere");
  g_assert_cmpuint (am_actor_list_get_n_rows (list), ==, 0);
  iterate_for (100);
  g_assert_true (gtk_widget_get_mapped (find_label (GTK_WIDGET (list), "No Actors Found")));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (list)), ==, width);

  am_actor_list_set_search_text (list, NULL);
  g_assert_cmpuint (count_actor_rows (list), ==, n_actors);
  iterate_for (100);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (list)), ==, width);

  /* Rows made for one kind and given the other still show their own. */
  am_actor_list_set_search_text (list, "ukraine");
  iterate_for (100);
  am_actor_list_set_search_text (list, NULL);
  iterate_for (100);
  g_assert_true (gtk_widget_get_mapped (find_label (GTK_WIDGET (list), "Dan Driscoll")));
  g_assert_true (gtk_widget_get_mapped (find_label (GTK_WIDGET (list), "US Army Secretary")));
  g_assert_true (has_accessible_label (GTK_WIDGET (list), "Dan Driscoll"));

  close_window (window);
}

static void
count_activation (guint *n_activated,
                  guint  node)
{
  (*n_activated)++;
}

static void
test_selection_sync (void)
{
  AmWindow *window = open_window (NULL, NULL);
  AmMapDocument *document = am_window_get_document (window);
  AmActorList *list = template_child (window, "actor_list");
  AmGraph *graph = am_map_document_get_graph (document);
  guint zelensky = find_node (graph, "Volodymyr Zelensky");
  guint macron = find_node (graph, "Emmanuel Macron");
  guint issue = find_node_by_id (graph, "issue-g8");
  guint n_activated = 0;

  g_signal_connect_swapped (list, "node-activated", G_CALLBACK (count_activation), &n_activated);

  /* Document to list, as when the user clicks the canvas; the list does
   * not ask the canvas to move then. */
  am_map_document_set_selected_node (document, zelensky);
  g_assert_cmpuint (am_actor_list_get_selected_node (list), ==, zelensky);
  g_assert_cmpuint (n_activated, ==, 0);

  /* List to document, and the canvas is asked to centre the actor. */
  g_assert_true (am_actor_list_select_node (list, macron));
  g_assert_cmpuint (am_map_document_get_selected_node (document), ==, macron);
  g_assert_cmpuint (am_actor_list_get_selected_node (list), ==, macron);
  g_assert_cmpuint (n_activated, ==, 1);

  /* An issue has no row: the list shows no selection. */
  am_map_document_set_selected_node (document, issue);
  g_assert_cmpuint (am_actor_list_get_selected_node (list), ==, AM_NO_INDEX);

  /* A search that hides the selected actor and one that shows it again. */
  am_map_document_set_selected_node (document, zelensky);
  am_actor_list_set_search_text (list, "macron");
  g_assert_cmpuint (am_actor_list_get_selected_node (list), ==, AM_NO_INDEX);
  g_assert_cmpuint (am_map_document_get_selected_node (document), ==, zelensky);
  am_actor_list_set_search_text (list, "");
  g_assert_cmpuint (am_actor_list_get_selected_node (list), ==, zelensky);

  am_map_document_set_selected_node (document, AM_NO_INDEX);
  g_assert_cmpuint (am_actor_list_get_selected_node (list), ==, AM_NO_INDEX);
  g_assert_cmpuint (n_activated, ==, 1);

  close_window (window);
}

static gboolean
get_bool (gpointer     object,
          const char  *property)
{
  gboolean value;

  g_object_get (object, property, &value, NULL);
  return value;
}

static void
test_window_actions (void)
{
  AmWindow *window = open_window (NULL, NULL);
  AmMapDocument *document = am_window_get_document (window);
  AmGraph *graph = am_map_document_get_graph (document);
  AmGraphView *view = template_child (window, "graph_view");
  GtkDropDown *lens_dropdown = template_child (window, "lens_dropdown");
  guint g8 = find_node_by_id (graph, "issue-g8");
  double zoom;

  /* The dialogs are there and enabled, not opened. */
  g_assert_true (gtk_widget_is_sensitive (template_child (window, "open_button")));
  g_assert_true (gtk_widget_is_sensitive (template_child (window, "export_button")));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-fit", NULL);
  zoom = am_graph_view_get_zoom (view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL));
  g_test_message ("zoom %g after fit, %g after zoom in", zoom, am_graph_view_get_zoom (view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-fit", NULL));

  /* Issues */
  g_assert_true (am_map_document_get_show_issues (document));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-issues", NULL));
  g_assert_false (am_map_document_get_show_issues (document));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-issues", NULL));
  g_assert_true (am_map_document_get_show_issues (document));

  /* Lens, by action and by the dropdown, which follow each other. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lens", "s", "issue-g8"));
  g_assert_cmpuint (am_map_document_get_lens_issue (document), ==, g8);
  g_assert_cmpuint (gtk_drop_down_get_selected (lens_dropdown), >, 0);
  gtk_drop_down_set_selected (lens_dropdown, 0);
  g_assert_cmpuint (am_map_document_get_lens_issue (document), ==, AM_NO_INDEX);
  gtk_drop_down_set_selected (lens_dropdown, 1);
  g_assert_cmpuint (am_map_document_get_lens_issue (document), !=, AM_NO_INDEX);
  g_assert_cmpint (am_graph_get_node (graph, am_map_document_get_lens_issue (document))->kind,
                   ==, AM_NODE_KIND_ISSUE);
  /* Not an issue: back to affiliation. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lens", "s", "lavrov"));
  g_assert_cmpuint (am_map_document_get_lens_issue (document), ==, AM_NO_INDEX);
  g_assert_cmpuint (gtk_drop_down_get_selected (lens_dropdown), ==, 0);

  /* Filters: one stateful action per kind of edge in the map. */
  {
    GAction *talks = g_action_map_lookup_action (G_ACTION_MAP (window), "show-edges-talks");
    GAction *statements = g_action_map_lookup_action (G_ACTION_MAP (window), "show-edges-statement");

    g_assert_nonnull (talks);
    g_assert_true (g_action_get_enabled (talks));
    g_assert_true (g_action_get_enabled (statements));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-edges-talks", NULL));
    g_assert_cmpuint (am_map_document_get_hidden_edge_kinds (document), ==, 1u << AM_EDGE_KIND_TALKS);
    g_assert_false (g_variant_get_boolean (g_action_get_state (talks)));
    am_map_document_set_hidden_edge_kinds (document, 0);
    g_assert_true (g_variant_get_boolean (g_action_get_state (talks)));
  }

  /* Panels and search */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  g_assert_false (get_bool (window, "show-sidebar"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  g_assert_true (get_bool (window, "show-sidebar"));
  g_assert_true (get_bool (window, "search"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  g_assert_false (get_bool (window, "search"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-details", NULL));
  g_assert_true (get_bool (window, "show-details"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-details", NULL));
  g_assert_false (get_bool (window, "show-details"));

  /* Reopening the bundled map gives a fresh document. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-bundled", NULL));
  wait_for_load (window);
  g_assert_nonnull (am_window_get_document (window));
  g_assert_true (am_window_get_document (window) != document);

  close_window (window);
}

static void
test_application_actions (void)
{
  g_autoptr(AmApplication) application = am_application_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) accels = NULL;
  AmWindow *window;
  GtkWidget *overlay;
  const char *app_actions[] = { "quit", "about", "shortcuts", "open-bundled" };
  GList *windows;

  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (app_actions); i++)
    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (application), app_actions[i]));

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application), "win.open");
  g_assert_cmpstr (accels[0], ==, "<Control>o");
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application), "app.quit");
  g_assert_cmpstr (accels[0], ==, "<Control>q");
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application), "win.export");
  g_assert_cmpstr (accels[0], ==, "<Control>e");

  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                  "win.show-help-overlay");
  g_assert_cmpstr (accels[0], ==, "<Control>question");

  window = open_window (GTK_APPLICATION (application), NULL);

  /* The shortcuts window is built when first shown, not with the window. */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  g_action_group_activate_action (G_ACTION_GROUP (application), "shortcuts", NULL);
  iterate_for (20);
  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  g_assert_true (gtk_widget_get_visible (overlay));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));
  gtk_widget_set_visible (overlay, FALSE);

  /* The same one again, by its accelerator's action. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  iterate_for (20);
  g_assert_true (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))) == overlay);
  g_assert_true (gtk_widget_get_visible (overlay));
  gtk_widget_set_visible (overlay, FALSE);

  g_action_group_activate_action (G_ACTION_GROUP (application), "about", NULL);
  iterate_for (20);
  windows = gtk_window_list_toplevels ();
  {
    gboolean found = FALSE;

    for (const GList *l = windows; l != NULL; l = l->next)
      if (ADW_IS_ABOUT_WINDOW (l->data))
        {
          g_assert_cmpstr (adw_about_window_get_application_name (l->data), ==, "Actor Map");
          g_assert_cmpstr (adw_about_window_get_version (l->data), ==, PACKAGE_VERSION);
          g_assert_cmpint (adw_about_window_get_license_type (l->data), ==, GTK_LICENSE_GPL_3_0);
          gtk_window_destroy (l->data);
          found = TRUE;
          break;
        }
    g_assert_true (found);
    g_list_free (windows);
  }

  g_action_group_activate_action (G_ACTION_GROUP (application), "open-bundled", NULL);
  g_assert_true (am_window_get_loading (window));
  wait_for_load (window);

  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  iterate_for (20);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (application)));
}

static void
test_export (void)
{
  AmWindow *window = open_window (NULL, NULL);
  AmMapDocument *document = am_window_get_document (window);
  /* The toast names the file: a name that is not valid markup must not
   * upset it. */
  g_autofree char *view_svg = g_build_filename (tmp_dir, "view <&> more.svg", NULL);
  g_autofree char *whole_png = g_build_filename (tmp_dir, "whole.png", NULL);
  g_autofree char *lens_pdf = g_build_filename (tmp_dir, "lens.pdf", NULL);
  g_autofree char *bad = g_build_filename (tmp_dir, "map.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (am_window_export (window, view_svg, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (view_svg, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_test_message ("current view: %" G_GSIZE_FORMAT " bytes of SVG", length);
  iterate_for (50);
  g_clear_pointer (&contents, g_free);

  g_assert_true (am_window_export (window, whole_png, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (whole_png, &contents, &length, NULL));
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  g_clear_pointer (&contents, g_free);

  /* The whole map with a lens and a filter. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lens", "s", "issue-g8");
  am_map_document_set_hidden_edge_kinds (document, 1u << AM_EDGE_KIND_TALKS);
  g_assert_true (am_window_export (window, lens_pdf, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (lens_pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_null (am_window_get_last_error (window));

  /* A name we cannot write says why. */
  g_assert_false (am_window_export (window, bad, FALSE, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (am_window_get_last_error (window));
  g_test_message ("export error: %s", am_window_get_last_error (window));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  close_window (window);
}

static void
test_broken_file (void)
{
  AmWindow *window = open_window (NULL, NULL);
  AmMapDocument *document = am_window_get_document (window);
  AdwViewSwitcherTitle *title = template_child (window, "window_title");
  g_autofree char *title_before = g_strdup (adw_view_switcher_title_get_title (title));
  g_autofree char *path = write_temp_file ("broken.graphml",
                                           "<?xml version=\"1.0\"?>\n"
                                           "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                                           "  <graph edgedefault=\"directed\">\n"
                                           "    <node id=\"a\">\n"
                                           "  </graph>\n"
                                           "</graphml>\n");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GRegex) position = g_regex_new ("^broken\\.graphml:[0-9]+:[0-9]+: ", 0, 0, NULL);
  const char *error;

  am_window_open (window, file);
  g_assert_true (am_window_get_loading (window));
  wait_for_load (window);

  /* The old map stays, the error names the file, line and column. */
  g_assert_true (am_window_get_document (window) == document);
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, title_before);
  error = am_window_get_last_error (window);
  g_assert_nonnull (error);
  g_test_message ("error shown: %s", error);
  g_assert_true (g_regex_match (position, error, 0, NULL));

  close_window (window);
}

static void
test_first_file_broken (void)
{
  g_autofree char *path = write_temp_file ("empty.graphml", "");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AmWindow *window = open_window (NULL, file);
  GtkStack *stack = template_child (window, "canvas_stack");

  /* Nothing to keep: the window says what went wrong and offers a way on. */
  g_assert_null (am_window_get_document (window));
  g_assert_nonnull (am_window_get_last_error (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  g_assert_true (has_accessible_label (gtk_stack_get_visible_child (stack), "Open the Bundled Map"));
  g_assert_nonnull (find_widget_by_name (gtk_stack_get_visible_child (stack), "AdwStatusPage"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-bundled", NULL));
  wait_for_load (window);
  g_assert_nonnull (am_window_get_document (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "map");

  close_window (window);
}

static gboolean
recent_menu_filled (gpointer data)
{
  return g_menu_model_get_n_items (data) > 0;
}

/* A file outside the profile: no kinds, so every node is an actor, and
 * the panel shows the node's data by key name. */
static void
test_plain_graphml (void)
{
  g_autofree char *path = write_temp_file ("plain_people.graphml",
                                           "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                           "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                                           "  <key id=\"d0\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
                                           "  <key id=\"d1\" for=\"node\" attr.name=\"Partei\" attr.type=\"string\"/>\n"
                                           "  <key id=\"d2\" for=\"node\" attr.name=\"weight\" attr.type=\"double\"/>\n"
                                           "  <graph id=\"G\" edgedefault=\"undirected\">\n"
                                           "    <node id=\"n0\"><data key=\"d0\">Олена</data>"
                                           "<data key=\"d1\">Bundesverfassungsgerichtspräsidentin</data>"
                                           "<data key=\"d2\">1.5</data></node>\n"
                                           "    <node id=\"n1\"><data key=\"d0\">Jürgen</data><data key=\"d1\"> </data></node>\n"
                                           "    <node id=\"n2\"/>\n"
                                           "    <edge source=\"n0\" target=\"n1\"/>\n"
                                           "  </graph>\n"
                                           "</graphml>\n");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AmWindow *window = open_window (NULL, file);
  AmMapDocument *document = am_window_get_document (window);
  AmActorList *list = template_child (window, "actor_list");
  AmDetailsPanel *panel = template_child (window, "details_panel");
  AdwViewSwitcherTitle *title = template_child (window, "window_title");
  GMenuModel *recent = template_child (window, "recent_section");
  AmGraph *graph;
  GtkWidget *attributes, *interactions;
  g_autofree char *text = NULL;

  g_assert_nonnull (document);
  graph = am_map_document_get_graph (document);

  /* No graph title: the file's name, and its folder below. */
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, "plain_people.graphml");
  g_assert_nonnull (adw_view_switcher_title_get_subtitle (title));

  /* Every node, no headings. */
  g_assert_cmpuint (am_actor_list_get_n_rows (list), ==, 3);
  g_assert_cmpuint (count_actor_rows (list), ==, 3);

  am_map_document_set_selected_node (document, find_node_by_id (graph, "n0"));
  attributes = find_widget_by_name (GTK_WIDGET (panel), "attributes");
  g_assert_nonnull (attributes);
  text = widget_text (attributes);
  g_test_message ("attributes:\n%s", text);
  g_assert_nonnull (strstr (text, "Partei\nBundesverfassungsgerichtspräsidentin"));
  g_assert_nonnull (strstr (text, "weight\n1.5"));
  interactions = find_widget_by_name (GTK_WIDGET (panel), "interactions");
  g_assert_nonnull (interactions);
  g_clear_pointer (&text, g_free);
  text = widget_text (interactions);
  g_assert_nonnull (strstr (text, "Jürgen"));

  /* Blank values are left out; a node without data has no such section. */
  am_map_document_set_selected_node (document, find_node_by_id (graph, "n1"));
  g_clear_pointer (&text, g_free);
  text = widget_text (find_widget_by_name (GTK_WIDGET (panel), "attributes"));
  g_assert_nonnull (strstr (text, "name\nJürgen"));
  g_assert_null (strstr (text, "Partei"));
  am_map_document_set_selected_node (document, find_node_by_id (graph, "n2"));
  g_assert_null (find_widget_by_name (GTK_WIDGET (panel), "attributes"));

  /* The file is now among the recent maps. */
  g_assert_true (iterate_until (recent_menu_filled, recent, LOAD_TIMEOUT_SECONDS));
  {
    g_autofree char *label = NULL;

    g_menu_model_get_item_attribute (recent, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label);
    g_assert_cmpstr (label, ==, "plain__people.graphml");
  }

  close_window (window);
}

/* A file dropped on the window opens, as one from the file chooser. */
static void
test_drop_file (void)
{
  g_autofree char *path = write_temp_file ("dropped.graphml",
                                           "<?xml version=\"1.0\"?>\n"
                                           "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                                           "  <key id=\"t\" for=\"graph\" attr.name=\"title\" attr.type=\"string\"/>\n"
                                           "  <graph edgedefault=\"directed\">\n"
                                           "    <data key=\"t\">Dropped &amp; opened</data>\n"
                                           "    <node id=\"a\"/><node id=\"b\"/><edge source=\"a\" target=\"b\"/>\n"
                                           "  </graph>\n"
                                           "</graphml>\n");
  GFile *file = g_file_new_for_path (path);
  AmWindow *window = open_window (NULL, NULL);
  AdwViewSwitcherTitle *title = template_child (window, "window_title");
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (&file, 1));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_object_unref (file);

  g_assert_true (accepted);
  wait_for_load (window);
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, "Dropped & opened");
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "dropped.graphml");

  close_window (window);
}

typedef struct
{
  AmWindow *window;
  int       width;
} SizeWait;

static gboolean
window_has_width (gpointer data)
{
  SizeWait *wait = data;

  /* The window's shadow and border take a few pixels of what we ask for. */
  return ABS (gtk_widget_get_width (GTK_WIDGET (wait->window)) - wait->width) <= 16;
}

static void
resize_window (AmWindow *window,
               int       width,
               int       height)
{
  SizeWait wait = { window, width };

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  g_assert_true (iterate_until (window_has_width, &wait, LOAD_TIMEOUT_SECONDS));
  g_test_message ("asked for %d pixels, got %d", width, gtk_widget_get_width (GTK_WIDGET (window)));
  iterate_for (50);
}

/* Wide: list, map and details side by side. At 800 pixels the list
 * floats over the map on demand and the details stay beside it; narrower
 * still, the details float too. */
static void
test_folding (void)
{
  AmWindow *window = open_window (NULL, NULL);
  AmMapDocument *document = am_window_get_document (window);
  AdwFlap *sidebar = template_child (window, "sidebar_flap");
  AdwFlap *details = template_child (window, "details_flap");
  AmGraph *graph = am_map_document_get_graph (document);

  am_map_document_set_selected_node (document, find_node (graph, "Kaja Kallas"));

  resize_window (window, 1280, 800);
  g_assert_false (adw_flap_get_folded (sidebar));
  g_assert_false (adw_flap_get_folded (details));
  g_assert_true (adw_flap_get_reveal_flap (sidebar));
  g_assert_true (adw_flap_get_reveal_flap (details));

  resize_window (window, 800, 600);
  g_assert_true (adw_flap_get_folded (sidebar));
  g_assert_false (adw_flap_get_reveal_flap (sidebar));
  g_assert_false (adw_flap_get_folded (details));
  g_assert_true (adw_flap_get_reveal_flap (details));

  /* The list is still one key away. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  g_assert_true (adw_flap_get_reveal_flap (sidebar));

  resize_window (window, 600, 500);
  g_assert_true (adw_flap_get_folded (details));
  g_assert_true (adw_flap_get_reveal_flap (details));

  resize_window (window, 1280, 800);
  g_assert_false (adw_flap_get_folded (sidebar));
  g_assert_true (adw_flap_get_reveal_flap (sidebar));

  close_window (window);
}

/* Too narrow for the view switcher in the header bar, the window shows
 * it at the bottom instead; wide, not. */
static void
test_view_switcher_bar (void)
{
  AmWindow *window = open_window (NULL, NULL);
  GtkWidget *bar;

  g_assert_false (adw_view_switcher_title_get_title_visible (template_child (window, "window_title")));
  bar = find_widget_by_name (GTK_WIDGET (window), "AdwViewSwitcherBar");
  g_assert_true (bar == NULL || !adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));

  resize_window (window, 400, 700);
  g_assert_true (adw_view_switcher_title_get_title_visible (template_child (window, "window_title")));
  bar = find_widget_by_name (GTK_WIDGET (window), "AdwViewSwitcherBar");
  g_assert_nonnull (bar);
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  g_assert_true (adw_view_switcher_bar_get_stack (ADW_VIEW_SWITCHER_BAR (bar)) ==
                 template_child (window, "view_stack"));
  g_assert_true (gtk_widget_get_mapped (bar));

  resize_window (window, 1200, 800);
  g_assert_false (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  close_window (window);

  /* Narrow from the start. */
  window = am_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 700);
  gtk_window_present (GTK_WINDOW (window));
  am_window_open (window, NULL);
  wait_for_load (window);
  iterate_for (50);
  bar = find_widget_by_name (GTK_WIDGET (window), "AdwViewSwitcherBar");
  g_assert_nonnull (bar);
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  g_assert_true (gtk_widget_get_mapped (bar));
  g_assert_cmpint (gtk_widget_get_height (bar), >, 0);
  close_window (window);
}

/* Loading progress and cancelling */

/* A map big enough to take a good part of a second to read and lay
 * out, so that progress shows and there is time to cancel. */
static char *
write_big_map (void)
{
  static char *path;

  if (path == NULL)
    path = write_ring_map ("big.graphml", BIG_MAP_NODES, 7, 3);
  return g_strdup (path);
}

typedef struct
{
  GtkProgressBar *bar;
  GPtrArray      *texts;      /* every text the bar showed, in order */
  gboolean        laying_out;
  double          last_fraction;
  gboolean        went_back;  /* the fraction fell within one stage */
} BarWatch;

static void
on_bar_text_cb (GtkProgressBar *bar,
                GParamSpec     *pspec,
                BarWatch       *watch)
{
  const char *text = gtk_progress_bar_get_text (bar);

  if (text != NULL)
    g_ptr_array_add (watch->texts, g_strdup (text));
}

/* The window sets the text first, so a new stage's text is there when
 * its first fraction comes. */
static void
on_bar_fraction_cb (GtkProgressBar *bar,
                    GParamSpec     *pspec,
                    BarWatch       *watch)
{
  const char *text = gtk_progress_bar_get_text (bar);
  gboolean laying_out = text != NULL && g_str_has_prefix (text, "Laying out");
  double fraction = gtk_progress_bar_get_fraction (bar);

  if (laying_out == watch->laying_out && fraction < watch->last_fraction)
    watch->went_back = TRUE;

  watch->laying_out = laying_out;
  watch->last_fraction = fraction;
}

static void
bar_watch_init (BarWatch       *watch,
                GtkProgressBar *bar)
{
  watch->bar = bar;
  watch->texts = g_ptr_array_new_with_free_func (g_free);
  watch->laying_out = FALSE;
  watch->last_fraction = 0;
  watch->went_back = FALSE;
  g_signal_connect (bar, "notify::text", G_CALLBACK (on_bar_text_cb), watch);
  g_signal_connect (bar, "notify::fraction", G_CALLBACK (on_bar_fraction_cb), watch);
}

static void
bar_watch_clear (BarWatch *watch)
{
  g_signal_handlers_disconnect_by_data (watch->bar, watch);
  g_clear_pointer (&watch->texts, g_ptr_array_unref);
}

static gboolean
bar_shows_layout (gpointer data)
{
  const char *text = gtk_progress_bar_get_text (data);

  return text != NULL && g_str_has_prefix (text, "Laying out");
}

static gboolean
bar_has_moved (gpointer data)
{
  return gtk_progress_bar_get_fraction (data) > 0;
}

static gboolean
watch_saw_prefix (BarWatch   *watch,
                  const char *prefix)
{
  for (guint i = 0; i < watch->texts->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (watch->texts, i), prefix))
      return TRUE;

  return FALSE;
}

static void
collect_text_buttons (GtkWidget *root,
                      GPtrArray *buttons)
{
  if (GTK_IS_BUTTON (root) && GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (root))))
    g_ptr_array_add (buttons, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text_buttons (child, buttons);
}

/* The first map: the loading page shows how far reading and laying out
 * have got, and the bar moves on as reports come in. */
static void
test_progress_first_map (void)
{
  g_autofree char *path = write_big_map ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AmWindow *window = am_window_new (NULL);
  GtkStack *stack = template_child (window, "canvas_stack");
  GtkProgressBar *bar = template_child (window, "loading_progress");
  /* g_format_size puts a no-break space before the unit, and counts
   * below a kilobyte (the very first report) in bytes. */
  g_autoptr(GRegex) bytes = g_regex_new ("^Reading… [0-9.]+[ \\x{a0}]([kMG]?B|bytes?) of "
                                         "[0-9.]+[ \\x{a0}]([kMG]?B|bytes?)$",
                                         0, 0, NULL);
  BarWatch watch;

  bar_watch_init (&watch, bar);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  am_window_open (window, file);

  g_assert_true (am_window_get_loading (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "loading");
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (bar)));
  g_assert_true (gtk_progress_bar_get_show_text (bar));
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "Reading…");

  wait_for_load (window);
  g_assert_nonnull (am_window_get_document (window));

  for (guint i = 0; i < watch.texts->len; i++)
    g_test_message ("bar: %s", (char *) g_ptr_array_index (watch.texts, i));

  /* Reading in bytes of the file's size, then laying out. */
  g_assert_true (watch_saw_prefix (&watch, "Reading… "));
  for (guint i = 0; i < watch.texts->len; i++)
    {
      const char *text = g_ptr_array_index (watch.texts, i);

      if (g_str_has_prefix (text, "Reading… "))
        g_assert_true (g_regex_match (bytes, text, 0, NULL));
    }
  g_assert_true (watch_saw_prefix (&watch, "Laying out…"));
  g_assert_false (watch.went_back);

  bar_watch_clear (&watch);
  close_window (window);
}

/* With a map on show, another one's progress shows in the bar over it,
 * and the Cancel button and the progress bars have names. */
static void
test_progress_over_map (void)
{
  g_autofree char *path = write_big_map ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AmWindow *window = open_window (NULL, NULL);
  GtkStack *stack = template_child (window, "canvas_stack");
  GtkWidget *load_bar = template_child (window, "load_bar");
  GtkProgressBar *bar = template_child (window, "load_bar_progress");

  g_assert_false (gtk_widget_get_visible (load_bar));

  am_window_open (window, file);
  g_assert_true (gtk_widget_get_visible (load_bar));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "map");
  g_assert_true (iterate_until (bar_has_moved, bar, LOAD_TIMEOUT_SECONDS));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (bar)));

  g_assert_true (has_accessible_label (load_bar, "Loading progress"));
  g_assert_true (has_accessible_label (load_bar, "Cancel loading"));
  g_assert_true (has_accessible_label (GTK_WIDGET (template_child (window, "loading_progress")),
                                       "Loading progress"));
  /* The bar gives screen readers the stage too, not only the share. */
  gtk_test_accessible_assert_property (bar, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                       gtk_progress_bar_get_text (bar));

  /* Each text button is named once, without its mnemonic: not "_Cancel
   * Cancel" nor "Cancel loading Cancel". */
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    collect_text_buttons (GTK_WIDGET (template_child (window, "canvas_stack")), buttons);
    /* The two Cancel buttons and the legend's, which shows when it is
     * folded; the pages for no map are made when they first show. */
    g_assert_cmpuint (buttons->len, ==, 3);
    for (guint i = 0; i < buttons->len; i++)
      g_assert_false (gtk_test_accessible_has_relation (g_ptr_array_index (buttons, i),
                                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  }

  wait_for_load (window);
  g_assert_false (gtk_widget_get_visible (load_bar));

  close_window (window);
}

/* Cancelled midway, the map on show stays, also once the cancelled
 * load's thread has stopped. */
static void
test_cancel_keeps_map (void)
{
  g_autofree char *path = write_big_map ();
  GFile *file = g_file_new_for_path (path);
  AmWindow *window = open_window (NULL, NULL);
  AmMapDocument *document = am_window_get_document (window);
  AdwViewSwitcherTitle *title = template_child (window, "window_title");
  GtkStack *stack = template_child (window, "canvas_stack");
  GtkWidget *load_bar = template_child (window, "load_bar");
  g_autofree char *title_before = g_strdup (adw_view_switcher_title_get_title (title));

  g_object_add_weak_pointer (G_OBJECT (document), (gpointer *) &document);

  am_window_open (window, file);
  g_assert_true (iterate_until (bar_shows_layout, template_child (window, "load_bar_progress"),
                                LOAD_TIMEOUT_SECONDS));
  g_assert_true (am_window_get_loading (window));

  /* As if the bar's Cancel button were pressed: it has the focus. */
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    collect_text_buttons (load_bar, buttons);
    g_assert_cmpuint (buttons->len, ==, 1);
    g_assert_true (gtk_widget_grab_focus (g_ptr_array_index (buttons, 0)));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL));
  g_assert_false (am_window_get_loading (window));
  g_assert_false (gtk_widget_get_visible (load_bar));
  /* The button has gone with the bar; the map takes the focus, so that
   * the keyboard goes on where it was. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == template_child (window, "graph_view"));

  /* Until the thread has noticed and its result has come. */
  wait_for_load_to_let_go (file);

  g_assert_nonnull (document);
  g_assert_true (am_window_get_document (window) == document);
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, title_before);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "map");
  g_assert_null (am_window_get_last_error (window));

  g_object_remove_weak_pointer (G_OBJECT (document), (gpointer *) &document);
  close_window (window);
}

/* Cancelling the very first load leaves an empty window that offers to
 * open a map, not a loading page that never ends. */
static void
test_cancel_first_load (void)
{
  g_autofree char *path = write_big_map ();
  GFile *file = g_file_new_for_path (path);
  AmWindow *window = am_window_new (NULL);
  GtkStack *stack = template_child (window, "canvas_stack");
  AdwViewSwitcherTitle *title = template_child (window, "window_title");

  gtk_window_present (GTK_WINDOW (window));
  am_window_open (window, file);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "loading");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL));
  g_assert_false (am_window_get_loading (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  /* Its buttons, made as it shows, named once and without mnemonics. */
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    collect_text_buttons (gtk_stack_get_visible_child (stack), buttons);
    g_assert_cmpuint (buttons->len, ==, 2);
    for (guint i = 0; i < buttons->len; i++)
      g_assert_false (gtk_test_accessible_has_relation (g_ptr_array_index (buttons, i),
                                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY));
    g_assert_true (has_accessible_label (GTK_WIDGET (window), "Open a Map…"));
    g_assert_true (has_accessible_label (GTK_WIDGET (window), "Open the Bundled Map"));
    g_assert_false (has_accessible_label (GTK_WIDGET (window), "_Open a Map…"));
    g_assert_true (gtk_widget_is_drawable (g_ptr_array_index (buttons, 0)));
  }

  wait_for_load_to_let_go (file);
  g_assert_null (am_window_get_document (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, "Actor Map");
  g_assert_null (am_window_get_last_error (window));

  /* And the way on works. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-bundled", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "loading");
  wait_for_load (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "map");

  close_window (window);
}

/* A second load replaces the first: the first one's late reports and
 * result change nothing. */
static void
test_cancel_by_reopening (void)
{
  g_autofree char *path = write_big_map ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AmWindow *window = open_window (NULL, NULL);
  GtkProgressBar *bar = template_child (window, "load_bar_progress");
  AmMapDocument *document;

  am_window_open (window, file);
  g_assert_true (iterate_until (bar_has_moved, bar, LOAD_TIMEOUT_SECONDS));
  am_window_open (window, NULL);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), ==, 0);
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "Reading…");

  wait_for_load (window);
  document = am_window_get_document (window);
  g_assert_null (am_map_document_get_file (document));

  iterate_for (1500);
  g_assert_true (am_window_get_document (window) == document);

  close_window (window);
}

static void
test_window_finalized (void)
{
  AmWindow *window = open_window (NULL, NULL);
  AmMapDocument *document = am_window_get_document (window);

  g_object_add_weak_pointer (G_OBJECT (document), (gpointer *) &document);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  am_map_document_set_selected_node (document, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (100);

  g_assert_null (window);
  g_assert_null (document);
}

/* What a user set on a map comes back when the same map is opened again,
 * and the window's size is kept. */
static void
test_settings_kept (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.actormap.ActorMap");
  const char *hidden[] = { "attack", NULL };
  AmWindow *window;
  AmMapDocument *document;
  AmGraph *graph;
  g_autofree char *lens_after = NULL;

  g_settings_set_string (settings, "last-map", "");
  g_settings_set_string (settings, "lens-issue", "issue-g8");
  g_settings_set_strv (settings, "hidden-edge-kinds", hidden);
  g_settings_set_boolean (settings, "show-issues", FALSE);

  window = open_window (NULL, NULL);
  document = am_window_get_document (window);
  graph = am_map_document_get_graph (document);

  g_assert_cmpuint (am_map_document_get_lens_issue (document), ==,
                    am_graph_find_node_by_id (graph, "issue-g8"));
  g_assert_cmpuint (am_map_document_get_hidden_edge_kinds (document), ==, 1u << AM_EDGE_KIND_ATTACK);
  g_assert_false (am_map_document_get_show_issues (document));

  /* Change the view, resize, close: the settings follow. */
  am_map_document_set_lens_issue (document, AM_NO_INDEX);
  am_map_document_set_show_issues (document, TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_close (GTK_WINDOW (window));
  iterate_for (50);

  lens_after = g_settings_get_string (settings, "lens-issue");
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_cmpstr (lens_after, ==, "");
  g_assert_true (g_settings_get_boolean (settings, "show-issues"));

  g_settings_set_string (settings, "lens-issue", "");
  g_settings_set_strv (settings, "hidden-edge-kinds", NULL);
}

/* A node index one past the end selects nothing, and nothing reads it. */
static void
test_selection_past_end (void)
{
  AmWindow *window = open_statements_map ();
  AmMapDocument *document = am_window_get_document (window);
  AmDetailsPanel *panel = template_child (window, "details_panel");
  AmActorList *list = template_child (window, "actor_list");
  AmGraph *graph = am_map_document_get_graph (document);
  guint n_nodes = am_graph_get_n_nodes (graph);
  guint selected;

  am_map_document_set_selected_node (document, find_node_by_id (graph, "ana"));
  am_map_document_set_selected_node (document, n_nodes);
  iterate_for (20);
  selected = am_map_document_get_selected_node (document);
  g_assert_true (selected == AM_NO_INDEX || selected == find_node_by_id (graph, "ana"));
  g_assert_cmpuint (am_details_panel_get_node (panel), ==, selected);
  g_assert_true (am_actor_list_get_selected_node (list) == selected);

  /* Nor through the property, nor as the node under the pointer. */
  am_map_document_set_selected_node (document, AM_NO_INDEX);
  g_object_set (document, "selected-node", n_nodes, NULL);
  g_assert_cmpuint (am_map_document_get_selected_node (document), ==, AM_NO_INDEX);
  g_assert_cmpuint (am_details_panel_get_node (panel), ==, AM_NO_INDEX);
  am_map_document_set_hover_node (document, n_nodes);
  g_assert_cmpuint (am_map_document_get_hover_node (document), ==, AM_NO_INDEX);
  iterate_for (20);

  close_window (window);
}

/* Search finds an actor by an affiliation that its role does not name. */
static void
test_search_by_affiliation (void)
{
  AmWindow *window = open_statements_map ();
  AmActorList *list = template_child (window, "actor_list");
  AmGraph *graph = am_map_document_get_graph (am_window_get_document (window));
  guint ana = find_node_by_id (graph, "ana");
  guint ben = find_node_by_id (graph, "ben");
  guint cara = find_node_by_id (graph, "cara");

  am_actor_list_set_search_text (list, "freedonia");
  g_assert_cmpuint (count_actor_rows (list), ==, 1);
  g_assert_true (list_has_node (list, ana));

  am_actor_list_set_search_text (list, "SYLVANIA");
  g_assert_cmpuint (count_actor_rows (list), ==, 2);
  g_assert_true (list_has_node (list, ben));
  g_assert_true (list_has_node (list, cara));
  g_assert_false (list_has_node (list, ana));

  /* Every word, from affiliation and role together. */
  am_actor_list_set_search_text (list, "sylvania mediator");
  g_assert_cmpuint (count_actor_rows (list), ==, 1);
  g_assert_true (list_has_node (list, ben));

  am_actor_list_set_search_text (list, "freedonia mediator");
  g_assert_cmpuint (count_actor_rows (list), ==, 0);

  am_actor_list_set_search_text (list, NULL);
  g_assert_cmpuint (count_actor_rows (list), ==, 3);

  close_window (window);
}

/* Rows with a tooltip query, and whether any holds a ready text. */
static void
count_row_tooltips (GtkWidget *root,
                    guint     *querying,
                    guint     *with_text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_row_tooltips (child, querying, with_text);

  /* A row holds a heading, an actor, or both once reused. */
  if (g_object_get_data (G_OBJECT (root), "heading") == NULL &&
      g_object_get_data (G_OBJECT (root), "actor") == NULL)
    return;
  if (gtk_widget_get_has_tooltip (root))
    (*querying)++;
  if (gtk_widget_get_tooltip_text (root) != NULL)
    (*with_text)++;
}

/* The list's rows make their tooltips when asked, saying in full what
 * the row may cut short. */
static void
test_actor_list_tooltips (void)
{
  AmWindow *window = open_statements_map ();
  AmActorList *list = template_child (window, "actor_list");
  AmGraph *graph = am_map_document_get_graph (am_window_get_document (window));
  g_autofree char *ana = NULL;
  g_autofree char *truce = NULL;
  guint querying = 0, with_text = 0;

  ana = am_actor_list_get_node_tooltip (list, find_node_by_id (graph, "ana"));
  g_assert_cmpstr (ana, ==, "Ana Quoted\nChief negotiator · Freedonia");
  truce = am_actor_list_get_node_tooltip (list, find_node_by_id (graph, "truce"));
  g_assert_cmpstr (truce, ==, "Truce\ntruce");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL);
  iterate_for (100);
  count_row_tooltips (GTK_WIDGET (list), &querying, &with_text);
  g_assert_cmpuint (querying, >=, 3);
  g_assert_cmpuint (with_text, ==, 0);

  close_window (window);
}

/* Widgets under @root with a tooltip given up front, and those whose
 * tooltip waits to be asked for. */
static void
count_tooltips (GtkWidget *root,
                guint     *eager,
                guint     *lazy)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_tooltips (child, eager, lazy);

  if (gtk_widget_get_tooltip_text (root) != NULL)
    (*eager)++;
  if (am_lazy_tooltip_get (root) != NULL)
    {
      g_assert_true (gtk_widget_get_has_tooltip (root));
      (*lazy)++;
    }
}

static gboolean
is_lazy_label (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && am_lazy_tooltip_get (widget) != NULL;
}

/* A label under @root whose tooltip waits to be asked for, or NULL. */
static GtkWidget *
find_lazy_label (GtkWidget *root)
{
  return find_widget (root, is_lazy_label, NULL);
}

/* The window's buttons have their tooltips, answered when GTK asks. */
static void
test_tooltips (void)
{
  AmWindow *window = open_window (NULL, NULL);
  GtkWidget *open_button = template_child (window, "open_button");
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;
  guint eager = 0, lazy = 0;

  g_assert_cmpstr (am_lazy_tooltip_get (open_button), ==, "Open a Map (Ctrl+O)");
  g_assert_cmpstr (am_lazy_tooltip_get (template_child (window, "zoom_fit_button")),
                   ==, "Show the Whole Map (Ctrl+0)");
  g_signal_emit_by_name (open_button, "query-tooltip", 4, 4, FALSE, tooltip, &shown);
  g_assert_true (shown);

  count_tooltips (GTK_WIDGET (window), &eager, &lazy);
  g_assert_cmpuint (lazy, >=, 14);

  /* The lens shown on the button, cut short, in full on the tooltip. */
  {
    GtkWidget *label = find_lazy_label (template_child (window, "lens_dropdown"));

    g_assert_nonnull (label);
    g_assert_cmpstr (am_lazy_tooltip_get (label), ==, gtk_label_get_text (GTK_LABEL (label)));
  }

  am_lazy_tooltip_set (open_button, NULL);
  g_assert_null (am_lazy_tooltip_get (open_button));
  g_assert_false (gtk_widget_get_has_tooltip (open_button));
  shown = TRUE;
  g_signal_emit_by_name (open_button, "query-tooltip", 4, 4, FALSE, tooltip, &shown);
  g_assert_false (shown);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Whether @widget's class binds @trigger to @action with @argument (as
 * GVariant text), among the shortcuts GTK gives the widget. */
static gboolean
has_key_binding (GtkWidget  *widget,
                 const char *trigger,
                 const char *action,
                 const char *argument)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger_text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *shortcut_action = gtk_shortcut_get_action (shortcut);
          GVariant *arguments = gtk_shortcut_get_arguments (shortcut);
          g_autofree char *arguments_text = arguments != NULL ? g_variant_print (arguments, FALSE) : NULL;

          if (g_strcmp0 (trigger_text, trigger) == 0 &&
              GTK_IS_NAMED_ACTION (shortcut_action) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (shortcut_action)), action) == 0 &&
              g_strcmp0 (arguments_text, argument) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

/* Map and Positions: switched by action and by Alt and a number; the
 * map's zoom rests while the matrix shows; choosing a cell opens the
 * actor's details. */
static void
test_positions_view (void)
{
  AmWindow *window = open_window (NULL, NULL);
  AmMapDocument *document = am_window_get_document (window);
  AmGraph *graph = am_map_document_get_graph (document);
  AdwViewStack *stack = template_child (window, "view_stack");
  AmPositionsView *positions = template_child (window, "positions_view");
  guint kallas = find_node_by_id (graph, "kallas");
  g_autofree char *view = NULL;

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "map");
  /* The matrix is made when it first shows, not with the map, and so
   * are its widgets. */
  g_assert_null (am_positions_view_get_document (positions));
  g_assert_null (adw_bin_get_child (ADW_BIN (positions)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "positions"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "positions");
  iterate_for (50);
  g_assert_nonnull (find_widget_by_name (GTK_WIDGET (positions), "AmPositionsGrid"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (am_positions_view_get_grid (positions))));
  g_assert_true (am_positions_view_get_document (positions) == document);
  g_assert_true (am_positions_view_has_positions (positions));
  g_object_get (window, "view", &view, NULL);
  g_assert_cmpstr (view, ==, "positions");
  /* The map's zoom rests while the matrix shows. */
  {
    double zoom = am_graph_view_get_zoom (template_child (window, "graph_view"));

    gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
    g_assert_cmpfloat (am_graph_view_get_zoom (template_child (window, "graph_view")), ==, zoom);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "map"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "map");

  /* Alt+1 and Alt+2, as a keyboard user switches. */
  g_assert_true (has_key_binding (GTK_WIDGET (window), "<Alt>1", "win.view", "'map'"));
  g_assert_true (has_key_binding (GTK_WIDGET (window), "<Alt>2", "win.view", "'positions'"));

  /* A cell names Kallas and an issue: her details show. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "positions");
  am_map_document_set_selected_node (document, kallas);
  g_signal_emit_by_name (positions, "cell-activated", kallas, find_node_by_id (graph, "issue-g8"));
  g_assert_true (adw_flap_get_reveal_flap (template_child (window, "details_flap")));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Once shown, the Positions view follows the maps opened while it shows;
 * hidden, it lets go of the map it had, and takes the open one when it
 * shows again. */
static void
test_positions_follow_map (void)
{
  g_autofree char *path = write_temp_file ("statements.graphml", statements_map);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AmWindow *window = open_window (NULL, NULL);
  AmPositionsView *positions = template_child (window, "positions_view");
  AmMapDocument *bundled = am_window_get_document (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "positions");
  g_assert_true (am_positions_view_get_document (positions) == bundled);

  am_window_open (window, file);
  wait_for_load (window);
  g_assert_true (am_window_get_document (window) != bundled);
  g_assert_true (am_positions_view_get_document (positions) == am_window_get_document (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "map");
  am_window_open (window, NULL);
  wait_for_load (window);
  g_assert_null (am_positions_view_get_document (positions));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "positions");
  g_assert_true (am_positions_view_get_document (positions) == am_window_get_document (window));
  g_assert_true (am_positions_view_has_positions (positions));

  close_window (window);
}

/* The menus' popovers are made when they first open, with the menus
 * the template holds, and kept for the next time. */
static void
test_menus_on_demand (void)
{
  AmWindow *window = open_window (NULL, NULL);
  GtkMenuButton *primary = template_child (window, "primary_menu_button");
  GtkMenuButton *filters = template_child (window, "filters_button");
  GMenuModel *edge_kinds = template_child (window, "edge_kinds_section");
  GtkPopover *popover;

  g_assert_null (gtk_menu_button_get_popover (primary));
  g_assert_null (gtk_menu_button_get_popover (filters));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (primary)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (filters)));

  gtk_menu_button_popup (primary);
  popover = gtk_menu_button_get_popover (primary);
  g_assert_true (GTK_IS_POPOVER_MENU (popover));
  g_assert_true (gtk_menu_button_get_menu_model (primary) ==
                 G_MENU_MODEL (template_child (window, "primary_menu")));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  gtk_menu_button_popdown (primary);
  gtk_menu_button_popup (primary);
  g_assert_true (gtk_menu_button_get_popover (primary) == popover);
  gtk_menu_button_popdown (primary);

  /* The interactions of the map are in the Filters menu when it opens. */
  g_assert_cmpint (g_menu_model_get_n_items (edge_kinds), >, 0);
  gtk_menu_button_popup (filters);
  g_assert_true (gtk_menu_button_get_menu_model (filters) ==
                 G_MENU_MODEL (template_child (window, "filters_menu")));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (filters))));
  gtk_menu_button_popdown (filters);

  close_window (window);
}

typedef struct
{
  GtkRecentManager *manager;
  const char       *uri;
} RecentWait;

static gboolean
recent_item_listed (gpointer data)
{
  RecentWait *wait = data;

  return gtk_recent_manager_has_item (wait->manager, wait->uri);
}

/* Adds the map at @path to the recent files, as the app does, and waits
 * until the list has it. */
static void
add_recent_map (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *exec = g_strconcat (g_get_prgname (), " %u", NULL);
  GtkRecentData data = {
    .mime_type = (char *) "application/xml",
    .app_name = (char *) g_get_application_name (),
    .app_exec = exec,
  };
  RecentWait wait = { gtk_recent_manager_get_default (), uri };

  g_assert_true (gtk_recent_manager_add_full (wait.manager, uri, &data));
  g_assert_true (iterate_until (recent_item_listed, &wait, LOAD_TIMEOUT_SECONDS));
}

/* The recent maps are the main menu's business: the window reads and
 * watches them when that menu first opens, not while it starts up. */
static void
test_recent_maps_on_demand (void)
{
  g_autofree char *path = write_temp_file ("earlier_map.graphml",
                                           "<?xml version=\"1.0\"?>\n"
                                           "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                                           "  <graph edgedefault=\"directed\"><node id=\"a\"/></graph>\n"
                                           "</graphml>\n");
  AmWindow *window;
  GtkMenuButton *primary;
  GMenuModel *recent;
  g_autofree char *label = NULL;

  add_recent_map (path);

  window = open_window (NULL, NULL);
  primary = template_child (window, "primary_menu_button");
  recent = template_child (window, "recent_section");
  g_assert_nonnull (am_window_get_document (window));
  g_assert_cmpint (g_menu_model_get_n_items (recent), ==, 0);

  gtk_menu_button_popup (primary);
  g_assert_cmpint (g_menu_model_get_n_items (recent), >, 0);
  g_menu_model_get_item_attribute (recent, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label);
  g_assert_cmpstr (label, ==, "earlier__map.graphml");
  gtk_menu_button_popdown (primary);

  close_window (window);
}

/* @text with each underscore doubled, as a menu label shows it. */
static char *
menu_text (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

/* Two recent maps of the same name, in two folders, are told apart in
 * the menu by their folders; a name no other shares stands alone. */
static void
test_recent_maps_same_name (void)
{
  const char *map = "<?xml version=\"1.0\"?>\n"
                    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                    "  <graph edgedefault=\"directed\"><node id=\"a\"/></graph>\n"
                    "</graphml>\n";
  g_autofree char *first_folder = g_build_filename (tmp_dir, "talks_2024", NULL);
  g_autofree char *second_folder = g_build_filename (tmp_dir, "talks-2025", NULL);
  g_autofree char *first = g_build_filename (first_folder, "same_name.graphml", NULL);
  g_autofree char *second = g_build_filename (second_folder, "same_name.graphml", NULL);
  g_autofree char *lone = write_temp_file ("lone_map.graphml", map);
  g_autofree char *first_shown = g_strdup_printf ("same_name.graphml — %s", first_folder);
  g_autofree char *second_shown = g_strdup_printf ("same_name.graphml — %s", second_folder);
  const char *expected[3] = { "lone__map.graphml", NULL, NULL };
  g_autofree char *first_label = menu_text (first_shown);
  g_autofree char *second_label = menu_text (second_shown);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  AmWindow *window;
  GtkMenuButton *primary;
  GMenuModel *recent;

  expected[1] = first_label;
  expected[2] = second_label;
  g_assert_cmpint (g_mkdir_with_parents (first_folder, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (second_folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (first, map, -1, NULL));
  g_assert_true (g_file_set_contents (second, map, -1, NULL));
  add_recent_map (lone);
  add_recent_map (first);
  add_recent_map (second);

  window = open_window (NULL, NULL);
  primary = template_child (window, "primary_menu_button");
  recent = template_child (window, "recent_section");
  gtk_menu_button_popup (primary);

  for (gint i = 0; i < g_menu_model_get_n_items (recent); i++)
    {
      char *label = NULL;

      g_menu_model_get_item_attribute (recent, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_test_message ("recent map %d: %s", i, label);
      g_ptr_array_add (labels, label);
    }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_ptr_array_find_with_equal_func (labels, expected[i], g_str_equal, NULL));

  gtk_menu_button_popdown (primary);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);

  g_test_add_func ("/window/bundled-map", test_bundled_map);
  g_test_add_func ("/window/actor-list", test_actor_list);
  g_test_add_func ("/window/selection-sync", test_selection_sync);
  g_test_add_func ("/window/actions", test_window_actions);
  g_test_add_func ("/window/positions-view", test_positions_view);
  g_test_add_func ("/window/menus-on-demand", test_menus_on_demand);
  g_test_add_func ("/window/recent-maps-on-demand", test_recent_maps_on_demand);
  g_test_add_func ("/window/recent-maps-same-name", test_recent_maps_same_name);
  g_test_add_func ("/window/application-actions", test_application_actions);
  g_test_add_func ("/window/export", test_export);
  g_test_add_func ("/window/broken-file", test_broken_file);
  g_test_add_func ("/window/first-file-broken", test_first_file_broken);
  g_test_add_func ("/window/plain-graphml", test_plain_graphml);
  g_test_add_func ("/window/drop-file", test_drop_file);
  g_test_add_func ("/window/folding", test_folding);
  g_test_add_func ("/window/view-switcher-bar", test_view_switcher_bar);
  g_test_add_func ("/window/progress/first-map", test_progress_first_map);
  g_test_add_func ("/window/progress/over-map", test_progress_over_map);
  g_test_add_func ("/window/cancel/keeps-map", test_cancel_keeps_map);
  g_test_add_func ("/window/cancel/first-load", test_cancel_first_load);
  g_test_add_func ("/window/cancel/by-reopening", test_cancel_by_reopening);
  g_test_add_func ("/window/finalized", test_window_finalized);
  g_test_add_func ("/window/settings", test_settings_kept);
  g_test_add_func ("/window/selection-past-end", test_selection_past_end);
  g_test_add_func ("/window/search-by-affiliation", test_search_by_affiliation);
  g_test_add_func ("/window/actor-list-tooltips", test_actor_list_tooltips);
  g_test_add_func ("/window/tooltips", test_tooltips);
  /* Last: it adds to the recent maps that tests before it look at. */
  g_test_add_func ("/window/positions-follow-map", test_positions_follow_map);

  return window_test_run ();
}

/* test-window-save.c: undo, saving and unsaved changes in the main window (needs a display)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "am-application.h"
#include "am-map-loader.h"
#include "am-window.h"

#define TIMEOUT_SECONDS 30

static const char plain_map[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
  "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
  "  <graph edgedefault=\"directed\">\n"
  "    <node id=\"a\"><data key=\"label\">Alpha</data></node>\n"
  "    <node id=\"b\"><data key=\"label\">Beta</data></node>\n"
  "    <node id=\"c\"><data key=\"label\">Gamma</data></node>\n"
  "    <edge source=\"a\" target=\"b\"/>\n"
  "    <edge source=\"b\" target=\"c\"/>\n"
  "  </graph>\n"
  "</graphml>\n";

static char *tmp_dir;

/* Helpers */

static gboolean
set_flag (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
iterate_until (gboolean (*done) (gpointer),
               gpointer   data)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (TIMEOUT_SECONDS, set_flag, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (source);

  return !timed_out;
}

static void
iterate_for (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
load_finished (gpointer window)
{
  return !am_window_get_loading (window);
}

static gboolean
save_finished (gpointer window)
{
  AmMapDocument *document = am_window_get_document (window);

  return document != NULL && !am_map_document_get_saving (document);
}

static char *
write_map (const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_file_set_contents (path, plain_map, -1, &error);
  g_assert_no_error (error);
  return path;
}

static AmWindow *
open_window (GtkApplication *application,
             const char     *path)
{
  g_autoptr(GFile) file = path != NULL ? g_file_new_for_path (path) : NULL;
  AmWindow *window = am_window_new (application);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  am_window_open (window, file);
  g_assert_true (iterate_until (load_finished, window));
  iterate_for (50);
  return window;
}

static gpointer
template_child (gpointer    window,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), AM_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return child;
}

static const char *
shown_title (AmWindow *window)
{
  return gtk_window_get_title (GTK_WINDOW (window));
}

/* A drag of node @id, as the canvas reports it. */
static void
drag_node (AmWindow   *window,
           const char *id,
           double      dx,
           double      dy)
{
  AmMapDocument *document = am_window_get_document (window);
  AmGraph *graph = am_map_document_get_graph (document);
  guint node = am_graph_find_node_by_id (graph, id);
  double x = am_graph_get_node (graph, node)->x;
  double y = am_graph_get_node (graph, node)->y;

  am_map_document_begin_move (document);
  for (int i = 1; i <= 4; i++)
    am_map_document_move_node (document, node, x + dx * i / 4, y + dy * i / 4);
  am_map_document_end_move (document);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;

  g_list_free (toplevels);
  return found;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
document_replaced (gpointer data)
{
  gpointer *pair = data;

  return am_window_get_document (pair[0]) != pair[1] && !am_window_get_loading (pair[0]);
}

static void
set_cleared (gpointer  data,
             GObject  *where_the_object_was)
{
  *(gboolean *) data = TRUE;
}

/* Tests */

/* Moved: the title says so; undone: it no longer does; saved: the file
 * holds where the nodes stand. */
static void
test_undo_and_save (void)
{
  g_autofree char *path = write_map ("undo.graphml");
  AmWindow *window = open_window (NULL, path);
  AmMapDocument *document = am_window_get_document (window);
  AmGraph *graph = am_map_document_get_graph (document);
  guint b = am_graph_find_node_by_id (graph, "b");
  double x0 = am_graph_get_node (graph, b)->x;
  double y0 = am_graph_get_node (graph, b)->y;
  g_autoptr(AmGraph) reread = NULL;
  g_autoptr(GError) error = NULL;
  guint reread_b;

  g_assert_false (g_str_has_prefix (shown_title (window), "•"));

  drag_node (window, "b", 40, -25);
  g_assert_true (g_str_has_prefix (shown_title (window), "• "));
  g_assert_cmpstr (shown_title (window), ==, "• undo.graphml");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpfloat (am_graph_get_node (graph, b)->x, ==, x0);
  g_assert_cmpfloat (am_graph_get_node (graph, b)->y, ==, y0);
  g_assert_cmpstr (shown_title (window), ==, "undo.graphml");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpstr (shown_title (window), ==, "• undo.graphml");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_true (iterate_until (save_finished, window));
  g_assert_false (am_map_document_get_modified (document));
  g_assert_cmpstr (shown_title (window), ==, "undo.graphml");

  reread = am_map_loader_load (path, NULL, &error);
  g_assert_no_error (error);
  reread_b = am_graph_find_node_by_id (reread, "b");
  g_assert_cmpfloat (am_graph_get_node (reread, reread_b)->x, ==, x0 + 40);
  g_assert_cmpfloat (am_graph_get_node (reread, reread_b)->y, ==, y0 - 25);

  /* Our own save is no change by another program. */
  iterate_for (600);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (template_child (window, "changed_bar"))));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Closing with changes asks: Cancel keeps the window, Discard closes it. */
static void
test_close_asks (void)
{
  g_autofree char *path = write_map ("close.graphml");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AmWindow *window = open_window (NULL, path);
  AdwMessageDialog *dialog;
  gboolean gone = FALSE;

  g_file_get_contents (path, &before, NULL, NULL);
  g_object_weak_ref (G_OBJECT (window), set_cleared, &gone);
  drag_node (window, "a", 10, 10);

  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (iterate_until (has_message_dialog, NULL));
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save changes to “close.graphml”?");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "save");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "save"), ==,
                   ADW_RESPONSE_SUGGESTED);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "discard"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_false (gone);

  adw_message_dialog_response (dialog, "cancel");
  iterate_for (50);
  g_assert_false (gone);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (am_map_document_get_modified (am_window_get_document (window)));

  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (iterate_until (has_message_dialog, NULL));
  adw_message_dialog_response (find_message_dialog (), "discard");
  iterate_for (50);
  g_assert_true (gone);

  /* Discarded: the file is as it was. */
  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, before);
}

/* Save in the question saves, then closes. */
static void
test_close_saves (void)
{
  g_autofree char *path = write_map ("close-save.graphml");
  AmWindow *window = open_window (NULL, path);
  g_autoptr(AmGraph) reread = NULL;
  g_autoptr(GError) error = NULL;
  double x, y;
  gboolean gone = FALSE;

  g_object_weak_ref (G_OBJECT (window), set_cleared, &gone);
  drag_node (window, "c", -30, 5);
  {
    AmGraph *graph = am_map_document_get_graph (am_window_get_document (window));
    guint c = am_graph_find_node_by_id (graph, "c");

    x = am_graph_get_node (graph, c)->x;
    y = am_graph_get_node (graph, c)->y;
  }

  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (iterate_until (has_message_dialog, NULL));
  adw_message_dialog_response (find_message_dialog (), "save");
  while (!gone)
    g_main_context_iteration (NULL, TRUE);

  reread = am_map_loader_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (am_graph_get_node (reread, am_graph_find_node_by_id (reread, "c"))->x, ==, x);
  g_assert_cmpfloat (am_graph_get_node (reread, am_graph_find_node_by_id (reread, "c"))->y, ==, y);
}

/* Opening another map, or quitting, asks too. */
static void
test_open_and_quit_ask (void)
{
  g_autoptr(AmApplication) application = am_application_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_map ("first.graphml");
  AmWindow *window;
  AmMapDocument *document;
  gpointer pair[2];

  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  window = open_window (GTK_APPLICATION (application), path);
  document = am_window_get_document (window);
  pair[0] = window;
  pair[1] = document;
  drag_node (window, "a", 5, 5);

  am_window_open (window, NULL);
  g_assert_false (am_window_get_loading (window));
  g_assert_true (iterate_until (has_message_dialog, NULL));
  adw_message_dialog_response (find_message_dialog (), "cancel");
  iterate_for (50);
  g_assert_true (am_window_get_document (window) == document);

  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  g_assert_true (iterate_until (has_message_dialog, NULL));
  g_assert_nonnull (gtk_application_get_windows (GTK_APPLICATION (application)));
  adw_message_dialog_response (find_message_dialog (), "cancel");
  iterate_for (50);
  g_assert_nonnull (gtk_application_get_windows (GTK_APPLICATION (application)));

  /* Discarded, the other map opens. */
  am_window_open (window, NULL);
  g_assert_true (iterate_until (has_message_dialog, NULL));
  adw_message_dialog_response (find_message_dialog (), "discard");
  g_assert_true (iterate_until (document_replaced, pair));
  g_assert_null (am_map_document_get_file (am_window_get_document (window)));

  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  iterate_for (20);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (application)));
}

static gboolean
changed_bar_shown (gpointer window)
{
  GtkWidget *bar = template_child (window, "changed_bar");

  return gtk_widget_get_visible (bar) && gtk_info_bar_get_revealed (GTK_INFO_BAR (bar));
}

/* Another program rewrites the file: a bar offers to reload it. */
static void
test_changed_on_disk (void)
{
  g_autofree char *path = write_map ("watched.graphml");
  g_autoptr(GError) error = NULL;
  g_autofree char *changed = NULL;
  AmWindow *window = open_window (NULL, path);
  AmMapDocument *document = am_window_get_document (window);
  GtkWidget *label = template_child (window, "changed_label");
  gpointer pair[2] = { window, document };

  g_assert_false (changed_bar_shown (window));

  g_usleep (10000);
  changed = g_strconcat (plain_map, "<!-- edited elsewhere -->\n", NULL);
  g_file_set_contents (path, changed, -1, &error);
  g_assert_no_error (error);

  g_assert_true (iterate_until (changed_bar_shown, window));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "The file “watched.graphml” changed on disk.");

  /* Saving now would write over the other program's version: refused,
   * with the reason shown, and the moves stay unsaved. */
  drag_node (window, "a", 15, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_true (iterate_until (save_finished, window));
  iterate_for (20);
  g_assert_nonnull (am_window_get_last_error (window));
  g_assert_nonnull (strstr (am_window_get_last_error (window), "changed by another program"));
  g_assert_true (am_map_document_get_modified (document));
  g_assert_true (iterate_until (changed_bar_shown, window));

  /* Reloading asks first, since the moves would be lost. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL));
  g_assert_true (iterate_until (has_message_dialog, NULL));
  adw_message_dialog_response (find_message_dialog (), "discard");
  g_assert_true (iterate_until (document_replaced, pair));
  g_assert_false (changed_bar_shown (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  int status;

  tmp_dir = g_dir_make_tmp ("actor-map-test-window-save-XXXXXX", &error);
  g_assert_no_error (error);
  data_home = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);

  g_test_init (&argc, &argv, NULL);
  g_set_application_name ("Actor Map Test");
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/window-save/undo-and-save", test_undo_and_save);
  g_test_add_func ("/window-save/close-asks", test_close_asks);
  g_test_add_func ("/window-save/close-saves", test_close_saves);
  g_test_add_func ("/window-save/open-and-quit-ask", test_open_and_quit_ask);
  g_test_add_func ("/window-save/changed-on-disk", test_changed_on_disk);

  status = g_test_run ();

  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmp_dir);

    g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  }

  return status;
}

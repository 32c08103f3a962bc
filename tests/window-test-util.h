/* window-test-util.h: opening windows and waiting on them, for the display tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "am-actor-list.h"
#include "am-application.h"
#include "am-details-panel.h"
#include "am-graph-view.h"
#include "am-positions-view.h"
#include "am-window.h"

#define LOAD_TIMEOUT_SECONDS 60

/* Nodes of the map that takes a while to load. */
#define BIG_MAP_NODES 20000

static char *tmp_dir;

/* Helpers */

static inline gboolean
set_flag (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done (a gboolean) turns TRUE; FALSE on timeout. */
static inline gboolean
iterate_until (gboolean (*done) (gpointer),
               gpointer   data,
               guint      timeout_seconds)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (timeout_seconds, set_flag, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (source);

  return !timed_out;
}

static inline void
iterate_for (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static inline gboolean
load_finished (gpointer data)
{
  return !am_window_get_loading (data);
}

static inline void
wait_for_load (AmWindow *window)
{
  g_assert_true (iterate_until (load_finished, window, LOAD_TIMEOUT_SECONDS));
}

static inline gpointer
template_child (AmWindow   *window,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), AM_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return child;
}

static inline gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* A load holds its file until its thread has stopped and its result
 * has come back: drops the caller's reference to @file, then waits for
 * the file to go. */
static inline void
wait_for_load_to_let_go (GFile *file)
{
  g_object_add_weak_pointer (G_OBJECT (file), (gpointer *) &file);
  g_object_unref (file);
  g_assert_true (iterate_until (pointer_cleared, &file, LOAD_TIMEOUT_SECONDS));
}

static inline AmWindow *
open_window (GtkApplication *application,
             GFile          *file)
{
  AmWindow *window = am_window_new (application);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  am_window_open (window, file);
  wait_for_load (window);
  /* Let the list view lay out and bind its rows. */
  iterate_for (50);

  return window;
}

static inline void
close_window (AmWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (20);
}

static inline guint
find_node (AmGraph    *graph,
           const char *label)
{
  for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
    if (g_strcmp0 (am_graph_get_node (graph, i)->label, label) == 0)
      return i;

  return AM_NO_INDEX;
}

static inline guint
find_node_by_id (AmGraph    *graph,
                 const char *id)
{
  return am_graph_find_node_by_id (graph, id);
}

typedef gboolean (*WidgetMatch) (GtkWidget     *widget,
                                 gconstpointer  data);

/* The first widget under @root, @root first and depth first, that @match
 * accepts with @data, or NULL. */
static inline GtkWidget *
find_widget (GtkWidget     *root,
             WidgetMatch    match,
             gconstpointer  data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static inline gboolean
widget_has_name (GtkWidget     *widget,
                 gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static inline GtkWidget *
find_widget_by_name (GtkWidget  *root,
                     const char *name)
{
  return find_widget (root, widget_has_name, name);
}

/* Every label's text under @root, one a line, visible or not. */
static inline void
collect_text (GtkWidget *root,
              GString   *text)
{
  if (GTK_IS_LABEL (root))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (root)));
      g_string_append_c (text, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static inline char *
widget_text (GtkWidget *root)
{
  GString *text = g_string_new (NULL);

  collect_text (root, text);
  return g_string_free (text, FALSE);
}

static inline gboolean
has_accessible_label (GtkWidget  *root,
                      const char *label)
{
  g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (root),
                                                                   GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                   label);

  if (mismatch == NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_accessible_label (child, label))
      return TRUE;

  return FALSE;
}

static inline gboolean
list_has_node (AmActorList *list,
               guint        node)
{
  for (guint i = 0; i < am_actor_list_get_n_rows (list); i++)
    if (am_actor_list_get_row_node (list, i) == node)
      return TRUE;

  return FALSE;
}

static inline guint
count_actor_rows (AmActorList *list)
{
  guint n = 0;

  for (guint i = 0; i < am_actor_list_get_n_rows (list); i++)
    if (am_actor_list_get_row_node (list, i) != AM_NO_INDEX)
      n++;

  return n;
}

static inline char *
write_temp_file (const char *name,
                 const char *contents)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

/* Tests */

static inline void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);

  if (children != NULL)
    {
      GFileInfo *info;
      GFile *child;

      while (g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
        remove_tree (child);
    }

  g_file_delete (file, NULL, NULL);
}

/* A small map in the profile: one actor quoted, one reported, one whose
 * quote is empty, each stating something on an issue; the roles do not
 * name the affiliations. */
static const char statements_map[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
  "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
  "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
  "  <key id=\"role\" for=\"node\" attr.name=\"role\" attr.type=\"string\"/>\n"
  "  <key id=\"affiliation\" for=\"node\" attr.name=\"affiliation\" attr.type=\"string\"/>\n"
  "  <key id=\"ekind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n"
  "  <key id=\"quote\" for=\"edge\" attr.name=\"quote\" attr.type=\"string\"/>\n"
  "  <key id=\"summary\" for=\"edge\" attr.name=\"summary\" attr.type=\"string\"/>\n"
  "  <key id=\"stance\" for=\"edge\" attr.name=\"stance\" attr.type=\"string\"/>\n"
  "  <graph id=\"G\" edgedefault=\"directed\">\n"
  "    <node id=\"ana\"><data key=\"label\">Ana Quoted</data><data key=\"kind\">person</data>"
  "<data key=\"role\">Chief negotiator</data><data key=\"affiliation\">Freedonia</data></node>\n"
  "    <node id=\"ben\"><data key=\"label\">Ben Reported</data><data key=\"kind\">person</data>"
  "<data key=\"role\">Mediator</data><data key=\"affiliation\">Sylvania</data></node>\n"
  "    <node id=\"cara\"><data key=\"label\">Cara Blank</data><data key=\"kind\">person</data>"
  "<data key=\"role\">Envoy</data><data key=\"affiliation\">Sylvania</data></node>\n"
  "    <node id=\"truce\"><data key=\"label\">Truce</data><data key=\"kind\">issue</data></node>\n"
  "    <edge source=\"ana\" target=\"truce\"><data key=\"ekind\">statement</data>"
  "<data key=\"quote\">we will sign tomorrow</data>"
  "<data key=\"summary\">Ana said the truce would be signed.</data>"
  "<data key=\"stance\">supports</data></edge>\n"
  "    <edge source=\"ben\" target=\"truce\"><data key=\"ekind\">statement</data>"
  "<data key=\"summary\">Ben backed the truce in a briefing.</data>"
  "<data key=\"stance\">supports</data></edge>\n"
  "    <edge source=\"cara\" target=\"truce\"><data key=\"ekind\">statement</data>"
  "<data key=\"quote\"></data>"
  "<data key=\"summary\">Cara doubted the truce would hold.</data>"
  "<data key=\"stance\">opposes</data></edge>\n"
  "  </graph>\n"
  "</graphml>\n";

static inline AmWindow *
open_statements_map (void)
{
  g_autofree char *path = write_temp_file ("statements.graphml", statements_map);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AmWindow *window = open_window (NULL, file);

  g_assert_null (am_window_get_last_error (window));
  g_assert_cmpuint (am_graph_get_n_nodes (am_map_document_get_graph (am_window_get_document (window))),
                    ==, 4);
  return window;
}


/* Writes @name in the test folder: a map of @n_nodes actors on a ring,
 * each also linked to actor (i * @chord_step + @chord_offset), so that
 * it is one component, as big as the map. */
static inline char *
write_ring_map (const char *name,
                guint       n_nodes,
                guint       chord_step,
                guint       chord_offset)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  char *path;

  text = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                       "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
                       "  <graph edgedefault=\"undirected\">\n");
  for (guint i = 0; i < n_nodes; i++)
    g_string_append_printf (text, "    <node id=\"n%u\"><data key=\"label\">Actor %u</data></node>\n",
                            i, i);
  for (guint i = 0; i < n_nodes; i++)
    g_string_append_printf (text, "    <edge source=\"n%u\" target=\"n%u\"/>\n"
                                  "    <edge source=\"n%u\" target=\"n%u\"/>\n",
                            i, (i + 1) % n_nodes, i, (i * chord_step + chord_offset) % n_nodes);
  g_string_append (text, "  </graph>\n</graphml>\n");

  path = g_build_filename (tmp_dir, name, NULL);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  return path;
}

/* What every display test program does first: a folder of its own for
 * files and recent files, GTK's test accessibility, no animations (panels
 * fold at once). */
static inline void
window_test_init (int    *argc,
                  char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;

  tmp_dir = g_dir_make_tmp ("actor-map-test-window-XXXXXX", &error);
  g_assert_no_error (error);

  /* Recent files go to a folder of our own, not the user's. */
  data_home = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  /* Accessible properties are kept for the checks, and no accessibility
   * bus is needed, which a bare Xvfb does not have. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  g_test_init (argc, argv, NULL);
  g_set_application_name ("Actor Map Test");
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

static inline int
window_test_run (void)
{
  int status = g_test_run ();
  g_autoptr(GFile) dir = g_file_new_for_path (tmp_dir);

  remove_tree (dir);
  return status;
}

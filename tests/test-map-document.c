/* test-map-document.c: moving nodes, undoing, and saving a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "am-map-document.h"
#include "am-map-loader.h"

/* A map without positions: opened, it is laid out. */
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

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("am-document-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "map.graphml", NULL);
  g_file_set_contents (fixture->path, plain_map, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static AmMapDocument *
open_document (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = path != NULL ? g_file_new_for_path (path) : NULL;
  AmGraph *graph = am_map_loader_load (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (graph);
  return am_map_document_new (graph, file);
}

static const AmNode *
node_by_id (AmMapDocument *document,
            const char    *id)
{
  AmGraph *graph = am_map_document_get_graph (document);
  guint index = am_graph_find_node_by_id (graph, id);

  g_assert_cmpuint (index, !=, AM_NO_INDEX);
  return am_graph_get_node (graph, index);
}

static void
count_notify (guint *count)
{
  (*count)++;
}

static void
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* A drag is one step; undoing back to the file is no change. */
static void
test_undo_redo (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(AmMapDocument) document = open_document (fixture->path);
  guint b = am_graph_find_node_by_id (am_map_document_get_graph (document), "b");
  const AmNode *node = node_by_id (document, "b");
  double x0 = node->x, y0 = node->y;
  guint n_modified = 0, n_undo = 0;

  g_signal_connect_swapped (document, "notify::modified", G_CALLBACK (count_notify), &n_modified);
  g_signal_connect_swapped (document, "notify::can-undo", G_CALLBACK (count_notify), &n_undo);

  g_assert_false (am_map_document_get_modified (document));
  g_assert_false (am_map_document_get_can_undo (document));
  g_assert_false (am_map_document_get_can_redo (document));

  am_map_document_begin_move (document);
  for (int i = 1; i <= 10; i++)
    am_map_document_move_node (document, b, x0 + i, y0 - i);
  am_map_document_end_move (document);

  g_assert_true (am_map_document_get_modified (document));
  g_assert_true (am_map_document_get_can_undo (document));
  g_assert_cmpuint (n_modified, ==, 1);
  g_assert_cmpuint (n_undo, ==, 1);
  g_assert_cmpfloat (node->x, ==, x0 + 10);

  am_map_document_undo (document);
  g_assert_cmpfloat (node->x, ==, x0);
  g_assert_cmpfloat (node->y, ==, y0);
  g_assert_false (am_map_document_get_modified (document));
  g_assert_false (am_map_document_get_can_undo (document));
  g_assert_true (am_map_document_get_can_redo (document));
  g_assert_cmpuint (n_modified, ==, 2);

  am_map_document_redo (document);
  g_assert_cmpfloat (node->x, ==, x0 + 10);
  g_assert_cmpfloat (node->y, ==, y0 - 10);
  g_assert_true (am_map_document_get_modified (document));

  /* A move to where the node is already is none. */
  am_map_document_undo (document);
  am_map_document_move_node (document, b, x0, y0);
  g_assert_false (am_map_document_get_modified (document));
  g_assert_true (am_map_document_get_can_redo (document));
}

/* Saved back, the file holds the moved position and the rest of the
 * layout; the document is unmodified until the next move. */
static void
test_save_back (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(AmMapDocument) document = open_document (fixture->path);
  g_autoptr(AmMapDocument) reopened = NULL;
  g_autoptr(GError) error = NULL;
  guint a = am_graph_find_node_by_id (am_map_document_get_graph (document), "a");
  const AmNode *moved = node_by_id (document, "a");
  g_autofree char *text = NULL;

  am_map_document_move_node (document, a, 123.25, -45.5);
  g_assert_true (am_map_document_save (document, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (am_map_document_get_modified (document));
  g_assert_true (am_map_document_get_can_undo (document));
  g_assert_false (am_map_document_is_changed_on_disk (document));

  g_file_get_contents (fixture->path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "<data key=\"label\">Gamma</data>"));

  reopened = open_document (fixture->path);
  for (const char *const *id = (const char *const[]) { "a", "b", "c", NULL }; *id != NULL; id++)
    {
      g_assert_cmpfloat (node_by_id (reopened, *id)->x, ==, node_by_id (document, *id)->x);
      g_assert_cmpfloat (node_by_id (reopened, *id)->y, ==, node_by_id (document, *id)->y);
    }
  g_assert_cmpfloat (moved->x, ==, 123.25);

  /* Undone past the save: a change again. */
  am_map_document_undo (document);
  g_assert_true (am_map_document_get_modified (document));
}

/* Moves made while a save runs are not written, and stay unsaved. */
static void
test_save_async_snapshot (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(AmMapDocument) document = open_document (fixture->path);
  g_autoptr(AmMapDocument) reopened = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_path = g_build_filename (fixture->dir, "copy.graphml", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  guint c = am_graph_find_node_by_id (am_map_document_get_graph (document), "c");
  guint n_saving = 0, n_file = 0;

  g_signal_connect_swapped (document, "notify::saving", G_CALLBACK (count_notify), &n_saving);
  g_signal_connect_swapped (document, "notify::file", G_CALLBACK (count_notify), &n_file);

  am_map_document_move_node (document, c, 10, 20);
  am_map_document_save_async (document, copy, NULL, store_result, &result);
  g_assert_true (am_map_document_get_saving (document));
  am_map_document_move_node (document, c, 30, 40);
  wait_for (&result);
  g_assert_true (am_map_document_save_finish (document, result, &error));
  g_assert_no_error (error);

  g_assert_false (am_map_document_get_saving (document));
  g_assert_cmpuint (n_saving, ==, 2);
  g_assert_cmpuint (n_file, ==, 1);
  g_assert_true (g_file_equal (am_map_document_get_file (document), copy));
  g_assert_true (am_map_document_get_modified (document));

  reopened = open_document (copy_path);
  g_assert_cmpfloat (node_by_id (reopened, "c")->x, ==, 10);
  g_assert_cmpfloat (node_by_id (reopened, "c")->y, ==, 20);

  am_map_document_undo (document);
  g_assert_false (am_map_document_get_modified (document));
}

/* The bundled map has no file to save to: Save As gives it one. */
static void
test_save_bundled (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(AmMapDocument) document = open_document (NULL);
  g_autoptr(AmMapDocument) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "peace-talks.graphml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  am_map_document_move_node (document, 0, 1, 2);
  g_assert_false (am_map_document_save (document, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
  g_clear_error (&error);
  g_assert_true (am_map_document_get_modified (document));

  g_assert_true (am_map_document_save (document, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (am_map_document_get_modified (document));
  g_assert_true (g_file_equal (am_map_document_get_file (document), file));

  am_map_document_move_node (document, 0, 3, 4);
  g_assert_true (am_map_document_save (document, NULL, NULL, &error));
  g_assert_no_error (error);

  reopened = open_document (path);
  g_assert_cmpuint (am_graph_get_n_nodes (am_map_document_get_graph (reopened)), ==,
                    am_graph_get_n_nodes (am_map_document_get_graph (document)));
  g_assert_cmpfloat (am_graph_get_node (am_map_document_get_graph (reopened), 0)->x, ==, 3);
  g_assert_cmpfloat (am_graph_get_node (am_map_document_get_graph (reopened), 0)->y, ==, 4);
}

/* Reset layout puts the map back as it was laid out, in one step. */
static void
test_reset_layout (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(AmMapDocument) document = open_document (fixture->path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AmGraph *graph = am_map_document_get_graph (document);
  g_autoptr(GArray) laid_out = g_array_copy (graph->nodes);
  guint n_changed = 0;

  am_map_document_move_node (document, 0, 1000, 1000);
  am_map_document_move_node (document, 1, -1000, 1000);
  g_signal_connect_swapped (document, "positions-changed", G_CALLBACK (count_notify), &n_changed);

  am_map_document_reset_layout_async (document, NULL, store_result, &result);
  wait_for (&result);
  g_assert_true (am_map_document_reset_layout_finish (document, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 1);

  for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
    {
      g_assert_cmpfloat (am_graph_get_node (graph, i)->x, ==, g_array_index (laid_out, AmNode, i).x);
      g_assert_cmpfloat (am_graph_get_node (graph, i)->y, ==, g_array_index (laid_out, AmNode, i).y);
    }

  /* Both nodes come back in one undo. */
  am_map_document_undo (document);
  g_assert_cmpfloat (am_graph_get_node (graph, 0)->x, ==, 1000);
  g_assert_cmpfloat (am_graph_get_node (graph, 1)->x, ==, -1000);
}

/* Another program's writing is seen; our own is not. */
static void
test_changed_on_disk (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AmMapDocument) document = open_document (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *changed = NULL;

  g_assert_false (am_map_document_is_changed_on_disk (document));

  am_map_document_move_node (document, 0, 5, 5);
  g_assert_true (am_map_document_save (document, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (am_map_document_is_changed_on_disk (document));

  /* A new modification time, whatever the clock's resolution. */
  g_usleep (10000);
  changed = g_strconcat (plain_map, "<!-- edited elsewhere -->\n", NULL);
  g_file_set_contents (fixture->path, changed, -1, &error);
  g_assert_no_error (error);
  g_assert_true (am_map_document_is_changed_on_disk (document));

  /* Saving would write our positions into the other program's file. */
  am_map_document_move_node (document, 0, 6, 6);
  g_assert_false (am_map_document_save (document, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_assert_true (am_map_document_get_modified (document));
  g_clear_error (&error);
  {
    g_autofree char *text = NULL;

    g_file_get_contents (fixture->path, &text, NULL, NULL);
    g_assert_cmpstr (text, ==, changed);
  }
}

/* A disk that fills up during the save keeps the old file, and the
 * changes stay unsaved. */
static void
test_save_disk_full (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GString) big = g_string_new ("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph>");
  g_autoptr(AmMapDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  struct rlimit saved, limit;
  gboolean ok;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (big, "<node id=\"n%u\"/>", i);
  g_string_append (big, "</graph></graphml>");
  g_file_set_contents (fixture->path, big->str, -1, &error);
  g_assert_no_error (error);
  before = g_strdup (big->str);

  document = open_document (fixture->path);
  am_map_document_move_node (document, 7, 1, 1);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = 40000;   /* the map fits, the one with positions does not */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  ok = am_map_document_save (document, NULL, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);

  g_assert_false (ok);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (am_map_document_get_modified (document));
  g_assert_false (am_map_document_get_saving (document));

  g_file_get_contents (fixture->path, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/map-document/undo-redo", test_undo_redo);
  ADD ("/map-document/save-back", test_save_back);
  ADD ("/map-document/save-async-snapshot", test_save_async_snapshot);
  ADD ("/map-document/save-bundled", test_save_bundled);
  ADD ("/map-document/reset-layout", test_reset_layout);
  ADD ("/map-document/changed-on-disk", test_changed_on_disk);
  ADD ("/map-document/save-disk-full", test_save_disk_full);

#undef ADD

  return g_test_run ();
}

/* test-cli.c: the actor-map command line, run as a user would, with no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <string.h>

#include "am-map-loader.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("am-cli-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Runs actor-map with no display and returns its exit status. */
static int
run_actor_map (const char * const *args,
               char              **out,
               char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) g_getenv ("AM_ACTOR_MAP"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static int
count_substrings (const char *haystack,
                  const char *needle)
{
  int n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* No coordinate in the drawing is NaN or infinite. */
static void
assert_geometry_finite (xmlNodePtr element)
{
  static const char *geometry[] = {
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "width", "height",
    "d", "points", "transform", "viewBox", "stroke-width",
  };

  for (xmlNodePtr child = element; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      for (guint i = 0; i < G_N_ELEMENTS (geometry); i++)
        {
          g_autofree char *lower = NULL;
          xmlChar *value = xmlGetProp (child, (const xmlChar *) geometry[i]);

          if (value == NULL)
            continue;
          lower = g_ascii_strdown ((const char *) value, -1);
          xmlFree (value);
          g_assert_null (strstr (lower, "nan"));
          g_assert_null (strstr (lower, "inf"));
        }

      assert_geometry_finite (child->children);
    }
}

static void
test_export_svg_without_display (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *svg = g_build_filename (fixture->dir, "map.svg", NULL);
  g_autofree char *option = g_strdup_printf ("--export=%s", svg);
  const char *args[] = { option, NULL };
  g_autofree char *out = NULL, *err = NULL, *contents = NULL;
  const char *actors[] = { "Dan Driscoll", "Sergei Lavrov", "Volodymyr Zelensky",
                           "Emmanuel Macron", "Kaja Kallas", "Rustem Umerov" };
  xmlDocPtr doc;
  gsize length;

  g_assert_cmpint (run_actor_map (args, &out, &err), ==, 0);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));

  doc = xmlReadMemory (contents, (int) length, "map.svg", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  g_assert_cmpstr ((const char *) xmlDocGetRootElement (doc)->name, ==, "svg");
  assert_geometry_finite (xmlDocGetRootElement (doc));
  xmlFreeDoc (doc);

  for (guint i = 0; i < G_N_ELEMENTS (actors); i++)
    {
      g_autofree char *pattern = g_strdup_printf (">%s</text>", actors[i]);

      g_assert_nonnull (strstr (contents, pattern));
    }
}

static void
test_export_png_and_pdf (Fixture       *fixture,
                         gconstpointer  data)
{
  static const struct { const char *name; const char *magic; gsize magic_length; } formats[] = {
    { "map.png", "\x89PNG\r\n\x1a\n", 8 },
    { "map.PDF", "%PDF-", 5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, formats[i].name, NULL);
      g_autofree char *option = g_strdup_printf ("--export=%s", path);
      const char *args[] = { option, NULL };
      g_autofree char *out = NULL, *err = NULL, *contents = NULL;
      gsize length = 0;

      g_assert_cmpint (run_actor_map (args, &out, &err), ==, 0);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
      g_assert_cmpmem (contents, formats[i].magic_length, formats[i].magic, formats[i].magic_length);
    }
}

static void
test_failed_export_keeps_old_file (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (fixture->dir, "plain-file", NULL);
  g_autofree char *through = g_build_filename (blocker, "map.svg", NULL);
  g_autofree char *option = g_strdup_printf ("--export=%s", through);
  g_autofree char *out = NULL, *err = NULL, *contents = NULL;
  const char *args[] = { option, NULL };
  const char *unknown_args[] = { "--export=map.docx", NULL };
  g_autoptr(GDir) dir = NULL;
  int n_entries = 0;

  g_assert_true (g_file_set_contents (blocker, "precious", -1, NULL));

  g_assert_cmpint (run_actor_map (args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, through));
  g_assert_true (g_file_get_contents (blocker, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "precious");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_actor_map (unknown_args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "map.docx"));

  /* Nothing left behind. */
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_entries++;
  g_assert_cmpint (n_entries, ==, 1);
}

static const char unplaced_map[] =
  "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">"
  "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>"
  "<graph edgedefault=\"undirected\">"
  "<node id=\"a\"/><node id=\"b\"/><node id=\"c\"/><node id=\"d\"/>"
  "<edge source=\"a\" target=\"b\"><data key=\"w\">2.5</data></edge>"
  "<edge source=\"b\" target=\"c\"/><edge source=\"c\" target=\"a\"/>"
  "</graph></graphml>";

/* The map as it is shown: a file without positions gets its layout. */
static void
test_save_graphml (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "unplaced.graphml", NULL);
  g_autofree char *saved = g_build_filename (fixture->dir, "saved.graphml", NULL);
  g_autofree char *bundled = g_build_filename (fixture->dir, "bundled.graphml", NULL);
  g_autofree char *option = g_strdup_printf ("--save=%s", saved);
  g_autofree char *bundled_option = g_strdup_printf ("--save=%s", bundled);
  g_autofree char *out = NULL, *err = NULL, *text = NULL;
  const char *args[] = { option, path, NULL };
  const char *bundled_args[] = { bundled_option, NULL };
  g_autoptr(AmGraph) shown = NULL;
  g_autoptr(AmGraph) reread = NULL;
  g_autoptr(AmGraph) reread_bundled = NULL;
  g_autoptr(AmGraph) bundled_map = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, unplaced_map, -1, NULL));
  g_assert_cmpint (run_actor_map (args, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");

  g_assert_true (g_file_get_contents (saved, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<data key=\"w\">2.5</data>"));

  shown = am_map_loader_load (path, NULL, &error);
  g_assert_no_error (error);
  reread = am_map_loader_load (saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (am_graph_has_positions (reread));
  g_assert_cmpuint (am_graph_get_n_nodes (reread), ==, 4);
  for (guint i = 0; i < am_graph_get_n_nodes (shown); i++)
    {
      g_assert_cmpfloat (am_graph_get_node (reread, i)->x, ==, am_graph_get_node (shown, i)->x);
      g_assert_cmpfloat (am_graph_get_node (reread, i)->y, ==, am_graph_get_node (shown, i)->y);
    }

  /* The bundled map, which has its positions already. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_actor_map (bundled_args, &out, &err), ==, 0);
  bundled_map = am_map_loader_load (NULL, NULL, &error);
  g_assert_no_error (error);
  reread_bundled = am_map_loader_load (bundled, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (am_graph_get_n_nodes (reread_bundled), ==, am_graph_get_n_nodes (bundled_map));
  g_assert_cmpuint (am_graph_get_n_edges (reread_bundled), ==, am_graph_get_n_edges (bundled_map));
  for (guint i = 0; i < am_graph_get_n_nodes (bundled_map); i++)
    {
      g_assert_cmpfloat (am_graph_get_node (reread_bundled, i)->x, ==,
                         am_graph_get_node (bundled_map, i)->x);
      g_assert_cmpfloat (am_graph_get_node (reread_bundled, i)->y, ==,
                         am_graph_get_node (bundled_map, i)->y);
    }
}

/* A save that cannot be written says where, exits 1, and leaves what
 * was there. */
static void
test_failed_save (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (fixture->dir, "plain-file", NULL);
  g_autofree char *through = g_build_filename (blocker, "map.graphml", NULL);
  g_autofree char *option = g_strdup_printf ("--save=%s", through);
  g_autofree char *out = NULL, *err = NULL, *contents = NULL;
  const char *args[] = { option, NULL };

  g_assert_true (g_file_set_contents (blocker, "precious", -1, NULL));
  g_assert_cmpint (run_actor_map (args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, through));
  g_assert_true (g_file_get_contents (blocker, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "precious");
}

static void
test_stats (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "small.graphml", NULL);
  const char *args[] = { "--stats", path, NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_true (g_file_set_contents (path,
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
    "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
    "<graph edgedefault=\"undirected\">\n"
    "<node id=\"a\"><graph><node id=\"a1\"/></graph></node><node id=\"b\"/>\n"
    "<edge source=\"a\" target=\"b\" directed=\"true\"/><edge source=\"b\" target=\"zz\"/>\n"
    "<hyperedge><endpoint node=\"a\"/><endpoint node=\"b\"/></hyperedge>\n"
    "</graph></graphml>\n", -1, NULL));

  g_assert_cmpint (run_actor_map (args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "nodes: 3\n"));
  g_assert_nonnull (strstr (out, "edges: 2\n"));
  g_assert_nonnull (strstr (out, "hyperedges: 1\n"));
  g_assert_nonnull (strstr (out, "directed: mixed\n"));
  g_assert_nonnull (strstr (out, "weight"));
  g_assert_nonnull (strstr (out, "warnings: 1\n"));
  /* The warning names the file and the line of the edge. */
  g_assert_nonnull (strstr (err, "small.graphml:5:"));
  g_assert_nonnull (strstr (err, "zz"));
}

static void
test_many_warnings_are_summed_up (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "noisy.graphml", NULL);
  const char *args[] = { "--stats", path, NULL };
  g_autofree char *out = NULL, *err = NULL;
  GString *doc = g_string_new ("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph>");

  /* Each node names an undeclared key: one warning apiece. */
  for (int i = 0; i < 205; i++)
    g_string_append_printf (doc, "<node id=\"n%d\"><data key=\"k%d\">v</data></node>", i, i);
  g_string_append (doc, "</graph></graphml>");
  g_assert_true (g_file_set_contents (path, doc->str, -1, NULL));
  g_string_free (doc, TRUE);

  g_assert_cmpint (run_actor_map (args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "warnings: 205\n"));
  g_assert_nonnull (strstr (err, ": 5 more warnings not shown\n"));
}

static void
test_stats_of_bundled_map (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *args[] = { "--stats", NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_actor_map (args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "directed: yes\n"));
  g_assert_nonnull (strstr (out, "warnings: 0\n"));
  g_assert_cmpint (count_substrings (out, "\n  "), >=, 10);
}

static void
test_broken_file_is_refused (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "broken.graphml", NULL);
  g_autofree char *svg = g_build_filename (fixture->dir, "out.svg", NULL);
  g_autofree char *option = g_strdup_printf ("--export=%s", svg);
  g_autofree char *expected = g_strdup_printf ("%s:3:", path);
  const char *args[] = { option, path, NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_true (g_file_set_contents (path,
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n<graph>\n<node id=\"a\"></graph>\n",
    -1, NULL));

  g_assert_cmpint (run_actor_map (args, &out, &err), ==, 1);
  g_assert_true (g_str_has_prefix (err, expected));
  g_assert_false (g_file_test (svg, G_FILE_TEST_EXISTS));
}

static void
test_help_and_version (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *help[] = { "--help", NULL };
  const char *version[] = { "--version", NULL };
  const char *bad[] = { "--no-such-option", NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_actor_map (help, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "--export"));
  g_assert_nonnull (strstr (out, "--stats"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_actor_map (version, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "actor-map " PACKAGE_VERSION "\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_actor_map (bad, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "no-such-option"));
}

/* The statements as a table, and the matrix of positions, headless. */
static void
test_export_positions (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (fixture->dir, "statements.csv", NULL);
  g_autofree char *svg = g_build_filename (fixture->dir, "positions.svg", NULL);
  g_autofree char *csv_option = g_strdup_printf ("--export=%s", csv);
  g_autofree char *svg_option = g_strdup_printf ("--export=%s", svg);
  const char *csv_args[] = { csv_option, NULL };
  const char *svg_args[] = { "--view=positions", svg_option, NULL };
  const char *bad_view[] = { "--view=table", svg_option, NULL };
  g_autofree char *out = NULL, *err = NULL, *table = NULL, *drawing = NULL;
  xmlDocPtr doc;
  gsize length;

  g_assert_cmpint (run_actor_map (csv_args, &out, &err), ==, 0);
  g_assert_true (g_file_get_contents (csv, &table, NULL, NULL));
  g_assert_true (g_str_has_prefix (table, "actor,issue,stance,kind,text,paragraph,when\r\n"));
  /* Lavrov's words, quoted as the source quotes them, with paragraph and day. */
  g_assert_nonnull (strstr (table, "Sergei Lavrov,Amended US peace plan (draft),conditional,quote,"
                                   "spirit and letter,5,Tuesday\r\n"));
  g_assert_cmpint (count_substrings (table, "\r\n"), >, 10);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_actor_map (svg_args, &out, &err), ==, 0);
  g_assert_true (g_file_get_contents (svg, &drawing, &length, NULL));
  doc = xmlReadMemory (drawing, (int) length, "positions.svg", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  xmlFreeDoc (doc);
  g_assert_nonnull (strstr (drawing, ">Kaja Kallas</text>"));
  g_assert_nonnull (strstr (drawing, "id=\"cell-kallas-issue-g8\""));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_actor_map (bad_view, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "table"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("AM_ACTOR_MAP") == NULL)
    g_error ("AM_ACTOR_MAP must name the actor-map executable");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/export-svg", test_export_svg_without_display);
  ADD ("/cli/export-png-pdf", test_export_png_and_pdf);
  ADD ("/cli/failed-export", test_failed_export_keeps_old_file);
  ADD ("/cli/save", test_save_graphml);
  ADD ("/cli/failed-save", test_failed_save);
  ADD ("/cli/stats", test_stats);
  ADD ("/cli/stats-bundled", test_stats_of_bundled_map);
  ADD ("/cli/many-warnings", test_many_warnings_are_summed_up);
  ADD ("/cli/broken-file", test_broken_file_is_refused);
  ADD ("/cli/help-version", test_help_and_version);
  ADD ("/cli/export-positions", test_export_positions);

  return g_test_run ();
}

/* benchmark.c: times each stage from GraphML to SVG and PNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   actor-map-benchmark FILE.graphml          read, lay out, draw, export, save
 *   actor-map-benchmark --generate N M        the same on a generated graph
 *
 * Exports go to a temporary folder that is removed afterwards, unless
 * --keep names one.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "am-export.h"
#include "am-graphml-reader.h"
#include "am-graphml-writer.h"
#include "am-layout.h"
#include "am-render.h"

static gint64 stage_start;

static void
stage_begin (void)
{
  stage_start = g_get_monotonic_time ();
}

static double
stage_end (const char *name)
{
  double seconds = (g_get_monotonic_time () - stage_start) / (double) G_USEC_PER_SEC;
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  printf ("%-12s %9.3f s   peak %7.1f MiB\n", name, seconds, usage.ru_maxrss / 1024.0);
  fflush (stdout);
  return seconds;
}

/* A scale-free-ish graph in the actor-map profile, the same for the same sizes. */
static char *
generate_graphml (guint n_nodes,
                  guint n_edges)
{
  static const char *kinds[] = { "person", "government", "organisation", "issue" };
  static const char *affiliations[] = { "Russia", "Ukraine", "United States", "European Union",
                                        "France", "United Kingdom", "NATO" };
  GString *doc = g_string_new (NULL);
  GRand *rand = g_rand_new_with_seed (20261129);

  g_string_append (doc,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
    "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
    "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
    "  <key id=\"aff\" for=\"node\" attr.name=\"affiliation\" attr.type=\"string\"/>\n"
    "  <key id=\"ekind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\">"
    "<default>talks</default></key>\n"
    "  <key id=\"summary\" for=\"edge\" attr.name=\"summary\" attr.type=\"string\"/>\n"
    "  <graph id=\"G\" edgedefault=\"directed\">\n");

  for (guint i = 0; i < n_nodes; i++)
    g_string_append_printf (doc,
      "    <node id=\"n%u\"><data key=\"label\">Actor %u</data><data key=\"kind\">%s</data>"
      "<data key=\"aff\">%s</data></node>\n",
      i, i, kinds[i % G_N_ELEMENTS (kinds)], affiliations[(i / 7) % G_N_ELEMENTS (affiliations)]);

  for (guint i = 0; i < n_edges; i++)
    {
      /* Half the edges to a popular early node, half at random. */
      guint source = g_rand_int_range (rand, 0, n_nodes);
      guint target = g_rand_boolean (rand)
                     ? (guint) (n_nodes * g_rand_double (rand) * g_rand_double (rand))
                     : (guint) g_rand_int_range (rand, 0, n_nodes);

      g_string_append_printf (doc,
        "    <edge source=\"n%u\" target=\"n%u\"><data key=\"summary\">Said something "
        "about actor %u</data></edge>\n", source, target, target);
    }

  g_string_append (doc, "  </graph>\n</graphml>\n");
  g_rand_free (rand);

  return g_string_free (doc, FALSE);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_remove (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keep = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *input = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *png = NULL;
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  gboolean generate = FALSE;
  gboolean no_layout = FALSE;
  cairo_surface_t *surface;
  AmRenderOptions options;
  cairo_t *cr;
  const GOptionEntry entries[] = {
    { "generate", 'g', 0, G_OPTION_ARG_NONE, &generate, "Generate a graph of N nodes and M edges", NULL },
    { "keep", 'k', 0, G_OPTION_ARG_FILENAME, &keep, "Write the exports into DIR and keep them", "DIR" },
    { "no-layout", 0, 0, G_OPTION_ARG_NONE, &no_layout, "Skip the layout even without positions", NULL },
    { NULL }
  };

  context = g_option_context_new ("FILE | --generate N M");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      (generate && argc != 3) || (!generate && argc != 2))
    {
      g_printerr ("%s\n", error != NULL ? error->message
                                        : "usage: actor-map-benchmark FILE | --generate N M");
      return 2;
    }

  dir = keep != NULL ? g_strdup (keep) : g_dir_make_tmp ("am-bench-XXXXXX", NULL);
  g_mkdir_with_parents (dir, 0755);

  if (generate)
    {
      g_autofree char *text = NULL;

      stage_begin ();
      text = generate_graphml ((guint) g_ascii_strtoull (argv[1], NULL, 10),
                               (guint) g_ascii_strtoull (argv[2], NULL, 10));
      input = g_build_filename (dir, "generated.graphml", NULL);
      g_file_set_contents (input, text, -1, NULL);
      stage_end ("generate");
    }
  else
    input = g_strdup (argv[1]);

  stage_begin ();
  graph = am_graphml_read_file (input, NULL, NULL, NULL, &error);
  if (graph == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  stage_end ("parse");
  printf ("%-12s %u nodes, %u edges, %u warnings\n", "", am_graph_get_n_nodes (graph),
          am_graph_get_n_edges (graph), graph->n_warnings);

  stage_begin ();
  am_render_measure_nodes (graph);
  stage_end ("measure");

  if (am_graph_has_positions (graph) || no_layout)
    printf ("%-12s positions from the file\n", "layout");
  else
    {
      stage_begin ();
      am_layout_run (graph, NULL, NULL, NULL);
      stage_end ("layout");
    }

  /* One frame of the window's size, the whole map in view. */
  stage_begin ();
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
  cr = cairo_create (surface);
  am_render_options_init (&options);
  am_render_options_fit (&options, graph, 1280, 800);
  am_render_to_cairo (graph, &options, cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  stage_end ("draw");

  svg = g_build_filename (dir, "export.svg", NULL);
  stage_begin ();
  if (!am_export_to_file (graph, NULL, svg, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  stage_end ("export-svg");

  png = g_build_filename (dir, "export.png", NULL);
  stage_begin ();
  if (!am_export_to_file (graph, NULL, png, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  stage_end ("export-png");

  /* Saved back into GraphML with where every node stands. */
  {
    g_autofree char *saved = g_build_filename (dir, "saved.graphml", NULL);
    g_autoptr(GFile) from = g_file_new_for_path (input);
    g_autoptr(GFile) to = g_file_new_for_path (saved);

    stage_begin ();
    if (!am_graphml_save (graph, from, to, AM_GRAPHML_SAVE_POSITIONS, NULL, &error))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
    stage_end ("save-graphml");
  }

  if (keep == NULL)
    remove_dir (dir);

  return 0;
}

/* am-cli.c: the command line, which needs no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parsed here with a GOptionContext, before any application object
 * exists, rather than by GApplication's handle-local-options: the core
 * holds no GtkApplication, and GApplication's own parsing (GLib 2.74,
 * tried) ends a bad command line with status 1, where ours has always
 * been 2 (status 1 is a map that could not be read or written). --help and --version
 * follow GLib's conventions all the same.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "am-cli.h"
#include "am-export.h"
#include "am-graphml-writer.h"
#include "am-map-loader.h"
#include "am-positions-csv.h"
#include "am-positions-render.h"

void
am_cli_options_clear (AmCliOptions *options)
{
  g_clear_pointer (&options->export_path, g_free);
  g_clear_pointer (&options->view, g_free);
  g_clear_pointer (&options->save_path, g_free);
  g_clear_pointer (&options->file, g_free);
}

gboolean
am_cli_parse (AmCliOptions   *options,
              int            *argc,
              char         ***argv,
              GError        **error)
{
  g_auto(GStrv) files = NULL;
  g_autoptr(GOptionContext) context = NULL;
  const GOptionEntry entries[] = {
    { "export", 'e', 0, G_OPTION_ARG_FILENAME, &options->export_path,
      N_("Write the map to OUT (SVG, PNG or PDF, by its extension; CSV for the statements "
         "about issues) and quit"), N_("OUT") },
    { "view", 0, 0, G_OPTION_ARG_STRING, &options->view,
      N_("What --export draws: the map (map) or the actors’ positions on the issues (positions)"),
      N_("VIEW") },
    { "static", 0, 0, G_OPTION_ARG_NONE, &options->static_svg,
      N_("Export an SVG as a plain picture, without what actors said opening on a click"), NULL },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &options->save_path,
      N_("Write the map to OUT as GraphML, with the positions it is shown at, and quit"), N_("OUT") },
    { "stats", 's', 0, G_OPTION_ARG_NONE, &options->stats,
      N_("Print the graph’s counts, keys and warnings and quit"), NULL },
    { "version", 'v', 0, G_OPTION_ARG_NONE, &options->version,
      N_("Print the version and quit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("[FILE]") },
    { NULL }
  };

  memset (options, 0, sizeof *options);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Show who said what to whom: a map of political actors "
                                  "from a GraphML file (the bundled map when none is given)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;

  if (files != NULL && g_strv_length (files) > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Give at most one file, not %u"), g_strv_length (files));
      return FALSE;
    }

  if (options->view != NULL && g_strcmp0 (options->view, "map") != 0 &&
      g_strcmp0 (options->view, "positions") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown view “%s”: use map or positions"), options->view);
      return FALSE;
    }

  if (files != NULL && files[0] != NULL)
    options->file = g_strdup (files[0]);

  return TRUE;
}

gboolean
am_cli_is_headless (const AmCliOptions *options)
{
  return options->export_path != NULL || options->save_path != NULL || options->stats ||
         options->version;
}

static void
print_warnings (const AmGraph *graph,
                const char    *name)
{
  guint n_kept = am_graph_get_n_kept_warnings (graph);
  guint n_all = am_graph_get_n_warnings (graph);

  for (guint i = 0; i < n_kept; i++)
    {
      const AmDiagnostic *warning = am_graph_get_warning (graph, i);

      if (warning->line > 0)
        g_printerr ("%s:%d:%d: %s: %s\n", name, warning->line, warning->column,
                    _("warning"), warning->message);
      else
        g_printerr ("%s: %s: %s\n", name, _("warning"), warning->message);
    }

  if (n_all > n_kept)
    g_printerr (ngettext ("%s: %u more warning not shown\n",
                          "%s: %u more warnings not shown\n",
                          n_all - n_kept),
                name, n_all - n_kept);
}

static void
print_stats (const AmGraph *graph)
{
  const char *title = am_graph_get_title (graph);

  /* Machine-readable: these lines stay untranslated. */
  if (title != NULL)
    printf ("title: %s\n", title);
  printf ("nodes: %u\n", am_graph_get_n_node_elements (graph));
  printf ("edges: %u\n", am_graph_get_n_edges (graph));
  printf ("hyperedges: %u\n", am_graph_get_n_hyperedges (graph));
  printf ("graphs: %u\n", am_graph_get_n_subgraphs (graph));
  printf ("directed: %s\n", am_graph_get_directedness (graph));
  if (am_graph_get_n_node_elements (graph) < am_graph_get_n_nodes (graph))
    printf ("undeclared nodes: %u\n",
            am_graph_get_n_nodes (graph) - am_graph_get_n_node_elements (graph));
  printf ("keys: %u\n", am_graph_get_n_keys (graph));

  for (guint i = 0; i < am_graph_get_n_keys (graph); i++)
    {
      const AmKey *key = am_graph_get_key (graph, i);

      printf ("  %s\t%s\t%s\t%s", key->id != NULL ? key->id : "-",
              am_domain_to_string (key->domain), am_attr_type_to_string (key->type), key->name);
      if (key->default_value != NULL)
        printf ("\tdefault=%s", key->default_value);
      printf ("\n");
    }

  printf ("warnings: %u\n", am_graph_get_n_warnings (graph));
}

static gboolean
has_extension (const char *path,
               const char *extension)
{
  const char *dot = strrchr (path, '.');

  return dot != NULL && g_ascii_strcasecmp (dot + 1, extension) == 0;
}

/* The map, the matrix of positions, or the statements as a table. */
static gboolean
export (AmGraph             *graph,
        const AmCliOptions  *options,
        GError             **error)
{
  const char *path = options->export_path;

  if (has_extension (path, "csv"))
    return am_positions_export_csv (graph, path, error);

  if (!am_export_format_from_path (path, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: unknown export format; use a name ending in .svg, .png, .pdf or .csv"),
                   path);
      return FALSE;
    }

  if (g_strcmp0 (options->view, "positions") == 0)
    return am_positions_export (graph, AM_POSITIONS_ORDER_SIMILARITY, FALSE, path, error);

  return am_export_to_file_full (graph, NULL,
                                 options->static_svg ? AM_EXPORT_STATIC : AM_EXPORT_FLAGS_NONE,
                                 path, error);
}

/* Everything of the file, with every node where the map shows it: the
 * file's own positions, or the layout made for it. */
static gboolean
save_graphml (const AmGraph       *graph,
              const AmCliOptions  *options,
              GError             **error)
{
  g_autoptr(GFile) destination = g_file_new_for_commandline_arg (options->save_path);
  g_autoptr(GFile) source = NULL;
  g_autoptr(GBytes) bundled = NULL;

  if (options->file == NULL)
    {
      bundled = am_map_loader_get_bundled_map ();
      return am_graphml_save_from_bytes (graph, bundled, destination, AM_GRAPHML_SAVE_POSITIONS,
                                         NULL, error);
    }

  source = g_file_new_for_commandline_arg (options->file);
  return am_graphml_save (graph, source, destination, AM_GRAPHML_SAVE_POSITIONS, NULL, error);
}

int
am_cli_run (const AmCliOptions *options)
{
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = options->file != NULL ? options->file : "peace-talks.graphml";

  if (options->version)
    {
      printf ("actor-map %s\n", PACKAGE_VERSION);
      return 0;
    }

  graph = am_map_loader_read (options->file, NULL, &error);
  if (graph == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  print_warnings (graph, name);

  if (options->stats)
    print_stats (graph);

  /* The map drawn or saved stands where the window would show it: laid
   * out unless the file places every node, and sized for its labels when
   * drawn. The positions and the statements need neither. */
  if ((options->save_path != NULL && !am_graph_has_positions (graph)) ||
      (options->export_path != NULL && g_strcmp0 (options->view, "positions") != 0 &&
       !has_extension (options->export_path, "csv")))
    am_map_loader_prepare (graph, NULL);

  if (options->export_path != NULL && !export (graph, options, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (options->save_path != NULL && !save_graphml (graph, options, &error))
    {
      /* Messages of the file system name the file already. */
      if (strstr (error->message, options->save_path) != NULL)
        g_printerr ("%s\n", error->message);
      else
        g_printerr ("%s: %s\n", options->save_path, error->message);
      return 1;
    }

  return 0;
}

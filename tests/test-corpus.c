/* test-corpus.c: GraphML written by other tools loads with the right counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The corpus lives outside the repository (AM_CORPUS_DIR); its MANIFEST.tsv
 * names each file with the node and edge counts it must load with, or says
 * that it must be refused.
 */

#include "config.h"

#include <string.h>

#include "am-graphml-reader.h"
#include "am-test-fixtures.h"

typedef struct
{
  char  *path;
  guint  nodes;
  guint  edges;
  char  *directed;
  gboolean reject;
} CorpusEntry;

static void
corpus_entry_free (gpointer data)
{
  CorpusEntry *entry = data;

  g_free (entry->path);
  g_free (entry->directed);
  g_free (entry);
}

static void
test_corpus_file (gconstpointer data)
{
  const CorpusEntry *entry = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AmGraph) graph = am_graphml_read_file (entry->path, NULL, NULL, NULL, &error);

  if (entry->reject)
    {
      g_assert_null (graph);
      g_assert_nonnull (error);
      /* The message names the file, and a position where libxml2 has one. */
      g_assert_true (g_str_has_prefix (error->message, entry->path));
      g_test_message ("refused: %s", error->message);
      return;
    }

  g_assert_no_error (error);
  g_assert_cmpuint (graph->n_node_elements, ==, entry->nodes);
  g_assert_cmpuint (am_graph_get_n_edges (graph), ==, entry->edges);
  g_assert_cmpstr (am_graph_get_directedness (graph), ==, entry->directed);

  /* Every edge ends at a real node, declared or added for a dangling id. */
  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);

      if (edge->flags & AM_EDGE_DANGLING && (edge->source == AM_NO_INDEX || edge->target == AM_NO_INDEX))
        continue;
      g_assert_cmpuint (edge->source, <, am_graph_get_n_nodes (graph));
      g_assert_cmpuint (edge->target, <, am_graph_get_n_nodes (graph));
    }

  for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
    g_assert_nonnull (am_graph_get_node (graph, i)->label);
}

static void
test_corpus_missing (void)
{
  am_test_skip_unless_ci ("GraphML corpus not found (set AM_CORPUS_DIR)");
}

static GPtrArray *
read_manifest (const char *dir)
{
  g_autofree char *manifest = g_build_filename (dir, "MANIFEST.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *entries;

  if (!g_file_get_contents (manifest, &contents, NULL, NULL))
    return NULL;

  entries = g_ptr_array_new_with_free_func (corpus_entry_free);
  lines = g_strsplit (contents, "\n", -1);

  /* Columns: file producer source nodes edges directed features expected counted_by */
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      CorpusEntry *entry;

      if (g_strv_length (fields) < 8)
        continue;

      entry = g_new0 (CorpusEntry, 1);
      entry->path = g_build_filename (dir, fields[0], NULL);
      entry->nodes = (guint) g_ascii_strtoull (fields[3], NULL, 10);
      entry->edges = (guint) g_ascii_strtoull (fields[4], NULL, 10);
      entry->directed = g_strdup (fields[5]);
      entry->reject = strcmp (fields[7], "reject") == 0;
      g_ptr_array_add (entries, entry);
    }

  return entries;
}

int
main (int   argc,
      char *argv[])
{
  const char *dir = g_getenv ("AM_CORPUS_DIR");
  g_autoptr(GPtrArray) entries = NULL;

  g_test_init (&argc, &argv, NULL);

  if (dir != NULL)
    entries = read_manifest (dir);

  if (entries == NULL || entries->len == 0)
    {
      g_test_add_func ("/corpus/missing", test_corpus_missing);
      return g_test_run ();
    }

  for (guint i = 0; i < entries->len; i++)
    {
      const CorpusEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *name = g_strdup_printf ("/corpus/%s", entry->path + strlen (dir) + 1);

      g_test_add_data_func (name, entry, test_corpus_file);
    }

  return g_test_run ();
}

/* fuzz-graphml-reader.c: libFuzzer entry point for the GraphML reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every input must either load or be refused with an error; whatever
 * loads must hold together (endpoints in range, labels set). Read from a
 * file in two halves, it must give just what one pass gives.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "am-graphml-reader-private.h"

static void
check_graph (const AmGraph *graph)
{
  guint n_nodes = am_graph_get_n_nodes (graph);

  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);

      if (edge->source != AM_NO_INDEX && edge->source >= n_nodes)
        __builtin_trap ();
      if (edge->target != AM_NO_INDEX && edge->target >= n_nodes)
        __builtin_trap ();
    }

  for (guint i = 0; i < n_nodes; i++)
    if (am_graph_get_node (graph, i)->label == NULL)
      __builtin_trap ();
}

static void
check_halves (const uint8_t *data,
              size_t         size,
              const AmGraph *one,
              const GError  *one_error)
{
  static char *path;
  g_autoptr(GError) error = NULL;
  g_autoptr(AmGraph) two = NULL;
  gboolean halves = FALSE;
  FILE *file;

  /* Only inputs with a line opening an element past the middle can be
   * cut; the others are read in one pass anyway. Writing a file costs,
   * so one input in four, chosen by its bytes, is checked. */
  if (size < 16 || (data[size / 2] + data[size / 3] + size) % 4 != 0 || (g_strstr_len ((const char *) data + size / 2, size - size / 2, "\n<") == NULL &&
                    g_strstr_len ((const char *) data + size / 2, size - size / 2, "\n ") == NULL))
    return;

  if (path == NULL)
    path = g_strdup_printf ("%s/fuzz-halves-%d.graphml", g_get_tmp_dir (), (int) getpid ());

  file = fopen (path, "wb");
  if (file == NULL)
    return;
  if (fwrite (data, 1, size, file) != size)
    {
      fclose (file);
      return;
    }
  fclose (file);

  two = am_graphml_read_file_in_halves (path, NULL, NULL, NULL, &halves, &error);

  if ((one == NULL) != (two == NULL))
    __builtin_trap ();
  if (one == NULL)
    return;
  /* The messages name the file; the positions and counts must agree. */
  if (am_graph_get_n_nodes (one) != am_graph_get_n_nodes (two) ||
      am_graph_get_n_edges (one) != am_graph_get_n_edges (two) ||
      one->n_warnings != two->n_warnings || one->n_node_elements != two->n_node_elements)
    __builtin_trap ();
  for (guint i = 0; i < am_graph_get_n_edges (one); i++)
    if (am_graph_get_edge (one, i)->source != am_graph_get_edge (two, i)->source ||
        am_graph_get_edge (one, i)->target != am_graph_get_edge (two, i)->target)
      __builtin_trap ();
  for (guint i = 0; i < one->warnings->len; i++)
    if (g_array_index (one->warnings, AmDiagnostic, i).line !=
        g_array_index (two->warnings, AmDiagnostic, i).line)
      __builtin_trap ();
  (void) one_error;
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(AmGraph) graph = am_graphml_read_bytes (bytes, "fuzz.graphml", &error);

  if (graph == NULL && error == NULL)
    __builtin_trap ();
  if (graph != NULL)
    check_graph (graph);
  check_halves (data, size, graph, error);

  return 0;
}

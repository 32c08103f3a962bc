/* fuzz-graphml-reader.c: libFuzzer entry point for the GraphML reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every input must either load or be refused with an error; whatever
 * loads must hold together (endpoints in range, labels set).
 */

#include "config.h"

#include <stdint.h>

#include "am-graphml-reader.h"

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

  return 0;
}

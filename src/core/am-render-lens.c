/* am-render-lens.c: the lens, which colours nodes by what they say on
 * one issue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "am-render-private.h"

static inline gboolean
is_lens_statement (const AmEdge *edge,
                   guint         issue)
{
  return edge->kind == AM_EDGE_KIND_STATEMENT && edge->target == issue &&
         edge->source != issue &&
         edge->stance > AM_STANCE_NONE && edge->stance < AM_N_STANCES;
}

AmStance
am_render_get_stance (const AmGraph *graph,
                      guint          node,
                      guint          issue)
{
  g_return_val_if_fail (graph != NULL, AM_STANCE_NONE);

  for (guint i = am_graph_get_n_edges (graph); i-- > 0;)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);

      if (edge->source == node && is_lens_statement (edge, issue))
        return edge->stance;
    }

  return AM_STANCE_NONE;
}

/* Every node's stance on the lens issue, or NULL without a lens. Edges
 * are met in file order, so the latest statement wins. */
guint8 *
am_render_collect_lens_stances (const AmGraph         *graph,
                                const AmRenderOptions *options)
{
  guint n_nodes = am_graph_get_n_nodes (graph);
  guint issue = options->lens_issue;
  const guint32 *edges;
  guint n_edges;
  guint8 *stances;

  if (issue >= n_nodes)
    return NULL;

  stances = g_new0 (guint8, n_nodes);

  /* Only the issue's own edges. */
  edges = am_graph_get_node_edges (graph, issue, &n_edges);
  for (guint i = 0; i < n_edges; i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, edges[i]);

      if (is_lens_statement (edge, issue) && edge->source < n_nodes)
        stances[edge->source] = edge->stance;
    }

  return stances;
}

/* Opaque, so that edges do not show through the nodes; "nothing stated"
 * is a quiet grey that no stance uses. */
AmColour
am_render_lens_colour (const AmStyle *style,
                       AmStance       stance)
{
  AmColour colour, opaque;

  if (stance <= AM_STANCE_NONE || stance >= AM_N_STANCES)
    return am_colour_mix (&style->no_affiliation, &style->background, 0.5);

  colour = am_style_get_stance_colour (style, stance);
  opaque = colour;
  opaque.alpha = 1.0;
  return am_colour_mix (&style->background, &opaque, colour.alpha);
}

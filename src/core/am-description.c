/* am-description.c: what a node or an edge is called where a reader
 * meets it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "am-description.h"
#include "am-vocabulary.h"

static const char *
non_empty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

const char *
am_description_node_name (const AmNode *node)
{
  g_return_val_if_fail (node != NULL, "");

  if (node->label != NULL && *node->label != '\0')
    return node->label;

  return node->id != NULL ? node->id : "";
}

char *
am_description_node_group_id (const AmNode *node,
                              guint         index)
{
  g_return_val_if_fail (node != NULL, NULL);

  return node->id != NULL ? g_strconcat ("node-", node->id, NULL)
                          : g_strdup_printf ("node-%u", index);
}

char *
am_description_edge_group_id (const AmEdge *edge,
                              guint         index)
{
  g_return_val_if_fail (edge != NULL, NULL);

  return edge->id != NULL ? g_strconcat ("edge-", edge->id, NULL)
                          : g_strdup_printf ("edge-%u", index);
}

void
am_description_edge (const AmGraph     *graph,
                     guint              edge,
                     AmEdgeDescription *description)
{
  const AmProfileKeys *keys;
  const AmEdge *e;

  g_return_if_fail (graph != NULL);
  g_return_if_fail (edge < am_graph_get_n_edges (graph));
  g_return_if_fail (description != NULL);

  keys = &graph->profile;
  e = am_graph_get_edge (graph, edge);

  description->source = am_description_node_name (am_graph_get_node (graph, e->source));
  description->target = am_description_node_name (am_graph_get_node (graph, e->target));
  description->connector = (e->flags & AM_EDGE_DIRECTED) ? " → " : " – ";

  /* A kind of our own by its name; another as the file has it, or, for
   * want of that, as the file labels it. */
  if (e->kind != AM_EDGE_KIND_OTHER && e->kind < AM_N_EDGE_KINDS)
    description->kind = am_edge_kind_to_string (e->kind);
  else
    description->kind = non_empty (am_graph_get_edge_value (graph, keys->edge_kind, edge));
  if (description->kind == NULL)
    description->kind = non_empty (am_graph_get_edge_value (graph, keys->edge_label, edge));

  description->stance = e->stance != AM_STANCE_NONE && e->stance < AM_N_STANCES
                        ? am_stance_to_string (e->stance) : NULL;
  description->certainty = am_edge_get_certainty (e) != AM_CERTAINTY_STATED
                           ? am_certainty_to_string (am_edge_get_certainty (e)) : NULL;
  description->label = non_empty (am_graph_get_edge_label (graph, edge));
  description->quote = non_empty (am_graph_get_edge_value (graph, keys->edge_quote, edge));
  description->summary = description->quote == NULL
                         ? non_empty (am_graph_get_edge_value (graph, keys->edge_summary, edge))
                         : NULL;
}

void
am_description_append_edge (const AmEdgeDescription *description,
                            GString                 *text)
{
  g_return_if_fail (description != NULL);
  g_return_if_fail (text != NULL);

  g_string_append (text, description->source);
  g_string_append (text, description->connector);
  g_string_append (text, description->target);

  if (description->kind != NULL)
    {
      g_string_append (text, ": ");
      g_string_append (text, description->kind);
    }
  if (description->stance != NULL)
    g_string_append_printf (text, " (%s)", description->stance);
  if (description->certainty != NULL)
    g_string_append_printf (text, " [%s]", description->certainty);

  if (description->quote != NULL)
    g_string_append_printf (text, "\n“%s”", description->quote);
  else if (description->summary != NULL)
    g_string_append_printf (text, "\n%s", description->summary);
}

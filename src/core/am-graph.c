/* am-graph.c: the in-memory graph
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "am-display-text.h"
#include "am-geometry.h"
#include "am-graph.h"
#include "am-style.h"
#include "am-vocabulary.h"

static gboolean only_space_left (const char *text);
static AmGraphCache *graph_cache_new (void);
static void graph_cache_free (AmGraphCache *cache);
static void graph_cache_forget_facets (AmGraphCache *cache);

AmGraph *
am_graph_new (void)
{
  AmGraph *graph = g_new0 (AmGraph, 1);

  graph->strings = g_string_chunk_new (16 * 1024);
  graph->values = am_string_arena_new ();
  graph->node_ids = am_id_index_new ();
  graph->keys = g_array_new (FALSE, TRUE, sizeof (AmKey));
  graph->nodes = g_array_new (FALSE, TRUE, sizeof (AmNode));
  graph->edges = g_array_new (FALSE, TRUE, sizeof (AmEdge));
  graph->subgraphs = g_array_new (FALSE, TRUE, sizeof (AmSubgraph));
  graph->hyperedges = g_array_new (FALSE, TRUE, sizeof (AmHyperedge));
  graph->endpoints = g_array_new (FALSE, TRUE, sizeof (AmEndpoint));
  graph->ports = g_array_new (FALSE, TRUE, sizeof (AmPort));
  graph->warnings = g_array_new (FALSE, TRUE, sizeof (AmDiagnostic));
  memset (&graph->profile, 0xff, sizeof graph->profile);
  graph->cache = graph_cache_new ();

  return graph;
}

void
am_graph_free (AmGraph *graph)
{
  if (graph == NULL)
    return;

  for (guint i = 0; i < graph->keys->len; i++)
    {
      AmKey *key = &g_array_index (graph->keys, AmKey, i);

      am_memory_free (key->values, key->n_values * sizeof (char *));
    }
  for (guint i = 0; i < graph->warnings->len; i++)
    g_free (g_array_index (graph->warnings, AmDiagnostic, i).message);

  g_array_unref (graph->keys);
  g_array_unref (graph->nodes);
  g_array_unref (graph->edges);
  g_array_unref (graph->subgraphs);
  g_array_unref (graph->hyperedges);
  g_array_unref (graph->endpoints);
  g_array_unref (graph->ports);
  g_array_unref (graph->warnings);
  g_clear_pointer (&graph->edge_source_ports, g_hash_table_unref);
  g_clear_pointer (&graph->edge_target_ports, g_hash_table_unref);
  g_clear_pointer (&graph->edge_labels, g_hash_table_unref);
  am_id_index_free (graph->node_ids);
  g_string_chunk_free (graph->strings);
  am_string_arena_free (graph->values);
  g_clear_pointer (&graph->more_strings, g_ptr_array_unref);
  g_clear_pointer (&graph->cache, graph_cache_free);
  g_free (graph);
}

static void
grow_values (AmKey *key,
             guint  element)
{
  guint n;

  if (element < key->n_values)
    return;

  n = MAX (MAX (key->n_values * 2, element + 1), 16);
  key->values = am_memory_grow (key->values, key->n_values * sizeof (char *), n * sizeof (char *));
  key->n_values = n;
}

/* Appends @other's nodes, edges and values to @graph, taking over its
 * strings, as if they had come after @graph's own in one file. @other
 * holds one graph, which is @graph's @subgraph, and its keys are the
 * first of @graph's, in the same order. @other is left empty. */
void
am_graph_absorb (AmGraph *graph,
                 AmGraph *other,
                 guint32  subgraph)
{
  guint32 first_node = graph->nodes->len;
  guint32 first_edge = graph->edges->len;

  g_return_if_fail (graph != NULL && other != NULL);
  g_return_if_fail (other->subgraphs->len == 1 && other->keys->len <= graph->keys->len);

  g_array_append_vals (graph->nodes, other->nodes->data, other->nodes->len);
  for (guint i = first_node; i < graph->nodes->len; i++)
    {
      AmNode *node = &g_array_index (graph->nodes, AmNode, i);

      node->graph = subgraph;
      if (node->id != NULL)
        am_id_index_insert (graph->node_ids, node->id, i, FALSE);
    }

  g_array_append_vals (graph->edges, other->edges->data, other->edges->len);
  for (guint i = first_edge; i < graph->edges->len; i++)
    {
      AmEdge *edge = &g_array_index (graph->edges, AmEdge, i);

      if (edge->source != AM_NO_INDEX)
        edge->source += first_node;
      if (edge->target != AM_NO_INDEX)
        edge->target += first_node;
      edge->graph = subgraph;
    }

  for (guint k = 0; k < other->keys->len; k++)
    {
      AmKey *from = &g_array_index (other->keys, AmKey, k);
      AmKey *to = &g_array_index (graph->keys, AmKey, k);
      guint offset;
      guint last = from->n_values;

      while (last > 0 && from->values[last - 1] == NULL)
        last--;
      if (last == 0)
        continue;

      switch (from->domain)
        {
        case AM_DOMAIN_NODE:
          offset = first_node;
          break;
        case AM_DOMAIN_EDGE:
          offset = first_edge;
          break;
        case AM_DOMAIN_GRAPH:
          /* Its only graph is ours. */
          if (from->values[0] != NULL)
            {
              grow_values (to, subgraph);
              to->values[subgraph] = from->values[0];
            }
          continue;
        case AM_DOMAIN_GRAPHML:
          offset = 0;
          break;
        default:
          continue;
        }

      grow_values (to, offset + last - 1);
      for (guint i = 0; i < last; i++)
        if (from->values[i] != NULL)
          to->values[offset + i] = from->values[i];
    }

  graph->n_node_elements += other->n_node_elements;
  graph->n_directed_edges += other->n_directed_edges;

  am_string_arena_adopt (graph->values, other->values);
  if (graph->more_strings == NULL)
    graph->more_strings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_string_chunk_free);
  g_ptr_array_add (graph->more_strings, other->strings);
  other->strings = g_string_chunk_new (64);
  if (other->more_strings != NULL)
    g_ptr_array_extend_and_steal (graph->more_strings, g_steal_pointer (&other->more_strings));

  g_array_set_size (other->nodes, 0);
  g_array_set_size (other->edges, 0);
  am_id_index_clear (other->node_ids);
}

guint
am_graph_get_n_nodes (const AmGraph *graph)
{
  return graph->nodes->len;
}

guint
am_graph_get_n_edges (const AmGraph *graph)
{
  return graph->edges->len;
}

static int
compare_by_degree (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const guint32 *degree = user_data;
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  if (degree[x] != degree[y])
    return degree[x] > degree[y] ? -1 : 1;
  return x < y ? -1 : x > y;
}

guint32 *
am_graph_sort_by_degree (const AmGraph *graph)
{
  guint n_nodes = graph->nodes->len;
  g_autofree guint32 *degree = g_new0 (guint32, MAX (n_nodes, 1));
  guint32 *order = g_new (guint32, MAX (n_nodes, 1));

  for (guint e = 0; e < graph->edges->len; e++)
    {
      const AmEdge *edge = &g_array_index (graph->edges, AmEdge, e);

      if (edge->source < n_nodes && edge->target < n_nodes && edge->source != edge->target)
        {
          degree[edge->source]++;
          degree[edge->target]++;
        }
    }

  for (guint32 i = 0; i < n_nodes; i++)
    order[i] = i;
  g_qsort_with_data (order, n_nodes, sizeof (guint32), compare_by_degree, degree);

  return order;
}

AmNode *
am_graph_get_node (const AmGraph *graph,
                   guint          index)
{
  g_return_val_if_fail (index < graph->nodes->len, NULL);

  return &g_array_index (graph->nodes, AmNode, index);
}

AmEdge *
am_graph_get_edge (const AmGraph *graph,
                   guint          index)
{
  g_return_val_if_fail (index < graph->edges->len, NULL);

  return &g_array_index (graph->edges, AmEdge, index);
}

const AmKey *
am_graph_get_key (const AmGraph *graph,
                  guint          index)
{
  g_return_val_if_fail (index < graph->keys->len, NULL);

  return &g_array_index (graph->keys, AmKey, index);
}

guint
am_graph_get_n_keys (const AmGraph *graph)
{
  return graph->keys->len;
}

guint
am_graph_get_n_node_elements (const AmGraph *graph)
{
  g_return_val_if_fail (graph != NULL, 0);

  return graph->n_node_elements;
}

guint
am_graph_get_n_hyperedges (const AmGraph *graph)
{
  g_return_val_if_fail (graph != NULL, 0);

  return graph->hyperedges->len;
}

guint
am_graph_get_n_subgraphs (const AmGraph *graph)
{
  g_return_val_if_fail (graph != NULL, 0);

  return graph->subgraphs->len;
}

guint
am_graph_get_n_warnings (const AmGraph *graph)
{
  g_return_val_if_fail (graph != NULL, 0);

  return graph->n_warnings;
}

guint
am_graph_get_n_kept_warnings (const AmGraph *graph)
{
  g_return_val_if_fail (graph != NULL, 0);

  return graph->warnings->len;
}

const AmDiagnostic *
am_graph_get_warning (const AmGraph *graph,
                      guint          index)
{
  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (index < graph->warnings->len, NULL);

  return &g_array_index (graph->warnings, AmDiagnostic, index);
}

guint
am_graph_find_node_by_id (const AmGraph *graph,
                          const char    *id)
{
  g_return_val_if_fail (id != NULL, AM_NO_INDEX);

  return am_id_index_lookup (graph->node_ids, id, strlen (id));
}

/* Makes the node's id find it, whichever node had the id before. */
void
am_graph_claim_node_id (AmGraph *graph,
                        guint    node)
{
  const char *id;

  g_return_if_fail (node < graph->nodes->len);

  id = g_array_index (graph->nodes, AmNode, node).id;
  if (id != NULL)
    am_id_index_insert (graph->node_ids, id, node, TRUE);
}

/* The first key for @domain whose attr.name is @name, else the first such
 * key for all elements; -1 when none. */
int
am_graph_find_key (const AmGraph *graph,
                   AmDomain       domain,
                   const char    *name)
{
  int for_all = -1;

  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < graph->keys->len; i++)
    {
      const AmKey *key = &g_array_index (graph->keys, AmKey, i);

      if (g_strcmp0 (key->name, name) != 0)
        continue;
      if (key->domain == domain)
        return (int) i;
      if (key->domain == AM_DOMAIN_ALL && for_all < 0)
        for_all = (int) i;
    }

  return for_all;
}

const char *
am_graph_intern (AmGraph    *graph,
                 const char *string)
{
  if (string == NULL)
    return NULL;

  return g_string_chunk_insert_const (graph->strings, string);
}

/* Values are copied, not interned: on big files the interning table's
 * lookups cost more than the repeated bytes they would save. */
const char *
am_graph_store (AmGraph    *graph,
                const char *string,
                gssize      length)
{
  if (string == NULL)
    return NULL;
  if (length < 0)
    length = strlen (string);

  return am_string_arena_add (graph->values, string, length);
}

guint
am_graph_add_key (AmGraph    *graph,
                  const char *id,
                  const char *name,
                  AmDomain    domain,
                  AmAttrType  type)
{
  AmKey key = { 0 };

  key.id = am_graph_intern (graph, id);
  key.name = am_graph_intern (graph, name != NULL ? name : id);
  key.domain = domain;
  key.type = type;
  g_array_append_val (graph->keys, key);

  return graph->keys->len - 1;
}

guint
am_graph_add_subgraph (AmGraph    *graph,
                       const char *id,
                       guint32     parent_node,
                       guint32     parent_graph,
                       gboolean    directed)
{
  AmSubgraph subgraph = { 0 };

  subgraph.id = am_graph_intern (graph, id);
  subgraph.parent_node = parent_node;
  subgraph.parent_graph = parent_graph;
  subgraph.directed = directed;
  g_array_append_val (graph->subgraphs, subgraph);

  if (parent_node != AM_NO_INDEX)
    am_graph_get_node (graph, parent_node)->flags |= AM_NODE_IS_GROUP;

  return graph->subgraphs->len - 1;
}

/* Adds a node and makes @id find it; an id already taken keeps pointing
 * at the node that had it first. */
guint
am_graph_add_node (AmGraph    *graph,
                   const char *id,
                   guint32     subgraph)
{
  AmNode node = { 0 };
  guint index = graph->nodes->len;

  /* The id hash already finds a node by id: no need to intern it too. */
  node.id = id != NULL ? am_string_arena_add (graph->values, id, strlen (id)) : NULL;
  node.graph = subgraph;
  node.x = node.y = NAN;
  g_array_append_val (graph->nodes, node);

  if (node.id != NULL)
    am_id_index_insert (graph->node_ids, node.id, index, FALSE);

  return index;
}

guint
am_graph_add_edge (AmGraph    *graph,
                   const char *id,
                   guint32     source,
                   guint32     target,
                   guint32     subgraph,
                   gboolean    directed)
{
  AmEdge edge = { 0 };

  /* Edge ids are unique and rarely looked at: copied, not interned. */
  edge.id = id != NULL ? am_string_arena_add (graph->values, id, strlen (id)) : NULL;
  edge.source = source;
  edge.target = target;
  edge.graph = subgraph;
  if (directed)
    {
      edge.flags |= AM_EDGE_DIRECTED;
      graph->n_directed_edges++;
    }
  g_array_append_val (graph->edges, edge);

  return graph->edges->len - 1;
}

void
am_graph_set_value (AmGraph    *graph,
                    guint       key_index,
                    guint       element,
                    const char *value)
{
  AmKey *key;

  g_return_if_fail (key_index < graph->keys->len);

  key = &g_array_index (graph->keys, AmKey, key_index);
  grow_values (key, element);
  key->values[element] = value;
}

static void
set_edge_extra (GHashTable **table,
                guint        edge,
                const char  *value)
{
  if (value == NULL)
    return;
  if (*table == NULL)
    *table = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (*table, GUINT_TO_POINTER (edge), (gpointer) value);
}

static const char *
get_edge_extra (GHashTable *table,
                guint       edge)
{
  return table != NULL ? g_hash_table_lookup (table, GUINT_TO_POINTER (edge)) : NULL;
}

void
am_graph_set_edge_ports (AmGraph    *graph,
                         guint       edge,
                         const char *source_port,
                         const char *target_port)
{
  g_return_if_fail (edge < graph->edges->len);

  set_edge_extra (&graph->edge_source_ports, edge, source_port);
  set_edge_extra (&graph->edge_target_ports, edge, target_port);
}

const char *
am_graph_get_edge_port (const AmGraph *graph,
                        guint          edge,
                        gboolean       target)
{
  return get_edge_extra (target ? graph->edge_target_ports : graph->edge_source_ports, edge);
}

void
am_graph_set_edge_label (AmGraph    *graph,
                         guint       edge,
                         const char *label)
{
  g_return_if_fail (edge < graph->edges->len);

  set_edge_extra (&graph->edge_labels, edge, label);
}

const char *
am_graph_get_edge_label (const AmGraph *graph,
                         guint          edge)
{
  const char *label = am_graph_get_edge_value (graph, graph->profile.edge_label, edge);

  if (label != NULL && !only_space_left (label))
    return label;

  return get_edge_extra (graph->edge_labels, edge);
}

void
am_graph_add_warning (AmGraph    *graph,
                      int         line,
                      int         column,
                      const char *format,
                      ...)
{
  AmDiagnostic diagnostic;
  va_list args;

  graph->n_warnings++;
  if (graph->warnings->len >= AM_GRAPH_MAX_WARNINGS)
    return;

  va_start (args, format);
  diagnostic.line = line;
  diagnostic.column = column;
  diagnostic.message = g_strdup_vprintf (format, args);
  va_end (args);

  g_array_append_val (graph->warnings, diagnostic);
}

const char *
am_graph_get_value (const AmGraph *graph,
                    int            key_index,
                    guint          element)
{
  const AmKey *key;

  if (key_index < 0 || (guint) key_index >= graph->keys->len)
    return NULL;

  key = &g_array_index (graph->keys, AmKey, key_index);
  if (element < key->n_values && key->values[element] != NULL)
    return key->values[element];

  return key->default_value;
}

const char *
am_graph_get_node_value (const AmGraph *graph,
                         int            key,
                         guint          node)
{
  return am_graph_get_value (graph, key, node);
}

const char *
am_graph_get_edge_value (const AmGraph *graph,
                         int            key,
                         guint          edge)
{
  return am_graph_get_value (graph, key, edge);
}

/* The map's title, falling back on the first graph's id. */
const char *
am_graph_get_title (const AmGraph *graph)
{
  const char *title = am_graph_get_value (graph, graph->profile.graph_title, 0);

  if (title != NULL && *title != '\0')
    return title;
  if (graph->subgraphs->len > 0)
    return g_array_index (graph->subgraphs, AmSubgraph, 0).id;

  return NULL;
}

gboolean
am_graph_has_positions (const AmGraph *graph)
{
  if (graph->nodes->len == 0)
    return FALSE;

  for (guint i = 0; i < graph->nodes->len; i++)
    {
      const AmNode *node = &g_array_index (graph->nodes, AmNode, i);

      if (!(node->flags & AM_NODE_HAS_POSITION))
        return FALSE;
    }

  return TRUE;
}

gboolean
am_graph_is_directed (const AmGraph *graph)
{
  return graph->edges->len > 0 && graph->n_directed_edges == graph->edges->len;
}

gboolean
am_graph_is_mixed (const AmGraph *graph)
{
  return graph->n_directed_edges > 0 && graph->n_directed_edges < graph->edges->len;
}

const char *
am_graph_get_directedness (const AmGraph *graph)
{
  if (am_graph_is_mixed (graph))
    return "mixed";
  if (graph->edges->len > 0)
    return am_graph_is_directed (graph) ? "yes" : "no";
  if (graph->subgraphs->len > 0 && g_array_index (graph->subgraphs, AmSubgraph, 0).directed)
    return "yes";

  return "no";
}

/* Typed values */

static const char *
skip_space (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  return text;
}

static gboolean
only_space_left (const char *text)
{
  return *skip_space (text) == '\0';
}

gboolean
am_parse_double (const char *text,
                 double     *out)
{
  char *end;
  double value;

  if (text == NULL)
    return FALSE;

  text = skip_space (text);
  if (*text == '\0')
    return FALSE;

  value = g_ascii_strtod (text, &end);
  if (end == text || !only_space_left (end))
    return FALSE;

  *out = value;
  return TRUE;
}

gboolean
am_parse_integer (const char *text,
                  gint64     *out)
{
  char *end;
  gint64 value;

  if (text == NULL)
    return FALSE;

  text = skip_space (text);
  if (*text == '\0')
    return FALSE;

  errno = 0;
  value = g_ascii_strtoll (text, &end, 10);
  if (end == text || errno != 0 || !only_space_left (end))
    return FALSE;

  *out = value;
  return TRUE;
}

gboolean
am_parse_boolean (const char *text,
                  gboolean   *out)
{
  g_autofree char *word = NULL;

  if (text == NULL)
    return FALSE;

  word = g_strstrip (g_ascii_strdown (text, -1));
  if (strcmp (word, "true") == 0 || strcmp (word, "1") == 0)
    *out = TRUE;
  else if (strcmp (word, "false") == 0 || strcmp (word, "0") == 0)
    *out = FALSE;
  else
    return FALSE;

  return TRUE;
}

/* Names */

const char *
am_attr_type_to_string (AmAttrType type)
{
  static const char * const names[] = { "string", "boolean", "int", "long", "float", "double" };

  g_return_val_if_fail (type <= AM_ATTR_DOUBLE, NULL);
  return names[type];
}

const char *
am_domain_to_string (AmDomain domain)
{
  static const char * const names[] = {
    "graphml", "graph", "node", "edge", "hyperedge", "port", "endpoint", "all",
  };

  g_return_val_if_fail (domain <= AM_DOMAIN_ALL, NULL);
  return names[domain];
}

/* Profile */

static int
find_key_any_case (const AmGraph *graph,
                   AmDomain       domain,
                   const char    *name)
{
  int exact = am_graph_find_key (graph, domain, name);

  if (exact >= 0)
    return exact;

  for (guint i = 0; i < graph->keys->len; i++)
    {
      const AmKey *key = &g_array_index (graph->keys, AmKey, i);

      if (key->domain == domain && key->name != NULL && g_ascii_strcasecmp (key->name, name) == 0)
        return (int) i;
    }

  return -1;
}

static void
match_profile_keys (AmGraph *graph)
{
  AmProfileKeys *p = &graph->profile;

  p->graph_title = find_key_any_case (graph, AM_DOMAIN_GRAPH, "title");
  if (p->graph_title < 0)
    p->graph_title = find_key_any_case (graph, AM_DOMAIN_GRAPH, "name");
  p->graph_source = find_key_any_case (graph, AM_DOMAIN_GRAPH, "source");
  p->node_label = find_key_any_case (graph, AM_DOMAIN_NODE, "label");
  p->node_name = find_key_any_case (graph, AM_DOMAIN_NODE, "name");
  p->node_kind = find_key_any_case (graph, AM_DOMAIN_NODE, "kind");
  p->node_role = find_key_any_case (graph, AM_DOMAIN_NODE, "role");
  p->node_affiliation = find_key_any_case (graph, AM_DOMAIN_NODE, "affiliation");
  p->node_description = find_key_any_case (graph, AM_DOMAIN_NODE, "description");
  p->node_x = find_key_any_case (graph, AM_DOMAIN_NODE, "x");
  p->node_y = find_key_any_case (graph, AM_DOMAIN_NODE, "y");
  p->node_size = find_key_any_case (graph, AM_DOMAIN_NODE, "size");
  p->node_r = find_key_any_case (graph, AM_DOMAIN_NODE, "r");
  p->node_g = find_key_any_case (graph, AM_DOMAIN_NODE, "g");
  p->node_b = find_key_any_case (graph, AM_DOMAIN_NODE, "b");
  p->edge_kind = find_key_any_case (graph, AM_DOMAIN_EDGE, "kind");
  p->edge_label = find_key_any_case (graph, AM_DOMAIN_EDGE, "label");
  p->edge_quote = find_key_any_case (graph, AM_DOMAIN_EDGE, "quote");
  p->edge_summary = find_key_any_case (graph, AM_DOMAIN_EDGE, "summary");
  p->edge_stance = find_key_any_case (graph, AM_DOMAIN_EDGE, "stance");
  p->edge_when = find_key_any_case (graph, AM_DOMAIN_EDGE, "when");
  p->edge_paragraph = find_key_any_case (graph, AM_DOMAIN_EDGE, "paragraph");
  p->edge_certainty = find_key_any_case (graph, AM_DOMAIN_EDGE, "certainty");
}

static gboolean
value_is_blank (const char *value)
{
  return value == NULL || only_space_left (value);
}

static gboolean
label_is_blank (const char *value)
{
  return value_is_blank (value) || am_display_text_is_blank (value);
}

static gboolean
get_colour_channel (const AmGraph *graph,
                    int            key,
                    guint          node,
                    guint32       *channel)
{
  gint64 value;

  if (!am_parse_integer (am_graph_get_node_value (graph, key, node), &value))
    {
      double d;

      if (!am_parse_double (am_graph_get_node_value (graph, key, node), &d) || !isfinite (d))
        return FALSE;
      value = (gint64) CLAMP (d, 0.0, 255.0);
    }

  *channel = (guint32) CLAMP (value, 0, 255);
  return TRUE;
}

static void
resolve_node (AmGraph *graph,
              guint    index)
{
  const AmProfileKeys *p = &graph->profile;
  AmNode *node = &g_array_index (graph->nodes, AmNode, index);
  const char *label = NULL;
  const char *affiliation;
  double x, y, size;
  guint32 r, g, b;

  /* A label from yEd's graphics (already set) wins only over the id.
   * One of nothing but zero-width characters is no label either. */
  if (!label_is_blank (am_graph_get_node_value (graph, p->node_label, index)))
    label = am_graph_get_node_value (graph, p->node_label, index);
  else if (!label_is_blank (am_graph_get_node_value (graph, p->node_name, index)))
    label = am_graph_get_node_value (graph, p->node_name, index);
  else if (!label_is_blank (node->label))
    label = node->label;
  else if (node->id != NULL)
    label = node->id;
  node->label = label != NULL ? label : "";

  node->kind = am_node_kind_from_string (am_graph_get_node_value (graph, p->node_kind, index));

  /* Interned: a few names shared by many nodes, which colouring and the
   * legend then tell apart by address. */
  affiliation = am_graph_get_node_value (graph, p->node_affiliation, index);
  node->affiliation = value_is_blank (affiliation) ? NULL : am_graph_intern (graph, affiliation);

  if (!(node->flags & AM_NODE_HAS_POSITION) &&
      am_parse_double (am_graph_get_node_value (graph, p->node_x, index), &x) &&
      am_parse_double (am_graph_get_node_value (graph, p->node_y, index), &y) &&
      am_geometry_is_position (x, y))
    {
      node->x = x;
      /* Gephi and networkx write y upwards; the screen grows downwards. */
      node->y = -y;
      node->flags |= AM_NODE_HAS_POSITION;
    }

  if (!(node->flags & AM_NODE_HAS_SIZE) &&
      am_parse_double (am_graph_get_node_value (graph, p->node_size, index), &size) &&
      isfinite (size) && size > 0 && size < 1e6)
    {
      node->width = node->height = (float) size;
      node->flags |= AM_NODE_HAS_SIZE;
    }

  if (!(node->flags & AM_NODE_HAS_FILL) &&
      get_colour_channel (graph, p->node_r, index, &r) &&
      get_colour_channel (graph, p->node_g, index, &g) &&
      get_colour_channel (graph, p->node_b, index, &b))
    {
      node->fill = (r << 24) | (g << 16) | (b << 8) | 0xff;
      node->flags |= AM_NODE_HAS_FILL;
    }
}

void
am_graph_resolve_profile (AmGraph *graph)
{
  const AmProfileKeys *p = &graph->profile;

  /* Edges change kinds below: their facets must be looked at again. */
  graph_cache_forget_facets (graph->cache);

  match_profile_keys (graph);

  for (guint i = 0; i < graph->nodes->len; i++)
    resolve_node (graph, i);

  if (p->edge_kind < 0 && p->edge_stance < 0 && p->edge_certainty < 0)
    return;

  for (guint i = 0; i < graph->edges->len; i++)
    {
      AmEdge *edge = &g_array_index (graph->edges, AmEdge, i);
      AmCertainty certainty;

      edge->kind = am_edge_kind_from_string (am_graph_get_edge_value (graph, p->edge_kind, i));
      edge->stance = am_stance_from_string (am_graph_get_edge_value (graph, p->edge_stance, i));
      certainty = am_certainty_from_string (am_graph_get_edge_value (graph, p->edge_certainty, i));
      edge->flags = (edge->flags & ~AM_EDGE_CERTAINTY_MASK) | (certainty << AM_EDGE_CERTAINTY_SHIFT);
    }
}

/* Derived data */

struct _AmGraphCache
{
  /* The edges of each node, compressed, for the sizes it was built for. */
  gsize           incidence_ready;
  guint           n_nodes;
  guint           n_edges;
  guint32        *edge_offsets;
  guint32        *node_edges;

  gsize           affiliations_ready;
  guint           affiliations_n_nodes;
  AmAffiliations *affiliations;

  /* What the legend lists: a look at every edge, which a large map's
   * frames would otherwise take each time. */
  GMutex          facets_lock;
  gboolean        facets_valid;
  guint           facets_n_edges;
  AmEdgeFacets    facets[2];      /* all edges; those with no issue at an end */
};

/* For a graph that grew after a first look, as tests build them: one
 * still being built is read by nobody else. */
G_LOCK_DEFINE_STATIC (regrowth);

static AmGraphCache *
graph_cache_new (void)
{
  AmGraphCache *cache = g_new0 (AmGraphCache, 1);

  g_mutex_init (&cache->facets_lock);
  return cache;
}

static void
graph_cache_free (AmGraphCache *cache)
{
  g_mutex_clear (&cache->facets_lock);
  g_free (cache->edge_offsets);
  g_free (cache->node_edges);
  g_clear_pointer (&cache->affiliations, am_affiliations_free);
  g_free (cache);
}

static void
build_incidence (AmGraphCache  *cache,
                 const AmGraph *graph)
{
  guint n_nodes = am_graph_get_n_nodes (graph);
  guint n_edges = am_graph_get_n_edges (graph);
  guint32 *fill;

  g_clear_pointer (&cache->edge_offsets, g_free);
  g_clear_pointer (&cache->node_edges, g_free);
  cache->n_nodes = n_nodes;
  cache->n_edges = n_edges;
  cache->edge_offsets = g_new0 (guint32, n_nodes + 1);

  for (guint i = 0; i < n_edges; i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);

      if (edge->source < n_nodes)
        cache->edge_offsets[edge->source + 1]++;
      if (edge->target < n_nodes && edge->target != edge->source)
        cache->edge_offsets[edge->target + 1]++;
    }
  for (guint n = 0; n < n_nodes; n++)
    cache->edge_offsets[n + 1] += cache->edge_offsets[n];

  /* Filled in edge order, so each node's edges come sorted. */
  cache->node_edges = g_new (guint32, MAX (cache->edge_offsets[n_nodes], 1));
  fill = g_memdup2 (cache->edge_offsets, sizeof (guint32) * (n_nodes + 1));
  for (guint i = 0; i < n_edges; i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);

      if (edge->source < n_nodes)
        cache->node_edges[fill[edge->source]++] = i;
      if (edge->target < n_nodes && edge->target != edge->source)
        cache->node_edges[fill[edge->target]++] = i;
    }
  g_free (fill);
}

static AmGraphCache *
ensure_incidence (const AmGraph *graph)
{
  AmGraphCache *cache = graph->cache;

  if (g_once_init_enter (&cache->incidence_ready))
    {
      build_incidence (cache, graph);
      g_once_init_leave (&cache->incidence_ready, 1);
    }

  if (G_UNLIKELY (cache->n_nodes != am_graph_get_n_nodes (graph) ||
                  cache->n_edges != am_graph_get_n_edges (graph)))
    {
      G_LOCK (regrowth);
      build_incidence (cache, graph);
      G_UNLOCK (regrowth);
    }

  return cache;
}

const guint32 *
am_graph_get_node_edges (const AmGraph *graph,
                         guint          node,
                         guint         *n_edges)
{
  AmGraphCache *cache;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (n_edges != NULL, NULL);

  cache = ensure_incidence (graph);
  if (node >= cache->n_nodes)
    {
      *n_edges = 0;
      return NULL;
    }

  *n_edges = cache->edge_offsets[node + 1] - cache->edge_offsets[node];
  return cache->node_edges + cache->edge_offsets[node];
}

void
am_graph_get_incidence (const AmGraph  *graph,
                        const guint32 **edge_offsets,
                        const guint32 **node_edges)
{
  AmGraphCache *cache;

  g_return_if_fail (graph != NULL);
  g_return_if_fail (edge_offsets != NULL && node_edges != NULL);

  cache = ensure_incidence (graph);
  *edge_offsets = cache->edge_offsets;
  *node_edges = cache->node_edges;
}

const AmAffiliations *
am_graph_get_affiliations (const AmGraph *graph)
{
  AmGraphCache *cache;

  g_return_val_if_fail (graph != NULL, NULL);

  cache = graph->cache;
  if (g_once_init_enter (&cache->affiliations_ready))
    {
      cache->affiliations = am_affiliations_new (graph);
      cache->affiliations_n_nodes = am_graph_get_n_nodes (graph);
      g_once_init_leave (&cache->affiliations_ready, 1);
    }

  if (G_UNLIKELY (cache->affiliations_n_nodes != am_graph_get_n_nodes (graph)))
    {
      G_LOCK (regrowth);
      g_clear_pointer (&cache->affiliations, am_affiliations_free);
      cache->affiliations = am_affiliations_new (graph);
      cache->affiliations_n_nodes = am_graph_get_n_nodes (graph);
      G_UNLOCK (regrowth);
    }

  return cache->affiliations;
}

static void
facets_add (AmEdgeFacets *facets,
            guint         kind,
            guint         stance,
            guint         certainty)
{
  facets->kinds |= 1u << kind;
  facets->certainties[kind] |= (guint8) (1u << certainty);
  if (kind == AM_EDGE_KIND_STATEMENT)
    facets->stances |= (guint8) (1u << stance);
}

static void
graph_cache_forget_facets (AmGraphCache *cache)
{
  g_mutex_lock (&cache->facets_lock);
  cache->facets_valid = FALSE;
  g_mutex_unlock (&cache->facets_lock);
}

static void
build_facets (AmGraphCache  *cache,
              const AmGraph *graph)
{
  guint n_nodes = am_graph_get_n_nodes (graph);
  guint n_edges = am_graph_get_n_edges (graph);
  gboolean has_issues = FALSE;

  /* Most large maps have no issue: their edges' ends need no look. */
  for (guint n = 0; n < n_nodes && !has_issues; n++)
    has_issues = am_graph_get_node (graph, n)->kind == AM_NODE_KIND_ISSUE;

  memset (cache->facets, 0, sizeof cache->facets);
  for (guint i = 0; i < n_edges; i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);
      guint kind = edge->kind < AM_N_EDGE_KINDS ? edge->kind : AM_EDGE_KIND_OTHER;
      guint stance = edge->stance < AM_N_STANCES ? edge->stance : AM_STANCE_NONE;
      guint certainty = am_edge_get_certainty (edge);
      /* An end that is no node hides nothing. */
      gboolean issue_end = has_issues && edge->source < n_nodes && edge->target < n_nodes &&
                           (am_graph_get_node (graph, edge->source)->kind == AM_NODE_KIND_ISSUE ||
                            am_graph_get_node (graph, edge->target)->kind == AM_NODE_KIND_ISSUE);

      facets_add (&cache->facets[0], kind, stance, certainty);
      if (!issue_end)
        facets_add (&cache->facets[1], kind, stance, certainty);
    }

  cache->facets_n_edges = n_edges;
  cache->facets_valid = TRUE;
}

void
am_graph_get_edge_facets (const AmGraph *graph,
                          gboolean       without_issue_ends,
                          AmEdgeFacets  *facets)
{
  AmGraphCache *cache;

  g_return_if_fail (graph != NULL);
  g_return_if_fail (facets != NULL);

  cache = graph->cache;
  g_mutex_lock (&cache->facets_lock);
  if (!cache->facets_valid || cache->facets_n_edges != am_graph_get_n_edges (graph))
    build_facets (cache, graph);
  *facets = cache->facets[without_issue_ends ? 1 : 0];
  g_mutex_unlock (&cache->facets_lock);
}

/* am-graphml-reader.c: streaming GraphML reader on libxml2's SAX2 parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SAX2 rather than xmlTextReader: the pull API costs about three times as
 * much on large files. The push parser lets us read in chunks, report
 * progress and stop when cancelled. Nothing here recurses: open elements
 * live on an explicit stack.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <math.h>
#include <string.h>

#include "am-graphml-reader-private.h"

#define GRAPHML_NS_PREFIX "http://graphml.graphdrawing.org/xmlns"
#define YED_NS            "http://www.yworks.com/xml/graphml"

/* A value longer than this is cut short: nobody reads a 1 MiB label. */
#define MAX_VALUE_LENGTH     (1024 * 1024)
/* The most dangling endpoints reported one by one. */
#define MAX_DANGLING_REPORTS 5

G_DEFINE_QUARK (am-graphml-error-quark, am_graphml_error)


/* libxml2's own SAX2 callbacks, which we keep for the DTD, expect the
 * parser context as their user data; ours find the reader through it. */
static inline Reader *
reader_from_context (void *user_data)
{
  return ((xmlParserCtxtPtr) user_data)->_private;
}

void
am_graphml_reader_fail (Reader     *reader,
                        int         code,
                        const char *format,
                        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (reader->error != NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  reader->error = g_error_new (AM_GRAPHML_ERROR, code, "%s:%d:%d: %s",
                               reader->name, reader_line (reader),
                               reader_column (reader), message);
  xmlStopParser (reader->ctxt);
}

#define reader_warn(reader, ...) \
  am_graph_add_warning ((reader)->graph, reader_line (reader), reader_column (reader), __VA_ARGS__)

/* Stack */

static Frame *
reader_top (Reader *reader)
{
  if (reader->stack->len == 0)
    return NULL;
  return &g_array_index (reader->stack, Frame, reader->stack->len - 1);
}

static void
reader_push (Reader      *reader,
             ElementType  type,
             guint32      index)
{
  Frame frame = { type, index };

  g_array_append_val (reader->stack, frame);
}

/* The innermost open element of @type, or NULL. */
static Frame *
reader_find_open (Reader      *reader,
                  ElementType  type)
{
  for (guint i = reader->stack->len; i > 0; i--)
    {
      Frame *frame = &g_array_index (reader->stack, Frame, i - 1);

      if (frame->type == type)
        return frame;
    }

  return NULL;
}

static guint32
reader_current_graph (Reader *reader)
{
  Frame *frame = reader_find_open (reader, ELEMENT_GRAPH);

  return frame != NULL ? frame->index : AM_NO_INDEX;
}

/* Keys */

static AmDomain
parse_domain (Reader     *reader,
              const char *value)
{
  static const struct { const char *name; AmDomain domain; } domains[] = {
    { "node", AM_DOMAIN_NODE }, { "edge", AM_DOMAIN_EDGE }, { "graph", AM_DOMAIN_GRAPH },
    { "graphml", AM_DOMAIN_GRAPHML }, { "all", AM_DOMAIN_ALL },
    { "hyperedge", AM_DOMAIN_HYPEREDGE }, { "port", AM_DOMAIN_PORT },
    { "endpoint", AM_DOMAIN_ENDPOINT },
  };

  if (value == NULL)
    return AM_DOMAIN_ALL;

  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    if (g_ascii_strcasecmp (value, domains[i].name) == 0)
      return domains[i].domain;

  reader_warn (reader, _("Unknown key domain “%s”; the key applies to all elements"),
               AM_CUT (value));
  return AM_DOMAIN_ALL;
}

static AmAttrType
parse_attr_type (Reader     *reader,
                 const char *value)
{
  static const struct { const char *name; AmAttrType type; } types[] = {
    { "string", AM_ATTR_STRING }, { "boolean", AM_ATTR_BOOLEAN }, { "int", AM_ATTR_INT },
    { "long", AM_ATTR_LONG }, { "float", AM_ATTR_FLOAT }, { "double", AM_ATTR_DOUBLE },
  };

  if (value == NULL)
    return AM_ATTR_STRING;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_ascii_strcasecmp (value, types[i].name) == 0)
      return types[i].type;

  reader_warn (reader, _("Unknown attribute type “%s”; values are read as text"),
               AM_CUT (value));
  return AM_ATTR_STRING;
}

/* The new key's index, or -1 when the graph holds no more. */
static int
reader_add_key (Reader     *reader,
                const char *id,
                const char *name,
                AmDomain    domain,
                AmAttrType  type,
                gboolean    yfiles)
{
  guint index;
  const AmKey *key;

  if (!am_graphml_reader_has_room (reader, am_graph_get_n_keys (reader->graph), ELEMENT_KEY))
    return -1;

  index = am_graph_add_key (reader->graph, id, name, domain, type);
  key = am_graph_get_key (reader->graph, index);

  if (key->id != NULL && !g_hash_table_contains (reader->key_by_id, key->id))
    g_hash_table_insert (reader->key_by_id, (gpointer) key->id, GUINT_TO_POINTER (index + 1));
  g_array_append_val (reader->key_is_yfiles, yfiles);

  return (int) index;
}

static void
start_key (Reader           *reader,
           const Attributes *attrs)
{
  ATTRIBUTE (attrs, "id", id);
  ATTRIBUTE (attrs, "for", domain_name);
  ATTRIBUTE (attrs, "attr.name", name);
  ATTRIBUTE (attrs, "attr.type", type_name);
  ATTRIBUTE (attrs, "yfiles.type", yfiles_type);
  AmDomain domain = parse_domain (reader, domain_name);
  gpointer existing;
  int index;

  if (id == NULL)
    reader_warn (reader, _("A key has no id; no data can refer to it"));

  existing = id != NULL ? g_hash_table_lookup (reader->key_by_id, id) : NULL;
  if (existing != NULL &&
      am_graph_get_key (reader->graph, GPOINTER_TO_UINT (existing) - 1)->domain == domain)
    reader_warn (reader, _("Key id “%s” is declared twice; data uses the first"), AM_CUT (id));

  index = reader_add_key (reader, id, name, domain,
                          parse_attr_type (reader, type_name), yfiles_type != NULL);
  if (index < 0)
    return;
  reader_push (reader, ELEMENT_KEY, index);
}

/* The key @id for an element of @domain: declared for it, else declared
 * for something else, else made up on the spot, with a warning for each
 * rule broken. */
static int
reader_resolve_data_key (Reader     *reader,
                         const char *id,
                         AmDomain    domain)
{
  gpointer found = g_hash_table_lookup (reader->key_by_id, id);
  AmGraph *graph = reader->graph;

  if (found != NULL)
    {
      guint first = GPOINTER_TO_UINT (found) - 1;
      const AmKey *key = am_graph_get_key (graph, first);

      if (key->domain == domain)
        return (int) first;

      for (guint i = first + 1; i < am_graph_get_n_keys (graph); i++)
        {
          const AmKey *other = am_graph_get_key (graph, i);

          if (other->id != NULL && strcmp (other->id, id) == 0 && other->domain == domain)
            return (int) i;
        }

      /* A key for="all" gets a column per kind of element, since nodes and
       * edges are numbered separately. */
      if (key->domain == AM_DOMAIN_ALL)
        {
          int index = reader_add_key (reader, id, key->name, domain, key->type,
                                      g_array_index (reader->key_is_yfiles, gboolean, first));
          AmKey *copy;
          const AmKey *all;

          if (index < 0)
            return -1;
          copy = &g_array_index (graph->keys, AmKey, index);
          all = am_graph_get_key (graph, first);
          copy->default_value = all->default_value;
          copy->desc = all->desc;
          return (int) index;
        }

      /* Declared for another kind of element: keep the value all the same,
       * in a column of its own so that indices do not mix. */
      key = am_graph_get_key (graph, first);
      reader_warn (reader, _("Key “%s” is declared for %s but used on %s"),
                   AM_CUT (id), am_domain_to_string (key->domain), am_domain_to_string (domain));
      return reader_add_key (reader, id, key->name, domain, key->type,
                             g_array_index (reader->key_is_yfiles, gboolean, first));
    }

  reader_warn (reader, _("Data refers to key “%s”, which is not declared"), AM_CUT (id));
  return reader_add_key (reader, id, id, domain, AM_ATTR_STRING, FALSE);
}

static gboolean
value_matches_type (const char *value,
                    AmAttrType  type)
{
  gboolean b;
  gint64 i;
  double d;

  switch (type)
    {
    case AM_ATTR_STRING:
      return TRUE;
    case AM_ATTR_BOOLEAN:
      return am_parse_boolean (value, &b);
    case AM_ATTR_INT:
      return am_parse_integer (value, &i) && i >= G_MININT32 && i <= G_MAXINT32;
    case AM_ATTR_LONG:
      return am_parse_integer (value, &i);
    case AM_ATTR_FLOAT:
    case AM_ATTR_DOUBLE:
      /* "NaN" and "INF" are valid xs:double spellings. */
      return am_parse_double (value, &d);
    default:
      g_assert_not_reached ();
    }
}

/* Graph structure */

static void
start_graph (Reader           *reader,
             const Attributes *attrs)
{
  ATTRIBUTE (attrs, "id", id);
  ATTRIBUTE (attrs, "edgedefault", edgedefault);
  Frame *parent = reader_top (reader);
  guint32 parent_node = AM_NO_INDEX;
  guint32 parent_graph = reader_current_graph (reader);
  gboolean directed = FALSE;
  guint index;

  if (parent_graph != AM_NO_INDEX)
    directed = g_array_index (reader->graph->subgraphs, AmSubgraph, parent_graph).directed;

  if (edgedefault != NULL)
    {
      if (strcmp (edgedefault, "directed") == 0)
        directed = TRUE;
      else if (strcmp (edgedefault, "undirected") == 0)
        directed = FALSE;
      else
        reader_warn (reader, _("Unknown edgedefault “%s”"), AM_CUT (edgedefault));
    }

  if (parent != NULL && parent->type == ELEMENT_NODE)
    parent_node = parent->index;

  if (!am_graphml_reader_has_room (reader, reader->graph->subgraphs->len, ELEMENT_GRAPH))
    return;
  index = am_graph_add_subgraph (reader->graph, id, parent_node, parent_graph, directed);

  if (parent_graph == AM_NO_INDEX)
    {
      reader->top_graph = index;
      reader->top_graph_first_node = am_graph_get_n_nodes (reader->graph);
      if (reader->split != NULL && !reader->fragment && index == 0)
        am_graphml_split_publish_head (reader);
    }

  reader_push (reader, ELEMENT_GRAPH, index);
}

static void
start_node (Reader           *reader,
            const Attributes *attrs)
{
  COMMON_ATTRIBUTE (reader, attrs, id, id);
  guint32 graph = reader_current_graph (reader);
  guint existing = AM_NO_INDEX;
  guint index;

  if (!am_graphml_reader_has_room (reader, am_graph_get_n_nodes (reader->graph), ELEMENT_NODE))
    return;

  if (id == NULL)
    reader_warn (reader, _("A node has no id"));
  else
    existing = am_graph_find_node_by_id (reader->graph, id);

  index = am_graph_add_node (reader->graph, id, graph);
  reader->graph->n_node_elements++;

  if (existing != AM_NO_INDEX)
    {
      if (existing < reader->top_graph_first_node)
        {
          /* Ids are scoped by top-level graph in files that hold several. */
          am_graph_claim_node_id (reader->graph, index);
        }
      else
        reader_warn (reader, _("Node id “%s” is used twice; edges go to the first"),
                     AM_CUT (id));
    }

  reader_push (reader, ELEMENT_NODE, index);
}

static guint32
reader_lookup_endpoint (Reader     *reader,
                        const char *id,
                        guint32     element,
                        guint8      role)
{
  guint32 node = am_graph_find_node_by_id (reader->graph, id);
  gsize length = strlen (id) + 1;
  Pending pending;

  if (node != AM_NO_INDEX && node >= reader->top_graph_first_node)
    return node;

  /* Offsets into the ids kept are 32-bit. */
  if (reader->pending_ids->len + length > G_MAXUINT32)
    {
      am_graphml_reader_fail (reader, AM_GRAPHML_ERROR_LIMIT,
                              _("Edges name more nodes before their declaration "
                                "than a map can hold"));
      return AM_NO_INDEX;
    }

  /* Not declared yet (or only in an earlier graph): settle it at the end
   * of this top-level graph. */
  pending.element = element;
  pending.id_offset = reader->pending_ids->len;
  pending.line = reader_line (reader);
  pending.role = role;
  g_string_append_len (reader->pending_ids, id, length);
  g_array_append_val (reader->pending, pending);

  return AM_NO_INDEX;
}

static gboolean
parse_directed_attribute (Reader     *reader,
                          const char *value,
                          gboolean    fallback)
{
  gboolean directed;

  if (value == NULL)
    return fallback;
  if (am_parse_boolean (value, &directed))
    return directed;

  reader_warn (reader, _("Edge attribute directed=“%s” is neither true nor false"),
               AM_CUT (value));
  return fallback;
}

static void
start_edge (Reader           *reader,
            const Attributes *attrs)
{
  COMMON_ATTRIBUTE (reader, attrs, id, id);
  COMMON_ATTRIBUTE (reader, attrs, source, source_id);
  COMMON_ATTRIBUTE (reader, attrs, target, target_id);
  COMMON_ATTRIBUTE (reader, attrs, directed, directed_value);
  COMMON_ATTRIBUTE (reader, attrs, sourceport, source_port);
  COMMON_ATTRIBUTE (reader, attrs, targetport, target_port);
  AmGraph *graph = reader->graph;
  guint32 subgraph = reader_current_graph (reader);
  gboolean directed = FALSE;
  guint32 edge_index = am_graph_get_n_edges (graph);
  guint32 source = AM_NO_INDEX, target = AM_NO_INDEX;
  guint index;

  if (!am_graphml_reader_has_room (reader, edge_index, ELEMENT_EDGE))
    return;

  if (subgraph != AM_NO_INDEX)
    directed = g_array_index (graph->subgraphs, AmSubgraph, subgraph).directed;
  directed = parse_directed_attribute (reader, directed_value, directed);

  if (source_id != NULL)
    source = reader_lookup_endpoint (reader, source_id, edge_index, PENDING_SOURCE);
  if (target_id != NULL)
    target = reader_lookup_endpoint (reader, target_id, edge_index, PENDING_TARGET);

  index = am_graph_add_edge (graph, id, source, target, subgraph, directed);

  if (source_id == NULL || target_id == NULL)
    {
      reader_warn (reader, _("An edge lacks its %s attribute"),
                   source_id == NULL ? "source" : "target");
      am_graph_get_edge (graph, index)->flags |= AM_EDGE_DANGLING;
    }

  if (source_port != NULL || target_port != NULL)
    am_graph_set_edge_ports (graph, index,
                             am_graph_intern (graph, source_port),
                             am_graph_intern (graph, target_port));

  reader_push (reader, ELEMENT_EDGE, index);
}

static void
start_hyperedge (Reader           *reader,
                 const Attributes *attrs)
{
  ATTRIBUTE (attrs, "id", id);
  AmHyperedge hyperedge = { 0 };

  if (!am_graphml_reader_has_room (reader, reader->graph->hyperedges->len, ELEMENT_HYPEREDGE))
    return;

  hyperedge.id = am_graph_intern (reader->graph, id);
  hyperedge.graph = reader_current_graph (reader);
  hyperedge.first_endpoint = reader->graph->endpoints->len;
  g_array_append_val (reader->graph->hyperedges, hyperedge);

  reader_push (reader, ELEMENT_HYPEREDGE, reader->graph->hyperedges->len - 1);
}

static void
start_endpoint (Reader           *reader,
                const Attributes *attrs)
{
  ATTRIBUTE (attrs, "node", node_id);
  ATTRIBUTE (attrs, "port", port);
  Frame *parent = reader_top (reader);
  AmEndpoint endpoint = { AM_NO_INDEX, NULL };
  AmHyperedge *hyperedge;

  if (parent == NULL || parent->type != ELEMENT_HYPEREDGE)
    {
      reader_warn (reader, _("An endpoint outside a hyperedge is ignored"));
      return;
    }
  if (!am_graphml_reader_has_room (reader, reader->graph->endpoints->len, ELEMENT_ENDPOINT))
    return;

  if (node_id == NULL)
    reader_warn (reader, _("An endpoint has no node attribute"));
  else
    endpoint.node = reader_lookup_endpoint (reader, node_id, reader->graph->endpoints->len,
                                            PENDING_ENDPOINT);
  endpoint.port = am_graph_intern (reader->graph, port);
  g_array_append_val (reader->graph->endpoints, endpoint);

  hyperedge = &g_array_index (reader->graph->hyperedges, AmHyperedge, parent->index);
  hyperedge->n_endpoints++;
}

static void
start_port (Reader           *reader,
            const Attributes *attrs)
{
  ATTRIBUTE (attrs, "name", name);
  Frame *node = reader_find_open (reader, ELEMENT_NODE);
  Frame *parent = reader_top (reader);
  AmPort port = { 0 };

  if (node == NULL)
    {
      reader_warn (reader, _("A port outside a node is ignored"));
      reader_push (reader, ELEMENT_OTHER, AM_NO_INDEX);
      return;
    }
  if (!am_graphml_reader_has_room (reader, reader->graph->ports->len, ELEMENT_PORT))
    return;

  port.node = node->index;
  port.name = am_graph_intern (reader->graph, name);
  port.parent_port = parent->type == ELEMENT_PORT ? parent->index : AM_NO_INDEX;
  g_array_append_val (reader->graph->ports, port);

  reader_push (reader, ELEMENT_PORT, reader->graph->ports->len - 1);
}

/* Data */

gboolean
am_graphml_frame_domain (const Frame *frame,
                         AmDomain    *domain,
                         guint32     *element)
{
  switch (frame->type)
    {
    case ELEMENT_GRAPHML:
      *domain = AM_DOMAIN_GRAPHML;
      break;
    case ELEMENT_GRAPH:
      *domain = AM_DOMAIN_GRAPH;
      break;
    case ELEMENT_NODE:
      *domain = AM_DOMAIN_NODE;
      break;
    case ELEMENT_EDGE:
      *domain = AM_DOMAIN_EDGE;
      break;
    case ELEMENT_HYPEREDGE:
      *domain = AM_DOMAIN_HYPEREDGE;
      break;
    case ELEMENT_PORT:
      *domain = AM_DOMAIN_PORT;
      break;
    default:
      return FALSE;
    }

  *element = frame->type == ELEMENT_GRAPHML ? 0 : frame->index;
  return TRUE;
}

static void
start_collecting (Reader *reader)
{
  g_string_truncate (reader->text, 0);
  reader->collecting = TRUE;
  reader->text_truncated = FALSE;
}

/* Files use a handful of keys over and over: the last few resolved are
 * remembered. Resolving the same id for the same kind of element again
 * gives the same key, without warnings. */
static int
reader_find_data_key (Reader     *reader,
                      const char *id,
                      AmDomain    domain)
{
  guint slot;
  int key;

  /* Elements tend to give their data in the same order every time: the
   * key after the last one found is the likeliest. */
  for (guint n = 0; n < reader->n_recent_keys; n++)
    {
      guint i = (reader->last_recent_key + 1 + n) % reader->n_recent_keys;

      if (reader->recent_keys[i].domain == domain && strcmp (reader->recent_keys[i].id, id) == 0)
        {
          reader->last_recent_key = i;
          return reader->recent_keys[i].key;
        }
    }

  key = reader_resolve_data_key (reader, id, domain);

  if (key < 0 || am_graph_get_key (reader->graph, key)->id == NULL)
    return key;

  slot = reader->next_recent_key++ % G_N_ELEMENTS (reader->recent_keys);
  reader->n_recent_keys = MAX (reader->n_recent_keys, slot + 1);
  reader->recent_keys[slot].id = am_graph_get_key (reader->graph, key)->id;
  reader->recent_keys[slot].domain = domain;
  reader->recent_keys[slot].key = key;

  return key;
}

static void
start_data (Reader           *reader,
            const Attributes *attrs)
{
  COMMON_ATTRIBUTE (reader, attrs, key, key_id);
  Frame *parent = reader_top (reader);
  AmDomain domain;
  guint32 element;

  reader->data_key = -1;
  reader->data_has_children = FALSE;
  reader->in_yed_data = FALSE;
  reader->yed_seen_geometry = FALSE;
  reader->yed_seen_fill = FALSE;

  if (parent == NULL || !am_graphml_frame_domain (parent, &domain, &element))
    reader_warn (reader, _("Data outside a graph element is ignored"));
  else if (key_id == NULL)
    reader_warn (reader, _("Data without a key is ignored"));
  else
    {
      reader->data_key = reader_find_data_key (reader, key_id, domain);
      reader->data_element = element;
      reader->in_yed_data = reader->data_key >= 0 &&
                            g_array_index (reader->key_is_yfiles, gboolean, reader->data_key);
    }

  start_collecting (reader);
  if (reader->data_key >= 0 && !reader->in_yed_data)
    {
      /* Most of a big file's bytes: copied once, to where they stay. */
      am_string_arena_begin (reader->graph->values);
      reader->text_in_arena = TRUE;
      reader->text_length = 0;
    }
  reader_push (reader, ELEMENT_DATA, AM_NO_INDEX);
}

static void
end_data (Reader *reader)
{
  AmGraph *graph = reader->graph;
  const AmKey *key;
  const char *value;

  reader->collecting = FALSE;
  if (reader->data_key < 0)
    return;

  /* yEd's graphics and resources are read for what they draw, not kept. */
  if (reader->data_has_children && reader->in_yed_data)
    return;

  key = am_graph_get_key (graph, reader->data_key);
  if (reader->text_in_arena)
    {
      value = am_string_arena_end (graph->values, NULL);
      reader->text_in_arena = FALSE;
    }
  else
    value = am_graph_store (graph, reader->text->str, reader->text->len);

  if (!value_matches_type (value, key->type) && !(key->type != AM_ATTR_STRING && *value == '\0'))
    reader_warn (reader, _("Value “%s” of key “%s” is not a valid %s"),
                 AM_CUT (value), AM_CUT (key->name), am_attr_type_to_string (key->type));

  am_graph_set_value (graph, reader->data_key, reader->data_element, value);
}

static void
end_key_text (Reader      *reader,
              ElementType  type)
{
  Frame *parent;
  AmKey *key;

  /* The <default> or <desc> is already off the stack. */
  reader->collecting = FALSE;
  parent = reader_top (reader);
  if (parent == NULL || parent->type != ELEMENT_KEY)
    return;

  key = &g_array_index (reader->graph->keys, AmKey, parent->index);
  if (type == ELEMENT_DEFAULT)
    {
      key->default_value = am_graph_store (reader->graph, reader->text->str, reader->text->len);
      if (!value_matches_type (key->default_value, key->type) && *key->default_value != '\0')
        reader_warn (reader, _("Default “%s” of key “%s” is not a valid %s"),
                     AM_CUT (key->default_value), AM_CUT (key->name),
                     am_attr_type_to_string (key->type));
    }
  else
    key->desc = am_graph_store (reader->graph, reader->text->str, reader->text->len);
}


/* SAX callbacks */

static ElementType
classify (const char *name)
{
  static const struct { const char *name; ElementType type; } elements[] = {
    { "node", ELEMENT_NODE }, { "edge", ELEMENT_EDGE }, { "data", ELEMENT_DATA },
    { "graph", ELEMENT_GRAPH }, { "key", ELEMENT_KEY }, { "default", ELEMENT_DEFAULT },
    { "desc", ELEMENT_DESC }, { "hyperedge", ELEMENT_HYPEREDGE },
    { "endpoint", ELEMENT_ENDPOINT }, { "port", ELEMENT_PORT },
    { "locator", ELEMENT_LOCATOR }, { "graphml", ELEMENT_GRAPHML },
  };

  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    if (strcmp (name, elements[i].name) == 0)
      return elements[i].type;

  return ELEMENT_OTHER;
}

static gboolean
is_graphml_namespace (const char *uri)
{
  return uri == NULL || g_str_has_prefix (uri, GRAPHML_NS_PREFIX);
}

static gboolean
reader_start_root (Reader     *reader,
                   const char *name,
                   const char *uri)
{
  reader->seen_root = TRUE;

  if (strcmp (name, "graphml") != 0)
    {
      am_graphml_reader_fail (reader, AM_GRAPHML_ERROR_NOT_GRAPHML,
                              _("The document is <%s>, not GraphML"), AM_CUT (name));
      return FALSE;
    }

  if (!is_graphml_namespace (uri))
    {
      am_graphml_reader_fail (reader, AM_GRAPHML_ERROR_NOT_GRAPHML,
                              _("The root element is in namespace “%s”, not GraphML’s"),
                              AM_CUT (uri));
      return FALSE;
    }

  /* Only the name's start is checked above: other tools' files vary. */
  if (uri != NULL && strcmp (uri, GRAPHML_NS_PREFIX) != 0 &&
      strcmp (uri, GRAPHML_NS_PREFIX "/") != 0)
    reader_warn (reader, _("The root element is in namespace “%s”, not GraphML’s; "
                           "it is read as GraphML"), AM_CUT (uri));

  reader->graphml_ns = g_strdup (uri);
  reader->graphml_ns_in_dict = (const xmlChar *) uri;
  reader_push (reader, ELEMENT_GRAPHML, 0);
  return TRUE;
}

static void
on_start_element (void           *user_data,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             n_namespaces,
                  const xmlChar **namespaces,
                  int             n_attributes,
                  int             n_defaulted,
                  const xmlChar **attributes)
{
  Reader *reader = reader_from_context (user_data);
  const char *name = (const char *) localname;
  Attributes attrs = { attributes, n_attributes };
  ElementType type;
  Frame *parent;

  if (reader->error != NULL)
    return;

  /* A default from the DTD is handed to every element anew. */
  if (G_UNLIKELY (n_defaulted > 0))
    {
      guint64 n = 0;

      for (int i = n_attributes - n_defaulted; i < n_attributes; i++)
        n += (guint64) (attributes[i * 5 + 4] - attributes[i * 5 + 3]);
      if (!am_graphml_reader_charge_expansion (reader, n))
        return;
    }

  if (!reader->seen_root)
    {
      reader_start_root (reader, name, (const char *) uri);
      return;
    }

  if (reader->foreign_depth > 0)
    {
      reader->foreign_depth++;
      if (reader->in_yed_data && uri != NULL && strcmp ((const char *) uri, YED_NS) == 0)
        am_graphml_yed_start_element (reader, name, &attrs);
      return;
    }

  parent = reader_top (reader);
  if (parent->type == ELEMENT_DATA || parent->type == ELEMENT_DEFAULT ||
      parent->type == ELEMENT_DESC || parent->type == ELEMENT_LOCATOR ||
      (uri != NULL && uri != reader->graphml_ns_in_dict &&
       g_strcmp0 ((const char *) uri, reader->graphml_ns) != 0))
    {
      /* Markup inside a value, or another vocabulary: kept out of the model. */
      if (parent->type == ELEMENT_DATA)
        reader->data_has_children = TRUE;
      reader->foreign_depth = 1;
      if (reader->in_yed_data && parent->type == ELEMENT_DATA &&
          uri != NULL && strcmp ((const char *) uri, YED_NS) == 0)
        am_graphml_yed_start_element (reader, name, &attrs);
      return;
    }

  /* The common elements by address, the rest by name. */
  if (localname == reader->names.node)
    type = ELEMENT_NODE;
  else if (localname == reader->names.edge)
    type = ELEMENT_EDGE;
  else if (localname == reader->names.data)
    type = ELEMENT_DATA;
  else
    type = classify (name);
  switch (type)
    {
    case ELEMENT_KEY:
      start_key (reader, &attrs);
      break;
    case ELEMENT_GRAPH:
      start_graph (reader, &attrs);
      break;
    case ELEMENT_NODE:
      start_node (reader, &attrs);
      break;
    case ELEMENT_EDGE:
      start_edge (reader, &attrs);
      break;
    case ELEMENT_HYPEREDGE:
      start_hyperedge (reader, &attrs);
      break;
    case ELEMENT_ENDPOINT:
      start_endpoint (reader, &attrs);
      reader_push (reader, ELEMENT_ENDPOINT, AM_NO_INDEX);
      break;
    case ELEMENT_PORT:
      start_port (reader, &attrs);
      break;
    case ELEMENT_DATA:
      start_data (reader, &attrs);
      break;
    case ELEMENT_DEFAULT:
    case ELEMENT_DESC:
      start_collecting (reader);
      reader_push (reader, type, AM_NO_INDEX);
      break;
    case ELEMENT_LOCATOR:
      reader_push (reader, type, AM_NO_INDEX);
      break;
    case ELEMENT_GRAPHML:
    case ELEMENT_OTHER:
    default:
      reader_warn (reader, _("Unexpected element <%s> is ignored"), AM_CUT (name));
      reader->foreign_depth = 1;
      break;
    }
}

static void
on_end_element (void          *user_data,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  Reader *reader = reader_from_context (user_data);
  Frame frame;

  if (reader->error != NULL)
    return;

  if (reader->foreign_depth > 0)
    {
      if (reader->yed_label_depth == reader->foreign_depth)
        am_graphml_yed_end_label (reader);
      reader->foreign_depth--;
      return;
    }

  if (reader->stack->len == 0)
    return;

  frame = *reader_top (reader);
  g_array_set_size (reader->stack, reader->stack->len - 1);

  switch (frame.type)
    {
    case ELEMENT_DATA:
      end_data (reader);
      break;
    case ELEMENT_DEFAULT:
    case ELEMENT_DESC:
      end_key_text (reader, frame.type);
      break;
    case ELEMENT_GRAPH:
      /* The second half of a split file settles its endpoints when merged. */
      if (reader_current_graph (reader) == AM_NO_INDEX && !reader->fragment)
        am_graphml_reader_resolve_pending (reader);
      break;
    default:
      break;
    }
}

static void
on_characters (void          *user_data,
               const xmlChar *text,
               int            length)
{
  Reader *reader = reader_from_context (user_data);

  if (reader->yed_label_depth > 0 && reader->yed_label_depth == reader->foreign_depth)
    {
      if (reader->yed_label->len + length <= MAX_VALUE_LENGTH)
        g_string_append_len (reader->yed_label, (const char *) text, length);
      return;
    }

  if (!reader->collecting)
    return;

  if ((reader->text_in_arena ? reader->text_length : reader->text->len) + length > MAX_VALUE_LENGTH)
    {
      if (!reader->text_truncated)
        reader_warn (reader, _("A value longer than %d bytes was cut short"), MAX_VALUE_LENGTH);
      reader->text_truncated = TRUE;
      return;
    }

  if (reader->text_in_arena)
    {
      am_string_arena_append (reader->graph->values, (const char *) text, length);
      reader->text_length += length;
    }
  else
    g_string_append_len (reader->text, (const char *) text, length);
}

/* External entities are never declared, so nothing can make the parser
 * fetch a file or a URL; internal ones expand within libxml2's limits. */
static void
on_entity_declaration (void          *user_data,
                       const xmlChar *name,
                       int            type,
                       const xmlChar *public_id,
                       const xmlChar *system_id,
                       xmlChar       *content)
{
  Reader *reader = reader_from_context (user_data);

  if (type == XML_INTERNAL_GENERAL_ENTITY || type == XML_INTERNAL_PARAMETER_ENTITY)
    {
      xmlSAX2EntityDecl (reader->ctxt, name, type, public_id, system_id, content);
      return;
    }

  am_graph_add_warning (reader->graph, reader_line (reader), reader_column (reader),
                        _("External entity “%s” is not loaded"), AM_CUT ((const char *) name));
}

static xmlEntityPtr
on_get_entity (void          *user_data,
               const xmlChar *name)
{
  xmlParserCtxtPtr ctxt = user_data;
  Reader *reader = reader_from_context (ctxt);
  xmlEntityPtr entity;

  if (reader->error != NULL)
    {
      xmlStopParser (ctxt);
      return NULL;
    }

  entity = xmlSAX2GetEntity (ctxt, name);
  if (entity != NULL && entity->etype != XML_INTERNAL_PREDEFINED_ENTITY &&
      !am_graphml_reader_charge_expansion (reader, (guint64) MAX (entity->length, 0) + 1))
               {
                 /* The reference may sit inside an entity parsed on its own. */
                 xmlStopParser (ctxt);
      return NULL;
    }

  return entity;
}

static xmlParserInputPtr
refuse_external_entity (const char       *url,
                        const char       *id,
                        xmlParserCtxtPtr  ctxt)
{
  return NULL;
}

/* libxml2 takes a NUL byte between two elements for the end of its input,
 * and then says the open elements are never closed. */
static gboolean
stopped_at_nul (Reader         *reader,
                const xmlError *error)
{
  xmlParserInputPtr input = reader->ctxt != NULL ? reader->ctxt->input : NULL;

  return error->code == XML_ERR_TAG_NOT_FINISHED && input != NULL && input->cur != NULL &&
         input->cur < input->end && *input->cur == '\0';
}

static void
on_structured_error (void        *user_data,
                     xmlErrorPtr  error)
{
  Reader *reader = reader_from_context (user_data);
  g_autofree char *message = NULL;

  /* Once we have refused the file, the parser's complaints about being
   * stopped say nothing more. */
  if (error == NULL || reader->error != NULL)
    return;

  if (error->level == XML_ERR_FATAL && reader->hit_limit)
    {
      am_graphml_split_check_stop (reader, error->code);
      return;
    }

  if (stopped_at_nul (reader, error))
    message = g_strdup (_("a NUL byte, which XML does not allow"));
  else
    message = am_graphml_describe_xml_error (error);
  if (error->level == XML_ERR_FATAL)
    {
      reader->error = g_error_new (AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_MALFORMED,
                                   "%s:%d:%d: %s", reader->name, error->line,
                                   error->int2, message);
      return;
    }

  am_graph_add_warning (reader->graph, error->line, error->int2, "%s", message);
}

/* Endpoints */

static void
report_dangling (Reader     *reader,
                 const char *id,
                 int         line,
                 guint       n_reported)
{
  if (n_reported < MAX_DANGLING_REPORTS)
    am_graph_add_warning (reader->graph, line, 0,
                          _("Node “%s” is named by an edge but not declared; it was added"),
                          AM_CUT (id));
}

void
am_graphml_reader_resolve_pending (Reader *reader)
{
  AmGraph *graph = reader->graph;
  guint n_added = 0;

  for (guint i = 0; i < reader->pending->len; i++)
    {
      const Pending *pending = &g_array_index (reader->pending, Pending, i);
      const char *id = reader->pending_ids->str + pending->id_offset;
      guint32 node = am_graph_find_node_by_id (graph, id);

      if (node == AM_NO_INDEX || node < reader->top_graph_first_node)
        {
          if (!am_graphml_reader_has_room (reader, am_graph_get_n_nodes (graph), ELEMENT_NODE))
                       break;
          node = am_graph_add_node (graph, id, reader->top_graph);
          am_graph_get_node (graph, node)->flags |= AM_NODE_IMPLICIT;
          if (am_graph_find_node_by_id (graph, id) != node)
            am_graph_claim_node_id (graph, node);
          report_dangling (reader, id, pending->line, n_added);
          n_added++;
        }

      if (pending->role == PENDING_ENDPOINT)
        g_array_index (graph->endpoints, AmEndpoint, pending->element).node = node;
      else
        {
          AmEdge *edge = am_graph_get_edge (graph, pending->element);

          if (am_graph_get_node (graph, node)->flags & AM_NODE_IMPLICIT)
            edge->flags |= AM_EDGE_DANGLING;
          if (pending->role == PENDING_SOURCE)
            edge->source = node;
          else
            edge->target = node;
        }
    }

  if (n_added > MAX_DANGLING_REPORTS)
    am_graph_add_warning (graph, 0, 0,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u node was named by edges but not declared",
                                       "%u nodes were named by edges but not declared",
                                       n_added),
                          n_added);

  g_array_set_size (reader->pending, 0);
  g_string_truncate (reader->pending_ids, 0);
}

/* Driver */

static void
init_sax_handler (xmlSAXHandler *sax)
{
  memset (sax, 0, sizeof *sax);
  xmlSAXVersion (sax, 2);

  /* Only what we need: no tree is built. */
  sax->startElementNs = on_start_element;
  sax->endElementNs = on_end_element;
  sax->characters = on_characters;
  sax->cdataBlock = on_characters;
  sax->ignorableWhitespace = NULL;
  sax->comment = NULL;
  sax->processingInstruction = NULL;
  sax->entityDecl = on_entity_declaration;
  sax->getEntity = on_get_entity;
  sax->serror = on_structured_error;
  sax->warning = NULL;
  sax->error = NULL;
  sax->fatalError = NULL;
  sax->externalSubset = NULL;
}

void
am_graphml_reader_clear (Reader *reader)
{
  if (reader->ctxt != NULL)
    {
      if (reader->ctxt->myDoc != NULL)
        xmlFreeDoc (reader->ctxt->myDoc);
      xmlFreeParserCtxt (reader->ctxt);
    }
  g_clear_pointer (&reader->graph, am_graph_free);
  g_clear_error (&reader->error);
  g_free (reader->graphml_ns);
  g_array_unref (reader->stack);
  g_array_unref (reader->key_is_yfiles);
  g_array_unref (reader->pending);
  g_hash_table_unref (reader->key_by_id);
  g_string_free (reader->text, TRUE);
  g_string_free (reader->yed_label, TRUE);
  g_string_free (reader->pending_ids, TRUE);
  g_free (reader->chunk);
}

void
am_graphml_reader_init (Reader     *reader,
                        const char *name)
{
  memset (reader, 0, sizeof *reader);
  reader->graph = am_graph_new ();
  reader->name = name;
  reader->stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  reader->key_is_yfiles = g_array_new (FALSE, FALSE, sizeof (gboolean));
  reader->pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  reader->key_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  reader->text = g_string_sized_new (256);
  reader->yed_label = g_string_new (NULL);
  reader->pending_ids = g_string_new (NULL);
  reader->top_graph = AM_NO_INDEX;
  reader->limit = -1;
  reader->splice_at = -1;
  reader->resume_at = -1;
}

/* libxml2 pulls the input through this, so that we can count what was
 * read and stop when asked. */
#define CHUNK_SIZE (256 * 1024)

static gssize
read_stream (Reader  *reader,
             char    *buffer,
             gsize    length,
             GError **error)
{
  gsize n;

  if (reader->chunk_position == reader->chunk_length)
    {
      gssize n_read;

      if (reader->chunk == NULL)
        reader->chunk = g_malloc (CHUNK_SIZE);
      n_read = g_input_stream_read (reader->stream, reader->chunk, CHUNK_SIZE,
                                    reader->cancellable, error);
      if (n_read <= 0)
        return n_read;
      reader->chunk_length = n_read;
      reader->chunk_position = 0;
    }

  n = MIN (length, reader->chunk_length - reader->chunk_position);
  memcpy (buffer, reader->chunk + reader->chunk_position, n);
  reader->chunk_position += n;

  return n;
}

static gssize
read_part (Reader  *reader,
           char    *buffer,
           gsize    length,
           GError **error)
{
  goffset position = reader->bytes_read;
  gssize n;

  /* The first half of a split file ends at its limit. */
  if (reader->limit >= 0)
    {
      if (position >= reader->limit)
        {
          reader->hit_limit = TRUE;
          return 0;
        }
      length = MIN (length, (gsize) (reader->limit - position));
    }

  /* The second half reads the head of the file, a line break, then goes
   * on from the half-way mark: a document of its own. */
  if (reader->splice_at >= 0 && !reader->spliced)
    {
      if (position >= reader->splice_at)
        {
          reader->spliced = TRUE;
          reader->chunk_position = reader->chunk_length = 0;
          if (!g_seekable_seek (G_SEEKABLE (reader->stream), reader->resume_at, G_SEEK_SET,
                                reader->cancellable, error))
            return -1;
          buffer[0] = '\n';
          return 1;
        }
      length = MIN (length, (gsize) (reader->splice_at - position));
      n = read_stream (reader, buffer, length, error);
      for (gssize i = 0; i < n; i++)
        reader->head_lines += buffer[i] == '\n';
      return n;
    }

  return read_stream (reader, buffer, length, error);
}

/* libxml2 pulls the input through this, so that we can count what was
 * read and stop when asked. */
static int
on_read_input (void *context,
               char *buffer,
               int   length)
{
  Reader *reader = context;
  g_autoptr(GError) error = NULL;
  gssize n;

  if (g_cancellable_is_cancelled (reader->cancellable))
    {
      reader->cancelled = TRUE;
      return -1;
    }

  n = read_part (reader, buffer, length, &error);
  if (n > 0 && !am_graphml_reader_scan_input (reader, buffer, n))
    return -1;
  if (n < 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        reader->cancelled = TRUE;
      else if (reader->error == NULL)
        reader->error = g_error_new (AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_IO, "%s: %s",
                                     reader->name, error->message);
      return -1;
    }

  reader->bytes_read += n;
  if (reader->split != NULL)
    am_graphml_split_report_progress (reader, n);
  else if (reader->progress != NULL && reader->size_hint > 0)
    reader->progress (MIN (1.0, (double) reader->bytes_read / reader->size_hint),
                      reader->progress_data);

  return (int) n;
}

/* libxml2 tells some errors, such as a failed encoding conversion, on
 * standard error as well as to the parser: those reach the user through
 * on_structured_error, in our words. */
static void
ignore_generic_error (void       *user_data,
                      const char *format,
                      ...)
{
}

void
am_graphml_reader_parse (Reader *reader)
{
  xmlSAXHandler sax;

  /* Per thread: each half of a split read runs in its own. */
  xmlSetGenericErrorFunc (NULL, ignore_generic_error);
  init_sax_handler (&sax);
  reader->ctxt = xmlCreateIOParserCtxt (&sax, NULL, on_read_input, NULL, reader,
                                        XML_CHAR_ENCODING_NONE);
  if (reader->ctxt == NULL)
    {
      reader->error = g_error_new (AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_IO, "%s: %s",
                                   reader->name, _("Out of memory"));
      return;
    }

  reader->ctxt->_private = reader;
  xmlCtxtUseOptions (reader->ctxt, XML_PARSE_NONET | XML_PARSE_NOENT | XML_PARSE_NOCDATA);
  if (reader->ctxt->input != NULL && reader->ctxt->input->filename == NULL)
    reader->ctxt->input->filename = (char *) xmlStrdup ((const xmlChar *) reader->name);

  reader->names.graphml = xmlDictLookup (reader->ctxt->dict, BAD_CAST "graphml", -1);
  reader->names.node = xmlDictLookup (reader->ctxt->dict, BAD_CAST "node", -1);
  reader->names.edge = xmlDictLookup (reader->ctxt->dict, BAD_CAST "edge", -1);
  reader->names.data = xmlDictLookup (reader->ctxt->dict, BAD_CAST "data", -1);
  reader->names.id = xmlDictLookup (reader->ctxt->dict, BAD_CAST "id", -1);
  reader->names.source = xmlDictLookup (reader->ctxt->dict, BAD_CAST "source", -1);
  reader->names.target = xmlDictLookup (reader->ctxt->dict, BAD_CAST "target", -1);
  reader->names.directed = xmlDictLookup (reader->ctxt->dict, BAD_CAST "directed", -1);
  reader->names.sourceport = xmlDictLookup (reader->ctxt->dict, BAD_CAST "sourceport", -1);
  reader->names.targetport = xmlDictLookup (reader->ctxt->dict, BAD_CAST "targetport", -1);
  reader->names.key = xmlDictLookup (reader->ctxt->dict, BAD_CAST "key", -1);

  xmlParseDocument (reader->ctxt);

  if (reader->cancelled)
    {
      g_clear_error (&reader->error);
      reader->error = g_error_new (AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_CANCELLED,
                                   _("%s: reading was cancelled"), reader->name);
    }
}

/* A file that ended inside a value leaves it unfinished. */
static void
reader_drop_open_text (Reader *reader)
{
  if (reader->text_in_arena && reader->graph != NULL)
    am_string_arena_abandon (reader->graph->values);
  reader->text_in_arena = FALSE;
}

static AmGraph *
reader_finish (Reader  *reader,
               GError **error)
{
  reader_drop_open_text (reader);

  if (reader->error == NULL && reader->bytes_read == 0)
    reader->error = g_error_new (AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_MALFORMED,
                                 _("%s:1:1: the file is empty"), reader->name);

  if (reader->error == NULL && reader->ctxt == NULL)
    return NULL;

  if (reader->error == NULL && (!reader->ctxt->wellFormed || !reader->seen_root))
    reader->error = g_error_new (AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_MALFORMED,
                                 _("%s:%d:%d: the file is not well-formed XML"), reader->name,
                                 reader_line (reader), reader_column (reader));

  if (reader->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&reader->error));
      return NULL;
    }

  /* A file cut off inside a graph still owes us its endpoints. */
  if (reader->pending->len > 0)
    am_graphml_reader_resolve_pending (reader);
  if (reader->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&reader->error));
      return NULL;
    }

  am_graph_resolve_profile (reader->graph);
  return g_steal_pointer (&reader->graph);
}

void
am_graphml_reader_install_entity_loader (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (refuse_external_entity);
      g_once_init_leave (&initialised, 1);
    }
}



AmGraph *
am_graphml_read_stream (GInputStream           *stream,
                        const char             *display_name,
                        goffset                 size_hint,
                        GCancellable           *cancellable,
                        AmGraphmlProgressFunc   progress,
                        gpointer                user_data,
                        GError                **error)
{
  AmGraph *graph;
  Reader reader;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  am_graphml_reader_install_entity_loader ();
  am_graphml_reader_init (&reader, display_name);
  reader.stream = stream;
  reader.size_hint = size_hint;
  reader.cancellable = cancellable;
  reader.progress = progress;
  reader.progress_data = user_data;

  am_graphml_reader_parse (&reader);
  graph = reader_finish (&reader, error);
  am_graphml_reader_clear (&reader);

  return graph;
}

static AmGraph *
read_file (const char             *path,
           gboolean                force_halves,
           GCancellable           *cancellable,
           AmGraphmlProgressFunc   progress,
           gpointer                user_data,
           gboolean               *read_in_halves,
           GError                **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  goffset size = 0;

  file = g_file_new_for_commandline_arg (path);
  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_IO, "%s: %s", path,
                   local_error->message);
      return NULL;
    }

  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (info != NULL)
    size = g_file_info_get_size (info);

  if (force_halves || (size >= AM_GRAPHML_SPLIT_MIN_SIZE && g_get_num_processors () > 1))
    {
      AmGraph *graph;

      am_graphml_reader_install_entity_loader ();
      graph = am_graphml_split_read (file, path, size, cancellable, progress, user_data,
                                     &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (graph != NULL)
        {
          if (read_in_halves != NULL)
            *read_in_halves = TRUE;
          return graph;
        }
    }

  return am_graphml_read_stream (G_INPUT_STREAM (stream), path, size, cancellable,
                                 progress, user_data, error);
}

AmGraph *
am_graphml_read_file (const char             *path,
                      GCancellable           *cancellable,
                      AmGraphmlProgressFunc   progress,
                      gpointer                user_data,
                      GError                **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return read_file (path, FALSE, cancellable, progress, user_data, NULL, error);
}

/* Tries the two-halves reading on a file of any size; tells whether it
 * was used or the file was read in one pass. */
AmGraph *
am_graphml_read_file_in_halves (const char             *path,
                                GCancellable           *cancellable,
                                AmGraphmlProgressFunc   progress,
                                gpointer                user_data,
                                gboolean               *read_in_halves,
                                GError                **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (read_in_halves != NULL, NULL);

  *read_in_halves = FALSE;
  return read_file (path, TRUE, cancellable, progress, user_data, read_in_halves, error);
}

AmGraph *
am_graphml_read_bytes (GBytes      *bytes,
                       const char  *display_name,
                       GError     **error)
{
  g_autoptr(GInputStream) stream = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);

  stream = g_memory_input_stream_new_from_bytes (bytes);
  return am_graphml_read_stream (stream, display_name, g_bytes_get_size (bytes),
                                 NULL, NULL, NULL, error);
}

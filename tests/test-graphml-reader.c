/* test-graphml-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "am-graphml-reader-private.h"

#define NS "xmlns=\"http://graphml.graphdrawing.org/xmlns\""

static AmGraph *
read_string_len (const char *text,
                 gsize       length,
                 GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);

  return am_graphml_read_bytes (bytes, "test.graphml", error);
}

static AmGraph *
read_string (const char *text,
             GError    **error)
{
  return read_string_len (text, strlen (text), error);
}

static AmGraph *
read_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  AmGraph *graph = read_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (graph);
  return graph;
}

static void
assert_refused (const char *text,
                int         code,
                const char *position)
{
  g_autoptr(GError) error = NULL;
  AmGraph *graph = read_string (text, &error);

  g_assert_null (graph);
  g_assert_error (error, AM_GRAPHML_ERROR, code);
  if (position != NULL)
    g_assert_true (g_str_has_prefix (error->message, position));
}

static const char *
node_value (const AmGraph *graph,
            const char    *node_id,
            const char    *key_name)
{
  guint node = am_graph_find_node_by_id (graph, node_id);
  int key = am_graph_find_key (graph, AM_DOMAIN_NODE, key_name);

  g_assert_cmpuint (node, !=, AM_NO_INDEX);
  return am_graph_get_node_value (graph, key, node);
}

static gboolean
has_warning_containing (const AmGraph *graph,
                        const char    *text)
{
  for (guint i = 0; i < graph->warnings->len; i++)
    if (strstr (g_array_index (graph->warnings, AmDiagnostic, i).message, text) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_keys_defaults_and_types (void)
{
  g_autoptr(AmGraph) graph = read_ok (
    "<?xml version=\"1.0\"?>\n"
    "<graphml " NS ">\n"
    " <key id=\"k0\" for=\"node\" attr.name=\"colour\" attr.type=\"string\">"
    "  <desc>What colour</desc><default>yellow</default></key>\n"
    " <key id=\"k1\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"><default>1.5</default></key>\n"
    " <key id=\"k2\" for=\"all\" attr.name=\"note\" attr.type=\"string\"/>\n"
    " <key id=\"k3\" for=\"graph\" attr.name=\"title\" attr.type=\"string\"/>\n"
    " <key id=\"k4\" for=\"node\" attr.name=\"flag\" attr.type=\"boolean\"/>\n"
    " <key id=\"k5\" for=\"node\" attr.name=\"count\" attr.type=\"long\"/>\n"
    " <key id=\"k6\" for=\"node\" attr.name=\"small\" attr.type=\"int\"/>\n"
    " <key id=\"k7\" for=\"node\" attr.name=\"ratio\" attr.type=\"float\"/>\n"
    " <graph id=\"G\" edgedefault=\"undirected\">\n"
    "  <data key=\"k3\">My map</data>\n"
    "  <node id=\"a\"><data key=\"k0\">green</data><data key=\"k2\">hello</data>"
    "   <data key=\"k4\">True</data><data key=\"k5\">9000000000</data>"
    "   <data key=\"k6\">7</data><data key=\"k7\">0.25</data></node>\n"
    "  <node id=\"b\"/>\n"
    "  <edge id=\"e0\" source=\"a\" target=\"b\"><data key=\"k1\">2.0</data><data key=\"k2\">x</data></edge>\n"
    "  <edge source=\"b\" target=\"a\"/>\n"
    " </graph>\n"
    "</graphml>\n");
  int weight = am_graph_find_key (graph, AM_DOMAIN_EDGE, "weight");
  int colour = am_graph_find_key (graph, AM_DOMAIN_NODE, "colour");
  int note_edge = am_graph_find_key (graph, AM_DOMAIN_EDGE, "note");

  g_assert_cmpuint (am_graph_get_n_nodes (graph), ==, 2);
  g_assert_cmpuint (am_graph_get_n_edges (graph), ==, 2);
  g_assert_cmpstr (am_graph_get_title (graph), ==, "My map");
  g_assert_cmpstr (node_value (graph, "a", "colour"), ==, "green");
  g_assert_cmpstr (node_value (graph, "b", "colour"), ==, "yellow");
  g_assert_cmpstr (am_graph_get_key (graph, colour)->desc, ==, "What colour");
  g_assert_cmpstr (am_graph_get_edge_value (graph, weight, 0), ==, "2.0");
  g_assert_cmpstr (am_graph_get_edge_value (graph, weight, 1), ==, "1.5");
  g_assert_cmpstr (am_graph_get_edge_value (graph, note_edge, 0), ==, "x");
  g_assert_cmpstr (node_value (graph, "a", "note"), ==, "hello");
  g_assert_cmpint (am_graph_get_key (graph, am_graph_find_key (graph, AM_DOMAIN_NODE, "flag"))->type,
                   ==, AM_ATTR_BOOLEAN);
  g_assert_cmpint (am_graph_get_key (graph, am_graph_find_key (graph, AM_DOMAIN_NODE, "count"))->type,
                   ==, AM_ATTR_LONG);
  g_assert_cmpint (am_graph_get_key (graph, am_graph_find_key (graph, AM_DOMAIN_NODE, "small"))->type,
                   ==, AM_ATTR_INT);
  g_assert_cmpint (am_graph_get_key (graph, am_graph_find_key (graph, AM_DOMAIN_NODE, "ratio"))->type,
                   ==, AM_ATTR_FLOAT);
  g_assert_cmpuint (graph->n_warnings, ==, 0);
  g_assert_false (am_graph_is_directed (graph));
}

static void
test_directed_and_mixed (void)
{
  g_autoptr(AmGraph) graph = read_ok (
    "<graphml " NS "><graph edgedefault=\"directed\">"
    "<node id=\"a\"/><node id=\"b\"/>"
    "<edge source=\"a\" target=\"b\"/>"
    "<edge source=\"a\" target=\"b\" directed=\"false\"/>"
    "<edge source=\"a\" target=\"a\"/>"
    "</graph></graphml>");

  g_assert_true (am_graph_get_edge (graph, 0)->flags & AM_EDGE_DIRECTED);
  g_assert_false (am_graph_get_edge (graph, 1)->flags & AM_EDGE_DIRECTED);
  g_assert_true (am_graph_is_mixed (graph));
  /* Parallel edges and a self-loop are all kept. */
  g_assert_cmpuint (am_graph_get_edge (graph, 2)->source, ==, am_graph_get_edge (graph, 2)->target);
  g_assert_cmpuint (am_graph_get_n_edges (graph), ==, 3);
}

static void
test_edges_before_nodes (void)
{
  g_autoptr(AmGraph) graph = read_ok (
    "<graphml " NS "><graph edgedefault=\"directed\">"
    "<edge source=\"late\" target=\"later\"/>"
    "<node id=\"late\"/><node id=\"later\"/>"
    "</graph></graphml>");
  const AmEdge *edge = am_graph_get_edge (graph, 0);

  g_assert_cmpuint (am_graph_get_n_nodes (graph), ==, 2);
  g_assert_cmpuint (edge->source, ==, am_graph_find_node_by_id (graph, "late"));
  g_assert_cmpuint (edge->target, ==, am_graph_find_node_by_id (graph, "later"));
  g_assert_false (edge->flags & AM_EDGE_DANGLING);
  g_assert_cmpuint (graph->n_warnings, ==, 0);
}

static void
test_dangling_endpoint (void)
{
  g_autoptr(AmGraph) graph = read_ok (
    "<graphml " NS "><graph edgedefault=\"directed\">"
    "<node id=\"a\"/><edge source=\"a\" target=\"ghost\"/>"
    "</graph></graphml>");
  guint ghost = am_graph_find_node_by_id (graph, "ghost");

  g_assert_cmpuint (graph->n_node_elements, ==, 1);
  g_assert_cmpuint (ghost, !=, AM_NO_INDEX);
  g_assert_true (am_graph_get_node (graph, ghost)->flags & AM_NODE_IMPLICIT);
  g_assert_true (am_graph_get_edge (graph, 0)->flags & AM_EDGE_DANGLING);
  g_assert_true (has_warning_containing (graph, "ghost"));
}

static void
test_nested_graphs (void)
{
  g_autoptr(AmGraph) graph = read_ok (
    "<graphml " NS "><graph id=\"top\" edgedefault=\"undirected\">"
    "<node id=\"group\"><graph id=\"inner\" edgedefault=\"directed\">"
    "  <node id=\"child\"/><node id=\"child2\"/><edge source=\"child\" target=\"child2\"/>"
    "</graph></node>"
    "<node id=\"outside\"/><edge source=\"outside\" target=\"child\"/>"
    "<graph id=\"bare\"><node id=\"loose\"/></graph>"
    "</graph></graphml>");
  const AmNode *child = am_graph_get_node (graph, am_graph_find_node_by_id (graph, "child"));
  const AmSubgraph *inner = &g_array_index (graph->subgraphs, AmSubgraph, child->graph);
  const AmNode *loose = am_graph_get_node (graph, am_graph_find_node_by_id (graph, "loose"));
  const AmSubgraph *bare = &g_array_index (graph->subgraphs, AmSubgraph, loose->graph);

  g_assert_cmpuint (graph->subgraphs->len, ==, 3);
  g_assert_cmpstr (inner->id, ==, "inner");
  g_assert_cmpuint (inner->parent_node, ==, am_graph_find_node_by_id (graph, "group"));
  g_assert_true (am_graph_get_node (graph, inner->parent_node)->flags & AM_NODE_IS_GROUP);
  g_assert_cmpstr (bare->id, ==, "bare");
  g_assert_cmpuint (bare->parent_node, ==, AM_NO_INDEX);
  g_assert_cmpuint (bare->parent_graph, ==, 0);
  /* Edges take their direction from the graph that holds them. */
  g_assert_true (am_graph_get_edge (graph, 0)->flags & AM_EDGE_DIRECTED);
  g_assert_false (am_graph_get_edge (graph, 1)->flags & AM_EDGE_DIRECTED);
  g_assert_cmpuint (graph->n_node_elements, ==, 5);
}

static void
test_hyperedges_and_ports (void)
{
  g_autoptr(AmGraph) graph = read_ok (
    "<graphml " NS "><graph edgedefault=\"undirected\">"
    "<node id=\"a\"><port name=\"north\"><port name=\"inner\"/></port></node>"
    "<node id=\"b\"/><node id=\"c\"/>"
    "<hyperedge id=\"h\"><endpoint node=\"a\" port=\"north\"/><endpoint node=\"b\"/>"
    "<endpoint node=\"c\"/></hyperedge>"
    "<edge source=\"a\" target=\"b\" sourceport=\"north\"/>"
    "</graph></graphml>");
  const AmHyperedge *hyperedge = &g_array_index (graph->hyperedges, AmHyperedge, 0);
  const AmEndpoint *first = &g_array_index (graph->endpoints, AmEndpoint, hyperedge->first_endpoint);
  const AmPort *inner = &g_array_index (graph->ports, AmPort, 1);

  g_assert_cmpuint (graph->hyperedges->len, ==, 1);
  g_assert_cmpuint (hyperedge->n_endpoints, ==, 3);
  g_assert_cmpuint (first->node, ==, am_graph_find_node_by_id (graph, "a"));
  g_assert_cmpstr (first->port, ==, "north");
  g_assert_cmpuint (graph->ports->len, ==, 2);
  g_assert_cmpstr (inner->name, ==, "inner");
  g_assert_cmpuint (inner->parent_port, ==, 0);
  g_assert_cmpstr (am_graph_get_edge_port (graph, 0, FALSE), ==, "north");
  g_assert_null (am_graph_get_edge_port (graph, 0, TRUE));
}

static void
test_several_graphs_scope_ids (void)
{
  g_autoptr(AmGraph) graph = read_ok (
    "<graphml " NS ">"
    "<graph edgedefault=\"undirected\"><node id=\"n0\"/><node id=\"n1\"/>"
    "<edge source=\"n0\" target=\"n1\"/></graph>"
    "<graph edgedefault=\"undirected\"><node id=\"n0\"/><node id=\"n1\"/>"
    "<edge source=\"n1\" target=\"n0\"/></graph>"
    "</graphml>");

  g_assert_cmpuint (am_graph_get_n_nodes (graph), ==, 4);
  /* The second graph's edge joins the second graph's nodes. */
  g_assert_cmpuint (am_graph_get_edge (graph, 1)->source, ==, 3);
  g_assert_cmpuint (am_graph_get_edge (graph, 1)->target, ==, 2);
  g_assert_cmpuint (am_graph_get_edge (graph, 0)->source, ==, 0);
  g_assert_cmpuint (graph->n_warnings, ==, 0);
}

static void
test_namespace_prefix_and_none (void)
{
  g_autoptr(AmGraph) prefixed = read_ok (
    "<g:graphml xmlns:g=\"http://graphml.graphdrawing.org/xmlns\">"
    "<g:key id=\"d0\" for=\"node\" attr.name=\"label\"/>"
    "<g:graph edgedefault=\"directed\"><g:node id=\"a\"><g:data key=\"d0\">Alpha</g:data></g:node>"
    "<g:node id=\"b\"/><g:edge source=\"a\" target=\"b\"/></g:graph></g:graphml>");
  g_autoptr(AmGraph) bare = read_ok (
    "<graphml><graph><node id=\"a\"/><node id=\"b\"/><edge source=\"a\" target=\"b\"/></graph></graphml>");

  g_assert_cmpuint (am_graph_get_n_edges (prefixed), ==, 1);
  g_assert_cmpstr (am_graph_get_node (prefixed, 0)->label, ==, "Alpha");
  g_assert_cmpuint (am_graph_get_n_nodes (bare), ==, 2);
  g_assert_cmpuint (am_graph_get_n_edges (bare), ==, 1);
}

static void
test_encodings (void)
{
  /* "Zoë" in ISO-8859-1, then in UTF-16LE with a BOM, then UTF-8 with a BOM. */
  static const char latin1[] =
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
    "<graphml " NS "><key id=\"d0\" for=\"node\" attr.name=\"label\"/>"
    "<graph><node id=\"a\"><data key=\"d0\">Zo\xeb</data></node></graph></graphml>";
  static const char utf8_bom[] =
    "\xef\xbb\xbf<graphml " NS "><key id=\"d0\" for=\"node\" attr.name=\"label\"/>"
    "<graph><node id=\"a\"><data key=\"d0\">Zo\xc3\xab</data></node></graph></graphml>";
  g_autoptr(GError) error = NULL;
  g_autoptr(AmGraph) from_latin1 = read_ok (latin1);
  g_autoptr(AmGraph) from_utf8 = read_ok (utf8_bom);
  g_autoptr(AmGraph) from_utf16 = NULL;
  g_autofree char *utf16 = NULL;
  gsize utf16_length = 0;
  GString *with_bom = g_string_new_len ("\xff\xfe", 2);

  utf16 = g_convert (utf8_bom + 3, -1, "UTF-16LE", "UTF-8", NULL, &utf16_length, &error);
  g_assert_no_error (error);
  g_string_append_len (with_bom, utf16, utf16_length);
  from_utf16 = read_string_len (with_bom->str, with_bom->len, &error);
  g_string_free (with_bom, TRUE);
  g_assert_no_error (error);

  g_assert_cmpstr (am_graph_get_node (from_latin1, 0)->label, ==, "Zo\xc3\xab");
  g_assert_cmpstr (am_graph_get_node (from_utf8, 0)->label, ==, "Zo\xc3\xab");
  g_assert_cmpstr (am_graph_get_node (from_utf16, 0)->label, ==, "Zo\xc3\xab");
}

static void
test_entities_and_cdata (void)
{
  g_autoptr(AmGraph) graph = read_ok (
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE graphml [ <!ENTITY who \"Kaja Kallas\"> ]>\n"
    "<graphml " NS "><key id=\"d0\" for=\"node\" attr.name=\"label\"/>"
    "<key id=\"d1\" for=\"node\" attr.name=\"description\"/>"
    "<graph><node id=\"a\"><data key=\"d0\">&who; &amp; &#x41;</data>"
    "<data key=\"d1\"><![CDATA[<b>bold</b> & more]]></data></node></graph></graphml>");

  g_assert_cmpstr (am_graph_get_node (graph, 0)->label, ==, "Kaja Kallas & A");
  g_assert_cmpstr (node_value (graph, "a", "description"), ==, "<b>bold</b> & more");
}

static void
test_yed_extensions (void)
{
  g_autoptr(AmGraph) graph = read_ok (
    "<graphml " NS " xmlns:y=\"http://www.yworks.com/xml/graphml\">"
    "<key for=\"node\" id=\"d6\" yfiles.type=\"nodegraphics\"/>"
    "<key for=\"edge\" id=\"d9\" yfiles.type=\"edgegraphics\"/>"
    "<graph edgedefault=\"directed\">"
    "<node id=\"n0\"><data key=\"d6\"><y:ShapeNode>"
    "<y:Geometry height=\"30.0\" width=\"40.0\" x=\"100.0\" y=\"-50.0\"/>"
    "<y:Fill color=\"#FFCC00\" transparent=\"false\"/>"
    "<y:NodeLabel visible=\"true\">Lavrov<y:LabelModel><y:SmartNodeLabelModel distance=\"4.0\"/>"
    "</y:LabelModel></y:NodeLabel></y:ShapeNode></data></node>"
    "<node id=\"n1\"><data key=\"d6\"><y:ShapeNode><y:Geometry height=\"30\" width=\"30\" x=\"0\" y=\"0\"/>"
    "</y:ShapeNode></data></node>"
    "<node id=\"n2\"><data key=\"d6\"><y:ShapeNode><y:Geometry height=\"30\" width=\"30\" x=\"60\" y=\"0\"/>"
    "<y:Fill color=\"#336699CC\" transparent=\"false\"/></y:ShapeNode></data></node>"
    "<edge source=\"n0\" target=\"n1\"><data key=\"d9\"><y:PolyLineEdge>"
    "<y:EdgeLabel>talks</y:EdgeLabel></y:PolyLineEdge></data></edge>"
    "</graph></graphml>");
  const AmNode *n0 = am_graph_get_node (graph, 0);

  g_assert_cmpstr (n0->label, ==, "Lavrov");
  g_assert_cmpfloat (n0->x, ==, 120.0);
  g_assert_cmpfloat (n0->y, ==, -35.0);
  g_assert_cmpfloat (n0->width, ==, 40.0);
  g_assert_cmphex (n0->fill, ==, 0xffcc00ff);
  g_assert_true (n0->flags & AM_NODE_HAS_FILL);
  g_assert_cmpstr (am_graph_get_node (graph, 1)->label, ==, "n1");
  /* yEd writes a colour with alpha as #RRGGBBAA. */
  g_assert_cmphex (am_graph_get_node (graph, 2)->fill, ==, 0x336699cc);
  g_assert_true (am_graph_get_node (graph, 2)->flags & AM_NODE_HAS_FILL);
  g_assert_cmpstr (am_graph_get_edge_label (graph, 0), ==, "talks");
  g_assert_true (am_graph_has_positions (graph));
}

static void
test_gephi_keys (void)
{
  g_autoptr(AmGraph) graph = read_ok (
    "<graphml " NS ">"
    "<key attr.name=\"label\" attr.type=\"string\" for=\"node\" id=\"label\"/>"
    "<key attr.name=\"r\" attr.type=\"int\" for=\"node\" id=\"r\"/>"
    "<key attr.name=\"g\" attr.type=\"int\" for=\"node\" id=\"g\"/>"
    "<key attr.name=\"b\" attr.type=\"int\" for=\"node\" id=\"b\"/>"
    "<key attr.name=\"x\" attr.type=\"float\" for=\"node\" id=\"x\"/>"
    "<key attr.name=\"y\" attr.type=\"float\" for=\"node\" id=\"y\"/>"
    "<key attr.name=\"size\" attr.type=\"float\" for=\"node\" id=\"size\"/>"
    "<graph edgedefault=\"undirected\"><node id=\"11\"><data key=\"label\">Valjean</data>"
    "<data key=\"size\">100.0</data><data key=\"r\">245</data><data key=\"g\">91</data>"
    "<data key=\"b\">91</data><data key=\"x\">-87.5</data><data key=\"y\">6.5</data></node>"
    "</graph></graphml>");
  const AmNode *node = am_graph_get_node (graph, 0);

  g_assert_cmpstr (node->label, ==, "Valjean");
  g_assert_cmphex (node->fill, ==, 0xf55b5bff);
  g_assert_cmpfloat (node->x, ==, -87.5);
  /* Gephi's y grows upwards. */
  g_assert_cmpfloat (node->y, ==, -6.5);
  g_assert_cmpfloat (node->width, ==, 100.0);
  g_assert_true (am_graph_has_positions (graph));
}

static void
test_tolerated_breakage (void)
{
  g_autoptr(AmGraph) graph = read_ok (
    "<graphml " NS ">"
    "<key id=\"d0\" for=\"node\" attr.name=\"n\" attr.type=\"int\"/>"
    "<key id=\"d0\" for=\"node\" attr.name=\"again\" attr.type=\"int\"/>"
    "<key id=\"d1\" for=\"node\" attr.name=\"odd\" attr.type=\"complex\"/>"
    "<key id=\"d2\" for=\"edge\" attr.name=\"w\" attr.type=\"double\"/>"
    "<graph edgedefault=\"undirected\">"
    "<node id=\"a\"><data key=\"d0\">not a number</data><data key=\"nokey\">v</data>"
    "<data key=\"d1\">1+2i</data><data key=\"d2\">3.0</data></node>"
    "<node id=\"a\"/>"
    "</graph></graphml>");

  g_assert_cmpuint (graph->n_node_elements, ==, 2);
  g_assert_cmpstr (node_value (graph, "a", "n"), ==, "not a number");
  g_assert_cmpstr (node_value (graph, "a", "nokey"), ==, "v");
  g_assert_cmpstr (node_value (graph, "a", "odd"), ==, "1+2i");
  g_assert_true (has_warning_containing (graph, "declared twice"));
  g_assert_true (has_warning_containing (graph, "not a valid int"));
  g_assert_true (has_warning_containing (graph, "not declared"));
  g_assert_true (has_warning_containing (graph, "complex"));
  g_assert_true (has_warning_containing (graph, "declared for edge but used on node"));
  g_assert_true (has_warning_containing (graph, "used twice"));
}

static void
test_refusals (void)
{
  assert_refused ("", AM_GRAPHML_ERROR_MALFORMED, "test.graphml:1:");
  assert_refused ("<graphml " NS "><graph>\n<node id=\"a\">\n</graph>", AM_GRAPHML_ERROR_MALFORMED,
                  "test.graphml:3:");
  assert_refused ("just some text", AM_GRAPHML_ERROR_MALFORMED, "test.graphml:1:");
  assert_refused ("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
                  AM_GRAPHML_ERROR_NOT_GRAPHML, "test.graphml:2:");
  assert_refused ("<graphml xmlns=\"http://example.com/other\"><graph/></graphml>",
                  AM_GRAPHML_ERROR_NOT_GRAPHML, "test.graphml:1:");
  assert_refused ("<graphml " NS "><graph><node id=\"a\">\xff\xfe</node></graph></graphml>",
                  AM_GRAPHML_ERROR_MALFORMED, "test.graphml:1:");
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  AmGraph *graph = am_graphml_read_file ("/nonexistent/map.graphml", NULL, NULL, NULL, &error);

  g_assert_null (graph);
  g_assert_error (error, AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/map.graphml: "));
}

/* Hostile input */

static void
test_no_local_file_through_entities (void)
{
  g_autofree char *dir = g_dir_make_tmp ("am-test-XXXXXX", NULL);
  g_autofree char *secret = g_build_filename (dir, "secret.txt", NULL);
  g_autofree char *dtd = g_build_filename (dir, "evil.dtd", NULL);
  g_autofree char *document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AmGraph) graph = NULL;

  g_assert_true (g_file_set_contents (secret, "TOPSECRET", -1, NULL));
  g_assert_true (g_file_set_contents (dtd, "<!ENTITY leak SYSTEM \"secret.txt\">", -1, NULL));

  document = g_strdup_printf (
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE graphml SYSTEM \"file://%s\" [\n"
    "  <!ENTITY file SYSTEM \"file://%s\">\n"
    "  <!ENTITY %% remote SYSTEM \"file://%s\"> %%remote;\n"
    "]>\n"
    "<graphml " NS "><key id=\"d0\" for=\"node\" attr.name=\"label\"/>"
    "<graph><node id=\"a\"><data key=\"d0\">x&file;</data></node></graph></graphml>",
    dtd, secret, dtd);

  graph = read_string (document, &error);
  /* Refused or loaded without the entity: either way the secret stays put. */
  if (graph != NULL)
    {
      for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
        g_assert_null (strstr (am_graph_get_node (graph, i)->label, "TOPSECRET"));
    }
  else
    g_assert_null (strstr (error->message, "TOPSECRET"));

  g_remove (secret);
  g_remove (dtd);
  g_rmdir (dir);
}

static void
test_entity_expansion_is_bounded (void)
{
  GString *doc = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [\n"
                               " <!ENTITY l0 \"lollollollollollollollollollol\">\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(AmGraph) graph = NULL;
  gint64 start = g_get_monotonic_time ();

  for (int i = 1; i <= 10; i++)
    {
      g_string_append_printf (doc, " <!ENTITY l%d \"", i);
      for (int j = 0; j < 10; j++)
        g_string_append_printf (doc, "&l%d;", i - 1);
      g_string_append (doc, "\">\n");
    }
  g_string_append (doc, "]>\n<graphml " NS "><key id=\"d0\" for=\"node\" attr.name=\"label\"/>"
                        "<graph><node id=\"a\"><data key=\"d0\">&l10;</data></node></graph></graphml>");

  graph = read_string (doc->str, &error);
  g_string_free (doc, TRUE);

  /* 30 × 10¹⁰ characters if expanded: libxml2 must stop it quickly. */
  g_assert_null (graph);
  g_assert_error (error, AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_MALFORMED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static void
test_deep_nesting (void)
{
  GString *doc = g_string_new ("<graphml " NS "><graph>");
  g_autoptr(GError) error = NULL;
  g_autoptr(AmGraph) graph = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append (doc, "<node id=\"n\"><graph>");

  graph = read_string (doc->str, &error);
  g_string_free (doc, TRUE);

  g_assert_null (graph);
  g_assert_error (error, AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_MALFORMED);
}

static void
test_huge_value_is_cut (void)
{
  GString *doc = g_string_new ("<graphml " NS "><key id=\"d0\" for=\"node\" attr.name=\"description\"/>"
                               "<graph><node id=\"a\"><data key=\"d0\">");
  g_autoptr(AmGraph) graph = NULL;

  for (int i = 0; i < 3 * 1024 * 1024 / 16; i++)
    g_string_append (doc, "0123456789abcdef");
  g_string_append (doc, "</data></node></graph></graphml>");

  graph = read_ok (doc->str);
  g_string_free (doc, TRUE);

  g_assert_cmpuint (strlen (node_value (graph, "a", "description")), <=, 1024 * 1024);
  g_assert_true (has_warning_containing (graph, "cut short"));
}

static void
test_absurd_numbers_give_no_position (void)
{
  g_autoptr(AmGraph) graph = read_ok (
    "<graphml " NS " xmlns:y=\"http://www.yworks.com/xml/graphml\">"
    "<key id=\"x\" for=\"node\" attr.name=\"x\" attr.type=\"double\"/>"
    "<key id=\"y\" for=\"node\" attr.name=\"y\" attr.type=\"double\"/>"
    "<key id=\"s\" for=\"node\" attr.name=\"size\" attr.type=\"double\"/>"
    "<key id=\"r\" for=\"node\" attr.name=\"r\" attr.type=\"int\"/>"
    "<key id=\"g\" for=\"node\" attr.name=\"g\" attr.type=\"int\"/>"
    "<key id=\"b\" for=\"node\" attr.name=\"b\" attr.type=\"int\"/>"
    "<key id=\"yg\" for=\"node\" yfiles.type=\"nodegraphics\"/>"
    "<graph><node id=\"nan\"><data key=\"x\">NaN</data><data key=\"y\">1</data>"
    "<data key=\"s\">-5</data></node>"
    "<node id=\"inf\"><data key=\"x\">INF</data><data key=\"y\">-INF</data>"
    "<data key=\"s\">1e300</data></node>"
    "<node id=\"huge\"><data key=\"x\">1e308</data><data key=\"y\">0</data>"
    "<data key=\"r\">99999999999</data><data key=\"g\">-3</data><data key=\"b\">nan</data></node>"
    "<node id=\"yed\"><data key=\"yg\"><y:ShapeNode><y:Geometry x=\"nan\" y=\"1\" "
    "width=\"inf\" height=\"-1\"/></y:ShapeNode></data></node>"
    "</graph></graphml>");

  for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
    {
      const AmNode *node = am_graph_get_node (graph, i);

      g_assert_false (node->flags & AM_NODE_HAS_POSITION);
      g_assert_false (node->flags & AM_NODE_HAS_SIZE);
    }

  /* Channels are clamped into 0–255 or, when they do not parse, ignored. */
  g_assert_false (am_graph_get_node (graph, 2)->flags & AM_NODE_HAS_FILL);
  g_assert_false (am_graph_has_positions (graph));
}

static void
test_millions_of_tiny_elements (void)
{
  GString *doc = g_string_new ("<graphml " NS "><key id=\"d\" for=\"node\" attr.name=\"v\"/><graph>");
  g_autoptr(AmGraph) graph = NULL;
  gint64 start = g_get_monotonic_time ();

  for (int i = 0; i < 200000; i++)
    g_string_append_printf (doc, "<node id=\"%d\"/>", i);
  g_string_append (doc, "<node id=\"m\"><data key=\"d\">");
  for (int i = 0; i < 1000000; i++)
    g_string_append (doc, "<i/>");
  g_string_append (doc, "</data></node></graph></graphml>");

  graph = read_ok (doc->str);
  g_string_free (doc, TRUE);

  g_assert_cmpuint (am_graph_get_n_nodes (graph), ==, 200001);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static GString *
make_big_document (guint n_nodes)
{
  GString *doc = g_string_new ("<graphml " NS "><graph edgedefault=\"directed\">\n");

  for (guint i = 0; i < n_nodes; i++)
    g_string_append_printf (doc, "<node id=\"n%u\"/><edge source=\"n%u\" target=\"n%u\"/>\n",
                            i, i, i / 2);
  g_string_append (doc, "</graph></graphml>\n");
  return doc;
}

static void
test_progress_and_cancel (void)
{
  GString *doc = make_big_document (100000);
  g_autoptr(GBytes) bytes = g_string_free_to_bytes (doc);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GInputStream) stream2 = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AmGraph) graph = NULL;
  double last = 0;

  graph = am_graphml_read_stream (stream, "big.graphml", g_bytes_get_size (bytes), NULL,
                                  on_progress, &last, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (am_graph_get_n_nodes (graph), ==, 100000);
  g_assert_cmpuint (am_graph_get_n_edges (graph), ==, 100000);
  g_assert_cmpfloat (last, ==, 1.0);

  g_cancellable_cancel (cancellable);
  g_assert_null (am_graphml_read_stream (stream2, "big.graphml", 0, cancellable,
                                         NULL, NULL, &error));
  g_assert_error (error, AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_CANCELLED);
}

static void
test_profile (void)
{
  g_autoptr(AmGraph) graph = read_ok (
    "<graphml " NS ">"
    "<key id=\"t\" for=\"graph\" attr.name=\"title\"/>"
    "<key id=\"l\" for=\"node\" attr.name=\"label\"/>"
    "<key id=\"k\" for=\"node\" attr.name=\"kind\"/>"
    "<key id=\"a\" for=\"node\" attr.name=\"affiliation\"/>"
    "<key id=\"ek\" for=\"edge\" attr.name=\"kind\"/>"
    "<key id=\"es\" for=\"edge\" attr.name=\"stance\"/>"
    "<key id=\"eq\" for=\"edge\" attr.name=\"quote\"/>"
    "<graph edgedefault=\"directed\"><data key=\"t\">Talks</data>"
    "<node id=\"kallas\"><data key=\"l\">Kaja Kallas</data><data key=\"k\">person</data>"
    "<data key=\"a\">European Union</data></node>"
    "<node id=\"g8\"><data key=\"l\">G8</data><data key=\"k\">issue</data></node>"
    "<node id=\"x\"><data key=\"k\">Organization</data></node>"
    "<edge source=\"kallas\" target=\"g8\"><data key=\"ek\">statement</data>"
    "<data key=\"es\">opposes</data><data key=\"eq\">no</data></edge>"
    "<edge source=\"kallas\" target=\"x\"><data key=\"ek\">handshake</data></edge>"
    "</graph></graphml>");
  const AmNode *kallas = am_graph_get_node (graph, 0);

  g_assert_cmpstr (am_graph_get_title (graph), ==, "Talks");
  g_assert_cmpstr (kallas->label, ==, "Kaja Kallas");
  g_assert_cmpint (kallas->kind, ==, AM_NODE_KIND_PERSON);
  g_assert_cmpstr (kallas->affiliation, ==, "European Union");
  g_assert_cmpint (am_graph_get_node (graph, 1)->kind, ==, AM_NODE_KIND_ISSUE);
  g_assert_cmpint (am_graph_get_node (graph, 2)->kind, ==, AM_NODE_KIND_ORGANISATION);
  g_assert_null (am_graph_get_node (graph, 1)->affiliation);
  g_assert_cmpint (am_graph_get_edge (graph, 0)->kind, ==, AM_EDGE_KIND_STATEMENT);
  g_assert_cmpint (am_graph_get_edge (graph, 0)->stance, ==, AM_STANCE_OPPOSES);
  g_assert_cmpint (am_graph_get_edge (graph, 1)->kind, ==, AM_EDGE_KIND_OTHER);
  g_assert_cmpstr (am_graph_get_edge_value (graph, graph->profile.edge_quote, 0), ==, "no");
}

/* Reading in two halves */

typedef enum
{
  HALVES_PLAIN = 0,
  HALVES_COMMENT_AT_MIDDLE = 1 << 0,   /* the middle falls in a comment full of edges */
  HALVES_CDATA_AT_MIDDLE = 1 << 1,     /* or in a CDATA section of a value */
  HALVES_DUPLICATE_NODE = 1 << 2,      /* a node of the first half declared again late */
  HALVES_LATE_WARNING = 1 << 3,        /* the second half uses an undeclared key */
  HALVES_BROKEN_LATE = 1 << 4,         /* the second half is not well-formed */
  HALVES_NESTED_LATE = 1 << 5,         /* the second half holds a nested graph */
  HALVES_WARNING_AT_CUT = 1 << 6,      /* the second half's first line warns */
  HALVES_NUL_BEFORE_CUT = 1 << 7,      /* a NUL byte ends the first half's last line */
} HalvesCase;

/* A map whose edges name nodes from both halves, forward and backward,
 * some not declared at all, with values that need escaping. */
static char *
write_map_for_halves (HalvesCase  flags,
                      guint       n_edges)
{
  g_autoptr(GString) text = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int fd;
  guint n_nodes = n_edges / 8;

  g_string_append (text,
                   "<graphml " NS ">\n"
                   "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
                   "  <key id=\"w\" for=\"node\" attr.name=\"weight\" attr.type=\"double\">"
                   "<default>1</default></key>\n"
                   "  <key id=\"q\" for=\"edge\" attr.name=\"quote\" attr.type=\"string\"/>\n"
                   "  <key id=\"t\" for=\"graph\" attr.name=\"title\" attr.type=\"string\"/>\n"
                   "  <graph id=\"G\" edgedefault=\"directed\">\n"
                   "    <data key=\"t\">Halves</data>\n");

  for (guint i = 0; i < n_nodes; i++)
    g_string_append_printf (text,
                            "    <node id=\"n%u\"><data key=\"label\">Zoë &amp; %u</data>"
                            "<data key=\"w\">%u.5</data></node>\n", i, i, i % 7);

  for (guint i = 0; i < n_edges; i++)
    {
      /* Long enough to hold the middle of the file. */
      gboolean middle = i == n_edges / 3;

      if (middle && (flags & HALVES_COMMENT_AT_MIDDLE))
        {
          g_string_append (text, "    <!-- edges left out:\n");
          for (guint j = 0; j < n_edges; j++)
            g_string_append_printf (text, "    <edge source=\"n%u\" target=\"n%u\"/>\n", j, j + 1);
          g_string_append (text, "    -->\n");
        }
      if (middle && (flags & HALVES_CDATA_AT_MIDDLE))
        {
          g_string_append (text, "    <node id=\"notes\"><data key=\"label\"><![CDATA[\n");
          for (guint j = 0; j < n_edges; j++)
            g_string_append_printf (text, "    <edge source=\"n%u\" target=\"n%u\"/>\n", j, j + 1);
          g_string_append (text, "    ]]></data></node>\n");
        }

      /* Every 97th edge names a node declared further on, or late in the
       * file one never declared. */
      g_string_append_printf (text,
                              "    <edge id=\"e%u\" source=\"n%u\" target=\"%s%u\">"
                              "<data key=\"q\">“Said &lt;%u&gt;” — %u</data></edge>\n",
                              i, (i * 7919) % n_nodes,
                              i % 97 != 0 ? "n" : i > n_edges * 2 / 3 ? "ghost" : "late",
                              i % 97 == 0 ? i % 5 : (i * 104729 + 1) % n_nodes, i, i);

      if (i == n_edges * 3 / 4)
        {
          if (flags & HALVES_DUPLICATE_NODE)
            g_string_append (text, "    <node id=\"n3\"/>\n");
          if (flags & HALVES_LATE_WARNING)
            g_string_append (text, "    <node id=\"odd\"><data key=\"nope\">x</data></node>\n");
          if (flags & HALVES_BROKEN_LATE)
            g_string_append (text, "    <node id=\"broken\"></edge>\n");
          if (flags & HALVES_NESTED_LATE)
            g_string_append (text, "    <node id=\"group\"><graph id=\"inner\"><node id=\"x\"/></graph></node>\n");
        }
    }

  for (guint i = 0; i < 3; i++)
    g_string_append_printf (text, "    <node id=\"late%u\"/>\n", i);
  g_string_append (text, "  </graph>\n</graphml>\n");

  /* The cut falls at the first line past the middle that opens an edge:
   * its value loses its key, in as many bytes. */
  if (flags & HALVES_WARNING_AT_CUT)
    {
      char *line = strstr (text->str + text->len / 2, "\n    <edge ");
      char *key;

      g_assert_nonnull (line);
      key = strstr (line, "<data key=\"q\">");
      g_assert_nonnull (key);
      g_assert_true (key < strchr (line + 1, '\n'));
      key[strlen ("<data ke")] = 'z';
    }

  /* libxml2 takes a NUL byte between two elements for the end of its
   * input: one pass stops there, with <graph> never closed. */
  if (flags & HALVES_NUL_BEFORE_CUT)
    {
      char *line = strstr (text->str + text->len / 2, "\n    <edge ");

      g_assert_nonnull (line);
      *line = '\0';
    }

  fd = g_file_open_tmp ("halves-XXXXXX.graphml", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static AmGraph *
read_in_one_pass (const char  *path,
                  GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);

  g_assert_nonnull (stream);
  return am_graphml_read_stream (G_INPUT_STREAM (stream), path, 0, NULL, NULL, NULL, error);
}

static void
assert_same_graph (const AmGraph *a,
                   const AmGraph *b)
{
  g_assert_cmpuint (a->nodes->len, ==, b->nodes->len);
  g_assert_cmpuint (a->edges->len, ==, b->edges->len);
  g_assert_cmpuint (a->subgraphs->len, ==, b->subgraphs->len);
  g_assert_cmpuint (a->keys->len, ==, b->keys->len);
  g_assert_cmpuint (a->n_node_elements, ==, b->n_node_elements);
  g_assert_cmpuint (a->n_directed_edges, ==, b->n_directed_edges);

  for (guint i = 0; i < a->nodes->len; i++)
    {
      const AmNode *x = &g_array_index (a->nodes, AmNode, i);
      const AmNode *y = &g_array_index (b->nodes, AmNode, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->label, ==, y->label);
      g_assert_cmpuint (x->graph, ==, y->graph);
      g_assert_cmpuint (x->flags, ==, y->flags);
      g_assert_cmpuint (am_graph_find_node_by_id (a, x->id), ==, am_graph_find_node_by_id (b, y->id));
    }

  for (guint i = 0; i < a->edges->len; i++)
    {
      const AmEdge *x = &g_array_index (a->edges, AmEdge, i);
      const AmEdge *y = &g_array_index (b->edges, AmEdge, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpuint (x->source, ==, y->source);
      g_assert_cmpuint (x->target, ==, y->target);
      g_assert_cmpuint (x->graph, ==, y->graph);
      g_assert_cmpuint (x->flags, ==, y->flags);
    }

  for (guint k = 0; k < a->keys->len; k++)
    {
      const AmKey *x = am_graph_get_key (a, k);
      const AmKey *y = am_graph_get_key (b, k);
      guint n = MAX (x->n_values, y->n_values);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpint (x->domain, ==, y->domain);
      for (guint i = 0; i < n; i++)
        g_assert_cmpstr (i < x->n_values ? x->values[i] : NULL, ==,
                         i < y->n_values ? y->values[i] : NULL);
    }

  g_assert_cmpuint (a->n_warnings, ==, b->n_warnings);
  for (guint i = 0; i < a->warnings->len; i++)
    {
      const AmDiagnostic *x = &g_array_index (a->warnings, AmDiagnostic, i);
      const AmDiagnostic *y = &g_array_index (b->warnings, AmDiagnostic, i);

      g_assert_cmpint (x->line, ==, y->line);
      g_assert_cmpint (x->column, ==, y->column);
      g_assert_cmpstr (x->message, ==, y->message);
    }
}

/* Read both ways, the two must agree to the last value and warning;
 * returns whether the halves were merged. */
static gboolean
check_halves (HalvesCase flags)
{
  g_autofree char *path = write_map_for_halves (flags, 6000);
  g_autoptr(GError) one_error = NULL;
  g_autoptr(GError) halves_error = NULL;
  g_autoptr(AmGraph) one = read_in_one_pass (path, &one_error);
  gboolean halves = FALSE;
  g_autoptr(AmGraph) two = am_graphml_read_file_in_halves (path, NULL, NULL, NULL, &halves, &halves_error);

  if (one_error != NULL)
    {
      g_assert_null (two);
      g_assert_nonnull (halves_error);
      g_assert_cmpstr (halves_error->message, ==, one_error->message);
      g_assert_false (halves);
    }
  else
    {
      g_assert_no_error (halves_error);
      assert_same_graph (one, two);
    }

  g_unlink (path);
  return halves;
}

static void
test_halves_agree_with_one_pass (void)
{
  /* Edges both ways across the cut, nodes declared after their edges,
   * undeclared ones, entities and multi-byte text. */
  g_assert_true (check_halves (HALVES_PLAIN));
}

static void
test_halves_cut_in_markup (void)
{
  /* Lines that look like edges, inside a comment or CDATA at the middle:
   * the first half's parser tells, and one pass is used. */
  g_assert_false (check_halves (HALVES_COMMENT_AT_MIDDLE));
  g_assert_false (check_halves (HALVES_CDATA_AT_MIDDLE));
}

static void
test_halves_fall_back (void)
{
  /* What a merge could not keep exactly as one pass does. */
  g_assert_false (check_halves (HALVES_DUPLICATE_NODE));
  g_assert_false (check_halves (HALVES_LATE_WARNING));
  g_assert_false (check_halves (HALVES_NESTED_LATE));
  g_assert_false (check_halves (HALVES_WARNING_AT_CUT));
  /* A broken second half: the same error, at the same line. */
  g_assert_false (check_halves (HALVES_BROKEN_LATE));
  /* The first half's parser stopped early, though between elements: the
   * file is refused as one pass refuses it, not read on past the NUL. */
  g_assert_false (check_halves (HALVES_NUL_BEFORE_CUT));
}

static void
cancel_at_a_quarter (double   fraction,
                     gpointer user_data)
{
  if (fraction > 0.25)
    g_cancellable_cancel (user_data);
}

static void
test_halves_progress_and_cancel (void)
{
  g_autofree char *path = write_map_for_halves (HALVES_PLAIN, 20000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AmGraph) graph = NULL;
  gboolean halves = FALSE;
  double last = 0;

  graph = am_graphml_read_file_in_halves (path, NULL, on_progress, &last, &halves, &error);
  g_assert_no_error (error);
  g_assert_true (halves);
  g_assert_cmpfloat (last, ==, 1.0);
  g_clear_pointer (&graph, am_graph_free);

  /* Both halves stop, and nothing is left behind (the sanitizers tell). */
  graph = am_graphml_read_file_in_halves (path, cancellable, cancel_at_a_quarter, cancellable,
                                          &halves, &error);
  g_assert_null (graph);
  g_assert_error (error, AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_CANCELLED);

  g_unlink (path);
}

static void
test_halves_not_for_small_or_odd_files (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AmGraph) graph = NULL;
  gboolean halves = TRUE;
  int fd = g_file_open_tmp ("halves-XXXXXX.graphml", &path, &error);

  g_assert_no_error (error);
  close (fd);

  /* No line at all to cut at. */
  g_file_set_contents (path, "<graphml " NS "><graph><node id=\"a\"/><node id=\"b\"/>"
                       "<edge source=\"a\" target=\"b\"/></graph></graphml>", -1, &error);
  g_assert_no_error (error);
  graph = am_graphml_read_file_in_halves (path, NULL, NULL, NULL, &halves, &error);
  g_assert_no_error (error);
  g_assert_false (halves);
  g_assert_cmpuint (am_graph_get_n_edges (graph), ==, 1);

  g_unlink (path);
}

/* A key for="all" gives its <default> to nodes that lack the data, as to
 * edges. */
static void
test_all_key_default_applies_to_nodes (void)
{
  g_autoptr(AmGraph) graph = read_ok (
    "<graphml " NS ">"
    "<key id=\"n\" for=\"all\" attr.name=\"note\" attr.type=\"string\"><default>none</default></key>"
    "<graph edgedefault=\"undirected\">"
    "<node id=\"a\"><data key=\"n\">said</data></node><node id=\"b\"/>"
    "<edge source=\"a\" target=\"b\"/>"
    "</graph></graphml>");
  int note_edge = am_graph_find_key (graph, AM_DOMAIN_EDGE, "note");

  g_assert_cmpstr (node_value (graph, "a", "note"), ==, "said");
  g_assert_cmpstr (node_value (graph, "b", "note"), ==, "none");
  g_assert_cmpint (note_edge, >=, 0);
  g_assert_cmpstr (am_graph_get_edge_value (graph, note_edge, 0), ==, "none");
  g_assert_cmpuint (graph->n_warnings, ==, 0);
}

/* GraphML requires edgedefault on every graph; a nested graph that leaves
 * it out takes its parent's, whichever that is. */
static void
test_nested_graph_inherits_edgedefault (void)
{
  static const char * const defaults[] = { "directed", "undirected" };

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "<graphml " NS "><graph id=\"top\" edgedefault=\"%s\">"
        "<node id=\"group\"><graph id=\"inner\">"
        "<node id=\"a\"/><node id=\"b\"/><edge source=\"a\" target=\"b\"/>"
        "</graph></node></graph></graphml>", defaults[i]);
      g_autoptr(AmGraph) graph = read_ok (text);
      const AmSubgraph *inner = &g_array_index (graph->subgraphs, AmSubgraph, 1);
      gboolean directed = i == 0;

      g_assert_cmpstr (inner->id, ==, "inner");
      g_assert_cmpint (inner->directed, ==, directed);
      g_assert_cmpint (!!(am_graph_get_edge (graph, 0)->flags & AM_EDGE_DIRECTED), ==, directed);
      g_assert_cmpuint (graph->n_warnings, ==, 0);
    }
}

/* xs:boolean also spells true and false as 1 and 0. */
static void
test_booleans_as_digits (void)
{
  g_autoptr(AmGraph) graph = read_ok (
    "<graphml " NS ">"
    "<key id=\"f\" for=\"node\" attr.name=\"flag\" attr.type=\"boolean\"/>"
    "<graph edgedefault=\"undirected\">"
    "<node id=\"a\"><data key=\"f\">1</data></node>"
    "<node id=\"b\"><data key=\"f\">0</data></node>"
    "<edge source=\"a\" target=\"b\" directed=\"1\"/>"
    "<edge source=\"b\" target=\"a\" directed=\"0\"/>"
    "</graph></graphml>");
  gboolean value = FALSE;

  g_assert_cmpuint (graph->n_warnings, ==, 0);
  g_assert_true (am_graph_get_edge (graph, 0)->flags & AM_EDGE_DIRECTED);
  g_assert_false (am_graph_get_edge (graph, 1)->flags & AM_EDGE_DIRECTED);
  g_assert_true (am_parse_boolean (node_value (graph, "a", "flag"), &value));
  g_assert_true (value);
  g_assert_true (am_parse_boolean (node_value (graph, "b", "flag"), &value));
  g_assert_false (value);
}

/* A hyperedge may name a node declared further on, as an edge may. */
static void
test_hyperedge_endpoint_declared_later (void)
{
  g_autoptr(AmGraph) graph = read_ok (
    "<graphml " NS "><graph edgedefault=\"undirected\">"
    "<node id=\"a\"/>"
    "<hyperedge><endpoint node=\"a\"/><endpoint node=\"later\"/></hyperedge>"
    "<node id=\"later\"/>"
    "</graph></graphml>");
  const AmHyperedge *hyperedge = &g_array_index (graph->hyperedges, AmHyperedge, 0);
  const AmEndpoint *endpoints = &g_array_index (graph->endpoints, AmEndpoint,
                                                hyperedge->first_endpoint);
  guint later = am_graph_find_node_by_id (graph, "later");

  g_assert_cmpuint (am_graph_get_n_nodes (graph), ==, 2);
  g_assert_cmpuint (hyperedge->n_endpoints, ==, 2);
  g_assert_cmpuint (endpoints[0].node, ==, am_graph_find_node_by_id (graph, "a"));
  g_assert_cmpuint (endpoints[1].node, ==, later);
  g_assert_false (am_graph_get_node (graph, later)->flags & AM_NODE_IMPLICIT);
  g_assert_cmpuint (graph->n_warnings, ==, 0);
}

/* Gephi's r, g and b each go to their own channel. */
static void
test_gephi_colour_channels (void)
{
  g_autoptr(AmGraph) graph = read_ok (
    "<graphml " NS ">"
    "<key attr.name=\"r\" attr.type=\"int\" for=\"node\" id=\"r\"/>"
    "<key attr.name=\"g\" attr.type=\"int\" for=\"node\" id=\"g\"/>"
    "<key attr.name=\"b\" attr.type=\"int\" for=\"node\" id=\"b\"/>"
    "<graph edgedefault=\"undirected\"><node id=\"0\">"
    "<data key=\"r\">18</data><data key=\"g\">52</data><data key=\"b\">86</data></node>"
    "</graph></graphml>");

  g_assert_cmphex (am_graph_get_node (graph, 0)->fill, ==, 0x123456ff);
}

/* What a file of more elements than a graph holds gives, at a lowered
 * limit: a file of two billion nodes is not written in a test. */
static void
assert_over_limit (const char *text,
                   const char *position,
                   const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AmGraph) graph = NULL;
  g_autofree char *expected = NULL;
  const char *column;

  am_graphml_reader_set_max_elements (3);
  graph = read_string (text, &error);
  am_graphml_reader_set_max_elements (0);

  g_assert_null (graph);
  g_assert_error (error, AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_LIMIT);
  /* FILE:LINE:COLUMN: then the sentence. */
  g_assert_true (g_str_has_prefix (error->message, position));
  column = error->message + strlen (position);
  g_assert_true (g_ascii_isdigit (*column));
  while (g_ascii_isdigit (*column))
    column++;
  expected = g_strdup_printf (": The file has more than 3 %s, the most a map can hold", what);
  g_assert_cmpstr (column, ==, expected);
}

static void
test_limits (void)
{
  g_autoptr(AmGraph) graph = NULL;

  g_assert_cmpuint (am_graphml_reader_get_max_elements (), ==, AM_GRAPH_MAX_ELEMENTS);
  g_assert_cmpuint (AM_GRAPH_MAX_ELEMENTS, <, AM_NO_INDEX);

  assert_over_limit ("<graphml " NS "><graph>\n<node id=\"a\"/><node id=\"b\"/>\n"
                     "<node id=\"c\"/><node id=\"d\"/></graph></graphml>",
                     "test.graphml:3:", "nodes");
  /* Nodes named by edges but never declared count too. */
  assert_over_limit ("<graphml " NS "><graph>\n<node id=\"a\"/><node id=\"b\"/>\n"
                     "<edge source=\"a\" target=\"c\"/><edge source=\"a\" target=\"d\"/>\n"
                     "</graph></graphml>",
                     "test.graphml:4:", "nodes");
  assert_over_limit ("<graphml " NS "><graph>\n<node id=\"a\"/>\n"
                     "<edge source=\"a\" target=\"a\"/><edge source=\"a\" target=\"a\"/>"
                     "<edge source=\"a\" target=\"a\"/><edge source=\"a\" target=\"a\"/>\n"
                     "</graph></graphml>",
                     "test.graphml:3:", "edges");
  assert_over_limit ("<graphml " NS ">\n<key id=\"a\"/><key id=\"b\"/><key id=\"c\"/><key id=\"d\"/>"
                     "<graph/></graphml>",
                     "test.graphml:2:", "keys");
  /* A data of an undeclared key declares one. */
  assert_over_limit ("<graphml " NS ">\n<key id=\"a\"/><key id=\"b\"/><key id=\"c\"/>"
                     "<graph><data key=\"d\">x</data></graph></graphml>",
                     "test.graphml:2:", "keys");
  assert_over_limit ("<graphml " NS "><graph><node id=\"a\"><graph/></node>\n"
                     "<node id=\"b\"><graph/></node><node id=\"c\"><graph/></node></graph></graphml>",
                     "test.graphml:2:", "graphs");
  assert_over_limit ("<graphml " NS "><graph><node id=\"a\"/>\n<hyperedge/><hyperedge/>"
                     "<hyperedge/><hyperedge/></graph></graphml>",
                     "test.graphml:2:", "hyperedges");
  assert_over_limit ("<graphml " NS "><graph><node id=\"a\"/>\n<hyperedge><endpoint node=\"a\"/>"
                     "<endpoint node=\"a\"/><endpoint node=\"a\"/><endpoint node=\"a\"/>"
                     "</hyperedge></graph></graphml>",
                     "test.graphml:2:", "endpoints");
  assert_over_limit ("<graphml " NS "><graph><node id=\"a\">\n<port name=\"1\"/><port name=\"2\"/>"
                     "<port name=\"3\"/><port name=\"4\"/></node></graph></graphml>",
                     "test.graphml:2:", "ports");

  /* At the limit, all is well. */
  am_graphml_reader_set_max_elements (3);
  graph = read_ok ("<graphml " NS "><graph><node id=\"a\"/><node id=\"b\"/>"
                   "<edge source=\"a\" target=\"c\"/></graph></graphml>");
  am_graphml_reader_set_max_elements (0);
  g_assert_cmpuint (am_graph_get_n_nodes (graph), ==, 3);
}

/* Two halves each under the limit but not together: the same error as
 * one pass. */
static void
test_halves_limit (void)
{
  g_autofree char *path = write_map_for_halves (HALVES_PLAIN, 20000);
  g_autoptr(GError) one_error = NULL;
  g_autoptr(GError) halves_error = NULL;
  g_autoptr(AmGraph) one = NULL;
  g_autoptr(AmGraph) two = NULL;
  gboolean halves = TRUE;

  am_graphml_reader_set_max_elements (15000);
  one = read_in_one_pass (path, &one_error);
  two = am_graphml_read_file_in_halves (path, NULL, NULL, NULL, &halves, &halves_error);
  am_graphml_reader_set_max_elements (0);

  g_assert_null (one);
  g_assert_null (two);
  g_assert_false (halves);
  g_assert_error (one_error, AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_LIMIT);
  g_assert_error (halves_error, AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_LIMIT);
  g_assert_cmpstr (halves_error->message, ==, one_error->message);

  g_unlink (path);
}

/* Hostile input, round two */

/* A document of about 300 KB whose @n_elements elements each hold
 * @element, numbered at its "@", where "&e;" stands for a 30 KB entity. */
static char *
entity_attack (const char *element,
               guint       n_elements)
{
  GString *doc = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [\n<!ENTITY e \"");

  for (int i = 0; i < 30000; i++)
    g_string_append_c (doc, 'A');
  g_string_append (doc, "\">\n<!ATTLIST default x CDATA \"\">]>\n<graphml " NS ">\n"
                        "<key id=\"d0\" for=\"node\" attr.name=\"label\"/>\n<graph>\n");
  for (guint i = 0; i < n_elements; i++)
    {
      for (const char *p = element; *p != '\0'; p++)
        if (*p == '@')
          g_string_append_printf (doc, "%u", i);
        else
          g_string_append_c (doc, *p);
      g_string_append_c (doc, '\n');
    }
  g_string_append (doc, "</graph></graphml>\n");
  return g_string_free (doc, FALSE);
}

#define REFS "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"

static void
assert_expansion_refused (const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  AmGraph *graph = read_string (text, &error);

  g_assert_null (graph);
  g_assert_error (error, AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_LIMIT);
  /* Where, and in words: not libxml2's. */
  g_assert_true (g_regex_match_simple ("^test\\.graphml:[0-9]+:[0-9]+: Entities here expand",
                                       error->message, 0, 0));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

static void
test_entity_expansion_in_attributes (void)
{
  static const char *const elements[] = {
    "<node id=\"n@" REFS "\"/>",
    "<edge source=\"a" REFS "\" target=\"b@" REFS "\"/>",
    "<node id=\"n@\" ignored=\"" REFS "\"/>",
    "<node id=\"n@\" xmlns:f=\"urn:f\" f:ignored=\"" REFS "\"/>",
    "<node id=\"n@\"><data key=\"d0" REFS "\">x</data></node>",
    "<node id=\"n@\"><data key=\"d0\">" REFS "</data></node>",
    "<node id=\"n@\"><f:x xmlns:f=\"urn:f\" y=\"" REFS "\"/></node>",
    "<graph id=\"g@" REFS "\"/>",
    "<node id=\"n@\"><port name=\"" REFS "\"/></node>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    {
      g_autofree char *doc = entity_attack (elements[i], 500);

      assert_expansion_refused (doc);
    }
}

static void
test_entity_expansion_in_defaults (void)
{
  /* A DTD default is handed to every element: one expansion, copied
   * fifty thousand times. */
  GString *doc = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [\n<!ENTITY e \"");

  for (int i = 0; i < 30000; i++)
    g_string_append_c (doc, 'A');
  g_string_append (doc, "\">\n<!ATTLIST node id CDATA \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">]>\n"
                        "<graphml " NS "><graph>\n");
  for (int i = 0; i < 50000; i++)
    g_string_append (doc, "<node/>\n");
  g_string_append (doc, "</graph></graphml>\n");

  assert_expansion_refused (doc->str);
  g_string_free (doc, TRUE);
}

static void
test_honest_entities_in_attributes (void)
{
  GString *doc = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [\n"
                               "<!ENTITY org \"Ministry of Foreign Affairs\">]>\n"
                               "<graphml " NS "><graph>\n");
  g_autoptr(AmGraph) graph = NULL;

  for (int i = 0; i < 2000; i++)
    g_string_append_printf (doc, "<node id=\"&org; %d\"/><edge source=\"&org; %d\" target=\"&org; 0\"/>\n",
                            i, i);
  g_string_append (doc, "</graph></graphml>\n");

  graph = read_ok (doc->str);
  g_string_free (doc, TRUE);
  g_assert_cmpuint (am_graph_get_n_nodes (graph), ==, 2000);
  g_assert_cmpuint (am_graph_find_node_by_id (graph, "Ministry of Foreign Affairs 7"), !=,
                    AM_NO_INDEX);
}

static void
test_entity_expansion_in_halves (void)
{
  /* The attack in the first half, then in the second. */
  for (guint second = 0; second < 2; second++)
    {
      GString *doc = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [\n<!ENTITY e \"");
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(AmGraph) graph = NULL;
      gboolean halves = FALSE;
      int fd = g_file_open_tmp ("entities-XXXXXX.graphml", &path, &error);

      g_assert_no_error (error);
      close (fd);
      for (int i = 0; i < 30000; i++)
        g_string_append_c (doc, 'A');
      g_string_append (doc, "\">]>\n<graphml " NS "><graph>\n");
      for (int i = 0; i < (second ? 60000 : 20000); i++)
        g_string_append_printf (doc, "<node id=\"m%d\"/>\n", i);
      for (int i = 0; i < 400; i++)
        g_string_append_printf (doc, "<node id=\"x%d" REFS "\"/>\n", i);
      for (int i = 0; i < (second ? 20000 : 60000); i++)
        g_string_append_printf (doc, "<node id=\"n%d\"/>\n", i);
      g_string_append (doc, "</graph></graphml>\n");
      g_assert_true (g_file_set_contents (path, doc->str, doc->len, &error));
      g_string_free (doc, TRUE);

      graph = am_graphml_read_file_in_halves (path, NULL, NULL, NULL, &halves, &error);
      g_assert_null (graph);
      g_assert_error (error, AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_LIMIT);
      g_assert_nonnull (strstr (error->message, "Entities here expand"));
      g_unlink (path);
    }
}

static void
test_many_attributes (void)
{
  GString *doc = g_string_new ("<graphml " NS "><graph>\n<node id=\"n\"");
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  AmGraph *graph;

  for (int i = 0; i < 100000; i++)
    g_string_append_printf (doc, " a%d=\"v\"", i);
  g_string_append (doc, "/></graph></graphml>");

  graph = read_string (doc->str, &error);
  g_string_free (doc, TRUE);
  g_assert_null (graph);
  g_assert_error (error, AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_LIMIT);
  g_assert_true (g_str_has_prefix (error->message, "test.graphml:2:"));
  g_assert_nonnull (strstr (error->message, "attributes"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);

  /* Thousands of "=" in text, comments and values are no attributes. */
  doc = g_string_new ("<graphml " NS "><key id=\"d0\" for=\"node\" attr.name=\"label\"/><graph>"
                      "<!-- ");
  for (int i = 0; i < 10000; i++)
    g_string_append (doc, "==");
  g_string_append (doc, " --><node id=\"");
  for (int i = 0; i < 10000; i++)
    g_string_append (doc, "==");
  g_string_append (doc, "\"><data key=\"d0\">");
  for (int i = 0; i < 10000; i++)
    g_string_append (doc, "a=b ");
  g_string_append (doc, "</data></node></graph></graphml>");
  graph = read_ok (doc->str);
  g_string_free (doc, TRUE);
  g_assert_cmpuint (am_graph_get_n_nodes (graph), ==, 1);
  am_graph_free (graph);
}

static void
assert_refused_saying (const char *text,
                       const char *words)
{
  g_autoptr(GError) error = NULL;
  AmGraph *graph = read_string (text, &error);

  g_assert_null (graph);
  g_assert_nonnull (error);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
  g_assert_null (strstr (error->message, "xml"));
  g_assert_null (strstr (error->message, "XML_"));
}

static void
test_messages_in_our_words (void)
{
  GString *deep = g_string_new ("<graphml " NS "><graph><node id=\"a\"><data key=\"d\">");

  for (int i = 0; i < 300; i++)
    g_string_append (deep, "<x>");
  assert_refused_saying (deep->str, "nested deeper than 256 levels");
  g_string_free (deep, TRUE);

  assert_refused_saying ("<graphml " NS "><graph><node id=\"a&#0;\"/></graph></graphml>",
                         "a character reference to an invalid character (U+0000)");
  assert_refused_saying ("<graphml " NS "><graph><node id=\"a&#xD800;\"/></graph></graphml>",
                         "(U+D800)");
  assert_refused_saying ("<graphml " NS "><graph><node id=\"a\"></graph></graphml>",
                         "the element <node> is closed by another’s end tag");
  assert_refused_saying ("<graphml " NS "><graph><node id=\"&nope;\"/></graph></graphml>",
                         "the entity “nope” is not declared");
  assert_refused_saying ("<graphml " NS "><graph><node id=\"\xff\"/></graph></graphml>",
                         "not in the encoding the file declares");

  /* A NUL byte between two elements, which libxml2 takes for the end of
   * its input: the message says what is there, and where, not that the
   * graph is never closed. */
  {
    static const char doc[] = "<graphml " NS "><graph><node id=\"a\"/>\0<node id=\"b\"/></graph></graphml>";
    g_autoptr(GError) error = NULL;
    g_autoptr(AmGraph) graph = read_string_len (doc, sizeof doc - 1, &error);
    g_autofree char *where = g_strdup_printf (":1:%d: ", (int) strlen (doc) + 1);

    g_assert_null (graph);
    g_assert_error (error, AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_MALFORMED);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, where));
    g_assert_nonnull (strstr (error->message, "a NUL byte, which XML does not allow"));
  }
}

static void
test_no_libxml2_words_on_stderr (void)
{
  if (g_test_subprocess ())
    {
      /* UTF-16 with a lone surrogate: libxml2 fails the conversion. */
      static const char doc[] = "\xff\xfe<\0g\0r\0a\0p\0h\0m\0l\0>\0\x00\xd8r\0";
      g_autoptr(GError) error = NULL;
      AmGraph *graph = read_string_len (doc, sizeof doc - 1, &error);

      g_assert_null (graph);
      g_assert_nonnull (error);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr_unmatched ("*encoding error*");
}

static void
test_warnings_cut_values (void)
{
  GString *doc = g_string_new ("<graphml " NS "><graph>");
  g_autoptr(AmGraph) graph = NULL;
  g_autofree char *id = g_strnfill (240000, 'd');

  g_string_append_printf (doc, "<node id=\"%s\"/><node id=\"%s\"/>", id, id);
  g_string_append (doc, "<node id=\"a&#10;b\xe2\x80\xae" "c\"/><node id=\"a&#10;b\xe2\x80\xae" "c\"/>");
  g_string_append_printf (doc, "<edge source=\"%s!\" target=\"a\"/></graph></graphml>", id);
  graph = read_ok (doc->str);
  g_string_free (doc, TRUE);

  g_assert_cmpuint (graph->warnings->len, >=, 3);
  for (guint i = 0; i < graph->warnings->len; i++)
    {
      const char *message = g_array_index (graph->warnings, AmDiagnostic, i).message;

      g_assert_cmpuint (strlen (message), <, 400);
      g_assert_true (g_utf8_validate (message, -1, NULL));
      g_assert_null (strchr (message, '\n'));
      g_assert_null (strstr (message, "\xe2\x80\xae"));
    }
  g_assert_true (has_warning_containing (graph, "dddd…"));
}

static void
test_foreign_root_namespace_warns (void)
{
  g_autoptr(AmGraph) graph = read_ok (
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlnsEVIL\"><graph><node id=\"a\"/>"
    "</graph></graphml>");
  g_autoptr(AmGraph) plain = read_ok (
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph><node id=\"a\"/>"
    "</graph></graphml>");

  g_assert_cmpuint (am_graph_get_n_nodes (graph), ==, 1);
  g_assert_true (has_warning_containing (graph, "not GraphML’s; it is read as GraphML"));
  g_assert_cmpuint (plain->warnings->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reader/keys-defaults-types", test_keys_defaults_and_types);
  g_test_add_func ("/reader/directed-mixed", test_directed_and_mixed);
  g_test_add_func ("/reader/edges-before-nodes", test_edges_before_nodes);
  g_test_add_func ("/reader/dangling-endpoint", test_dangling_endpoint);
  g_test_add_func ("/reader/nested-graphs", test_nested_graphs);
  g_test_add_func ("/reader/hyperedges-ports", test_hyperedges_and_ports);
  g_test_add_func ("/reader/several-graphs", test_several_graphs_scope_ids);
  g_test_add_func ("/reader/namespaces", test_namespace_prefix_and_none);
  g_test_add_func ("/reader/encodings", test_encodings);
  g_test_add_func ("/reader/entities-cdata", test_entities_and_cdata);
  g_test_add_func ("/reader/yed", test_yed_extensions);
  g_test_add_func ("/reader/gephi", test_gephi_keys);
  g_test_add_func ("/reader/tolerated", test_tolerated_breakage);
  g_test_add_func ("/reader/refusals", test_refusals);
  g_test_add_func ("/reader/missing-file", test_missing_file);
  g_test_add_func ("/reader/hostile/local-file", test_no_local_file_through_entities);
  g_test_add_func ("/reader/hostile/entity-bomb", test_entity_expansion_is_bounded);
  g_test_add_func ("/reader/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/reader/hostile/huge-value", test_huge_value_is_cut);
  g_test_add_func ("/reader/hostile/absurd-numbers", test_absurd_numbers_give_no_position);
  g_test_add_func ("/reader/hostile/tiny-elements", test_millions_of_tiny_elements);
  g_test_add_func ("/reader/progress-cancel", test_progress_and_cancel);
  g_test_add_func ("/reader/profile", test_profile);
  g_test_add_func ("/reader/halves/agree", test_halves_agree_with_one_pass);
  g_test_add_func ("/reader/halves/cut-in-markup", test_halves_cut_in_markup);
  g_test_add_func ("/reader/halves/fall-back", test_halves_fall_back);
  g_test_add_func ("/reader/halves/small-odd", test_halves_not_for_small_or_odd_files);
  g_test_add_func ("/reader/halves/progress-cancel", test_halves_progress_and_cancel);
  g_test_add_func ("/reader/halves/limit", test_halves_limit);
  g_test_add_func ("/reader/all-key-default", test_all_key_default_applies_to_nodes);
  g_test_add_func ("/reader/nested-edgedefault", test_nested_graph_inherits_edgedefault);
  g_test_add_func ("/reader/boolean-digits", test_booleans_as_digits);
  g_test_add_func ("/reader/hyperedge-later-node", test_hyperedge_endpoint_declared_later);
  g_test_add_func ("/reader/gephi-channels", test_gephi_colour_channels);
  g_test_add_func ("/reader/limits", test_limits);
  g_test_add_func ("/reader/hostile/entities-in-attributes", test_entity_expansion_in_attributes);
  g_test_add_func ("/reader/hostile/entities-in-defaults", test_entity_expansion_in_defaults);
  g_test_add_func ("/reader/hostile/entities-in-halves", test_entity_expansion_in_halves);
  g_test_add_func ("/reader/honest-entities-in-attributes", test_honest_entities_in_attributes);
  g_test_add_func ("/reader/hostile/many-attributes", test_many_attributes);
  g_test_add_func ("/reader/hostile/messages", test_messages_in_our_words);
  g_test_add_func ("/reader/hostile/warnings-cut", test_warnings_cut_values);
  g_test_add_func ("/reader/hostile/no-libxml2-stderr", test_no_libxml2_words_on_stderr);
  g_test_add_func ("/reader/foreign-root-namespace", test_foreign_root_namespace_warns);

  return g_test_run ();
}

/* test-graphml-writer.c: saving a map back loses nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <libxml/c14n.h>
#include <libxml/parser.h>

#include "am-graphml-reader.h"
#include "am-graphml-writer.h"
#include "am-map-loader.h"
#include "am-test-fixtures.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("am-writer-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static char *
in_dir (Fixture    *fixture,
        const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static AmGraph *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  AmGraph *graph = am_graphml_read_file (path, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (graph);
  return graph;
}

static void
save (const AmGraph       *graph,
      const char          *source,
      const char          *destination,
      AmGraphmlSaveFlags   flags)
{
  g_autoptr(GFile) from = g_file_new_for_path (source);
  g_autoptr(GFile) to = g_file_new_for_path (destination);
  g_autoptr(GError) error = NULL;

  g_assert_true (am_graphml_save (graph, from, to, flags, NULL, &error));
  g_assert_no_error (error);
}

/* The document as canonical XML (C14N 1.0, comments kept), read as the
 * canonical form says: entities expanded, DTD defaults applied. */
static char *
canonical (const char *path)
{
  g_autofree char *text = NULL;
  gsize length;
  xmlDocPtr doc;
  xmlChar *out = NULL;
  char *copy;

  /* From memory: the reader's entity loader refuses every file. */
  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  doc = xmlReadMemory (text, (int) length, NULL, NULL,
                       XML_PARSE_NOENT | XML_PARSE_DTDATTR | XML_PARSE_NONET |
                       XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  if (doc == NULL)
    g_error ("%s is not well-formed:\n%s", path, text);
  g_assert_cmpint (xmlC14NDocDumpMemory (doc, NULL, XML_C14N_1_0, NULL, 1, &out), >=, 0);
  copy = g_strdup ((const char *) out);
  xmlFree (out);
  xmlFreeDoc (doc);
  return copy;
}

static void
assert_canonically_equal (const char *a,
                          const char *b)
{
  g_autofree char *ca = canonical (a);
  g_autofree char *cb = canonical (b);

  if (strcmp (ca, cb) != 0)
    {
      gsize i = 0;

      while (ca[i] == cb[i])
        i++;
      g_error ("%s and %s differ canonically at byte %" G_GSIZE_FORMAT ":\n%.80s\n%.80s",
               a, b, i, ca + (i > 20 ? i - 20 : 0), cb + (i > 20 ? i - 20 : 0));
    }
}

/* Counts, keys and every data value of every element are the same; the
 * keys in @skip_names (x and y) may differ in value. */
static void
assert_same_content (const AmGraph *a,
                     const AmGraph *b,
                     gboolean       skip_positions)
{
  g_assert_cmpuint (am_graph_get_n_nodes (a), ==, am_graph_get_n_nodes (b));
  g_assert_cmpuint (am_graph_get_n_edges (a), ==, am_graph_get_n_edges (b));
  g_assert_cmpuint (a->hyperedges->len, ==, b->hyperedges->len);
  g_assert_cmpuint (a->ports->len, ==, b->ports->len);
  g_assert_cmpuint (a->subgraphs->len, ==, b->subgraphs->len);

  for (guint k = 0; k < am_graph_get_n_keys (a); k++)
    {
      const AmKey *ka = am_graph_get_key (a, k);
      const AmKey *kb;
      int other = -1;

      /* Keys the writer added come after the file's own. */
      for (guint j = 0; j < am_graph_get_n_keys (b) && other < 0; j++)
        if (g_strcmp0 (am_graph_get_key (b, j)->id, ka->id) == 0 &&
            am_graph_get_key (b, j)->domain == ka->domain)
          other = (int) j;
      g_assert_cmpint (other, >=, 0);
      kb = am_graph_get_key (b, other);

      g_assert_cmpstr (ka->name, ==, kb->name);
      g_assert_cmpint (ka->type, ==, kb->type);
      g_assert_cmpstr (ka->default_value, ==, kb->default_value);
      if (skip_positions && ka->domain == AM_DOMAIN_NODE &&
          ((int) k == a->profile.node_x || (int) k == a->profile.node_y))
        continue;

      for (guint e = 0; e < MAX (ka->n_values, kb->n_values); e++)
        g_assert_cmpstr (e < ka->n_values ? ka->values[e] : NULL, ==,
                         e < kb->n_values ? kb->values[e] : NULL);
    }

  for (guint i = 0; i < am_graph_get_n_nodes (a); i++)
    g_assert_cmpstr (am_graph_get_node (a, i)->id, ==, am_graph_get_node (b, i)->id);
  for (guint i = 0; i < am_graph_get_n_edges (a); i++)
    {
      g_assert_cmpuint (am_graph_get_edge (a, i)->source, ==, am_graph_get_edge (b, i)->source);
      g_assert_cmpuint (am_graph_get_edge (a, i)->target, ==, am_graph_get_edge (b, i)->target);
    }
}

static void
assert_same_positions (const AmGraph *a,
                       const AmGraph *b)
{
  g_assert_true (am_graph_has_positions (b) || am_graph_get_n_nodes (b) == 0);
  for (guint i = 0; i < am_graph_get_n_nodes (a); i++)
    {
      const AmNode *na = am_graph_get_node (a, i);
      const AmNode *nb = am_graph_get_node (b, i);

      g_assert_cmpfloat_with_epsilon (na->x, nb->x, 1e-6 * MAX (1.0, fabs (na->x)));
      g_assert_cmpfloat_with_epsilon (na->y, nb->y, 1e-6 * MAX (1.0, fabs (na->y)));
    }
}

/* Lays @graph out as the window would when its file has no positions. */
static void
place_in_a_circle (AmGraph *graph)
{
  guint n = am_graph_get_n_nodes (graph);

  for (guint i = 0; i < n; i++)
    {
      AmNode *node = (AmNode *) am_graph_get_node (graph, i);

      node->x = 100 * cos (2 * G_PI * i / MAX (n, 1)) + 0.1 * i;
      node->y = 100 * sin (2 * G_PI * i / MAX (n, 1)) - 1.0 / 3.0;
    }
}

static int
count_occurrences (const char *text,
                   const char *needle)
{
  int n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* A document with a bit of everything GraphML and XML allow. */
static const char *everything =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<!DOCTYPE graphml [ <!ENTITY who \"Kaja Kallas\"> <!ATTLIST edge weight CDATA \"1\"> ]>\n"
  "<!-- a comment before the root -->\n"
  "<?tool keep=\"me\"?>\n"
  "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:ext=\"urn:example:ext\">\n"
  "  <key id=\"x\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"><default>2.5</default></key>\n"
  "  <key id=\"l\" for=\"all\" attr.name=\"label\" attr.type=\"string\"><default>none</default></key>\n"
  "  <key id=\"b\" for=\"node\" attr.name=\"flag\" attr.type=\"boolean\"/>\n"
  "  <graph id=\"G\" edgedefault=\"undirected\">\n"
  "    <desc>the graph's own words</desc>\n"
  "    <node id=\"a\"><data key=\"l\">&who; &amp; A</data><port name=\"p\"><port name=\"q\"/></port></node>\n"
  "    <node id=\"b\"><data key=\"b\">1</data><ext:note at=\"here\">foreign <![CDATA[<text>]]></ext:note></node>\n"
  "    <node id=\"group\">\n"
  "      <data key=\"l\">A group</data>\n"
  "      <graph id=\"group:\" edgedefault=\"directed\">\n"
  "        <node id=\"group::n0\"/>\n"
  "        <node id=\"group::n1\"></node>\n"
  "        <edge source=\"group::n0\" target=\"group::n1\"/>\n"
  "      </graph>\n"
  "    </node>\n"
  "    <edge id=\"e1\" source=\"a\" target=\"b\" sourceport=\"p\" directed=\"true\"><data key=\"x\">3</data></edge>\n"
  "    <hyperedge><endpoint node=\"a\"/><endpoint node=\"b\"/><endpoint node=\"group\"/></hyperedge>\n"
  "  </graph>\n"
  "</graphml>\n"
  "<!-- and one after -->\n";

static void
test_copy_keeps_everything (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *source = in_dir (fixture, "everything.graphml");
  g_autofree char *copy = in_dir (fixture, "copy.graphml");
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(AmGraph) again = NULL;

  write_text (source, everything);
  graph = load (source);
  place_in_a_circle (graph);   /* moved, but a copy writes no positions */

  save (graph, source, copy, AM_GRAPHML_SAVE_COPY);
  assert_canonically_equal (source, copy);

  again = load (copy);
  assert_same_content (graph, again, FALSE);
  g_assert_cmpuint (again->n_warnings, ==, graph->n_warnings);
}

static void
check_positions_declared (Fixture    *fixture,
                          const char *document)
{
  g_autofree char *source = in_dir (fixture, "everything.graphml");
  g_autofree char *saved = in_dir (fixture, "saved.graphml");
  g_autofree char *text = NULL;
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(AmGraph) again = NULL;
  const char *group, *nested;

  write_text (source, document);
  graph = load (source);
  g_assert_cmpint (graph->profile.node_x, <, 0);
  place_in_a_circle (graph);

  save (graph, source, saved, AM_GRAPHML_SAVE_POSITIONS);
  again = load (saved);
  g_assert_cmpuint (again->n_warnings, ==, graph->n_warnings);
  assert_same_content (graph, again, TRUE);
  assert_same_positions (graph, again);

  /* "x" is taken by an edge key: ours gets another id, and both are
   * declared for nodes, before the first graph. */
  text = read_text (saved);
  g_assert_nonnull (strstr (text, "<key id=\"x1\" for=\"node\" attr.name=\"x\" attr.type=\"double\"/>"));
  g_assert_nonnull (strstr (text, "<key id=\"y\" for=\"node\" attr.name=\"y\" attr.type=\"double\"/>"));
  g_assert_true (strstr (text, "attr.name=\"y\"") < strstr (text, "<graph "));
  g_assert_cmpint (count_occurrences (text, "<data key=\"x1\">"), ==, 5);
  g_assert_cmpint (count_occurrences (text, "<data key=\"y\">"), ==, 5);

  /* GraphML wants a node's data before its nested graph. */
  group = strstr (text, "<node id=\"group\">");
  nested = strstr (text, "<graph id=\"group:\"");
  g_assert_nonnull (group);
  g_assert_nonnull (nested);
  g_assert_true (strstr (group, "<data key=\"x1\">") < nested);
  g_assert_true (strstr (group, "<data key=\"y\">") < nested);

  /* Saved again unmoved, it stays the same, and so do the positions. */
  {
    g_autofree char *twice = in_dir (fixture, "twice.graphml");
    g_autoptr(AmGraph) third = NULL;

    save (again, saved, twice, AM_GRAPHML_SAVE_POSITIONS);
    assert_canonically_equal (saved, twice);
    third = load (twice);
    assert_same_positions (again, third);
  }
}

static void
test_positions_declared (Fixture       *fixture,
                         gconstpointer  data)
{
  check_positions_declared (fixture, everything);
}

/* The same document without entities of its own, which is copied byte
 * for byte rather than node by node. */
static void
test_positions_declared_spliced (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GString) document = g_string_new (everything);

  g_string_replace (document, "<!DOCTYPE graphml [ <!ENTITY who \"Kaja Kallas\"> "
                              "<!ATTLIST edge weight CDATA \"1\"> ]>\n", "", 1);
  g_string_replace (document, "&who;", "Kaja Kallas", 1);
  g_assert_null (strstr (document->str, "DOCTYPE"));
  check_positions_declared (fixture, document->str);
}

/* Copied byte for byte, however its tags are spelled: only what changed
 * is written anew, and an unmoved save is the file itself. */
static void
test_spliced_exactly (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char *head =
    "\xef\xbb\xbf<?xml version='1.0'?>\n"
    "<graphml xmlns='http://graphml.graphdrawing.org/xmlns'>\n"
    "<key id='kx' for='node' attr.name='x' attr.type='double' /><key id='ky' for='node' attr.name='y' attr.type='double'/>\n"
    "<graph edgedefault = 'directed' >\n"
    "  <node id='a' ><data key = 'kx' >1</data ><data key='ky'><![CDATA[2]]></data></node >\n";
  g_autofree char *source = in_dir (fixture, "source.graphml");
  g_autofree char *saved = in_dir (fixture, "saved.graphml");
  g_autofree char *document = g_strconcat (head,
                                           "  <node id='b' />\n"
                                           "  <node id='c'><data key='kx'/><data key='ky'>&#51;</data></node>\n"
                                           "  <edge source='a' target='d'/>\n"
                                           "</graph>\n"
                                           "</graphml>\n", NULL);
  g_autofree char *expected = g_strconcat (head,
                                           "  <node id='b' ><data key=\"kx\">5</data><data key=\"ky\">6</data></node>\n"
                                           "  <node id='c'><data key='kx'>7</data><data key='ky'>&#51;</data></node>\n"
                                           "  <edge source='a' target='d'/>\n"
                                           "<node id=\"d\"><data key=\"kx\">8</data><data key=\"ky\">9</data></node></graph>\n"
                                           "</graphml>\n", NULL);
  g_autofree char *text = NULL;
  g_autoptr(AmGraph) graph = NULL;
  const char *ids[] = { "b", "c", "d" };
  const double xs[] = { 5, 7, 8 }, ys[] = { -6, -3, -9 };

  write_text (source, document);
  graph = load (source);
  g_assert_cmpuint (am_graph_get_n_nodes (graph), ==, 4);

  save (graph, source, saved, AM_GRAPHML_SAVE_COPY);
  text = read_text (saved);
  g_assert_cmpstr (text, ==, document);

  for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
    {
      AmNode *node = (AmNode *) am_graph_get_node (graph, i);

      for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
        if (g_strcmp0 (node->id, ids[k]) == 0)
          {
            node->x = xs[k];
            node->y = ys[k];
          }
    }
  save (graph, source, saved, AM_GRAPHML_SAVE_POSITIONS);
  g_clear_pointer (&text, g_free);
  text = read_text (saved);
  g_assert_cmpstr (text, ==, expected);
}

/* A save given up leaves the file that was there. */
static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *source = in_dir (fixture, "source.graphml");
  g_autofree char *destination = in_dir (fixture, "kept.graphml");
  g_autofree char *text = NULL;
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  write_text (source, "<graphml xmlns='http://graphml.graphdrawing.org/xmlns'><graph>"
                      "<node id='a'/></graph></graphml>");
  write_text (destination, "keep");
  graph = load (source);
  place_in_a_circle (graph);
  from = g_file_new_for_path (source);
  to = g_file_new_for_path (destination);

  g_cancellable_cancel (cancellable);
  g_assert_false (am_graphml_save (graph, from, to, AM_GRAPHML_SAVE_POSITIONS, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  text = read_text (destination);
  g_assert_cmpstr (text, ==, "keep");
}

/* A document in another encoding than UTF-8 is saved in it. */
static void
test_other_encoding (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *source = in_dir (fixture, "latin1.graphml");
  g_autofree char *saved = in_dir (fixture, "saved.graphml");
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(AmGraph) again = NULL;

  write_text (source,
              "<?xml version='1.0' encoding='ISO-8859-1'?>\n"
              "<graphml xmlns='http://graphml.graphdrawing.org/xmlns'>"
              "<key id='l' for='node' attr.name='label' attr.type='string'/>"
              "<graph edgedefault='directed'><node id='a'><data key='l'>Caf\xe9</data></node>"
              "<node id='b'/><edge source='a' target='b'/></graph></graphml>\n");
  graph = load (source);
  g_assert_cmpstr (am_graph_get_node (graph, 0)->label, ==, "Caf\xc3\xa9");
  place_in_a_circle (graph);

  save (graph, source, saved, AM_GRAPHML_SAVE_POSITIONS);
  again = load (saved);
  assert_same_content (graph, again, TRUE);
  assert_same_positions (graph, again);
  g_assert_cmpstr (am_graph_get_node (again, 0)->label, ==, "Caf\xc3\xa9");
}

/* A position comes back from the file exactly, even one that takes all
 * 17 digits to write. */
static void
test_positions_exact (Fixture       *fixture,
                      gconstpointer  data)
{
  const double xs[] = { 0.1 + 0.2, 1.0 / 3.0, -2.0 / 3.0 * 1e5, 5e-324 };
  g_autofree char *source = in_dir (fixture, "plain.graphml");
  g_autofree char *saved = in_dir (fixture, "saved.graphml");
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(AmGraph) again = NULL;

  write_text (source,
              "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph edgedefault=\"directed\">"
              "<node id=\"a\"/><node id=\"b\"/><node id=\"c\"/><node id=\"d\"/>"
              "</graph></graphml>");
  graph = load (source);
  for (guint i = 0; i < G_N_ELEMENTS (xs); i++)
    {
      AmNode *node = (AmNode *) am_graph_get_node (graph, i);

      node->x = xs[i];
      node->y = -xs[G_N_ELEMENTS (xs) - 1 - i];
    }

  save (graph, source, saved, AM_GRAPHML_SAVE_POSITIONS);
  again = load (saved);
  for (guint i = 0; i < G_N_ELEMENTS (xs); i++)
    {
      g_assert_cmpfloat (am_graph_get_node (again, i)->x, ==, am_graph_get_node (graph, i)->x);
      g_assert_cmpfloat (am_graph_get_node (again, i)->y, ==, am_graph_get_node (graph, i)->y);
    }
}

/* Gephi's and networkx's x and y: kept where unmoved, y upwards. */
static void
test_positions_in_existing_keys (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *source = in_dir (fixture, "gephi.graphml");
  g_autofree char *saved = in_dir (fixture, "saved.graphml");
  g_autofree char *text = NULL;
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(AmGraph) again = NULL;
  AmNode *moved;

  write_text (source,
              "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">"
              "<key id=\"kx\" for=\"node\" attr.name=\"x\" attr.type=\"float\"/>"
              "<key id=\"ky\" for=\"node\" attr.name=\"y\" attr.type=\"float\"/>"
              "<graph edgedefault=\"directed\">"
              "<node id=\"0\"><data key=\"kx\">1.50</data><data key=\"ky\">-2.0</data></node>"
              "<node id=\"1\"><data key=\"kx\">10</data><data key=\"ky\">20</data></node>"
              "<edge source=\"0\" target=\"1\"/>"
              "</graph></graphml>");
  graph = load (source);
  g_assert_true (am_graph_has_positions (graph));
  g_assert_cmpfloat (am_graph_get_node (graph, 1)->y, ==, -20);

  moved = (AmNode *) am_graph_get_node (graph, 1);
  moved->x = 12.25;
  moved->y = -30;   /* 30 up, as GraphML's y counts */

  save (graph, source, saved, AM_GRAPHML_SAVE_POSITIONS);
  text = read_text (saved);
  /* The unmoved node keeps its text; the moved one is written anew. */
  g_assert_nonnull (strstr (text, "<data key=\"kx\">1.50</data><data key=\"ky\">-2.0</data>"));
  g_assert_nonnull (strstr (text, "<data key=\"kx\">12.25</data><data key=\"ky\">30</data>"));
  g_assert_null (strstr (text, "attr.name=\"x\" attr.type=\"double\""));

  again = load (saved);
  assert_same_positions (graph, again);
  assert_same_content (graph, again, TRUE);
}

/* A yEd file whose node moves: its geometry moves, nothing is added. */
static void
test_yed_geometry (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *source = in_dir (fixture, "yed.graphml");
  g_autofree char *saved = in_dir (fixture, "saved.graphml");
  g_autofree char *back = in_dir (fixture, "back.graphml");
  g_autofree char *text = NULL;
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(AmGraph) again = NULL;
  AmNode *node;

  write_text (source,
              "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
              "xmlns:y=\"http://www.yworks.com/xml/graphml\">"
              "<key id=\"d0\" for=\"node\" yfiles.type=\"nodegraphics\"/>"
              "<graph id=\"G\" edgedefault=\"directed\">"
              "<node id=\"n0\"><data key=\"d0\"><y:ShapeNode>"
              "<y:Geometry height=\"30.0\" width=\"60.0\" x=\"100.0\" y=\"200.0\"/>"
              "<y:NodeLabel>Zero</y:NodeLabel></y:ShapeNode></data></node>"
              "<node id=\"n1\"><data key=\"d0\"><y:ProxyAutoBoundsNode><y:Realizers active=\"0\">"
              "<y:GroupNode><y:Geometry height=\"100.0\" width=\"100.0\" x=\"0.0\" y=\"0.0\"/></y:GroupNode>"
              "<y:GroupNode><y:Geometry height=\"20.0\" width=\"40.0\" x=\"30.0\" y=\"40.0\"/></y:GroupNode>"
              "</y:Realizers></y:ProxyAutoBoundsNode></data></node>"
              "<edge source=\"n0\" target=\"n1\"/>"
              "</graph></graphml>");
  graph = load (source);
  node = (AmNode *) am_graph_get_node (graph, 0);
  g_assert_cmpfloat (node->x, ==, 130);
  g_assert_cmpfloat (node->y, ==, 215);

  node->x += 10;
  node->y -= 5;
  ((AmNode *) am_graph_get_node (graph, 1))->x += 1;

  save (graph, source, saved, AM_GRAPHML_SAVE_POSITIONS);
  text = read_text (saved);
  g_assert_nonnull (strstr (text, "<y:Geometry height=\"30.0\" width=\"60.0\" x=\"110\" y=\"195\"/>"));
  /* Both states of the group move together. */
  g_assert_nonnull (strstr (text, "x=\"1\" y=\"0.0\""));
  g_assert_nonnull (strstr (text, "x=\"31\" y=\"40.0\""));
  g_assert_null (strstr (text, "attr.name=\"x\""));

  again = load (saved);
  assert_same_positions (graph, again);
  g_assert_cmpstr (am_graph_get_node (again, 0)->label, ==, "Zero");

  /* Moved back, it is where it was, and an unmoved save changes nothing. */
  node->x -= 10;
  node->y += 5;
  ((AmNode *) am_graph_get_node (graph, 1))->x -= 1;
  save (graph, saved, back, AM_GRAPHML_SAVE_POSITIONS);
  g_clear_pointer (&text, g_free);
  text = read_text (back);
  g_assert_nonnull (strstr (text, "<y:Geometry height=\"30.0\" width=\"60.0\" x=\"100\" y=\"200\"/>"));
  g_clear_pointer (&again, am_graph_free);
  again = load (back);
  assert_same_positions (graph, again);

  save (graph, source, back, AM_GRAPHML_SAVE_POSITIONS);
  assert_canonically_equal (source, back);
}

/* Saving over the file that is being read. */
static void
test_save_in_place (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = in_dir (fixture, "map.graphml");
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(AmGraph) again = NULL;

  write_text (path, everything);
  graph = load (path);
  place_in_a_circle (graph);
  save (graph, path, path, AM_GRAPHML_SAVE_POSITIONS);

  again = load (path);
  assert_same_positions (graph, again);
  assert_same_content (graph, again, TRUE);
}

/* Saving onto a symbolic link writes through it: the link stays one. */
static void
test_save_through_link (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *source = in_dir (fixture, "map.graphml");
  g_autofree char *target = in_dir (fixture, "real.graphml");
  g_autofree char *link = in_dir (fixture, "link.graphml");
  g_autofree char *pointed = NULL;
  g_autoptr(AmGraph) graph = NULL;

  write_text (source, everything);
  write_text (target, "old");
  g_assert_cmpint (symlink ("real.graphml", link), ==, 0);

  graph = load (source);
  save (graph, source, link, AM_GRAPHML_SAVE_COPY);

  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  pointed = g_file_read_link (link, NULL);
  g_assert_cmpstr (pointed, ==, "real.graphml");
  assert_canonically_equal (source, target);
}

/* A write that fails halfway, as on a full disk, leaves the old file
 * byte for byte and no temporary file. Run in a child, so that the size
 * limit does not outlive the test. */
static void
test_failure_keeps_file (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *source = in_dir (fixture, "big.graphml");
  g_autofree char *destination = in_dir (fixture, "precious.graphml");
  g_autoptr(GString) big = g_string_new ("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph>");
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *contents = NULL;
  struct rlimit saved, limit;
  guint n_files = 0;
  gboolean ok;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (big, "<node id=\"n%u\"/>", i);
  g_string_append (big, "</graph></graphml>");
  write_text (source, big->str);
  write_text (destination, "the good old map, which must survive");

  graph = load (source);
  place_in_a_circle (graph);
  from = g_file_new_for_path (source);
  to = g_file_new_for_path (destination);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = 40000;   /* the source fits, the copy does not */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  ok = am_graphml_save (graph, from, to, AM_GRAPHML_SAVE_POSITIONS, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);

  g_assert_false (ok);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);

  contents = read_text (destination);
  g_assert_true (strcmp (contents, "the good old map, which must survive") == 0);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 2);

  /* A new file that cannot be written whole is not left half-written. */
  {
    g_autofree char *fresh = in_dir (fixture, "fresh.graphml");
    g_autoptr(GFile) fresh_file = g_file_new_for_path (fresh);
    g_autoptr(GError) fresh_error = NULL;

    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
    ok = am_graphml_save (graph, from, fresh_file, AM_GRAPHML_SAVE_POSITIONS, NULL, &fresh_error);
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
    g_assert_false (ok);
    g_assert_nonnull (fresh_error);
    g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  }
}

/* A source that has changed into something else since it was read. */
static void
test_unreadable_source (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *source = in_dir (fixture, "map.graphml");
  g_autofree char *destination = in_dir (fixture, "out.graphml");
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
  g_autoptr(GError) error = NULL;

  write_text (source, everything);
  graph = load (source);
  write_text (source, "<graphml><graph><node id=\"a\"></graph>");
  write_text (destination, "keep");

  from = g_file_new_for_path (source);
  to = g_file_new_for_path (destination);
  g_assert_false (am_graphml_save (graph, from, to, AM_GRAPHML_SAVE_COPY, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "line 1"));
  g_clear_pointer (&source, g_free);
  source = read_text (destination);
  g_assert_cmpstr (source, ==, "keep");
}

/* The bundled map saves as-is from memory, and with positions. */
static void
test_bundled_map (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *original = in_dir (fixture, "original.graphml");
  g_autofree char *copy = in_dir (fixture, "copy.graphml");
  g_autofree char *placed = in_dir (fixture, "placed.graphml");
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(AmGraph) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) to = NULL;

  /* Laid out, as the window shows it. */
  graph = am_map_loader_load (NULL, NULL, &error);
  g_assert_no_error (error);
  bytes = am_map_loader_get_bundled_map ();
  write_text (original, g_bytes_get_data (bytes, NULL));

  to = g_file_new_for_path (copy);
  g_assert_true (am_graphml_save_from_bytes (graph, bytes, to, AM_GRAPHML_SAVE_COPY, NULL, &error));
  g_assert_no_error (error);
  assert_canonically_equal (original, copy);

  g_clear_object (&to);
  to = g_file_new_for_path (placed);
  g_assert_true (am_graphml_save_from_bytes (graph, bytes, to, AM_GRAPHML_SAVE_POSITIONS, NULL, &error));
  g_assert_no_error (error);
  again = load (placed);
  g_assert_cmpuint (again->n_warnings, ==, 0);
  assert_same_content (graph, again, TRUE);
  assert_same_positions (graph, again);
}

/* Every file of the corpus that loads: an unmoved copy is canonically the
 * same, and a save with positions reloads to the same map, where it is. */
static void
test_corpus (Fixture       *fixture,
             gconstpointer  data)
{
  const char *dir = g_getenv ("AM_CORPUS_DIR");
  g_autofree char *manifest_path = NULL;
  g_autofree char *manifest = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_checked = 0;

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      am_test_skip_unless_ci ("GraphML corpus not found (set AM_CORPUS_DIR)");
      return;
    }

  manifest_path = g_build_filename (dir, "MANIFEST.tsv", NULL);
  manifest = read_text (manifest_path);
  lines = g_strsplit (manifest, "\n", -1);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      g_autofree char *path = NULL;
      g_autofree char *copy = in_dir (fixture, "copy.graphml");
      g_autofree char *placed = in_dir (fixture, "placed.graphml");
      g_autoptr(AmGraph) graph = NULL;
      g_autoptr(AmGraph) again = NULL;
      g_autoptr(GError) error = NULL;

      if (g_strv_length (fields) < 8 || strcmp (fields[7], "reject") == 0)
        continue;

      path = g_build_filename (dir, fields[0], NULL);
      graph = am_graphml_read_file (path, NULL, NULL, NULL, &error);
      if (graph == NULL)
        continue;   /* test-corpus says which files must load */

      g_test_message ("%s", fields[0]);
      save (graph, path, copy, AM_GRAPHML_SAVE_COPY);
      assert_canonically_equal (path, copy);

      if (!am_graph_has_positions (graph))
        place_in_a_circle (graph);
      save (graph, path, placed, AM_GRAPHML_SAVE_POSITIONS);
      again = load (placed);
      assert_same_content (graph, again, TRUE);
      assert_same_positions (graph, again);
      g_assert_cmpuint (again->n_warnings, <=, graph->n_warnings);
      n_checked++;
    }

  g_assert_cmpuint (n_checked, >=, 40);
}

/* A large generated map round-trips, and saving it takes time and memory
 * in proportion (checked loosely here; the benchmark measures it). */
static void
test_large (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *source = in_dir (fixture, "large.graphml");
  g_autofree char *placed = in_dir (fixture, "placed.graphml");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(AmGraph) again = NULL;
  guint n_nodes = 20000, n_edges = 60000;
  gint64 start, read_time, save_time;

  g_string_append (text, "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                         "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
                         "<key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
                         "<graph edgedefault=\"undirected\">\n");
  for (guint i = 0; i < n_nodes; i++)
    g_string_append_printf (text, "  <node id=\"n%u\"><data key=\"label\">Node %u</data></node>\n", i, i);
  for (guint i = 0; i < n_edges; i++)
    g_string_append_printf (text, "  <edge source=\"n%u\" target=\"n%u\"><data key=\"w\">%u.5</data></edge>\n",
                            (i * 7919u) % n_nodes, (i * 104729u + 1) % n_nodes, i % 10);
  g_string_append (text, "</graph>\n</graphml>\n");
  write_text (source, text->str);

  start = g_get_monotonic_time ();
  graph = load (source);
  read_time = g_get_monotonic_time () - start;
  place_in_a_circle (graph);

  start = g_get_monotonic_time ();
  save (graph, source, placed, AM_GRAPHML_SAVE_POSITIONS);
  save_time = g_get_monotonic_time () - start;
  g_test_message ("read %.0f ms, saved with positions in %.0f ms",
                  read_time / 1000.0, save_time / 1000.0);

  again = load (placed);
  assert_same_content (graph, again, TRUE);
  assert_same_positions (graph, again);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/graphml-writer/copy-keeps-everything", test_copy_keeps_everything);
  ADD ("/graphml-writer/positions-declared", test_positions_declared);
  ADD ("/graphml-writer/positions-declared-spliced", test_positions_declared_spliced);
  ADD ("/graphml-writer/spliced-exactly", test_spliced_exactly);
  ADD ("/graphml-writer/other-encoding", test_other_encoding);
  ADD ("/graphml-writer/cancelled", test_cancelled);
  ADD ("/graphml-writer/positions-exact", test_positions_exact);
  ADD ("/graphml-writer/positions-in-existing-keys", test_positions_in_existing_keys);
  ADD ("/graphml-writer/yed-geometry", test_yed_geometry);
  ADD ("/graphml-writer/in-place", test_save_in_place);
  ADD ("/graphml-writer/through-link", test_save_through_link);
  ADD ("/graphml-writer/failure-keeps-file", test_failure_keeps_file);
  ADD ("/graphml-writer/unreadable-source", test_unreadable_source);
  ADD ("/graphml-writer/bundled-map", test_bundled_map);
  ADD ("/graphml-writer/corpus", test_corpus);
  ADD ("/graphml-writer/large", test_large);

#undef ADD

  return g_test_run ();
}

/* test-positions.c: the positions matrix, its order and agreement, CSV and SVG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "am-graphml-reader.h"
#include "am-map-loader.h"
#include "am-positions.h"
#include "am-positions-csv.h"
#include "am-positions-render.h"

#define HEAD \
  "<?xml version='1.0' encoding='UTF-8'?>\n" \
  "<graphml xmlns='http://graphml.graphdrawing.org/xmlns'>\n" \
  "<key id='gt' for='graph' attr.name='title' attr.type='string'/>\n" \
  "<key id='gs' for='graph' attr.name='source' attr.type='string'/>\n" \
  "<key id='nl' for='node' attr.name='label' attr.type='string'/>\n" \
  "<key id='nk' for='node' attr.name='kind' attr.type='string'/>\n" \
  "<key id='na' for='node' attr.name='affiliation' attr.type='string'/>\n" \
  "<key id='ek' for='edge' attr.name='kind' attr.type='string'/>\n" \
  "<key id='el' for='edge' attr.name='label' attr.type='string'/>\n" \
  "<key id='eq' for='edge' attr.name='quote' attr.type='string'/>\n" \
  "<key id='es' for='edge' attr.name='summary' attr.type='string'/>\n" \
  "<key id='et' for='edge' attr.name='stance' attr.type='string'/>\n" \
  "<key id='ew' for='edge' attr.name='when' attr.type='string'/>\n" \
  "<key id='ep' for='edge' attr.name='paragraph' attr.type='int'/>\n" \
  "<key id='ec' for='edge' attr.name='certainty' attr.type='string'/>\n" \
  "<graph id='g' edgedefault='directed'>\n" \
  "<data key='gt'>Small talks</data><data key='gs'>The source</data>\n"

#define ACTOR(id, label, affiliation) \
  "<node id='" id "'><data key='nl'>" label "</data><data key='nk'>person</data>" \
  "<data key='na'>" affiliation "</data></node>\n"
#define ISSUE(id, label) \
  "<node id='" id "'><data key='nl'>" label "</data><data key='nk'>issue</data></node>\n"
#define SAYS(source, target, stance, extra) \
  "<edge source='" source "' target='" target "'><data key='ek'>statement</data>" \
  "<data key='et'>" stance "</data>" extra "</edge>\n"

/* Alice and Bob (Ukraine) oppose what Carol and Dan (Russia) support;
 * Dan wavers on the army cap; Eve is neutral on the G8. */
static const char sample[] =
  HEAD
  ACTOR ("a", "Alice", "Ukraine")
  ACTOR ("b", "Bob", "Ukraine")
  ACTOR ("c", "Carol", "Russia")
  ACTOR ("d", "Dan", "Russia")
  "<node id='e'><data key='nl'>Eve</data><data key='nk'>person</data></node>\n"
  ISSUE ("territory", "Territory")
  ISSUE ("army", "Army cap")
  ISSUE ("g8", "G8")
  SAYS ("a", "territory", "opposes", "<data key='es'>Alice rejected it.</data>")
  SAYS ("a", "army", "opposes", "")
  SAYS ("a", "g8", "opposes",
        "<data key='eq'>never, \"ever\"</data><data key='ep'>3</data><data key='ew'>Monday</data>")
  SAYS ("b", "territory", "opposes", "")
  SAYS ("b", "army", "opposes", "")
  SAYS ("c", "territory", "supports", "")
  SAYS ("c", "army", "supports", "")
  SAYS ("c", "g8", "supports", "")
  SAYS ("d", "territory", "supports",
        "<data key='es'>Dan said so.</data><data key='ec'>reported</data>")
  SAYS ("d", "army", "conditional", "")
  SAYS ("d", "army", "supports", "<data key='el'>Yes after all</data>")
  SAYS ("e", "g8", "neutral", "")
  /* Not positions: no stance, not about an issue, not a statement. */
  "<edge source='a' target='territory'><data key='ek'>statement</data>"
  "<data key='es'>Line one\nline two</data></edge>\n"
  SAYS ("a", "c", "opposes", "")
  "<edge source='a' target='b'><data key='ek'>talks</data></edge>\n"
  "</graph></graphml>\n";

static AmGraph *
read_graph (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  AmGraph *graph = am_graphml_read_bytes (bytes, "test.graphml", &error);

  g_assert_no_error (error);
  g_assert_nonnull (graph);
  return graph;
}

static guint32
node (const AmGraph *graph,
      const char    *id)
{
  guint32 index = am_graph_find_node_by_id (graph, id);

  g_assert_cmpuint (index, !=, AM_NO_INDEX);
  return index;
}

static const AmPositionsCell *
cell (const AmPositions *positions,
      const AmGraph     *graph,
      const char        *actor,
      const char        *issue)
{
  int row = am_positions_find_row (positions, node (graph, actor));
  int column = am_positions_find_column (positions, node (graph, issue));

  g_assert_cmpint (row, >=, 0);
  g_assert_cmpint (column, >=, 0);
  return am_positions_get_cell (positions, (guint) row, (guint) column);
}

static char *
row_labels (const AmPositions *positions,
            const AmGraph     *graph)
{
  GString *out = g_string_new (NULL);

  for (guint row = 0; row < am_positions_get_n_rows (positions); row++)
    {
      if (row > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, am_graph_get_node (graph, am_positions_get_actor (positions, row))->label);
    }

  return g_string_free (out, FALSE);
}

static void
test_rows_columns_cells (void)
{
  g_autoptr(AmGraph) graph = read_graph (sample);
  g_autoptr(AmPositions) positions = am_positions_new (graph);
  const AmPositionsCell *c;

  g_assert_true (am_positions_get_graph (positions) == graph);
  g_assert_cmpuint (am_positions_get_n_rows (positions), ==, 5);
  g_assert_cmpuint (am_positions_get_n_columns (positions), ==, 3);
  g_assert_cmpuint (am_positions_get_n_statements (positions), ==, 12);

  /* Issues are columns only, and only people who took a position are rows. */
  g_assert_cmpint (am_positions_find_row (positions, node (graph, "g8")), ==, -1);
  g_assert_cmpint (am_positions_find_column (positions, node (graph, "a")), ==, -1);

  c = cell (positions, graph, "a", "g8");
  g_assert_nonnull (c);
  g_assert_cmpuint (c->actor, ==, node (graph, "a"));
  g_assert_cmpuint (c->issue, ==, node (graph, "g8"));
  g_assert_cmpint (c->stance, ==, AM_STANCE_OPPOSES);
  g_assert_false (c->mixed);
  g_assert_cmpuint (c->n_statements, ==, 1);

  /* The statement without a stance is not part of Alice's position. */
  c = cell (positions, graph, "a", "territory");
  g_assert_cmpuint (c->n_statements, ==, 1);

  /* Equally often: the later statement wins, and the cell is mixed. */
  c = cell (positions, graph, "d", "army");
  g_assert_true (c->mixed);
  g_assert_cmpuint (c->n_statements, ==, 2);
  g_assert_cmpint (c->stance, ==, AM_STANCE_SUPPORTS);
  g_assert_cmpuint (c->n_by_stance[AM_STANCE_CONDITIONAL], ==, 1);
  g_assert_cmpuint (c->n_by_stance[AM_STANCE_SUPPORTS], ==, 1);
  g_assert_cmpuint (c->statements[0], <, c->statements[1]);

  g_assert_null (cell (positions, graph, "b", "g8"));
  g_assert_null (cell (positions, graph, "e", "army"));
  g_assert_null (am_positions_get_cell (positions, 99, 0));
}

static void
test_dominant_stance (void)
{
  static const char text[] =
    HEAD
    ACTOR ("a", "Alice", "")
    ISSUE ("i", "Issue")
    SAYS ("a", "i", "supports", "")
    SAYS ("a", "i", "supports", "")
    SAYS ("a", "i", "opposes", "")
    "</graph></graphml>\n";
  g_autoptr(AmGraph) graph = read_graph (text);
  g_autoptr(AmPositions) positions = am_positions_new (graph);
  const AmPositionsCell *c = am_positions_get_cell (positions, 0, 0);

  /* The most frequent, even though the last statement differs. */
  g_assert_cmpint (c->stance, ==, AM_STANCE_SUPPORTS);
  g_assert_true (c->mixed);
  g_assert_cmpuint (c->n_statements, ==, 3);
}

static void
test_issue_order (void)
{
  g_autoptr(AmGraph) graph = read_graph (sample);
  g_autoptr(AmPositions) positions = am_positions_new (graph);

  /* Territory and the army cap split two against two; the army cap has
   * more statements. The G8 splits one against one. */
  g_assert_cmpint (am_positions_get_issue_order (positions), ==, AM_POSITIONS_ISSUE_ORDER_DIVIDED);
  g_assert_cmpuint (am_positions_get_issue (positions, 0), ==, node (graph, "army"));
  g_assert_cmpuint (am_positions_get_issue (positions, 1), ==, node (graph, "territory"));
  g_assert_cmpuint (am_positions_get_issue (positions, 2), ==, node (graph, "g8"));

  am_positions_set_issue_order (positions, AM_POSITIONS_ISSUE_ORDER_NAME);
  g_assert_cmpuint (am_positions_get_issue (positions, 0), ==, node (graph, "army"));
  g_assert_cmpuint (am_positions_get_issue (positions, 1), ==, node (graph, "g8"));
  g_assert_cmpuint (am_positions_get_issue (positions, 2), ==, node (graph, "territory"));
  g_assert_cmpint (am_positions_find_column (positions, node (graph, "territory")), ==, 2);
}

static void
test_row_orders (void)
{
  g_autoptr(AmGraph) graph = read_graph (sample);
  g_autoptr(AmPositions) positions = am_positions_new (graph);
  g_autoptr(AmPositions) again = am_positions_new (graph);
  g_autofree char *by_similarity = NULL;
  g_autofree char *by_name = NULL;
  g_autofree char *by_affiliation = NULL;
  int a, b, c, d;

  /* Those who agree sit together. */
  g_assert_cmpint (am_positions_get_order (positions), ==, AM_POSITIONS_ORDER_SIMILARITY);
  a = am_positions_find_row (positions, node (graph, "a"));
  b = am_positions_find_row (positions, node (graph, "b"));
  c = am_positions_find_row (positions, node (graph, "c"));
  d = am_positions_find_row (positions, node (graph, "d"));
  g_assert_cmpint (ABS (a - b), ==, 1);
  g_assert_cmpint (ABS (c - d), ==, 1);

  /* The same every time. */
  by_similarity = row_labels (positions, graph);
  {
    g_autofree char *other = row_labels (again, graph);

    g_assert_cmpstr (by_similarity, ==, other);
  }

  am_positions_set_order (positions, AM_POSITIONS_ORDER_NAME);
  by_name = row_labels (positions, graph);
  g_assert_cmpstr (by_name, ==, "Alice Bob Carol Dan Eve");
  g_assert_cmpint (am_positions_find_row (positions, node (graph, "d")), ==, 3);

  /* Groups by name, without an affiliation last. */
  am_positions_set_order (positions, AM_POSITIONS_ORDER_AFFILIATION);
  by_affiliation = row_labels (positions, graph);
  g_assert_cmpstr (by_affiliation, ==, "Carol Dan Alice Bob Eve");

  am_positions_set_order (positions, AM_POSITIONS_ORDER_SIMILARITY);
  {
    g_autofree char *back = row_labels (positions, graph);

    g_assert_cmpstr (back, ==, by_similarity);
  }
}

static void
test_agreement (void)
{
  g_autoptr(AmGraph) graph = read_graph (sample);
  g_autoptr(AmPositions) positions = am_positions_new (graph);
  g_autofree AmPositionsAgreement *agreements = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  agreements = am_positions_get_agreement (positions, node (graph, "a"), &n);
  g_assert_cmpuint (n, ==, 4);

  /* Bob agrees on both shared issues; then fewest disagreements. */
  g_assert_cmpuint (agreements[0].actor, ==, node (graph, "b"));
  g_assert_cmpuint (agreements[0].n_shared, ==, 2);
  g_assert_cmpuint (agreements[0].n_agree, ==, 2);
  g_assert_cmpuint (agreements[0].n_disagree, ==, 0);
  /* Neutral against opposes is neither. */
  g_assert_cmpuint (agreements[1].actor, ==, node (graph, "e"));
  g_assert_cmpuint (agreements[1].n_shared, ==, 1);
  g_assert_cmpuint (agreements[1].n_agree + agreements[1].n_disagree, ==, 0);
  g_assert_cmpuint (agreements[2].actor, ==, node (graph, "d"));
  g_assert_cmpuint (agreements[2].n_disagree, ==, 2);
  g_assert_cmpuint (agreements[3].actor, ==, node (graph, "c"));
  g_assert_cmpuint (agreements[3].n_shared, ==, 3);
  g_assert_cmpuint (agreements[3].n_disagree, ==, 3);

  text = am_positions_describe_agreement (positions, node (graph, "a"));
  g_assert_cmpstr (text, ==, "Agrees most with Bob, on 2 of 2 shared issues. "
                             "Disagrees most with Carol, on 3 of 3 shared issues.");

  g_assert_cmpfloat (am_positions_get_similarity (positions, node (graph, "a"), node (graph, "b")),
                     >, 0);
  g_assert_cmpfloat (am_positions_get_similarity (positions, node (graph, "a"), node (graph, "c")),
                     <, 0);
  g_assert_null (am_positions_get_agreement (positions, node (graph, "g8"), &n));
  g_assert_cmpuint (n, ==, 0);
}

/* Alice agrees alike with three who back the plan, and disagrees alike
 * with two who oppose it: the summary names them all, by name, not the
 * first the file happens to list; more than three, it counts the rest. */
#define TIES_HEAD \
  HEAD \
  ACTOR ("a", "Alice", "Ukraine") \
  ACTOR ("z", "Zoe", "Ukraine") \
  ACTOR ("d", "Dan", "Russia") \
  ACTOR ("y", "Yann", "France") \
  ACTOR ("c", "Carol", "Russia") \
  ACTOR ("b", "Bob", "Ukraine") \
  ISSUE ("plan", "Plan") \
  ISSUE ("army", "Army cap") \
  SAYS ("a", "plan", "supports", "") \
  SAYS ("a", "army", "opposes", "") \
  SAYS ("z", "plan", "supports", "") \
  SAYS ("d", "plan", "opposes", "") \
  SAYS ("y", "plan", "supports", "") \
  SAYS ("c", "plan", "opposes", "") \
  SAYS ("b", "plan", "supports", "") \
  SAYS ("b", "army", "neutral", "")

static const char ties[] =
  TIES_HEAD
  "</graph></graphml>\n";

static const char more_ties[] =
  TIES_HEAD
  ACTOR ("x", "Xavier", "France")
  ACTOR ("w", "Walt", "France")
  SAYS ("x", "plan", "supports", "")
  SAYS ("w", "plan", "supports", "")
  "</graph></graphml>\n";

static void
test_agreement_ties (void)
{
  g_autoptr(AmGraph) graph = read_graph (ties);
  g_autoptr(AmPositions) positions = am_positions_new (graph);
  g_autoptr(AmGraph) more_graph = read_graph (more_ties);
  g_autoptr(AmPositions) more_positions = am_positions_new (more_graph);
  g_autofree char *text = NULL;
  g_autofree char *more_text = NULL;
  g_autofree char *dan = NULL;

  text = am_positions_describe_agreement (positions, node (graph, "a"));
  g_assert_cmpstr (text, ==, "Agrees most with Bob, Yann and Zoe, on 1 issue each. "
                             "Disagrees most with Carol and Dan, on 1 issue each.");

  more_text = am_positions_describe_agreement (more_positions, node (more_graph, "a"));
  g_assert_cmpstr (more_text, ==, "Agrees most with Bob, Walt and 3 others, on 1 issue each. "
                                  "Disagrees most with Carol and Dan, on 1 issue each.");

  /* Alone at the top, one is named with what the two share, as before. */
  dan = am_positions_describe_agreement (positions, node (graph, "d"));
  g_assert_cmpstr (dan, ==, "Agrees most with Carol, on 1 of 1 shared issue. "
                            "Disagrees most with Alice, Bob and 2 others, on 1 issue each.");
}

static void
test_descriptions (void)
{
  g_autoptr(AmGraph) graph = read_graph (sample);
  g_autoptr(AmPositions) positions = am_positions_new (graph);
  int row = am_positions_find_row (positions, node (graph, "a"));
  int g8 = am_positions_find_column (positions, node (graph, "g8"));
  int army = am_positions_find_column (positions, node (graph, "army"));
  int dan = am_positions_find_row (positions, node (graph, "d"));
  int bob = am_positions_find_row (positions, node (graph, "b"));
  g_autofree char *name = am_positions_describe_cell (positions, row, g8);
  g_autofree char *mixed = am_positions_describe_cell (positions, dan, army);
  g_autofree char *empty = am_positions_describe_cell (positions, bob, g8);
  g_autofree char *statements = am_positions_describe_statements (positions, row, g8);
  g_autofree char *attribution = NULL;
  const AmPositionsCell *c = am_positions_get_cell (positions, row, g8);

  g_assert_cmpstr (name, ==, "Alice on G8: opposes, 1 statement");
  g_assert_cmpstr (mixed, ==, "Dan on Army cap: mixed, mostly supports, 2 statements");
  g_assert_cmpstr (empty, ==, "Bob on G8: no position");
  g_assert_cmpstr (statements, ==, "Alice on G8: opposes, 1 statement\n"
                                   "“never, \"ever\"” · Opposes · Paragraph 3 · Monday");
  g_assert_null (am_positions_describe_statements (positions, bob, g8));

  attribution = am_statement_format_attribution (graph, c->statements[0]);
  g_assert_cmpstr (attribution, ==, "“never, \"ever\"” — Alice, paragraph 3, The source");

  /* A summary is marked as reported, and so is its certainty. */
  c = cell (positions, graph, "d", "territory");
  {
    g_autofree char *described = am_statement_describe (graph, c->statements[0]);
    g_autofree char *attributed = am_statement_format_attribution (graph, c->statements[0]);
    AmStatementTextKind kind;

    g_assert_cmpstr (described, ==, "Reported: Dan said so. · Supports · reported");
    g_assert_cmpstr (attributed, ==, "Dan said so. — Dan (reported), The source");
    g_assert_cmpstr (am_statement_get_text (graph, c->statements[0], &kind), ==, "Dan said so.");
    g_assert_cmpint (kind, ==, AM_STATEMENT_TEXT_SUMMARY);
    g_assert_cmpstr (am_statement_get_certainty (graph, c->statements[0]), ==, "reported");
  }
}

static char *
csv_of (const AmGraph *graph)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (am_positions_write_csv (graph, stream, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (stream, "", 1, NULL, NULL, &error);
  g_output_stream_close (stream, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
test_csv (void)
{
  g_autoptr(AmGraph) graph = read_graph (sample);
  g_autofree char *csv = csv_of (graph);
  g_auto(GStrv) records = NULL;

  g_assert_true (g_str_has_prefix (csv, "actor,issue,stance,kind,text,paragraph,when\r\n"));
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  g_assert_true (g_utf8_validate (csv, -1, NULL));

  /* Quotes doubled inside quotes; commas and line breaks quoted. */
  g_assert_nonnull (strstr (csv, "\r\nAlice,G8,opposes,quote,\"never, \"\"ever\"\"\",3,Monday\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nAlice,Territory,opposes,summary,Alice rejected it.,,\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nDan,Territory,supports,summary,[reported] Dan said so.,,\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nDan,Army cap,supports,label,Yes after all,,\r\n"));
  /* Statements without a stance are written too; others are not. */
  g_assert_nonnull (strstr (csv, "\r\nAlice,Territory,,summary,\"Line one\nline two\",,\r\n"));
  g_assert_null (strstr (csv, "Alice,Carol"));

  /* The header, twelve positions and the statement without a stance. */
  records = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (records), ==, 1 + 12 + 1 + 1);
}

static void
test_csv_file (void)
{
  g_autoptr(AmGraph) graph = read_graph (sample);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-positions-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "positions.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such.csv", NULL);
  g_autofree char *expected = csv_of (graph);
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  g_assert_true (am_positions_export_csv (graph, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);

  g_assert_false (am_positions_export_csv (graph, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_unlink (path);
  g_rmdir (dir);
}

static xmlNode *
find_element (xmlNode    *node,
              const char *id)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (node->type == XML_ELEMENT_NODE)
        {
          xmlChar *value = xmlGetProp (node, (const xmlChar *) "id");
          gboolean match = value != NULL && strcmp ((const char *) value, id) == 0;

          xmlFree (value);
          if (match)
            return node;
        }
      if ((found = find_element (node->children, id)) != NULL)
        return found;
    }

  return NULL;
}

static char *
property (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static void
test_svg (void)
{
  g_autoptr(AmGraph) graph = read_graph (sample);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-positions-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "positions.svg", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *css_class = NULL;
  g_autofree char *mixed_class = NULL;
  xmlDoc *doc;
  xmlNode *group, *title;
  xmlChar *text;

  g_assert_true (am_positions_export (graph, AM_POSITIONS_ORDER_SIMILARITY, FALSE, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));

  doc = xmlReadMemory (contents, (int) strlen (contents), "positions.svg", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);

  /* A group per cell, with the statement as its title. */
  group = find_element (xmlDocGetRootElement (doc), "cell-a-g8");
  g_assert_nonnull (group);
  css_class = property (group, "class");
  g_assert_cmpstr (css_class, ==, "cell stance-opposes");
  title = group->children;
  while (title != NULL && title->type != XML_ELEMENT_NODE)
    title = title->next;
  g_assert_nonnull (title);
  g_assert_cmpstr ((const char *) title->name, ==, "title");
  text = xmlNodeGetContent (title);
  g_assert_cmpstr ((const char *) text, ==, "Alice on G8: opposes, 1 statement\n"
                                            "“never, \"ever\"” · Opposes · Paragraph 3 · Monday");
  xmlFree (text);

  group = find_element (xmlDocGetRootElement (doc), "cell-d-army");
  g_assert_nonnull (group);
  mixed_class = property (group, "class");
  g_assert_cmpstr (mixed_class, ==, "cell stance-supports mixed");
  g_assert_null (find_element (xmlDocGetRootElement (doc), "cell-b-g8"));

  /* Real text: headers, words and the title. */
  g_assert_nonnull (strstr (contents, ">Small talks</text>"));
  g_assert_nonnull (strstr (contents, ">Territory</text>"));
  g_assert_nonnull (strstr (contents, ">Alice</text>"));
  g_assert_nonnull (strstr (contents, ">Opposes</text>"));
  g_assert_nonnull (strstr (contents, ">Mixed</text>"));
  g_assert_nonnull (strstr (contents, ">×2</text>"));

  xmlFreeDoc (doc);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_png_pdf (void)
{
  g_autoptr(AmGraph) graph = read_graph (sample);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-positions-XXXXXX", &error);
  const char *names[] = { "positions.png", "positions.pdf" };
  const char *magic[] = { "\x89PNG", "%PDF" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *contents = NULL;

      g_assert_true (am_positions_export (graph, AM_POSITIONS_ORDER_NAME, i == 1, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_true (g_str_has_prefix (contents, magic[i]));
      g_unlink (path);
    }

  {
    g_autofree char *path = g_build_filename (dir, "positions.txt", NULL);

    g_assert_false (am_positions_export (graph, AM_POSITIONS_ORDER_NAME, FALSE, path, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  }

  g_rmdir (dir);
}

/* The matrix under the pointer, scrolled or not, never through a header. */
static void
test_geometry (void)
{
  g_autoptr(AmGraph) graph = read_graph (sample);
  g_autoptr(AmPositions) positions = am_positions_new (graph);
  AmPositionsRenderOptions options;
  AmPositionsGeometry geometry;
  double x, y, w, h;
  guint row = 99, column = 99;

  am_positions_render_options_init (&options);
  am_positions_render_get_geometry (positions, &options, &geometry);
  g_assert_cmpfloat (geometry.top, ==, 0);
  g_assert_cmpfloat (geometry.width, >, geometry.row_header_width + 3 * geometry.cell_width);

  g_assert_true (am_positions_render_get_cell_box (positions, &options, &geometry, 2, 1,
                                                   &x, &y, &w, &h));
  g_assert_true (am_positions_render_pick (positions, &options, &geometry, x + w / 2, y + h / 2,
                                           &row, &column));
  g_assert_cmpuint (row, ==, 2);
  g_assert_cmpuint (column, ==, 1);

  options.scroll_x = geometry.cell_width;
  g_assert_true (am_positions_render_pick (positions, &options, &geometry, x + w / 2, y + h / 2,
                                           &row, &column));
  g_assert_cmpuint (column, ==, 2);
  /* Under the row headers. */
  g_assert_false (am_positions_render_pick (positions, &options, &geometry, 2, y + h / 2,
                                            &row, &column));
  g_assert_false (am_positions_render_get_cell_box (positions, &options, &geometry, 5, 0,
                                                    &x, &y, &w, &h));

  options.draw_title = TRUE;
  am_positions_render_get_geometry (positions, &options, &geometry);
  g_assert_cmpfloat (geometry.top, >, 0);
}

static void
test_no_positions (void)
{
  static const char text[] =
    HEAD
    ACTOR ("a", "Alice", "")
    ISSUE ("i", "Issue")
    "<edge source='a' target='i'><data key='ek'>statement</data></edge>\n"
    "</graph></graphml>\n";
  g_autoptr(AmGraph) graph = read_graph (text);
  g_autoptr(AmPositions) positions = am_positions_new (graph);
  g_autofree char *csv = csv_of (graph);

  g_assert_cmpuint (am_positions_get_n_rows (positions), ==, 0);
  g_assert_cmpuint (am_positions_get_n_columns (positions), ==, 0);
  g_assert_null (am_positions_describe_agreement (positions, 0));
  g_assert_cmpstr (csv, ==, "actor,issue,stance,kind,text,paragraph,when\r\nAlice,Issue,,,,,\r\n");
}

/* Light checks only: the map's content changes. */
static void
test_bundled_map (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AmGraph) graph = am_map_loader_read (NULL, NULL, &error);
  g_autoptr(AmPositions) positions = NULL;
  guint32 kallas, g8;

  g_assert_no_error (error);
  positions = am_positions_new (graph);
  g_assert_cmpuint (am_positions_get_n_rows (positions), >, 3);
  g_assert_cmpuint (am_positions_get_n_columns (positions), >, 3);

  kallas = am_graph_find_node_by_id (graph, "kallas");
  g8 = am_graph_find_node_by_id (graph, "issue-g8");
  if (kallas != AM_NO_INDEX && g8 != AM_NO_INDEX)
    {
      int row = am_positions_find_row (positions, kallas);
      int column = am_positions_find_column (positions, g8);

      if (row >= 0 && column >= 0)
        g_assert_nonnull (am_positions_get_cell (positions, (guint) row, (guint) column));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/positions/rows-columns-cells", test_rows_columns_cells);
  g_test_add_func ("/positions/dominant-stance", test_dominant_stance);
  g_test_add_func ("/positions/issue-order", test_issue_order);
  g_test_add_func ("/positions/row-orders", test_row_orders);
  g_test_add_func ("/positions/agreement", test_agreement);
  g_test_add_func ("/positions/agreement-ties", test_agreement_ties);
  g_test_add_func ("/positions/descriptions", test_descriptions);
  g_test_add_func ("/positions/csv", test_csv);
  g_test_add_func ("/positions/csv-file", test_csv_file);
  g_test_add_func ("/positions/svg", test_svg);
  g_test_add_func ("/positions/png-pdf", test_png_pdf);
  g_test_add_func ("/positions/geometry", test_geometry);
  g_test_add_func ("/positions/no-positions", test_no_positions);
  g_test_add_func ("/positions/bundled-map", test_bundled_map);

  return g_test_run ();
}

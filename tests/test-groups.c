/* test-groups.c: nested graphs as group boxes, laid out and collapsed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "am-graphml-reader.h"
#include "am-groups.h"
#include "am-map-document.h"
#include "am-map-loader.h"
#include "am-render.h"
#include "am-svg-painter-private.h"
#include "am-test-fixtures.h"

static AmGraph *
load_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "nested-groups.graphml", NULL);
  AmGraph *graph = am_map_loader_load (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (graph);
  return graph;
}

static guint
node_by_id (const AmGraph *graph,
            const char    *id)
{
  guint node = am_graph_find_node_by_id (graph, id);

  g_assert_cmpuint (node, <, am_graph_get_n_nodes (graph));
  return node;
}

static void
node_box (const AmNode *node,
          double        box[4])
{
  am_render_group_member_extent (node, box);
}

static gboolean
box_inside (const double inner[4],
            const double outer[4])
{
  const double slack = 1e-6;

  return inner[0] >= outer[0] - slack && inner[1] >= outer[1] - slack &&
         inner[2] <= outer[2] + slack && inner[3] <= outer[3] + slack;
}

static gboolean
boxes_overlap (const double a[4],
               const double b[4])
{
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/* Every member inside its group's box, and the nodes of one graph clear
 * of each other; returns the number of members checked. */
static guint
assert_groups_contain_members (const AmGraph *graph)
{
  g_autofree guint32 *parents = am_groups_find_parents (graph);
  guint n = am_graph_get_n_nodes (graph), n_members = 0;

  g_assert_nonnull (parents);
  for (guint i = 0; i < n; i++)
    {
      const AmNode *node = am_graph_get_node (graph, i);
      double box[4], group_box[4];

      g_assert_true (isfinite (node->x) && isfinite (node->y));
      if (node->flags & AM_NODE_IS_GROUP)
        g_assert_true (node->flags & AM_NODE_HAS_SIZE);
      if (parents[i] == AM_NO_INDEX)
        continue;

      node_box (node, box);
      node_box (am_graph_get_node (graph, parents[i]), group_box);
      if (!box_inside (box, group_box))
        g_error ("node %s (%g,%g)-(%g,%g) sticks out of group %s (%g,%g)-(%g,%g)",
                 node->id, box[0], box[1], box[2], box[3],
                 am_graph_get_node (graph, parents[i])->id,
                 group_box[0], group_box[1], group_box[2], group_box[3]);
      n_members++;

      /* Below the header, where the name goes. */
      g_assert_cmpfloat (box[1], >, group_box[1] + AM_RENDER_GROUP_PADDING);

      for (guint j = i + 1; j < n; j++)
        {
          double other[4];

          if (parents[j] != parents[i])
            continue;
          node_box (am_graph_get_node (graph, j), other);
          g_assert_false (boxes_overlap (box, other));
        }
    }

  return n_members;
}

static void
test_parents (void)
{
  g_autoptr(AmGraph) graph = load_fixture ();
  g_autofree guint32 *parents = am_groups_find_parents (graph);
  g_autofree guint32 *order = NULL;
  guint coalition = node_by_id (graph, "coalition");
  guint party = node_by_id (graph, "party");
  guint n_groups;

  g_assert_nonnull (parents);
  g_assert_cmpuint (parents[coalition], ==, AM_NO_INDEX);
  g_assert_cmpuint (parents[party], ==, coalition);
  g_assert_cmpuint (parents[node_by_id (graph, "leader")], ==, party);
  g_assert_cmpuint (parents[node_by_id (graph, "envoy")], ==, node_by_id (graph, "government"));
  g_assert_cmpuint (parents[node_by_id (graph, "press")], ==, AM_NO_INDEX);
  g_assert_true (am_groups_contains (parents, coalition, node_by_id (graph, "deputy")));
  g_assert_false (am_groups_contains (parents, party, node_by_id (graph, "ally")));

  /* The party comes before the coalition that holds it. */
  order = am_groups_innermost_first (graph, parents, &n_groups);
  g_assert_cmpuint (n_groups, ==, 4);
  g_assert_cmpuint (order[0], ==, party);
}

static void
test_layout_contains_members (void)
{
  g_autoptr(AmGraph) graph = load_fixture ();
  guint party = node_by_id (graph, "party");
  double party_box[4], coalition_box[4];

  g_assert_cmpuint (assert_groups_contain_members (graph), ==, 7);

  /* The nested group is inside the one around it. */
  node_box (am_graph_get_node (graph, party), party_box);
  node_box (am_graph_get_node (graph, node_by_id (graph, "coalition")), coalition_box);
  g_assert_true (box_inside (party_box, coalition_box));
  g_assert_true (am_graph_get_node (graph, party)->flags & AM_NODE_GROUP_FITTED);
}

static void
test_layout_deterministic (void)
{
  g_autoptr(AmGraph) first = load_fixture ();
  g_autoptr(AmGraph) second = load_fixture ();

  for (guint i = 0; i < am_graph_get_n_nodes (first); i++)
    {
      const AmNode *a = am_graph_get_node (first, i);
      const AmNode *b = am_graph_get_node (second, i);

      g_assert_cmpfloat (a->x, ==, b->x);
      g_assert_cmpfloat (a->y, ==, b->y);
      g_assert_cmpfloat (a->width, ==, b->width);
      g_assert_cmpfloat (a->height, ==, b->height);
    }
}

static void
test_layout_corpus (void)
{
  g_autofree char *path = am_test_corpus_file ("spec", "nested-sample.graphml");
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;

  graph = am_map_loader_load (path, NULL, &error);
  g_assert_no_error (error);
  /* Five nodes in two nested groups. */
  g_assert_cmpuint (assert_groups_contain_members (graph), ==, 6);
}

/* A file that places the members but gives its groups no box. */
static void
test_placed_members_get_box (void)
{
  static const char placed[] =
    "<graphml><key id='x' for='node' attr.name='x' attr.type='double'/>"
    "<key id='y' for='node' attr.name='y' attr.type='double'/>"
    "<graph edgedefault='undirected'>"
    "<node id='g'><data key='x'>0</data><data key='y'>0</data><graph>"
    "<node id='a'><data key='x'>100</data><data key='y'>0</data></node>"
    "<node id='b'><data key='x'>300</data><data key='y'>-200</data></node>"
    "</graph></node></graph></graphml>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (placed, sizeof placed - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(AmGraph) graph = am_graphml_read_bytes (bytes, "placed.graphml", &error);

  g_assert_no_error (error);
  g_assert_true (am_map_loader_prepare (graph, NULL));
  /* The members stay where the file put them; the box comes to them. */
  g_assert_cmpfloat (am_graph_get_node (graph, node_by_id (graph, "a"))->x, ==, 100);
  g_assert_cmpuint (assert_groups_contain_members (graph), ==, 2);
}

/* Collapsing */

static char *
render_svg (AmMapDocument *document)
{
  AmGraph *graph = am_map_document_get_graph (document);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(AmPainter) painter = NULL;
  g_autoptr(GError) error = NULL;
  AmRenderOptions options;

  am_render_options_init (&options);
  am_render_options_fit (&options, graph, 1200, 900);
  options.shown_as = am_map_document_get_shown_as (document);
  options.hidden_counts = am_map_document_get_hidden_counts (document);
  painter = am_svg_painter_new (stream, 1200, 900, NULL, NULL);
  am_render_to_painter (graph, &options, painter);
  g_assert_true (am_svg_painter_finish (painter, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));

  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
}

static guint32
pick_at_node (AmMapDocument *document,
              guint          node)
{
  AmGraph *graph = am_map_document_get_graph (document);
  const AmNode *n = am_graph_get_node (graph, node);
  AmRenderOptions options;

  am_render_options_init (&options);
  options.shown_as = am_map_document_get_shown_as (document);
  options.hidden_counts = am_map_document_get_hidden_counts (document);
  return am_render_pick_node (graph, &options, n->x, n->y);
}

static void
test_collapse_hides_members (void)
{
  g_autoptr(AmMapDocument) document = am_map_document_new (load_fixture (), NULL);
  AmGraph *graph = am_map_document_get_graph (document);
  guint government = node_by_id (graph, "government");
  guint minister = node_by_id (graph, "minister");
  g_autofree char *expanded = render_svg (document);
  g_autofree char *collapsed = NULL;
  const guint32 *shown_as;

  g_assert_nonnull (strstr (expanded, ">Minister<"));
  g_assert_cmpuint (pick_at_node (document, minister), ==, minister);

  am_map_document_set_group_collapsed (document, government, TRUE);
  g_assert_true (am_map_document_get_group_collapsed (document, government));
  shown_as = am_map_document_get_shown_as (document);
  g_assert_nonnull (shown_as);
  g_assert_cmpuint (shown_as[minister], ==, government);
  g_assert_cmpuint (am_map_document_get_hidden_counts (document)[government], ==, 3);

  collapsed = render_svg (document);
  g_assert_null (strstr (collapsed, ">Minister<"));
  g_assert_null (strstr (collapsed, ">Envoy<"));
  g_assert_nonnull (strstr (collapsed, ">Government (3)<"));
  g_assert_nonnull (strstr (collapsed, ">Press<"));
  /* Where the minister stood, the group is picked, not the member. */
  g_assert_cmpuint (pick_at_node (document, minister), !=, minister);
  g_assert_cmpuint (pick_at_node (document, government), ==, government);

  am_map_document_set_group_collapsed (document, government, FALSE);
  g_assert_null (am_map_document_get_shown_as (document));
  g_free (collapsed);
  collapsed = render_svg (document);
  g_assert_cmpstr (collapsed, ==, expanded);
}

/* Counts the edges drawn in the SVG, one group each. */
static guint
count_edges (const char *svg)
{
  const char *edges = strstr (svg, "class=\"edges\"");
  const char *nodes = strstr (svg, "class=\"nodes\"");
  guint n = 0;

  g_assert_nonnull (edges);
  g_assert_nonnull (nodes);
  for (const char *at = edges; (at = strstr (at, "<g class=\"edge ")) != NULL && at < nodes; at++)
    n++;
  return n;
}

static void
test_collapse_reroutes_edges (void)
{
  g_autoptr(AmMapDocument) document = am_map_document_new (load_fixture (), NULL);
  AmGraph *graph = am_map_document_get_graph (document);
  g_autofree char *expanded = render_svg (document);
  g_autofree char *collapsed = NULL;
  guint n_expanded;

  n_expanded = count_edges (expanded);
  am_map_document_set_group_collapsed (document, node_by_id (graph, "coalition"), TRUE);
  am_map_document_set_group_collapsed (document, node_by_id (graph, "government"), TRUE);
  collapsed = render_svg (document);

  /* Inside: deputy-leader, envoy-minister, spokesman-minister, ally-party
   * go. Leader, deputy and ally to the government's members become one
   * line, marked 3; mediator to each group, press to the government and
   * mediator to press stay one line each. */
  g_assert_cmpuint (n_expanded, ==, 11);
  g_assert_cmpuint (count_edges (collapsed), ==, 5);
  g_assert_nonnull (strstr (collapsed, ">3<"));
  g_assert_nonnull (strstr (collapsed, ">Coalition (4)<"));
}

static void
test_choosing_hidden_member_expands (void)
{
  g_autoptr(AmMapDocument) document = am_map_document_new (load_fixture (), NULL);
  AmGraph *graph = am_map_document_get_graph (document);
  guint coalition = node_by_id (graph, "coalition");
  guint party = node_by_id (graph, "party");
  guint leader = node_by_id (graph, "leader");

  am_map_document_set_selected_node (document, leader);
  am_map_document_set_group_collapsed (document, party, TRUE);
  am_map_document_set_group_collapsed (document, coalition, TRUE);
  /* What was chosen and is hidden: its group is chosen instead. */
  g_assert_cmpuint (am_map_document_get_selected_node (document), ==, coalition);

  am_map_document_set_selected_node (document, leader);
  g_assert_cmpuint (am_map_document_get_selected_node (document), ==, leader);
  g_assert_false (am_map_document_get_group_collapsed (document, coalition));
  g_assert_false (am_map_document_get_group_collapsed (document, party));
  g_assert_null (am_map_document_get_shown_as (document));
}

/* Moving */

static void
test_box_follows_member (void)
{
  g_autoptr(AmMapDocument) document = am_map_document_new (load_fixture (), NULL);
  AmGraph *graph = am_map_document_get_graph (document);
  guint leader = node_by_id (graph, "leader");
  const AmNode *node = am_graph_get_node (graph, leader);

  am_map_document_move_node (document, leader, node->x + 900, node->y - 700);
  assert_groups_contain_members (graph);
  am_map_document_undo (document);
  assert_groups_contain_members (graph);
}

static void
test_members_follow_box (void)
{
  g_autoptr(AmMapDocument) document = am_map_document_new (load_fixture (), NULL);
  AmGraph *graph = am_map_document_get_graph (document);
  guint coalition = node_by_id (graph, "coalition");
  guint leader = node_by_id (graph, "leader");
  double leader_x = am_graph_get_node (graph, leader)->x;
  double box_x = am_graph_get_node (graph, coalition)->x;
  double press_x = am_graph_get_node (graph, node_by_id (graph, "press"))->x;

  am_map_document_begin_move (document);
  am_map_document_move_node (document, coalition, box_x + 300, am_graph_get_node (graph, coalition)->y);
  am_map_document_end_move (document);
  g_assert_cmpfloat_with_epsilon (am_graph_get_node (graph, leader)->x, leader_x + 300, 1e-6);
  g_assert_cmpfloat_with_epsilon (am_graph_get_node (graph, coalition)->x, box_x + 300, 1e-6);
  g_assert_cmpfloat (am_graph_get_node (graph, node_by_id (graph, "press"))->x, ==, press_x);
  assert_groups_contain_members (graph);

  /* One step takes it all back. */
  am_map_document_undo (document);
  g_assert_cmpfloat (am_graph_get_node (graph, leader)->x, ==, leader_x);
  g_assert_cmpfloat_with_epsilon (am_graph_get_node (graph, coalition)->x, box_x, 1e-6);
  g_assert_false (am_map_document_get_can_undo (document));
}

typedef struct
{
  guint    n_final;
  guint    n_rough;
  double  *x;
  double  *y;
  guint    n_nodes;
} Pictures;

static void
on_picture (const double *x,
            const double *y,
            guint         n_nodes,
            gboolean      final,
            gpointer      user_data)
{
  Pictures *pictures = user_data;

  if (!final)
    {
      pictures->n_rough++;
      return;
    }
  pictures->n_final++;
  pictures->n_nodes = n_nodes;
  pictures->x = g_memdup2 (x, sizeof (double) * n_nodes);
  pictures->y = g_memdup2 (y, sizeof (double) * n_nodes);
}

/* The window lays out a map without positions while it shows pictures of
 * it; a map with groups gets its picture too, the same as a headless
 * load's, or it would never show. */
static void
test_layout_gives_picture (void)
{
  g_autoptr(AmGraph) reference = load_fixture ();
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "nested-groups.graphml", NULL);
  Pictures pictures = { 0 };

  graph = am_map_loader_load_unplaced (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (am_map_loader_lay_out (graph, NULL, NULL, on_picture, &pictures));

  g_assert_cmpuint (pictures.n_final, ==, 1);
  g_assert_cmpuint (pictures.n_nodes, ==, am_graph_get_n_nodes (reference));
  for (guint i = 0; i < pictures.n_nodes; i++)
    {
      g_assert_cmpfloat (pictures.x[i], ==, am_graph_get_node (reference, i)->x);
      g_assert_cmpfloat (pictures.y[i], ==, am_graph_get_node (reference, i)->y);
    }

  g_free (pictures.x);
  g_free (pictures.y);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/groups/parents", test_parents);
  g_test_add_func ("/groups/layout-contains-members", test_layout_contains_members);
  g_test_add_func ("/groups/layout-deterministic", test_layout_deterministic);
  g_test_add_func ("/groups/layout-corpus", test_layout_corpus);
  g_test_add_func ("/groups/placed-members-get-box", test_placed_members_get_box);
  g_test_add_func ("/groups/collapse-hides-members", test_collapse_hides_members);
  g_test_add_func ("/groups/collapse-reroutes-edges", test_collapse_reroutes_edges);
  g_test_add_func ("/groups/choosing-hidden-member-expands", test_choosing_hidden_member_expands);
  g_test_add_func ("/groups/box-follows-member", test_box_follows_member);
  g_test_add_func ("/groups/members-follow-box", test_members_follow_box);
  g_test_add_func ("/groups/layout-gives-picture", test_layout_gives_picture);

  return g_test_run ();
}

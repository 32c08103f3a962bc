/* test-groups.c: nested graphs as group boxes, laid out and collapsed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "am-graphml-reader.h"
#include "am-groups.h"
#include "am-map-loader.h"
#include "am-render.h"
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
  const char *dir = g_getenv ("AM_CORPUS_DIR");
  g_autofree char *path = NULL;
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(GError) error = NULL;

  path = g_build_filename (dir != NULL ? dir : ".", "spec", "nested-sample.graphml", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      am_test_skip_unless_ci ("no GraphML corpus");
      return;
    }

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

  return g_test_run ();
}

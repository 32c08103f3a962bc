/* test-graph.c: the graph model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "am-graph.h"
#include "am-graphml-reader.h"
#include "am-style.h"
#include "am-map-document.h"
#include "am-vocabulary.h"

static void
test_nodes_and_ids (void)
{
  g_autoptr(AmGraph) graph = am_graph_new ();
  guint g = am_graph_add_subgraph (graph, "G", AM_NO_INDEX, AM_NO_INDEX, TRUE);
  guint a = am_graph_add_node (graph, "a", g);
  guint b = am_graph_add_node (graph, "b", g);
  guint again = am_graph_add_node (graph, "a", g);

  g_assert_cmpuint (am_graph_get_n_nodes (graph), ==, 3);
  g_assert_cmpuint (am_graph_find_node_by_id (graph, "a"), ==, a);
  g_assert_cmpuint (am_graph_find_node_by_id (graph, "b"), ==, b);
  g_assert_cmpuint (am_graph_find_node_by_id (graph, "zzz"), ==, AM_NO_INDEX);
  g_assert_cmpuint (again, ==, 2);
  g_assert_cmpstr (am_graph_get_node (graph, again)->id, ==, "a");
  g_assert_true (isnan (am_graph_get_node (graph, a)->x));
}

static void
test_values_and_defaults (void)
{
  g_autoptr(AmGraph) graph = am_graph_new ();
  guint key = am_graph_add_key (graph, "d0", "role", AM_DOMAIN_NODE, AM_ATTR_STRING);
  guint other = am_graph_add_key (graph, "d1", "role", AM_DOMAIN_EDGE, AM_ATTR_STRING);

  for (int i = 0; i < 1000; i++)
    am_graph_add_node (graph, NULL, 0);

  am_graph_set_value (graph, key, 999, am_graph_intern (graph, "envoy"));
  g_assert_cmpstr (am_graph_get_node_value (graph, key, 999), ==, "envoy");
  g_assert_null (am_graph_get_node_value (graph, key, 3));

  g_array_index (graph->keys, AmKey, key).default_value = "official";
  g_assert_cmpstr (am_graph_get_node_value (graph, key, 3), ==, "official");
  g_assert_cmpstr (am_graph_get_node_value (graph, key, 999), ==, "envoy");
  g_assert_null (am_graph_get_node_value (graph, -1, 0));

  g_assert_cmpint (am_graph_find_key (graph, AM_DOMAIN_NODE, "role"), ==, (int) key);
  g_assert_cmpint (am_graph_find_key (graph, AM_DOMAIN_EDGE, "role"), ==, (int) other);
  g_assert_cmpint (am_graph_find_key (graph, AM_DOMAIN_GRAPH, "role"), ==, -1);
}

static void
test_store_long_strings (void)
{
  g_autoptr(AmGraph) graph = am_graph_new ();
  const char *quote = "we see you, we know what you’re doing";
  const char *a = am_graph_store (graph, quote, -1);
  const char *b = am_graph_store (graph, quote, 6);

  g_assert_cmpstr (a, ==, quote);
  g_assert_cmpstr (b, ==, "we see");
  /* Interned strings are shared, stored ones are copies. */
  g_assert_true (am_graph_intern (graph, "kind") == am_graph_intern (graph, "kind"));
  g_assert_false (am_graph_store (graph, "kind", -1) == am_graph_store (graph, "kind", -1));
}

static void
test_typed_parsing (void)
{
  double d;
  gint64 i;
  gboolean b;

  g_assert_true (am_parse_double (" 1.5 ", &d));
  g_assert_cmpfloat (d, ==, 1.5);
  g_assert_true (am_parse_double ("-1e3", &d));
  g_assert_cmpfloat (d, ==, -1000.0);
  g_assert_false (am_parse_double ("1.5x", &d));
  g_assert_false (am_parse_double ("", &d));
  g_assert_false (am_parse_double (NULL, &d));
  g_assert_true (am_parse_integer ("42", &i));
  g_assert_cmpint (i, ==, 42);
  g_assert_false (am_parse_integer ("4.2", &i));
  g_assert_false (am_parse_integer ("99999999999999999999999", &i));
  g_assert_true (am_parse_boolean ("TRUE", &b));
  g_assert_true (b);
  g_assert_true (am_parse_boolean (" false\n", &b));
  g_assert_false (b);
  g_assert_false (am_parse_boolean ("yes please", &b));
}

static void
test_directedness (void)
{
  g_autoptr(AmGraph) graph = am_graph_new ();

  am_graph_add_subgraph (graph, "G", AM_NO_INDEX, AM_NO_INDEX, TRUE);
  am_graph_add_node (graph, "a", 0);
  /* No edges yet: the graph's edgedefault speaks. */
  g_assert_cmpstr (am_graph_get_directedness (graph), ==, "yes");
  am_graph_add_edge (graph, NULL, 0, 0, 0, FALSE);
  g_assert_cmpstr (am_graph_get_directedness (graph), ==, "no");
  g_array_set_size (graph->edges, 0);
  graph->n_directed_edges = 0;
  am_graph_add_edge (graph, NULL, 0, 0, 0, TRUE);
  g_assert_true (am_graph_is_directed (graph));
  g_assert_false (am_graph_is_mixed (graph));
  am_graph_add_edge (graph, "e1", 0, 0, 0, FALSE);
  g_assert_false (am_graph_is_directed (graph));
  g_assert_true (am_graph_is_mixed (graph));
  g_assert_cmpstr (am_graph_get_directedness (graph), ==, "mixed");
  g_assert_cmpstr (am_graph_get_edge (graph, 1)->id, ==, "e1");
}

static void
test_warnings_are_capped (void)
{
  g_autoptr(AmGraph) graph = am_graph_new ();

  for (int i = 0; i < AM_GRAPH_MAX_WARNINGS + 50; i++)
    am_graph_add_warning (graph, i, 1, "warning %d", i);

  g_assert_cmpuint (graph->n_warnings, ==, AM_GRAPH_MAX_WARNINGS + 50);
  g_assert_cmpuint (graph->warnings->len, ==, AM_GRAPH_MAX_WARNINGS);
  g_assert_cmpstr (g_array_index (graph->warnings, AmDiagnostic, 3).message, ==, "warning 3");
}

/* Most edges first, loops and dangling ends not counted, ties by index. */
static void
test_sort_by_degree (void)
{
  g_autoptr(AmGraph) graph = am_graph_new ();
  guint g = am_graph_add_subgraph (graph, "G", AM_NO_INDEX, AM_NO_INDEX, TRUE);
  guint n[5];
  g_autofree guint32 *order = NULL;
  const guint32 expected[] = { 2, 0, 1, 3, 4 };

  for (guint i = 0; i < G_N_ELEMENTS (n); i++)
    n[i] = am_graph_add_node (graph, NULL, g);

  am_graph_add_edge (graph, NULL, n[2], n[0], g, TRUE);
  am_graph_add_edge (graph, NULL, n[2], n[1], g, TRUE);
  am_graph_add_edge (graph, NULL, n[3], n[2], g, FALSE);
  am_graph_add_edge (graph, NULL, n[0], n[1], g, TRUE);
  /* Three loops on 4 outweigh nothing; a dangling end counts for none. */
  for (guint i = 0; i < 3; i++)
    am_graph_add_edge (graph, NULL, n[4], n[4], g, TRUE);
  am_graph_add_edge (graph, NULL, n[4], AM_NO_INDEX, g, TRUE);

  order = am_graph_sort_by_degree (graph);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (order[i], ==, expected[i]);
}

/* Every name reads back as its kind; titles exist where people see them. */
static void
test_vocabulary (void)
{
  for (guint k = 0; k < AM_N_NODE_KINDS; k++)
    {
      g_autofree char *shouted = g_ascii_strup (am_node_kind_to_string (k), -1);
      g_autofree char *padded = g_strdup_printf ("  %s\t", shouted);

      g_assert_cmpint (am_node_kind_from_string (am_node_kind_to_string (k)), ==, k);
      g_assert_cmpint (am_node_kind_from_string (padded), ==, k);
      g_assert_nonnull (am_node_kind_get_title (k));
    }
  for (guint k = 0; k < AM_N_EDGE_KINDS; k++)
    {
      g_assert_cmpint (am_edge_kind_from_string (am_edge_kind_to_string (k)), ==, k);
      g_assert_nonnull (am_edge_kind_get_title (k));
      g_assert_nonnull (strchr (am_edge_kind_get_menu_label (k), '_'));
    }
  for (guint s = 0; s < AM_N_STANCES; s++)
    {
      g_assert_cmpint (am_stance_from_string (am_stance_to_string (s)), ==, s);
      g_assert_true ((am_stance_get_title (s) == NULL) == (s == AM_STANCE_NONE));
    }

  g_assert_cmpint (am_node_kind_from_string ("organization"), ==, AM_NODE_KIND_ORGANISATION);
  g_assert_cmpint (am_node_kind_from_string ("persons"), ==, AM_NODE_KIND_OTHER);
  g_assert_cmpint (am_edge_kind_from_string ("talks about"), ==, AM_EDGE_KIND_OTHER);
  g_assert_cmpint (am_edge_kind_from_string (NULL), ==, AM_EDGE_KIND_OTHER);
  g_assert_cmpint (am_stance_from_string ("support"), ==, AM_STANCE_NONE);
  g_assert_cmpstr (am_edge_kind_get_title (AM_EDGE_KIND_TALKS), ==, "Talks");
  g_assert_cmpstr (am_stance_get_title (AM_STANCE_OPPOSES), ==, "Opposes");
}

/* The profile's certainty key sets how sure each edge is; the new kinds
 * of link are read by name. */
static void
test_certainty_and_kinds (void)
{
  static const char *text =
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">"
    "<key id=\"k\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>"
    "<key id=\"c\" for=\"edge\" attr.name=\"Certainty\" attr.type=\"string\"/>"
    "<graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/>"
    "<edge source=\"a\" target=\"b\"><data key=\"k\">incursion</data><data key=\"c\">suspected</data></edge>"
    "<edge source=\"a\" target=\"b\"><data key=\"k\">membership</data></edge>"
    "<edge source=\"a\" target=\"b\"><data key=\"k\">reaction</data><data key=\"c\"> Inferred </data></edge>"
    "<edge source=\"b\" target=\"a\"><data key=\"c\">reported</data></edge>"
    "<edge source=\"b\" target=\"a\"><data key=\"c\">rumoured</data></edge>"
    "</graph></graphml>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(AmGraph) graph = am_graphml_read_bytes (bytes, "certainty.graphml", &error);

  g_assert_no_error (error);
  g_assert_cmpint (am_graph_get_edge (graph, 0)->kind, ==, AM_EDGE_KIND_INCURSION);
  g_assert_cmpint (am_edge_get_certainty (am_graph_get_edge (graph, 0)), ==, AM_CERTAINTY_SUSPECTED);
  g_assert_cmpint (am_graph_get_edge (graph, 1)->kind, ==, AM_EDGE_KIND_MEMBERSHIP);
  g_assert_cmpint (am_edge_get_certainty (am_graph_get_edge (graph, 1)), ==, AM_CERTAINTY_STATED);
  g_assert_cmpint (am_graph_get_edge (graph, 2)->kind, ==, AM_EDGE_KIND_REACTION);
  g_assert_cmpint (am_edge_get_certainty (am_graph_get_edge (graph, 2)), ==, AM_CERTAINTY_INFERRED);
  g_assert_cmpint (am_edge_get_certainty (am_graph_get_edge (graph, 3)), ==, AM_CERTAINTY_REPORTED);
  g_assert_cmpint (am_edge_get_certainty (am_graph_get_edge (graph, 4)), ==, AM_CERTAINTY_STATED);
  /* The certainty bits leave the other flags alone. */
  g_assert_true (am_graph_get_edge (graph, 0)->flags & AM_EDGE_DIRECTED);

  for (guint c = 0; c < AM_N_CERTAINTIES; c++)
    {
      g_assert_cmpint (am_certainty_from_string (am_certainty_to_string (c)), ==, c);
      g_assert_true ((am_certainty_get_title (c) == NULL) == (c == AM_CERTAINTY_STATED));
    }
}

/* Every edge at each of its ends, loops once, in edge order; a shallow
 * copy of the graph, as a frame takes, sees the same. */
static void
test_node_edges (void)
{
  g_autoptr(AmGraph) graph = am_graph_new ();
  guint g = am_graph_add_subgraph (graph, "G", AM_NO_INDEX, AM_NO_INDEX, TRUE);
  guint a = am_graph_add_node (graph, "a", g);
  guint b = am_graph_add_node (graph, "b", g);
  guint c = am_graph_add_node (graph, "c", g);
  guint lonely = am_graph_add_node (graph, "d", g);
  const guint32 *edges, *offsets, *node_edges;
  AmGraph copy;
  guint n;

  am_graph_add_edge (graph, NULL, a, b, g, TRUE);     /* 0 */
  am_graph_add_edge (graph, NULL, b, c, g, TRUE);     /* 1 */
  am_graph_add_edge (graph, NULL, c, c, g, TRUE);     /* 2: a loop */
  am_graph_add_edge (graph, NULL, c, a, g, FALSE);    /* 3 */
  am_graph_add_edge (graph, NULL, a, b, g, TRUE);     /* 4: parallel */

  edges = am_graph_get_node_edges (graph, a, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (edges[0], ==, 0);
  g_assert_cmpuint (edges[1], ==, 3);
  g_assert_cmpuint (edges[2], ==, 4);

  edges = am_graph_get_node_edges (graph, c, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (edges[0], ==, 1);
  g_assert_cmpuint (edges[1], ==, 2);
  g_assert_cmpuint (edges[2], ==, 3);

  am_graph_get_node_edges (graph, lonely, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_null (am_graph_get_node_edges (graph, 99, &n));
  g_assert_cmpuint (n, ==, 0);

  copy = *graph;
  g_assert_true (am_graph_get_node_edges (&copy, b, &n) ==
                 am_graph_get_node_edges (graph, b, &n));
  g_assert_cmpuint (n, ==, 3);

  am_graph_get_incidence (graph, &offsets, &node_edges);
  g_assert_cmpuint (offsets[0], ==, 0);
  g_assert_cmpuint (offsets[am_graph_get_n_nodes (graph)], ==, 3 + 3 + 3 + 0);
  g_assert_true (node_edges + offsets[c] == am_graph_get_node_edges (graph, c, &n));

  /* A graph still being built may grow after a first look. */
  am_graph_add_edge (graph, NULL, lonely, a, g, TRUE);
  edges = am_graph_get_node_edges (graph, lonely, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (edges[0], ==, 5);
  am_graph_get_node_edges (graph, a, &n);
  g_assert_cmpuint (n, ==, 4);
}

typedef struct
{
  const AmGraph *graph;
  const guint32 *edges;
  const AmAffiliations *affiliations;
} Lookup;

static gpointer
look_up_in_thread (gpointer data)
{
  Lookup *lookup = data;
  guint n;

  lookup->edges = am_graph_get_node_edges (lookup->graph, 1, &n);
  lookup->affiliations = am_graph_get_affiliations (lookup->graph);
  return NULL;
}

/* Worked out once, whichever thread asks first, and the same after. */
static void
test_caches_shared (void)
{
  g_autoptr(AmGraph) graph = am_graph_new ();
  guint g = am_graph_add_subgraph (graph, "G", AM_NO_INDEX, AM_NO_INDEX, TRUE);
  Lookup lookups[4];
  GThread *threads[4];
  const AmAffiliations *affiliations;
  guint n;

  for (guint i = 0; i < 200; i++)
    {
      guint node = am_graph_add_node (graph, NULL, g);

      am_graph_get_node (graph, node)->affiliation = i % 3 == 0 ? am_graph_intern (graph, "Russia")
                                                   : i % 3 == 1 ? am_graph_intern (graph, "NATO")
                                                                : NULL;
      if (i > 0)
        am_graph_add_edge (graph, NULL, node, node - 1, g, TRUE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      lookups[i] = (Lookup) { graph, NULL, NULL };
      threads[i] = g_thread_new ("lookup", look_up_in_thread, &lookups[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  affiliations = am_graph_get_affiliations (graph);
  g_assert_nonnull (affiliations);
  g_assert_cmpuint (am_affiliations_get_n_items (affiliations), ==, 2);
  g_assert_cmpuint (am_affiliations_get_n_unaffiliated (affiliations), ==, 66);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_assert_true (lookups[i].affiliations == affiliations);
      g_assert_true (lookups[i].edges == am_graph_get_node_edges (graph, 1, &n));
    }
  g_assert_cmpuint (n, ==, 2);
}

/* Bytes of address space mapped, from /proc/self/maps; 0 where there is
 * none. */
static guint64
mapped_bytes (void)
{
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;
  guint64 total = 0;

  if (!g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL))
    return 0;

  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 start, end;
      char *dash;

      start = g_ascii_strtoull (lines[i], &dash, 16);
      if (*dash != '-')
        continue;
      end = g_ascii_strtoull (dash + 1, NULL, 16);
      total += end - start;
    }

  return total;
}

/* Big arrays of sizes that are no multiple of a page, grown and freed
 * again and again, give all their memory back. */
static void
test_big_arrays_are_given_back (void)
{
  guint64 before;

  if (mapped_bytes () == 0)
    {
      g_test_skip ("no /proc/self/maps");
      return;
    }

  for (guint round = 0; round < 2; round++)
    {
      before = mapped_bytes ();
      for (guint i = 0; i < 32; i++)
        {
          gsize size = 5 * 1024 * 1024 + 4096 * i + 123;
          char *memory = am_memory_grow (NULL, 0, size / 2);

          memory = am_memory_grow (memory, size / 2, size);
          g_assert_cmpint (memory[size - 1], ==, 0);
          memory[size - 1] = 1;
          am_memory_free (memory, size);
        }
    }

  /* The allocator may keep an array's worth for later, not one per
   * array: the first round lets it settle. */
  g_assert_cmpuint (mapped_bytes (), <=, before + 8 * 1024 * 1024);
}

/* Sets node @node's value of @key, the string stored as the reader does. */
static void
set_node_value (AmGraph    *graph,
                guint       key,
                guint       node,
                const char *value)
{
  am_graph_set_value (graph, key, node, am_graph_store (graph, value, -1));
}

/* What Gephi and networkx write: x and y (y upwards), size, and r, g, b
 * channels, each taken only when sane. */
static void
test_profile_positions_sizes_colours (void)
{
  static const struct
  {
    const char *x, *y, *size, *r, *g, *b;
  } rows[] = {
    { "10", "20", "30", "255", "128", "0" },
    { "1e10", "0", "5000", "300", "12.7", "-4" },
    { "5", "nan", "0", "1", "2", NULL },
    { NULL, "7", "2e6", "0", "0", "0" },
    { "-3.5", "-1.25", "-8", "16", "32", "48" },
  };
  g_autoptr(AmGraph) graph = am_graph_new ();
  guint keys[6];
  const AmNode *node;

  am_graph_add_subgraph (graph, "G", AM_NO_INDEX, AM_NO_INDEX, FALSE);
  keys[0] = am_graph_add_key (graph, "d0", "x", AM_DOMAIN_NODE, AM_ATTR_DOUBLE);
  keys[1] = am_graph_add_key (graph, "d1", "y", AM_DOMAIN_NODE, AM_ATTR_DOUBLE);
  keys[2] = am_graph_add_key (graph, "d2", "size", AM_DOMAIN_NODE, AM_ATTR_DOUBLE);
  keys[3] = am_graph_add_key (graph, "d3", "r", AM_DOMAIN_NODE, AM_ATTR_INT);
  keys[4] = am_graph_add_key (graph, "d4", "g", AM_DOMAIN_NODE, AM_ATTR_INT);
  keys[5] = am_graph_add_key (graph, "d5", "b", AM_DOMAIN_NODE, AM_ATTR_INT);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *values[6] = { rows[i].x, rows[i].y, rows[i].size, rows[i].r, rows[i].g, rows[i].b };
      guint n = am_graph_add_node (graph, NULL, 0);

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        if (values[k] != NULL)
          set_node_value (graph, keys[k], n, values[k]);
    }
  am_graph_resolve_profile (graph);

  /* All sane: y turns to grow downwards, the colour is opaque. */
  node = am_graph_get_node (graph, 0);
  g_assert_true (node->flags & AM_NODE_HAS_POSITION);
  g_assert_cmpfloat (node->x, ==, 10);
  g_assert_cmpfloat (node->y, ==, -20);
  g_assert_true (node->flags & AM_NODE_HAS_SIZE);
  g_assert_cmpfloat (node->width, ==, 30);
  g_assert_cmpfloat (node->height, ==, 30);
  g_assert_true (node->flags & AM_NODE_HAS_FILL);
  g_assert_cmphex (node->fill, ==, 0xff8000ff);

  /* A position far out is none; a large size is kept; channels are
   * clamped to 0..255 and fractions cut. */
  node = am_graph_get_node (graph, 1);
  g_assert_false (node->flags & AM_NODE_HAS_POSITION);
  g_assert_true (node->flags & AM_NODE_HAS_SIZE);
  g_assert_cmpfloat (node->width, ==, 5000);
  g_assert_true (node->flags & AM_NODE_HAS_FILL);
  g_assert_cmphex (node->fill, ==, 0xff0c00ff);

  /* NaN is no position, zero no size, two channels no colour. */
  node = am_graph_get_node (graph, 2);
  g_assert_false (node->flags & AM_NODE_HAS_POSITION);
  g_assert_false (node->flags & AM_NODE_HAS_SIZE);
  g_assert_false (node->flags & AM_NODE_HAS_FILL);

  /* Half a position is none; a size of a million or more is nonsense;
   * black is a colour. */
  node = am_graph_get_node (graph, 3);
  g_assert_false (node->flags & AM_NODE_HAS_POSITION);
  g_assert_false (node->flags & AM_NODE_HAS_SIZE);
  g_assert_true (node->flags & AM_NODE_HAS_FILL);
  g_assert_cmphex (node->fill, ==, 0x000000ff);

  /* Negative coordinates are fine, a negative size is not; the
   * channels keep their order. */
  node = am_graph_get_node (graph, 4);
  g_assert_true (node->flags & AM_NODE_HAS_POSITION);
  g_assert_cmpfloat (node->x, ==, -3.5);
  g_assert_cmpfloat (node->y, ==, 1.25);
  g_assert_false (node->flags & AM_NODE_HAS_SIZE);
  g_assert_cmphex (node->fill, ==, 0x102030ff);
}

static void
count_notify (guint *n_notified)
{
  (*n_notified)++;
}

/* Selection and hover take only nodes of the graph; an index one past
 * the end is none. */
static void
test_document_selection_bounds (void)
{
  AmGraph *graph = am_graph_new ();
  g_autoptr(AmMapDocument) document = NULL;
  guint n_notified = 0;

  am_graph_add_subgraph (graph, "G", AM_NO_INDEX, AM_NO_INDEX, FALSE);
  for (guint i = 0; i < 3; i++)
    am_graph_add_node (graph, NULL, 0);
  document = am_map_document_new (graph, NULL);
  g_signal_connect_swapped (document, "notify::selected-node", G_CALLBACK (count_notify),
                            &n_notified);

  g_assert_cmpuint (am_map_document_get_selected_node (document), ==, AM_NO_INDEX);
  am_map_document_set_selected_node (document, 2);
  g_assert_cmpuint (am_map_document_get_selected_node (document), ==, 2);
  g_assert_cmpuint (n_notified, ==, 1);
  am_map_document_set_selected_node (document, 2);
  g_assert_cmpuint (n_notified, ==, 1);

  am_map_document_set_selected_node (document, 3);
  g_assert_cmpuint (am_map_document_get_selected_node (document), ==, AM_NO_INDEX);
  g_assert_cmpuint (n_notified, ==, 2);
  am_map_document_set_selected_node (document, G_MAXUINT32 - 1);
  g_assert_cmpuint (am_map_document_get_selected_node (document), ==, AM_NO_INDEX);
  g_assert_cmpuint (n_notified, ==, 2);

  am_map_document_set_hover_node (document, 0);
  g_assert_cmpuint (am_map_document_get_hover_node (document), ==, 0);
  am_map_document_set_hover_node (document, 3);
  g_assert_cmpuint (am_map_document_get_hover_node (document), ==, AM_NO_INDEX);
  am_map_document_set_lens_issue (document, 3);
  g_assert_cmpuint (am_map_document_get_lens_issue (document), ==, AM_NO_INDEX);
}

/* Actors are listed by label, people first on a map with kinds, issues
 * left out; equal labels keep file order. */
static void
test_document_actor_order (void)
{
  static const struct { const char *label, *kind; } nodes[] = {
    { "Zoe", "person" }, { "Truce", "issue" }, { "Anna", "government" },
    { "Mark", "person" }, { "Mark", "person" }, { "Anna", "person" },
  };
  AmGraph *graph = am_graph_new ();
  g_autoptr(AmMapDocument) document = NULL;
  const guint32 *order;
  guint label_key, kind_key, n_actors = 0;

  am_graph_add_subgraph (graph, "G", AM_NO_INDEX, AM_NO_INDEX, FALSE);
  label_key = am_graph_add_key (graph, "l", "label", AM_DOMAIN_NODE, AM_ATTR_STRING);
  kind_key = am_graph_add_key (graph, "k", "kind", AM_DOMAIN_NODE, AM_ATTR_STRING);
  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      guint n = am_graph_add_node (graph, NULL, 0);

      set_node_value (graph, label_key, n, nodes[i].label);
      set_node_value (graph, kind_key, n, nodes[i].kind);
    }
  am_graph_resolve_profile (graph);
  document = am_map_document_new (graph, NULL);

  order = am_map_document_get_actor_order (document, &n_actors);
  g_assert_cmpuint (n_actors, ==, 5);
  g_assert_cmpuint (order[0], ==, 5);   /* Anna, a person */
  g_assert_cmpuint (order[1], ==, 3);   /* Mark, the first */
  g_assert_cmpuint (order[2], ==, 4);   /* Mark, the second */
  g_assert_cmpuint (order[3], ==, 0);   /* Zoe */
  g_assert_cmpuint (order[4], ==, 2);   /* Anna, a government */
}

/* Past the palette's twelve colours, affiliations take shades of their
 * own: fourteen of them, fourteen colours, in both styles. */
static void
test_affiliation_colours_distinct (void)
{
  g_autoptr(AmGraph) graph = am_graph_new ();
  guint g = am_graph_add_subgraph (graph, "G", AM_NO_INDEX, AM_NO_INDEX, TRUE);
  const char *names[] = { "Ukraine", "Russia", "United States", "France", "European Union",
                          "United Kingdom", "Europe", "NATO", "Romania", "Moldova",
                          "Coalition", "Partners", "United Arab Emirates", "Turkey" };
  AmAffiliations *affiliations;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      guint node = am_graph_add_node (graph, names[i], g);

      am_graph_get_node (graph, node)->affiliation = am_graph_intern (graph, names[i]);
    }
  affiliations = am_affiliations_new (graph);
  g_assert_cmpuint (am_affiliations_get_n_items (affiliations), ==, G_N_ELEMENTS (names));

  for (guint dark = 0; dark < 2; dark++)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      for (guint j = i + 1; j < G_N_ELEMENTS (names); j++)
        {
          AmColour a = am_affiliations_get_colour (affiliations, am_style_get (dark), i);
          AmColour b = am_affiliations_get_colour (affiliations, am_style_get (dark), j);

          if (am_colour_equal (&a, &b))
            g_error ("%s and %s share a colour", names[i], names[j]);
        }

  am_affiliations_free (affiliations);
}

/* The facets a legend lists, kept by the graph: with and without the
 * edges at an issue, and looked at again once edges are added or their
 * kinds read anew. */
static void
test_edge_facets (void)
{
  g_autoptr(AmGraph) graph = am_graph_new ();
  guint g = am_graph_add_subgraph (graph, "G", AM_NO_INDEX, AM_NO_INDEX, TRUE);
  guint person = am_graph_add_node (graph, "p", g);
  guint other = am_graph_add_node (graph, "q", g);
  guint issue = am_graph_add_node (graph, "i", g);
  AmEdgeFacets all, shown;
  AmEdge *edge;

  am_graph_get_node (graph, person)->kind = AM_NODE_KIND_PERSON;
  am_graph_get_node (graph, other)->kind = AM_NODE_KIND_PERSON;
  am_graph_get_node (graph, issue)->kind = AM_NODE_KIND_ISSUE;

  edge = am_graph_get_edge (graph, am_graph_add_edge (graph, NULL, person, issue, g, TRUE));
  edge->kind = AM_EDGE_KIND_STATEMENT;
  edge->stance = AM_STANCE_OPPOSES;
  edge->flags |= AM_CERTAINTY_SUSPECTED << AM_EDGE_CERTAINTY_SHIFT;
  edge = am_graph_get_edge (graph, am_graph_add_edge (graph, NULL, person, other, g, TRUE));
  edge->kind = AM_EDGE_KIND_TALKS;
  /* An end that is no node hides nothing. */
  edge = am_graph_get_edge (graph, am_graph_add_edge (graph, NULL, issue, 99, g, TRUE));
  edge->kind = AM_EDGE_KIND_WARNING;

  am_graph_get_edge_facets (graph, FALSE, &all);
  am_graph_get_edge_facets (graph, TRUE, &shown);
  g_assert_cmphex (all.kinds, ==, (1u << AM_EDGE_KIND_STATEMENT) | (1u << AM_EDGE_KIND_TALKS) |
                                  (1u << AM_EDGE_KIND_WARNING));
  g_assert_cmphex (all.stances, ==, 1u << AM_STANCE_OPPOSES);
  g_assert_cmphex (all.certainties[AM_EDGE_KIND_STATEMENT], ==, 1u << AM_CERTAINTY_SUSPECTED);
  g_assert_cmphex (all.certainties[AM_EDGE_KIND_TALKS], ==, 1u << AM_CERTAINTY_STATED);
  g_assert_cmphex (shown.kinds, ==, (1u << AM_EDGE_KIND_TALKS) | (1u << AM_EDGE_KIND_WARNING));
  g_assert_cmphex (shown.stances, ==, 0);
  g_assert_cmphex (shown.certainties[AM_EDGE_KIND_STATEMENT], ==, 0);

  /* A graph that grows is looked at again. */
  edge = am_graph_get_edge (graph, am_graph_add_edge (graph, NULL, other, person, g, TRUE));
  edge->kind = AM_EDGE_KIND_STATEMENT;
  edge->stance = AM_STANCE_SUPPORTS;
  am_graph_get_edge_facets (graph, TRUE, &shown);
  g_assert_cmphex (shown.stances, ==, 1u << AM_STANCE_SUPPORTS);

  /* Without an issue, no edge is left out. */
  am_graph_get_node (graph, issue)->kind = AM_NODE_KIND_PERSON;
  am_graph_resolve_profile (graph);
  am_graph_get_edge_facets (graph, FALSE, &all);
  am_graph_get_edge_facets (graph, TRUE, &shown);
  g_assert_cmpmem (&shown, sizeof shown, &all, sizeof all);
  g_assert_cmphex (shown.stances, ==, (1u << AM_STANCE_OPPOSES) | (1u << AM_STANCE_SUPPORTS));
  am_graph_get_node (graph, issue)->kind = AM_NODE_KIND_ISSUE;

  /* So is one whose profile is read again, which may change kinds. */
  am_graph_get_edge (graph, 1)->kind = AM_EDGE_KIND_ATTACK;
  am_graph_resolve_profile (graph);
  am_graph_get_edge_facets (graph, FALSE, &all);
  g_assert_cmphex (all.kinds, ==, (1u << AM_EDGE_KIND_STATEMENT) | (1u << AM_EDGE_KIND_ATTACK) |
                                  (1u << AM_EDGE_KIND_WARNING));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/graph/nodes-ids", test_nodes_and_ids);
  g_test_add_func ("/graph/sort-by-degree", test_sort_by_degree);
  g_test_add_func ("/graph/values-defaults", test_values_and_defaults);
  g_test_add_func ("/graph/store", test_store_long_strings);
  g_test_add_func ("/graph/typed-parsing", test_typed_parsing);
  g_test_add_func ("/graph/directedness", test_directedness);
  g_test_add_func ("/graph/warnings-capped", test_warnings_are_capped);
  g_test_add_func ("/graph/vocabulary", test_vocabulary);
  g_test_add_func ("/graph/affiliation-colours", test_affiliation_colours_distinct);
  g_test_add_func ("/graph/certainty-and-kinds", test_certainty_and_kinds);
  g_test_add_func ("/graph/node-edges", test_node_edges);
  g_test_add_func ("/graph/caches-shared", test_caches_shared);
  g_test_add_func ("/graph/big-arrays-given-back", test_big_arrays_are_given_back);
  g_test_add_func ("/graph/profile-positions-sizes-colours", test_profile_positions_sizes_colours);
  g_test_add_func ("/map-document/selection-bounds", test_document_selection_bounds);
  g_test_add_func ("/map-document/actor-order", test_document_actor_order);
  g_test_add_func ("/graph/edge-facets", test_edge_facets);

  return g_test_run ();
}

/* test-render.c: drawing, through Cairo and as SVG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "render-test-util.h"

static void
test_svg_structure (void)
{
  g_autoptr(AmGraph) graph = new_sample_graph ();
  g_autofree char *svg = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) edges = NULL;
  g_autoptr(GHashTable) ids = NULL;
  AmRenderOptions options;
  xmlDoc *doc;
  xmlNode *group, *root;
  g_autofree char *title = NULL;
  g_autofree char *css_class = NULL;

  fit_options (&options, graph, 600, 400);
  svg = render_svg (graph, &options);
  doc = parse_svg (svg);

  root = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");
  g_assert_cmpstr ((const char *) root->ns->href, ==, "http://www.w3.org/2000/svg");

  nodes = find_groups (doc, "node ");
  edges = find_groups (doc, "edge ");
  g_assert_cmpuint (nodes->len, ==, 4);
  g_assert_cmpuint (edges->len, ==, 4);

  group = find_group_by_id (doc, "node-a");
  g_assert_nonnull (group);
  css_class = get_attribute (group, "class");
  g_assert_cmpstr (css_class, ==, "node person");
  title = group_title (group);
  g_assert_cmpstr (title, ==, "Alice");
  g_clear_pointer (&css_class, g_free);
  g_clear_pointer (&title, g_free);

  group = find_group_by_id (doc, "node-b");
  g_assert_nonnull (group);
  css_class = get_attribute (group, "class");
  g_assert_cmpstr (css_class, ==, "node government");
  g_clear_pointer (&css_class, g_free);

  group = find_group_by_id (doc, "edge-e3");
  g_assert_nonnull (group);
  css_class = get_attribute (group, "class");
  g_assert_cmpstr (css_class, ==, "edge statement opposes");
  title = group_title (group);
  g_assert_true (g_str_has_prefix (title, "Bob → Peace plan: statement"));

  /* Every label is real text, once. */
  g_assert_cmpuint (count_texts (doc, "Alice"), ==, 1);
  g_assert_cmpuint (count_texts (doc, "Bob"), ==, 1);
  g_assert_cmpuint (count_texts (doc, "Carol"), ==, 1);
  g_assert_cmpuint (count_texts (doc, "Peace plan"), ==, 1);

  ids = check_ids (doc);
  g_assert_cmpuint (g_hash_table_size (ids), >=, 8);

  xmlFreeDoc (doc);
}

static void
test_svg_quote_in_title (void)
{
  g_autoptr(AmGraph) graph = new_sample_graph ();
  g_autofree char *svg = NULL;
  g_autofree char *title = NULL;
  AmRenderOptions options;
  guint quote_key, summary_key;
  xmlDoc *doc;

  quote_key = am_graph_add_key (graph, "q", "quote", AM_DOMAIN_EDGE, AM_ATTR_STRING);
  summary_key = am_graph_add_key (graph, "s", "summary", AM_DOMAIN_EDGE, AM_ATTR_STRING);
  graph->profile.edge_quote = (int) quote_key;
  graph->profile.edge_summary = (int) summary_key;
  am_graph_set_value (graph, quote_key, 1, "We will <never> give up & stand");
  am_graph_set_value (graph, summary_key, 2, "Said the plan was a trap");

  fit_options (&options, graph, 600, 400);
  svg = render_svg (graph, &options);
  doc = parse_svg (svg);

  title = group_title (find_group_by_id (doc, "edge-e2"));
  g_assert_cmpstr (title, ==, "Alice → Peace plan: statement (supports)\n"
                              "“We will <never> give up & stand”");
  g_clear_pointer (&title, g_free);

  title = group_title (find_group_by_id (doc, "edge-e3"));
  g_assert_cmpstr (title, ==, "Bob → Peace plan: statement (opposes)\nSaid the plan was a trap");

  xmlFreeDoc (doc);
}

/* The SVG titles and the map's tooltips take their words from the same
 * parts: the tooltip adds markup, the title puts them in one line. */
static void
test_edge_description (void)
{
  g_autoptr(AmGraph) graph = new_sample_graph ();
  g_autoptr(GString) text = g_string_new (NULL);
  AmEdgeDescription description;
  guint quote_key, summary_key, label_key, other;

  quote_key = am_graph_add_key (graph, "q", "quote", AM_DOMAIN_EDGE, AM_ATTR_STRING);
  summary_key = am_graph_add_key (graph, "s", "summary", AM_DOMAIN_EDGE, AM_ATTR_STRING);
  label_key = am_graph_add_key (graph, "l", "label", AM_DOMAIN_EDGE, AM_ATTR_STRING);
  graph->profile.edge_quote = (int) quote_key;
  graph->profile.edge_summary = (int) summary_key;
  graph->profile.edge_label = (int) label_key;
  am_graph_set_value (graph, quote_key, 1, "Now");
  am_graph_set_value (graph, summary_key, 1, "Left out for the quote");
  am_graph_set_value (graph, summary_key, 2, "");
  other = add_edge (graph, "e5", 2, 0, AM_EDGE_KIND_OTHER, AM_STANCE_NONE);
  am_graph_set_value (graph, label_key, other, "cousins");

  am_description_edge (graph, 1, &description);
  g_assert_cmpstr (description.source, ==, "Alice");
  g_assert_cmpstr (description.target, ==, "Peace plan");
  g_assert_cmpstr (description.kind, ==, "statement");
  g_assert_cmpstr (description.stance, ==, "supports");
  g_assert_null (description.label);
  g_assert_cmpstr (description.quote, ==, "Now");
  g_assert_null (description.summary);
  am_description_append_edge (&description, text);
  g_assert_cmpstr (text->str, ==, "Alice → Peace plan: statement (supports)\n“Now”");

  /* Empty values are no values. */
  am_description_edge (graph, 2, &description);
  g_assert_null (description.quote);
  g_assert_null (description.summary);

  /* A kind not our own is named by what the file calls the edge. */
  am_description_edge (graph, other, &description);
  g_assert_cmpstr (description.kind, ==, "cousins");
  g_assert_cmpstr (description.label, ==, "cousins");
  g_assert_null (description.stance);
  g_string_truncate (text, 0);
  am_description_append_edge (&description, text);
  g_assert_cmpstr (text->str, ==, "Carol → Alice: cousins");
}

static void
test_svg_escaping (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  g_autofree char *svg = NULL;
  AmRenderOptions options;
  xmlDoc *doc;

  add_node (graph, "q", "<&>\"' tags & \"quotes\"", AM_NODE_KIND_PERSON, "A & B", 0, 0);
  add_node (graph, "z", "Зеленський", AM_NODE_KIND_PERSON, "Україна", 150, 0);
  add_node (graph, "ctl", "bell\x07here\x1b", AM_NODE_KIND_OTHER, NULL, 0, 150);
  add_node (graph, "bad", "bad \xff\xfe utf8", AM_NODE_KIND_OTHER, NULL, 150, 150);
  add_edge (graph, "e<1>", 0, 1, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);

  am_render_options_init (&options);
  options.draw_legend = TRUE;
  am_render_options_fit (&options, graph, 700, 500);
  svg = render_svg (graph, &options);
  doc = parse_svg (svg);

  g_assert_true (has_text (doc, "<&>\"' tags & \"quotes\""));
  g_assert_true (has_text (doc, "Зеленський"));
  /* Characters XML 1.0 cannot hold are left out, not written as
   * references that a parser rejects. */
  g_assert_true (has_text (doc, "bellhere"));
  g_assert_null (strstr (svg, "&#x7;"));
  g_assert_null (strstr (svg, "&#7;"));
  g_assert_true (has_text (doc, "bad \xef\xbf\xbd\xef\xbf\xbd utf8"));
  /* The legend names the affiliations, escaped too. */
  g_assert_true (has_text (doc, "A & B"));
  g_assert_true (has_text (doc, "Україна"));

  g_assert_nonnull (find_group_by_id (doc, "node-q"));
  g_assert_nonnull (find_group_by_id (doc, "node-z"));
  {
    g_autofree char *title = group_title (find_group_by_id (doc, "node-z"));

    g_assert_cmpstr (title, ==, "Зеленський");
  }
  g_hash_table_unref (check_ids (doc));

  xmlFreeDoc (doc);
}

static void
test_svg_unique_ids (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  const char *ids[] = { "a b", "a_b", "a:b", "1st", "", "x\"y", "node-a_b", "a b" };
  g_autofree char *svg = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) edges = NULL;
  g_autoptr(GHashTable) found = NULL;
  AmRenderOptions options;
  xmlDoc *doc;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    add_node (graph, ids[i], ids[i], AM_NODE_KIND_PERSON, NULL, i * 60.0, (i % 2) * 60.0);
  am_graph_add_node (graph, NULL, 0);
  am_graph_get_node (graph, G_N_ELEMENTS (ids))->x = 0;
  am_graph_get_node (graph, G_N_ELEMENTS (ids))->y = 300;
  am_graph_get_node (graph, G_N_ELEMENTS (ids))->label = "";
  /* Edges without ids, and an edge id that looks like an index. */
  add_edge (graph, NULL, 0, 1, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  add_edge (graph, "1", 1, 2, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  add_edge (graph, NULL, 2, 3, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);

  fit_options (&options, graph, 800, 600);
  svg = render_svg (graph, &options);
  doc = parse_svg (svg);

  nodes = find_groups (doc, "node ");
  edges = find_groups (doc, "edge ");
  g_assert_cmpuint (nodes->len, ==, G_N_ELEMENTS (ids) + 1);
  g_assert_cmpuint (edges->len, ==, 3);

  /* Valid (checked inside) and unique. */
  found = check_ids (doc);
  for (guint i = 0; i < nodes->len; i++)
    {
      g_autofree char *id = get_attribute (nodes->pdata[i], "id");

      g_assert_nonnull (id);
      g_assert_true (g_hash_table_contains (found, id));
    }

  xmlFreeDoc (doc);
}

static gboolean
contains_non_finite (const char *svg)
{
  g_autofree char *lower = g_ascii_strdown (svg, -1);

  return strstr (lower, "nan") != NULL || strstr (lower, "inf") != NULL;
}

static void
test_svg_non_finite (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  g_autofree char *svg = NULL;
  g_autofree char *svg_scaled = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) edges = NULL;
  AmRenderOptions options;
  guint ok1, ok2, nan1, inf1, inf2, huge;
  xmlDoc *doc;

  ok1 = add_node (graph, "ok1", "Ok one", AM_NODE_KIND_PERSON, NULL, 0, 0);
  ok2 = add_node (graph, "ok2", "Ok two", AM_NODE_KIND_PERSON, NULL, 100, 50);
  nan1 = add_node (graph, "nan1", "Nowhere", AM_NODE_KIND_PERSON, NULL, NAN, 10);
  inf1 = add_node (graph, "inf1", "Far", AM_NODE_KIND_PERSON, NULL, INFINITY, 0);
  inf2 = add_node (graph, "inf2", "Far too", AM_NODE_KIND_PERSON, NULL, 0, -INFINITY);
  huge = add_node (graph, "huge", "Huge", AM_NODE_KIND_PERSON, NULL, 1e300, 1e300);
  add_edge (graph, NULL, ok1, ok2, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  add_edge (graph, NULL, ok1, nan1, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  add_edge (graph, NULL, inf1, ok2, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  add_edge (graph, NULL, inf2, inf2, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  add_edge (graph, NULL, ok2, huge, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  add_edge (graph, NULL, huge, ok1, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  /* An edge whose node index is out of range must be skipped too. */
  add_edge (graph, NULL, ok1, 999, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);

  fit_options (&options, graph, 600, 400);
  g_assert_true (isfinite (options.transform.scale));
  g_assert_true (isfinite (options.transform.offset_x));
  g_assert_true (isfinite (options.transform.offset_y));
  svg = render_svg (graph, &options);
  g_assert_false (contains_non_finite (svg));

  doc = parse_svg (svg);
  nodes = find_groups (doc, "node ");
  edges = find_groups (doc, "edge ");
  /* Nodes without a finite position are not drawn, nor are their edges,
   * and one a googol away counts as having none. */
  g_assert_null (find_group_by_id (doc, "node-huge"));
  g_assert_null (find_group_by_id (doc, "node-nan1"));
  g_assert_null (find_group_by_id (doc, "node-inf1"));
  g_assert_null (find_group_by_id (doc, "node-inf2"));
  g_assert_nonnull (find_group_by_id (doc, "node-ok1"));
  g_assert_nonnull (find_group_by_id (doc, "node-ok2"));
  g_assert_cmpuint (edges->len, ==, 1);
  xmlFreeDoc (doc);

  /* A transform that is itself extreme. */
  am_render_options_init (&options);
  options.transform.scale = 1e200;
  options.transform.offset_x = -1e250;
  svg_scaled = render_svg (graph, &options);
  g_assert_false (contains_non_finite (svg_scaled));
  xmlFreeDoc (parse_svg (svg_scaled));
}

static void
test_svg_numbers_locale (void)
{
  const char *locales[] = { "de_DE.UTF-8", "fr_FR.UTF-8", "ru_RU.UTF-8", "uk_UA.UTF-8" };
  g_autoptr(AmGraph) graph = new_sample_graph ();
  g_autofree char *old = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *svg = NULL;
  const char *found = NULL;
  AmRenderOptions options;

  for (guint i = 0; i < G_N_ELEMENTS (locales) && found == NULL; i++)
    found = setlocale (LC_NUMERIC, locales[i]);

  if (found == NULL)
    {
      am_test_skip_unless_ci ("no locale with a decimal comma is installed");
      return;
    }

  fit_options (&options, graph, 600.5, 400.25);
  options.transform.offset_x += 0.333;
  svg = render_svg (graph, &options);
  setlocale (LC_NUMERIC, old);

  g_assert_nonnull (strstr (svg, "viewBox=\"0 0 600.5 400.25\""));
  g_assert_true (g_regex_match_simple ("d=\"M[0-9-]+\\.[0-9]", svg, 0, 0));
  g_assert_false (g_regex_match_simple ("=\"[^\"]*[0-9],[0-9]{2}[ \"]", svg, 0, 0));
}

/* Path data of the first <path> in a group. */
static char *
first_path (xmlNode *group)
{
  for (xmlNode *child = group->children; child != NULL; child = child->next)
    if (is_element (child, "path"))
      return get_attribute (child, "d");

  return NULL;
}

static void
test_svg_parallel_edges (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  g_autofree char *svg = NULL;
  g_autofree char *d1 = NULL, *d2 = NULL, *d3 = NULL, *loop = NULL, *single = NULL;
  AmRenderOptions options;
  guint a, b, c;
  xmlDoc *doc;

  a = add_node (graph, "a", "A", AM_NODE_KIND_PERSON, NULL, 0, 0);
  b = add_node (graph, "b", "B", AM_NODE_KIND_PERSON, NULL, 300, 0);
  c = add_node (graph, "c", "C", AM_NODE_KIND_PERSON, NULL, 150, 250);
  add_edge (graph, "ab1", a, b, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  add_edge (graph, "ab2", a, b, AM_EDGE_KIND_MEETING, AM_STANCE_NONE);
  add_edge (graph, "ba", b, a, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  add_edge (graph, "loop", c, c, AM_EDGE_KIND_STATEMENT, AM_STANCE_NEUTRAL);
  add_edge (graph, "single", a, c, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);

  fit_options (&options, graph, 800, 600);
  svg = render_svg (graph, &options);
  doc = parse_svg (svg);

  d1 = first_path (find_group_by_id (doc, "edge-ab1"));
  d2 = first_path (find_group_by_id (doc, "edge-ab2"));
  d3 = first_path (find_group_by_id (doc, "edge-ba"));
  loop = first_path (find_group_by_id (doc, "edge-loop"));
  single = first_path (find_group_by_id (doc, "edge-single"));
  g_assert_nonnull (d1);
  g_assert_nonnull (d2);
  g_assert_nonnull (d3);
  g_assert_nonnull (loop);
  g_assert_nonnull (single);

  g_assert_cmpstr (d1, !=, d2);
  g_assert_cmpstr (d2, !=, d3);
  g_assert_cmpstr (d1, !=, d3);
  /* Two of three bow out; the middle one may be straight. */
  g_assert_cmpuint ((strchr (d1, 'C') != NULL) + (strchr (d2, 'C') != NULL) +
                    (strchr (d3, 'C') != NULL), >=, 2);
  /* A lone edge is straight, a loop is a curve. */
  g_assert_null (strchr (single, 'C'));
  g_assert_nonnull (strchr (loop, 'C'));

  xmlFreeDoc (doc);
}

/* Two parallel edges between two like nodes bow out evenly: each curve's
 * middle is as far from one node as from the other, whatever the slant. */
static void
test_svg_parallel_edges_even (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  g_autofree char *svg = NULL;
  AmRenderOptions options;
  guint a, b;
  xmlDoc *doc;

  a = add_node (graph, "a", "A", AM_NODE_KIND_PERSON, NULL, 0, 0);
  b = add_node (graph, "b", "B", AM_NODE_KIND_PERSON, NULL, 300, 200);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *id = g_strdup_printf ("ab%u", i);
      guint edge = add_edge (graph, id, a, b, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);

      am_graph_get_edge (graph, edge)->flags &= ~AM_EDGE_DIRECTED;
    }

  fit_options (&options, graph, 800, 600);
  svg = render_svg (graph, &options);
  doc = parse_svg (svg);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *id = g_strdup_printf ("edge-ab%u", i);
      g_autofree char *d = first_path (find_group_by_id (doc, id));
      double p[8], mx, my, ax, ay, bx, by;

      g_assert_nonnull (d);
      g_assert_cmpint (sscanf (d, "M %lf %lf C %lf %lf %lf %lf %lf %lf",
                               &p[0], &p[1], &p[2], &p[3], &p[4], &p[5], &p[6], &p[7]), ==, 8);
      mx = (p[0] + 3 * p[2] + 3 * p[4] + p[6]) / 8;
      my = (p[1] + 3 * p[3] + 3 * p[5] + p[7]) / 8;
      ax = options.transform.offset_x;
      ay = options.transform.offset_y;
      bx = 300 * options.transform.scale + options.transform.offset_x;
      by = 200 * options.transform.scale + options.transform.offset_y;

      /* Bowed out, and evenly. */
      g_assert_cmpfloat (fabs ((mx - ax) * (by - ay) - (my - ay) * (bx - ax)), >,
                         5 * hypot (bx - ax, by - ay));
      g_assert_cmpfloat_with_epsilon (hypot (mx - ax, my - ay), hypot (mx - bx, my - by), 0.1);
    }

  xmlFreeDoc (doc);
}

static void
test_svg_label_level_of_detail (void)
{
  g_autoptr(AmGraph) graph = new_sample_graph ();
  g_autofree char *svg = NULL;
  AmRenderOptions options;
  xmlDoc *doc;

  /* Nodes of about a pixel: no labels. */
  am_render_options_init (&options);
  options.transform.scale = 0.05;
  options.transform.offset_x = 10;
  options.transform.offset_y = 10;
  options.width = 40;
  options.height = 40;
  svg = render_svg (graph, &options);
  doc = parse_svg (svg);
  g_assert_false (has_text (doc, "Alice"));
  g_assert_nonnull (find_group_by_id (doc, "node-a"));
  xmlFreeDoc (doc);
}

static void
test_svg_culling (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  g_autofree char *svg = NULL;
  AmRenderOptions options;
  guint a, b, far;
  xmlDoc *doc;

  a = add_node (graph, "a", "Here", AM_NODE_KIND_PERSON, NULL, 0, 0);
  b = add_node (graph, "b", "Also here", AM_NODE_KIND_PERSON, NULL, 50, 0);
  far = add_node (graph, "far", "Far away", AM_NODE_KIND_PERSON, NULL, 5000, 5000);
  add_edge (graph, "near", a, b, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  add_edge (graph, "out", far, far, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  add_edge (graph, "across", a, far, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);

  am_render_options_init (&options);
  options.transform.offset_x = 100;
  options.transform.offset_y = 100;
  options.width = 300;
  options.height = 200;
  svg = render_svg (graph, &options);
  doc = parse_svg (svg);

  g_assert_nonnull (find_group_by_id (doc, "node-a"));
  g_assert_nonnull (find_group_by_id (doc, "node-b"));
  g_assert_null (find_group_by_id (doc, "node-far"));
  g_assert_nonnull (find_group_by_id (doc, "edge-near"));
  g_assert_null (find_group_by_id (doc, "edge-out"));
  /* It starts in view, so it is drawn, though its other end is not. */
  g_assert_nonnull (find_group_by_id (doc, "edge-across"));

  xmlFreeDoc (doc);
}

static void
test_svg_hidden_kinds_and_legend (void)
{
  g_autoptr(AmGraph) graph = new_sample_graph ();
  g_autofree char *svg = NULL;
  g_autoptr(GPtrArray) edges = NULL;
  AmRenderOptions options;
  double width, height;
  xmlDoc *doc;

  am_render_options_init (&options);
  options.draw_legend = TRUE;
  options.hidden_edge_kinds = 1u << AM_EDGE_KIND_STATEMENT;
  am_render_options_fit (&options, graph, 900, 600);

  am_render_get_legend_size (graph, &options, &width, &height);
  g_assert_cmpfloat (width, >, 40);
  g_assert_cmpfloat (height, >, 40);
  g_assert_cmpfloat (width, <, 300);

  svg = render_svg (graph, &options);
  doc = parse_svg (svg);
  edges = find_groups (doc, "edge ");
  g_assert_cmpuint (edges->len, ==, 1);
  g_assert_nonnull (find_group_by_id (doc, "edge-e1"));

  g_assert_nonnull (find_group_by_id (doc, "legend"));
  g_assert_true (has_text (doc, "Ukraine"));
  g_assert_true (has_text (doc, "Russia"));
  g_assert_true (has_text (doc, "France"));
  g_assert_true (has_text (doc, "Person"));
  g_assert_true (has_text (doc, "Government"));
  g_assert_true (has_text (doc, "Issue"));
  g_assert_true (has_text (doc, "Talks"));
  /* Statements are hidden, so the legend does not explain them. */
  g_assert_false (has_text (doc, "Supports"));

  xmlFreeDoc (doc);

  /* Without affiliations, kinds or edge kinds there is nothing to say. */
  {
    g_autoptr(AmGraph) plain = new_graph ();

    add_node (plain, "x", "X", AM_NODE_KIND_OTHER, NULL, 0, 0);
    add_node (plain, "y", "Y", AM_NODE_KIND_OTHER, NULL, 90, 0);
    add_edge (plain, NULL, 0, 1, AM_EDGE_KIND_OTHER, AM_STANCE_NONE);
    am_render_get_legend_size (plain, &options, &width, &height);
    g_assert_cmpfloat (width, ==, 0);
    g_assert_cmpfloat (height, ==, 0);
  }
}

static void
test_cairo_pixels (void)
{
  g_autoptr(AmGraph) graph = new_sample_graph ();
  AmRenderOptions options;
  cairo_surface_t *surface;
  Pixel centre, corner;
  double x, y;

  fit_options (&options, graph, 400, 300);
  surface = render_image (graph, &options);

  /* Alice is Ukrainian, so she is blue (#3584e4) in the light style. */
  node_device_position (graph, &options, 0, &x, &y);
  centre = get_pixel (surface, x, y);
  g_assert_cmpint (abs (centre.r - 0x35), <=, 3);
  g_assert_cmpint (abs (centre.g - 0x84), <=, 3);
  g_assert_cmpint (abs (centre.b - 0xe4), <=, 3);

  /* Russia is red. */
  node_device_position (graph, &options, 1, &x, &y);
  centre = get_pixel (surface, x, y);
  g_assert_cmpint (centre.r, >, 200);
  g_assert_cmpint (centre.g, <, 60);

  /* Empty space stays background. */
  corner = get_pixel (surface, 2, options.height - 2);
  g_assert_cmpint (corner.r, ==, 255);
  g_assert_cmpint (corner.g, ==, 255);
  g_assert_cmpint (corner.b, ==, 255);

  cairo_surface_destroy (surface);
}

static void
test_cairo_hover_fades (void)
{
  g_autoptr(AmGraph) graph = new_sample_graph ();
  AmRenderOptions options;
  cairo_surface_t *plain, *hovered;
  Pixel before, after, white = { 255, 255, 255, 255 };
  double x, y;

  fit_options (&options, graph, 400, 300);
  plain = render_image (graph, &options);
  options.hover_node = 2;  /* Carol: her only neighbour is the peace plan */
  hovered = render_image (graph, &options);

  /* Bob is no neighbour of Carol: faded towards the background. */
  node_device_position (graph, &options, 1, &x, &y);
  before = get_pixel (plain, x, y);
  after = get_pixel (hovered, x, y);
  g_assert_cmpint (pixel_distance (after, white), <, pixel_distance (before, white) / 2);

  /* Alice neither. */
  node_device_position (graph, &options, 0, &x, &y);
  before = get_pixel (plain, x, y);
  after = get_pixel (hovered, x, y);
  g_assert_cmpint (pixel_distance (after, white), <, pixel_distance (before, white) / 2);

  /* The peace plan is her neighbour: unchanged. Carol herself too. */
  node_device_position (graph, &options, 3, &x, &y);
  g_assert_cmpint (pixel_distance (get_pixel (plain, x, y), get_pixel (hovered, x, y)), <=, 3);
  node_device_position (graph, &options, 2, &x, &y);
  g_assert_cmpint (pixel_distance (get_pixel (plain, x, y), get_pixel (hovered, x, y)), <=, 3);

  cairo_surface_destroy (plain);
  cairo_surface_destroy (hovered);
}

static void
test_cairo_non_finite (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  AmRenderOptions options;
  cairo_surface_t *surface;

  add_node (graph, "a", "A", AM_NODE_KIND_PERSON, NULL, 0, 0);
  add_node (graph, "b", "B", AM_NODE_KIND_PERSON, NULL, NAN, NAN);
  add_node (graph, "c", "C", AM_NODE_KIND_PERSON, NULL, 1e15, -1e15);
  add_edge (graph, NULL, 0, 1, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  add_edge (graph, NULL, 0, 2, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  add_edge (graph, NULL, 2, 2, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);

  /* render_image() checks that the context is not in an error state. */
  am_render_options_init (&options);
  options.width = 200;
  options.height = 200;
  options.transform.offset_x = 100;
  options.transform.offset_y = 100;
  surface = render_image (graph, &options);
  cairo_surface_destroy (surface);

  fit_options (&options, graph, 200, 200);
  surface = render_image (graph, &options);
  cairo_surface_destroy (surface);
}


/* Thin lines are drawn straight into image surfaces; that must respect
 * the clip and the device scale like Cairo does. */
static void
test_cairo_thin_lines (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  AmRenderOptions options;
  cairo_surface_t *surface;
  Pixel white = { 255, 255, 255, 255 };
  cairo_t *cr;

  add_node (graph, "a", "", AM_NODE_KIND_PERSON, NULL, 0, 0);
  add_node (graph, "b", "", AM_NODE_KIND_PERSON, NULL, 1000, 0);
  add_edge (graph, NULL, 0, 1, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);

  am_render_options_init (&options);
  options.transform.scale = 0.3;
  options.transform.offset_x = 20;
  options.transform.offset_y = 50;
  options.width = 340;
  options.height = 100;

  /* Clipped to the left half. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 340, 100);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_rectangle (cr, 0, 0, 170, 100);
  cairo_clip (cr);
  am_render_to_cairo (graph, &options, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (pixel_distance (get_pixel (surface, 100, 50), white), >, 30);
  g_assert_cmpint (pixel_distance (get_pixel (surface, 250, 50), white), ==, 0);
  g_assert_cmpint (pixel_distance (get_pixel (surface, 100, 60), white), ==, 0);
  cairo_surface_destroy (surface);

  /* On a screen of twice the density. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 680, 200);
  cairo_surface_set_device_scale (surface, 2, 2);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  am_render_to_cairo (graph, &options, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (pixel_distance (get_pixel (surface, 300, 100), white), >, 30);
  g_assert_cmpint (pixel_distance (get_pixel (surface, 300, 108), white), ==, 0);
  cairo_surface_destroy (surface);
}

/* Geometry */

static void
test_fit (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  double sizes[][2] = { { 400, 300 }, { 1200, 200 }, { 150, 900 } };

  for (guint i = 0; i < 60; i++)
    {
      char id[16];

      g_snprintf (id, sizeof id, "n%u", i);
      add_node (graph, id, id, i % AM_N_NODE_KINDS, NULL,
                g_rand_double_range (rand, -5000, 3000), g_rand_double_range (rand, -200, 8000));
    }
  add_node (graph, "nowhere", "Nowhere", AM_NODE_KIND_PERSON, NULL, NAN, NAN);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      for (guint legend = 0; legend < 2; legend++)
        {
          AmRenderOptions options;
          double legend_width = 0, legend_height = 0;

          am_render_options_init (&options);
          options.draw_legend = legend;
          am_render_options_fit (&options, graph, sizes[s][0], sizes[s][1]);
          g_assert_cmpfloat (options.width, ==, sizes[s][0]);
          g_assert_cmpfloat (options.height, ==, sizes[s][1]);
          if (legend)
            am_render_get_legend_size (graph, &options, &legend_width, &legend_height);

          for (guint i = 0; i < 60; i++)
            {
              const AmNode *node = am_graph_get_node (graph, i);
              double x, y, w, h;

              node_device_position (graph, &options, i, &x, &y);
              am_style_get_shape_size (node->kind, &w, &h);
              w *= options.transform.scale / 2;
              h *= options.transform.scale / 2;
              g_assert_cmpfloat (x - w, >=, 0);
              g_assert_cmpfloat (y - h, >=, 0);
              g_assert_cmpfloat (x + w, <=, sizes[s][0]);
              g_assert_cmpfloat (y + h, <=, sizes[s][1]);

              /* Beside the legend when the view is wide. */
              if (legend && sizes[s][0] == 1200)
                g_assert_cmpfloat (x - w, >=, legend_width);
            }
        }
    }
}

static void
test_fit_single_and_empty (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  AmRenderOptions options;
  double x, y;

  am_render_options_init (&options);
  am_render_options_fit (&options, graph, 300, 200);
  g_assert_true (isfinite (options.transform.scale) && options.transform.scale > 0);

  add_node (graph, "one", "Only one", AM_NODE_KIND_PERSON, NULL, 1234, -77);
  am_render_options_fit (&options, graph, 300, 200);
  node_device_position (graph, &options, 0, &x, &y);
  g_assert_cmpfloat (fabs (x - 150), <, 1);
  g_assert_cmpfloat_with_epsilon (options.transform.scale, 2.0, 1e-9);
}

/* A big map's nodes are measured on several threads: each gets the size
 * it gets measured alone, in the main thread. */
static void
test_measure_nodes_threaded (void)
{
  const char *labels[] = { "Actor", "Ærø–Київ", "", "A rather long label for actor",
                           "Line one\nline two" };
  const guint n_nodes = 60000, every = 53;
  g_autoptr(AmGraph) graph = new_graph ();
  g_autoptr(AmGraph) sample = new_graph ();

  for (guint i = 0; i < n_nodes; i++)
    {
      g_autofree char *id = g_strdup_printf ("n%u", i);
      const char *prefix = labels[i % G_N_ELEMENTS (labels)];
      g_autofree char *label = *prefix != '\0' ? g_strdup_printf ("%s %u", prefix, i) : g_strdup ("");
      AmNodeKind kind = (AmNodeKind) (i % AM_N_NODE_KINDS);

      add_node (graph, id, label, kind, NULL, 0, 0);
      if (i % every == 0)
        add_node (sample, id, label, kind, NULL, 0, 0);
    }

  am_render_measure_nodes (graph);
  am_render_measure_nodes (sample);

  for (guint i = 0; i < n_nodes; i += every)
    {
      const AmNode *node = am_graph_get_node (graph, i);
      const AmNode *alone = am_graph_get_node (sample, i / every);

      g_assert_true (node->flags & AM_NODE_MEASURED);
      g_assert_cmpfloat (node->width, ==, alone->width);
      g_assert_cmpfloat (node->height, ==, alone->height);
    }
}

static void
test_measure_nodes (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  double shape_width, shape_height, x, y, width, height;
  AmNode *short_node, *long_node, *sized, *empty;

  add_node (graph, "s", "Li", AM_NODE_KIND_PERSON, NULL, 0, 0);
  add_node (graph, "l", "A very long label for an actor, really", AM_NODE_KIND_PERSON, NULL, 0, 0);
  add_node (graph, "f", "Sized by the file", AM_NODE_KIND_PERSON, NULL, 0, 0);
  add_node (graph, "e", "", AM_NODE_KIND_ISSUE, NULL, 0, 0);
  sized = am_graph_get_node (graph, 2);
  sized->flags |= AM_NODE_HAS_SIZE;
  sized->width = 77;
  sized->height = 33;

  am_render_measure_nodes (graph);
  short_node = am_graph_get_node (graph, 0);
  long_node = am_graph_get_node (graph, 1);
  empty = am_graph_get_node (graph, 3);
  am_style_get_shape_size (AM_NODE_KIND_PERSON, &shape_width, &shape_height);

  /* The box holds the shape and the label below it, centred on the
   * node. */
  g_assert_cmpfloat (short_node->width, >=, shape_width);
  g_assert_cmpfloat (short_node->height, >, shape_height + 2 * AM_STYLE_LABEL_SIZE);
  g_assert_cmpfloat (long_node->width, >, 150);
  g_assert_cmpfloat (long_node->width, <, 400);
  g_assert_cmpfloat (long_node->height, ==, short_node->height);
  g_assert_cmpfloat (sized->width, ==, 77);
  g_assert_cmpfloat (sized->height, ==, 33);
  am_style_get_shape_size (AM_NODE_KIND_ISSUE, &shape_width, &shape_height);
  g_assert_cmpfloat (empty->width, ==, shape_width);
  g_assert_cmpfloat (empty->height, ==, shape_height);

  /* Bounds cover the long label. */
  long_node->x = 500;
  long_node->y = 100;
  for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
    if (i != 1)
      am_graph_get_node (graph, i)->x = am_graph_get_node (graph, i)->y = NAN;
  am_render_get_bounds (graph, &x, &y, &width, &height);
  g_assert_cmpfloat (fabs (width - long_node->width), <, 6);
  g_assert_cmpfloat (x, <, 500 - 75);
  g_assert_cmpfloat (y + height, >, 100 + 13 + AM_STYLE_LABEL_SIZE);
}

static void
test_pick (void)
{
  g_autoptr(AmGraph) graph = new_sample_graph ();
  AmRenderOptions options;
  double x, y;

  fit_options (&options, graph, 400, 300);
  for (guint i = 0; i < 4; i++)
    {
      node_device_position (graph, &options, i, &x, &y);
      g_assert_cmpuint (am_render_pick_node (graph, &options, x, y), ==, i);
    }

  node_device_position (graph, &options, 0, &x, &y);
  /* Just below the shape lies the label, which picks its node too. */
  y += 13 * options.transform.scale + 8;
  g_assert_cmpuint (am_render_pick_node (graph, &options, x + 1, y), ==, 0);
  g_assert_cmpuint (am_render_pick_node (graph, &options, 399, 1), ==, AM_NO_INDEX);
}

/* Issue lens, hidden issues, edge picking, spatial index */

/* A stance colour as a node is filled with it: opaque, over the
 * background. */
static Pixel
expected_lens_pixel (AmStance stance)
{
  const AmStyle *style = am_style_get (FALSE);
  AmColour colour = am_style_get_stance_colour (style, stance);
  Pixel pixel;

  pixel.r = (guint8) round ((colour.red * colour.alpha + (1 - colour.alpha)) * 255);
  pixel.g = (guint8) round ((colour.green * colour.alpha + (1 - colour.alpha)) * 255);
  pixel.b = (guint8) round ((colour.blue * colour.alpha + (1 - colour.alpha)) * 255);
  pixel.a = 255;

  return pixel;
}

static void
test_cairo_lens (void)
{
  g_autoptr(AmGraph) graph = new_sample_graph ();
  AmRenderOptions options;
  cairo_surface_t *plain, *lens;
  guint dave;
  Pixel pixel;
  double x, y;

  /* Alice changes her mind; Dave says nothing. */
  add_edge (graph, "e5", 0, 3, AM_EDGE_KIND_STATEMENT, AM_STANCE_OPPOSES);
  add_edge (graph, "e6", 2, 3, AM_EDGE_KIND_STATEMENT, AM_STANCE_NONE);
  dave = add_node (graph, "e", "Dave", AM_NODE_KIND_PERSON, "Ukraine", -200, 100);

  g_assert_cmpint (am_render_get_stance (graph, 0, 3), ==, AM_STANCE_OPPOSES);
  g_assert_cmpint (am_render_get_stance (graph, 1, 3), ==, AM_STANCE_OPPOSES);
  /* A statement without a stance does not undo one with a stance. */
  g_assert_cmpint (am_render_get_stance (graph, 2, 3), ==, AM_STANCE_CONDITIONAL);
  g_assert_cmpint (am_render_get_stance (graph, dave, 3), ==, AM_STANCE_NONE);

  fit_options (&options, graph, 500, 300);
  plain = render_image (graph, &options);
  options.lens_issue = 3;
  lens = render_image (graph, &options);

  node_device_position (graph, &options, 0, &x, &y);
  g_assert_cmpint (pixel_distance (get_pixel (lens, x, y), expected_lens_pixel (AM_STANCE_OPPOSES)),
                   <=, 6);
  node_device_position (graph, &options, 1, &x, &y);
  g_assert_cmpint (pixel_distance (get_pixel (lens, x, y), expected_lens_pixel (AM_STANCE_OPPOSES)),
                   <=, 6);
  node_device_position (graph, &options, 2, &x, &y);
  g_assert_cmpint (pixel_distance (get_pixel (lens, x, y),
                                   expected_lens_pixel (AM_STANCE_CONDITIONAL)), <=, 6);

  /* Nothing stated: a light grey. */
  node_device_position (graph, &options, dave, &x, &y);
  pixel = get_pixel (lens, x, y);
  g_assert_cmpint (pixel.r, >, 180);
  g_assert_cmpint (pixel.r, <, 245);
  g_assert_cmpint (abs (pixel.r - pixel.g), <=, 6);
  g_assert_cmpint (abs (pixel.g - pixel.b), <=, 6);

  /* The issue itself keeps its colour. */
  node_device_position (graph, &options, 3, &x, &y);
  g_assert_cmpint (pixel_distance (get_pixel (plain, x, y), get_pixel (lens, x, y)), <=, 3);

  cairo_surface_destroy (plain);
  cairo_surface_destroy (lens);

  /* An issue that is not in the graph is no lens. */
  options.lens_issue = 99;
  lens = render_image (graph, &options);
  cairo_surface_destroy (lens);
}

static void
test_svg_lens_legend (void)
{
  g_autoptr(AmGraph) graph = new_sample_graph ();
  g_autofree char *plain_svg = NULL;
  g_autofree char *lens_svg = NULL;
  AmRenderOptions options;
  xmlDoc *doc;

  am_render_options_init (&options);
  options.draw_legend = TRUE;
  am_render_options_fit (&options, graph, 900, 600);
  plain_svg = render_svg (graph, &options);
  options.lens_issue = 3;
  lens_svg = render_svg (graph, &options);

  doc = parse_svg (plain_svg);
  g_assert_true (has_text (doc, "Ukraine"));
  g_assert_false (has_text (doc, "Nothing stated"));
  xmlFreeDoc (doc);

  /* The lens takes the place of the affiliations. */
  doc = parse_svg (lens_svg);
  g_assert_false (has_text (doc, "Ukraine"));
  g_assert_false (has_text (doc, "Russia"));
  g_assert_cmpuint (count_texts (doc, "Peace plan"), ==, 2);  /* the node, the heading */
  g_assert_cmpuint (count_texts (doc, "Supports"), ==, 2);    /* the stance, the link */
  g_assert_cmpuint (count_texts (doc, "Opposes"), ==, 2);
  g_assert_cmpuint (count_texts (doc, "Conditional"), ==, 2);
  g_assert_true (has_text (doc, "Neutral"));
  g_assert_true (has_text (doc, "Nothing stated"));
  g_assert_true (has_text (doc, "Person"));
  xmlFreeDoc (doc);
}

static void
test_show_issues (void)
{
  g_autoptr(AmGraph) graph = new_sample_graph ();
  g_autofree char *svg = NULL;
  g_autoptr(GPtrArray) edges = NULL;
  AmRenderOptions options;
  cairo_surface_t *surface;
  Pixel white = { 255, 255, 255, 255 };
  double x, y, ax, ay;
  xmlDoc *doc;

  am_render_options_init (&options);
  options.draw_legend = TRUE;
  options.show_issues = FALSE;
  am_render_options_fit (&options, graph, 900, 600);

  svg = render_svg (graph, &options);
  doc = parse_svg (svg);
  g_assert_null (find_group_by_id (doc, "node-d"));
  g_assert_nonnull (find_group_by_id (doc, "node-a"));
  edges = find_groups (doc, "edge ");
  g_assert_cmpuint (edges->len, ==, 1);
  g_assert_nonnull (find_group_by_id (doc, "edge-e1"));
  g_assert_false (has_text (doc, "Peace plan"));
  g_assert_false (has_text (doc, "Issue"));
  g_assert_false (has_text (doc, "Supports"));
  xmlFreeDoc (doc);

  /* Neither drawn nor picked, nor its edges. */
  surface = render_image (graph, &options);
  node_device_position (graph, &options, 3, &x, &y);
  g_assert_cmpint (pixel_distance (get_pixel (surface, x, y), white), ==, 0);
  g_assert_cmpuint (am_render_pick_node (graph, &options, x, y), ==, AM_NO_INDEX);
  node_device_position (graph, &options, 1, &ax, &ay);
  g_assert_cmpuint (am_render_pick_edge (graph, &options, (x + ax) / 2, (y + ay) / 2),
                    ==, AM_NO_INDEX);
  cairo_surface_destroy (surface);

  /* Hovering a hidden issue highlights nothing. */
  options.hover_node = 3;
  surface = render_image (graph, &options);
  node_device_position (graph, &options, 0, &x, &y);
  g_assert_cmpint (pixel_distance (get_pixel (surface, x, y), white), >, 100);
  cairo_surface_destroy (surface);

  options.hover_node = AM_NO_INDEX;
  options.show_issues = TRUE;
  node_device_position (graph, &options, 3, &x, &y);
  g_assert_cmpuint (am_render_pick_node (graph, &options, x, y), ==, 3);
  g_assert_cmpuint (am_render_pick_edge (graph, &options, (x + ax) / 2, (y + ay) / 2), ==, 2);
}

static void
test_pick_edge (void)
{
  g_autoptr(AmGraph) graph = new_sample_graph ();
  AmRenderOptions options;
  double ax, ay, bx, by, scale;

  fit_options (&options, graph, 400, 300);
  node_device_position (graph, &options, 0, &ax, &ay);
  node_device_position (graph, &options, 1, &bx, &by);

  /* On the line from Alice to Bob, and a little beside it. */
  g_assert_cmpuint (am_render_pick_edge (graph, &options, (ax + bx) / 2, ay), ==, 0);
  g_assert_cmpuint (am_render_pick_edge (graph, &options, (ax + bx) / 2, ay + 3), ==, 0);
  g_assert_cmpuint (am_render_pick_edge (graph, &options, (ax + bx) / 2, ay + 20), ==, AM_NO_INDEX);
  g_assert_cmpuint (am_render_pick_edge (graph, &options, 399, 299), ==, AM_NO_INDEX);
  g_assert_cmpuint (am_render_pick_edge (graph, &options, NAN, 10), ==, AM_NO_INDEX);

  /* Not inside a node, where the line does not go. */
  g_assert_cmpuint (am_render_pick_edge (graph, &options, ax + 1, ay), ==, AM_NO_INDEX);

  /* Hidden kinds are not picked. */
  options.hidden_edge_kinds = 1u << AM_EDGE_KIND_TALKS;
  g_assert_cmpuint (am_render_pick_edge (graph, &options, (ax + bx) / 2, ay), ==, AM_NO_INDEX);

  /* Parallel edges bow out to either side, in edge order. */
  {
    g_autoptr(AmGraph) pair = new_graph ();
    guint first, second;

    add_node (pair, "a", "A", AM_NODE_KIND_PERSON, NULL, 0, 0);
    add_node (pair, "b", "B", AM_NODE_KIND_PERSON, NULL, 300, 0);
    first = add_edge (pair, "p1", 0, 1, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
    second = add_edge (pair, "p2", 0, 1, AM_EDGE_KIND_MEETING, AM_STANCE_NONE);

    fit_options (&options, pair, 400, 300);
    scale = options.transform.scale;
    node_device_position (pair, &options, 0, &ax, &ay);
    node_device_position (pair, &options, 1, &bx, &by);
    g_assert_cmpuint (am_render_pick_edge (pair, &options, (ax + bx) / 2, ay - 7 * scale),
                      ==, first);
    g_assert_cmpuint (am_render_pick_edge (pair, &options, (ax + bx) / 2, ay + 7 * scale),
                      ==, second);
  }
}

/* Wherever a loop is drawn, it is picked. */
static void
test_pick_loop (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  AmRenderOptions options;
  cairo_surface_t *surface;
  Pixel white = { 255, 255, 255, 255 };
  guint loop, n_drawn = 0;
  double x, y;

  add_node (graph, "a", "", AM_NODE_KIND_PERSON, NULL, 0, 0);
  loop = add_edge (graph, "l", 0, 0, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  am_render_options_init (&options);
  options.transform.scale = 2;
  options.transform.offset_x = 150;
  options.transform.offset_y = 250;
  options.width = 300;
  options.height = 300;

  surface = render_image (graph, &options);
  node_device_position (graph, &options, 0, &x, &y);
  for (int py = 0; py < (int) y - 30; py += 2)
    for (int px = 0; px < 300; px += 2)
      {
        if (pixel_distance (get_pixel (surface, px + 0.5, py + 0.5), white) < 120)
          continue;
        n_drawn++;
        g_assert_cmpuint (am_render_pick_edge (graph, &options, px + 0.5, py + 0.5), ==, loop);
      }
  g_assert_cmpuint (n_drawn, >, 20);
  g_assert_cmpuint (am_render_pick_edge (graph, &options, 5, 5), ==, AM_NO_INDEX);
  cairo_surface_destroy (surface);
}

/* The pixel least like white a little beyond (@x, @y) in @direction up
 * or down: the ends of a curve sit on the node outlines, which pushes
 * its middle a few pixels further out than its bow. */
static Pixel
strongest_pixel (cairo_surface_t *surface,
                 double           x,
                 double           y,
                 int              direction)
{
  Pixel white = { 255, 255, 255, 255 }, best = white;

  for (int step = -2; step <= 6; step++)
    {
      Pixel pixel = get_pixel (surface, x, y + (direction != 0 ? direction * step : step / 2));

      if (pixel_distance (pixel, white) > pixel_distance (best, white))
        best = pixel;
    }

  return best;
}

/* Parallels are numbered by edge order however many edges are drawn:
 * small maps and large ones sort their edges differently. */
static void
test_cairo_parallels_in_large_maps (void)
{
  /* Small; large; large culled through an index, which finds edges in
   * no particular order. */
  for (guint pass = 0; pass < 3; pass++)
    {
      gboolean large = pass > 0;
      g_autoptr(AmGraph) graph = new_graph ();
      g_autoptr(AmSpatialIndex) index = NULL;
      g_autoptr(GRand) rand = g_rand_new_with_seed (9);
      AmRenderOptions options;
      cairo_surface_t *surface;
      double ax, ay, bx, spacing;
      Pixel support, attack, meeting;
      guint a, b;

      a = add_node (graph, "a", "", AM_NODE_KIND_PERSON, NULL, 0, 0);
      b = add_node (graph, "b", "", AM_NODE_KIND_PERSON, NULL, 300, 0);
      add_edge (graph, NULL, b, a, AM_EDGE_KIND_SUPPORT, AM_STANCE_NONE);

      /* Enough edges elsewhere in view for the large sort, not so many
       * that edges turn faint. */
      if (large)
        {
          for (guint i = 0; i < 200; i++)
            {
              char id[16];

              g_snprintf (id, sizeof id, "n%u", i);
              add_node (graph, id, "", AM_NODE_KIND_PERSON, NULL,
                        g_rand_double_range (rand, -100, 700), g_rand_double_range (rand, 90, 240));
            }
          for (guint i = 0; i < 5000; i++)
            add_edge (graph, NULL, 2 + g_rand_int_range (rand, 0, 200),
                      2 + g_rand_int_range (rand, 0, 200), AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
        }

      add_edge (graph, NULL, a, b, AM_EDGE_KIND_ATTACK, AM_STANCE_NONE);
      add_edge (graph, NULL, a, b, AM_EDGE_KIND_MEETING, AM_STANCE_NONE);

      am_render_options_init (&options);
      options.transform.scale = 2;
      options.transform.offset_x = 250;
      options.transform.offset_y = 150;
      options.width = 1000;
      options.height = 700;
      if (pass == 2)
        {
          index = am_spatial_index_new (graph);
          options.index = index;
        }
      surface = render_image (graph, &options);

      node_device_position (graph, &options, a, &ax, &ay);
      node_device_position (graph, &options, b, &bx, &ay);
      spacing = MIN (14 * options.transform.scale, (bx - ax) * 0.7 / 2);

      /* In edge order: support bows one way, attack runs straight,
       * meeting bows the other way. */
      support = strongest_pixel (surface, (ax + bx) / 2, ay - spacing, -1);
      attack = strongest_pixel (surface, (ax + bx) / 2, ay, 0);
      meeting = strongest_pixel (surface, (ax + bx) / 2, ay + spacing, 1);
      g_test_message ("%s: support %02x%02x%02x, attack %02x%02x%02x, meeting %02x%02x%02x",
                      pass == 0 ? "small" : pass == 1 ? "large" : "large, indexed", support.r, support.g, support.b,
                      attack.r, attack.g, attack.b, meeting.r, meeting.g, meeting.b);
      g_assert_cmpint (support.g, >, support.r + 40);
      g_assert_cmpint (attack.r, >, attack.g + 60);
      g_assert_cmpint (meeting.b, >, meeting.r + 30);

      cairo_surface_destroy (surface);
    }
}


int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/svg/structure", test_svg_structure);
  g_test_add_func ("/render/svg/quote-in-title", test_svg_quote_in_title);
  g_test_add_func ("/render/svg/escaping", test_svg_escaping);
  g_test_add_func ("/render/edge-description", test_edge_description);
  g_test_add_func ("/render/svg/unique-ids", test_svg_unique_ids);
  g_test_add_func ("/render/svg/non-finite", test_svg_non_finite);
  g_test_add_func ("/render/svg/numbers-locale", test_svg_numbers_locale);
  g_test_add_func ("/render/svg/parallel-edges", test_svg_parallel_edges);
  g_test_add_func ("/render/svg/parallel-edges-even", test_svg_parallel_edges_even);
  g_test_add_func ("/render/svg/label-level-of-detail", test_svg_label_level_of_detail);
  g_test_add_func ("/render/svg/culling", test_svg_culling);
  g_test_add_func ("/render/svg/hidden-kinds-and-legend", test_svg_hidden_kinds_and_legend);
  g_test_add_func ("/render/cairo/pixels", test_cairo_pixels);
  g_test_add_func ("/render/cairo/hover-fades", test_cairo_hover_fades);
  g_test_add_func ("/render/cairo/non-finite", test_cairo_non_finite);
  g_test_add_func ("/render/cairo/thin-lines", test_cairo_thin_lines);
  g_test_add_func ("/render/fit", test_fit);
  g_test_add_func ("/render/fit-single-and-empty", test_fit_single_and_empty);
  g_test_add_func ("/render/measure-nodes-threaded", test_measure_nodes_threaded);
  g_test_add_func ("/render/measure-nodes", test_measure_nodes);
  g_test_add_func ("/render/pick", test_pick);
  g_test_add_func ("/render/cairo/lens", test_cairo_lens);
  g_test_add_func ("/render/svg/lens-legend", test_svg_lens_legend);
  g_test_add_func ("/render/show-issues", test_show_issues);
  g_test_add_func ("/render/pick-edge", test_pick_edge);
  g_test_add_func ("/render/pick-loop", test_pick_loop);
  g_test_add_func ("/render/cairo/parallels-in-large-maps", test_cairo_parallels_in_large_maps);

  return g_test_run ();
}

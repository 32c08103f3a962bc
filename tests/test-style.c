/* test-style.c: colours, shapes and the legend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "render-test-util.h"

static void
test_affiliation_colours (void)
{
  g_autoptr(AmGraph) graph = new_graph ();
  g_autoptr(AmGraph) reversed = new_graph ();
  g_autoptr(AmAffiliations) affiliations = NULL;
  g_autoptr(AmAffiliations) reversed_affiliations = NULL;
  const char *names[] = { "Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta" };
  const AmStyle *style = am_style_get (FALSE);
  AmColour a, b, russia1, russia2;

  add_node (graph, "1", "1", AM_NODE_KIND_PERSON, "Ukraine", 0, 0);
  add_node (graph, "2", "2", AM_NODE_KIND_PERSON, "  ukraine ", 0, 0);
  add_node (graph, "3", "3", AM_NODE_KIND_PERSON, NULL, 0, 0);
  add_node (graph, "4", "4", AM_NODE_KIND_PERSON, "Russia", 0, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    add_node (graph, names[i], names[i], AM_NODE_KIND_PERSON, names[i], 0, 0);

  affiliations = am_affiliations_new (graph);
  /* Spelling differences fold into one affiliation. */
  g_assert_cmpuint (am_affiliations_get_n_items (affiliations), ==, 2 + G_N_ELEMENTS (names));
  g_assert_cmpstr (am_affiliations_get_name (affiliations, 0), ==, "Ukraine");
  g_assert_cmpuint (am_affiliations_get_n_nodes (affiliations, 0), ==, 2);
  g_assert_cmpint (am_affiliations_get_node_item (affiliations, 1), ==, 0);
  g_assert_cmpint (am_affiliations_get_node_item (affiliations, 2), ==, -1);
  g_assert_cmpuint (am_affiliations_get_n_unaffiliated (affiliations), ==, 1);

  a = am_style_get_node_fill (style, affiliations, graph, 0);
  b = am_style_get_node_fill (style, affiliations, graph, 1);
  g_assert_true (am_colour_equal (&a, &b));
  a = am_style_get_node_fill (style, affiliations, graph, 2);
  g_assert_true (am_colour_equal (&a, &style->no_affiliation));

  /* All different while the palette lasts. */
  for (guint i = 0; i < am_affiliations_get_n_items (affiliations); i++)
    for (guint j = i + 1; j < am_affiliations_get_n_items (affiliations); j++)
      {
        a = am_affiliations_get_colour (affiliations, style, i);
        b = am_affiliations_get_colour (affiliations, style, j);
        g_assert_false (am_colour_equal (&a, &b));
      }

  /* A well-known affiliation keeps its colour wherever it appears. */
  for (guint i = G_N_ELEMENTS (names); i-- > 0;)
    add_node (reversed, names[i], names[i], AM_NODE_KIND_PERSON, names[i], 0, 0);
  add_node (reversed, "r", "r", AM_NODE_KIND_PERSON, "RUSSIA", 0, 0);
  reversed_affiliations = am_affiliations_new (reversed);
  russia1 = am_style_get_node_fill (style, affiliations, graph, 3);
  russia2 = am_style_get_node_fill (style, reversed_affiliations, reversed, G_N_ELEMENTS (names));
  g_assert_true (am_colour_equal (&russia1, &russia2));

  /* The file's own colour wins. */
  am_graph_get_node (graph, 0)->flags |= AM_NODE_HAS_FILL;
  am_graph_get_node (graph, 0)->fill = 0x11223344;
  a = am_style_get_node_fill (style, affiliations, graph, 0);
  g_assert_cmpfloat_with_epsilon (a.red, 0x11 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (a.alpha, 0x44 / 255.0, 1e-9);
}

static void
test_shape_boundary (void)
{
  /* Along the axes every shape but the triangle reaches its half size;
   * the triangle's apex points up. */
  for (AmShape shape = AM_SHAPE_CIRCLE; shape < AM_SHAPE_TRIANGLE; shape++)
    {
      g_assert_cmpfloat_with_epsilon (am_style_shape_boundary (shape, 40, 20, 1, 0), 20, 1e-6);
      g_assert_cmpfloat_with_epsilon (am_style_shape_boundary (shape, 40, 20, 0, -1), 10, 1e-6);
    }
  g_assert_cmpfloat_with_epsilon (am_style_shape_boundary (AM_SHAPE_TRIANGLE, 40, 20, 0, -1),
                                  10, 1e-6);
  g_assert_cmpfloat_with_epsilon (am_style_shape_boundary (AM_SHAPE_TRIANGLE, 40, 20, 0, 1),
                                  10, 1e-6);
  g_assert_cmpfloat_with_epsilon (am_style_shape_boundary (AM_SHAPE_TRIANGLE, 40, 20, 1, 0),
                                  10, 1e-6);

  /* Towards a corner: the diamond is inside the circle, the square
   * outside it, and the rounded square in between. */
  g_assert_cmpfloat (am_style_shape_boundary (AM_SHAPE_DIAMOND, 20, 20, 1, 1), <,
                     am_style_shape_boundary (AM_SHAPE_CIRCLE, 20, 20, 1, 1));
  g_assert_cmpfloat (am_style_shape_boundary (AM_SHAPE_ROUNDED_SQUARE, 20, 20, 1, 1), >,
                     am_style_shape_boundary (AM_SHAPE_CIRCLE, 20, 20, 1, 1));
  g_assert_cmpfloat (am_style_shape_boundary (AM_SHAPE_ROUNDED_SQUARE, 20, 20, 1, 1), <,
                     10 * G_SQRT2);
  g_assert_cmpfloat_with_epsilon (am_style_shape_boundary (AM_SHAPE_DIAMOND, 20, 20, 1, 1),
                                  5 * G_SQRT2, 1e-6);
}

/* The texts of the legend's rows, top to bottom. */
static GPtrArray *
legend_texts (xmlDoc *doc)
{
  xmlNode *legend = find_group_by_id (doc, "legend");
  g_autoptr(GPtrArray) texts = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (legend);
  texts = g_ptr_array_new ();
  collect_elements (legend->children, "text", texts);
  for (guint i = 0; i < texts->len; i++)
    g_ptr_array_add (found, get_content (texts->pdata[i]));

  return found;
}

static guint
text_position (GPtrArray  *texts,
               const char *text)
{
  guint position;

  if (!g_ptr_array_find_with_equal_func (texts, text, g_str_equal, &position))
    return G_MAXUINT;

  return position;
}

/* A statement that takes no stance is a plain "Statement", listed after
 * the stances and before the other kinds of link. */
/* However many affiliations a map has, the legend lists at most 24 rows
 * of them: the first names and, when some are left, how many. */
static void
test_legend_many_affiliations (void)
{
  const guint counts[][3] = {
    /* affiliations, names listed, how many more */
    { 24, 24, 0 },
    { 25, 23, 2 },
    { 30, 23, 7 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      g_autoptr(AmGraph) graph = new_graph ();
      g_autoptr(GPtrArray) texts = NULL;
      g_autofree char *svg = NULL;
      g_autofree char *more = NULL;
      AmRenderOptions options;
      guint n_names = 0;
      xmlDoc *doc;

      for (guint i = 0; i < counts[c][0]; i++)
        {
          g_autofree char *id = g_strdup_printf ("n%u", i);
          g_autofree char *party = g_strdup_printf ("Party %02u", i);

          add_node (graph, id, id, AM_NODE_KIND_PERSON, party, i * 80.0, (i % 5) * 60.0);
        }

      am_render_options_init (&options);
      options.draw_legend = TRUE;
      am_render_options_fit (&options, graph, 1600, 1200);
      svg = render_svg (graph, &options);
      doc = parse_svg (svg);
      texts = legend_texts (doc);
      for (guint i = 0; i < texts->len; i++)
        if (g_str_has_prefix (texts->pdata[i], "Party "))
          n_names++;

      g_assert_cmpuint (n_names, ==, counts[c][1]);
      more = g_strdup_printf ("%u more", counts[c][2]);
      if (counts[c][2] > 0)
        g_assert_cmpuint (text_position (texts, more), ==, text_position (texts, "Party 22") + 1);
      else
        g_assert_cmpuint (text_position (texts, "Party 23"), !=, G_MAXUINT);
      xmlFreeDoc (doc);
    }
}

static void
test_legend_plain_statement (void)
{
  static const char *stances[] = { "Supports", "Opposes", "Conditional" };
  g_autoptr(AmGraph) graph = new_sample_graph ();
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *svg = NULL;
  AmRenderOptions options;
  guint statement;
  xmlDoc *doc;

  /* Every statement of the sample takes a stance: no plain row. */
  am_render_options_init (&options);
  options.draw_legend = TRUE;
  am_render_options_fit (&options, graph, 900, 600);
  svg = render_svg (graph, &options);
  doc = parse_svg (svg);
  texts = legend_texts (doc);
  g_assert_cmpuint (text_position (texts, "Supports"), !=, G_MAXUINT);
  g_assert_cmpuint (text_position (texts, "Statement"), ==, G_MAXUINT);
  xmlFreeDoc (doc);
  g_clear_pointer (&texts, g_ptr_array_unref);
  g_clear_pointer (&svg, g_free);

  add_edge (graph, "e5", 2, 3, AM_EDGE_KIND_STATEMENT, AM_STANCE_NONE);
  am_render_options_fit (&options, graph, 900, 600);
  svg = render_svg (graph, &options);
  doc = parse_svg (svg);
  texts = legend_texts (doc);
  for (guint i = 0; i < texts->len; i++)
    g_test_message ("legend row %u: %s", i, (const char *) texts->pdata[i]);

  statement = text_position (texts, "Statement");
  g_assert_cmpuint (statement, !=, G_MAXUINT);
  g_assert_cmpuint (count_texts (doc, "Statement"), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (stances); i++)
    {
      g_assert_cmpuint (text_position (texts, stances[i]), !=, G_MAXUINT);
      g_assert_cmpuint (text_position (texts, stances[i]), <, statement);
    }
  g_assert_cmpuint (text_position (texts, "Talks"), >, statement);
  /* It is drawn in the colour of a statement without a stance. */
  {
    const AmStyle *style = am_style_get (FALSE);
    AmEdgeStyle plain, supports;

    am_style_get_edge_style (style, AM_EDGE_KIND_STATEMENT, AM_STANCE_NONE, &plain);
    am_style_get_edge_style (style, AM_EDGE_KIND_STATEMENT, AM_STANCE_SUPPORTS, &supports);
    g_assert_false (am_colour_equal (&plain.colour, &supports.colour));
  }

  xmlFreeDoc (doc);
}

/* "#rrggbb", as the SVG painter writes a colour. */
static char *
colour_to_hex (const AmColour *colour)
{
  return g_strdup_printf ("#%02x%02x%02x",
                          (guint) (colour->red * 255.0 + 0.5),
                          (guint) (colour->green * 255.0 + 0.5),
                          (guint) (colour->blue * 255.0 + 0.5));
}

/* The stroke of the first <path> in a group. */
static char *
first_path_stroke (xmlNode *group)
{
  for (xmlNode *child = group->children; child != NULL; child = child->next)
    if (is_element (child, "path"))
      return get_attribute (child, "stroke");

  return NULL;
}

static double
luminance (const AmColour *colour)
{
  return 0.2126 * colour->red + 0.7152 * colour->green + 0.0722 * colour->blue;
}

/* The dark style has stance colours of its own, which stay apart from
 * each other, and draws statements with them. */
static void
test_dark_stance_colours (void)
{
  const AmStyle *light = am_style_get (FALSE);
  const AmStyle *dark = am_style_get (TRUE);

  g_assert_true (dark->dark);
  g_assert_false (light->dark);

  for (AmStance s = AM_STANCE_NONE; s < AM_N_STANCES; s++)
    {
      AmColour light_colour = am_style_get_stance_colour (light, s);
      AmColour dark_colour = am_style_get_stance_colour (dark, s);
      AmEdgeStyle edge_style;

      g_assert_false (am_colour_equal (&light_colour, &dark_colour));
      /* Lighter on the dark background, so that lines stand out there. */
      g_assert_cmpfloat (luminance (&dark_colour), >, luminance (&light_colour));

      am_style_get_edge_style (dark, AM_EDGE_KIND_STATEMENT, s, &edge_style);
      g_assert_true (am_colour_equal (&edge_style.colour, &dark_colour));
      am_style_get_edge_style (light, AM_EDGE_KIND_STATEMENT, s, &edge_style);
      g_assert_true (am_colour_equal (&edge_style.colour, &light_colour));

      for (AmStance t = s + 1; t < AM_N_STANCES; t++)
        {
          AmColour light_other = am_style_get_stance_colour (light, t);
          AmColour dark_other = am_style_get_stance_colour (dark, t);

          g_assert_false (am_colour_equal (&dark_colour, &dark_other));
          g_assert_false (am_colour_equal (&light_colour, &light_other));
        }
    }

  /* An unknown stance is drawn as none, in either style. */
  {
    AmColour unknown = am_style_get_stance_colour (dark, AM_N_STANCES + 3);
    AmColour none = am_style_get_stance_colour (dark, AM_STANCE_NONE);

    g_assert_true (am_colour_equal (&unknown, &none));
  }

  /* The drawing uses the style asked for. */
  for (guint use_dark = 0; use_dark < 2; use_dark++)
    {
      static const struct { const char *id; AmStance stance; } edges[] = {
        { "edge-e2", AM_STANCE_SUPPORTS },
        { "edge-e3", AM_STANCE_OPPOSES },
        { "edge-e4", AM_STANCE_CONDITIONAL },
      };
      g_autoptr(AmGraph) graph = new_sample_graph ();
      g_autofree char *svg = NULL;
      AmRenderOptions options;
      xmlDoc *doc;

      fit_options (&options, graph, 800, 600);
      options.dark = use_dark;
      svg = render_svg (graph, &options);
      doc = parse_svg (svg);
      for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
        {
          AmColour colour = am_style_get_stance_colour (use_dark ? dark : light, edges[i].stance);
          g_autofree char *expected = colour_to_hex (&colour);
          g_autofree char *stroke = NULL;
          xmlNode *group = find_group_by_id (doc, edges[i].id);

          g_assert_nonnull (group);
          stroke = first_path_stroke (group);
          g_assert_cmpstr (stroke, ==, expected);
        }
      xmlFreeDoc (doc);
    }
}


/* Translucent colours carry their opacity, opaque ones none. */
static void
test_svg_opacity (void)
{
  g_autoptr(AmGraph) graph = new_sample_graph ();
  g_autofree char *svg = NULL;
  g_autofree char *opacity = NULL;
  AmRenderOptions options;
  AmColour supports = am_style_get_stance_colour (am_style_get (FALSE), AM_STANCE_SUPPORTS);
  xmlNode *group;
  xmlDoc *doc;

  g_assert_cmpfloat (supports.alpha, <, 0.99);
  fit_options (&options, graph, 800, 600);
  svg = render_svg (graph, &options);
  doc = parse_svg (svg);
  group = find_group_by_id (doc, "edge-e2");
  g_assert_nonnull (group);
  for (xmlNode *child = group->children; child != NULL; child = child->next)
    if (is_element (child, "path"))
      {
        opacity = get_attribute (child, "stroke-opacity");
        break;
      }
  g_assert_nonnull (opacity);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (opacity, NULL), supports.alpha, 0.006);

  /* The background is opaque. */
  {
    g_autoptr(GPtrArray) rects = find_elements (doc, "rect");

    for (guint i = 0; i < rects->len; i++)
      {
        g_autofree char *fill_opacity = get_attribute (rects->pdata[i], "fill-opacity");
        g_autofree char *fill = get_attribute (rects->pdata[i], "fill");

        if (g_strcmp0 (fill, "#ffffff") == 0)
          g_assert_null (fill_opacity);
      }
  }
  xmlFreeDoc (doc);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/style/affiliation-colours", test_affiliation_colours);
  g_test_add_func ("/style/shape-boundary", test_shape_boundary);
  g_test_add_func ("/render/svg/legend-plain-statement", test_legend_plain_statement);
  g_test_add_func ("/render/svg/legend-many-affiliations", test_legend_many_affiliations);
  g_test_add_func ("/style/dark-stance-colours", test_dark_stance_colours);
  g_test_add_func ("/render/svg/opacity", test_svg_opacity);

  return g_test_run ();
}

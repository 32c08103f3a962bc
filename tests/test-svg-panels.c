/* test-svg-panels.c: the panels of an exported SVG that open when an
 * actor is clicked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a browser does with them is checked by check-svg-in-browser.sh;
 * here, the structure: a panel for each actor with statements, links to
 * them, what a reader without CSS sees, and hostile text kept as text.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "am-export.h"
#include "am-map-loader.h"
#include "am-test-fixtures.h"

/* Helpers */

typedef struct
{
  char              *path;
  char              *contents;
  gsize              length;
  xmlDoc            *doc;
  xmlXPathContext   *xpath;
} Export;

static void
export_clear (Export *export)
{
  g_clear_pointer (&export->xpath, xmlXPathFreeContext);
  g_clear_pointer (&export->doc, xmlFreeDoc);
  if (export->path != NULL)
    g_unlink (export->path);
  g_clear_pointer (&export->path, g_free);
  g_clear_pointer (&export->contents, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Export, export_clear)

static void
export_graph (const AmGraph *graph,
              AmExportFlags  flags,
              Export        *export)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("am-svg-panels-XXXXXX", &error);

  g_assert_no_error (error);
  memset (export, 0, sizeof *export);
  export->path = g_build_filename (dir, "map.svg", NULL);

  g_assert_true (am_export_to_file_full (graph, NULL, flags, export->path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (export->path, &export->contents, &export->length, NULL));
  g_unlink (export->path);
  g_rmdir (dir);
  g_clear_pointer (&export->path, g_free);

  export->doc = xmlReadMemory (export->contents, (int) export->length, "map.svg", NULL,
                               XML_PARSE_NONET);
  g_assert_nonnull (export->doc);
  export->xpath = xmlXPathNewContext (export->doc);
  xmlXPathRegisterNs (export->xpath, BAD_CAST "s", BAD_CAST "http://www.w3.org/2000/svg");
  xmlXPathRegisterNs (export->xpath, BAD_CAST "x", BAD_CAST "http://www.w3.org/1999/xlink");
}

static xmlXPathObject *
query (Export     *export,
       const char *expression)
{
  xmlXPathObject *result = xmlXPathEvalExpression (BAD_CAST expression, export->xpath);

  g_assert_nonnull (result);
  return result;
}

static guint
count (Export     *export,
       const char *expression)
{
  xmlXPathObject *result = query (export, expression);
  guint n = result->nodesetval != NULL ? (guint) result->nodesetval->nodeNr : 0;

  xmlXPathFreeObject (result);
  return n;
}

/* The text of every <text> in the element of @id, one line each. */
static char *
text_of (Export     *export,
         const char *id)
{
  g_autofree char *expression = g_strdup_printf ("//*[@id='%s']//s:text", id);
  xmlXPathObject *result = query (export, expression);
  GString *text = g_string_new (NULL);

  for (int i = 0; result->nodesetval != NULL && i < result->nodesetval->nodeNr; i++)
    {
      xmlChar *content = xmlNodeGetContent (result->nodesetval->nodeTab[i]);

      g_string_append_printf (text, "%s\n", (const char *) content);
      xmlFree (content);
    }
  xmlXPathFreeObject (result);

  return g_string_free (text, FALSE);
}

static guint
count_speakers (const AmGraph *graph)
{
  g_autoptr(GHashTable) speakers = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    {
      const AmEdge *e = am_graph_get_edge (graph, i);

      if (e->kind == AM_EDGE_KIND_STATEMENT)
        g_hash_table_add (speakers, GUINT_TO_POINTER (e->source));
    }

  return g_hash_table_size (speakers);
}

/* Every actor link leads to a target before the map and a panel after
 * it, both of which exist once. */
static void
assert_links_resolve (Export *export)
{
  xmlXPathObject *links = query (export, "//s:a[starts-with(@x:href, '#quotes-')]");

  g_assert_nonnull (links->nodesetval);
  for (int i = 0; i < links->nodesetval->nodeNr; i++)
    {
      xmlNode *link = links->nodesetval->nodeTab[i];
      xmlChar *href = xmlGetNsProp (link, BAD_CAST "href", BAD_CAST "http://www.w3.org/1999/xlink");
      xmlChar *label = xmlGetProp (link, BAD_CAST "aria-label");
      g_autofree char *target = g_strdup_printf ("count(/s:svg/s:rect[@class='target'][@id='%s'])",
                                                 (const char *) href + 1);
      g_autofree char *panel = g_strdup_printf ("count(//s:g[@class='panel'][@id='panel-%s'])",
                                                (const char *) href + strlen ("#quotes-"));
      xmlXPathObject *n;

      g_assert_nonnull (label);
      g_assert_cmpstr ((const char *) label, !=, "");
      n = query (export, target);
      g_assert_cmpfloat (n->floatval, ==, 1);
      xmlXPathFreeObject (n);
      n = query (export, panel);
      g_assert_cmpfloat (n->floatval, ==, 1);
      xmlXPathFreeObject (n);

      /* The link holds the actor's group, named as the fragment says. */
      g_assert_nonnull (link->children);
      xmlFree (href);
      xmlFree (label);
    }

  xmlXPathFreeObject (links);
}

static AmGraph *
load_bundled_map (void)
{
  const char *path = g_getenv ("AM_BUNDLED_MAP");
  g_autoptr(GError) error = NULL;
  AmGraph *graph;

  if (path == NULL)
    return NULL;

  graph = am_map_loader_read (path, NULL, &error);
  g_assert_no_error (error);
  am_map_loader_prepare (graph, NULL);
  return graph;
}

/* Tests */

static void
test_bundled_map (void)
{
  g_autoptr(AmGraph) graph = load_bundled_map ();
  g_auto(Export) panels = { 0 };
  g_auto(Export) plain = { 0 };
  g_autofree char *lavrov = NULL;

  if (graph == NULL)
    {
      am_test_skip_unless_ci ("set AM_BUNDLED_MAP");
      return;
    }

  export_graph (graph, AM_EXPORT_FLAGS_NONE, &panels);
  export_graph (graph, AM_EXPORT_STATIC, &plain);

  g_assert_cmpuint (count (&panels, "//s:g[@class='panel']"), ==, count_speakers (graph));
  g_assert_cmpuint (count (&panels, "//s:g[@class='panel'][@visibility='hidden']"), ==,
                    count_speakers (graph));
  g_assert_cmpuint (count (&panels, "//s:a[starts-with(@x:href, '#quotes-')]"), ==,
                    count_speakers (graph));
  g_assert_cmpuint (count (&panels, "//s:a[@x:href='#quotes-lavrov']/s:g[@id='node-lavrov']"), ==, 1);
  g_assert_cmpuint (count (&panels, "/s:svg/s:title"), ==, 1);
  g_assert_cmpuint (count (&panels, "/s:svg/s:desc"), ==, 1);
  g_assert_cmpuint (count (&panels, "/s:svg/s:style"), ==, 1);
  assert_links_resolve (&panels);

  lavrov = text_of (&panels, "panel-lavrov");
  g_assert_nonnull (strstr (lavrov, "Sergei Lavrov\n"));
  g_assert_nonnull (strstr (lavrov, "Russian foreign minister · Russia\n"));
  g_assert_nonnull (strstr (lavrov, "Quote · Paragraph 5 · Tuesday\n"));
  g_assert_nonnull (strstr (lavrov, "“spirit and letter”\n"));
  g_assert_nonnull (strstr (lavrov, "Reported · Paragraph 6\n"));
  g_assert_nonnull (strstr (lavrov, "Amended US peace plan (draft): Conditional\n"));
  g_assert_nonnull (strstr (lavrov, "Source: News report on the peace-plan talks"));

  /* The plain picture has none of it, and the panels cost at most half
   * of it again. */
  g_assert_cmpuint (count (&plain, "//s:g[@class='panel']"), ==, 0);
  g_assert_cmpuint (count (&plain, "//s:a"), ==, 0);
  g_assert_cmpuint (count (&plain, "//s:style"), ==, 0);
  g_assert_cmpuint (panels.length, <=, plain.length * 3 / 2);
}

/* Without CSS, the picture is the plain one: everything added is hidden,
 * empty or a link around what was there. */
static void
test_same_picture_without_css (void)
{
  g_autoptr(AmGraph) graph = load_bundled_map ();
  g_auto(Export) panels = { 0 };
  g_auto(Export) plain = { 0 };
  g_autoptr(GString) stripped = NULL;
  const char *p;

  if (graph == NULL)
    {
      am_test_skip_unless_ci ("set AM_BUNDLED_MAP");
      return;
    }

  export_graph (graph, AM_EXPORT_FLAGS_NONE, &panels);
  export_graph (graph, AM_EXPORT_STATIC, &plain);

  /* Unwrap the links, drop the description, the targets, the panels and
   * the style sheet: what is left is the plain file, byte for byte. */
  stripped = g_string_new (NULL);
  for (p = panels.contents; *p != '\0';)
    {
      const char *line_end = strchr (p, '\n');
      g_autofree char *line = g_strndup (p, line_end != NULL ? line_end - p : (gssize) strlen (p));

      p = line_end != NULL ? line_end + 1 : p + strlen (p);
      if (g_str_has_prefix (line, "<desc>") || g_str_has_prefix (line, "<rect id=\"quotes-"))
        continue;
      if (g_str_has_prefix (line, "<g class=\"panels\">"))
        break;
      if (g_str_has_prefix (line, "<a xlink:href=\"#quotes-"))
        {
          char *inner = strchr (line, '>') + 1;

          g_string_append (stripped, inner);
          if (g_str_has_suffix (stripped->str, "</a>"))
            g_string_truncate (stripped, stripped->len - 4);
          g_string_append_c (stripped, '\n');
          continue;
        }
      if (g_str_has_prefix (line, "</g></a>"))
        {
          g_string_append (stripped, "</g>\n");
          continue;
        }
      g_string_append (stripped, line);
      g_string_append_c (stripped, '\n');
    }
  g_string_append (stripped, "</svg>\n");

  g_assert_cmpstr (stripped->str, ==, plain.contents);
}

#define HOSTILE_MAP \
  "<?xml version='1.0' encoding='UTF-8'?>\n" \
  "<graphml xmlns='http://graphml.graphdrawing.org/xmlns'>\n" \
  "<key id='l' for='node' attr.name='label' attr.type='string'/>\n" \
  "<key id='k' for='node' attr.name='kind' attr.type='string'/>\n" \
  "<key id='r' for='node' attr.name='role' attr.type='string'/>\n" \
  "<key id='ek' for='edge' attr.name='kind' attr.type='string'/>\n" \
  "<key id='q' for='edge' attr.name='quote' attr.type='string'/>\n" \
  "<key id='s' for='edge' attr.name='summary' attr.type='string'/>\n" \
  "<key id='w' for='edge' attr.name='when' attr.type='string'/>\n" \
  "<graph edgedefault='directed'>\n" \
  "<node id='a.b c'><data key='l'>&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;</data>" \
  "<data key='k'>person</data><data key='r'>]]&gt; &amp;amp; \"role\"</data></node>\n" \
  "<node id='a.b_c'><data key='l'>Twin</data><data key='k'>person</data></node>\n" \
  "<node id='t'><data key='l'>Target</data><data key='k'>issue</data></node>\n" \
  "<edge source='a.b c' target='t'><data key='ek'>statement</data>" \
  "<data key='q'>&lt;/tspan&gt;&lt;/text&gt;&lt;/g&gt;&lt;script&gt;x()&lt;/script&gt; &#x202E;evil</data>" \
  "<data key='w'>&lt;style&gt;*{display:none}&lt;/style&gt;</data></edge>\n" \
  "<edge source='a.b_c' target='t'><data key='ek'>statement</data>" \
  "<data key='s'>Said &lt;b&gt;this&lt;/b&gt; &amp; that</data></edge>\n" \
  "</graph>\n</graphml>\n"

static void
test_hostile_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("am-svg-panels-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "hostile.graphml", NULL);
  g_autoptr(AmGraph) graph = NULL;
  g_auto(Export) panels = { 0 };
  xmlXPathObject *links;
  g_autofree char *first = NULL, *second = NULL;

  g_assert_true (g_file_set_contents (path, HOSTILE_MAP, -1, &error));
  graph = am_map_loader_read (path, NULL, &error);
  g_assert_no_error (error);
  am_map_loader_prepare (graph, NULL);
  g_unlink (path);
  g_rmdir (dir);

  export_graph (graph, AM_EXPORT_FLAGS_NONE, &panels);

  /* Only our own elements: no script, one style sheet. */
  g_assert_cmpuint (count (&panels, "//*[local-name()='script']"), ==, 0);
  g_assert_cmpuint (count (&panels, "//*[local-name()='style']"), ==, 1);
  g_assert_cmpuint (count (&panels, "//s:g[@class='panel']"), ==, 2);

  /* Ids that XML spells alike ("a.b c", "a.b_c") get apart ids, and CSS
   * can name them. */
  links = query (&panels, "//s:a[starts-with(@x:href, '#quotes-')]");
  g_assert_cmpint (links->nodesetval->nodeNr, ==, 2);
  xmlXPathFreeObject (links);
  assert_links_resolve (&panels);
  g_assert_nonnull (strstr (panels.contents, "#quotes-a\\.b_c:target~.panels #panel-a\\.b_c{"));

  /* The words come back as they were written, as text. */
  first = text_of (&panels, "panel-a.b_c");
  g_assert_nonnull (strstr (first, "</text><script>alert(1)</script>\n"));
  g_assert_nonnull (strstr (first, "]]> &amp; \"role\"\n"));
  g_assert_nonnull (strstr (first, "</tspan></text></g><script>x()</script>"));
  g_assert_nonnull (strstr (first, "<style>*{display:none}</style>"));
  second = text_of (&panels, "panel-a.b_c-2");
  g_assert_nonnull (strstr (second, "Said <b>this</b> & that\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/svg-panels/bundled-map", test_bundled_map);
  g_test_add_func ("/svg-panels/same-picture-without-css", test_same_picture_without_css);
  g_test_add_func ("/svg-panels/hostile-text", test_hostile_text);

  return g_test_run ();
}

/* render-test-util.h: graphs, SVG and pixels for the drawing tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <locale.h>
#include <math.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pango/pango.h>
#include "am-description.h"
#include "am-geometry.h"
#include "am-graph.h"
#include "am-painter.h"
#include "am-render.h"
#include "am-spatial-index.h"
#include "am-style.h"
#include "am-test-fixtures.h"

/* Graph building */

static inline AmGraph *
new_graph (void)
{
  AmGraph *graph = am_graph_new ();

  am_graph_add_subgraph (graph, "G", AM_NO_INDEX, AM_NO_INDEX, TRUE);
  return graph;
}

static inline guint
add_node (AmGraph    *graph,
          const char *id,
          const char *label,
          AmNodeKind  kind,
          const char *affiliation,
          double      x,
          double      y)
{
  guint index = am_graph_add_node (graph, id, 0);
  AmNode *node = am_graph_get_node (graph, index);

  node->label = am_graph_intern (graph, label);
  node->kind = kind;
  node->affiliation = am_graph_intern (graph, affiliation);
  node->x = x;
  node->y = y;
  if (isfinite (x) && isfinite (y))
    node->flags |= AM_NODE_HAS_POSITION;

  return index;
}

static inline guint
add_edge (AmGraph    *graph,
          const char *id,
          guint       source,
          guint       target,
          AmEdgeKind  kind,
          AmStance    stance)
{
  guint index = am_graph_add_edge (graph, id, source, target, 0, TRUE);
  AmEdge *edge = am_graph_get_edge (graph, index);

  edge->kind = kind;
  edge->stance = stance;
  return index;
}

/* The small map most tests draw: three actors, an issue, four edges. */
static inline AmGraph *
new_sample_graph (void)
{
  AmGraph *graph = new_graph ();
  guint a = add_node (graph, "a", "Alice", AM_NODE_KIND_PERSON, "Ukraine", 0, 0);
  guint b = add_node (graph, "b", "Bob", AM_NODE_KIND_GOVERNMENT, "Russia", 200, 0);
  guint c = add_node (graph, "c", "Carol", AM_NODE_KIND_PERSON, "France", 0, 200);
  guint d = add_node (graph, "d", "Peace plan", AM_NODE_KIND_ISSUE, NULL, 200, 200);

  add_edge (graph, "e1", a, b, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  add_edge (graph, "e2", a, d, AM_EDGE_KIND_STATEMENT, AM_STANCE_SUPPORTS);
  add_edge (graph, "e3", b, d, AM_EDGE_KIND_STATEMENT, AM_STANCE_OPPOSES);
  add_edge (graph, "e4", c, d, AM_EDGE_KIND_STATEMENT, AM_STANCE_CONDITIONAL);

  return graph;
}

static inline void
fit_options (AmRenderOptions *options,
             const AmGraph   *graph,
             double           width,
             double           height)
{
  am_render_options_init (options);
  am_render_options_fit (options, graph, width, height);
}

/* SVG */

static inline char *
render_svg (const AmGraph         *graph,
            const AmRenderOptions *options)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AmPainter) painter = NULL;
  gboolean ok;

  painter = am_svg_painter_new (stream, options->width, options->height, "pt", "Test map");
  am_render_to_painter (graph, options, painter);
  ok = am_svg_painter_finish (painter, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL));
  g_output_stream_close (stream, NULL, NULL);

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

static inline xmlDoc *
parse_svg (const char *svg)
{
  xmlDoc *doc = xmlReadMemory (svg, (int) strlen (svg), "test.svg", NULL,
                               XML_PARSE_NONET | XML_PARSE_NOBLANKS);

  if (doc == NULL)
    g_test_message ("SVG that does not parse:\n%s", svg);
  g_assert_nonnull (doc);

  return doc;
}

static inline gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

static inline char *
get_attribute (xmlNode    *node,
               const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static inline char *
get_content (xmlNode *node)
{
  xmlChar *value = xmlNodeGetContent (node);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static inline void
collect_elements (xmlNode    *node,
                  const char *name,
                  GPtrArray  *found)
{
  for (; node != NULL; node = node->next)
    {
      if (is_element (node, name))
        g_ptr_array_add (found, node);
      collect_elements (node->children, name, found);
    }
}

static inline GPtrArray *
find_elements (xmlDoc     *doc,
               const char *name)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_elements (xmlDocGetRootElement (doc), name, found);
  return found;
}

/* The <g> whose class starts with @prefix (a class name and a space). */
static inline GPtrArray *
find_groups (xmlDoc     *doc,
             const char *prefix)
{
  g_autoptr(GPtrArray) groups = find_elements (doc, "g");
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < groups->len; i++)
    {
      g_autofree char *css_class = get_attribute (groups->pdata[i], "class");

      if (css_class != NULL && g_str_has_prefix (css_class, prefix))
        g_ptr_array_add (found, groups->pdata[i]);
    }

  return found;
}

static inline xmlNode *
find_group_by_id (xmlDoc     *doc,
                  const char *id)
{
  g_autoptr(GPtrArray) groups = find_elements (doc, "g");

  for (guint i = 0; i < groups->len; i++)
    {
      g_autofree char *group_id = get_attribute (groups->pdata[i], "id");

      if (g_strcmp0 (group_id, id) == 0)
        return groups->pdata[i];
    }

  return NULL;
}

static inline char *
group_title (xmlNode *group)
{
  for (xmlNode *child = group->children; child != NULL; child = child->next)
    if (is_element (child, "title"))
      return get_content (child);

  return NULL;
}

static inline gboolean
has_text (xmlDoc     *doc,
          const char *text)
{
  g_autoptr(GPtrArray) texts = find_elements (doc, "text");

  for (guint i = 0; i < texts->len; i++)
    {
      g_autofree char *content = get_content (texts->pdata[i]);

      if (g_strcmp0 (content, text) == 0)
        return TRUE;
    }

  return FALSE;
}

static inline guint
count_texts (xmlDoc     *doc,
             const char *text)
{
  g_autoptr(GPtrArray) texts = find_elements (doc, "text");
  guint n = 0;

  for (guint i = 0; i < texts->len; i++)
    {
      g_autofree char *content = get_content (texts->pdata[i]);

      if (g_strcmp0 (content, text) == 0)
        n++;
    }

  return n;
}

static inline void
collect_ids (xmlNode    *node,
             GHashTable *ids)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          g_autofree char *id = get_attribute (node, "id");

          if (id != NULL)
            {
              if (g_hash_table_contains (ids, id))
                g_error ("id “%s” is used twice", id);
              g_assert_true (xmlValidateNCName ((const xmlChar *) id, 0) == 0);
              g_hash_table_add (ids, g_steal_pointer (&id));
            }
        }
      collect_ids (node->children, ids);
    }
}

static inline GHashTable *
check_ids (xmlDoc *doc)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  collect_ids (xmlDocGetRootElement (doc), ids);
  return ids;
}

/* Cairo */

typedef struct
{
  guint8 r, g, b, a;
} Pixel;

static inline cairo_surface_t *
render_image (const AmGraph         *graph,
              const AmRenderOptions *options)
{
  const AmColour *background = &am_style_get (options->dark)->background;
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) options->width,
                                        (int) options->height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, background->red, background->green, background->blue);
  cairo_paint (cr);
  am_render_to_cairo (graph, options, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static inline Pixel
get_pixel (cairo_surface_t *surface,
           double           x,
           double           y)
{
  int ix = (int) floor (x), iy = (int) floor (y);
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 value;
  Pixel pixel;

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (iy, <, cairo_image_surface_get_height (surface));

  value = ((guint32 *) (data + iy * stride))[ix];
  pixel.a = value >> 24;
  pixel.r = (value >> 16) & 0xff;
  pixel.g = (value >> 8) & 0xff;
  pixel.b = value & 0xff;

  return pixel;
}

static inline void
node_device_position (const AmGraph         *graph,
                      const AmRenderOptions *options,
                      guint                  index,
                      double                *x,
                      double                *y)
{
  const AmNode *node = am_graph_get_node (graph, index);

  *x = node->x * options->transform.scale + options->transform.offset_x;
  *y = node->y * options->transform.scale + options->transform.offset_y;
}

static inline int
pixel_distance (Pixel a,
                Pixel b)
{
  return abs (a.r - b.r) + abs (a.g - b.g) + abs (a.b - b.b);
}

static inline AmGraph *
new_random_graph (guint n_nodes,
                  guint n_edges,
                  guint seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  AmGraph *graph = new_graph ();

  for (guint i = 0; i < n_nodes; i++)
    {
      char id[16];

      g_snprintf (id, sizeof id, "n%u", i);
      add_node (graph, id, id, i % AM_N_NODE_KINDS, i % 3 ? "Ukraine" : "Russia",
                g_rand_double_range (rand, -2000, 2000), g_rand_double_range (rand, -1500, 1500));
    }
  for (guint i = 0; i < n_edges; i++)
    {
      guint source = g_rand_int_range (rand, 0, n_nodes);
      guint target = i % 17 == 0 ? source : (guint) g_rand_int_range (rand, 0, n_nodes);

      add_edge (graph, NULL, source, target, i % 5 ? AM_EDGE_KIND_TALKS : AM_EDGE_KIND_STATEMENT,
                i % 4);
      /* Some parallels. */
      if (i % 13 == 0)
        add_edge (graph, NULL, target, source, AM_EDGE_KIND_MEETING, AM_STANCE_NONE);
    }
  am_render_measure_nodes (graph);

  return graph;
}

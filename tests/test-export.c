/* test-export.c: SVG, PNG and PDF files, and what a failed export leaves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "am-export.h"

/* Fixtures */

typedef struct
{
  char    *dir;
  AmGraph *graph;
} Fixture;

static guint
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
  node->flags |= AM_NODE_HAS_POSITION;

  return index;
}

static void
add_edge (AmGraph    *graph,
          guint       source,
          guint       target,
          AmEdgeKind  kind,
          AmStance    stance)
{
  guint index = am_graph_add_edge (graph, NULL, source, target, 0, TRUE);

  am_graph_get_edge (graph, index)->kind = kind;
  am_graph_get_edge (graph, index)->stance = stance;
}

static AmGraph *
new_sample_graph (void)
{
  AmGraph *graph = am_graph_new ();
  guint a, b, c;

  am_graph_add_subgraph (graph, "peace-talks", AM_NO_INDEX, AM_NO_INDEX, TRUE);
  a = add_node (graph, "a", "Alice & <Co>", AM_NODE_KIND_PERSON, "Ukraine", 0, 0);
  b = add_node (graph, "b", "Борис", AM_NODE_KIND_GOVERNMENT, "Russia", 240, 30);
  c = add_node (graph, "c", "Peace plan", AM_NODE_KIND_ISSUE, NULL, 120, 200);
  add_edge (graph, a, b, AM_EDGE_KIND_TALKS, AM_STANCE_NONE);
  add_edge (graph, b, a, AM_EDGE_KIND_WARNING, AM_STANCE_NONE);
  add_edge (graph, a, c, AM_EDGE_KIND_STATEMENT, AM_STANCE_SUPPORTS);
  add_edge (graph, b, c, AM_EDGE_KIND_STATEMENT, AM_STANCE_OPPOSES);

  am_render_measure_nodes (graph);
  return graph;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-export-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->graph = new_sample_graph ();
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          g_chmod (child, 0700);
          remove_tree (child);
        }
      g_dir_close (dir);
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  am_graph_free (fixture->graph);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, joined by spaces. */
static char *
list_dir (const char *path)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dir);

  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);

  return contents;
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* Tests */

static void
test_format_from_path (void)
{
  AmExportFormat format = AM_EXPORT_PDF;

  g_assert_true (am_export_format_from_path ("map.svg", &format));
  g_assert_cmpint (format, ==, AM_EXPORT_SVG);
  g_assert_true (am_export_format_from_path ("/tmp/A.MAP.SVG", &format));
  g_assert_cmpint (format, ==, AM_EXPORT_SVG);
  g_assert_true (am_export_format_from_path ("x.Png", &format));
  g_assert_cmpint (format, ==, AM_EXPORT_PNG);
  g_assert_true (am_export_format_from_path ("dir.svg/out.pdf", &format));
  g_assert_cmpint (format, ==, AM_EXPORT_PDF);
  g_assert_true (am_export_format_from_path ("карта.pdf", NULL));

  g_assert_false (am_export_format_from_path ("map", &format));
  g_assert_false (am_export_format_from_path (".svg", &format));
  g_assert_false (am_export_format_from_path ("dir/.png", &format));
  g_assert_false (am_export_format_from_path ("map.svg.bak", &format));
  g_assert_false (am_export_format_from_path ("dir.svg/map", &format));
  g_assert_false (am_export_format_from_path ("map.jpeg", &format));
  g_assert_false (am_export_format_from_path ("map.", &format));
}

static double
svg_length (xmlNode    *root,
            const char *name)
{
  xmlChar *value = xmlGetProp (root, (const xmlChar *) name);
  double length;

  g_assert_nonnull (value);
  g_assert_true (g_str_has_suffix ((const char *) value, "pt"));
  length = g_ascii_strtod ((const char *) value, NULL);
  xmlFree (value);

  return length;
}

static void
test_svg (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "map.svg", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  xmlDoc *doc;
  xmlNode *root;

  g_assert_true (am_export_to_file (fixture->graph, NULL, path, &error));
  g_assert_no_error (error);

  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "map.svg");

  contents = read_file (path, &length);
  g_assert_true (g_str_has_prefix (contents, "<?xml version=\"1.0\" encoding=\"UTF-8\""));
  g_assert_nonnull (strstr (contents, ">Alice &amp; &lt;Co&gt;</text>"));
  g_assert_nonnull (strstr (contents, ">Борис</text>"));
  g_assert_nonnull (strstr (contents, "font-family=\"Cantarell, sans-serif\""));

  doc = xmlReadMemory (contents, (int) length, "map.svg", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");
  /* A natural size: at a point per unit, the map is larger than the
   * spread of its nodes. */
  g_assert_cmpfloat (svg_length (root, "width"), >, 240 + 48);
  g_assert_cmpfloat (svg_length (root, "height"), >, 200 + 48);
  xmlFreeDoc (doc);
}

static void
test_png (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *svg_path = g_build_filename (fixture->dir, "map.svg", NULL);
  g_autofree char *png_path = g_build_filename (fixture->dir, "map.png", NULL);
  g_autofree char *view_path = g_build_filename (fixture->dir, "view.PNG", NULL);
  g_autofree char *svg = NULL;
  g_autoptr(GError) error = NULL;
  AmRenderOptions options;
  cairo_surface_t *image;
  xmlDoc *doc;
  double width, height, x, y;
  guint8 *data_bytes;
  guint32 pixel;
  int stride;

  g_assert_true (am_export_to_file (fixture->graph, NULL, svg_path, &error));
  g_assert_true (am_export_to_file (fixture->graph, NULL, png_path, &error));
  g_assert_no_error (error);

  svg = read_file (svg_path, NULL);
  doc = xmlReadMemory (svg, (int) strlen (svg), "map.svg", NULL, XML_PARSE_NONET);
  width = svg_length (xmlDocGetRootElement (doc), "width");
  height = svg_length (xmlDocGetRootElement (doc), "height");
  xmlFreeDoc (doc);

  /* The same map as the SVG, at twice the size. */
  image = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, (int) ceil (width * 2 - 1e-6));
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, (int) ceil (height * 2 - 1e-6));
  cairo_surface_destroy (image);

  /* What is on screen: its size, twice, and a node where it was. */
  am_render_options_init (&options);
  am_render_options_fit (&options, fixture->graph, 300, 200);
  g_assert_true (am_export_to_file (fixture->graph, &options, view_path, &error));
  g_assert_no_error (error);

  image = cairo_image_surface_create_from_png (view_path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 600);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 400);

  data_bytes = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  x = (0 * options.transform.scale + options.transform.offset_x) * 2;
  y = (0 * options.transform.scale + options.transform.offset_y) * 2;
  pixel = ((guint32 *) (data_bytes + (int) y * stride))[(int) x];
  /* Ukraine's blue, not the white background. */
  g_assert_cmpuint ((pixel >> 16) & 0xff, <, 0x60);
  g_assert_cmpuint (pixel & 0xff, >, 0xc0);
  pixel = ((guint32 *) (data_bytes + 2 * stride))[598];
  g_assert_cmpuint (pixel & 0xffffff, ==, 0xffffff);
  cairo_surface_destroy (image);
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "map.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (am_export_to_file (fixture->graph, NULL, path, &error));
  g_assert_no_error (error);

  contents = read_file (path, &length);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* The trailer is text, after binary streams that may hold zeros. */
  g_assert_nonnull (g_strstr_len (contents + length - 16, 16, "%%EOF"));

  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "map.pdf");
}

static void
test_replace_existing (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "map.svg", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf info;

  write_file (path, "an older map");
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);

  g_assert_true (am_export_to_file (fixture->graph, NULL, path, &error));
  g_assert_no_error (error);

  contents = read_file (path, NULL);
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0640);

  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "map.svg");
}

static void
check_failure (Fixture    *fixture,
               const char *path,
               int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (path);

  g_assert_false (am_export_to_file (fixture->graph, NULL, path, &error));
  g_assert_error (error, G_IO_ERROR, code);
  /* The message says which file, and why. */
  g_assert_nonnull (strstr (error->message, base));
  g_assert_cmpuint (strlen (error->message), >, strlen (path) + 4);
  g_test_message ("%s", error->message);
}

static void
test_missing_directory (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "map.svg", NULL);
  g_autofree char *listing = NULL;

  check_failure (fixture, path, G_IO_ERROR_NOT_FOUND);

  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "");
}

static void
test_through_regular_file (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *file = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *path = g_build_filename (file, "map.png", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;

  write_file (file, "keep me");
  check_failure (fixture, path, G_IO_ERROR_NOT_DIRECTORY);

  contents = read_file (file, NULL);
  g_assert_cmpstr (contents, ==, "keep me");
  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "notes.txt");
}

static void
test_over_directory (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "map.pdf", NULL);
  g_autofree char *inside = g_build_filename (path, "keep.txt", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  /* Everything is written, and only the final rename fails: the
   * temporary file must still go. */
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  write_file (inside, "still here");

  g_assert_false (am_export_to_file (fixture->graph, NULL, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_nonnull (strstr (error->message, "map.pdf"));

  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "map.pdf");
  contents = read_file (inside, NULL);
  g_assert_cmpstr (contents, ==, "still here");
}

static void
test_unknown_format (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "map.jpeg", NULL);
  g_autofree char *listing = NULL;

  check_failure (fixture, path, G_IO_ERROR_INVALID_ARGUMENT);
  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "");
}

/* A write that fails halfway, as on a full disk: the file size limit
 * makes write() fail with EFBIG, also for root. Run in a child, so that
 * the limit does not outlive the test. */
static void
test_write_failure (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char *const names[] = { "map.svg", "map.png", "map.pdf" };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, names[i], NULL);
      g_autofree char *contents = NULL;
      g_autofree char *listing = NULL;
      g_autoptr(GError) error = NULL;
      struct rlimit saved, limit;
      gboolean ok;
      int errsv;

      write_file (path, "the good old map, which must survive");

      g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
      limit = saved;
      limit.rlim_cur = 512;
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      ok = am_export_to_file (fixture->graph, NULL, path, &error);
      errsv = errno;

      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
      g_assert_false (ok);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, names[i]));
      g_test_message ("%s: %s (errno %d)", names[i], error->message, errsv);

      contents = read_file (path, NULL);
      g_assert_cmpstr (contents, ==, "the good old map, which must survive");

      listing = list_dir (fixture->dir);
      g_assert_cmpstr (listing, ==, names[i]);
      g_unlink (path);
    }
}

/* Exports @graph to @path with writes failing past 512 bytes, as on a
 * full disk; call in a subprocess. */
static void
export_with_small_limit (const AmGraph *graph,
                         const char    *path)
{
  g_autoptr(GError) error = NULL;
  struct rlimit saved, limit;
  gboolean ok;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = 512;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  ok = am_export_to_file (graph, NULL, path, &error);

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  g_assert_false (ok);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
}

/* A new file that cannot be written whole is not left half written. */
static void
test_write_failure_new_file (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "new.svg", NULL);
  g_autofree char *listing = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  export_with_small_limit (fixture->graph, path);

  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "");
}

/* Through a symbolic link, the file it points to is replaced as any
 * other, and the link stays a link. */
static void
test_through_link (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *target = g_build_filename (fixture->dir, "map.svg", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "link.svg", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *points_to = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  write_file (target, "the good old map, which must survive");
  g_assert_cmpint (symlink ("map.svg", link), ==, 0);

  /* A failure leaves the old map whole. */
  export_with_small_limit (fixture->graph, link);
  contents = read_file (target, NULL);
  g_assert_cmpstr (contents, ==, "the good old map, which must survive");
  g_clear_pointer (&contents, g_free);

  g_assert_true (am_export_to_file (fixture->graph, NULL, link, &error));
  g_assert_no_error (error);

  points_to = g_file_read_link (link, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (points_to, ==, "map.svg");
  contents = read_file (target, NULL);
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "link.svg map.svg");
}

static void
test_big_graph (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(AmGraph) graph = am_graph_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autofree char *path = g_build_filename (fixture->dir, "big.png", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  guint n = 3000;

  am_graph_add_subgraph (graph, "big", AM_NO_INDEX, AM_NO_INDEX, FALSE);
  for (guint i = 0; i < n; i++)
    {
      char id[16];

      g_snprintf (id, sizeof id, "n%u", i);
      add_node (graph, id, id, AM_NODE_KIND_PERSON, NULL, (i % 60) * 90.0, (i / 60) * 70.0);
    }
  for (guint i = 0; i < 25000; i++)
    add_edge (graph, g_rand_int_range (rand, 0, n), g_rand_int_range (rand, 0, n),
              AM_EDGE_KIND_OTHER, AM_STANCE_NONE);

  g_assert_true (am_export_to_file (graph, NULL, path, &error));
  g_assert_no_error (error);

  /* Many edges: fewer pixels, within the limits. */
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), <=, 16384);
  g_assert_cmpint (cairo_image_surface_get_height (image), <=, 16384);
  g_assert_cmpint ((gint64) cairo_image_surface_get_width (image) *
                   cairo_image_surface_get_height (image), <=, 16 * 1024 * 1024);
  cairo_surface_destroy (image);
}

/* A job draws the positions the graph had when it was made: a node
 * dragged on the main thread while the job runs in another must not
 * show up halfway through the picture. */
static void
test_job_keeps_positions (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *before_path = g_build_filename (fixture->dir, "before.svg", NULL);
  g_autofree char *job_path = g_build_filename (fixture->dir, "job.svg", NULL);
  g_autofree char *before = NULL;
  g_autofree char *written = NULL;
  g_autoptr(AmExportJob) job = NULL;
  g_autoptr(GError) error = NULL;
  AmNode *node = am_graph_get_node (fixture->graph, 1);
  AmRenderOptions options;

  am_render_options_init (&options);
  am_export_fit_whole_map (fixture->graph, &options);
  g_assert_true (am_export_to_file (fixture->graph, &options, before_path, &error));
  g_assert_no_error (error);

  job = am_export_job_new (fixture->graph, &options, job_path);
  g_assert_cmpstr (am_export_job_get_path (job), ==, job_path);
  node->x += 300;
  node->y -= 90;
  g_assert_true (am_export_job_run (job, &error));
  g_assert_no_error (error);

  before = read_file (before_path, NULL);
  written = read_file (job_path, NULL);
  g_assert_cmpstr (written, ==, before);
}

/* The window's whole map with a lens has the size the command line
 * gives the whole map. */
static void
test_fit_whole_map (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *natural_path = g_build_filename (fixture->dir, "natural.svg", NULL);
  g_autofree char *fitted_path = g_build_filename (fixture->dir, "fitted.svg", NULL);
  g_autofree char *natural = NULL;
  g_autofree char *fitted = NULL;
  g_autoptr(GError) error = NULL;
  AmRenderOptions options;

  g_assert_true (am_export_to_file (fixture->graph, NULL, natural_path, &error));
  g_assert_no_error (error);

  am_render_options_init (&options);
  am_export_fit_whole_map (fixture->graph, &options);
  g_assert_true (options.draw_legend);
  g_assert_true (am_export_to_file (fixture->graph, &options, fitted_path, &error));
  g_assert_no_error (error);

  natural = read_file (natural_path, NULL);
  fitted = read_file (fitted_path, NULL);
  g_assert_cmpstr (fitted, ==, natural);
}

/* A map in one row, with a legend of many affiliations far taller than
 * it: the page is tall enough for the legend as measured, with its margin
 * below, so that it does not wrap into a second column over the map. */
static void
test_tall_legend (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "tall-legend.png", NULL);
  g_autoptr(AmGraph) graph = am_graph_new ();
  g_autoptr(GError) error = NULL;
  AmRenderOptions options;
  cairo_surface_t *image;
  double legend_width, legend_height, scale;
  int width, height, stride, lowest = -1, rightmost = -1;
  const guint8 *bytes;

  for (guint i = 0; i < 16; i++)
    {
      g_autofree char *id = g_strdup_printf ("n%u", i);
      g_autofree char *affiliation = g_strdup_printf ("Party %u", i);

      add_node (graph, id, id, AM_NODE_KIND_PERSON, affiliation, i * 60.0, 0);
    }
  am_render_measure_nodes (graph);

  am_render_options_init (&options);
  options.draw_legend = TRUE;
  am_render_get_legend_size (graph, &options, &legend_width, &legend_height);
  g_assert_cmpfloat (legend_height, >, 200);

  g_assert_true (am_export_to_file (graph, NULL, path, &error));
  g_assert_no_error (error);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  stride = cairo_image_surface_get_stride (image);
  bytes = cairo_image_surface_get_data (image);
  am_export_fit_whole_map (graph, &options);
  scale = height / options.height;
  g_assert_cmpfloat (scale, >=, 1);

  /* Ink is what differs from the page's background, which the top left
   * corner shows. In the legend's columns, the lowest ink is the legend's
   * bottom; above the map, nothing is drawn right of the legend. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        gboolean ink = *(const guint32 *) (bytes + y * stride + 4 * x) != *(const guint32 *) bytes;

        if (ink && x > (AM_RENDER_LEGEND_MARGIN + 1) * scale &&
            x < (AM_RENDER_LEGEND_MARGIN + legend_width - 1) * scale)
          lowest = y;
        if (ink && y < height / 4)
          rightmost = MAX (rightmost, x);
      }

  /* The legend is drawn as measured, in one piece, with the same margin
   * below as above. */
  g_assert_cmpint (lowest, >=, (int) ((AM_RENDER_LEGEND_MARGIN + legend_height - 1) * scale));
  g_assert_cmpint (height - 1 - lowest, >=, (int) ((AM_RENDER_LEGEND_MARGIN - 1) * scale));
  g_assert_cmpint (rightmost, <=, (int) ((AM_RENDER_LEGEND_MARGIN + legend_width) * scale));
  cairo_surface_destroy (image);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/format-from-path", test_format_from_path);
  g_test_add ("/export/svg", Fixture, NULL, fixture_set_up, test_svg, fixture_tear_down);
  g_test_add ("/export/png", Fixture, NULL, fixture_set_up, test_png, fixture_tear_down);
  g_test_add ("/export/pdf", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/export/replace-existing", Fixture, NULL, fixture_set_up, test_replace_existing,
              fixture_tear_down);
  g_test_add ("/export/missing-directory", Fixture, NULL, fixture_set_up, test_missing_directory,
              fixture_tear_down);
  g_test_add ("/export/through-regular-file", Fixture, NULL, fixture_set_up,
              test_through_regular_file, fixture_tear_down);
  g_test_add ("/export/over-directory", Fixture, NULL, fixture_set_up, test_over_directory,
              fixture_tear_down);
  g_test_add ("/export/unknown-format", Fixture, NULL, fixture_set_up, test_unknown_format,
              fixture_tear_down);
  g_test_add ("/export/write-failure", Fixture, NULL, fixture_set_up, test_write_failure,
              fixture_tear_down);
  g_test_add ("/export/job-keeps-positions", Fixture, NULL, fixture_set_up,
              test_job_keeps_positions, fixture_tear_down);
  g_test_add ("/export/fit-whole-map", Fixture, NULL, fixture_set_up, test_fit_whole_map,
              fixture_tear_down);
  g_test_add ("/export/write-failure-new-file", Fixture, NULL, fixture_set_up,
              test_write_failure_new_file, fixture_tear_down);
  g_test_add ("/export/through-link", Fixture, NULL, fixture_set_up, test_through_link,
              fixture_tear_down);
  g_test_add ("/export/tall-legend", Fixture, NULL, fixture_set_up, test_tall_legend,
              fixture_tear_down);
  g_test_add ("/export/big-graph", Fixture, NULL, fixture_set_up, test_big_graph,
              fixture_tear_down);

  return g_test_run ();
}

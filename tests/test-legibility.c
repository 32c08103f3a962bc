/* test-legibility.c: the bundled map read as a person would, at the
 * sizes people use (needs a display)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With AM_SCREENSHOT_DIR set, the canvas and the window are saved there
 * as PNG files, one for each state checked.
 */

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "am-actor-list.h"
#include "am-graph-view-private.h"
#include "am-render.h"
#include "am-test-fixtures.h"
#include "label-test-util.h"
#include "am-window.h"

#define LOAD_TIMEOUT_SECONDS 60
#define MIN_LABEL_PIXELS     11.0

static const char *const actors[] = {
  "Dan Driscoll", "Sergei Lavrov", "Volodymyr Zelensky",
  "Emmanuel Macron", "Kaja Kallas", "Rustem Umerov",
};

static char *tmp_dir;

/* Helpers */

static gboolean
set_flag (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
iterate_for (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gpointer
template_child (AmWindow   *window,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), AM_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return child;
}

static gboolean
flap_still (AmWindow   *window,
            const char *name)
{
  double progress = adw_flap_get_reveal_progress (template_child (window, name));

  return progress == 0.0 || progress == 1.0;
}

/* Until nothing moves: the flaps have opened or closed, the glide to a
 * chosen actor has ended, and the canvas has kept its size and view for
 * a few checks. A busy machine makes this take longer, never differ;
 * a fixed wait would read a picture still in motion there. */
static void
wait_until_still (AmWindow *window)
{
  AmGraphView *view = template_child (window, "graph_view");
  gint64 deadline = g_get_monotonic_time () + LOAD_TIMEOUT_SECONDS * G_USEC_PER_SEC;
  AmViewTransform last = view->transform;
  int last_width = view->width, last_height = view->height;
  guint still = 0;

  while (still < 4)
    {
      iterate_for (50);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (view->reveal_tick == 0 && flap_still (window, "details_flap") &&
          flap_still (window, "sidebar_flap") &&
          _am_graph_view_transform_equal (&last, &view->transform) &&
          last_width == view->width && last_height == view->height)
        still++;
      else
        still = 0;
      last = view->transform;
      last_width = view->width;
      last_height = view->height;
    }
}

static AmWindow *
open_window_on (int         width,
                int         height,
                const char *path)
{
  AmWindow *window = am_window_new (NULL);
  g_autoptr(GFile) file = path != NULL ? g_file_new_for_path (path) : NULL;
  gint64 deadline = g_get_monotonic_time () + LOAD_TIMEOUT_SECONDS * G_USEC_PER_SEC;

  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  am_window_open (window, file);
  while (am_window_get_loading (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (am_window_get_loading (window));
  wait_until_still (window);

  return window;
}

static AmWindow *
open_window (int width,
             int height)
{
  return open_window_on (width, height, NULL);
}

static guint
find_node (AmGraph    *graph,
           const char *label)
{
  for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
    if (g_strcmp0 (am_graph_get_node (graph, i)->label, label) == 0)
      return i;

  g_assert_not_reached ();
  return AM_NO_INDEX;
}

/* What the window shows, as a user sees it. */
static cairo_surface_t *
capture_window (AmWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_surface_t *surface;

  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      gtk_widget_queue_draw (widget);
      iterate_for (20);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_flush (surface);
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);

  return surface;
}

/* The canvas's part of @window_surface, scaled by @factor. */
static cairo_surface_t *
crop_canvas (AmWindow        *window,
             cairo_surface_t *window_surface,
             double           factor)
{
  GtkWidget *view = template_child (window, "graph_view");
  graphene_rect_t bounds;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_true (gtk_widget_compute_bounds (view, GTK_WIDGET (window), &bounds));
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        (int) (bounds.size.width * factor),
                                        (int) (bounds.size.height * factor));
  cr = cairo_create (surface);
  cairo_scale (cr, factor, factor);
  cairo_set_source_surface (cr, window_surface, -bounds.origin.x, -bounds.origin.y);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BEST);
  cairo_paint (cr);
  cairo_destroy (cr);

  return surface;
}

static void
maybe_save (cairo_surface_t *surface,
            const char      *name)
{
  const char *dir = g_getenv ("AM_SCREENSHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;

  path = g_build_filename (dir, name, NULL);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
}

static char *
run_ocr (cairo_surface_t *surface,
         const char      *psm)
{
  g_autofree char *png = g_build_filename (tmp_dir, "canvas.png", NULL);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;
  const char *argv[] = { "tesseract", png, "stdout", "--psm", psm, NULL };

  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return out;
}

/* What OCR reads on @surface in shades of grey, as it is often given. */
static char *
make_grey (cairo_surface_t *surface)
{
  cairo_surface_t *grey = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                      cairo_image_surface_get_width (surface),
                                                      cairo_image_surface_get_height (surface));
  guchar *data;
  int stride;
  char *text;
  cairo_t *cr = cairo_create (grey);

  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);

  cairo_surface_flush (grey);
  data = cairo_image_surface_get_data (grey);
  stride = cairo_image_surface_get_stride (grey);
  for (int y = 0; y < cairo_image_surface_get_height (grey); y++)
    for (int x = 0; x < cairo_image_surface_get_width (grey); x++)
      {
        guint32 *pixel = (guint32 *) (gpointer) (data + (gsize) y * stride + 4 * x);
        guint32 r = (*pixel >> 16) & 0xff, g = (*pixel >> 8) & 0xff, b = *pixel & 0xff;
        guint32 l = (r * 299 + g * 587 + b * 114) / 1000;

        *pixel = 0xff000000u | l << 16 | l << 8 | l;
      }
  cairo_surface_mark_dirty (grey);

  text = run_ocr (grey, "11");
  cairo_surface_destroy (grey);
  return text;
}

/* Whether @name is in @text, read by OCR: the spaces it finds between
 * letters vary with kerning, so spaces and line breaks are left out. */
static gboolean
ocr_found (const char *text,
           const char *name)
{
  g_autoptr(GString) squeezed_text = g_string_new (NULL);
  g_autoptr(GString) squeezed_name = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (squeezed_text, *p);
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (squeezed_name, *p);

  return strstr (squeezed_text->str, squeezed_name->str) != NULL;
}

static gboolean
have_ocr (void)
{
  g_autofree char *path = g_find_program_in_path ("tesseract");

  if (path != NULL)
    return TRUE;

  /* Continuous integration installs it: there it must run. */
  g_assert_null (g_getenv ("CI"));
  g_test_skip ("tesseract is not installed");
  return FALSE;
}

/* The labels the canvas draws now. */
static GArray *
label_boxes (AmGraphView *view)
{
  AmRenderOptions options;
  double legend_width = 0, legend_height = 0;

  am_graph_view_get_render_options (view, &options);
  if (options.draw_legend)
    am_render_get_legend_size (_am_graph_view_get_graph (view), &options,
                               &legend_width, &legend_height);
  return am_render_get_label_boxes (_am_graph_view_get_graph (view), &options,
                                    legend_width, legend_height);
}

static void
assert_labels_apart (GArray *boxes)
{
  for (guint i = 0; i < boxes->len; i++)
    for (guint j = i + 1; j < boxes->len; j++)
      g_assert_false (labels_meet (&g_array_index (boxes, AmLabelBox, i),
                                     &g_array_index (boxes, AmLabelBox, j)));
}

static const AmLabelBox *
find_label (GArray *boxes,
            guint   node)
{
  for (guint i = 0; i < boxes->len; i++)
    if (g_array_index (boxes, AmLabelBox, i).node == node)
      return &g_array_index (boxes, AmLabelBox, i);

  return NULL;
}

/* The part of @canvas (three times the canvas) under @box, on a white
 * margin, as a single line of text is given to OCR. */
static cairo_surface_t *
crop_label (cairo_surface_t  *canvas,
            const AmLabelBox *box)
{
  const double margin = 30;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                         (int) (3 * box->width + 2 * margin),
                                                         (int) (3 * box->height + 2 * margin));
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_rectangle (cr, margin, margin, 3 * box->width, 3 * box->height);
  cairo_clip (cr);
  cairo_set_source_surface (cr, canvas, margin - 3 * box->x, margin - 3 * box->y);
  cairo_paint (cr);
  cairo_destroy (cr);

  return surface;
}

/* Reads the canvas of @window, saved as @name, for each of the names
 * in @wanted: the whole canvas at once, in colour and in grey, as a
 * person takes in the map; then, for a name that reading missed, the
 * place where the canvas draws it, as a person reads one label. Lines
 * near a label can throw OCR's layout analysis without making it any
 * harder to read, which the second reading tells apart. Fails for a
 * name neither reading finds. */
static void
assert_read (AmWindow           *window,
             const char         *name,
             const char *const  *wanted,
             guint               n_wanted)
{
  AmGraphView *view = template_child (window, "graph_view");
  AmGraph *graph = _am_graph_view_get_graph (view);
  cairo_surface_t *whole = capture_window (window);
  cairo_surface_t *canvas = crop_canvas (window, whole, 3.0);
  g_autoptr(GArray) boxes = label_boxes (view);
  g_autofree char *colour = NULL;
  g_autofree char *grey = NULL;
  g_autofree char *text = NULL;

  maybe_save (canvas, name);
  colour = run_ocr (canvas, "11");
  grey = make_grey (canvas);
  text = g_strconcat (colour, "\n", grey, NULL);

  for (guint k = 0; k < n_wanted; k++)
    {
      const AmLabelBox *box;
      cairo_surface_t *label;
      g_autofree char *line = NULL;

      if (ocr_found (text, wanted[k]))
        continue;

      box = find_label (boxes, find_node (graph, wanted[k]));
      if (box == NULL)
        g_error ("“%s” is not drawn in %s; read: %s", wanted[k], name, text);
      label = crop_label (canvas, box);
      line = run_ocr (label, "7");
      cairo_surface_destroy (label);
      if (!ocr_found (line, wanted[k]))
        g_error ("“%s” not read in %s; read: %s / %s", wanted[k], name, line, text);
    }

  cairo_surface_destroy (canvas);
  cairo_surface_destroy (whole);
}

/* Tests */

typedef struct
{
  int         width;
  int         height;
  const char *name;
  gboolean    dark;
} Size;

static void
check_size (gconstpointer data)
{
  const Size *size = data;
  AmWindow *window;
  AmGraphView *view;
  AmActorList *list;
  AmGraph *graph;
  g_autoptr(GArray) boxes = NULL;
  cairo_surface_t *shot;
  g_autofree char *name = NULL;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      size->dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                 : ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = open_window (size->width, size->height);
  view = template_child (window, "graph_view");
  list = template_child (window, "actor_list");
  graph = _am_graph_view_get_graph (view);

  /* Seen whole: every label drawn can be read, none over another. */
  boxes = label_boxes (view);
  assert_labels_apart (boxes);
  for (guint i = 0; i < boxes->len; i++)
    g_assert_cmpfloat (g_array_index (boxes, AmLabelBox, i).size, >=, MIN_LABEL_PIXELS);
  shot = capture_window (window);
  name = g_strdup_printf ("%s-fit.png", size->name);
  maybe_save (shot, name);
  cairo_surface_destroy (shot);

  for (guint k = 0; k < G_N_ELEMENTS (actors); k++)
    {
      guint node = find_node (graph, actors[k]);
      const AmNode *n = am_graph_get_node (graph, node);
      const AmLabelBox *label;
      graphene_rect_t free_area;
      double x, y;

      g_assert_true (am_actor_list_select_node (list, node));
      wait_until_still (window);

      g_clear_pointer (&boxes, g_array_unref);
      boxes = label_boxes (view);
      assert_labels_apart (boxes);
      label = find_label (boxes, node);
      g_assert_nonnull (label);
      g_assert_cmpfloat (label->size, >=, MIN_LABEL_PIXELS);

      am_graph_view_get_free_area (view, &free_area);
      x = n->x * view->transform.scale + view->transform.offset_x;
      y = n->y * view->transform.scale + view->transform.offset_y;
      g_assert_true (graphene_rect_contains_point (&free_area, &GRAPHENE_POINT_INIT (x, y)));
      g_assert_true (graphene_rect_contains_rect (&free_area,
                                                  &GRAPHENE_RECT_INIT (label->x, label->y,
                                                                       label->width,
                                                                       label->height)));

      if (k == 4)
        {
          g_free (name);
          name = g_strdup_printf ("%s-chosen.png", size->name);
          shot = capture_window (window);
          maybe_save (shot, name);
          cairo_surface_destroy (shot);
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (50);
}

/* Zoomed in on a chosen actor, its links' captions are drawn along
 * them, upright, apart from the labels; at some zoom between seeing its
 * neighbours and seeing it alone, at least one fits. */
static void
test_captions (void)
{
  /* Wide enough for the details beside a canvas with room. */
  AmWindow *window = open_window (1280, 800);
  AmGraphView *view = template_child (window, "graph_view");
  AmActorList *list = template_child (window, "actor_list");
  guint node = find_node (_am_graph_view_get_graph (view), "Sergei Lavrov");
  const double zooms[] = { 1.0, 1.5, 2.0, 2.5, 3.0 };
  guint n_captions = 0;
  cairo_surface_t *shot;

  g_assert_true (am_actor_list_select_node (list, node));
  wait_until_still (window);
  for (guint z = 0; z < G_N_ELEMENTS (zooms) && n_captions == 0; z++)
    {
      g_autoptr(GArray) boxes = NULL;

      am_graph_view_set_zoom (view, zooms[z]);
      am_graph_view_center_on_node (view, node);
      wait_until_still (window);

      boxes = label_boxes (view);
      assert_labels_apart (boxes);
      for (guint i = 0; i < boxes->len; i++)
        {
          const AmLabelBox *box = &g_array_index (boxes, AmLabelBox, i);

          if (box->edge == AM_NO_INDEX)
            continue;
          g_assert_cmpfloat (fabs (box->angle), <=, G_PI / 2 + 1e-9);
          n_captions++;
        }
    }
  g_assert_cmpuint (n_captions, >, 0);

  shot = capture_window (window);
  maybe_save (shot, "captions.png");
  cairo_surface_destroy (shot);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (50);
}

static gboolean
box_meets (const AmLabelBox      *box,
           const graphene_rect_t *rect)
{
  return box->x < rect->origin.x + rect->size.width && rect->origin.x < box->x + box->width &&
         box->y < rect->origin.y + rect->size.height && rect->origin.y < box->y + box->height;
}

/* A node at the zoom buttons' edge: its label, or any other, goes
 * beside them or nowhere, never under them. */
static void
test_overlays (void)
{
  AmWindow *window = open_window (0, 0);
  AmGraphView *view = template_child (window, "graph_view");
  GtkWidget *buttons = NULL;
  AmGraph *graph = _am_graph_view_get_graph (view);
  const char *const names[] = { "Sergei Lavrov", "Emmanuel Macron" };
  graphene_rect_t bounds;

  for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (view)));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, "zoom-buttons"))
      buttons = child;
  g_assert_nonnull (buttons);
  g_assert_true (gtk_widget_compute_bounds (buttons, GTK_WIDGET (view), &bounds));
  g_assert_cmpfloat (bounds.size.width, >, 0);

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      const AmNode *node = am_graph_get_node (graph, find_node (graph, names[k]));
      AmViewTransform transform;
      g_autoptr(GArray) boxes = NULL;

      /* At a zoom where labels are read, the node at the buttons' left:
       * centred first, so that the view no longer follows its fit. */
      am_graph_view_center_on_node (view, find_node (graph, names[k]));
      transform = view->transform;
      transform.scale = 1.0;
      transform.offset_x = bounds.origin.x - node->x * transform.scale;
      transform.offset_y = bounds.origin.y + bounds.size.height / 2 - node->y * transform.scale;
      _am_graph_view_set_transform (view, &transform);
      iterate_for (50);

      boxes = label_boxes (view);
      g_assert_cmpuint (boxes->len, >, 0);
      for (guint i = 0; i < boxes->len; i++)
        g_assert_false (box_meets (&g_array_index (boxes, AmLabelBox, i), &bounds));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (50);
}

/* yEd's groups on the canvas: boxes named at their top, and labels
 * apart. */
static void
test_groups (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = am_test_corpus_file ("yed", name);
  g_autofree char *png = g_strconcat (name, g_str_has_suffix (name, "groups.graphml") ? "-dark" : "",
                                      ".png", NULL);
  AmWindow *window;
  AmGraphView *view;
  g_autoptr(GArray) boxes = NULL;
  cairo_surface_t *shot;
  gboolean dark = g_str_has_suffix (name, "groups.graphml");

  if (path == NULL)
    return;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = open_window_on (0, 0, path);
  view = template_child (window, "graph_view");
  g_assert_nonnull (_am_graph_view_get_graph (view));

  boxes = label_boxes (view);
  g_assert_cmpuint (boxes->len, >, 0);
  assert_labels_apart (boxes);

  shot = capture_window (window);
  maybe_save (shot, png);
  cairo_surface_destroy (shot);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (50);
}

/* As users see it: OCR reads the six names on the whole map, and each
 * name once it is chosen. */
static void
test_ocr (void)
{
  AmWindow *window;
  AmGraphView *view;
  AmActorList *list;

  if (!have_ocr ())
    return;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = open_window (0, 0);
  view = template_child (window, "graph_view");
  list = template_child (window, "actor_list");

  assert_read (window, "ocr-fit.png", actors, G_N_ELEMENTS (actors));

  for (guint k = 0; k < G_N_ELEMENTS (actors); k++)
    {
      g_autofree char *name = g_strdup_printf ("ocr-%u.png", k);

      g_assert_true (am_actor_list_select_node (list,
                                                find_node (_am_graph_view_get_graph (view),
                                                           actors[k])));
      wait_until_still (window);
      assert_read (window, name, &actors[k], 1);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (50);
}

int
main (int   argc,
      char *argv[])
{
  static const Size sizes[] = {
    { 0, 0, "default-light", FALSE },
    { 800, 600, "small-light", FALSE },
    { 0, 0, "default-dark", TRUE },
    { 800, 600, "small-dark", TRUE },
    { 1920, 1080, "large-light", FALSE },
    { 1920, 1080, "large-dark", TRUE },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  int status;

  tmp_dir = g_dir_make_tmp ("actor-map-test-legibility-XXXXXX", &error);
  g_assert_no_error (error);
  data_home = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);

  g_test_init (&argc, &argv, NULL);
  g_set_application_name ("Actor Map Test");
  gtk_init ();
  adw_init ();
  /* What is read is the picture at rest. And libadwaita 1.2 can allocate
   * the details flap a width of G_MININT for one frame when the sidebar
   * starts to slide in before the window's first allocation, a warning
   * that these tests would take for a failure; without animations the
   * sidebar is simply open, as in the other window tests. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/legibility/%s", sizes[i].name);

      g_test_add_data_func (path, &sizes[i], check_size);
    }
  g_test_add_func ("/legibility/captions", test_captions);
  g_test_add_func ("/legibility/overlays", test_overlays);
  g_test_add_data_func ("/legibility/groups/nested", "yed-3.14.3-nested-groups.graphml",
                        test_groups);
  g_test_add_data_func ("/legibility/groups/group-node", "yed-3.16-group-node.graphml",
                        test_groups);
  g_test_add_func ("/legibility/ocr", test_ocr);

  status = g_test_run ();

  {
    g_autofree char *png = g_build_filename (tmp_dir, "canvas.png", NULL);

    g_remove (png);
    g_rmdir (data_home);
    g_rmdir (tmp_dir);
  }

  return status;
}

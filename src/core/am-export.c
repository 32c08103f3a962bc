/* am-export.c: SVG, PNG and PDF files, written atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "am-atomic-file.h"
#include "am-export.h"
#include "am-svg-panels.h"

/* Room around the map in an export of the whole of it, in points. */
#define EXPORT_MARGIN 24.0

/* PNG: twice the natural size for sharp text, unless that gets too big
 * to open comfortably, or to encode in reasonable time. Encoding takes
 * most of the time, and more for a busy picture than for a calm one of
 * the same size, so maps with many edges get fewer pixels: a map of 50,000
 * edges is an overview at any size. */
#define PNG_PREFERRED_SCALE 2.0
#define PNG_MAX_SIDE 16384.0
#define PNG_MAX_PIXELS (16.0 * 1024 * 1024)
#define PNG_MIN_PIXELS (3.0 * 1024 * 1024)
#define PNG_CALM_EDGES 2000.0

/* PDF readers refuse or shrink pages larger than 200 inches. */
#define PDF_MAX_SIDE 14400.0

gboolean
am_export_format_from_path (const char     *path,
                            AmExportFormat *format)
{
  static const struct
  {
    const char     *extension;
    AmExportFormat  format;
  } formats[] = {
    { "svg", AM_EXPORT_SVG },
    { "png", AM_EXPORT_PNG },
    { "pdf", AM_EXPORT_PDF },
  };
  const char *base, *dot;

  g_return_val_if_fail (path != NULL, FALSE);

  base = strrchr (path, G_DIR_SEPARATOR);
  base = base != NULL ? base + 1 : path;
  dot = strrchr (base, '.');
  /* ".svg" alone is a hidden file's name, not an extension. */
  if (dot == NULL || dot == base)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_ascii_strcasecmp (dot + 1, formats[i].extension) == 0)
        {
          if (format != NULL)
            *format = formats[i].format;
          return TRUE;
        }
    }

  return FALSE;
}

/* Errors */

/* A short reason for the user, in the words of the C library where the
 * error has a matching errno, rather than GIO's message, which names the
 * file a second time, or a temporary one. */
static const char *
describe_error (const GError *error)
{
  static const struct
  {
    GIOErrorEnum code;
    int          errsv;
  } reasons[] = {
    { G_IO_ERROR_NOT_FOUND, ENOENT },
    { G_IO_ERROR_NOT_DIRECTORY, ENOTDIR },
    { G_IO_ERROR_IS_DIRECTORY, EISDIR },
    { G_IO_ERROR_PERMISSION_DENIED, EACCES },
    { G_IO_ERROR_NO_SPACE, ENOSPC },
    { G_IO_ERROR_READ_ONLY, EROFS },
    { G_IO_ERROR_FILENAME_TOO_LONG, ENAMETOOLONG },
    { G_IO_ERROR_TOO_MANY_LINKS, ELOOP },
  };

  if (error->domain == G_IO_ERROR)
    for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
      if (error->code == (int) reasons[i].code)
        return g_strerror (reasons[i].errsv);

  return error->message;
}

static void
set_export_error (GError     **error,
                  const char  *path,
                  int          code,
                  const char  *reason)
{
  g_autofree char *display_name = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, code, _("Could not export to “%s”: %s"),
               display_name, reason);
}

static void
propagate_export_error (GError     **error,
                        const char  *path,
                        GError      *cause)
{
  set_export_error (error, path, cause->domain == G_IO_ERROR ? cause->code : G_IO_ERROR_FAILED,
                    describe_error (cause));
  g_error_free (cause);
}

static void
set_cairo_error (GError         **error,
                 const char      *path,
                 cairo_status_t   status)
{
  set_export_error (error, path,
                    status == CAIRO_STATUS_NO_MEMORY ? G_IO_ERROR_NO_SPACE : G_IO_ERROR_FAILED,
                    cairo_status_to_string (status));
}

/* The file written */

/* The file written, and the export's own path, which errors name. */
typedef struct
{
  char          *path;
  AmAtomicFile  *file;
  GOutputStream *stream;     /* the file's */
} Target;

static void
target_clear (Target *target)
{
  g_clear_pointer (&target->file, am_atomic_file_free);
  target->stream = NULL;
  g_clear_pointer (&target->path, g_free);
}

static gboolean
target_open (Target      *target,
             const char  *path,
             GError     **error)
{
  GError *local_error = NULL;

  target->path = g_strdup (path);
  target->file = am_atomic_file_open (path, NULL, &local_error);
  if (target->file == NULL)
    {
      propagate_export_error (error, path, local_error);
      return FALSE;
    }

  target->stream = am_atomic_file_get_stream (target->file);
  return TRUE;
}

/* Closes the file, which moves it over the export's path. */
static gboolean
target_commit (Target  *target,
               GError **error)
{
  GError *local_error = NULL;

  target->stream = NULL;
  if (!am_atomic_file_commit (target->file, NULL, &local_error))
    {
      propagate_export_error (error, target->path, local_error);
      return FALSE;
    }

  return TRUE;
}

/* Writing */

typedef struct
{
  GOutputStream *stream;
  GError        *error;
} StreamClosure;

static cairo_status_t
write_to_stream (void                *data,
                 const unsigned char *bytes,
                 unsigned int         length)
{
  StreamClosure *closure = data;

  if (closure->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;

  if (!g_output_stream_write_all (closure->stream, bytes, length, NULL, NULL, &closure->error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_cairo (cairo_status_t  status,
             StreamClosure  *closure,
             const char     *path,
             GError        **error)
{
  /* A failed write is better told by the stream than by Cairo. */
  if (closure->error != NULL)
    {
      propagate_export_error (error, path, g_steal_pointer (&closure->error));
      return FALSE;
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      set_cairo_error (error, path, status);
      return FALSE;
    }

  return TRUE;
}

static void
paint_background (cairo_t                *cr,
                  const AmRenderOptions  *options)
{
  const AmColour *background = &am_style_get (options->dark)->background;

  cairo_set_source_rgba (cr, background->red, background->green, background->blue,
                         background->alpha);
  cairo_paint (cr);
}

static gboolean
write_svg (const AmGraph          *graph,
           const AmRenderOptions  *options,
           AmExportFlags           flags,
           Target                 *target,
           GError                **error)
{
  g_autoptr(AmPainter) painter = NULL;
  g_autoptr(GError) local_error = NULL;
  const AmColour *background = &am_style_get (options->dark)->background;
  AmSvgPanels *panels = NULL;

  painter = am_svg_painter_new (target->stream, options->width, options->height, "pt",
                                am_graph_get_title (graph));
  if (!(flags & AM_EXPORT_STATIC))
    panels = am_svg_panels_begin (graph, options, painter);

  am_painter_set_fill (painter, background);
  am_painter_rect (painter, 0, 0, options->width, options->height, 0);
  am_painter_paint (painter, AM_PAINT_FILL);

  am_render_to_painter (graph, options, painter);

  if (panels != NULL)
    am_svg_panels_finish (panels);

  if (!am_svg_painter_finish (painter, &local_error))
    {
      propagate_export_error (error, target->path, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* The whole map at @scale device units (points, or pixels) per world
 * unit, with the legend to its left at its usual size. */
static void
fit_whole_map_at (const AmGraph   *graph,
                  double           scale,
                  AmRenderOptions *options)
{
  double x, y, width, height;
  double legend_width, legend_height, legend_room = 0;

  options->draw_legend = TRUE;

  am_render_get_bounds (graph, &x, &y, &width, &height);
  am_render_get_legend_size (graph, options, &legend_width, &legend_height);
  if (legend_width > 0)
    legend_room = AM_RENDER_LEGEND_MARGIN + legend_width;

  options->width = legend_room + width * scale + 2 * EXPORT_MARGIN;
  options->height = height * scale + 2 * EXPORT_MARGIN;
  if (legend_height > 0)
    options->height = MAX (options->height, legend_height + 2 * AM_RENDER_LEGEND_MARGIN + 1);
  options->width = ceil (MAX (options->width, 16));
  options->height = ceil (MAX (options->height, 16));

  options->transform.scale = scale;
  options->transform.offset_x = legend_room + EXPORT_MARGIN - x * scale;
  options->transform.offset_y = (options->height - height * scale) / 2 - y * scale;
}

static void
natural_options (const AmGraph   *graph,
                 double           scale,
                 AmRenderOptions *options)
{
  am_render_options_init (options);
  fit_whole_map_at (graph, scale, options);
}

void
am_export_fit_whole_map (const AmGraph   *graph,
                         AmRenderOptions *options)
{
  g_return_if_fail (graph != NULL);
  g_return_if_fail (options != NULL);

  fit_whole_map_at (graph, 1.0, options);
}

static double
png_scale (const AmGraph *graph,
           double         width,
           double         height)
{
  double n_edges = am_graph_get_n_edges (graph);
  double max_pixels = PNG_MAX_PIXELS;
  double scale = PNG_PREFERRED_SCALE;

  if (n_edges > PNG_CALM_EDGES)
    max_pixels = MAX (PNG_MIN_PIXELS, PNG_MAX_PIXELS * PNG_CALM_EDGES / n_edges);

  scale = MIN (scale, PNG_MAX_SIDE / width);
  scale = MIN (scale, PNG_MAX_SIDE / height);
  scale = MIN (scale, sqrt (max_pixels / (width * height)));

  return scale;
}

static gboolean
write_png (const AmGraph          *graph,
           const AmRenderOptions  *options,
           gboolean                natural,
           Target                 *target,
           GError                **error)
{
  StreamClosure closure = { target->stream, NULL };
  double scale = png_scale (graph, options->width, options->height);
  AmRenderOptions shrunk;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int width, height;

  /* A whole map too large for twice, or even once, its natural size is
   * drawn smaller, but not its legend, which must stay legible. */
  if (natural && scale < 1)
    {
      double map_scale = scale;

      for (guint attempt = 0; attempt < 3; attempt++)
        {
          double fit;

          natural_options (graph, map_scale, &shrunk);
          fit = png_scale (graph, shrunk.width, shrunk.height);
          if (fit >= 1)
            break;
          map_scale *= fit * 0.99;
        }
      options = &shrunk;
      scale = 1;
    }

  width = (int) MAX (1, ceil (options->width * scale - 1e-6));
  height = (int) MAX (1, ceil (options->height * scale - 1e-6));

  /* The background is opaque, so no alpha channel is needed, which also
   * makes the file smaller. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return check_cairo (status, &closure, target->path, error);
    }

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  paint_background (cr, options);
  am_render_to_cairo (graph, options, cr);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_flush (surface);
      status = cairo_surface_write_to_png_stream (surface, write_to_stream, &closure);
    }
  cairo_surface_destroy (surface);

  return check_cairo (status, &closure, target->path, error);
}

static gboolean
write_pdf (const AmGraph          *graph,
           const AmRenderOptions  *options,
           Target                 *target,
           GError                **error)
{
  StreamClosure closure = { target->stream, NULL };
  double scale = MIN (1.0, PDF_MAX_SIDE / MAX (options->width, options->height));
  const char *title = am_graph_get_title (graph);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (write_to_stream, &closure,
                                                 options->width * scale, options->height * scale);
  if (title != NULL && g_utf8_validate (title, -1, NULL))
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "Actor Map " PACKAGE_VERSION);

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  paint_background (cr, options);
  am_render_to_cairo (graph, options, cr);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);

  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return check_cairo (status, &closure, target->path, error);
}

gboolean
am_export_to_file (const AmGraph          *graph,
                   const AmRenderOptions  *options,
                   const char             *path,
                   GError                **error)
{
  return am_export_to_file_full (graph, options, AM_EXPORT_FLAGS_NONE, path, error);
}

gboolean
am_export_to_file_full (const AmGraph          *graph,
                        const AmRenderOptions  *options,
                        AmExportFlags           flags,
                        const char             *path,
                        GError                **error)
{
  AmRenderOptions export_options;
  AmExportFormat format;
  gboolean natural = FALSE;
  Target target = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (graph != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!am_export_format_from_path (path, &format))
    {
      set_export_error (error, path, G_IO_ERROR_INVALID_ARGUMENT,
                        _("the name must end in .svg, .png or .pdf"));
      return FALSE;
    }

  if (options != NULL && isfinite (options->width) && isfinite (options->height) &&
      options->width >= 1 && options->height >= 1 &&
      options->width <= 1e6 && options->height <= 1e6)
    {
      export_options = *options;
    }
  else
    {
      natural_options (graph, 1.0, &export_options);
      natural = TRUE;
    }

  if (!target_open (&target, path, error))
    {
      target_clear (&target);
      return FALSE;
    }

  switch (format)
    {
    case AM_EXPORT_SVG:
      ok = write_svg (graph, &export_options, flags, &target, error);
      break;
    case AM_EXPORT_PNG:
      ok = write_png (graph, &export_options, natural, &target, error);
      break;
    case AM_EXPORT_PDF:
      ok = write_pdf (graph, &export_options, &target, error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (ok)
    ok = target_commit (&target, error);

  target_clear (&target);
  return ok;
}

gboolean
am_export_write_file (const char         *path,
                      AmExportWriteFunc   write,
                      gpointer            user_data,
                      GError            **error)
{
  Target target = { 0 };
  GError *local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (write != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!target_open (&target, path, error))
    {
      target_clear (&target);
      return FALSE;
    }

  ok = write (target.stream, user_data, &local_error);
  if (!ok && local_error == NULL)
    set_export_error (error, path, G_IO_ERROR_FAILED, g_strerror (EIO));
  else if (!ok)
    propagate_export_error (error, path, local_error);
  else
    ok = target_commit (&target, error);

  target_clear (&target);
  return ok;
}

/* Jobs */

struct _AmExportJob
{
  /* The caller's graph with a copy of its nodes. */
  AmGraph          graph;
  AmRenderOptions  options;
  gboolean         has_options;
  AmExportFlags    flags;
  char            *path;
  /* The options' collapsed groups, which the view may change meanwhile. */
  guint32         *shown_as;
  guint32         *hidden_counts;
};

AmExportJob *
am_export_job_new (const AmGraph         *graph,
                   const AmRenderOptions *options,
                   const char            *path)
{
  AmExportJob *job;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  job = g_new0 (AmExportJob, 1);
  job->graph = *graph;
  job->graph.nodes = g_array_copy (graph->nodes);
  job->path = g_strdup (path);
  if (options != NULL)
    {
      job->options = *options;
      job->has_options = TRUE;
      /* An index follows the positions of the graph it was built for,
       * not those of the copy. */
      job->options.index = NULL;
      if (options->shown_as != NULL && options->hidden_counts != NULL)
        {
          gsize size = sizeof (guint32) * graph->nodes->len;

          job->options.shown_as = job->shown_as = g_memdup2 (options->shown_as, size);
          job->options.hidden_counts = job->hidden_counts = g_memdup2 (options->hidden_counts, size);
        }
    }

  return job;
}

const char *
am_export_job_get_path (AmExportJob *job)
{
  g_return_val_if_fail (job != NULL, NULL);

  return job->path;
}

void
am_export_job_set_flags (AmExportJob   *job,
                         AmExportFlags  flags)
{
  g_return_if_fail (job != NULL);

  job->flags = flags;
}

gboolean
am_export_job_run (AmExportJob  *job,
                   GError      **error)
{
  g_return_val_if_fail (job != NULL, FALSE);

  return am_export_to_file_full (&job->graph, job->has_options ? &job->options : NULL,
                                 job->flags, job->path, error);
}

void
am_export_job_free (AmExportJob *job)
{
  if (job == NULL)
    return;

  g_array_unref (job->graph.nodes);
  g_free (job->path);
  g_free (job->shown_as);
  g_free (job->hidden_counts);
  g_free (job);
}

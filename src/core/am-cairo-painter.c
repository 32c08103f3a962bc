/* am-cairo-painter.c: the painter that draws on a cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "am-geometry.h"
#include "am-painter.h"

/* Smaller text (in pixels) is drawn without its halo: at that size the
 * outline costs more than it helps. */
#define MIN_HALO_SIZE 5.0

/* Halos up to this radius in pixels are made of copies of the text. */
#define MAX_COPIED_HALO 4.0

#define MAX_DASHES 8

/* A small filled shape (a node far out) is drawn once into an image
 * and copied for every other one like it, which is many times faster
 * than Cairo filling and stroking each: shapes up to this many pixels
 * across, positioned to an eighth of a pixel, or to a quarter above
 * BIG_STAMP_SIZE. A big map at fit shows a hundred thousand such nodes
 * in a few dozen colours; stamps for every eighth of a pixel of those
 * over 16 pixels took 12 MB a band, and an eighth of a pixel is lost on
 * their size. */
#define MAX_STAMP_SIZE  32
#define STAMP_STEPS     8.0
#define MAX_STAMP_OPS   12
#define BIG_STAMP_SIZE  16
#define BIG_STAMP_STEPS 4.0
/* Cairo takes several microseconds for even a short line, and time in
 * proportion to its length on top, which makes a map of tens of thousands
 * of edges take seconds. Lines no wider than this many pixels, on an
 * image surface, are drawn straight into its pixels instead, with Wu's
 * antialiased line algorithm: at that width the two look the same. */
#define MAX_FAST_LINE_WIDTH 1.25

typedef enum
{
  OP_MOVE_TO,
  OP_LINE_TO,
  OP_CURVE_TO,
  OP_CLOSE_PATH,
  OP_CIRCLE,
  OP_RECT,
} OpKind;

typedef struct
{
  OpKind kind;
  double v[6];
} PathOp;

typedef struct
{
  AmColour colour;
  double   width;
  double   dashes[MAX_DASHES];
  guint    n_dashes;
} PaintState;

/* Direct access to the pixels of an image surface. */
typedef struct
{
  gboolean         usable;
  cairo_surface_t *surface;
  guint8          *data;
  int              stride;
  gboolean         has_alpha;
  /* user to pixel: px = scale * x + offset_x, likewise for y */
  double           scale;
  double           offset_x;
  double           offset_y;
  /* the clip, in pixels */
  double           clip_x0, clip_y0, clip_x1, clip_y1;
} Raster;

typedef struct
{
  AmPainter    parent;

  cairo_t     *cr;
  PangoLayout *layout;
  PangoLayout *crisp_layout;  /* for crisp_text, made when first needed */
  PangoFontDescription *font;
  double       font_size;
  int          font_weight;

  GArray      *path;      /* PathOp, the path being built */
  gboolean     path_valid;

  PaintState   fill;      /* width and dashes unused */
  PaintState   stroke;

  Raster       raster;

  /* GBytes describing a shape and its paint → cairo_surface_t */
  GHashTable  *stamps;
} AmCairoPainter;

#define SELF(p) ((AmCairoPainter *) (p))

static void
set_source (cairo_t        *cr,
            const AmColour *colour)
{
  if (colour->alpha >= 1.0)
    cairo_set_source_rgb (cr, colour->red, colour->green, colour->blue);
  else
    cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, colour->alpha);
}

/* Paths */

static void
replay (cairo_t *cr,
        GArray  *ops)
{
  for (guint i = 0; i < ops->len; i++)
    {
      const PathOp *op = &g_array_index (ops, PathOp, i);
      const double *v = op->v;

      switch (op->kind)
        {
        case OP_MOVE_TO:
          cairo_move_to (cr, v[0], v[1]);
          break;

        case OP_LINE_TO:
          cairo_line_to (cr, v[0], v[1]);
          break;

        case OP_CURVE_TO:
          cairo_curve_to (cr, v[0], v[1], v[2], v[3], v[4], v[5]);
          break;

        case OP_CLOSE_PATH:
          cairo_close_path (cr);
          break;

        case OP_CIRCLE:
          cairo_new_sub_path (cr);
          cairo_arc (cr, v[0], v[1], v[2], 0, 2 * G_PI);
          cairo_close_path (cr);
          break;

        case OP_RECT:
          {
            double x = v[0], y = v[1], w = v[2], h = v[3];
            double r = MIN (v[4], MIN (w, h) / 2);

            if (r <= 0)
              {
                cairo_rectangle (cr, x, y, w, h);
                break;
              }
            cairo_new_sub_path (cr);
            cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
            cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
            cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
            cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
            cairo_close_path (cr);
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

static void
apply_stroke_state (cairo_t          *cr,
                    const PaintState *state)
{
  set_source (cr, &state->colour);
  cairo_set_line_width (cr, state->width);
  cairo_set_dash (cr, state->dashes, (int) state->n_dashes, 0);
}

static inline void
add_op (AmCairoPainter *self,
        OpKind          kind,
        double          a,
        double          b,
        double          c,
        double          d,
        double          e,
        double          f)
{
  PathOp op = { kind, { a, b, c, d, e, f } };

  /* Cairo would put the whole context in an error state for a NaN. */
  if (!isfinite (a) || !isfinite (b) || !isfinite (c) || !isfinite (d) ||
      !isfinite (e) || !isfinite (f))
    {
      self->path_valid = FALSE;
      return;
    }

  g_array_append_val (self->path, op);
}

static void
clear_path (AmCairoPainter *self)
{
  g_array_set_size (self->path, 0);
  self->path_valid = TRUE;
}

/* Thin lines */

/* Sets up direct drawing when @cr targets an image surface without
 * rotation, through a clip that is one rectangle, with the usual
 * operator; anything else goes through Cairo. */
static void
raster_init (Raster  *raster,
             cairo_t *cr)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  cairo_rectangle_list_t *clip;
  cairo_format_t format;
  cairo_matrix_t matrix;
  double device_x, device_y, scale_x, scale_y;
  double x0, y0, x1, y1;

  memset (raster, 0, sizeof *raster);

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_get_operator (cr) != CAIRO_OPERATOR_OVER)
    return;

  format = cairo_image_surface_get_format (target);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    return;

  cairo_get_matrix (cr, &matrix);
  cairo_surface_get_device_offset (target, &device_x, &device_y);
  cairo_surface_get_device_scale (target, &scale_x, &scale_y);
  if (matrix.xy != 0 || matrix.yx != 0 || matrix.xx <= 0 || matrix.xx != matrix.yy ||
      scale_x != scale_y)
    return;

  clip = cairo_copy_clip_rectangle_list (cr);
  if (clip->status != CAIRO_STATUS_SUCCESS || clip->num_rectangles > 1)
    {
      cairo_rectangle_list_destroy (clip);
      return;
    }

  raster->surface = target;
  raster->scale = matrix.xx * scale_x;
  raster->offset_x = matrix.x0 * scale_x + device_x;
  raster->offset_y = matrix.y0 * scale_y + device_y;
  raster->clip_x0 = 0;
  raster->clip_y0 = 0;
  raster->clip_x1 = cairo_image_surface_get_width (target);
  raster->clip_y1 = cairo_image_surface_get_height (target);
  raster->has_alpha = format == CAIRO_FORMAT_ARGB32;

  if (clip->num_rectangles == 1)
    {
      const cairo_rectangle_t *r = &clip->rectangles[0];

      /* Clip rectangles are in user space. */
      x0 = r->x * raster->scale + raster->offset_x;
      y0 = r->y * raster->scale + raster->offset_y;
      x1 = (r->x + r->width) * raster->scale + raster->offset_x;
      y1 = (r->y + r->height) * raster->scale + raster->offset_y;
      raster->clip_x0 = MAX (raster->clip_x0, floor (x0 + 1e-6));
      raster->clip_y0 = MAX (raster->clip_y0, floor (y0 + 1e-6));
      raster->clip_x1 = MIN (raster->clip_x1, ceil (x1 - 1e-6));
      raster->clip_y1 = MIN (raster->clip_y1, ceil (y1 - 1e-6));
    }
  else
    {
      /* An empty list: nothing can be seen. */
      raster->clip_x1 = raster->clip_x0;
    }
  cairo_rectangle_list_destroy (clip);

  raster->usable = TRUE;
}

typedef struct
{
  guint8  *data;
  int      stride;
  gboolean has_alpha;
  int      x0, y0, x1, y1;   /* clip, in whole pixels */
  guint    red, green, blue; /* 0 … 255 */
  double   alpha;
} LinePen;

/* Blends the pen's colour over one pixel, in premultiplied ARGB, with
 * weight @k out of 256. */
static inline void
blend (const LinePen *pen,
       int            x,
       int            y,
       guint          k)
{
  guint32 *pixel, value;
  guint inverse, a, r, g, b;

  if (x < pen->x0 || x >= pen->x1 || y < pen->y0 || y >= pen->y1 || k == 0)
    return;

  k = MIN (k, 256);
  inverse = 256 - k;
  pixel = (guint32 *) (pen->data + (gsize) y * pen->stride) + x;
  value = *pixel;
  a = pen->has_alpha ? value >> 24 : 255;
  r = (value >> 16) & 0xff;
  g = (value >> 8) & 0xff;
  b = value & 0xff;

  a = (255 * k + a * inverse) >> 8;
  r = (pen->red * k + r * inverse) >> 8;
  g = (pen->green * k + g * inverse) >> 8;
  b = (pen->blue * k + b * inverse) >> 8;

  *pixel = (a << 24) | (r << 16) | (g << 8) | b;
}

static inline void
plot (const LinePen *pen,
      gboolean       steep,
      int            major,
      int            minor,
      double         weight)
{
  guint k = weight > 0 ? (guint) (weight * 256 + 0.5) : 0;

  if (steep)
    blend (pen, minor, major, k);
  else
    blend (pen, major, minor, k);
}

static inline double
fraction (double x)
{
  return x - floor (x);
}

/* Wu's antialiased line between pixel centres (x0, y0) and (x1, y1),
 * @weight being how much of a pixel's width it covers. */
static void
wu_line (const LinePen *pen,
         double         x0,
         double         y0,
         double         x1,
         double         y1,
         double         weight)
{
  gboolean steep = fabs (y1 - y0) > fabs (x1 - x0);
  double gradient, x_end, y_end, gap, y;
  int start, end;

  if (steep)
    {
      double t;

      t = x0, x0 = y0, y0 = t;
      t = x1, x1 = y1, y1 = t;
    }
  if (x0 > x1)
    {
      double t;

      t = x0, x0 = x1, x1 = t;
      t = y0, y0 = y1, y1 = t;
    }

  gradient = x1 - x0 > 1e-9 ? (y1 - y0) / (x1 - x0) : 0;
  /* A diagonal line crosses more pixels per column than a level one. */
  weight = MIN (1.0, weight * sqrt (1 + gradient * gradient)) * pen->alpha;

  x_end = floor (x0 + 0.5);
  y_end = y0 + gradient * (x_end - x0);
  gap = (1 - fraction (x0 + 0.5)) * weight;
  start = (int) x_end;
  plot (pen, steep, start, (int) floor (y_end), (1 - fraction (y_end)) * gap);
  plot (pen, steep, start, (int) floor (y_end) + 1, fraction (y_end) * gap);
  y = y_end + gradient;

  x_end = floor (x1 + 0.5);
  y_end = y1 + gradient * (x_end - x1);
  gap = fraction (x1 + 0.5) * weight;
  end = (int) x_end;
  if (end == start)
    return;
  plot (pen, steep, end, (int) floor (y_end), (1 - fraction (y_end)) * gap);
  plot (pen, steep, end, (int) floor (y_end) + 1, fraction (y_end) * gap);

  /* The run between the ends, in fixed point. */
  {
    gint64 fixed_y = (gint64) llround (y * 65536.0);
    gint64 step = (gint64) llround (gradient * 65536.0);
    guint k = (guint) (weight * 256 + 0.5);

    for (int x = start + 1; x < end; x++, fixed_y += step)
      {
        int iy = (int) (fixed_y >> 16);
        guint lower = (guint) (((fixed_y & 0xffff) * k) >> 16);

        if (steep)
          {
            blend (pen, iy, x, k - lower);
            blend (pen, iy + 1, x, lower);
          }
        else
          {
            blend (pen, x, iy, k - lower);
            blend (pen, x, iy + 1, lower);
          }
      }
  }
}

/* A line one pixel thick without antialiasing: one pixel per step
 * along its longer axis instead of Wu's two. */
static void
rough_line (const LinePen *pen,
            double         x0,
            double         y0,
            double         x1,
            double         y1,
            double         weight)
{
  double dx = x1 - x0, dy = y1 - y0;
  double longer = MAX (fabs (dx), fabs (dy)), shorter = MIN (fabs (dx), fabs (dy));
  double gradient = longer > 0 ? shorter / longer : 0;
  int steps = (int) ceil (longer);
  guint k;
  gint64 x, y, step_x, step_y;

  /* A diagonal line crosses more pixels per column than a level one. */
  k = (guint) (MIN (1.0, weight * sqrt (1 + gradient * gradient)) * pen->alpha * 256 + 0.5);
  if (k == 0)
    return;

  if (steps == 0)
    {
      blend (pen, (int) floor (x0 + 0.5), (int) floor (y0 + 0.5), k);
      return;
    }

  /* Sixteen bits of fraction; pixel centres are at whole numbers. */
  x = (gint64) llround ((x0 + 0.5) * 65536.0);
  y = (gint64) llround ((y0 + 0.5) * 65536.0);
  step_x = (gint64) llround (dx / steps * 65536.0);
  step_y = (gint64) llround (dy / steps * 65536.0);
  for (int i = 0; i <= steps; i++, x += step_x, y += step_y)
    blend (pen, (int) (x >> 16), (int) (y >> 16), k);
}

static void
pen_segment (const LinePen *pen,
             gboolean       rough,
             double         x0,
             double         y0,
             double         x1,
             double         y1,
             double         weight)
{
  /* Pixel (i, j) covers [i, i + 1), so its centre is at i + 0.5. */
  x0 -= 0.5;
  y0 -= 0.5;
  x1 -= 0.5;
  y1 -= 0.5;

  /* To the pen's clip, widened by a pixel. */
  if (!am_geometry_clip_segment (pen->x0 - 1, pen->y0 - 1, pen->x1 + 1, pen->y1 + 1,
                                 &x0, &y0, &x1, &y1))
    return;

  if (rough)
    rough_line (pen, x0, y0, x1, y1, weight);
  else
    wu_line (pen, x0, y0, x1, y1, weight);
}

/* Draws the path as thin lines straight into the surface; FALSE when it
 * cannot, and Cairo must. */
static gboolean
fast_stroke (AmCairoPainter *self,
             gboolean        rough)
{
  const Raster *raster = &self->raster;
  const PaintState *state = &self->stroke;
  double width = state->width * raster->scale;
  double cx = 0, cy = 0, sx = 0, sy = 0;
  gboolean have_point = FALSE;
  LinePen pen;

  if (!raster->usable || width > MAX_FAST_LINE_WIDTH || state->n_dashes > 0)
    return FALSE;

  for (guint i = 0; i < self->path->len; i++)
    {
      OpKind kind = g_array_index (self->path, PathOp, i).kind;

      if (kind == OP_CIRCLE || kind == OP_RECT)
        return FALSE;
    }

  pen.data = cairo_image_surface_get_data (raster->surface);
  if (pen.data == NULL)
    return FALSE;
  pen.stride = cairo_image_surface_get_stride (raster->surface);
  pen.has_alpha = raster->has_alpha;
  pen.x0 = (int) raster->clip_x0;
  pen.y0 = (int) raster->clip_y0;
  pen.x1 = (int) raster->clip_x1;
  pen.y1 = (int) raster->clip_y1;
  pen.red = (guint) (CLAMP (state->colour.red, 0, 1) * 255 + 0.5);
  pen.green = (guint) (CLAMP (state->colour.green, 0, 1) * 255 + 0.5);
  pen.blue = (guint) (CLAMP (state->colour.blue, 0, 1) * 255 + 0.5);
  pen.alpha = CLAMP (state->colour.alpha, 0, 1);
  width = MIN (width, 1.0);

  /* Whatever Cairo still holds for the surface must land first. */
  cairo_surface_flush (raster->surface);

  for (guint i = 0; i < self->path->len; i++)
    {
      const PathOp *op = &g_array_index (self->path, PathOp, i);
      double x = op->v[0] * raster->scale + raster->offset_x;
      double y = op->v[1] * raster->scale + raster->offset_y;

      switch (op->kind)
        {
        case OP_MOVE_TO:
          cx = sx = x;
          cy = sy = y;
          have_point = TRUE;
          break;

        case OP_LINE_TO:
          if (have_point)
            pen_segment (&pen, rough, cx, cy, x, y, width);
          cx = x;
          cy = y;
          have_point = TRUE;
          break;

        case OP_CURVE_TO:
          {
            double x2 = op->v[2] * raster->scale + raster->offset_x;
            double y2 = op->v[3] * raster->scale + raster->offset_y;
            double x3 = op->v[4] * raster->scale + raster->offset_x;
            double y3 = op->v[5] * raster->scale + raster->offset_y;
            double length = hypot (x - cx, y - cy) + hypot (x2 - x, y2 - y) +
                            hypot (x3 - x2, y3 - y2);
            int n = (int) CLAMP (length / 6, 1, 64);
            double px = cx, py = cy;

            if (have_point == FALSE)
              px = cx = x, py = cy = y;

            for (int k = 1; k <= n; k++)
              {
                double t = (double) k / n, u = 1 - t;
                double qx = u * u * u * cx + 3 * u * u * t * x + 3 * u * t * t * x2 +
                            t * t * t * x3;
                double qy = u * u * u * cy + 3 * u * u * t * y + 3 * u * t * t * y2 +
                            t * t * t * y3;

                pen_segment (&pen, rough, px, py, qx, qy, width);
                px = qx;
                py = qy;
              }
            cx = x3;
            cy = y3;
            have_point = TRUE;
          }
          break;

        case OP_CLOSE_PATH:
          if (have_point)
            pen_segment (&pen, rough, cx, cy, sx, sy, width);
          cx = sx;
          cy = sy;
          break;

        case OP_CIRCLE:
        case OP_RECT:
        default:
          g_assert_not_reached ();
        }
    }

  cairo_surface_mark_dirty (raster->surface);
  return TRUE;
}

/* Stamps */

static void
add_to_box (double  x,
            double  y,
            double  box[4])
{
  box[0] = MIN (box[0], x);
  box[1] = MIN (box[1], y);
  box[2] = MAX (box[2], x);
  box[3] = MAX (box[3], y);
}

/* The path's extent in pixels, strokes included. */
static void
path_pixel_box (AmCairoPainter *self,
                double          box[4])
{
  const Raster *raster = &self->raster;

  box[0] = box[1] = G_MAXDOUBLE;
  box[2] = box[3] = -G_MAXDOUBLE;
  for (guint i = 0; i < self->path->len; i++)
    {
      const PathOp *op = &g_array_index (self->path, PathOp, i);
      const double *v = op->v;

      switch (op->kind)
        {
        case OP_CIRCLE:
          add_to_box (v[0] - v[2], v[1] - v[2], box);
          add_to_box (v[0] + v[2], v[1] + v[2], box);
          break;
        case OP_RECT:
          add_to_box (v[0], v[1], box);
          add_to_box (v[0] + v[2], v[1] + v[3], box);
          break;
        case OP_CURVE_TO:
          add_to_box (v[2], v[3], box);
          add_to_box (v[4], v[5], box);
          G_GNUC_FALLTHROUGH;
        case OP_MOVE_TO:
        case OP_LINE_TO:
          add_to_box (v[0], v[1], box);
          break;
        case OP_CLOSE_PATH:
        default:
          break;
        }
    }

  for (guint i = 0; i < 4; i++)
    box[i] = box[i] * raster->scale + (i % 2 == 0 ? raster->offset_x : raster->offset_y);
}

static void
append_quantized (GByteArray *key,
                  double      value)
{
  gint32 q = (gint32) lround (value * STAMP_STEPS);

  g_byte_array_append (key, (const guint8 *) &q, sizeof q);
}

static void
append_position (GByteArray *key,
                 double      value,
                 double      steps)
{
  gint32 q = (gint32) lround (value * steps);

  g_byte_array_append (key, (const guint8 *) &q, sizeof q);
}

/* Draws the path with a stamp; FALSE when it is not one for stamps. */
static gboolean
stamp_path (AmCairoPainter *self,
            AmPaintFlags    flags)
{
  const Raster *raster = &self->raster;
  g_autoptr(GByteArray) key = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *stamp;
  double box[4], margin = 0, steps;
  int left, top;

  /* Pixels must line up with the surface's, one for one. */
  if (!raster->usable || raster->scale != 1.0 ||
      raster->offset_x != floor (raster->offset_x) || raster->offset_y != floor (raster->offset_y) ||
      !(flags & AM_PAINT_FILL) || self->stroke.n_dashes > 0 || self->path->len > MAX_STAMP_OPS)
    return FALSE;

  if (flags & AM_PAINT_STROKE)
    margin = self->stroke.width / 2 + 1;
  path_pixel_box (self, box);
  if (!(box[2] - box[0] + 2 * margin <= MAX_STAMP_SIZE &&
        box[3] - box[1] + 2 * margin <= MAX_STAMP_SIZE))
    return FALSE;

  steps = MAX (box[2] - box[0], box[3] - box[1]) + 2 * margin > BIG_STAMP_SIZE ? BIG_STAMP_STEPS
                                                                                 : STAMP_STEPS;
  left = (int) floor (box[0] - margin) - 1;
  top = (int) floor (box[1] - margin) - 1;

  key = g_byte_array_sized_new (256);
  g_byte_array_append (key, (const guint8 *) &flags, sizeof flags);
  append_quantized (key, self->fill.colour.red * 32);
  append_quantized (key, self->fill.colour.green * 32);
  append_quantized (key, self->fill.colour.blue * 32);
  append_quantized (key, self->fill.colour.alpha * 32);
  if (flags & AM_PAINT_STROKE)
    {
      append_quantized (key, self->stroke.colour.red * 32);
      append_quantized (key, self->stroke.colour.green * 32);
      append_quantized (key, self->stroke.colour.blue * 32);
      append_quantized (key, self->stroke.colour.alpha * 32);
      append_quantized (key, self->stroke.width);
    }
  for (guint i = 0; i < self->path->len; i++)
    {
      const PathOp *op = &g_array_index (self->path, PathOp, i);
      guint8 kind = (guint8) op->kind;

      g_byte_array_append (key, &kind, 1);
      for (guint k = 0; k < 6; k++)
        {
          /* Points relative to the stamp's corner; sizes as they are. */
          gboolean is_size = (op->kind == OP_CIRCLE && k >= 2) || (op->kind == OP_RECT && k >= 2);
          double origin = is_size ? 0 : k % 2 == 0 ? left - raster->offset_x
                                                   : top - raster->offset_y;

          if (is_size)
            append_quantized (key, op->v[k]);
          else
            append_position (key, op->v[k] - origin, steps);
        }
    }
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&key));

  stamp = g_hash_table_lookup (self->stamps, bytes);
  if (stamp == NULL)
    {
      int size = (int) ceil (MAX (box[2] - left, box[3] - top) + margin) + 2;
      cairo_t *cr;

      stamp = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
      cr = cairo_create (stamp);
      cairo_translate (cr, raster->offset_x - left, raster->offset_y - top);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      replay (cr, self->path);
      set_source (cr, &self->fill.colour);
      cairo_fill_preserve (cr);
      if (flags & AM_PAINT_STROKE)
        {
          apply_stroke_state (cr, &self->stroke);
          cairo_stroke (cr);
        }
      cairo_destroy (cr);
      g_hash_table_insert (self->stamps, g_bytes_ref (bytes), stamp);
    }

  cairo_set_source_surface (self->cr, stamp, left - raster->offset_x, top - raster->offset_y);
  cairo_rectangle (self->cr, left - raster->offset_x, top - raster->offset_y,
                   cairo_image_surface_get_width (stamp), cairo_image_surface_get_height (stamp));
  cairo_fill (self->cr);
  return TRUE;
}

/* Vtable */

static void
cairo_painter_begin_group (AmPainter  *painter,
                           const char *css_class,
                           const char *id,
                           const char *title)
{
}

static void
cairo_painter_end_group (AmPainter *painter)
{
}

static void
cairo_painter_set_fill (AmPainter      *painter,
                        const AmColour *colour)
{
  SELF (painter)->fill.colour = *colour;
}

static void
cairo_painter_set_stroke (AmPainter      *painter,
                          const AmColour *colour,
                          double          width)
{
  AmCairoPainter *self = SELF (painter);

  self->stroke.colour = *colour;
  self->stroke.width = isfinite (width) && width > 0 ? width : 1.0;
}

static void
cairo_painter_set_dash (AmPainter    *painter,
                        const double *dashes,
                        guint         n_dashes)
{
  AmCairoPainter *self = SELF (painter);
  gboolean all_zero = TRUE;

  self->stroke.n_dashes = 0;
  if (dashes == NULL)
    return;

  for (guint i = 0; i < MIN (n_dashes, MAX_DASHES); i++)
    {
      if (!isfinite (dashes[i]) || dashes[i] < 0)
        {
          self->stroke.n_dashes = 0;
          return;
        }
      all_zero = all_zero && dashes[i] == 0;
      self->stroke.dashes[self->stroke.n_dashes++] = dashes[i];
    }

  /* Cairo refuses a pattern that is all gaps. */
  if (all_zero)
    self->stroke.n_dashes = 0;
}

static void
cairo_painter_move_to (AmPainter *painter,
                       double     x,
                       double     y)
{
  add_op (SELF (painter), OP_MOVE_TO, x, y, 0, 0, 0, 0);
}

static void
cairo_painter_line_to (AmPainter *painter,
                       double     x,
                       double     y)
{
  add_op (SELF (painter), OP_LINE_TO, x, y, 0, 0, 0, 0);
}

static void
cairo_painter_curve_to (AmPainter *painter,
                        double     x1,
                        double     y1,
                        double     x2,
                        double     y2,
                        double     x3,
                        double     y3)
{
  add_op (SELF (painter), OP_CURVE_TO, x1, y1, x2, y2, x3, y3);
}

static void
cairo_painter_close_path (AmPainter *painter)
{
  add_op (SELF (painter), OP_CLOSE_PATH, 0, 0, 0, 0, 0, 0);
}

static void
cairo_painter_circle (AmPainter *painter,
                      double     cx,
                      double     cy,
                      double     radius)
{
  add_op (SELF (painter), OP_CIRCLE, cx, cy, MAX (radius, 0), 0, 0, 0);
}

static void
cairo_painter_rect (AmPainter *painter,
                    double     x,
                    double     y,
                    double     width,
                    double     height,
                    double     radius)
{
  add_op (SELF (painter), OP_RECT, x, y, MAX (width, 0), MAX (height, 0), MAX (radius, 0), 0);
}

static void
cairo_painter_paint (AmPainter    *painter,
                     AmPaintFlags  flags)
{
  AmCairoPainter *self = SELF (painter);
  cairo_t *cr = self->cr;
  AmPaintFlags hints = flags & (AM_PAINT_ROUGH | AM_PAINT_STAMP);

  /* Stamps are told apart by what is painted, not by the hints. */
  flags &= AM_PAINT_FILL | AM_PAINT_STROKE;

  if (!self->path_valid || self->path->len == 0)
    {
      clear_path (self);
      return;
    }

  if (flags == AM_PAINT_STROKE && fast_stroke (self, (hints & AM_PAINT_ROUGH) != 0))
    {
      clear_path (self);
      return;
    }

  if ((hints & AM_PAINT_STAMP) && stamp_path (self, flags))
    {
      clear_path (self);
      return;
    }

  cairo_new_path (cr);
  replay (cr, self->path);
  if (flags & AM_PAINT_FILL)
    {
      set_source (cr, &self->fill.colour);
      if (flags & AM_PAINT_STROKE)
        cairo_fill_preserve (cr);
      else
        cairo_fill (cr);
    }
  if (flags & AM_PAINT_STROKE)
    {
      apply_stroke_state (cr, &self->stroke);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);

  clear_path (self);
}

/* Text */

static void
update_font (AmCairoPainter *self,
             double          size,
             int             weight)
{
  if (size == self->font_size && weight == self->font_weight)
    return;

  /* An absolute size is in user units, so text scales with the drawing
   * exactly like shapes do. */
  pango_font_description_set_absolute_size (self->font, size * PANGO_SCALE);
  pango_font_description_set_weight (self->font, (PangoWeight) weight);
  pango_layout_set_font_description (self->layout, self->font);
  self->font_size = size;
  self->font_weight = weight;
}

/* Outlining the glyphs is the proper halo, but Cairo takes a fifth of a
 * millisecond for each label that way. A thin halo is as well made from
 * copies of the text around a small circle, which come from the glyph
 * cache; only a wide one (large text) needs the outline. */
static void
draw_halo (AmCairoPainter *self,
           double          left,
           double          top,
           const AmColour *halo,
           double          width)
{
  cairo_t *cr = self->cr;
  double radius = width / 2;
  double radius_pixels = radius * self->parent.resolution;

  set_source (cr, halo);

  if (radius_pixels <= MAX_COPIED_HALO)
    {
      int n = (int) CLAMP (ceil (2 * G_PI * radius_pixels / 1.5), 8, 16);

      for (int k = 0; k < n; k++)
        {
          double angle = 2 * G_PI * k / n;

          cairo_move_to (cr, left + radius * cos (angle), top + radius * sin (angle));
          pango_cairo_show_layout (cr, self->layout);
        }
      return;
    }

  cairo_move_to (cr, left, top);
  pango_cairo_layout_path (cr, self->layout);
  cairo_set_line_width (cr, width);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_stroke (cr);
}

/* Small text at a fixed size: unhinted glyphs at fractional positions
 * land on whole pixels unevenly in Cairo's raster, which breaks words
 * apart; hinted ones on whole pixels read as the desktop's own text. */
static void
crisp_text (AmCairoPainter *self,
            double          x,
            double          y,
            const char     *text,
            double          size,
            int             weight,
            AmTextAnchor    anchor)
{
  cairo_t *cr = self->cr;
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (self->font);
  PangoRectangle logical;
  double left, top;

  if (self->crisp_layout == NULL)
    {
      cairo_font_options_t *options = cairo_font_options_create ();
      PangoContext *context;

      self->crisp_layout = pango_cairo_create_layout (cr);
      context = pango_layout_get_context (self->crisp_layout);
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_ON);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
      cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
      pango_cairo_context_set_font_options (context, options);
      cairo_font_options_destroy (options);
      pango_context_set_round_glyph_positions (context, TRUE);
      pango_layout_context_changed (self->crisp_layout);
    }

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, (PangoWeight) weight);
  pango_layout_set_font_description (self->crisp_layout, font);
  pango_layout_set_text (self->crisp_layout, valid, -1);
  pango_layout_get_extents (self->crisp_layout, NULL, &logical);

  left = x - (double) logical.x / PANGO_SCALE;
  if (anchor == AM_TEXT_ANCHOR_MIDDLE)
    left -= (double) logical.width / PANGO_SCALE / 2;
  else if (anchor == AM_TEXT_ANCHOR_END)
    left -= (double) logical.width / PANGO_SCALE;
  top = y - (double) pango_layout_get_baseline (self->crisp_layout) / PANGO_SCALE;

  /* Whole pixels, so that the hinting is not undone. */
  cairo_user_to_device (cr, &left, &top);
  left = round (left);
  top = round (top);
  cairo_device_to_user (cr, &left, &top);

  cairo_new_path (cr);
  cairo_move_to (cr, left, top);
  set_source (cr, &self->fill.colour);
  pango_cairo_show_layout (cr, self->crisp_layout);
  cairo_new_path (cr);
}

static void
cairo_painter_text (AmPainter      *painter,
                    double          x,
                    double          y,
                    const char     *text,
                    double          size,
                    int             weight,
                    AmTextAnchor    anchor,
                    const AmColour *halo,
                    double          halo_width)
{
  AmCairoPainter *self = SELF (painter);
  cairo_t *cr = self->cr;
  PangoRectangle logical;
  double left, top;

  if (text == NULL || *text == '\0' || !(size > 0.1) || size > 1e5 ||
      !isfinite (x) || !isfinite (y))
    return;

  if (painter->crisp_text)
    {
      crisp_text (self, x, y, text, size, weight, anchor);
      return;
    }

  update_font (self, size, weight);
  if (G_LIKELY (g_utf8_validate (text, -1, NULL)))
    {
      pango_layout_set_text (self->layout, text, -1);
    }
  else
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);

      pango_layout_set_text (self->layout, valid, -1);
    }
  pango_layout_get_extents (self->layout, NULL, &logical);

  left = x - (double) logical.x / PANGO_SCALE;
  if (anchor == AM_TEXT_ANCHOR_MIDDLE)
    left -= (double) logical.width / PANGO_SCALE / 2;
  else if (anchor == AM_TEXT_ANCHOR_END)
    left -= (double) logical.width / PANGO_SCALE;
  top = y - (double) pango_layout_get_baseline (self->layout) / PANGO_SCALE;

  cairo_new_path (cr);
  if (halo != NULL && halo_width > 0 && size * painter->resolution >= MIN_HALO_SIZE)
    draw_halo (self, left, top, halo, halo_width);

  cairo_move_to (cr, left, top);
  set_source (cr, &self->fill.colour);
  pango_cairo_show_layout (cr, self->layout);
  cairo_new_path (cr);
}

static void
cairo_painter_rotated_text (AmPainter      *painter,
                            double          x,
                            double          y,
                            double          angle,
                            const char     *text,
                            double          size,
                            int             weight,
                            AmTextAnchor    anchor,
                            const AmColour *halo,
                            double          halo_width)
{
  AmCairoPainter *self = SELF (painter);
  gboolean crisp = painter->crisp_text;

  if (!isfinite (x) || !isfinite (y) || !isfinite (angle))
    return;

  if (angle == 0)
    {
      cairo_painter_text (painter, x, y, text, size, weight, anchor, halo, halo_width);
      return;
    }

  cairo_save (self->cr);
  cairo_translate (self->cr, x, y);
  cairo_rotate (self->cr, angle);
  /* Glyphs snapped to whole pixels only help text that runs along them. */
  painter->crisp_text = FALSE;
  cairo_painter_text (painter, 0, 0, text, size, weight, anchor, halo, halo_width);
  painter->crisp_text = crisp;
  cairo_restore (self->cr);
}

static void
cairo_painter_free (AmPainter *painter)
{
  AmCairoPainter *self = SELF (painter);

  cairo_restore (self->cr);

  g_array_unref (self->path);
  g_hash_table_unref (self->stamps);
  g_clear_object (&self->layout);
  g_clear_object (&self->crisp_layout);
  pango_font_description_free (self->font);
  cairo_destroy (self->cr);
  g_free (self);
}

static const AmPainterClass cairo_painter_class = {
  cairo_painter_begin_group,
  cairo_painter_end_group,
  cairo_painter_set_fill,
  cairo_painter_set_stroke,
  cairo_painter_set_dash,
  cairo_painter_move_to,
  cairo_painter_line_to,
  cairo_painter_curve_to,
  cairo_painter_close_path,
  cairo_painter_circle,
  cairo_painter_rect,
  cairo_painter_paint,
  cairo_painter_text,
  cairo_painter_rotated_text,
  cairo_painter_free,
};

static double
painter_resolution (cairo_t *cr)
{
  cairo_matrix_t matrix;
  double scale_x, scale_y, resolution;

  cairo_get_matrix (cr, &matrix);
  cairo_surface_get_device_scale (cairo_get_group_target (cr), &scale_x, &scale_y);
  resolution = sqrt (fabs (matrix.xx * matrix.yy - matrix.xy * matrix.yx)) *
               sqrt (scale_x * scale_y);

  return isfinite (resolution) && resolution > 0 ? resolution : 1.0;
}

gboolean
am_painter_begin_pixels (AmPainter       *painter,
                         AmPainterPixels *pixels)
{
  const Raster *raster;

  g_return_val_if_fail (painter != NULL, FALSE);
  g_return_val_if_fail (pixels != NULL, FALSE);

  if (painter->klass != &cairo_painter_class)
    return FALSE;

  raster = &SELF (painter)->raster;
  if (!raster->usable || cairo_image_surface_get_data (raster->surface) == NULL)
    return FALSE;

  /* Whatever Cairo still holds for the surface must land first. */
  cairo_surface_flush (raster->surface);
  pixels->data = cairo_image_surface_get_data (raster->surface);
  pixels->stride = cairo_image_surface_get_stride (raster->surface);
  pixels->has_alpha = raster->has_alpha;
  pixels->scale = raster->scale;
  pixels->offset_x = raster->offset_x;
  pixels->offset_y = raster->offset_y;
  pixels->x0 = (int) raster->clip_x0;
  pixels->y0 = (int) raster->clip_y0;
  pixels->x1 = (int) raster->clip_x1;
  pixels->y1 = (int) raster->clip_y1;
  return TRUE;
}

void
am_painter_end_pixels (AmPainter *painter)
{
  g_return_if_fail (painter != NULL && painter->klass == &cairo_painter_class);

  cairo_surface_mark_dirty (SELF (painter)->raster.surface);
}

AmPainter *
am_cairo_painter_new (cairo_t *cr)
{
  AmCairoPainter *self;
  cairo_font_options_t *options;
  PangoContext *context;

  g_return_val_if_fail (cr != NULL, NULL);

  self = g_new0 (AmCairoPainter, 1);
  self->parent.klass = &cairo_painter_class;
  self->parent.wants_metadata = FALSE;
  self->parent.scalable = FALSE;
  self->parent.resolution = painter_resolution (cr);
  self->cr = cairo_reference (cr);
  self->path = g_array_sized_new (FALSE, FALSE, sizeof (PathOp), 64);
  self->stamps = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                        (GDestroyNotify) g_bytes_unref,
                                        (GDestroyNotify) cairo_surface_destroy);
  self->path_valid = TRUE;
  self->fill.colour = (AmColour) { 0, 0, 0, 1 };
  self->stroke.colour = (AmColour) { 0, 0, 0, 1 };
  self->stroke.width = 1.0;

  /* The caller's path, dash and line settings are left as they were. */
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  self->layout = pango_cairo_create_layout (cr);
  context = pango_layout_get_context (self->layout);
  /* Hinted metrics would make labels change width from one zoom level to
   * the next, and differ from the SVG. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_layout_context_changed (self->layout);

  self->font = pango_font_description_from_string (AM_STYLE_FONT_FAMILY);
  self->font_size = -1;
  self->font_weight = -1;

  raster_init (&self->raster, cr);

  return &self->parent;
}

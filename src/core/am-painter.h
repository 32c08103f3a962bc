/* am-painter.h: the drawing operations the renderer needs, behind a table
 * of functions, so that one drawing routine serves Cairo and SVG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "am-style.h"

G_BEGIN_DECLS

typedef enum
{
  AM_TEXT_ANCHOR_START,
  AM_TEXT_ANCHOR_MIDDLE,
  AM_TEXT_ANCHOR_END,
} AmTextAnchor;

typedef enum
{
  AM_PAINT_FILL   = 1 << 0,
  AM_PAINT_STROKE = 1 << 1,
  /* What follows are hints for a raster, which other painters ignore.
   * Lines of a pixel or less may be drawn without antialiasing: far out,
   * where thousands of them make a texture and no one line is looked
   * at. */
  AM_PAINT_ROUGH  = 1 << 2,
  /* A small filled shape may be placed to an eighth of a pixel, drawn
   * once and copied: for the many nodes of a frame with level of
   * detail. */
  AM_PAINT_STAMP  = 1 << 3,
} AmPaintFlags;

typedef struct _AmPainter AmPainter;

/* Coordinates are device units. A path is built with move_to … close_path,
 * circle and rect, then painted with paint(), which also clears it. Lines
 * have round caps and joins. */
typedef struct
{
  /* Groups carry what an SVG reader sees: @css_class, a unique @id
   * (made valid and unique by the painter) and a @title. */
  void (*begin_group) (AmPainter      *self,
                       const char     *css_class,
                       const char     *id,
                       const char     *title);
  void (*end_group)   (AmPainter      *self);

  void (*set_fill)    (AmPainter      *self,
                       const AmColour *colour);
  void (*set_stroke)  (AmPainter      *self,
                       const AmColour *colour,
                       double          width);
  /* @dashes in device units; NULL or 0 for a solid line. */
  void (*set_dash)    (AmPainter      *self,
                       const double   *dashes,
                       guint           n_dashes);

  void (*move_to)     (AmPainter      *self,
                       double          x,
                       double          y);
  void (*line_to)     (AmPainter      *self,
                       double          x,
                       double          y);
  void (*curve_to)    (AmPainter      *self,
                       double          x1,
                       double          y1,
                       double          x2,
                       double          y2,
                       double          x3,
                       double          y3);
  void (*close_path)  (AmPainter      *self);
  void (*circle)      (AmPainter      *self,
                       double          cx,
                       double          cy,
                       double          radius);
  void (*rect)        (AmPainter      *self,
                       double          x,
                       double          y,
                       double          width,
                       double          height,
                       double          radius);
  void (*paint)       (AmPainter      *self,
                       AmPaintFlags    flags);

  /* One line of @text in the fill colour; @y is the baseline. A @halo
   * colour draws an outline of @halo_width behind the glyphs. */
  void (*text)        (AmPainter      *self,
                       double          x,
                       double          y,
                       const char     *text,
                       double          size,
                       int             weight,
                       AmTextAnchor    anchor,
                       const AmColour *halo,
                       double          halo_width);
  /* As text(), turned by @angle radians about (@x, @y): clockwise on
   * the screen, whose y axis points down. The text stays text. */
  void (*rotated_text) (AmPainter     *self,
                        double         x,
                        double         y,
                        double         angle,
                        const char    *text,
                        double         size,
                        int            weight,
                        AmTextAnchor   anchor,
                        const AmColour *halo,
                        double         halo_width);

  void (*free)        (AmPainter      *self);
} AmPainterClass;

struct _AmPainter
{
  const AmPainterClass *klass;
  /* TRUE when groups, ids and titles are kept, so that callers can skip
   * building them for painters that throw them away. */
  gboolean              wants_metadata;
  /* TRUE when the output is scaled by its reader later (SVG), so that
   * details are not dropped for being small. */
  gboolean              scalable;
  /* Pixels per device unit, for deciding what is too small to draw. */
  double                resolution;
  /* Set by the caller around text of a fixed size on screen: glyphs on
   * whole pixels, hinted, for the sharpest small text; painters that
   * scale ignore it. */
  gboolean              crisp_text;
};

/* A raster painter's pixels, to be written straight into where many
 * small marks would cost more as paths: premultiplied ARGB32 (RGB24
 * without @has_alpha), device unit (x, y) at pixel (scale * x +
 * offset_x, scale * y + offset_y), pixels [x0, x1) × [y0, y1) inside the
 * clip. */
typedef struct
{
  guint8  *data;
  int      stride;
  gboolean has_alpha;
  double   scale;
  double   offset_x;
  double   offset_y;
  int      x0, y0, x1, y1;
} AmPainterPixels;

/* FALSE when @painter has no pixels to write to, or not plainly (a
 * turned or clipped view): it must be drawn on as usual. Otherwise the
 * pixels are the caller's until am_painter_end_pixels(). */
gboolean   am_painter_begin_pixels (AmPainter       *painter,
                                    AmPainterPixels *pixels);
void       am_painter_end_pixels   (AmPainter       *painter);

/* Draws on @cr, text with PangoCairo. @cr is referenced. Shapes of the
 * same style are drawn together, so the drawing is only complete once
 * the painter is freed. */
AmPainter *am_cairo_painter_new   (cairo_t        *cr);

/* Writes an SVG 1.1 document of @width × @height (in @unit, "pt" or "px"
 * or NULL for user units) to @stream, buffered: call
 * am_svg_painter_finish() to close the document and learn whether all of
 * it was written. The stream is referenced and not closed. */
AmPainter *am_svg_painter_new     (GOutputStream  *stream,
                                   double          width,
                                   double          height,
                                   const char     *unit,
                                   const char     *title);
gboolean   am_svg_painter_finish  (AmPainter      *painter,
                                   GError        **error);

static inline void
am_painter_begin_group (AmPainter  *self,
                        const char *css_class,
                        const char *id,
                        const char *title)
{
  self->klass->begin_group (self, css_class, id, title);
}

static inline void
am_painter_end_group (AmPainter *self)
{
  self->klass->end_group (self);
}

static inline void
am_painter_set_fill (AmPainter      *self,
                     const AmColour *colour)
{
  self->klass->set_fill (self, colour);
}

static inline void
am_painter_set_stroke (AmPainter      *self,
                       const AmColour *colour,
                       double          width)
{
  self->klass->set_stroke (self, colour, width);
}

static inline void
am_painter_set_dash (AmPainter    *self,
                     const double *dashes,
                     guint         n_dashes)
{
  self->klass->set_dash (self, dashes, n_dashes);
}

static inline void
am_painter_move_to (AmPainter *self,
                    double     x,
                    double     y)
{
  self->klass->move_to (self, x, y);
}

static inline void
am_painter_line_to (AmPainter *self,
                    double     x,
                    double     y)
{
  self->klass->line_to (self, x, y);
}

static inline void
am_painter_curve_to (AmPainter *self,
                     double     x1,
                     double     y1,
                     double     x2,
                     double     y2,
                     double     x3,
                     double     y3)
{
  self->klass->curve_to (self, x1, y1, x2, y2, x3, y3);
}

static inline void
am_painter_close_path (AmPainter *self)
{
  self->klass->close_path (self);
}

static inline void
am_painter_circle (AmPainter *self,
                   double     cx,
                   double     cy,
                   double     radius)
{
  self->klass->circle (self, cx, cy, radius);
}

static inline void
am_painter_rect (AmPainter *self,
                 double     x,
                 double     y,
                 double     width,
                 double     height,
                 double     radius)
{
  self->klass->rect (self, x, y, width, height, radius);
}

static inline void
am_painter_paint (AmPainter    *self,
                  AmPaintFlags  flags)
{
  self->klass->paint (self, flags);
}

static inline void
am_painter_text (AmPainter      *self,
                 double          x,
                 double          y,
                 const char     *text,
                 double          size,
                 int             weight,
                 AmTextAnchor    anchor,
                 const AmColour *halo,
                 double          halo_width)
{
  self->klass->text (self, x, y, text, size, weight, anchor, halo, halo_width);
}

static inline void
am_painter_rotated_text (AmPainter      *self,
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
  self->klass->rotated_text (self, x, y, angle, text, size, weight, anchor, halo, halo_width);
}

static inline void
am_painter_free (AmPainter *self)
{
  if (self != NULL)
    self->klass->free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmPainter, am_painter_free)

G_END_DECLS

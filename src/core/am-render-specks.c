/* am-render-specks.c: nodes a pixel or so across, written straight into
 * the pixels of a frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Seen whole, a large map's nodes are specks: small filled squares, a
 * hundred thousand of them. As paths, Cairo takes a good share of a
 * frame to fill them; here each one adds the colour to the few pixels
 * it covers, weighed by how much of each it covers, as Cairo's
 * antialiasing would.
 */

#include "config.h"

#include <math.h>

#include "am-render-private.h"

void
am_render_speck_ink_init (SpeckInk       *ink,
                          const AmColour *colour)
{
  ink->red = (guint) (CLAMP (colour->red, 0, 1) * 255 + 0.5);
  ink->green = (guint) (CLAMP (colour->green, 0, 1) * 255 + 0.5);
  ink->blue = (guint) (CLAMP (colour->blue, 0, 1) * 255 + 0.5);
  ink->alpha = CLAMP (colour->alpha, 0, 1);
}

/* @value / 255, rounded, for @value up to 255 × 255. */
static inline guint
div_255 (guint value)
{
  value += 128;
  return (value + (value >> 8)) >> 8;
}

/* The ink over one pixel, premultiplied, with weight @k out of 255. */
static inline void
blend_pixel (const AmPainterPixels *pixels,
             const SpeckInk        *ink,
             int                    x,
             int                    y,
             guint                  k)
{
  guint32 *pixel = (guint32 *) (gpointer) (pixels->data + (gsize) y * pixels->stride) + x;
  guint32 d = *pixel;
  guint keep = 255 - k;
  guint a = pixels->has_alpha ? k + div_255 ((d >> 24) * keep) : 255;
  guint r = div_255 (ink->red * k + ((d >> 16) & 0xff) * keep);
  guint g = div_255 (ink->green * k + ((d >> 8) & 0xff) * keep);
  guint b = div_255 (ink->blue * k + (d & 0xff) * keep);

  *pixel = (guint32) a << 24 | r << 16 | g << 8 | b;
}

void
am_render_paint_speck (const AmPainterPixels *pixels,
                       const SpeckInk        *ink,
                       double                 cx,
                       double                 cy,
                       double                 size)
{
  double half = size * pixels->scale / 2;
  double x = cx * pixels->scale + pixels->offset_x;
  double y = cy * pixels->scale + pixels->offset_y;
  double left = x - half, right = x + half, top = y - half, bottom = y + half;
  int first_column, end_column, first_row, end_row;

  if (!(right > pixels->x0 && left < pixels->x1 && bottom > pixels->y0 && top < pixels->y1))
    return;

  first_column = MAX ((int) floor (left), pixels->x0);
  end_column = MIN ((int) ceil (right), pixels->x1);
  first_row = MAX ((int) floor (top), pixels->y0);
  end_row = MIN ((int) ceil (bottom), pixels->y1);

  /* A square's cover of a pixel is the product of its covers of the
   * pixel's column and row. */
  for (int row = first_row; row < end_row; row++)
    {
      double height = MIN (bottom, row + 1.0) - MAX (top, (double) row);

      for (int column = first_column; column < end_column; column++)
        {
          double width = MIN (right, column + 1.0) - MAX (left, (double) column);
          guint k = (guint) (width * height * ink->alpha * 255 + 0.5);

          if (k > 0)
            blend_pixel (pixels, ink, column, row, MIN (k, 255));
        }
    }
}

/* am-layout-aspect.c: a component turned to the shape of the canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The forces leave a component in whatever orientation it settled in,
 * often a blob longer one way than the other at some slant. A canvas is
 * wider than it is high (or, in a narrow window, higher than wide), so a
 * component whose long axis runs along the canvas's long side fills it
 * with less empty space around. Turning the drawing changes no distance
 * between nodes, and so none of what makes a layout good. Components
 * apart from the main one are packed in rows to the same shape.
 */

#include "config.h"

#include <math.h>

#include "am-layout-private.h"

/* Turned only when the long axis is this much longer than the short one
 * (as standard deviations): a rounder component fills any canvas alike. */
#define MIN_ELONGATION 1.1

/* Row widths tried when packing components. */
#define PACKING_TRIES 64

void
am_layout_orient_level (Level  *level,
                        double  aspect)
{
  double mean_x = 0, mean_y = 0, xx = 0, yy = 0, xy = 0;
  double spread, longer, shorter, axis, turn, c, s;

  if (level->n < 3)
    return;

  for (guint i = 0; i < level->n; i++)
    {
      mean_x += level->x[i];
      mean_y += level->y[i];
    }
  mean_x /= level->n;
  mean_y /= level->n;

  for (guint i = 0; i < level->n; i++)
    {
      double dx = level->x[i] - mean_x, dy = level->y[i] - mean_y;

      xx += dx * dx;
      yy += dy * dy;
      xy += dx * dy;
    }

  /* A round cloud has no long axis worth turning by: turned, it would
   * fill the canvas no better, only come out different. */
  spread = hypot (xx - yy, 2 * xy);
  longer = xx + yy + spread;    /* twice the covariance's eigenvalues */
  shorter = xx + yy - spread;
  if (!(longer > 0) || shorter * MIN_ELONGATION * MIN_ELONGATION > longer)
    return;

  /* The direction of the principal axis, the covariance's larger
   * eigenvector, within ±π/2; turned onto the x axis for a wide canvas
   * and onto the y axis for a tall one. */
  axis = atan2 (2 * xy, xx - yy) / 2;
  turn = (aspect >= 1 ? 0 : G_PI / 2) - axis;
  c = cos (turn);
  s = sin (turn);

  for (guint i = 0; i < level->n; i++)
    {
      double dx = level->x[i] - mean_x, dy = level->y[i] - mean_y;

      level->x[i] = mean_x + dx * c - dy * s;
      level->y[i] = mean_y + dx * s + dy * c;
    }
}

/* The size of the picture when components of @sizes (width and height
 * pairs, in the order they are packed) fill rows up to @row_width, as
 * pack_components() in am-layout.c fills them. */
static void
rows_extent (const double *sizes,
             guint         n,
             double        gap,
             double        row_width,
             double       *width,
             double       *height)
{
  *width = 0;
  *height = 0;

  for (guint start = 0, end; start < n; start = end)
    {
      double w = sizes[2 * start], h = sizes[2 * start + 1];

      for (end = start + 1; end < n && w + gap + sizes[2 * end] <= row_width; end++)
        {
          w += gap + sizes[2 * end];
          h = MAX (h, sizes[2 * end + 1]);
        }
      *width = MAX (*width, w);
      *height += h + (start > 0 ? gap : 0);
    }
}

double
am_layout_packing_width (const double *sizes,
                         guint         n,
                         double        gap,
                         double        aspect)
{
  double widest = 0, total = 0, best_width = 0, best_size = G_MAXDOUBLE;

  for (guint c = 0; c < n; c++)
    {
      widest = MAX (widest, sizes[2 * c]);
      total += sizes[2 * c] + (c > 0 ? gap : 0);
    }

  /* Row widths from one component a row to all in one, each row ending
   * where a component would not fit; the one drawn largest on a canvas
   * of @aspect wins, the narrowest of equals. */
  for (guint k = 0; k <= PACKING_TRIES; k++)
    {
      double row_width = widest * pow (MAX (total, widest) / MAX (widest, 1e-9),
                                       (double) k / PACKING_TRIES);
      double width, height, size;

      rows_extent (sizes, n, gap, row_width, &width, &height);
      /* The side that limits the scale on the canvas. */
      size = MAX (width / aspect, height);
      if (size < best_size * (1 - 1e-9))
        {
          best_size = size;
          best_width = row_width;
        }
    }

  return MAX (best_width, widest);
}

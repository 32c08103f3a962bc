/* am-geometry.c: line clipping shared by the renderer and the painters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "am-geometry.h"

/* Liang and Barsky: the segment is x0 + t·dx for t in [0, 1], and each
 * side of the rectangle narrows the range of t inside it. */
gboolean
am_geometry_clip_segment (double  left,
                          double  top,
                          double  right,
                          double  bottom,
                          double *x0,
                          double *y0,
                          double *x1,
                          double *y1)
{
  double dx = *x1 - *x0, dy = *y1 - *y0;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { *x0 - left, right - *x0, *y0 - top, bottom - *y0 };
  double t0 = 0, t1 = 1;

  for (guint i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          /* Parallel to this side: wholly outside it, or no limit. */
          if (q[i] < 0)
            return FALSE;
        }
      else if (p[i] < 0)
        {
          t0 = MAX (t0, q[i] / p[i]);
        }
      else
        {
          t1 = MIN (t1, q[i] / p[i]);
        }
    }

  if (t0 > t1)
    return FALSE;

  *x1 = *x0 + t1 * dx;
  *y1 = *y0 + t1 * dy;
  *x0 = *x0 + t0 * dx;
  *y0 = *y0 + t0 * dy;
  return TRUE;
}

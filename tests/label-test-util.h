/* label-test-util.h: what the label tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include "am-render.h"

/* Whether two placed labels overlap, captions turned as drawn: they do
 * unless one of the four sides' directions parts them. */
static inline gboolean
labels_meet (const AmLabelBox *a,
             const AmLabelBox *b)
{
  const AmLabelBox *boxes[2] = { a, b };
  double cx[2], cy[2], c[2], s[2], half[2][2];

  for (guint k = 0; k < 2; k++)
    {
      gboolean turned = boxes[k]->edge != G_MAXUINT32 && boxes[k]->along > 0;

      cx[k] = boxes[k]->x + boxes[k]->width / 2;
      cy[k] = boxes[k]->y + boxes[k]->height / 2;
      c[k] = turned ? cos (boxes[k]->angle) : 1;
      s[k] = turned ? sin (boxes[k]->angle) : 0;
      half[k][0] = (turned ? boxes[k]->along : boxes[k]->width) / 2;
      half[k][1] = (turned ? boxes[k]->across : boxes[k]->height) / 2;
    }

  for (guint k = 0; k < 2; k++)
    for (guint axis = 0; axis < 2; axis++)
      {
        double ux = axis == 0 ? c[k] : -s[k], uy = axis == 0 ? s[k] : c[k];
        double reach = 0;

        for (guint m = 0; m < 2; m++)
          reach += half[m][0] * fabs (ux * c[m] + uy * s[m]) +
                   half[m][1] * fabs (-ux * s[m] + uy * c[m]);
        /* Touching within a rounding error is not overlapping. */
        if (fabs ((cx[1] - cx[0]) * ux + (cy[1] - cy[0]) * uy) >= reach - 1e-6)
          return FALSE;
      }

  return TRUE;
}

/* am-geometry.h: limits of the map's geometry that the renderer, the
 * painters and the spatial index must agree on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include <glib.h>

#include "am-style.h"

G_BEGIN_DECLS

/* Positions this far out, in world units, are as good as none; the
 * GraphML reader refuses them too. */
#define AM_GEOMETRY_MAX_POSITION 1e9

/* A label of AM_STYLE_LABEL_MAX_CHARS wide characters is about this
 * long, in world units: the width assumed for a label never measured. */
#define AM_GEOMETRY_LONGEST_LABEL (AM_STYLE_LABEL_MAX_CHARS * AM_STYLE_LABEL_SIZE * 0.65)

/* How far below a node's shape its label may reach, in world units,
 * when it was never measured: the gap and two lines of text. */
#define AM_GEOMETRY_LABEL_DEPTH (AM_STYLE_LABEL_GAP + 2 * AM_STYLE_LABEL_SIZE)

/* How far the curves of parallel edges and the loops of a node reach out
 * of the line between the edge's nodes: this many world units plus this
 * many device units. Culling and picking leave them that much room. */
#define AM_GEOMETRY_EDGE_REACH        60.0
#define AM_GEOMETRY_EDGE_REACH_DEVICE 20.0

static inline gboolean
am_geometry_is_position (double x,
                         double y)
{
  return isfinite (x) && isfinite (y) &&
         fabs (x) < AM_GEOMETRY_MAX_POSITION && fabs (y) < AM_GEOMETRY_MAX_POSITION;
}

/* The edge reach above, in device units at @scale. */
static inline double
am_geometry_edge_reach (double scale)
{
  return AM_GEOMETRY_EDGE_REACH * scale + AM_GEOMETRY_EDGE_REACH_DEVICE;
}

/* Cuts the segment (@x0, @y0)–(@x1, @y1) to the rectangle from
 * (@left, @top) to (@right, @bottom); FALSE when nothing of it is left. */
gboolean am_geometry_clip_segment (double  left,
                                   double  top,
                                   double  right,
                                   double  bottom,
                                   double *x0,
                                   double *y0,
                                   double *x1,
                                   double *y1);

G_END_DECLS

/* am-svg-panels.h: what each actor said, in an exported SVG, opened by a
 * click on the actor without any script
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "am-render.h"

G_BEGIN_DECLS

typedef struct _AmSvgPanels AmSvgPanels;

/* For an SVG export of @graph drawn with @options through @painter, an
 * SVG painter: a panel for each actor with statements, shown over the
 * map when the document's fragment is "#quotes-" and the actor's id (as
 * the SVG spells its node ids), which a click on the actor sets.
 *
 * Call after am_svg_painter_new() and before the map is drawn, which
 * makes the actors links; then am_svg_panels_finish() after the map,
 * which draws the panels over it. The panels are hidden outside a
 * browser, so the picture is the same as without them. NULL when no
 * actor said anything. */
AmSvgPanels *am_svg_panels_begin   (const AmGraph         *graph,
                                    const AmRenderOptions *options,
                                    AmPainter             *painter);
/* Writes the panels and frees @panels. */
void         am_svg_panels_finish  (AmSvgPanels           *panels);

G_END_DECLS

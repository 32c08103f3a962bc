/* am-svg-painter-private.h: what only the SVG painter can do, for the
 * parts of an SVG export that have no Cairo counterpart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "am-painter.h"

G_BEGIN_DECLS

/* Makes now the id that the group asking for @requested will be given,
 * so that markup written before the group can name it. With @href, that
 * group is drawn inside a link to it, with @label as its accessible
 * name; a later call for the same group may add the link. Returns the
 * id, owned by the painter until the group is drawn. */
const char *am_svg_painter_reserve_group (AmPainter   *painter,
                                          const char  *requested,
                                          const char  *href,
                                          const char  *label);
/* An id made from @requested, unique in the document; free it. */
char       *am_svg_painter_make_id       (AmPainter   *painter,
                                          const char  *requested);
/* Writes @markup as it is: text in it must have been escaped with
 * am_svg_append_escaped(). */
void        am_svg_painter_append_markup (AmPainter   *painter,
                                          const char  *markup,
                                          gssize       length);

/* @text escaped for XML 1.0, in an attribute or between tags. */
void        am_svg_append_escaped        (GString     *out,
                                          const char  *text,
                                          gboolean     attribute);
/* A number as SVG writes it: at most two decimals, C locale. */
void        am_svg_append_number         (GString     *out,
                                          double       value);

G_END_DECLS

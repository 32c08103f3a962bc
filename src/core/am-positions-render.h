/* am-positions-render.h: the positions matrix, drawn through a painter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "am-painter.h"
#include "am-positions.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean dark;
  /* How far the cells are scrolled; the row and column headers stay in
   * place over them. 0 for an export. */
  double   scroll_x;
  double   scroll_y;
  /* The area drawn, in device units; 0 × 0 for the whole matrix. */
  double   width;
  double   height;
  int      focus_row;      /* -1 for none, likewise the others */
  int      focus_column;
  int      hover_row;
  int      hover_column;
  guint32  selected_actor; /* AM_NO_INDEX for none */
  /* The map's title and a legend of the symbols above the matrix, as
   * exports have them. */
  gboolean draw_title;
} AmPositionsRenderOptions;

/* Where things are, in device units, for the whole matrix unscrolled. */
typedef struct
{
  double top;                  /* title and legend, 0 without */
  double row_header_width;     /* from the left edge to the first column */
  double column_header_height; /* from @top to the first row */
  double cell_width;
  double cell_height;
  double width;                /* of everything, margins included */
  double height;
} AmPositionsGeometry;

void      am_positions_render_options_init (AmPositionsRenderOptions       *options);
void      am_positions_render_get_geometry (const AmPositions              *positions,
                                            const AmPositionsRenderOptions *options,
                                            AmPositionsGeometry            *geometry);
/* Paints the background, the cells and, over them, the headers. */
void      am_positions_render              (const AmPositions              *positions,
                                            const AmPositionsRenderOptions *options,
                                            const AmPositionsGeometry      *geometry,
                                            AmPainter                      *painter);
/* The cell's box on the device, scrolled; FALSE when out of range. */
gboolean  am_positions_render_get_cell_box (const AmPositions              *positions,
                                            const AmPositionsRenderOptions *options,
                                            const AmPositionsGeometry      *geometry,
                                            guint                           row,
                                            guint                           column,
                                            double                         *x,
                                            double                         *y,
                                            double                         *width,
                                            double                         *height);
/* The cell under device point (@x, @y), not counting what the headers
 * cover; FALSE when there is none. */
gboolean  am_positions_render_pick         (const AmPositions              *positions,
                                            const AmPositionsRenderOptions *options,
                                            const AmPositionsGeometry      *geometry,
                                            double                          x,
                                            double                          y,
                                            guint                          *row,
                                            guint                          *column);

/* The row whose header (the actor's name) is under device point (@x,
 * @y); FALSE when there is none. */
gboolean  am_positions_render_pick_row_header (const AmPositions              *positions,
                                               const AmPositionsRenderOptions *options,
                                               const AmPositionsGeometry      *geometry,
                                               double                          x,
                                               double                          y,
                                               guint                          *row);

/* Writes the whole matrix of @graph to @path, SVG, PNG or PDF by its
 * extension, with title and legend, light or @dark, rows in @order. */
gboolean  am_positions_export              (const AmGraph                  *graph,
                                            AmPositionsOrder                order,
                                            gboolean                        dark,
                                            const char                     *path,
                                            GError                        **error);

G_END_DECLS

/* am-positions-grid.h: the positions matrix on screen, scrolled under
 * headers that stay in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "am-map-document.h"
#include "am-positions.h"

G_BEGIN_DECLS

#define AM_TYPE_POSITIONS_GRID (am_positions_grid_get_type ())

G_DECLARE_FINAL_TYPE (AmPositionsGrid, am_positions_grid, AM, POSITIONS_GRID, GtkWidget)

GtkWidget         *am_positions_grid_new            (void);

AmMapDocument     *am_positions_grid_get_document   (AmPositionsGrid  *self);
void               am_positions_grid_set_document   (AmPositionsGrid  *self,
                                                     AmMapDocument    *document);
/* The matrix of the document's graph; NULL without a document. */
const AmPositions *am_positions_grid_get_positions  (AmPositionsGrid  *self);

AmPositionsOrder   am_positions_grid_get_order      (AmPositionsGrid  *self);
void               am_positions_grid_set_order      (AmPositionsGrid  *self,
                                                     AmPositionsOrder  order);

/* The cell with the keyboard focus; FALSE when there is none. */
gboolean           am_positions_grid_get_focus_cell (AmPositionsGrid  *self,
                                                     guint            *row,
                                                     guint            *column);
/* Moves the focus to the cell, scrolling it into view. */
void               am_positions_grid_set_focus_cell (AmPositionsGrid  *self,
                                                     guint             row,
                                                     guint             column);
/* Where the cell is drawn, in widget coordinates, scrolled; FALSE when
 * out of range. */
gboolean           am_positions_grid_get_cell_area  (AmPositionsGrid  *self,
                                                     guint             row,
                                                     guint             column,
                                                     graphene_rect_t  *area);
/* The cell at widget point (@x, @y); FALSE for none or a header. */
gboolean           am_positions_grid_pick           (AmPositionsGrid  *self,
                                                     double            x,
                                                     double            y,
                                                     guint            *row,
                                                     guint            *column);
/* The row whose actor's name is at widget point (@x, @y); FALSE for none. */
gboolean           am_positions_grid_pick_row_header (AmPositionsGrid *self,
                                                      double           x,
                                                      double           y,
                                                      guint           *row);

G_END_DECLS

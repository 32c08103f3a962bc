/* am-positions-view.h: the "Positions" view of an open map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "am-map-document.h"
#include "am-positions-grid.h"

G_BEGIN_DECLS

#define AM_TYPE_POSITIONS_VIEW (am_positions_view_get_type ())

G_DECLARE_FINAL_TYPE (AmPositionsView, am_positions_view, AM, POSITIONS_VIEW, AdwBin)

GtkWidget        *am_positions_view_new           (void);

AmMapDocument    *am_positions_view_get_document  (AmPositionsView  *self);
void              am_positions_view_set_document  (AmPositionsView  *self,
                                                   AmMapDocument    *document);
AmPositionsOrder  am_positions_view_get_order     (AmPositionsView  *self);
void              am_positions_view_set_order     (AmPositionsView  *self,
                                                   AmPositionsOrder  order);
/* FALSE when the map states no positions and a page says what the view
 * needs instead. */
gboolean          am_positions_view_has_positions (AmPositionsView  *self);
AmPositionsGrid  *am_positions_view_get_grid      (AmPositionsView  *self);

G_END_DECLS

/* am-details-panel.h: who the selected actor is, what they said and did
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "am-map-document.h"

G_BEGIN_DECLS

#define AM_TYPE_DETAILS_PANEL (am_details_panel_get_type ())

G_DECLARE_FINAL_TYPE (AmDetailsPanel, am_details_panel, AM, DETAILS_PANEL, AdwBin)

GtkWidget     *am_details_panel_new            (void);

AmMapDocument *am_details_panel_get_document   (AmDetailsPanel *self);
void           am_details_panel_set_document   (AmDetailsPanel *self,
                                                AmMapDocument  *document);
/* The node on show: the document's selection, or AM_NO_INDEX. */
guint          am_details_panel_get_node       (AmDetailsPanel *self);
/* Makes the panel's widgets now rather than when it is first shown,
 * as a container about to show it wants to measure them. */
void           am_details_panel_build          (AmDetailsPanel *self);

G_END_DECLS

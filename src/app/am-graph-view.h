/* am-graph-view.h: the map canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "am-map-document.h"
#include "am-render.h"

G_BEGIN_DECLS

#define AM_TYPE_GRAPH_VIEW (am_graph_view_get_type ())

G_DECLARE_FINAL_TYPE (AmGraphView, am_graph_view, AM, GRAPH_VIEW, GtkWidget)

GtkWidget     *am_graph_view_new                 (void);

AmMapDocument *am_graph_view_get_document        (AmGraphView     *self);
void           am_graph_view_set_document        (AmGraphView     *self,
                                                  AmMapDocument   *document);

/* 1.0 is one point per world unit. */
double         am_graph_view_get_zoom            (AmGraphView     *self);
/* Zooms around the middle of the view, within the allowed range. */
void           am_graph_view_set_zoom            (AmGraphView     *self,
                                                  double           zoom);
/* Zooms keeping what is under widget point (@x, @y) where it is. */
void           am_graph_view_zoom_around         (AmGraphView     *self,
                                                  double           zoom,
                                                  double           x,
                                                  double           y);
void           am_graph_view_zoom_in             (AmGraphView     *self);
void           am_graph_view_zoom_out            (AmGraphView     *self);
/* Moves the map by (@dx, @dy) device units. */
void           am_graph_view_pan_by              (AmGraphView     *self,
                                                  double           dx,
                                                  double           dy);
/* Shows the whole map. */
void           am_graph_view_zoom_fit            (AmGraphView     *self);
/* Pans so that @node is in the middle. */
void           am_graph_view_center_on_node      (AmGraphView     *self,
                                                  guint            node);
/* Brings @node and its neighbours into the free area, gliding there
 * unless the desktop turns animations off. Choosing a node anywhere but
 * on the canvas does the same. */
void           am_graph_view_reveal_node         (AmGraphView     *self,
                                                  guint            node);
/* The part of the view that neither the legend nor what lies over the
 * view in its GtkOverlay (zoom buttons, bars) covers, widget units. */
void           am_graph_view_get_free_area       (AmGraphView     *self,
                                                  graphene_rect_t *area);
/* Whether the legend is shown rather than folded to a button; on a
 * narrow canvas it folds by itself. */
gboolean       am_graph_view_get_legend_expanded (AmGraphView     *self);
void           am_graph_view_set_legend_expanded (AmGraphView     *self,
                                                  gboolean         expanded);
/* The node under widget point (@x, @y), or AM_NO_INDEX. */
void           am_graph_view_prepare_picking     (AmGraphView     *self);
guint          am_graph_view_pick_node           (AmGraphView     *self,
                                                  double           x,
                                                  double           y);
/* The edge under widget point (@x, @y), or AM_NO_INDEX; nodes are not
 * considered. */
guint          am_graph_view_pick_edge           (AmGraphView     *self,
                                                  double           x,
                                                  double           y);
/* What the view draws now (transform, size, highlight, lens, filters),
 * for exporting the current view. The index is left NULL, so the
 * options stay valid after the view changes or goes away. */
void           am_graph_view_get_render_options  (AmGraphView     *self,
                                                  AmRenderOptions *options);

G_END_DECLS

/* am-graph-view-private.h: what the parts of the canvas share, and what
 * tests and the frame benchmark ask it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "am-graph-view.h"
#include "am-spatial-index.h"

G_BEGIN_DECLS

/* One step of the zoom keys and of a wheel click. */
#define AM_GRAPH_VIEW_ZOOM_STEP 1.25

typedef struct _AmGraphViewFrame    AmGraphViewFrame;
typedef struct _AmGraphViewFrameJob AmGraphViewFrameJob;

struct _AmGraphView
{
  GtkWidget        parent_instance;

  AmMapDocument   *document;
  AmSpatialIndex  *index;
  gboolean         index_stale;
  /* The worker reads the index: it may not change until the frame is
   * done. */
  gboolean         index_lent;
  gboolean         index_building;   /* by the worker, for a new map */
  /* Picking asked for an index that was missing or out of date: at fit
   * frames build none unless asked, as while a layout is refined. */
  gboolean         index_wanted;
  /* Bumped when nodes move other than one at a time. */
  guint            positions_serial;
  /* Nodes moved one at a time while the index was lent or being built:
   * its boxes for them are brought up to date when it is back, which
   * costs next to nothing next to building it anew. */
  GArray          *moved_nodes;
  guint            n_index_builds;   /* in this thread, for tests */
  gboolean         dark;

  AmViewTransform  transform;
  gboolean         fit_pending;    /* fit once there is a size */
  gboolean         fitted;         /* untouched since the last fit: refit on resize */
  gboolean         fit_valid;
  AmViewTransform  fit;            /* the transform that fits, cached */
  int              width;
  int              height;

  /* Drawing large maps */
  gboolean         threaded;
  guint            serial;         /* bumped by every change but the transform */
  AmGraphViewFrame *frame;
  gboolean         frame_running;
  AmGraphViewFrameJob *running_job;
  gint64           moved_at;       /* when the transform last changed */
  guint            settle_source;

  /* The legend's size, cached: it covers the map in the corner. */
  gboolean         legend_valid;
  double           legend_width;
  double           legend_height;
  /* Its size in one column, however tall: the same for every canvas
   * tall enough for it, which spares going through the edges again when
   * the canvas is resized. Invalid when what it explains changes. */
  gboolean         legend_natural_valid;
  double           legend_natural_width;
  double           legend_natural_height;
  guint            n_legend_scans;   /* for tests */
  /* The map's bounds, as am_render_get_bounds() finds them, for what
   * fits; until positions change. */
  gboolean         bounds_valid;
  double           bounds[4];
  guint            n_bounds_scans;   /* for tests */

  /* Pointer */
  gboolean         pointer_inside;
  double           pointer_x;
  double           pointer_y;
  gboolean         dragging;
  gboolean         drag_moved;     /* past the threshold: not a click */
  guint            drag_node;      /* AM_NO_INDEX when panning */
  double           drag_start_x;
  double           drag_start_y;
  double           drag_grab_x;    /* node position minus pointer, world units */
  double           drag_grab_y;
  AmViewTransform  drag_start_transform;
  double           pinch_start_zoom;

  /* The chosen node kept in the free area: AM_NO_INDEX for none, or
   * once the user moves the map. */
  guint            reveal_node;
  gboolean         reveal_neighbours;
  guint            reveal_tick;
  gint64           reveal_start;
  AmViewTransform  reveal_from;
  AmViewTransform  reveal_last;     /* what the animation last set */

  /* The legend folds to a button. */
  gboolean         legend_expanded;  /* the user's choice */
  gboolean         legend_forced;    /* shown on a canvas too narrow for it */
  GtkWidget       *legend_show_button;
  GtkWidget       *legend_hide_button;

  /* Tab order: nodes by label, and each node's place in it. */
  GArray          *tab_order;
  guint32         *tab_rank;
};

static inline AmGraph *
_am_graph_view_get_graph (AmGraphView *self)
{
  return self->document != NULL ? am_map_document_get_graph (self->document) : NULL;
}

static inline gboolean
_am_graph_view_transform_equal (const AmViewTransform *a,
                                const AmViewTransform *b)
{
  return a->scale == b->scale && a->offset_x == b->offset_x && a->offset_y == b->offset_y;
}

static inline void
_am_graph_view_widget_to_world (AmGraphView *self,
                                double       x,
                                double       y,
                                double      *wx,
                                double      *wy)
{
  *wx = (x - self->transform.offset_x) / self->transform.scale;
  *wy = (y - self->transform.offset_y) / self->transform.scale;
}

/* am-graph-view.c */
void           _am_graph_view_fill_render_options   (AmGraphView           *self,
                                                     AmRenderOptions       *options);
void           _am_graph_view_set_transform         (AmGraphView           *self,
                                                     const AmViewTransform *transform);
void           _am_graph_view_emit_node_activated   (AmGraphView           *self,
                                                     guint                  node);
/* The frame gave back the index it borrowed, or took one it built. */
void           _am_graph_view_index_returned        (AmGraphView           *self);

/* The zoom range, and the scale that fits the whole map (the current
 * one without a map). */
void           _am_graph_view_get_zoom_range        (AmGraphView           *self,
                                                     double                *min_zoom,
                                                     double                *max_zoom,
                                                     double                *fit_scale);

/* am-graph-view-reveal.c: the chosen node in view, the legend folded */
gboolean       _am_graph_view_legend_folded         (AmGraphView           *self);
void           _am_graph_view_init_legend           (AmGraphView           *self);
void           _am_graph_view_dispose_legend        (AmGraphView           *self);
void           _am_graph_view_allocate_legend       (AmGraphView           *self);
void           _am_graph_view_snapshot_legend       (AmGraphView           *self,
                                                     GtkSnapshot           *snapshot);
/* Filters or lens changed the legend. */
void           _am_graph_view_legend_changed        (AmGraphView           *self);
/* The legend's size, kept until filters, lens or the canvas change it:
 * finding the kinds shown goes through every edge. */
void           _am_graph_view_get_legend_size       (AmGraphView           *self,
                                                     const AmRenderOptions *options,
                                                     double                *width,
                                                     double                *height);
gboolean       _am_graph_view_legend_shown          (AmGraphView           *self,
                                                     const AmRenderOptions *options);
/* What lies over the canvas besides the legend (its folded button, the
 * overlay's zoom buttons and bars), into @options->covered. */
void           _am_graph_view_fill_covered          (AmGraphView           *self,
                                                     AmRenderOptions       *options);
/* Brings @node, and with @neighbours its neighbours, into the free
 * area, gliding there when the desktop animates. */
void           _am_graph_view_reveal                (AmGraphView           *self,
                                                     guint                  node,
                                                     gboolean               neighbours);
/* After a resize: the node revealed last stays in the free area. */
void           _am_graph_view_follow_size           (AmGraphView           *self);
/* The user moved the map: no node is followed any longer. */
void           _am_graph_view_stop_reveal           (AmGraphView           *self);

/* am-graph-view-frame.c: large maps, drawn by a worker */
void           _am_graph_view_frame_free            (AmGraphViewFrame      *frame);
/* Shows the last frame and starts the next when it is time. */
void           _am_graph_view_append_frames         (AmGraphView           *self,
                                                     GtkSnapshot           *snapshot);
/* Hands the lent index to the running frame, which frees it. */
void           _am_graph_view_orphan_index          (AmGraphView           *self);
/* Cancels the running frame, if any; its worker stops at its next step. */
void           _am_graph_view_cancel_frame          (AmGraphView           *self);
/* Cancels the running frame if what it shows is out of date and a
 * newer one will be drawn of the same place. */
void           _am_graph_view_supersede_frame       (AmGraphView           *self);
/* For tests: while @gate is held, no frame builds an index. */
void           _am_graph_view_set_index_gate        (GMutex                *gate);
/* Frames cancelled before they were done, in the whole process. */
guint          am_graph_view_get_n_cancelled_frames (void);

/* am-graph-view-input.c: pointer, wheel and touch */
void           _am_graph_view_init_input            (AmGraphView           *self);

/* TRUE when what the view shows was drawn for its current transform,
 * size and content, not a moved or scaled earlier frame. */
gboolean       am_graph_view_is_sharp               (AmGraphView *self);
/* How long the worker took to draw the frame shown, in milliseconds;
 * -1 when the view draws in the snapshot or has no frame yet. */
double         am_graph_view_get_frame_render_time  (AmGraphView *self);

G_END_DECLS

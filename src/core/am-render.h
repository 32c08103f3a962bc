/* am-render.h: draws a graph through Cairo, the same for screen and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "am-graph.h"
#include "am-painter.h"
#include "am-spatial-index.h"

G_BEGIN_DECLS

/* A rectangle in device units. */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} AmRenderRect;

/* Overlays a view reports in AmRenderOptions.covered, at most. */
#define AM_RENDER_MAX_COVERED 8

/* How the edges of a view with far more of them than pixels are drawn. */
typedef enum
{
  /* am_render_to_cairo() on an image surface draws them as an image of
   * their density (see am_render_edge_density()) when there are that
   * many; strokes otherwise, and through any other painter. */
  AM_EDGE_DENSITY_AUTO,
  /* Strokes. */
  AM_EDGE_DENSITY_OFF,
  /* The caller painted am_render_edge_density()'s image under the frame:
   * only the edges of the focus are stroked, over it. */
  AM_EDGE_DENSITY_PAINTED,
} AmEdgeDensity;

/* device = world * scale + offset */
typedef struct
{
  double scale;
  double offset_x;
  double offset_y;
} AmViewTransform;

typedef struct
{
  AmViewTransform transform;
  double          width;          /* device size of the area drawn */
  double          height;
  gboolean        dark;
  gboolean        draw_legend;
  guint32         selected_node;  /* AM_NO_INDEX for none */
  guint32         hover_node;     /* AM_NO_INDEX for none */
  guint32         hidden_edge_kinds; /* bit 1 << AmEdgeKind set: not drawn */
  /* An issue node: the other nodes are filled by their stance on it, and
   * the legend explains that instead of affiliations. AM_NO_INDEX for
   * the usual colours. */
  guint32         lens_issue;
  /* FALSE: issue nodes and their edges are neither drawn nor picked. */
  gboolean        show_issues;
  /* Speeds up culling and picking on large maps; NULL to go without.
   * Must be up to date with the positions, and outlive the options. */
  const AmSpatialIndex *index;
  /* For the screen: what cannot be told apart at this zoom is merged or
   * left out (edges within a pixel, labels too small to read, detail of
   * tiny nodes) and hairlines are drawn more roughly. Exports leave it
   * FALSE and get every element. */
  gboolean        level_of_detail;
  /* am_graph_sort_by_degree() of the graph, kept by a view so that the
   * overview labels need not count edges each frame; NULL to go without.
   * Must outlive the options. */
  const guint32  *nodes_by_degree;
  /* For the screen and its views: labels are drawn this many device
   * units high however far the map is zoomed out (somewhat larger when
   * zoomed far in), and where they would cover each other or another
   * node the less important give way: the selected and hovered nodes
   * first, then their neighbours, then by degree and statements made.
   * 0 (exports of the
   * whole map) for labels that scale with the map. Needs width and
   * height. */
  double          label_pixel_size;
  /* With label_pixel_size: nodes are drawn without labels, which are
   * left to am_render_overview_labels() over the whole frame, as when
   * it is drawn in bands. */
  gboolean        defer_labels;
  /* Collapsed groups, as am_map_document_get_shown_as() and
   * am_map_document_get_hidden_counts() give them: per node, the node it
   * is drawn as (itself, or the collapsed group that hides it, which its
   * edges then go to), and how many nodes a collapsed group hides. NULL
   * while none is collapsed, as for the whole map. Must outlive the
   * options. */
  const guint32  *shown_as;
  const guint32  *hidden_counts;
  /* With label_pixel_size: what lies over the area drawn (zoom buttons,
   * bars, a folded legend's button), so that no label goes under it.
   * The legend itself is kept clear as for am_render_overview_labels(). */
  AmRenderRect    covered[AM_RENDER_MAX_COVERED];
  guint           n_covered;

  AmEdgeDensity   edge_density;
} AmRenderOptions;

/* A label placed by label_pixel_size, device units: a node's, or the
 * caption of an edge of the selected node, which runs along the edge. */
typedef struct
{
  guint32 node;     /* whose label, or the selected node for a caption */
  guint32 edge;     /* whose caption; AM_NO_INDEX for a node's label */
  double  x;        /* top left */
  double  y;
  double  width;
  double  height;
  double  size;     /* of the font */
  /* A caption runs along its edge, turned by @angle radians (clockwise
   * on the screen, within ±π/2) on a plate @along × @across about the
   * centre of the box, which bounds it. 0 for a node's label. */
  double  angle;
  double  along;
  double  across;
} AmLabelBox;

/* Scale 1, nothing selected, no lens, issues shown, no index. */
void      am_render_options_init        (AmRenderOptions       *options);
/* Sets the transform (and width and height) so that the whole graph fits
 * width × height; with draw_legend set, beside the legend when there is
 * room for both. */
void      am_render_options_fit         (AmRenderOptions       *options,
                                         const AmGraph         *graph,
                                         double                 width,
                                         double                 height);
/* Gives every node without a size from the file a size that holds its
 * shape and label; call before layout. The box is centred on the node's
 * position: the shape is drawn at (x, y) and the label below it, so the
 * box reserves as much room above as the label takes below. */
void      am_render_measure_nodes       (AmGraph               *graph);
/* Groups. A group the file gives no box is drawn as one around its
 * members, with a header row for its name; these are its margins. */
#define AM_RENDER_GROUP_PADDING      10.0
/* The side of a box with no size, as the layout takes it. */
#define AM_RENDER_GROUP_DEFAULT_SIDE 40.0
/* The box a member takes inside its group, world units: x0, y0, x1, y1. */
void      am_render_group_member_extent (const AmNode          *node,
                                         double                 extent[4]);
/* The box of @group around @content (x0, y0, x1, y1; x0 > x1 when it has
 * no members), with padding, header and room for the name. */
void      am_render_group_box           (const AmGraph         *graph,
                                         guint                  group,
                                         const double           content[4],
                                         double                 box[4]);
/* Fits the box of every group the file gave none (or that was fitted
 * before) around its members, innermost first, and marks it
 * AM_NODE_GROUP_FITTED. Call after layout and whenever members move.
 * FALSE when there was no such group. */
gboolean  am_render_fit_groups          (AmGraph               *graph);
/* The world-space box around all nodes and their labels. */
void      am_render_get_bounds          (const AmGraph         *graph,
                                         double                *x,
                                         double                *y,
                                         double                *width,
                                         double                *height);
/* Draws edges, nodes, labels and (with draw_legend) the legend; the
 * background is left to the caller (see am_style_get()->background). */
void      am_render_to_cairo            (const AmGraph         *graph,
                                         const AmRenderOptions *options,
                                         cairo_t               *cr);
/* The edges in view as one image of @resolution pixels per device unit
 * (its device scale), for the rectangle width × height from the origin:
 * the more line crosses a pixel the more opaque it is, on a logarithmic
 * scale, in the colour of the kind most of it is. NULL when the view
 * holds few enough edges per pixel for strokes, and when @cancellable
 * is cancelled meanwhile. Safe to call from any thread. */
cairo_surface_t *am_render_edge_density (const AmGraph         *graph,
                                         const AmRenderOptions *options,
                                         double                 resolution,
                                         GCancellable          *cancellable);
/* The same drawing through any painter; am_render_to_cairo() is this
 * with am_cairo_painter_new(). */
void      am_render_to_painter          (const AmGraph         *graph,
                                         const AmRenderOptions *options,
                                         AmPainter             *painter);
/* With label_pixel_size, the labels of every node, placed as that says.
 * Otherwise, with level of detail, zoomed out so far that labels are left out: the
 * labels of the best-connected nodes in view, as many as fit without
 * covering each other, at a size that can be read. Draws nothing at
 * other zooms, or without level of detail. For the whole frame at once,
 * after its map, since each label depends on those placed before it.
 * A legend of @legend_width × @legend_height (as from
 * am_render_get_legend_size()) that will cover the corner is kept
 * clear; 0 × 0 for none. */
void      am_render_overview_labels     (const AmGraph         *graph,
                                         const AmRenderOptions *options,
                                         double                 legend_width,
                                         double                 legend_height,
                                         AmPainter             *painter);
/* The labels label_pixel_size places, as AmLabelBox, in the order of
 * their importance; empty without label_pixel_size. The legend is kept
 * clear as for am_render_overview_labels(). */
GArray   *am_render_get_label_boxes     (const AmGraph         *graph,
                                         const AmRenderOptions *options,
                                         double                 legend_width,
                                         double                 legend_height);
/* Draws only the legend, as am_render_to_cairo() with draw_legend would:
 * for views that keep it in place while the map under it moves. */
void      am_render_legend_to_cairo     (const AmGraph         *graph,
                                         const AmRenderOptions *options,
                                         cairo_t               *cr);
/* The legend's size in device units, 0 × 0 when it would be empty. It
 * sits at the top left corner, AM_RENDER_LEGEND_MARGIN from the edges. */
#define AM_RENDER_LEGEND_MARGIN 12.0
void      am_render_get_legend_size     (const AmGraph         *graph,
                                         const AmRenderOptions *options,
                                         double                *width,
                                         double                *height);
/* The legend alone on a surface of its own, with the legend's margin
 * left and top, at @scale_factor pixels per device unit, and its size
 * as am_render_get_legend_size() gives it; NULL when it is empty. */
cairo_surface_t *am_render_legend_to_surface (const AmGraph         *graph,
                                              const AmRenderOptions *options,
                                              int                    scale_factor,
                                              double                *width,
                                              double                *height);
/* The node drawn topmost at device point (@x, @y), shape or label, or
 * AM_NO_INDEX. */
guint32   am_render_pick_node           (const AmGraph         *graph,
                                         const AmRenderOptions *options,
                                         double                 x,
                                         double                 y);
/* The edge whose line, curve or loop passes within a few device units
 * of (@x, @y), the nearest when several do, or AM_NO_INDEX. Hidden
 * edges are not picked. Nodes are not considered: pick them first. */
guint32   am_render_pick_edge           (const AmGraph         *graph,
                                         const AmRenderOptions *options,
                                         double                 x,
                                         double                 y);
/* What @node says on @issue: the stance of its latest statement to it
 * that takes one (the last in the file), else AM_STANCE_NONE. */
AmStance  am_render_get_stance          (const AmGraph         *graph,
                                         guint                  node,
                                         guint                  issue);

G_END_DECLS

/* am-render-private.h: what the parts of the renderer share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * am-render.c sets up a RenderContext for a frame and hands it to the
 * parts: edges (am-render-edges.c, thinned by am-render-thinning.c),
 * nodes (am-render-nodes.c), the legend (am-render-legend.c). Labels
 * are measured and shortened by am-render-text.c, nodes coloured by the
 * lens in am-render-lens.c; picking and the overview labels use the
 * same geometry for their own ends. Far out on a large map, the edges
 * are drawn as one image by am-render-density.c instead of strokes.
 */

#pragma once

#include <math.h>

#include <pango/pango.h>

#include "am-description.h"
#include "am-geometry.h"
#include "am-render.h"

G_BEGIN_DECLS

/* Above this many edges the map is a texture more than a set of lines:
 * edges get thin and translucent so that nodes stay visible. */
#define DENSE_EDGES 20000

/* Labels of nodes smaller than this (device units) are not drawn. */
#define MIN_LABELLED_NODE 3.0

/* With level of detail, labels smaller than this (pixels) are left out:
 * they can be made out alone, but not in the crowd of a large map. */
#define LOD_MIN_LABEL_SIZE 8.0

/* Loops, in world units: the first one's size, and how much larger each
 * further one is. */
#define LOOP_SIZE 22.0
#define LOOP_STEP 10.0

/* Coordinates beyond this many device units from the view are cut off
 * before they reach Cairo, whose fixed-point numbers would overflow. */
#define SAFE_COORDINATE 1e5

/* Text */

typedef struct
{
  PangoContext         *context;  /* NULL until text outside the table */
  PangoLayout          *layout;
  PangoFontDescription *font;
  GString              *key;      /* scratch, for the widths kept */
  double                advances[2][95];  /* at size 1, regular and bold */
  double                ascent;           /* at size 1 */
  double                descent;
} Measurer;

/* The calling thread's measurer. */
Measurer   *am_render_get_measurer      (void);
double      am_render_measure_text      (Measurer   *measurer,
                                         const char *text,
                                         double      size,
                                         int         weight);
double      am_render_label_line_height (Measurer   *measurer);
const char *am_render_display_label     (const char *label,
                                         GString    *scratch);

/* Nodes, world units */

static inline gboolean
am_render_node_has_position (const AmNode *node)
{
  return am_geometry_is_position (node->x, node->y);
}

static inline AmShape
am_render_node_shape (const AmNode *node)
{
  /* A group is a box around its members, as yEd draws it: the file's
   * box, or one fitted around them (am-render-groups.c). */
  if ((node->flags & (AM_NODE_IS_GROUP | AM_NODE_HAS_SIZE)) ==
      (AM_NODE_IS_GROUP | AM_NODE_HAS_SIZE))
    return AM_SHAPE_GROUP_BOX;
  return am_style_get_shape (node->kind < AM_N_NODE_KINDS ? node->kind : AM_NODE_KIND_OTHER);
}

/* How far the fill of a fitted group's box is mixed into the background. */
#define AM_RENDER_GROUP_PALENESS 0.8

/* The node @node is drawn as: itself, or the collapsed group hiding it. */
static inline guint32
am_render_shown_node (const AmRenderOptions *options,
                      guint32                node)
{
  return options->shown_as != NULL ? options->shown_as[node] : node;
}

/* A collapsed group, drawn as a small box with its name and count. */
static inline gboolean
am_render_node_collapsed (const AmRenderOptions *options,
                          guint32                node)
{
  return options->hidden_counts != NULL && options->hidden_counts[node] > 0;
}

static inline gboolean
am_render_node_is_box (const AmNode *node)
{
  return am_render_node_shape (node) == AM_SHAPE_GROUP_BOX;
}

static inline gboolean
am_render_node_hidden (const AmRenderOptions *options,
                       const AmNode          *node)
{
  return !options->show_issues && node->kind == AM_NODE_KIND_ISSUE;
}

/* Thinning: how much the lines cover each cell of a grid fixed in the
 * world. */
typedef struct
{
  double  cell;           /* world units */
  double  x0, y0;         /* world position of cell (0, 0) */
  guint   columns, rows;
  float  *coverage;       /* per cell */
} Coverage;

/* One frame, or one question about it (picking, the legend). */
typedef struct
{
  const AmGraph         *graph;
  const AmRenderOptions *options;
  AmPainter             *painter;
  const AmStyle         *style;
  const AmAffiliations  *affiliations;
  Measurer              *measurer;
  GString               *scratch;

  double                 scale;
  double                 offset_x;
  double                 offset_y;
  double                 pixel;     /* device units per pixel */
  gboolean               cull;
  double                 view_x0, view_y0, view_x1, view_y1;
  gboolean               dense;

  /* With a focus node, what is not next to it fades. */
  guint32                focus;
  guint8                *near_focus;  /* per node, TRUE for focus and neighbours */

  /* With a lens, each node's stance on the lens issue (AmStance). */
  guint8                *lens_stances;

  /* From the spatial index: what may be in view; NULL for everything. */
  GArray                *visible_edges;  /* guint32 */
  guint8                *visible_nodes;  /* per node */

  /* options->level_of_detail, on a raster */
  gboolean               lod;

  /* The nodes' positions, packed, NaN for none: edges visit their nodes
   * in no order, and these stay in the cache where the nodes do not. */
  float                 *positions;

  /* options->label_pixel_size with a size to place labels in: nodes
   * are drawn without their labels, which am-render-labels.c places. */
  gboolean               screen_labels;

  /* While edges are collected far out: where to draw only some. */
  const Coverage        *coverage;
  /* Far out with level of detail: parallels merge, hairlines are rough. */
  gboolean               far;
} RenderContext;

/* Node @index's world position, for culling and counting: FALSE when it
 * has none. */
static inline gboolean
am_render_node_position (const RenderContext *ctx,
                         guint                index,
                         double              *x,
                         double              *y)
{
  const AmNode *node;

  if (ctx->positions != NULL)
    {
      *x = ctx->positions[2 * index];
      *y = ctx->positions[2 * index + 1];
      return !isnan (*x);
    }

  node = am_graph_get_node (ctx->graph, index);
  *x = node->x;
  *y = node->y;
  return am_render_node_has_position (node);
}

static inline gboolean
am_render_maybe_visible (const RenderContext *ctx,
                         guint                node)
{
  return ctx->visible_nodes == NULL || ctx->visible_nodes[node];
}

static inline gboolean
am_render_box_visible (const RenderContext *ctx,
                       double               x0,
                       double               y0,
                       double               x1,
                       double               y1)
{
  return !ctx->cull ||
         (x1 >= ctx->view_x0 && x0 <= ctx->view_x1 && y1 >= ctx->view_y0 && y0 <= ctx->view_y1);
}

static inline gboolean
am_render_use_index (const RenderContext *ctx)
{
  return ctx->options->index != NULL &&
         am_spatial_index_matches (ctx->options->index, ctx->graph);
}

gboolean    am_render_context_init      (RenderContext         *ctx,
                                         const AmGraph         *graph,
                                         const AmRenderOptions *options,
                                         AmPainter             *painter,
                                         GString               *scratch);
void        am_render_context_clear     (RenderContext         *ctx);

void        am_render_world_rect        (const RenderContext *ctx,
                                         double               x0,
                                         double               y0,
                                         double               x1,
                                         double               y1,
                                         double               margin,
                                         double               device_margin,
                                         double               world[4]);

typedef struct
{
  double  x, y;      /* centre */
  double  width;     /* of the shape */
  double  height;
  AmShape shape;
} NodeBox;

typedef enum
{
  NODE_NORMAL,
  NODE_FADED,
  NODE_NEIGHBOUR,
  NODE_FOCUS,
} NodeEmphasis;

float      *am_render_pack_positions    (const AmGraph       *graph);
gboolean    am_render_node_box          (const RenderContext *ctx,
                                         guint                index,
                                         NodeBox             *box);
void        am_render_path_shape        (AmPainter           *painter,
                                         AmShape              shape,
                                         double               cx,
                                         double               cy,
                                         double               width,
                                         double               height);
guint8     *am_render_draw_small_nodes  (RenderContext       *ctx);

/* Specks, written straight into a painter's pixels (am-render-specks.c) */

typedef struct
{
  guint  red, green, blue;   /* 0 … 255 */
  double alpha;
} SpeckInk;

void        am_render_speck_ink_init    (SpeckInk              *ink,
                                         const AmColour        *colour);
/* A filled square @size device units wide about (@cx, @cy). */
void        am_render_paint_speck       (const AmPainterPixels *pixels,
                                         const SpeckInk        *ink,
                                         double                 cx,
                                         double                 cy,
                                         double                 size);
void        am_render_draw_node         (RenderContext       *ctx,
                                         guint                index,
                                         NodeEmphasis         emphasis);

/* Lens */

guint8     *am_render_collect_lens_stances (const AmGraph         *graph,
                                            const AmRenderOptions *options);
AmColour    am_render_lens_colour          (const AmStyle         *style,
                                            AmStance               stance);

/* Edges */

typedef struct
{
  guint64 pair;     /* smaller node index << 32 | larger, as shown */
  guint32 edge;
  guint32 rank;     /* place among the edges of the same pair */
  guint32 n_rank;   /* edges of the same pair */
  guint32 style;    /* certainty, kind and stance */
  float   weight;   /* edges this line stands for, see am_render_merge_slots() */
  guint32 merged;   /* edges to a collapsed group this line stands for, counted */
} EdgeSlot;

typedef struct
{
  AmColour colour;
  double   width;
  double   arrow;      /* 0 for none */
  double   dashes[8];
  guint    n_dashes;
} EdgePaint;

/* Where an edge is drawn, in device units: a line or a cubic curve from
 * (x0, y0) to (x1, y1), then maybe an arrowhead whose tip is at (tip_x,
 * tip_y), pointing along (ux, uy). Drawing and picking share it. */
typedef struct
{
  gboolean curved;
  double   x0, y0;
  double   c1x, c1y;
  double   c2x, c2y;
  double   x1, y1;
  gboolean arrow;
  double   tip_x, tip_y;
  double   ux, uy;
} EdgeLine;

gboolean    am_render_edge_hidden       (const RenderContext *ctx,
                                         const AmEdge        *edge);
void        am_render_edge_paint        (const RenderContext *ctx,
                                         const AmEdge        *edge,
                                         gboolean             emphasised,
                                         EdgePaint           *paint);
gboolean    am_render_edge_line         (const RenderContext *ctx,
                                         const EdgeSlot      *slot,
                                         const NodeBox       *from,
                                         const NodeBox       *to,
                                         const EdgePaint     *paint,
                                         EdgeLine            *line);
void        am_render_add_edge_slot     (const RenderContext *ctx,
                                         guint                index,
                                         gboolean             cull,
                                         double               x0,
                                         double               y0,
                                         double               x1,
                                         double               y1,
                                         GArray              *slots);
void        am_render_rank_parallels    (GArray              *slots);
GArray     *am_render_collect_edges     (RenderContext       *ctx);
GArray     *am_render_collect_focus_edges (RenderContext     *ctx);
void        am_render_draw_edges        (RenderContext       *ctx,
                                         GArray              *slots,
                                         gboolean             emphasised);

/* Thinning */

/* A number in [0, 1) that is always the same for the same edge: which
 * edges of a crowd are drawn does not change from frame to frame. */
static inline double
am_render_edge_lot (guint32 edge)
{
  guint32 h = edge * 0x9e3779b1u;

  h ^= h >> 15;
  h *= 0x85ebca77u;
  h ^= h >> 13;
  return h / 4294967296.0;
}

gboolean    am_render_coverage_init     (const RenderContext *ctx,
                                         Coverage            *coverage);
gboolean    am_render_coverage_keeps    (const Coverage      *coverage,
                                         guint32              index,
                                         double               sx,
                                         double               sy,
                                         double               tx,
                                         double               ty,
                                         double               scale,
                                         float               *weight);
void        am_render_merge_slots       (const RenderContext *ctx,
                                         GArray              *slots);

/* A collapsed group's size, world units. */
void        am_render_collapsed_size    (const RenderContext *ctx,
                                         guint                index,
                                         double              *width,
                                         double              *height);
/* The label node @index is drawn with: a collapsed group's tells how
 * many it hides. May live in ctx->scratch. */
const char *am_render_node_label        (const RenderContext *ctx,
                                         guint                index);

/* Group boxes go under the edges, so that edges to and between their
 * members show; the node passes leave them out. */
void        am_render_draw_group_boxes  (RenderContext       *ctx);

/* Density: how much line crosses each pixel of the view, in layers of
 * a stroke's coverage, and the kind that leads there. */

typedef struct
{
  float   total;
  float   lead;             /* by how much the leading kind leads */
  guint32 kind;             /* the leading AmEdgeKind */
} DensityPixel;

typedef struct
{
  guint         width, height;
  DensityPixel *pixels;     /* rows from the top */
  guint         n_edges;    /* edges that crossed the view */
} Density;

Density    *am_render_density_new        (guint                width,
                                          guint                height);
void        am_render_density_free       (Density             *density);
void        am_render_density_add_line   (Density             *density,
                                          double               x0,
                                          double               y0,
                                          double               x1,
                                          double               y1,
                                          float                weight,
                                          guint8               kind);
Density    *am_render_density_accumulate (const RenderContext *ctx,
                                          double               resolution,
                                          GCancellable        *cancellable);
gboolean    am_render_density_wanted     (const Density       *density);
double      am_render_density_alpha      (double               coverage,
                                          double               top);
cairo_surface_t *am_render_density_to_surface (const RenderContext *ctx,
                                               const Density       *density,
                                               double               resolution);

/* Legend */

void        am_render_draw_legend       (RenderContext       *ctx);

/* Labels at a size of the screen, each where it covers no other */

void        am_render_draw_screen_labels (RenderContext      *ctx,
                                          double              legend_width,
                                          double              legend_height);

G_END_DECLS

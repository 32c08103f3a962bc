/* am-render.c: draws a graph through a painter, the same for screen and
 * export: the options, the bounds of a map, and the frame that calls on
 * the other parts in turn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "am-render-private.h"

/* Options */

void
am_render_options_init (AmRenderOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->transform.scale = 1.0;
  options->selected_node = AM_NO_INDEX;
  options->hover_node = AM_NO_INDEX;
  options->lens_issue = AM_NO_INDEX;
  options->show_issues = TRUE;
}

/* Measuring the labels of a big map takes a while, on one core alone:
 * it is shared among threads, each with a measurer of its own, in
 * slices of at least this many nodes. */
#define MEASURE_SLICE_NODES 25000
#define MAX_MEASURE_THREADS 4

typedef struct
{
  AmGraph *graph;
  guint    first;
  guint    end;
} MeasureSlice;

static void
measure_slice (const MeasureSlice *slice)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  Measurer *measurer = am_render_get_measurer ();
  double line_height = am_render_label_line_height (measurer);

  for (guint i = slice->first; i < slice->end; i++)
    {
      AmNode *node = am_graph_get_node (slice->graph, i);
      double shape_width, shape_height, label_width = 0;
      const char *label;

      if (node->flags & AM_NODE_HAS_SIZE)
        continue;

      am_style_get_node_shape_size (node, &shape_width, &shape_height);
      label = am_render_display_label (node->label, scratch);
      if (*label != '\0')
        label_width = am_render_measure_text (measurer, label, AM_STYLE_LABEL_SIZE,
                                              PANGO_WEIGHT_NORMAL) + AM_STYLE_HALO_WIDTH;

      node->width = (float) MAX (shape_width, label_width);
      node->height = (float) (shape_height +
                              (*label != '\0' ? 2 * (AM_STYLE_LABEL_GAP + line_height) : 0));
      node->flags |= AM_NODE_MEASURED;
    }
}

static gpointer
measure_slice_in_thread (gpointer data)
{
  measure_slice (data);
  return NULL;
}

void
am_render_measure_nodes (AmGraph *graph)
{
  MeasureSlice slices[MAX_MEASURE_THREADS];
  GThread *threads[MAX_MEASURE_THREADS] = { NULL };
  guint n, n_slices;

  g_return_if_fail (graph != NULL);

  n = am_graph_get_n_nodes (graph);
  n_slices = CLAMP (MIN ((guint) g_get_num_processors (), n / MEASURE_SLICE_NODES),
                    1, MAX_MEASURE_THREADS);

  for (guint s = 0; s < n_slices; s++)
    {
      slices[s].graph = graph;
      slices[s].first = (guint) ((guint64) n * s / n_slices);
      slices[s].end = (guint) ((guint64) n * (s + 1) / n_slices);
    }
  /* The first slice here; every node's size is its own, whoever measures it. */
  for (guint s = 1; s < n_slices; s++)
    threads[s] = g_thread_new ("actor-map-measure", measure_slice_in_thread, &slices[s]);
  measure_slice (&slices[0]);
  for (guint s = 1; s < n_slices; s++)
    g_thread_join (threads[s]);
}

/* Nodes that loop back to themselves need room above them. */
static guint8 *
count_loops (const AmGraph *graph)
{
  guint n_nodes = am_graph_get_n_nodes (graph);
  guint8 *loops = NULL;

  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);

      if (edge->source != edge->target || edge->source >= n_nodes)
        continue;
      if (loops == NULL)
        loops = g_new0 (guint8, n_nodes);
      if (loops[edge->source] < G_MAXUINT8)
        loops[edge->source]++;
    }

  return loops;
}

static double
loop_extent (guint n_loops)
{
  if (n_loops == 0)
    return 0;

  return (LOOP_SIZE + LOOP_STEP * (MIN (n_loops, 8) - 1)) * 1.3;
}

void
am_render_get_bounds (const AmGraph *graph,
                      double        *x,
                      double        *y,
                      double        *width,
                      double        *height)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autofree guint8 *loops = NULL;
  Measurer *measurer;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double line_height;

  g_return_if_fail (graph != NULL);

  measurer = am_render_get_measurer ();
  line_height = am_render_label_line_height (measurer);
  loops = count_loops (graph);

  for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
    {
      const AmNode *node = am_graph_get_node (graph, i);
      double shape_width, shape_height, half_width, top, bottom;
      const char *label;

      if (!am_render_node_has_position (node))
        continue;

      am_style_get_node_shape_size (node, &shape_width, &shape_height);
      half_width = shape_width / 2;
      top = shape_height / 2;
      bottom = shape_height / 2;

      label = am_render_display_label (node->label, scratch);
      if (*label != '\0')
        {
          /* Measured once when loaded: a big map has too many labels to
           * measure again each time the window fits it. */
          double label_width = (node->flags & AM_NODE_MEASURED)
                               ? node->width
                               : am_render_measure_text (measurer, label, AM_STYLE_LABEL_SIZE,
                                                         PANGO_WEIGHT_NORMAL) + AM_STYLE_HALO_WIDTH;

          half_width = MAX (half_width, label_width / 2);
          bottom += AM_STYLE_LABEL_GAP + line_height + AM_STYLE_HALO_WIDTH / 2;
        }

      if (loops != NULL && loops[i] > 0)
        {
          top += loop_extent (loops[i]);
          half_width = MAX (half_width, loop_extent (loops[i]) * 0.8);
        }

      x0 = MIN (x0, node->x - half_width);
      x1 = MAX (x1, node->x + half_width);
      y0 = MIN (y0, node->y - top);
      y1 = MAX (y1, node->y + bottom);
    }

  if (x0 > x1)
    {
      *x = *y = *width = *height = 0;
      return;
    }

  *x = x0;
  *y = y0;
  *width = x1 - x0;
  *height = y1 - y0;
}

void
am_render_options_fit (AmRenderOptions *options,
                       const AmGraph   *graph,
                       double           width,
                       double           height)
{
  double bx, by, bw, bh;
  double area_x = 0, area_width = width;
  double margin, scale;

  g_return_if_fail (options != NULL);
  g_return_if_fail (graph != NULL);

  if (!isfinite (width) || !isfinite (height) || width <= 0 || height <= 0)
    return;

  options->width = width;
  options->height = height;

  if (options->draw_legend)
    {
      double legend_width, legend_height;

      am_render_get_legend_size (graph, options, &legend_width, &legend_height);
      /* Side by side only when the map keeps most of the room; otherwise
       * the legend floats over it. */
      if (legend_width > 0 && legend_width + 2 * AM_RENDER_LEGEND_MARGIN < width * 0.4)
        {
          area_x = legend_width + AM_RENDER_LEGEND_MARGIN;
          area_width = width - area_x;
        }
    }

  am_render_get_bounds (graph, &bx, &by, &bw, &bh);

  margin = MIN (24.0, MIN (area_width, height) * 0.05);
  scale = 2.0;
  if (bw > 0)
    scale = MIN (scale, (area_width - 2 * margin) / bw);
  if (bh > 0)
    scale = MIN (scale, (height - 2 * margin) / bh);
  if (!(scale > 1e-9))
    scale = 1e-9;

  options->transform.scale = scale;
  options->transform.offset_x = area_x + (area_width - bw * scale) / 2 - bx * scale;
  options->transform.offset_y = (height - bh * scale) / 2 - by * scale;
}

/* Focus */

static guint8 *
mark_neighbourhood (const RenderContext *ctx,
                    guint32              focus)
{
  const AmGraph *graph = ctx->graph;
  guint n_nodes = am_graph_get_n_nodes (graph);
  guint8 *near_focus = g_new0 (guint8, n_nodes);
  guint n_edges;
  const guint32 *edges = am_graph_get_node_edges (graph, focus, &n_edges);

  near_focus[focus] = TRUE;
  for (guint i = 0; i < n_edges; i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, edges[i]);

      if (edge->source >= n_nodes || edge->target >= n_nodes || am_render_edge_hidden (ctx, edge))
        continue;
      if (edge->source == focus)
        near_focus[edge->target] = TRUE;
      else if (edge->target == focus)
        near_focus[edge->source] = TRUE;
    }

  return near_focus;
}

static gboolean
can_be_focus (const AmGraph         *graph,
              const AmRenderOptions *options,
              guint32                node)
{
  return node < am_graph_get_n_nodes (graph) &&
         am_render_node_has_position (am_graph_get_node (graph, node)) &&
         !am_render_node_hidden (options, am_graph_get_node (graph, node));
}

static guint32
find_focus (const AmGraph         *graph,
            const AmRenderOptions *options)
{
  if (can_be_focus (graph, options, options->hover_node))
    return options->hover_node;
  if (can_be_focus (graph, options, options->selected_node))
    return options->selected_node;

  return AM_NO_INDEX;
}

/* The world rectangle seen through the device rectangle, widened by
 * @margin world units and @device_margin device units. */
void
am_render_world_rect (const RenderContext *ctx,
                      double               x0,
                      double               y0,
                      double               x1,
                      double               y1,
                      double               margin,
                      double               device_margin,
                      double               world[4])
{
  margin += device_margin / ctx->scale;
  world[0] = (x0 - ctx->offset_x) / ctx->scale - margin;
  world[1] = (y0 - ctx->offset_y) / ctx->scale - margin;
  world[2] = (x1 - ctx->offset_x) / ctx->scale + margin;
  world[3] = (y1 - ctx->offset_y) / ctx->scale + margin;
}

/* The share of the map's area in view above which the index is not
 * asked what is in view. */
#define MOST_OF_THE_MAP 0.7

/* With a spatial index and part of the map in view, finds what may be
 * visible, so that the rest is not even looked at. */
static void
cull_with_index (RenderContext *ctx)
{
  const AmSpatialIndex *index = ctx->options->index;
  g_autoptr(GArray) nodes = NULL;
  double view[4], bounds[4], overlap;

  if (!ctx->cull || !am_render_use_index (ctx))
    return;

  /* The margins match those of edge and node culling. */
  am_render_world_rect (ctx, ctx->view_x0, ctx->view_y0, ctx->view_x1, ctx->view_y1,
                        AM_GEOMETRY_EDGE_REACH, AM_GEOMETRY_EDGE_REACH_DEVICE, view);
  if (!am_spatial_index_get_bounds (index, &bounds[0], &bounds[1], &bounds[2], &bounds[3]) ||
      (view[0] <= bounds[0] && view[1] <= bounds[1] &&
       view[2] >= bounds[2] && view[3] >= bounds[3]))
    return;

  /* Nor when the view shows most of the map, moved a little from where
   * it fits: the index would list nearly everything, which takes longer
   * than looking at everything. */
  overlap = MAX (MIN (view[2], bounds[2]) - MAX (view[0], bounds[0]), 0) *
            MAX (MIN (view[3], bounds[3]) - MAX (view[1], bounds[1]), 0);
  if (overlap >= MOST_OF_THE_MAP * (bounds[2] - bounds[0]) * (bounds[3] - bounds[1]))
    return;

  /* Under an image of the edges' density, only a focus's edges are
   * drawn, and those are found through their node. */
  if (ctx->options->edge_density != AM_EDGE_DENSITY_PAINTED)
    {
      ctx->visible_edges = g_array_new (FALSE, FALSE, sizeof (guint32));
      am_spatial_index_query_edges (index, view[0], view[1], view[2], view[3],
                                    ctx->visible_edges);
    }

  am_render_world_rect (ctx, ctx->view_x0, ctx->view_y0, ctx->view_x1, ctx->view_y1, 0, 8, view);
  nodes = g_array_new (FALSE, FALSE, sizeof (guint32));
  am_spatial_index_query_nodes (index, view[0], view[1], view[2], view[3], nodes);
  ctx->visible_nodes = g_new0 (guint8, am_graph_get_n_nodes (ctx->graph));
  for (guint i = 0; i < nodes->len; i++)
    ctx->visible_nodes[g_array_index (nodes, guint32, i)] = TRUE;
}

/* Sets up @ctx for a frame of @graph; FALSE (with nothing to clear)
 * when the transform cannot be drawn. */
gboolean
am_render_context_init (RenderContext         *ctx,
                        const AmGraph         *graph,
                        const AmRenderOptions *options,
                        AmPainter             *painter,
                        GString               *scratch)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->graph = graph;
  ctx->options = options;
  ctx->painter = painter;
  ctx->style = am_style_get (options->dark);
  ctx->measurer = am_render_get_measurer ();
  ctx->scratch = scratch;
  ctx->scale = options->transform.scale;
  ctx->offset_x = options->transform.offset_x;
  ctx->offset_y = options->transform.offset_y;
  ctx->dense = am_graph_get_n_edges (graph) > DENSE_EDGES;
  ctx->focus = AM_NO_INDEX;
  ctx->pixel = 1.0;
  if (painter != NULL && painter->resolution > 0 && isfinite (painter->resolution))
    ctx->pixel = 1.0 / painter->resolution;
  ctx->lod = options->level_of_detail && (painter == NULL || !painter->scalable);
  ctx->far = ctx->lod && LOOP_STEP * ctx->scale < 0.5 * ctx->pixel;

  if (!isfinite (ctx->scale) || ctx->scale <= 0 ||
      !isfinite (ctx->offset_x) || !isfinite (ctx->offset_y))
    return FALSE;

  if (isfinite (options->width) && isfinite (options->height) &&
      options->width > 0 && options->height > 0)
    {
      ctx->cull = TRUE;
      ctx->view_x0 = 0;
      ctx->view_y0 = 0;
      ctx->view_x1 = options->width;
      ctx->view_y1 = options->height;
      ctx->screen_labels = options->label_pixel_size > 0 && isfinite (options->label_pixel_size) &&
                           options->width <= SAFE_COORDINATE &&
                           options->height <= SAFE_COORDINATE;
    }
  else
    {
      /* Unknown size: all is visible, but far coordinates are still cut
       * to something Cairo can hold. */
      ctx->view_x0 = ctx->view_y0 = -SAFE_COORDINATE / 2;
      ctx->view_x1 = ctx->view_y1 = SAFE_COORDINATE / 2;
    }

  ctx->affiliations = am_graph_get_affiliations (graph);
  ctx->lens_stances = am_render_collect_lens_stances (graph, options);
  ctx->positions = am_render_pack_positions (graph);
  cull_with_index (ctx);

  ctx->focus = find_focus (graph, options);
  if (ctx->focus != AM_NO_INDEX)
    ctx->near_focus = mark_neighbourhood (ctx, ctx->focus);
  /* The edges of a focus are counted and told apart one by one. */
  if (ctx->near_focus != NULL)
    ctx->far = FALSE;

  return TRUE;
}

void
am_render_context_clear (RenderContext *ctx)
{
  g_clear_pointer (&ctx->near_focus, g_free);
  g_clear_pointer (&ctx->lens_stances, g_free);
  g_clear_pointer (&ctx->visible_nodes, g_free);
  g_clear_pointer (&ctx->positions, g_free);
  g_clear_pointer (&ctx->visible_edges, g_array_unref);
}

void
am_render_to_painter (const AmGraph         *graph,
                      const AmRenderOptions *options,
                      AmPainter             *painter)
{
  RenderContext ctx;
  g_autoptr(GArray) slots = NULL;
  g_autoptr(GString) scratch = g_string_new (NULL);
  guint n_nodes;

  g_return_if_fail (graph != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (painter != NULL);

  if (!am_render_context_init (&ctx, graph, options, painter, scratch))
    return;
  n_nodes = am_graph_get_n_nodes (graph);

  /* Under an image of their density, only the focus needs its own. */
  slots = options->edge_density == AM_EDGE_DENSITY_PAINTED ? am_render_collect_focus_edges (&ctx)
                                                           : am_render_collect_edges (&ctx);
  am_render_draw_group_boxes (&ctx);
  if (painter->wants_metadata)
    am_painter_begin_group (painter, "edges", NULL, NULL);
  am_render_draw_edges (&ctx, slots, FALSE);
  if (painter->wants_metadata)
    am_painter_end_group (painter);

  if (ctx.near_focus != NULL)
    {
      /* The neighbourhood goes over the faded rest: its edges over faded
       * nodes, its nodes over everything. */
      if (painter->wants_metadata)
        am_painter_begin_group (painter, "nodes", NULL, NULL);
      for (guint i = 0; i < n_nodes; i++)
        if (!ctx.near_focus[i] && am_render_maybe_visible (&ctx, i) &&
            !am_render_node_is_box (am_graph_get_node (graph, i)))
          am_render_draw_node (&ctx, i, NODE_FADED);
      if (painter->wants_metadata)
        {
          am_painter_end_group (painter);
          am_painter_begin_group (painter, "edges focus", NULL, NULL);
        }
      am_render_draw_edges (&ctx, slots, TRUE);
      if (painter->wants_metadata)
        {
          am_painter_end_group (painter);
          am_painter_begin_group (painter, "nodes focus", NULL, NULL);
        }
      for (guint i = 0; i < n_nodes; i++)
        if (ctx.near_focus[i] && i != ctx.focus && am_render_maybe_visible (&ctx, i) &&
            !am_render_node_is_box (am_graph_get_node (graph, i)))
          am_render_draw_node (&ctx, i, NODE_NEIGHBOUR);
      if (!am_render_node_is_box (am_graph_get_node (graph, ctx.focus)))
        am_render_draw_node (&ctx, ctx.focus, NODE_FOCUS);
      if (painter->wants_metadata)
        am_painter_end_group (painter);
    }
  else
    {
      if (painter->wants_metadata)
        am_painter_begin_group (painter, "nodes", NULL, NULL);
      g_autofree guint8 *drawn = ctx.lod ? am_render_draw_small_nodes (&ctx) : NULL;

      /* Those drawn small are too small for a label: nothing is left of
       * them to draw. */
      for (guint i = 0; i < n_nodes; i++)
        if ((drawn == NULL || !drawn[i]) && am_render_maybe_visible (&ctx, i) &&
            !am_render_node_is_box (am_graph_get_node (graph, i)))
          am_render_draw_node (&ctx, i, NODE_NORMAL);
      if (painter->wants_metadata)
        am_painter_end_group (painter);
    }

  if (ctx.screen_labels && !options->defer_labels)
    {
      double legend_width = 0, legend_height = 0;

      if (options->draw_legend)
        am_render_get_legend_size (graph, options, &legend_width, &legend_height);
      am_render_draw_screen_labels (&ctx, legend_width, legend_height);
    }

  if (options->draw_legend)
    am_render_draw_legend (&ctx);

  am_render_context_clear (&ctx);
}

void
am_render_to_cairo (const AmGraph         *graph,
                    const AmRenderOptions *options,
                    cairo_t               *cr)
{
  g_autoptr(AmPainter) painter = NULL;
  cairo_surface_t *density = NULL;

  g_return_if_fail (graph != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (cr != NULL);

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    return;

  painter = am_cairo_painter_new (cr);
  if (options->edge_density == AM_EDGE_DENSITY_AUTO &&
      cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE)
    density = am_render_edge_density (graph, options, painter->resolution, NULL);

  if (density != NULL)
    {
      AmRenderOptions painted = *options;

      /* The image's pixels are the target's: its device scale is the
       * painter's resolution. */
      cairo_save (cr);
      cairo_set_source_surface (cr, density, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_surface_destroy (density);

      painted.edge_density = AM_EDGE_DENSITY_PAINTED;
      am_render_to_painter (graph, &painted, painter);
    }
  else
    {
      am_render_to_painter (graph, options, painter);
    }
}

void
am_render_legend_to_cairo (const AmGraph         *graph,
                           const AmRenderOptions *options,
                           cairo_t               *cr)
{
  g_autoptr(AmPainter) painter = NULL;
  RenderContext ctx = { 0 };

  g_return_if_fail (graph != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (cr != NULL);

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    return;

  painter = am_cairo_painter_new (cr);
  ctx.graph = graph;
  ctx.options = options;
  ctx.painter = painter;
  ctx.style = am_style_get (options->dark);
  ctx.measurer = am_render_get_measurer ();
  ctx.affiliations = am_graph_get_affiliations (graph);
  am_render_draw_legend (&ctx);
}

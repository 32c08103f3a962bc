/* am-style.h: colours, shapes and line styles of the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "am-graph.h"

G_BEGIN_DECLS

/* Components from 0 to 1, not premultiplied. */
typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} AmColour;

typedef enum
{
  AM_SHAPE_CIRCLE,
  AM_SHAPE_ROUNDED_SQUARE,
  AM_SHAPE_HEXAGON,
  AM_SHAPE_DIAMOND,
  AM_SHAPE_PILL,
  AM_SHAPE_TRIANGLE,
  /* A group node: a box around its members, slightly rounded. */
  AM_SHAPE_GROUP_BOX,
} AmShape;

/* The corner radius of a group box of @width × @height. */
#define AM_STYLE_GROUP_RADIUS(width, height) (0.06 * MIN ((width), (height)))

#define AM_STYLE_N_PALETTE 12

/* Font sizes and lengths are in world units (points at scale 1). */
#define AM_STYLE_FONT_FAMILY       "Cantarell, Sans"
#define AM_STYLE_SVG_FONT_FAMILY   "Cantarell, sans-serif"
#define AM_STYLE_LABEL_SIZE        11.0
#define AM_STYLE_LABEL_GAP         4.0
#define AM_STYLE_LABEL_MAX_CHARS   60
#define AM_STYLE_HALO_WIDTH        3.0
#define AM_STYLE_OUTLINE_WIDTH     1.2

typedef struct
{
  gboolean dark;
  AmColour background;
  AmColour text;
  AmColour text_secondary;
  AmColour halo;
  AmColour no_affiliation;
  AmColour accent;
  AmColour legend_background;
  AmColour legend_border;
  AmColour legend_symbol;
  AmColour palette[AM_STYLE_N_PALETTE];
} AmStyle;

typedef struct
{
  AmColour      colour;
  double        width;    /* world units */
  const double *dashes;   /* in multiples of the line width; NULL for solid */
  guint         n_dashes;
} AmEdgeStyle;

const AmStyle  *am_style_get                  (gboolean           dark);

AmShape         am_style_get_shape            (AmNodeKind         kind);
/* The size of a node's shape when the file gives none, in world units. */
void            am_style_get_shape_size       (AmNodeKind         kind,
                                               double            *width,
                                               double            *height);
/* The size of @node's shape: the file's, when it gave a sane one, else
 * the kind's. */
void            am_style_get_node_shape_size  (const AmNode      *node,
                                               double            *width,
                                               double            *height);
/* Distance from the centre of a @width × @height shape to its outline in
 * the direction (@dx, @dy), which need not be normalised. */
double          am_style_shape_boundary       (AmShape            shape,
                                               double             width,
                                               double             height,
                                               double             dx,
                                               double             dy);

void            am_style_get_edge_style       (const AmStyle     *style,
                                               AmEdgeKind         kind,
                                               AmStance           stance,
                                               AmEdgeStyle       *out);
AmColour        am_style_get_stance_colour    (const AmStyle     *style,
                                               AmStance           stance);
/* Fades @style as far as the source is unsure of the edge. */
void            am_style_apply_certainty      (AmCertainty        certainty,
                                               AmEdgeStyle       *style);
/* The darker rim drawn around a node of colour @fill. */
AmColour        am_style_get_outline          (const AmStyle     *style,
                                               const AmColour    *fill);

AmColour        am_colour_from_rgba32         (guint32            rgba);
/* (1 - @amount) × @from + @amount × @to, alpha included. */
AmColour        am_colour_mix                 (const AmColour    *from,
                                               const AmColour    *to,
                                               double             amount);
gboolean        am_colour_equal               (const AmColour    *a,
                                               const AmColour    *b);

/* The affiliations of one graph, in order of first appearance, each with
 * its colour: the same affiliation always gets the same colour, and a few
 * well-known ones ("Ukraine", "Russia", "United States", "European Union",
 * "NATO") always get theirs. Spelling and case differences are folded. */
typedef struct _AmAffiliations AmAffiliations;

AmAffiliations *am_affiliations_new           (const AmGraph     *graph);
void            am_affiliations_free          (AmAffiliations    *self);
guint           am_affiliations_get_n_items   (const AmAffiliations *self);
/* The spelling first met in the file. */
const char     *am_affiliations_get_name      (const AmAffiliations *self,
                                               guint              index);
guint           am_affiliations_get_n_nodes   (const AmAffiliations *self,
                                               guint              index);
AmColour        am_affiliations_get_colour    (const AmAffiliations *self,
                                               const AmStyle     *style,
                                               guint              index);
/* The affiliation index of @node, or -1 when it has none. */
int             am_affiliations_get_node_item (const AmAffiliations *self,
                                               guint              node);
/* How many nodes are drawn in the "no affiliation" grey. */
guint           am_affiliations_get_n_unaffiliated (const AmAffiliations *self);

/* What a node is filled with: the file's colour, else its affiliation's,
 * else grey. */
AmColour        am_style_get_node_fill        (const AmStyle     *style,
                                               const AmAffiliations *affiliations,
                                               const AmGraph     *graph,
                                               guint              node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmAffiliations, am_affiliations_free)

G_END_DECLS

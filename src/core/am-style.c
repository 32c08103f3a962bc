/* am-style.c: colours, shapes and line styles of the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "am-style.h"

#define CHANNEL(hex, shift) ((((hex) >> (shift)) & 0xff) / 255.0)
#define RGBA(hex, a) { CHANNEL (hex, 16), CHANNEL (hex, 8), CHANNEL (hex, 0), (a) }
#define RGB(hex) RGBA (hex, 1.0)

/* Palette slots. The first five belong to well-known affiliations, so
 * that Russia is red and Ukraine blue on every map. */
enum
{
  SLOT_BLUE,
  SLOT_RED,
  SLOT_PURPLE,
  SLOT_GOLD,
  SLOT_NAVY,
  SLOT_GREEN,
  SLOT_ORANGE,
  SLOT_TEAL,
  SLOT_BROWN,
  SLOT_PINK,
  SLOT_SKY,
  SLOT_SAND,
};

/* Affiliations without a fixed colour take slots in this order: the
 * neighbours differ in hue and lightness, which keeps the first few
 * apart also for colour-blind readers. */
static const guint free_slot_order[AM_STYLE_N_PALETTE] = {
  SLOT_BLUE, SLOT_ORANGE, SLOT_GREEN, SLOT_PURPLE, SLOT_TEAL, SLOT_RED,
  SLOT_GOLD, SLOT_BROWN, SLOT_NAVY, SLOT_PINK, SLOT_SKY, SLOT_SAND,
};

/* Shades for affiliations past the palette, in an order that keeps them
 * apart from the colours of the main actors (blue, red, purple). */
static const guint shade_order[AM_STYLE_N_PALETTE] = {
  SLOT_GREEN, SLOT_ORANGE, SLOT_PINK, SLOT_BROWN, SLOT_GOLD, SLOT_TEAL,
  SLOT_SKY, SLOT_SAND, SLOT_PURPLE, SLOT_RED, SLOT_BLUE, SLOT_NAVY,
};

/* Mostly the GNOME HIG palette. */
static const AmStyle light_style = {
  .dark = FALSE,
  .background = RGB (0xffffff),
  .text = RGB (0x241f31),
  .text_secondary = RGB (0x5e5c64),
  .halo = RGBA (0xffffff, 0.88),
  .no_affiliation = RGB (0xa8a7a3),
  .accent = RGB (0x1c71d8),
  .legend_background = RGBA (0xfafafa, 0.94),
  .legend_border = RGBA (0x000000, 0.12),
  .legend_symbol = RGB (0x9a9996),
  .palette = {
    [SLOT_BLUE] = RGB (0x3584e4),
    [SLOT_RED] = RGB (0xe01b24),
    [SLOT_PURPLE] = RGB (0x9141ac),
    [SLOT_GOLD] = RGB (0xe5a50a),
    [SLOT_NAVY] = RGB (0x1a5fb4),
    [SLOT_GREEN] = RGB (0x2ec27e),
    [SLOT_ORANGE] = RGB (0xff7800),
    [SLOT_TEAL] = RGB (0x2190a4),
    [SLOT_BROWN] = RGB (0x986a44),
    [SLOT_PINK] = RGB (0xd56199),
    [SLOT_SKY] = RGB (0x99c1f1),
    [SLOT_SAND] = RGB (0xcdab8f),
  },
};

static const AmStyle dark_style = {
  .dark = TRUE,
  .background = RGB (0x242424),
  .text = RGB (0xffffff),
  .text_secondary = RGB (0xc0bfbc),
  .halo = RGBA (0x242424, 0.88),
  .no_affiliation = RGB (0x9a9996),
  .accent = RGB (0x78aeed),
  .legend_background = RGBA (0x303030, 0.94),
  .legend_border = RGBA (0xffffff, 0.12),
  .legend_symbol = RGB (0x9a9996),
  .palette = {
    [SLOT_BLUE] = RGB (0x62a0ea),
    [SLOT_RED] = RGB (0xed333b),
    [SLOT_PURPLE] = RGB (0xc061cb),
    [SLOT_GOLD] = RGB (0xf5c211),
    [SLOT_NAVY] = RGB (0x1c71d8),
    [SLOT_GREEN] = RGB (0x33d17a),
    [SLOT_ORANGE] = RGB (0xffa348),
    [SLOT_TEAL] = RGB (0x3fb5c8),
    [SLOT_BROWN] = RGB (0xb5835a),
    [SLOT_PINK] = RGB (0xe88bb8),
    [SLOT_SKY] = RGB (0x99c1f1),
    [SLOT_SAND] = RGB (0xdeddda),
  },
};

const AmStyle *
am_style_get (gboolean dark)
{
  return dark ? &dark_style : &light_style;
}

/* Shapes */

AmShape
am_style_get_shape (AmNodeKind kind)
{
  switch (kind)
    {
    case AM_NODE_KIND_GOVERNMENT:
      return AM_SHAPE_ROUNDED_SQUARE;
    case AM_NODE_KIND_ORGANISATION:
      return AM_SHAPE_HEXAGON;
    case AM_NODE_KIND_ISSUE:
      return AM_SHAPE_DIAMOND;
    case AM_NODE_KIND_EVENT:
      return AM_SHAPE_PILL;
    case AM_NODE_KIND_PLACE:
      return AM_SHAPE_TRIANGLE;
    case AM_NODE_KIND_PERSON:
    case AM_NODE_KIND_OTHER:
    default:
      return AM_SHAPE_CIRCLE;
    }
}

void
am_style_get_shape_size (AmNodeKind  kind,
                         double     *width,
                         double     *height)
{
  /* Shapes of different kinds look equally heavy at these sizes: a
   * diamond needs more room than a square to show the same area. */
  static const double sizes[AM_N_NODE_KINDS][2] = {
    [AM_NODE_KIND_OTHER] = { 20, 20 },
    [AM_NODE_KIND_PERSON] = { 26, 26 },
    [AM_NODE_KIND_GOVERNMENT] = { 25, 25 },
    [AM_NODE_KIND_ORGANISATION] = { 30, 26 },
    [AM_NODE_KIND_ISSUE] = { 30, 30 },
    [AM_NODE_KIND_EVENT] = { 36, 20 },
    [AM_NODE_KIND_PLACE] = { 28, 25 },
  };

  if (kind >= AM_N_NODE_KINDS)
    kind = AM_NODE_KIND_OTHER;

  *width = sizes[kind][0];
  *height = sizes[kind][1];
}

void
am_style_get_node_shape_size (const AmNode *node,
                              double       *width,
                              double       *height)
{
  if ((node->flags & AM_NODE_HAS_SIZE) &&
      isfinite (node->width) && isfinite (node->height) &&
      node->width > 0 && node->height > 0)
    {
      *width = node->width;
      *height = node->height;
      return;
    }

  am_style_get_shape_size (node->kind < AM_N_NODE_KINDS ? node->kind : AM_NODE_KIND_OTHER,
                           width, height);
}

/* Distance along the unit vector (ux, uy) to the outline of a rectangle
 * with half sides a, b whose corners are rounded with radius r. */
static double
rounded_rect_boundary (double a,
                       double b,
                       double r,
                       double ux,
                       double uy)
{
  double t = G_MAXDOUBLE;
  double px, py, cx, cy, uc, disc;

  if (fabs (ux) > 1e-12)
    t = a / fabs (ux);
  if (fabs (uy) > 1e-12)
    t = MIN (t, b / fabs (uy));

  px = t * ux;
  py = t * uy;
  if (r <= 0 || fabs (px) <= a - r || fabs (py) <= b - r)
    return t;

  /* The ray leaves through a corner arc. */
  cx = copysign (a - r, ux);
  cy = copysign (b - r, uy);
  uc = ux * cx + uy * cy;
  disc = uc * uc - (cx * cx + cy * cy - r * r);

  return disc > 0 ? uc + sqrt (disc) : t;
}

/* Distance along (ux, uy) from the origin to a convex polygon around it. */
static double
polygon_boundary (const double (*points)[2],
                  guint          n_points,
                  double         a,
                  double         b,
                  double         ux,
                  double         uy)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < n_points; i++)
    {
      double px = points[i][0] * a, py = points[i][1] * b;
      double qx = points[(i + 1) % n_points][0] * a, qy = points[(i + 1) % n_points][1] * b;
      double ex = qx - px, ey = qy - py;
      double denom = ux * ey - uy * ex;
      double t, s;

      if (fabs (denom) < 1e-12)
        continue;

      t = (px * ey - py * ex) / denom;
      s = (px * uy - py * ux) / denom;
      if (t > 0 && s >= -1e-9 && s <= 1 + 1e-9)
        best = MIN (best, t);
    }

  return best < G_MAXDOUBLE ? best : MIN (a, b);
}

static const double hexagon_points[][2] = {
  { -1, 0 }, { -0.5, -1 }, { 0.5, -1 }, { 1, 0 }, { 0.5, 1 }, { -0.5, 1 },
};
static const double diamond_points[][2] = {
  { 0, -1 }, { 1, 0 }, { 0, 1 }, { -1, 0 },
};
static const double triangle_points[][2] = {
  { 0, -1 }, { 1, 1 }, { -1, 1 },
};

double
am_style_shape_boundary (AmShape shape,
                         double  width,
                         double  height,
                         double  dx,
                         double  dy)
{
  double a = width / 2, b = height / 2;
  double length = hypot (dx, dy);
  double ux, uy;

  if (!(length > 0) || !isfinite (length))
    return MIN (a, b);

  ux = dx / length;
  uy = dy / length;

  switch (shape)
    {
    case AM_SHAPE_ROUNDED_SQUARE:
      return rounded_rect_boundary (a, b, 0.25 * MIN (width, height), ux, uy);
    case AM_SHAPE_PILL:
      return rounded_rect_boundary (a, b, MIN (a, b), ux, uy);
    case AM_SHAPE_GROUP_BOX:
      return rounded_rect_boundary (a, b, AM_STYLE_GROUP_RADIUS (width, height), ux, uy);
    case AM_SHAPE_HEXAGON:
      return polygon_boundary (hexagon_points, G_N_ELEMENTS (hexagon_points), a, b, ux, uy);
    case AM_SHAPE_DIAMOND:
      return polygon_boundary (diamond_points, G_N_ELEMENTS (diamond_points), a, b, ux, uy);
    case AM_SHAPE_TRIANGLE:
      return polygon_boundary (triangle_points, G_N_ELEMENTS (triangle_points), a, b, ux, uy);
    case AM_SHAPE_CIRCLE:
    default:
      if (a <= 0 || b <= 0)
        return 0;
      return 1.0 / sqrt ((ux / a) * (ux / a) + (uy / b) * (uy / b));
    }
}

/* Edges */

/* Okabe and Ito's colour-blind safe hues for the stances, so that
 * "supports" and "opposes" differ also for deuteranopes. */
static const AmColour light_stances[AM_N_STANCES] = {
  [AM_STANCE_NONE] = RGBA (0x5e5c64, 0.75),
  [AM_STANCE_SUPPORTS] = RGBA (0x009e73, 0.9),
  [AM_STANCE_OPPOSES] = RGBA (0xd55e00, 0.9),
  [AM_STANCE_CONDITIONAL] = RGBA (0xd69200, 0.9),
  [AM_STANCE_NEUTRAL] = RGBA (0x8c8c8c, 0.85),
};

static const AmColour dark_stances[AM_N_STANCES] = {
  [AM_STANCE_NONE] = RGBA (0xc0bfbc, 0.7),
  [AM_STANCE_SUPPORTS] = RGBA (0x2fc99a, 0.9),
  [AM_STANCE_OPPOSES] = RGBA (0xff8a3d, 0.9),
  [AM_STANCE_CONDITIONAL] = RGBA (0xf5c04a, 0.9),
  [AM_STANCE_NEUTRAL] = RGBA (0xa3a3a3, 0.85),
};

AmColour
am_style_get_stance_colour (const AmStyle *style,
                            AmStance       stance)
{
  const AmColour *table = style->dark ? dark_stances : light_stances;

  if (stance >= AM_N_STANCES)
    stance = AM_STANCE_NONE;

  return table[stance];
}

static const double dashed[] = { 4, 3 };
static const double dotted[] = { 0.01, 2.5 };
static const double dash_dot[] = { 5, 2.5, 0.01, 2.5 };

void
am_style_get_edge_style (const AmStyle *style,
                         AmEdgeKind     kind,
                         AmStance       stance,
                         AmEdgeStyle   *out)
{
  const gboolean dark = style->dark;
  const AmColour interaction = dark ? (AmColour) RGBA (0x99b4d6, 0.8)
                                    : (AmColour) RGBA (0x4a6a94, 0.75);

  out->dashes = NULL;
  out->n_dashes = 0;
  out->width = 1.3;
  out->colour = dark ? (AmColour) RGBA (0x9a9996, 0.7) : (AmColour) RGBA (0x77767b, 0.7);

  switch (kind)
    {
    case AM_EDGE_KIND_STATEMENT:
      out->colour = am_style_get_stance_colour (style, stance);
      out->width = 1.6;
      if (stance == AM_STANCE_CONDITIONAL)
        {
          out->dashes = dashed;
          out->n_dashes = G_N_ELEMENTS (dashed);
        }
      break;

    case AM_EDGE_KIND_TALKS:
      out->colour = interaction;
      out->width = 1.5;
      break;

    case AM_EDGE_KIND_MEETING:
      out->colour = interaction;
      out->width = 2.2;
      break;

    case AM_EDGE_KIND_VISIT:
      out->colour = interaction;
      out->width = 1.8;
      out->dashes = dotted;
      out->n_dashes = G_N_ELEMENTS (dotted);
      break;

    case AM_EDGE_KIND_ATTACK:
      out->colour = dark ? (AmColour) RGBA (0xff6b6b, 0.9) : (AmColour) RGBA (0xa51d2d, 0.9);
      out->width = 2.2;
      break;

    case AM_EDGE_KIND_WARNING:
      /* A threat, kin to an attack, apart from the orange of criticism. */
      out->colour = dark ? (AmColour) RGBA (0xff6b6b, 0.9) : (AmColour) RGBA (0xa51d2d, 0.85);
      out->width = 1.6;
      out->dashes = dashed;
      out->n_dashes = G_N_ELEMENTS (dashed);
      break;

    case AM_EDGE_KIND_PROPOSAL:
      out->colour = dark ? (AmColour) RGBA (0xdc8add, 0.9) : (AmColour) RGBA (0x813d9c, 0.85);
      out->width = 1.6;
      out->dashes = dash_dot;
      out->n_dashes = G_N_ELEMENTS (dash_dot);
      break;

    case AM_EDGE_KIND_SUPPORT:
      out->colour = am_style_get_stance_colour (style, AM_STANCE_SUPPORTS);
      out->width = 1.6;
      break;

    case AM_EDGE_KIND_CRITICISM:
      out->colour = am_style_get_stance_colour (style, AM_STANCE_OPPOSES);
      out->width = 1.6;
      out->dashes = dashed;
      out->n_dashes = G_N_ELEMENTS (dashed);
      break;

    case AM_EDGE_KIND_MEMBERSHIP:
      /* Structure, not an act: thin and quiet. */
      out->width = 1.1;
      break;

    case AM_EDGE_KIND_INCURSION:
      /* Kin to an attack, and visibly less. */
      out->colour = dark ? (AmColour) RGBA (0xff6b6b, 0.85) : (AmColour) RGBA (0xa51d2d, 0.8);
      out->width = 1.8;
      out->dashes = dotted;
      out->n_dashes = G_N_ELEMENTS (dotted);
      break;

    case AM_EDGE_KIND_REACTION:
      out->colour = dark ? (AmColour) RGBA (0xcdab8f, 0.85) : (AmColour) RGBA (0x865e3c, 0.8);
      out->width = 1.4;
      out->dashes = dashed;
      out->n_dashes = G_N_ELEMENTS (dashed);
      break;

    case AM_EDGE_KIND_PRESSURE:
      out->colour = am_style_get_stance_colour (style, AM_STANCE_OPPOSES);
      out->width = 1.8;
      out->dashes = dash_dot;
      out->n_dashes = G_N_ELEMENTS (dash_dot);
      break;

    case AM_EDGE_KIND_ADVANCE:
      out->colour = dark ? (AmColour) RGBA (0xff6b6b, 0.9) : (AmColour) RGBA (0xa51d2d, 0.9);
      out->width = 2.2;
      out->dashes = dash_dot;
      out->n_dashes = G_N_ELEMENTS (dash_dot);
      break;

    case AM_EDGE_KIND_LOCATION:
      out->width = 1.0;
      out->dashes = dotted;
      out->n_dashes = G_N_ELEMENTS (dotted);
      break;

    case AM_EDGE_KIND_OTHER:
    default:
      if (stance != AM_STANCE_NONE)
        out->colour = am_style_get_stance_colour (style, stance);
      break;
    }
}

void
am_style_apply_certainty (AmCertainty  certainty,
                          AmEdgeStyle *style)
{
  /* The less sure the source, the fainter the line; the kind's colour
   * and pattern stay, so it still reads as what it is. */
  static const double fade[AM_N_CERTAINTIES] = {
    [AM_CERTAINTY_STATED] = 1.0,
    [AM_CERTAINTY_REPORTED] = 0.8,
    [AM_CERTAINTY_SUSPECTED] = 0.5,
    [AM_CERTAINTY_INFERRED] = 0.45,
  };

  if (certainty < AM_N_CERTAINTIES)
    style->colour.alpha *= fade[certainty];
}

AmColour
am_style_get_outline (const AmStyle  *style,
                      const AmColour *fill)
{
  static const AmColour black = RGB (0x000000);
  AmColour outline = am_colour_mix (fill, &black, style->dark ? 0.45 : 0.3);

  outline.alpha = fill->alpha;
  return outline;
}

/* Colours */

AmColour
am_colour_from_rgba32 (guint32 rgba)
{
  AmColour colour = {
    ((rgba >> 24) & 0xff) / 255.0,
    ((rgba >> 16) & 0xff) / 255.0,
    ((rgba >> 8) & 0xff) / 255.0,
    (rgba & 0xff) / 255.0,
  };

  return colour;
}

AmColour
am_colour_mix (const AmColour *from,
               const AmColour *to,
               double          amount)
{
  AmColour mixed = {
    from->red + (to->red - from->red) * amount,
    from->green + (to->green - from->green) * amount,
    from->blue + (to->blue - from->blue) * amount,
    from->alpha + (to->alpha - from->alpha) * amount,
  };

  return mixed;
}

gboolean
am_colour_equal (const AmColour *a,
                 const AmColour *b)
{
  return fabs (a->red - b->red) < 1e-6 && fabs (a->green - b->green) < 1e-6 &&
         fabs (a->blue - b->blue) < 1e-6 && fabs (a->alpha - b->alpha) < 1e-6;
}

/* Affiliations */

struct _AmAffiliations
{
  GPtrArray *names;     /* char *, first spelling */
  GArray    *slots;     /* guint, palette slot */
  GArray    *counts;    /* guint, nodes */
  int       *node_items;
  guint      n_nodes;
  guint      n_unaffiliated;
};

static const struct
{
  const char *key;
  guint       slot;
} well_known[] = {
  { "ukraine", SLOT_BLUE },
  { "russia", SLOT_RED },
  { "russian federation", SLOT_RED },
  { "united states", SLOT_PURPLE },
  { "united states of america", SLOT_PURPLE },
  { "usa", SLOT_PURPLE },
  { "us", SLOT_PURPLE },
  { "u.s.", SLOT_PURPLE },
  { "european union", SLOT_GOLD },
  { "eu", SLOT_GOLD },
  { "nato", SLOT_NAVY },
};

/* Folds case and runs of white space so that "United  States " and
 * "united states" are one affiliation. */
static char *
affiliation_key (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name, -1);
  g_autofree char *folded = g_utf8_casefold (valid, -1);
  GString *key = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = key->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (key, ' ');
      space = FALSE;
      g_string_append_c (key, *p);
    }

  return g_string_free (key, FALSE);
}

static int
well_known_slot (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (well_known); i++)
    if (strcmp (key, well_known[i].key) == 0)
      return (int) well_known[i].slot;

  return -1;
}

static void
assign_slots (AmAffiliations *self,
              GPtrArray      *keys)
{
  gboolean taken[AM_STYLE_N_PALETTE] = { FALSE };
  guint next = 0, n_shaded = 0;

  for (guint i = 0; i < keys->len; i++)
    {
      int slot = well_known_slot (g_ptr_array_index (keys, i));

      g_array_index (self->slots, guint, i) = slot >= 0 ? (guint) slot : G_MAXUINT;
      if (slot >= 0)
        taken[slot] = TRUE;
    }

  for (guint i = 0; i < keys->len; i++)
    {
      guint *slot = &g_array_index (self->slots, guint, i);

      if (*slot != G_MAXUINT)
        continue;

      while (next < AM_STYLE_N_PALETTE && taken[free_slot_order[next]])
        next++;

      if (next < AM_STYLE_N_PALETTE)
        {
          *slot = free_slot_order[next];
          taken[*slot] = TRUE;
        }
      else
        {
          /* More affiliations than colours: the later ones take darker
           * shades, so that no two share one while shades last. */
          guint k = n_shaded++;

          *slot = shade_order[k % AM_STYLE_N_PALETTE] + AM_STYLE_N_PALETTE * MIN (1 + k / AM_STYLE_N_PALETTE, 2);
        }
    }
}

AmAffiliations *
am_affiliations_new (const AmGraph *graph)
{
  AmAffiliations *self = g_new0 (AmAffiliations, 1);
  /* Values are mostly interned, so the pointer usually finds the item
   * without hashing the string. */
  g_autoptr(GHashTable) by_pointer = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (graph != NULL, self);

  self->names = g_ptr_array_new_with_free_func (g_free);
  self->slots = g_array_new (FALSE, TRUE, sizeof (guint));
  self->counts = g_array_new (FALSE, TRUE, sizeof (guint));
  self->n_nodes = am_graph_get_n_nodes (graph);
  self->node_items = g_new (int, MAX (self->n_nodes, 1));

  for (guint i = 0; i < self->n_nodes; i++)
    {
      const AmNode *node = am_graph_get_node (graph, i);
      gpointer found;
      int item;

      self->node_items[i] = -1;
      if (node->affiliation == NULL || *node->affiliation == '\0')
        {
          if (!(node->flags & AM_NODE_HAS_FILL))
            self->n_unaffiliated++;
          continue;
        }

      found = g_hash_table_lookup (by_pointer, node->affiliation);
      if (found != NULL)
        {
          item = GPOINTER_TO_INT (found) - 1;
        }
      else
        {
          char *key = affiliation_key (node->affiliation);

          if (*key == '\0')
            {
              g_free (key);
              if (!(node->flags & AM_NODE_HAS_FILL))
                self->n_unaffiliated++;
              continue;
            }

          found = g_hash_table_lookup (by_key, key);
          if (found != NULL)
            {
              item = GPOINTER_TO_INT (found) - 1;
              g_free (key);
            }
          else
            {
              guint zero = 0;

              item = (int) self->names->len;
              /* Shown in the legend, through Pango, which needs valid
               * UTF-8. */
              g_ptr_array_add (self->names, g_strstrip (g_utf8_make_valid (node->affiliation, -1)));
              g_ptr_array_add (keys, key);
              g_array_append_val (self->slots, zero);
              g_array_append_val (self->counts, zero);
              g_hash_table_insert (by_key, key, GINT_TO_POINTER (item + 1));
            }

          g_hash_table_insert (by_pointer, (gpointer) node->affiliation,
                               GINT_TO_POINTER (item + 1));
        }

      self->node_items[i] = item;
      g_array_index (self->counts, guint, item)++;
    }

  assign_slots (self, keys);

  return self;
}

void
am_affiliations_free (AmAffiliations *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->names);
  g_array_unref (self->slots);
  g_array_unref (self->counts);
  g_free (self->node_items);
  g_free (self);
}

guint
am_affiliations_get_n_items (const AmAffiliations *self)
{
  return self->names->len;
}

const char *
am_affiliations_get_name (const AmAffiliations *self,
                          guint                 index)
{
  g_return_val_if_fail (index < self->names->len, NULL);

  return g_ptr_array_index (self->names, index);
}

guint
am_affiliations_get_n_nodes (const AmAffiliations *self,
                             guint                 index)
{
  g_return_val_if_fail (index < self->counts->len, 0);

  return g_array_index (self->counts, guint, index);
}

AmColour
am_affiliations_get_colour (const AmAffiliations *self,
                            const AmStyle        *style,
                            guint                 index)
{
  guint slot;
  AmColour colour;

  g_return_val_if_fail (index < self->slots->len, style->no_affiliation);

  slot = g_array_index (self->slots, guint, index);
  colour = style->palette[slot % AM_STYLE_N_PALETTE];
  if (slot >= AM_STYLE_N_PALETTE)
    {
      /* A shade: darker by a third, twice over for the third round. */
      static const AmColour black = RGB (0x000000);

      colour = am_colour_mix (&colour, &black, slot >= 2 * AM_STYLE_N_PALETTE ? 0.55 : 0.35);
      colour.alpha = 1.0;
    }
  return colour;
}

int
am_affiliations_get_node_item (const AmAffiliations *self,
                               guint                 node)
{
  if (node >= self->n_nodes)
    return -1;

  return self->node_items[node];
}

guint
am_affiliations_get_n_unaffiliated (const AmAffiliations *self)
{
  return self->n_unaffiliated;
}

AmColour
am_style_get_node_fill (const AmStyle        *style,
                        const AmAffiliations *affiliations,
                        const AmGraph        *graph,
                        guint                 node_index)
{
  const AmNode *node = am_graph_get_node (graph, node_index);
  int item;

  /* A fully transparent fill from the file would hide the node. */
  if ((node->flags & AM_NODE_HAS_FILL) && (node->fill & 0xff) != 0)
    return am_colour_from_rgba32 (node->fill);

  item = affiliations != NULL ? am_affiliations_get_node_item (affiliations, node_index) : -1;
  if (item >= 0)
    return am_affiliations_get_colour (affiliations, style, (guint) item);

  return style->no_affiliation;
}

/* am-svg-panels.c: what each actor said, in an exported SVG, opened by a
 * click on the actor without any script
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each actor with statements is a link to "#quotes-ID". An empty shape
 * of that id comes before the map, so that CSS can follow ":target" from
 * it to the map and to the panels after it with the "~" combinator: the
 * panel shows, the actor and its links stay, the rest fades. Panels are
 * hidden by a presentation attribute, which a reader without CSS, or
 * without ":target" (rsvg, Inkscape), keeps: there the picture is the
 * one without panels.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "am-description.h"
#include "am-positions.h"
#include "am-style.h"
#include "am-svg-painter-private.h"
#include "am-svg-panels.h"
#include "am-vocabulary.h"

/* Lengths in the SVG's units, points. */
#define PANEL_WIDTH    300.0
#define PADDING        12.0
#define MARGIN         8.0
#define MIN_HEIGHT     240.0

/* A browser may set the words a little wider than Pango measures them. */
#define WRAP_SLACK     0.92

/* Beyond these, a panel counts what it leaves out. */
#define MAX_STATEMENTS 100
#define MAX_POSITIONS  12
/* An actor's links lit with it, and panels in one picture: a hub of a
 * huge map would otherwise double the file. */
#define MAX_LIT_EDGES  200
#define MAX_PANELS     2000

typedef enum
{
  TEXT_BODY,
  TEXT_NAME,
  TEXT_HEADING,
  TEXT_SMALL,
  TEXT_CONTEXT,
  TEXT_QUOTE_MARK,
  TEXT_REPORTED_MARK,
} TextStyle;

/* The look is in the style sheet: only a browser shows panels. Whole
 * line heights keep the numbers in the file short. */
static const struct
{
  const char *css_class;
  double      size;
  int         weight;
  double      line_height;
} text_styles[] = {
  [TEXT_BODY]          = { NULL, 11, PANGO_WEIGHT_NORMAL, 15 },
  [TEXT_NAME]          = { "n", 15, PANGO_WEIGHT_BOLD, 20 },
  [TEXT_HEADING]       = { "h", 11, PANGO_WEIGHT_BOLD, 15 },
  [TEXT_SMALL]         = { "k", 9, PANGO_WEIGHT_NORMAL, 12 },
  [TEXT_CONTEXT]       = { "d", 10, PANGO_WEIGHT_NORMAL, 13 },
  [TEXT_QUOTE_MARK]    = { "q", 9, PANGO_WEIGHT_BOLD, 12 },
  [TEXT_REPORTED_MARK] = { "r", 9, PANGO_WEIGHT_BOLD, 12 },
};

typedef struct
{
  guint    node;
  char    *node_id;
  char    *target_id;
  char    *panel_id;
  GString *body;
  GString *lit;       /* CSS selectors of its links and neighbours */
  double   x;
  double   y;
  double   height;
} Panel;

struct _AmSvgPanels
{
  const AmGraph         *graph;
  const AmRenderOptions *options;
  AmPainter             *painter;
  const AmStyle         *style;
  PangoContext          *context;
  PangoLayout           *layout;
  PangoFontDescription  *font;
  GPtrArray             *panels;
};

static void
panel_free (gpointer data)
{
  Panel *panel = data;

  g_free (panel->node_id);
  g_free (panel->target_id);
  g_free (panel->panel_id);
  g_string_free (panel->body, TRUE);
  g_string_free (panel->lit, TRUE);
  g_free (panel);
}

static void
panels_free (AmSvgPanels *self)
{
  g_clear_object (&self->layout);
  g_clear_object (&self->context);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_ptr_array_unref (self->panels);
  g_free (self);
}

static const char *
nonempty (const char *text)
{
  if (text == NULL)
    return NULL;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return text;

  return NULL;
}

/* Markup */

static void
append_css_colour (GString        *out,
                   const AmColour *colour)
{
  guint red = (guint) (CLAMP (colour->red, 0.0, 1.0) * 255 + 0.5);
  guint green = (guint) (CLAMP (colour->green, 0.0, 1.0) * 255 + 0.5);
  guint blue = (guint) (CLAMP (colour->blue, 0.0, 1.0) * 255 + 0.5);

  if (colour->alpha >= 0.995)
    {
      g_string_append_printf (out, "#%02x%02x%02x", red, green, blue);
      return;
    }

  g_string_append_printf (out, "rgba(%u,%u,%u,", red, green, blue);
  am_svg_append_number (out, CLAMP (colour->alpha, 0.0, 1.0));
  g_string_append_c (out, ')');
}

/* An id as a CSS selector: ids are XML names, whose "." and other
 * punctuation mean something else in CSS. */
static void
append_css_id (GString    *out,
               const char *id)
{
  g_string_append_c (out, '#');
  for (const char *p = id; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (!g_ascii_isalnum (c) && c != '-' && c != '_' && c < 0x80)
        g_string_append_c (out, '\\');
      g_string_append_c (out, (char) c);
    }
}

/* Lines start at x = 0: the panel's origin is where its text begins. */
static void
append_text_element (GString    *out,
                     double      y,
                     const char *css_class,
                     const char *text)
{
  g_string_append (out, "<text y=\"");
  am_svg_append_number (out, y);
  g_string_append_c (out, '"');
  if (css_class != NULL)
    g_string_append_printf (out, " class=\"%s\"", css_class);
  g_string_append_c (out, '>');
  am_svg_append_escaped (out, text, FALSE);
  g_string_append (out, "</text>\n");
}

/* @text broken into lines of the panel's width, one <text> each: SVG 1.1
 * does not wrap. *@y is the baseline of the line before. */
static void
append_wrapped (AmSvgPanels *self,
                GString     *out,
                double      *y,
                TextStyle    style,
                const char  *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  double size = text_styles[style].size;

  pango_font_description_set_absolute_size (self->font, size * PANGO_SCALE);
  pango_font_description_set_weight (self->font, (PangoWeight) text_styles[style].weight);
  pango_layout_set_font_description (self->layout, self->font);
  pango_layout_set_text (self->layout, valid, -1);

  for (GSList *l = pango_layout_get_lines_readonly (self->layout); l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;
      g_autofree char *piece = g_strndup (valid + line->start_index, line->length);

      g_strstrip (piece);
      if (*piece == '\0')
        continue;

      *y += text_styles[style].line_height;
      append_text_element (out, *y, text_styles[style].css_class, piece);
    }
}

/* Content */

/* "Quote · Paragraph 5 · Tuesday", as the details panel heads a
 * statement, with a certainty other than stated. */
static char *
statement_heading (const AmGraph *graph,
                   guint          edge,
                   gboolean       is_quote)
{
  const char *paragraph = nonempty (am_graph_get_edge_value (graph, graph->profile.edge_paragraph, edge));
  const char *when = nonempty (am_graph_get_edge_value (graph, graph->profile.edge_when, edge));
  const char *certainty = am_statement_get_certainty (graph, edge);
  GString *heading = g_string_new (is_quote ? _("Quote") : _("Reported"));

  if (certainty != NULL)
    g_string_append_printf (heading, " · %s", certainty);
  if (paragraph != NULL)
    {
      g_string_append (heading, " · ");
      /* Translators: the paragraph of the source text a statement is from. */
      g_string_append_printf (heading, _("Paragraph %s"), paragraph);
    }
  if (when != NULL)
    g_string_append_printf (heading, " · %s", when);

  return g_string_free (heading, FALSE);
}

static void
append_statement (AmSvgPanels *self,
                  GString     *out,
                  double      *y,
                  guint        edge)
{
  const AmGraph *graph = self->graph;
  const AmEdge *e = am_graph_get_edge (graph, edge);
  AmStatementTextKind kind;
  const char *text = am_statement_get_text (graph, edge, &kind);
  const char *summary = nonempty (am_graph_get_edge_value (graph, graph->profile.edge_summary, edge));
  const char *stance = am_stance_get_title (e->stance);
  g_autofree char *heading = statement_heading (graph, edge, kind == AM_STATEMENT_TEXT_QUOTE);
  g_autofree char *about = NULL;

  *y += 6;
  append_wrapped (self, out, y,
                  kind == AM_STATEMENT_TEXT_QUOTE ? TEXT_QUOTE_MARK : TEXT_REPORTED_MARK, heading);

  if (kind == AM_STATEMENT_TEXT_QUOTE)
    {
      /* Translators: an exact quote in typographic quotation marks. */
      g_autofree char *quoted = g_strdup_printf (_("“%s”"), text);

      append_wrapped (self, out, y, TEXT_BODY, quoted);
      /* A quote is often a fragment; the summary gives its context. */
      if (summary != NULL)
        append_wrapped (self, out, y, TEXT_CONTEXT, summary);
    }
  else if (text != NULL)
    {
      append_wrapped (self, out, y, TEXT_BODY, text);
    }

  about = g_strdup_printf (_("About %s"), am_description_node_name (am_graph_get_node (graph, e->target)));
  if (stance != NULL)
    {
      g_autofree char *with_stance = g_strdup_printf ("%s · %s", about, stance);

      append_wrapped (self, out, y, TEXT_SMALL, with_stance);
    }
  else
    {
      append_wrapped (self, out, y, TEXT_SMALL, about);
    }
}

static void
append_not_shown (AmSvgPanels *self,
                  GString     *out,
                  double      *y,
                  guint        n)
{
  g_autofree char *text = g_strdup_printf (ngettext ("%u more not shown", "%u more not shown", n), n);

  append_wrapped (self, out, y, TEXT_SMALL, text);
}

/* Its stances on issues, one line per issue in file order, each stance
 * once: "US 28-point peace plan: Supports, Opposes". */
typedef struct
{
  GString *line;
  guint32  stances;  /* bit 1 << AmStance: already on the line */
} Position;

static void
position_clear (gpointer data)
{
  Position *position = data;

  g_string_free (position->line, TRUE);
}

static void
append_positions (AmSvgPanels *self,
                  GString     *out,
                  double      *y,
                  guint        node)
{
  const AmGraph *graph = self->graph;
  g_autoptr(GHashTable) index_of = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) positions = g_array_new (FALSE, TRUE, sizeof (Position));
  guint n_edges;
  const guint32 *edges = am_graph_get_node_edges (graph, node, &n_edges);

  g_array_set_clear_func (positions, position_clear);

  for (guint k = 0; k < n_edges; k++)
    {
      const AmEdge *e = am_graph_get_edge (graph, edges[k]);
      const char *stance = am_stance_get_title (e->stance);
      gpointer found;
      Position *position;

      if (e->kind != AM_EDGE_KIND_STATEMENT || e->source != node || stance == NULL ||
          am_graph_get_node (graph, e->target)->kind != AM_NODE_KIND_ISSUE)
        continue;

      if (!g_hash_table_lookup_extended (index_of, GUINT_TO_POINTER (e->target), NULL, &found))
        {
          Position empty = { NULL, 0 };

          empty.line = g_string_new (am_description_node_name (am_graph_get_node (graph, e->target)));
          g_string_append (empty.line, ":");
          found = GUINT_TO_POINTER (positions->len);
          g_array_append_val (positions, empty);
          g_hash_table_insert (index_of, GUINT_TO_POINTER (e->target), found);
        }

      position = &g_array_index (positions, Position, GPOINTER_TO_UINT (found));
      if (position->stances & (1u << e->stance))
        continue;
      g_string_append_printf (position->line, "%s %s", position->stances != 0 ? "," : "", stance);
      position->stances |= 1u << e->stance;
    }

  if (positions->len == 0)
    return;

  *y += 10;
  append_wrapped (self, out, y, TEXT_HEADING, _("Positions"));
  for (guint i = 0; i < MIN (positions->len, MAX_POSITIONS); i++)
    append_wrapped (self, out, y, TEXT_BODY, g_array_index (positions, Position, i).line->str);
  if (positions->len > MAX_POSITIONS)
    append_not_shown (self, out, y, positions->len - MAX_POSITIONS);
}

static void
append_source (AmSvgPanels *self,
               GString     *out,
               double      *y)
{
  const char *source = nonempty (am_graph_get_value (self->graph, self->graph->profile.graph_source, 0));
  g_autofree char *text = NULL;

  if (source == NULL)
    return;

  /* Translators: the text a map was drawn from, under what an actor said. */
  text = g_strdup_printf (_("Source: %s"), source);
  *y += 10;
  append_wrapped (self, out, y, TEXT_SMALL, text);
}

/* The part of the panel under the statements, written at *@y. */
static void
append_footer (AmSvgPanels *self,
               GString     *out,
               double      *y,
               guint        node)
{
  append_positions (self, out, y, node);
  append_source (self, out, y);
}

static void
append_header (AmSvgPanels *self,
               GString     *out,
               double      *y,
               guint        node)
{
  const AmGraph *graph = self->graph;
  const AmNode *n = am_graph_get_node (graph, node);
  const char *kind = n->kind != AM_NODE_KIND_OTHER && n->kind < AM_N_NODE_KINDS
                     ? am_node_kind_get_title (n->kind) : NULL;
  const char *role = nonempty (am_graph_get_node_value (graph, graph->profile.node_role, node));
  const char *affiliation = nonempty (n->affiliation);

  *y = 6;
  if (kind != NULL)
    append_wrapped (self, out, y, TEXT_SMALL, kind);
  append_wrapped (self, out, y, TEXT_NAME, am_description_node_name (n));

  if (role != NULL && affiliation != NULL)
    {
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", role, affiliation);

      append_wrapped (self, out, y, TEXT_SMALL, subtitle);
    }
  else if (role != NULL || affiliation != NULL)
    {
      append_wrapped (self, out, y, TEXT_SMALL, role != NULL ? role : affiliation);
    }
}

static void
build_content (AmSvgPanels *self,
               Panel       *panel)
{
  const AmGraph *graph = self->graph;
  double max_height = MAX (self->options->height - 2 * MARGIN, MIN_HEIGHT);
  double y = 0, footer_height = 0;
  guint n_edges, n_shown = 0, n_statements = 0;
  const guint32 *edges = am_graph_get_node_edges (graph, panel->node, &n_edges);
  g_autoptr(GString) scratch = g_string_new (NULL);

  append_footer (self, scratch, &footer_height, panel->node);

  append_header (self, panel->body, &y, panel->node);
  y += 10;
  append_wrapped (self, panel->body, &y, TEXT_HEADING, _("Statements"));

  for (guint k = 0; k < n_edges; k++)
    {
      const AmEdge *e = am_graph_get_edge (graph, edges[k]);
      double block_y = y;

      if (e->kind != AM_EDGE_KIND_STATEMENT || e->source != panel->node)
        continue;

      n_statements++;
      if (n_shown == n_statements - 1 && n_shown < MAX_STATEMENTS)
        {
          g_string_truncate (scratch, 0);
          append_statement (self, scratch, &block_y, edges[k]);
          /* The first is shown whatever its length. */
          if (n_shown == 0 || block_y + footer_height + 2 * PADDING <= max_height)
            {
              g_string_append_len (panel->body, scratch->str, scratch->len);
              y = block_y;
              n_shown++;
            }
        }
    }

  if (n_shown < n_statements)
    append_not_shown (self, panel->body, &y, n_statements - n_shown);

  append_footer (self, panel->body, &y, panel->node);
  panel->height = y + PADDING;
}

/* Beside the actor, on the side with room, within the picture. */
static void
place (AmSvgPanels *self,
       Panel       *panel)
{
  const AmNode *n = am_graph_get_node (self->graph, panel->node);
  const AmViewTransform *t = &self->options->transform;
  double cx = n->x * t->scale + t->offset_x;
  double cy = n->y * t->scale + t->offset_y;
  double half = MAX (n->width, 0) * t->scale / 2;
  double width = self->options->width;
  double height = self->options->height;

  if (!isfinite (cx) || !isfinite (cy) || !isfinite (half))
    cx = cy = half = 0;

  panel->x = cx + half + MARGIN;
  if (panel->x + PANEL_WIDTH > width - MARGIN)
    panel->x = cx - half - MARGIN - PANEL_WIDTH;
  panel->x = MAX (MARGIN, MIN (panel->x, width - PANEL_WIDTH - MARGIN));

  panel->y = cy - panel->height / 2;
  panel->y = MAX (MARGIN, MIN (panel->y, height - panel->height - MARGIN));
}

/* What lights up with the actor: its links and the actors at their
 * other ends. */
static void
collect_lit (AmSvgPanels *self,
             Panel       *panel)
{
  const AmGraph *graph = self->graph;
  guint n_edges;
  const guint32 *edges = am_graph_get_node_edges (graph, panel->node, &n_edges);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint k = 0; k < MIN (n_edges, MAX_LIT_EDGES); k++)
    {
      const AmEdge *e = am_graph_get_edge (graph, edges[k]);
      guint other = e->source == panel->node ? e->target : e->source;
      g_autofree char *edge_id = am_description_edge_group_id (e, edges[k]);
      g_autofree char *node_id = am_description_node_group_id (am_graph_get_node (graph, other),
                                                                other);
      const char *ids[] = {
        am_svg_painter_reserve_group (self->painter, edge_id, NULL, NULL),
        other != panel->node ? am_svg_painter_reserve_group (self->painter, node_id, NULL, NULL)
                             : NULL,
      };

      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        {
          if (ids[i] == NULL || !g_hash_table_add (seen, g_strdup (ids[i])))
            continue;
          if (panel->lit->len > 0)
            g_string_append_c (panel->lit, ',');
          append_css_id (panel->lit, panel->target_id);
          g_string_append (panel->lit, ":target~g ");
          append_css_id (panel->lit, ids[i]);
        }
    }
}

static gboolean
has_statements (const AmGraph *graph,
                guint          node)
{
  guint n_edges;
  const guint32 *edges = am_graph_get_node_edges (graph, node, &n_edges);

  for (guint k = 0; k < n_edges; k++)
    {
      const AmEdge *e = am_graph_get_edge (graph, edges[k]);

      if (e->kind == AM_EDGE_KIND_STATEMENT && e->source == node)
        return TRUE;
    }

  return FALSE;
}

static void
write_description (AmSvgPanels *self)
{
  g_autoptr(GString) out = g_string_new ("<desc>");

  am_svg_append_escaped (out, _("A map of who said what to whom. Each actor with statements is a "
                                "link to what they said, with where it was said."), FALSE);
  g_string_append (out, "</desc>\n");
  am_svg_painter_append_markup (self->painter, out->str, out->len);
}

/* Empty shapes over each panel's place: what the fragment names, before
 * the map so that CSS reaches the map and the panels after them, and
 * what a browser scrolls into view. */
static void
write_targets (AmSvgPanels *self)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < self->panels->len; i++)
    {
      Panel *panel = self->panels->pdata[i];

      g_string_append_printf (out, "<rect id=\"%s\" class=\"target\"", panel->target_id);
      g_string_append (out, " x=\"");
      am_svg_append_number (out, panel->x);
      g_string_append (out, "\" y=\"");
      am_svg_append_number (out, panel->y);
      g_string_append_printf (out, "\" width=\"%g\" height=\"", PANEL_WIDTH);
      am_svg_append_number (out, panel->height);
      g_string_append (out, "\" fill=\"none\"/>\n");
    }

  am_svg_painter_append_markup (self->painter, out->str, out->len);
}

AmSvgPanels *
am_svg_panels_begin (const AmGraph         *graph,
                     const AmRenderOptions *options,
                     AmPainter             *painter)
{
  AmSvgPanels *self;
  guint n_nodes;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (painter != NULL, NULL);

  self = g_new0 (AmSvgPanels, 1);
  self->graph = graph;
  self->options = options;
  self->painter = painter;
  self->style = am_style_get (options->dark);
  self->panels = g_ptr_array_new_with_free_func (panel_free);

  /* Which actors have panels, before any content, so that each actor's
   * link is set before another's panel names it. */
  n_nodes = am_graph_get_n_nodes (graph);
  for (guint i = 0; i < n_nodes && self->panels->len < MAX_PANELS; i++)
    {
      const AmNode *n = am_graph_get_node (graph, i);
      g_autofree char *requested = NULL;
      g_autofree char *href = NULL;
      g_autofree char *target = NULL;
      Panel *panel;
      const char *made, *rest;

      if (!has_statements (graph, i))
        continue;

      /* The fragment follows the node's id as the SVG spells it. */
      requested = am_description_node_group_id (n, i);
      made = am_svg_painter_reserve_group (painter, requested, NULL, NULL);
      rest = g_str_has_prefix (made, "node-") ? made + 5 : made;
      panel = g_new0 (Panel, 1);
      panel->node = i;
      panel->body = g_string_new (NULL);
      panel->lit = g_string_new (NULL);
      target = g_strconcat ("quotes-", rest, NULL);
      panel->target_id = am_svg_painter_make_id (painter, target);
      g_free (target);
      target = g_strconcat ("panel-", rest, NULL);
      panel->panel_id = am_svg_painter_make_id (painter, target);
      panel->node_id = g_strdup (made);
      href = g_strconcat ("#", panel->target_id, NULL);
      am_svg_painter_reserve_group (painter, requested, href, am_description_node_name (n));
      g_ptr_array_add (self->panels, panel);
    }

  if (self->panels->len == 0)
    {
      panels_free (self);
      return NULL;
    }

  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  self->layout = pango_layout_new (self->context);
  self->font = pango_font_description_from_string (AM_STYLE_FONT_FAMILY);
  pango_layout_set_width (self->layout,
                          (int) ((PANEL_WIDTH - 2 * PADDING) * WRAP_SLACK * PANGO_SCALE));
  pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);

  for (guint i = 0; i < self->panels->len; i++)
    {
      Panel *panel = self->panels->pdata[i];

      build_content (self, panel);
      place (self, panel);
      collect_lit (self, panel);
    }

  write_description (self);
  write_targets (self);

  return self;
}

static void
append_panel (GString     *out,
              const Panel *panel)
{
  g_autofree char *close_label = NULL;

  g_string_append_printf (out, "<g class=\"panel\" id=\"%s\" visibility=\"hidden\" transform=\"translate(",
                          panel->panel_id);
  am_svg_append_number (out, panel->x + PADDING);
  g_string_append_c (out, ' ');
  am_svg_append_number (out, panel->y);
  g_string_append_printf (out, ")\">\n<rect class=\"b\" x=\"%g\" width=\"%g\" height=\"",
                          -PADDING, PANEL_WIDTH);
  am_svg_append_number (out, panel->height);
  g_string_append (out, "\" rx=\"8\"/>\n");

  /* Any fragment that names nothing closes the panel. */
  g_string_append (out, "<a xlink:href=\"#map\" aria-label=\"");
  am_svg_append_escaped (out, _("Close"), TRUE);
  g_string_append_printf (out, "\"><rect class=\"c\" x=\"%g\" y=\"6\" width=\"24\" height=\"24\" rx=\"4\"/>"
                               "<text class=\"x\" x=\"%g\" y=\"23\">×</text></a>\n",
                          PANEL_WIDTH - PADDING - 30, PANEL_WIDTH - PADDING - 18);

  g_string_append_len (out, panel->body->str, panel->body->len);
  g_string_append (out, "</g>\n");
}

static void
append_style (AmSvgPanels *self,
              GString     *out)
{
  const AmStyle *style = self->style;

  g_string_append (out, "<style>\n.panel text{font-size:11px;fill:");
  append_css_colour (out, &style->text);
  g_string_append (out, "}\n.panel .n{font-size:15px;font-weight:700}\n.panel .h{font-weight:700}\n"
                        ".panel .k,.panel .d,.panel .r{font-size:9px;fill:");
  append_css_colour (out, &style->text_secondary);
  g_string_append (out, "}\n.panel .d{font-size:10px}\n.panel .q,.panel .r{font-weight:700}\n"
                        ".panel .q{font-size:9px;fill:");
  append_css_colour (out, &style->accent);
  g_string_append (out, "}\n.panel .x{font-size:16px;text-anchor:middle}\n.panel .b{fill:");
  append_css_colour (out, &style->background);
  g_string_append (out, ";stroke:");
  append_css_colour (out, &style->legend_border);
  g_string_append (out, ";filter:drop-shadow(0 2px 6px rgba(0,0,0,.3))}\n.panel .c{fill:");
  append_css_colour (out, &style->text);
  g_string_append (out, ";fill-opacity:0}\n.panel a:hover .c,.panel a:focus .c{fill-opacity:.15}\n"
                        ".target:target~g .node,.target:target~g .edge{opacity:.2}\n");

  for (guint i = 0; i < self->panels->len; i++)
    {
      const Panel *panel = self->panels->pdata[i];

      append_css_id (out, panel->target_id);
      g_string_append (out, ":target~.panels ");
      append_css_id (out, panel->panel_id);
      g_string_append (out, "{visibility:visible}\n");

      append_css_id (out, panel->target_id);
      g_string_append (out, ":target~g ");
      append_css_id (out, panel->node_id);
      g_string_append (out, "{opacity:1;filter:drop-shadow(0 0 3px ");
      append_css_colour (out, &style->accent);
      g_string_append (out, ")}\n");

      if (panel->lit->len > 0)
        {
          g_string_append_len (out, panel->lit->str, panel->lit->len);
          g_string_append (out, "{opacity:1}\n");
        }
    }

  g_string_append (out, "</style>\n");
}

void
am_svg_panels_finish (AmSvgPanels *self)
{
  g_autoptr(GString) out = NULL;

  g_return_if_fail (self != NULL);

  out = g_string_new ("<g class=\"panels\">\n");
  for (guint i = 0; i < self->panels->len; i++)
    {
      append_panel (out, self->panels->pdata[i]);
      if (out->len > 256 * 1024)
        {
          am_svg_painter_append_markup (self->painter, out->str, out->len);
          g_string_truncate (out, 0);
        }
    }
  g_string_append (out, "</g>\n");
  append_style (self, out);
  am_svg_painter_append_markup (self->painter, out->str, out->len);

  panels_free (self);
}

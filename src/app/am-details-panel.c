/* am-details-panel.c: who the selected actor is, what they said and did
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything the canvas draws about a node can be read here as text: its
 * statements (quotes only where the source has quotation marks, the rest
 * marked as reported), its positions on issues, what others said about
 * it and every interaction, each leading on to the node at its other end.
 * A node from a file outside the actor-map profile shows its data values.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "am-app-resources.h"
#include "am-details-panel.h"
#include "am-lazy-tooltip.h"
#include "am-display-text.h"
#include "am-style.h"
#include "am-positions.h"
#include "am-vocabulary.h"

/* A hub of a big graph could have thousands of edges; the rest are
 * counted, not shown. */
#define MAX_ROWS_PER_SECTION 200

struct _AmDetailsPanel
{
  AdwBin             parent_instance;

  AmMapDocument     *document;
  guint              node;
  AmPositions       *positions;   /* of the document's graph, made when first needed */

  /* The widgets below are made when the panel is first shown: most
   * windows start with it hidden. */
  gboolean           built;
  GtkStack          *stack;
  GtkScrolledWindow *scrolled_window;
  GtkLabel          *kind_label;
  GtkLabel          *title_label;
  GtkLabel          *subtitle_label;
  GtkLabel          *description_label;
  GtkWidget         *show_all_button;   /* for a description cut short */
  GtkButton         *close_button;
  GtkButton         *group_button;  /* collapses or expands a group */
  GtkBox            *sections;
};

G_DEFINE_FINAL_TYPE (AmDetailsPanel, am_details_panel, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_NODE,
  N_PROPS
};

enum {
  NODE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* @text, or NULL when it is NULL or only white space. */
static const char *
nonempty (const char *text)
{
  if (text == NULL)
    return NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return text;

  return NULL;
}

static const char *
node_kind_name (const AmGraph *graph,
                guint          node)
{
  const AmNode *n = am_graph_get_node (graph, node);
  const char *kind;

  if (n->kind != AM_NODE_KIND_OTHER && n->kind < AM_N_NODE_KINDS)
    return am_node_kind_get_title (n->kind);

  /* A kind outside the profile is shown as the file spells it. */
  kind = nonempty (am_graph_get_node_value (graph, graph->profile.node_kind, node));
  return kind != NULL ? kind : _("Node");
}

static const char *
edge_kind_name (const AmGraph *graph,
                guint          edge)
{
  const AmEdge *e = am_graph_get_edge (graph, edge);
  const char *kind;

  if (e->kind != AM_EDGE_KIND_OTHER && e->kind < AM_N_EDGE_KINDS)
    return am_edge_kind_get_title (e->kind);

  kind = nonempty (am_graph_get_edge_value (graph, graph->profile.edge_kind, edge));
  return kind != NULL ? kind : _("Link");
}

/* Building blocks */

static GtkWidget *
wrapping_label (const char *text,
                gboolean    selectable)
{
  /* Text from the file, bounded: measuring a megabyte blocks the window. */
  g_autofree char *bounded = am_display_text (text, AM_DISPLAY_TEXT_MAX_CHARS,
                                              AM_DISPLAY_TEXT_MAX_LINES, NULL);
  GtkWidget *label = gtk_label_new (bounded);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), selectable);

  return label;
}

static void
draw_stance_dot (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  AmStance stance = GPOINTER_TO_UINT (user_data);
  const AmStyle *style = am_style_get (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  AmColour colour = am_style_get_stance_colour (style, stance);

  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, colour.red, colour.green, colour.blue, colour.alpha);
  cairo_fill (cr);
}

/* A coloured dot and the stance's name, as the lens colours the map. */
static GtkWidget *
stance_indicator (AmStance stance)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dot = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (am_stance_get_title (stance));

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 10);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 10);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_stance_dot,
                                  GUINT_TO_POINTER (stance), NULL);
  /* Decoration: the label next to it says the same in words. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (dot), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), dot, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), dot);

  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "stance");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  return box;
}

/* A titled group of rows: a heading over a boxed list. */
static GtkListBox *
add_section (AmDetailsPanel *self,
             const char     *name,
             const char     *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *list = gtk_list_box_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  gtk_widget_set_name (list, name);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_box_append (GTK_BOX (box), list);

  gtk_box_append (self->sections, box);

  return GTK_LIST_BOX (list);
}

/* Counts a row; FALSE when the section is full and the row is only
 * counted, not shown. */
static gboolean
section_has_room (guint *n_rows)
{
  (*n_rows)++;
  return *n_rows <= MAX_ROWS_PER_SECTION;
}

static void
finish_section (GtkListBox *list,
                guint       n_rows)
{
  g_autofree char *text = NULL;
  GtkWidget *row, *label;

  if (n_rows <= MAX_ROWS_PER_SECTION)
    return;

  text = g_strdup_printf (ngettext ("%u more not shown", "%u more not shown",
                                    n_rows - MAX_ROWS_PER_SECTION),
                          n_rows - MAX_ROWS_PER_SECTION);
  label = wrapping_label (text, FALSE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_append (list, row);
}

static void
on_go_to_node_cb (GtkWidget      *widget,
                  AmDetailsPanel *self)
{
  guint node = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "am-node")) - 1;

  if (self->document == NULL)
    return;

  g_signal_emit (self, signals[NODE_ACTIVATED], 0, node);
}

static void
link_to_node (GtkWidget *widget,
              guint      node)
{
  g_object_set_data (G_OBJECT (widget), "am-node", GUINT_TO_POINTER (node + 1));
}

/* An activatable row that leads to @node. */
static GtkWidget *
node_row (AmDetailsPanel *self,
          guint           node,
          const char     *title,
          const char     *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autofree char *line = am_display_line (title, AM_DISPLAY_LINE_MAX_CHARS);
  g_autofree char *tooltip = g_strdup_printf (_("Show %s"), line);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line);
  if (subtitle != NULL)
    {
      g_autofree char *bounded = am_display_text (subtitle, AM_DISPLAY_LINE_MAX_CHARS * 2, 3,
                                                  NULL);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), bounded);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, tooltip);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);

  link_to_node (row, node);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_go_to_node_cb), self, 0);

  return row;
}

/* "Paragraph 5 · Tuesday", and how sure the source is when it is not
 * stated outright: "Paragraph 14 · Inferred by the map’s author". */
static char *
edge_source_line (const AmGraph *graph,
                  guint          edge)
{
  const char *paragraph = nonempty (am_graph_get_edge_value (graph, graph->profile.edge_paragraph, edge));
  const char *when = nonempty (am_graph_get_edge_value (graph, graph->profile.edge_when, edge));
  const char *certainty = am_certainty_get_description (am_edge_get_certainty (am_graph_get_edge (graph, edge)));
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *where = NULL;

  if (paragraph != NULL)
    /* Translators: the paragraph of the source text a statement is from. */
    where = g_strdup_printf (_("Paragraph %s"), paragraph);

  for (const char *part[] = { where, when, certainty }, **p = part; p < part + 3; p++)
    {
      if (*p == NULL)
        continue;
      if (line->len > 0)
        g_string_append (line, " · ");
      g_string_append (line, *p);
    }

  return line->len > 0 ? g_string_free (g_steal_pointer (&line), FALSE) : NULL;
}

/* Statements */

/* "Quote" or "Reported", and where in the source the words are. */
static GtkWidget *
statement_heading (gboolean    is_quote,
                   const char *source_line)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *mark = gtk_label_new (is_quote ? _("Quote") : _("Reported"));

  gtk_widget_add_css_class (mark, is_quote ? "accent" : "dim-label");
  gtk_widget_add_css_class (mark, "caption-heading");
  gtk_widget_add_css_class (mark, "statement-mark");
  gtk_widget_set_hexpand (mark, TRUE);
  gtk_label_set_xalign (GTK_LABEL (mark), 0);
  gtk_box_append (GTK_BOX (box), mark);

  if (source_line != NULL)
    {
      GtkWidget *where = gtk_label_new (source_line);

      gtk_label_set_xalign (GTK_LABEL (where), 1);
      gtk_label_set_wrap (GTK_LABEL (where), TRUE);
      gtk_widget_add_css_class (where, "caption");
      gtk_widget_add_css_class (where, "dim-label");
      gtk_box_append (GTK_BOX (box), where);
    }

  return box;
}

/* A flat button that reads like a link and leads to @node. */
static GtkWidget *
link_button (AmDetailsPanel *self,
             guint           node,
             const char     *text,
             const char     *node_label)
{
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *button = gtk_button_new ();
  g_autofree char *tooltip = g_strdup_printf (_("Show %s"), node_label);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_button_set_child (GTK_BUTTON (button), label);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "statement-link");
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);

  link_to_node (button, node);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_go_to_node_cb), self, 0);

  return button;
}

/* Copying a statement with its attribution, to quote it elsewhere:
 * “spirit and letter” — Sergei Lavrov, paragraph 5, and the source. */
static void
copy_statement (AmDetailsPanel *self,
                GtkWidget      *widget,
                guint           edge)
{
  g_autofree char *text = NULL;

  if (self->document == NULL)
    return;

  text = am_statement_format_attribution (am_map_document_get_graph (self->document), edge);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
on_copy_clicked_cb (GtkWidget      *button,
                    AmDetailsPanel *self)
{
  copy_statement (self, button,
                  GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "am-edge")) - 1);
}

static GtkWidget *
copy_button (AmDetailsPanel *self,
             guint           edge)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Copy with Attribution (Ctrl+C)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Copy with attribution"), -1);
  g_object_set_data (G_OBJECT (button), "am-edge", GUINT_TO_POINTER (edge + 1));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_copy_clicked_cb), self, 0);
  return button;
}

static gboolean
on_copy_shortcut_cb (GtkWidget *row,
                     GVariant  *arguments,
                     gpointer   user_data)
{
  AmDetailsPanel *self = AM_DETAILS_PANEL (gtk_widget_get_ancestor (row, AM_TYPE_DETAILS_PANEL));

  if (self == NULL)
    return FALSE;
  copy_statement (self, row, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "am-edge")) - 1);
  return TRUE;
}

/* Ctrl+C on a statement, or anywhere inside it, copies it. */
static void
add_copy_shortcut (AmDetailsPanel *self,
                   GtkWidget      *row,
                   guint           edge)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  g_object_set_data (G_OBJECT (row), "am-edge", GUINT_TO_POINTER (edge + 1));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (on_copy_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (row, controller);
  gtk_widget_set_focusable (row, TRUE);
}

/* Exact words in quotation marks only where the source has them; anything
 * else is our summary and says so. Below: who or what it is about (or,
 * for what others said, by whom), and the stance it takes. */
static GtkWidget *
statement_row (AmDetailsPanel *self,
               const AmGraph  *graph,
               guint           edge,
               gboolean        outgoing)
{
  const AmEdge *e = am_graph_get_edge (graph, edge);
  const AmProfileKeys *profile = &graph->profile;
  const char *quote = nonempty (am_graph_get_edge_value (graph, profile->edge_quote, edge));
  const char *summary = nonempty (am_graph_get_edge_value (graph, profile->edge_summary, edge));
  const char *label = nonempty (am_graph_get_edge_label (graph, edge));
  guint other = outgoing ? e->target : e->source;
  const char *other_label = am_graph_get_node (graph, other)->label;
  g_autofree char *source_line = edge_source_line (graph, edge);
  g_autofree char *text = NULL;
  g_autofree char *link_text = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *spoken = NULL;
  GtkWidget *row, *box, *words, *bottom;

  if (quote != NULL)
    /* Translators: an exact quote in typographic quotation marks. */
    text = g_strdup_printf (_("“%s”"), quote);
  else
    text = g_strdup (summary != NULL ? summary : label != NULL ? label : "");
  link_text = g_strdup_printf (outgoing ? _("About %s") : _("By %s"), other_label);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "statement");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_box_append (GTK_BOX (box), statement_heading (quote != NULL, source_line));

  words = wrapping_label (text, TRUE);
  gtk_widget_add_css_class (words, quote != NULL ? "statement-quote" : "statement-summary");
  gtk_box_append (GTK_BOX (box), words);

  /* A quote is often a fragment; the summary gives its context. */
  if (quote != NULL && summary != NULL)
    {
      GtkWidget *context = wrapping_label (summary, TRUE);

      gtk_widget_add_css_class (context, "dim-label");
      gtk_widget_add_css_class (context, "caption");
      gtk_box_append (GTK_BOX (box), context);
    }

  bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (bottom), link_button (self, other, link_text, other_label));
  if (am_stance_get_title (e->stance) != NULL)
    gtk_box_append (GTK_BOX (bottom), stance_indicator (e->stance));
  gtk_box_append (GTK_BOX (bottom), copy_button (self, edge));
  gtk_box_append (GTK_BOX (box), bottom);
  add_copy_shortcut (self, row, edge);

  /* One full stop between parts, also after a summary that has its own. */
  spoken = g_strdup (text);
  if (g_str_has_suffix (spoken, "."))
    spoken[strlen (spoken) - 1] = '\0';
  accessible = g_strjoin (". ",
                          quote != NULL ? _("Quote") : _("Reported"),
                          spoken,
                          link_text,
                          source_line != NULL ? source_line : "",
                          NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  return row;
}

static void
add_statements (AmDetailsPanel *self,
                const AmGraph  *graph,
                guint           node,
                gboolean        outgoing)
{
  GtkListBox *list = NULL;
  guint n_rows = 0, n_edges;
  const guint32 *edges = am_graph_get_node_edges (graph, node, &n_edges);

  for (guint k = 0; k < n_edges; k++)
    {
      guint i = edges[k];
      const AmEdge *e = am_graph_get_edge (graph, i);

      if (e->kind != AM_EDGE_KIND_STATEMENT || (outgoing ? e->source : e->target) != node)
        continue;

      if (list == NULL && outgoing)
        list = add_section (self, "statements", _("Statements"));
      else if (list == NULL)
        list = add_section (self, "statements-about",
                            am_graph_get_node (graph, node)->kind == AM_NODE_KIND_ISSUE
                            ? _("Statements About This Issue") : _("Statements About Them"));
      if (section_has_room (&n_rows))
        gtk_list_box_append (list, statement_row (self, graph, i, outgoing));
    }

  if (list != NULL)
    finish_section (list, n_rows);
}

/* Positions: the stance of each statement towards an issue, one row per
 * issue (or per actor, for an issue), the distinct stances in file order. */

typedef struct
{
  guint   other;
  guint8  stances[AM_N_STANCES];
  guint   n_stances;
} Position;

/* The other end, with a coloured indicator and the name of the stance;
 * a second or third stance on the same issue is the subtitle. */
static GtkWidget *
position_row (AmDetailsPanel *self,
              const AmGraph  *graph,
              const Position *position)
{
  const char *label = am_graph_get_node (graph, position->other)->label;
  g_autoptr(GString) others = g_string_new (NULL);
  g_autofree char *accessible = NULL;
  GtkWidget *row = node_row (self, position->other, label, NULL);

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), stance_indicator (position->stances[0]));

  for (guint s = 1; s < position->n_stances; s++)
    {
      if (others->len > 0)
        g_string_append (others, ", ");
      g_string_append (others, am_stance_get_title (position->stances[s]));
    }
  if (others->len > 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), others->str);

  if (others->len > 0)
    accessible = g_strdup_printf ("%s: %s, %s", label, am_stance_get_title (position->stances[0]), others->str);
  else
    accessible = g_strdup_printf ("%s: %s", label, am_stance_get_title (position->stances[0]));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  return row;
}

static void
add_positions (AmDetailsPanel *self,
               const AmGraph  *graph,
               guint           node)
{
  gboolean is_issue = am_graph_get_node (graph, node)->kind == AM_NODE_KIND_ISSUE;
  g_autoptr(GArray) positions = g_array_new (FALSE, TRUE, sizeof (Position));
  g_autoptr(GHashTable) index_of = g_hash_table_new (NULL, NULL);
  GtkListBox *list;
  guint n_rows = 0, n_edges;
  const guint32 *edges = am_graph_get_node_edges (graph, node, &n_edges);

  for (guint k = 0; k < n_edges; k++)
    {
      const AmEdge *e = am_graph_get_edge (graph, edges[k]);
      guint other;
      gpointer found;
      Position *position;
      gboolean known = FALSE;

      if (e->kind != AM_EDGE_KIND_STATEMENT || e->stance == AM_STANCE_NONE ||
          e->stance >= AM_N_STANCES)
        continue;

      if (is_issue && e->target == node)
        other = e->source;
      else if (!is_issue && e->source == node &&
               am_graph_get_node (graph, e->target)->kind == AM_NODE_KIND_ISSUE)
        other = e->target;
      else
        continue;

      if (!g_hash_table_lookup_extended (index_of, GUINT_TO_POINTER (other), NULL, &found))
        {
          Position empty = { other, { 0 }, 0 };

          found = GUINT_TO_POINTER (positions->len);
          g_array_append_val (positions, empty);
          g_hash_table_insert (index_of, GUINT_TO_POINTER (other), found);
        }

      position = &g_array_index (positions, Position, GPOINTER_TO_UINT (found));
      for (guint s = 0; s < position->n_stances; s++)
        known |= position->stances[s] == e->stance;
      if (!known)
        position->stances[position->n_stances++] = e->stance;
    }

  if (positions->len == 0)
    return;

  list = add_section (self, "positions", is_issue ? _("Positions on This Issue") : _("Positions"));

  for (guint i = 0; i < positions->len; i++)
    if (section_has_room (&n_rows))
      gtk_list_box_append (list, position_row (self, graph, &g_array_index (positions, Position, i)));

  finish_section (list, n_rows);
}

/* Agreement: whom this actor's stated positions match or oppose most,
 * from the same statements as the Positions view. */
static AmPositions *
get_positions (AmDetailsPanel *self,
               const AmGraph  *graph)
{
  if (self->positions == NULL)
    self->positions = am_positions_new (graph);
  return self->positions;
}

static void
add_agreement (AmDetailsPanel *self,
               const AmGraph  *graph,
               guint           node)
{
  AmPositions *positions;
  g_autofree AmPositionsAgreement *agreements = NULL;
  g_autofree char *summary = NULL;
  GtkListBox *list;
  GtkWidget *caption;
  guint n = 0, n_rows = 0;

  if (am_graph_get_node (graph, node)->kind == AM_NODE_KIND_ISSUE)
    return;

  positions = get_positions (self, graph);
  summary = am_positions_describe_agreement (positions, node);
  if (summary == NULL)
    return;
  agreements = am_positions_get_agreement (positions, node, &n);

  list = add_section (self, "agreement", _("Agreement"));
  caption = wrapping_label (summary, FALSE);
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (list))), caption,
                              gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (list))));

  for (guint i = 0; i < n; i++)
    {
      const AmPositionsAgreement *a = &agreements[i];
      g_autofree char *subtitle = NULL;

      if (!section_has_room (&n_rows))
        continue;
      /* Translators: how two actors' stated positions compare. */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Same side on %u, opposite on %u, of %u shared issue",
                                               "Same side on %u, opposite on %u, of %u shared issues",
                                               a->n_shared),
                                  a->n_agree, a->n_disagree, a->n_shared);
      gtk_list_box_append (list, node_row (self, a->actor, am_graph_get_node (graph, a->actor)->label,
                                           subtitle));
    }
  finish_section (list, n_rows);
}

/* Interactions: every edge in or out that is not a statement. */

/* An edge outside the profile has no kind; its own data says what it is. */
#define MAX_EDGE_VALUES 4

static void
append_edge_values (GString       *text,
                    const AmGraph *graph,
                    guint          edge)
{
  guint n_values = 0;

  for (guint k = 0; k < am_graph_get_n_keys (graph) && n_values < MAX_EDGE_VALUES; k++)
    {
      const AmKey *key = am_graph_get_key (graph, k);
      const char *value;

      if (key->domain != AM_DOMAIN_EDGE)
        continue;

      value = nonempty (am_graph_get_edge_value (graph, (int) k, edge));
      if (value == NULL)
        continue;

      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append_printf (text, "%s: %s", key->name != NULL ? key->name : key->id, value);
      n_values++;
    }
}

/* "Talks · Talks in Abu Dhabi · Monday" */
static char *
interaction_subtitle (const AmGraph *graph,
                      guint          edge)
{
  GString *subtitle = g_string_new (NULL);
  const char *text = nonempty (am_graph_get_edge_label (graph, edge));
  const char *when = nonempty (am_graph_get_edge_value (graph, graph->profile.edge_when, edge));

  if (text == NULL)
    text = nonempty (am_graph_get_edge_value (graph, graph->profile.edge_summary, edge));

  if (graph->profile.edge_kind >= 0)
    g_string_append (subtitle, edge_kind_name (graph, edge));
  if (text != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", text);
  if (when != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", when);
  if (graph->profile.edge_kind < 0)
    append_edge_values (subtitle, graph, edge);
  if (subtitle->len == 0)
    g_string_append (subtitle, edge_kind_name (graph, edge));

  return g_string_free (subtitle, FALSE);
}

static GtkWidget *
interaction_row (AmDetailsPanel *self,
                 const AmGraph  *graph,
                 guint           node,
                 guint           edge)
{
  const AmEdge *e = am_graph_get_edge (graph, edge);
  gboolean outgoing = e->source == node;
  guint other = outgoing ? e->target : e->source;
  const char *other_label = am_graph_get_node (graph, other)->label;
  g_autofree char *subtitle = interaction_subtitle (graph, edge);
  g_autofree char *accessible = NULL;
  GtkWidget *row = node_row (self, other, other_label, subtitle);

  /* An arrow, not an icon, so that it does not read as the row's
   * chevron; the direction is spelt out for screen readers. */
  if ((e->flags & AM_EDGE_DIRECTED) && e->source != e->target)
    {
      gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
      g_autofree char *direction = outgoing ? g_strdup_printf (_("To %s"), other_label)
                                            : g_strdup_printf (_("From %s"), other_label);
      GtkWidget *arrow = gtk_label_new (outgoing != rtl ? "→" : "←");

      gtk_widget_add_css_class (arrow, "dim-label");
      gtk_widget_add_css_class (arrow, "interaction-direction");
      gtk_widget_set_tooltip_text (arrow, direction);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), arrow);

      accessible = g_strdup_printf ("%s. %s", direction, subtitle);
    }
  else
    {
      accessible = g_strdup_printf ("%s. %s", other_label, subtitle);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  return row;
}

static void
add_interactions (AmDetailsPanel *self,
                  const AmGraph  *graph,
                  guint           node)
{
  GtkListBox *list = NULL;
  guint n_rows = 0, n_edges;
  const guint32 *edges = am_graph_get_node_edges (graph, node, &n_edges);

  for (guint k = 0; k < n_edges; k++)
    {
      guint i = edges[k];
      const AmEdge *e = am_graph_get_edge (graph, i);

      if (e->kind == AM_EDGE_KIND_STATEMENT || (e->source != node && e->target != node))
        continue;

      if (list == NULL)
        list = add_section (self, "interactions", _("Interactions"));
      if (section_has_room (&n_rows))
        gtk_list_box_append (list, interaction_row (self, graph, node, i));
    }

  if (list != NULL)
    finish_section (list, n_rows);
}

/* Attributes: the node's data values, by key name, other than those the
 * header shows already and the node's place on the canvas, which says
 * nothing about the actor. For a file outside the profile, that is all. */

static gboolean
shown_elsewhere (const AmProfileKeys *profile,
                 int                  key)
{
  return key == profile->node_label || key == profile->node_kind ||
         key == profile->node_role || key == profile->node_affiliation ||
         key == profile->node_description ||
         key == profile->node_x || key == profile->node_y;
}

static GtkWidget *
attribute_row (const char *name,
               const char *value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *name_label = wrapping_label (name, TRUE);
  GtkWidget *value_label = wrapping_label (value, TRUE);
  g_autofree char *accessible = g_strdup_printf ("%s: %s", name, value);

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_add_css_class (name_label, "caption");
  gtk_widget_add_css_class (name_label, "dim-label");
  gtk_box_append (GTK_BOX (box), name_label);
  gtk_box_append (GTK_BOX (box), value_label);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  return row;
}

static void
add_attributes (AmDetailsPanel *self,
                const AmGraph  *graph,
                guint           node)
{
  GtkListBox *list = NULL;
  guint n_rows = 0;

  for (guint i = 0; i < am_graph_get_n_keys (graph); i++)
    {
      const AmKey *key = am_graph_get_key (graph, i);
      const char *value;

      if (key->domain != AM_DOMAIN_NODE || shown_elsewhere (&graph->profile, (int) i))
        continue;

      value = nonempty (am_graph_get_node_value (graph, (int) i, node));
      if (value == NULL)
        continue;

      if (list == NULL)
        list = add_section (self, "attributes", _("Attributes"));
      if (section_has_room (&n_rows))
        gtk_list_box_append (list, attribute_row (key->name != NULL ? key->name : key->id, value));
    }

  if (list != NULL)
    finish_section (list, n_rows);
}

/* The whole panel */

static void
clear_sections (AmDetailsPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections))) != NULL)
    gtk_box_remove (self->sections, child);
}

/* Shows at most @max_chars characters on @max_lines lines of @text;
 * returns whether some was left out. */
static gboolean
set_label_text (GtkLabel   *label,
                const char *text,
                guint       max_chars,
                guint       max_lines)
{
  gboolean cut = FALSE;
  g_autofree char *bounded = text != NULL ? am_display_text (text, max_chars, max_lines, &cut)
                                          : NULL;

  gtk_label_set_label (label, bounded);
  gtk_label_select_region (label, 0, 0);
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
  return cut;
}

/* The whole of a description too long for the panel, in a window of its
 * own: a text view lays out only what it shows. */
static void
on_show_all_clicked_cb (AmDetailsPanel *self,
                        GtkButton      *button)
{
  GtkWidget *window, *scrolled, *view;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AmGraph *graph;
  const char *description;
  g_autofree char *valid = NULL;
  g_autofree char *title = NULL;

  if (self->document == NULL || self->node == AM_NO_INDEX)
    return;
  graph = am_map_document_get_graph (self->document);
  description = am_graph_get_node_value (graph, graph->profile.node_description, self->node);
  valid = g_utf8_make_valid (description != NULL ? description : "", -1);
  title = am_display_line (am_graph_get_node (graph, self->node)->label, 60);

  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 480);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);

  view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), valid, -1);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));
}

static void
update_group_button (AmDetailsPanel *self)
{
  gboolean group = self->document != NULL &&
                   am_map_document_is_group (self->document, self->node);

  if (!self->built)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->group_button), group);
  if (group)
    gtk_button_set_label (self->group_button,
                          am_map_document_get_group_collapsed (self->document, self->node)
                          ? _("Expand Group") : _("Collapse Group"));
}

static void
on_group_clicked_cb (AmDetailsPanel *self,
                     GtkButton      *button)
{
  if (self->document == NULL || !am_map_document_is_group (self->document, self->node))
    return;

  am_map_document_set_group_collapsed (self->document, self->node,
                                       !am_map_document_get_group_collapsed (self->document,
                                                                             self->node));
}

static void
update (AmDetailsPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus;
  AmGraph *graph;
  const AmNode *n;
  const char *role, *affiliation, *description;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;

  if (!self->built)
    return;

  had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->sections));
  clear_sections (self);

  if (self->document == NULL || self->node == AM_NO_INDEX)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  graph = am_map_document_get_graph (self->document);
  n = am_graph_get_node (graph, self->node);
  role = nonempty (am_graph_get_node_value (graph, graph->profile.node_role, self->node));
  affiliation = nonempty (n->affiliation);
  description = nonempty (am_graph_get_node_value (graph, graph->profile.node_description,
                                                   self->node));

  if (role != NULL && affiliation != NULL)
    subtitle = g_strdup_printf ("%s · %s", role, affiliation);
  else
    subtitle = g_strdup (role != NULL ? role : affiliation);

  gtk_label_set_label (self->kind_label, node_kind_name (graph, self->node));
  /* A name is one line, as in the list. */
  title = am_display_line (n->label, AM_DISPLAY_LINE_MAX_CHARS);
  set_label_text (self->title_label, title, AM_DISPLAY_LINE_MAX_CHARS + 4, 1);
  set_label_text (self->subtitle_label, subtitle, AM_DISPLAY_LINE_MAX_CHARS, 3);
  gtk_widget_set_visible (self->show_all_button,
                          set_label_text (self->description_label, description,
                                          AM_DISPLAY_TEXT_MAX_CHARS, AM_DISPLAY_TEXT_MAX_LINES));

  update_group_button (self);

  add_statements (self, graph, self->node, TRUE);
  add_positions (self, graph, self->node);
  add_agreement (self, graph, self->node);
  add_statements (self, graph, self->node, FALSE);
  add_interactions (self, graph, self->node);
  add_attributes (self, graph, self->node);

  gtk_stack_set_visible_child_name (self->stack, "details");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  /* Following a link from the panel replaces the row that had the
   * keyboard focus; keep the focus in the panel rather than lose it. */
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
}

static void
on_selected_node_cb (AmDetailsPanel *self,
                     GParamSpec     *pspec,
                     AmMapDocument  *document)
{
  guint node = am_map_document_get_selected_node (document);

  if (node == self->node)
    return;

  self->node = node;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NODE]);
}

static void
on_close_clicked_cb (AmDetailsPanel *self,
                     GtkButton      *button)
{
  if (self->document != NULL)
    am_map_document_set_selected_node (self->document, AM_NO_INDEX);
}

/* GObject */

static void
am_details_panel_dispose (GObject *object)
{
  AmDetailsPanel *self = AM_DETAILS_PANEL (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->positions, am_positions_free);

  G_OBJECT_CLASS (am_details_panel_parent_class)->dispose (object);
}

static void
am_details_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AmDetailsPanel *self = AM_DETAILS_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_NODE:
      g_value_set_uint (value, self->node);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
am_details_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AmDetailsPanel *self = AM_DETAILS_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      am_details_panel_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
am_details_panel_map (GtkWidget *widget)
{
  /* Before its children are mapped, so that they are among them. */
  am_details_panel_build (AM_DETAILS_PANEL (widget));

  GTK_WIDGET_CLASS (am_details_panel_parent_class)->map (widget);
}

static void
am_details_panel_class_init (AmDetailsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = am_details_panel_dispose;
  object_class->get_property = am_details_panel_get_property;
  object_class->set_property = am_details_panel_set_property;
  widget_class->map = am_details_panel_map;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, AM_TYPE_MAP_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NODE] =
    g_param_spec_uint ("node", NULL, NULL, 0, G_MAXUINT32, AM_NO_INDEX,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AmDetailsPanel::node-activated:
   * @node: the node index
   *
   * The user followed a link from the panel to @node.
   */
  signals[NODE_ACTIVATED] =
    g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  am_app_resources_register ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/actormap/ActorMap/am-details-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, AmDetailsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, AmDetailsPanel, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, AmDetailsPanel, kind_label);
  gtk_widget_class_bind_template_child (widget_class, AmDetailsPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, AmDetailsPanel, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, AmDetailsPanel, description_label);
  gtk_widget_class_bind_template_child (widget_class, AmDetailsPanel, close_button);
  gtk_widget_class_bind_template_child (widget_class, AmDetailsPanel, sections);
  gtk_widget_class_bind_template_child (widget_class, AmDetailsPanel, group_button);
  gtk_widget_class_bind_template_callback (widget_class, on_group_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "detailspanel");
}

static void
am_details_panel_init (AmDetailsPanel *self)
{
  self->node = AM_NO_INDEX;
}

/* Makes the panel's widgets, once, and shows what it has been told. */
void
am_details_panel_build (AmDetailsPanel *self)
{
  GtkWidget *parent;

  g_return_if_fail (AM_IS_DETAILS_PANEL (self));

  if (self->built)
    return;

  self->built = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not in the template, where it would look for the pointer at once. */
  am_lazy_tooltip_set (GTK_WIDGET (self->close_button), _("Close Details"));

  /* Under the description, shown when it is cut short. */
  self->show_all_button = gtk_button_new_with_mnemonic (_("Show _All of the Description"));
  gtk_widget_set_halign (self->show_all_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->show_all_button, "flat");
  gtk_widget_set_visible (self->show_all_button, FALSE);
  g_signal_connect_swapped (self->show_all_button, "clicked",
                            G_CALLBACK (on_show_all_clicked_cb), self);
  parent = gtk_widget_get_parent (GTK_WIDGET (self->description_label));
  if (GTK_IS_BOX (parent))
    gtk_box_insert_child_after (GTK_BOX (parent), self->show_all_button,
                                GTK_WIDGET (self->description_label));

  update (self);
}

GtkWidget *
am_details_panel_new (void)
{
  return g_object_new (AM_TYPE_DETAILS_PANEL, NULL);
}

AmMapDocument *
am_details_panel_get_document (AmDetailsPanel *self)
{
  g_return_val_if_fail (AM_IS_DETAILS_PANEL (self), NULL);
  return self->document;
}

void
am_details_panel_set_document (AmDetailsPanel *self,
                               AmMapDocument  *document)
{
  g_return_if_fail (AM_IS_DETAILS_PANEL (self));
  g_return_if_fail (document == NULL || AM_IS_MAP_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  /* Another map: its positions are made again when first needed. */
  g_clear_pointer (&self->positions, am_positions_free);

  if (document != NULL)
    {
      g_signal_connect_object (document, "notify::selected-node",
                               G_CALLBACK (on_selected_node_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "collapsed-changed",
                               G_CALLBACK (update_group_button), self, G_CONNECT_SWAPPED);
    }

  self->node = document != NULL ? am_map_document_get_selected_node (document) : AM_NO_INDEX;
  update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NODE]);
}

guint
am_details_panel_get_node (AmDetailsPanel *self)
{
  g_return_val_if_fail (AM_IS_DETAILS_PANEL (self), AM_NO_INDEX);
  return self->node;
}

/* am-actor-list.c: the searchable list of a map's actors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows are node indices in a small list model of our own, so that a map
 * of 100,000 actors costs one integer per row; the row objects the list
 * view asks for are made when it asks. Actors are grouped by kind under
 * a heading row each and sorted by label within a group.
 *
 * The list view makes a row widget for each of its first couple of
 * hundred rows at once, which for a new map takes longer than a frame:
 * the rows are shown to it a few at a time, one step per frame, until
 * it has all the widgets it will make, and then all the rest.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "am-display-text.h"
#include "am-actor-list.h"
#include "am-lazy-tooltip.h"
#include "am-app-resources.h"
#include "am-style.h"

/* A row value with this bit set is the heading of the kind in the others. */
#define HEADING_ROW 0x80000000u

/* Rows shown to the list view per frame (each costs it about half a
 * millisecond to make), up to more than it makes widgets for. */
#define ROWS_PER_FRAME 16
#define GRADUAL_ROWS   256

/* AmActorListItem: what the list view gets for one row */

#define AM_TYPE_ACTOR_LIST_ITEM (am_actor_list_item_get_type ())
G_DECLARE_FINAL_TYPE (AmActorListItem, am_actor_list_item, AM, ACTOR_LIST_ITEM, GObject)

struct _AmActorListItem
{
  GObject parent_instance;
  guint32 row;     /* a node index, or HEADING_ROW | kind */
};

G_DEFINE_FINAL_TYPE (AmActorListItem, am_actor_list_item, G_TYPE_OBJECT)

static void
am_actor_list_item_class_init (AmActorListItemClass *klass)
{
}

static void
am_actor_list_item_init (AmActorListItem *self)
{
}

/* AmActorListModel: the rows shown, after search */

#define AM_TYPE_ACTOR_LIST_MODEL (am_actor_list_model_get_type ())
G_DECLARE_FINAL_TYPE (AmActorListModel, am_actor_list_model, AM, ACTOR_LIST_MODEL, GObject)

struct _AmActorListModel
{
  GObject    parent_instance;

  AmGraph   *graph;        /* borrowed from the document the list holds */
  GArray    *actors;       /* guint32 node indices, in display order */
  GArray    *rows;         /* guint32, see HEADING_ROW */
  GArray    *row_of_node;  /* guint32 per node, AM_NO_INDEX without a row */
  GPtrArray *items;        /* AmActorListItem per row, NULL until asked for */
  GPtrArray *search_text;  /* casefolded words per node of actors, made on the first search */
  char      *query;        /* casefolded, as typed */
  GStrv      terms;        /* its words; NULL shows everyone */
  gboolean   headings;
  guint      n_exposed;    /* the first rows, which the list view knows of */
};

static GType
am_actor_list_model_get_item_type (GListModel *model)
{
  return AM_TYPE_ACTOR_LIST_ITEM;
}

static guint
am_actor_list_model_get_n_items (GListModel *model)
{
  return AM_ACTOR_LIST_MODEL (model)->n_exposed;
}

static gpointer
am_actor_list_model_get_item (GListModel *model,
                              guint       position)
{
  AmActorListModel *self = AM_ACTOR_LIST_MODEL (model);
  AmActorListItem *item;

  if (position >= self->n_exposed)
    return NULL;

  item = g_ptr_array_index (self->items, position);
  if (item == NULL)
    {
      item = g_object_new (AM_TYPE_ACTOR_LIST_ITEM, NULL);
      item->row = g_array_index (self->rows, guint32, position);
      g_ptr_array_index (self->items, position) = item;
    }

  return g_object_ref (item);
}

static void
am_actor_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = am_actor_list_model_get_item_type;
  iface->get_n_items = am_actor_list_model_get_n_items;
  iface->get_item = am_actor_list_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (AmActorListModel, am_actor_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      am_actor_list_model_list_model_init))

static void
clear_item (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
am_actor_list_model_finalize (GObject *object)
{
  AmActorListModel *self = AM_ACTOR_LIST_MODEL (object);

  g_clear_pointer (&self->actors, g_array_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->row_of_node, g_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->search_text, g_ptr_array_unref);
  g_clear_pointer (&self->terms, g_strfreev);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (am_actor_list_model_parent_class)->finalize (object);
}

static void
am_actor_list_model_class_init (AmActorListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = am_actor_list_model_finalize;
}

static void
am_actor_list_model_init (AmActorListModel *self)
{
  self->actors = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->rows = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->row_of_node = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->items = g_ptr_array_new_with_free_func (clear_item);
}

/* The order of the groups; issues are not actors and get no row. */
static const char *
kind_heading (AmNodeKind kind)
{
  switch (kind)
    {
    case AM_NODE_KIND_PERSON:       return _("People");
    case AM_NODE_KIND_GOVERNMENT:   return _("Governments");
    case AM_NODE_KIND_ORGANISATION: return _("Organisations");
    case AM_NODE_KIND_EVENT:        return _("Events");
    case AM_NODE_KIND_PLACE:        return _("Places");
    case AM_NODE_KIND_ISSUE:        return _("Issues");
    case AM_NODE_KIND_OTHER:
    case AM_N_NODE_KINDS:
    default:                        return _("Other");
    }
}

static gboolean
node_matches (AmActorListModel *self,
              guint             actor)
{
  const char *text;

  if (self->terms == NULL)
    return TRUE;

  text = g_ptr_array_index (self->search_text, actor);
  for (guint i = 0; self->terms[i] != NULL; i++)
    if (strstr (text, self->terms[i]) == NULL)
      return FALSE;

  return TRUE;
}

/* Shows the list view more rows; FALSE once it has them all. */
static gboolean
am_actor_list_model_expose_more (AmActorListModel *self)
{
  guint old_n = self->n_exposed;

  if (self->n_exposed < GRADUAL_ROWS)
    self->n_exposed = MIN (self->rows->len, self->n_exposed + ROWS_PER_FRAME);
  else
    self->n_exposed = self->rows->len;

  if (self->n_exposed > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, self->n_exposed - old_n);

  return self->n_exposed < self->rows->len;
}

static void
am_actor_list_model_expose_all (AmActorListModel *self)
{
  guint old_n = self->n_exposed;

  self->n_exposed = self->rows->len;
  if (self->n_exposed > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, self->n_exposed - old_n);
}

/* With @gradually, only the first few rows are shown to the list view;
 * see am_actor_list_model_expose_more(). */
static void
am_actor_list_model_refilter (AmActorListModel *self,
                              gboolean          gradually)
{
  guint old_n = self->n_exposed;
  guint last_kind = G_MAXUINT;

  g_array_set_size (self->rows, 0);
  for (guint i = 0; i < self->row_of_node->len; i++)
    g_array_index (self->row_of_node, guint32, i) = AM_NO_INDEX;

  for (guint i = 0; i < self->actors->len; i++)
    {
      guint32 node = g_array_index (self->actors, guint32, i);
      guint kind;

      if (!node_matches (self, i))
        continue;

      kind = am_graph_get_node (self->graph, node)->kind;
      if (self->headings && kind != last_kind)
        {
          guint32 heading = HEADING_ROW | kind;

          g_array_append_val (self->rows, heading);
          last_kind = kind;
        }

      g_array_index (self->row_of_node, guint32, node) = self->rows->len;
      g_array_append_val (self->rows, node);
    }

  g_ptr_array_set_size (self->items, 0);
  g_ptr_array_set_size (self->items, self->rows->len);

  self->n_exposed = gradually ? MIN (self->rows->len, ROWS_PER_FRAME) : self->rows->len;
  if (old_n > 0 || self->n_exposed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_exposed);
}

/* Everyone but the issues, which are what actors take positions on; a
 * file outside the profile has no kinds, so everyone. */
static void
am_actor_list_model_set_graph (AmActorListModel *self,
                               AmMapDocument    *document)
{
  AmGraph *graph = document != NULL ? am_map_document_get_graph (document) : NULL;
  guint n_nodes = graph != NULL ? am_graph_get_n_nodes (graph) : 0;
  const guint32 *order;
  guint n_actors = 0;

  /* Everyone until a search says otherwise. */
  self->graph = graph;
  g_free (self->query);
  self->query = g_strdup ("");
  g_clear_pointer (&self->terms, g_strfreev);
  g_array_set_size (self->actors, 0);
  g_array_set_size (self->row_of_node, n_nodes);
  g_clear_pointer (&self->search_text, g_ptr_array_unref);
  self->headings = graph != NULL && graph->profile.node_kind >= 0;

  /* Sorted where the map was loaded, away from the main thread. */
  if (document != NULL)
    {
      order = am_map_document_get_actor_order (document, &n_actors);
      g_array_append_vals (self->actors, order, n_actors);
    }

  am_actor_list_model_refilter (self, TRUE);
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static void
ensure_search_text (AmActorListModel *self)
{
  const AmProfileKeys *profile = &self->graph->profile;

  if (self->search_text != NULL)
    return;

  self->search_text = g_ptr_array_new_full (self->actors->len, g_free);
  for (guint i = 0; i < self->actors->len; i++)
    {
      guint32 node = g_array_index (self->actors, guint32, i);
      const AmNode *n = am_graph_get_node (self->graph, node);
      g_autofree char *text = NULL;

      text = g_strjoin ("\n", n->label,
                        or_empty (am_graph_get_node_value (self->graph, profile->node_role, node)),
                        or_empty (n->affiliation),
                        or_empty (n->id),
                        NULL);
      g_ptr_array_add (self->search_text, g_utf8_casefold (text, -1));
    }
}

/* Every word of @query must occur in the label, role, affiliation or id.
 * Split on spaces only, so that "G8" or "Yantar's" stay whole. */
static void
am_actor_list_model_set_query (AmActorListModel *self,
                               const char       *query)
{
  g_autofree char *folded = g_utf8_casefold (query != NULL ? query : "", -1);
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) terms = g_ptr_array_new ();

  /* The entry and a caller may both pass on the same text. */
  if (g_strcmp0 (folded, self->query) == 0)
    return;

  g_clear_pointer (&self->terms, g_strfreev);
  g_free (self->query);
  self->query = g_strdup (folded);
  if (self->graph == NULL)
    return;

  words = g_strsplit_set (folded, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (terms, g_strdup (words[i]));

  if (terms->len > 0)
    {
      g_ptr_array_add (terms, NULL);
      self->terms = (GStrv) g_ptr_array_free (g_steal_pointer (&terms), FALSE);
      ensure_search_text (self);
    }

  am_actor_list_model_refilter (self, FALSE);
}

/* AmActorList */

struct _AmActorList
{
  AdwBin              parent_instance;

  AmMapDocument      *document;
  const AmAffiliations *affiliations; /* the graph's */
  AmActorListModel   *model;
  GtkSingleSelection *selection;
  gboolean            syncing;

  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;
  guint               expose_id;    /* tick callback showing more rows */
};

G_DEFINE_FINAL_TYPE (AmActorList, am_actor_list, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SEARCH_MODE,
  N_PROPS
};

enum {
  NODE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static guint
row_node (AmActorList *self,
          guint        position)
{
  guint32 row;

  if (position >= self->model->rows->len)
    return AM_NO_INDEX;

  row = g_array_index (self->model->rows, guint32, position);
  return (row & HEADING_ROW) ? AM_NO_INDEX : row;
}

static guint
node_row (AmActorList *self,
          guint        node)
{
  guint row;

  if (node >= self->model->row_of_node->len)
    return AM_NO_INDEX;

  /* A row to select or scroll to must be known to the list view. */
  row = g_array_index (self->model->row_of_node, guint32, node);
  if (row != AM_NO_INDEX && row >= self->model->n_exposed)
    am_actor_list_model_expose_all (self->model);

  return row;
}

static gboolean
expose_rows_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  AmActorList *self = user_data;

  if (am_actor_list_model_expose_more (self->model))
    return G_SOURCE_CONTINUE;

  self->expose_id = 0;
  return G_SOURCE_REMOVE;
}

static void
expose_rows_gradually (AmActorList *self)
{
  if (self->expose_id != 0 || self->model->n_exposed >= self->model->rows->len)
    return;

  self->expose_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view),
                                                  expose_rows_cb, self, NULL);
}

/* Shows the document's selection in the list without telling anyone,
 * and with @scroll, scrolls to it. */
static void
sync_selection_from_document (AmActorList *self,
                              gboolean     scroll)
{
  guint node = self->document != NULL ? am_map_document_get_selected_node (self->document)
                                      : AM_NO_INDEX;
  guint row = node_row (self, node);

  self->syncing = TRUE;
  if (row == AM_NO_INDEX)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
    }
  else
    {
      gtk_single_selection_set_selected (self->selection, row);
      if (scroll)
        gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", row);
    }
  self->syncing = FALSE;
}

static void
on_selected_node_cb (AmActorList   *self,
                     GParamSpec    *pspec,
                     AmMapDocument *document)
{
  if (!self->syncing)
    sync_selection_from_document (self, TRUE);
}

static void
pick_node (AmActorList *self,
           guint        node)
{
  self->syncing = TRUE;
  am_map_document_set_selected_node (self->document, node);
  self->syncing = FALSE;

  if (node != AM_NO_INDEX)
    g_signal_emit (self, signals[NODE_ACTIVATED], 0, node);
}

static void
on_selection_changed_cb (AmActorList        *self,
                         GParamSpec         *pspec,
                         GtkSingleSelection *selection)
{
  guint position = gtk_single_selection_get_selected (selection);
  guint node = row_node (self, position);

  if (self->syncing || self->document == NULL)
    return;

  /* Headings are not selectable; this is a row the search took away. */
  if (position != GTK_INVALID_LIST_POSITION && node == AM_NO_INDEX)
    return;

  pick_node (self, node);
}

static void
update_empty_page (AmActorList *self)
{
  gboolean empty = self->model->rows->len == 0 && self->model->terms != NULL;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
on_search_changed_cb (AmActorList    *self,
                      GtkSearchEntry *entry)
{
  self->syncing = TRUE;
  am_actor_list_model_set_query (self->model, gtk_editable_get_text (GTK_EDITABLE (entry)));
  self->syncing = FALSE;

  update_empty_page (self);
  sync_selection_from_document (self, FALSE);

  /* The best matches are at the top. */
  if (self->model->rows->len > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
}

/* Enter in the search entry picks the first match. */
static void
on_search_activate_cb (AmActorList    *self,
                       GtkSearchEntry *entry)
{
  for (guint i = 0; i < self->model->rows->len; i++)
    {
      guint node = row_node (self, i);

      if (node != AM_NO_INDEX)
        {
          am_actor_list_select_node (self, node);
          return;
        }
    }
}

static void
on_search_mode_cb (AmActorList  *self,
                   GParamSpec   *pspec,
                   GtkSearchBar *search_bar)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

/* Rows */

static void
draw_dot (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  AmActorList *self = user_data;
  guint node = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "am-node")) - 1;
  const AmStyle *style;
  AmColour fill, outline;
  double radius = MIN (width, height) / 2.0 - 1;

  if (self->document == NULL || node >= am_graph_get_n_nodes (am_map_document_get_graph (self->document)))
    return;

  style = am_style_get (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  fill = am_style_get_node_fill (style, self->affiliations,
                                 am_map_document_get_graph (self->document), node);
  outline = am_style_get_outline (style, &fill);

  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, fill.red, fill.green, fill.blue, fill.alpha);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1);
  cairo_set_source_rgba (cr, outline.red, outline.green, outline.blue, outline.alpha);
  cairo_stroke (cr);
}

/* Role, else affiliation, else the id when the label is something else,
 * on one short line. */
static char *
actor_subtitle (const AmGraph *graph,
                guint          node)
{
  const AmNode *n = am_graph_get_node (graph, node);
  const char *role = am_graph_get_node_value (graph, graph->profile.node_role, node);

  if (role != NULL && *role != '\0')
    return am_display_line (role, AM_DISPLAY_LINE_MAX_CHARS);
  if (n->affiliation != NULL && *n->affiliation != '\0')
    return am_display_line (n->affiliation, AM_DISPLAY_LINE_MAX_CHARS);
  if (n->id != NULL && g_strcmp0 (n->id, n->label) != 0)
    return am_display_line (n->id, AM_DISPLAY_LINE_MAX_CHARS);

  return NULL;
}

/* The name, with role and affiliation under it, in full where the row
 * cuts them short. */
static char *
row_tooltip (AmActorList *self,
             guint        node_index)
{
  AmGraph *graph = am_map_document_get_graph (self->document);
  const AmNode *node = am_graph_get_node (graph, node_index);
  g_autofree char *label = am_display_line (node->label, AM_DISPLAY_LINE_MAX_CHARS);
  g_autofree char *sub = actor_subtitle (graph, node_index);
  g_autofree char *affiliation = NULL;

  if (node->affiliation != NULL)
    affiliation = am_display_line (node->affiliation, AM_DISPLAY_LINE_MAX_CHARS);
  if (affiliation != NULL && g_strcmp0 (affiliation, sub) != 0)
    return g_strdup_printf ("%s\n%s · %s", label, sub != NULL ? sub : "", affiliation);
  if (sub != NULL)
    return g_strdup_printf ("%s\n%s", label, sub);
  return g_steal_pointer (&label);
}

/* Made when the pointer rests on a row: setting every bound row's
 * tooltip text asks the display where the pointer is, each time. */
static gboolean
on_row_query_tooltip_cb (GtkWidget   *box,
                         int          x,
                         int          y,
                         gboolean     keyboard_mode,
                         GtkTooltip  *tooltip,
                         AmActorList *self)
{
  guint node = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (box), "am-node"));
  g_autofree char *text = NULL;

  if (node == 0 || self->document == NULL ||
      node - 1 >= am_graph_get_n_nodes (am_map_document_get_graph (self->document)))
    return FALSE;

  text = row_tooltip (self, node - 1);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* A row's parts are made when it is first bound to a row that shows
 * them: most rows are never headings, and headings never actors. */
static GtkWidget *
ensure_heading (GtkWidget *box)
{
  GtkWidget *heading = g_object_get_data (G_OBJECT (box), "heading");

  if (heading != NULL)
    return heading;

  heading = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_ellipsize (GTK_LABEL (heading), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_add_css_class (heading, "actor-list-heading");
  gtk_box_prepend (GTK_BOX (box), heading);
  g_object_set_data (G_OBJECT (box), "heading", heading);

  return heading;
}

static GtkWidget *
ensure_actor (GtkWidget   *box,
              AmActorList *self)
{
  GtkWidget *actor = g_object_get_data (G_OBJECT (box), "actor");
  GtkWidget *dot, *text, *title, *subtitle;

  if (actor != NULL)
    return actor;

  actor = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (box), actor);

  dot = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 14);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 14);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_dot, self, NULL);
  /* Decoration: the label next to it says the same in words. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (dot), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), dot, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (actor), dot);

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (actor), text);

  title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (text), title);

  subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (text), subtitle);

  g_object_set_data (G_OBJECT (box), "actor", actor);
  g_object_set_data (G_OBJECT (box), "dot", dot);
  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "subtitle", subtitle);

  return actor;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              AmActorList              *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_has_tooltip (box, TRUE);
  g_signal_connect (box, "query-tooltip", G_CALLBACK (on_row_query_tooltip_cb), self);

  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             AmActorList              *self)
{
  AmActorListItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *heading = g_object_get_data (G_OBJECT (box), "heading");
  GtkWidget *actor = g_object_get_data (G_OBJECT (box), "actor");
  AmGraph *graph = am_map_document_get_graph (self->document);
  gboolean is_heading = (item->row & HEADING_ROW) != 0;

  gtk_list_item_set_selectable (list_item, !is_heading);
  gtk_list_item_set_activatable (list_item, !is_heading);
  if (is_heading)
    heading = ensure_heading (box);
  else
    actor = ensure_actor (box, self);
  if (heading != NULL)
    gtk_widget_set_visible (heading, is_heading);
  if (actor != NULL)
    gtk_widget_set_visible (actor, !is_heading);

  if (is_heading)
    {
      const char *text = kind_heading (item->row & ~HEADING_ROW);

      gtk_label_set_label (GTK_LABEL (heading), text);
      g_object_set_data (G_OBJECT (box), "am-node", NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, NULL,
                                      -1);
    }
  else
    {
      GtkWidget *dot = g_object_get_data (G_OBJECT (box), "dot");
      GtkWidget *title = g_object_get_data (G_OBJECT (box), "title");
      GtkWidget *subtitle = g_object_get_data (G_OBJECT (box), "subtitle");
      const AmNode *node = am_graph_get_node (graph, item->row);
      /* One short line each, whatever the file holds. */
      g_autofree char *label = am_display_line (node->label, AM_DISPLAY_LINE_MAX_CHARS);
      g_autofree char *sub = actor_subtitle (graph, item->row);

      g_object_set_data (G_OBJECT (box), "am-node", GUINT_TO_POINTER (item->row + 1));
      g_object_set_data (G_OBJECT (dot), "am-node", GUINT_TO_POINTER (item->row + 1));
      gtk_widget_queue_draw (dot);

      gtk_label_set_label (GTK_LABEL (title), label);
      gtk_label_set_label (GTK_LABEL (subtitle), sub);
      gtk_widget_set_visible (subtitle, sub != NULL);

      gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, sub,
                                      -1);
    }
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               AmActorList              *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *dot = g_object_get_data (G_OBJECT (box), "dot");

  g_object_set_data (G_OBJECT (box), "am-node", NULL);
  if (dot != NULL)
    g_object_set_data (G_OBJECT (dot), "am-node", NULL);
}

/* GObject */

static void
am_actor_list_dispose (GObject *object)
{
  AmActorList *self = AM_ACTOR_LIST (object);

  am_actor_list_set_document (self, NULL);
  if (self->expose_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->expose_id);
  self->expose_id = 0;
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (am_actor_list_parent_class)->dispose (object);
}

static void
am_actor_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AmActorList *self = AM_ACTOR_LIST (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, am_actor_list_get_search_mode (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
am_actor_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AmActorList *self = AM_ACTOR_LIST (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      am_actor_list_set_document (self, g_value_get_object (value));
      break;
    case PROP_SEARCH_MODE:
      am_actor_list_set_search_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
am_actor_list_class_init (AmActorListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = am_actor_list_dispose;
  object_class->get_property = am_actor_list_get_property;
  object_class->set_property = am_actor_list_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, AM_TYPE_MAP_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AmActorList::node-activated:
   * @node: the node index
   *
   * The user picked @node in the list; the document's selection is
   * already set.
   */
  signals[NODE_ACTIVATED] =
    g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  am_app_resources_register ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/actormap/ActorMap/am-actor-list.ui");
  gtk_widget_class_bind_template_child (widget_class, AmActorList, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AmActorList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AmActorList, stack);
  gtk_widget_class_bind_template_child (widget_class, AmActorList, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_cb);

  gtk_widget_class_set_css_name (widget_class, "actorlist");
}

static void
am_actor_list_init (AmActorList *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not in the template, where it would look for the pointer at once. */
  am_lazy_tooltip_set (GTK_WIDGET (self->search_entry), _("Search by name, role or affiliation"));

  self->model = g_object_new (AM_TYPE_ACTOR_LIST_MODEL, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}

GtkWidget *
am_actor_list_new (void)
{
  return g_object_new (AM_TYPE_ACTOR_LIST, NULL);
}

AmMapDocument *
am_actor_list_get_document (AmActorList *self)
{
  g_return_val_if_fail (AM_IS_ACTOR_LIST (self), NULL);
  return self->document;
}

void
am_actor_list_set_document (AmActorList   *self,
                            AmMapDocument *document)
{
  g_return_if_fail (AM_IS_ACTOR_LIST (self));
  g_return_if_fail (document == NULL || AM_IS_MAP_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  g_set_object (&self->document, document);
  self->affiliations = NULL;

  if (document != NULL)
    {
      AmGraph *graph = am_map_document_get_graph (document);

      self->affiliations = am_graph_get_affiliations (graph);
      g_signal_connect_object (document, "notify::selected-node",
                               G_CALLBACK (on_selected_node_cb), self, G_CONNECT_SWAPPED);
    }

  /* Only tear the rows down once the list is gone; a widget being
   * disposed needs no new ones. */
  if (self->model != NULL)
    {
      self->syncing = TRUE;
      am_actor_list_model_set_graph (self->model, document);
      if (document != NULL)
        am_actor_list_model_set_query (self->model,
                                       gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      self->syncing = FALSE;

      update_empty_page (self);
      sync_selection_from_document (self, TRUE);
      expose_rows_gradually (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

gboolean
am_actor_list_get_search_mode (AmActorList *self)
{
  g_return_val_if_fail (AM_IS_ACTOR_LIST (self), FALSE);
  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
am_actor_list_set_search_mode (AmActorList *self,
                               gboolean     search_mode)
{
  g_return_if_fail (AM_IS_ACTOR_LIST (self));
  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
}

void
am_actor_list_focus_search (AmActorList *self)
{
  g_return_if_fail (AM_IS_ACTOR_LIST (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
am_actor_list_set_search_text (AmActorList *self,
                               const char  *text)
{
  g_return_if_fail (AM_IS_ACTOR_LIST (self));

  gtk_search_bar_set_search_mode (self->search_bar, text != NULL && *text != '\0');
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* Now, not after the entry's typing delay. */
  on_search_changed_cb (self, self->search_entry);
}

guint
am_actor_list_get_n_rows (AmActorList *self)
{
  g_return_val_if_fail (AM_IS_ACTOR_LIST (self), 0);
  return self->model->rows->len;
}

guint
am_actor_list_get_row_node (AmActorList *self,
                            guint        position)
{
  g_return_val_if_fail (AM_IS_ACTOR_LIST (self), AM_NO_INDEX);
  return row_node (self, position);
}

/* What the row of @node says when the pointer rests on it. */
char *
am_actor_list_get_node_tooltip (AmActorList *self,
                                guint        node)
{
  g_return_val_if_fail (AM_IS_ACTOR_LIST (self), NULL);
  g_return_val_if_fail (self->document != NULL, NULL);
  g_return_val_if_fail (node < am_graph_get_n_nodes (am_map_document_get_graph (self->document)), NULL);

  return row_tooltip (self, node);
}

guint
am_actor_list_get_selected_node (AmActorList *self)
{
  g_return_val_if_fail (AM_IS_ACTOR_LIST (self), AM_NO_INDEX);
  return row_node (self, gtk_single_selection_get_selected (self->selection));
}

gboolean
am_actor_list_select_node (AmActorList *self,
                           guint        node)
{
  guint row;

  g_return_val_if_fail (AM_IS_ACTOR_LIST (self), FALSE);

  row = node_row (self, node);
  if (row == AM_NO_INDEX || self->document == NULL)
    return FALSE;

  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, row);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", row);
  self->syncing = FALSE;

  pick_node (self, node);

  return TRUE;
}

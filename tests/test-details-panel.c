/* test-details-panel.c: what the details panel says of an actor (needs a display)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "window-test-util.h"

static void
test_details_lavrov (void)
{
  AmWindow *window = open_window (NULL, NULL);
  AmMapDocument *document = am_window_get_document (window);
  AmActorList *list = template_child (window, "actor_list");
  AmDetailsPanel *panel = template_child (window, "details_panel");
  AmGraph *graph = am_map_document_get_graph (document);
  guint lavrov = find_node (graph, "Sergei Lavrov");
  GtkWidget *statements;
  g_autofree char *text = NULL;
  g_autofree char *statement_text = NULL;
  gboolean show_details = FALSE;

  g_assert_true (am_actor_list_select_node (list, lavrov));
  g_assert_cmpuint (am_map_document_get_selected_node (document), ==, lavrov);
  g_assert_cmpuint (am_details_panel_get_node (panel), ==, lavrov);

  g_object_get (window, "show-details", &show_details, NULL);
  g_assert_true (show_details);

  text = widget_text (GTK_WIDGET (panel));
  g_assert_nonnull (strstr (text, "Sergei Lavrov"));
  g_assert_nonnull (strstr (text, "Russian foreign minister"));
  g_assert_nonnull (strstr (text, "spirit and letter"));

  /* The exact words are in quotation marks and marked as a quote, with
   * where they come from. */
  statements = find_widget_by_name (GTK_WIDGET (panel), "statements");
  g_assert_nonnull (statements);
  statement_text = widget_text (statements);
  g_assert_nonnull (strstr (statement_text, "“spirit and letter”"));
  g_assert_nonnull (strstr (statement_text, "Quote"));
  g_assert_nonnull (strstr (statement_text, "Paragraph 5"));
  g_assert_nonnull (strstr (statement_text, "Tuesday"));
  g_assert_nonnull (strstr (statement_text, "About US 28-point peace plan"));
  g_test_message ("Lavrov's statements:\n%s", statement_text);

  close_window (window);
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* Hidden when the window opens, the panel has no widgets until it is
 * first shown; then it shows the actor picked, and works as ever. */
static void
test_details_built_on_first_use (void)
{
  AmWindow *window = open_window (NULL, NULL);
  AmMapDocument *document = am_window_get_document (window);
  AmActorList *list = template_child (window, "actor_list");
  AmDetailsPanel *panel = template_child (window, "details_panel");
  AmGraph *graph = am_map_document_get_graph (document);
  guint macron = find_node (graph, "Emmanuel Macron");
  guint kallas = find_node (graph, "Kaja Kallas");
  g_autofree char *text = NULL;
  g_autofree char *next_text = NULL;
  GtkWidget *close_button;

  g_assert_false (adw_flap_get_reveal_flap (template_child (window, "details_flap")));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (panel)));
  g_assert_null (adw_bin_get_child (ADW_BIN (panel)));

  g_assert_true (am_actor_list_select_node (list, macron));
  g_assert_nonnull (adw_bin_get_child (ADW_BIN (panel)));
  text = widget_text (GTK_WIDGET (panel));
  g_assert_nonnull (strstr (text, "Emmanuel Macron"));
  g_assert_true (iterate_until (widget_mapped, adw_bin_get_child (ADW_BIN (panel)), 5));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (panel)), >=, 340);

  /* It follows the selection, and its Close button clears it. */
  am_map_document_set_selected_node (document, kallas);
  next_text = widget_text (GTK_WIDGET (panel));
  g_assert_nonnull (strstr (next_text, "Kaja Kallas"));
  g_assert_null (strstr (next_text, "Emmanuel Macron"));
  close_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (panel), AM_TYPE_DETAILS_PANEL,
                                                            "close_button"));
  g_assert_nonnull (close_button);
  g_signal_emit_by_name (close_button, "clicked");
  g_assert_cmpuint (am_map_document_get_selected_node (document), ==, AM_NO_INDEX);

  close_window (window);
}

static void
test_details_kallas (void)
{
  AmWindow *window = open_window (NULL, NULL);
  AmMapDocument *document = am_window_get_document (window);
  AmDetailsPanel *panel = template_child (window, "details_panel");
  AmGraph *graph = am_map_document_get_graph (document);
  guint kallas = find_node (graph, "Kaja Kallas");
  guint g8 = find_node_by_id (graph, "issue-g8");
  GtkWidget *positions, *statements;
  g_autofree char *positions_text = NULL;
  g_autofree char *statements_text = NULL;
  const char *g8_label;

  g_assert_cmpuint (g8, !=, AM_NO_INDEX);
  g8_label = am_graph_get_node (graph, g8)->label;
  g_assert_nonnull (strstr (g8_label, "G8"));

  am_map_document_set_selected_node (document, kallas);
  g_assert_cmpuint (am_details_panel_get_node (panel), ==, kallas);

  positions = find_widget_by_name (GTK_WIDGET (panel), "positions");
  g_assert_nonnull (positions);
  positions_text = widget_text (positions);
  g_test_message ("Kallas's positions:\n%s", positions_text);

  /* The row of the G8 issue says "Opposes". */
  g_assert_nonnull (strstr (positions_text, g8_label));
  {
    g_autofree char *row = NULL;
    GtkWidget *child;

    for (child = gtk_widget_get_first_child (positions); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      {
        g_autofree char *candidate = widget_text (child);

        if (strstr (candidate, g8_label) != NULL)
          {
            row = g_steal_pointer (&candidate);
            break;
          }
      }

    g_assert_nonnull (row);
    g_assert_nonnull (strstr (row, "Opposes"));
    g_assert_null (strstr (row, "Supports"));
  }

  /* Statements without quotation marks in the source are reported. */
  statements = find_widget_by_name (GTK_WIDGET (panel), "statements");
  statements_text = widget_text (statements);
  g_assert_nonnull (strstr (statements_text, "Reported"));
  g_assert_null (strstr (statements_text, "Quote\n"));

  close_window (window);
}

/* Interactions lead on to the actor at the other end. */
static void
test_details_interactions (void)
{
  AmWindow *window = open_window (NULL, NULL);
  AmMapDocument *document = am_window_get_document (window);
  AmDetailsPanel *panel = template_child (window, "details_panel");
  AmGraph *graph = am_map_document_get_graph (document);
  guint driscoll = find_node (graph, "Dan Driscoll");
  GtkWidget *interactions, *row;
  g_autofree char *text = NULL;
  guint n_rows = 0, n_edges = 0;
  guint other;

  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);

      if (edge->kind != AM_EDGE_KIND_STATEMENT && (edge->source == driscoll || edge->target == driscoll))
        n_edges++;
    }
  g_assert_cmpuint (n_edges, >, 0);

  am_map_document_set_selected_node (document, driscoll);
  interactions = find_widget_by_name (GTK_WIDGET (panel), "interactions");
  g_assert_nonnull (interactions);
  for (row = gtk_widget_get_first_child (interactions); row != NULL; row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, n_edges);

  text = widget_text (interactions);
  g_test_message ("Driscoll's interactions:\n%s", text);
  g_assert_nonnull (strstr (text, "Talks"));

  row = gtk_widget_get_first_child (interactions);
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  other = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "am-node")) - 1;
  g_assert_cmpuint (other, <, am_graph_get_n_nodes (graph));
  g_assert_cmpuint (other, !=, driscoll);

  g_signal_emit_by_name (row, "activated");
  g_assert_cmpuint (am_map_document_get_selected_node (document), ==, other);
  g_assert_cmpuint (am_details_panel_get_node (panel), ==, other);

  close_window (window);
}

/* Rows of the panel's section @name, with the other end of each that
 * leads to one appended to @others; 0 when the panel has no such
 * section. No section of the bundled map is long enough to be cut. */
static guint
count_section_rows (AmDetailsPanel *panel,
                    const char     *name,
                    GArray         *others)
{
  GtkWidget *section = find_widget_by_name (GTK_WIDGET (panel), name);
  guint n = 0;

  if (section == NULL)
    return 0;

  for (GtkWidget *row = gtk_widget_get_first_child (section);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      guint other = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "am-node"));

      if (!GTK_IS_LIST_BOX_ROW (row))
        continue;
      n++;
      if (others != NULL && other > 0)
        g_array_append_val (others, (guint) { other - 1 });
    }

  return n;
}

/* For every node, the panel lists the statements and interactions a
 * look at every edge of the map finds, in the order of the file. */
static void
test_details_every_node (void)
{
  AmWindow *window = open_window (NULL, NULL);
  AmMapDocument *document = am_window_get_document (window);
  AmDetailsPanel *panel = template_child (window, "details_panel");
  AmGraph *graph = am_map_document_get_graph (document);

  for (guint node = 0; node < am_graph_get_n_nodes (graph); node++)
    {
      g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (guint));
      guint n_made = 0, n_about = 0;

      for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
        {
          const AmEdge *edge = am_graph_get_edge (graph, i);

          if (edge->kind == AM_EDGE_KIND_STATEMENT)
            {
              n_made += edge->source == node;
              n_about += edge->target == node;
            }
          else if (edge->source == node || edge->target == node)
            {
              guint other = edge->source == node ? edge->target : edge->source;

              g_array_append_val (expected, other);
            }
        }

      am_map_document_set_selected_node (document, node);
      g_assert_cmpuint (am_details_panel_get_node (panel), ==, node);
      g_assert_cmpuint (count_section_rows (panel, "statements", NULL), ==, n_made);
      g_assert_cmpuint (count_section_rows (panel, "statements-about", NULL), ==, n_about);
      g_assert_cmpuint (count_section_rows (panel, "interactions", shown), ==, expected->len);
      g_assert_cmpmem (shown->data, shown->len * sizeof (guint),
                       expected->data, expected->len * sizeof (guint));
      /* The map keeps where each actor stands on the canvas, which says
       * nothing about the actor. */
      g_assert_cmpuint (count_section_rows (panel, "attributes", NULL), ==, 0);
    }
}

/* The accessible label of @widget. GTK has no getter for it: a check
 * against a value it cannot have hands back the real one. */
static char *
accessible_label (GtkWidget *widget)
{
  char *label = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                    "\x01 no label is this");

  g_assert_nonnull (label);
  return label;
}

/* The accessible label of the only statement row of the panel. */
static char *
only_statement_label (AmDetailsPanel *panel)
{
  GtkWidget *statements = find_widget_by_name (GTK_WIDGET (panel), "statements");
  GtkWidget *row;

  g_assert_nonnull (statements);
  row = gtk_widget_get_first_child (statements);
  g_assert_true (GTK_IS_LIST_BOX_ROW (row));
  g_assert_null (gtk_widget_get_next_sibling (row));

  return accessible_label (row);
}

/* Assistive technology hears whether the words are a quote or reported. */
static void
test_details_accessible_quote (void)
{
  AmWindow *window = open_statements_map ();
  AmMapDocument *document = am_window_get_document (window);
  AmDetailsPanel *panel = template_child (window, "details_panel");
  AmGraph *graph = am_map_document_get_graph (document);
  g_autofree char *quoted = NULL;
  g_autofree char *reported = NULL;

  am_map_document_set_selected_node (document, find_node_by_id (graph, "ana"));
  g_assert_cmpuint (am_details_panel_get_node (panel), ==, find_node_by_id (graph, "ana"));
  quoted = only_statement_label (panel);
  g_test_message ("quoted: %s", quoted);
  g_assert_true (g_str_has_prefix (quoted, "Quote. “we will sign tomorrow”. About Truce"));
  g_assert_null (strstr (quoted, "Reported"));

  am_map_document_set_selected_node (document, find_node_by_id (graph, "ben"));
  reported = only_statement_label (panel);
  g_test_message ("reported: %s", reported);
  g_assert_true (g_str_has_prefix (reported, "Reported. Ben backed the truce in a briefing. About Truce"));
  g_assert_null (strstr (reported, "Quote"));
  g_assert_null (strstr (reported, "“"));

  close_window (window);
}

/* An empty quote is no quote: the summary is shown, as reported, and no
 * empty quotation marks. */
static void
test_details_empty_quote (void)
{
  AmWindow *window = open_statements_map ();
  AmMapDocument *document = am_window_get_document (window);
  AmDetailsPanel *panel = template_child (window, "details_panel");
  AmGraph *graph = am_map_document_get_graph (document);
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;

  am_map_document_set_selected_node (document, find_node_by_id (graph, "cara"));
  text = widget_text (find_widget_by_name (GTK_WIDGET (panel), "statements"));
  g_test_message ("Cara's statements:\n%s", text);
  g_assert_nonnull (strstr (text, "Reported\n"));
  g_assert_nonnull (strstr (text, "Cara doubted the truce would hold."));
  g_assert_null (strstr (text, "Quote\n"));
  g_assert_null (strstr (text, "“”"));

  label = only_statement_label (panel);
  g_assert_true (g_str_has_prefix (label, "Reported. Cara doubted the truce would hold. About Truce"));

  close_window (window);
}

static gboolean
button_has_icon (GtkWidget     *widget,
                 gconstpointer  icon_name)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon_name) == 0;
}

static GtkWidget *
find_button_with_icon (GtkWidget  *root,
                       const char *icon_name)
{
  return find_widget (root, button_has_icon, icon_name);
}

static void
on_clipboard_text_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

/* The details panel of an actor who stated positions: with whom they
 * agree, a statement copied with its attribution, and how sure the
 * source is of what the map infers. */
static void
test_details_agreement_and_copy (void)
{
  AmWindow *window = open_window (NULL, NULL);
  AmMapDocument *document = am_window_get_document (window);
  AmGraph *graph = am_map_document_get_graph (document);
  AmDetailsPanel *panel = template_child (window, "details_panel");
  GtkWidget *agreement, *statements, *copy = NULL;
  g_autofree char *text = NULL;
  g_autofree char *copied = NULL;

  am_map_document_set_selected_node (document, find_node (graph, "Emmanuel Macron"));
  iterate_for (20);
  agreement = find_widget_by_name (GTK_WIDGET (panel), "agreement");
  g_assert_nonnull (agreement);
  text = widget_text (gtk_widget_get_parent (agreement));
  g_test_message ("Macron's agreement:\n%s", text);
  g_assert_nonnull (strstr (text, "Agrees most with"));
  g_assert_nonnull (strstr (text, "shared issue"));

  /* An issue has positions on it, not agreement. */
  am_map_document_set_selected_node (document, find_node_by_id (graph, "issue-g8"));
  iterate_for (20);
  g_assert_null (find_widget_by_name (GTK_WIDGET (panel), "agreement"));

  /* Lavrov's words, copied as they would be quoted. */
  am_map_document_set_selected_node (document, find_node (graph, "Sergei Lavrov"));
  iterate_for (20);
  statements = find_widget_by_name (GTK_WIDGET (panel), "statements");
  g_assert_nonnull (statements);
  for (GtkWidget *row = gtk_widget_get_first_child (statements); row != NULL && copy == NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      g_autofree char *row_text = widget_text (row);

      if (strstr (row_text, "spirit and letter") == NULL)
        continue;
      copy = find_button_with_icon (row, "edit-copy-symbolic");
    }
  g_assert_nonnull (copy);
  g_signal_emit_by_name (copy, "clicked");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (copy), NULL, on_clipboard_text_cb, &copied);
  while (copied == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (copied, ==, "“spirit and letter” — Sergei Lavrov, paragraph 5, "
                               "News report on the peace-plan talks, citing Reuters");

  /* What the map infers says so beside where it rests. */
  am_map_document_set_selected_node (document, find_node (graph, "Volodymyr Zelensky"));
  iterate_for (20);
  g_clear_pointer (&text, g_free);
  text = widget_text (find_widget_by_name (GTK_WIDGET (panel), "statements"));
  g_assert_nonnull (strstr (text, "Paragraph 14 · Inferred by the map’s author"));

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);

  g_test_add_func ("/window/details/lavrov", test_details_lavrov);
  g_test_add_func ("/window/details/kallas", test_details_kallas);
  g_test_add_func ("/window/details/built-on-first-use", test_details_built_on_first_use);
  g_test_add_func ("/window/details/interactions", test_details_interactions);
  g_test_add_func ("/window/details/agreement-and-copy", test_details_agreement_and_copy);
  g_test_add_func ("/window/details/every-node", test_details_every_node);
  g_test_add_func ("/window/details/accessible-quote", test_details_accessible_quote);
  g_test_add_func ("/window/details/empty-quote", test_details_empty_quote);

  return window_test_run ();
}

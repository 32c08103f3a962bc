/* test-bundled-map.c: the peace-talks map says what its source says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "am-map-loader.h"

static AmGraph *
load_bundled_map (void)
{
  g_autoptr(GError) error = NULL;
  AmGraph *graph = am_map_loader_read (NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (graph);
  return graph;
}

/* The source's paragraphs: its non-empty lines, numbered from 1. */
static GPtrArray *
load_paragraphs (void)
{
  const char *path = g_getenv ("AM_SOURCE_TEXT");
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *paragraphs;

  if (path == NULL || !g_file_get_contents (path, &text, NULL, NULL))
    return NULL;

  paragraphs = g_ptr_array_new_with_free_func (g_free);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      g_ptr_array_add (paragraphs, g_strdup (lines[i]));

  return paragraphs;
}

static guint
node (const AmGraph *graph,
      const char    *id)
{
  guint index = am_graph_find_node_by_id (graph, id);

  if (index == AM_NO_INDEX)
    g_error ("the bundled map has no node “%s”", id);
  return index;
}

static const char *
edge_value (const AmGraph *graph,
            int            key,
            guint          edge)
{
  return am_graph_get_edge_value (graph, key, edge);
}

static void
test_loads_cleanly (void)
{
  g_autoptr(AmGraph) graph = load_bundled_map ();
  const AmProfileKeys *p = &graph->profile;

  g_assert_cmpuint (graph->n_warnings, ==, 0);
  g_assert_true (am_graph_is_directed (graph));
  g_assert_nonnull (am_graph_get_title (graph));
  g_assert_nonnull (am_graph_get_value (graph, p->graph_source, 0));

  /* Every profile key is present. */
  g_assert_cmpint (p->node_label, >=, 0);
  g_assert_cmpint (p->node_kind, >=, 0);
  g_assert_cmpint (p->node_role, >=, 0);
  g_assert_cmpint (p->node_affiliation, >=, 0);
  g_assert_cmpint (p->node_description, >=, 0);
  g_assert_cmpint (p->edge_kind, >=, 0);
  g_assert_cmpint (p->edge_quote, >=, 0);
  g_assert_cmpint (p->edge_summary, >=, 0);
  g_assert_cmpint (p->edge_stance, >=, 0);
  g_assert_cmpint (p->edge_paragraph, >=, 0);
}

static void
test_names_every_actor (void)
{
  static const struct { const char *id; AmNodeKind kind; const char *label; } actors[] = {
    { "driscoll", AM_NODE_KIND_PERSON, "Dan Driscoll" },
    { "lavrov", AM_NODE_KIND_PERSON, "Sergei Lavrov" },
    { "zelensky", AM_NODE_KIND_PERSON, "Volodymyr Zelensky" },
    { "macron", AM_NODE_KIND_PERSON, "Emmanuel Macron" },
    { "kallas", AM_NODE_KIND_PERSON, "Kaja Kallas" },
    { "umerov", AM_NODE_KIND_PERSON, "Rustem Umerov" },
    { "trump", AM_NODE_KIND_PERSON, "Donald Trump" },
    { "putin", AM_NODE_KIND_PERSON, "Vladimir Putin" },
    { "peskov", AM_NODE_KIND_PERSON, "Dmitry Peskov" },
    { "ushakov", AM_NODE_KIND_PERSON, "Yuri Ushakov" },
    { "healy", AM_NODE_KIND_PERSON, "John Healy" },
    { "krasnodar-governor", AM_NODE_KIND_PERSON, NULL },
  };
  static const char *bodies[] = {
    "usa", "russia", "ukraine", "europe", "france", "uk", "nato", "romania", "moldova", "coalition",
    "partners",
  };
  static const char *issues[] = {
    "issue-territory", "issue-military-limits", "issue-nato-membership", "issue-frozen-assets",
    "issue-g8", "issue-accountability", "issue-guarantees", "issue-us-plan", "issue-amended-plan",
    "issue-europe-counterproposal",
  };
  g_autoptr(AmGraph) graph = load_bundled_map ();

  for (guint i = 0; i < G_N_ELEMENTS (actors); i++)
    {
      const AmNode *actor = am_graph_get_node (graph, node (graph, actors[i].id));

      g_assert_cmpint (actor->kind, ==, actors[i].kind);
      g_assert_nonnull (actor->affiliation);
      if (actors[i].label != NULL)
        g_assert_cmpstr (actor->label, ==, actors[i].label);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      const AmNode *body = am_graph_get_node (graph, node (graph, bodies[i]));

      g_assert_true (body->kind == AM_NODE_KIND_GOVERNMENT ||
                     body->kind == AM_NODE_KIND_ORGANISATION);
    }

  for (guint i = 0; i < G_N_ELEMENTS (issues); i++)
    g_assert_cmpint (am_graph_get_node (graph, node (graph, issues[i]))->kind, ==, AM_NODE_KIND_ISSUE);
}

/* The profile's kinds of edge, also those the code may not know yet. */
static const char * const profile_edge_kinds[] = {
  "statement", "talks", "meeting", "visit", "attack", "warning", "proposal", "support", "criticism",
  "membership", "incursion", "reaction", "pressure", "advance", "location",
};

static gboolean
is_profile_edge_kind (const char *kind)
{
  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (profile_edge_kinds); i++)
    if (strcmp (kind, profile_edge_kinds[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
has_statement (const AmGraph *graph,
               const char    *speaker,
               const char    *topic,
               AmStance       stance)
{
  guint from = node (graph, speaker);
  guint to = topic != NULL ? node (graph, topic) : AM_NO_INDEX;

  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);

      if (edge->kind == AM_EDGE_KIND_STATEMENT && edge->source == from &&
          (to == AM_NO_INDEX || edge->target == to) &&
          (stance == AM_STANCE_NONE || edge->stance == stance))
        return TRUE;
    }

  return FALSE;
}

static void
test_statements_and_stances (void)
{
  static const char *speakers[] = {
    "driscoll", "lavrov", "zelensky", "macron", "kallas", "umerov",
    "peskov", "ushakov", "healy", "krasnodar-governor",
  };
  g_autoptr(AmGraph) graph = load_bundled_map ();
  const AmProfileKeys *p = &graph->profile;
  guint n_statements = 0;

  /* Driscoll made no statement in the story; the others did. */
  for (guint i = 1; i < G_N_ELEMENTS (speakers); i++)
    g_assert_true (has_statement (graph, speakers[i], NULL, AM_STANCE_NONE));

  g_assert_true (has_statement (graph, "kallas", "issue-g8", AM_STANCE_OPPOSES));
  g_assert_true (has_statement (graph, "kallas", "issue-guarantees", AM_STANCE_SUPPORTS));
  g_assert_true (has_statement (graph, "macron", "issue-military-limits", AM_STANCE_OPPOSES));
  g_assert_true (has_statement (graph, "ushakov", "issue-europe-counterproposal", AM_STANCE_OPPOSES));

  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);
      const AmNode *target = am_graph_get_node (graph, edge->target);
      const char *summary = edge_value (graph, p->edge_summary, i);

      g_assert_true (is_profile_edge_kind (edge_value (graph, p->edge_kind, i)));
      if (edge->kind != AM_EDGE_KIND_STATEMENT)
        continue;

      n_statements++;
      g_assert_nonnull (summary);
      g_assert_cmpuint (strlen (summary), >, 10);
      if (target->kind == AM_NODE_KIND_ISSUE)
        g_assert_cmpint (edge->stance, !=, AM_STANCE_NONE);
    }

  g_assert_cmpuint (n_statements, >=, 25);
}

static void
test_interactions (void)
{
  static const AmEdgeKind kinds[] = {
    AM_EDGE_KIND_TALKS, AM_EDGE_KIND_MEETING, AM_EDGE_KIND_VISIT, AM_EDGE_KIND_ATTACK,
    AM_EDGE_KIND_WARNING, AM_EDGE_KIND_PROPOSAL, AM_EDGE_KIND_SUPPORT,
  };
  g_autoptr(AmGraph) graph = load_bundled_map ();

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < am_graph_get_n_edges (graph) && !found; i++)
        found = am_graph_get_edge (graph, i)->kind == kinds[k];

      if (!found)
        g_error ("no %s edge in the bundled map", am_edge_kind_to_string (kinds[k]));
    }
}

static void
test_quotes_are_verbatim (void)
{
  g_autoptr(AmGraph) graph = load_bundled_map ();
  g_autoptr(GPtrArray) paragraphs = load_paragraphs ();
  const AmProfileKeys *p = &graph->profile;
  gboolean spirit = FALSE, massive = FALSE, yantar = FALSE;

  if (paragraphs == NULL)
    {
      g_test_skip ("source article not found (set AM_SOURCE_TEXT)");
      return;
    }

  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);
      const char *quote = edge_value (graph, p->edge_quote, i);
      const char *paragraph_text = edge_value (graph, p->edge_paragraph, i);
      const char *speaker = am_graph_get_node (graph, edge->source)->id;
      gint64 paragraph;

      g_assert_true (am_parse_integer (paragraph_text, &paragraph));
      g_assert_cmpint (paragraph, >=, 1);
      g_assert_cmpint (paragraph, <=, paragraphs->len);

      if (quote == NULL || *quote == '\0')
        continue;

      /* Word for word, in the paragraph the edge names, inside quotation marks. */
      {
        const char *text = g_ptr_array_index (paragraphs, paragraph - 1);
        const char *at = strstr (text, quote);
        g_autofree char *before = NULL;

        if (at == NULL)
          g_error ("quote “%s” is not in paragraph %" G_GINT64_FORMAT, quote, paragraph);
        before = g_strndup (text, at - text);
        g_assert_true (g_str_has_suffix (before, "\"") || g_str_has_suffix (before, "“"));
      }

      spirit |= strcmp (quote, "spirit and letter") == 0 && strcmp (speaker, "lavrov") == 0;
      massive |= strcmp (quote, "sustained and massive") == 0 &&
                 strcmp (speaker, "krasnodar-governor") == 0;
      yantar |= g_str_has_prefix (quote, "we see you, we know what you’re doing") &&
                strcmp (speaker, "healy") == 0;
    }

  g_assert_true (spirit);
  g_assert_true (massive);
  g_assert_true (yantar);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bundled-map/loads-cleanly", test_loads_cleanly);
  g_test_add_func ("/bundled-map/actors", test_names_every_actor);
  g_test_add_func ("/bundled-map/statements", test_statements_and_stances);
  g_test_add_func ("/bundled-map/interactions", test_interactions);
  g_test_add_func ("/bundled-map/quotes", test_quotes_are_verbatim);

  return g_test_run ();
}

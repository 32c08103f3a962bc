/* test-bundled-map.c: the peace-talks map says what its source says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "am-map-loader.h"
#include "am-test-fixtures.h"
#include "am-vocabulary.h"

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

static const char *
edge_kind_name (const AmGraph *graph,
                guint          edge)
{
  return edge_value (graph, graph->profile.edge_kind, edge);
}

/* The first edge of @kind from @source to @target; fails when there is none. */
static guint
find_edge (const AmGraph *graph,
           const char    *source,
           const char    *target,
           const char    *kind)
{
  guint from = node (graph, source), to = node (graph, target);

  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);

      if (edge->source == from && edge->target == to && g_strcmp0 (edge_kind_name (graph, i), kind) == 0)
        return i;
    }

  g_error ("the bundled map has no %s edge from “%s” to “%s”", kind, source, target);
  return AM_NO_INDEX;
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

  /* A stance says what the article says, no more. Macron said only Ukraine
   * can decide on territory and Europe alone the frozen assets (26). */
  g_assert_true (has_statement (graph, "macron", "issue-territory", AM_STANCE_NEUTRAL));
  g_assert_false (has_statement (graph, "macron", "issue-territory", AM_STANCE_OPPOSES));
  g_assert_true (has_statement (graph, "macron", "issue-frozen-assets", AM_STANCE_SUPPORTS));
  /* Zelensky: "correct elements", but the hardest issues remain (22–23). */
  g_assert_true (has_statement (graph, "zelensky", "issue-amended-plan", AM_STANCE_CONDITIONAL));
  g_assert_false (has_statement (graph, "zelensky", "issue-amended-plan", AM_STANCE_SUPPORTS));
  /* Umerov reported a common understanding, no stance on a plan (16). */
  g_assert_false (has_statement (graph, "umerov", "issue-us-plan", AM_STANCE_NONE));
  g_assert_false (has_statement (graph, "umerov", "issue-amended-plan", AM_STANCE_NONE));
  /* Russia welcomed the initial plan; Lavrov's condition is on the
   * amended one (5–7), which is its own node. */
  g_assert_true (has_statement (graph, "lavrov", "issue-us-plan", AM_STANCE_SUPPORTS));
  g_assert_true (has_statement (graph, "lavrov", "issue-amended-plan", AM_STANCE_CONDITIONAL));
  g_assert_false (has_statement (graph, "lavrov", "issue-us-plan", AM_STANCE_CONDITIONAL));
  /* Read against membership: Kyiv's rejection of the no-NATO pledge
   * supports it, the plan's pledge opposes it (20). */
  g_assert_true (has_statement (graph, "ukraine", "issue-nato-membership", AM_STANCE_SUPPORTS));
  g_assert_cmpint (am_graph_get_edge (graph, find_edge (graph, "usa", "issue-nato-membership", "proposal"))->stance,
                   ==, AM_STANCE_OPPOSES);

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
      am_test_skip_unless_ci ("source article not found (set AM_SOURCE_TEXT)");
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

/* Provenance: where each edge comes from, and how sure the article is */

static gint64
edge_paragraph (const AmGraph *graph,
                guint          edge)
{
  const char *text = edge_value (graph, graph->profile.edge_paragraph, edge);
  gint64 paragraph = 0;

  if (text == NULL || !am_parse_integer (text, &paragraph))
    return 0;
  return paragraph;
}

/* The certainty key is newer than the profile code: found by its name. */
static int
certainty_key (const AmGraph *graph)
{
  int key = am_graph_find_key (graph, AM_DOMAIN_EDGE, "certainty");

  g_assert_cmpint (key, >=, 0);
  g_assert_cmpint (am_graph_get_key (graph, key)->type, ==, AM_ATTR_STRING);
  return key;
}

/* NULL when the article states it. */
static const char *
edge_certainty (const AmGraph *graph,
                int            key,
                guint          edge)
{
  const char *certainty = edge_value (graph, key, edge);

  return certainty != NULL && *certainty != '\0' ? certainty : NULL;
}

static const char *
paragraph_text (GPtrArray *paragraphs,
                gint64     paragraph)
{
  if (paragraph < 1 || paragraph > (gint64) paragraphs->len)
    return NULL;
  return g_ptr_array_index (paragraphs, paragraph - 1);
}

static void
test_every_edge_cites_a_paragraph (void)
{
  g_autoptr(AmGraph) graph = load_bundled_map ();
  g_autoptr(GPtrArray) paragraphs = load_paragraphs ();

  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);
      const char *summary = edge_value (graph, graph->profile.edge_summary, i);
      gint64 paragraph = edge_paragraph (graph, i);

      if (paragraph < 1 || (paragraphs != NULL && paragraph > (gint64) paragraphs->len))
        g_error ("edge %s cites no paragraph of the article", edge->id);
      if (summary == NULL || strlen (summary) <= 10)
        g_error ("edge %s says nothing in its own words", edge->id);
    }
}

static void
test_certainty (void)
{
  static const char *values[] = { "reported", "suspected", "inferred" };
  g_autoptr(AmGraph) graph = load_bundled_map ();
  int key = certainty_key (graph);
  guint counts[G_N_ELEMENTS (values)] = { 0 };

  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    {
      const char *certainty = edge_certainty (graph, key, i);
      guint v;

      if (certainty == NULL)
        continue;
      for (v = 0; v < G_N_ELEMENTS (values) && strcmp (certainty, values[v]) != 0; v++)
        ;
      if (v == G_N_ELEMENTS (values))
        g_error ("edge %s: certainty “%s” is none of reported, suspected, inferred",
                 am_graph_get_edge (graph, i)->id, certainty);
      counts[v]++;
    }

  /* The story needs all three. */
  for (guint v = 0; v < G_N_ELEMENTS (values); v++)
    g_assert_cmpuint (counts[v], >, 0);
}

/* The words by which the article names an actor: a person's label and
 * surname; a body's label and the names its role gives in parentheses,
 * as in "Government of Russia (the Kremlin, Moscow)". */
static GPtrArray *
actor_names (const AmGraph *graph,
             guint          node)
{
  const AmNode *actor = am_graph_get_node (graph, node);
  const char *role = am_graph_get_node_value (graph, graph->profile.node_role, node);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (names, g_strdup (actor->label));
  if (actor->kind == AM_NODE_KIND_PERSON)
    {
      const char *space = strrchr (actor->label, ' ');

      if (space != NULL)
        g_ptr_array_add (names, g_strdup (space + 1));
    }
  else if (role != NULL && strchr (role, '(') != NULL)
    {
      g_autofree char *inside = g_strdup (strchr (role, '(') + 1);
      g_auto(GStrv) parts = NULL;

      if (strchr (inside, ')') != NULL)
        *strchr (inside, ')') = '\0';
      parts = g_strsplit (inside, ",", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          char *name = g_strstrip (parts[i]);

          if (g_str_has_prefix (name, "the "))
            name += strlen ("the ");
          if (*name != '\0')
            g_ptr_array_add (names, g_strdup (name));
        }
    }

  return names;
}

/* Where in @text a name of @names last begins, or NULL. */
static const char *
last_mention (const char *text,
              GPtrArray  *names)
{
  const char *last = NULL;

  for (guint i = 0; i < names->len; i++)
    for (const char *at = strstr (text, g_ptr_array_index (names, i)); at != NULL; at = strstr (at + 1, g_ptr_array_index (names, i)))
      if (last == NULL || at > last)
        last = at;

  return last;
}

/* The first person of the map other than @speaker that @text names, or NULL. */
static const char *
another_person (const AmGraph *graph,
                guint          speaker,
                const char    *text)
{
  for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
    {
      g_autoptr(GPtrArray) names = NULL;

      if (i == speaker || am_graph_get_node (graph, i)->kind != AM_NODE_KIND_PERSON)
        continue;
      names = actor_names (graph, i);
      if (last_mention (text, names) != NULL)
        return am_graph_get_node (graph, i)->label;
    }

  return NULL;
}

/* A statement's paragraph names its speaker, or one of the three before
 * does with no other person named since (a "he" or "she" then can only
 * be them). Otherwise who spoke is a reading, and the edge says so. */
static void
test_speakers_are_named (void)
{
  g_autoptr(AmGraph) graph = load_bundled_map ();
  g_autoptr(GPtrArray) paragraphs = load_paragraphs ();
  int certainty = certainty_key (graph);
  guint n_inferred = 0;

  if (paragraphs == NULL)
    {
      am_test_skip_unless_ci ("source article not found (set AM_SOURCE_TEXT)");
      return;
    }

  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);
      const AmNode *speaker = am_graph_get_node (graph, edge->source);
      gint64 n = edge_paragraph (graph, i);
      gboolean inferred = g_strcmp0 (edge_certainty (graph, certainty, i), "inferred") == 0;
      g_autoptr(GPtrArray) names = NULL;
      const char *other = NULL;
      gboolean found = FALSE;

      if (edge->kind != AM_EDGE_KIND_STATEMENT)
        continue;
      g_assert_true (speaker->kind == AM_NODE_KIND_PERSON || speaker->kind == AM_NODE_KIND_GOVERNMENT ||
                     speaker->kind == AM_NODE_KIND_ORGANISATION);
      g_assert_nonnull (paragraph_text (paragraphs, n));

      names = actor_names (graph, edge->source);
      if (last_mention (paragraph_text (paragraphs, n), names) != NULL)
        {
          if (inferred)
            g_error ("edge %s: paragraph %" G_GINT64_FORMAT " names %s, yet the statement is marked inferred",
                     edge->id, n, speaker->label);
          continue;
        }

      for (gint64 m = n - 1; m >= 1 && m >= n - 3 && !found; m--)
        {
          const char *at = last_mention (paragraph_text (paragraphs, m), names);

          if (at == NULL)
            continue;
          found = TRUE;
          other = another_person (graph, edge->source, at + 1);
          for (gint64 k = m + 1; k < n && other == NULL; k++)
            other = another_person (graph, edge->source, paragraph_text (paragraphs, k));
        }

      if ((!found || other != NULL) && !inferred)
        g_error ("edge %s: paragraph %" G_GINT64_FORMAT " does not name %s%s%s, and the statement is not marked inferred",
                 edge->id, n, speaker->label, other != NULL ? "; the last person named before it is " : "",
                 other != NULL ? other : "");
      n_inferred += inferred;
    }

  /* Paragraph 14's "He" follows the governor of Krasnodar Krai. */
  g_assert_cmpuint (n_inferred, >=, 1);
}

/* Each issue says what its stances read against, and is spoken to by
 * two actors or says why only one. */
static void
test_issues_are_framed (void)
{
  g_autoptr(AmGraph) graph = load_bundled_map ();

  for (guint n = 0; n < am_graph_get_n_nodes (graph); n++)
    {
      const AmNode *issue = am_graph_get_node (graph, n);
      const char *description = am_graph_get_node_value (graph, graph->profile.node_description, n);
      g_autoptr(GArray) speakers = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autofree char *reason = NULL;

      if (issue->kind != AM_NODE_KIND_ISSUE)
        continue;
      if (description == NULL || strstr (description, "Stances read against: ") == NULL)
        g_error ("issue %s does not say what its stances read against", issue->id);

      for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
        {
          const AmEdge *edge = am_graph_get_edge (graph, i);
          gboolean seen = FALSE;

          if (edge->kind != AM_EDGE_KIND_STATEMENT || edge->target != n)
            continue;
          g_assert_cmpint (edge->stance, !=, AM_STANCE_NONE);
          for (guint s = 0; s < speakers->len; s++)
            seen |= g_array_index (speakers, guint, s) == edge->source;
          if (!seen)
            g_array_append_val (speakers, edge->source);
        }

      if (speakers->len >= 2)
        continue;
      if (speakers->len == 0)
        g_error ("no one in the map speaks to issue %s", issue->id);

      /* One voice: a sentence "Only <speaker> …" says so. */
      if (strstr (description, "Only ") == NULL)
        g_error ("issue %s: only %s speaks to it, and its description does not say why", issue->id,
                 am_graph_get_node (graph, g_array_index (speakers, guint, 0))->label);
      reason = g_strdup (strstr (description, "Only "));
      if (strstr (reason, ". ") != NULL)
        *strstr (reason, ". ") = '\0';
      {
        g_autoptr(GPtrArray) names = actor_names (graph, g_array_index (speakers, guint, 0));

        if (last_mention (reason, names) == NULL)
          g_error ("issue %s: “%s” does not name its one speaker, %s", issue->id, reason,
                   am_graph_get_node (graph, g_array_index (speakers, guint, 0))->label);
      }
    }
}

/* No two edges encode the same act: not the same edge twice, not an act
 * drawn both to an event and to an actor taking part in it (the visit to
 * an event and to its host), not a person's words drawn again from the
 * government they speak for. */
static void
test_no_act_drawn_twice (void)
{
  g_autoptr(AmGraph) graph = load_bundled_map ();

  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    for (guint j = i + 1; j < am_graph_get_n_edges (graph); j++)
      {
        const AmEdge *a = am_graph_get_edge (graph, i), *b = am_graph_get_edge (graph, j);
        const AmNode *ta = am_graph_get_node (graph, a->target), *tb = am_graph_get_node (graph, b->target);
        const AmNode *sa = am_graph_get_node (graph, a->source), *sb = am_graph_get_node (graph, b->source);
        gint64 pa = edge_paragraph (graph, i), pb = edge_paragraph (graph, j);
        gboolean same_kind = g_strcmp0 (edge_kind_name (graph, i), edge_kind_name (graph, j)) == 0;

        if (a->source == b->source && a->target == b->target && same_kind && pa == pb)
          g_error ("edges %s and %s: the same %s twice in paragraph %" G_GINT64_FORMAT,
                   a->id, b->id, edge_kind_name (graph, i), pa);

        if (a->source == b->source && same_kind && a->kind != AM_EDGE_KIND_STATEMENT &&
            ABS (pa - pb) <= 3 && (ta->kind == AM_NODE_KIND_EVENT) != (tb->kind == AM_NODE_KIND_EVENT))
          {
            const AmNode *other = ta->kind == AM_NODE_KIND_EVENT ? tb : ta;

            if (other->kind != AM_NODE_KIND_ISSUE)
              g_error ("edges %s and %s: one %s by %s drawn both to an event and to %s",
                       a->id, b->id, edge_kind_name (graph, i), sa->label, other->label);
          }

        if (a->kind == AM_EDGE_KIND_STATEMENT && b->kind == AM_EDGE_KIND_STATEMENT &&
            a->source != b->source && a->target == b->target && pa == pb &&
            (sa->kind == AM_NODE_KIND_PERSON) != (sb->kind == AM_NODE_KIND_PERSON) &&
            sa->affiliation != NULL && g_strcmp0 (sa->affiliation, sb->affiliation) == 0)
          g_error ("edges %s and %s: %s’s words drawn again from %s", a->id, b->id,
                   (sa->kind == AM_NODE_KIND_PERSON ? sa : sb)->label,
                   (sa->kind == AM_NODE_KIND_PERSON ? sb : sa)->label);
      }
}

/* Every `when` is the article's words, from the edge's paragraph or the
 * three before; and where the article says when, the edge says it. */
static void
test_times (void)
{
  static const struct { const char *source, *target, *kind, *when; } timed[] = {
    { "lavrov", "issue-amended-plan", "statement", "Tuesday" },
    { "russia", "event-kyiv-strike", "attack", "overnight" },
    { "ukraine", "event-russia-strike", "attack", "Tuesday" },
    { "krasnodar-governor", "event-russia-strike", "statement", "Tuesday" },
    { "zelensky", "event-washington-visit", "visit", "November" },
    { "trump", "event-alaska-summit", "meeting", "August" },
    { "putin", "event-alaska-summit", "meeting", "August" },
    { "usa", "issue-us-plan", "proposal", "last week" },
    { "zelensky", "issue-amended-plan", "statement", "overnight" },
    { "coalition", "event-coalition-meeting", "meeting", "Tuesday" },
    { "romania", "event-romania-drones", "reaction", "early Tuesday" },
    { "russia", "nato", "incursion", "in recent months" },
    { "uk", "russia", "warning", "November 19" },
    { "healy", "event-yantar", "statement", "November 19" },
  };
  g_autoptr(AmGraph) graph = load_bundled_map ();
  g_autoptr(GPtrArray) paragraphs = load_paragraphs ();
  gboolean second_round = FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (timed); k++)
    {
      guint edge = find_edge (graph, timed[k].source, timed[k].target, timed[k].kind);

      g_assert_cmpstr (edge_value (graph, graph->profile.edge_when, edge), ==, timed[k].when);
    }

  /* The second round in Abu Dhabi, expected on Tuesday (2). */
  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    second_round |= am_graph_get_edge (graph, i)->target == node (graph, "event-abu-dhabi-talks") &&
                    edge_paragraph (graph, i) == 2 &&
                    g_strcmp0 (edge_value (graph, graph->profile.edge_when, i), "Tuesday") == 0;
  g_assert_true (second_round);

  if (paragraphs == NULL)
    return;

  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    {
      const char *when = edge_value (graph, graph->profile.edge_when, i);
      gint64 n = edge_paragraph (graph, i);
      gboolean found = FALSE;

      if (when == NULL)
        continue;
      for (gint64 m = n; m >= 1 && m >= n - 3 && !found; m--)
        found = strstr (paragraph_text (paragraphs, m), when) != NULL;
      if (!found)
        g_error ("edge %s: “%s” is not in paragraph %" G_GINT64_FORMAT " or the three before",
                 am_graph_get_edge (graph, i)->id, when, n);
    }
}

/* Who did what, as sure as the article is. */
static void
test_attribution (void)
{
  g_autoptr(AmGraph) graph = load_bundled_map ();
  int certainty = certainty_key (graph);
  guint russia = node (graph, "russia");
  guint counter;

  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);
      const char *target = am_graph_get_node (graph, edge->target)->id;
      const char *label = edge_value (graph, graph->profile.edge_label, i);
      const char *summary = edge_value (graph, graph->profile.edge_summary, i);

      /* Paragraph 33 names no sender of the drones over Romania. */
      if (edge->source == russia && edge_paragraph (graph, i) == 33)
        g_error ("edge %s: paragraph 33 names no sender", edge->id);

      /* Drones over Romania, Moldova and NATO countries are incursions,
       * reported or suspected, not attacks. */
      if (edge->source == russia &&
          (strcmp (target, "romania") == 0 || strcmp (target, "moldova") == 0 || strcmp (target, "nato") == 0))
        {
          g_assert_cmpstr (edge_kind_name (graph, i), ==, "incursion");
          g_assert_nonnull (edge_certainty (graph, certainty, i));
        }

      /* Membership is not support. */
      if (g_strcmp0 (label, "Member") == 0)
        g_assert_cmpstr (edge_kind_name (graph, i), ==, "membership");

      /* Umerov reported a common understanding; no one "agreed". */
      if ((label != NULL && strstr (label, "agreed") != NULL) ||
          (summary != NULL && strstr (summary, "agreed") != NULL))
        g_error ("edge %s: the article says no one agreed", edge->id);
    }

  /* Europe's reported counter-proposal (28): Europe's, and reported. */
  counter = find_edge (graph, "europe", "issue-europe-counterproposal", "proposal");
  g_assert_cmpstr (edge_certainty (graph, certainty, counter), ==, "reported");
  g_assert_cmpuint (am_graph_find_node_by_id (graph, "eu"), ==, AM_NO_INDEX);
  /* Incursions into NATO countries by suspected Russian drones (34). */
  g_assert_cmpstr (edge_certainty (graph, certainty, find_edge (graph, "russia", "nato", "incursion")), ==, "suspected");
}

/* data/peace-talks.md lists every node and edge as the map has it, with
 * the article's words it rests on, so the map can be audited by hand. */

static char **
table_row (char **lines,
           const char *id)
{
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;

      if (!g_str_has_prefix (lines[i], "| "))
        continue;
      cells = g_strsplit (lines[i], "|", -1);
      if (g_strv_length (cells) > 2 && strcmp (g_strstrip (cells[1]), id) == 0)
        {
          for (guint c = 0; cells[c] != NULL; c++)
            g_strstrip (cells[c]);
          return g_steal_pointer (&cells);
        }
    }

  return NULL;
}

/* Each “…” in @words, cut at " … ", is word for word in @text. */
static void
check_words (const char *id,
             const char *words,
             const char *text)
{
  const char *open = strstr (words, "“");
  guint n_quotes = 0;

  for (; open != NULL; open = strstr (open, "“"))
    {
      const char *close = strstr (open, "”");
      g_autofree char *quote = NULL;
      g_auto(GStrv) pieces = NULL;

      g_assert_nonnull (close);
      quote = g_strndup (open + strlen ("“"), close - open - strlen ("“"));
      pieces = g_strsplit (quote, " … ", -1);
      for (guint i = 0; pieces[i] != NULL; i++)
        if (strstr (text, pieces[i]) == NULL)
          g_error ("%s: the table quotes “%s”, which is not in the article where it says", id, pieces[i]);
      n_quotes++;
      open = close;
    }

  if (n_quotes == 0)
    g_error ("%s: the table gives no words from the article", id);
}

static gboolean
has_edge_id (const AmGraph *graph,
             const char    *id)
{
  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    if (g_strcmp0 (am_graph_get_edge (graph, i)->id, id) == 0)
      return TRUE;

  return FALSE;
}

static void
test_audit_table (void)
{
  const char *map = g_getenv ("AM_BUNDLED_MAP");
  g_autoptr(AmGraph) graph = load_bundled_map ();
  g_autoptr(GPtrArray) paragraphs = load_paragraphs ();
  int certainty = certainty_key (graph);
  g_autofree char *dir = NULL, *path = NULL, *contents = NULL, *article = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_rows = 0;

  if (map == NULL || paragraphs == NULL)
    {
      am_test_skip_unless_ci ("set AM_BUNDLED_MAP and AM_SOURCE_TEXT");
      return;
    }
  dir = g_path_get_dirname (map);
  path = g_build_filename (dir, "peace-talks.md", NULL);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  g_ptr_array_add (paragraphs, NULL);
  article = g_strjoinv ("\n", (char **) paragraphs->pdata);
  g_ptr_array_remove_index (paragraphs, paragraphs->len - 1);

  for (guint n = 0; n < am_graph_get_n_nodes (graph); n++)
    {
      const AmNode *node = am_graph_get_node (graph, n);
      g_auto(GStrv) row = table_row (lines, node->id);

      if (row == NULL || g_strv_length (row) < 7)
        g_error ("node %s has no row in %s", node->id, path);
      g_assert_cmpstr (row[2], ==, node->label);
      g_assert_cmpstr (row[3], ==, am_node_kind_to_string (node->kind));
      g_assert_cmpstr (row[4], !=, "");
      check_words (node->id, row[5], article);
    }

  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);
      g_auto(GStrv) row = table_row (lines, edge->id);
      g_autofree char *ends = g_strdup_printf ("%s → %s", am_graph_get_node (graph, edge->source)->id,
                                              am_graph_get_node (graph, edge->target)->id);
      g_autofree char *paragraph = g_strdup_printf ("%" G_GINT64_FORMAT, edge_paragraph (graph, i));
      const char *certain = edge_certainty (graph, certainty, i);
      g_autoptr(GString) nearby = g_string_new (NULL);

      if (row == NULL || g_strv_length (row) < 9)
        g_error ("edge %s has no row in %s", edge->id, path);
      g_assert_cmpstr (row[2], ==, ends);
      g_assert_cmpstr (row[3], ==, edge_kind_name (graph, i));
      g_assert_cmpstr (row[4], ==, edge->stance != AM_STANCE_NONE ? am_stance_to_string (edge->stance) : "–");
      g_assert_cmpstr (row[5], ==, certain != NULL ? certain : "–");
      g_assert_cmpstr (row[6], ==, paragraph);

      /* The words are from the paragraph, or one near it for what it
       * carries on from. */
      for (gint64 m = edge_paragraph (graph, i) - 3; m <= edge_paragraph (graph, i) + 3; m++)
        if (paragraph_text (paragraphs, m) != NULL)
          g_string_append_printf (nearby, "%s\n", paragraph_text (paragraphs, m));
      check_words (edge->id, row[7], nearby->str);
    }

  /* No row for what the map no longer has. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;
      const char *id;

      if (!g_str_has_prefix (lines[i], "| ") || g_str_has_prefix (lines[i], "| id ") ||
          g_str_has_prefix (lines[i], "|---") || g_str_has_prefix (lines[i], "| ---"))
        continue;
      cells = g_strsplit (lines[i], "|", -1);
      id = g_strstrip (cells[1]);
      if (am_graph_find_node_by_id (graph, id) == AM_NO_INDEX && !has_edge_id (graph, id))
        g_error ("%s lists “%s”, which the map does not have", path, id);
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, am_graph_get_n_nodes (graph) + am_graph_get_n_edges (graph));
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
  g_test_add_func ("/bundled-map/paragraphs", test_every_edge_cites_a_paragraph);
  g_test_add_func ("/bundled-map/certainty", test_certainty);
  g_test_add_func ("/bundled-map/speakers", test_speakers_are_named);
  g_test_add_func ("/bundled-map/issues", test_issues_are_framed);
  g_test_add_func ("/bundled-map/same-act", test_no_act_drawn_twice);
  g_test_add_func ("/bundled-map/times", test_times);
  g_test_add_func ("/bundled-map/attribution", test_attribution);
  g_test_add_func ("/bundled-map/audit-table", test_audit_table);

  return g_test_run ();
}

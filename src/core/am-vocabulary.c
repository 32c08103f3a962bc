/* am-vocabulary.c: the profile's kinds and stances, as files spell them
 * and as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "am-vocabulary.h"

typedef struct
{
  const char *name;        /* as files spell it */
  const char *title;       /* N_() marked, translated when asked */
  const char *menu_label;  /* edge kinds only */
} Word;

static const Word node_kinds[AM_N_NODE_KINDS] = {
  [AM_NODE_KIND_OTHER]        = { "other",        N_("Other"),        NULL },
  [AM_NODE_KIND_PERSON]       = { "person",       N_("Person"),       NULL },
  [AM_NODE_KIND_GOVERNMENT]   = { "government",   N_("Government"),   NULL },
  [AM_NODE_KIND_ORGANISATION] = { "organisation", N_("Organisation"), NULL },
  [AM_NODE_KIND_ISSUE]        = { "issue",        N_("Issue"),        NULL },
  [AM_NODE_KIND_EVENT]        = { "event",        N_("Event"),        NULL },
  [AM_NODE_KIND_PLACE]        = { "place",        N_("Place"),        NULL },
};

static const Word edge_kinds[AM_N_EDGE_KINDS] = {
  [AM_EDGE_KIND_OTHER]     = { "other",     N_("Other link"), N_("_Other Links") },
  [AM_EDGE_KIND_STATEMENT] = { "statement", N_("Statement"),  N_("_Statements") },
  [AM_EDGE_KIND_TALKS]     = { "talks",     N_("Talks"),      N_("_Talks") },
  [AM_EDGE_KIND_MEETING]   = { "meeting",   N_("Meeting"),    N_("_Meetings") },
  [AM_EDGE_KIND_VISIT]     = { "visit",     N_("Visit"),      N_("_Visits") },
  [AM_EDGE_KIND_ATTACK]    = { "attack",    N_("Attack"),     N_("_Attacks") },
  [AM_EDGE_KIND_WARNING]   = { "warning",   N_("Warning"),    N_("_Warnings") },
  [AM_EDGE_KIND_PROPOSAL]  = { "proposal",  N_("Proposal"),   N_("_Proposals") },
  [AM_EDGE_KIND_SUPPORT]   = { "support",   N_("Support"),    N_("S_upport") },
  [AM_EDGE_KIND_CRITICISM]  = { "criticism",  N_("Criticism"),  N_("_Criticism") },
  [AM_EDGE_KIND_MEMBERSHIP] = { "membership", N_("Membership"), N_("Mem_berships") },
  [AM_EDGE_KIND_INCURSION]  = { "incursion",  N_("Incursion"),  N_("_Incursions") },
  [AM_EDGE_KIND_REACTION]   = { "reaction",   N_("Reaction"),   N_("_Reactions") },
  [AM_EDGE_KIND_PRESSURE]   = { "pressure",   N_("Pressure"),   N_("Pr_essure") },
  [AM_EDGE_KIND_ADVANCE]    = { "advance",    N_("Advance"),    N_("A_dvances") },
  [AM_EDGE_KIND_LOCATION]   = { "location",   N_("Location"),   N_("_Locations") },
};

static const Word certainties[AM_N_CERTAINTIES] = {
  [AM_CERTAINTY_STATED]    = { "stated",    NULL,             NULL },
  /* Said by others, as the source reports it; not "paraphrased", as a
   * statement's summary is "Reported". */
  [AM_CERTAINTY_REPORTED]  = { "reported",  NC_("certainty", "Reported"),  NULL },
  [AM_CERTAINTY_SUSPECTED] = { "suspected", NC_("certainty", "Suspected"), NULL },
  [AM_CERTAINTY_INFERRED]  = { "inferred",  NC_("certainty", "Inferred"),  NULL },
};

static const Word stances[AM_N_STANCES] = {
  [AM_STANCE_NONE]        = { "none",        NULL,              NULL },
  [AM_STANCE_SUPPORTS]    = { "supports",    N_("Supports"),    NULL },
  [AM_STANCE_OPPOSES]     = { "opposes",     N_("Opposes"),     NULL },
  [AM_STANCE_CONDITIONAL] = { "conditional", N_("Conditional"), NULL },
  [AM_STANCE_NEUTRAL]     = { "neutral",     N_("Neutral"),     NULL },
};

static gboolean
only_space_left (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

/* Index 0 (OTHER or NONE) when @value names none of @words. */
static guint
find_word (const char *value,
           const Word *words,
           guint       n_words)
{
  if (value == NULL)
    return 0;

  while (g_ascii_isspace (*value))
    value++;

  for (guint i = 1; i < n_words; i++)
    {
      gsize len = strlen (words[i].name);

      if (g_ascii_strncasecmp (value, words[i].name, len) == 0 && only_space_left (value + len))
        return i;
    }

  return 0;
}

static const char *
translate (const char *text)
{
  return text != NULL ? g_dgettext (GETTEXT_PACKAGE, text) : NULL;
}

const char *
am_node_kind_to_string (AmNodeKind kind)
{
  g_return_val_if_fail (kind < AM_N_NODE_KINDS, NULL);
  return node_kinds[kind].name;
}

const char *
am_edge_kind_to_string (AmEdgeKind kind)
{
  g_return_val_if_fail (kind < AM_N_EDGE_KINDS, NULL);
  return edge_kinds[kind].name;
}

const char *
am_stance_to_string (AmStance stance)
{
  g_return_val_if_fail (stance < AM_N_STANCES, NULL);
  return stances[stance].name;
}

AmNodeKind
am_node_kind_from_string (const char *value)
{
  AmNodeKind kind = find_word (value, node_kinds, AM_N_NODE_KINDS);

  /* British and American spellings both appear in the wild. */
  if (kind == AM_NODE_KIND_OTHER && value != NULL)
    {
      while (g_ascii_isspace (*value))
        value++;
      if (g_ascii_strncasecmp (value, "organization", 12) == 0)
        kind = AM_NODE_KIND_ORGANISATION;
    }

  return kind;
}

AmEdgeKind
am_edge_kind_from_string (const char *value)
{
  return find_word (value, edge_kinds, AM_N_EDGE_KINDS);
}

AmStance
am_stance_from_string (const char *value)
{
  return find_word (value, stances, AM_N_STANCES);
}

const char *
am_certainty_to_string (AmCertainty certainty)
{
  g_return_val_if_fail (certainty < AM_N_CERTAINTIES, NULL);
  return certainties[certainty].name;
}

AmCertainty
am_certainty_from_string (const char *value)
{
  return find_word (value, certainties, AM_N_CERTAINTIES);
}

const char *
am_certainty_get_title (AmCertainty certainty)
{
  const char *title = certainties[certainty < AM_N_CERTAINTIES ? certainty : AM_CERTAINTY_STATED].title;

  return title != NULL ? g_dpgettext2 (GETTEXT_PACKAGE, "certainty", title) : NULL;
}

const char *
am_certainty_get_description (AmCertainty certainty)
{
  switch (certainty)
    {
    case AM_CERTAINTY_REPORTED:
      return C_("certainty", "Reported");
    case AM_CERTAINTY_SUSPECTED:
      return C_("certainty", "Suspected");
    case AM_CERTAINTY_INFERRED:
      return _("Inferred by the map’s author");
    case AM_CERTAINTY_STATED:
    case AM_N_CERTAINTIES:
    default:
      return NULL;
    }
}

const char *
am_node_kind_get_title (AmNodeKind kind)
{
  return translate (node_kinds[kind < AM_N_NODE_KINDS ? kind : AM_NODE_KIND_OTHER].title);
}

const char *
am_edge_kind_get_title (AmEdgeKind kind)
{
  return translate (edge_kinds[kind < AM_N_EDGE_KINDS ? kind : AM_EDGE_KIND_OTHER].title);
}

const char *
am_stance_get_title (AmStance stance)
{
  return translate (stances[stance < AM_N_STANCES ? stance : AM_STANCE_NONE].title);
}

const char *
am_edge_kind_get_menu_label (AmEdgeKind kind)
{
  return translate (edge_kinds[kind < AM_N_EDGE_KINDS ? kind : AM_EDGE_KIND_OTHER].menu_label);
}

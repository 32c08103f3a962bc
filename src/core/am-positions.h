/* am-positions.h: who stated which position on which issue, as a matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "am-graph.h"

G_BEGIN_DECLS

/* How the rows (actors) are ordered. */
typedef enum
{
  AM_POSITIONS_ORDER_SIMILARITY,  /* those who agree next to each other */
  AM_POSITIONS_ORDER_AFFILIATION, /* by affiliation, then by name */
  AM_POSITIONS_ORDER_NAME,
} AmPositionsOrder;

/* How the columns (issues) are ordered. */
typedef enum
{
  AM_POSITIONS_ISSUE_ORDER_DIVIDED, /* the most divided first */
  AM_POSITIONS_ISSUE_ORDER_NAME,
} AmPositionsIssueOrder;

/* What one actor said on one issue: every statement with a stance, in
 * file order. */
typedef struct
{
  guint32         actor;        /* node index */
  guint32         issue;        /* node index */
  AmStance        stance;       /* the most frequent; the latest among equals */
  gboolean        mixed;        /* the statements take different stances */
  guint           n_statements;
  const guint32  *statements;   /* edge indices */
  guint           n_by_stance[AM_N_STANCES];
} AmPositionsCell;

/* Another actor, over the issues both took a position on. */
typedef struct
{
  guint32 actor;
  guint   n_shared;
  guint   n_agree;     /* the same stance */
  guint   n_disagree;  /* one supports what the other opposes */
} AmPositionsAgreement;

/* What the text of a statement is. */
typedef enum
{
  AM_STATEMENT_TEXT_NONE,
  AM_STATEMENT_TEXT_QUOTE,   /* the exact words */
  AM_STATEMENT_TEXT_SUMMARY, /* reported */
  AM_STATEMENT_TEXT_LABEL,
} AmStatementTextKind;

typedef struct _AmPositions AmPositions;

/* A position is the stance of a statement edge to an issue node. The
 * model keeps @graph, which must outlive it and not change under it. */
AmPositions           *am_positions_new                (const AmGraph          *graph);
void                   am_positions_free               (AmPositions            *self);

const AmGraph         *am_positions_get_graph          (const AmPositions      *self);
guint                  am_positions_get_n_rows         (const AmPositions      *self);
guint                  am_positions_get_n_columns      (const AmPositions      *self);
guint                  am_positions_get_n_statements   (const AmPositions      *self);
/* The node shown in @row or @column, in the current order. */
guint32                am_positions_get_actor          (const AmPositions      *self,
                                                        guint                   row);
guint32                am_positions_get_issue          (const AmPositions      *self,
                                                        guint                   column);
/* The row of @actor, the column of @issue, or -1. */
int                    am_positions_find_row           (const AmPositions      *self,
                                                        guint32                 actor);
int                    am_positions_find_column        (const AmPositions      *self,
                                                        guint32                 issue);
/* NULL where the actor took no position on the issue. */
const AmPositionsCell *am_positions_get_cell           (const AmPositions      *self,
                                                        guint                   row,
                                                        guint                   column);

AmPositionsOrder       am_positions_get_order          (const AmPositions      *self);
void                   am_positions_set_order          (AmPositions            *self,
                                                        AmPositionsOrder        order);
AmPositionsIssueOrder  am_positions_get_issue_order    (const AmPositions      *self);
void                   am_positions_set_issue_order    (AmPositions            *self,
                                                        AmPositionsIssueOrder   order);

/* How alike two actors' positions are, from -1 to 1: +1 for each shared
 * issue with the same stance, -1 for supports against opposes, over the
 * shared issues plus one (so that one shared issue counts less than
 * many). */
double                 am_positions_get_similarity     (const AmPositions      *self,
                                                        guint32                 actor,
                                                        guint32                 other);
/* Every other actor who shares an issue with @actor, those @actor agrees
 * with most first (then fewest disagreements, then node index); free
 * with g_free(). NULL and 0 when there is none. */
AmPositionsAgreement  *am_positions_get_agreement      (const AmPositions      *self,
                                                        guint32                 actor,
                                                        guint                  *n_agreements);
/* For people: "Agrees most with Volodymyr Zelensky, on 3 of 3 shared
 * issues. Disagrees most with United States, on 2 of 3." NULL when
 * @actor shares no issue with anybody. */
char                  *am_positions_describe_agreement (const AmPositions      *self,
                                                        guint32                 actor);

/* For people and screen readers: "Kaja Kallas on Russia’s return to the
 * G8: opposes, 1 statement"; "…: mixed, mostly supports, 3 statements";
 * "…: no position" for an empty cell. */
char                  *am_positions_describe_cell      (const AmPositions      *self,
                                                        guint                   row,
                                                        guint                   column);
/* The same followed by each statement on a line of its own, as
 * am_statement_describe() gives it; NULL for an empty cell. */
char                  *am_positions_describe_statements (const AmPositions     *self,
                                                         guint                  row,
                                                         guint                  column);

/* Statements, for any statement edge */

/* The quote, else the summary, else the label; NULL when there is none. */
const char            *am_statement_get_text           (const AmGraph          *graph,
                                                        guint                   edge,
                                                        AmStatementTextKind    *kind);
/* "quote", "summary", "label" or "" */
const char            *am_statement_text_kind_to_string (AmStatementTextKind   kind);
/* The edge's "certainty" value (reported, suspected, inferred), or NULL
 * when it is stated. */
const char            *am_statement_get_certainty      (const AmGraph          *graph,
                                                        guint                   edge);
/* For people, on one line: "“spirit and letter” · Conditional ·
 * paragraph 5 · Tuesday", a summary marked as reported, and a certainty
 * other than stated in the words of the file. */
char                  *am_statement_describe           (const AmGraph          *graph,
                                                        guint                   edge);
/* To copy with its attribution: "“spirit and letter” — Sergei Lavrov,
 * paragraph 5, News report on the peace-plan talks". */
char                  *am_statement_format_attribution (const AmGraph          *graph,
                                                        guint                   edge);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmPositions, am_positions_free)

G_END_DECLS

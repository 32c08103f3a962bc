/* am-positions.c: who stated which position on which issue, as a matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows are the actors with at least one position, columns the issues
 * someone took one on. Cells are kept sparse: a map of thousands of
 * actors and hundreds of issues has few positions for its size.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "am-positions.h"
#include "am-style.h"
#include "am-vocabulary.h"

/* Grouping by similarity compares every pair of groups at every merge,
 * which is cubic; beyond this many actors, rows go by affiliation. */
#define MAX_CLUSTERED_ACTORS 300

typedef struct
{
  AmPositionsCell  public;
  GArray          *statements; /* guint32, what public.statements points into */
} Cell;

struct _AmPositions
{
  const AmGraph         *graph;

  /* Actors and issues in order of their first position in the file: the
   * slots that cells are keyed by. */
  GArray                *actors;     /* guint32 node */
  GArray                *issues;     /* guint32 node */
  GHashTable            *actor_slots; /* node + 1 → slot + 1 */
  GHashTable            *issue_slots;

  GHashTable            *cells;      /* actor slot × n_issues + issue slot + 1 → Cell */
  GPtrArray            **actor_cells; /* by actor slot: Cell, in issue slot order */
  GPtrArray            **issue_cells; /* by issue slot: Cell */
  guint                  n_statements;

  AmPositionsOrder       order;
  AmPositionsIssueOrder  issue_order;
  guint                 *rows;       /* row → actor slot */
  guint                 *columns;    /* column → issue slot */
  guint                 *row_of_slot;
  guint                 *column_of_slot;
};

static void
cell_free (gpointer data)
{
  Cell *cell = data;

  g_array_unref (cell->statements);
  g_free (cell);
}

static gpointer
cell_key (const AmPositions *self,
          guint              actor_slot,
          guint              issue_slot)
{
  return GSIZE_TO_POINTER ((gsize) actor_slot * self->issues->len + issue_slot + 1);
}

static Cell *
lookup_cell (const AmPositions *self,
             guint              actor_slot,
             guint              issue_slot)
{
  return g_hash_table_lookup (self->cells, cell_key (self, actor_slot, issue_slot));
}

static guint
add_slot (GArray     *nodes,
          GHashTable *slots,
          guint32     node)
{
  gpointer value = g_hash_table_lookup (slots, GUINT_TO_POINTER (node + 1));

  if (value != NULL)
    return GPOINTER_TO_UINT (value) - 1;

  g_array_append_val (nodes, node);
  g_hash_table_insert (slots, GUINT_TO_POINTER (node + 1), GUINT_TO_POINTER (nodes->len));
  return nodes->len - 1;
}

static int
find_slot (GHashTable *slots,
           guint32     node)
{
  gpointer value = g_hash_table_lookup (slots, GUINT_TO_POINTER (node + 1));

  return value != NULL ? (int) GPOINTER_TO_UINT (value) - 1 : -1;
}

static gboolean
is_position (const AmGraph *graph,
             const AmEdge  *edge)
{
  return edge->kind == AM_EDGE_KIND_STATEMENT &&
         edge->stance != AM_STANCE_NONE && edge->stance < AM_N_STANCES &&
         edge->source != edge->target &&
         edge->target < am_graph_get_n_nodes (graph) &&
         edge->source < am_graph_get_n_nodes (graph) &&
         am_graph_get_node (graph, edge->target)->kind == AM_NODE_KIND_ISSUE;
}

/* Points the public part at the statements, once they are all in. */
static void
cell_settle (Cell *cell)
{
  AmPositionsCell *pub = &cell->public;
  guint n_distinct = 0;

  pub->statements = (const guint32 *) (gpointer) cell->statements->data;
  pub->n_statements = cell->statements->len;

  for (guint s = 0; s < AM_N_STANCES; s++)
    if (pub->n_by_stance[s] > 0)
      n_distinct++;
  pub->mixed = n_distinct > 1;
}

/* Building */

static void
collect (AmPositions *self)
{
  const AmGraph *graph = self->graph;
  guint n_edges = am_graph_get_n_edges (graph);

  for (guint i = 0; i < n_edges; i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);

      if (!is_position (graph, edge))
        continue;
      add_slot (self->actors, self->actor_slots, edge->source);
      add_slot (self->issues, self->issue_slots, edge->target);
    }

  for (guint i = 0; i < n_edges; i++)
    {
      const AmEdge *edge = am_graph_get_edge (graph, i);
      guint actor_slot, issue_slot;
      gpointer key;
      Cell *cell;

      if (!is_position (graph, edge))
        continue;

      actor_slot = (guint) find_slot (self->actor_slots, edge->source);
      issue_slot = (guint) find_slot (self->issue_slots, edge->target);
      key = cell_key (self, actor_slot, issue_slot);
      cell = g_hash_table_lookup (self->cells, key);
      if (cell == NULL)
        {
          cell = g_new0 (Cell, 1);
          cell->public.actor = edge->source;
          cell->public.issue = edge->target;
          cell->statements = g_array_new (FALSE, FALSE, sizeof (guint32));
          g_hash_table_insert (self->cells, key, cell);
        }

      g_array_append_val (cell->statements, i);
      cell->public.n_by_stance[edge->stance]++;
      /* Later statements win ties: remember the latest one's stance. */
      if (cell->public.n_by_stance[edge->stance] >= cell->public.n_by_stance[cell->public.stance])
        cell->public.stance = (AmStance) edge->stance;
      self->n_statements++;
    }
}


static int
compare_cells_by_issue (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  const AmPositions *self = user_data;
  const Cell *x = *(const Cell * const *) a;
  const Cell *y = *(const Cell * const *) b;

  return find_slot (self->issue_slots, x->public.issue) -
         find_slot (self->issue_slots, y->public.issue);
}

/* Every cell settled, and each actor's cells in column-slot order. */
static void
index_cells (AmPositions *self)
{
  GHashTableIter iter;
  gpointer value;

  self->actor_cells = g_new0 (GPtrArray *, self->actors->len);
  for (guint i = 0; i < self->actors->len; i++)
    self->actor_cells[i] = g_ptr_array_new ();
  self->issue_cells = g_new0 (GPtrArray *, self->issues->len);
  for (guint i = 0; i < self->issues->len; i++)
    self->issue_cells[i] = g_ptr_array_new ();

  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Cell *cell = value;

      cell_settle (cell);
      g_ptr_array_add (self->actor_cells[find_slot (self->actor_slots, cell->public.actor)], cell);
      g_ptr_array_add (self->issue_cells[find_slot (self->issue_slots, cell->public.issue)], cell);
    }

  for (guint i = 0; i < self->actors->len; i++)
    g_ptr_array_sort_with_data (self->actor_cells[i], compare_cells_by_issue, self);
}

/* Agreement */

/* +1 for the same stance, -1 for supports against opposes, else 0. */
static int
relation (AmStance a,
          AmStance b)
{
  if (a == b)
    return 1;
  if ((a == AM_STANCE_SUPPORTS && b == AM_STANCE_OPPOSES) ||
      (a == AM_STANCE_OPPOSES && b == AM_STANCE_SUPPORTS))
    return -1;
  return 0;
}

static void
compare_actors (const AmPositions *self,
                guint              actor_slot,
                guint              other_slot,
                guint             *n_shared,
                guint             *n_agree,
                guint             *n_disagree)
{
  GPtrArray *cells = self->actor_cells[actor_slot];

  *n_shared = *n_agree = *n_disagree = 0;
  for (guint i = 0; i < cells->len; i++)
    {
      const Cell *cell = g_ptr_array_index (cells, i);
      guint issue_slot = (guint) find_slot (self->issue_slots, cell->public.issue);
      const Cell *other = lookup_cell (self, other_slot, issue_slot);
      int r;

      if (other == NULL)
        continue;
      (*n_shared)++;
      r = relation (cell->public.stance, other->public.stance);
      if (r > 0)
        (*n_agree)++;
      else if (r < 0)
        (*n_disagree)++;
    }
}

static double
slot_similarity (const AmPositions *self,
                 guint              a,
                 guint              b)
{
  guint n_shared, n_agree, n_disagree;

  compare_actors (self, a, b, &n_shared, &n_agree, &n_disagree);
  return ((double) n_agree - (double) n_disagree) / (n_shared + 1.0);
}

/* Row orders */

static void
order_by_key (guint      *order,
              guint       n,
              char      **keys)
{
  /* Insertion into a sorted run keeps equal keys in slot order. */
  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = 1; i < n; i++)
    {
      guint slot = order[i];
      guint j = i;

      while (j > 0 && strcmp (keys[order[j - 1]], keys[slot]) > 0)
        {
          order[j] = order[j - 1];
          j--;
        }
      order[j] = slot;
    }
}

static char *
name_key (const AmGraph *graph,
          guint32        node)
{
  const char *label = am_graph_get_node (graph, node)->label;

  return g_utf8_collate_key (label != NULL ? label : "", -1);
}

static void
order_rows_by_name (AmPositions *self)
{
  guint n = self->actors->len;
  char **keys = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    keys[i] = name_key (self->graph, g_array_index (self->actors, guint32, i));
  order_by_key (self->rows, n, keys);
  g_strfreev (keys);
}

/* Groups in the order of their names, actors without one last, each
 * group by name. */
static void
order_rows_by_affiliation (AmPositions *self)
{
  g_autoptr(AmAffiliations) affiliations = am_affiliations_new (self->graph);
  guint n = self->actors->len;
  char **keys = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      guint32 node = g_array_index (self->actors, guint32, i);
      int item = am_affiliations_get_node_item (affiliations, node);
      g_autofree char *group = NULL;
      g_autofree char *name = name_key (self->graph, node);

      /* "\1" sorts before any name, "\2" after every "\1". */
      if (item >= 0)
        {
          g_autofree char *folded = g_utf8_casefold (am_affiliations_get_name (affiliations, (guint) item), -1);

          group = g_utf8_collate_key (folded, -1);
          keys[i] = g_strconcat ("\1", group, "\1", name, NULL);
        }
      else
        {
          keys[i] = g_strconcat ("\2", name, NULL);
        }
    }
  order_by_key (self->rows, n, keys);
  g_strfreev (keys);
}

static void
append_sequence (GArray *to,
                 GArray *from,
                 gboolean reversed)
{
  for (guint i = 0; i < from->len; i++)
    {
      guint slot = g_array_index (from, guint, reversed ? from->len - 1 - i : i);

      g_array_append_val (to, slot);
    }
}

/* Average-linkage clustering: the two most alike groups are joined, end
 * to end the way their nearest members touch, until one is left. */
static void
order_rows_by_similarity (AmPositions *self)
{
  guint n = self->actors->len;
  g_autofree double *sim = NULL;
  g_autofree double *linkage = NULL;
  GArray **groups;
  GArray *result;

  if (n > MAX_CLUSTERED_ACTORS)
    {
      order_rows_by_affiliation (self);
      return;
    }
  if (n == 0)
    return;

  sim = g_new0 (double, (gsize) n * n);
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      sim[i * n + j] = sim[j * n + i] = slot_similarity (self, i, j);
  linkage = g_memdup2 (sim, sizeof (double) * n * n);

  groups = g_new0 (GArray *, n);
  for (guint i = 0; i < n; i++)
    {
      groups[i] = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (groups[i], i);
    }

  for (guint step = 1; step < n; step++)
    {
      guint best_i = 0, best_j = 0;
      double best = -G_MAXDOUBLE;
      GArray *a, *b, *joined;
      guint a0, a1, b0, b1, size_a, size_b;
      double ends[4];
      guint choice = 0;

      for (guint i = 0; i < n; i++)
        {
          if (groups[i] == NULL)
            continue;
          for (guint j = i + 1; j < n; j++)
            if (groups[j] != NULL && linkage[i * n + j] > best)
              {
                best = linkage[i * n + j];
                best_i = i;
                best_j = j;
              }
        }

      a = groups[best_i];
      b = groups[best_j];
      a0 = g_array_index (a, guint, 0);
      a1 = g_array_index (a, guint, a->len - 1);
      b0 = g_array_index (b, guint, 0);
      b1 = g_array_index (b, guint, b->len - 1);
      ends[0] = sim[a1 * n + b0]; /* a b */
      ends[1] = sim[a1 * n + b1]; /* a, b reversed */
      ends[2] = sim[a0 * n + b0]; /* a reversed, b */
      ends[3] = sim[a0 * n + b1]; /* b a */
      for (guint k = 1; k < 4; k++)
        if (ends[k] > ends[choice])
          choice = k;

      joined = g_array_sized_new (FALSE, FALSE, sizeof (guint), a->len + b->len);
      if (choice == 3)
        {
          append_sequence (joined, b, FALSE);
          append_sequence (joined, a, FALSE);
        }
      else
        {
          append_sequence (joined, a, choice == 2);
          append_sequence (joined, b, choice == 1);
        }

      size_a = a->len;
      size_b = b->len;
      for (guint k = 0; k < n; k++)
        {
          double merged;

          if (groups[k] == NULL || k == best_i || k == best_j)
            continue;
          merged = (size_a * linkage[best_i * n + k] + size_b * linkage[best_j * n + k]) /
                   (size_a + size_b);
          linkage[best_i * n + k] = linkage[k * n + best_i] = merged;
        }

      g_array_unref (a);
      g_array_unref (b);
      groups[best_i] = joined;
      groups[best_j] = NULL;
    }

  result = groups[0];
  for (guint i = 0; i < n; i++)
    self->rows[i] = g_array_index (result, guint, i);
  g_array_unref (result);
  g_free (groups);
}

/* Column orders */

typedef struct
{
  guint   slot;
  guint32 node;
  guint   division;     /* see order_columns_by_division() */
  guint   n_actors;
  guint   n_statements;
} IssueScore;

static int
compare_issue_scores (gconstpointer a,
                      gconstpointer b)
{
  const IssueScore *x = a, *y = b;

  if (x->division != y->division)
    return x->division > y->division ? -1 : 1;
  if (x->n_actors != y->n_actors)
    return x->n_actors > y->n_actors ? -1 : 1;
  if (x->n_statements != y->n_statements)
    return x->n_statements > y->n_statements ? -1 : 1;
  return x->node < y->node ? -1 : x->node > y->node;
}

/* How divided an issue is: every pair of actors on it whose stances
 * differ counts, twice when one supports what the other opposes, and an
 * actor of mixed stances counts once. Then the issues with more actors
 * and more statements come first. */
static void
order_columns_by_division (AmPositions *self)
{
  guint n = self->issues->len;
  g_autofree IssueScore *scores = NULL;

  /* qsort() must not be handed the NULL of an empty array. */
  if (n == 0)
    return;

  scores = g_new0 (IssueScore, n);
  for (guint i = 0; i < n; i++)
    {
      GPtrArray *cells = self->issue_cells[i];
      guint by_stance[AM_N_STANCES] = { 0, };

      scores[i].slot = i;
      scores[i].node = g_array_index (self->issues, guint32, i);
      scores[i].n_actors = cells->len;
      for (guint k = 0; k < cells->len; k++)
        {
          const Cell *cell = g_ptr_array_index (cells, k);

          by_stance[cell->public.stance]++;
          scores[i].n_statements += cell->public.n_statements;
          scores[i].division += cell->public.mixed;
        }
      for (guint s = AM_STANCE_SUPPORTS; s < AM_N_STANCES; s++)
        for (guint t = s + 1; t < AM_N_STANCES; t++)
          scores[i].division += by_stance[s] * by_stance[t] *
                                (relation (s, t) < 0 ? 2 : 1);
    }

  qsort (scores, n, sizeof (IssueScore), compare_issue_scores);
  for (guint i = 0; i < n; i++)
    self->columns[i] = scores[i].slot;
}

static void
order_columns_by_name (AmPositions *self)
{
  guint n = self->issues->len;
  char **keys = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    keys[i] = name_key (self->graph, g_array_index (self->issues, guint32, i));
  order_by_key (self->columns, n, keys);
  g_strfreev (keys);
}

static void
update_rows (AmPositions *self)
{
  switch (self->order)
    {
    case AM_POSITIONS_ORDER_SIMILARITY:
      order_rows_by_similarity (self);
      break;
    case AM_POSITIONS_ORDER_AFFILIATION:
      order_rows_by_affiliation (self);
      break;
    case AM_POSITIONS_ORDER_NAME:
    default:
      order_rows_by_name (self);
      break;
    }

  for (guint i = 0; i < self->actors->len; i++)
    self->row_of_slot[self->rows[i]] = i;
}

static void
update_columns (AmPositions *self)
{
  if (self->issue_order == AM_POSITIONS_ISSUE_ORDER_NAME)
    order_columns_by_name (self);
  else
    order_columns_by_division (self);

  for (guint i = 0; i < self->issues->len; i++)
    self->column_of_slot[self->columns[i]] = i;
}

/* Public API */

AmPositions *
am_positions_new (const AmGraph *graph)
{
  AmPositions *self;

  g_return_val_if_fail (graph != NULL, NULL);

  self = g_new0 (AmPositions, 1);
  self->graph = graph;
  self->actors = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->issues = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->actor_slots = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->issue_slots = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->cells = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, cell_free);

  collect (self);
  index_cells (self);

  self->rows = g_new0 (guint, self->actors->len + 1);
  self->row_of_slot = g_new0 (guint, self->actors->len + 1);
  self->columns = g_new0 (guint, self->issues->len + 1);
  self->column_of_slot = g_new0 (guint, self->issues->len + 1);
  self->order = AM_POSITIONS_ORDER_SIMILARITY;
  self->issue_order = AM_POSITIONS_ISSUE_ORDER_DIVIDED;
  update_rows (self);
  update_columns (self);

  return self;
}

void
am_positions_free (AmPositions *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->actors->len; i++)
    g_ptr_array_unref (self->actor_cells[i]);
  for (guint i = 0; i < self->issues->len; i++)
    g_ptr_array_unref (self->issue_cells[i]);
  g_free (self->actor_cells);
  g_free (self->issue_cells);
  g_hash_table_unref (self->cells);
  g_hash_table_unref (self->actor_slots);
  g_hash_table_unref (self->issue_slots);
  g_array_unref (self->actors);
  g_array_unref (self->issues);
  g_free (self->rows);
  g_free (self->row_of_slot);
  g_free (self->columns);
  g_free (self->column_of_slot);
  g_free (self);
}

const AmGraph *
am_positions_get_graph (const AmPositions *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->graph;
}

guint
am_positions_get_n_rows (const AmPositions *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->actors->len;
}

guint
am_positions_get_n_columns (const AmPositions *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->issues->len;
}

guint
am_positions_get_n_statements (const AmPositions *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_statements;
}

guint32
am_positions_get_actor (const AmPositions *self,
                        guint              row)
{
  g_return_val_if_fail (self != NULL, AM_NO_INDEX);
  g_return_val_if_fail (row < self->actors->len, AM_NO_INDEX);

  return g_array_index (self->actors, guint32, self->rows[row]);
}

guint32
am_positions_get_issue (const AmPositions *self,
                        guint              column)
{
  g_return_val_if_fail (self != NULL, AM_NO_INDEX);
  g_return_val_if_fail (column < self->issues->len, AM_NO_INDEX);

  return g_array_index (self->issues, guint32, self->columns[column]);
}

int
am_positions_find_row (const AmPositions *self,
                       guint32            actor)
{
  int slot;

  g_return_val_if_fail (self != NULL, -1);

  slot = find_slot (self->actor_slots, actor);
  return slot >= 0 ? (int) self->row_of_slot[slot] : -1;
}

int
am_positions_find_column (const AmPositions *self,
                          guint32            issue)
{
  int slot;

  g_return_val_if_fail (self != NULL, -1);

  slot = find_slot (self->issue_slots, issue);
  return slot >= 0 ? (int) self->column_of_slot[slot] : -1;
}

const AmPositionsCell *
am_positions_get_cell (const AmPositions *self,
                       guint              row,
                       guint              column)
{
  const Cell *cell;

  g_return_val_if_fail (self != NULL, NULL);

  if (row >= self->actors->len || column >= self->issues->len)
    return NULL;

  cell = lookup_cell (self, self->rows[row], self->columns[column]);
  return cell != NULL ? &cell->public : NULL;
}

AmPositionsOrder
am_positions_get_order (const AmPositions *self)
{
  g_return_val_if_fail (self != NULL, AM_POSITIONS_ORDER_SIMILARITY);
  return self->order;
}

void
am_positions_set_order (AmPositions      *self,
                        AmPositionsOrder  order)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (order <= AM_POSITIONS_ORDER_NAME);

  if (self->order == order)
    return;
  self->order = order;
  update_rows (self);
}

AmPositionsIssueOrder
am_positions_get_issue_order (const AmPositions *self)
{
  g_return_val_if_fail (self != NULL, AM_POSITIONS_ISSUE_ORDER_DIVIDED);
  return self->issue_order;
}

void
am_positions_set_issue_order (AmPositions           *self,
                              AmPositionsIssueOrder  order)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (order <= AM_POSITIONS_ISSUE_ORDER_NAME);

  if (self->issue_order == order)
    return;
  self->issue_order = order;
  update_columns (self);
}

double
am_positions_get_similarity (const AmPositions *self,
                             guint32            actor,
                             guint32            other)
{
  int a, b;

  g_return_val_if_fail (self != NULL, 0);

  a = find_slot (self->actor_slots, actor);
  b = find_slot (self->actor_slots, other);
  if (a < 0 || b < 0)
    return 0;

  return slot_similarity (self, (guint) a, (guint) b);
}

static int
compare_agreements (gconstpointer a,
                    gconstpointer b)
{
  const AmPositionsAgreement *x = a, *y = b;

  if (x->n_agree != y->n_agree)
    return x->n_agree > y->n_agree ? -1 : 1;
  if (x->n_disagree != y->n_disagree)
    return x->n_disagree < y->n_disagree ? -1 : 1;
  return x->actor < y->actor ? -1 : x->actor > y->actor;
}

AmPositionsAgreement *
am_positions_get_agreement (const AmPositions *self,
                            guint32            actor,
                            guint             *n_agreements)
{
  g_autoptr(GHashTable) others = NULL;
  GArray *result;
  GHashTableIter iter;
  gpointer value;
  int slot;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_agreements != NULL, NULL);

  *n_agreements = 0;
  slot = find_slot (self->actor_slots, actor);
  if (slot < 0)
    return NULL;

  /* Only those who share an issue are compared: on a large map that is
   * a small part of everybody. */
  others = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < self->actor_cells[slot]->len; i++)
    {
      const Cell *cell = g_ptr_array_index (self->actor_cells[slot], i);
      GPtrArray *on_issue = self->issue_cells[find_slot (self->issue_slots, cell->public.issue)];

      for (guint k = 0; k < on_issue->len; k++)
        {
          const Cell *other = g_ptr_array_index (on_issue, k);

          if (other->public.actor != actor)
            g_hash_table_add (others, GUINT_TO_POINTER (other->public.actor + 1));
        }
    }

  if (g_hash_table_size (others) == 0)
    return NULL;

  result = g_array_sized_new (FALSE, FALSE, sizeof (AmPositionsAgreement),
                              g_hash_table_size (others));
  g_hash_table_iter_init (&iter, others);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    {
      AmPositionsAgreement agreement = { GPOINTER_TO_UINT (value) - 1, 0, 0, 0 };

      compare_actors (self, (guint) slot, (guint) find_slot (self->actor_slots, agreement.actor),
                      &agreement.n_shared, &agreement.n_agree, &agreement.n_disagree);
      g_array_append_val (result, agreement);
    }
  g_array_sort (result, compare_agreements);

  *n_agreements = result->len;
  return (AmPositionsAgreement *) (gpointer) g_array_free (result, FALSE);
}

static const char *
node_label (const AmGraph *graph,
            guint32        node)
{
  const char *label = am_graph_get_node (graph, node)->label;

  return label != NULL ? label : "";
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* Everyone who agrees and disagrees with the actor exactly as @best does,
 * by name: a tie has no first, whatever order the file lists them in. */
static GPtrArray *
tied_names (const AmPositions          *self,
            const AmPositionsAgreement *agreements,
            guint                       n,
            const AmPositionsAgreement *best)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    if (agreements[i].n_agree == best->n_agree && agreements[i].n_disagree == best->n_disagree)
      g_ptr_array_add (names, (gpointer) node_label (self->graph, agreements[i].actor));
  g_ptr_array_sort (names, compare_names);

  return names;
}

/* "Agrees most with Bob, on 2 of 3 shared issues."; when several tie,
 * "… with Bob and Carol, on 2 issues each." or, past three, "… with
 * Bob, Carol and 4 others, on 2 issues each." */
static void
append_most (GString                    *text,
             const AmPositions          *self,
             const AmPositionsAgreement *agreements,
             guint                       n,
             const AmPositionsAgreement *best,
             gboolean                    agree)
{
  g_autoptr(GPtrArray) names = tied_names (self, agreements, n, best);
  guint count = agree ? best->n_agree : best->n_disagree;
  const char *first = g_ptr_array_index (names, 0);

  if (text->len > 0)
    g_string_append_c (text, ' ');

  if (names->len == 1)
    {
      g_string_append_printf (text,
                              agree ?
                              /* Translators: "Agrees most with Kaja Kallas, on 2 of 3 shared issues." */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Agrees most with %s, on %u of %u shared issue.",
                                           "Agrees most with %s, on %u of %u shared issues.",
                                           best->n_shared) :
                              /* Translators: "Disagrees most with Sergei Lavrov, on 2 of 3 shared issues." */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Disagrees most with %s, on %u of %u shared issue.",
                                           "Disagrees most with %s, on %u of %u shared issues.",
                                           best->n_shared),
                              first, count, best->n_shared);
    }
  else if (names->len == 2)
    {
      const char *second = g_ptr_array_index (names, 1);

      g_string_append_printf (text,
                              agree ?
                              /* Translators: two people tie: "Agrees most with Kaja Kallas and
                               * Emmanuel Macron, on 2 issues each." */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Agrees most with %s and %s, on %u issue each.",
                                           "Agrees most with %s and %s, on %u issues each.",
                                           count) :
                              /* Translators: two people tie: "Disagrees most with Sergei Lavrov
                               * and Dmitry Peskov, on 2 issues each." */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Disagrees most with %s and %s, on %u issue each.",
                                           "Disagrees most with %s and %s, on %u issues each.",
                                           count),
                              first, second, count);
    }
  else
    {
      const char *second = g_ptr_array_index (names, 1);
      g_autofree char *rest = NULL;

      if (names->len == 3)
        rest = g_strdup (g_ptr_array_index (names, 2));
      else
        /* Translators: the end of "Agrees most with Kaja Kallas, Emmanuel
         * Macron and 4 others, on 2 issues each." */
        rest = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u other", "%u others",
                                             names->len - 2),
                                names->len - 2);

      g_string_append_printf (text,
                              agree ?
                              /* Translators: three or more tie; the last %s is a third name
                               * or "4 others": "Agrees most with Kaja Kallas, Emmanuel Macron
                               * and 4 others, on 2 issues each." */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Agrees most with %s, %s and %s, on %u issue each.",
                                           "Agrees most with %s, %s and %s, on %u issues each.",
                                           count) :
                              /* Translators: three or more tie; the last %s is a third name
                               * or "4 others": "Disagrees most with Sergei Lavrov, Dmitry
                               * Peskov and 4 others, on 2 issues each." */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Disagrees most with %s, %s and %s, on %u issue each.",
                                           "Disagrees most with %s, %s and %s, on %u issues each.",
                                           count),
                              first, second, rest, count);
    }
}

char *
am_positions_describe_agreement (const AmPositions *self,
                                 guint32            actor)
{
  g_autofree AmPositionsAgreement *agreements = NULL;
  const AmPositionsAgreement *agree = NULL, *disagree = NULL;
  GString *text;
  guint n = 0;

  g_return_val_if_fail (self != NULL, NULL);

  agreements = am_positions_get_agreement (self, actor, &n);
  if (n == 0)
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      const AmPositionsAgreement *a = &agreements[i];

      if (a->n_agree > 0 && agree == NULL)
        agree = a;
      if (a->n_disagree > 0 &&
          (disagree == NULL || a->n_disagree > disagree->n_disagree ||
           (a->n_disagree == disagree->n_disagree && a->n_agree < disagree->n_agree)))
        disagree = a;
    }

  text = g_string_new (NULL);
  if (agree != NULL)
    append_most (text, self, agreements, n, agree, TRUE);
  if (disagree != NULL)
    append_most (text, self, agreements, n, disagree, FALSE);
  if (text->len == 0)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Shares issues with %u other, without taking the same or the opposite side.",
                                         "Shares issues with %u others, without taking the same or the opposite side.",
                                         n),
                            n);

  return g_string_free (text, FALSE);
}

char *
am_positions_describe_cell (const AmPositions *self,
                            guint              row,
                            guint              column)
{
  const AmPositionsCell *cell;
  const char *actor, *issue;
  g_autofree char *stance = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row < am_positions_get_n_rows (self), NULL);
  g_return_val_if_fail (column < am_positions_get_n_columns (self), NULL);

  actor = node_label (self->graph, am_positions_get_actor (self, row));
  issue = node_label (self->graph, am_positions_get_issue (self, column));
  cell = am_positions_get_cell (self, row, column);
  if (cell == NULL)
    /* Translators: an empty cell of the positions table, "Kaja Kallas on Aid: no position". */
    return g_strdup_printf (_("%1$s on %2$s: no position"), actor, issue);

  stance = g_utf8_strdown (am_stance_get_title (cell->stance), -1);
  if (cell->mixed)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: actor, issue, the most frequent stance
                                          * in lower case, and how many statements. */
                                         "%1$s on %2$s: mixed, mostly %3$s, %4$u statement",
                                         "%1$s on %2$s: mixed, mostly %3$s, %4$u statements",
                                         cell->n_statements),
                            actor, issue, stance, cell->n_statements);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: actor, issue, the stance in lower case
                                        * and how many statements: "Kaja Kallas on Russia’s
                                        * return to the G8: opposes, 1 statement". */
                                       "%1$s on %2$s: %3$s, %4$u statement",
                                       "%1$s on %2$s: %3$s, %4$u statements",
                                       cell->n_statements),
                          actor, issue, stance, cell->n_statements);
}

char *
am_positions_describe_statements (const AmPositions *self,
                                  guint              row,
                                  guint              column)
{
  const AmPositionsCell *cell;
  g_autofree char *name = NULL;
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);

  cell = am_positions_get_cell (self, row, column);
  if (cell == NULL)
    return NULL;

  text = g_string_new (NULL);
  g_string_append (text, name = am_positions_describe_cell (self, row, column));
  for (guint i = 0; i < cell->n_statements; i++)
    {
      g_autofree char *statement = am_statement_describe (self->graph, cell->statements[i]);

      g_string_append_c (text, '\n');
      g_string_append (text, statement);
    }

  return g_string_free (text, FALSE);
}

/* Statements */

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

const char *
am_statement_get_text (const AmGraph       *graph,
                       guint                edge,
                       AmStatementTextKind *kind)
{
  const char *text;
  AmStatementTextKind found = AM_STATEMENT_TEXT_NONE;

  g_return_val_if_fail (graph != NULL, NULL);

  if ((text = nonempty (am_graph_get_edge_value (graph, graph->profile.edge_quote, edge))) != NULL)
    found = AM_STATEMENT_TEXT_QUOTE;
  else if ((text = nonempty (am_graph_get_edge_value (graph, graph->profile.edge_summary, edge))) != NULL)
    found = AM_STATEMENT_TEXT_SUMMARY;
  else if ((text = nonempty (am_graph_get_edge_label (graph, edge))) != NULL)
    found = AM_STATEMENT_TEXT_LABEL;

  if (kind != NULL)
    *kind = found;
  return text;
}

const char *
am_statement_text_kind_to_string (AmStatementTextKind kind)
{
  switch (kind)
    {
    case AM_STATEMENT_TEXT_QUOTE:
      return "quote";
    case AM_STATEMENT_TEXT_SUMMARY:
      return "summary";
    case AM_STATEMENT_TEXT_LABEL:
      return "label";
    case AM_STATEMENT_TEXT_NONE:
    default:
      return "";
    }
}

const char *
am_statement_get_certainty (const AmGraph *graph,
                            guint          edge)
{
  const char *value;

  g_return_val_if_fail (graph != NULL, NULL);

  value = nonempty (am_graph_get_edge_value (graph, am_graph_find_key (graph, AM_DOMAIN_EDGE, "certainty"),
                                             edge));
  if (value == NULL || g_ascii_strcasecmp (value, "stated") == 0)
    return NULL;
  return value;
}

/* The words as people should read them: a quote in quotation marks, a
 * summary marked as reported. */
static char *
statement_words (const AmGraph *graph,
                 guint          edge)
{
  AmStatementTextKind kind;
  const char *text = am_statement_get_text (graph, edge, &kind);

  switch (kind)
    {
    case AM_STATEMENT_TEXT_QUOTE:
      /* Translators: an exact quote in typographic quotation marks. */
      return g_strdup_printf (_("“%s”"), text);
    case AM_STATEMENT_TEXT_SUMMARY:
      /* Translators: what somebody said, in our words. */
      return g_strdup_printf (_("Reported: %s"), text);
    case AM_STATEMENT_TEXT_LABEL:
      return g_strdup (text);
    case AM_STATEMENT_TEXT_NONE:
    default:
      return g_strdup (_("No words recorded"));
    }
}

char *
am_statement_describe (const AmGraph *graph,
                       guint          edge)
{
  const AmEdge *e;
  const char *paragraph, *when, *certainty, *stance;
  GString *text;
  char *words;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (edge < am_graph_get_n_edges (graph), NULL);

  e = am_graph_get_edge (graph, edge);
  words = statement_words (graph, edge);
  text = g_string_new (words);
  g_free (words);

  stance = am_stance_get_title (e->stance);
  if (stance != NULL)
    g_string_append_printf (text, " · %s", stance);
  certainty = am_statement_get_certainty (graph, edge);
  if (certainty != NULL)
    g_string_append_printf (text, " · %s", certainty);
  paragraph = nonempty (am_graph_get_edge_value (graph, graph->profile.edge_paragraph, edge));
  if (paragraph != NULL)
    {
      g_string_append (text, " · ");
      /* Translators: the paragraph of the source text a statement is from. */
      g_string_append_printf (text, _("Paragraph %s"), paragraph);
    }
  when = nonempty (am_graph_get_edge_value (graph, graph->profile.edge_when, edge));
  if (when != NULL)
    g_string_append_printf (text, " · %s", when);

  return g_string_free (text, FALSE);
}

char *
am_statement_format_attribution (const AmGraph *graph,
                                 guint          edge)
{
  const AmEdge *e;
  AmStatementTextKind kind;
  const char *text, *paragraph, *source, *certainty;
  GString *out;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (edge < am_graph_get_n_edges (graph), NULL);

  e = am_graph_get_edge (graph, edge);
  text = am_statement_get_text (graph, edge, &kind);
  out = g_string_new (NULL);

  if (kind == AM_STATEMENT_TEXT_QUOTE)
    g_string_append_printf (out, _("“%s”"), text);
  else if (text != NULL)
    g_string_append (out, text);

  g_string_append (out, " — ");
  g_string_append (out, node_label (graph, e->source));
  certainty = am_statement_get_certainty (graph, edge);
  if (kind != AM_STATEMENT_TEXT_QUOTE || certainty != NULL)
    /* Translators: after a speaker's name, for words that are not their
     * own (a summary), or a statement only reported or inferred. */
    g_string_append_printf (out, _(" (%s)"), certainty != NULL ? certainty : _("reported"));

  paragraph = nonempty (am_graph_get_edge_value (graph, graph->profile.edge_paragraph, edge));
  if (paragraph != NULL)
    {
      g_string_append (out, ", ");
      /* Translators: where in the source text a statement is, after its speaker. */
      g_string_append_printf (out, _("paragraph %s"), paragraph);
    }
  source = nonempty (am_graph_get_value (graph, graph->profile.graph_source, 0));
  if (source != NULL)
    g_string_append_printf (out, ", %s", source);

  return g_string_free (out, FALSE);
}

/* test-move-history.c: undo and redo of moves, and unsaved changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "am-move-history.h"

static void
test_single_moves (void)
{
  g_autoptr(AmMoveHistory) history = am_move_history_new ();
  const AmMove *moves;
  guint n;

  g_assert_false (am_move_history_can_undo (history));
  g_assert_false (am_move_history_is_modified (history));
  g_assert_null (am_move_history_undo (history, &n));
  g_assert_cmpuint (n, ==, 0);

  am_move_history_record (history, 3, 0, 0, 10, 20);
  am_move_history_record (history, 4, 1, 1, 2, 2);
  g_assert_true (am_move_history_is_modified (history));

  moves = am_move_history_undo (history, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (moves[0].node, ==, 4);
  g_assert_cmpfloat (moves[0].from_x, ==, 1);

  moves = am_move_history_undo (history, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (moves[0].node, ==, 3);
  g_assert_cmpfloat (moves[0].from_y, ==, 0);
  g_assert_false (am_move_history_can_undo (history));
  g_assert_false (am_move_history_is_modified (history));

  moves = am_move_history_redo (history, &n);
  g_assert_cmpuint (moves[0].node, ==, 3);
  g_assert_cmpfloat (moves[0].to_y, ==, 20);
  g_assert_true (am_move_history_can_redo (history));
  g_assert_true (am_move_history_is_modified (history));

  /* A new move drops what could have been redone. */
  am_move_history_record (history, 5, 0, 0, 1, 1);
  g_assert_false (am_move_history_can_redo (history));
  g_assert_null (am_move_history_redo (history, &n));
  moves = am_move_history_undo (history, &n);
  g_assert_cmpuint (moves[0].node, ==, 5);
  moves = am_move_history_undo (history, &n);
  g_assert_cmpuint (moves[0].node, ==, 3);
  g_assert_false (am_move_history_can_undo (history));
}

/* A drag's motions are one step; each node keeps its first "from". */
static void
test_drag_is_one_step (void)
{
  g_autoptr(AmMoveHistory) history = am_move_history_new ();
  const AmMove *moves;
  guint n;

  am_move_history_begin_step (history);
  am_move_history_record (history, 7, 0, 0, 1, 1);
  am_move_history_record (history, 7, 1, 1, 2, 3);
  am_move_history_record (history, 7, 2, 3, 5, 8);
  am_move_history_end_step (history);

  moves = am_move_history_undo (history, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (moves[0].from_x, ==, 0);
  g_assert_cmpfloat (moves[0].from_y, ==, 0);
  g_assert_cmpfloat (moves[0].to_x, ==, 5);
  g_assert_cmpfloat (moves[0].to_y, ==, 8);
  g_assert_false (am_move_history_can_undo (history));

  /* A new layout moves every node at once. */
  am_move_history_begin_step (history);
  for (guint i = 0; i < 100; i++)
    am_move_history_record (history, i, i, i, -1.0 * i, 2.0 * i);
  am_move_history_end_step (history);
  moves = am_move_history_undo (history, &n);
  g_assert_cmpuint (n, ==, 99);   /* node 0 did not move */
  g_assert_cmpuint (moves[98].node, ==, 99);
  moves = am_move_history_redo (history, &n);
  g_assert_cmpuint (n, ==, 99);
  g_assert_cmpfloat (moves[0].to_x, ==, -1);

  /* Outside a step, each move stands alone again. */
  am_move_history_record (history, 1, 0, 0, 1, 1);
  am_move_history_record (history, 1, 1, 1, 2, 2);
  am_move_history_undo (history, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (am_move_history_can_undo (history));
  am_move_history_undo (history, &n);
  am_move_history_undo (history, &n);
  g_assert_cmpuint (n, ==, 99);
}

/* Saved, then undone past the save and moved on: the save is gone. */
static void
test_saved_state (void)
{
  g_autoptr(AmMoveHistory) history = am_move_history_new ();
  guint n;

  am_move_history_record (history, 1, 0, 0, 1, 1);
  am_move_history_record (history, 2, 0, 0, 1, 1);
  am_move_history_mark_saved (history);
  g_assert_false (am_move_history_is_modified (history));

  am_move_history_undo (history, &n);
  g_assert_true (am_move_history_is_modified (history));
  am_move_history_redo (history, &n);
  g_assert_false (am_move_history_is_modified (history));

  am_move_history_undo (history, &n);
  am_move_history_record (history, 3, 0, 0, 1, 1);
  g_assert_true (am_move_history_is_modified (history));
  am_move_history_undo (history, &n);
  am_move_history_redo (history, &n);
  g_assert_true (am_move_history_is_modified (history));
  am_move_history_undo (history, &n);
  am_move_history_undo (history, &n);
  g_assert_true (am_move_history_is_modified (history));

  /* No move at all is no step. */
  am_move_history_mark_saved (history);
  am_move_history_record (history, 4, 2, 2, 2, 2);
  g_assert_false (am_move_history_is_modified (history));
  g_assert_false (am_move_history_can_redo (history) && am_move_history_can_undo (history));
}

/* A save that takes a while marks the state it began with. */
static void
test_saved_at_mark (void)
{
  g_autoptr(AmMoveHistory) history = am_move_history_new ();
  AmMoveHistoryMark mark;
  guint n;

  am_move_history_record (history, 1, 0, 0, 1, 1);
  am_move_history_get_mark (history, &mark);
  am_move_history_record (history, 2, 0, 0, 1, 1);   /* while saving */
  am_move_history_mark_saved_at (history, &mark);
  g_assert_true (am_move_history_is_modified (history));
  am_move_history_undo (history, &n);
  g_assert_false (am_move_history_is_modified (history));

  /* Undone while saving: redo brings the saved state back. */
  am_move_history_redo (history, &n);
  am_move_history_get_mark (history, &mark);
  am_move_history_undo (history, &n);
  am_move_history_mark_saved_at (history, &mark);
  g_assert_true (am_move_history_is_modified (history));
  am_move_history_redo (history, &n);
  g_assert_false (am_move_history_is_modified (history));

  /* Undone and replaced by another step of the same rank: never saved. */
  am_move_history_get_mark (history, &mark);
  am_move_history_undo (history, &n);
  am_move_history_record (history, 3, 0, 0, 5, 5);
  am_move_history_mark_saved_at (history, &mark);
  g_assert_true (am_move_history_is_modified (history));
  am_move_history_undo (history, &n);
  g_assert_true (am_move_history_is_modified (history));

  /* The drag the save began in went on: its end is not on disk. */
  am_move_history_begin_step (history);
  am_move_history_record (history, 4, 0, 0, 1, 1);
  am_move_history_get_mark (history, &mark);
  am_move_history_record (history, 4, 1, 1, 2, 2);
  am_move_history_end_step (history);
  am_move_history_mark_saved_at (history, &mark);
  g_assert_true (am_move_history_is_modified (history));

  /* Nothing done at all is the state of the empty history. */
  am_move_history_undo (history, &n);
  am_move_history_undo (history, &n);
  am_move_history_get_mark (history, &mark);
  g_assert_cmpuint (mark.n_done, ==, 0);
  am_move_history_mark_saved_at (history, &mark);
  g_assert_false (am_move_history_is_modified (history));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/move-history/single-moves", test_single_moves);
  g_test_add_func ("/move-history/drag-is-one-step", test_drag_is_one_step);
  g_test_add_func ("/move-history/saved-state", test_saved_state);
  g_test_add_func ("/move-history/saved-at-mark", test_saved_at_mark);

  return g_test_run ();
}

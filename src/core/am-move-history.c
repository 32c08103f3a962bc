/* am-move-history.c: the moves a user made, to undo and redo
 *
 * The moves are kept in one array; a step is a range of it. Undoing
 * moves the "done" mark back one step, redoing forward, and recording a
 * new move first cuts off the steps after the mark. The saved mark counts
 * steps too, so undoing back to a save is seen as no change, and a save
 * whose step was cut off can never be reached again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "am-move-history.h"

/* The saved state is gone from the history. */
#define SAVED_UNREACHABLE G_MAXUINT

struct _AmMoveHistory
{
  GArray  *moves;      /* AmMove */
  GArray  *steps;      /* guint: index in moves where each step begins */
  GArray  *serials;    /* guint64 per step, renewed whenever the step changes */
  guint64  next_serial;
  guint    n_done;     /* steps in effect; the rest can be redone */
  guint    saved;      /* n_done when last saved, or SAVED_UNREACHABLE */
  gboolean in_step;    /* between begin_step and end_step */
  gboolean step_open;  /* in_step, and the step has its first move */
};

AmMoveHistory *
am_move_history_new (void)
{
  AmMoveHistory *self = g_new0 (AmMoveHistory, 1);

  self->moves = g_array_new (FALSE, FALSE, sizeof (AmMove));
  self->steps = g_array_new (FALSE, FALSE, sizeof (guint));
  self->serials = g_array_new (FALSE, FALSE, sizeof (guint64));
  return self;
}

void
am_move_history_free (AmMoveHistory *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->moves);
  g_array_unref (self->steps);
  g_array_unref (self->serials);
  g_free (self);
}

static guint
step_start (const AmMoveHistory *self,
            guint                step)
{
  return g_array_index (self->steps, guint, step);
}

static guint
step_end (const AmMoveHistory *self,
          guint                step)
{
  return step + 1 < self->steps->len ? step_start (self, step + 1) : self->moves->len;
}

/* Whatever could be redone is lost once something new is done. */
static void
drop_redo (AmMoveHistory *self)
{
  if (self->n_done == self->steps->len)
    return;

  g_array_set_size (self->moves, step_start (self, self->n_done));
  g_array_set_size (self->steps, self->n_done);
  g_array_set_size (self->serials, self->n_done);
  if (self->saved != SAVED_UNREACHABLE && self->saved > self->n_done)
    self->saved = SAVED_UNREACHABLE;
}

/* The last step is another one now: a mark taken before no longer
 * stands for it. */
static void
renew_last_serial (AmMoveHistory *self)
{
  g_array_index (self->serials, guint64, self->n_done - 1) = ++self->next_serial;
}

void
am_move_history_begin_step (AmMoveHistory *self)
{
  g_return_if_fail (self != NULL);

  self->in_step = TRUE;
  self->step_open = FALSE;
}

void
am_move_history_end_step (AmMoveHistory *self)
{
  g_return_if_fail (self != NULL);

  self->in_step = FALSE;
  self->step_open = FALSE;
}

void
am_move_history_record (AmMoveHistory *self,
                        guint          node,
                        double         from_x,
                        double         from_y,
                        double         to_x,
                        double         to_y)
{
  AmMove move = { node, from_x, from_y, to_x, to_y };

  g_return_if_fail (self != NULL);

  if (from_x == to_x && from_y == to_y)
    return;

  if (!self->step_open)
    {
      guint start;

      drop_redo (self);
      start = self->moves->len;
      g_array_append_val (self->steps, start);
      g_array_set_size (self->serials, self->steps->len);
      self->n_done = self->steps->len;
      self->step_open = self->in_step;
    }
  else
    {
      /* A drag reports every motion: a node keeps where it came from in
       * this step, and takes where it went last. */
      for (guint i = step_start (self, self->n_done - 1); i < self->moves->len; i++)
        {
          AmMove *earlier = &g_array_index (self->moves, AmMove, i);

          if (earlier->node == node)
            {
              earlier->to_x = to_x;
              earlier->to_y = to_y;
              renew_last_serial (self);
              return;
            }
        }
    }

  g_array_append_val (self->moves, move);
  renew_last_serial (self);
}

gboolean
am_move_history_can_undo (const AmMoveHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->n_done > 0;
}

gboolean
am_move_history_can_redo (const AmMoveHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->n_done < self->steps->len;
}

const AmMove *
am_move_history_undo (AmMoveHistory *self,
                      guint         *n_moves)
{
  guint start;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_moves != NULL, NULL);

  *n_moves = 0;
  if (self->n_done == 0)
    return NULL;

  self->in_step = self->step_open = FALSE;
  self->n_done--;
  start = step_start (self, self->n_done);
  *n_moves = step_end (self, self->n_done) - start;
  return &g_array_index (self->moves, AmMove, start);
}

const AmMove *
am_move_history_redo (AmMoveHistory *self,
                      guint         *n_moves)
{
  guint start;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_moves != NULL, NULL);

  *n_moves = 0;
  if (self->n_done == self->steps->len)
    return NULL;

  self->in_step = self->step_open = FALSE;
  start = step_start (self, self->n_done);
  *n_moves = step_end (self, self->n_done) - start;
  self->n_done++;
  return &g_array_index (self->moves, AmMove, start);
}

void
am_move_history_mark_saved (AmMoveHistory *self)
{
  g_return_if_fail (self != NULL);
  self->saved = self->n_done;
}

gboolean
am_move_history_is_modified (const AmMoveHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->saved != self->n_done;
}

void
am_move_history_get_mark (const AmMoveHistory *self,
                          AmMoveHistoryMark   *mark)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (mark != NULL);

  mark->n_done = self->n_done;
  mark->serial = self->n_done > 0 ? g_array_index (self->serials, guint64, self->n_done - 1) : 0;
}

void
am_move_history_mark_saved_at (AmMoveHistory           *self,
                               const AmMoveHistoryMark *mark)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (mark != NULL);

  if (mark->n_done > self->steps->len)
    self->saved = SAVED_UNREACHABLE;
  else if (mark->n_done > 0 && g_array_index (self->serials, guint64, mark->n_done - 1) != mark->serial)
    self->saved = SAVED_UNREACHABLE;
  else
    self->saved = mark->n_done;
}

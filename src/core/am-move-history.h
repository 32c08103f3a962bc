/* am-move-history.h: the moves a user made, to undo and redo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint  node;
  double from_x, from_y;
  double to_x, to_y;
} AmMove;

typedef struct _AmMoveHistory AmMoveHistory;

AmMoveHistory *am_move_history_new          (void);
void           am_move_history_free         (AmMoveHistory *self);

/* A step is what one undo takes back: a drag (however many motions it
 * had) or a whole new layout. Moves recorded outside a step are a step
 * each. Recording drops whatever could be redone. */
void           am_move_history_begin_step   (AmMoveHistory *self);
void           am_move_history_end_step     (AmMoveHistory *self);
void           am_move_history_record       (AmMoveHistory *self,
                                             guint          node,
                                             double         from_x,
                                             double         from_y,
                                             double         to_x,
                                             double         to_y);

gboolean       am_move_history_can_undo     (const AmMoveHistory *self);
gboolean       am_move_history_can_redo     (const AmMoveHistory *self);
/* The moves of the step to take back, or NULL: put each node back at
 * (from_x, from_y), the last first. */
const AmMove  *am_move_history_undo         (AmMoveHistory *self,
                                             guint         *n_moves);
/* The moves of the step to make again, or NULL: put each node at
 * (to_x, to_y), the first first. */
const AmMove  *am_move_history_redo         (AmMoveHistory *self,
                                             guint         *n_moves);

/* Where the file on disk stands, to tell whether the map has changes
 * that are not saved: undoing back to it is no change. */
void           am_move_history_mark_saved   (AmMoveHistory *self);
gboolean       am_move_history_is_modified  (const AmMoveHistory *self);

/* Where the history stands, for a save that ends later than it began:
 * the state taken when the save began is the one on disk, and moves
 * made meanwhile stay unsaved. */
typedef struct
{
  guint   n_done;
  guint64 serial;   /* of the last step done, 0 for none */
} AmMoveHistoryMark;

void           am_move_history_get_mark       (const AmMoveHistory     *self,
                                               AmMoveHistoryMark       *mark);
/* Marks as saved the state @mark was taken at; when the history has
 * since left it for good (undone and replaced, or the step it ended on
 * grew), no state is the saved one. */
void           am_move_history_mark_saved_at  (AmMoveHistory           *self,
                                               const AmMoveHistoryMark *mark);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmMoveHistory, am_move_history_free)

G_END_DECLS

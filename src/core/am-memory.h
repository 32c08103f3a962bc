/* am-memory.h: big, long-lived allocations for the graph model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An append-only store of NUL-terminated strings, freed all at once. */
typedef struct _AmStringArena AmStringArena;

AmStringArena *am_string_arena_new        (void);
void           am_string_arena_free       (AmStringArena *arena);
const char    *am_string_arena_add        (AmStringArena *arena,
                                           const char    *text,
                                           gsize          length);
/* A string written in pieces where it is kept: begin, append, then end
 * (which returns it) or abandon. Nothing else is added meanwhile. */
void           am_string_arena_begin      (AmStringArena *arena);
void           am_string_arena_append     (AmStringArena *arena,
                                           const char    *text,
                                           gsize          length);
const char    *am_string_arena_end        (AmStringArena *arena,
                                           gsize         *length);
void           am_string_arena_abandon    (AmStringArena *arena);
void           am_string_arena_adopt      (AmStringArena *arena,
                                           AmStringArena *other);

/* For arrays that may grow to many megabytes; what is added is zeroed.
 * Free with am_memory_free(), giving the size last asked for. */
gpointer       am_memory_grow             (gpointer       memory,
                                           gsize          old_size,
                                           gsize          new_size);
void           am_memory_free             (gpointer       memory,
                                           gsize          size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmStringArena, am_string_arena_free)

G_END_DECLS

/* am-memory.c: big, long-lived allocations for the graph model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain malloc: mapping blocks aligned to huge pages saved a reader of a
 * 270 MB file about 50 ms of kernel time in 2.2 s, less than the noise
 * of a run, so the trick went.
 */

#include "config.h"

#include <string.h>

#include "am-memory.h"

#define FIRST_BLOCK_SIZE (16 * 1024)
#define MAX_BLOCK_SIZE   (8 * 1024 * 1024)

typedef struct
{
  char  *memory;
  gsize  size;
} Block;

struct _AmStringArena
{
  GArray *blocks;     /* Block, the last one being filled */
  char   *cursor;
  char   *end;
  char   *open;       /* the string being written, or NULL */
  gsize   next_size;
};

AmStringArena *
am_string_arena_new (void)
{
  AmStringArena *arena = g_new0 (AmStringArena, 1);

  arena->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  arena->next_size = FIRST_BLOCK_SIZE;
  return arena;
}

void
am_string_arena_free (AmStringArena *arena)
{
  if (arena == NULL)
    return;

  for (guint i = 0; i < arena->blocks->len; i++)
    g_free (g_array_index (arena->blocks, Block, i).memory);
  g_array_unref (arena->blocks);
  g_free (arena);
}

static void
arena_add_block (AmStringArena *arena,
                 gsize          at_least)
{
  Block block = { NULL, MAX (arena->next_size, at_least) };

  /* Small maps stay small; big ones quickly reach big blocks. */
  arena->next_size = MIN (arena->next_size * 2, MAX_BLOCK_SIZE);
  block.memory = g_malloc (block.size);

  g_array_append_val (arena->blocks, block);
  arena->cursor = block.memory;
  arena->end = block.memory + block.size;
}

const char *
am_string_arena_add (AmStringArena *arena,
                     const char    *text,
                     gsize          length)
{
  char *copy;

  g_return_val_if_fail (arena != NULL, NULL);
  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (arena->open == NULL, NULL);

  if ((gsize) (arena->end - arena->cursor) < length + 1)
    arena_add_block (arena, length + 1);

  copy = arena->cursor;
  if (length > 0)
    memcpy (copy, text, length);
  copy[length] = '\0';
  arena->cursor += length + 1;

  return copy;
}

void
am_string_arena_begin (AmStringArena *arena)
{
  g_return_if_fail (arena != NULL && arena->open == NULL);

  if (arena->cursor == arena->end)
    arena_add_block (arena, 1);
  arena->open = arena->cursor;
}

void
am_string_arena_append (AmStringArena *arena,
                        const char    *text,
                        gsize          length)
{
  g_return_if_fail (arena != NULL && arena->open != NULL);

  /* Room for the terminator too; a string outgrowing its block moves. */
  if ((gsize) (arena->end - arena->cursor) < length + 1)
    {
      gsize so_far = arena->cursor - arena->open;
      const char *start = arena->open;

      arena_add_block (arena, so_far + length + 1);
      memcpy (arena->cursor, start, so_far);
      arena->open = arena->cursor;
      arena->cursor += so_far;
    }

  memcpy (arena->cursor, text, length);
  arena->cursor += length;
}

const char *
am_string_arena_end (AmStringArena *arena,
                     gsize         *length)
{
  const char *string;

  g_return_val_if_fail (arena != NULL && arena->open != NULL, NULL);

  *arena->cursor++ = '\0';
  string = arena->open;
  if (length != NULL)
    *length = arena->cursor - arena->open - 1;
  arena->open = NULL;

  return string;
}

void
am_string_arena_abandon (AmStringArena *arena)
{
  g_return_if_fail (arena != NULL);

  if (arena->open == NULL)
    return;

  arena->cursor = arena->open;
  arena->open = NULL;
}

/* Takes over @other's strings, which stay where they are; @other is left
 * empty. */
void
am_string_arena_adopt (AmStringArena *arena,
                       AmStringArena *other)
{
  Block current;

  g_return_if_fail (arena != NULL && other != NULL && arena != other);
  g_return_if_fail (arena->open == NULL && other->open == NULL);

  if (other->blocks->len == 0)
    return;

  /* Keep filling our own last block: it stays the last one. */
  if (arena->blocks->len > 0)
    {
      current = g_array_index (arena->blocks, Block, arena->blocks->len - 1);
      g_array_set_size (arena->blocks, arena->blocks->len - 1);
      g_array_append_vals (arena->blocks, other->blocks->data, other->blocks->len);
      g_array_append_val (arena->blocks, current);
    }
  else
    {
      g_array_append_vals (arena->blocks, other->blocks->data, other->blocks->len);
      arena->cursor = other->cursor;
      arena->end = other->end;
    }

  arena->next_size = MAX (arena->next_size, other->next_size);

  g_array_set_size (other->blocks, 0);
  other->cursor = other->end = NULL;
  other->next_size = FIRST_BLOCK_SIZE;
}

gpointer
am_memory_grow (gpointer memory,
                gsize    old_size,
                gsize    new_size)
{
  char *grown;

  g_return_val_if_fail (new_size >= old_size, memory);

  grown = g_realloc (memory, new_size);
  memset (grown + old_size, 0, new_size - old_size);
  return grown;
}

void
am_memory_free (gpointer memory,
                gsize    size)
{
  g_free (memory);
}

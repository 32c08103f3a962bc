/* am-memory.c: big, long-lived allocations for the graph model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading a large map writes a few hundred megabytes of fresh memory.
 * Faulted in 4 KiB at a time that costs more than parsing it; regions
 * aligned to 2 MiB and marked for huge pages take one fault per 2 MiB.
 */

#include "config.h"

#include <string.h>

#ifdef __linux__
#include <sys/mman.h>
#endif
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "am-memory.h"

#define HUGE_PAGE_SIZE   (2 * 1024 * 1024)
#define FIRST_BLOCK_SIZE (16 * 1024)
#define MAX_BLOCK_SIZE   (8 * 1024 * 1024)

typedef struct
{
  char    *memory;
  gsize    size;
  gboolean mapped;
} Block;

struct _AmStringArena
{
  GArray *blocks;     /* Block, the last one being filled */
  char   *cursor;
  char   *end;
  char   *open;       /* the string being written, or NULL */
  gsize   next_size;
};

static void
advise_huge_pages (gpointer memory,
                   gsize    size)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  guintptr start = ((guintptr) memory + HUGE_PAGE_SIZE - 1) & ~(guintptr) (HUGE_PAGE_SIZE - 1);
  guintptr end = ((guintptr) memory + size) & ~(guintptr) (HUGE_PAGE_SIZE - 1);

  /* Only advice: where the kernel has no huge page, small ones do. */
  if (end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
#endif
}

/* @size bytes starting on a huge page boundary, or NULL. */
static char *
map_aligned (gsize size)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  gsize span = size + HUGE_PAGE_SIZE;
  char *memory = mmap (NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char *aligned;

  if (memory == MAP_FAILED)
    return NULL;

  aligned = (char *) (((guintptr) memory + HUGE_PAGE_SIZE - 1) & ~(guintptr) (HUGE_PAGE_SIZE - 1));
  if (aligned > memory)
    munmap (memory, aligned - memory);
  if (memory + span > aligned + size)
    munmap (aligned + size, memory + span - (aligned + size));

  advise_huge_pages (aligned, size);
  return aligned;
#else
  return NULL;
#endif
}

static void
block_free (Block *block)
{
#ifdef __linux__
  if (block->mapped)
    {
      munmap (block->memory, block->size);
      return;
    }
#endif
  g_free (block->memory);
}

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
    block_free (&g_array_index (arena->blocks, Block, i));
  g_array_unref (arena->blocks);
  g_free (arena);
}

static void
arena_add_block (AmStringArena *arena,
                 gsize          at_least)
{
  Block block = { NULL, MAX (arena->next_size, at_least), FALSE };

  /* Small maps stay small; big ones quickly reach big blocks. */
  arena->next_size = MIN (arena->next_size * 2, MAX_BLOCK_SIZE);

  if (block.size >= HUGE_PAGE_SIZE)
    {
      block.size = (block.size + HUGE_PAGE_SIZE - 1) & ~(gsize) (HUGE_PAGE_SIZE - 1);
      block.memory = map_aligned (block.size);
      block.mapped = block.memory != NULL;
    }
  if (block.memory == NULL)
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

#if defined(__linux__) && defined(MADV_HUGEPAGE) && defined(MREMAP_MAYMOVE)
#define BIG_ARRAY_SIZE (4 * 1024 * 1024)
#else
#define BIG_ARRAY_SIZE G_MAXSIZE
#endif

gpointer
am_memory_grow (gpointer memory,
                gsize    old_size,
                gsize    new_size)
{
  char *grown;

  g_return_val_if_fail (new_size >= old_size, memory);

  if (new_size < BIG_ARRAY_SIZE)
    {
      grown = g_realloc (memory, new_size);
      memset (grown + old_size, 0, new_size - old_size);
      return grown;
    }

#if defined(__linux__) && defined(MADV_HUGEPAGE) && defined(MREMAP_MAYMOVE)
  /* A mapping of its own grows without a copy and keeps its advice; its
   * new pages are zero. */
  if (old_size >= BIG_ARRAY_SIZE)
    {
      grown = mremap (memory, old_size, new_size, MREMAP_MAYMOVE);
      if (grown == MAP_FAILED)
        g_error ("%s: failed to allocate %" G_GSIZE_FORMAT " bytes", G_STRLOC, new_size);
      return grown;
    }

  grown = map_aligned (new_size);
  if (grown == NULL)
    g_error ("%s: failed to allocate %" G_GSIZE_FORMAT " bytes", G_STRLOC, new_size);
  if (old_size > 0)
    memcpy (grown, memory, old_size);
  g_free (memory);
  return grown;
#else
  g_assert_not_reached ();
  return NULL;
#endif
}

void
am_memory_free (gpointer memory,
                gsize    size)
{
  if (memory == NULL)
    return;

#if defined(__linux__) && defined(MADV_HUGEPAGE) && defined(MREMAP_MAYMOVE)
  if (size >= BIG_ARRAY_SIZE)
    {
      munmap (memory, size);
      return;
    }
#endif

  g_free (memory);
}

void
am_memory_note_growth (GArray   *array,
                       gpointer *seen)
{
#if defined(__GLIBC__) && defined(__linux__) && defined(MADV_HUGEPAGE)
  gsize usable, header = 2 * sizeof (size_t);
  guintptr start;

  if (G_LIKELY (array->data == *seen))
    return;
  *seen = array->data;

  /* glibc serves a big block as a mapping of its own, with a two-word
   * header: advise the whole mapping, so that it stays one and keeps
   * growing in place with mremap(), and its fresh pages come as huge
   * pages. Advice on anything else would be harmless. */
  usable = malloc_usable_size (array->data);
  start = (guintptr) array->data - header;
  if (usable >= BIG_ARRAY_SIZE && start % 4096 == 0 && (usable + header) % 4096 == 0)
    madvise ((void *) start, usable + header, MADV_HUGEPAGE);
#endif
}

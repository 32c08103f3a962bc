/* test-allocator.c: the window's process keeps one arena for its threads,
 * and maps only blocks bigger than a frame's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "am-allocator.h"

#define N_BLOCKS   512
#define BLOCK_SIZE 1024

static gpointer
allocate_in_thread (gpointer data)
{
  gpointer *blocks = data;

  for (guint i = 0; i < N_BLOCKS; i++)
    blocks[i] = g_malloc (BLOCK_SIZE);

  return NULL;
}

static guint
count_arenas (void)
{
  g_autofree char *info = NULL;
  size_t size = 0;
  FILE *stream = open_memstream (&info, &size);
  guint n = 0;

  g_assert_nonnull (stream);
  g_assert_cmpint (malloc_info (0, stream), ==, 0);
  fclose (stream);
  for (const char *p = strstr (info, "<heap nr="); p != NULL; p = strstr (p + 1, "<heap nr="))
    n++;

  return n;
}

/* A thread that allocates after the set-up takes no arena of its own:
 * malloc_info() lists one heap per arena. */
static void
test_threads_share_one_arena (void)
{
  gpointer blocks[N_BLOCKS];
  GThread *thread;

  am_allocator_tune_for_window ();

  thread = g_thread_new ("allocating", allocate_in_thread, blocks);
  g_thread_join (thread);
  g_assert_cmpuint (count_arenas (), ==, 1);

  for (guint i = 0; i < N_BLOCKS; i++)
    g_free (blocks[i]);
}

/* Blocks of a frame's size come from the heap, to be reused; bigger ones
 * are mapped, and go back to the system as soon as they are freed:
 * mallinfo2() counts the bytes mapped. */
static void
test_big_blocks_mapped (void)
{
  gsize mapped;
  gpointer block;

  am_allocator_tune_for_window ();

  mapped = mallinfo2 ().hblkhd;
  block = g_malloc (4 * 1024 * 1024);
  g_assert_cmpuint (mallinfo2 ().hblkhd, ==, mapped);
  g_free (block);

  block = g_malloc (12 * 1024 * 1024);
  g_assert_cmpuint (mallinfo2 ().hblkhd, >=, mapped + 12 * 1024 * 1024);
  g_free (block);
  g_assert_cmpuint (mallinfo2 ().hblkhd, ==, mapped);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/allocator/threads-share-one-arena", test_threads_share_one_arena);
  g_test_add_func ("/allocator/big-blocks-mapped", test_big_blocks_mapped);

  return g_test_run ();
}

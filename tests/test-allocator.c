/* test-allocator.c: the window's process keeps one arena for its threads,
 * and maps big blocks on their own only while it reads a map
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

static gboolean
block_mapped (gsize size)
{
  gsize before = mallinfo2 ().hblkhd;
  gpointer block = g_malloc (size);
  gboolean mapped = mallinfo2 ().hblkhd >= before + size;

  g_free (block);
  /* A mapped block goes back to the system as soon as it is freed. */
  g_assert_cmpuint (mallinfo2 ().hblkhd, ==, before);
  return mapped;
}

/* Frames' surfaces, up to those of a large screen, come from the heap,
 * to be reused; while a map is read and laid out, blocks over 4 MB are
 * mapped on their own, so that its arrays leave no holes as they grow,
 * nor a frame's scratch as it is freed (the notes on a million edges in
 * view take 7.6 MiB). Reads nest: the heap takes such blocks again once
 * the last one ends. mallinfo2() counts the bytes mapped. */
static void
test_big_blocks_mapped_while_reading (void)
{
  am_allocator_tune_for_window ();

  g_assert_false (block_mapped (6 * 1024 * 1024));
  g_assert_false (block_mapped (16 * 1024 * 1024));

  am_allocator_begin_read ();
  g_assert_false (block_mapped (2 * 1024 * 1024));
  g_assert_true (block_mapped (6 * 1024 * 1024));
  g_assert_true (block_mapped (16 * 1024 * 1024));
  am_allocator_begin_read ();
  am_allocator_end_read ();
  g_assert_true (block_mapped (16 * 1024 * 1024));
  am_allocator_end_read ();

  g_assert_false (block_mapped (16 * 1024 * 1024));
  /* An end without a beginning changes nothing. */
  am_allocator_end_read ();
  g_assert_false (block_mapped (16 * 1024 * 1024));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/allocator/threads-share-one-arena", test_threads_share_one_arena);
  g_test_add_func ("/allocator/big-blocks-mapped-while-reading", test_big_blocks_mapped_while_reading);

  return g_test_run ();
}

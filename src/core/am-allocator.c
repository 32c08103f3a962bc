/* am-allocator.c: how the window's process sets up its allocator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The desktop app and the programs that measure it as it runs call this
 * first thing, before anything else allocates or any thread starts.
 */

#include "config.h"

#include "am-allocator.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

/* Blocks up to this size stay in the heap, except while a map is read. */
#define FRAME_MMAP_THRESHOLD (64 * 1024 * 1024)
#define READ_MMAP_THRESHOLD  (4 * 1024 * 1024)

static GMutex reads_lock;
static gboolean tuned;
static guint n_reads;

void
am_allocator_tune_for_window (void)
{
#ifdef __GLIBC__
  /* Each frame GTK's software renderer allocates and frees surfaces of
   * several megabytes (4 MB at 1280 × 800, 15 at 2560 × 1440). glibc
   * maps each of those afresh, and first touching a new mapping costs
   * page faults worth half a frame; kept in the heap, they are reused.
   * Measured on a generated map of 100,000 nodes and a million edges, to
   * its third frame under Xvfb, three runs each in turn on a busy
   * machine: median 29.7 s with it, 43.4 s without, for 20 MB more at
   * the peak. */
  mallopt (M_MMAP_THRESHOLD, FRAME_MMAP_THRESHOLD);
  mallopt (M_TRIM_THRESHOLD, 128 * 1024 * 1024);

  /* glibc also gives each thread that allocates an arena of its own,
   * and keeps there what the thread frees. A big map passes through
   * several threads in turn (the read's, the layout's, the frames' and
   * the index's), each freeing tens of megabytes of scratch: kept arena
   * by arena, side by side, they added about 30 MiB to the peak of a
   * map of a million edges. With one arena each reuses what the last
   * freed; they seldom allocate at the same moment. */
  mallopt (M_ARENA_MAX, 1);

  g_mutex_lock (&reads_lock);
  tuned = TRUE;
  g_mutex_unlock (&reads_lock);
#endif
}

/* While a map is read, its arrays grow, each time to a new block: in
 * the heap, each left its old place behind as a hole, and the read of a
 * map of a million edges took 310 MiB in the window rather than 290.
 * Mapped on their own, the old blocks go back to the system as they are
 * left. The same goes for the layout's scratch and the frames drawn
 * meanwhile: with blocks from 4 MB up mapped rather than from 8, the
 * window's peak with that map went from 308-309 MiB to 302-303 (three
 * rounds each, twice). Only in a process tuned for the window: the
 * command line keeps glibc's own choice. */
void
am_allocator_begin_read (void)
{
#ifdef __GLIBC__
  g_mutex_lock (&reads_lock);
  if (tuned && n_reads++ == 0)
    {
      mallopt (M_MMAP_THRESHOLD, READ_MMAP_THRESHOLD);
      /* The heap's free top would still serve big blocks first. */
      malloc_trim (0);
    }
  g_mutex_unlock (&reads_lock);
#endif
}

void
am_allocator_end_read (void)
{
#ifdef __GLIBC__
  g_mutex_lock (&reads_lock);
  if (tuned && n_reads > 0 && --n_reads == 0)
    mallopt (M_MMAP_THRESHOLD, FRAME_MMAP_THRESHOLD);
  g_mutex_unlock (&reads_lock);
#endif
}

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

void
am_allocator_tune_for_window (void)
{
#ifdef __GLIBC__
  /* Each frame GTK's software renderer allocates and frees surfaces of
   * several megabytes. glibc maps each of those afresh, and first
   * touching a new mapping costs page faults worth half a frame; kept in
   * the heap, they are reused. Measured on a generated map of 100,000
   * nodes and a million edges, to its third frame under Xvfb, three runs
   * each in turn on a busy machine: median 29.7 s with it, 43.4 s
   * without, for 20 MB more at the peak.
   * A window's surface takes 4 MB (8 on a full HD screen); blocks
   * bigger than that are still mapped. Those are a big map's arrays as
   * they grow while it is read, and the edges' density and the layout's
   * levels: in the heap, each array that grew left its old place behind
   * as a hole, and the read of that map took 310 MiB in the window
   * rather than 290. */
  mallopt (M_MMAP_THRESHOLD, 8 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 128 * 1024 * 1024);

  /* glibc also gives each thread that allocates an arena of its own,
   * and keeps there what the thread frees. A big map passes through
   * several threads in turn (the read's, the layout's, the frames' and
   * the index's), each freeing tens of megabytes of scratch: kept arena
   * by arena, side by side, they added about 30 MiB to the peak of a
   * map of a million edges. With one arena each reuses what the last
   * freed; they seldom allocate at the same moment. */
  mallopt (M_ARENA_MAX, 1);
#endif
}

/* am-startup-timing.h: the time to the first frame, when asked for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Microseconds since the process started, or -1: for timing start-up. */
gint64    am_startup_timing_since_process_start (void);
/* Notes when main() began; call first thing in main(). */
void      am_startup_timing_mark_main           (void);
/* With ACTOR_MAP_DEBUG=startup-timing in the environment, prints when
 * @window has painted its first frame with a map, and quits
 * @application; startup-timing=N waits for N frames. Does nothing
 * otherwise. */
void      am_startup_timing_watch               (GApplication  *application,
                                                 GtkWidget     *window);

G_END_DECLS

/* window-load-timing.c: a map loading in the window, timed (needs a display)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   actor-map-window-load-timing FILE.graphml [--cancel-after SECONDS]
 *
 * Opens FILE in a window as the app does (before presenting it) and
 * prints when each stage showed ("Laying out" from sizing the labels on), when the map was drawn, and how late the main loop ran a
 * 10 ms timer meanwhile and once the map has come: the longest delay is
 * the longest the window could not answer the user, from its first frame on. With --cancel-after, presses Cancel then
 * and checks that the window is back to what it showed before.
 *
 * A map laid out while it shows prints when it first showed, when its
 * first picture was drawn, each picture of the layout put in place, and
 * the five longest delays of the main loop with when they ended. The
 * last line sums up: how old the process was when the file was opened,
 * then from there the first picture drawn, the final layout in place,
 * the longest delay from the start on, and the process's peak memory.
 * The allocator is set up as the application's main() does.
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "am-allocator.h"
#include "am-graph-view-private.h"
#include "am-map-document.h"
#include "am-startup-timing.h"
#include "am-window.h"

#define TICK_MS 10
#define N_WORST 5

typedef struct
{
  AmWindow  *window;
  GMainLoop *loop;
  gint64     start;
  gint64     last_tick;
  gint64     longest_delay;
  gint64     longest_delay_at;
  gint64     longest_delay_after;
  gint64     longest_delay_after_at;   /* once loaded, while the map is drawn */
  guint      n_ticks;
  guint      n_late;          /* ticks more than 50 ms late */
  gboolean   loading_seen;
  char      *stage;
  guint      n_paints;
  gint64     loaded_at;
  AmGraphView *view;
  gint64     shown_at;        /* the map first in the window */
  gint64     drawn_at;        /* its first frame */
  guint      n_pictures;
  double     frame_ms;        /* of the last frame seen */
  guint      n_frames;        /* drawn by the worker from the first picture on */
  double     frames_ms;
  gint64     longest_overall;
  gint64     worst[N_WORST];  /* the longest delays, longest first */
  gint64     worst_at[N_WORST];
  gint64     worst_cpu[N_WORST];  /* the main thread's own share of each */
  gint64     last_cpu;
  gint64     process_offset;  /* the process's age when timing began, or -1 */
  gboolean   ticking;         /* from the window's first frame on */
} Timing;

/* The main thread's processor time, in microseconds: within a delay, what
 * it did itself rather than waited for a processor. */
static gint64
thread_cpu_time (void)
{
  struct timespec now;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now) != 0)
    return 0;
  return now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static guint64 peak_rss (void);

static double
since_start (Timing *timing)
{
  return (g_get_monotonic_time () - timing->start) / (double) G_USEC_PER_SEC;
}

static gboolean
on_tick (gpointer user_data)
{
  Timing *timing = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 delay = now - timing->last_tick - TICK_MS * 1000;
  gint64 cpu = thread_cpu_time ();

  timing->longest_overall = MAX (timing->longest_overall, delay);
  for (guint i = 0; i < N_WORST; i++)
    if (delay > timing->worst[i])
      {
        memmove (timing->worst + i + 1, timing->worst + i, sizeof (gint64) * (N_WORST - 1 - i));
        memmove (timing->worst_at + i + 1, timing->worst_at + i, sizeof (gint64) * (N_WORST - 1 - i));
        memmove (timing->worst_cpu + i + 1, timing->worst_cpu + i, sizeof (gint64) * (N_WORST - 1 - i));
        timing->worst[i] = delay;
        timing->worst_at[i] = now;
        timing->worst_cpu[i] = cpu - timing->last_cpu;
        break;
      }
  timing->last_cpu = cpu;

  if (am_window_get_loading (timing->window))
    {
      if (delay > timing->longest_delay)
        {
          timing->longest_delay = delay;
          timing->longest_delay_at = now;
        }
      timing->n_ticks++;
      if (delay > 50 * 1000)
        timing->n_late++;
    }
  else if (timing->loaded_at != 0 && delay > timing->longest_delay_after)
    {
      timing->longest_delay_after = delay;
      timing->longest_delay_after_at = now;
    }
  timing->last_tick = now;

  return G_SOURCE_CONTINUE;
}

/* Each stage as the bar first shows it. */
static void
on_bar_text_cb (GtkProgressBar *bar,
                GParamSpec     *pspec,
                Timing         *timing)
{
  const char *text = gtk_progress_bar_get_text (bar);
  g_autofree char *stage = NULL;

  if (text == NULL)
    return;

  stage = g_strndup (text, strcspn (text, " "));
  if (g_strcmp0 (stage, timing->stage) == 0)
    return;

  printf ("%7.3f s  %s\n", since_start (timing), text);
  g_free (timing->stage);
  timing->stage = g_steal_pointer (&stage);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* The canvas draws big maps in a thread, so they show a frame or two
 * after the first; the first few frames' times tell. */
static void
on_after_paint_cb (GdkFrameClock *clock,
                   Timing        *timing)
{
  double frame_ms = am_graph_view_get_frame_render_time (timing->view);

  /* Until the window first shows, there is nothing to answer. */
  if (!timing->ticking)
    {
      timing->ticking = TRUE;
      timing->last_tick = g_get_monotonic_time ();
      timing->last_cpu = thread_cpu_time ();
      g_timeout_add (TICK_MS, on_tick, timing);
      printf ("%7.3f s  window shown\n", since_start (timing));
    }

  if (timing->shown_at != 0 && frame_ms >= 0 && frame_ms != timing->frame_ms)
    {
      timing->n_frames++;
      timing->frames_ms += frame_ms;
      timing->frame_ms = frame_ms;
    }
  /* Small maps are drawn in the snapshot itself. */
  if (timing->shown_at != 0 && timing->drawn_at == 0 &&
      (frame_ms >= 0 || am_graph_view_is_sharp (timing->view)))
    {
      timing->drawn_at = g_get_monotonic_time ();
      printf ("%7.3f s  first picture drawn (peak RSS so far %.0f MiB)\n", since_start (timing),
              peak_rss () / 1024.0);
    }

  if (timing->loaded_at == 0 || timing->n_paints >= 3)
    return;

  printf ("%7.3f s  frame %u after loading ended\n", since_start (timing), ++timing->n_paints);
}

static void
on_loading_cb (AmWindow   *window,
               GParamSpec *pspec,
               Timing     *timing)
{
  if (am_window_get_loading (window))
    return;

  timing->loaded_at = g_get_monotonic_time ();
  printf ("%7.3f s  loading ended\n", since_start (timing));
  printf ("main loop: %u ticks of %d ms while loading, longest delay %.1f ms (ending at %.3f s), "
          "%u over 50 ms\n",
          timing->n_ticks, TICK_MS, timing->longest_delay / 1000.0,
          (timing->longest_delay_at - timing->start) / (double) G_USEC_PER_SEC, timing->n_late);

  /* Time for the canvas's first frames. */
  g_timeout_add_seconds (5, quit_cb, timing->loop);
}

static void
on_positions_changed_cb (AmMapDocument *document,
                         guint          node,
                         Timing        *timing)
{
  if (am_window_get_loading (timing->window))
    printf ("%7.3f s  picture %u in place\n", since_start (timing), ++timing->n_pictures);
}

static void
on_document_cb (AmWindow   *window,
                GParamSpec *pspec,
                Timing     *timing)
{
  AmMapDocument *document = am_window_get_document (window);

  if (document == NULL || timing->shown_at != 0)
    return;

  timing->shown_at = g_get_monotonic_time ();
  /* Its first picture was put in place just before. */
  printf ("%7.3f s  map shown (peak RSS so far %.0f MiB)\n", since_start (timing),
          peak_rss () / 1024.0);
  if (am_window_get_loading (window))
    timing->n_pictures = 1;
  g_signal_connect (document, "positions-changed", G_CALLBACK (on_positions_changed_cb), timing);
}

/* In KiB, as the kernel counts it; 0 if not known. */
static guint64
peak_rss (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10);
}

static void
print_summary (Timing *timing)
{
  printf ("longest delays (main thread's own processor time):");
  for (guint i = 0; i < N_WORST && timing->worst[i] > 0; i++)
    printf (" %.0f ms (%.0f) at %.3f s", timing->worst[i] / 1000.0, timing->worst_cpu[i] / 1000.0,
            (timing->worst_at[i] - timing->start) / (double) G_USEC_PER_SEC);
  printf ("\n");
  printf ("frames drawn by the worker: %u, %.0f ms in all\n", timing->n_frames, timing->frames_ms);
  printf ("summary: process start + %.3f s, first picture %.3f s, final layout %.3f s, "
          "longest delay %.1f ms, peak RSS %.1f MiB\n",
          timing->process_offset / (double) G_USEC_PER_SEC,
          timing->drawn_at != 0 ? (timing->drawn_at - timing->start) / (double) G_USEC_PER_SEC : -1.0,
          timing->loaded_at != 0 ? (timing->loaded_at - timing->start) / (double) G_USEC_PER_SEC : -1.0,
          timing->longest_overall / 1000.0, peak_rss () / 1024.0);
}

static gboolean
cancel_cb (gpointer user_data)
{
  Timing *timing = user_data;

  printf ("%7.3f s  Cancel\n", since_start (timing));
  gtk_widget_activate_action (GTK_WIDGET (timing->window), "win.cancel-load", NULL);

  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  Timing timing = { 0 };
  g_autoptr(GFile) file = NULL;
  GtkProgressBar *bar;
  double cancel_after = -1;

  if (argc != 2 && !(argc == 4 && g_str_equal (argv[2], "--cancel-after")))
    {
      g_printerr ("usage: %s FILE.graphml [--cancel-after SECONDS]\n", argv[0]);
      return 2;
    }
  if (argc == 4)
    cancel_after = g_ascii_strtod (argv[3], NULL);

  /* As the application does. */
  am_allocator_tune_for_window ();
  gtk_init ();
  adw_init ();

  timing.loop = g_main_loop_new (NULL, FALSE);
  timing.window = am_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (timing.window), 1200, 760);

  bar = GTK_PROGRESS_BAR (gtk_widget_get_template_child (GTK_WIDGET (timing.window),
                                                         AM_TYPE_WINDOW, "loading_progress"));
  g_signal_connect (bar, "notify::text", G_CALLBACK (on_bar_text_cb), &timing);
  g_signal_connect (timing.window, "notify::loading", G_CALLBACK (on_loading_cb), &timing);
  g_signal_connect (timing.window, "notify::document", G_CALLBACK (on_document_cb), &timing);
  timing.view = AM_GRAPH_VIEW (gtk_widget_get_template_child (GTK_WIDGET (timing.window),
                                                              AM_TYPE_WINDOW, "graph_view"));
  g_signal_connect_swapped (timing.window, "destroy", G_CALLBACK (g_main_loop_quit), timing.loop);

  /* Opened before it is presented, as the application does: the file is
   * read while the window is mapped. */
  file = g_file_new_for_commandline_arg (argv[1]);
  timing.start = timing.last_tick = g_get_monotonic_time ();
  timing.process_offset = am_startup_timing_since_process_start ();
  timing.last_cpu = thread_cpu_time ();
  am_window_open (timing.window, file);
  gtk_window_present (GTK_WINDOW (timing.window));
  printf ("%7.3f s  window presented (the process started %.3f s before the file was opened)\n",
          since_start (&timing), timing.process_offset / (double) G_USEC_PER_SEC);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (timing.window)), "after-paint",
                    G_CALLBACK (on_after_paint_cb), &timing);
  if (cancel_after >= 0)
    g_timeout_add ((guint) (cancel_after * 1000), cancel_cb, &timing);

  g_main_loop_run (timing.loop);

  printf ("main loop: longest delay %.1f ms (ending at %.3f s) from the end of loading to 5 s later\n",
          timing.longest_delay_after / 1000.0,
          (timing.longest_delay_after_at - timing.start) / (double) G_USEC_PER_SEC);
  printf ("document: %s\n", am_window_get_document (timing.window) != NULL ? "shown" : "none");
  if (am_window_get_last_error (timing.window) != NULL)
    printf ("error: %s\n", am_window_get_last_error (timing.window));
  print_summary (&timing);

  g_free (timing.stage);
  g_main_loop_unref (timing.loop);
  return 0;
}

/* window-load-timing.c: a map loading in the window, timed (needs a display)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   actor-map-window-load-timing FILE.graphml [--cancel-after SECONDS]
 *
 * Opens FILE in a window as the app does and prints when each stage
 * showed, when the map was drawn, and how late the main loop ran a
 * 10 ms timer meanwhile and once the map has come: the longest delay is
 * the longest the window could not answer the user. With --cancel-after, presses Cancel then
 * and checks that the window is back to what it showed before.
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "am-window.h"

#define TICK_MS 10

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
} Timing;

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

  gtk_init ();
  adw_init ();

  timing.loop = g_main_loop_new (NULL, FALSE);
  timing.window = am_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (timing.window), 1200, 760);
  gtk_window_present (GTK_WINDOW (timing.window));

  bar = GTK_PROGRESS_BAR (gtk_widget_get_template_child (GTK_WIDGET (timing.window),
                                                         AM_TYPE_WINDOW, "loading_progress"));
  g_signal_connect (bar, "notify::text", G_CALLBACK (on_bar_text_cb), &timing);
  g_signal_connect (timing.window, "notify::loading", G_CALLBACK (on_loading_cb), &timing);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (timing.window)), "after-paint",
                    G_CALLBACK (on_after_paint_cb), &timing);
  g_signal_connect_swapped (timing.window, "destroy", G_CALLBACK (g_main_loop_quit), timing.loop);

  file = g_file_new_for_commandline_arg (argv[1]);
  timing.start = timing.last_tick = g_get_monotonic_time ();
  am_window_open (timing.window, file);
  g_timeout_add (TICK_MS, on_tick, &timing);
  if (cancel_after >= 0)
    g_timeout_add ((guint) (cancel_after * 1000), cancel_cb, &timing);

  g_main_loop_run (timing.loop);

  printf ("main loop: longest delay %.1f ms (ending at %.3f s) from the end of loading to 5 s later\n",
          timing.longest_delay_after / 1000.0,
          (timing.longest_delay_after_at - timing.start) / (double) G_USEC_PER_SEC);
  printf ("document: %s\n", am_window_get_document (timing.window) != NULL ? "shown" : "none");
  if (am_window_get_last_error (timing.window) != NULL)
    printf ("error: %s\n", am_window_get_last_error (timing.window));

  g_free (timing.stage);
  g_main_loop_unref (timing.loop);
  return 0;
}

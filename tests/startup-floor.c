/* startup-floor.c: the least a libadwaita window takes to start here
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bare window with a header bar and a label, printing the same line
 * as actor-map with ACTOR_MAP_EXIT_AFTER_FIRST_FRAME=1 after its first
 * frame, then quitting. Measured with tests/measure-startup.sh next to
 * the app, it shows how much of the start-up is the toolkit's own.
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static gint64 main_time;

/* As in am-application.c: to the clock tick /proc gives. */
static gint64
time_since_process_start (void)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;
  struct timespec now;
  long ticks_per_second = sysconf (_SC_CLK_TCK);

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      clock_gettime (CLOCK_BOOTTIME, &now) != 0 || ticks_per_second <= 0 ||
      (after_name = strrchr (stat, ')')) == NULL)
    return -1;

  fields = g_strsplit (after_name + 2, " ", 0);
  if (g_strv_length (fields) < 20)
    return -1;

  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000 -
         (gint64) (g_ascii_strtoull (fields[19], NULL, 10) * G_USEC_PER_SEC / ticks_per_second);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GApplication  *application)
{
  printf ("frame with the map: %.1f ms after process start, %.1f ms after main()\n",
          time_since_process_start () / 1000.0, (g_get_monotonic_time () - main_time) / 1000.0);
  fflush (stdout);

  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, application);
  g_application_quit (application);
}

static void
on_activate_cb (GApplication *application)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Actor Map"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));

  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), application);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) application = NULL;

  main_time = g_get_monotonic_time ();
  application = adw_application_new ("io.github.actormap.StartupFloor", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (application, "activate", G_CALLBACK (on_activate_cb), NULL);

  return g_application_run (G_APPLICATION (application), argc, argv);
}

/* startup-floor.c: the least a libadwaita window takes to start here
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bare window with a header bar and a label, printing the same line
 * as actor-map with ACTOR_MAP_DEBUG=startup-timing after its first
 * frame, then quitting. Measured with tests/measure-startup.sh next to
 * the app, it shows how much of the start-up is the toolkit's own.
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "am-startup-timing.h"

static gint64 main_time;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GApplication  *application)
{
  printf ("frame with the map: %.1f ms after process start, %.1f ms after main()\n",
          am_startup_timing_since_process_start () / 1000.0, (g_get_monotonic_time () - main_time) / 1000.0);
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

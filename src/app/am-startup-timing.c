/* am-startup-timing.c: the time to the first frame, when asked for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A debugging switch, so that anyone can measure start-up, or the time
 * to a large map, the same way: tests/measure-startup.sh sets it.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "am-startup-timing.h"

#define DEBUG_VARIABLE "ACTOR_MAP_DEBUG"
#define DEBUG_KEY      "startup-timing"

static gint64 main_time;   /* monotonic, when main() began; 0 if not known */

/* Microseconds since the kernel started the process, to the clock tick
 * /proc gives (usually 10 ms); -1 if not known. This also counts what
 * happens before main(): loading and linking the libraries. */
gint64
am_startup_timing_since_process_start (void)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;
  struct timespec now;
  long ticks_per_second = sysconf (_SC_CLK_TCK);
  guint64 start_ticks;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      clock_gettime (CLOCK_BOOTTIME, &now) != 0 || ticks_per_second <= 0)
    return -1;

  /* The name in brackets may hold spaces; the start time is the 22nd
   * field, the 20th after it. */
  after_name = strrchr (stat, ')');
  if (after_name == NULL)
    return -1;
  fields = g_strsplit (after_name + 2, " ", 0);
  if (g_strv_length (fields) < 20)
    return -1;
  start_ticks = g_ascii_strtoull (fields[19], NULL, 10);

  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000 -
         (gint64) (start_ticks * G_USEC_PER_SEC / ticks_per_second);
}

void
am_startup_timing_mark_main (void)
{
  main_time = g_get_monotonic_time ();
}

/* The frames to wait for, 0 when the switch is off: ACTOR_MAP_DEBUG is
 * a comma-separated list, as G_DEBUG is. */
static guint
frames_asked_for (void)
{
  const char *value = g_getenv (DEBUG_VARIABLE);
  g_auto(GStrv) keys = NULL;

  if (value == NULL)
    return 0;

  keys = g_strsplit (value, ",", 0);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *key = g_strstrip (keys[i]);

      if (g_str_equal (key, DEBUG_KEY))
        return 1;
      if (g_str_has_prefix (key, DEBUG_KEY "="))
        return MAX (1, atoi (key + strlen (DEBUG_KEY "=")));
    }

  return 0;
}

typedef struct
{
  GApplication *application;
  guint         paints_left;
  gint64        first_frame;  /* the clock's counter at the window's first frame; 0 until known */
} FrameWatch;

static void
frame_watch_free (gpointer  data,
                  GClosure *closure)
{
  g_free (data);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   FrameWatch    *watch)
{
  gint64 since_main = g_get_monotonic_time () - main_time;
  gint64 since_start = am_startup_timing_since_process_start ();
  GApplication *application;

  /* Printed, not logged: measuring scripts read it with no debug output.
   * The frame's number tells whether a frame without the map came first,
   * which profilers that run one thread at a time can bring about. */
  printf ("frame with the map: %.1f ms after process start, %.1f ms after main(), "
          "the window's frame %" G_GINT64_FORMAT "\n",
          since_start / 1000.0, since_main / 1000.0,
          gdk_frame_clock_get_frame_counter (clock) - watch->first_frame + 1);
  fflush (stdout);

  if (--watch->paints_left > 0)
    return;

  application = watch->application;
  g_signal_handlers_disconnect_by_data (clock, watch);
  g_application_quit (application);
}

/* The canvas draws big maps in a thread, so they show only a frame or
 * two after the map is there: counting starts then, or once the window
 * has a frame clock, for a map it had before it was shown. */
static void
watch_frames (GtkWidget  *window,
              FrameWatch *watch)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  g_autoptr(GObject) document = NULL;

  if (clock != NULL && watch->first_frame == 0)
    watch->first_frame = gdk_frame_clock_get_frame_counter (clock) + 1;

  g_object_get (window, "document", &document, NULL);
  if (document == NULL || clock == NULL)
    return;

  g_signal_handlers_disconnect_by_data (window, watch);
  g_signal_connect_data (clock, "after-paint", G_CALLBACK (on_after_paint_cb), watch,
                         frame_watch_free, 0);
}

static void
on_document_cb (GtkWidget  *window,
                GParamSpec *pspec,
                FrameWatch *watch)
{
  watch_frames (window, watch);
}

void
am_startup_timing_watch (GApplication *application,
                         GtkWidget    *window)
{
  guint frames = frames_asked_for ();
  FrameWatch *watch;

  if (frames == 0)
    return;

  watch = g_new0 (FrameWatch, 1);
  watch->application = application;
  watch->paints_left = frames;
  g_signal_connect (window, "notify::document", G_CALLBACK (on_document_cb), watch);
  g_signal_connect_after (window, "realize", G_CALLBACK (watch_frames), watch);
}

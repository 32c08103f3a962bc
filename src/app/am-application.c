/* am-application.c: the desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "am-application.h"
#include "am-app-resources.h"
#include "am-window.h"

struct _AmApplication
{
  AdwApplication parent_instance;

  gint64         main_time;   /* monotonic, when main() began; 0 if not known */
};

G_DEFINE_FINAL_TYPE (AmApplication, am_application, ADW_TYPE_APPLICATION)

/* Start-up timing */

/* Microseconds since the kernel started the process, to the clock tick
 * /proc gives (usually 10 ms); -1 if not known. This also counts what
 * happens before main(): loading and linking the libraries. */
gint64
am_application_time_since_process_start (void)
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

typedef struct
{
  AmApplication *application;
  guint          paints_left;
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
  gint64 since_main = g_get_monotonic_time () - watch->application->main_time;
  gint64 since_start = am_application_time_since_process_start ();
  AmApplication *application;

  /* Printed, not logged: measuring scripts read it with no debug output. */
  printf ("frame with the map: %.1f ms after process start, %.1f ms after main()\n",
          since_start / 1000.0, since_main / 1000.0);
  fflush (stdout);

  if (--watch->paints_left > 0)
    return;

  application = watch->application;
  g_signal_handlers_disconnect_by_data (clock, watch);
  g_application_quit (G_APPLICATION (application));
}

static void
on_document_cb (AmWindow   *window,
                GParamSpec *pspec,
                FrameWatch *watch)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  if (am_window_get_document (window) == NULL || clock == NULL)
    return;

  g_signal_handlers_disconnect_by_func (window, on_document_cb, watch);
  g_signal_connect_data (clock, "after-paint", G_CALLBACK (on_after_paint_cb), watch,
                         frame_watch_free, 0);
}

/* ACTOR_MAP_EXIT_AFTER_FIRST_FRAME=N: print when the window has painted
 * its first N frames with a map, then quit; 1 when N is not a number.
 * So that anyone can measure start-up, or the time to a large map, the
 * same way. The canvas draws big maps in a thread, so they show only a
 * frame or two later: watch a few frames there, and the screen. */
static void
watch_first_frames (AmApplication *self,
                    AmWindow      *window)
{
  const char *value = g_getenv ("ACTOR_MAP_EXIT_AFTER_FIRST_FRAME");
  FrameWatch *watch;

  if (value == NULL || *value == '\0')
    return;

  watch = g_new0 (FrameWatch, 1);
  watch->application = self;
  watch->paints_left = MAX (1, atoi (value));
  g_signal_connect (window, "notify::document", G_CALLBACK (on_document_cb), watch);
}

static AmWindow *
get_active_window (AmApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (AM_IS_WINDOW (window))
    return AM_WINDOW (window);

  return NULL;
}

static void
am_application_activate (GApplication *application)
{
  AmApplication *self = AM_APPLICATION (application);
  AmWindow *window = get_active_window (self);

  if (window == NULL)
    {
      window = am_window_new (GTK_APPLICATION (self));
      watch_first_frames (self, window);
      am_window_open (window, NULL);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
am_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  AmApplication *self = AM_APPLICATION (application);

  /* One window per file, as a file manager expects when several are
   * opened at once or the application is already running. */
  for (int i = 0; i < n_files; i++)
    {
      AmWindow *window = am_window_new (GTK_APPLICATION (self));

      if (i == 0)
        watch_first_frames (self, window);
      am_window_open (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  AmApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Destroying the windows, not quitting outright, lets each one cancel
   * its loading and tidy up. */
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);

  g_application_quit (G_APPLICATION (self));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  AmApplication *self = user_data;
  const char *developers[] = { _("The Actor Map developers"), NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkIconTheme *icons = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application-name", _("Actor Map"),
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Actor Map developers"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/actormap/actor-map",
                        "issue-url", "https://github.com/actormap/actor-map/issues",
                        "comments", _("See who said what to whom in a political story: "
                                      "a map of its actors, their statements, stances "
                                      "and interactions, read from GraphML."),
                        /* Translators: your names, one per line. */
                        "translator-credits", _("translator-credits"),
                        "transient-for", parent,
                        "modal", TRUE,
                        NULL);

  /* Run from the build tree, the icon is not installed. */
  if (gtk_icon_theme_has_icon (icons, APPLICATION_ID))
    adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APPLICATION_ID);

  gtk_window_present (GTK_WINDOW (about));
}

static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  AmApplication *self = user_data;
  AmWindow *window = get_active_window (self);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
open_bundled_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  AmApplication *self = user_data;
  AmWindow *window = get_active_window (self);

  if (window == NULL)
    window = am_window_new (GTK_APPLICATION (self));

  am_window_open (window, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "shortcuts", shortcuts_activated },
  { "open-bundled", open_bundled_activated },
};

static const struct
{
  const char *action;
  const char *accels[4];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "win.open", { "<Control>o", NULL } },
  { "win.export", { "<Control>e", NULL } },
  { "win.find", { "<Control>f", NULL } },
  { "win.show-sidebar", { "F9", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "win.zoom-in", { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL } },
  { "win.zoom-out", { "<Control>minus", "<Control>KP_Subtract", NULL } },
  { "win.zoom-fit", { "<Control>0", "<Control>KP_0", NULL } },
  { "window.close", { "<Control>w", NULL } },
};

static void
am_application_startup (GApplication *application)
{
  AmApplication *self = AM_APPLICATION (application);

  am_app_resources_register ();

  G_APPLICATION_CLASS (am_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), app_accels[i].action,
                                           app_accels[i].accels);
}

static void
am_application_class_init (AmApplicationClass *klass)
{
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  application_class->activate = am_application_activate;
  application_class->open = am_application_open;
  application_class->startup = am_application_startup;

  /* Before startup, which looks for style.css. */
  am_app_resources_register ();
}

static void
am_application_init (AmApplication *self)
{
}

void
am_application_set_main_time (AmApplication *self,
                              gint64         main_time)
{
  g_return_if_fail (AM_IS_APPLICATION (self));
  self->main_time = main_time;
}

/* Each frame GTK's software renderer allocates and frees surfaces of
 * several megabytes. glibc maps each of those afresh, and first touching
 * a new mapping costs page faults worth half a frame; kept in the heap,
 * they are reused. Call before anything else allocates. */
void
am_application_tune_allocator (void)
{
#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, 64 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 128 * 1024 * 1024);
#endif
}

AmApplication *
am_application_new (void)
{
  return g_object_new (AM_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/actormap/ActorMap",
                       NULL);
}

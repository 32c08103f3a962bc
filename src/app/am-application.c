/* am-application.c: the desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "am-application.h"
#include "am-app-resources.h"
#include "am-startup-timing.h"
#include "am-window.h"

struct _AmApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (AmApplication, am_application, ADW_TYPE_APPLICATION)

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
      am_startup_timing_watch (application, GTK_WIDGET (window));
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
        am_startup_timing_watch (application, GTK_WIDGET (window));
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

  /* Closing the windows, not quitting outright, lets each one cancel its
   * loading and tidy up, and one with unsaved changes ask first: the
   * application then ends with its last window. */
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);

  if (gtk_application_get_windows (GTK_APPLICATION (self)) == NULL)
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
  { "win.save", { "<Control>s", NULL } },
  { "win.save-as", { "<Shift><Control>s", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.redo", { "<Shift><Control>z", NULL } },
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

AmApplication *
am_application_new (void)
{
  return g_object_new (AM_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/actormap/ActorMap",
                       NULL);
}

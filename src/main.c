/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "am-allocator.h"
#include "am-application.h"
#include "am-cli.h"
#include "am-startup-timing.h"

/* The desktop application, on @file or on the bundled map. The file goes
 * by URI, so that a name starting with a dash is no option and a relative
 * path still means the same file to an instance already running
 * elsewhere. */
static int
run_application (const char *argv0,
                 const char *file)
{
  g_autoptr(AmApplication) application = NULL;
  g_autofree char *uri = NULL;
  char *app_argv[3] = { (char *) argv0, NULL, NULL };

  if (file != NULL)
    {
      g_autoptr(GFile) location = g_file_new_for_commandline_arg (file);

      uri = g_file_get_uri (location);
      app_argv[1] = uri;
    }

  am_allocator_tune_for_window ();
  g_set_application_name (_("Actor Map"));
  application = am_application_new ();

  return g_application_run (G_APPLICATION (application), file != NULL ? 2 : 1, app_argv);
}

int
main (int   argc,
      char *argv[])
{
  AmCliOptions options;
  g_autoptr(GError) error = NULL;
  int status;
  const char *localedir = g_getenv ("ACTOR_MAP_LOCALEDIR");

  am_startup_timing_mark_main ();
  setlocale (LC_ALL, "");
  /* The override lets an uninstalled build (and its tests) use the
   * translations compiled in the build folder. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!am_cli_parse (&options, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      am_cli_options_clear (&options);
      return 2;
    }

  /* Exports, statistics and the version need no display and never touch
   * GTK, so they work in scripts and on servers. */
  if (am_cli_is_headless (&options))
    status = am_cli_run (&options);
  else
    status = run_application (argv[0], options.file);

  am_cli_options_clear (&options);

  return status;
}

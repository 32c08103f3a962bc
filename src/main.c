/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "am-cli.h"

int
main (int   argc,
      char *argv[])
{
  AmCliOptions options;
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!am_cli_parse (&options, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      am_cli_options_clear (&options);
      return 2;
    }

  status = am_cli_run (&options);
  am_cli_options_clear (&options);

  return status;
}

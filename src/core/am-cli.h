/* am-cli.h: the command line, which needs no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     *export_path;
  char     *view;          /* "map" (NULL) or "positions": what an export draws */
  char     *save_path;
  char     *file;          /* NULL for the bundled map */
  gboolean  stats;
  gboolean  static_svg;    /* --static: an SVG without panels */
  gboolean  version;
} AmCliOptions;

void      am_cli_options_clear   (AmCliOptions  *options);
/* Parses the command line; FALSE with @error on a bad one. */
gboolean  am_cli_parse           (AmCliOptions  *options,
                                  int           *argc,
                                  char        ***argv,
                                  GError       **error);
/* TRUE when the options ask for work without a window. */
gboolean  am_cli_is_headless     (const AmCliOptions *options);
/* Does the headless work; returns the exit status. */
int       am_cli_run             (const AmCliOptions *options);

G_END_DECLS

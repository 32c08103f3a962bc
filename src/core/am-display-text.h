/* am-display-text.h: text from a file made safe to show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A name on one line in a list, a title or a tooltip. */
#define AM_DISPLAY_LINE_MAX_CHARS 200
/* A description, before "Show all". */
#define AM_DISPLAY_TEXT_MAX_CHARS 4000
#define AM_DISPLAY_TEXT_MAX_LINES 60

char     *am_display_line               (const char *text,
                                         guint       max_chars);
char     *am_display_text               (const char *text,
                                         guint       max_chars,
                                         guint       max_lines,
                                         gboolean   *truncated);
gboolean  am_display_text_is_blank      (const char *text);
gboolean  am_display_text_needs_isolate (const char *text);
gboolean  am_display_text_is_plain      (const char *text);

G_END_DECLS

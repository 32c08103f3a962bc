/* am-application.h: the desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AM_TYPE_APPLICATION (am_application_get_type ())

G_DECLARE_FINAL_TYPE (AmApplication, am_application, AM, APPLICATION, AdwApplication)

AmApplication *am_application_new                (void);
void           am_application_tune_allocator     (void);
/* Microseconds since the process started, or -1: for timing start-up. */
gint64         am_application_time_since_process_start (void);
/* When main() began (g_get_monotonic_time), for timing start-up. */
void           am_application_set_main_time      (AmApplication  *self,
                                                  gint64          main_time);

/* Makes the templates, menus and style sheet findable; safe to call more
 * than once. Widgets call it in class_init so that they also work without
 * an AmApplication, as in the tests. */

G_END_DECLS

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

G_END_DECLS

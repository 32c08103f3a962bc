/* am-app-resources.c: the templates, style sheet and shortcuts window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "am-app-resources.h"
#include "am-ui-resources.h"

/* Every widget with a template calls this in its class_init, so that a
 * widget works whether or not an AmApplication exists (the tests build
 * widgets without one). Registered by hand: the constructor that would do
 * it lives in a static library and may never be linked in. */
void
am_app_resources_register (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      g_resources_register (am_ui_get_resource ());
      g_once_init_leave (&registered, 1);
    }
}

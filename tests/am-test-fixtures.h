/* am-test-fixtures.h: what a test does when a fixture is missing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

/* A test that needs something outside the repository (the GraphML corpus,
 * the source article, a locale) skips when a developer lacks it, but fails
 * in CI (CI is set there), where a skip would hide a missing install step. */
static inline void
am_test_skip_unless_ci (const char *reason)
{
  if (g_getenv ("CI") != NULL)
    g_test_fail_printf ("missing in CI: %s", reason);
  else
    g_test_skip (reason);
}

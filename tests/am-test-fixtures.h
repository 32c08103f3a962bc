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

/* The corpus file @folder/@name below AM_CORPUS_DIR; NULL, having
 * skipped as above, when it is not there: the test then returns. */
static inline char *
am_test_corpus_file (const char *folder,
                     const char *name)
{
  const char *dir = g_getenv ("AM_CORPUS_DIR");
  char *path = g_build_filename (dir != NULL ? dir : ".", folder, name, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      am_test_skip_unless_ci ("GraphML corpus not found (set AM_CORPUS_DIR)");
      g_free (path);
      return NULL;
    }

  return path;
}

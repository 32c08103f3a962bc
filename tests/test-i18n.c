/* test-i18n.c: the translations are built and the application uses them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Headless. The catalogues are the ones meson builds in <builddir>/po; the
 * application is pointed at them with ACTOR_MAP_LOCALEDIR. Languages are
 * chosen with LANGUAGE under LC_ALL=C.UTF-8: glibc (2.35 and later, with
 * C.UTF-8 built in) honours LANGUAGE for every locale but plain "C" and
 * "POSIX", so no system locale has to be generated.
 *
 * Each language is checked in a subprocess of its own, with LANGUAGE set
 * before the first lookup: gettext caches translations per locale, not
 * per LANGUAGE, so one process must not look up two languages.
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <string.h>

static const char *const languages[] = { "de", "fr", "uk" };

static char *
build_root (void)
{
  const char *tests_dir = g_getenv ("G_TEST_BUILDDIR");

  if (tests_dir == NULL)
    return NULL;

  return g_path_get_dirname (tests_dir);
}

static char *
locale_dir (void)
{
  g_autofree char *root = build_root ();

  return root != NULL ? g_build_filename (root, "po", NULL) : NULL;
}

static char *
catalogue_path (const char *language)
{
  g_autofree char *dir = locale_dir ();

  return dir != NULL ? g_build_filename (dir, language, "LC_MESSAGES",
                                         GETTEXT_PACKAGE ".mo", NULL) : NULL;
}

/* Binds the domain to the build directory's catalogues; FALSE (and the
 * test skipped) when the build directory is unknown. */
static gboolean
bind_to_build (void)
{
  g_autofree char *dir = locale_dir ();

  if (dir == NULL)
    {
      g_test_skip ("G_TEST_BUILDDIR is not set");
      return FALSE;
    }

  g_assert_nonnull (bindtextdomain (GETTEXT_PACKAGE, dir));
  g_assert_nonnull (bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8"));
  return TRUE;
}

/* The msgstr for @msgid in the current language, which must exist. */
static const char *
translation_of (const char *msgid)
{
  const char *msgstr = g_dgettext (GETTEXT_PACKAGE, msgid);

  if (msgstr == msgid || g_strcmp0 (msgstr, msgid) == 0)
    g_error ("“%s” has no %s translation", msgid, g_getenv ("LANGUAGE"));

  return msgstr;
}

/* Runs the current test (or @test_path) again in a subprocess whose
 * LANGUAGE is @language, and asserts that it passed. */
static void
run_in_language (const char *language,
                 const char *test_path)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));

  g_setenv ("LANGUAGE", language, TRUE);
  g_test_trap_subprocess (test_path, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");

  g_test_trap_assert_passed ();
}

/* 1. Every catalogue is built, is a gettext catalogue, and is the language
 * it says it is. */

static void
test_catalogues_built (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *path = catalogue_path (languages[i]);
      g_autofree char *contents = NULL;
      gsize length = 0;
      g_autoptr(GError) error = NULL;
      guint32 magic;

      if (path == NULL)
        {
          g_test_skip ("G_TEST_BUILDDIR is not set");
          return;
        }

      g_test_message ("catalogue: %s", path);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (length, >, 28);
      memcpy (&magic, contents, sizeof magic);
      g_assert_true (magic == 0x950412deu || magic == 0xde120495u);
    }
}

static void
check_header (const char *language)
{
  g_autofree char *expected_language = g_strdup_printf ("Language: %s\n", language);
  const char *header;

  if (!bind_to_build ())
    return;

  header = dgettext (GETTEXT_PACKAGE, "");
  g_assert_nonnull (strstr (header, expected_language));
  g_assert_nonnull (strstr (header, "charset=UTF-8"));
  g_assert_nonnull (strstr (header, g_str_equal (language, "uk") ? "nplurals=3;" : "nplurals=2;"));
}

static void
test_catalogue_header (gconstpointer data)
{
  const char *language = data;

  if (g_test_subprocess ())
    {
      check_header (language);
      return;
    }

  run_in_language (language, NULL);
}

/* 2. actor-map --help speaks the language: its summary, option
 * descriptions and argument names are the catalogue's. */

static void
check_help (const char *language)
{
  static const char *const msgids[] = {
    "Show who said what to whom: a map of political actors from a GraphML file "
      "(the bundled map when none is given).",
    "Write the map to OUT (SVG, PNG or PDF, by its extension; CSV for the statements "
      "about issues) and quit",
    "What --export draws: the map (map) or the actors’ positions on the issues (positions)",
    "Print the graph’s counts, keys and warnings and quit",
    "Print the version and quit",
    "OUT",
    "[FILE]",
  };
  const char *program = g_getenv ("AM_ACTOR_MAP");
  g_autofree char *dir = locale_dir ();
  g_auto(GStrv) envp = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  char *argv[] = { NULL, (char *) "--help", NULL };
  int status = -1;
  g_autoptr(GError) error = NULL;

  if (program == NULL)
    {
      g_test_skip ("AM_ACTOR_MAP is not set");
      return;
    }
  if (!bind_to_build ())
    return;

  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", language, TRUE);
  envp = g_environ_setenv (envp, "ACTOR_MAP_LOCALEDIR", dir, TRUE);
  /* --help never needs a display; make sure it does not try one. */
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");

  argv[0] = (char *) program;
  g_spawn_sync (NULL, argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("actor-map --help (%s):\n%s%s", language, out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_utf8_validate (out, -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (msgids); i++)
    {
      const char *msgstr = translation_of (msgids[i]);

      if (strstr (out, msgstr) == NULL)
        g_error ("actor-map --help (%s) lacks “%s”, the translation of “%s”",
                 language, msgstr, msgids[i]);
    }

  /* And it is not the English text with a translation tacked on. */
  g_assert_null (strstr (out, msgids[0]));
}

static void
test_help_translated (gconstpointer data)
{
  const char *language = data;

  if (g_test_subprocess ())
    {
      check_help (language);
      return;
    }

  run_in_language (language, NULL);
}

/* 3. Ukrainian plurals take the form the number asks for: one for 1, 21,
 * a few for 2–4, 22, many for 5, 11, 12, 14. */

static void
check_plural_forms (void)
{
  static const struct {
    gulong      n;
    const char *word;
  } cases[] = {
    { 1, "вузол " }, { 2, "вузли " }, { 5, "вузлів " },
    { 11, "вузлів " }, { 12, "вузлів " }, { 14, "вузлів " },
    { 21, "вузол " }, { 22, "вузли " }, { 104, "вузли " }, { 111, "вузлів " },
  };
  const char *one, *few, *many;

  if (!bind_to_build ())
    return;

  one = g_dngettext (GETTEXT_PACKAGE, "%u node was named by edges but not declared",
                     "%u nodes were named by edges but not declared", 1);
  few = g_dngettext (GETTEXT_PACKAGE, "%u node was named by edges but not declared",
                     "%u nodes were named by edges but not declared", 2);
  many = g_dngettext (GETTEXT_PACKAGE, "%u node was named by edges but not declared",
                      "%u nodes were named by edges but not declared", 5);

  g_test_message ("1: %s\n2: %s\n5: %s", one, few, many);
  g_assert_cmpstr (one, !=, "%u node was named by edges but not declared");
  g_assert_cmpstr (one, !=, few);
  g_assert_cmpstr (few, !=, many);
  g_assert_cmpstr (one, !=, many);
  g_assert_true (g_str_has_prefix (one, "%u "));
  g_assert_true (g_str_has_prefix (few, "%u "));
  g_assert_true (g_str_has_prefix (many, "%u "));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *form = g_dngettext (GETTEXT_PACKAGE,
                                      "%u node was named by edges but not declared",
                                      "%u nodes were named by edges but not declared",
                                      cases[i].n);

      if (strstr (form, cases[i].word) == NULL)
        g_error ("n = %lu: “%s” lacks “%s”", cases[i].n, form, cases[i].word);
    }
}

static void
test_plural_forms (void)
{
  if (g_test_subprocess ())
    {
      check_plural_forms ();
      return;
    }

  run_in_language ("uk", NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* What the tests' environment sets; also when run by hand. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  if (setlocale (LC_ALL, "") == NULL)
    g_printerr ("C.UTF-8 is not available; translations will not be found\n");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/i18n/catalogues-built", test_catalogues_built);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *header_path = g_strdup_printf ("/i18n/header/%s", languages[i]);
      g_autofree char *help_path = g_strdup_printf ("/i18n/help/%s", languages[i]);

      g_test_add_data_func (header_path, languages[i], test_catalogue_header);
      g_test_add_data_func (help_path, languages[i], test_help_translated);
    }
  g_test_add_func ("/i18n/plural-forms/uk", test_plural_forms);

  return g_test_run ();
}

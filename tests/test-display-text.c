/* test-display-text.c: what is shown of text from a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "am-display-text.h"
#include "am-graphml-reader.h"
#include "am-render-private.h"

#define FSI "\xe2\x81\xa8"
#define PDI "\xe2\x81\xa9"
#define RLO "\xe2\x80\xae"
#define ACUTE "\xcc\x81"

static void
test_plain_text_is_kept (void)
{
  g_autofree char *line = am_display_line ("Ministry of Foreign Affairs", 200);
  g_autofree char *text = am_display_text ("Two\nlines", 4000, 60, NULL);
  g_autoptr(GString) scratch = g_string_new (NULL);
  const char *label = "Émile Zola";

  g_assert_cmpstr (line, ==, "Ministry of Foreign Affairs");
  g_assert_cmpstr (text, ==, "Two\nlines");
  /* Ordinary labels are drawn as they are, so exports do not change. */
  g_assert_true (am_render_display_label (label, scratch) == label);
}

static void
test_line_breaks_make_one_line (void)
{
  GString *many = g_string_new ("x");
  g_autofree char *line = NULL;
  gint64 start = g_get_monotonic_time ();

  for (int i = 0; i < 50000; i++)
    g_string_append (many, "\r\n");
  g_string_append (many, "y");
  line = am_display_line (many->str, 200);
  g_string_free (many, TRUE);

  g_assert_cmpstr (line, ==, "x y");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 100 * 1000);
}

static void
test_long_text_is_capped (void)
{
  g_autofree char *huge = g_strnfill (1024 * 1024, 'W');
  g_autofree char *line = am_display_line (huge, 200);
  g_autofree char *text = NULL;
  GString *lines = g_string_new (NULL);
  gboolean cut = FALSE;

  g_assert_cmpuint (g_utf8_strlen (line, -1), ==, 201);
  g_assert_true (g_str_has_suffix (line, "…"));

  for (int i = 0; i < 100000; i++)
    g_string_append (lines, "line\n");
  text = am_display_text (lines->str, 4000, 60, &cut);
  g_string_free (lines, TRUE);
  g_assert_true (cut);
  g_assert_cmpuint (strlen (text), <, 400);
  g_clear_pointer (&text, g_free);

  text = am_display_text ("short\n\n\n", 4000, 2, &cut);
  g_assert_false (cut);
}

static void
test_stacked_marks_are_cut (void)
{
  GString *zalgo = g_string_new ("e");
  g_autofree char *line = NULL;
  g_autoptr(GString) scratch = g_string_new (NULL);
  const char *shown;

  for (int i = 0; i < 5000; i++)
    g_string_append (zalgo, ACUTE);
  g_string_append (zalgo, "f");
  line = am_display_line (zalgo->str, 200);
  g_assert_cmpstr (line, ==, "e" ACUTE ACUTE ACUTE ACUTE "f");

  shown = am_render_display_label (zalgo->str, scratch);
  g_assert_cmpuint (strlen (shown), <, 40);
  g_string_free (zalgo, TRUE);

  /* Vietnamese stacks two, and keeps them. */
  g_assert_true (am_display_text_is_plain ("Nguyễn"));
}

static void
test_direction_is_isolated (void)
{
  g_autofree char *spoof = am_display_line ("abc" RLO "gnp.exe", 200);
  g_autofree char *hebrew = am_display_line ("שלום world", 200);
  g_autofree char *text = am_display_text ("a" RLO "b\nc", 100, 10, NULL);
  g_autoptr(GString) scratch = g_string_new (NULL);

  g_assert_cmpstr (spoof, ==, FSI "abc" RLO "gnp.exe" PDI);
  g_assert_cmpstr (hebrew, ==, FSI "שלום world" PDI);
  /* Each line on its own: isolates end at a paragraph's end. */
  g_assert_cmpstr (text, ==, FSI "a" RLO "b" PDI "\n" FSI "c" PDI);
  g_assert_cmpstr (am_render_display_label ("abc" RLO "gnp.exe", scratch), ==,
                   FSI "abc" RLO "gnp.exe" PDI);
}

static void
test_controls_are_spaces (void)
{
  g_autofree char *line = am_display_line ("a\x1b[31mred\tb\xc2\x85" "c", 200);
  g_autofree char *invalid = am_display_line ("bad\xff", 200);

  g_assert_cmpstr (line, ==, "a [31mred b c");
  g_assert_cmpstr (invalid, ==, "bad\xef\xbf\xbd");
}

static void
test_blank (void)
{
  g_assert_true (am_display_text_is_blank ("\xe2\x80\x8b\xe2\x80\x8c\xe2\x80\x8d\xef\xbb\xbf"));
  g_assert_true (am_display_text_is_blank (" \t\xe2\x80\xae "));
  g_assert_false (am_display_text_is_blank ("\xe2\x80\x8b" "a"));
}

static void
test_zero_width_label_falls_back_to_id (void)
{
  static const char doc[] =
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">"
    "<key id=\"d0\" for=\"node\" attr.name=\"label\"/><graph>"
    "<node id=\"zw\"><data key=\"d0\">\xe2\x80\x8b\xe2\x80\x8d</data></node>"
    "<node id=\"ok\"><data key=\"d0\">Named</data></node></graph></graphml>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (doc, sizeof doc - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(AmGraph) graph = am_graphml_read_bytes (bytes, "test.graphml", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (am_graph_get_node (graph, 0)->label, ==, "zw");
  g_assert_cmpstr (am_graph_get_node (graph, 1)->label, ==, "Named");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/display-text/plain", test_plain_text_is_kept);
  g_test_add_func ("/display-text/line-breaks", test_line_breaks_make_one_line);
  g_test_add_func ("/display-text/long", test_long_text_is_capped);
  g_test_add_func ("/display-text/stacked-marks", test_stacked_marks_are_cut);
  g_test_add_func ("/display-text/direction", test_direction_is_isolated);
  g_test_add_func ("/display-text/controls", test_controls_are_spaces);
  g_test_add_func ("/display-text/blank", test_blank);
  g_test_add_func ("/display-text/zero-width-label", test_zero_width_label_falls_back_to_id);

  return g_test_run ();
}

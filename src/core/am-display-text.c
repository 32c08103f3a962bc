/* am-display-text.c: text from a file made safe to show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A label is whatever a file says: fifty thousand line breaks, thousands
 * of accents stacked on one letter, or a right-to-left override that
 * turns the text after it around. What is shown of it is bounded in
 * length and lines, its marks stacked a few high at most, and its
 * direction isolated (U+2068 FIRST STRONG ISOLATE … U+2069 POP
 * DIRECTIONAL ISOLATE) so that it cannot reorder what stands beside it.
 * Plain left-to-right text is returned as it was.
 */

#include "config.h"

#include <string.h>

#include "am-display-text.h"

#define FSI "\xe2\x81\xa8"
#define PDI "\xe2\x81\xa9"
/* Marks on one letter: enough for any script, Vietnamese or Tibetan. */
#define MAX_MARKS 4

static gboolean
is_direction_control (gunichar c)
{
  return c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static gboolean
is_right_to_left (gunichar c)
{
  /* Hebrew, Arabic, Syriac, Thaana, N'Ko and their neighbours, their
   * presentation forms, and the right-to-left scripts of the upper
   * planes. */
  return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
         (c >= 0xFE70 && c <= 0xFEFF) || (c >= 0x10800 && c <= 0x10FFF) ||
         (c >= 0x1E800 && c <= 0x1EFFF);
}

static gboolean
is_mark (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
         type == G_UNICODE_ENCLOSING_MARK;
}

static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x0085 || c == 0x2028 || c == 0x2029;
}

gboolean
am_display_text_needs_isolate (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      gunichar c;

      if (*p < 0x80)
        continue;
      c = g_utf8_get_char_validated ((const char *) p, -1);
      if (c < 0x80000000 && (is_right_to_left (c) || is_direction_control (c)))
        return TRUE;
    }

  return FALSE;
}

/* Whether @text can be drawn as it is: no right-to-left or direction
 * control characters, no tall stacks of marks. Other controls are left
 * to the painters, which drop them. */
gboolean
am_display_text_is_plain (const char *text)
{
  guint n_marks = 0;

  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; )
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          n_marks = 0;
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, -1);
      if (c >= 0x80000000 || is_right_to_left (c) || is_direction_control (c))
        return FALSE;
      if (!is_mark (c))
        n_marks = 0;
      else if (++n_marks > MAX_MARKS)
        return FALSE;
      p = g_utf8_next_char (p);
    }

  return TRUE;
}

/* Whitespace, and characters that show nothing: zero-width spaces and
 * joiners, direction marks, the byte-order mark, controls. */
gboolean
am_display_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; )
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c >= 0x80000000)
        return FALSE;
      if (!g_unichar_isspace (c) && !g_unichar_iscntrl (c) &&
          g_unichar_type (c) != G_UNICODE_FORMAT && c != 0x115F && c != 0x1160 &&
          c != 0x3164 && c != 0xFFA0)
        return FALSE;
      p = g_utf8_next_char (p);
    }

  return TRUE;
}

/* Appends @text[0..@length) to @out: valid UTF-8, controls and line
 * breaks as @line_break (or a space), marks at most MAX_MARKS deep, at
 * most @max_chars characters and @max_lines lines. Returns whether any
 * of it was left out. */
static gboolean
append_bounded (GString    *out,
                const char *text,
                guint       max_chars,
                guint       max_lines,
                gboolean    keep_lines)
{
  const char *p = text;
  guint n_chars = 0, n_lines = 1, n_marks = 0;
  gboolean isolate = am_display_text_needs_isolate (text);
  gboolean line_open = FALSE;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      const char *next = c < 0x80000000 ? g_utf8_next_char (p) : p + 1;

      if (c >= 0x80000000)
        c = 0xFFFD;

      if (is_line_break (c))
        {
          /* CR LF is one break. */
          if (c == '\r' && *next == '\n')
            next++;
          if (!keep_lines)
            c = ' ';
          else
            {
              if (n_lines >= max_lines)
                break;
              if (isolate && line_open)
                g_string_append (out, PDI);
              line_open = FALSE;
              g_string_append_c (out, '\n');
              n_lines++;
              n_marks = 0;
              p = next;
              continue;
            }
        }

      if (n_chars >= max_chars)
        break;

      if (is_mark (c))
        {
          if (++n_marks > MAX_MARKS)
            {
              p = next;
              continue;
            }
        }
      else
        n_marks = 0;

      if (c == '\t' || (g_unichar_iscntrl (c) && c != '\n'))
        c = ' ';
      /* On one line, a run of spaces and breaks is one space. */
      if (!keep_lines && c == ' ' && out->len > 0 && out->str[out->len - 1] == ' ')
        {
          p = next;
          continue;
        }

      if (isolate && !line_open)
        g_string_append (out, FSI);
      line_open = TRUE;
      g_string_append_unichar (out, c);
      n_chars++;
      p = next;
    }

  /* Trailing breaks and spaces are not worth an ellipsis. */
  while (*p != '\0' && g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    {
      if (isolate && !line_open)
        g_string_append (out, FSI);
      line_open = TRUE;
      g_string_append (out, "…");
    }
  if (isolate && line_open)
    g_string_append (out, PDI);

  return *p != '\0';
}

char *
am_display_line (const char *text,
                 guint       max_chars)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (MIN (strlen (text), (gsize) max_chars * 4) + 8);
  /* Leading space would only push the name aside. */
  while (g_ascii_isspace (*text))
    text++;
  append_bounded (out, text, max_chars, 1, FALSE);
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

char *
am_display_text (const char *text,
                 guint       max_chars,
                 guint       max_lines,
                 gboolean   *truncated)
{
  GString *out;
  gboolean cut;

  if (text == NULL)
    text = "";

  out = g_string_sized_new (MIN (strlen (text), (gsize) max_chars * 4) + 8);
  cut = append_bounded (out, text, max_chars, max_lines, TRUE);
  if (truncated != NULL)
    *truncated = cut;

  return g_string_free (out, FALSE);
}

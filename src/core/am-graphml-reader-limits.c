/* am-graphml-reader-limits.c: what a file may cost to read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small file must not take minutes or gigabytes: elements are counted,
 * entities and attribute defaults are charged against a budget in
 * proportion to the file, and start tags with thousands of attributes are
 * refused before the parser compares them pair by pair.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "am-graphml-reader-private.h"

/* What entities and attribute defaults may add to a file, as a multiple
 * of its size and a floor for small files: well above any honest use,
 * far below what exhausts memory or time. */
#define EXPANSION_FACTOR     8
#define EXPANSION_FLOOR      (4 * 1024 * 1024)
/* libxml2 checks a start tag's attributes for duplicates pair by pair:
 * more than this many on one element costs seconds. */
#define MAX_ATTRIBUTES       4096


static guint32 max_elements = AM_GRAPH_MAX_ELEMENTS;

/* For the tests, which cannot write files of two billion nodes; 0 puts
 * the real limit back. Not to be called while a file is read. */
void
am_graphml_reader_set_max_elements (guint32 limit)
{
  max_elements = limit > 0 && limit < AM_GRAPH_MAX_ELEMENTS ? limit : AM_GRAPH_MAX_ELEMENTS;
}

guint32
am_graphml_reader_get_max_elements (void)
{
  return max_elements;
}

/* Whether a graph holding @n elements of @kind may take one more; fails
 * the reading when not. */
gboolean
am_graphml_reader_has_room (Reader      *reader,
                            guint        n,
                            ElementType  kind)
{
  if (G_LIKELY (n < max_elements))
    return TRUE;

  switch (kind)
    {
    case ELEMENT_NODE:
      am_graphml_reader_fail (reader, AM_GRAPHML_ERROR_LIMIT,
                              _("The file has more than %u nodes, the most a map can hold"), max_elements);
      break;
    case ELEMENT_EDGE:
      am_graphml_reader_fail (reader, AM_GRAPHML_ERROR_LIMIT,
                              _("The file has more than %u edges, the most a map can hold"), max_elements);
      break;
    case ELEMENT_KEY:
      am_graphml_reader_fail (reader, AM_GRAPHML_ERROR_LIMIT,
                              _("The file has more than %u keys, the most a map can hold"), max_elements);
      break;
    case ELEMENT_GRAPH:
      am_graphml_reader_fail (reader, AM_GRAPHML_ERROR_LIMIT,
                              _("The file has more than %u graphs, the most a map can hold"), max_elements);
      break;
    case ELEMENT_HYPEREDGE:
      am_graphml_reader_fail (reader, AM_GRAPHML_ERROR_LIMIT,
                              _("The file has more than %u hyperedges, the most a map can hold"),
                              max_elements);
      break;
    case ELEMENT_ENDPOINT:
      am_graphml_reader_fail (reader, AM_GRAPHML_ERROR_LIMIT,
                              _("The file has more than %u endpoints, the most a map can hold"),
                              max_elements);
      break;
    case ELEMENT_PORT:
      am_graphml_reader_fail (reader, AM_GRAPHML_ERROR_LIMIT,
                              _("The file has more than %u ports, the most a map can hold"), max_elements);
      break;
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}


/* Whether @n more bytes of expansion still fit the file's budget; fails
 * the reading when not. Every entity reference, in text or in any
 * attribute, nested or not, passes through on_get_entity. */
gboolean
am_graphml_reader_charge_expansion (Reader  *reader,
                                    guint64  n)
{
  guint64 size = (guint64) MAX (MAX (reader->size_hint, reader->bytes_read), 0);

  reader->expanded += n;
  if (G_LIKELY (reader->expanded <= EXPANSION_FLOOR + EXPANSION_FACTOR * size))
    return TRUE;

  am_graphml_reader_fail (reader, AM_GRAPHML_ERROR_LIMIT,
                          _("Entities here expand the file to more than %d times its size; "
                            "it is not read"), EXPANSION_FACTOR);
  return FALSE;
}

/* Counts the attributes of each start tag in the raw input, before the
 * parser spends quadratic time on them. Bytes, not characters: in other
 * encodings than UTF-8 an approximation, which errs by little. Returns
 * where the limit was passed, or NULL. */
static const char *
scan_attributes (Reader     *reader,
                 const char *p,
                 const char *end)
{
  while (p < end)
    {
      if (reader->scan.quote != 0)
        {
          const char *close = memchr (p, reader->scan.quote, end - p);

          if (close == NULL)
            break;
          reader->scan.quote = 0;
          p = close + 1;
          continue;
        }

      if (!reader->scan.in_tag)
        {
          const char *open = memchr (p, '<', end - p);

          if (open == NULL)
            break;
          p = open + 1;
          /* Only start tags: not <!…>, <?…?> or end tags. */
          reader->scan.in_tag = p == end || (*p != '!' && *p != '?' && *p != '/');
          reader->scan.n_attributes = 0;
          continue;
        }

      if (*p == '>')
        reader->scan.in_tag = FALSE;
      else if (*p == '"' || *p == '\'')
        reader->scan.quote = *p;
      else if (*p == '=' && ++reader->scan.n_attributes > MAX_ATTRIBUTES)
        return p;
      p++;
    }

  return NULL;
}

/* Keeps the line count of the raw input up to @end. */
static void
scan_lines (Reader     *reader,
            const char *buffer,
            const char *end)
{
  for (const char *p = buffer; (p = memchr (p, '\n', end - p)) != NULL; p++)
    {
      reader->scan.line++;
      reader->scan.line_start = reader->bytes_read + (p + 1 - buffer);
    }
}

gboolean
am_graphml_reader_scan_input (Reader     *reader,
                              const char *buffer,
                              gsize       length)
{
  const char *over = scan_attributes (reader, buffer, buffer + length);

  if (over == NULL)
    {
      scan_lines (reader, buffer, buffer + length);
      return TRUE;
    }

  scan_lines (reader, buffer, over);
  if (reader->error == NULL)
    reader->error = g_error_new (AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_LIMIT,
                                 _("%s:%d:%d: an element has more than %d attributes; "
                                   "the file is not read"),
                                 reader->name, reader->scan.line + 1,
                                 (int) (reader->bytes_read + (over - buffer) -
                                        reader->scan.line_start) + 1,
                                 MAX_ATTRIBUTES);
  return FALSE;
}

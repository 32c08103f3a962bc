/* am-svg-painter.c: the painter that writes SVG 1.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "am-svg-painter-private.h"

/* Output is handed to the stream in pieces of about this size, so that a
 * map of a million edges never sits in memory as one string. */
#define FLUSH_SIZE (256 * 1024)

/* Coordinates beyond this are no drawing anybody can look at; keeping
 * numbers short also keeps them exact in every reader. */
#define MAX_COORDINATE 1e9

#define MAX_DASHES 8

typedef enum
{
  PATH_EMPTY,
  PATH_CIRCLE,
  PATH_RECT,
  PATH_GENERAL,
} PathKind;

typedef struct
{
  AmPainter      parent;

  GOutputStream *stream;
  GString       *out;
  GError        *error;
  GHashTable    *ids;
  /* Requested id → Reservation, for groups named before they are drawn. */
  GHashTable    *reserved;
  /* One byte per open group: TRUE when it is inside a link of its own. */
  GByteArray    *links;
  guint          depth;
  guint          n_labels;
  gboolean       finished;

  GString       *path;
  PathKind       path_kind;
  double         shape[5];
  gboolean       path_invalid;

  AmColour       fill;
  AmColour       stroke;
  double         stroke_width;
  double         dashes[MAX_DASHES];
  guint          n_dashes;
} AmSvgPainter;

#define SELF(p) ((AmSvgPainter *) (p))

typedef struct
{
  char *id;
  char *href;
  char *label;
} Reservation;

static void
reservation_free (gpointer data)
{
  Reservation *reservation = data;

  g_free (reservation->id);
  g_free (reservation->href);
  g_free (reservation->label);
  g_free (reservation);
}

/* Output */

static void
flush (AmSvgPainter *self)
{
  if (self->error == NULL && self->out->len > 0)
    g_output_stream_write_all (self->stream, self->out->str, self->out->len, NULL,
                               NULL, &self->error);

  g_string_truncate (self->out, 0);
}

static inline void
maybe_flush (AmSvgPainter *self)
{
  if (self->out->len >= FLUSH_SIZE)
    flush (self);
}

/* Like "%.2f" without trailing zeros, in the C locale whatever the
 * user's, and never "nan" or "inf". */
static void
append_number (GString *out,
               double   value)
{
  char digits[32];
  gint64 hundredths;
  guint64 whole, n;
  guint fraction;
  int len = 0;

  if (!isfinite (value))
    value = 0;
  value = CLAMP (value, -MAX_COORDINATE, MAX_COORDINATE);

  hundredths = (gint64) llround (value * 100.0);
  if (hundredths < 0)
    g_string_append_c (out, '-');

  n = hundredths < 0 ? (guint64) -hundredths : (guint64) hundredths;
  whole = n / 100;
  fraction = (guint) (n % 100);

  do
    {
      digits[len++] = (char) ('0' + whole % 10);
      whole /= 10;
    }
  while (whole > 0);
  while (len > 0)
    g_string_append_c (out, digits[--len]);

  if (fraction != 0)
    {
      g_string_append_c (out, '.');
      g_string_append_c (out, (char) ('0' + fraction / 10));
      if (fraction % 10 != 0)
        g_string_append_c (out, (char) ('0' + fraction % 10));
    }
}

static void
append_attribute_number (GString    *out,
                         const char *name,
                         double      value)
{
  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  append_number (out, value);
  g_string_append_c (out, '"');
}

static void
append_colour (GString        *out,
               const char     *name,
               const char     *opacity_name,
               const AmColour *colour)
{
  static const char hex[] = "0123456789abcdef";
  double components[3] = { colour->red, colour->green, colour->blue };

  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"#");
  for (guint i = 0; i < 3; i++)
    {
      double c = isfinite (components[i]) ? CLAMP (components[i], 0.0, 1.0) : 0.0;
      guint byte = (guint) (c * 255.0 + 0.5);

      g_string_append_c (out, hex[byte >> 4]);
      g_string_append_c (out, hex[byte & 0xf]);
    }
  g_string_append_c (out, '"');

  if (isfinite (colour->alpha) && colour->alpha < 0.995)
    append_attribute_number (out, opacity_name, MAX (colour->alpha, 0.0));
}

static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xa || c == 0xd ||
         (c >= 0x20 && c <= 0xd7ff) ||
         (c >= 0xe000 && c <= 0xfffd) ||
         (c >= 0x10000 && c <= 0x10ffff);
}

/* Escapes @text for XML 1.0, dropping the characters it cannot hold at
 * all (most control characters) and replacing invalid UTF-8. In
 * attributes, line breaks and tabs are kept as references, since a parser
 * would otherwise turn them into spaces. */
static void
append_escaped (GString    *out,
                const char *text,
                gboolean    attribute)
{
  const char *p = text;
  const char *end = text + strlen (text);

  while (p < end)
    {
      guchar c = (guchar) *p;

      if (c < 0x80)
        {
          switch (c)
            {
            case '&':
              g_string_append (out, "&amp;");
              break;
            case '<':
              g_string_append (out, "&lt;");
              break;
            case '>':
              g_string_append (out, "&gt;");
              break;
            case '"':
              g_string_append (out, "&quot;");
              break;
            case '\'':
              g_string_append (out, "&apos;");
              break;
            case '\r':
              g_string_append (out, "&#13;");
              break;
            case '\n':
            case '\t':
              if (attribute)
                g_string_append (out, c == '\n' ? "&#10;" : "&#9;");
              else
                g_string_append_c (out, (char) c);
              break;
            default:
              if (c >= 0x20 && c != 0x7f)
                g_string_append_c (out, (char) c);
              break;
            }
          p++;
        }
      else
        {
          gunichar ch = g_utf8_get_char_validated (p, end - p);

          if (ch == (gunichar) -1 || ch == (gunichar) -2)
            {
              g_string_append (out, "\xef\xbf\xbd");
              p++;
              continue;
            }

          if (is_xml_char (ch))
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
          p = g_utf8_next_char (p);
        }
    }
}

/* Ids */

static gboolean
is_name_start_char (gunichar c)
{
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
         (c >= 0xc0 && c <= 0xd6) || (c >= 0xd8 && c <= 0xf6) ||
         (c >= 0xf8 && c <= 0x2ff) || (c >= 0x370 && c <= 0x37d) ||
         (c >= 0x37f && c <= 0x1fff) || (c >= 0x200c && c <= 0x200d) ||
         (c >= 0x2070 && c <= 0x218f) || (c >= 0x2c00 && c <= 0x2fef) ||
         (c >= 0x3001 && c <= 0xd7ff) || (c >= 0xf900 && c <= 0xfdcf) ||
         (c >= 0xfdf0 && c <= 0xfffd) || (c >= 0x10000 && c <= 0xeffff);
}

static gboolean
is_name_char (gunichar c)
{
  return is_name_start_char (c) || c == '-' || c == '.' || (c >= '0' && c <= '9') ||
         c == 0xb7 || (c >= 0x300 && c <= 0x36f) || (c >= 0x203f && c <= 0x2040);
}

/* An XML name (without colons, so that it is also a CSS identifier in
 * most cases) made from @id, not yet used in this document. */
static char *
make_unique_id (AmSvgPainter *self,
                const char   *id)
{
  GString *name = g_string_new (NULL);
  const char *p = id != NULL ? id : "";
  const char *end = p + strlen (p);
  gsize base_len;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_c (name, '_');
          p++;
          continue;
        }

      if (name->len == 0 && !is_name_start_char (c))
        g_string_append (name, "id-");

      if (is_name_char (c))
        g_string_append_unichar (name, c);
      else
        g_string_append_c (name, '_');
      p = g_utf8_next_char (p);
    }

  if (name->len == 0)
    g_string_append (name, "id");

  base_len = name->len;
  for (guint n = 2; g_hash_table_contains (self->ids, name->str); n++)
    {
      g_string_truncate (name, base_len);
      g_string_append_printf (name, "-%u", n);
    }

  g_hash_table_add (self->ids, g_strdup (name->str));

  return g_string_free (name, FALSE);
}

/* Groups */

static void
svg_painter_begin_group (AmPainter  *painter,
                         const char *css_class,
                         const char *id,
                         const char *title)
{
  AmSvgPainter *self = SELF (painter);
  GString *out = self->out;
  Reservation *reservation = NULL;
  gpointer requested = NULL;
  guint8 linked;

  /* A reservation serves one group; another of the same id gets its own. */
  if (id != NULL && self->reserved != NULL &&
      g_hash_table_steal_extended (self->reserved, id, &requested, (gpointer *) &reservation))
    g_free (requested);

  linked = reservation != NULL && reservation->href != NULL;
  g_byte_array_append (self->links, &linked, 1);
  if (linked)
    {
      g_string_append (out, "<a xlink:href=\"");
      append_escaped (out, reservation->href, TRUE);
      g_string_append (out, "\" aria-label=\"");
      append_escaped (out, reservation->label != NULL ? reservation->label : "", TRUE);
      g_string_append (out, "\">");
    }

  g_string_append (out, "<g");
  if (css_class != NULL && *css_class != '\0')
    {
      g_string_append (out, " class=\"");
      append_escaped (out, css_class, TRUE);
      g_string_append_c (out, '"');
    }
  if (reservation != NULL)
    {
      g_string_append (out, " id=\"");
      g_string_append (out, reservation->id);
      g_string_append_c (out, '"');
      reservation_free (reservation);
    }
  else if (id != NULL)
    {
      g_autofree char *unique = make_unique_id (self, id);

      g_string_append (out, " id=\"");
      g_string_append (out, unique);
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, '>');

  if (title != NULL && *title != '\0')
    {
      g_string_append (out, "<title>");
      append_escaped (out, title, FALSE);
      g_string_append (out, "</title>");
    }
  g_string_append_c (out, '\n');

  self->depth++;
}

static void
svg_painter_end_group (AmPainter *painter)
{
  AmSvgPainter *self = SELF (painter);

  g_return_if_fail (self->depth > 0);

  self->depth--;
  g_string_append (self->out, "</g>");
  if (self->links->data[self->links->len - 1])
    g_string_append (self->out, "</a>");
  g_string_append_c (self->out, '\n');
  g_byte_array_set_size (self->links, self->links->len - 1);
  maybe_flush (self);
}

/* Paint state */

static void
svg_painter_set_fill (AmPainter      *painter,
                      const AmColour *colour)
{
  SELF (painter)->fill = *colour;
}

static void
svg_painter_set_stroke (AmPainter      *painter,
                        const AmColour *colour,
                        double          width)
{
  AmSvgPainter *self = SELF (painter);

  self->stroke = *colour;
  self->stroke_width = isfinite (width) && width > 0 ? width : 1.0;
}

static void
svg_painter_set_dash (AmPainter    *painter,
                      const double *dashes,
                      guint         n_dashes)
{
  AmSvgPainter *self = SELF (painter);

  self->n_dashes = 0;
  if (dashes == NULL)
    return;

  for (guint i = 0; i < MIN (n_dashes, MAX_DASHES); i++)
    {
      if (!isfinite (dashes[i]) || dashes[i] < 0)
        {
          self->n_dashes = 0;
          return;
        }
      self->dashes[self->n_dashes++] = dashes[i];
    }
}

/* Paths */

static inline gboolean
check_finite (AmSvgPainter *self,
              double        a,
              double        b)
{
  if (G_LIKELY (isfinite (a) && isfinite (b)))
    return TRUE;

  self->path_invalid = TRUE;
  return FALSE;
}

static inline void
append_point (GString *path,
              double   x,
              double   y)
{
  append_number (path, x);
  g_string_append_c (path, ' ');
  append_number (path, y);
}

static void
append_circle_path (GString *path,
                    double   cx,
                    double   cy,
                    double   r)
{
  g_string_append_c (path, 'M');
  append_point (path, cx + r, cy);
  g_string_append_c (path, 'A');
  append_point (path, r, r);
  g_string_append (path, " 0 1 0 ");
  append_point (path, cx - r, cy);
  g_string_append_c (path, 'A');
  append_point (path, r, r);
  g_string_append (path, " 0 1 0 ");
  append_point (path, cx + r, cy);
  g_string_append_c (path, 'Z');
}

static void
append_rect_path (GString *path,
                  double   x,
                  double   y,
                  double   w,
                  double   h,
                  double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  if (r <= 0)
    {
      g_string_append_c (path, 'M');
      append_point (path, x, y);
      g_string_append_c (path, 'H');
      append_number (path, x + w);
      g_string_append_c (path, 'V');
      append_number (path, y + h);
      g_string_append_c (path, 'H');
      append_number (path, x);
      g_string_append_c (path, 'Z');
      return;
    }

  g_string_append_c (path, 'M');
  append_point (path, x + r, y);
  g_string_append_c (path, 'H');
  append_number (path, x + w - r);
  g_string_append_c (path, 'A');
  append_point (path, r, r);
  g_string_append (path, " 0 0 1 ");
  append_point (path, x + w, y + r);
  g_string_append_c (path, 'V');
  append_number (path, y + h - r);
  g_string_append_c (path, 'A');
  append_point (path, r, r);
  g_string_append (path, " 0 0 1 ");
  append_point (path, x + w - r, y + h);
  g_string_append_c (path, 'H');
  append_number (path, x + r);
  g_string_append_c (path, 'A');
  append_point (path, r, r);
  g_string_append (path, " 0 0 1 ");
  append_point (path, x, y + h - r);
  g_string_append_c (path, 'V');
  append_number (path, y + r);
  g_string_append_c (path, 'A');
  append_point (path, r, r);
  g_string_append (path, " 0 0 1 ");
  append_point (path, x + r, y);
  g_string_append_c (path, 'Z');
}

/* A lone circle or rectangle is written as <circle> or <rect>, which
 * reads better; as soon as more joins it, it becomes path data. */
static void
make_general (AmSvgPainter *self)
{
  if (self->path_kind == PATH_CIRCLE)
    append_circle_path (self->path, self->shape[0], self->shape[1], self->shape[2]);
  else if (self->path_kind == PATH_RECT)
    append_rect_path (self->path, self->shape[0], self->shape[1], self->shape[2],
                      self->shape[3], self->shape[4]);

  self->path_kind = PATH_GENERAL;
}

static void
svg_painter_move_to (AmPainter *painter,
                     double     x,
                     double     y)
{
  AmSvgPainter *self = SELF (painter);

  if (!check_finite (self, x, y))
    return;

  make_general (self);
  g_string_append_c (self->path, 'M');
  append_point (self->path, x, y);
}

static void
svg_painter_line_to (AmPainter *painter,
                     double     x,
                     double     y)
{
  AmSvgPainter *self = SELF (painter);

  if (!check_finite (self, x, y))
    return;

  make_general (self);
  g_string_append_c (self->path, 'L');
  append_point (self->path, x, y);
}

static void
svg_painter_curve_to (AmPainter *painter,
                      double     x1,
                      double     y1,
                      double     x2,
                      double     y2,
                      double     x3,
                      double     y3)
{
  AmSvgPainter *self = SELF (painter);

  if (!check_finite (self, x1, y1) || !check_finite (self, x2, y2) ||
      !check_finite (self, x3, y3))
    return;

  make_general (self);
  g_string_append_c (self->path, 'C');
  append_point (self->path, x1, y1);
  g_string_append_c (self->path, ' ');
  append_point (self->path, x2, y2);
  g_string_append_c (self->path, ' ');
  append_point (self->path, x3, y3);
}

static void
svg_painter_close_path (AmPainter *painter)
{
  AmSvgPainter *self = SELF (painter);

  make_general (self);
  g_string_append_c (self->path, 'Z');
}

static void
svg_painter_circle (AmPainter *painter,
                    double     cx,
                    double     cy,
                    double     radius)
{
  AmSvgPainter *self = SELF (painter);

  if (!check_finite (self, cx, cy) || !check_finite (self, radius, 0))
    return;

  radius = MAX (radius, 0);
  if (self->path_kind == PATH_EMPTY)
    {
      self->path_kind = PATH_CIRCLE;
      self->shape[0] = cx;
      self->shape[1] = cy;
      self->shape[2] = radius;
      return;
    }

  make_general (self);
  append_circle_path (self->path, cx, cy, radius);
}

static void
svg_painter_rect (AmPainter *painter,
                  double     x,
                  double     y,
                  double     width,
                  double     height,
                  double     radius)
{
  AmSvgPainter *self = SELF (painter);

  if (!check_finite (self, x, y) || !check_finite (self, width, height) ||
      !check_finite (self, radius, 0))
    return;

  width = MAX (width, 0);
  height = MAX (height, 0);
  radius = CLAMP (radius, 0, MIN (width, height) / 2);
  if (self->path_kind == PATH_EMPTY)
    {
      self->path_kind = PATH_RECT;
      self->shape[0] = x;
      self->shape[1] = y;
      self->shape[2] = width;
      self->shape[3] = height;
      self->shape[4] = radius;
      return;
    }

  make_general (self);
  append_rect_path (self->path, x, y, width, height, radius);
}

static void
clear_path (AmSvgPainter *self)
{
  g_string_truncate (self->path, 0);
  self->path_kind = PATH_EMPTY;
  self->path_invalid = FALSE;
}

static void
append_paint (AmSvgPainter *self,
              AmPaintFlags  flags)
{
  GString *out = self->out;

  if (flags & AM_PAINT_FILL)
    append_colour (out, "fill", "fill-opacity", &self->fill);
  else
    g_string_append (out, " fill=\"none\"");

  if (flags & AM_PAINT_STROKE)
    {
      append_colour (out, "stroke", "stroke-opacity", &self->stroke);
      append_attribute_number (out, "stroke-width", self->stroke_width);
      if (self->n_dashes > 0)
        {
          g_string_append (out, " stroke-dasharray=\"");
          for (guint i = 0; i < self->n_dashes; i++)
            {
              if (i > 0)
                g_string_append_c (out, ',');
              /* A zero dash is a dot with round caps, but some readers
               * drop zero-length dashes. */
              append_number (out, MAX (self->dashes[i], 0.01));
            }
          g_string_append_c (out, '"');
        }
    }
}

static void
svg_painter_paint (AmPainter    *painter,
                   AmPaintFlags  flags)
{
  AmSvgPainter *self = SELF (painter);
  GString *out = self->out;

  if (self->path_invalid || self->path_kind == PATH_EMPTY ||
      (flags & (AM_PAINT_FILL | AM_PAINT_STROKE)) == 0)
    {
      clear_path (self);
      return;
    }

  switch (self->path_kind)
    {
    case PATH_CIRCLE:
      g_string_append (out, "<circle");
      append_attribute_number (out, "cx", self->shape[0]);
      append_attribute_number (out, "cy", self->shape[1]);
      append_attribute_number (out, "r", self->shape[2]);
      break;

    case PATH_RECT:
      g_string_append (out, "<rect");
      append_attribute_number (out, "x", self->shape[0]);
      append_attribute_number (out, "y", self->shape[1]);
      append_attribute_number (out, "width", self->shape[2]);
      append_attribute_number (out, "height", self->shape[3]);
      if (self->shape[4] > 0)
        {
          append_attribute_number (out, "rx", self->shape[4]);
          append_attribute_number (out, "ry", self->shape[4]);
        }
      break;

    case PATH_GENERAL:
    case PATH_EMPTY:
    default:
      g_string_append (out, "<path d=\"");
      g_string_append_len (out, self->path->str, self->path->len);
      g_string_append_c (out, '"');
      break;
    }

  append_paint (self, flags);
  g_string_append (out, "/>\n");

  clear_path (self);
  maybe_flush (self);
}

/* Text */

static void
write_text (AmSvgPainter   *self,
            double          x,
            double          y,
            double          angle,
            const char     *text,
            double          size,
            int             weight,
            AmTextAnchor    anchor,
            const AmColour *halo,
            double          halo_width)
{
  static const char * const anchors[] = { "start", "middle", "end" };
  GString *out = self->out;
  g_autofree char *label_id = NULL;

  if (text == NULL || *text == '\0' || !isfinite (x) || !isfinite (y) ||
      !isfinite (size) || size <= 0)
    return;

  /* The halo is the same <text> drawn again, outlined, underneath: a
   * second copy of the words would be found twice by search and read
   * twice by screen readers. */
  if (halo != NULL && isfinite (halo_width) && halo_width > 0)
    {
      char name[32];

      g_snprintf (name, sizeof name, "label-%u", ++self->n_labels);
      label_id = make_unique_id (self, name);

      g_string_append (out, "<use xlink:href=\"#");
      g_string_append (out, label_id);
      g_string_append_c (out, '"');
      append_colour (out, "stroke", "stroke-opacity", halo);
      append_attribute_number (out, "stroke-width", halo_width);
      g_string_append (out, "/>");
    }

  g_string_append (out, "<text");
  if (label_id != NULL)
    {
      g_string_append (out, " id=\"");
      g_string_append (out, label_id);
      g_string_append_c (out, '"');
    }
  append_attribute_number (out, "x", x);
  append_attribute_number (out, "y", y);
  /* The halo's <use> draws the element with this transform too. */
  if (angle != 0)
    {
      g_string_append (out, " transform=\"rotate(");
      append_number (out, angle * 180 / G_PI);
      g_string_append_c (out, ' ');
      append_number (out, x);
      g_string_append_c (out, ' ');
      append_number (out, y);
      g_string_append (out, ")\"");
    }
  append_attribute_number (out, "font-size", size);
  if (weight != 400)
    g_string_append_printf (out, " font-weight=\"%d\"", CLAMP (weight / 100, 1, 9) * 100);
  if (anchor != AM_TEXT_ANCHOR_START && anchor <= AM_TEXT_ANCHOR_END)
    g_string_append_printf (out, " text-anchor=\"%s\"", anchors[anchor]);
  append_colour (out, "fill", "fill-opacity", &self->fill);
  g_string_append_c (out, '>');
  append_escaped (out, text, FALSE);
  g_string_append (out, "</text>\n");

  maybe_flush (self);
}

static void
svg_painter_text (AmPainter      *painter,
                  double          x,
                  double          y,
                  const char     *text,
                  double          size,
                  int             weight,
                  AmTextAnchor    anchor,
                  const AmColour *halo,
                  double          halo_width)
{
  write_text (SELF (painter), x, y, 0, text, size, weight, anchor, halo, halo_width);
}

static void
svg_painter_rotated_text (AmPainter      *painter,
                          double          x,
                          double          y,
                          double          angle,
                          const char     *text,
                          double          size,
                          int             weight,
                          AmTextAnchor    anchor,
                          const AmColour *halo,
                          double          halo_width)
{
  if (isfinite (angle))
    write_text (SELF (painter), x, y, angle, text, size, weight, anchor, halo, halo_width);
}

/* Life cycle */

static void
svg_painter_free (AmPainter *painter)
{
  AmSvgPainter *self = SELF (painter);

  g_clear_object (&self->stream);
  g_string_free (self->out, TRUE);
  g_string_free (self->path, TRUE);
  g_hash_table_unref (self->ids);
  g_clear_pointer (&self->reserved, g_hash_table_unref);
  g_byte_array_unref (self->links);
  g_clear_error (&self->error);
  g_free (self);
}

static const AmPainterClass svg_painter_class = {
  svg_painter_begin_group,
  svg_painter_end_group,
  svg_painter_set_fill,
  svg_painter_set_stroke,
  svg_painter_set_dash,
  svg_painter_move_to,
  svg_painter_line_to,
  svg_painter_curve_to,
  svg_painter_close_path,
  svg_painter_circle,
  svg_painter_rect,
  svg_painter_paint,
  svg_painter_text,
  svg_painter_rotated_text,
  svg_painter_free,
};

AmPainter *
am_svg_painter_new (GOutputStream *stream,
                    double         width,
                    double         height,
                    const char    *unit,
                    const char    *title)
{
  AmSvgPainter *self;
  GString *out;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  self = g_new0 (AmSvgPainter, 1);
  self->parent.klass = &svg_painter_class;
  self->parent.wants_metadata = TRUE;
  self->parent.scalable = TRUE;
  self->parent.resolution = 1.0;
  self->stream = g_object_ref (stream);
  self->out = out = g_string_sized_new (FLUSH_SIZE + 4096);
  self->path = g_string_sized_new (256);
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->links = g_byte_array_new ();
  self->fill = (AmColour) { 0, 0, 0, 1 };
  self->stroke = (AmColour) { 0, 0, 0, 1 };
  self->stroke_width = 1;

  if (!isfinite (width) || width < 1)
    width = 1;
  if (!isfinite (height) || height < 1)
    height = 1;

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
  g_string_append (out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                        "xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\"");
  g_string_append (out, " width=\"");
  append_number (out, width);
  if (unit != NULL)
    g_string_append (out, unit);
  g_string_append (out, "\" height=\"");
  append_number (out, height);
  if (unit != NULL)
    g_string_append (out, unit);
  g_string_append (out, "\" viewBox=\"0 0 ");
  append_point (out, width, height);
  g_string_append (out, "\" font-family=\"" AM_STYLE_SVG_FONT_FAMILY "\""
                        " stroke-linecap=\"round\" stroke-linejoin=\"round\">\n");

  if (title != NULL && *title != '\0')
    {
      g_string_append (out, "<title>");
      append_escaped (out, title, FALSE);
      g_string_append (out, "</title>\n");
    }

  return &self->parent;
}

/* Closes the document and writes what is left. @painter must still be
 * freed. */
gboolean
am_svg_painter_finish (AmPainter  *painter,
                       GError    **error)
{
  AmSvgPainter *self = SELF (painter);

  g_return_val_if_fail (painter != NULL && painter->klass == &svg_painter_class, FALSE);
  g_return_val_if_fail (!self->finished, FALSE);

  self->finished = TRUE;

  while (self->depth > 0)
    svg_painter_end_group (painter);
  g_string_append (self->out, "</svg>\n");
  flush (self);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }

  return TRUE;
}

/* What only SVG has */

static AmSvgPainter *
get_svg_painter (AmPainter *painter)
{
  g_return_val_if_fail (painter != NULL && painter->klass == &svg_painter_class, NULL);

  return SELF (painter);
}

const char *
am_svg_painter_reserve_group (AmPainter  *painter,
                              const char *requested,
                              const char *href,
                              const char *label)
{
  AmSvgPainter *self = get_svg_painter (painter);
  Reservation *reservation;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (requested != NULL, NULL);

  if (self->reserved == NULL)
    self->reserved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, reservation_free);

  reservation = g_hash_table_lookup (self->reserved, requested);
  if (reservation != NULL)
    {
      if (href != NULL)
        {
          g_free (reservation->href);
          g_free (reservation->label);
          reservation->href = g_strdup (href);
          reservation->label = g_strdup (label);
        }
      return reservation->id;
    }

  reservation = g_new0 (Reservation, 1);
  reservation->id = make_unique_id (self, requested);
  reservation->href = g_strdup (href);
  reservation->label = g_strdup (label);
  g_hash_table_insert (self->reserved, g_strdup (requested), reservation);

  return reservation->id;
}

char *
am_svg_painter_make_id (AmPainter  *painter,
                        const char *requested)
{
  AmSvgPainter *self = get_svg_painter (painter);

  g_return_val_if_fail (self != NULL, NULL);

  return make_unique_id (self, requested);
}

void
am_svg_painter_append_markup (AmPainter  *painter,
                              const char *markup,
                              gssize      length)
{
  AmSvgPainter *self = get_svg_painter (painter);

  g_return_if_fail (self != NULL);
  g_return_if_fail (markup != NULL);

  g_string_append_len (self->out, markup, length < 0 ? (gssize) strlen (markup) : length);
  maybe_flush (self);
}

void
am_svg_append_escaped (GString    *out,
                       const char *text,
                       gboolean    attribute)
{
  append_escaped (out, text, attribute);
}

void
am_svg_append_number (GString *out,
                      double   value)
{
  append_number (out, value);
}

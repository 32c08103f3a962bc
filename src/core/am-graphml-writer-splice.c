/* am-graphml-writer-splice.c: save a map by copying its file's bytes
 *
 * Most of a saved map is the file it was read from, byte for byte: only
 * positions change. So the source is parsed (SAX2, nothing built) only to
 * learn where its tags lie, and its bytes are copied as they are, with
 * the few changes spliced in: a coordinate of a y:Geometry, the text of
 * an x or y <data>, the data a node lacks, keys declared before the first
 * <graph>, the nodes only edges named.
 *
 * Byte offsets are exact only in UTF-8 text read from the document
 * itself: a document in another encoding, or with entities of its own
 * (whose text is not where their references are), is left to the
 * streaming copy, decided before anything is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "am-graphml-writer-private.h"

typedef struct
{
  Writer           *writer;
  AmSpliceSource   *source;
  xmlParserCtxtPtr  ctxt;

  /* The source's bytes from `window_start` on that are still needed
   * (when reading a stream; in memory, all of them are at hand). */
  GByteArray       *window;
  guint64           window_start;
  guint64           copied;        /* the source is in the output up to here */
  gsize             fed;           /* in memory: what the parser was given */

  int               depth;         /* of the element being parsed */
  gboolean          has_entities;
  gboolean          cannot;        /* only the streaming copy can save it */
  gboolean          started;       /* the root has been seen */

  /* An x or y <data> whose text is only known at its end. */
  int               held_depth;    /* -1 when none */
  gboolean          held_is_x;
  guint64           held_content;  /* where its text starts */
  GString          *held_text;
} Splicer;

/* Source bytes */

static const char *
bytes_at (Splicer *self,
          guint64  offset)
{
  if (self->source->data != NULL)
    return self->source->data + offset;
  return (const char *) self->window->data + (offset - self->window_start);
}

static guint64
bytes_end (Splicer *self)
{
  if (self->source->data != NULL)
    return self->source->size;
  return self->window_start + self->window->len;
}

static int
read_source (void *context,
             char *buffer,
             int   length)
{
  Splicer *self = context;
  gssize n;

  /* Between pieces is where a save is given up. */
  if (self->writer->error == NULL &&
      g_cancellable_set_error_if_cancelled (self->writer->cancellable, &self->writer->error))
    return -1;

  if (self->source->data != NULL)
    {
      gsize count = MIN ((gsize) length, self->source->size - self->fed);

      memcpy (buffer, self->source->data + self->fed, count);
      self->fed += count;
      return (int) count;
    }

  /* What is in the output is not needed any more. */
  if (self->copied > self->window_start)
    {
      guint drop = (guint) MIN (self->copied - self->window_start, self->window->len);

      g_byte_array_remove_range (self->window, 0, drop);
      self->window_start += drop;
    }

  /* A failed read ends the document early: reported as a map that could
   * not be read again, and the destination is left as it was. */
  n = g_input_stream_read (self->source->stream, buffer, length, self->writer->cancellable, NULL);
  if (n < 0)
    return -1;
  g_byte_array_append (self->window, (const guint8 *) buffer, (guint) n);
  return (int) n;
}

/* Output */

static void
write_out (Splicer    *self,
           const char *text,
           gsize       length)
{
  Writer *writer = self->writer;

  if (writer->error != NULL || length == 0)
    return;
  if (!g_output_stream_write_all (writer->stream, text, length, NULL, writer->cancellable, &writer->error))
    xmlStopParser (self->ctxt);
}

static void
write_text (Splicer    *self,
            const char *text)
{
  write_out (self, text, strlen (text));
}

/* Copies the source up to @offset. */
static void
copy_until (Splicer *self,
            guint64  offset)
{
  if (offset <= self->copied)
    return;
  write_out (self, bytes_at (self, self->copied), offset - self->copied);
  self->copied = offset;
}

static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      case '\t': g_string_append (out, "&#9;"); break;
      case '\n': g_string_append (out, "&#10;"); break;
      case '\r': g_string_append (out, "&#13;"); break;
      default: g_string_append_c (out, *p); break;
      }
}

static void
append_position_data (Splicer    *self,
                      GString    *out,
                      const char *key,
                      double      value,
                      AmAttrType  type)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  am_graphml_writer_format_coordinate (value, type, text, sizeof text);
  g_string_append (out, "<data key=\"");
  append_escaped (out, key);
  g_string_append_printf (out, "\">%s</data>", text);
}

/* The data the node still lacks, as the streaming copy writes it. */
static void
append_missing_data (Splicer   *self,
                     GString   *out,
                     NodeFrame *frame)
{
  Writer *writer = self->writer;
  double x, y;

  if (!(writer->flags & AM_GRAPHML_SAVE_POSITIONS) || writer->x_key == NULL || writer->y_key == NULL ||
      !am_graphml_writer_node_position (writer, frame, &x, &y))
    return;

  if (!frame->x_done)
    append_position_data (self, out, writer->x_key, x, writer->x_type);
  if (!frame->y_done)
    append_position_data (self, out, writer->y_key, y, writer->y_type);
  frame->x_done = frame->y_done = TRUE;
}

/* Where things are */

static guint64
position (Splicer *self)
{
  return (guint64) xmlByteConsumed (self->ctxt);
}

/* A tag's '<', found back from a place inside it: no tag holds another. */
static guint64
tag_start (Splicer *self,
           guint64  inside)
{
  guint64 offset = inside;

  while (offset > self->copied && *bytes_at (self, offset) != '<')
    offset--;
  return offset;
}

/* The value of attribute @name (as written, prefix and all) in the start
 * tag from @start to @end: its first byte and its length. */
static gboolean
find_attribute (Splicer    *self,
                guint64     start,
                guint64     end,
                const char *name,
                guint64    *value,
                gsize      *length)
{
  const char *tag = bytes_at (self, start);
  gsize size = (gsize) (end - start);
  gsize i = 1, name_length = strlen (name);

  /* Past the element's name. */
  while (i < size && !g_ascii_isspace (tag[i]) && tag[i] != '/' && tag[i] != '>')
    i++;

  while (i < size)
    {
      gsize name_start, name_end, value_start;
      char quote;

      while (i < size && g_ascii_isspace (tag[i]))
        i++;
      name_start = i;
      while (i < size && tag[i] != '=' && !g_ascii_isspace (tag[i]) && tag[i] != '/' && tag[i] != '>')
        i++;
      name_end = i;
      if (name_end == name_start)
        return FALSE;
      while (i < size && g_ascii_isspace (tag[i]))
        i++;
      if (i >= size || tag[i] != '=')
        return FALSE;
      i++;
      while (i < size && g_ascii_isspace (tag[i]))
        i++;
      if (i >= size || (tag[i] != '"' && tag[i] != '\''))
        return FALSE;
      quote = tag[i++];
      value_start = i;
      while (i < size && tag[i] != quote)
        i++;
      if (i >= size)
        return FALSE;

      if (name_end - name_start == name_length && memcmp (tag + name_start, name, name_length) == 0)
        {
          *value = start + value_start;
          *length = i - value_start;
          return TRUE;
        }
      i++;
    }
  return FALSE;
}

static const char *
attribute (int            n_attributes,
           const xmlChar **attributes,
           const char     *name,
           char          **copy)
{
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **a = attributes + i * 5;

      if (a[1] == NULL && strcmp ((const char *) a[0], name) == 0)
        {
          *copy = g_strndup ((const char *) a[3], a[4] - a[3]);
          return *copy;
        }
    }
  return NULL;
}

static gboolean
double_attribute (int             n_attributes,
                  const xmlChar **attributes,
                  const char     *name,
                  double         *value)
{
  g_autofree char *text = NULL;

  return am_parse_double (attribute (n_attributes, attributes, name, &text), value) && isfinite (*value);
}

static gboolean
is_graphml (Splicer       *self,
            const xmlChar *local_name,
            const xmlChar *uri,
            const char    *wanted)
{
  return strcmp ((const char *) local_name, wanted) == 0 &&
         g_strcmp0 ((const char *) uri, self->writer->graphml_ns) == 0;
}

static NodeFrame *
current_node (Splicer *self)
{
  GArray *nodes = self->writer->nodes;

  return nodes->len > 0 ? &g_array_index (nodes, NodeFrame, nodes->len - 1) : NULL;
}

/* A patch where an entity's text is being read would land in the wrong
 * place; documents with entities are never spliced, so this is a guard. */
static gboolean
in_entity (Splicer *self)
{
  if (self->ctxt->inputNr > 1)
    {
      if (self->writer->error == NULL)
        g_set_error_literal (&self->writer->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("Could not write the map"));
      xmlStopParser (self->ctxt);
      return TRUE;
    }
  return FALSE;
}

/* Patches */

/* Each changed coordinate of a y:Geometry is written anew in place. */
static void
splice_yed_geometry (Splicer        *self,
                     NodeFrame      *frame,
                     guint64         start,
                     guint64         end,
                     int             n_attributes,
                     const xmlChar **attributes)
{
  Writer *writer = self->writer;
  double gx, gy, w, h;

  if (!(writer->flags & AM_GRAPHML_SAVE_POSITIONS) || frame->index == AM_NO_INDEX)
    return;
  if (!double_attribute (n_attributes, attributes, "x", &gx) ||
      !double_attribute (n_attributes, attributes, "y", &gy))
    return;

  if (!frame->yed_shift_known)
    {
      const AmNode *node = am_graph_get_node (writer->graph, frame->index);

      if (!double_attribute (n_attributes, attributes, "width", &w) ||
          !double_attribute (n_attributes, attributes, "height", &h) ||
          w <= 0 || h <= 0 || w >= 1e6 || h >= 1e6)
        w = h = 0;
      frame->dx = node->x - (gx + w / 2);
      frame->dy = node->y - (gy + h / 2);
      frame->yed_shift_known = isfinite (frame->dx) && isfinite (frame->dy);
    }
  frame->x_done = frame->y_done = TRUE;

  if (!frame->yed_shift_known || (frame->dx == 0 && frame->dy == 0) || in_entity (self))
    return;

  {
    guint64 x_at = 0, y_at = 0;
    gsize x_length = 0, y_length = 0;
    char moved[G_ASCII_DTOSTR_BUF_SIZE];
    gboolean x_found, y_found;

    x_found = frame->dx != 0 && find_attribute (self, start, end, "x", &x_at, &x_length);
    y_found = frame->dy != 0 && find_attribute (self, start, end, "y", &y_at, &y_length);

    /* In the order they are written. */
    for (int pass = 0; pass < 2; pass++)
      {
        gboolean x_first = !y_found || (x_found && x_at < y_at);
        gboolean is_x = (pass == 0) == x_first;

        if (is_x ? !x_found : !y_found)
          continue;
        copy_until (self, is_x ? x_at : y_at);
        am_graphml_writer_format_number (is_x ? gx + frame->dx : gy + frame->dy, moved, sizeof moved);
        write_text (self, moved);
        self->copied = is_x ? x_at + x_length : y_at + y_length;
      }
  }
}

/* An x or y <data> of the node: held until its text is known. */
static gboolean
hold_position_data (Splicer        *self,
                    NodeFrame      *frame,
                    int             n_attributes,
                    const xmlChar **attributes)
{
  Writer *writer = self->writer;
  g_autofree char *key = NULL;
  double x, y;

  if (!(writer->flags & AM_GRAPHML_SAVE_POSITIONS) || frame == NULL || self->depth - 1 != frame->depth + 1 ||
      !am_graphml_writer_node_position (writer, frame, &x, &y))
    return FALSE;

  if (attribute (n_attributes, attributes, "key", &key) == NULL)
    return FALSE;
  if (g_strcmp0 (key, writer->x_key) == 0)
    self->held_is_x = TRUE;
  else if (g_strcmp0 (key, writer->y_key) == 0)
    self->held_is_x = FALSE;
  else
    return FALSE;

  if (self->held_is_x)
    frame->x_done = TRUE;
  else
    frame->y_done = TRUE;

  self->held_depth = self->depth - 1;   /* the <data>'s, counted already */
  g_string_truncate (self->held_text, 0);
  return TRUE;
}

static void
release_position_data (Splicer       *self,
                       guint64        content_end,
                       const xmlChar *qname_prefix,
                       const xmlChar *local_name,
                       gboolean       empty)
{
  Writer *writer = self->writer;
  NodeFrame *frame = current_node (self);
  double x, y, wanted, found;
  char value[G_ASCII_DTOSTR_BUF_SIZE];

  self->held_depth = -1;
  if (!am_graphml_writer_node_position (writer, frame, &x, &y))
    return;

  wanted = self->held_is_x ? x : y;
  if (!empty && am_parse_double (self->held_text->str, &found) && found == wanted)
    return;   /* kept as it is */
  if (in_entity (self))
    return;

  am_graphml_writer_format_coordinate (wanted, self->held_is_x ? writer->x_type : writer->y_type,
                                       value, sizeof value);
  if (empty)
    {
      g_autoptr(GString) text = g_string_new (">");

      /* "<data key='x'/>" becomes "<data key='x'>value</data>". */
      g_string_append_printf (text, "%s</", value);
      if (qname_prefix != NULL)
        g_string_append_printf (text, "%s:", qname_prefix);
      g_string_append_printf (text, "%s>", local_name);
      copy_until (self, self->held_content);
      write_out (self, text->str, text->len);
      self->copied = content_end;
    }
  else
    {
      copy_until (self, self->held_content);
      write_text (self, value);
      self->copied = content_end;
    }
}

/* Implicit nodes go at the end of their top-level graph. */
static void
append_implicit_nodes (Splicer *self,
                       GString *out)
{
  Writer *writer = self->writer;

  for (guint i = 0; i < writer->implicit->len; i++)
    {
      guint index = g_array_index (writer->implicit, guint, i);
      const AmNode *node = am_graph_get_node (writer->graph, index);
      NodeFrame frame = { 0 };

      if (node->graph != writer->top_graph || node->id == NULL)
        continue;

      frame.index = index;
      g_string_append (out, "<node id=\"");
      append_escaped (out, node->id);
      g_string_append (out, "\">");
      append_missing_data (self, out, &frame);
      g_string_append (out, "</node>");
    }
}

static void
append_key_declarations (Splicer *self,
                         GString *out)
{
  Writer *writer = self->writer;

  if (writer->keys_declared)
    return;
  writer->keys_declared = TRUE;

  for (int i = 0; i < 2; i++)
    {
      if (!(i == 0 ? writer->declare_x : writer->declare_y))
        continue;
      g_string_append (out, "<key id=\"");
      append_escaped (out, i == 0 ? writer->x_key : writer->y_key);
      g_string_append_printf (out, "\" for=\"node\" attr.name=\"%s\" attr.type=\"double\"/>",
                              i == 0 ? "x" : "y");
    }
}

/* Inserts @text before the tag whose '<' is at @at. */
static void
insert_before (Splicer *self,
               guint64  at,
               GString *text)
{
  if (text->len == 0)
    return;
  if (in_entity (self))
    return;
  copy_until (self, at);
  write_out (self, text->str, text->len);
}

/* SAX callbacks */

static gboolean
can_splice (Splicer *self)
{
  xmlParserInputPtr input = self->ctxt->input;

  return !self->has_entities && input != NULL &&
         (input->buf == NULL || input->buf->encoder == NULL);
}

static void
on_start_element (void           *context,
                  const xmlChar  *local_name,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             n_namespaces,
                  const xmlChar **namespaces,
                  int             n_attributes,
                  int             n_defaulted,
                  const xmlChar **attributes)
{
  Splicer *self = context;
  Writer *writer = self->writer;
  guint64 end = position (self);
  guint64 start;
  gboolean empty;
  NodeFrame *frame;
  int depth = self->depth++;
  g_autoptr(GString) insert = NULL;

  if (!self->started)
    {
      self->started = TRUE;
      if (!can_splice (self))
        {
          self->cannot = TRUE;
          xmlStopParser (self->ctxt);
          return;
        }
      writer->graphml_ns = g_strdup ((const char *) uri);
    }

  if (self->held_depth >= 0 || writer->error != NULL)
    return;

  start = tag_start (self, end);
  empty = *bytes_at (self, end) == '/';
  frame = current_node (self);
  copy_until (self, start);
  insert = g_string_new (NULL);

  if (is_graphml (self, local_name, uri, "graph"))
    {
      if (depth == 1)
        writer->top_graph = writer->n_graphs_seen;
      writer->n_graphs_seen++;
      if (depth == 1 && (writer->declare_x || writer->declare_y))
        append_key_declarations (self, insert);
      if (frame != NULL && depth == frame->depth + 1)
        append_missing_data (self, insert, frame);
      insert_before (self, start, insert);
    }
  else if (is_graphml (self, local_name, uri, "data") &&
           hold_position_data (self, frame, n_attributes, attributes))
    {
      self->held_content = empty ? end : end + 1;
      if (empty)
        release_position_data (self, end + 2, prefix, local_name, TRUE);
      else
        return;
    }
  else if (uri != NULL && strcmp ((const char *) uri, YED_NS) == 0 &&
           strcmp ((const char *) local_name, "Geometry") == 0 && frame != NULL)
    splice_yed_geometry (self, frame, start, end, n_attributes, attributes);

  if (!empty)
    {
      gboolean is_graph = is_graphml (self, local_name, uri, "graph");

      if ((guint) depth >= writer->graph_at_depth->len)
        g_array_set_size (writer->graph_at_depth, depth + 1);
      g_array_index (writer->graph_at_depth, gboolean, depth) = is_graph;
    }

  if (is_graphml (self, local_name, uri, "node") && depth > 0 &&
      g_array_index (writer->graph_at_depth, gboolean, depth - 1))
    {
      NodeFrame node = { 0 };

      node.index = am_graphml_writer_take_node (writer);
      node.depth = depth;
      if (empty)
        {
          g_string_truncate (insert, 0);
          append_missing_data (self, insert, &node);
          if (insert->len > 0 && !in_entity (self))
            {
              /* "<node id='a'/>" opens to hold its data. */
              g_string_prepend_c (insert, '>');
              g_string_append (insert, "</");
              if (prefix != NULL)
                g_string_append_printf (insert, "%s:", prefix);
              g_string_append_printf (insert, "%s>", local_name);
              copy_until (self, end);
              write_out (self, insert->str, insert->len);
              self->copied = end + 2;
            }
        }
      else
        g_array_append_val (writer->nodes, node);
    }
}

static void
on_end_element (void          *context,
                const xmlChar *local_name,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  Splicer *self = context;
  Writer *writer = self->writer;
  int depth = --self->depth;
  guint64 end = position (self);
  NodeFrame *frame;
  g_autoptr(GString) insert = NULL;

  if (writer->error != NULL || self->cannot)
    return;

  if (self->held_depth >= 0)
    {
      if (depth == self->held_depth)
        {
          guint64 start = tag_start (self, end - 1);

          /* An empty <data/> was released at its start. */
          if (start >= self->held_content)
            release_position_data (self, start, prefix, local_name, FALSE);
          self->held_depth = -1;
          copy_until (self, end);
        }
      return;
    }

  frame = current_node (self);
  insert = g_string_new (NULL);

  if (depth == 1 && is_graphml (self, local_name, uri, "graph") && writer->implicit->len > 0 &&
      writer->x_key != NULL && writer->y_key != NULL)
    append_implicit_nodes (self, insert);

  if (frame != NULL && frame->depth == depth && is_graphml (self, local_name, uri, "node"))
    {
      append_missing_data (self, insert, frame);
      g_array_set_size (writer->nodes, writer->nodes->len - 1);
    }

  if (insert->len > 0)
    insert_before (self, tag_start (self, end - 1), insert);
  copy_until (self, end);
}

static void
on_characters (void          *context,
               const xmlChar *text,
               int            length)
{
  Splicer *self = context;

  if (self->held_depth >= 0)
    g_string_append_len (self->held_text, (const char *) text, length);
}

static void
on_entity_declaration (void          *context,
                       const xmlChar *name,
                       int            type,
                       const xmlChar *public_id,
                       const xmlChar *system_id,
                       xmlChar       *content)
{
  Splicer *self = context;

  self->has_entities = TRUE;
}

static void
on_error (void        *context,
          xmlErrorPtr  error)
{
  Splicer *self = context;
  g_autofree char *text = NULL;

  if (error->level < XML_ERR_ERROR || self->writer->error != NULL || self->cannot)
    return;

  text = g_strstrip (g_strdup (error->message != NULL ? error->message : ""));
  g_set_error (&self->writer->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* Translators: %d: line in the file; %s: what is wrong */
               _("The map could not be read again at line %d: %s"), error->line, text);
}

AmSpliceResult
am_graphml_writer_splice (Writer         *writer,
                          AmSpliceSource *source)
{
  Splicer self = { 0 };
  xmlSAXHandler sax = { 0 };
  int status;

  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start_element;
  sax.endElementNs = on_end_element;
  sax.characters = on_characters;
  sax.ignorableWhitespace = on_characters;
  sax.cdataBlock = on_characters;
  sax.entityDecl = on_entity_declaration;
  sax.serror = on_error;

  self.writer = writer;
  self.source = source;
  self.held_depth = -1;
  self.held_text = g_string_new (NULL);
  if (source->data == NULL)
    self.window = g_byte_array_sized_new (64 * 1024);

  self.ctxt = xmlCreateIOParserCtxt (&sax, &self, read_source, NULL, &self, XML_CHAR_ENCODING_NONE);
  if (self.ctxt == NULL)
    g_set_error_literal (&writer->error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The map could not be read again"));
  else
    {
      xmlCtxtUseOptions (self.ctxt, XML_PARSE_NONET);
      status = xmlParseDocument (self.ctxt);
      if (!self.cannot && writer->error == NULL && (status != 0 || !self.ctxt->wellFormed))
        g_set_error_literal (&writer->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _("The map could not be read again"));
      /* Whatever follows the root: comments, processing instructions. */
      if (!self.cannot && writer->error == NULL)
        copy_until (&self, bytes_end (&self));
      xmlFreeParserCtxt (self.ctxt);
    }

  if (!self.cannot && writer->error == NULL)
    g_cancellable_set_error_if_cancelled (writer->cancellable, &writer->error);

  g_string_free (self.held_text, TRUE);
  if (self.window != NULL)
    g_byte_array_unref (self.window);

  if (self.cannot)
    return AM_SPLICE_CANNOT;
  return writer->error == NULL ? AM_SPLICE_DONE : AM_SPLICE_FAILED;
}

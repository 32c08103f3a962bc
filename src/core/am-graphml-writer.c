/* am-graphml-writer.c: save a map back into its GraphML, losing nothing
 *
 * The document is streamed from the file it was read from to the new
 * one, node by node of the XML, through libxml2's reader and writer: no
 * tree is built, so a map of hundreds of megabytes saves in little more
 * memory than its graph takes. Everything is copied as it comes (keys,
 * defaults, data, nested graphs, hyperedges, ports, namespaces, other
 * tools' extensions) except the positions of the nodes:
 *
 *  - yEd's y:Geometry keeps its top-left corner, so every geometry of a
 *    moved node is shifted by how far the node moved;
 *  - elsewhere a node's position is its x and y keys, as Gephi and
 *    networkx name them (y grows upwards there), declared when missing.
 *
 * A value the file already holds for where a node stands keeps its text,
 * so a map saved unmoved is the document it was read from.
 *
 * Most documents are not streamed but copied byte for byte with the
 * changes spliced in (am-graphml-writer-splice.c), which is much faster;
 * the streaming copy here saves the ones splicing cannot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>

#include "am-atomic-file.h"
#include "am-graphml-writer-private.h"

/* Numbers */

/* The shortest text that reads back as the same double. */
void
am_graphml_writer_format_number (double  value,
                                 char   *buffer,
                                 gsize   size)
{
  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];
      double back;

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buffer, size, format, value);
      back = g_ascii_strtod (buffer, NULL);
      if (back == value)
        return;
    }
}

void
am_graphml_writer_format_coordinate (double      value,
                                     AmAttrType  type,
                                     char       *buffer,
                                     gsize       size)
{
  if (type == AM_ATTR_INT || type == AM_ATTR_LONG)
    g_snprintf (buffer, size, "%" G_GINT64_FORMAT, (gint64) llround (value));
  else
    am_graphml_writer_format_number (value, buffer, size);
}

/* Errors */

static gboolean
writer_failed (Writer *self)
{
  return self->error != NULL;
}

static void
fail_with_xml_error (Writer     *self,
                     const char *what)
{
  const xmlError *xml_error = xmlGetLastError ();

  if (self->error != NULL)
    return;

  if (xml_error != NULL && xml_error->message != NULL)
    {
      g_autofree char *message = g_strstrip (g_strdup (xml_error->message));

      if (xml_error->line > 0)
        g_set_error (&self->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     /* Translators: %s: what failed; %d: line; %s: the parser's message */
                     _("%s at line %d: %s"), what, xml_error->line, message);
      else
        g_set_error (&self->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     "%s: %s", what, message);
    }
  else
    g_set_error_literal (&self->error, G_IO_ERROR, G_IO_ERROR_FAILED, what);
}

static void
check_written (Writer *self,
               int     status)
{
  if (status < 0)
    fail_with_xml_error (self, _("Could not write the map"));
}

/* Output: libxml2's buffer writes into the replacing stream. */

static int
write_to_stream (void       *context,
                 const char *buffer,
                 int         length)
{
  Writer *self = context;

  if (self->error != NULL)
    return -1;
  if (!g_output_stream_write_all (self->stream, buffer, length, NULL,
                                  self->cancellable, &self->error))
    return -1;
  return length;
}

static int
close_nothing (void *context)
{
  return 0;
}

/* Position keys */

static const char *
key_id_of (const AmGraph *graph,
           int            key)
{
  return key >= 0 ? am_graph_get_key (graph, key)->id : NULL;
}

/* A key id no key of the document has, as close to @wanted as can be. */
static char *
unused_key_id (const AmGraph *graph,
               const char    *wanted)
{
  for (guint n = 0;; n++)
    {
      g_autofree char *id = n == 0 ? g_strdup (wanted) : g_strdup_printf ("%s%u", wanted, n);
      gboolean taken = FALSE;

      for (guint k = 0; k < am_graph_get_n_keys (graph) && !taken; k++)
        taken = g_strcmp0 (am_graph_get_key (graph, k)->id, id) == 0;
      if (!taken)
        return g_steal_pointer (&id);
    }
}

static void
choose_position_keys (Writer *self)
{
  const AmGraph *graph = self->graph;
  const AmProfileKeys *p = &graph->profile;
  gboolean needs_keys = FALSE;

  if (!(self->flags & AM_GRAPHML_SAVE_POSITIONS))
    return;

  self->x_key = g_strdup (key_id_of (graph, p->node_x));
  self->y_key = g_strdup (key_id_of (graph, p->node_y));
  self->x_type = p->node_x >= 0 ? am_graph_get_key (graph, p->node_x)->type : AM_ATTR_DOUBLE;
  self->y_type = p->node_y >= 0 ? am_graph_get_key (graph, p->node_y)->type : AM_ATTR_DOUBLE;

  /* yEd's nodes keep their positions in their geometry; other nodes
   * need keys, declared when the file has none. A key without an id
   * cannot be referred to either. */
  for (guint i = 0; i < am_graph_get_n_nodes (graph); i++)
    {
      guint32 node_flags = am_graph_get_node (graph, i)->flags;

      needs_keys |= !(node_flags & AM_NODE_YED_GEOMETRY);
      if (node_flags & AM_NODE_IMPLICIT)
        g_array_append_val (self->implicit, i);
    }
  if (!needs_keys)
    return;

  if (self->x_key == NULL)
    {
      self->x_key = unused_key_id (graph, "x");
      self->x_type = AM_ATTR_DOUBLE;
      self->declare_x = TRUE;
    }
  if (self->y_key == NULL)
    {
      self->y_key = unused_key_id (graph, "y");
      self->y_type = AM_ATTR_DOUBLE;
      self->declare_y = TRUE;
    }
  /* Both declared: they must still differ from each other. */
  if (g_strcmp0 (self->x_key, self->y_key) == 0)
    {
      g_free (self->y_key);
      self->y_key = g_strconcat (self->x_key, "-y", NULL);
    }
}

static void
write_key_declaration (Writer     *self,
                       const char *id,
                       const char *name)
{
  check_written (self, xmlTextWriterStartElement (self->out, BAD_CAST "key"));
  check_written (self, xmlTextWriterWriteAttribute (self->out, BAD_CAST "id", BAD_CAST id));
  check_written (self, xmlTextWriterWriteAttribute (self->out, BAD_CAST "for", BAD_CAST "node"));
  check_written (self, xmlTextWriterWriteAttribute (self->out, BAD_CAST "attr.name", BAD_CAST name));
  check_written (self, xmlTextWriterWriteAttribute (self->out, BAD_CAST "attr.type", BAD_CAST "double"));
  check_written (self, xmlTextWriterEndElement (self->out));
}

/* Keys come before the graphs in GraphML. */
static void
declare_position_keys (Writer *self)
{
  if (self->keys_declared)
    return;
  self->keys_declared = TRUE;

  if (self->declare_x)
    write_key_declaration (self, self->x_key, "x");
  if (self->declare_y)
    write_key_declaration (self, self->y_key, "y");
}

/* Nodes */

static NodeFrame *
current_node (Writer *self)
{
  return self->nodes->len > 0 ? &g_array_index (self->nodes, NodeFrame, self->nodes->len - 1) : NULL;
}

/* Where the node stands in the file's terms: GraphML's y grows upwards. */
gboolean
am_graphml_writer_node_position (Writer    *self,
                                 NodeFrame *frame,
                                 double    *x,
                                 double    *y)
{
  const AmNode *node;

  if (frame == NULL || frame->index == AM_NO_INDEX)
    return FALSE;

  node = am_graph_get_node (self->graph, frame->index);
  if (!isfinite (node->x) || !isfinite (node->y))
    return FALSE;

  *x = node->x;
  *y = -node->y;
  return TRUE;
}

/* GraphML's elements are in the root's namespace: GraphML's own, none,
 * or (in files the reader loads with a warning) another one. */
static gboolean
is_graphml_element (Writer     *self,
                    const char *local_name)
{
  const char *ns = (const char *) xmlTextReaderConstNamespaceUri (self->in);

  return strcmp ((const char *) xmlTextReaderConstLocalName (self->in), local_name) == 0 &&
         g_strcmp0 (ns, self->graphml_ns) == 0;
}

static void
write_position_data (Writer     *self,
                     const char *key,
                     double      value,
                     AmAttrType  type)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  am_graphml_writer_format_coordinate (value, type, text, sizeof text);
  check_written (self, xmlTextWriterStartElement (self->out, BAD_CAST "data"));
  check_written (self, xmlTextWriterWriteAttribute (self->out, BAD_CAST "key", BAD_CAST key));
  check_written (self, xmlTextWriterWriteString (self->out, BAD_CAST text));
  check_written (self, xmlTextWriterEndElement (self->out));
}

/* Before a node's nested graph or its end: the data it still lacks. */
static void
complete_node (Writer    *self,
               NodeFrame *frame)
{
  double x, y;

  if (!(self->flags & AM_GRAPHML_SAVE_POSITIONS) || self->x_key == NULL || self->y_key == NULL ||
      !am_graphml_writer_node_position (self, frame, &x, &y))
    return;

  if (!frame->x_done)
    write_position_data (self, self->x_key, x, self->x_type);
  if (!frame->y_done)
    write_position_data (self, self->y_key, y, self->y_type);
  frame->x_done = frame->y_done = TRUE;
}

/* Copying */

static void
copy_attributes (Writer *self)
{
  if (xmlTextReaderMoveToFirstAttribute (self->in) != 1)
    return;

  do
    check_written (self, xmlTextWriterWriteAttribute (self->out,
                                                      xmlTextReaderConstName (self->in),
                                                      xmlTextReaderConstValue (self->in)));
  while (xmlTextReaderMoveToNextAttribute (self->in) == 1);

  xmlTextReaderMoveToElement (self->in);
}

static void
start_copy (Writer *self)
{
  check_written (self, xmlTextWriterStartElement (self->out, xmlTextReaderConstName (self->in)));
  copy_attributes (self);
}

/* A <data> that holds the node's x or y: kept when it says where the node
 * is, else written anew. */
static gboolean
copy_position_data (Writer    *self,
                    NodeFrame *frame,
                    int        depth)
{
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  gboolean is_x, empty;
  double x, y, wanted, found;

  if (!(self->flags & AM_GRAPHML_SAVE_POSITIONS) || frame == NULL || depth != frame->depth + 1 ||
      !am_graphml_writer_node_position (self, frame, &x, &y))
    return FALSE;

  key = (char *) xmlTextReaderGetAttribute (self->in, BAD_CAST "key");
  if (key == NULL)
    return FALSE;
  if (g_strcmp0 (key, self->x_key) == 0)
    is_x = TRUE;
  else if (g_strcmp0 (key, self->y_key) == 0)
    is_x = FALSE;
  else
    return FALSE;

  if (is_x)
    frame->x_done = TRUE;
  else
    frame->y_done = TRUE;

  wanted = is_x ? x : y;
  empty = xmlTextReaderIsEmptyElement (self->in);
  text = empty ? NULL : (char *) xmlTextReaderReadString (self->in);
  if (am_parse_double (text, &found) && found == wanted)
    return FALSE;   /* copied as it is */

  {
    char value[G_ASCII_DTOSTR_BUF_SIZE];

    am_graphml_writer_format_coordinate (wanted, is_x ? self->x_type : self->y_type, value, sizeof value);
    start_copy (self);
    check_written (self, xmlTextWriterWriteString (self->out, BAD_CAST value));
    if (empty)
      check_written (self, xmlTextWriterEndElement (self->out));
    else
      self->skip_depth = depth;
  }
  return TRUE;
}

static gboolean
read_double_attribute (Writer     *self,
                       const char *name,
                       double     *value)
{
  g_autofree char *text = (char *) xmlTextReaderGetAttribute (self->in, BAD_CAST name);

  return am_parse_double (text, value) && isfinite (*value);
}

/* yEd keeps a node's top-left corner in each of its y:Geometry elements
 * (a group has one per state, open and closed): all move together. */
static gboolean
copy_yed_geometry (Writer    *self,
                   NodeFrame *frame)
{
  double gx, gy, w, h;

  if (!(self->flags & AM_GRAPHML_SAVE_POSITIONS) || frame == NULL || frame->index == AM_NO_INDEX)
    return FALSE;

  if (!read_double_attribute (self, "x", &gx) || !read_double_attribute (self, "y", &gy))
    return FALSE;

  if (!frame->yed_shift_known)
    {
      const AmNode *node = am_graph_get_node (self->graph, frame->index);

      /* The centre as the reader takes it from the first geometry. */
      if (!read_double_attribute (self, "width", &w) || !read_double_attribute (self, "height", &h) ||
          w <= 0 || h <= 0 || w >= 1e6 || h >= 1e6)
        w = h = 0;
      frame->dx = node->x - (gx + w / 2);
      frame->dy = node->y - (gy + h / 2);
      frame->yed_shift_known = isfinite (frame->dx) && isfinite (frame->dy);
    }
  /* yEd's position is the node's: no x and y keys for it. */
  frame->x_done = frame->y_done = TRUE;

  if (!frame->yed_shift_known || (frame->dx == 0 && frame->dy == 0))
    return FALSE;

  check_written (self, xmlTextWriterStartElement (self->out, xmlTextReaderConstName (self->in)));
  if (xmlTextReaderMoveToFirstAttribute (self->in) == 1)
    {
      do
        {
          const char *name = (const char *) xmlTextReaderConstName (self->in);
          const xmlChar *value = xmlTextReaderConstValue (self->in);
          char moved[G_ASCII_DTOSTR_BUF_SIZE];

          /* Only the coordinate that changed is written anew. */
          if ((strcmp (name, "x") == 0 && frame->dx != 0) || (strcmp (name, "y") == 0 && frame->dy != 0))
            {
              gboolean is_x = name[0] == 'x';

              am_graphml_writer_format_number ((is_x ? gx : gy) + (is_x ? frame->dx : frame->dy), moved, sizeof moved);
              value = BAD_CAST moved;
            }
          check_written (self, xmlTextWriterWriteAttribute (self->out, BAD_CAST name, value));
        }
      while (xmlTextReaderMoveToNextAttribute (self->in) == 1);
      xmlTextReaderMoveToElement (self->in);
    }
  if (xmlTextReaderIsEmptyElement (self->in))
    check_written (self, xmlTextWriterEndElement (self->out));
  return TRUE;
}

/* The reader numbers the nodes as their elements come (ids may repeat,
 * in files of several graphs), and adds the ones only edges named at
 * the end of each top-level graph. */
guint
am_graphml_writer_take_node (Writer *self)
{
  guint n_nodes = am_graph_get_n_nodes (self->graph);

  while (self->next_node < n_nodes &&
         (am_graph_get_node (self->graph, self->next_node)->flags & AM_NODE_IMPLICIT))
    self->next_node++;

  return self->next_node < n_nodes ? self->next_node++ : AM_NO_INDEX;
}

static void
copy_element_start (Writer *self)
{
  int depth = xmlTextReaderDepth (self->in);
  gboolean empty = xmlTextReaderIsEmptyElement (self->in);
  NodeFrame *frame = current_node (self);
  const char *local = (const char *) xmlTextReaderConstLocalName (self->in);
  const xmlChar *ns = xmlTextReaderConstNamespaceUri (self->in);

  if (depth == 0)
    self->graphml_ns = g_strdup ((const char *) ns);

  if (is_graphml_element (self, "graph"))
    {
      if (depth == 1)
        self->top_graph = self->n_graphs_seen;
      self->n_graphs_seen++;
      if (depth == 1 && (self->declare_x || self->declare_y))
        declare_position_keys (self);
      if (frame != NULL && depth == frame->depth + 1)
        complete_node (self, frame);
    }
  else if (is_graphml_element (self, "data") && copy_position_data (self, frame, depth))
    return;
  else if (ns != NULL && strcmp ((const char *) ns, YED_NS) == 0 && strcmp (local, "Geometry") == 0 &&
           frame != NULL && copy_yed_geometry (self, frame))
    return;

  start_copy (self);

  if (!empty)
    {
      gboolean is_graph = is_graphml_element (self, "graph");

      if ((guint) depth >= self->graph_at_depth->len)
        g_array_set_size (self->graph_at_depth, depth + 1);
      g_array_index (self->graph_at_depth, gboolean, depth) = is_graph;
    }

  if (is_graphml_element (self, "node") && depth > 0 &&
      g_array_index (self->graph_at_depth, gboolean, depth - 1))
    {
      NodeFrame node = { 0 };

      node.index = am_graphml_writer_take_node (self);
      node.depth = depth;
      if (empty)
        complete_node (self, &node);
      else
        g_array_append_val (self->nodes, node);
    }

  if (empty)
    check_written (self, xmlTextWriterEndElement (self->out));
}

/* Nodes that edges named but the file never declared have nowhere to
 * keep a position: they are declared at the end of their top-level graph,
 * where the reader put them. */
static void
declare_implicit_nodes (Writer *self)
{
  for (guint i = 0; i < self->implicit->len; i++)
    {
      guint index = g_array_index (self->implicit, guint, i);
      const AmNode *node = am_graph_get_node (self->graph, index);
      NodeFrame frame = { 0 };

      if (node->graph != self->top_graph || node->id == NULL)
        continue;

      frame.index = index;
      check_written (self, xmlTextWriterStartElement (self->out, BAD_CAST "node"));
      check_written (self, xmlTextWriterWriteAttribute (self->out, BAD_CAST "id", BAD_CAST node->id));
      complete_node (self, &frame);
      check_written (self, xmlTextWriterEndElement (self->out));
    }
}

static void
copy_element_end (Writer *self)
{
  int depth = xmlTextReaderDepth (self->in);
  NodeFrame *frame = current_node (self);

  if (depth == 1 && is_graphml_element (self, "graph") && self->implicit->len > 0 &&
      self->x_key != NULL && self->y_key != NULL)
    declare_implicit_nodes (self);

  if (self->skip_depth == depth)
    self->skip_depth = -1;
  else if (frame != NULL && frame->depth == depth && is_graphml_element (self, "node"))
    {
      complete_node (self, frame);
      g_array_set_size (self->nodes, self->nodes->len - 1);
    }

  check_written (self, xmlTextWriterEndElement (self->out));
}

static void
copy_doctype (Writer *self)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (self->in);
  const xmlChar *public_id = NULL, *system_id = NULL;

  if (node != NULL && node->type == XML_DOCUMENT_TYPE_NODE)
    {
      xmlDtdPtr dtd = (xmlDtdPtr) node;

      public_id = dtd->ExternalID;
      system_id = dtd->SystemID;
    }

  /* The internal subset is left out: its entities are already expanded
   * and its attribute defaults written out, so the document means the
   * same without it. */
  check_written (self, xmlTextWriterWriteDTD (self->out, xmlTextReaderConstName (self->in),
                                              public_id, system_id, NULL));
}

/* Most text, and all the indentation, has nothing to escape: written as
 * it is, it is what xmlTextWriterWriteString() would write, without the
 * copy that escaping makes of every piece. */
static void
copy_text (Writer        *self,
           const xmlChar *text)
{
  /* What xmlEncodeSpecialChars() escapes. */
  if (strpbrk ((const char *) text, "<>&\"\r") == NULL)
    check_written (self, xmlTextWriterWriteRaw (self->out, text));
  else
    check_written (self, xmlTextWriterWriteString (self->out, text));
}

static void
copy_node (Writer *self)
{
  int type = xmlTextReaderNodeType (self->in);

  if (self->skip_depth >= 0 && !(type == XML_READER_TYPE_END_ELEMENT &&
                                 xmlTextReaderDepth (self->in) == self->skip_depth))
    return;

  switch (type)
    {
    case XML_READER_TYPE_ELEMENT:
      copy_element_start (self);
      break;

    case XML_READER_TYPE_END_ELEMENT:
      copy_element_end (self);
      break;

    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
      copy_text (self, xmlTextReaderConstValue (self->in));
      break;

    case XML_READER_TYPE_CDATA:
      check_written (self, xmlTextWriterWriteCDATA (self->out, xmlTextReaderConstValue (self->in)));
      break;

    case XML_READER_TYPE_COMMENT:
      check_written (self, xmlTextWriterWriteComment (self->out, xmlTextReaderConstValue (self->in)));
      break;

    case XML_READER_TYPE_PROCESSING_INSTRUCTION:
      check_written (self, xmlTextWriterWritePI (self->out, xmlTextReaderConstName (self->in),
                                                 xmlTextReaderConstValue (self->in)));
      break;

    case XML_READER_TYPE_DOCUMENT_TYPE:
      copy_doctype (self);
      break;

    default:
      break;
    }
}

/* Reading */

static void
on_reader_error (void                    *context,
                 const char              *message,
                 xmlParserSeverities      severity,
                 xmlTextReaderLocatorPtr  locator)
{
  Writer *self = context;
  g_autofree char *text = NULL;

  if (severity != XML_PARSER_SEVERITY_ERROR || self->error != NULL)
    return;

  text = g_strstrip (g_strdup (message));
  g_set_error (&self->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* Translators: %d: line in the file; %s: what is wrong */
               _("The map could not be read again at line %d: %s"),
               xmlTextReaderLocatorLineNumber (locator), text);
}

/* Input: read in pieces from memory, whatever the size. */
typedef struct
{
  const char *data;
  gsize       size;
  gsize       offset;
} BytesCursor;

static int
read_from_bytes (void *context,
                 char *buffer,
                 int   length)
{
  BytesCursor *cursor = context;
  gsize n = MIN ((gsize) length, cursor->size - cursor->offset);

  if (n > 0)
    memcpy (buffer, cursor->data + cursor->offset, n);
  cursor->offset += n;
  return (int) n;
}

/* Input: read in pieces from a file. */
typedef struct
{
  GInputStream *stream;
  GCancellable *cancellable;
} StreamSource;

static int
read_from_stream (void *context,
                  char *buffer,
                  int   length)
{
  StreamSource *source = context;
  gssize n = g_input_stream_read (source->stream, buffer, length, source->cancellable, NULL);

  /* A failed read ends the document early: reported as a map that could
   * not be read again, and the destination is left as it was. */
  return n < 0 ? -1 : (int) n;
}

/* Entities are expanded (bounded by libxml2's own amplification check),
 * nothing is fetched from the network, and DTD defaults are written out. */
#define READ_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOENT | XML_PARSE_DTDATTR | XML_PARSE_NOCDATA)

static gboolean
stream (Writer           *self,
        xmlTextReaderPtr  in)
{
  xmlOutputBufferPtr buffer;
  const xmlChar *encoding;
  int status;

  self->in = in;
  xmlTextReaderSetErrorHandler (in, on_reader_error, self);

  buffer = xmlOutputBufferCreateIO (write_to_stream, close_nothing, self, NULL);
  self->out = xmlNewTextWriter (buffer);

  /* The first node tells the reader the document's encoding. */
  status = xmlTextReaderRead (in);
  encoding = xmlTextReaderConstEncoding (in);
  check_written (self, xmlTextWriterStartDocument (self->out, "1.0",
                                                   encoding != NULL ? (const char *) encoding : "UTF-8",
                                                   NULL));

  for (; status == 1 && !writer_failed (self); status = xmlTextReaderRead (in))
    {
      if (g_cancellable_set_error_if_cancelled (self->cancellable, &self->error))
        break;
      copy_node (self);
    }

  if (status < 0 && !writer_failed (self))
    fail_with_xml_error (self, _("The map could not be read again"));
  if (!writer_failed (self))
    check_written (self, xmlTextWriterEndDocument (self->out));

  xmlFreeTextWriter (self->out);   /* flushes and frees the buffer */
  self->out = NULL;
  return !writer_failed (self);
}

/* The streaming copy, for what splicing cannot save: the source read
 * again from its beginning. */
static gboolean
stream_again (Writer         *self,
              GFile          *source_file,
              AmSpliceSource *source)
{
  g_autoptr(GFileInputStream) file_stream = NULL;
  g_autoptr(GInputStream) buffered = NULL;
  StreamSource input = { 0 };
  BytesCursor cursor = { 0 };
  xmlTextReaderPtr in;
  gboolean ok;

  if (source_file != NULL)
    {
      file_stream = g_file_read (source_file, self->cancellable, &self->error);
      if (file_stream == NULL)
        return FALSE;
      buffered = g_buffered_input_stream_new_sized (G_INPUT_STREAM (file_stream), 256 * 1024);
      input.stream = buffered;
      input.cancellable = self->cancellable;
      in = xmlReaderForIO (read_from_stream, NULL, &input, NULL, NULL, READ_OPTIONS);
    }
  else
    {
      cursor.data = source->data;
      cursor.size = source->size;
      in = xmlReaderForIO (read_from_bytes, NULL, &cursor, NULL, NULL, READ_OPTIONS);
    }

  if (in == NULL)
    {
      g_set_error_literal (&self->error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The map could not be read again"));
      return FALSE;
    }

  ok = stream (self, in);
  xmlFreeTextReader (in);
  return ok;
}

static gboolean
save (const AmGraph       *graph,
      GFile               *source_file,
      AmSpliceSource      *source,
      GFile               *destination,
      AmGraphmlSaveFlags   flags,
      GCancellable        *cancellable,
      GError             **error)
{
  Writer self = { 0 };
  g_autofree char *path = g_file_get_path (destination);
  g_autoptr(AmAtomicFile) file = NULL;
  gboolean ok;

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Maps can only be saved into local files"));
      return FALSE;
    }

  file = am_atomic_file_open (path, cancellable, error);
  if (file == NULL)
    return FALSE;

  self.graph = graph;
  self.flags = flags;
  self.stream = g_buffered_output_stream_new_sized (am_atomic_file_get_stream (file), 256 * 1024);
  /* The file is closed by committing it, not by this stream. */
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (self.stream), FALSE);
  self.cancellable = cancellable;
  self.nodes = g_array_new (FALSE, FALSE, sizeof (NodeFrame));
  self.implicit = g_array_new (FALSE, FALSE, sizeof (guint));
  self.graph_at_depth = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self.skip_depth = -1;
  choose_position_keys (&self);

  switch (am_graphml_writer_splice (&self, source))
    {
    case AM_SPLICE_DONE:
      ok = TRUE;
      break;
    case AM_SPLICE_CANNOT:
      ok = stream_again (&self, source_file, source);
      break;
    case AM_SPLICE_FAILED:
    default:
      ok = FALSE;
      break;
    }
  /* Flushed before the file is committed: a close whose flush fails
   * still closes the file underneath, and that would put what was written
   * in place of the old file. Not committed, the file is abandoned. */
  if (ok)
    ok = g_output_stream_flush (self.stream, cancellable, &self.error) &&
         am_atomic_file_commit (file, cancellable, &self.error);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&self.error));

  g_clear_object (&self.stream);
  g_array_unref (self.nodes);
  g_array_unref (self.implicit);
  g_array_unref (self.graph_at_depth);
  g_free (self.x_key);
  g_free (self.y_key);
  g_free (self.graphml_ns);
  g_clear_error (&self.error);
  return ok;
}

gboolean
am_graphml_save (const AmGraph       *graph,
                 GFile               *source,
                 GFile               *destination,
                 AmGraphmlSaveFlags   flags,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GFileInputStream) file_stream = NULL;
  g_autoptr(GInputStream) buffered = NULL;
  AmSpliceSource input = { 0 };

  g_return_val_if_fail (graph != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (source), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (source);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Only maps in local files can be saved back"));
      return FALSE;
    }

  /* Read as a stream, neither mapped nor read whole: a mapping's pages
   * count as the process's memory once touched, as much again as the
   * file on a large map. The open file stays readable while the new
   * one replaces it. */
  file_stream = g_file_read (source, cancellable, error);
  if (file_stream == NULL)
    return FALSE;
  buffered = g_buffered_input_stream_new_sized (G_INPUT_STREAM (file_stream), 256 * 1024);
  input.stream = buffered;

  return save (graph, source, &input, destination, flags, cancellable, error);
}

gboolean
am_graphml_save_from_bytes (const AmGraph       *graph,
                            GBytes              *source,
                            GFile               *destination,
                            AmGraphmlSaveFlags   flags,
                            GCancellable        *cancellable,
                            GError             **error)
{
  AmSpliceSource input = { 0 };

  g_return_val_if_fail (graph != NULL, FALSE);
  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  input.data = g_bytes_get_data (source, &input.size);
  if (input.data == NULL)
    input.data = "";

  return save (graph, NULL, &input, destination, flags, cancellable, error);
}

/* am-graphml-reader-private.h: between the parts of the GraphML reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * am-graphml-reader.c reads a document in one pass,
 * am-graphml-reader-split.c reads a big file in two halves at once and
 * am-graphml-reader-yed.c reads yEd's graphics. The tests and the benchmark
 * use the entry points at the end.
 */

#pragma once

#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <string.h>

#include "am-graphml-reader.h"

G_BEGIN_DECLS

/* Below this size a file is read in one pass: it is fast enough. */
#define AM_GRAPHML_SPLIT_MIN_SIZE (32 * 1024 * 1024)

typedef enum
{
  ELEMENT_OTHER,
  ELEMENT_GRAPHML,
  ELEMENT_KEY,
  ELEMENT_DEFAULT,
  ELEMENT_DESC,
  ELEMENT_GRAPH,
  ELEMENT_NODE,
  ELEMENT_EDGE,
  ELEMENT_HYPEREDGE,
  ELEMENT_ENDPOINT,
  ELEMENT_PORT,
  ELEMENT_DATA,
  ELEMENT_LOCATOR,
} ElementType;

typedef struct
{
  ElementType type;
  guint32     index;     /* node, edge, graph, key, hyperedge or port index */
} Frame;

typedef struct
{
  guint32  element;      /* edge index, or endpoint index for hyperedges */
  guint32  id_offset;    /* into pending_ids */
  int      line;
  guint8   role;         /* PENDING_SOURCE, PENDING_TARGET, PENDING_ENDPOINT */
} Pending;

enum { PENDING_SOURCE, PENDING_TARGET, PENDING_ENDPOINT };

typedef struct _Split Split;

typedef struct
{
  AmGraph          *graph;
  xmlParserCtxtPtr  ctxt;
  const char       *name;
  GError           *error;

  gboolean          seen_root;
  char             *graphml_ns;       /* the root's namespace, NULL for none */
  const xmlChar    *graphml_ns_in_dict;

  GArray           *stack;            /* Frame: the open GraphML elements */
  guint64           expanded;         /* bytes of entities and defaults given out */

  /* The raw input, scanned for start tags with too many attributes. */
  struct {
    char            quote;            /* the open quote, or 0 */
    gboolean        in_tag;
    guint           n_attributes;
    int             line;
    goffset         line_start;
  }                 scan;
  int               foreign_depth;    /* > 0 inside content we do not model */

  GHashTable       *key_by_id;        /* id → key index + 1 */
  struct {
    const char     *id;
    AmDomain        domain;
    int             key;
  }                 recent_keys[8];   /* what <data key="…"> resolved to lately */
  guint             n_recent_keys;
  guint             next_recent_key;
  guint             last_recent_key;
  GArray           *key_is_yfiles;    /* gboolean per key */

  /* The <data>, <default> or <desc> being read. */
  GString          *text;
  gboolean          collecting;
  gboolean          text_in_arena;    /* a value written straight into the graph */
  gsize             text_length;
  gboolean          text_truncated;
  gboolean          data_has_children;
  int               data_key;
  guint32           data_element;

  /* yEd graphics inside a <data>. */
  gboolean          in_yed_data;
  int               yed_label_depth;  /* foreign depth of an open label, or 0 */
  GString          *yed_label;
  gboolean          yed_seen_geometry;
  gboolean          yed_seen_fill;

  /* Edge and hyperedge endpoints not yet declared when met. */
  GArray           *pending;
  GString          *pending_ids;
  guint32           top_graph_first_node;
  guint32           top_graph;

  /* Input, read in big chunks: libxml2 asks for a few kilobytes at a time,
   * and a system call for each costs more than the copy. */
  GInputStream     *stream;
  char             *chunk;
  gsize             chunk_length;
  gsize             chunk_position;
  GCancellable     *cancellable;
  goffset           size_hint;
  goffset           bytes_read;
  gboolean          cancelled;
  AmGraphmlProgressFunc progress;
  gpointer          progress_data;

  /* One of the two halves of a file read in parallel; see below. */
  Split            *split;
  goffset           limit;            /* the first half stops here, or -1 */
  gboolean          hit_limit;
  gboolean          stopped_cleanly;  /* ended at the limit between elements */
  goffset           splice_at;        /* the second half skips from here… */
  goffset           resume_at;        /* …to here, or both -1 */
  gboolean          spliced;
  int               head_lines;       /* line breaks before the splice */
  gboolean          fragment;         /* leaves endpoints pending for the merge */
  guint             n_head_keys;

  /* Element names from the parser's dictionary, compared by address. */
  struct {
    const xmlChar *graphml, *node, *edge, *data;
    const xmlChar *id, *source, *target, *directed, *sourceport, *targetport, *key;
  } names;
} Reader;

static inline int
reader_line (Reader *reader)
{
  return xmlSAX2GetLineNumber (reader->ctxt);
}

static inline int
reader_column (Reader *reader)
{
  return xmlSAX2GetColumnNumber (reader->ctxt);
}

/* libxml2 hands attribute values as unterminated ranges. */
typedef struct
{
  const xmlChar **attributes;
  int             n_attributes;
} Attributes;

/* @name is compared by address when @interned: the parser keeps one
 * copy of each name in its dictionary. */
static inline const char *
attribute_find (const Attributes *attrs,
                const char       *name,
                gboolean          interned,
                char             *buffer,
                gsize             buffer_size,
                char            **heap_copy)
{
  for (int i = 0; i < attrs->n_attributes; i++)
    {
      const xmlChar **a = attrs->attributes + i * 5;
      gsize length;

      /* GraphML attributes carry no namespace; a prefixed one is foreign. */
      if (a[2] != NULL)
        continue;
      if (interned ? a[0] != (const xmlChar *) name
                   : a[0][0] != (xmlChar) name[0] || strcmp ((const char *) a[0], name) != 0)
        continue;

      length = a[4] - a[3];
      if (length < buffer_size)
        {
          memcpy (buffer, a[3], length);
          buffer[length] = '\0';
          return buffer;
        }

      *heap_copy = g_strndup ((const char *) a[3], length);
      return *heap_copy;
    }

  return NULL;
}

#define ATTRIBUTE(attrs, name, var) \
  char var##_buffer[256]; \
  g_autofree char *var##_heap = NULL; \
  const char *var = attribute_find (attrs, name, FALSE, var##_buffer, sizeof var##_buffer, \
                                    &var##_heap)

/* The same for the attributes of every element, by their name in
 * reader->names. */
#define COMMON_ATTRIBUTE(reader, attrs, name, var) \
  char var##_buffer[256]; \
  g_autofree char *var##_heap = NULL; \
  const char *var = attribute_find (attrs, (const char *) (reader)->names.name, TRUE, \
                                    var##_buffer, sizeof var##_buffer, &var##_heap)

/* am-graphml-reader.c */
void      am_graphml_reader_fail            (Reader                 *reader,
                                             int                     code,
                                             const char             *format,
                                             ...) G_GNUC_PRINTF (3, 4);
void      am_graphml_reader_init            (Reader                 *reader,
                                             const char             *name);
void      am_graphml_reader_clear           (Reader                 *reader);
void      am_graphml_reader_parse           (Reader                 *reader);
void      am_graphml_reader_resolve_pending (Reader                 *reader);
void      am_graphml_reader_install_entity_loader (void);
gboolean  am_graphml_frame_domain           (const Frame            *frame,
                                             AmDomain               *domain,
                                             guint32                *element);

/* am-graphml-reader-limits.c */
gboolean  am_graphml_reader_has_room        (Reader                 *reader,
                                             guint                   n,
                                             ElementType             kind);
gboolean  am_graphml_reader_charge_expansion (Reader                *reader,
                                             guint64                 n);
gboolean  am_graphml_reader_scan_input      (Reader                 *reader,
                                             const char             *buffer,
                                             gsize                   length);

/* am-graphml-reader-errors.c */
/* A value in a message: at most this many characters, on one line. */
#define AM_GRAPHML_CUT_CHARS 40
#define AM_GRAPHML_CUT_SIZE  (AM_GRAPHML_CUT_CHARS * 4 + 4)
const char *am_graphml_cut                (const char             *text,
                                           char                    buffer[AM_GRAPHML_CUT_SIZE]);
char       *am_graphml_describe_xml_error (const xmlError         *error);
/* For an argument of a message; the copy lives as long as the block. */
#define AM_CUT(text) am_graphml_cut ((text), (char [AM_GRAPHML_CUT_SIZE]) { 0 })

/* am-graphml-reader-split.c */
AmGraph  *am_graphml_split_read             (GFile                  *file,
                                             const char             *name,
                                             goffset                 size,
                                             GCancellable           *cancellable,
                                             AmGraphmlProgressFunc   progress,
                                             gpointer                user_data,
                                             GError                **error);
void      am_graphml_split_publish_head     (Reader                 *reader);
void      am_graphml_split_check_stop       (Reader                 *reader,
                                             int                     code);
void      am_graphml_split_report_progress  (Reader                 *reader,
                                             gssize                  n_read);

/* am-graphml-reader-yed.c */
void      am_graphml_yed_start_element      (Reader                 *reader,
                                             const char             *name,
                                             const Attributes       *attrs);
void      am_graphml_yed_end_label          (Reader                 *reader);

/* For the tests and the benchmark */
void      am_graphml_reader_set_max_elements (guint32                limit);
guint32   am_graphml_reader_get_max_elements (void);
AmGraph  *am_graphml_read_file_in_halves    (const char             *path,
                                             GCancellable           *cancellable,
                                             AmGraphmlProgressFunc   progress,
                                             gpointer                user_data,
                                             gboolean               *read_in_halves,
                                             GError                **error);

G_END_DECLS

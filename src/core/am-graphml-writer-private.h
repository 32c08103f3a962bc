/* am-graphml-writer-private.h: between the parts of the GraphML writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>

#include "am-graphml-writer.h"

G_BEGIN_DECLS

#define YED_NS     "http://www.yworks.com/xml/graphml"

/* A <node> being copied. */
typedef struct
{
  guint    index;        /* in the graph, or AM_NO_INDEX */
  int      depth;        /* of the <node> element */
  gboolean x_done;       /* its x is in the output */
  gboolean y_done;
  gboolean yed_shift_known;
  double   dx, dy;       /* how far its y:Geometry moves */
} NodeFrame;

typedef struct
{
  const AmGraph      *graph;
  AmGraphmlSaveFlags  flags;
  xmlTextReaderPtr    in;
  xmlTextWriterPtr    out;
  GOutputStream      *stream;
  GCancellable       *cancellable;
  GError             *error;        /* the first error */

  /* The keys that hold positions, and whether we declare them. */
  char               *x_key;
  char               *y_key;
  AmAttrType          x_type;
  AmAttrType          y_type;
  gboolean            declare_x;
  gboolean            declare_y;
  gboolean            keys_declared;

  char               *graphml_ns;   /* the root's namespace: GraphML's, usually */
  GArray             *nodes;        /* NodeFrame, innermost last */
  int                 skip_depth;   /* copying nothing below this depth; -1 */

  GArray             *graph_at_depth; /* gboolean: the open element there is a <graph> */
  guint               next_node;      /* the graph's index of the next <node> element */
  guint               n_graphs_seen;  /* <graph> elements so far: the next one's index */
  guint               top_graph;      /* the index of the top-level graph being copied */
  GArray             *implicit;       /* guint: nodes edges named but the file never declared */
} Writer;

/* Where the source comes from: a file's stream or bytes in memory. */
typedef struct
{
  GInputStream *stream;
  const char   *data;
  gsize         size;
} AmSpliceSource;

typedef enum
{
  AM_SPLICE_DONE,
  AM_SPLICE_FAILED,
  AM_SPLICE_CANNOT,   /* nothing written: the streaming copy must do it */
} AmSpliceResult;

void           am_graphml_writer_format_number     (double      value,
                                                    char       *buffer,
                                                    gsize       size);
void           am_graphml_writer_format_coordinate (double      value,
                                                    AmAttrType  type,
                                                    char       *buffer,
                                                    gsize       size);
gboolean       am_graphml_writer_node_position     (Writer     *self,
                                                    NodeFrame  *frame,
                                                    double     *x,
                                                    double     *y);
guint          am_graphml_writer_take_node         (Writer     *self);
AmSpliceResult am_graphml_writer_splice            (Writer         *self,
                                                    AmSpliceSource *source);

G_END_DECLS

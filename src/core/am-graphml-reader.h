/* am-graphml-reader.h: streaming GraphML reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "am-graph.h"

G_BEGIN_DECLS

#define AM_GRAPHML_ERROR (am_graphml_error_quark ())

typedef enum
{
  AM_GRAPHML_ERROR_IO,          /* the file could not be read */
  AM_GRAPHML_ERROR_MALFORMED,   /* not well-formed XML */
  AM_GRAPHML_ERROR_NOT_GRAPHML, /* well-formed, but the root is no GraphML */
  AM_GRAPHML_ERROR_LIMIT,       /* bigger than we are willing to hold */
  AM_GRAPHML_ERROR_CANCELLED,
} AmGraphmlError;

/* Called now and then with the share of the input read so far. */
typedef void (*AmGraphmlProgressFunc) (double   fraction,
                                       gpointer user_data);

GQuark    am_graphml_error_quark      (void);

/* Error messages have the form "NAME:LINE:COLUMN: message" where the
 * parser knows the position, "NAME: message" otherwise. */
AmGraph  *am_graphml_read_file        (const char            *path,
                                       GCancellable          *cancellable,
                                       AmGraphmlProgressFunc  progress,
                                       gpointer               user_data,
                                       GError               **error);
AmGraph  *am_graphml_read_stream      (GInputStream          *stream,
                                       const char            *display_name,
                                       goffset                size_hint,
                                       GCancellable          *cancellable,
                                       AmGraphmlProgressFunc  progress,
                                       gpointer               user_data,
                                       GError               **error);
AmGraph  *am_graphml_read_bytes       (GBytes                *bytes,
                                       const char            *display_name,
                                       GError               **error);

G_END_DECLS

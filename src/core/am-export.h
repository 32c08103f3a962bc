/* am-export.h: SVG, PNG and PDF files, written atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "am-render.h"

G_BEGIN_DECLS

typedef enum
{
  AM_EXPORT_SVG,
  AM_EXPORT_PNG,
  AM_EXPORT_PDF,
} AmExportFormat;

/* From the file name's extension; FALSE when it names none we write. */
gboolean  am_export_format_from_path   (const char            *path,
                                        AmExportFormat        *format);

/* Writes @graph to @path. @options may be NULL for the whole map at a
 * natural size. The file is written beside @path and renamed over it, so
 * a failure leaves what was there untouched. */
gboolean  am_export_to_file            (const AmGraph         *graph,
                                        const AmRenderOptions *options,
                                        const char            *path,
                                        GError               **error);

/* Writes whatever @write puts in the stream it is given, the same way:
 * beside @path, then renamed over it; an error is reported as a failed
 * export to @path. For drawings and tables other than the map. */
typedef gboolean (*AmExportWriteFunc) (GOutputStream  *stream,
                                       gpointer        user_data,
                                       GError        **error);

gboolean  am_export_write_file         (const char            *path,
                                        AmExportWriteFunc      write,
                                        gpointer               user_data,
                                        GError               **error);

G_END_DECLS

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

typedef enum
{
  AM_EXPORT_FLAGS_NONE = 0,
  /* SVG: a plain picture, without the panels of what each actor said
   * that open when the actor is clicked. */
  AM_EXPORT_STATIC     = 1 << 0,
} AmExportFlags;

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

/* The same, with @flags. */
gboolean  am_export_to_file_full       (const AmGraph         *graph,
                                        const AmRenderOptions *options,
                                        AmExportFlags          flags,
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

/* Sets @options' size and transform to the whole map at its natural
 * size, with the legend, as am_export_to_file() draws it without options;
 * the lens, filters and colours @options holds are kept. Initialise
 * @options with am_render_options_init() first. */
void      am_export_fit_whole_map      (const AmGraph         *graph,
                                        AmRenderOptions       *options);

/* An export to run in another thread while the graph stays in use: the
 * job draws from its own copy of the node positions, so that a node
 * moved meanwhile cannot tear the picture. Everything else of @graph,
 * which does not change once loaded, must outlive the job. */
typedef struct _AmExportJob AmExportJob;

AmExportJob *am_export_job_new         (const AmGraph         *graph,
                                        const AmRenderOptions *options,
                                        const char            *path);
const char  *am_export_job_get_path    (AmExportJob           *job);
void         am_export_job_set_flags   (AmExportJob           *job,
                                        AmExportFlags          flags);
/* As am_export_to_file(), with what the graph held when the job was made. */
gboolean     am_export_job_run         (AmExportJob           *job,
                                        GError               **error);
void         am_export_job_free        (AmExportJob           *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmExportJob, am_export_job_free)

G_END_DECLS

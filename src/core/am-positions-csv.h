/* am-positions-csv.h: every statement about an issue, as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "am-graph.h"

G_BEGIN_DECLS

/* The header every file starts with. */
#define AM_POSITIONS_CSV_HEADER "actor,issue,stance,kind,text,paragraph,when"

/* Writes RFC 4180 CSV in UTF-8 to @stream: the header, then one record
 * per statement edge to an issue node, in file order, with or without a
 * stance. Fields: the speaker's and the labels, the stance as
 * the file spells it (empty for none), what the text is ("quote",
 * "summary", "label" or empty), the text, prefixed by its certainty in
 * brackets when not stated ("[reported] …"), the paragraph and when.
 * Lines end in CRLF. The stream is not closed. */
gboolean  am_positions_write_csv   (const AmGraph  *graph,
                                    GOutputStream  *stream,
                                    GCancellable   *cancellable,
                                    GError        **error);
/* The same into @path, written beside it and renamed over it. */
gboolean  am_positions_export_csv  (const AmGraph  *graph,
                                    const char     *path,
                                    GError        **error);

G_END_DECLS

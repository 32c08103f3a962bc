/* am-atomic-file.h: a file replaced whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _AmAtomicFile AmAtomicFile;

/* Starts replacing @path: what is written to the stream replaces the file
 * only when committed. Through a symbolic link, the file it points to is
 * replaced and the link stays. Errors are GIO's. */
AmAtomicFile  *am_atomic_file_open       (const char    *path,
                                          GCancellable  *cancellable,
                                          GError       **error);
GOutputStream *am_atomic_file_get_stream (AmAtomicFile  *self);
/* Closes the stream, which puts the new file in place; on failure the old
 * one is left as it was. */
gboolean       am_atomic_file_commit     (AmAtomicFile  *self,
                                          GCancellable  *cancellable,
                                          GError       **error);
/* Abandons what was written unless it was committed. */
void           am_atomic_file_free       (AmAtomicFile  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmAtomicFile, am_atomic_file_free)

G_END_DECLS

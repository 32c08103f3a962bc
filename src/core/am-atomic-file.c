/* am-atomic-file.c: a file replaced whole or not at all
 *
 * GIO's replace writes beside an existing file and renames over it once
 * closed, after an fsync, keeping its mode; closed with a cancelled
 * cancellable, it removes what it wrote. Measured on GLib 2.74, two cases
 * need help: a new file is written in place, so a failure must remove it;
 * and a symbolic link is written through in place, so the link is
 * resolved first and its target replaced like any file, the link kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "am-atomic-file.h"

struct _AmAtomicFile
{
  GFile         *file;      /* what is replaced: a link's target */
  gboolean       existed;
  GOutputStream *stream;    /* NULL once committed */
};

static GFile *
resolve_links (const char *path)
{
  char *resolved = realpath (path, NULL);
  GFile *file = g_file_new_for_path (resolved != NULL ? resolved : path);

  free (resolved);
  return file;
}

AmAtomicFile *
am_atomic_file_open (const char    *path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(AmAtomicFile) self = g_new0 (AmAtomicFile, 1);
  GFileOutputStream *stream;

  g_return_val_if_fail (path != NULL, NULL);

  self->file = resolve_links (path);
  self->existed = g_file_query_exists (self->file, NULL);

  stream = g_file_replace (self->file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (stream == NULL)
    return NULL;

  self->stream = G_OUTPUT_STREAM (stream);
  return g_steal_pointer (&self);
}

GOutputStream *
am_atomic_file_get_stream (AmAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->stream;
}

gboolean
am_atomic_file_commit (AmAtomicFile  *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  gboolean closed;

  g_return_val_if_fail (self != NULL && self->stream != NULL, FALSE);

  closed = g_output_stream_close (self->stream, cancellable, error);
  g_clear_object (&self->stream);
  if (!closed && !self->existed)
    g_file_delete (self->file, NULL, NULL);

  return closed;
}

void
am_atomic_file_free (AmAtomicFile *self)
{
  if (self == NULL)
    return;

  if (self->stream != NULL)
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (self->stream, abandon, NULL);
      g_clear_object (&self->stream);
      if (!self->existed)
        g_file_delete (self->file, NULL, NULL);
    }
  g_clear_object (&self->file);
  g_free (self);
}

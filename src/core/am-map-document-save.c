/* am-map-document-save.c: saving a document, and laying it out anew
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both run on a shallow copy of the graph with a copy of its nodes, as
 * exports do: the graph's other parts do not change once it is loaded,
 * while a drag may move a node at any moment. A save writes what the
 * nodes held when it began, and marks that state of the history as the
 * one on disk.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "am-graphml-writer.h"
#include "am-layout.h"
#include "am-map-document-private.h"
#include "am-map-loader.h"

char *
_am_map_document_query_etag (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ETAG_VALUE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL ? g_strdup (g_file_info_get_etag (info)) : NULL;
}

gboolean
am_map_document_is_changed_on_disk (AmMapDocument *self)
{
  g_autofree char *etag = NULL;

  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), FALSE);

  if (self->file == NULL)
    return FALSE;

  etag = _am_map_document_query_etag (self->file);
  return g_strcmp0 (etag, self->disk_etag) != 0;
}

/* The graph with nodes of its own. */
static AmGraph *
graph_snapshot_new (const AmGraph *graph)
{
  AmGraph *copy = g_new (AmGraph, 1);

  *copy = *graph;
  copy->nodes = g_array_copy (graph->nodes);
  return copy;
}

static void
graph_snapshot_free (AmGraph *copy)
{
  g_array_unref (copy->nodes);
  g_free (copy);
}

/* Saving */

typedef struct
{
  AmMapDocument      *document;
  AmGraph            *graph;          /* snapshot */
  GFile              *source;         /* NULL: the bundled map */
  GFile              *destination;
  AmGraphmlSaveFlags  flags;
  AmMoveHistoryMark   mark;
  char               *etag;           /* of the file written */
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->document);
  g_clear_pointer (&job->graph, graph_snapshot_free);
  g_clear_object (&job->source);
  g_clear_object (&job->destination);
  g_free (job->etag);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveJob, save_job_free)

static SaveJob *
save_job_new (AmMapDocument  *self,
              GFile          *destination,
              GError        **error)
{
  SaveJob *job;

  if (destination == NULL && self->file == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                           _("The bundled map has no file of its own: save it as a new file"));
      return NULL;
    }

  /* The writer copies the file as it is now, matching its nodes to the
   * graph's in order: another program's version would get our positions
   * on whatever nodes it has in their places. */
  if (am_map_document_is_changed_on_disk (self))
    {
      g_autofree char *name = g_file_get_parse_name (self->file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                   _("%s was changed by another program since it was read: reload it to save"),
                   name);
      return NULL;
    }

  job = g_new0 (SaveJob, 1);
  job->document = g_object_ref (self);
  job->graph = graph_snapshot_new (self->graph);
  job->source = self->file != NULL ? g_object_ref (self->file) : NULL;
  job->destination = g_object_ref (destination != NULL ? destination : self->file);
  /* Unmoved, a copy is the file as it was, positions or none; the same
   * layout is made again when it is opened. */
  job->flags = self->moved ? AM_GRAPHML_SAVE_POSITIONS : AM_GRAPHML_SAVE_COPY;
  am_move_history_get_mark (self->history, &job->mark);

  self->n_saving++;
  if (self->n_saving == 1)
    _am_map_document_notify_saving (self);

  return job;
}

static gboolean
save_job_run (SaveJob       *job,
              GCancellable  *cancellable,
              GError       **error)
{
  gboolean ok;

  if (job->source != NULL)
    ok = am_graphml_save (job->graph, job->source, job->destination, job->flags,
                          cancellable, error);
  else
    {
      g_autoptr(GBytes) bytes = am_map_loader_get_bundled_map ();

      ok = am_graphml_save_from_bytes (job->graph, bytes, job->destination, job->flags,
                                       cancellable, error);
    }

  if (ok)
    job->etag = _am_map_document_query_etag (job->destination);
  return ok;
}

/* In the document's thread, when the job is done, whether it worked. */
static void
save_job_finish (SaveJob  *job,
                 gboolean  ok)
{
  AmMapDocument *self = job->document;

  self->n_saving--;
  if (ok)
    {
      am_move_history_mark_saved_at (self->history, &job->mark);
      g_free (self->disk_etag);
      self->disk_etag = g_steal_pointer (&job->etag);
      _am_map_document_set_file (self, job->destination);
      _am_map_document_update_history_state (self);
    }
  if (self->n_saving == 0)
    _am_map_document_notify_saving (self);
}

gboolean
am_map_document_save (AmMapDocument  *self,
                      GFile          *destination,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_autoptr(SaveJob) job = NULL;
  gboolean ok;

  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), FALSE);
  g_return_val_if_fail (destination == NULL || G_IS_FILE (destination), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  job = save_job_new (self, destination, error);
  if (job == NULL)
    return FALSE;

  ok = save_job_run (job, cancellable, error);
  save_job_finish (job, ok);
  return ok;
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (save_job_run (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
am_map_document_save_async (AmMapDocument       *self,
                            GFile               *destination,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SaveJob *job;

  g_return_if_fail (AM_IS_MAP_DOCUMENT (self));
  g_return_if_fail (destination == NULL || G_IS_FILE (destination));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, am_map_document_save_async);

  job = save_job_new (self, destination, &error);
  if (job == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_in_thread);
}

gboolean
am_map_document_save_finish (AmMapDocument  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  SaveJob *job;
  gboolean ok;

  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == am_map_document_save_async, FALSE);

  ok = g_task_propagate_boolean (G_TASK (result), error);
  job = g_task_get_task_data (G_TASK (result));
  /* Without a job, the save never began. */
  if (job != NULL)
    save_job_finish (job, ok);
  return ok;
}

/* Laying out anew */

static void
layout_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  if (am_layout_run (task_data, cancellable, NULL, NULL))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("Layout was cancelled"));
}

void
am_map_document_reset_layout_async (AmMapDocument       *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AM_IS_MAP_DOCUMENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, am_map_document_reset_layout_async);
  g_task_set_task_data (task, graph_snapshot_new (self->graph),
                        (GDestroyNotify) graph_snapshot_free);
  g_task_run_in_thread (task, layout_in_thread);
}

gboolean
am_map_document_reset_layout_finish (AmMapDocument  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  AmGraph *laid_out;

  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == am_map_document_reset_layout_async,
                        FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  laid_out = g_task_get_task_data (G_TASK (result));
  _am_map_document_move_all (self, (const AmNode *) laid_out->nodes->data);
  return TRUE;
}

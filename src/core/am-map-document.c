/* am-map-document.c: an open map and what the user is looking at in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The graph is plain data; this object is what widgets observe. Every
 * change of view state is a property, so a widget binds or listens to
 * notify, and moving nodes emits ::positions-changed. Moves are kept in
 * a history, to undo and redo, and to tell unsaved changes.
 */

#include "config.h"

#include <string.h>

#include <math.h>

#include "am-map-document-private.h"
#include "am-map-loader.h"

G_DEFINE_FINAL_TYPE (AmMapDocument, am_map_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SELECTED_NODE,
  PROP_HOVER_NODE,
  PROP_LENS_ISSUE,
  PROP_HIDDEN_EDGE_KINDS,
  PROP_SHOW_ISSUES,
  PROP_FILE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  PROP_SAVING,
  N_PROPS
};

enum {
  POSITIONS_CHANGED,
  COLLAPSED_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
am_map_document_finalize (GObject *object)
{
  AmMapDocument *self = AM_MAP_DOCUMENT (object);

  g_clear_pointer (&self->graph, am_graph_free);
  g_clear_object (&self->file);
  g_clear_pointer (&self->actor_order, g_array_unref);
  g_clear_pointer (&self->nodes_by_degree, g_free);
  g_clear_pointer (&self->history, am_move_history_free);
  g_clear_pointer (&self->disk_etag, g_free);
  _am_map_document_clear_groups (self);

  G_OBJECT_CLASS (am_map_document_parent_class)->finalize (object);
}

static void
am_map_document_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AmMapDocument *self = AM_MAP_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, am_map_document_get_title (self));
      break;
    case PROP_SELECTED_NODE:
      g_value_set_uint (value, self->selected_node);
      break;
    case PROP_HOVER_NODE:
      g_value_set_uint (value, self->hover_node);
      break;
    case PROP_LENS_ISSUE:
      g_value_set_uint (value, self->lens_issue);
      break;
    case PROP_HIDDEN_EDGE_KINDS:
      g_value_set_uint (value, self->hidden_edge_kinds);
      break;
    case PROP_SHOW_ISSUES:
      g_value_set_boolean (value, self->show_issues);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->can_undo);
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, self->can_redo);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_SAVING:
      g_value_set_boolean (value, self->n_saving > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
am_map_document_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AmMapDocument *self = AM_MAP_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_SELECTED_NODE:
      am_map_document_set_selected_node (self, g_value_get_uint (value));
      break;
    case PROP_HOVER_NODE:
      am_map_document_set_hover_node (self, g_value_get_uint (value));
      break;
    case PROP_LENS_ISSUE:
      am_map_document_set_lens_issue (self, g_value_get_uint (value));
      break;
    case PROP_HIDDEN_EDGE_KINDS:
      am_map_document_set_hidden_edge_kinds (self, g_value_get_uint (value));
      break;
    case PROP_SHOW_ISSUES:
      am_map_document_set_show_issues (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
am_map_document_class_init (AmMapDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = am_map_document_finalize;
  object_class->get_property = am_map_document_get_property;
  object_class->set_property = am_map_document_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_NODE] =
    g_param_spec_uint ("selected-node", NULL, NULL, 0, G_MAXUINT32, AM_NO_INDEX,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HOVER_NODE] =
    g_param_spec_uint ("hover-node", NULL, NULL, 0, G_MAXUINT32, AM_NO_INDEX,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LENS_ISSUE] =
    g_param_spec_uint ("lens-issue", NULL, NULL, 0, G_MAXUINT32, AM_NO_INDEX,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HIDDEN_EDGE_KINDS] =
    g_param_spec_uint ("hidden-edge-kinds", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_ISSUES] =
    g_param_spec_boolean ("show-issues", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* NULL for the bundled map; another file after Save As. */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AmMapDocument::positions-changed:
   * @node: the node that moved, or AM_NO_INDEX when any may have
   */
  signals[POSITIONS_CHANGED] =
    g_signal_new ("positions-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * AmMapDocument::collapsed-changed:
   *
   * A group was collapsed or expanded.
   */
  signals[COLLAPSED_CHANGED] =
    g_signal_new ("collapsed-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

void
_am_map_document_emit_collapsed_changed (AmMapDocument *self)
{
  g_signal_emit (self, signals[COLLAPSED_CHANGED], 0);
}

static void
am_map_document_init (AmMapDocument *self)
{
  self->selected_node = AM_NO_INDEX;
  self->hover_node = AM_NO_INDEX;
  self->lens_issue = AM_NO_INDEX;
  self->show_issues = TRUE;
  self->history = am_move_history_new ();
}

AmMapDocument *
am_map_document_new (AmGraph *graph,
                     GFile   *file)
{
  AmMapDocument *self;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (AM_TYPE_MAP_DOCUMENT, NULL);
  self->graph = graph;
  self->file = file != NULL ? g_object_ref (file) : NULL;
  if (file != NULL)
    self->disk_etag = _am_map_document_query_etag (file);
  _am_map_document_init_groups (self);

  return self;
}

/* Loading */

/* Progress at most this often, in microseconds: enough for a bar to move
 * smoothly, and far from keeping the main loop busy. */
#define PROGRESS_INTERVAL (G_USEC_PER_SEC / 10)

/* Carries the loader's progress from the worker thread to the caller's
 * main context. The newest report waits under the mutex; at most one
 * delivery is queued at a time, and it takes whatever is newest when it
 * runs, so a slow main loop sees fewer updates, never stale ones. */
typedef struct
{
  GMutex                 mutex;
  AmMapLoadProgress      latest;
  gboolean               has_latest;
  gboolean               queued;
  gint64                 sent_at;

  GMainContext          *context;
  /* Main thread only; cleared when loading ends, so that no report
   * reaches the caller after its callback. */
  AmMapLoadProgressFunc  func;
  gpointer               user_data;
} ProgressRelay;

static void
progress_relay_clear (ProgressRelay *relay)
{
  g_mutex_clear (&relay->mutex);
  g_main_context_unref (relay->context);
}

static void
progress_relay_unref (gpointer relay)
{
  g_atomic_rc_box_release_full (relay, (GDestroyNotify) progress_relay_clear);
}

static ProgressRelay *
progress_relay_new (AmMapLoadProgressFunc func,
                    gpointer              user_data)
{
  ProgressRelay *relay = g_atomic_rc_box_new0 (ProgressRelay);

  g_mutex_init (&relay->mutex);
  relay->context = g_main_context_ref_thread_default ();
  relay->func = func;
  relay->user_data = user_data;

  return relay;
}

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressRelay *relay = user_data;
  AmMapLoadProgress progress;

  g_mutex_lock (&relay->mutex);
  progress = relay->latest;
  relay->queued = FALSE;
  g_mutex_unlock (&relay->mutex);

  if (relay->func != NULL)
    relay->func (&progress, relay->user_data);

  return G_SOURCE_REMOVE;
}

/* In the worker thread. A new stage goes out at once, so that the user
 * sees it begin; within a stage, no more than one report per interval. */
static void
on_progress (const AmMapLoadProgress *progress,
             gpointer                 user_data)
{
  ProgressRelay *relay = user_data;
  gint64 now = g_get_monotonic_time ();
  gboolean send;

  g_mutex_lock (&relay->mutex);
  send = !relay->queued &&
         (!relay->has_latest || relay->latest.stage != progress->stage ||
          now - relay->sent_at >= PROGRESS_INTERVAL);
  relay->latest = *progress;
  relay->has_latest = TRUE;
  if (send)
    {
      relay->queued = TRUE;
      relay->sent_at = now;
    }
  g_mutex_unlock (&relay->mutex);

  /* Always through a source: g_main_context_invoke() would call
   * deliver_progress() right here, in this thread, whenever the main
   * context happens to be free between two iterations. */
  if (send)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, deliver_progress, g_atomic_rc_box_acquire (relay),
                             progress_relay_unref);
      g_source_set_static_name (source, "[actor-map] load progress");
      g_source_attach (source, relay->context);
    }
}

typedef struct
{
  GFile         *file;
  ProgressRelay *relay;   /* NULL without a progress callback */
  gboolean       unplaced;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_clear_object (&job->file);
  g_clear_pointer (&job->relay, progress_relay_unref);
  g_free (job);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  AmGraph *graph;

  if (job->file != NULL)
    path = g_file_get_path (job->file);
  if (job->file != NULL && path == NULL)
    path = g_file_get_uri (job->file);

  /* Taken before reading: a change made while we read is a change. */
  if (job->file != NULL)
    etag = _am_map_document_query_etag (job->file);

  if (job->unplaced)
    graph = am_map_loader_load_unplaced (path, cancellable,
                                         job->relay != NULL ? on_progress : NULL, job->relay,
                                         &error);
  else
    graph = am_map_loader_load_full (path, cancellable,
                                     job->relay != NULL ? on_progress : NULL, job->relay,
                                     &error);
  if (graph == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    {
      AmMapDocument *document = am_map_document_new (graph, job->file);

      g_free (document->disk_etag);
      document->disk_etag = g_steal_pointer (&etag);
      /* Left unplaced, the map is laid out next, and these are better
       * made meanwhile: see am_map_document_load_unplaced_async(). */
      if (!job->unplaced || am_graph_has_positions (graph))
        {
          am_map_document_get_actor_order (document, NULL);
          am_map_document_get_nodes_by_degree (document);
        }
      g_task_return_pointer (task, document, g_object_unref);
    }
}

/* The worker's task ends here, in the caller's context; only then does
 * the caller's task end, with no progress left to come after it. */
static void
on_worker_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  AmMapDocument *document;

  if (job->relay != NULL)
    job->relay->func = NULL;

  document = g_task_propagate_pointer (G_TASK (result), &error);
  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

void
am_map_document_load_async (GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  am_map_document_load_with_progress_async (file, cancellable, NULL, NULL, callback, user_data);
}

static void
load_job_run (GFile                 *file,
              gboolean               unplaced,
              GCancellable          *cancellable,
              AmMapLoadProgressFunc  progress_callback,
              gpointer               progress_data,
              GAsyncReadyCallback    callback,
              gpointer               user_data);

void
am_map_document_load_with_progress_async (GFile                 *file,
                                          GCancellable          *cancellable,
                                          AmMapLoadProgressFunc  progress_callback,
                                          gpointer               progress_data,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data)
{
  load_job_run (file, FALSE, cancellable, progress_callback, progress_data, callback, user_data);
}

void
am_map_document_load_unplaced_async (GFile                 *file,
                                     GCancellable          *cancellable,
                                     AmMapLoadProgressFunc  progress_callback,
                                     gpointer               progress_data,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  load_job_run (file, TRUE, cancellable, progress_callback, progress_data, callback, user_data);
}

static void
load_job_run (GFile                 *file,
              gboolean               unplaced,
              GCancellable          *cancellable,
              AmMapLoadProgressFunc  progress_callback,
              gpointer               progress_data,
              GAsyncReadyCallback    callback,
              gpointer               user_data)
{
  g_autoptr(GTask) worker = NULL;
  GTask *task;
  LoadJob *job;

  g_return_if_fail (file == NULL || G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, am_map_document_load_async);

  job = g_new0 (LoadJob, 1);
  job->file = file != NULL ? g_object_ref (file) : NULL;
  job->unplaced = unplaced;
  if (progress_callback != NULL)
    job->relay = progress_relay_new (progress_callback, progress_data);

  worker = g_task_new (NULL, cancellable, on_worker_done_cb, task);
  g_task_set_source_tag (worker, load_in_thread);
  g_task_set_task_data (worker, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (worker, load_in_thread);
}

AmMapDocument *
am_map_document_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == am_map_document_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

AmGraph *
am_map_document_get_graph (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), NULL);
  return self->graph;
}

static int
kind_rank (AmNodeKind kind)
{
  switch (kind)
    {
    case AM_NODE_KIND_PERSON:       return 0;
    case AM_NODE_KIND_GOVERNMENT:   return 1;
    case AM_NODE_KIND_ORGANISATION: return 2;
    case AM_NODE_KIND_EVENT:        return 3;
    case AM_NODE_KIND_PLACE:        return 4;
    case AM_NODE_KIND_OTHER:        return 5;
    case AM_NODE_KIND_ISSUE:
    case AM_N_NODE_KINDS:
    default:                        return 6;
    }
}

typedef struct
{
  const AmGraph *graph;
  char         **collate_keys;   /* per node */
  gboolean       by_kind;
} SortData;

static int
compare_actors (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const SortData *data = user_data;
  guint32 node_a = *(const guint32 *) a;
  guint32 node_b = *(const guint32 *) b;
  int order;

  if (data->by_kind)
    {
      int rank_a = kind_rank (am_graph_get_node (data->graph, node_a)->kind);
      int rank_b = kind_rank (am_graph_get_node (data->graph, node_b)->kind);

      if (rank_a != rank_b)
        return rank_a - rank_b;
    }

  order = strcmp (data->collate_keys[node_a], data->collate_keys[node_b]);
  if (order != 0)
    return order;

  return node_a < node_b ? -1 : node_a > node_b;
}

/* For the canvas' overview labels; like the actor order, made once, in
 * the loading thread for a map that was loaded. */
const guint32 *
am_map_document_get_nodes_by_degree (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), NULL);

  if (self->nodes_by_degree == NULL)
    self->nodes_by_degree = am_graph_sort_by_degree (self->graph);

  return self->nodes_by_degree;
}

/* The actors as lists show them: sorted by label in the user's language,
 * and on a map with kinds grouped by kind (people first), without the
 * issues. Made once, in the loading thread for a map that was loaded. */
const guint32 *
am_map_document_get_actor_order (AmMapDocument *self,
                                 guint         *n_actors)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), NULL);

  if (self->actor_order == NULL)
    {
      gboolean by_kind = self->graph->profile.node_kind >= 0;
      guint n_nodes = am_graph_get_n_nodes (self->graph);
      g_autofree char **collate_keys = g_new0 (char *, MAX (n_nodes, 1));
      SortData data = { self->graph, collate_keys, by_kind };

      self->actor_order = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_nodes);
      for (guint32 i = 0; i < n_nodes; i++)
        {
          const AmNode *node = am_graph_get_node (self->graph, i);

          if (by_kind && node->kind == AM_NODE_KIND_ISSUE)
            continue;

          collate_keys[i] = g_utf8_collate_key (node->label, -1);
          g_array_append_val (self->actor_order, i);
        }

      g_array_sort_with_data (self->actor_order, compare_actors, &data);

      for (guint i = 0; i < n_nodes; i++)
        g_free (collate_keys[i]);
    }

  if (n_actors != NULL)
    *n_actors = self->actor_order->len;
  return (const guint32 *) self->actor_order->data;
}

GFile *
am_map_document_get_file (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), NULL);
  return self->file;
}

const char *
am_map_document_get_title (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), NULL);
  return am_graph_get_title (self->graph);
}

static void
set_node_property (AmMapDocument *self,
                   guint         *field,
                   guint          node,
                   GParamSpec    *pspec)
{
  if (node != AM_NO_INDEX && node >= am_graph_get_n_nodes (self->graph))
    node = AM_NO_INDEX;
  if (*field == node)
    return;

  *field = node;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

guint
am_map_document_get_selected_node (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), AM_NO_INDEX);
  return self->selected_node;
}

void
am_map_document_set_selected_node (AmMapDocument *self,
                                   guint          node)
{
  g_return_if_fail (AM_IS_MAP_DOCUMENT (self));
  /* Chosen from a list or a search: a hidden member is shown first. */
  am_map_document_reveal_node (self, node);
  set_node_property (self, &self->selected_node, node, properties[PROP_SELECTED_NODE]);
}

guint
am_map_document_get_hover_node (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), AM_NO_INDEX);
  return self->hover_node;
}

void
am_map_document_set_hover_node (AmMapDocument *self,
                                guint          node)
{
  g_return_if_fail (AM_IS_MAP_DOCUMENT (self));
  set_node_property (self, &self->hover_node, node, properties[PROP_HOVER_NODE]);
}

guint
am_map_document_get_lens_issue (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), AM_NO_INDEX);
  return self->lens_issue;
}

void
am_map_document_set_lens_issue (AmMapDocument *self,
                                guint          issue)
{
  g_return_if_fail (AM_IS_MAP_DOCUMENT (self));
  set_node_property (self, &self->lens_issue, issue, properties[PROP_LENS_ISSUE]);
}

guint
am_map_document_get_hidden_edge_kinds (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), 0);
  return self->hidden_edge_kinds;
}

void
am_map_document_set_hidden_edge_kinds (AmMapDocument *self,
                                       guint          kinds)
{
  g_return_if_fail (AM_IS_MAP_DOCUMENT (self));

  if (self->hidden_edge_kinds == kinds)
    return;

  self->hidden_edge_kinds = kinds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_EDGE_KINDS]);
}

gboolean
am_map_document_get_show_issues (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), TRUE);
  return self->show_issues;
}

void
am_map_document_set_show_issues (AmMapDocument *self,
                                 gboolean       show)
{
  g_return_if_fail (AM_IS_MAP_DOCUMENT (self));

  show = !!show;
  if (self->show_issues == show)
    return;

  self->show_issues = show;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ISSUES]);
}

/* Moves and undo */

void
_am_map_document_update_history_state (AmMapDocument *self)
{
  gboolean can_undo = am_move_history_can_undo (self->history);
  gboolean can_redo = am_move_history_can_redo (self->history);
  gboolean modified = am_move_history_is_modified (self->history);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->can_undo != can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (self->can_redo != can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
  if (self->modified != modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
_am_map_document_notify_saving (AmMapDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

void
_am_map_document_set_file (AmMapDocument *self,
                           GFile         *file)
{
  if (self->file != NULL && file != NULL && g_file_equal (self->file, file))
    return;

  g_set_object (&self->file, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

void
am_map_document_move_node (AmMapDocument *self,
                           guint          node,
                           double         x,
                           double         y)
{
  AmNode *n;
  double dx, dy;

  g_return_if_fail (AM_IS_MAP_DOCUMENT (self));
  g_return_if_fail (node < am_graph_get_n_nodes (self->graph));

  if (!isfinite (x) || !isfinite (y))
    return;

  n = am_graph_get_node (self->graph, node);
  if (n->x == x && n->y == y)
    return;

  am_move_history_record (self->history, node, n->x, n->y, x, y);
  dx = x - n->x;
  dy = y - n->y;
  n->x = x;
  n->y = y;
  self->moved = TRUE;
  /* Members follow their group, and boxes their members. */
  if (_am_map_document_follow_move (self, node, dx, dy))
    node = AM_NO_INDEX;
  g_signal_emit (self, signals[POSITIONS_CHANGED], 0, node);
  _am_map_document_update_history_state (self);
}

void
am_map_document_begin_move (AmMapDocument *self)
{
  g_return_if_fail (AM_IS_MAP_DOCUMENT (self));
  am_move_history_begin_step (self->history);
}

void
am_map_document_end_move (AmMapDocument *self)
{
  g_return_if_fail (AM_IS_MAP_DOCUMENT (self));
  am_move_history_end_step (self->history);
}

gboolean
am_map_document_get_can_undo (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), FALSE);
  return self->can_undo;
}

gboolean
am_map_document_get_can_redo (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), FALSE);
  return self->can_redo;
}

gboolean
am_map_document_get_modified (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), FALSE);
  return self->modified;
}

gboolean
am_map_document_get_saving (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), FALSE);
  return self->n_saving > 0;
}

/* One node moved is redrawn as one; a step of many, as all. */
static void
apply_moves (AmMapDocument *self,
             const AmMove  *moves,
             guint          n_moves,
             gboolean       undo)
{
  for (guint k = 0; k < n_moves; k++)
    {
      const AmMove *move = &moves[undo ? n_moves - 1 - k : k];
      AmNode *node = am_graph_get_node (self->graph, move->node);

      node->x = undo ? move->from_x : move->to_x;
      node->y = undo ? move->from_y : move->to_y;
    }

  if (n_moves > 0)
    {
      gboolean refitted = _am_map_document_refit_groups (self);

      self->moved = TRUE;
      g_signal_emit (self, signals[POSITIONS_CHANGED], 0,
                     n_moves == 1 && !refitted ? moves[0].node : AM_NO_INDEX);
    }
  _am_map_document_update_history_state (self);
}

void
am_map_document_undo (AmMapDocument *self)
{
  const AmMove *moves;
  guint n_moves;

  g_return_if_fail (AM_IS_MAP_DOCUMENT (self));

  moves = am_move_history_undo (self->history, &n_moves);
  apply_moves (self, moves, n_moves, TRUE);
}

void
am_map_document_redo (AmMapDocument *self)
{
  const AmMove *moves;
  guint n_moves;

  g_return_if_fail (AM_IS_MAP_DOCUMENT (self));

  moves = am_move_history_redo (self->history, &n_moves);
  apply_moves (self, moves, n_moves, FALSE);
}

void
am_map_document_place_nodes (AmMapDocument *self,
                             const double  *x,
                             const double  *y)
{
  guint n_nodes;

  g_return_if_fail (AM_IS_MAP_DOCUMENT (self));
  g_return_if_fail (x != NULL && y != NULL);

  n_nodes = am_graph_get_n_nodes (self->graph);
  for (guint i = 0; i < n_nodes; i++)
    {
      AmNode *node = am_graph_get_node (self->graph, i);

      node->x = x[i];
      node->y = y[i];
    }

  g_signal_emit (self, signals[POSITIONS_CHANGED], 0, AM_NO_INDEX);
}

void
_am_map_document_move_all (AmMapDocument *self,
                           const AmNode  *nodes)
{
  guint n_nodes = am_graph_get_n_nodes (self->graph);
  gboolean any = FALSE;

  am_move_history_begin_step (self->history);
  for (guint i = 0; i < n_nodes; i++)
    {
      AmNode *node = am_graph_get_node (self->graph, i);

      if ((node->x == nodes[i].x && node->y == nodes[i].y) ||
          !isfinite (nodes[i].x) || !isfinite (nodes[i].y))
        continue;

      am_move_history_record (self->history, i, node->x, node->y, nodes[i].x, nodes[i].y);
      node->x = nodes[i].x;
      node->y = nodes[i].y;
      any = TRUE;
    }
  am_move_history_end_step (self->history);

  if (any)
    {
      self->moved = TRUE;
      _am_map_document_refit_groups (self);
      g_signal_emit (self, signals[POSITIONS_CHANGED], 0, AM_NO_INDEX);
    }
  _am_map_document_update_history_state (self);
}

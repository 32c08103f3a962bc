/* am-window-loading.c: opening maps in the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A map is read in the background, from the Open dialog, a recent file,
 * a file dropped on the window or the bundled map, with its progress on
 * show; the map already open stays until the new one is ready.
 *
 * A map its file does not place is laid out once read, which takes
 * seconds for a big one. It shows from the layout's first rough picture
 * on and is refined in place, the bar and its Cancel over it; cancelling
 * brings back what was shown before. The pictures come from the layout's
 * thread into a buffer that the main loop takes by swapping pointers, so
 * that it never copies the positions itself.
 */

#include "config.h"

#include <glib/gi18n.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "am-graph-view-private.h"
#include "am-window-private.h"

/* Bar updates from the layout's thread, at most this often. */
#define REFINING_PROGRESS_INTERVAL (50 * G_TIME_SPAN_MILLISECOND)

/* The layout's threads yield to the main loop and to drawing: they only
 * refine what already shows. */
#define REFINING_NICENESS 10

/* A new picture means a new frame of the whole map and a new legend:
 * after the first, no more than one picture this often, and none while
 * the canvas still draws the last, which would only be thrown away. */
#define PICTURE_INTERVAL_MS 1000
#define DRAWN_POLL_MS       100

/* Recent maps listed in the primary menu. */
#define MAX_RECENT_MAPS 5

/* Menu labels take underscores for mnemonics; a file name's are not. */
static char *
escape_underscores (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

/* Recent maps */

static gint
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;

  return g_date_time_compare (gtk_recent_info_get_modified (info_b),
                              gtk_recent_info_get_modified (info_a));
}

/* The folder of @info's file, to tell maps of the same name apart: the
 * home folder as "~", as the file chooser and other apps show it. */
static char *
recent_folder (GtkRecentInfo *info)
{
  g_autoptr(GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autofree char *below_home = NULL;

  if (parent == NULL)
    return g_file_get_parse_name (file);
  if (g_file_equal (parent, home))
    return g_strdup ("~");
  below_home = g_file_get_relative_path (home, parent);
  if (below_home != NULL)
    return g_build_filename ("~", below_home, NULL);
  return g_file_get_parse_name (parent);
}

/* @info's label in the menu: its name, and its folder as well when
 * another listed map has the same name. */
static char *
recent_label (GPtrArray *listed,
              guint      index)
{
  GtkRecentInfo *info = g_ptr_array_index (listed, index);
  const char *name = gtk_recent_info_get_display_name (info);

  for (guint i = 0; i < listed->len; i++)
    {
      if (i != index &&
          g_strcmp0 (gtk_recent_info_get_display_name (g_ptr_array_index (listed, i)), name) == 0)
        {
          g_autofree char *folder = recent_folder (info);

          /* TRANSLATORS: a recent map in the main menu, when another
           * has the same file name: the name, then its folder. */
          return g_strdup_printf (C_("recent map", "%s — %s"), name, folder);
        }
    }

  return g_strdup (name);
}

static void
rebuild_recent_section (AmWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  g_autoptr(GPtrArray) ours = g_ptr_array_new ();
  const char *application = g_get_application_name ();

  for (const GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (application != NULL && gtk_recent_info_has_application (info, application) &&
          gtk_recent_info_exists (info))
        g_ptr_array_add (ours, info);
    }

  g_ptr_array_sort (ours, compare_recent);
  if (ours->len > MAX_RECENT_MAPS)
    g_ptr_array_set_size (ours, MAX_RECENT_MAPS);

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; i < ours->len; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (ours, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *shown = recent_label (ours, i);
      g_autofree char *label = NULL;

      label = escape_underscores (shown);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s",
                                         gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_section, item);
    }

  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
add_to_recent (AmWindow *self,
               GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *content_type = g_content_type_guess (basename, NULL, 0, NULL);
  g_autofree char *mime_type = content_type != NULL ? g_content_type_get_mime_type (content_type) : NULL;
  g_autofree char *exec = g_strconcat (g_get_prgname () != NULL ? g_get_prgname () : "actor-map",
                                       " %u", NULL);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = mime_type != NULL && strcmp (mime_type, "application/octet-stream") != 0
                 ? mime_type : (char *) "application/xml",
    .app_name = (char *) g_get_application_name (),
    .app_exec = exec,
    .groups = NULL,
    .is_private = FALSE,
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
  _am_window_watch_recent (self);
}

/* The reader names the file by its path; the user has just picked the
 * file, and a toast is short, so the message names it by its base name. */
static char *
shorten_error (const char *message,
               GFile      *file)
{
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autofree char *name = NULL;

  if (path == NULL || !g_str_has_prefix (message, path))
    return g_strdup (message);

  name = g_filename_display_basename (path);
  return g_strconcat (name, message + strlen (path), NULL);
}

typedef struct
{
  AmWindow     *window;
  GFile        *file;
  GCancellable *cancellable;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->file);
  g_clear_object (&data->cancellable);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

/* Shown on the loading page and, when a map is already open, on the bar
 * over it; the text says which stage, the bar how far within it. */
static void
show_progress (AmWindow   *self,
               double      fraction,
               const char *text)
{
  gtk_progress_bar_set_text (self->loading_progress, text);
  gtk_progress_bar_set_fraction (self->loading_progress, fraction);
  gtk_progress_bar_set_text (self->load_bar_progress, text);
  gtk_progress_bar_set_fraction (self->load_bar_progress, fraction);
}

static char *
progress_text (const AmMapLoadProgress *progress)
{
  g_autofree char *read = NULL;
  g_autofree char *total = NULL;

  if (progress->stage == AM_MAP_LOAD_STAGE_LAYING_OUT)
    return g_strdup (_("Laying out…"));

  if (progress->bytes_total == 0)
    return g_strdup (_("Reading…"));

  read = g_format_size (progress->bytes_read);
  total = g_format_size (progress->bytes_total);
  /* Translators: reading a file; "12.3 MB of 271.8 MB" */
  return g_strdup_printf (_("Reading… %s of %s"), read, total);
}

static void
on_load_progress_cb (const AmMapLoadProgress *progress,
                     gpointer                 user_data)
{
  LoadData *data = user_data;
  AmWindow *self = data->window;
  g_autofree char *text = NULL;

  /* A load given up on still reports until its thread notices. */
  if (data->cancellable != self->load_cancellable)
    return;

  text = progress_text (progress);
  show_progress (self, progress->fraction, text);
}

/* Laying out while shown */

typedef struct _AmWindowRefining Refining;

struct _AmWindowRefining
{
  /* Only the main thread touches these. */
  AmWindow      *window;
  AmMapDocument *document;
  AmMapDocument *previous;    /* shown before, and again on Cancel */
  GFile         *file;
  GCancellable  *cancellable;
  GMainContext  *context;
  gboolean       shown;
  gboolean       ordered;     /* the document's actor order and degrees made */
  gboolean       done;        /* set by the thread before it hands back */
  gboolean       finished;    /* the thread has handed back */
  gint64         placed_at;   /* the last picture */
  guint          later_id;    /* to put a picture in place once it is time */

  /* Shared with the layout's thread. */
  GMutex         mutex;
  double        *pending_x;   /* the latest picture not yet shown */
  double        *pending_y;
  double        *spare_x;     /* a picture shown, its buffers free again */
  double        *spare_y;
  double         fraction;
  gboolean       queued;
  gint64         sent_at;
};

static void
refining_clear (Refining *refining)
{
  g_clear_object (&refining->window);
  g_clear_object (&refining->document);
  g_clear_object (&refining->previous);
  g_clear_object (&refining->file);
  g_clear_object (&refining->cancellable);
  g_clear_pointer (&refining->context, g_main_context_unref);
  g_mutex_clear (&refining->mutex);
  g_free (refining->pending_x);
  g_free (refining->pending_y);
  g_free (refining->spare_x);
  g_free (refining->spare_y);
}

static void
refining_unref (gpointer refining)
{
  g_atomic_rc_box_release_full (refining, (GDestroyNotify) refining_clear);
}

static Refining *
refining_ref (Refining *refining)
{
  return g_atomic_rc_box_acquire (refining);
}

static void refining_deliver (Refining *refining,
                              gboolean  now);

static gboolean
deliver_later_cb (gpointer user_data)
{
  Refining *refining = user_data;

  refining->later_id = 0;
  refining_deliver (refining, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
canvas_is_drawing (AmWindow *self)
{
  GtkWidget *canvas = GTK_WIDGET (self->graph_view);

  return gtk_widget_get_mapped (canvas) && !am_graph_view_is_sharp (self->graph_view);
}

/* Shows the progress and the latest picture, if they are still wanted;
 * the picture waits (unless @now) while the last one is recent or still
 * being drawn. */
static void
refining_deliver (Refining *refining,
                  gboolean  now)
{
  AmWindow *self = refining->window;
  gint64 wait = refining->placed_at + PICTURE_INTERVAL_MS * G_TIME_SPAN_MILLISECOND -
                g_get_monotonic_time ();
  double *x = NULL, *y = NULL;
  gboolean waiting = FALSE;
  double fraction;

  /* The first picture also waits for the order of the list, which is
   * made meanwhile and must be there before the document shows. */
  if (!refining->shown && !refining->ordered)
    now = FALSE, wait = G_MAXINT64;
  else if (!refining->shown)
    now = TRUE;
  else if (!now && wait <= 0 && canvas_is_drawing (self))
    wait = DRAWN_POLL_MS * G_TIME_SPAN_MILLISECOND;

  g_mutex_lock (&refining->mutex);
  if (now || wait <= 0)
    {
      x = g_steal_pointer (&refining->pending_x);
      y = g_steal_pointer (&refining->pending_y);
    }
  else
    waiting = refining->pending_x != NULL;
  fraction = refining->fraction;
  refining->queued = FALSE;
  g_mutex_unlock (&refining->mutex);

  if (waiting && refining->later_id == 0 && self->refining == refining && wait < G_MAXINT64)
    refining->later_id = g_timeout_add_full (G_PRIORITY_DEFAULT, wait / G_TIME_SPAN_MILLISECOND + 1,
                                             deliver_later_cb, refining_ref (refining),
                                             refining_unref);

  if (self->refining != refining || g_cancellable_is_cancelled (refining->cancellable))
    {
      g_free (x);
      g_free (y);
      return;
    }

  if (x != NULL)
    {
      am_map_document_place_nodes (refining->document, x, y);
      refining->placed_at = g_get_monotonic_time ();
      if (!refining->shown)
        {
          refining->shown = TRUE;
          _am_window_restore_view_state (self, refining->document);
          _am_window_set_document (self, refining->document);
        }
      /* The picture grows as it is refined; a view the user has not
       * moved keeps showing all of it. */
      else if (self->graph_view->fitted)
        am_graph_view_zoom_fit (self->graph_view);

      g_mutex_lock (&refining->mutex);
      g_free (refining->spare_x);
      g_free (refining->spare_y);
      refining->spare_x = x;
      refining->spare_y = y;
      g_mutex_unlock (&refining->mutex);
    }

  if (refining->shown)
    show_progress (self, fraction, _("Refining the layout…"));
  else
    {
      AmMapLoadProgress progress = { AM_MAP_LOAD_STAGE_LAYING_OUT, fraction, 0, 0 };
      g_autofree char *text = progress_text (&progress);

      show_progress (self, fraction, text);
    }
}

static gboolean
deliver_cb (gpointer user_data)
{
  refining_deliver (user_data, FALSE);
  return G_SOURCE_REMOVE;
}

/* In the layout's thread, with the mutex held. */
static void
queue_delivery (Refining *refining)
{
  g_autoptr(GSource) source = NULL;

  refining->queued = TRUE;
  refining->sent_at = g_get_monotonic_time ();

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_cb, refining_ref (refining), refining_unref);
  g_source_set_static_name (source, "[actor-map] layout picture");
  g_source_attach (source, refining->context);
}

static void
on_refining_progress (const AmMapLoadProgress *progress,
                      gpointer                 user_data)
{
  Refining *refining = user_data;

  g_mutex_lock (&refining->mutex);
  refining->fraction = progress->fraction;
  if (!refining->queued && g_get_monotonic_time () - refining->sent_at >= REFINING_PROGRESS_INTERVAL)
    queue_delivery (refining);
  g_mutex_unlock (&refining->mutex);
}

/* A picture only lives during the call: it is copied into a buffer the
 * main loop has given back, or a new one. */
static void
on_refining_picture (const double *x,
                     const double *y,
                     guint         n_nodes,
                     gboolean      final,
                     gpointer      user_data)
{
  Refining *refining = user_data;

  g_mutex_lock (&refining->mutex);
  if (refining->pending_x == NULL)
    {
      refining->pending_x = g_steal_pointer (&refining->spare_x);
      refining->pending_y = g_steal_pointer (&refining->spare_y);
    }
  if (refining->pending_x == NULL)
    {
      refining->pending_x = g_new (double, n_nodes);
      refining->pending_y = g_new (double, n_nodes);
    }
  memcpy (refining->pending_x, x, sizeof (double) * n_nodes);
  memcpy (refining->pending_y, y, sizeof (double) * n_nodes);
  if (!refining->queued)
    queue_delivery (refining);
  g_mutex_unlock (&refining->mutex);
}

static void on_map_ready (AmWindow      *self,
                          AmMapDocument *document,
                          GFile         *file);

/* Once the layout is done and the list's order made, in either order. */
static void
finish_refining (Refining *refining)
{
  AmWindow *self = refining->window;

  if (refining->finished && refining->done && refining->ordered &&
      self->refining == refining && !g_cancellable_is_cancelled (refining->cancellable))
    {
      /* The end result may still wait in its buffer. */
      refining_deliver (refining, TRUE);
      g_clear_handle_id (&refining->later_id, g_source_remove);
      self->refining = NULL;
      _am_window_set_loading (self, FALSE);
      g_clear_object (&self->load_cancellable);
      on_map_ready (self, refining->document, refining->file);
      refining_unref (refining);
    }
}

static gboolean
on_refined_cb (gpointer user_data)
{
  Refining *refining = user_data;

  refining->finished = TRUE;
  finish_refining (refining);

  return G_SOURCE_REMOVE;
}

static void
order_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Refining *refining = task_data;

  am_map_document_get_actor_order (refining->document, NULL);
  am_map_document_get_nodes_by_degree (refining->document);
  g_task_return_boolean (task, TRUE);
}

static void
on_ordered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Refining *refining = g_task_get_task_data (G_TASK (result));

  refining->ordered = TRUE;
  refining_deliver (refining, FALSE);
  finish_refining (refining);
}

/* A thread of its own rather than a shared worker's, so that its lower
 * priority, which the layout's helpers inherit, goes away with it. */
static gpointer
refine_in_thread (gpointer data)
{
  Refining *refining = data;
  g_autoptr(GSource) source = NULL;

#ifdef __linux__
  /* Per thread on Linux; failing leaves the priority as it was. */
  (void) setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), REFINING_NICENESS);
#endif

  refining->done = am_map_loader_lay_out (am_map_document_get_graph (refining->document),
                                          refining->cancellable,
                                          on_refining_progress, on_refining_picture, refining);

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, on_refined_cb, refining, refining_unref);
  g_source_set_static_name (source, "[actor-map] layout done");
  g_source_attach (source, refining->context);

  return NULL;
}

static void
start_refining (AmWindow      *self,
                AmMapDocument *document,
                GFile         *file,
                GCancellable  *cancellable)
{
  Refining *refining = g_atomic_rc_box_new0 (Refining);
  g_autoptr(GTask) task = NULL;

  g_mutex_init (&refining->mutex);
  refining->window = g_object_ref (self);
  refining->document = g_object_ref (document);
  refining->previous = self->document != NULL ? g_object_ref (self->document) : NULL;
  refining->file = file != NULL ? g_object_ref (file) : NULL;
  refining->cancellable = g_object_ref (cancellable);
  refining->context = g_main_context_ref_thread_default ();
  self->refining = refining;

  g_thread_unref (g_thread_new ("actor-map-layout", refine_in_thread, refining_ref (refining)));

  /* Sorting the labels for the list takes as long as the layout's first
   * picture: both at once, on the two threads. */
  task = g_task_new (NULL, NULL, on_ordered_cb, NULL);
  g_task_set_task_data (task, refining_ref (refining), refining_unref);
  g_task_run_in_thread (task, order_in_thread);
}

/* Brings back what showed before the map being refined. */
static void
stop_refining (AmWindow *self)
{
  Refining *refining = g_steal_pointer (&self->refining);

  if (refining == NULL)
    return;

  g_cancellable_cancel (refining->cancellable);
  g_clear_handle_id (&refining->later_id, g_source_remove);
  if (refining->shown)
    _am_window_set_document (self, refining->previous);
  refining_unref (refining);
}

void
_am_window_loading_dispose (AmWindow *self)
{
  Refining *refining = g_steal_pointer (&self->refining);

  if (refining == NULL)
    return;

  g_cancellable_cancel (refining->cancellable);
  g_clear_handle_id (&refining->later_id, g_source_remove);
  refining_unref (refining);
}

/* The thread stops at its next check of the cancellable; its result, if
 * any, is dropped in on_loaded_cb or on_refined_cb. */
static void
cancel_load (AmWindow *self)
{
  if (!self->loading)
    return;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  stop_refining (self);
  _am_window_set_loading (self, FALSE);

  if (self->document == NULL)
    gtk_stack_set_visible_child_name (self->canvas_stack, "empty");
  else /* the bar's Cancel button, which may have had the focus, has gone */
    gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  AmWindow *self = data->window;
  g_autoptr(AmMapDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  AmGraph *graph;

  document = am_map_document_load_finish (result, &error);

  /* Another map was asked for meanwhile, or the window went away. */
  if (g_cancellable_is_cancelled (data->cancellable))
    return;

  if (document == NULL)
    {
      g_autofree char *message = shorten_error (error->message, data->file);

      _am_window_set_loading (self, FALSE);
      g_clear_object (&self->load_cancellable);
      if (self->document == NULL)
        _am_window_show_error_page (self, message);
      else
        _am_window_show_error (self, message);
      return;
    }

  graph = am_map_document_get_graph (document);
  if (am_graph_get_n_nodes (graph) > 0 && !am_graph_has_positions (graph))
    {
      show_progress (self, 0.0, _("Laying out…"));
      start_refining (self, document, data->file, data->cancellable);
      return;
    }

  _am_window_set_loading (self, FALSE);
  g_clear_object (&self->load_cancellable);
  _am_window_restore_view_state (self, document);
  _am_window_set_document (self, document);
  on_map_ready (self, document, data->file);
}

static void
on_map_ready (AmWindow      *self,
              AmMapDocument *document,
              GFile         *file)
{
  if (file != NULL)
    add_to_recent (self, file);

  gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
  am_graph_view_prepare_picking (self->graph_view);
}

static void
open_response_cb (AmWindow             *self,
                  int                   response,
                  GtkFileChooserNative *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        am_window_open (self, file);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (dialog));
  g_clear_object (&self->file_dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AmWindow *self = AM_WINDOW (widget);
  g_autoptr(GtkFileFilter) graphml = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GFile) folder = _am_window_get_current_folder (self);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open a Map"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));

  gtk_file_filter_set_name (graphml, _("GraphML files"));
  gtk_file_filter_add_pattern (graphml, "*.graphml");
  gtk_file_filter_add_pattern (graphml, "*.GRAPHML");
  gtk_file_filter_add_pattern (graphml, "*.xml");
  gtk_file_filter_add_pattern (graphml, "*.XML");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), graphml);

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);

  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);

  _am_window_show_file_dialog (self, dialog, G_CALLBACK (open_response_cb));
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cancel_load (AM_WINDOW (widget));
}

static void
open_bundled_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  am_window_open (AM_WINDOW (widget), NULL);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  am_window_open (AM_WINDOW (widget), file);
}

static gboolean
on_drop_cb (AmWindow      *self,
            const GValue  *value,
            double         x,
            double         y,
            GtkDropTarget *target)
{
  GdkFileList *list;
  g_autoptr(GSList) files = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = g_value_get_boxed (value);
  files = gdk_file_list_get_files (list);
  if (files == NULL)
    return FALSE;

  am_window_open (self, files->data);
  return TRUE;
}

void
_am_window_class_loading_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-bundled", NULL, open_bundled_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  /* Enabled only while loading; otherwise Escape goes on as before. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-load", NULL);
}

void
_am_window_loading_init (AmWindow *self)
{
  GtkDropTarget *drop_target;

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (on_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));
}

/* Not at start-up: nothing on screen shows the recent maps before the
 * menu opens, and watching the list costs a file watch, whose removal
 * alone held up quitting by about 10 ms. */
void
_am_window_watch_recent (AmWindow *self)
{
  if (self->watching_recent)
    return;

  self->watching_recent = TRUE;
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (rebuild_recent_section), self, G_CONNECT_SWAPPED);
  rebuild_recent_section (self);
}

void
am_window_open (AmWindow *self,
                GFile    *file)
{
  g_return_if_fail (AM_IS_WINDOW (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (_am_window_confirm_unsaved (self, AM_WINDOW_THEN_OPEN, file))
    _am_window_open_now (self, file);
}

void
_am_window_open_now (AmWindow *self,
                     GFile    *file)
{
  LoadData *data;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  stop_refining (self);
  self->load_cancellable = g_cancellable_new ();

  data = g_new0 (LoadData, 1);
  data->window = g_object_ref (self);
  data->file = file != NULL ? g_object_ref (file) : NULL;
  data->cancellable = g_object_ref (self->load_cancellable);

  show_progress (self, 0.0, _("Reading…"));
  _am_window_set_loading (self, TRUE);
  if (self->document == NULL)
    gtk_stack_set_visible_child_name (self->canvas_stack, "loading");

  am_map_document_load_unplaced_async (file, self->load_cancellable,
                                       on_load_progress_cb, data,
                                       on_loaded_cb, data);
}

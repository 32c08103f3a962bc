/* am-window-saving.c: keeping the user's work in the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Undo and redo of moves, Save and Save As back to GraphML, laying the
 * map out anew; asking before unsaved changes are lost (closing,
 * quitting, opening another map); and a bar when another program
 * changes the open file.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "am-window-private.h"

/* A program writing the file may do so in several goes: look once it
 * has been quiet this long. */
#define DISK_CHECK_DELAY_MS 250

static void start_save (AmWindow *self,
                        GFile    *destination);

/* Actions */

static void
update_saving_actions (AmWindow *self)
{
  AmMapDocument *document = self->document;
  gboolean has_map = document != NULL;
  gboolean saving = has_map && am_map_document_get_saving (document);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 has_map && am_map_document_get_can_undo (document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 has_map && am_map_document_get_can_redo (document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", has_map && !saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", has_map && !saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset-layout",
                                 has_map && self->layout_cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload",
                                 has_map && am_map_document_get_file (document) != NULL);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AmWindow *self = AM_WINDOW (widget);

  if (self->document != NULL)
    am_map_document_undo (self->document);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AmWindow *self = AM_WINDOW (widget);

  if (self->document != NULL)
    am_map_document_redo (self->document);
}

/* What waits */

static void
forget_then (AmWindow *self)
{
  self->then = AM_WINDOW_THEN_NOTHING;
  g_clear_object (&self->then_file);
}

static void
do_then (AmWindow *self)
{
  AmWindowThen then = self->then;
  g_autoptr(GFile) file = g_steal_pointer (&self->then_file);

  self->then = AM_WINDOW_THEN_NOTHING;
  switch (then)
    {
    case AM_WINDOW_THEN_CLOSE:
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      break;
    case AM_WINDOW_THEN_OPEN:
      _am_window_open_now (self, file);
      break;
    case AM_WINDOW_THEN_NOTHING:
    default:
      break;
    }
}

/* Saving */

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AmWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!am_map_document_save_finish (AM_MAP_DOCUMENT (source), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the map: %s"), error->message);

      /* Nothing is closed or replaced on a failed save. */
      forget_then (self);
      _am_window_show_error (self, message);
      return;
    }

  /* The window has moved on to another map meanwhile. */
  if (AM_MAP_DOCUMENT (source) != self->document)
    return;

  do_then (self);
}

static void
start_save (AmWindow *self,
            GFile    *destination)
{
  am_map_document_save_async (self->document, destination, NULL, on_saved_cb,
                              g_object_ref (self));
}

static void
save_as_response_cb (AmWindow             *self,
                     int                   response,
                     GtkFileChooserNative *dialog)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (dialog));
  g_clear_object (&self->file_dialog);

  if (file == NULL || self->document == NULL)
    {
      forget_then (self);
      return;
    }

  start_save (self, file);
}

static char *
suggested_name (AmWindow *self)
{
  GFile *file = am_map_document_get_file (self->document);

  return file != NULL ? g_file_get_basename (file) : g_strdup ("peace-talks.graphml");
}

static void
save_as (AmWindow *self)
{
  g_autoptr(GtkFileFilter) graphml = gtk_file_filter_new ();
  g_autoptr(GFile) folder = _am_window_get_current_folder (self);
  g_autofree char *name = suggested_name (self);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Save the Map"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));

  gtk_file_filter_set_name (graphml, _("GraphML files"));
  gtk_file_filter_add_pattern (graphml, "*.graphml");
  gtk_file_filter_add_pattern (graphml, "*.xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), graphml);

  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);

  _am_window_show_file_dialog (self, dialog, G_CALLBACK (save_as_response_cb));
}

/* The bundled map has no file of its own: it is saved as a new one. */
static void
save (AmWindow *self)
{
  if (am_map_document_get_file (self->document) == NULL)
    save_as (self);
  else
    start_save (self, NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AmWindow *self = AM_WINDOW (widget);

  if (self->document == NULL || am_map_document_get_saving (self->document))
    return;

  forget_then (self);
  if (g_str_equal (action_name, "win.save-as"))
    save_as (self);
  else
    save (self);
}

/* Laying out anew */

static void
on_laid_out_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AmWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!am_map_document_reset_layout_finish (AM_MAP_DOCUMENT (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _am_window_show_error (self, error->message);

  if (AM_MAP_DOCUMENT (source) == self->document)
    {
      g_clear_object (&self->layout_cancellable);
      update_saving_actions (self);
    }
}

static void
reset_layout_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AmWindow *self = AM_WINDOW (widget);

  if (self->document == NULL || self->layout_cancellable != NULL)
    return;

  self->layout_cancellable = g_cancellable_new ();
  update_saving_actions (self);
  am_map_document_reset_layout_async (self->document, self->layout_cancellable,
                                      on_laid_out_cb, g_object_ref (self));
}

/* Unsaved changes */

typedef struct
{
  AmWindow *window;
  char     *response;
} Answer;

static void
answer_free (Answer *answer)
{
  g_object_unref (answer->window);
  g_free (answer->response);
  g_free (answer);
}

static gboolean
act_on_answer_cb (gpointer user_data)
{
  Answer *answer = user_data;
  AmWindow *self = answer->window;

  if (g_str_equal (answer->response, "discard"))
    do_then (self);
  else if (g_str_equal (answer->response, "save") && self->document != NULL)
    save (self);
  else
    forget_then (self);

  return G_SOURCE_REMOVE;
}

/* Acted on once the dialog has gone: closing the window now would
 * destroy the dialog while it still emits its answer. */
static void
on_unsaved_response_cb (AmWindow         *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  Answer *answer = g_new0 (Answer, 1);

  self->unsaved_dialog = NULL;
  answer->window = g_object_ref (self);
  answer->response = g_strdup (response);
  g_idle_add_full (G_PRIORITY_DEFAULT, act_on_answer_cb, answer, (GDestroyNotify) answer_free);
}

gboolean
_am_window_confirm_unsaved (AmWindow     *self,
                            AmWindowThen  then,
                            GFile        *file)
{
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;

  if (self->document == NULL || !am_map_document_get_modified (self->document))
    return TRUE;

  self->then = then;
  g_set_object (&self->then_file, file);

  /* Asked already: the question stands. */
  if (self->unsaved_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->unsaved_dialog));
      return FALSE;
    }

  name = _am_window_get_document_name (self);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  /* Translators: the name of a map or of its file */
  adw_message_dialog_format_heading (dialog, _("Save changes to “%s”?"), name);
  adw_message_dialog_set_body (dialog, _("If you don’t save, the actors you moved go back "
                                         "to where the file has them."));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "discard", _("_Discard"));
  adw_message_dialog_add_response (dialog, "save", _("_Save"));
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unsaved_response_cb), self,
                           G_CONNECT_SWAPPED);

  self->unsaved_dialog = GTK_WIDGET (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

/* The file changed on disk */

static gboolean
check_disk_cb (gpointer user_data)
{
  AmWindow *self = user_data;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  /* Our own save replaces the file too: wait until it is done, when the
   * document knows the file it wrote. */
  if (self->document != NULL && am_map_document_get_saving (self->document))
    return G_SOURCE_CONTINUE;

  self->disk_check_id = 0;
  if (self->document == NULL || !am_map_document_is_changed_on_disk (self->document))
    return G_SOURCE_REMOVE;

  name = _am_window_get_document_name (self);
  text = g_strdup_printf (_("The file “%s” changed on disk."), name);
  gtk_label_set_text (self->changed_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->changed_bar), TRUE);
  gtk_info_bar_set_revealed (self->changed_bar, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_file_changed_cb (AmWindow          *self,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    GFileMonitor      *monitor)
{
  g_clear_handle_id (&self->disk_check_id, g_source_remove);
  self->disk_check_id = g_timeout_add (DISK_CHECK_DELAY_MS, check_disk_cb, self);
}

static void
hide_changed_bar (AmWindow *self)
{
  gtk_info_bar_set_revealed (self->changed_bar, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->changed_bar), FALSE);
}

static void
watch_file (AmWindow *self)
{
  GFile *file = self->document != NULL ? am_map_document_get_file (self->document) : NULL;

  if (self->file_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->file_monitor, self);
      g_file_monitor_cancel (self->file_monitor);
      g_clear_object (&self->file_monitor);
    }
  g_clear_handle_id (&self->disk_check_id, g_source_remove);

  if (file == NULL)
    return;

  /* Without a monitor (a file system that has none), no bar: the map
   * still opens and saves. */
  self->file_monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
  if (self->file_monitor != NULL)
    g_signal_connect_object (self->file_monitor, "changed",
                             G_CALLBACK (on_file_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AmWindow *self = AM_WINDOW (widget);
  GFile *file = self->document != NULL ? am_map_document_get_file (self->document) : NULL;

  if (file != NULL)
    am_window_open (self, file);
}

/* The document */

static void
on_history_cb (AmWindow      *self,
               GParamSpec    *pspec,
               AmMapDocument *document)
{
  update_saving_actions (self);
}

/* After Save As: another file to name and to watch. */
static void
on_file_cb (AmWindow      *self,
            GParamSpec    *pspec,
            AmMapDocument *document)
{
  hide_changed_bar (self);
  watch_file (self);
  update_saving_actions (self);
}

void
_am_window_saving_set_document (AmWindow *self)
{
  AmMapDocument *document = self->document;

  /* A layout running for the map before is no longer wanted. */
  g_cancellable_cancel (self->layout_cancellable);
  g_clear_object (&self->layout_cancellable);

  if (document != NULL)
    {
      g_signal_connect_object (document, "notify::can-undo",
                               G_CALLBACK (on_history_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::can-redo",
                               G_CALLBACK (on_history_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::saving",
                               G_CALLBACK (on_history_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::file",
                               G_CALLBACK (on_file_cb), self, G_CONNECT_SWAPPED);
    }

  hide_changed_bar (self);
  watch_file (self);
  update_saving_actions (self);
}

void
_am_window_saving_dispose (AmWindow *self)
{
  g_cancellable_cancel (self->layout_cancellable);
  g_clear_object (&self->layout_cancellable);
  if (self->file_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->file_monitor, self);
      g_file_monitor_cancel (self->file_monitor);
      g_clear_object (&self->file_monitor);
    }
  g_clear_handle_id (&self->disk_check_id, g_source_remove);
  forget_then (self);
  if (self->unsaved_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->unsaved_dialog));
  self->unsaved_dialog = NULL;
}

void
_am_window_class_saving_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.reset-layout", NULL, reset_layout_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);

  gtk_widget_class_bind_template_child (widget_class, AmWindow, changed_bar);
  gtk_widget_class_bind_template_child (widget_class, AmWindow, changed_label);
}

/* am-window-export.c: writing the map out from the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The current view, or the whole map with the view's lens and filters,
 * to SVG, PNG or PDF, written in a thread so that the window stays
 * responsive with a large map.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "am-export.h"
#include "am-positions-csv.h"
#include "am-positions-render.h"
#include "am-window-private.h"

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *extension)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strconcat ("*.", extension, NULL);

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  g_object_set_data_full (G_OBJECT (filter), "am-extension", g_strdup (extension), g_free);
  gtk_file_chooser_add_filter (chooser, filter);
}

static gboolean
build_export_options (AmWindow        *self,
                      gboolean         whole_map,
                      AmRenderOptions *options)
{
  AmGraph *graph = am_map_document_get_graph (self->document);
  guint lens = am_map_document_get_lens_issue (self->document);
  guint hidden = am_map_document_get_hidden_edge_kinds (self->document);
  gboolean show_issues = am_map_document_get_show_issues (self->document);

  if (!whole_map)
    {
      am_graph_view_get_render_options (self->graph_view, options);
      /* The view's index may change under a worker thread; the exporter
       * does without. */
      options->index = NULL;
      return TRUE;
    }

  /* Without lens or filters, the whole map is what the command line
   * writes; otherwise the same size, drawn with them. */
  if (lens == AM_NO_INDEX && hidden == 0 && show_issues)
    return FALSE;

  am_render_options_init (options);
  options->lens_issue = lens;
  options->hidden_edge_kinds = hidden;
  options->show_issues = show_issues;
  am_export_fit_whole_map (graph, options);
  return TRUE;
}

/* The export job draws from its own copy of the positions, since a drag
 * may move nodes meanwhile; the document keeps the rest of the graph. */
typedef struct
{
  AmMapDocument *document;
  AmExportJob   *export;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->document);
  g_clear_pointer (&data->export, am_export_job_free);
  g_free (data);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;

  if (am_export_job_run (data->export, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
report_export (AmWindow     *self,
               const char   *path,
               const GError *error)
{
  if (error == NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *title = g_strdup_printf (_("Exported to %s"), name);

      _am_window_show_toast (self, title, 5);
    }
  else
    {
      /* The exporter's message names the file already. */
      _am_window_show_error (self, error->message);
    }
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AmWindow *self = AM_WINDOW (source);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  report_export (self, am_export_job_get_path (data->export), error);
}

static void
start_export (AmWindow      *self,
              const char    *path,
              gboolean       whole_map,
              AmExportFlags  flags)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_exported_cb, NULL);
  ExportData *data = g_new0 (ExportData, 1);
  AmRenderOptions options;
  gboolean has_options = build_export_options (self, whole_map, &options);

  data->document = g_object_ref (self->document);
  data->export = am_export_job_new (am_map_document_get_graph (self->document),
                                    has_options ? &options : NULL, path);
  am_export_job_set_flags (data->export, flags);

  g_task_set_source_tag (task, start_export);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_in_thread);
}

static void
export_response_cb (AmWindow             *self,
                    int                   response,
                    GtkFileChooserNative *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT && self->document != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
      const char *scope = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "scope");
      const char *clickable = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "clickable");
      AmExportFormat format;

      if (path == NULL)
        {
          _am_window_show_error (self, _("Could not export: only local files can be written"));
        }
      else
        {
          /* A name without a known extension gets that of the filter. */
          if (!am_export_format_from_path (path, &format))
            {
              const char *extension = filter != NULL
                ? g_object_get_data (G_OBJECT (filter), "am-extension") : NULL;
              char *with_extension = g_strconcat (path, ".", extension != NULL ? extension : "svg",
                                                  NULL);

              g_free (path);
              path = with_extension;
            }

          start_export (self, path, g_strcmp0 (scope, "whole") == 0,
                        g_strcmp0 (clickable, "false") == 0 ? AM_EXPORT_STATIC : AM_EXPORT_FLAGS_NONE);
        }
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (dialog));
  g_clear_object (&self->file_dialog);
}

static char *
suggested_export_name (AmWindow *self)
{
  GFile *file = am_map_document_get_file (self->document);
  g_autofree char *basename = file != NULL ? g_file_get_basename (file) : g_strdup ("peace-talks");
  char *dot = strrchr (basename, '.');

  if (dot != NULL && dot != basename)
    *dot = '\0';

  return g_strconcat (basename, ".svg", NULL);
}

/* The Positions view: its matrix as a picture, or its statements as a
 * table. The matrix reads nothing a drag changes, so the live graph is
 * drawn. */
typedef struct
{
  AmMapDocument    *document;
  AmPositionsOrder  order;
  gboolean          dark;
  char             *path;
} PositionsExport;

static void
positions_export_free (PositionsExport *data)
{
  g_clear_object (&data->document);
  g_free (data->path);
  g_free (data);
}

static gboolean
is_csv_path (const char *path)
{
  return g_str_has_suffix (path, ".csv") || g_str_has_suffix (path, ".CSV");
}

static void
export_positions_in_thread (GTask        *task,
                            gpointer      source_object,
                            gpointer      task_data,
                            GCancellable *cancellable)
{
  PositionsExport *data = task_data;
  AmGraph *graph = am_map_document_get_graph (data->document);
  GError *error = NULL;
  gboolean ok;

  if (is_csv_path (data->path))
    ok = am_positions_export_csv (graph, data->path, &error);
  else
    ok = am_positions_export (graph, data->order, data->dark, data->path, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_positions_exported_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  PositionsExport *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  report_export (AM_WINDOW (source), data->path, error);
}

static void
positions_export_response_cb (AmWindow             *self,
                              int                   response,
                              GtkFileChooserNative *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT && self->document != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));

      if (path == NULL)
        _am_window_show_error (self, _("Could not export: only local files can be written"));
      else
        {
          g_autoptr(GTask) task = g_task_new (self, NULL, on_positions_exported_cb, NULL);
          PositionsExport *data = g_new0 (PositionsExport, 1);

          if (!is_csv_path (path) && !am_export_format_from_path (path, NULL))
            {
              const char *extension = filter != NULL
                ? g_object_get_data (G_OBJECT (filter), "am-extension") : NULL;
              char *with_extension = g_strconcat (path, ".", extension != NULL ? extension : "svg",
                                                  NULL);

              g_free (path);
              path = with_extension;
            }

          data->document = g_object_ref (self->document);
          data->order = am_positions_view_get_order (self->positions_view);
          data->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
          data->path = g_steal_pointer (&path);
          g_task_set_source_tag (task, positions_export_response_cb);
          g_task_set_task_data (task, data, (GDestroyNotify) positions_export_free);
          g_task_run_in_thread (task, export_positions_in_thread);
        }
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (dialog));
  g_clear_object (&self->file_dialog);
}

static void
export_positions (AmWindow *self)
{
  g_autoptr(GFile) folder = _am_window_get_current_folder (self);
  g_autofree char *map_name = suggested_export_name (self);
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;
  GtkFileChooser *chooser;
  char *dot;

  dialog = gtk_file_chooser_native_new (_("Export the Positions"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (dialog);

  add_filter (chooser, _("SVG image"), "image/svg+xml", "svg");
  add_filter (chooser, _("PNG image"), "image/png", "png");
  add_filter (chooser, _("PDF document"), "application/pdf", "pdf");
  add_filter (chooser, _("CSV table of the statements"), "text/csv", "csv");

  if (folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
  dot = strrchr (map_name, '.');
  if (dot != NULL)
    *dot = '\0';
  /* Translators: the file name suggested for the Positions view's
   * export; %s is the map's own file name without its extension. */
  name = g_strdup_printf (_("%s-positions.svg"), map_name);
  gtk_file_chooser_set_current_name (chooser, name);

  _am_window_show_file_dialog (self, dialog, G_CALLBACK (positions_export_response_cb));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AmWindow *self = AM_WINDOW (widget);
  const char *scope_ids[] = { "view", "whole", NULL };
  const char *scope_labels[] = { _("Current view"), _("Whole map"), NULL };
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = _am_window_get_current_folder (self);
  GtkFileChooserNative *dialog;
  GtkFileChooser *chooser;

  if (self->document == NULL)
    return;

  if (_am_window_showing_positions (self))
    {
      export_positions (self);
      return;
    }

  dialog = gtk_file_chooser_native_new (_("Export the Map"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (dialog);

  add_filter (chooser, _("SVG image"), "image/svg+xml", "svg");
  add_filter (chooser, _("PNG image"), "image/png", "png");
  add_filter (chooser, _("PDF document"), "application/pdf", "pdf");

  gtk_file_chooser_add_choice (chooser, "scope", _("Export"), scope_ids, scope_labels);
  gtk_file_chooser_set_choice (chooser, "scope", "view");
  /* A switch: an SVG whose actors open what they said when clicked. */
  gtk_file_chooser_add_choice (chooser, "clickable", _("Clickable actors"), NULL, NULL);
  gtk_file_chooser_set_choice (chooser, "clickable", "true");

  if (folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
  name = suggested_export_name (self);
  gtk_file_chooser_set_current_name (chooser, name);

  _am_window_show_file_dialog (self, dialog, G_CALLBACK (export_response_cb));
}


void
_am_window_class_export_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
}

gboolean
am_window_export (AmWindow    *self,
                  const char  *path,
                  gboolean     whole_map,
                  GError     **error)
{
  AmRenderOptions options;
  gboolean has_options;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (AM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->document == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No map is open"));
      return FALSE;
    }

  has_options = build_export_options (self, whole_map, &options);
  ok = am_export_to_file (am_map_document_get_graph (self->document),
                          has_options ? &options : NULL, path, &local_error);
  report_export (self, path, local_error);

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ok;
}

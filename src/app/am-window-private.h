/* am-window-private.h: what the parts of the main window share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * am-window.c holds the type, its state and what follows the open
 * document; am-window-actions.c the view's actions (lens, filters, zoom,
 * search); am-window-loading.c opening maps; am-window-export.c writing
 * them out; am-window-saving.c undo, saving, unsaved changes and the file
 * changing on disk.
 */

#pragma once

#include "am-actor-list.h"
#include "am-details-panel.h"
#include "am-graph-view.h"
#include "am-positions-view.h"
#include "am-window.h"

G_BEGIN_DECLS

/* What waits for the user's answer about unsaved changes, and then for
 * the save, if that was the answer. */
typedef enum
{
  AM_WINDOW_THEN_NOTHING,
  AM_WINDOW_THEN_CLOSE,
  AM_WINDOW_THEN_OPEN,
} AmWindowThen;

struct _AmWindow
{
  AdwApplicationWindow  parent_instance;

  AmMapDocument        *document;
  GCancellable         *load_cancellable;
  GtkNativeDialog      *file_dialog;
  GArray               *lens_issues;    /* node index per lens_dropdown item */
  char                 *last_error;
  guint                 present_edge_kinds;
  gboolean              loading;
  GSettings            *settings;       /* NULL when the schema is not installed */
  gboolean              syncing_lens;

  /* Saving */
  AmWindowThen          then;
  GFile                *then_file;      /* to open; NULL for the bundled map */
  gboolean              close_confirmed;
  GtkWidget            *unsaved_dialog;
  GFileMonitor         *file_monitor;
  guint                 disk_check_id;
  GCancellable         *layout_cancellable;
  /* A map just opened, laid out while it shows; see am-window-loading.c. */
  struct _AmWindowRefining *refining;
  /* The recent maps are read, and watched, from the first look at them. */
  gboolean              watching_recent;

  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *window_title;
  GtkMenuButton        *primary_menu_button;
  GtkMenuButton        *filters_button;
  GtkButton            *open_button;
  GtkButton            *export_button;
  AdwFlap              *sidebar_flap;
  AdwFlap              *details_flap;
  GtkStack             *canvas_stack;
  GtkProgressBar       *loading_progress;
  GtkWidget            *load_bar;
  GtkProgressBar       *load_bar_progress;
  GtkWidget            *map_toolbar;
  GtkDropDown          *lens_dropdown;
  AmActorList          *actor_list;
  AmDetailsPanel       *details_panel;
  AmGraphView          *graph_view;
  AdwViewStack         *view_stack;
  AmPositionsView      *positions_view;
  GMenu                *primary_menu;
  GMenu                *filters_menu;
  GMenu                *recent_section;
  GMenu                *edge_kinds_section;
  GtkInfoBar           *changed_bar;
  GtkLabel             *changed_label;
};

/* am-window.c */
void     _am_window_show_toast              (AmWindow         *self,
                                             const char       *title,
                                             guint             timeout);
void     _am_window_show_error              (AmWindow         *self,
                                             const char       *message);
void     _am_window_show_error_page         (AmWindow         *self,
                                             const char       *message);
void     _am_window_set_document            (AmWindow         *self,
                                             AmMapDocument    *document);
void     _am_window_set_loading             (AmWindow         *self,
                                             gboolean          loading);
void     _am_window_set_show_details        (AmWindow         *self,
                                             gboolean          show);
void     _am_window_restore_view_state      (AmWindow         *self,
                                             AmMapDocument    *document);
/* The open map's folder, where file dialogs start; NULL for none. */
GFile   *_am_window_get_current_folder      (AmWindow         *self);
/* Shows @dialog modal in place of any other file dialog, and calls
 * @response_cb (self, response, dialog) with its answer. */
void     _am_window_show_file_dialog        (AmWindow         *self,
                                             GtkFileChooserNative *dialog,
                                             GCallback         response_cb);

/* TRUE when the Positions view shows instead of the map. */
gboolean _am_window_showing_positions       (AmWindow         *self);

/* am-window-actions.c */
void     _am_window_class_actions_init      (GtkWidgetClass   *widget_class);
void     _am_window_actions_init            (AmWindow         *self);
void     _am_window_update_actions          (AmWindow         *self);
void     _am_window_rebuild_view_choices    (AmWindow         *self);
void     _am_window_sync_lens_dropdown      (AmWindow         *self);
void     _am_window_sync_edge_kind_actions  (AmWindow         *self);
void     _am_window_find                    (AmWindow         *self);

/* am-window-loading.c */
void     _am_window_class_loading_init      (GtkWidgetClass   *widget_class);
/* Fills the menu's recent maps and keeps them up to date from now on. */
void     _am_window_watch_recent            (AmWindow         *self);
void     _am_window_loading_init            (AmWindow         *self);
void     _am_window_loading_dispose         (AmWindow         *self);

/* The map's name as the title shows it, without the mark of changes. */
char    *_am_window_get_document_name       (AmWindow         *self);

/* am-window-loading.c */
/* am_window_open() once any unsaved changes were dealt with. */
void     _am_window_open_now                (AmWindow         *self,
                                             GFile            *file);

/* am-window-saving.c */
void     _am_window_class_saving_init       (GtkWidgetClass   *widget_class);
void     _am_window_saving_dispose          (AmWindow         *self);
/* Follows the document just set: actions, the file on disk. */
void     _am_window_saving_set_document     (AmWindow         *self);
/* TRUE when nothing would be lost by @then; otherwise asks the user and
 * does @then (on @file) later, if they agree. */
gboolean _am_window_confirm_unsaved         (AmWindow         *self,
                                             AmWindowThen      then,
                                             GFile            *file);

/* am-window-export.c */
void     _am_window_class_export_init       (GtkWidgetClass   *widget_class);

G_END_DECLS

/* am-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "am-map-document.h"

G_BEGIN_DECLS

#define AM_TYPE_WINDOW (am_window_get_type ())

G_DECLARE_FINAL_TYPE (AmWindow, am_window, AM, WINDOW, AdwApplicationWindow)

/* @application may be NULL. */
AmWindow      *am_window_new              (GtkApplication  *application);

/* Loads @file, or the bundled map when @file is NULL, in the background,
 * showing how far it got; the map on show stays until the new one is
 * ready, and stays for good when the new one cannot be read or the user
 * cancels (win.cancel-load, Escape). When the map on show has unsaved
 * changes, the user is asked first. */
void           am_window_open             (AmWindow        *self,
                                           GFile           *file);
/* FALSE again once the map is shown, has failed, or was cancelled. */
gboolean       am_window_get_loading      (AmWindow        *self);
/* NULL until the first map has loaded. */
AmMapDocument *am_window_get_document     (AmWindow        *self);

/* Writes the current view, or with @whole_map the whole map with the
 * view's lens and filters, to @path (SVG, PNG or PDF by extension). */
gboolean       am_window_export           (AmWindow        *self,
                                           const char      *path,
                                           gboolean         whole_map,
                                           GError         **error);

/* The last error shown to the user, NULL when there was none. */
const char    *am_window_get_last_error   (AmWindow        *self);

G_END_DECLS

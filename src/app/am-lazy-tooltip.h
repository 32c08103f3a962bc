/* am-lazy-tooltip.h: a widget's tooltip, made when first asked for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives @widget the tooltip @text, as gtk_widget_set_tooltip_text()
 * does, and the same accessible description, without asking the display
 * where the pointer is; %NULL takes it away. */
void         am_lazy_tooltip_set (GtkWidget  *widget,
                                  const char *text);
/* The text given to am_lazy_tooltip_set(), or %NULL. */
const char  *am_lazy_tooltip_get (GtkWidget  *widget);

G_END_DECLS

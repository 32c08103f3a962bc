/* am-lazy-tooltip.c: a widget's tooltip, made when first asked for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Setting a tooltip's text makes GTK look at once whether the pointer
 * is over the widget, a few round trips to the X server each time; a
 * window setting a dozen while it starts waits several milliseconds for
 * nothing, as the pointer cannot be over a window not shown yet. Here
 * the text waits in the widget until GTK asks for it with
 * ::query-tooltip, when the pointer rests there.
 */

#include "config.h"

#include "am-lazy-tooltip.h"

#define TEXT_KEY "am-lazy-tooltip"

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard_mode,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  const char *text = am_lazy_tooltip_get (widget);

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
am_lazy_tooltip_set (GtkWidget  *widget,
                     const char *text)
{
  gboolean connected;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  connected = g_object_get_data (G_OBJECT (widget), TEXT_KEY) != NULL;
  if (text == NULL)
    {
      if (!connected)
        return;
      g_signal_handlers_disconnect_by_func (widget, on_query_tooltip_cb, NULL);
      g_object_set_data (G_OBJECT (widget), TEXT_KEY, NULL);
      gtk_widget_set_has_tooltip (widget, FALSE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  g_object_set_data_full (G_OBJECT (widget), TEXT_KEY, g_strdup (text), g_free);
  if (!connected)
    g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
  gtk_widget_set_has_tooltip (widget, TRUE);
  /* As GTK does with a tooltip's text: screen readers say it after the
   * widget's name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

const char *
am_lazy_tooltip_get (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  return g_object_get_data (G_OBJECT (widget), TEXT_KEY);
}

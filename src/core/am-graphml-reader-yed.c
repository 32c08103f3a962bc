/* am-graphml-reader-yed.c: what yEd's graphics say about a node or an edge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * yEd keeps each node's box, fill and label in a <data> of its own
 * vocabulary. Only those are read, for what they draw; the rest of its
 * markup is skipped like any other foreign content.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "am-geometry.h"
#include "am-graphml-reader-private.h"

static guint32
parse_colour (const char *text)
{
  guint64 value;
  gsize length;

  if (text == NULL || text[0] != '#')
    return 0;

  length = strlen (text + 1);
  if ((length != 6 && length != 8) || !g_ascii_string_to_unsigned (text + 1, 16, 0, G_MAXUINT32, &value, NULL))
    return 0;

  return length == 6 ? (guint32) (value << 8) | 0xff : (guint32) value;
}

void
am_graphml_yed_start_element (Reader           *reader,
                              const char       *name,
                              const Attributes *attrs)
{
  Frame *owner;
  AmDomain domain;
  guint32 element;
  AmNode *node;

  if (reader->data_key < 0 || reader->stack->len < 2)
    return;

  owner = &g_array_index (reader->stack, Frame, reader->stack->len - 2);
  if (!am_graphml_frame_domain (owner, &domain, &element))
    return;

  if (domain == AM_DOMAIN_NODE)
    {
      node = am_graph_get_node (reader->graph, element);

      if (strcmp (name, "Geometry") == 0 && !reader->yed_seen_geometry)
        {
          ATTRIBUTE (attrs, "x", x_text);
          ATTRIBUTE (attrs, "y", y_text);
          ATTRIBUTE (attrs, "width", w_text);
          ATTRIBUTE (attrs, "height", h_text);
          double x, y, w = 0, h = 0;

          reader->yed_seen_geometry = TRUE;
          if (am_parse_double (w_text, &w) && am_parse_double (h_text, &h) &&
              isfinite (w) && isfinite (h) && w > 0 && h > 0 && w < 1e6 && h < 1e6)
            {
              node->width = (float) w;
              node->height = (float) h;
              node->flags |= AM_NODE_HAS_SIZE;
            }
          else
            w = h = 0;

          /* yEd gives the top-left corner; we keep centres. */
          if (am_parse_double (x_text, &x) && am_parse_double (y_text, &y) &&
              am_geometry_is_position (x, y))
            {
              node->x = x + w / 2;
              node->y = y + h / 2;
              node->flags |= AM_NODE_HAS_POSITION | AM_NODE_YED_GEOMETRY;
            }
        }
      else if (strcmp (name, "Fill") == 0 && !reader->yed_seen_fill)
        {
          ATTRIBUTE (attrs, "color", colour);
          ATTRIBUTE (attrs, "hasColor", has_colour);
          guint32 rgba = parse_colour (colour);

          reader->yed_seen_fill = TRUE;
          if (rgba != 0 && g_strcmp0 (has_colour, "false") != 0)
            {
              node->fill = rgba;
              node->flags |= AM_NODE_HAS_FILL;
            }
        }
      else if (strcmp (name, "NodeLabel") == 0 && node->label == NULL)
        {
          reader->yed_label_depth = reader->foreign_depth;
          g_string_truncate (reader->yed_label, 0);
        }
    }
  else if (domain == AM_DOMAIN_EDGE && strcmp (name, "EdgeLabel") == 0 &&
           am_graph_get_edge_label (reader->graph, element) == NULL)
    {
      reader->yed_label_depth = reader->foreign_depth;
      g_string_truncate (reader->yed_label, 0);
    }
}

void
am_graphml_yed_end_label (Reader *reader)
{
  Frame *owner = &g_array_index (reader->stack, Frame, reader->stack->len - 2);
  g_autofree char *text = g_strstrip (g_strdup (reader->yed_label->str));
  const char *label;

  reader->yed_label_depth = 0;
  if (*text == '\0')
    return;

  label = am_graph_store (reader->graph, text, -1);
  if (owner->type == ELEMENT_NODE)
    am_graph_get_node (reader->graph, owner->index)->label = label;
  else if (owner->type == ELEMENT_EDGE)
    am_graph_set_edge_label (reader->graph, owner->index, label);
}

/* am-layout-picture.c: rough pictures of a layout while it is refined
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A big component takes seconds to lay out, but its coarse levels are
 * ready early and already show its shape. After each level is relaxed,
 * its picture is spread down to the finest level the way the next level
 * would be started, scaled to points, packed with the components done so
 * far and handed to the caller. None of this feeds back into the run:
 * the finer levels are placed anew from the coarser one before they are
 * relaxed, and the run's own positions are only copied.
 */

#include "config.h"

#include <string.h>

#include "am-layout-private.h"

/* Smaller components are laid out in a blink: only the result shows. */
#define PICTURE_MIN_NODES 2000

void
am_layout_picture_level (Layout  *self,
                         Level  **levels,
                         guint    level)
{
  Level *finest = levels[0];
  const guint *members = self->component_members;
  double length, scale;

  if (self->picture == NULL || finest->n < PICTURE_MIN_NODES)
    return;

  for (guint l = level; l-- > 0;)
    am_layout_place_from_coarse (levels[l], levels[l + 1]);

  if (self->picture_x == NULL)
    {
      self->picture_x = g_new (double, self->n);
      self->picture_y = g_new (double, self->n);
    }
  /* Components done keep their place; those still to come sit on the
   * origin until their turn. */
  memcpy (self->picture_x, self->x, sizeof (double) * self->n);
  memcpy (self->picture_y, self->y, sizeof (double) * self->n);

  /* As the finished component will be, edges about as long as the boxes
   * call for; crowding is left to the end result. */
  length = am_layout_median_edge_length (finest);
  scale = length > 0 ? self->edge_length / length : 1;
  for (guint i = 0; i < finest->n; i++)
    {
      self->picture_x[members[i]] = scale * finest->x[i];
      self->picture_y[members[i]] = scale * finest->y[i];
    }

  am_layout_pack_picture (self, self->picture_x, self->picture_y);
  self->picture (self->picture_x, self->picture_y, self->n, FALSE, self->progress.user_data);
}

void
am_layout_picture_clear (Layout *self)
{
  g_clear_pointer (&self->picture_x, g_free);
  g_clear_pointer (&self->picture_y, g_free);
}

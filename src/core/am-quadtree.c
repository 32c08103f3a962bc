/* am-quadtree.c: Barnes–Hut approximation of all-pairs repulsion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bodies are kept in one array that the build partitions in place, so
 * every cell owns a contiguous range of it: leaves are scanned linearly
 * and bodies close in space are close in memory, which is what makes the
 * force loop fast.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "am-quadtree.h"

/* Small leaves cost more in tree walking than they save in pairs. */
#define LEAF_CAPACITY 8

/* Bodies at one spot would be split forever; past this depth they share
 * a leaf, whatever its size. */
#define MAX_DEPTH 40

/* Coincident bodies still push each other apart, as if this far away
 * along x (in the caller's units, which are about one spring long). */
#define MIN_DISTANCE 1e-4

typedef struct
{
  double  x, y;
  double  charge;
  guint32 id;
} Body;

typedef struct
{
  double  x, y;          /* centre of charge */
  double  charge;
  double  min_x, min_y;  /* the cell's square */
  double  size;
  guint32 first, last;   /* its bodies */
  guint32 first_child;   /* 0 for a leaf: the root is nobody's child */
  guint32 n_children;
} Cell;

struct _AmQuadtree
{
  Body  *bodies;
  guint  n_bodies;
  guint  bodies_size;

  Cell  *cells;
  guint  n_cells;
  guint  cells_size;
};

AmQuadtree *
am_quadtree_new (void)
{
  return g_new0 (AmQuadtree, 1);
}

void
am_quadtree_free (AmQuadtree *tree)
{
  if (tree == NULL)
    return;

  g_free (tree->bodies);
  g_free (tree->cells);
  g_free (tree);
}

static guint
add_cells (AmQuadtree *tree,
           guint       count)
{
  guint first = tree->n_cells;

  if (tree->n_cells + count > tree->cells_size)
    {
      tree->cells_size = MAX (tree->cells_size * 2, tree->n_cells + count + 64);
      tree->cells = g_renew (Cell, tree->cells, tree->cells_size);
    }
  tree->n_cells += count;

  return first;
}

/* Moves the bodies of [first, last) below @middle (on x or y) to the
 * front; returns where the others start. */
static guint
partition (Body    *bodies,
           guint    first,
           guint    last,
           gboolean on_x,
           double   middle)
{
  guint i = first;
  guint j = last;

  while (i < j)
    {
      if ((on_x ? bodies[i].x : bodies[i].y) < middle)
        i++;
      else
        {
          Body swap = bodies[--j];

          bodies[j] = bodies[i];
          bodies[i] = swap;
        }
    }

  return i;
}

static void
sum_leaf (AmQuadtree *tree,
          Cell       *cell)
{
  double charge = 0, x = 0, y = 0;

  for (guint k = cell->first; k < cell->last; k++)
    {
      const Body *body = &tree->bodies[k];

      charge += body->charge;
      x += body->charge * body->x;
      y += body->charge * body->y;
    }

  cell->charge = charge;
  cell->x = charge > 0 ? x / charge : cell->min_x + cell->size / 2;
  cell->y = charge > 0 ? y / charge : cell->min_y + cell->size / 2;
}

static void
build_cell (AmQuadtree *tree,
            guint       index,
            guint       depth)
{
  Cell *cell = &tree->cells[index];
  double half = cell->size / 2;
  double min_x = cell->min_x;
  double min_y = cell->min_y;
  guint bounds[5];
  guint first_child, n_children = 0;
  double charge = 0, x = 0, y = 0;

  cell->first_child = 0;
  cell->n_children = 0;

  if (cell->last - cell->first <= LEAF_CAPACITY || depth >= MAX_DEPTH)
    {
      sum_leaf (tree, cell);
      return;
    }

  /* Quadrants in the order bottom left, bottom right, top left, top right. */
  bounds[0] = cell->first;
  bounds[4] = cell->last;
  bounds[2] = partition (tree->bodies, cell->first, cell->last, FALSE, min_y + half);
  bounds[1] = partition (tree->bodies, bounds[0], bounds[2], TRUE, min_x + half);
  bounds[3] = partition (tree->bodies, bounds[2], bounds[4], TRUE, min_x + half);

  for (guint q = 0; q < 4; q++)
    if (bounds[q + 1] > bounds[q])
      n_children++;

  /* This may move the cells: from here on, only indices. */
  first_child = add_cells (tree, n_children);

  for (guint q = 0, c = first_child; q < 4; q++)
    {
      Cell *child;

      if (bounds[q + 1] == bounds[q])
        continue;

      child = &tree->cells[c++];
      child->min_x = min_x + (q & 1 ? half : 0);
      child->min_y = min_y + (q & 2 ? half : 0);
      child->size = half;
      child->first = bounds[q];
      child->last = bounds[q + 1];
    }

  for (guint c = first_child; c < first_child + n_children; c++)
    build_cell (tree, c, depth + 1);

  for (guint c = first_child; c < first_child + n_children; c++)
    {
      const Cell *child = &tree->cells[c];

      charge += child->charge;
      x += child->charge * child->x;
      y += child->charge * child->y;
    }

  cell = &tree->cells[index];
  cell->first_child = first_child;
  cell->n_children = n_children;
  cell->charge = charge;
  cell->x = charge > 0 ? x / charge : min_x + half;
  cell->y = charge > 0 ? y / charge : min_y + half;
}

void
am_quadtree_build (AmQuadtree   *tree,
                   const double *x,
                   const double *y,
                   const double *charge,
                   guint         n_bodies)
{
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE;
  double max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double size;
  Cell *root;

  g_return_if_fail (tree != NULL);
  g_return_if_fail (n_bodies == 0 || (x != NULL && y != NULL && charge != NULL));

  if (n_bodies > tree->bodies_size)
    {
      tree->bodies_size = n_bodies;
      tree->bodies = g_renew (Body, tree->bodies, n_bodies);
    }
  tree->n_bodies = n_bodies;
  tree->n_cells = 0;

  for (guint i = 0; i < n_bodies; i++)
    {
      Body *body = &tree->bodies[i];

      body->x = x[i];
      body->y = y[i];
      body->charge = charge[i];
      body->id = i;
      min_x = MIN (min_x, x[i]);
      min_y = MIN (min_y, y[i]);
      max_x = MAX (max_x, x[i]);
      max_y = MAX (max_y, y[i]);
    }

  if (n_bodies == 0)
    return;

  /* A little over the extent, so that the largest coordinates fall inside
   * the square rather than on its far edge. */
  size = MAX (max_x - min_x, max_y - min_y);
  size = size > 0 ? size * (1 + 1e-9) + 1e-12 : 1;

  add_cells (tree, 1);
  root = &tree->cells[0];
  root->min_x = min_x;
  root->min_y = min_y;
  root->size = size;
  root->first = 0;
  root->last = n_bodies;
  build_cell (tree, 0, 0);
}

static inline gboolean
cell_contains (const Cell *cell,
               double      x,
               double      y)
{
  return x >= cell->min_x && x <= cell->min_x + cell->size &&
         y >= cell->min_y && y <= cell->min_y + cell->size;
}

void
am_quadtree_get_repulsion (const AmQuadtree *tree,
                           double            theta,
                           double            strength,
                           guint             first,
                           guint             last,
                           double           *fx,
                           double           *fy)
{
  /* Each level pushes at most four cells and pops one. */
  guint32 stack[4 * (MAX_DEPTH + 2)];
  double theta2 = theta * theta;

  g_return_if_fail (tree != NULL);
  g_return_if_fail (first <= last && last <= tree->n_bodies);

  for (guint k = first; k < last; k++)
    {
      const Body *body = &tree->bodies[k];
      double sum_x = 0, sum_y = 0;
      guint depth = 0;

      stack[depth++] = 0;
      while (depth > 0)
        {
          const Cell *cell = &tree->cells[stack[--depth]];
          double dx = body->x - cell->x;
          double dy = body->y - cell->y;
          double d2 = dx * dx + dy * dy;

          /* A cell holding the body itself is never far enough. */
          if (cell->size * cell->size < theta2 * d2 && !cell_contains (cell, body->x, body->y))
            {
              double f = cell->charge / (d2 * sqrt (d2));

              sum_x += f * dx;
              sum_y += f * dy;
            }
          else if (cell->n_children == 0)
            {
              for (guint j = cell->first; j < cell->last; j++)
                {
                  const Body *other = &tree->bodies[j];
                  double f;

                  if (j == k)
                    continue;

                  dx = body->x - other->x;
                  dy = body->y - other->y;
                  d2 = dx * dx + dy * dy;
                  if (d2 < MIN_DISTANCE * MIN_DISTANCE)
                    {
                      /* Split coincident bodies the same way every time,
                       * and in opposite directions. */
                      if (d2 == 0)
                        dx = body->id < other->id ? -MIN_DISTANCE : MIN_DISTANCE;
                      d2 = MIN_DISTANCE * MIN_DISTANCE;
                    }

                  f = other->charge / (d2 * sqrt (d2));
                  sum_x += f * dx;
                  sum_y += f * dy;
                }
            }
          else
            {
              for (guint c = 0; c < cell->n_children; c++)
                stack[depth++] = cell->first_child + c;
            }
        }

      fx[body->id] = strength * body->charge * sum_x;
      fy[body->id] = strength * body->charge * sum_y;
    }
}

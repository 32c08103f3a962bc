/* am-layout-overlap.c: room for every box: scaling to points, then pushing apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "am-layout-private.h"

/* Points sorted into square cells, for finding near neighbours. */
typedef struct
{
  double  min_x, min_y;
  double  cell;
  guint   columns, rows;
  guint  *start;   /* columns × rows + 1 offsets into nodes */
  guint  *nodes;
  guint  *cell_of; /* by node */
} PointGrid;

/* Boxes sorted into the cells they touch, for finding overlaps. */
typedef struct
{
  double  min_x, min_y;
  double  cell_w, cell_h;
  guint   columns, rows;
  guint  *start;   /* columns × rows + 1 offsets into nodes */
  gsize   start_size;
  guint  *nodes;
  gsize   nodes_size;
} BoxGrid;

/* Scaling to points */

void
am_layout_scale_level (Level  *level,
                       double  factor)
{
  for (guint u = 0; u < level->n; u++)
    {
      level->x[u] *= factor;
      level->y[u] *= factor;
    }
}

/* The median length of a fixed sample of the edges: cheap for a million
 * edges, and the same sample every time. */
double
am_layout_median_edge_length (const Level *level)
{
  guint n_entries = level->xadj[level->n];
  guint stride = am_layout_median_stride (n_entries);
  g_autofree double *lengths = g_new (double, n_entries / stride + 1);
  guint n_lengths = 0;

  /* With the edges put away, the same pairs were kept. */
  if (!am_layout_level_has_edges (level))
    {
      for (guint i = 0; i < level->n_sample; i++)
        {
          guint u = level->sample[2 * i], v = level->sample[2 * i + 1];

          lengths[n_lengths++] = hypot (level->x[v] - level->x[u], level->y[v] - level->y[u]);
        }
    }
  else
    {
      for (guint u = 0; u < level->n; u++)
        for (guint e = level->xadj[u]; e < level->xadj[u + 1]; e++)
          {
            guint v = level_neighbour (level, e);

            if (e % stride == 0)
              lengths[n_lengths++] = hypot (level->x[v] - level->x[u], level->y[v] - level->y[u]);
          }
    }

  if (n_lengths == 0)
    return 0;

  qsort (lengths, n_lengths, sizeof (double), compare_doubles);
  return lengths[n_lengths / 2];
}

/* Sorts the level's nodes into cells of about one node each. Returns
 * FALSE when all nodes sit on one spot. */
static gboolean
point_grid_build (PointGrid   *grid,
                  const Level *level)
{
  guint n = level->n;
  double max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  guint n_cells;

  grid->min_x = grid->min_y = G_MAXDOUBLE;
  for (guint u = 0; u < n; u++)
    {
      grid->min_x = MIN (grid->min_x, level->x[u]);
      grid->min_y = MIN (grid->min_y, level->y[u]);
      max_x = MAX (max_x, level->x[u]);
      max_y = MAX (max_y, level->y[u]);
    }

  grid->cell = sqrt ((max_x - grid->min_x) * (max_y - grid->min_y) / n);
  if (!(grid->cell > 0))
    grid->cell = MAX (max_x - grid->min_x, max_y - grid->min_y) / n;
  if (!(grid->cell > 0))
    return FALSE;

  grid->columns = (guint) MIN ((max_x - grid->min_x) / grid->cell, 4.0 * n) + 1;
  grid->rows = (guint) MIN ((max_y - grid->min_y) / grid->cell, 4.0 * n / grid->columns) + 1;
  n_cells = grid->columns * grid->rows;

  grid->start = g_new0 (guint, n_cells + 1);
  grid->nodes = g_new (guint, n);
  grid->cell_of = g_new (guint, n);
  for (guint u = 0; u < n; u++)
    {
      guint column = MIN ((guint) ((level->x[u] - grid->min_x) / grid->cell), grid->columns - 1);
      guint row = MIN ((guint) ((level->y[u] - grid->min_y) / grid->cell), grid->rows - 1);

      grid->cell_of[u] = row * grid->columns + column;
      grid->start[grid->cell_of[u] + 1]++;
    }
  for (guint c = 0; c < n_cells; c++)
    grid->start[c + 1] += grid->start[c];
  for (guint u = 0; u < n; u++)
    grid->nodes[grid->start[grid->cell_of[u]]++] = u;

  /* Filling moved each start on to the next cell's. */
  memmove (grid->start + 1, grid->start, sizeof (guint) * n_cells);
  grid->start[0] = 0;

  return TRUE;
}

static void
point_grid_clear (PointGrid *grid)
{
  g_free (grid->start);
  g_free (grid->nodes);
  g_free (grid->cell_of);
}

/* The scale at which u's box would clear those of all nodes in the cells
 * around it, and further out until some node turns up; 0 when none does. */
static double
scale_to_clear_neighbours (const Layout    *self,
                           const Level     *level,
                           const guint     *members,
                           const PointGrid *grid,
                           guint            u)
{
  int column = (int) (grid->cell_of[u] % grid->columns);
  int row = (int) (grid->cell_of[u] / grid->columns);
  double half_w = self->half_w[members[u]];
  double half_h = self->half_h[members[u]];
  double needed = 0;
  gboolean found = FALSE;

  for (int r = 0; r <= 8 && (r <= 1 || !found); r++)
    for (int j = MAX (row - r, 0); j <= row + r && j < (int) grid->rows; j++)
      for (int i = MAX (column - r, 0); i <= column + r && i < (int) grid->columns; i++)
        {
          guint cell = (guint) j * grid->columns + (guint) i;

          /* Only the ring r cells out. */
          if (MAX (ABS (i - column), ABS (j - row)) != r)
            continue;

          for (guint k = grid->start[cell]; k < grid->start[cell + 1]; k++)
            {
              guint v = grid->nodes[k];
              double dx = fabs (level->x[v] - level->x[u]);
              double dy = fabs (level->y[v] - level->y[u]);

              /* Nodes on one spot are left to the overlap removal. */
              if (dx == 0 && dy == 0)
                continue;

              found = TRUE;
              needed = MAX (needed,
                            MIN (dx > 0 ? (half_w + self->half_w[members[v]]) / dx : G_MAXDOUBLE,
                                 dy > 0 ? (half_h + self->half_h[members[v]]) / dy : G_MAXDOUBLE));
            }
        }

  return found ? needed : 0;
}

/* How much the picture must be scaled, from its own units to points, for
 * most nodes to clear their neighbours' boxes: hairballs have long edges
 * but crowded nodes, so the edge length alone would leave them in a heap.
 * A percentile over a fixed sample of nodes leaves a few stragglers to the
 * overlap removal, and keeps the odd pair that sits almost on top of each
 * other from blowing up the whole picture. */
double
am_layout_crowding_scale (const Layout *self,
                          const Level  *level,
                          const guint  *members,
                          double        percentile)
{
  guint stride = MAX (1, level->n / 4096);
  g_autofree double *scales = g_new (double, level->n / stride + 1);
  guint n_scales = 0;
  PointGrid grid = { 0 };

  if (!point_grid_build (&grid, level))
    return 0;

  for (guint u = 0; u < level->n; u += stride)
    {
      double needed = scale_to_clear_neighbours (self, level, members, &grid, u);

      if (needed > 0)
        scales[n_scales++] = needed;
    }
  point_grid_clear (&grid);

  if (n_scales == 0)
    return 0;

  qsort (scales, n_scales, sizeof (double), compare_doubles);
  return scales[(guint) (n_scales * percentile)];
}

/* Overlap removal
 *
 * Each pass sorts the boxes into a grid of cells about one typical box in
 * size, every box into each cell it touches, and separates the overlapping
 * pairs it finds there on the spot. A pair is only handled in the cell
 * holding the top left corner of the area the two boxes share, so it is
 * handled once, and a pass that moves nothing has seen every pair.
 */

static void
box_grid_clear (BoxGrid *grid)
{
  g_free (grid->start);
  g_free (grid->nodes);
}

static guint
box_grid_column (const BoxGrid *grid,
                 double         x)
{
  double column = floor ((x - grid->min_x) / grid->cell_w);

  return (guint) CLAMP (column, 0, grid->columns - 1);
}

static guint
box_grid_row (const BoxGrid *grid,
              double         y)
{
  double row = floor ((y - grid->min_y) / grid->cell_h);

  return (guint) CLAMP (row, 0, grid->rows - 1);
}

/* Sizes the grid to the boxes; sparse pictures get bigger cells rather
 * than a huge empty grid. */
static void
box_grid_fit (BoxGrid      *grid,
              const Layout *self,
              const guint  *members,
              guint         n,
              const double *x,
              const double *y)
{
  double max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double n_cells, limit = 4.0 * n + 16;

  grid->min_x = grid->min_y = G_MAXDOUBLE;
  for (guint i = 0; i < n; i++)
    {
      grid->min_x = MIN (grid->min_x, x[i] - self->half_w[members[i]]);
      grid->min_y = MIN (grid->min_y, y[i] - self->half_h[members[i]]);
      max_x = MAX (max_x, x[i] + self->half_w[members[i]]);
      max_y = MAX (max_y, y[i] + self->half_h[members[i]]);
    }

  grid->cell_w = self->typical_w;
  grid->cell_h = self->typical_h;
  n_cells = ((max_x - grid->min_x) / grid->cell_w + 1) * ((max_y - grid->min_y) / grid->cell_h + 1);
  if (n_cells > limit)
    {
      grid->cell_w *= sqrt (n_cells / limit);
      grid->cell_h *= sqrt (n_cells / limit);
    }

  grid->columns = (guint) MIN ((max_x - grid->min_x) / grid->cell_w + 1, 2 * limit);
  grid->rows = (guint) MIN ((max_y - grid->min_y) / grid->cell_h + 1,
                            2 * limit / grid->columns + 1);
}

static void
box_grid_build (BoxGrid      *grid,
                const Layout *self,
                const guint  *members,
                guint         n,
                const double *x,
                const double *y)
{
  gsize n_cells;

  box_grid_fit (grid, self, members, n, x, y);
  n_cells = (gsize) grid->columns * grid->rows;

  if (n_cells + 1 > grid->start_size)
    {
      grid->start_size = n_cells + 1;
      grid->start = g_renew (guint, grid->start, grid->start_size);
    }
  memset (grid->start, 0, sizeof (guint) * (n_cells + 1));

  /* Count, then fill. */
  for (int fill = 0; fill < 2; fill++)
    {
      for (guint i = 0; i < n; i++)
        {
          guint first_column = box_grid_column (grid, x[i] - self->half_w[members[i]]);
          guint last_column = box_grid_column (grid, x[i] + self->half_w[members[i]]);
          guint first_row = box_grid_row (grid, y[i] - self->half_h[members[i]]);
          guint last_row = box_grid_row (grid, y[i] + self->half_h[members[i]]);

          for (guint row = first_row; row <= last_row; row++)
            for (guint column = first_column; column <= last_column; column++)
              {
                guint cell = row * grid->columns + column;

                if (fill)
                  grid->nodes[grid->start[cell]++] = i;
                else
                  grid->start[cell + 1]++;
              }
        }

      if (!fill)
        {
          for (gsize cell = 0; cell < n_cells; cell++)
            grid->start[cell + 1] += grid->start[cell];
          if (grid->start[n_cells] > grid->nodes_size)
            {
              grid->nodes_size = grid->start[n_cells];
              grid->nodes = g_renew (guint, grid->nodes, grid->nodes_size);
            }
        }
    }

  /* Filling moved each start on to the next cell's. */
  memmove (grid->start + 1, grid->start, sizeof (guint) * n_cells);
  grid->start[0] = 0;
}

/* Moves a and b apart along the line between them, just as far as it takes
 * for their boxes to clear on one axis: the picture keeps its shape better
 * than when pushing along x or y alone. */
static void
separate_pair (double *x,
               double *y,
               guint   a,
               guint   b,
               double  clear_x,
               double  clear_y)
{
  double dx = x[b] - x[a];
  double dy = y[b] - y[a];
  double scale, move_x, move_y;

  if (fabs (dx) < 1e-6 && fabs (dy) < 1e-6)
    {
      double angle = 2 * G_PI * noise (MIN (a, b), MAX (a, b));

      dx = cos (angle) * 1e-3;
      dy = sin (angle) * 1e-3;
    }

  scale = MIN (dx != 0 ? clear_x / fabs (dx) : G_MAXDOUBLE,
               dy != 0 ? clear_y / fabs (dy) : G_MAXDOUBLE);
  move_x = (scale - 1) * dx / 2;
  move_y = (scale - 1) * dy / 2;

  x[a] -= move_x;
  y[a] -= move_y;
  x[b] += move_x;
  y[b] += move_y;
}

/* Returns how many pairs overlapped. */
static guint
overlap_pass (const Layout *self,
              const guint  *members,
              guint         n,
              double       *x,
              double       *y,
              BoxGrid      *grid)
{
  guint n_cells, n_overlaps = 0;

  box_grid_build (grid, self, members, n, x, y);
  n_cells = grid->columns * grid->rows;

  for (guint cell = 0; cell < n_cells; cell++)
    for (guint i = grid->start[cell]; i < grid->start[cell + 1]; i++)
      for (guint j = i + 1; j < grid->start[cell + 1]; j++)
        {
          guint a = grid->nodes[i];
          guint b = grid->nodes[j];
          double clear_x = self->half_w[members[a]] + self->half_w[members[b]];
          double clear_y = self->half_h[members[a]] + self->half_h[members[b]];
          double corner_x, corner_y;

          if (fabs (x[b] - x[a]) >= clear_x - OVERLAP_TOLERANCE ||
              fabs (y[b] - y[a]) >= clear_y - OVERLAP_TOLERANCE)
            continue;

          corner_x = MAX (x[a] - self->half_w[members[a]], x[b] - self->half_w[members[b]]);
          corner_y = MAX (y[a] - self->half_h[members[a]], y[b] - self->half_h[members[b]]);
          if (box_grid_row (grid, corner_y) * grid->columns +
              box_grid_column (grid, corner_x) != cell)
            continue;

          separate_pair (x, y, a, b, clear_x, clear_y);
          n_overlaps++;
        }

  return n_overlaps;
}

static void
spread (double *x,
        double *y,
        guint   n,
        double  factor)
{
  double centre_x = 0, centre_y = 0;

  for (guint i = 0; i < n; i++)
    {
      centre_x += x[i];
      centre_y += y[i];
    }
  centre_x /= n;
  centre_y /= n;

  for (guint i = 0; i < n; i++)
    {
      x[i] = centre_x + (x[i] - centre_x) * factor;
      y[i] = centre_y + (y[i] - centre_y) * factor;
    }
}

/* Pushes overlapping boxes apart until none overlap. When pushing alone
 * jams, the whole component is spread a little, which always ends it in
 * the end. Big components get a bounded number of passes instead. */
gboolean
am_layout_remove_overlaps (Layout      *self,
                           const guint *members,
                           guint        n,
                           double      *x,
                           double      *y)
{
  BoxGrid grid = { 0 };
  guint max_passes = n <= COMPLETE_OVERLAP_LIMIT ? MAX_OVERLAP_PASSES : LARGE_OVERLAP_PASSES;
  gboolean done = TRUE;

  for (guint pass = 0; pass < max_passes; pass++)
    {
      if (am_layout_progress_is_cancelled (&self->progress))
        {
          done = FALSE;
          break;
        }

      if (overlap_pass (self, members, n, x, y, &grid) == 0)
        break;
      am_layout_progress_add_work (&self->progress, OVERLAP_WORK_PER_NODE * n);

      if (pass % OVERLAP_PASSES_PER_SPREAD == OVERLAP_PASSES_PER_SPREAD - 1)
        spread (x, y, n, OVERLAP_SPREAD);
    }

  box_grid_clear (&grid);
  return done;
}

/* am-quadtree.h: Barnes–Hut approximation of all-pairs repulsion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AmQuadtree AmQuadtree;

AmQuadtree   *am_quadtree_new               (void);
void          am_quadtree_free              (AmQuadtree   *tree);

/* Sorts @n_bodies charged points into a new tree, replacing the previous
 * one. The arrays are copied; the tree's storage is reused between builds. */
void          am_quadtree_build             (AmQuadtree   *tree,
                                             const double *x,
                                             const double *y,
                                             const double *charge,
                                             guint         n_bodies);

/* Sets fx[id], fy[id] to the repulsion on each body numbered @first to
 * @last - 1 in the tree's own (spatial) order, where id is the body's
 * index in the arrays given to the build. Two bodies push each other with
 * strength × q₁ × q₂ / distance²; cells seen under an angle below @theta
 * act as one body at their centre of charge.
 *
 * Each body's force depends only on the tree, so disjoint ranges can be
 * computed on different threads and give the same result as one call. */
void          am_quadtree_get_repulsion     (const AmQuadtree *tree,
                                             double            theta,
                                             double            strength,
                                             guint             first,
                                             guint             last,
                                             double           *fx,
                                             double           *fy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmQuadtree, am_quadtree_free)

G_END_DECLS

/* am-map-document-private.h: what the parts of the document share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * am-map-document.c holds the type, loading and the view state;
 * am-map-document-save.c saving and laying out anew;
 * am-map-document-groups.c groups, moved and collapsed.
 */

#pragma once

#include "am-map-document.h"
#include "am-move-history.h"

G_BEGIN_DECLS

struct _AmMapDocument
{
  GObject        parent_instance;

  AmGraph       *graph;
  GFile         *file;

  guint          selected_node;
  guint          hover_node;
  guint          lens_issue;
  guint          hidden_edge_kinds;
  gboolean       show_issues;

  /* The nodes in the order lists show them, made where the map is loaded:
   * on a big map, collating the labels takes a while. */
  GArray        *actor_order;      /* guint32 */
  guint32       *nodes_by_degree;

  AmMoveHistory *history;
  /* Some node has stood elsewhere than where the file put it: saving
   * writes positions from then on. */
  gboolean       moved;
  /* As last notified. */
  gboolean       can_undo;
  gboolean       can_redo;
  gboolean       modified;
  guint          n_saving;
  /* The file as we last read or wrote it. */
  char          *disk_etag;

  /* Groups, see am-map-document-groups.c: NULL without any. */
  guint32       *group_parents;
  /* Per node, TRUE for a collapsed group; NULL while none is. */
  guint8        *collapsed;
  guint32       *shown_as;
  guint32       *hidden_counts;
};

/* am-map-document.c */
void   _am_map_document_set_file              (AmMapDocument *self,
                                               GFile         *file);
/* Notifies can-undo, can-redo and modified where they changed. */
void   _am_map_document_update_history_state  (AmMapDocument *self);
void   _am_map_document_notify_saving         (AmMapDocument *self);
/* Moves every node to where @nodes (one per node) puts it, as one step. */
void   _am_map_document_move_all              (AmMapDocument *self,
                                               const AmNode  *nodes);

void   _am_map_document_emit_collapsed_changed (AmMapDocument *self);

/* am-map-document-groups.c */
void     _am_map_document_init_groups         (AmMapDocument *self);
void     _am_map_document_clear_groups        (AmMapDocument *self);
/* Refits the groups' boxes; FALSE when the map has no groups. */
gboolean _am_map_document_refit_groups        (AmMapDocument *self);
/* After @node moved by (@dx, @dy): its members follow, in the history's
 * step, and boxes are refitted. FALSE when the map has no groups. */
gboolean _am_map_document_follow_move         (AmMapDocument *self,
                                               guint          node,
                                               double         dx,
                                               double         dy);

/* am-map-document-save.c */
char  *_am_map_document_query_etag            (GFile         *file);

G_END_DECLS

/* am-map-document.c: an open map and what the user is looking at in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The graph is plain data; this object is what widgets observe. Every
 * change of view state is a property, so a widget binds or listens to
 * notify, and moving nodes emits ::positions-changed.
 */

#include "config.h"

#include "am-map-document.h"
#include <math.h>

#include "am-map-loader.h"

struct _AmMapDocument
{
  GObject   parent_instance;

  AmGraph  *graph;
  GFile    *file;

  guint     selected_node;
  guint     hover_node;
  guint     lens_issue;
  guint     hidden_edge_kinds;
  gboolean  show_issues;
};

G_DEFINE_FINAL_TYPE (AmMapDocument, am_map_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SELECTED_NODE,
  PROP_HOVER_NODE,
  PROP_LENS_ISSUE,
  PROP_HIDDEN_EDGE_KINDS,
  PROP_SHOW_ISSUES,
  N_PROPS
};

enum {
  POSITIONS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
am_map_document_finalize (GObject *object)
{
  AmMapDocument *self = AM_MAP_DOCUMENT (object);

  g_clear_pointer (&self->graph, am_graph_free);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (am_map_document_parent_class)->finalize (object);
}

static void
am_map_document_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AmMapDocument *self = AM_MAP_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, am_map_document_get_title (self));
      break;
    case PROP_SELECTED_NODE:
      g_value_set_uint (value, self->selected_node);
      break;
    case PROP_HOVER_NODE:
      g_value_set_uint (value, self->hover_node);
      break;
    case PROP_LENS_ISSUE:
      g_value_set_uint (value, self->lens_issue);
      break;
    case PROP_HIDDEN_EDGE_KINDS:
      g_value_set_uint (value, self->hidden_edge_kinds);
      break;
    case PROP_SHOW_ISSUES:
      g_value_set_boolean (value, self->show_issues);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
am_map_document_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AmMapDocument *self = AM_MAP_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_SELECTED_NODE:
      am_map_document_set_selected_node (self, g_value_get_uint (value));
      break;
    case PROP_HOVER_NODE:
      am_map_document_set_hover_node (self, g_value_get_uint (value));
      break;
    case PROP_LENS_ISSUE:
      am_map_document_set_lens_issue (self, g_value_get_uint (value));
      break;
    case PROP_HIDDEN_EDGE_KINDS:
      am_map_document_set_hidden_edge_kinds (self, g_value_get_uint (value));
      break;
    case PROP_SHOW_ISSUES:
      am_map_document_set_show_issues (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
am_map_document_class_init (AmMapDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = am_map_document_finalize;
  object_class->get_property = am_map_document_get_property;
  object_class->set_property = am_map_document_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_NODE] =
    g_param_spec_uint ("selected-node", NULL, NULL, 0, G_MAXUINT32, AM_NO_INDEX,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HOVER_NODE] =
    g_param_spec_uint ("hover-node", NULL, NULL, 0, G_MAXUINT32, AM_NO_INDEX,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LENS_ISSUE] =
    g_param_spec_uint ("lens-issue", NULL, NULL, 0, G_MAXUINT32, AM_NO_INDEX,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HIDDEN_EDGE_KINDS] =
    g_param_spec_uint ("hidden-edge-kinds", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_ISSUES] =
    g_param_spec_boolean ("show-issues", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[POSITIONS_CHANGED] =
    g_signal_new ("positions-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
am_map_document_init (AmMapDocument *self)
{
  self->selected_node = AM_NO_INDEX;
  self->hover_node = AM_NO_INDEX;
  self->lens_issue = AM_NO_INDEX;
  self->show_issues = TRUE;
}

AmMapDocument *
am_map_document_new (AmGraph *graph,
                     GFile   *file)
{
  AmMapDocument *self;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (AM_TYPE_MAP_DOCUMENT, NULL);
  self->graph = graph;
  self->file = file != NULL ? g_object_ref (file) : NULL;

  return self;
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  AmGraph *graph;

  if (file != NULL)
    path = g_file_get_path (file);
  if (file != NULL && path == NULL)
    path = g_file_get_uri (file);

  graph = am_map_loader_load (path, cancellable, &error);
  if (graph == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, am_map_document_new (graph, file), g_object_unref);
}

void
am_map_document_load_async (GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (file == NULL || G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, am_map_document_load_async);
  if (file != NULL)
    g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

AmMapDocument *
am_map_document_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

AmGraph *
am_map_document_get_graph (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), NULL);
  return self->graph;
}

GFile *
am_map_document_get_file (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), NULL);
  return self->file;
}

const char *
am_map_document_get_title (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), NULL);
  return am_graph_get_title (self->graph);
}

static void
set_node_property (AmMapDocument *self,
                   guint         *field,
                   guint          node,
                   GParamSpec    *pspec)
{
  if (node != AM_NO_INDEX && node >= am_graph_get_n_nodes (self->graph))
    node = AM_NO_INDEX;
  if (*field == node)
    return;

  *field = node;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

guint
am_map_document_get_selected_node (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), AM_NO_INDEX);
  return self->selected_node;
}

void
am_map_document_set_selected_node (AmMapDocument *self,
                                   guint          node)
{
  g_return_if_fail (AM_IS_MAP_DOCUMENT (self));
  set_node_property (self, &self->selected_node, node, properties[PROP_SELECTED_NODE]);
}

guint
am_map_document_get_hover_node (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), AM_NO_INDEX);
  return self->hover_node;
}

void
am_map_document_set_hover_node (AmMapDocument *self,
                                guint          node)
{
  g_return_if_fail (AM_IS_MAP_DOCUMENT (self));
  set_node_property (self, &self->hover_node, node, properties[PROP_HOVER_NODE]);
}

guint
am_map_document_get_lens_issue (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), AM_NO_INDEX);
  return self->lens_issue;
}

void
am_map_document_set_lens_issue (AmMapDocument *self,
                                guint          issue)
{
  g_return_if_fail (AM_IS_MAP_DOCUMENT (self));
  set_node_property (self, &self->lens_issue, issue, properties[PROP_LENS_ISSUE]);
}

guint
am_map_document_get_hidden_edge_kinds (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), 0);
  return self->hidden_edge_kinds;
}

void
am_map_document_set_hidden_edge_kinds (AmMapDocument *self,
                                       guint          kinds)
{
  g_return_if_fail (AM_IS_MAP_DOCUMENT (self));

  if (self->hidden_edge_kinds == kinds)
    return;

  self->hidden_edge_kinds = kinds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_EDGE_KINDS]);
}

gboolean
am_map_document_get_show_issues (AmMapDocument *self)
{
  g_return_val_if_fail (AM_IS_MAP_DOCUMENT (self), TRUE);
  return self->show_issues;
}

void
am_map_document_set_show_issues (AmMapDocument *self,
                                 gboolean       show)
{
  g_return_if_fail (AM_IS_MAP_DOCUMENT (self));

  show = !!show;
  if (self->show_issues == show)
    return;

  self->show_issues = show;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ISSUES]);
}

void
am_map_document_move_node (AmMapDocument *self,
                           guint          node,
                           double         x,
                           double         y)
{
  AmNode *n;

  g_return_if_fail (AM_IS_MAP_DOCUMENT (self));
  g_return_if_fail (node < am_graph_get_n_nodes (self->graph));

  if (!isfinite (x) || !isfinite (y))
    return;

  n = am_graph_get_node (self->graph, node);
  n->x = x;
  n->y = y;
  g_signal_emit (self, signals[POSITIONS_CHANGED], 0);
}

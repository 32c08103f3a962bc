/* am-positions-csv.c: every statement about an issue, as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "am-export.h"
#include "am-positions.h"
#include "am-positions-csv.h"
#include "am-vocabulary.h"

/* Records are handed to the stream in pieces of about this size. */
#define FLUSH_SIZE (64 * 1024)

/* RFC 4180: a field with a comma, a quotation mark or a line break is
 * quoted, and its quotation marks doubled. Invalid UTF-8 is replaced, so
 * that the file is UTF-8 whatever the map held. */
static void
append_field (GString    *out,
              const char *value,
              gboolean    last)
{
  g_autofree char *valid = NULL;

  if (value == NULL)
    value = "";
  if (!g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);

  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
    }
  else
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }

  g_string_append (out, last ? "\r\n" : ",");
}

static gboolean
is_issue_statement (const AmGraph *graph,
                    const AmEdge  *edge)
{
  return edge->kind == AM_EDGE_KIND_STATEMENT &&
         edge->target < am_graph_get_n_nodes (graph) &&
         edge->source < am_graph_get_n_nodes (graph) &&
         am_graph_get_node (graph, edge->target)->kind == AM_NODE_KIND_ISSUE;
}

static void
append_record (GString       *out,
               const AmGraph *graph,
               guint          index)
{
  const AmEdge *edge = am_graph_get_edge (graph, index);
  const AmProfileKeys *profile = &graph->profile;
  AmStatementTextKind kind;
  const char *text = am_statement_get_text (graph, index, &kind);
  const char *certainty = am_statement_get_certainty (graph, index);
  const char *stance = edge->stance != AM_STANCE_NONE && edge->stance < AM_N_STANCES
                       ? am_stance_to_string (edge->stance) : "";
  g_autofree char *marked = NULL;

  if (certainty != NULL)
    text = marked = g_strdup_printf ("[%s] %s", certainty, text != NULL ? text : "");

  append_field (out, am_graph_get_node (graph, edge->source)->label, FALSE);
  append_field (out, am_graph_get_node (graph, edge->target)->label, FALSE);
  append_field (out, stance, FALSE);
  append_field (out, am_statement_text_kind_to_string (kind), FALSE);
  append_field (out, text, FALSE);
  append_field (out, am_graph_get_edge_value (graph, profile->edge_paragraph, index), FALSE);
  append_field (out, am_graph_get_edge_value (graph, profile->edge_when, index), TRUE);
}

gboolean
am_positions_write_csv (const AmGraph  *graph,
                        GOutputStream  *stream,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (graph != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  out = g_string_sized_new (FLUSH_SIZE + 1024);
  g_string_append (out, AM_POSITIONS_CSV_HEADER "\r\n");

  for (guint i = 0; i < am_graph_get_n_edges (graph); i++)
    {
      if (!is_issue_statement (graph, am_graph_get_edge (graph, i)))
        continue;

      append_record (out, graph, i);
      if (out->len >= FLUSH_SIZE)
        {
          if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
            return FALSE;
          g_string_truncate (out, 0);
        }
    }

  return g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error);
}

static gboolean
write_csv_cb (GOutputStream  *stream,
              gpointer        user_data,
              GError        **error)
{
  return am_positions_write_csv (user_data, stream, NULL, error);
}

gboolean
am_positions_export_csv (const AmGraph  *graph,
                         const char     *path,
                         GError        **error)
{
  g_return_val_if_fail (graph != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return am_export_write_file (path, write_csv_cb, (gpointer) graph, error);
}

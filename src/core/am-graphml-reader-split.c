/* am-graphml-reader-split.c: reading a big GraphML file in two halves at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a big file a second core halves the time. The first half is parsed
 * from the start up to a line that opens a <node> or <edge> near the
 * middle; the second half is parsed as a document of its own: the head of
 * the file up to and including the top-level <graph> start tag, then the
 * rest of the file from that line on. Where the cut falls between two
 * children of that graph, the two halves make up the whole file exactly,
 * and the second is appended to the first. The cut is only a guess from
 * the bytes; the first half's parser tells for sure where it stopped (not
 * inside a comment, CDATA, a value or a nested element). When it did not
 * stop cleanly, or the second half holds anything that a merge cannot
 * keep exactly as one pass would (warnings, nested graphs, hyperedges,
 * ports, keys of its own), the file is read again in one pass.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "am-graphml-reader-private.h"

/* How far past the middle a cut is looked for. */
#define SPLIT_SCAN_SIZE  (1024 * 1024)

struct _Split
{
  GMutex   mutex;
  GCond    head_cond;
  gboolean head_known;
  goffset  head_end;         /* just after the top-level <graph ...>, or 0 */
  guint    n_head_keys;

  gssize   bytes_read;       /* by both halves, atomically */
  gint64   bytes_total;      /* both halves: the file plus the repeated head */
  gboolean head_done;        /* the first half has finished, under the mutex */
};

static void
split_set_head (Split   *split,
                goffset  head_end,
                guint    n_head_keys)
{
  g_mutex_lock (&split->mutex);
  if (!split->head_known)
    {
      split->head_known = TRUE;
      split->head_end = head_end;
      split->n_head_keys = n_head_keys;
      g_cond_signal (&split->head_cond);
    }
  g_mutex_unlock (&split->mutex);
}

/* Called in the first half at the top-level <graph> start tag, whose '>'
 * is the next byte. */
void
am_graphml_split_publish_head (Reader *reader)
{
  xmlParserInputPtr input = reader->ctxt->input;
  goffset head_end = 0;

  /* Offsets into the file mean something only for UTF-8 read as is. */
  if (reader->ctxt->inputNr == 1 && input->buf != NULL && input->buf->encoder == NULL &&
      input->cur < input->end && *input->cur == '>')
    head_end = (goffset) input->consumed + (input->cur - input->base) + 1;

  split_set_head (reader->split, head_end, am_graph_get_n_keys (reader->graph));
}

/* The first half ran out of input at its limit: fine if that was between
 * two children of the top-level graph, with every byte parsed. libxml2
 * also stops, between elements, at a NUL byte, which it takes for the
 * end of its input; one pass then refuses the file, and so must we. */
void
am_graphml_split_check_stop (Reader *reader,
                             int     code)
{
  const Frame *frames = (const Frame *) reader->stack->data;
  xmlParserInputPtr input = reader->ctxt->input;

  reader->stopped_cleanly =
    code == XML_ERR_TAG_NOT_FINISHED && input != NULL && input->cur >= input->end &&
    reader->ctxt->nameNr == 2 &&
    reader->stack->len == 2 && frames[0].type == ELEMENT_GRAPHML &&
    frames[1].type == ELEMENT_GRAPH && frames[1].index == 0 && reader->top_graph == 0 &&
    reader->foreign_depth == 0 && !reader->collecting;

  if (!reader->stopped_cleanly)
    reader->error = g_error_new_literal (AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_MALFORMED,
                                         "the first half did not end between elements");
}

void
am_graphml_split_report_progress (Reader *reader,
                                  gssize  n_read)
{
  Split *split = reader->split;
  gssize total = g_atomic_pointer_add (&split->bytes_read, n_read) + n_read;

  /* Only the caller's thread reports. */
  if (reader->fragment && reader->progress != NULL)
    reader->progress (MIN (1.0, (double) total / split->bytes_total), reader->progress_data);
}

/* The start of a line near the middle of the file that opens a <node> or
 * an <edge>, or -1. */
static goffset
find_cut (GFileInputStream *stream,
          goffset           size,
          GCancellable     *cancellable)
{
  goffset middle = size / 2;
  g_autofree char *window = g_malloc (SPLIT_SCAN_SIZE);
  gsize length = 0;

  if (!g_seekable_seek (G_SEEKABLE (stream), middle, G_SEEK_SET, cancellable, NULL) ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), window, SPLIT_SCAN_SIZE, &length,
                                cancellable, NULL))
    return -1;

  for (gsize i = 0; i + 8 < length; i++)
    {
      gsize j = i + 1;

      if (window[i] != '\n')
        continue;
      while (j < length && (window[j] == ' ' || window[j] == '\t' || window[j] == '\r'))
        j++;
      if (j + 6 >= length || window[j] != '<')
        continue;
      if ((memcmp (window + j + 1, "edge", 4) == 0 || memcmp (window + j + 1, "node", 4) == 0) &&
          strchr (" \t\r\n/>", window[j + 5]) != NULL)
        return middle + (goffset) i + 1;
    }

  return -1;
}

static gpointer
read_first_half (gpointer data)
{
  Reader *reader = data;

  am_graphml_reader_parse (reader);
  /* A file with no top-level graph before the cut has no head to share. */
  split_set_head (reader->split, 0, 0);

  g_mutex_lock (&reader->split->mutex);
  reader->split->head_done = TRUE;
  g_cond_broadcast (&reader->split->head_cond);
  g_mutex_unlock (&reader->split->mutex);

  return NULL;
}

/* The caller's thread reports progress; when its half is done first, it
 * goes on reporting the other's while it waits. */
static void
split_wait_for_head (Reader *tail)
{
  Split *split = tail->split;

  g_mutex_lock (&split->mutex);
  while (!split->head_done)
    {
      gint64 until = g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND;

      if (!g_cond_wait_until (&split->head_cond, &split->mutex, until) &&
          tail->progress != NULL)
        {
          g_mutex_unlock (&split->mutex);
          am_graphml_split_report_progress (tail, 0);
          g_mutex_lock (&split->mutex);
        }
    }
  g_mutex_unlock (&split->mutex);
}

/* Whether @tail adds to @head exactly what one pass would have. */
static gboolean
split_can_merge (Reader *head,
                 Reader *tail,
                 int     tail_first_line)
{
  const AmGraph *graph = tail->graph;
  guint64 max = am_graphml_reader_get_max_elements ();

  if (tail->error != NULL || !tail->ctxt->wellFormed || !tail->seen_root ||
      graph->subgraphs->len != 1 || graph->hyperedges->len > 0 || graph->ports->len > 0 ||
      graph->edge_source_ports != NULL || graph->edge_target_ports != NULL ||
      graph->edge_labels != NULL || graph->keys->len != tail->n_head_keys)
    return FALSE;

  /* Warnings of the repeated head are the first half's already. */
  for (guint i = 0; i < graph->warnings->len; i++)
    if (g_array_index (graph->warnings, AmDiagnostic, i).line >= tail_first_line)
      return FALSE;
  if (graph->n_warnings > graph->warnings->len)
    return FALSE;

  /* Past a limit together, one pass tells where; every endpoint still
   * pending might yet add a node. */
  if ((guint64) am_graph_get_n_nodes (head->graph) + am_graph_get_n_nodes (graph) +
      head->pending->len + tail->pending->len >= max ||
      (guint64) am_graph_get_n_edges (head->graph) + am_graph_get_n_edges (graph) >= max ||
      (guint64) head->pending_ids->len + tail->pending_ids->len > G_MAXUINT32)
    return FALSE;

  /* A node declared in both halves: one pass warns about it. */
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      const char *id = g_array_index (graph->nodes, AmNode, i).id;

      if (id != NULL && am_graph_find_node_by_id (head->graph, id) != AM_NO_INDEX)
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  AmGraph *graph;
  GArray  *pending;
  GString *pending_ids;
  guint32  first_edge;
  guint    from, to;
} EndpointJob;

enum { PENDING_SETTLED = 0xff };

/* Looks the second half's pending endpoints up in the whole graph, which
 * nobody changes meanwhile, and marks those found. */
static gpointer
settle_endpoints (gpointer data)
{
  EndpointJob *job = data;

  for (guint i = job->from; i < job->to; i++)
    {
      Pending *pending = &g_array_index (job->pending, Pending, i);
      guint32 node = am_graph_find_node_by_id (job->graph, job->pending_ids->str + pending->id_offset);
      AmEdge *edge;

      if (node == AM_NO_INDEX)
        continue;

      /* Two threads may set the two ends of one edge: different fields. */
      edge = &g_array_index (job->graph->edges, AmEdge, job->first_edge + pending->element);
      if (pending->role == PENDING_SOURCE)
        edge->source = node;
      else
        edge->target = node;
      pending->role = PENDING_SETTLED;
    }

  return NULL;
}

static void
split_merge (Reader *head,
             Reader *tail,
             int     line_shift)
{
  AmGraph *graph = head->graph;
  EndpointJob jobs[2];
  GThread *thread;

  jobs[0].graph = graph;
  jobs[0].pending = tail->pending;
  jobs[0].pending_ids = tail->pending_ids;
  jobs[0].first_edge = graph->edges->len;
  jobs[0].from = 0;
  jobs[0].to = tail->pending->len / 2;
  jobs[1] = jobs[0];
  jobs[1].from = jobs[0].to;
  jobs[1].to = tail->pending->len;

  am_graph_absorb (graph, tail->graph, head->top_graph);

  /* Endpoints the second half could not find are mostly in the first:
   * a million lookups on a big file, on both cores. */
  thread = g_thread_new ("graphml-endpoints", settle_endpoints, &jobs[1]);
  settle_endpoints (&jobs[0]);
  g_thread_join (thread);

  /* The rest wait for the end of the graph, after the first half's. */
  for (guint i = 0; i < tail->pending->len; i++)
    {
      Pending pending = g_array_index (tail->pending, Pending, i);
      const char *id = tail->pending_ids->str + pending.id_offset;

      if (pending.role == PENDING_SETTLED)
        continue;

      pending.element += jobs[0].first_edge;
      pending.line += line_shift;
      pending.id_offset = head->pending_ids->len;
      g_string_append_len (head->pending_ids, id, strlen (id) + 1);
      g_array_append_val (head->pending, pending);
    }
}

/* NULL with no error when the file is better read in one pass. */
AmGraph *
am_graphml_split_read (GFile                  *file,
                       const char             *name,
                       goffset                 size,
                       GCancellable           *cancellable,
                       AmGraphmlProgressFunc   progress,
                       gpointer                user_data,
                       GError                **error)
{
  g_autoptr(GFileInputStream) head_stream = NULL;
  g_autoptr(GFileInputStream) tail_stream = NULL;
  Split split = { 0 };
  Reader head, tail;
  GThread *thread;
  AmGraph *graph = NULL;
  goffset cut;
  int tail_first_line;

  head_stream = g_file_read (file, cancellable, NULL);
  tail_stream = g_file_read (file, cancellable, NULL);
  if (head_stream == NULL || tail_stream == NULL ||
      !g_seekable_can_seek (G_SEEKABLE (tail_stream)))
    return NULL;

  cut = find_cut (tail_stream, size, cancellable);
  if (cut < 0 || !g_seekable_seek (G_SEEKABLE (tail_stream), 0, G_SEEK_SET, cancellable, NULL))
    return NULL;

  g_mutex_init (&split.mutex);
  g_cond_init (&split.head_cond);
  split.bytes_total = size;

  am_graphml_reader_init (&head, name);
  head.stream = G_INPUT_STREAM (head_stream);
  head.cancellable = cancellable;
  head.split = &split;
  head.limit = cut;

  am_graphml_reader_init (&tail, name);
  tail.stream = G_INPUT_STREAM (tail_stream);
  tail.cancellable = cancellable;
  tail.progress = progress;
  tail.progress_data = user_data;
  tail.split = &split;
  tail.fragment = TRUE;

  thread = g_thread_new ("graphml-first-half", read_first_half, &head);

  g_mutex_lock (&split.mutex);
  while (!split.head_known)
    g_cond_wait (&split.head_cond, &split.mutex);
  g_mutex_unlock (&split.mutex);

  /* Reading the head twice only pays when it is small. */
  if (split.head_end > 0 && split.head_end < cut / 4)
    {
      split.bytes_total = size + split.head_end;
      tail.splice_at = split.head_end;
      tail.resume_at = cut;
      tail.n_head_keys = split.n_head_keys;
      am_graphml_reader_parse (&tail);
    }

  split_wait_for_head (&tail);
  g_thread_join (thread);

  if (head.cancelled || tail.cancelled)
    {
      g_set_error (error, AM_GRAPHML_ERROR, AM_GRAPHML_ERROR_CANCELLED,
                   _("%s: reading was cancelled"), name);
      goto out;
    }

  /* An error before the cut is the file's first error, as one pass finds. */
  if (head.error != NULL && !head.hit_limit)
    {
      g_propagate_error (error, g_steal_pointer (&head.error));
      goto out;
    }

  if (!head.stopped_cleanly || tail.ctxt == NULL)
    {
      g_debug ("%s: not read in halves: the cut at byte %" G_GOFFSET_FORMAT " is not between elements",
               name, cut);
      goto out;
    }

  /* The line the cut starts on in the second half: after the head and
   * the line break put after it. */
  tail_first_line = tail.head_lines + 2;
  if (!split_can_merge (&head, &tail, tail_first_line))
    {
      g_debug ("%s: not read in halves: the second half needs one pass", name);
      goto out;
    }

  split_merge (&head, &tail, reader_line (&head) - tail_first_line);

  if (head.pending->len > 0)
    am_graphml_reader_resolve_pending (&head);
  if (head.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&head.error));
      goto out;
    }
  am_graph_resolve_profile (head.graph);
  graph = g_steal_pointer (&head.graph);
  if (progress != NULL)
    progress (1.0, user_data);

out:
  am_graphml_reader_clear (&head);
  am_graphml_reader_clear (&tail);
  g_mutex_clear (&split.mutex);
  g_cond_clear (&split.head_cond);
  return graph;
}

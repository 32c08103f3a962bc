/* load-timing.c: how a map loads in the app's loading thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   actor-map-load-timing FILE.graphml
 *       reads and lays out FILE as the window does, printing each stage's
 *       time, how often progress came and its longest silence, and when
 *       in each stage its bar passed each tenth: a bar that tells the
 *       truth passes 50% about halfway through
 *   actor-map-load-timing FILE.graphml --cancel-after S [S …]
 *       reads FILE once, then for each S starts the layout afresh and
 *       cancels it after S seconds, printing how long the layout took to
 *       stop; S may also be "read" with a number, "read:0.5", to cancel
 *       the reading
 *   actor-map-load-timing FILE.graphml --pictures
 *       reads FILE, then lays it out as the window does, printing when
 *       each rough picture and the final one came
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "am-layout.h"
#include "am-map-loader.h"
#include "am-render.h"

typedef struct
{
  gint64         start;
  gint64         last;
  gint64         longest_gap;
  guint          n_reports;
  AmMapLoadStage stage;
  gint64         stage_start[2];
  gint64         stage_end[2];
  gint64         passed[2][11];     /* when the fraction first reached each tenth */
} Timing;

static double
seconds (gint64 microseconds)
{
  return microseconds / (double) G_USEC_PER_SEC;
}

static void
on_progress (const AmMapLoadProgress *progress,
             gpointer                 user_data)
{
  Timing *timing = user_data;
  gint64 now = g_get_monotonic_time ();

  if (timing->n_reports == 0 || progress->stage != timing->stage)
    {
      timing->stage = progress->stage;
      timing->stage_start[progress->stage] = now;
    }
  else
    timing->longest_gap = MAX (timing->longest_gap, now - timing->last);

  timing->last = now;
  timing->stage_end[progress->stage] = now;
  timing->n_reports++;

  for (int tenth = 0; tenth <= 10 && progress->fraction >= tenth / 10.0 - 1e-9; tenth++)
    if (timing->passed[progress->stage][tenth] == 0)
      timing->passed[progress->stage][tenth] = now;
}

/* When the bar passed each tenth, as a share of the stage's time. */
static void
print_curve (const Timing   *timing,
             AmMapLoadStage  stage,
             gint64          end,
             const char     *name)
{
  gint64 start = timing->stage_start[stage];

  if (start == 0 || end <= start)
    return;

  printf ("%-13s", name);
  for (int tenth = 1; tenth <= 10; tenth++)
    {
      if (timing->passed[stage][tenth] == 0)
        printf ("    -");
      else
        printf (" %3.0f%%", 100.0 * (timing->passed[stage][tenth] - start) / (end - start));
    }
  printf ("\n");
}

static int
time_load (const char *path)
{
  Timing timing = { 0 };
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(GError) error = NULL;
  gint64 end;

  timing.start = g_get_monotonic_time ();
  graph = am_map_loader_load_full (path, NULL, on_progress, &timing, &error);
  end = g_get_monotonic_time ();

  if (graph == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  printf ("%u nodes, %u edges\n", am_graph_get_n_nodes (graph), am_graph_get_n_edges (graph));
  if (timing.stage_start[AM_MAP_LOAD_STAGE_LAYING_OUT] != 0)
    {
      /* Measuring the labels falls in between; the window shows it as
       * the start of the layout. */
      printf ("read          %8.3f s\n",
              seconds (timing.stage_start[AM_MAP_LOAD_STAGE_LAYING_OUT] - timing.start));
      printf ("lay out       %8.3f s\n",
              seconds (end - timing.stage_start[AM_MAP_LOAD_STAGE_LAYING_OUT]));
    }
  printf ("total         %8.3f s\n", seconds (end - timing.start));
  printf ("progress      %u reports, longest gap within a stage %.3f s\n",
          timing.n_reports, seconds (timing.longest_gap));
  printf ("bar at         10%%  20%%  30%%  40%%  50%%  60%%  70%%  80%%  90%% 100%%, "
          "at this share of the stage's time:\n");
  print_curve (&timing, AM_MAP_LOAD_STAGE_READING,
               timing.stage_start[AM_MAP_LOAD_STAGE_LAYING_OUT] != 0
                 ? timing.stage_start[AM_MAP_LOAD_STAGE_LAYING_OUT] : end,
               "reading");
  print_curve (&timing, AM_MAP_LOAD_STAGE_LAYING_OUT, end, "laying out");

  return 0;
}

typedef struct
{
  GCancellable *cancellable;
  gint64        delay;
  gint64        cancelled_at;
} Canceller;

static gpointer
cancel_later (gpointer data)
{
  Canceller *canceller = data;

  g_usleep (canceller->delay);
  canceller->cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (canceller->cancellable);

  return NULL;
}

/* Runs @work with a cancellable that another thread cancels after
 * @delay; returns how long @work went on after that, or -1 if it
 * finished first. */
static gint64
cancel_during (gboolean (*work) (GCancellable *, gpointer),
               gpointer   data,
               gint64     delay)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Canceller canceller = { cancellable, delay, 0 };
  GThread *thread = g_thread_new ("canceller", cancel_later, &canceller);
  gboolean finished = work (cancellable, data);
  gint64 stopped = g_get_monotonic_time ();

  g_thread_join (thread);

  return finished ? -1 : stopped - canceller.cancelled_at;
}

static gboolean
lay_out (GCancellable *cancellable,
         gpointer      graph)
{
  return am_layout_run (graph, cancellable, NULL, NULL);
}

static gboolean
read_file (GCancellable *cancellable,
           gpointer      path)
{
  g_autoptr(AmGraph) graph = am_graphml_read_file (path, cancellable, NULL, NULL, NULL);

  return graph != NULL;
}

static int
time_cancels (const char  *path,
              char       **delays)
{
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(GError) error = NULL;
  gint64 worst = 0;

  graph = am_map_loader_read (path, NULL, &error);
  if (graph == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  am_render_measure_nodes (graph);

  for (guint i = 0; delays[i] != NULL; i++)
    {
      gboolean reading = g_str_has_prefix (delays[i], "read:");
      double delay = g_ascii_strtod (reading ? delays[i] + 5 : delays[i], NULL);
      gint64 latency = reading
        ? cancel_during (read_file, (gpointer) path, delay * G_USEC_PER_SEC)
        : cancel_during (lay_out, graph, delay * G_USEC_PER_SEC);

      if (latency < 0)
        printf ("%s cancelled after %6.2f s: finished first\n",
                reading ? "read  " : "layout", delay);
      else
        printf ("%s cancelled after %6.2f s: stopped %7.1f ms later\n",
                reading ? "read  " : "layout", delay, latency / 1000.0);
      worst = MAX (worst, latency);
    }
  printf ("longest      %7.1f ms\n", worst / 1000.0);

  return 0;
}

typedef struct
{
  gint64 start;
  guint  n_pictures;
} Pictures;

static void
on_picture (const double *x,
            const double *y,
            guint         n_nodes,
            gboolean      final,
            gpointer      user_data)
{
  Pictures *pictures = user_data;

  pictures->n_pictures++;
  if (final || pictures->n_pictures == 1)
    printf ("%-13s %8.3f s\n", final ? "final" : "first picture",
            seconds (g_get_monotonic_time () - pictures->start));
}

static int
time_pictures (const char *path)
{
  Pictures pictures = { g_get_monotonic_time (), 0 };
  g_autoptr(AmGraph) graph = NULL;
  g_autoptr(GError) error = NULL;

  graph = am_map_loader_read (path, NULL, &error);
  if (graph == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("read          %8.3f s\n", seconds (g_get_monotonic_time () - pictures.start));
  am_render_measure_nodes (graph);
  printf ("measured      %8.3f s\n", seconds (g_get_monotonic_time () - pictures.start));
  am_layout_run_with_pictures (graph, AM_LAYOUT_DEFAULT_ASPECT, NULL, NULL, on_picture, &pictures);
  printf ("pictures      %8u\n", pictures.n_pictures);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 2)
    return time_load (argv[1]);
  if (argc == 3 && g_str_equal (argv[2], "--pictures"))
    return time_pictures (argv[1]);
  if (argc >= 4 && g_str_equal (argv[2], "--cancel-after"))
    return time_cancels (argv[1], argv + 3);

  g_printerr ("usage: %s FILE.graphml [--pictures | --cancel-after SECONDS…]\n", argv[0]);
  return 2;
}

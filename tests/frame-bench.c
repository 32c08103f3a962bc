/* frame-bench.c: frame times of the map canvas while it pans and zooms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the canvas in a window on FILE (laid out first when it has no
 * positions), fits it, then moves it through the frame clock the way a
 * hand would: stages of panning and zooming, each in bursts of moving
 * frames with a stop after each burst. For every stage it prints
 *
 *   paint     the main thread's paint phase of each moving frame (frame
 *             clock "before-paint" to "after-paint": snapshot, GSK render
 *             and presenting)
 *   snapshot  the canvas' own snapshot within it
 *   interval  time from one moving frame to the next
 *   sharp     after a stop, the time until the canvas shows a frame drawn
 *             for where it now is rather than an earlier one moved
 *   render    how long the worker took to draw that sharp frame
 *
 * as p50, p95 and max in milliseconds. Build with the project, then run
 * it from the source root, for example:
 *
 *   xvfb-run -a -s "-screen 0 1280x800x24" env GDK_BACKEND=x11 \
 *     _build/tests/actor-map-frame-bench /tmp/peers/data/actors_medium_pos.graphml
 *
 * GTK picks its renderer as it does for the application (OpenGL where
 * there is any, in software under Xvfb); GSK_RENDERER=cairo measures the
 * fallback renderer instead.
 *
 * Options: --width and --height of the window (1280 × 800), --frames per
 * stage (120) and --burst, moving frames between stops (10); --fit runs
 * the first stage alone, whose render row is the sharp frame at fit.
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <adwaita.h>

#include "am-allocator.h"
#include "am-application.h"
#include "am-graph-view-private.h"
#include "am-map-loader.h"

/* A stop that never gets sharp is given up on after this long. */
#define SHARP_TIMEOUT_US (30 * G_USEC_PER_SEC)

/* A bin that times its child's snapshot */

#define BENCH_TYPE_BIN (bench_bin_get_type ())
G_DECLARE_FINAL_TYPE (BenchBin, bench_bin, BENCH, BIN, GtkWidget)

struct _BenchBin
{
  GtkWidget  parent_instance;
  GtkWidget *child;
  double     last_snapshot_ms;
};

G_DEFINE_FINAL_TYPE (BenchBin, bench_bin, GTK_TYPE_WIDGET)

static void
bench_bin_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  BenchBin *self = BENCH_BIN (widget);
  gint64 start = g_get_monotonic_time ();

  gtk_widget_snapshot_child (widget, self->child, snapshot);
  self->last_snapshot_ms = (g_get_monotonic_time () - start) / 1000.0;
}

static void
bench_bin_dispose (GObject *object)
{
  BenchBin *self = BENCH_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);
  G_OBJECT_CLASS (bench_bin_parent_class)->dispose (object);
}

static void
bench_bin_class_init (BenchBinClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bench_bin_dispose;
  GTK_WIDGET_CLASS (klass)->snapshot = bench_bin_snapshot;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
bench_bin_init (BenchBin *self)
{
}

static GtkWidget *
bench_bin_new (GtkWidget *child)
{
  BenchBin *self = g_object_new (BENCH_TYPE_BIN, NULL);

  self->child = child;
  gtk_widget_set_parent (child, GTK_WIDGET (self));
  return GTK_WIDGET (self);
}

/* The script */

typedef enum
{
  MOVE_PAN,
  MOVE_ZOOM,
} MoveKind;

typedef struct
{
  const char *name;
  double      zoom;    /* where it starts: 0 for fit, else a zoom level */
  MoveKind    kind;
} Stage;

static const Stage stages[] = {
  { "pan at fit", 0, MOVE_PAN },
  { "zoom in and out around a point", 0, MOVE_ZOOM },
  { "pan at zoom 1", 1, MOVE_PAN },
};

typedef struct
{
  GtkWidget   *window;
  BenchBin    *bin;
  AmGraphView *view;
  guint        n_frames;
  guint        burst;
  guint        n_stages;

  guint        stage;
  guint        step;          /* moving frames done in this stage */
  gboolean     waiting;       /* for a sharp frame after a stop */
  gboolean     moved;         /* this frame clock cycle moved the view */
  gint64       last_move;
  gint64       last_after_paint;
  gint64       paint_start;
  gboolean     done;

  GArray      *paint;         /* double, ms */
  GArray      *snapshot;
  GArray      *interval;
  GArray      *sharp;
  GArray      *render;
} Bench;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_row (const char *name,
           GArray     *values)
{
  double p50, p95, max;

  if (values->len == 0)
    {
      printf ("  %-10s %8s\n", name, "-");
      return;
    }

  g_array_sort (values, compare_doubles);
  p50 = g_array_index (values, double, (values->len - 1) / 2);
  p95 = g_array_index (values, double, (guint) ceil (0.95 * values->len) - 1);
  max = g_array_index (values, double, values->len - 1);
  printf ("  %-10s %8.2f %8.2f %8.2f   (%u)\n", name, p50, p95, max, values->len);
}

static void
print_stage (Bench *bench)
{
  printf ("\n%s (zoom %.4f at the end)\n", stages[bench->stage].name,
          am_graph_view_get_zoom (bench->view));
  printf ("  %-10s %8s %8s %8s   %s\n", "ms", "p50", "p95", "max", "(samples)");
  print_row ("paint", bench->paint);
  print_row ("snapshot", bench->snapshot);
  print_row ("interval", bench->interval);
  print_row ("sharp", bench->sharp);
  print_row ("render", bench->render);
  fflush (stdout);

  g_array_set_size (bench->paint, 0);
  g_array_set_size (bench->snapshot, 0);
  g_array_set_size (bench->interval, 0);
  g_array_set_size (bench->sharp, 0);
  g_array_set_size (bench->render, 0);
}

static void
start_stage (Bench *bench)
{
  const Stage *stage = &stages[bench->stage];

  am_graph_view_zoom_fit (bench->view);
  if (stage->zoom > 0)
    am_graph_view_set_zoom (bench->view, stage->zoom);
  bench->step = 0;
  /* Moving starts from a sharp frame. */
  bench->waiting = TRUE;
  bench->last_move = g_get_monotonic_time ();
}

static void
move (Bench *bench)
{
  const Stage *stage = &stages[bench->stage];
  guint burst = bench->step / bench->burst;
  guint n_bursts = (bench->n_frames + bench->burst - 1) / bench->burst;
  double width = gtk_widget_get_width (GTK_WIDGET (bench->view));
  double height = gtk_widget_get_height (GTK_WIDGET (bench->view));

  if (stage->kind == MOVE_PAN)
    {
      /* Back and forth, so that the map stays in view. */
      double sign = burst % 2 == 0 ? 1 : -1;

      am_graph_view_pan_by (bench->view, sign * 9, sign * 5);
    }
  else
    {
      /* In for the first half of the bursts, out for the rest. */
      double factor = burst < n_bursts / 2 ? 1.05 : 1 / 1.05;

      am_graph_view_zoom_around (bench->view, am_graph_view_get_zoom (bench->view) * factor,
                                 width * 0.4, height * 0.45);
    }

  bench->step++;
  bench->moved = TRUE;
  bench->last_move = g_get_monotonic_time ();
}

static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  Bench *bench = user_data;

  if (bench->done || bench->waiting)
    return G_SOURCE_CONTINUE;

  move (bench);
  if (bench->step % bench->burst == 0 || bench->step == bench->n_frames)
    bench->waiting = TRUE;

  return G_SOURCE_CONTINUE;
}

static void
on_before_paint_cb (GdkFrameClock *clock,
                    Bench         *bench)
{
  bench->paint_start = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();

  if (bench->done)
    return;

  if (bench->moved)
    {
      double paint = (now - bench->paint_start) / 1000.0;

      g_array_append_val (bench->paint, paint);
      g_array_append_val (bench->snapshot, bench->bin->last_snapshot_ms);
      /* The first frame of a burst follows a stop, not a frame. */
      if (bench->step % bench->burst != 1 && bench->last_after_paint > 0)
        {
          double interval = (now - bench->last_after_paint) / 1000.0;

          g_array_append_val (bench->interval, interval);
        }
      bench->moved = FALSE;
      bench->last_after_paint = now;
      return;
    }

  if (!bench->waiting)
    return;

  if (!am_graph_view_is_sharp (bench->view) && now - bench->last_move < SHARP_TIMEOUT_US)
    {
      /* The frame clock idles when nothing changes; the view's frame
       * arriving queues a draw, but keep looking in case it does not. */
      gtk_widget_queue_draw (GTK_WIDGET (bench->view));
      return;
    }

  /* The stop that opens a stage only settles the view. */
  if (bench->step > 0)
    {
      double sharp = (now - bench->last_move) / 1000.0;
      double render = am_graph_view_get_frame_render_time (bench->view);

      if (!am_graph_view_is_sharp (bench->view))
        g_printerr ("no sharp frame after %.0f s\n", sharp / 1000);
      g_array_append_val (bench->sharp, sharp);
      if (render >= 0)
        g_array_append_val (bench->render, render);
    }

  bench->waiting = FALSE;
  if (bench->step < bench->n_frames)
    {
      gtk_widget_queue_draw (GTK_WIDGET (bench->view));
      return;
    }

  print_stage (bench);
  if (++bench->stage < bench->n_stages)
    {
      start_stage (bench);
      gtk_widget_queue_draw (GTK_WIDGET (bench->view));
    }
  else
    {
      bench->done = TRUE;
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AmMapDocument) document = NULL;
  int width = 1280, height = 800, n_frames = 120, burst = 10;
  gboolean fit_only = FALSE;
  const GOptionEntry entries[] = {
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width (1280)", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height (800)", "H" },
    { "frames", 0, 0, G_OPTION_ARG_INT, &n_frames, "Moving frames per stage (120)", "N" },
    { "burst", 0, 0, G_OPTION_ARG_INT, &burst, "Moving frames between stops (10)", "N" },
    { "fit", 0, 0, G_OPTION_ARG_NONE, &fit_only, "Only the stage at fit", NULL },
    { NULL }
  };
  Bench bench = { 0 };
  GdkFrameClock *clock;
  AmGraph *graph;
  gint64 start;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("FILE.graphml");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 ||
      width < 100 || height < 100 || n_frames < 1 || burst < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message
                                        : "usage: actor-map-frame-bench [OPTION…] FILE.graphml");
      return 2;
    }

  /* As the application does. */
  am_allocator_tune_for_window ();
  gtk_init ();
  adw_init ();

  start = g_get_monotonic_time ();
  graph = am_map_loader_load (argv[1], NULL, &error);
  if (graph == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("%s: %u nodes, %u edges, loaded in %.1f s\n", argv[1], am_graph_get_n_nodes (graph),
          am_graph_get_n_edges (graph), (g_get_monotonic_time () - start) / 1e6);
  document = am_map_document_new (graph, NULL);

  bench.n_frames = (guint) n_frames;
  bench.burst = (guint) burst;
  bench.n_stages = fit_only ? 1 : G_N_ELEMENTS (stages);
  bench.paint = g_array_new (FALSE, FALSE, sizeof (double));
  bench.snapshot = g_array_new (FALSE, FALSE, sizeof (double));
  bench.interval = g_array_new (FALSE, FALSE, sizeof (double));
  bench.sharp = g_array_new (FALSE, FALSE, sizeof (double));
  bench.render = g_array_new (FALSE, FALSE, sizeof (double));

  bench.view = AM_GRAPH_VIEW (am_graph_view_new ());
  am_graph_view_set_document (bench.view, document);
  bench.bin = BENCH_BIN (bench_bin_new (GTK_WIDGET (bench.view)));
  bench.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (bench.window), width, height);
  gtk_window_set_decorated (GTK_WINDOW (bench.window), FALSE);
  gtk_window_set_child (GTK_WINDOW (bench.window), GTK_WIDGET (bench.bin));
  gtk_window_present (GTK_WINDOW (bench.window));

  while (!gtk_widget_get_mapped (GTK_WIDGET (bench.view)) ||
         gtk_widget_get_width (GTK_WIDGET (bench.view)) <= 0)
    g_main_context_iteration (NULL, TRUE);
  /* Frame times depend most on which renderer GTK picked. */
  printf ("view %d × %d, drawn by %s\n", gtk_widget_get_width (GTK_WIDGET (bench.view)),
          gtk_widget_get_height (GTK_WIDGET (bench.view)),
          G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (bench.window))));

  clock = gtk_widget_get_frame_clock (bench.window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), &bench);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &bench);
  gtk_widget_add_tick_callback (GTK_WIDGET (bench.view), on_tick_cb, &bench, NULL);

  start_stage (&bench);
  gtk_widget_queue_draw (GTK_WIDGET (bench.view));
  while (!bench.done)
    g_main_context_iteration (NULL, TRUE);

  g_signal_handlers_disconnect_by_data (clock, &bench);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_array_unref (bench.paint);
  g_array_unref (bench.snapshot);
  g_array_unref (bench.interval);
  g_array_unref (bench.sharp);
  g_array_unref (bench.render);

  return 0;
}

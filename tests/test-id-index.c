/* test-id-index.c: ids found by the index, counted or not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

#include "am-id-index.h"

/* Ids the index does not own: kept here for the test's length. */
static GStringChunk *strings;

static const char *
keep (const char *id)
{
  return g_string_chunk_insert (strings, id);
}

static const char *keepf (const char *format, ...) G_GNUC_PRINTF (1, 2);

static const char *
keepf (const char *format,
       ...)
{
  g_autofree char *id = NULL;
  va_list args;

  va_start (args, format);
  id = g_strdup_vprintf (format, args);
  va_end (args);

  return keep (id);
}

static guint32
lookup (const AmIdIndex *index,
        const char      *id)
{
  return am_id_index_lookup (index, id, strlen (id));
}

static void
test_counted (void)
{
  g_autoptr(AmIdIndex) index = am_id_index_new ();
  const char *absent[] = { "n1000", "n-1", "n01", "n00", "n", "", "m5", "n5x", "5", "N5",
                           "n 5", "n4294967296", "n99999999999" };

  for (guint i = 0; i < 1000; i++)
    g_assert_true (am_id_index_insert (index, keepf ("n%u", i), i, FALSE));

  for (guint i = 0; i < 1000; i++)
    g_assert_cmpuint (lookup (index, keepf ("n%u", i)), ==, i);
  for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
    g_assert_cmpuint (lookup (index, absent[i]), ==, AM_ID_INDEX_NOT_FOUND);

  /* The length given is what counts, not the terminator. */
  g_assert_cmpuint (am_id_index_lookup (index, "n123", 3), ==, 12);
}

static void
test_counted_offset (void)
{
  g_autoptr(AmIdIndex) numbers = am_id_index_new ();
  g_autoptr(AmIdIndex) late = am_id_index_new ();

  /* Bare numbers, from 1. */
  for (guint i = 0; i < 100; i++)
    g_assert_true (am_id_index_insert (numbers, keepf ("%u", i + 1), i, FALSE));
  g_assert_cmpuint (lookup (numbers, "1"), ==, 0);
  g_assert_cmpuint (lookup (numbers, "100"), ==, 99);
  g_assert_cmpuint (lookup (numbers, "0"), ==, AM_ID_INDEX_NOT_FOUND);
  g_assert_cmpuint (lookup (numbers, "101"), ==, AM_ID_INDEX_NOT_FOUND);

  /* The second half of a file: its first node is n50000. Some values are
   * missing, as for nodes without an id. */
  for (guint i = 0; i < 100; i += 2)
    g_assert_true (am_id_index_insert (late, keepf ("node-%u", 50000 + i), i, FALSE));
  g_assert_cmpuint (lookup (late, "node-50000"), ==, 0);
  g_assert_cmpuint (lookup (late, "node-50098"), ==, 98);
  g_assert_cmpuint (lookup (late, "node-50001"), ==, AM_ID_INDEX_NOT_FOUND);
  g_assert_cmpuint (lookup (late, "node-49999"), ==, AM_ID_INDEX_NOT_FOUND);
  g_assert_cmpuint (lookup (late, "node-0"), ==, AM_ID_INDEX_NOT_FOUND);
}

static void
test_counted_twice (void)
{
  g_autoptr(AmIdIndex) index = am_id_index_new ();

  for (guint i = 0; i < 10; i++)
    am_id_index_insert (index, keepf ("n%u", i), i, FALSE);

  /* The same id again, with the value it has: not new, either way. */
  g_assert_false (am_id_index_insert (index, keep ("n3"), 3, FALSE));
  g_assert_false (am_id_index_insert (index, keep ("n3"), 3, TRUE));
  g_assert_cmpuint (lookup (index, "n3"), ==, 3);

  /* With another value: kept unless replaced. */
  g_assert_false (am_id_index_insert (index, keep ("n4"), 40, FALSE));
  g_assert_cmpuint (lookup (index, "n4"), ==, 4);
  g_assert_false (am_id_index_insert (index, keep ("n5"), 50, TRUE));
  g_assert_cmpuint (lookup (index, "n5"), ==, 50);

  for (guint i = 0; i < 10; i++)
    if (i != 5)
      g_assert_cmpuint (lookup (index, keepf ("n%u", i)), ==, i);
}

/* The first id off the rule: every id before it is still found. */
static void
test_leave_counted (void)
{
  const char *breakers[] = { "alpha", "n07", "n2000", "m3", "n" };

  for (guint b = 0; b < G_N_ELEMENTS (breakers); b++)
    {
      g_autoptr(AmIdIndex) index = am_id_index_new ();

      for (guint i = 0; i < 1000; i++)
        if (i % 7 != 3)
          g_assert_true (am_id_index_insert (index, keepf ("n%u", i), i, FALSE));

      g_assert_true (am_id_index_insert (index, keep (breakers[b]), 1000, FALSE));
      g_assert_cmpuint (lookup (index, breakers[b]), ==, 1000);

      for (guint i = 0; i < 1000; i++)
        g_assert_cmpuint (lookup (index, keepf ("n%u", i)), ==,
                          i % 7 != 3 ? i : AM_ID_INDEX_NOT_FOUND);

      /* And it goes on taking ids. */
      g_assert_true (am_id_index_insert (index, keep ("n3"), 1001, FALSE));
      g_assert_cmpuint (lookup (index, "n3"), ==, 1001);
    }
}

static void
test_clear (void)
{
  g_autoptr(AmIdIndex) index = am_id_index_new ();

  am_id_index_insert (index, keep ("first"), 0, FALSE);
  am_id_index_insert (index, keep ("n1"), 1, FALSE);
  am_id_index_clear (index);
  g_assert_cmpuint (lookup (index, "first"), ==, AM_ID_INDEX_NOT_FOUND);
  g_assert_cmpuint (lookup (index, "n1"), ==, AM_ID_INDEX_NOT_FOUND);

  for (guint i = 0; i < 10; i++)
    g_assert_true (am_id_index_insert (index, keepf ("e%u", i), i, FALSE));
  g_assert_cmpuint (lookup (index, "e9"), ==, 9);
  g_assert_cmpuint (lookup (index, "first"), ==, AM_ID_INDEX_NOT_FOUND);
}

/* "alphabet" and "alphabet3cuabwk" share their hash and first 8 bytes:
 * only the end of the shorter one tells them apart. */
static void
test_hash_twins (void)
{
  g_autoptr(AmIdIndex) index = am_id_index_new ();

  g_assert_true (am_id_index_insert (index, keep ("alphabet3cuabwk"), 0, FALSE));
  g_assert_cmpuint (lookup (index, "alphabet"), ==, AM_ID_INDEX_NOT_FOUND);

  g_assert_true (am_id_index_insert (index, keep ("alphabet"), 1, FALSE));
  g_assert_cmpuint (lookup (index, "alphabet"), ==, 1);
  g_assert_cmpuint (lookup (index, "alphabet3cuabwk"), ==, 0);
  g_assert_cmpuint (lookup (index, "alphabet3cuab"), ==, AM_ID_INDEX_NOT_FOUND);
}

/* Random ids, many of them counted-looking, against a hash table. */
static void
test_random (void)
{
  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (round);
      g_autoptr(AmIdIndex) index = am_id_index_new ();
      g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);
      guint n = g_rand_int_range (rand, 1, 3000);
      /* Rounds differ in how long they keep to the rule. */
      guint rule_until = g_rand_int_range (rand, 0, n + 1);

      for (guint i = 0; i < n; i++)
        {
          const char *id;
          gboolean replace = g_rand_int_range (rand, 0, 4) == 0;
          gboolean was_there;

          if (i < rule_until)
            id = keepf ("v%u", i);
          else if (g_rand_boolean (rand))
            id = keepf ("v%u", g_rand_int_range (rand, 0, n));
          else
            id = keepf ("w%x", g_rand_int (rand) % 5000);

          was_there = g_hash_table_contains (expected, id);
          g_assert_cmpint (am_id_index_insert (index, id, i, replace), ==, !was_there);
          if (!was_there || replace)
            g_hash_table_insert (expected, (gpointer) id, GUINT_TO_POINTER (i));
        }

      for (guint i = 0; i < 2 * n; i++)
        {
          const char *id = i % 2 ? keepf ("v%u", i / 2) : keepf ("w%x", i / 2);
          gpointer value;

          if (g_hash_table_lookup_extended (expected, id, NULL, &value))
            g_assert_cmpuint (lookup (index, id), ==, GPOINTER_TO_UINT (value));
          else
            g_assert_cmpuint (lookup (index, id), ==, AM_ID_INDEX_NOT_FOUND);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  strings = g_string_chunk_new (4096);

  g_test_add_func ("/id-index/counted", test_counted);
  g_test_add_func ("/id-index/counted-offset", test_counted_offset);
  g_test_add_func ("/id-index/counted-twice", test_counted_twice);
  g_test_add_func ("/id-index/leave-counted", test_leave_counted);
  g_test_add_func ("/id-index/clear", test_clear);
  g_test_add_func ("/id-index/hash-twins", test_hash_twins);
  g_test_add_func ("/id-index/random", test_random);

  status = g_test_run ();
  g_string_chunk_free (strings);
  return status;
}

/* am-id-index.c: finds an element by its id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reader looks up two ids per edge, a million edges in a big map. Open
 * addressing with the hash kept beside each key compares a string only
 * when the hashes agree, and keeps a probe in one cache line where
 * GHashTable touches three arrays. Ids of up to 8 bytes, the usual kind,
 * are compared within the slot without reading the string itself.
 *
 * Most tools number their elements: "n0", "n1", … or "0", "1", …, in
 * the order they write them. While every id is one prefix and a number
 * that keeps the same distance to the index, the index needs no table:
 * a lookup reads the number and checks one bit, where a table lookup
 * would miss the cache. The first id that breaks the rule moves all of
 * them into the table.
 */

#include "config.h"

#include <string.h>

#include "am-id-index.h"
#include "am-memory.h"

typedef struct
{
  guint64     prefix; /* the id's first 8 bytes, zero-padded */
  const char *id;     /* NULL for a free slot */
  guint32     hash;
  guint32     value;
} Slot;

/* Counted ids: prefix, then a number without leading zeros. */
#define MAX_PREFIX_LENGTH 15
#define MAX_DIGITS        9

struct _AmIdIndex
{
  Slot        *slots;
  guint        mask;        /* number of slots - 1 */
  guint        size;

  /* While TRUE, the slots are empty and every id is prefix + (value + offset). */
  gboolean     counted;
  gboolean     have_prefix; /* set by the first id */
  char         prefix[MAX_PREFIX_LENGTH + 1];
  gsize        prefix_length;
  gint64       offset;
  guint64     *present;     /* a bit per value */
  const char **ids;         /* by value, for moving them into the table */
  guint        n_values;    /* room in both */
};

#define FIRST_SIZE 64

/* FNV-1a over the bytes, then a final mix: the multiplications move
 * bits only upwards, and the table is indexed by the low bits. */
static inline guint32
hash_id (const char *id,
         gsize       length)
{
  guint32 hash = 2166136261u;

  for (gsize i = 0; i < length; i++)
    hash = (hash ^ (guchar) id[i]) * 16777619u;

  hash ^= hash >> 16;
  hash *= 0x85ebca6bu;
  hash ^= hash >> 13;
  hash *= 0xc2b2ae35u;
  hash ^= hash >> 16;

  return hash;
}

AmIdIndex *
am_id_index_new (void)
{
  AmIdIndex *index = g_new0 (AmIdIndex, 1);

  index->slots = am_memory_grow (NULL, 0, FIRST_SIZE * sizeof (Slot));
  index->mask = FIRST_SIZE - 1;
  index->counted = TRUE;
  return index;
}

static void
free_counted (AmIdIndex *index)
{
  g_clear_pointer (&index->present, g_free);
  g_clear_pointer (&index->ids, g_free);
  index->n_values = 0;
}

void
am_id_index_free (AmIdIndex *index)
{
  if (index == NULL)
    return;

  am_memory_free (index->slots, (index->mask + 1) * sizeof (Slot));
  free_counted (index);
  g_free (index);
}

void
am_id_index_clear (AmIdIndex *index)
{
  g_return_if_fail (index != NULL);

  memset (index->slots, 0, (index->mask + 1) * sizeof (Slot));
  index->size = 0;
  free_counted (index);
  index->counted = TRUE;
  index->have_prefix = FALSE;
}

/* Splits @id into a prefix and the number that ends it; FALSE when it
 * does not end in one, written the one way a number is written. */
static gboolean
split_counted (const char *id,
               gsize       length,
               gsize      *prefix_length,
               gint64     *number)
{
  gsize start = length;
  gint64 value = 0;

  while (start > 0 && g_ascii_isdigit (id[start - 1]))
    start--;

  if (start == length || length - start > MAX_DIGITS ||
      (id[start] == '0' && length - start > 1))
    return FALSE;

  for (gsize i = start; i < length; i++)
    value = value * 10 + (id[i] - '0');

  *prefix_length = start;
  *number = value;
  return TRUE;
}

/* The value @id stands for under the counted rule, or -1 when it is not
 * written as the rule writes ids. */
static gint64
counted_value (const AmIdIndex *index,
               const char      *id,
               gsize            length)
{
  gsize prefix_length;
  gint64 number;

  if (!split_counted (id, length, &prefix_length, &number) ||
      prefix_length != index->prefix_length ||
      memcmp (id, index->prefix, prefix_length) != 0)
    return -1;

  number -= index->offset;
  return number >= 0 && number < G_MAXUINT32 ? number : -1;
}

static gboolean
counted_has (const AmIdIndex *index,
             gint64           value)
{
  return value >= 0 && value < index->n_values &&
         (index->present[value / 64] >> (value % 64) & 1) != 0;
}

static inline guint64
prefix_of (const char *id,
           gsize       length)
{
  guint64 prefix = 0;

  memcpy (&prefix, id, MIN (length, sizeof prefix));
  return prefix;
}

static Slot *
find_slot (const AmIdIndex *index,
           const char      *id,
           gsize            length,
           guint32          hash)
{
  guint64 prefix = prefix_of (id, length);
  guint i = hash & index->mask;

  for (;;)
    {
      Slot *slot = &index->slots[i];

      if (slot->id == NULL)
        return slot;
      if (slot->hash == hash && slot->prefix == prefix)
        {
          /* A shorter id is all in the prefix, zero-padded: equal
           * prefixes make equal ids. */
          if (length < sizeof prefix ||
              (strncmp (slot->id, id, length) == 0 && slot->id[length] == '\0'))
            return slot;
        }
      i = (i + 1) & index->mask;
    }
}

static void
grow (AmIdIndex *index)
{
  Slot *old = index->slots;
  guint n_old = index->mask + 1;

  /* Big tables are looked up at random: on huge pages, a lookup costs a
   * cache miss but no page-table walk. */
  index->mask = n_old * 2 - 1;
  index->slots = am_memory_grow (NULL, 0, n_old * 2 * sizeof (Slot));

  for (guint i = 0; i < n_old; i++)
    if (old[i].id != NULL)
      {
        guint j = old[i].hash & index->mask;

        while (index->slots[j].id != NULL)
          j = (j + 1) & index->mask;
        index->slots[j] = old[i];
      }

  am_memory_free (old, n_old * sizeof (Slot));
}

guint32
am_id_index_lookup (const AmIdIndex *index,
                    const char      *id,
                    gsize            length)
{
  const Slot *slot;

  g_return_val_if_fail (index != NULL && id != NULL, AM_ID_INDEX_NOT_FOUND);

  if (index->counted)
    {
      gint64 value = index->have_prefix ? counted_value (index, id, length) : -1;

      return counted_has (index, value) ? (guint32) value : AM_ID_INDEX_NOT_FOUND;
    }

  slot = find_slot (index, id, length, hash_id (id, length));
  return slot->id != NULL ? slot->value : AM_ID_INDEX_NOT_FOUND;
}

static gboolean
table_insert (AmIdIndex  *index,
              const char *id,
              guint32     value,
              gboolean    replace)
{
  gsize length;
  guint32 hash;
  Slot *slot;

  /* At most half full, so that probes stay short. */
  if ((index->size + 1) * 2 > index->mask + 1)
    grow (index);

  length = strlen (id);
  hash = hash_id (id, length);
  slot = find_slot (index, id, length, hash);
  if (slot->id != NULL)
    {
      if (replace)
        {
          slot->id = id;
          slot->value = value;
        }
      return FALSE;
    }

  slot->id = id;
  slot->prefix = prefix_of (id, length);
  slot->hash = hash;
  slot->value = value;
  index->size++;
  return TRUE;
}

/* Moves the counted ids into the table, for good. */
static void
leave_counted (AmIdIndex *index)
{
  guint size = index->size;

  index->counted = FALSE;
  index->size = 0;
  for (guint value = 0; value < index->n_values && index->size < size; value++)
    if (counted_has (index, value))
      table_insert (index, index->ids[value], value, FALSE);

  free_counted (index);
}

/* Whether @id went in under the counted rule; sets *@added when it was
 * not there before. */
static gboolean
counted_insert (AmIdIndex  *index,
                const char *id,
                guint32     value,
                gboolean    replace,
                gboolean   *added)
{
  gsize length = strlen (id);

  if (!index->have_prefix)
    {
      gsize prefix_length;
      gint64 number;

      if (!split_counted (id, length, &prefix_length, &number) ||
          prefix_length > MAX_PREFIX_LENGTH)
        return FALSE;

      memcpy (index->prefix, id, prefix_length);
      index->prefix[prefix_length] = '\0';
      index->prefix_length = prefix_length;
      index->offset = number - (gint64) value;
      index->have_prefix = TRUE;
    }

  if (counted_value (index, id, length) != value)
    return FALSE;

  if (value >= index->n_values)
    {
      guint n_values = MAX (MAX (64, index->n_values * 2), (value / 64 + 1) * 64);

      index->present = g_renew (guint64, index->present, n_values / 64);
      memset (index->present + index->n_values / 64, 0,
              (n_values - index->n_values) / 64 * sizeof (guint64));
      index->ids = g_renew (const char *, index->ids, n_values);
      index->n_values = n_values;
    }

  *added = !counted_has (index, value);
  if (*added)
    {
      index->present[value / 64] |= G_GUINT64_CONSTANT (1) << (value % 64);
      index->size++;
    }
  if (*added || replace)
    index->ids[value] = id;

  return TRUE;
}

/* Returns TRUE when @id was not there before. */
gboolean
am_id_index_insert (AmIdIndex  *index,
                    const char *id,
                    guint32     value,
                    gboolean    replace)
{
  gboolean added;

  g_return_val_if_fail (index != NULL && id != NULL, FALSE);

  if (index->counted)
    {
      if (counted_insert (index, id, value, replace, &added))
        return added;
      leave_counted (index);
    }

  return table_insert (index, id, value, replace);
}

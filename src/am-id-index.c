/* am-id-index.c: finds an element by its id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reader looks up two ids per edge, a million edges in a big map. Open
 * addressing with the hash kept beside each key compares a string only
 * when the hashes agree, and keeps a probe in one cache line where
 * GHashTable touches three arrays. Ids of up to 8 bytes, the usual kind,
 * are compared within the slot without reading the string itself.
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

struct _AmIdIndex
{
  Slot  *slots;
  guint  mask;        /* number of slots - 1 */
  guint  size;
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
  return index;
}

void
am_id_index_free (AmIdIndex *index)
{
  if (index == NULL)
    return;

  am_memory_free (index->slots, (index->mask + 1) * sizeof (Slot));
  g_free (index);
}

void
am_id_index_clear (AmIdIndex *index)
{
  g_return_if_fail (index != NULL);

  memset (index->slots, 0, (index->mask + 1) * sizeof (Slot));
  index->size = 0;
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

  slot = find_slot (index, id, length, hash_id (id, length));
  return slot->id != NULL ? slot->value : AM_ID_INDEX_NOT_FOUND;
}

/* Returns TRUE when @id was not there before. */
gboolean
am_id_index_insert (AmIdIndex  *index,
                    const char *id,
                    guint32     value,
                    gboolean    replace)
{
  gsize length;
  guint32 hash;
  Slot *slot;

  g_return_val_if_fail (index != NULL && id != NULL, FALSE);

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

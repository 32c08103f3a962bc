/* am-vocabulary.h: the profile's kinds and stances, as files spell them
 * and as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "am-graph.h"

G_BEGIN_DECLS

/* The names a GraphML file uses ("person", "talks", "supports"). */
const char *am_node_kind_to_string   (AmNodeKind  kind);
const char *am_edge_kind_to_string   (AmEdgeKind  kind);
const char *am_stance_to_string      (AmStance    stance);

/* What a file's value means; OTHER (or NONE) for anything else. Case and
 * surrounding space do not matter. */
AmNodeKind  am_node_kind_from_string (const char *value);
AmEdgeKind  am_edge_kind_from_string (const char *value);
AmStance    am_stance_from_string    (const char *value);

/* Translated, for people: "Person", "Talks", "Supports". OTHER has a title
 * of its own ("Other", "Other link"); NONE has none (NULL). */
const char *am_node_kind_get_title   (AmNodeKind  kind);
const char *am_edge_kind_get_title   (AmEdgeKind  kind);
const char *am_stance_get_title      (AmStance    stance);

/* How sure the source is: "reported", "suspected", "inferred"; STATED
 * (no value) has no title. */
const char *am_certainty_to_string   (AmCertainty certainty);
AmCertainty am_certainty_from_string (const char *value);
const char *am_certainty_get_title   (AmCertainty certainty);
/* The same, where there is room to say whose reading it is: "Inferred
 * by the map’s author". */
const char *am_certainty_get_description (AmCertainty certainty);

/* A menu item that shows or hides a kind of link, with its mnemonic:
 * "_Talks", "_Other Links". */
const char *am_edge_kind_get_menu_label (AmEdgeKind kind);

G_END_DECLS

/* am-graph.h: the in-memory graph, sized for a million edges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "am-id-index.h"
#include "am-memory.h"

G_BEGIN_DECLS

/* Index value meaning "none" for node, edge, graph and key indices. */
#define AM_NO_INDEX G_MAXUINT32

/* The most elements of one kind (nodes, edges, keys, graphs, hyperedges,
 * endpoints, ports) a graph holds: every index stays below AM_NO_INDEX
 * and fits in an int. */
#define AM_GRAPH_MAX_ELEMENTS ((guint32) G_MAXINT32)

typedef enum
{
  AM_DOMAIN_GRAPHML,
  AM_DOMAIN_GRAPH,
  AM_DOMAIN_NODE,
  AM_DOMAIN_EDGE,
  AM_DOMAIN_HYPEREDGE,
  AM_DOMAIN_PORT,
  AM_DOMAIN_ENDPOINT,
  AM_DOMAIN_ALL,
} AmDomain;

typedef enum
{
  AM_ATTR_STRING,
  AM_ATTR_BOOLEAN,
  AM_ATTR_INT,
  AM_ATTR_LONG,
  AM_ATTR_FLOAT,
  AM_ATTR_DOUBLE,
} AmAttrType;

/* The profile's node kinds; anything else is OTHER. */
typedef enum
{
  AM_NODE_KIND_OTHER,
  AM_NODE_KIND_PERSON,
  AM_NODE_KIND_GOVERNMENT,
  AM_NODE_KIND_ORGANISATION,
  AM_NODE_KIND_ISSUE,
  AM_NODE_KIND_EVENT,
  AM_NODE_KIND_PLACE,
  AM_N_NODE_KINDS
} AmNodeKind;

/* The profile's edge kinds; anything else is OTHER. */
typedef enum
{
  AM_EDGE_KIND_OTHER,
  AM_EDGE_KIND_STATEMENT,
  AM_EDGE_KIND_TALKS,
  AM_EDGE_KIND_MEETING,
  AM_EDGE_KIND_VISIT,
  AM_EDGE_KIND_ATTACK,
  AM_EDGE_KIND_WARNING,
  AM_EDGE_KIND_PROPOSAL,
  AM_EDGE_KIND_SUPPORT,
  AM_EDGE_KIND_CRITICISM,
  AM_EDGE_KIND_MEMBERSHIP,  /* belongs to a bloc or an alliance */
  AM_EDGE_KIND_INCURSION,   /* into another's airspace or ground, short of an attack */
  AM_EDGE_KIND_REACTION,    /* alarm, surprise: how an actor took an event */
  AM_EDGE_KIND_PRESSURE,
  AM_EDGE_KIND_ADVANCE,     /* gaining ground against */
  AM_EDGE_KIND_LOCATION,    /* an event took place in a place */
  AM_N_EDGE_KINDS
} AmEdgeKind;

/* How sure the source is of an edge; STATED when it says nothing. */
typedef enum
{
  AM_CERTAINTY_STATED,
  AM_CERTAINTY_REPORTED,    /* the source reports it, citing others */
  AM_CERTAINTY_SUSPECTED,   /* the source calls it suspected */
  AM_CERTAINTY_INFERRED,    /* the map's author's reading of the source */
  AM_N_CERTAINTIES
} AmCertainty;

typedef enum
{
  AM_STANCE_NONE,
  AM_STANCE_SUPPORTS,
  AM_STANCE_OPPOSES,
  AM_STANCE_CONDITIONAL,
  AM_STANCE_NEUTRAL,
  AM_N_STANCES
} AmStance;

typedef enum
{
  AM_NODE_IMPLICIT     = 1 << 0, /* named by an edge, never declared */
  AM_NODE_HAS_POSITION = 1 << 1, /* x and y came from the file */
  AM_NODE_HAS_SIZE     = 1 << 2, /* width and height came from the file */
  AM_NODE_HAS_FILL     = 1 << 3, /* fill came from the file */
  AM_NODE_IS_GROUP     = 1 << 4, /* holds a nested graph */
  AM_NODE_MEASURED     = 1 << 5, /* width covers the label, as drawn */
  AM_NODE_YED_GEOMETRY = 1 << 6, /* the position came from yEd's y:Geometry */
  AM_NODE_GROUP_FITTED = 1 << 7, /* a group whose box is fitted around its members */
} AmNodeFlags;

typedef enum
{
  AM_EDGE_DIRECTED = 1 << 0,
  AM_EDGE_DANGLING = 1 << 1, /* an endpoint named a node that was never declared */
  /* Two bits: the edge's AmCertainty (am_edge_get_certainty). */
  AM_EDGE_CERTAINTY_SHIFT = 2,
  AM_EDGE_CERTAINTY_MASK = 3 << 2,
} AmEdgeFlags;

typedef struct
{
  const char *id;            /* interned; NULL when the file gave none */
  const char *name;          /* attr.name, or the id when there is none */
  const char *desc;
  const char *default_value; /* NULL when there is no <default> */
  AmDomain    domain;
  AmAttrType  type;
  /* One value per element of the domain, NULL where the element has no
   * <data> for this key. Allocated on the first value. */
  const char **values;
  guint        n_values;
} AmKey;

typedef struct
{
  const char *id;       /* NULL when the file gave none */
  guint32     graph;    /* the <graph> that declares it */
  guint32     flags;    /* AmNodeFlags */
  guint8      kind;     /* AmNodeKind */
  double      x, y;     /* layout position, in points */
  float       width, height;
  guint32     fill;     /* 0xRRGGBBAA, valid with AM_NODE_HAS_FILL */
  const char *label;    /* what to show; never NULL after loading */
  const char *affiliation; /* colour group; NULL when none */
} AmNode;

typedef struct
{
  guint32     source;
  guint32     target;
  guint32     graph;
  guint16     flags;    /* AmEdgeFlags */
  guint8      kind;     /* AmEdgeKind */
  guint8      stance;   /* AmStance */
  const char *id;       /* may be NULL */
} AmEdge;

typedef struct
{
  const char *id;
  guint32     parent_node;  /* the node holding this graph, or AM_NO_INDEX */
  guint32     parent_graph; /* AM_NO_INDEX for a top-level graph */
  gboolean    directed;     /* edgedefault */
} AmSubgraph;

typedef struct
{
  guint32     node;
  const char *port;         /* may be NULL */
} AmEndpoint;

typedef struct
{
  const char *id;
  guint32     graph;
  guint32     first_endpoint;
  guint32     n_endpoints;
} AmHyperedge;

typedef struct
{
  guint32     node;
  const char *name;
  guint32     parent_port;  /* AM_NO_INDEX for a port of the node itself */
} AmPort;

typedef struct
{
  int   line;
  int   column;
  char *message;
} AmDiagnostic;

/* Key indices of the actor-map profile, matched by attr.name; -1 when absent. */
typedef struct
{
  int graph_title;
  int graph_source;
  int node_label;
  int node_name;
  int node_kind;
  int node_role;
  int node_affiliation;
  int node_description;
  int node_x;
  int node_y;
  int node_size;
  int node_r;
  int node_g;
  int node_b;
  int edge_kind;
  int edge_label;
  int edge_quote;
  int edge_summary;
  int edge_stance;
  int edge_when;
  int edge_paragraph;
  int edge_certainty;
} AmProfileKeys;

typedef struct _AmGraph AmGraph;
typedef struct _AmGraphCache AmGraphCache;
typedef struct _AmAffiliations AmAffiliations;

struct _AmGraph
{
  GStringChunk *strings;     /* interned: names, kinds, ports */
  AmStringArena *values;     /* copied: ids and values, most of the bytes */
  GPtrArray    *more_strings; /* GStringChunks of absorbed graphs, or NULL */
  AmIdIndex    *node_ids;    /* id → node index */

  GArray       *keys;        /* AmKey */
  GArray       *nodes;       /* AmNode */
  GArray       *edges;       /* AmEdge */
  GArray       *subgraphs;   /* AmSubgraph */
  GArray       *hyperedges;  /* AmHyperedge */
  GArray       *endpoints;   /* AmEndpoint */
  GArray       *ports;       /* AmPort */

  /* Rare per-edge extras, by edge index; NULL until the first one. */
  GHashTable   *edge_source_ports;
  GHashTable   *edge_target_ports;
  GHashTable   *edge_labels;      /* yEd's edge labels */

  GArray       *warnings;    /* AmDiagnostic, the first AM_GRAPH_MAX_WARNINGS */
  guint         n_warnings;  /* all of them, also those not kept */

  guint         n_node_elements;  /* <node> elements, implicit nodes excluded */
  guint         n_directed_edges;
  AmProfileKeys profile;

  /* What is worked out from the complete graph on first use; shared by
   * shallow copies of this struct, freed with the graph. */
  AmGraphCache *cache;
};

#define AM_GRAPH_MAX_WARNINGS 200

AmGraph      *am_graph_new                  (void);
void          am_graph_free                 (AmGraph     *graph);

void          am_graph_absorb               (AmGraph     *graph,
                                             AmGraph     *other,
                                             guint32      subgraph);

guint         am_graph_get_n_nodes          (const AmGraph *graph);
guint         am_graph_get_n_edges          (const AmGraph *graph);
/* Every node, those with the most edges (loops aside) first, then by
 * index; free with g_free(). */
guint32      *am_graph_sort_by_degree       (const AmGraph *graph);
AmNode       *am_graph_get_node             (const AmGraph *graph,
                                             guint          index);
AmEdge       *am_graph_get_edge             (const AmGraph *graph,
                                             guint          index);
const AmKey  *am_graph_get_key              (const AmGraph *graph,
                                             guint          index);
guint         am_graph_get_n_keys           (const AmGraph *graph);
/* <node> elements of the file: the nodes without those only named by
 * an edge or an endpoint. */
guint         am_graph_get_n_node_elements  (const AmGraph *graph);
guint         am_graph_get_n_hyperedges     (const AmGraph *graph);
/* Graphs, the top-level one included. */
guint         am_graph_get_n_subgraphs      (const AmGraph *graph);
/* Every warning there was; only the first AM_GRAPH_MAX_WARNINGS are
 * kept, and only those can be looked at. */
guint         am_graph_get_n_warnings       (const AmGraph *graph);
guint         am_graph_get_n_kept_warnings  (const AmGraph *graph);
const AmDiagnostic *am_graph_get_warning    (const AmGraph *graph,
                                             guint          index);

guint         am_graph_find_node_by_id      (const AmGraph *graph,
                                             const char    *id);
void          am_graph_claim_node_id        (AmGraph     *graph,
                                             guint        node);
int           am_graph_find_key             (const AmGraph *graph,
                                             AmDomain       domain,
                                             const char    *name);

const char   *am_graph_intern               (AmGraph     *graph,
                                             const char  *string);
const char   *am_graph_store                (AmGraph     *graph,
                                             const char  *string,
                                             gssize       length);

guint         am_graph_add_key              (AmGraph     *graph,
                                             const char  *id,
                                             const char  *name,
                                             AmDomain     domain,
                                             AmAttrType   type);
guint         am_graph_add_subgraph         (AmGraph     *graph,
                                             const char  *id,
                                             guint32      parent_node,
                                             guint32      parent_graph,
                                             gboolean     directed);
guint         am_graph_add_node             (AmGraph     *graph,
                                             const char  *id,
                                             guint32      subgraph);
guint         am_graph_add_edge             (AmGraph     *graph,
                                             const char  *id,
                                             guint32      source,
                                             guint32      target,
                                             guint32      subgraph,
                                             gboolean     directed);
void          am_graph_set_value            (AmGraph     *graph,
                                             guint        key,
                                             guint        element,
                                             const char  *value);
void          am_graph_set_edge_ports       (AmGraph     *graph,
                                             guint        edge,
                                             const char  *source_port,
                                             const char  *target_port);
const char   *am_graph_get_edge_port        (const AmGraph *graph,
                                             guint          edge,
                                             gboolean       target);
void          am_graph_set_edge_label       (AmGraph     *graph,
                                             guint        edge,
                                             const char  *label);
/* The profile's label, else one drawn by yEd; NULL when none. */
const char   *am_graph_get_edge_label       (const AmGraph *graph,
                                             guint          edge);
void          am_graph_add_warning          (AmGraph     *graph,
                                             int          line,
                                             int          column,
                                             const char  *format,
                                             ...) G_GNUC_PRINTF (4, 5);

/* The value of @key for @element, or the key's default; NULL if neither. */
const char   *am_graph_get_value            (const AmGraph *graph,
                                             int            key,
                                             guint          element);
const char   *am_graph_get_node_value       (const AmGraph *graph,
                                             int            key,
                                             guint          node);
const char   *am_graph_get_edge_value       (const AmGraph *graph,
                                             int            key,
                                             guint          edge);
const char   *am_graph_get_title            (const AmGraph *graph);

/* Matches the profile's keys and fills in labels, kinds, stances,
 * affiliations, colours and positions. The reader calls it once. */
void          am_graph_resolve_profile      (AmGraph     *graph);

/* TRUE when every node has a position from the file. */
gboolean      am_graph_has_positions        (const AmGraph *graph);
gboolean      am_graph_is_directed          (const AmGraph *graph);
gboolean      am_graph_is_mixed             (const AmGraph *graph);
/* "yes", "no" or "mixed"; a graph without edges goes by its first
 * graph's edgedefault. */
const char   *am_graph_get_directedness     (const AmGraph *graph);

static inline AmCertainty
am_edge_get_certainty (const AmEdge *edge)
{
  return (AmCertainty) ((edge->flags & AM_EDGE_CERTAINTY_MASK) >> AM_EDGE_CERTAINTY_SHIFT);
}

/* The edges that start or end at @node, each once, in edge order; NULL
 * and 0 for a node out of range. Built once, on the first call from any
 * thread, so the graph must be complete (loaded) by then. */
const guint32 *am_graph_get_node_edges      (const AmGraph *graph,
                                             guint          node,
                                             guint         *n_edges);
/* The arrays behind am_graph_get_node_edges(), owned by the graph: the
 * edges of node n are @node_edges[@edge_offsets[n]] up to
 * @node_edges[@edge_offsets[n + 1]]. */
void          am_graph_get_incidence        (const AmGraph  *graph,
                                             const guint32 **edge_offsets,
                                             const guint32 **node_edges);
/* The graph's affiliations and their colours, worked out once on the
 * first call from any thread, like the incidence above. */
const AmAffiliations *am_graph_get_affiliations (const AmGraph *graph);

/* Which kinds of edge a graph has, with which stances and certainties:
 * what a legend lists. */
typedef struct
{
  guint32 kinds;                          /* a bit per AmEdgeKind */
  guint8  stances;                        /* a bit per AmStance, of statements */
  guint8  certainties[AM_N_EDGE_KINDS];   /* a bit per AmCertainty, by kind */
} AmEdgeFacets;

/* The facets of @graph's edges, or with @without_issue_ends of those
 * with no issue at either end, as a view that hides issues shows them.
 * Worked out from every edge on the first call from any thread and
 * kept until the graph gains edges or its profile is resolved again. */
void          am_graph_get_edge_facets      (const AmGraph *graph,
                                             gboolean       without_issue_ends,
                                             AmEdgeFacets  *facets);

const char   *am_attr_type_to_string        (AmAttrType   type);
const char   *am_domain_to_string           (AmDomain     domain);

/* Typed parsing of a data value; FALSE when it does not parse. */
gboolean      am_parse_double               (const char  *text,
                                             double      *out);
gboolean      am_parse_boolean              (const char  *text,
                                             gboolean    *out);
gboolean      am_parse_integer              (const char  *text,
                                             gint64      *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AmGraph, am_graph_free)

G_END_DECLS

/**
 * @file svcrecover/taxonomy.h
 * A root-cause taxonomy as data: codes in a hierarchy, display names, aliases and an owner per
 * node, so "carrier delay" and "Carrier Delay" classify as the same cause and the owner of the
 * process that caused a failure can be told of it.
 *
 * JSON:
 * @code
 * {"fact": "root_cause",
 *  "nodes": [
 *    {"id": "logistics", "name": "Logistics", "owner": {"team": "Operations", "contact": "ops@example.com"}},
 *    {"id": "carrier", "parent": "logistics", "name": "Carrier"},
 *    {"id": "late", "parent": "carrier", "name": "Late delivery", "aliases": ["carrier delay"],
 *     "owner": {"team": "Carrier desk", "contact": "carriers@example.com"}}]}
 * @endcode
 * A node's code is the path of ids from the top, joined by "/": "logistics/carrier/late"; its
 * level is the number of ids (1 at the top). "fact" names the case's string fact that holds the
 * root cause (default "root_cause"). Ids are lowercase letters, digits, "_" and "-". Names and
 * aliases match case- and space-insensitively (letters folded to lowercase, runs of spaces and
 * "_"/"-" counted as one space, leading and trailing space ignored). A node without an owner
 * has its nearest ancestor's.
 *
 * Immutable once parsed: share it between threads read-only.
 */
#ifndef SVCRECOVER_TAXONOMY_H
#define SVCRECOVER_TAXONOMY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <svcrecover/base.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A parsed taxonomy. */
typedef struct svcr_taxonomy svcr_taxonomy;

/**
 * One node of a taxonomy, as read by svcr_taxonomy_node() and svcr_taxonomy_find(). Set @c size
 * to `sizeof(svcr_taxonomy_node_info)` first. The strings belong to the taxonomy.
 */
typedef struct svcr_taxonomy_node_info {
    size_t size;               /**< Set by the caller: `sizeof(svcr_taxonomy_node_info)`. */
    size_t index;              /**< Position in the taxonomy's list of nodes. */
    const char *code;          /**< Its code, e.g. "logistics/carrier/late". */
    const char *name;          /**< Its display name; the id when none is given. */
    const char *parent;        /**< Its parent's code, or NULL at the top. */
    size_t level;              /**< 1 at the top, 2 for a child, ... */
    const char *owner_team;    /**< The team owning the cause (inherited), or NULL if none. */
    const char *owner_contact; /**< How to reach that team (inherited), or NULL if none. */
} svcr_taxonomy_node_info;

/**
 * Parse a taxonomy.
 *
 * @param json   the text, need not be NUL-terminated; not NULL
 * @param length its length in bytes
 * @param out    receives the taxonomy (free with svcr_taxonomy_free()); not NULL; untouched on failure
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_EPARSE for invalid JSON, a bad id,
 *         a duplicate id, an unknown parent, a cycle of parents (the message lists it), or a
 *         name or alias that matches another node's (the message names both), each with
 *         line:column; ::SVCR_ENOMEM
 */
SVCR_EXTERN svcr_status svcr_taxonomy_parse(const char *json, size_t length, svcr_taxonomy **out);

/**
 * Free a taxonomy.
 *
 * @param taxonomy the taxonomy, or NULL
 */
SVCR_EXTERN void svcr_taxonomy_free(svcr_taxonomy *taxonomy);

/**
 * The case fact that holds the root cause.
 *
 * @param taxonomy the taxonomy
 * @return its name (owned by the taxonomy), e.g. "root_cause"; NULL if @p taxonomy is NULL
 */
SVCR_EXTERN const char *svcr_taxonomy_fact(const svcr_taxonomy *taxonomy);

/**
 * Number of nodes.
 *
 * @param taxonomy the taxonomy
 * @return the count; 0 if @p taxonomy is NULL
 */
SVCR_EXTERN size_t svcr_taxonomy_node_count(const svcr_taxonomy *taxonomy);

/**
 * Read a node by position.
 *
 * @param taxonomy the taxonomy; not NULL
 * @param index    0 to svcr_taxonomy_node_count() - 1 (parents come before their children)
 * @param out      receives the node; not NULL; set its @c size first
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a @c size of 0 or an index out of range
 */
SVCR_EXTERN svcr_status svcr_taxonomy_node(const svcr_taxonomy *taxonomy, size_t index, svcr_taxonomy_node_info *out);

/**
 * Read a node by its exact code.
 *
 * @param taxonomy the taxonomy; not NULL
 * @param code     the code, e.g. "logistics/carrier"; not NULL
 * @param out      receives the node; not NULL; set its @c size first
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or a @c size of 0; ::SVCR_ENOTFOUND for
 *         no such code
 */
SVCR_EXTERN svcr_status svcr_taxonomy_find(const svcr_taxonomy *taxonomy, const char *code, svcr_taxonomy_node_info *out);

/**
 * Resolve what an agent typed to a code: a code, a node's name or one of its aliases, compared
 * case- and space-insensitively.
 *
 * @param taxonomy the taxonomy; not NULL
 * @param text     the text; not NULL
 * @param code     receives the code (owned by the taxonomy); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument; ::SVCR_ENOTFOUND when nothing matches
 *         (the message names the closest codes)
 */
SVCR_EXTERN svcr_status svcr_taxonomy_resolve(const svcr_taxonomy *taxonomy, const char *text, const char **code);

/**
 * The ancestor of a code at a level: "logistics/carrier/late" at level 1 is "logistics"; a code
 * at or above the level is itself.
 *
 * @param taxonomy the taxonomy; not NULL
 * @param code     a code of the taxonomy; not NULL
 * @param level    1 or more
 * @param out      receives the ancestor's code (owned by the taxonomy); not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument or level 0; ::SVCR_ENOTFOUND for an
 *         unknown code
 */
SVCR_EXTERN svcr_status svcr_taxonomy_ancestor(const svcr_taxonomy *taxonomy, const char *code, size_t level,
                                               const char **out);

#ifdef __cplusplus
}
#endif

#endif

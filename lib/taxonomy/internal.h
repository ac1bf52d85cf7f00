/* Private: the parsed form of a root-cause taxonomy. Taxonomies are small (tens to hundreds of
 * nodes, read by people), so lookups scan the nodes: no index to keep. */
#ifndef SVCR_TAXONOMY_INTERNAL_H
#define SVCR_TAXONOMY_INTERNAL_H

#include <stddef.h>

#include <svcrecover/taxonomy.h>

typedef struct svcr__tax_node {
    char *id;
    char *code;           /* ids from the top joined by "/" */
    char *name;           /* as given, or the id */
    long parent;          /* index in nodes (parents come first), -1 at the top */
    size_t level;
    char *team, *contact; /* its own owner, or NULL */
    const char *owner_team, *owner_contact; /* own or inherited */
    char **keys;          /* normalized code, name and aliases: what resolves to it */
    size_t key_count;
} svcr__tax_node;

struct svcr_taxonomy {
    char *fact;
    size_t count;
    svcr__tax_node *nodes;
};

/* @p text folded for matching into @p out (at least strlen(text) + 1 bytes): ASCII letters to
 * lowercase, runs of spaces, "_" and "-" to one space, no leading or trailing space. */
void svcr__taxonomy_normalize(const char *text, char *out);

/* The node whose code is exactly @p code, or -1. */
long svcr__taxonomy_find_code(const svcr_taxonomy *taxonomy, const char *code);

#endif

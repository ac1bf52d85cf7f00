/* Reading a taxonomy: nodes with ids and parents, checked for unknown parents, cycles and
 * names or aliases that two nodes share; then ordered parents first with codes and owners. */
#include "taxonomy/internal.h"
#include "base/alloc.h"
#include "base/error.h"
#include "base/json_read.h"
#include "base/utf8.h"

#include <stdio.h>
#include <string.h>

enum { POINTER_SIZE = SVCR__POINTER_SIZE, MAX_NODES = 10000, MAX_ALIASES = 64 };

#define FAIL(source, pointer, ...) svcr__json_fail((source), (pointer), SVCR_EPARSE, __VA_ARGS__)

static void free_node(svcr__tax_node *n)
{
    svcr__free(n->id);
    svcr__free(n->code);
    svcr__free(n->name);
    svcr__free(n->team);
    svcr__free(n->contact);
    for (size_t k = 0; k < n->key_count; k++)
        svcr__free(n->keys[k]);
    svcr__free(n->keys);
}

void svcr_taxonomy_free(svcr_taxonomy *taxonomy)
{
    if (taxonomy == NULL)
        return;
    for (size_t i = 0; i < taxonomy->count; i++)
        free_node(&taxonomy->nodes[i]);
    svcr__free(taxonomy->nodes);
    svcr__free(taxonomy->fact);
    svcr__free(taxonomy);
}

static bool valid_id(const char *id)
{
    if (id[0] == '\0')
        return false;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
            return false;
    return true;
}

typedef struct reader {
    const svcr__json_source *source;
    const json_t *nodes;
    svcr_taxonomy *t;
    long *parents; /* [node in JSON order] -> parent in JSON order, -1 */
} reader;

static svcr_status nomem(void)
{
    return svcr__fail_nomem("reading a taxonomy");
}

/* Add normalized @p text as a key of @p n. */
static svcr_status add_key(svcr__tax_node *n, const char *text)
{
    char *key = svcr__malloc(strlen(text) + 1);
    if (key == NULL)
        return nomem();
    svcr__taxonomy_normalize(text, key);
    n->keys[n->key_count++] = key;
    return SVCR_OK;
}

static svcr_status optional_string(reader *r, const json_t *object, const char *at, const char *key, char **out)
{
    const char *text;
    svcr_status st = svcr__json_string(r->source, object, at, key, SVCR__JSON_NONEMPTY, &text);
    if (st != SVCR_OK || text == NULL)
        return st;
    return (*out = svcr__strdup(text)) ? SVCR_OK : nomem();
}

/* Node @p i as written (JSON order): id, name, owner, aliases (the code comes later). */
static svcr_status read_node(reader *r, size_t i)
{
    static const char *const allowed[] = {"id", "parent", "name", "aliases", "owner", NULL};
    static const char *const owner_allowed[] = {"team", "contact", NULL};
    const json_t *node = json_array_get(r->nodes, i);
    svcr__tax_node *n = &r->t->nodes[i];
    char at[POINTER_SIZE], member[POINTER_SIZE];
    svcr__json_pointer_index(at, "/nodes", i);
    const char *id, *name;
    svcr_status st;
    if ((st = svcr__json_expect_object(r->source, node, at, allowed)) != SVCR_OK ||
        (st = svcr__json_string(r->source, node, at, "id", SVCR__JSON_REQUIRED, &id)) != SVCR_OK ||
        (st = svcr__json_string(r->source, node, at, "name", SVCR__JSON_NONEMPTY, &name)) != SVCR_OK)
        return st;
    svcr__json_pointer_member(member, at, "id");
    if (!valid_id(id))
        return FAIL(r->source, member, "\"%s\" is not an id: use lowercase letters, digits, \"_\" and \"-\"", id);
    for (size_t j = 0; j < i; j++)
        if (strcmp(r->t->nodes[j].id, id) == 0)
            return FAIL(r->source, member, "duplicate id \"%s\" (also /nodes/%zu)", id, j);
    if ((n->id = svcr__strdup(id)) == NULL || (n->name = svcr__strdup(name ? name : id)) == NULL)
        return nomem();
    if (name && svcr__utf8_length(name) == SIZE_MAX)
        return FAIL(r->source, at, "\"name\" is not valid UTF-8");
    const json_t *owner = svcr__json_member(node, at, "owner", member);
    if (owner != NULL && ((st = svcr__json_expect_object(r->source, owner, member, owner_allowed)) != SVCR_OK ||
                          (st = optional_string(r, owner, member, "team", &n->team)) != SVCR_OK ||
                          (st = optional_string(r, owner, member, "contact", &n->contact)) != SVCR_OK))
        return st;
    if (owner != NULL && n->team == NULL)
        return FAIL(r->source, member, "missing member \"team\"");
    const json_t *aliases;
    if ((st = svcr__json_array(r->source, node, at, "aliases", false, MAX_ALIASES, &aliases)) != SVCR_OK)
        return st;
    size_t alias_count = json_array_size(aliases);
    if ((n->keys = svcr__calloc(alias_count + 2, sizeof *n->keys)) == NULL)
        return nomem();
    if ((st = add_key(n, n->name)) != SVCR_OK)
        return st;
    for (size_t k = 0; k < alias_count; k++) {
        const json_t *alias = json_array_get(aliases, k);
        char alias_at[POINTER_SIZE];
        svcr__json_pointer_member(member, at, "aliases");
        svcr__json_pointer_index(alias_at, member, k);
        if (!json_is_string(alias) || json_string_length(alias) == 0)
            return FAIL(r->source, alias_at, "must be non-empty text");
        if ((st = add_key(n, json_string_value(alias))) != SVCR_OK)
            return st;
        if (n->keys[n->key_count - 1][0] == '\0')
            return FAIL(r->source, alias_at, "must have more than spaces");
    }
    return SVCR_OK;
}

/* Parents by id, then a walk up from each node: more steps than nodes is a cycle. */
static svcr_status link_parents(reader *r)
{
    size_t count = r->t->count;
    for (size_t i = 0; i < count; i++) {
        char at[POINTER_SIZE], member[POINTER_SIZE];
        svcr__json_pointer_index(at, "/nodes", i);
        svcr__json_pointer_member(member, at, "parent");
        const char *parent;
        svcr_status st = svcr__json_string(r->source, json_array_get(r->nodes, i), at, "parent", 0, &parent);
        if (st != SVCR_OK)
            return st;
        r->parents[i] = -1;
        if (parent == NULL)
            continue;
        for (size_t j = 0; j < count && r->parents[i] < 0; j++)
            if (strcmp(r->t->nodes[j].id, parent) == 0)
                r->parents[i] = (long)j;
        if (r->parents[i] < 0)
            return FAIL(r->source, member, "no node has id \"%s\"", parent);
    }
    for (size_t i = 0; i < count; i++) {
        long p = (long)i;
        size_t steps = 0;
        while (p >= 0 && steps <= count) {
            p = r->parents[p];
            steps++;
        }
        if (p < 0)
            continue;
        /* A cycle: list it from node i. */
        char list[512] = "", at[POINTER_SIZE], member[POINTER_SIZE];
        size_t used = 0;
        p = (long)i;
        for (size_t k = 0; k <= count && used < sizeof list; k++) {
            int n = snprintf(list + used, sizeof list - used, "%s%s", k ? " -> " : "", r->t->nodes[p].id);
            used += n > 0 ? (size_t)n : 0;
            if (k > 0 && p == (long)i)
                break;
            p = r->parents[p];
        }
        svcr__json_pointer_index(at, "/nodes", i);
        svcr__json_pointer_member(member, at, "parent");
        return FAIL(r->source, member, "the parents form a cycle: %s", list);
    }
    return SVCR_OK;
}

/* Order parents first (by level, stable), then fill codes, levels and inherited owners. */
static svcr_status finish(reader *r)
{
    svcr_taxonomy *t = r->t;
    size_t count = t->count;
    size_t *level = svcr__calloc(count, sizeof *level);
    long *position = svcr__calloc(count, sizeof *position);
    svcr__tax_node *ordered = svcr__calloc(count, sizeof *ordered);
    if (level == NULL || position == NULL || ordered == NULL) {
        svcr__free(level);
        svcr__free(position);
        svcr__free(ordered);
        return nomem();
    }
    size_t max_level = 0;
    for (size_t i = 0; i < count; i++) {
        for (long p = (long)i; p >= 0; p = r->parents[p])
            level[i]++;
        if (level[i] > max_level)
            max_level = level[i];
    }
    size_t next = 0;
    for (size_t l = 1; l <= max_level; l++)
        for (size_t i = 0; i < count; i++)
            if (level[i] == l) {
                position[i] = (long)next;
                ordered[next] = t->nodes[i];
                ordered[next].level = l;
                ordered[next].parent = r->parents[i] < 0 ? -1 : position[r->parents[i]];
                next++;
            }
    svcr__free(t->nodes);
    t->nodes = ordered;
    svcr__free(level);
    svcr__free(position);
    for (size_t i = 0; i < count; i++) {
        svcr__tax_node *n = &t->nodes[i];
        const svcr__tax_node *parent = n->parent >= 0 ? &t->nodes[n->parent] : NULL;
        size_t length = strlen(n->id) + (parent ? strlen(parent->code) + 1 : 0);
        if ((n->code = svcr__malloc(length + 1)) == NULL)
            return nomem();
        snprintf(n->code, length + 1, "%s%s%s", parent ? parent->code : "", parent ? "/" : "", n->id);
        n->owner_team = n->team ? n->team : parent ? parent->owner_team : NULL;
        n->owner_contact = n->team ? n->contact : parent ? parent->owner_contact : NULL;
        svcr_status st = add_key(n, n->code);
        if (st != SVCR_OK)
            return st;
    }
    return SVCR_OK;
}

/* Two nodes must not share a name or an alias (the codes differ by construction). */
static svcr_status check_keys(reader *r)
{
    const svcr_taxonomy *t = r->t;
    for (size_t i = 0; i < t->count; i++)
        for (size_t k = 0; k < t->nodes[i].key_count; k++)
            for (size_t j = 0; j < i; j++)
                for (size_t m = 0; m < t->nodes[j].key_count; m++)
                    if (strcmp(t->nodes[i].keys[k], t->nodes[j].keys[m]) == 0) {
                        /* Point at the later node as written. */
                        long written = -1;
                        for (size_t w = 0; w < t->count && written < 0; w++) {
                            const char *id;
                            if (svcr__json_string(r->source, json_array_get(r->nodes, w), "", "id", 0, &id) == SVCR_OK &&
                                id && strcmp(id, t->nodes[i].id) == 0)
                                written = (long)w;
                        }
                        char at[POINTER_SIZE];
                        svcr__json_pointer_index(at, "/nodes", written < 0 ? 0 : (size_t)written);
                        return FAIL(r->source, at, "\"%s\" names both \"%s\" and \"%s\" (names and aliases are "
                                    "compared ignoring case and spaces)", t->nodes[i].keys[k], t->nodes[j].code,
                                    t->nodes[i].code);
                    }
    return SVCR_OK;
}

static svcr_status read_document(const svcr__json_source *source, json_t *root, void *context)
{
    static const char *const allowed[] = {"fact", "nodes", NULL};
    svcr_taxonomy **out = context;
    const char *fact;
    const json_t *nodes;
    svcr_status st;
    if ((st = svcr__json_expect_object(source, root, "", allowed)) != SVCR_OK ||
        (st = svcr__json_string(source, root, "", "fact", SVCR__JSON_NONEMPTY, &fact)) != SVCR_OK ||
        (st = svcr__json_array(source, root, "", "nodes", true, MAX_NODES, &nodes)) != SVCR_OK)
        return st;
    if (json_array_size(nodes) == 0)
        return FAIL(source, "/nodes", "must list at least one node");
    svcr_taxonomy *t = svcr__calloc(1, sizeof *t);
    reader r = {source, nodes, t, NULL};
    if (t == NULL || (t->nodes = svcr__calloc(json_array_size(nodes), sizeof *t->nodes)) == NULL ||
        (r.parents = svcr__calloc(json_array_size(nodes), sizeof *r.parents)) == NULL ||
        (t->fact = svcr__strdup(fact ? fact : "root_cause")) == NULL) {
        svcr_taxonomy_free(t);
        svcr__free(r.parents);
        return nomem();
    }
    for (size_t i = 0; st == SVCR_OK && i < json_array_size(nodes); i++) {
        t->count = i + 1;
        st = read_node(&r, i);
    }
    if (st == SVCR_OK && (st = link_parents(&r)) == SVCR_OK && (st = finish(&r)) == SVCR_OK)
        st = check_keys(&r);
    svcr__free(r.parents);
    if (st != SVCR_OK) {
        svcr_taxonomy_free(t);
        return st;
    }
    *out = t;
    return SVCR_OK;
}

svcr_status svcr_taxonomy_parse(const char *json, size_t length, svcr_taxonomy **out)
{
    SVCR_REQUIRE_ARG(json);
    SVCR_REQUIRE_ARG(out);
    svcr__json_source source = {"taxonomy JSON", json, length};
    return svcr__json_parse(&source, read_document, out);
}

/* Reading a taxonomy: nodes by position or code, resolving typed text to a code (with the
 * closest codes when nothing matches), ancestors for per-level counts. */
#include "taxonomy/internal.h"
#include "base/alloc.h"
#include "base/error.h"

#include <stdio.h>
#include <string.h>

void svcr__taxonomy_normalize(const char *text, char *out)
{
    size_t n = 0;
    bool space = false;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '_' || *p == '-') {
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = false;
        out[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    }
    out[n] = '\0';
}

long svcr__taxonomy_find_code(const svcr_taxonomy *taxonomy, const char *code)
{
    for (size_t i = 0; i < taxonomy->count; i++)
        if (strcmp(taxonomy->nodes[i].code, code) == 0)
            return (long)i;
    return -1;
}

const char *svcr_taxonomy_fact(const svcr_taxonomy *taxonomy)
{
    return taxonomy ? taxonomy->fact : NULL;
}

size_t svcr_taxonomy_node_count(const svcr_taxonomy *taxonomy)
{
    return taxonomy ? taxonomy->count : 0;
}

static svcr_status fill(const svcr_taxonomy *t, size_t index, svcr_taxonomy_node_info *out)
{
    const svcr__tax_node *n = &t->nodes[index];
    svcr_taxonomy_node_info full = {out->size, index, n->code, n->name, n->parent >= 0 ? t->nodes[n->parent].code : NULL,
                               n->level, n->owner_team, n->owner_contact};
    memcpy(out, &full, out->size < sizeof full ? out->size : sizeof full);
    return SVCR_OK;
}

static svcr_status check_size(const char *function, const svcr_taxonomy_node_info *out)
{
    if (out->size < sizeof(size_t))
        return svcr__fail(SVCR_EINVAL, "%s: out->size is %zu; set it to sizeof(svcr_taxonomy_node_info)", function,
                          out->size);
    return SVCR_OK;
}

svcr_status svcr_taxonomy_node(const svcr_taxonomy *taxonomy, size_t index, svcr_taxonomy_node_info *out)
{
    SVCR_REQUIRE_ARG(taxonomy);
    SVCR_REQUIRE_ARG(out);
    svcr_status st = check_size(__func__, out);
    if (st != SVCR_OK)
        return st;
    if (index >= taxonomy->count)
        return svcr__fail(SVCR_EINVAL, "%s: index %zu is out of range (the taxonomy has %zu nodes)", __func__, index,
                          taxonomy->count);
    return fill(taxonomy, index, out);
}

svcr_status svcr_taxonomy_find(const svcr_taxonomy *taxonomy, const char *code, svcr_taxonomy_node_info *out)
{
    SVCR_REQUIRE_ARG(taxonomy);
    SVCR_REQUIRE_ARG(code);
    SVCR_REQUIRE_ARG(out);
    svcr_status st = check_size(__func__, out);
    if (st != SVCR_OK)
        return st;
    long i = svcr__taxonomy_find_code(taxonomy, code);
    if (i < 0)
        return svcr__fail(SVCR_ENOTFOUND, "%s: the taxonomy has no code \"%s\"", __func__, code);
    return fill(taxonomy, (size_t)i, out);
}

/* Levenshtein distance of two short texts (cut at 63 bytes: enough to rank suggestions). */
static size_t distance(const char *a, const char *b)
{
    enum { MAX = 64 };
    size_t la = strlen(a), lb = strlen(b);
    la = la < MAX - 1 ? la : MAX - 1;
    lb = lb < MAX - 1 ? lb : MAX - 1;
    size_t row[MAX];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t above = row[j];
            size_t best = diagonal + (a[i - 1] != b[j - 1]);
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            if (above + 1 < best)
                best = above + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[lb];
}

svcr_status svcr_taxonomy_resolve(const svcr_taxonomy *taxonomy, const char *text, const char **code)
{
    SVCR_REQUIRE_ARG(taxonomy);
    SVCR_REQUIRE_ARG(text);
    SVCR_REQUIRE_ARG(code);
    char stack[128];
    size_t length = strlen(text);
    char *key = length < sizeof stack ? stack : svcr__malloc(length + 1);
    if (key == NULL)
        return svcr__fail_nomem("resolving a root cause");
    svcr__taxonomy_normalize(text, key);
    /* The three nearest nodes, by their nearest key. */
    enum { SUGGESTIONS = 3 };
    long best[SUGGESTIONS] = {-1, -1, -1};
    size_t best_distance[SUGGESTIONS] = {0};
    for (size_t i = 0; i < taxonomy->count; i++) {
        const svcr__tax_node *n = &taxonomy->nodes[i];
        size_t nearest = SIZE_MAX;
        for (size_t k = 0; k < n->key_count; k++) {
            if (strcmp(n->keys[k], key) == 0) {
                *code = n->code;
                if (key != stack)
                    svcr__free(key);
                return SVCR_OK;
            }
            size_t d = distance(n->keys[k], key);
            nearest = d < nearest ? d : nearest;
        }
        for (size_t s = 0; s < SUGGESTIONS; s++)
            if (best[s] < 0 || nearest < best_distance[s]) {
                for (size_t m = SUGGESTIONS - 1; m > s; m--) {
                    best[m] = best[m - 1];
                    best_distance[m] = best_distance[m - 1];
                }
                best[s] = (long)i;
                best_distance[s] = nearest;
                break;
            }
    }
    if (key != stack)
        svcr__free(key);
    char list[400] = "";
    size_t used = 0;
    for (size_t s = 0; s < SUGGESTIONS && best[s] >= 0 && used < sizeof list; s++) {
        const svcr__tax_node *n = &taxonomy->nodes[best[s]];
        int w = snprintf(list + used, sizeof list - used, "%s%s (%s)", s ? ", " : "", n->code, n->name);
        used += w > 0 ? (size_t)w : 0;
    }
    return svcr__fail(SVCR_ENOTFOUND, "\"%s\" is no root-cause code, name or alias; closest: %s", text, list);
}

svcr_status svcr_taxonomy_ancestor(const svcr_taxonomy *taxonomy, const char *code, size_t level, const char **out)
{
    SVCR_REQUIRE_ARG(taxonomy);
    SVCR_REQUIRE_ARG(code);
    SVCR_REQUIRE_ARG(out);
    if (level == 0)
        return svcr__fail(SVCR_EINVAL, "%s: level must be 1 or more", __func__);
    long i = svcr__taxonomy_find_code(taxonomy, code);
    if (i < 0)
        return svcr__fail(SVCR_ENOTFOUND, "%s: the taxonomy has no code \"%s\"", __func__, code);
    while (taxonomy->nodes[i].level > level)
        i = taxonomy->nodes[i].parent;
    *out = taxonomy->nodes[i].code;
    return SVCR_OK;
}

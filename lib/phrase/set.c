/* Building phrase sets: the defaults, a host's list, JSON. */
#include "phrase/set.h"

#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/error.h"
#include "base/json_read.h"
#include "phrase/text.h"
#include "base/sized.h"

static void entry_clear(phrase_entry *entry)
{
    svcr__free(entry->phrase);
    for (size_t i = 0; i < entry->suggestion_count; i++)
        svcr__free(entry->suggestions[i]);
    svcr__free(entry->suggestions);
    svcr__free(entry->folded);
}

void svcr_phrase_set_free(svcr_phrase_set *set)
{
    if (set == NULL)
        return;
    for (size_t i = 0; i < set->count; i++)
        entry_clear(&set->entries[i]);
    svcr__free(set->entries);
    svcr__free(set);
}

/* Why a phrase cannot be used; the caller reports it in its own terms (argument or JSON value). */
typedef enum phrase_problem { PHRASE_OK, PHRASE_EMPTY, PHRASE_DUPLICATE, PHRASE_NOMEM } phrase_problem;

/* Fold @p phrase (valid UTF-8) into entry->folded: code points folded, whitespace runs as one
 * space, no leading or trailing space. */
static phrase_problem fold_phrase(const char *phrase, phrase_entry *entry)
{
    size_t length = strlen(phrase);
    uint32_t *folded = svcr__reallocarray(NULL, length + 1, sizeof *folded);
    if (folded == NULL)
        return PHRASE_NOMEM;
    size_t n = 0;
    const unsigned char *bytes = (const unsigned char *)phrase;
    for (size_t at = 0; at < length;) {
        uint32_t cp;
        at += svcr__phrase_utf8_decode(bytes + at, length - at, &cp);
        if (svcr__phrase_is_space(cp)) {
            if (n > 0 && folded[n - 1] != ' ')
                folded[n++] = ' ';
        } else {
            folded[n++] = svcr__phrase_fold(cp);
        }
    }
    if (n > 0 && folded[n - 1] == ' ')
        n--;
    if (n == 0) {
        svcr__free(folded);
        return PHRASE_EMPTY;
    }
    entry->folded = folded;
    entry->folded_length = n;
    return PHRASE_OK;
}

/* Fill @p entry (zeroed) from @p spec, whose strings are not NULL and valid UTF-8. */
static phrase_problem entry_fill(phrase_entry *entry, const svcr_phrase_spec *spec)
{
    phrase_problem problem = fold_phrase(spec->phrase, entry);
    if (problem != PHRASE_OK)
        return problem;
    entry->phrase = svcr__strdup(spec->phrase);
    if (entry->phrase == NULL)
        return PHRASE_NOMEM;
    if (spec->suggestion_count > 0) {
        entry->suggestions = svcr__calloc(spec->suggestion_count, sizeof *entry->suggestions);
        if (entry->suggestions == NULL)
            return PHRASE_NOMEM;
        for (size_t i = 0; i < spec->suggestion_count; i++) {
            entry->suggestions[i] = svcr__strdup(spec->suggestions[i]);
            if (entry->suggestions[i] == NULL)
                return PHRASE_NOMEM;
            entry->suggestion_count = i + 1;
        }
    }
    return PHRASE_OK;
}

static int same_folded(const phrase_entry *a, const phrase_entry *b)
{
    return a->folded_length == b->folded_length
        && memcmp(a->folded, b->folded, a->folded_length * sizeof *a->folded) == 0;
}

/* Add @p spec as the next entry of @p set (which has room). On failure the set is unchanged. */
static phrase_problem set_add(svcr_phrase_set *set, const svcr_phrase_spec *spec, size_t *duplicate_of)
{
    phrase_entry entry = {0};
    phrase_problem problem = entry_fill(&entry, spec);
    for (size_t i = 0; problem == PHRASE_OK && i < set->count; i++) {
        if (same_folded(&set->entries[i], &entry)) {
            *duplicate_of = i;
            problem = PHRASE_DUPLICATE;
        }
    }
    if (problem != PHRASE_OK) {
        entry_clear(&entry);
        return problem;
    }
    set->entries[set->count++] = entry;
    return PHRASE_OK;
}

/* An empty set with room for @p capacity entries, or NULL when out of memory. */
static svcr_phrase_set *set_alloc(size_t capacity)
{
    svcr_phrase_set *set = svcr__calloc(1, sizeof *set);
    if (set == NULL)
        return NULL;
    if (capacity > 0) {
        set->entries = svcr__calloc(capacity, sizeof *set->entries);
        if (set->entries == NULL) {
            svcr__free(set);
            return NULL;
        }
    }
    return set;
}

/* Check a host-given string: not NULL, valid UTF-8. */
static svcr_status check_string(const char *text, size_t entry, const char *what)
{
    if (text == NULL)
        return svcr__fail(SVCR_EINVAL, "svcr_phrase_set_new: specs[%zu]: %s is NULL", entry, what);
    size_t bad;
    if (!svcr__phrase_utf8_check(text, strlen(text), &bad))
        return svcr__fail(SVCR_EINVAL, "svcr_phrase_set_new: specs[%zu]: %s is not valid UTF-8 at byte %zu",
                          entry, what, bad);
    return SVCR_OK;
}

static svcr_status check_spec(const svcr_phrase_spec *spec, size_t entry)
{
    if (spec == NULL)
        return svcr__fail(SVCR_EINVAL, "svcr_phrase_set_new: specs[%zu] is NULL", entry);
    if (spec->size < sizeof(size_t))
        return svcr__fail(SVCR_EINVAL, "svcr_phrase_set_new: specs[%zu]->size is %zu; set it to the struct's sizeof",
                          entry, spec->size);
    svcr_status status = check_string(spec->phrase, entry, "phrase");
    if (status != SVCR_OK)
        return status;
    if (spec->suggestion_count > 0 && spec->suggestions == NULL)
        return svcr__fail(SVCR_EINVAL, "svcr_phrase_set_new: specs[%zu]: suggestions is NULL but suggestion_count is %zu",
                          entry, spec->suggestion_count);
    for (size_t i = 0; i < spec->suggestion_count && status == SVCR_OK; i++) {
        char what[48];
        snprintf(what, sizeof what, "suggestions[%zu]", i);
        status = check_string(spec->suggestions[i], entry, what);
    }
    return status;
}

svcr_status svcr_phrase_set_new(const svcr_phrase_spec *const *specs, size_t count, svcr_phrase_set **out)
{
    SVCR_REQUIRE_ARG(out);
    if (specs == NULL && count > 0)
        return svcr__fail(SVCR_EINVAL, "svcr_phrase_set_new: argument \"specs\" is NULL but count is %zu", count);
    for (size_t i = 0; i < count; i++) {
        svcr_status status = check_spec(specs[i], i);
        if (status != SVCR_OK)
            return status;
    }
    svcr_phrase_set *set = set_alloc(count);
    if (set == NULL)
        return svcr__fail_nomem("building a phrase set");
    for (size_t i = 0; i < count; i++) {
        size_t first = 0;
        phrase_problem problem = set_add(set, specs[i], &first);
        if (problem == PHRASE_OK)
            continue;
        svcr_phrase_set_free(set);
        if (problem == PHRASE_NOMEM)
            return svcr__fail_nomem("building a phrase set");
        if (problem == PHRASE_EMPTY)
            return svcr__fail(SVCR_EINVAL, "svcr_phrase_set_new: specs[%zu]: phrase is empty", i);
        return svcr__fail(SVCR_EINVAL, "svcr_phrase_set_new: specs[%zu]: phrase \"%s\" repeats specs[%zu]", i,
                          specs[i]->phrase, first);
    }
    *out = set;
    return SVCR_OK;
}


/* ------------------------------------------------------------------------------------------ */
/* JSON                                                                                        */
/* ------------------------------------------------------------------------------------------ */

enum { MAX_JSON_SUGGESTIONS = 64 };

/* Read phrases[index] into @p set. */
static svcr_status parse_entry(const svcr__json_source *source, json_t *item, size_t index,
                               svcr_phrase_set *set)
{
    char pointer[SVCR__POINTER_SIZE];
    svcr__json_pointer_index(pointer, "/phrases", index);
    if (!json_is_object(item))
        return svcr__json_fail(source, pointer, SVCR_EPARSE, "expected an object with \"phrase\"");
    static const char *const members[] = {"phrase", "suggestions", NULL};
    svcr_status status = svcr__json_check_members(source, item, pointer, members);
    if (status != SVCR_OK)
        return status;
    json_t *phrase = json_object_get(item, "phrase");
    if (!json_is_string(phrase)) {
        if (phrase != NULL)
            snprintf(pointer, sizeof pointer, "/phrases/%zu/phrase", index);
        return svcr__json_fail(source, pointer, SVCR_EPARSE, "\"phrase\" must be a string");
    }
    json_t *suggestions = json_object_get(item, "suggestions");
    size_t suggestion_count = suggestions == NULL ? 0 : json_array_size(suggestions);
    if (suggestions != NULL && (!json_is_array(suggestions) || suggestion_count > MAX_JSON_SUGGESTIONS)) {
        snprintf(pointer, sizeof pointer, "/phrases/%zu/suggestions", index);
        return svcr__json_fail(source, pointer, SVCR_EPARSE, "\"suggestions\" must be an array of at most %d strings",
                               MAX_JSON_SUGGESTIONS);
    }
    const char *texts[MAX_JSON_SUGGESTIONS];
    for (size_t i = 0; i < suggestion_count; i++) {
        json_t *text = json_array_get(suggestions, i);
        if (!json_is_string(text)) {
            snprintf(pointer, sizeof pointer, "/phrases/%zu/suggestions/%zu", index, i);
            return svcr__json_fail(source, pointer, SVCR_EPARSE, "a suggestion must be a string");
        }
        texts[i] = json_string_value(text);
    }
    /* jansson has already rejected invalid UTF-8 and NUL characters in strings. */
    svcr_phrase_spec spec = {sizeof spec, json_string_value(phrase), texts, suggestion_count};
    size_t first = 0;
    snprintf(pointer, sizeof pointer, "/phrases/%zu/phrase", index);
    switch (set_add(set, &spec, &first)) {
    case PHRASE_OK: return SVCR_OK;
    case PHRASE_EMPTY: return svcr__json_fail(source, pointer, SVCR_EPARSE, "the phrase is empty");
    case PHRASE_DUPLICATE:
        return svcr__json_fail(source, pointer, SVCR_EPARSE, "phrase \"%s\" repeats /phrases/%zu", spec.phrase,
                               first);
    case PHRASE_NOMEM: break;
    }
    return svcr__fail_nomem("parsing a phrase set");
}

static svcr_status parse_root(const svcr__json_source *source, json_t *root, void *out_set)
{
    static const char *const members[] = {"phrases", NULL};
    svcr_phrase_set **out = out_set;
    if (!json_is_object(root))
        return svcr__json_fail(source, "", SVCR_EPARSE, "expected an object with \"phrases\"");
    svcr_status status = svcr__json_check_members(source, root, "", members);
    if (status != SVCR_OK)
        return status;
    json_t *phrases = json_object_get(root, "phrases");
    if (!json_is_array(phrases))
        return svcr__json_fail(source, phrases ? "/phrases" : "", SVCR_EPARSE, "\"phrases\" must be an array");
    svcr_phrase_set *set = set_alloc(json_array_size(phrases));
    if (set == NULL)
        return svcr__fail_nomem("parsing a phrase set");
    for (size_t i = 0; i < json_array_size(phrases); i++) {
        status = parse_entry(source, json_array_get(phrases, i), i, set);
        if (status != SVCR_OK) {
            svcr_phrase_set_free(set);
            return status;
        }
    }
    *out = set;
    return SVCR_OK;
}

svcr_status svcr_phrase_set_parse(const char *json, size_t length, svcr_phrase_set **out)
{
    SVCR_REQUIRE_ARG(json);
    SVCR_REQUIRE_ARG(out);
    svcr__json_source source = {"phrase set JSON", json, length};
    return svcr__json_parse(&source, parse_root, out);
}

size_t svcr_phrase_set_count(const svcr_phrase_set *set)
{
    return set == NULL ? 0 : set->count;
}

svcr_status svcr_phrase_set_phrase(const svcr_phrase_set *set, size_t index, svcr_phrase_spec *out)
{
    SVCR_REQUIRE_ARG(set);
    SVCR_REQUIRE_SIZED_ARG(out);
    if (index >= set->count)
        return svcr__fail(SVCR_ENOTFOUND, "phrase set: no phrase at index %zu (the set has %zu)", index, set->count);
    const phrase_entry *entry = &set->entries[index];
    svcr_phrase_spec full = {0, entry->phrase, (const char *const *)entry->suggestions, entry->suggestion_count};
    SVCR_FILL_SIZED(out, full);
    return SVCR_OK;
}

svcr_status svcr_phrase_set_builtin(svcr_phrase_set **out)
{
    SVCR_REQUIRE_ARG(out);
    svcr__json_source source = {"built-in phrase set", svcr__phrase_builtins[0].text, svcr__phrase_builtins[0].length};
    return svcr__json_parse(&source, parse_root, out);
}

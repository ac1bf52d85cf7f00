/* Private: the phrase set as svcr_phrase_check() reads it. */
#ifndef SVCR_PHRASE_SET_H
#define SVCR_PHRASE_SET_H

#include <stdint.h>

#include <svcrecover/phrase.h>

#include "base/embedded.h"

typedef struct phrase_entry {
    char *phrase;          /* as given */
    char **suggestions;
    size_t suggestion_count;
    uint32_t *folded;      /* folded code points, whitespace runs as one ' ', trimmed */
    size_t folded_length;  /* at least 1 */
} phrase_entry;

struct svcr_phrase_set {
    phrase_entry *entries;
    size_t count;
};

/* The default phrases: one entry, lib/phrase/default.json, embedded at build time. */
extern const svcr__embedded svcr__phrase_builtins[];
extern const size_t svcr__phrase_builtins_count;

#endif

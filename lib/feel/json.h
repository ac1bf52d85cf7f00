/* Private: FEEL values to and from JSON text. Numbers are read from and written as their decimal
 * text, exactly: jansson would turn them into binary doubles (0.1 + 0.2 != 0.3), so FEEL has its
 * own small reader and writer. Objects are contexts, arrays lists; dates, times and durations
 * are written as ISO 8601 strings. */
#ifndef SVCR_FEEL_JSON_H
#define SVCR_FEEL_JSON_H

#include "feel/value.h"

typedef struct feel_json_error {
    int line, column;
    bool out_of_memory;
    char message[160];
} feel_json_error;

/* Parse one JSON document into values in @p arena; NULL and *error on failure. */
const feel_value *svcr__feel_from_json(feel_arena *arena, const char *text, size_t length, feel_json_error *error);

/* A growable text buffer from the allocator hook. */
typedef struct feel_text {
    char *data;
    size_t length, capacity;
    bool failed; /* an allocation failed: data is incomplete */
} feel_text;

void svcr__feel_text_append(feel_text *text, const char *data, size_t length);
void svcr__feel_text_free(feel_text *text);
void svcr__feel_json_string(feel_text *text, const char *data, size_t length);
/* Append @p value as JSON (a function is written as null). */
void svcr__feel_to_json(feel_text *text, const feel_value *value);

#endif

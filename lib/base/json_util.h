/* Private: loading JSON through jansson, reporting errors at a line:column of the text, and
 * writing JSON. Reading members with those errors: json_read.h.
 *
 * jansson does not keep the position of each value, so semantic errors (a duplicate name, a
 * value out of range) name the value by its JSON Pointer (RFC 6901, e.g. "/states/2/name") and
 * svcr__json_locate() finds that value's line and column in the original text. */
#ifndef SVCR_BASE_JSON_UTIL_H
#define SVCR_BASE_JSON_UTIL_H

#include <jansson.h>
#include <stddef.h>

#include "base/error.h"

/* The text a JSON document came from, kept for error positions. @p what names the document
 * in messages, e.g. "workflow JSON". */
typedef struct svcr__json_source {
    const char *what;
    const char *text;
    size_t length;
} svcr__json_source;

/* Parse @p source into *out (a new reference). Syntax errors become SVCR_EPARSE with jansson's
 * line:column; jansson running out of memory becomes SVCR_ENOMEM. */
svcr_status svcr__json_load(const svcr__json_source *source, json_t **out);

/* Record an error for the value at @p pointer: "<what>: line L, column C: <pointer>: <message>".
 * When the pointer cannot be found, the deepest enclosing value found is used. */
svcr_status svcr__json_fail(const svcr__json_source *source, const char *pointer, svcr_status status,
                            const char *fmt, ...) SVCR_PRINTF(4, 5);

/* Find the 1-based line and column of the value at @p pointer ("" is the whole document).
 * Returns 1 when found exactly, 0 when only an enclosing value was found. */
int svcr__json_locate(const char *text, size_t length, const char *pointer, int *line, int *column);

/* Dump @p value compactly with keys in insertion order, through the library allocator.
 * Returns NULL on allocation failure. */
char *svcr__json_dump(const json_t *value);

/* Add @p value (a new reference; NULL after a jansson failure) to @p object as @p key, or append
 * it to @p array. Return 0, or -1 (then @p value is released). */
int svcr__json_put(json_t *object, const char *key, json_t *value);
int svcr__json_append(json_t *array, json_t *value);

/* A new JSON array of @p count strings; NULL after a jansson failure. */
json_t *svcr__json_string_array(const char *const *names, size_t count);

/* Significant digits for reals in the library's JSON output: a decimal of up to 15 digits (a
 * threshold, a rate) prints back exactly as written. */
enum { SVCR__JSON_REAL_DIGITS = 15 };

/* As svcr__json_dump(), writing real numbers with @p digits significant digits (1 to 17) instead
 * of jansson's 17, so a ratio read as 0.9 is written back as 0.9, not 0.90000000000000002. */
char *svcr__json_dump_reals(const json_t *value, int digits);

#endif

/* Private: members of JSON objects: reading them with errors at the line:column of the offending
 * value (through svcr__json_fail), and adding them while passing jansson's failures on. Shared by
 * the workflow and case modules. */
#ifndef SVCR_WORKFLOW_JSON_MEMBERS_H
#define SVCR_WORKFLOW_JSON_MEMBERS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/json_util.h"

/* Pointers are built in fixed buffers: indexes and member names are short. */
enum { SVCR__POINTER_SIZE = 160 };

/* Member flags for svcr__json_string(). */
enum { SVCR__JSON_REQUIRED = 1, SVCR__JSON_NONEMPTY = 2 };

/* "<base>/<key>" with JSON Pointer escaping (~ -> ~0, / -> ~1); cut short if too long. */
void svcr__json_pointer_member(char out[SVCR__POINTER_SIZE], const char *base, const char *key);

/* "<base>/<index>". */
void svcr__json_pointer_index(char out[SVCR__POINTER_SIZE], const char *base, size_t index);

/* @p value must be an object whose member names are all in @p allowed (NULL-terminated). */
svcr_status svcr__json_expect_object(const svcr__json_source *source, const json_t *value, const char *pointer,
                                     const char *const *allowed);

/* A string member of @p object (at @p pointer); *out = NULL when absent and not required. */
svcr_status svcr__json_string(const svcr__json_source *source, const json_t *object, const char *pointer,
                              const char *key, int flags, const char **out);

/* An array member of at most @p limit entries; *out = NULL when absent and not required. */
svcr_status svcr__json_array(const svcr__json_source *source, const json_t *object, const char *pointer,
                             const char *key, bool required, size_t limit, const json_t **out);

/* Add @p value (a new reference; NULL after a jansson failure) to @p object as @p key, or append
 * it to @p array. Return 0, or -1 (then @p value is released). */
int svcr__json_put(json_t *object, const char *key, json_t *value);
int svcr__json_append(json_t *array, json_t *value);

/* A new JSON array of @p count strings; NULL after a jansson failure. */
json_t *svcr__json_string_array(const char *const *names, size_t count);

#endif

/* Private: reading JSON documents, the one set of helpers every module that reads JSON uses.
 *
 * Values are named by their JSON Pointer (RFC 6901, e.g. "/states/2/name"); an error names the
 * value's line:column in the text through svcr__json_fail() (json_util.h). The getters below
 * check a member's type and report "<what>: line L, column C: <pointer>: <message>". */
#ifndef SVCR_BASE_JSON_READ_H
#define SVCR_BASE_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "base/json_util.h"

/* Pointers are built in fixed buffers: indexes and member names are short, and a pointer cut
 * short only costs precision in the error position. */
enum { SVCR__POINTER_SIZE = 256 };

/* Member flags for svcr__json_string(). */
enum { SVCR__JSON_REQUIRED = 1, SVCR__JSON_NONEMPTY = 2 };

/* Load @p source, pass its root to @p read with @p context, release the root. Returns the load's
 * error or what @p read returns. */
svcr_status svcr__json_parse(const svcr__json_source *source,
                             svcr_status (*read)(const svcr__json_source *source, json_t *root, void *context),
                             void *context);

/* "<base>/<key>" with JSON Pointer escaping (~ -> ~0, / -> ~1); cut short if too long. */
void svcr__json_pointer_member(char out[SVCR__POINTER_SIZE], const char *base, const char *key);

/* "<base>/<index>"; cut short if too long. */
void svcr__json_pointer_index(char out[SVCR__POINTER_SIZE], const char *base, size_t index);

/* The member @p key of @p object (NULL when absent or @p object is no object); its pointer
 * "<pointer>/<key>" into @p at. */
json_t *svcr__json_member(const json_t *object, const char *pointer, const char *key,
                          char at[SVCR__POINTER_SIZE]);

/* Reject a member of @p object (at @p pointer) whose name is not in @p allowed (NULL-terminated):
 * "unknown member \"<name>\"" at that member. */
svcr_status svcr__json_check_members(const svcr__json_source *source, const json_t *object, const char *pointer,
                                     const char *const *allowed);

/* @p value must be an object ("must be an object") whose member names are all in @p allowed. */
svcr_status svcr__json_expect_object(const svcr__json_source *source, const json_t *value, const char *pointer,
                                     const char *const *allowed);

/* A string member of @p object (at @p pointer); *out = NULL when absent and not required. */
svcr_status svcr__json_string(const svcr__json_source *source, const json_t *object, const char *pointer,
                              const char *key, int flags, const char **out);

/* An array member of at most @p limit entries; *out = NULL when absent and not required. */
svcr_status svcr__json_array(const svcr__json_source *source, const json_t *object, const char *pointer,
                             const char *key, bool required, size_t limit, const json_t **out);

/* A boolean member; *out = @p fallback when absent. */
svcr_status svcr__json_bool(const svcr__json_source *source, const json_t *object, const char *pointer,
                            const char *key, bool fallback, bool *out);

#endif

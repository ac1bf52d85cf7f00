/* Reading JSON object members with positioned errors; see json_read.h. */
#include "workflow/json_members.h"

#include <stdio.h>
#include <string.h>

void svcr__json_pointer_member(char out[SVCR__POINTER_SIZE], const char *base, const char *key)
{
    size_t n = (size_t)snprintf(out, SVCR__POINTER_SIZE, "%s/", base);
    if (n >= SVCR__POINTER_SIZE)
        return;
    for (const char *k = key; *k && n + 3 < SVCR__POINTER_SIZE; k++) {
        if (*k == '~' || *k == '/') {
            out[n++] = '~';
            out[n++] = *k == '~' ? '0' : '1';
        } else {
            out[n++] = *k;
        }
    }
    out[n] = '\0';
}

void svcr__json_pointer_index(char out[SVCR__POINTER_SIZE], const char *base, size_t index)
{
    snprintf(out, SVCR__POINTER_SIZE, "%s/%zu", base, index);
}

svcr_status svcr__json_expect_object(const svcr__json_source *source, const json_t *value, const char *pointer,
                                     const char *const *allowed)
{
    if (!json_is_object(value))
        return svcr__json_fail(source, pointer, SVCR_EPARSE, "must be an object");
    const char *key;
    json_t *member;
    json_object_foreach((json_t *)value, key, member) {
        const char *const *a = allowed;
        while (*a && strcmp(*a, key) != 0)
            a++;
        if (*a == NULL) {
            char at[SVCR__POINTER_SIZE];
            svcr__json_pointer_member(at, pointer, key);
            return svcr__json_fail(source, at, SVCR_EPARSE, "unknown member \"%s\"", key);
        }
    }
    return SVCR_OK;
}

svcr_status svcr__json_string(const svcr__json_source *source, const json_t *object, const char *pointer,
                              const char *key, int flags, const char **out)
{
    const json_t *value = json_object_get(object, key);
    char at[SVCR__POINTER_SIZE];
    svcr__json_pointer_member(at, pointer, key);
    *out = NULL;
    if (value == NULL) {
        if (flags & SVCR__JSON_REQUIRED)
            return svcr__json_fail(source, pointer, SVCR_EPARSE, "missing member \"%s\"", key);
        return SVCR_OK;
    }
    if (!json_is_string(value))
        return svcr__json_fail(source, at, SVCR_EPARSE, "must be a string");
    if ((flags & SVCR__JSON_NONEMPTY) && json_string_length(value) == 0)
        return svcr__json_fail(source, at, SVCR_EPARSE, "must not be empty");
    *out = json_string_value(value);
    return SVCR_OK;
}

int svcr__json_put(json_t *object, const char *key, json_t *value)
{
    return value == NULL ? -1 : json_object_set_new(object, key, value);
}

int svcr__json_append(json_t *array, json_t *value)
{
    return value == NULL ? -1 : json_array_append_new(array, value);
}

json_t *svcr__json_string_array(const char *const *names, size_t count)
{
    json_t *list = json_array();
    for (size_t i = 0; list != NULL && i < count; i++)
        if (svcr__json_append(list, json_string(names[i])) != 0) {
            json_decref(list);
            return NULL;
        }
    return list;
}

svcr_status svcr__json_array(const svcr__json_source *source, const json_t *object, const char *pointer,
                             const char *key, bool required, size_t limit, const json_t **out)
{
    const json_t *value = json_object_get(object, key);
    char at[SVCR__POINTER_SIZE];
    svcr__json_pointer_member(at, pointer, key);
    *out = value;
    if (value == NULL)
        return required ? svcr__json_fail(source, pointer, SVCR_EPARSE, "missing member \"%s\"", key) : SVCR_OK;
    if (!json_is_array(value))
        return svcr__json_fail(source, at, SVCR_EPARSE, "must be an array");
    if (json_array_size(value) > limit)
        return svcr__json_fail(source, at, SVCR_EPARSE, "has %zu entries; at most %zu are supported",
                               json_array_size(value), limit);
    return SVCR_OK;
}

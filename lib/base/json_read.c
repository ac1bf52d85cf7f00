/* Reading JSON documents with positioned errors; see json_read.h. */
#include "base/json_read.h"

#include <stdio.h>
#include <string.h>

svcr_status svcr__json_parse(const svcr__json_source *source,
                             svcr_status (*read)(const svcr__json_source *source, json_t *root, void *context),
                             void *context)
{
    json_t *root;
    svcr_status status = svcr__json_load(source, &root);
    if (status != SVCR_OK)
        return status;
    status = read(source, root, context);
    json_decref(root);
    return status;
}

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

json_t *svcr__json_member(const json_t *object, const char *pointer, const char *key,
                          char at[SVCR__POINTER_SIZE])
{
    svcr__json_pointer_member(at, pointer, key);
    return json_object_get(object, key);
}

svcr_status svcr__json_check_members(const svcr__json_source *source, const json_t *object, const char *pointer,
                                     const char *const *allowed)
{
    const char *key;
    json_t *member;
    json_object_foreach((json_t *)object, key, member) {
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

svcr_status svcr__json_expect_object(const svcr__json_source *source, const json_t *value, const char *pointer,
                                     const char *const *allowed)
{
    if (!json_is_object(value))
        return svcr__json_fail(source, pointer, SVCR_EPARSE, "must be an object");
    return svcr__json_check_members(source, value, pointer, allowed);
}

/* The member @p key, or NULL; a required one missing is an error at @p pointer. The member's own
 * pointer is only built by the callers that report an error there: most members are fine. */
static svcr_status get_member(const svcr__json_source *source, const json_t *object, const char *pointer,
                              const char *key, bool required, const json_t **value)
{
    *value = json_object_get(object, key);
    if (*value == NULL && required)
        return svcr__json_fail(source, pointer, SVCR_EPARSE, "missing member \"%s\"", key);
    return SVCR_OK;
}

/* The error @p message at member @p key of the object at @p pointer. */
static svcr_status fail_member(const svcr__json_source *source, const char *pointer, const char *key,
                               const char *message)
{
    char at[SVCR__POINTER_SIZE];
    svcr__json_pointer_member(at, pointer, key);
    return svcr__json_fail(source, at, SVCR_EPARSE, "%s", message);
}

svcr_status svcr__json_string(const svcr__json_source *source, const json_t *object, const char *pointer,
                              const char *key, int flags, const char **out)
{
    const json_t *value;
    *out = NULL;
    svcr_status status = get_member(source, object, pointer, key, flags & SVCR__JSON_REQUIRED, &value);
    if (status != SVCR_OK || value == NULL)
        return status;
    if (!json_is_string(value))
        return fail_member(source, pointer, key, "must be a string");
    if ((flags & SVCR__JSON_NONEMPTY) && json_string_length(value) == 0)
        return fail_member(source, pointer, key, "must not be empty");
    *out = json_string_value(value);
    return SVCR_OK;
}

svcr_status svcr__json_array(const svcr__json_source *source, const json_t *object, const char *pointer,
                             const char *key, bool required, size_t limit, const json_t **out)
{
    svcr_status status = get_member(source, object, pointer, key, required, out);
    if (status != SVCR_OK || *out == NULL)
        return status;
    if (!json_is_array(*out))
        return fail_member(source, pointer, key, "must be an array");
    if (json_array_size(*out) > limit) {
        char at[SVCR__POINTER_SIZE];
        svcr__json_pointer_member(at, pointer, key);
        return svcr__json_fail(source, at, SVCR_EPARSE, "has %zu entries; at most %zu are supported",
                               json_array_size(*out), limit);
    }
    return SVCR_OK;
}

svcr_status svcr__json_bool(const svcr__json_source *source, const json_t *object, const char *pointer,
                            const char *key, bool fallback, bool *out)
{
    const json_t *value = json_object_get(object, key);
    *out = fallback;
    if (value == NULL)
        return SVCR_OK;
    if (!json_is_boolean(value))
        return fail_member(source, pointer, key, "must be true or false");
    *out = json_is_true(value);
    return SVCR_OK;
}

/* Approval authority: ordered levels, and whether an acting level covers a required one. */
#include "atone/model.h"
#include "base/alloc.h"
#include "base/error.h"
#include "base/sized.h"

#include <string.h>

struct svcr_authority {
    char **levels; /* lowest first */
    size_t count;
};

static const char *const default_levels[] = {"agent", "supervisor", "manager"};

void svcr_authority_free(svcr_authority *authority)
{
    if (authority == NULL)
        return;
    for (size_t i = 0; i < authority->count; i++)
        svcr__free(authority->levels[i]);
    svcr__free(authority->levels);
    svcr__free(authority);
}

svcr_status svcr_authority_new(const char *const *levels, size_t count, svcr_authority **out)
{
    SVCR_REQUIRE_ARG(out);
    if (levels == NULL && count != 0)
        return svcr__fail(SVCR_EINVAL, "%s: levels is NULL but count is %zu", __func__, count);
    if (levels == NULL) {
        levels = default_levels;
        count = sizeof default_levels / sizeof default_levels[0];
    }
    if (count == 0)
        return svcr__fail(SVCR_EINVAL, "%s: at least one level is needed", __func__);
    for (size_t i = 0; i < count; i++) {
        if (levels[i] == NULL || levels[i][0] == '\0')
            return svcr__fail(SVCR_EINVAL, "%s: level %zu is NULL or empty", __func__, i);
        for (size_t k = 0; k < i; k++)
            if (strcmp(levels[k], levels[i]) == 0)
                return svcr__fail(SVCR_EINVAL, "%s: level \"%s\" is given twice", __func__, levels[i]);
    }
    svcr_authority *authority = svcr__calloc(1, sizeof *authority);
    if (authority == NULL || (authority->levels = svcr__calloc(count, sizeof(char *))) == NULL) {
        svcr__free(authority);
        return svcr__fail_nomem("making an authority");
    }
    for (size_t i = 0; i < count; i++) {
        if ((authority->levels[i] = svcr__strdup(levels[i])) == NULL) {
            svcr_authority_free(authority);
            return svcr__fail_nomem("making an authority");
        }
        authority->count++;
    }
    *out = authority;
    return SVCR_OK;
}

static svcr_status rank(const svcr_authority *authority, const char *level, size_t *out)
{
    for (size_t i = 0; i < authority->count; i++)
        if (strcmp(authority->levels[i], level) == 0) {
            *out = i;
            return SVCR_OK;
        }
    return svcr__fail(SVCR_ENOTFOUND, "no approval level \"%s\" (the levels are %s%s%s%s)", level,
                      authority->levels[0], authority->count > 1 ? " < " : "",
                      authority->count > 1 ? authority->levels[1] : "", authority->count > 2 ? " < ..." : "");
}

svcr_status svcr_authority_check(const svcr_authority *authority, const char *acting, const char *required,
                                 svcr_approval *out)
{
    SVCR_REQUIRE_ARG(authority);
    SVCR_REQUIRE_ARG(acting);
    SVCR_REQUIRE_SIZED_ARG(out);
    size_t have = 0, need = 0;
    svcr_status status = rank(authority, acting, &have);
    if (status == SVCR_OK && required != NULL)
        status = rank(authority, required, &need);
    if (status != SVCR_OK)
        return status;
    svcr_approval full = {0, have >= need, have >= need ? NULL : authority->levels[need]};
    SVCR_FILL_SIZED(out, full);
    return SVCR_OK;
}

svcr_status svcr_authority_check_result(const svcr_authority *authority, const char *acting,
                                        const svcr_table_result *result, svcr_approval *out)
{
    SVCR_REQUIRE_ARG(authority);
    SVCR_REQUIRE_ARG(acting);
    SVCR_REQUIRE_ARG(result);
    SVCR_REQUIRE_SIZED_ARG(out);
    const char *highest = NULL;
    size_t highest_rank = 0;
    for (size_t i = 0; i < svcr_table_result_offer_count(result); i++) {
        const char *level = svcr_table_result_offer(result, i)->approval;
        size_t r = 0;
        if (level == NULL)
            continue;
        svcr_status status = rank(authority, level, &r);
        if (status != SVCR_OK)
            return status;
        if (highest == NULL || r > highest_rank) {
            highest = level;
            highest_rank = r;
        }
    }
    return svcr_authority_check(authority, acting, highest, out);
}

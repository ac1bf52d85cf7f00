/* Private: recording the thread's last error. Every failing public call goes through here. */
#ifndef SVCR_BASE_ERROR_H
#define SVCR_BASE_ERROR_H

#include <svcrecover/base.h>

#include "base/compat.h" /* SVCR_PRINTF */

/* Record an error (no position) and return its status, so callers write `return svcr__fail(...)`. */
svcr_status svcr__fail(svcr_status status, const char *fmt, ...) SVCR_PRINTF(2, 3);

/* Record an error at line:column of some text (1-based; 0 when unknown) and return its status. */
svcr_status svcr__fail_at(svcr_status status, int line, int column, const char *fmt, ...)
    SVCR_PRINTF(4, 5);

/* The common out-of-memory failure; @p what says what was being built. */
svcr_status svcr__fail_nomem(const char *what);

/* Reject a NULL argument: names the function and the parameter. */
#define SVCR_REQUIRE_ARG(arg)                                                                    \
    do {                                                                                         \
        if ((arg) == NULL)                                                                       \
            return svcr__fail(SVCR_EINVAL, "%s: argument \"%s\" is NULL", __func__, #arg);       \
    } while (0)

#endif

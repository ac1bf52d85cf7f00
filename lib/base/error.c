/* The thread-local last error: status, message and optional text position. */
#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum { ERROR_MESSAGE_SIZE = 512 };

typedef struct last_error {
    svcr_status status;
    int line;
    int column;
    char message[ERROR_MESSAGE_SIZE];
} last_error;

static _Thread_local last_error thread_error;

static void record(svcr_status status, int line, int column, const char *fmt, va_list args)
{
    thread_error.status = status;
    thread_error.line = line;
    thread_error.column = column;
    /* Formatted aside first: a caller may wrap the previous message (svcr_error_message() as an
     * argument), which must not be written over while it is read. vsnprintf truncates safely; a
     * cut message still names what went wrong first. */
    char message[sizeof thread_error.message];
    vsnprintf(message, sizeof message, fmt, args);
    memcpy(thread_error.message, message, sizeof message);
}

svcr_status svcr__fail(svcr_status status, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    record(status, 0, 0, fmt, args);
    va_end(args);
    return status;
}

svcr_status svcr__fail_at(svcr_status status, int line, int column, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    record(status, line, column, fmt, args);
    va_end(args);
    return status;
}

svcr_status svcr__fail_nomem(const char *what)
{
    return svcr__fail(SVCR_ENOMEM, "out of memory while %s", what);
}

const char *svcr_error_message(void)
{
    return thread_error.message;
}

svcr_status svcr_error_status(void)
{
    return thread_error.status;
}

int svcr_error_line(void)
{
    return thread_error.line;
}

int svcr_error_column(void)
{
    return thread_error.column;
}

void svcr_error_clear(void)
{
    memset(&thread_error, 0, sizeof thread_error);
}

const char *svcr_status_name(svcr_status status)
{
    switch (status) {
    case SVCR_OK: return "SVCR_OK";
    case SVCR_EINVAL: return "SVCR_EINVAL";
    case SVCR_ENOMEM: return "SVCR_ENOMEM";
    case SVCR_ESTATE: return "SVCR_ESTATE";
    case SVCR_EGUARD: return "SVCR_EGUARD";
    case SVCR_EPARSE: return "SVCR_EPARSE";
    case SVCR_EOVERFLOW: return "SVCR_EOVERFLOW";
    case SVCR_ENOTFOUND: return "SVCR_ENOTFOUND";
    case SVCR_EPERM: return "SVCR_EPERM";
    case SVCR_ECURRENCY: return "SVCR_ECURRENCY";
    case SVCR_ECONFLICT: return "SVCR_ECONFLICT";
    }
    return "SVCR_UNKNOWN";
}

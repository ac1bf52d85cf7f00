/**
 * @file svcrecover/base.h
 * Status codes, error detail, the allocator hook, version, money and time.
 *
 * Everything else in libsvcrecover builds on these. Conventions that hold across the library:
 * - every fallible call returns an ::svcr_status (::SVCR_OK is 0, errors are negative) and writes
 *   its results through out-parameters, which are left untouched on failure;
 * - after a failure, svcr_error_message() gives this thread's explanation, naming the argument,
 *   state, event, fact or line:column at fault;
 * - time is passed in as seconds since the Unix epoch (UTC) in an `int64_t`: the library never
 *   reads a clock;
 * - money is an integer amount of minor units plus an ISO 4217 code: no floating point;
 * - truth values are `bool`, lengths of text are `length` (bytes), numbers of items are `count`,
 *   and a parameter that takes one of an enum's values has the enum's type.
 *
 * Structs: one rule for every public struct, in either direction.
 * - A struct passed by pointer begins with `size_t size`, set by whoever allocates the struct to
 *   the `sizeof` it was compiled with: the caller for a struct it declares (an argument it fills,
 *   or an out-parameter the library fills), the library for a struct it hands out (e.g. an offer
 *   of svcr_table_result_offer()). The other side reads or writes only the first `size` bytes, so
 *   a later version may append fields without breaking programs built against an earlier one.
 *   A `size` smaller than the size field itself is refused with ::SVCR_EINVAL. A struct with
 *   defaults has an init function that takes the caller's size and writes only that much
 *   (`svcr_insight_options_init(&options, sizeof options)`).
 * - Arrays of such structs cross the API as arrays of pointers (each element carries its own
 *   size); a list the library fills is a caller's array of pointers with a capacity, and the
 *   call reports the full count (call again with more room when it exceeds the capacity).
 * - Only ::svcr_money, a value passed by value, and structs used only as members of another
 *   struct have no size field; their layout is fixed.
 * - Public structs hold no fixed-size text buffers: text is a `const char *` owned by the object
 *   the struct came from, or by the struct's own allocation when the library allocated it.
 */
#ifndef SVCRECOVER_BASE_H
#define SVCRECOVER_BASE_H

#include <stddef.h>
#include <stdint.h>

#include <svcrecover/version.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Marks a declaration exported from the shared library (everything else is hidden). The
 *  library is built for ELF platforms (hidden visibility plus a version script); no DLL form. */
#if defined(__GNUC__)
#define SVCR_EXTERN __attribute__((visibility("default")))
#else
#define SVCR_EXTERN
#endif

/** Outcome of a fallible call. ::SVCR_OK is zero; every error is negative. */
typedef enum svcr_status {
    SVCR_OK = 0,           /**< Success. */
    SVCR_EINVAL = -1,      /**< An argument is invalid (NULL, out of range, malformed value). */
    SVCR_ENOMEM = -2,      /**< An allocation failed; nothing was changed. */
    SVCR_ESTATE = -3,      /**< The object's state does not allow the operation (e.g. the event). */
    SVCR_EGUARD = -4,      /**< A guard failed: a fact the transition requires is not set. */
    SVCR_EPARSE = -5,      /**< Text (JSON, table, XML) could not be parsed or validated. */
    SVCR_EOVERFLOW = -6,   /**< An integer (money, time) computation would overflow. */
    SVCR_ENOTFOUND = -7,   /**< A named thing (workflow, fact, table, entry) does not exist. */
    SVCR_EPERM = -8,       /**< The acting role may not do this. */
    SVCR_ECURRENCY = -9,   /**< Money amounts in different currencies were combined. */
    SVCR_ECONFLICT = -10,  /**< Rules or entries conflict (e.g. a decision table's hit policy). */
} svcr_status;

/**
 * The symbolic name of a status code.
 *
 * @param status any value
 * @return a static string such as "SVCR_EGUARD", or "SVCR_UNKNOWN" for a value that is not a
 *         status code; never NULL
 */
SVCR_EXTERN const char *svcr_status_name(svcr_status status);

/**
 * The calling thread's last error message.
 *
 * Set by every call that fails; cleared by nothing but svcr_error_clear() (a successful call
 * leaves the previous message in place, so read it right after the failure). The message names
 * what was wrong, e.g. `case "C-1": event "satisfied" needs fact "root_cause"` or
 * `workflow JSON: line 3, column 14: ...`.
 *
 * @return a NUL-terminated string owned by the library and valid until the thread's next
 *         failing call; "" when no error was recorded; never NULL
 */
SVCR_EXTERN const char *svcr_error_message(void);

/**
 * The status of the calling thread's last error.
 *
 * @return the status the last failing call returned, or ::SVCR_OK if none since
 *         svcr_error_clear()
 */
SVCR_EXTERN svcr_status svcr_error_status(void);

/**
 * The line (1-based) of the calling thread's last parse error.
 *
 * @return the line of the offending text, or 0 when the last error has no position
 */
SVCR_EXTERN int svcr_error_line(void);

/**
 * The column (1-based, counting a multi-byte UTF-8 character once) of the calling thread's last
 * parse error.
 *
 * @return the column of the offending text, or 0 when the last error has no position
 */
SVCR_EXTERN int svcr_error_column(void);

/** Forget the calling thread's last error (message "", status ::SVCR_OK, no position). */
SVCR_EXTERN void svcr_error_clear(void);

/**
 * Memory functions the library allocates through.
 *
 * Set @c size to `sizeof(svcr_allocator)`. All three functions are required. They follow the contracts of malloc(), realloc() and free()
 * (realloc_fn(NULL, n) allocates; free_fn(NULL) does nothing), plus the opaque @c user_data.
 */
typedef struct svcr_allocator {
    size_t size;                                                   /**< `sizeof(svcr_allocator)`. */
    void *(*malloc_fn)(size_t size, void *user_data);              /**< Allocate @p size bytes. */
    void *(*realloc_fn)(void *ptr, size_t size, void *user_data);  /**< Resize a block. */
    void (*free_fn)(void *ptr, void *user_data);                   /**< Release a block. */
    void *user_data;                                               /**< Passed to each call. */
} svcr_allocator;

/**
 * Replace the allocator the library uses.
 *
 * Call it before creating any object: an object must be freed by the allocator that made it.
 * The hook is process-wide and not synchronised; set it while no other thread uses the library.
 * JSON text is parsed by jansson, whose own allocation hook (json_set_alloc_funcs()) is also
 * process-wide and therefore left to the host.
 *
 * @param allocator the functions to use (copied), or NULL to restore malloc/realloc/free
 * @return ::SVCR_OK; ::SVCR_EINVAL if one of the three functions is NULL or @c size is wrong
 *         (nothing is changed)
 */
SVCR_EXTERN svcr_status svcr_set_allocator(const svcr_allocator *allocator);

/**
 * Release memory that the library allocated and handed to the caller, such as the text returned
 * by an encode function. Uses the current allocator hook.
 *
 * @param ptr the block, or NULL (then nothing happens)
 */
SVCR_EXTERN void svcr_free(void *ptr);

/**
 * The run-time version of the library.
 *
 * @return a static string "MAJOR.MINOR.PATCH", equal to ::SVCR_VERSION_STRING of the headers the
 *         library was built with
 */
SVCR_EXTERN const char *svcr_version(void);

/* ------------------------------------------------------------------------------------------ */
/* Money                                                                                       */
/* ------------------------------------------------------------------------------------------ */

/**
 * An amount of money: integer minor units (cents, pence, yen) and an ISO 4217 currency code.
 *
 * `{1250, "EUR"}` is EUR 12.50; `{1250, "JPY"}` is JPY 1250. The code is three upper-case ASCII
 * letters and a NUL. Arithmetic on different currencies fails with ::SVCR_ECURRENCY.
 */
typedef struct svcr_money {
    int64_t amount_minor; /**< Amount in the currency's minor unit; may be negative. */
    char currency[4];     /**< ISO 4217 alphabetic code, NUL-terminated, e.g. "EUR". */
} svcr_money;

/** How a computation that does not land on a whole minor unit is rounded. */
typedef enum svcr_rounding {
    SVCR_ROUND_HALF_EVEN = 0, /**< To nearest; ties to the even unit (banker's rounding). */
    SVCR_ROUND_HALF_UP,       /**< To nearest; ties away from zero (commercial rounding). */
    SVCR_ROUND_HALF_DOWN,     /**< To nearest; ties toward zero. */
    SVCR_ROUND_UP,            /**< Away from zero (never less than the exact value in size). */
    SVCR_ROUND_DOWN,          /**< Toward zero (truncation). */
    SVCR_ROUND_CEILING,       /**< Toward positive infinity. */
    SVCR_ROUND_FLOOR,         /**< Toward negative infinity. */
} svcr_rounding;

/**
 * Make a money value, checking the currency code.
 *
 * @param amount_minor the amount in minor units
 * @param currency     an active ISO 4217 code that has a minor unit, e.g. "EUR"; not NULL
 * @param out          receives the value; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, a code that is not three upper-case
 *         ASCII letters, or one that is not an ISO 4217 code the library knows (the message
 *         names it; see svcr_currency_minor_digits())
 */
SVCR_EXTERN svcr_status svcr_money_make(int64_t amount_minor, const char *currency, svcr_money *out);

/**
 * Add two amounts of the same currency.
 *
 * @param a   first amount
 * @param b   second amount
 * @param out receives a + b; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p out or an invalid currency code;
 *         ::SVCR_ECURRENCY if the currencies differ; ::SVCR_EOVERFLOW if the sum does not fit
 */
SVCR_EXTERN svcr_status svcr_money_add(svcr_money a, svcr_money b, svcr_money *out);

/**
 * Subtract one amount from another of the same currency.
 *
 * @param a   the amount to subtract from
 * @param b   the amount subtracted
 * @param out receives a - b; not NULL
 * @return as svcr_money_add()
 */
SVCR_EXTERN svcr_status svcr_money_subtract(svcr_money a, svcr_money b, svcr_money *out);

/**
 * Multiply an amount by a whole number (e.g. a per-hour credit by hours of delay).
 *
 * @param m      the amount
 * @param factor the multiplier; may be negative
 * @param out    receives m * factor; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p out or an invalid currency code;
 *         ::SVCR_EOVERFLOW if the product does not fit in 64 bits
 */
SVCR_EXTERN svcr_status svcr_money_multiply(svcr_money m, int64_t factor, svcr_money *out);

/**
 * Multiply an amount by the fraction numerator / denominator, rounding as asked.
 *
 * The product is computed exactly in 128-bit arithmetic before the single rounding step.
 *
 * @param m           the amount
 * @param numerator   the fraction's numerator
 * @param denominator the fraction's denominator; not 0
 * @param rounding    how to round to a whole minor unit
 * @param out         receives the rounded result; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p out, a zero denominator, an invalid rounding mode
 *         or currency code; ::SVCR_EOVERFLOW if the result does not fit in 64 bits
 */
SVCR_EXTERN svcr_status svcr_money_scale(svcr_money m, int64_t numerator, int64_t denominator,
                                         svcr_rounding rounding, svcr_money *out);

/**
 * Compare two amounts of the same currency.
 *
 * @param a     first amount
 * @param b     second amount
 * @param order receives -1, 0 or 1 as @p a is less than, equal to or greater than @p b; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p order or an invalid code; ::SVCR_ECURRENCY if the
 *         currencies differ
 */
SVCR_EXTERN svcr_status svcr_money_compare(svcr_money a, svcr_money b, int *order);

/**
 * The number of decimal digits of a currency's minor unit, per ISO 4217.
 *
 * The library knows every active code of ISO 4217 List One that has a minor unit; withdrawn
 * codes and codes without a minor unit (XAU, XDR, XTS, XXX) are not money.
 *
 * @param currency a three-letter code, e.g. "EUR" (2), "JPY" (0), "KWD" (3); not NULL
 * @return the digits (0 to 4); -1 (and ::SVCR_EINVAL in the error detail, naming the code) for
 *         NULL, a malformed code or a code the library does not know
 */
SVCR_EXTERN int svcr_currency_minor_digits(const char *currency);

/**
 * Parse a decimal amount in major units, e.g. "12.5" EUR is 1250 minor units.
 *
 * The text is an optional sign, digits, and an optional point followed by at most as many
 * digits as the currency's minor unit has: the conversion is exact, never rounded.
 *
 * @param text     the decimal text, e.g. "-12.50"; not NULL
 * @param currency an ISO 4217 code the library knows (see svcr_currency_minor_digits()); not NULL
 * @param out      receives the amount; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, malformed text, too many decimals or a bad
 *         code; ::SVCR_EOVERFLOW if the amount does not fit
 */
SVCR_EXTERN svcr_status svcr_money_parse_decimal(const char *text, const char *currency,
                                                 svcr_money *out);

/** Buffer size that always holds svcr_money_format()'s output. */
#define SVCR_MONEY_FORMAT_SIZE 32

/**
 * Format an amount as decimal major units and code, e.g. "12.50 EUR", "-1250 JPY".
 *
 * @param m    the amount
 * @param buf  receives the NUL-terminated text; not NULL
 * @param size the size of @p buf; ::SVCR_MONEY_FORMAT_SIZE always suffices
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p buf, an invalid code, or a buffer too small
 *         (then @p buf holds "" if @p size > 0)
 */
SVCR_EXTERN svcr_status svcr_money_format(svcr_money m, char *buf, size_t size);

/* ------------------------------------------------------------------------------------------ */
/* Time                                                                                        */
/* ------------------------------------------------------------------------------------------ */

/** Buffer size that always holds svcr_time_format()'s output. */
#define SVCR_TIME_FORMAT_SIZE 32

/** The earliest time the library accepts: 0001-01-01T00:00:00Z, in seconds since the epoch. */
#define SVCR_TIME_MIN INT64_C(-62135596800)
/** The latest time the library accepts: 9999-12-31T23:59:59Z, in seconds since the epoch. */
#define SVCR_TIME_MAX INT64_C(253402300799)

/**
 * Parse a time: ISO 8601 / RFC 3339 (`2026-11-23T09:00:00Z`, `2026-11-23T10:00:00+01:00`,
 * `2026-11-23` for midnight UTC) or whole seconds since the epoch written with an at sign
 * (`@1795424400`). A bare number (`2026`, `20261123`, `1795424400`) is refused as ambiguous: it
 * could be a year, a compact date or seconds.
 *
 * Every time lies in SVCR_TIME_MIN to SVCR_TIME_MAX (years 0001 to 9999, the range the
 * calendars work in); the library refuses other times wherever they enter.
 *
 * @param text the text; not NULL
 * @param out  receives seconds since the Unix epoch, UTC; not NULL
 * @return ::SVCR_OK; ::SVCR_EINVAL for a NULL argument, text that is neither form, a bare number,
 *         or a date that does not exist (e.g. 2026-02-29); ::SVCR_EOVERFLOW for a time outside
 *         years 0001-9999
 */
SVCR_EXTERN svcr_status svcr_time_parse(const char *text, int64_t *out);

/**
 * Format a time as ISO 8601 in UTC, e.g. "2026-11-23T09:00:00Z".
 *
 * @param t    seconds since the Unix epoch
 * @param buf  receives the NUL-terminated text; not NULL
 * @param size the size of @p buf; ::SVCR_TIME_FORMAT_SIZE always suffices
 * @return ::SVCR_OK; ::SVCR_EINVAL for NULL @p buf, a buffer too small, or a time outside
 *         SVCR_TIME_MIN to SVCR_TIME_MAX (years 0001-9999)
 */
SVCR_EXTERN svcr_status svcr_time_format(int64_t t, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif

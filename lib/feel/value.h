/* Private: FEEL values. Values are immutable and live in an evaluation's arena, so they are
 * shared freely (a list item, a context entry and a variable may be the same value). */
#ifndef SVCR_FEEL_VALUE_H
#define SVCR_FEEL_VALUE_H

#include "feel/arena.h"
#include "feel/decimal.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum feel_kind {
    FEEL_NULL,
    FEEL_NUMBER,
    FEEL_STRING,
    FEEL_BOOLEAN,
    FEEL_DATE,
    FEEL_TIME,
    FEEL_DATE_TIME,
    FEEL_DAYS_TIME_DURATION,
    FEEL_YEARS_MONTHS_DURATION,
    FEEL_LIST,
    FEEL_CONTEXT,
    FEEL_FUNCTION,
} feel_kind;

/* A date, a time of day or both. */
typedef struct feel_temporal {
    int64_t days;    /* days since 1970-01-01 (dates and date-times) */
    int64_t seconds; /* seconds into the day, 0-86399 (times and date-times) */
    int32_t nanos;
    int32_t offset; /* seconds east of UTC, when has_offset */
    bool has_offset;
} feel_temporal;

struct feel_function; /* a callable: a business knowledge model (lib/dmn) */

typedef struct feel_value {
    feel_kind kind;
    union {
        feel_decimal number;
        struct {
            const char *text; /* UTF-8, NUL-terminated */
            size_t length;
        } string;
        bool boolean;
        feel_temporal temporal;
        struct {
            int64_t seconds; /* same sign as nanos */
            int32_t nanos;
        } duration;
        int64_t months;
        struct {
            const struct feel_value **items;
            size_t count;
        } list;
        struct {
            const char **names;
            const struct feel_value **values;
            size_t count;
        } context;
        const struct feel_function *function;
    } as;
} feel_value;

extern const feel_value svcr__feel_null;
extern const feel_value svcr__feel_true;
extern const feel_value svcr__feel_false;

const feel_value *svcr__feel_boolean(bool value);
feel_value *svcr__feel_new(feel_arena *arena, feel_kind kind);
feel_value *svcr__feel_number(feel_arena *arena, const feel_decimal *number);
feel_value *svcr__feel_string(feel_arena *arena, const char *text, size_t length);
/* A context entry by name, or NULL. */
const feel_value *svcr__feel_context_get(const feel_value *context, const char *name);
const char *svcr__feel_kind_name(feel_kind kind);

/* FEEL equality (=): null when the kinds cannot be compared; otherwise true or false. */
const feel_value *svcr__feel_equal(const feel_value *a, const feel_value *b);
/* Ordering: -1, 0, 1, or 2 when a and b are not comparable (different kinds, null, lists). */
int svcr__feel_order(const feel_value *a, const feel_value *b);

/* ISO 8601 text to a value of @p kind (date, time, date and time, either duration); NULL when
 * the text is not one. FEEL_DAYS_TIME_DURATION accepts either duration form ("P1Y" gives a
 * years-and-months duration). Out of memory it returns &svcr__feel_null. */
const feel_value *svcr__feel_parse_temporal(feel_arena *arena, feel_kind kind, const char *text, size_t length);
/* ISO 8601 text of a date, time, date and time or duration, into @p text (64 bytes). */
void svcr__feel_format_temporal(const feel_value *value, char text[64]);

#endif

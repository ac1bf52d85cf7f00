/* Bad inputs of calendar.h: parsing, arithmetic and the builder. Rows of docs/bad-inputs.md
 * (tests/bad_inputs_table.py); see bad_inputs.h. The snapshot samples the calendar and what the
 * builder builds, so a refused call must change neither. */
#include "bad_inputs/bad_inputs.h"

#include <inttypes.h>

#define T_DEC_21_2026 INT64_C(1797811200) /* 2026-12-21T00:00:00Z, a Monday */
#define T_9999_12_31 INT64_C(253402214400) /* 9999-12-31T00:00:00Z, a Friday */
#define T_TOO_LATE INT64_C(253402300800)   /* 10000-01-01T00:00:00Z */

typedef struct fixture {
    svcr_calendar *calendar;
    svcr_calendar_builder *builder;
    svcr_calendar *out;
    svcr_calendar_builder *empty; /* no opening hours */
    int64_t instant;
    bool open;
    int32_t offset;
} fixture;

static void sample(char **text, const svcr_calendar *calendar)
{
    bad_append(text, "name %s:", svcr_calendar_name(calendar));
    for (int64_t t = T_DEC_21_2026; t < T_DEC_21_2026 + 14 * 86400; t += 1800) {
        bool open = false;
        int32_t offset = 0;
        assert_int_equal(svcr_calendar_is_open(calendar, t, &open), SVCR_OK);
        assert_int_equal(svcr_calendar_utc_offset(calendar, t, &offset), SVCR_OK);
        bad_append(text, "%c%d", open ? 'o' : 'c', (int)(offset / 3600));
    }
    bad_append(text, "\n");
}

static char *snapshot(void *data)
{
    fixture *f = data;
    char *text = NULL;
    sample(&text, f->calendar);
    svcr_calendar *built = NULL;
    assert_int_equal(svcr_calendar_builder_build(f->builder, &built), SVCR_OK);
    sample(&text, built);
    svcr_calendar_free(built);
    bad_append(&text, "outputs %p %" PRId64 " %d %d", (void *)f->out, f->instant,
               (int)f->open, (int)f->offset);
    return text;
}

static const char calendar_json[] = "{\"name\": \"emea\", \"utc_offset\": \"+01:00\",\n"
                                    " \"hours\": {\"mon-fri\": [\"09:00-17:00\"]},\n"
                                    " \"holidays\": [\"2026-12-25\"]}";

static int setup(void **state)
{
    static fixture f;
    if (svcr_calendar_parse(calendar_json, strlen(calendar_json), &f.calendar) != SVCR_OK ||
        svcr_calendar_builder_new("builder", &f.builder) != SVCR_OK ||
        svcr_calendar_builder_new("empty", &f.empty) != SVCR_OK ||
        svcr_calendar_builder_add_hours(f.builder, 1, 9 * 3600, 17 * 3600) != SVCR_OK ||
        svcr_calendar_builder_add_offset_change(f.builder, T_DEC_21_2026, 3600) != SVCR_OK)
        return -1;
    bad_inputs_watch(snapshot, &f);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    svcr_calendar_free(f->calendar);
    svcr_calendar_builder_free(f->builder);
    svcr_calendar_builder_free(f->empty);
    return 0;
}

static void parse_rows(void **state)
{
    fixture *f = *state;
    const char *overlap = "{\"hours\": {\"mon-fri\": [\"09:00-17:00\"],\n \"wed\": [\"16:30-18:00\"]}}";
    const char *hour25 = "{\"hours\": {\"mon\": [\"25:00-26:00\"]}}";
    const char *leap = "{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"holidays\": [\"2026-12-25\", \"2026-02-29\"]}";
    const char *unknown = "{\"hours\": {\"mon\": [\"09:00-17:00\"]}, \"colour\": 1}";
    BAD("svcr_calendar_parse", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_calendar_parse(NULL, 2, &f->out));
    BAD("svcr_calendar_parse", "NULL out", SVCR_EINVAL, "\"out\" is NULL",
        svcr_calendar_parse(calendar_json, strlen(calendar_json), NULL));
    BAD("svcr_calendar_parse", "malformed JSON (truncated)", SVCR_EPARSE, "line 1",
        svcr_calendar_parse(calendar_json, 20, &f->out));
    BAD("svcr_calendar_parse", "hours \"25:00-26:00\"", SVCR_EPARSE, "line 1, column 20: ",
        svcr_calendar_parse(hour25, strlen(hour25), &f->out));
    BAD("svcr_calendar_parse", "overlapping intervals on Wednesday", SVCR_EPARSE, "line 2, column 10",
        svcr_calendar_parse(overlap, strlen(overlap), &f->out));
    BAD("svcr_calendar_parse", "holiday 2026-02-29 (not a date)", SVCR_EPARSE, "line 2, column 29: /holidays/1: 2026-02-29 is not a date",
        svcr_calendar_parse(leap, strlen(leap), &f->out));
    BAD("svcr_calendar_parse", "an unknown member \"colour\"", SVCR_EPARSE, "colour",
        svcr_calendar_parse(unknown, strlen(unknown), &f->out));
    BAD("svcr_calendar_parse", "no opening hours at all", SVCR_EPARSE, "no opening hours",
        svcr_calendar_parse("{\"hours\": {}}", 13, &f->out));
    BAD("svcr_calendar_new_24x7", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_calendar_new_24x7(NULL));
    BAD_IGNORED("svcr_calendar_free", "NULL", svcr_calendar_free(NULL));
    BAD_RETURNS("svcr_calendar_name", "NULL calendar", "NULL", "\"calendar\" is NULL",
                svcr_calendar_name(NULL) == NULL);
}

static void arithmetic_rows(void **state)
{
    fixture *f = *state;
    const svcr_calendar *c = f->calendar;
    BAD("svcr_calendar_add", "NULL calendar", SVCR_EINVAL, "\"calendar\" is NULL",
        svcr_calendar_add(NULL, T_DEC_21_2026, 60, &f->instant));
    BAD("svcr_calendar_add", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_calendar_add(c, T_DEC_21_2026, 60, NULL));
    BAD("svcr_calendar_add", "from in year 10000", SVCR_EINVAL, "is outside years 0001-9999",
        svcr_calendar_add(c, T_TOO_LATE, 60, &f->instant));
    BAD("svcr_calendar_add", "INT64_MAX business seconds (beyond year 9999)", SVCR_EOVERFLOW,
        "leaves years 0001-9999", svcr_calendar_add(c, T_DEC_21_2026, INT64_MAX, &f->instant));
    BAD("svcr_calendar_between", "NULL calendar", SVCR_EINVAL, "\"calendar\" is NULL",
        svcr_calendar_between(NULL, 0, 60, &f->instant));
    BAD("svcr_calendar_between", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_calendar_between(c, 0, 60, NULL));
    BAD("svcr_calendar_between", "to in year 10000", SVCR_EINVAL, "is outside years 0001-9999",
        svcr_calendar_between(c, 0, T_TOO_LATE, &f->instant));
    BAD("svcr_calendar_is_open", "NULL calendar", SVCR_EINVAL, "\"calendar\" is NULL",
        svcr_calendar_is_open(NULL, 0, &f->open));
    BAD("svcr_calendar_is_open", "NULL open", SVCR_EINVAL, "\"open\" is NULL", svcr_calendar_is_open(c, 0, NULL));
    BAD("svcr_calendar_is_open", "at INT64_MIN", SVCR_EINVAL, "is outside years 0001-9999",
        svcr_calendar_is_open(c, INT64_MIN, &f->open));
    BAD("svcr_calendar_next_open", "NULL calendar", SVCR_EINVAL, "\"calendar\" is NULL",
        svcr_calendar_next_open(NULL, 0, &f->instant));
    BAD("svcr_calendar_next_open", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_calendar_next_open(c, 0, NULL));
    BAD("svcr_calendar_next_open", "at in year 10000", SVCR_EINVAL, "is outside years 0001-9999",
        svcr_calendar_next_open(c, T_TOO_LATE, &f->instant));
    BAD("svcr_calendar_next_open", "Friday 9999-12-31, open Mon-Fri 09-17 UTC+1 only after it", SVCR_EOVERFLOW,
        "does not open again before year 10000", svcr_calendar_next_open(c, T_9999_12_31 + 20 * 3600, &f->instant));
    BAD("svcr_calendar_utc_offset", "NULL calendar", SVCR_EINVAL, "\"calendar\" is NULL",
        svcr_calendar_utc_offset(NULL, 0, &f->offset));
    BAD("svcr_calendar_utc_offset", "NULL offset", SVCR_EINVAL, "\"offset\" is NULL",
        svcr_calendar_utc_offset(c, 0, NULL));
}

static void builder_rows(void **state)
{
    fixture *f = *state;
    svcr_calendar_builder *b = f->builder;
    BAD("svcr_calendar_builder_new", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_calendar_builder_new("x", NULL));
    BAD_IGNORED("svcr_calendar_builder_free", "NULL", svcr_calendar_builder_free(NULL));
    BAD("svcr_calendar_builder_add_hours", "NULL builder", SVCR_EINVAL, "\"builder\" is NULL",
        svcr_calendar_builder_add_hours(NULL, 2, 0, 3600));
    BAD("svcr_calendar_builder_add_hours", "weekday 0", SVCR_EINVAL, "weekday 0 is not 1 (Monday) to 7 (Sunday)",
        svcr_calendar_builder_add_hours(b, 0, 0, 3600));
    BAD("svcr_calendar_builder_add_hours", "weekday 8", SVCR_EINVAL, "weekday 8 is not 1 (Monday) to 7 (Sunday)",
        svcr_calendar_builder_add_hours(b, 8, 0, 3600));
    BAD("svcr_calendar_builder_add_hours", "open after close (17:00-09:00)", SVCR_EINVAL,
        "is not within a day with open before close", svcr_calendar_builder_add_hours(b, 2, 17 * 3600, 9 * 3600));
    BAD("svcr_calendar_builder_add_hours", "close after midnight (86401)", SVCR_EINVAL,
        "is not within a day with open before close", svcr_calendar_builder_add_hours(b, 2, 0, 86401));
    BAD("svcr_calendar_builder_add_hours", "hours overlapping Monday 09:00-17:00", SVCR_ECONFLICT,
        "16:00-18:00 overlaps 09:00-17:00", svcr_calendar_builder_add_hours(b, 1, 16 * 3600, 18 * 3600));
    BAD("svcr_calendar_builder_add_holiday", "NULL builder", SVCR_EINVAL, "\"builder\" is NULL",
        svcr_calendar_builder_add_holiday(NULL, 2026, 12, 25));
    BAD("svcr_calendar_builder_add_holiday", "2026-02-29 (not a date)", SVCR_EINVAL,
        "2026-02-29 is not a date in years 0001-9999", svcr_calendar_builder_add_holiday(b, 2026, 2, 29));
    BAD("svcr_calendar_builder_add_holiday", "year 0", SVCR_EINVAL, "0000-01-01 is not a date",
        svcr_calendar_builder_add_holiday(b, 0, 1, 1));
    BAD("svcr_calendar_builder_add_holiday", "month 13", SVCR_EINVAL, "2026-13-01 is not a date",
        svcr_calendar_builder_add_holiday(b, 2026, 13, 1));
    BAD("svcr_calendar_builder_add_closure", "NULL builder", SVCR_EINVAL, "\"builder\" is NULL",
        svcr_calendar_builder_add_closure(NULL, 2026, 12, 24, 0, 3600));
    BAD("svcr_calendar_builder_add_closure", "2026-04-31 (not a date)", SVCR_EINVAL, "2026-04-31 is not a date",
        svcr_calendar_builder_add_closure(b, 2026, 4, 31, 0, 3600));
    BAD("svcr_calendar_builder_add_closure", "from equal to to", SVCR_EINVAL,
        "is not within a day with open before close", svcr_calendar_builder_add_closure(b, 2026, 12, 24, 3600, 3600));
    BAD("svcr_calendar_builder_add_closure", "negative from", SVCR_EINVAL, "is not within a day",
        svcr_calendar_builder_add_closure(b, 2026, 12, 24, -1, 3600));
    BAD("svcr_calendar_builder_set_utc_offset", "NULL builder", SVCR_EINVAL, "\"builder\" is NULL",
        svcr_calendar_builder_set_utc_offset(NULL, 0));
    BAD("svcr_calendar_builder_set_utc_offset", "offset of 19 hours", SVCR_EINVAL,
        "UTC offset of 68400 seconds is beyond 18 hours", svcr_calendar_builder_set_utc_offset(b, 19 * 3600));
    BAD("svcr_calendar_builder_set_utc_offset", "offset of -19 hours", SVCR_EINVAL,
        "UTC offset of -68400 seconds is beyond 18 hours", svcr_calendar_builder_set_utc_offset(b, -19 * 3600));
    BAD("svcr_calendar_builder_add_offset_change", "NULL builder", SVCR_EINVAL, "\"builder\" is NULL",
        svcr_calendar_builder_add_offset_change(NULL, T_DEC_21_2026, 0));
    BAD("svcr_calendar_builder_add_offset_change", "offset of 19 hours", SVCR_EINVAL, "is beyond 18 hours",
        svcr_calendar_builder_add_offset_change(b, T_DEC_21_2026 + 86400, 19 * 3600));
    BAD("svcr_calendar_builder_add_offset_change", "from in year 10000", SVCR_EINVAL,
        "from (253402300800) is outside years 0001-9999", svcr_calendar_builder_add_offset_change(b, T_TOO_LATE, 0));
    BAD("svcr_calendar_builder_add_offset_change", "from not after the previous change", SVCR_EINVAL,
        "is not after the previous one at 2026-12-21T00:00:00Z",
        svcr_calendar_builder_add_offset_change(b, T_DEC_21_2026, 7200));
    BAD("svcr_calendar_builder_build", "NULL builder", SVCR_EINVAL, "\"builder\" is NULL",
        svcr_calendar_builder_build(NULL, &f->out));
    BAD("svcr_calendar_builder_build", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_calendar_builder_build(b, NULL));
    BAD("svcr_calendar_builder_build", "a builder with no opening hours", SVCR_EINVAL,
        "calendar \"empty\" has no opening hours on any weekday",
        svcr_calendar_builder_build(f->empty, &f->out));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(parse_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(arithmetic_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(builder_rows, bad_inputs_verify),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

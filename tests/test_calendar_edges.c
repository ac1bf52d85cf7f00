/* Calendar JSON: the malformed clock times, dates and offsets the main calendar tests leave out,
 * each rejected with SVCR_EPARSE at the line:column of the bad value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>

/* Parsing @p json fails with SVCR_EPARSE at the first occurrence of @p mark, with a message
 * containing @p words, and writes nothing. */
static void rejects_at(const char *json, const char *mark, const char *words)
{
    const char *at = strstr(json, mark);
    if (at == NULL)
        fail_msg("\"%s\" is not in %s", mark, json);
    int line = 1, column = 1;
    for (const char *p = json; p < at; p++) {
        if (*p == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
    }
    svcr_calendar *calendar = (svcr_calendar *)0x1;
    svcr_status status = svcr_calendar_parse(json, strlen(json), &calendar);
    if (status != SVCR_EPARSE || svcr_error_line() != line || svcr_error_column() != column ||
        strstr(svcr_error_message(), words) == NULL)
        fail_msg("%s\n-> %s at %d:%d: %s (want %d:%d, \"%s\")", json, svcr_status_name(status),
                 svcr_error_line(), svcr_error_column(), svcr_error_message(), line, column, words);
    assert_ptr_equal(calendar, (svcr_calendar *)0x1);
}

/* A calendar open Monday 09:00-17:00 with @p extra members appended. */
static const char *monday_with(const char *extra)
{
    static char buffer[1024];
    snprintf(buffer, sizeof buffer, "{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n %s}", extra);
    return buffer;
}

static void rejects_malformed_clock_times(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "0900-1700",      /* no colon */
        "09:0-17:00",     /* one digit of minutes */
        "09:00:5-17:00",  /* one digit of seconds */
        "09:60-10:00",    /* minute 60 */
        "09:00:60-10:00", /* second 60 */
        "12:00-24:00:01", /* past the end of the day */
        "09:00+17:00",    /* not a range */
        "09:00-17:0",     /* the close is cut short */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char json[128];
        snprintf(json, sizeof json, "{\"hours\": {\"tue\": [\"%s\"]}}", bad[i]);
        char mark[64];
        snprintf(mark, sizeof mark, "\"%s\"", bad[i]);
        rejects_at(json, mark, "expected a local time interval such as \"09:00-17:00\"");
    }
    /* 24:00 closes a day, and seconds are allowed. */
    svcr_calendar *calendar = NULL;
    const char good[] = "{\"hours\": {\"tue\": [\"00:00:30-24:00\"]}}";
    assert_int_equal(svcr_calendar_parse(good, strlen(good), &calendar), SVCR_OK);
    bool open = false;
    int64_t tuesday = 0;
    assert_int_equal(svcr_time_parse("2026-11-24T00:00:29Z", &tuesday), SVCR_OK);
    assert_int_equal(svcr_calendar_is_open(calendar, tuesday, &open), SVCR_OK);
    assert_false(open);
    assert_int_equal(svcr_calendar_is_open(calendar, tuesday + 1, &open), SVCR_OK);
    assert_true(open);
    svcr_calendar_free(calendar);
}

static void rejects_malformed_dates(void **state)
{
    (void)state;
    static const char *const bad[] = {"2026x12-25", "2026-1-25", "2026-12x25", "2026-12-5", "2026-12-250"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char extra[128];
        snprintf(extra, sizeof extra, "\"holidays\": [\"%s\"]", bad[i]);
        char mark[64];
        snprintf(mark, sizeof mark, "\"%s\"", bad[i]);
        rejects_at(monday_with(extra), mark, "expected a date \"YYYY-MM-DD\"");
    }
    rejects_at(monday_with("\"holidays\": [7]"), "7]", "expected a date \"YYYY-MM-DD\"");
    rejects_at(monday_with("\"closures\": [{\"date\": \"24.12.2026\", \"closed\": \"12:00-13:00\"}]"),
               "\"24.12.2026\"", "expected a date \"YYYY-MM-DD\"");
    rejects_at(monday_with("\"closures\": [{\"closed\": \"12:00-13:00\"}]"), "{\"closed\"",
               "expected {\"date\": \"YYYY-MM-DD\", \"closed\": \"HH:MM-HH:MM\"}");
}

static void rejects_malformed_offsets(void **state)
{
    (void)state;
    static const char *const bad[] = {"01:00", "+01-00", "+01:0", "+0100", "+01:00 ", "-1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char extra[128];
        snprintf(extra, sizeof extra, "\"utc_offset\": \"%s\"", bad[i]);
        char mark[64];
        snprintf(mark, sizeof mark, "\"%s\"", bad[i]);
        rejects_at(monday_with(extra), mark, "expected a UTC offset as seconds or text such as \"+01:00\"");
    }
    rejects_at(monday_with("\"utc_offset\": -64801"), "-64801", "UTC offset of -64801 seconds is beyond 18 hours");
    rejects_at(monday_with("\"utc_offset\": \"-18:01\""), "\"-18:01\"", "UTC offset \"-18:01\" is beyond 18 hours");
    svcr_calendar *calendar = NULL;
    const char *ok = monday_with("\"utc_offset\": \"-18:00\"");
    assert_int_equal(svcr_calendar_parse(ok, strlen(ok), &calendar), SVCR_OK);
    int32_t offset = 0;
    assert_int_equal(svcr_calendar_utc_offset(calendar, 0, &offset), SVCR_OK);
    assert_int_equal(offset, -18 * 3600);
    svcr_calendar_free(calendar);
}

static void long_weekday_names_are_reported_cut_short(void **state)
{
    (void)state;
    char key[400];
    memset(key, 'x', sizeof key - 1);
    key[sizeof key - 1] = '\0';
    char json[512];
    snprintf(json, sizeof json, "{\"hours\": {\"%s\": []}}", key);
    svcr_calendar *calendar = NULL;
    assert_int_equal(svcr_calendar_parse(json, strlen(json), &calendar), SVCR_EPARSE);
    assert_null(calendar);
    assert_non_null(strstr(svcr_error_message(), "unknown weekday \"xxxxxxxx"));
    /* The pointer no longer names a member, so the position falls back to "hours". */
    assert_int_equal(svcr_error_line(), 1);
    assert_int_equal(svcr_error_column(), 11);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rejects_malformed_clock_times),
        cmocka_unit_test(rejects_malformed_dates),
        cmocka_unit_test(rejects_malformed_offsets),
        cmocka_unit_test(long_weekday_names_are_reported_cut_short),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Reading a calendar's JSON definition into a builder; errors carry the value's line:column. */
#include "calendar/internal.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "base/json_read.h"

enum { POINTER_SIZE = SVCR__POINTER_SIZE };

/* Turn a builder's refusal into a parse error at @p pointer (allocation failures stay as they are). */
static svcr_status at_value(const svcr__json_source *source, const char *pointer, svcr_status status)
{
    if (status == SVCR_OK || status == SVCR_ENOMEM)
        return status;
    char message[512];
    snprintf(message, sizeof message, "%s", svcr_error_message());
    return svcr__json_fail(source, pointer, SVCR_EPARSE, "%s", message);
}

static const char *const weekday_names[7][2] = {
    {"monday", "mon"}, {"tuesday", "tue"},  {"wednesday", "wed"}, {"thursday", "thu"},
    {"friday", "fri"}, {"saturday", "sat"}, {"sunday", "sun"},
};

/* The ISO weekday named by text[0 .. length), or 0. */
static int weekday_of(const char *text, size_t length)
{
    for (int w = 0; w < 7; w++)
        for (int form = 0; form < 2; form++)
            if (strlen(weekday_names[w][form]) == length &&
                strncasecmp(weekday_names[w][form], text, length) == 0)
                return w + 1;
    return 0;
}

/* Read exactly @p count digits. */
static int read_digits(const char **p, int count, int *value)
{
    int v = 0;
    for (int i = 0; i < count; i++, (*p)++) {
        if (**p < '0' || **p > '9')
            return 0;
        v = v * 10 + (**p - '0');
    }
    *value = v;
    return 1;
}

/* "HH:MM" or "HH:MM:SS", 00:00 to 24:00, as seconds after midnight. */
static int read_clock(const char **p, int32_t *seconds)
{
    int hour, minute, second = 0;
    if (!read_digits(p, 2, &hour) || *(*p)++ != ':' || !read_digits(p, 2, &minute))
        return 0;
    if (**p == ':' && (++*p, !read_digits(p, 2, &second)))
        return 0;
    if (hour > 24 || minute > 59 || second > 59 || (hour == 24 && (minute != 0 || second != 0)))
        return 0;
    *seconds = hour * 3600 + minute * 60 + second;
    return 1;
}

/* An interval "HH:MM-HH:MM" of the value at @p pointer. */
static svcr_status read_interval(const svcr__json_source *source, const char *pointer, json_t *value,
                                 int32_t *open, int32_t *close)
{
    const char *text = json_string_value(value);
    const char *p = text;
    if (text == NULL || !read_clock(&p, open) || *p++ != '-' || !read_clock(&p, close) || *p != '\0')
        return svcr__json_fail(source, pointer, SVCR_EPARSE,
                               "expected a local time interval such as \"09:00-17:00\" (00:00 to 24:00)");
    if (*open >= *close)
        return svcr__json_fail(source, pointer, SVCR_EPARSE,
                               "interval \"%s\" does not open before it closes", text);
    return SVCR_OK;
}

static svcr_status read_date(const svcr__json_source *source, const char *pointer, json_t *value,
                             int *year, int *month, int *day)
{
    const char *text = json_string_value(value);
    const char *p = text;
    if (text == NULL || !read_digits(&p, 4, year) || *p++ != '-' || !read_digits(&p, 2, month) ||
        *p++ != '-' || !read_digits(&p, 2, day) || *p != '\0')
        return svcr__json_fail(source, pointer, SVCR_EPARSE, "expected a date \"YYYY-MM-DD\"");
    return SVCR_OK;
}

/* An offset as seconds (3600) or text ("+01:00", "-04:30"). */
static svcr_status read_offset(const svcr__json_source *source, const char *pointer, json_t *value,
                               int32_t *offset)
{
    if (json_is_integer(value)) {
        json_int_t seconds = json_integer_value(value);
        if (seconds < -SVCR_CALENDAR_MAX_OFFSET || seconds > SVCR_CALENDAR_MAX_OFFSET)
            return svcr__json_fail(source, pointer, SVCR_EPARSE,
                                   "UTC offset of %" JSON_INTEGER_FORMAT " seconds is beyond 18 hours",
                                   seconds);
        *offset = (int32_t)seconds;
        return SVCR_OK;
    }
    const char *text = json_string_value(value);
    const char *p = text;
    int hours, minutes;
    if (text == NULL || (*p != '+' && *p != '-') || (++p, !read_digits(&p, 2, &hours)) ||
        *p++ != ':' || !read_digits(&p, 2, &minutes) || minutes > 59 || *p != '\0')
        return svcr__json_fail(source, pointer, SVCR_EPARSE,
                               "expected a UTC offset as seconds or text such as \"+01:00\"");
    if (hours * 3600 + minutes * 60 > SVCR_CALENDAR_MAX_OFFSET)
        return svcr__json_fail(source, pointer, SVCR_EPARSE, "UTC offset \"%s\" is beyond 18 hours",
                               text);
    *offset = (text[0] == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    return SVCR_OK;
}

/* An instant as ISO 8601 text or epoch seconds. */
static svcr_status read_instant(const svcr__json_source *source, const char *pointer, json_t *value,
                                int64_t *at)
{
    if (json_is_integer(value)) {
        *at = json_integer_value(value);
        return SVCR_OK;
    }
    if (!json_is_string(value))
        return svcr__json_fail(source, pointer, SVCR_EPARSE,
                               "expected an instant such as \"2026-03-29T01:00:00Z\" or epoch seconds");
    return at_value(source, pointer, svcr_time_parse(json_string_value(value), at));
}

/* One member of "hours": a weekday or range of weekdays and its intervals. */
static svcr_status read_weekdays(const svcr__json_source *source, svcr_calendar_builder *builder,
                                 const char *key, json_t *intervals)
{
    char pointer[POINTER_SIZE];
    svcr__json_pointer_member(pointer, "/hours", key);
    const char *dash = strchr(key, '-');
    int first = weekday_of(key, dash ? (size_t)(dash - key) : strlen(key));
    int last = dash ? weekday_of(dash + 1, strlen(dash + 1)) : first;
    if (first == 0 || last == 0)
        return svcr__json_fail(source, pointer, SVCR_EPARSE,
                               "unknown weekday \"%s\": use monday ... sunday, mon ... sun, or a "
                               "range such as mon-fri",
                               key);
    if (!json_is_array(intervals))
        return svcr__json_fail(source, pointer, SVCR_EPARSE,
                               "expected an array of intervals such as [\"09:00-17:00\"]");
    size_t i;
    json_t *value;
    json_array_foreach(intervals, i, value) {
        char item[POINTER_SIZE];
        svcr__json_pointer_index(item, pointer, i);
        int32_t open, close;
        svcr_status status = read_interval(source, item, value, &open, &close);
        /* A range wraps around the week: "sat-mon" is Saturday, Sunday and Monday. */
        for (int w = first, done = 0; status == SVCR_OK && !done; w = w % 7 + 1) {
            status = at_value(source, item, svcr_calendar_builder_add_hours(builder, w, open, close));
            done = w == last;
        }
        if (status != SVCR_OK)
            return status;
    }
    return SVCR_OK;
}

static svcr_status read_hours(const svcr__json_source *source, svcr_calendar_builder *builder,
                              json_t *hours)
{
    if (json_is_string(hours) && strcmp(json_string_value(hours), "24x7") == 0) {
        svcr_status status = SVCR_OK;
        for (int w = 1; w <= 7 && status == SVCR_OK; w++)
            status = svcr_calendar_builder_add_hours(builder, w, 0, SVCR_CALENDAR_DAY_SECONDS);
        return status;
    }
    if (!json_is_object(hours))
        return svcr__json_fail(source, "/hours", SVCR_EPARSE,
                               "expected an object of weekdays and intervals, or \"24x7\"");
    const char *key;
    json_t *intervals;
    json_object_foreach(hours, key, intervals) {
        svcr_status status = read_weekdays(source, builder, key, intervals);
        if (status != SVCR_OK)
            return status;
    }
    return SVCR_OK;
}

static svcr_status read_holiday(const svcr__json_source *source, svcr_calendar_builder *builder,
                                const char *pointer, json_t *holiday)
{
    static const char *const members[] = {"date", "name", NULL};
    char date_pointer[POINTER_SIZE];
    snprintf(date_pointer, sizeof date_pointer, "%s", pointer);
    json_t *date = holiday;
    if (json_is_object(holiday)) {
        svcr_status status = svcr__json_check_members(source, holiday, pointer, members);
        if (status != SVCR_OK)
            return status;
        if (json_object_get(holiday, "name") && !json_is_string(json_object_get(holiday, "name")))
            return svcr__json_fail(source, pointer, SVCR_EPARSE, "\"name\" must be a string");
        date = json_object_get(holiday, "date");
        svcr__json_pointer_member(date_pointer, pointer, "date");
        if (date == NULL)
            return svcr__json_fail(source, pointer, SVCR_EPARSE, "a holiday needs a \"date\"");
    }
    int year, month, day;
    svcr_status status = read_date(source, date_pointer, date, &year, &month, &day);
    if (status != SVCR_OK)
        return status;
    return at_value(source, date_pointer, svcr_calendar_builder_add_holiday(builder, year, month, day));
}

/* A member's value and where it is. */
typedef struct member {
    json_t *value;
    char pointer[POINTER_SIZE];
} member;

/* An object of @p shape whose first two @p members are required (and the rest optional). */
static svcr_status read_pair(const svcr__json_source *source, const char *pointer, json_t *object,
                             const char *const *members, const char *shape, member *first,
                             member *second)
{
    if (!json_is_object(object))
        return svcr__json_fail(source, pointer, SVCR_EPARSE, "expected %s", shape);
    svcr_status status = svcr__json_check_members(source, object, pointer, members);
    if (status != SVCR_OK)
        return status;
    first->value = json_object_get(object, members[0]);
    second->value = json_object_get(object, members[1]);
    if (first->value == NULL || second->value == NULL)
        return svcr__json_fail(source, pointer, SVCR_EPARSE, "expected %s", shape);
    svcr__json_pointer_member(first->pointer, pointer, members[0]);
    svcr__json_pointer_member(second->pointer, pointer, members[1]);
    return SVCR_OK;
}

static svcr_status read_closure(const svcr__json_source *source, svcr_calendar_builder *builder,
                                const char *pointer, json_t *closure)
{
    static const char *const members[] = {"date", "closed", "name", NULL};
    member date, closed;
    int year, month, day;
    int32_t from, to;
    svcr_status status = read_pair(source, pointer, closure, members,
                                   "{\"date\": \"YYYY-MM-DD\", \"closed\": \"HH:MM-HH:MM\"}", &date,
                                   &closed);
    if (status == SVCR_OK)
        status = read_date(source, date.pointer, date.value, &year, &month, &day);
    if (status == SVCR_OK)
        status = read_interval(source, closed.pointer, closed.value, &from, &to);
    if (status != SVCR_OK)
        return status;
    return at_value(source, date.pointer,
                    svcr_calendar_builder_add_closure(builder, year, month, day, from, to));
}

static svcr_status read_offset_change(const svcr__json_source *source,
                                      svcr_calendar_builder *builder, const char *pointer,
                                      json_t *change)
{
    static const char *const members[] = {"from", "utc_offset", NULL};
    member from, offset;
    int64_t at;
    int32_t seconds;
    svcr_status status = read_pair(source, pointer, change, members,
                                   "{\"from\": instant, \"utc_offset\": offset}", &from, &offset);
    if (status == SVCR_OK)
        status = read_instant(source, from.pointer, from.value, &at);
    if (status == SVCR_OK)
        status = read_offset(source, offset.pointer, offset.value, &seconds);
    if (status != SVCR_OK)
        return status;
    /* The offset is in range, so a refusal is about the instant (its range or its order). */
    return at_value(source, from.pointer, svcr_calendar_builder_add_offset_change(builder, at, seconds));
}

/* Apply each element of the array member @p name with @p read. */
static svcr_status read_list(const svcr__json_source *source, svcr_calendar_builder *builder,
                             json_t *root, const char *name,
                             svcr_status (*read)(const svcr__json_source *, svcr_calendar_builder *,
                                                 const char *, json_t *))
{
    json_t *list = json_object_get(root, name);
    if (list == NULL)
        return SVCR_OK;
    char pointer[POINTER_SIZE];
    svcr__json_pointer_member(pointer, "", name);
    if (!json_is_array(list))
        return svcr__json_fail(source, pointer, SVCR_EPARSE, "\"%s\" must be an array", name);
    size_t i;
    json_t *value;
    json_array_foreach(list, i, value) {
        char item[POINTER_SIZE];
        svcr__json_pointer_index(item, pointer, i);
        svcr_status status = read(source, builder, item, value);
        if (status != SVCR_OK)
            return status;
    }
    return SVCR_OK;
}

static svcr_status read_calendar(const svcr__json_source *source, json_t *root,
                                 svcr_calendar_builder *builder)
{
    svcr_status status = SVCR_OK;
    json_t *offset = json_object_get(root, "utc_offset");
    if (offset != NULL) {
        int32_t seconds;
        status = read_offset(source, "/utc_offset", offset, &seconds);
        if (status == SVCR_OK)
            status = at_value(source, "/utc_offset",
                              svcr_calendar_builder_set_utc_offset(builder, seconds));
    }
    json_t *hours = json_object_get(root, "hours");
    if (status == SVCR_OK && hours == NULL)
        status = svcr__json_fail(source, "", SVCR_EPARSE, "a calendar needs opening \"hours\"");
    if (status == SVCR_OK)
        status = read_hours(source, builder, hours);
    if (status == SVCR_OK)
        status = read_list(source, builder, root, "holidays", read_holiday);
    if (status == SVCR_OK)
        status = read_list(source, builder, root, "closures", read_closure);
    if (status == SVCR_OK)
        status = read_list(source, builder, root, "offset_changes", read_offset_change);
    return status;
}

/* The whole document: the builder's name, then its parts. */
static svcr_status read_document(const svcr__json_source *source, json_t *root, void *out)
{
    static const char *const members[] = {"name",     "hours",      "holidays",       "closures",
                                          "utc_offset", "offset_changes", NULL};
    if (!json_is_object(root))
        return svcr__json_fail(source, "", SVCR_EPARSE, "a calendar is a JSON object");
    const char *name;
    svcr_status status = svcr__json_check_members(source, root, "", members);
    if (status == SVCR_OK)
        status = svcr__json_string(source, root, "", "name", 0, &name);
    svcr_calendar_builder *builder = NULL;
    if (status == SVCR_OK)
        status = svcr_calendar_builder_new(name, &builder);
    if (status == SVCR_OK)
        status = read_calendar(source, root, builder);
    if (status == SVCR_OK)
        status = at_value(source, "/hours", svcr_calendar_builder_build(builder, out));
    svcr_calendar_builder_free(builder);
    return status;
}

svcr_status svcr_calendar_parse(const char *json, size_t len, svcr_calendar **out)
{
    SVCR_REQUIRE_ARG(json);
    SVCR_REQUIRE_ARG(out);
    svcr__json_source source = {"calendar JSON", json, len};
    return svcr__json_parse(&source, read_document, out);
}

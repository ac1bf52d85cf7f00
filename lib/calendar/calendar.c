/* Calendar lifetime, the 24x7 calendar, and looking up the UTC offset in force. */
#include "calendar/internal.h"

#include <inttypes.h>

#include "base/alloc.h"
#include "base/error.h"

void svcr_calendar_free(svcr_calendar *calendar)
{
    if (calendar == NULL)
        return;
    svcr__free(calendar->name);
    svcr__free(calendar->spans);
    svcr__free(calendar->special_days);
    svcr__free(calendar->special_hours);
    svcr__free(calendar->change_at);
    svcr__free(calendar->change_offset);
    svcr__free(calendar);
}

const char *svcr_calendar_name(const svcr_calendar *calendar)
{
    if (calendar == NULL) {
        svcr__fail(SVCR_EINVAL, "%s: argument \"calendar\" is NULL", __func__);
        return NULL;
    }
    return calendar->name;
}

svcr_status svcr_calendar_new_24x7(svcr_calendar **out)
{
    SVCR_REQUIRE_ARG(out);
    svcr_calendar_builder *builder = NULL;
    svcr_status status = svcr_calendar_builder_new("24x7", &builder);
    for (int weekday = 1; weekday <= 7 && status == SVCR_OK; weekday++)
        status = svcr_calendar_builder_add_hours(builder, weekday, 0, SVCR_CALENDAR_DAY_SECONDS);
    if (status == SVCR_OK)
        status = svcr_calendar_builder_build(builder, out);
    svcr_calendar_builder_free(builder);
    return status;
}

svcr_status svcr__calendar_check_instant(const char *function, const char *what, int64_t at)
{
    if (at < SVCR__CALENDAR_MIN_INSTANT || at > SVCR__CALENDAR_MAX_INSTANT)
        return svcr__fail(SVCR_EINVAL, "%s: %s (%" PRId64 ") is outside years 0001-9999", function,
                          what, at);
    return SVCR_OK;
}

/* The default "business" calendar: Monday to Friday, 09:00-17:00 UTC, no holidays.
 *
 * Timers of the built-in workflows count in "business"; a host that binds no calendar of that name
 * gets this one, so a newcomer sees timers without configuring anything. Constant data, shared by
 * every thread, never freed. */
#include "calendar/business.h"

#include "calendar/internal.h"

enum { OPEN = 9 * 3600, CLOSE = 17 * 3600, DAY = CLOSE - OPEN };

/* Every working day uses the same one span. */
static const svcr__span office_hours = {OPEN, CLOSE};

static const svcr_calendar business = {
    .name = (char *)"business",
    .week = {{0, 1, DAY}, {0, 1, DAY}, {0, 1, DAY}, {0, 1, DAY}, {0, 1, DAY}, {0, 0, 0}, {0, 0, 0}},
    .week_seconds = 5 * DAY,
    .spans = (svcr__span *)&office_hours,
    .special_count = 0,
    .special_days = NULL,
    .special_hours = NULL,
    .base_offset = 0,
    .change_count = 0,
    .change_at = NULL,
    .change_offset = NULL,
};

const svcr_calendar *svcr__calendar_business(void)
{
    return &business;
}

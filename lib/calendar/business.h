/* Private: the default "business" calendar (Monday to Friday, 09:00-17:00 UTC). */
#ifndef SVCR_CALENDAR_BUSINESS_H
#define SVCR_CALENDAR_BUSINESS_H

#include <svcrecover/calendar.h>

/* The name a timer counts in to get svcr__calendar_business() when the host binds none. */
#define SVCR__CALENDAR_BUSINESS "business"

/* The default business calendar: constant, shared, never freed. */
const svcr_calendar *svcr__calendar_business(void);

#endif

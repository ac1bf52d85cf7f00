/* Private: proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01).
 * The algorithms are Howard Hinnant's days_from_civil / civil_from_days. */
#ifndef SVCR_BASE_CIVIL_H
#define SVCR_BASE_CIVIL_H

#include <stdbool.h>
#include <stdint.h>

enum { SVCR_SECONDS_PER_DAY = 86400 };

int64_t svcr__days_from_civil(int64_t year, int month, int day);
void svcr__civil_from_days(int64_t days, int64_t *year, int *month, int *day);
/* ISO weekday of a day number: 1 = Monday ... 7 = Sunday. */
int svcr__iso_weekday(int64_t days);
bool svcr__is_leap_year(int64_t year);
int svcr__days_in_month(int64_t year, int month);
/* Floor division of seconds into a day number (correct for times before 1970). */
int64_t svcr__day_of(int64_t seconds);

#endif

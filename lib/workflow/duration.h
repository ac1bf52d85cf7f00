/* Private: durations in workflow JSON: whole seconds (86400) or text with units ("1d", "1h30m"). */
#ifndef SVCR_WORKFLOW_DURATION_H
#define SVCR_WORKFLOW_DURATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Parse "<number><unit>..." with units w, d, h, m, s (each at most once, largest first), e.g.
 * "14d", "1h30m", "90s". Returns false for anything else or a total above a century. */
bool svcr__duration_parse(const char *text, int64_t *seconds);

/* Buffer size that always holds svcr__duration_format()'s output. */
enum { SVCR__DURATION_SIZE = 48 };

/* Canonical text for @p seconds (>= 0): days, hours, minutes, seconds, zero parts left out
 * ("14d", "1d1h", "0s"). */
void svcr__duration_format(int64_t seconds, char buf[SVCR__DURATION_SIZE]);

#endif

/* The host's settings for a workflow's timers: calendars bound by name, target overrides. */
#include "workflow/internal.h"
#include "base/alloc.h"

#include <stdio.h>
#include <string.h>

svcr_status svcr_timer_config_new(const svcr_workflow *wf, svcr_timer_config **out)
{
    SVCR_REQUIRE_ARG(wf);
    SVCR_REQUIRE_ARG(out);
    /* One block: the struct, the target per timer, the calendar per name. */
    svcr_timer_config *config = svcr__malloc(sizeof *config + wf->timer_count * sizeof(int64_t) +
                                             wf->calendar_count * sizeof(const svcr_calendar *));
    if (config == NULL)
        return svcr__fail_nomem("making a timer configuration");
    config->wf = wf;
    config->targets = (int64_t *)(config + 1);
    config->calendars = (const svcr_calendar **)(config->targets + wf->timer_count);
    for (uint16_t i = 0; i < wf->timer_count; i++)
        config->targets[i] = -1;
    for (uint16_t i = 0; i < wf->calendar_count; i++)
        config->calendars[i] = NULL;
    *out = config;
    return SVCR_OK;
}

void svcr_timer_config_free(svcr_timer_config *config)
{
    svcr__free(config);
}

svcr_status svcr_timer_config_bind_calendar(svcr_timer_config *config, const char *name,
                                            const svcr_calendar *calendar)
{
    SVCR_REQUIRE_ARG(config);
    SVCR_REQUIRE_ARG(name);
    SVCR_REQUIRE_ARG(calendar);
    const svcr_workflow *wf = config->wf;
    long slot = svcr__name_index_find(&wf->calendar_index, name);
    if (slot < 0) {
        char used[256] = "";
        for (uint16_t i = 0; i < wf->calendar_count; i++)
            snprintf(used + strlen(used), sizeof used - strlen(used), "%s%s", i ? ", " : "", wf->calendar_names[i]);
        return svcr__fail(SVCR_ENOTFOUND, "%s: no timer of workflow \"%s\" counts in calendar \"%s\" (used: %s)",
                          __func__, wf->name, name, wf->calendar_count ? used : "none");
    }
    config->calendars[slot] = calendar;
    return SVCR_OK;
}

svcr_status svcr_timer_config_set_target(svcr_timer_config *config, const char *timer, int64_t seconds)
{
    SVCR_REQUIRE_ARG(config);
    SVCR_REQUIRE_ARG(timer);
    if (seconds < 0)
        return svcr__fail(SVCR_EINVAL, "%s: the target of timer \"%s\" must not be negative", __func__, timer);
    long t = svcr__workflow_find_timer(config->wf, timer);
    if (t < 0)
        return svcr__fail(SVCR_ENOTFOUND, "%s: workflow \"%s\" has no timer \"%s\"", __func__, config->wf->name,
                          timer);
    config->targets[t] = seconds;
    return SVCR_OK;
}

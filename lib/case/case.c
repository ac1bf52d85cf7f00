/* Opening and freeing cases, and reading their state and log. */
#include "case/internal.h"
#include "base/alloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void svcr__case_format_time(int64_t t, char buf[SVCR_TIME_FORMAT_SIZE])
{
    if (svcr_time_format(t, buf, SVCR_TIME_FORMAT_SIZE) != SVCR_OK)
        snprintf(buf, SVCR_TIME_FORMAT_SIZE, "%" PRId64, t);
}

svcr_status svcr_case_new(const svcr_workflow *wf, const char *id, int64_t opened_at, svcr_case **out)
{
    SVCR_REQUIRE_ARG(wf);
    SVCR_REQUIRE_ARG(id);
    SVCR_REQUIRE_ARG(out);
    size_t id_length = svcr__utf8_length(id);
    if (id_length == 0 || id_length == SIZE_MAX)
        return svcr__fail(SVCR_EINVAL, "svcr_case_new: the case id must be non-empty UTF-8");
    if (opened_at < SVCR_TIME_MIN || opened_at > SVCR_TIME_MAX)
        return svcr__fail(SVCR_EINVAL, "svcr_case_new: opened_at (%" PRId64 ") is outside years 0001-9999",
                          opened_at);
    size_t bits_size = (wf->fact_count + 63) / 64 * sizeof(uint64_t);
    size_t id_size = id_length + 1;
    svcr_case *c = svcr__malloc(sizeof *c + bits_size + id_size);
    if (c == NULL)
        return svcr__fail_nomem("opening a case");
    char *id_copy = (char *)c->set_bits + bits_size;
    memcpy(id_copy, id, id_size);
    *c = (svcr_case){.wf = wf, .id = id_copy, .opened_at = opened_at, .state = wf->initial};
    memset(c->set_bits, 0, bits_size);
    *out = c;
    return SVCR_OK;
}

void svcr_case_free(svcr_case *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->history_length; i++) {
        const svcr__record *r = &c->history[i];
        if (r->kind == SVCR__NOTE_RECORD || (r->kind == SVCR__SET && c->wf->facts[r->slot].type == SVCR_FACT_STRING))
            svcr__free(r->value.text);
    }
    if (c->extra != NULL) {
        for (uint32_t i = 0; i < c->extra->actor_count; i++)
            svcr__free(c->extra->actors[i]);
        svcr__free(c->extra->actors);
        svcr__free(c->extra);
    }
    svcr__free(c->log);
    svcr__free(c->history);
    svcr__free(c);
}

int svcr__case_grow(void **array, uint32_t *capacity, uint32_t length, uint32_t first, size_t size)
{
    size_t grown = *capacity;
    if (length == UINT32_MAX || svcr__grow(array, &grown, length < first ? first : (size_t)length + 1, size) != 0)
        return -1;
    *capacity = grown < UINT32_MAX ? (uint32_t)grown : UINT32_MAX;
    return 0;
}

const char *svcr_case_id(const svcr_case *c)
{
    return c ? svcr__case_id(c) : NULL;
}

const svcr_workflow *svcr_case_workflow(const svcr_case *c)
{
    return c ? c->wf : NULL;
}

int64_t svcr_case_opened_at(const svcr_case *c)
{
    return c ? c->opened_at : 0;
}

const char *svcr_case_state(const svcr_case *c)
{
    return c ? c->wf->state_names[c->state] : NULL;
}

svcr_status svcr_case_state_info(const svcr_case *c, svcr_state_info *out)
{
    SVCR_REQUIRE_ARG(c);
    return svcr_workflow_state(c->wf, c->state, out);
}

int64_t svcr_case_state_since(const svcr_case *c)
{
    return c ? svcr__case_state_since(c) : 0;
}

int64_t svcr_case_last_at(const svcr_case *c)
{
    return c ? svcr__case_last_at(c) : 0;
}

int64_t svcr__case_state_since(const svcr_case *c)
{
    for (size_t i = c->log_length; i-- > 0;) {
        const svcr__log_entry e = svcr__case_log(c, i);
        if (e.from != e.to)
            return e.at;
    }
    return c->opened_at;
}

const char *svcr__case_note(const svcr_case *c, size_t index)
{
    /* The note of entry i is the last record with after == i. */
    size_t low = 0, high = c->history_length;
    while (low < high) {
        size_t mid = low + (high - low) / 2;
        if (c->history[mid].after <= index)
            low = mid + 1;
        else
            high = mid;
    }
    if (low == 0)
        return NULL;
    const svcr__record *r = &c->history[low - 1];
    return r->kind == SVCR__NOTE_RECORD && r->after == index ? r->value.text : NULL;
}

size_t svcr_case_log_count(const svcr_case *c)
{
    return c ? c->log_length : 0;
}

svcr_status svcr_case_log_entry(const svcr_case *c, size_t index, svcr_log_entry *out)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(out);
    if (out->size < sizeof(size_t))
        return svcr__fail(SVCR_EINVAL, "%s: out->size is %zu; set it to sizeof(svcr_log_entry)", __func__,
                          out->size);
    if (index >= c->log_length)
        return svcr__fail(SVCR_EINVAL, "%s: index %zu is out of range (case \"%s\" has %zu log entries)",
                          __func__, index, svcr__case_id(c), (size_t)c->log_length);
    const svcr__log_entry e = svcr__case_log(c, index);
    const svcr_workflow *wf = c->wf;
    svcr_log_entry full = {out->size,
                           (uint64_t)index + 1,
                           wf->event_names[e.event],
                           wf->state_names[e.from],
                           wf->state_names[e.to],
                           e.at,
                           wf->role_names[e.role],
                           svcr__case_note(c, index),
                           svcr__case_actor_name(c, c->log[index].actor)};
    memcpy(out, &full, out->size < sizeof full ? out->size : sizeof full);
    return SVCR_OK;
}

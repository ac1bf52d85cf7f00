/* Opening and freeing cases, and reading their state and log. */
#include "case/internal.h"
#include "base/alloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

bool svcr__utf8_valid(const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        if (*p < 0x80) {
            p++;
            continue;
        }
        int length;
        uint32_t code;
        if ((*p & 0xE0) == 0xC0) {
            length = 2;
            code = *p & 0x1F;
        } else if ((*p & 0xF0) == 0xE0) {
            length = 3;
            code = *p & 0x0F;
        } else if ((*p & 0xF8) == 0xF0) {
            length = 4;
            code = *p & 0x07;
        } else {
            return false;
        }
        for (int i = 1; i < length; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            code = (code << 6) | (p[i] & 0x3F);
        }
        static const uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return false;
        p += length;
    }
    return true;
}

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
    if (id[0] == '\0' || !svcr__utf8_valid(id))
        return svcr__fail(SVCR_EINVAL, "svcr_case_new: the case id must be non-empty UTF-8");
    size_t slots = wf->fact_count;
    size_t words = (slots + 63) / 64;
    size_t id_size = strlen(id) + 1;
    svcr_case *c = svcr__malloc(sizeof *c + slots * sizeof(svcr__fact_value) + words * sizeof(uint64_t) +
                                id_size);
    if (c == NULL)
        return svcr__fail_nomem("opening a case");
    memset(c, 0, sizeof *c);
    c->wf = wf;
    memset(svcr__case_set_bits(c), 0, words * sizeof(uint64_t));
    char *id_copy = (char *)(svcr__case_set_bits(c) + words);
    memcpy(id_copy, id, id_size);
    c->id = id_copy;
    c->opened_at = opened_at;
    c->state_since = opened_at;
    c->state = wf->initial;
    *out = c;
    return SVCR_OK;
}

void svcr_case_free(svcr_case *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->note_count; i++)
        svcr__free(c->notes[i].text);
    for (size_t i = 0; i < c->change_count; i++)
        if (c->changes[i].set && c->wf->facts[c->changes[i].slot].type == SVCR_FACT_STRING)
            svcr__free(c->changes[i].value.string);
    svcr__free(c->more_log);
    svcr__free(c->notes);
    svcr__free(c->changes);
    svcr__free(c);
}

const char *svcr_case_id(const svcr_case *c)
{
    return c ? c->id : NULL;
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
    return c ? c->state_since : 0;
}

int64_t svcr_case_last_at(const svcr_case *c)
{
    return c ? svcr__case_last_at(c) : 0;
}

const char *svcr__case_note(const svcr_case *c, size_t index)
{
    size_t low = 0, high = c->note_count;
    while (low < high) {
        size_t mid = low + (high - low) / 2;
        if (c->notes[mid].index < index)
            low = mid + 1;
        else
            high = mid;
    }
    return low < c->note_count && c->notes[low].index == index ? c->notes[low].text : NULL;
}

size_t svcr_case_log_length(const svcr_case *c)
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
                          __func__, index, c->id, c->log_length);
    const svcr__log_entry *e = svcr__case_log(c, index);
    const svcr_workflow *wf = c->wf;
    svcr_log_entry full = {out->size,
                           (uint64_t)index + 1,
                           wf->event_names[e->event],
                           wf->state_names[e->from],
                           wf->state_names[e->to],
                           e->at,
                           wf->role_names[e->role],
                           svcr__case_note(c, index)};
    memcpy(out, &full, out->size < sizeof full ? out->size : sizeof full);
    return SVCR_OK;
}

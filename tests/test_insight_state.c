/* svcr_insight_state_encode() / svcr_insight_state_decode(): an accumulator's state survives the
 * trip through bytes exactly; decoded partials merge into exactly what one pass gives; equal states
 * give equal bytes; every malformed input is refused with SVCR_EPARSE and a message naming what is
 * wrong; allocation failure is reported and leaks nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>


#include <svcrecover.h>

#include "base/hash.h"
#include "support/test_alloc.h"

enum { CASES = 600 };

/* Case @p n (deterministic): every field insight reads varies with n, including keys longer than
 * the intern tables keep inline and timers. */
static void add_case(svcr_insight *insight, unsigned n)
{
    static const char *const states[] = {"identify", "fix", "follow_up", "closed", "a state with a rather long name"};
    static const char *const causes[] = {"late", "damaged", "billing", "rude", "a root cause longer than sixteen bytes"};
    char customer[40];
    snprintf(customer, sizeof customer, n % 5 ? "K-%u" : "customer-with-a-long-id-%u", n % 97);
    svcr_insight_timer first = {sizeof first, "first_response", (svcr_insight_flag)(n % 3)};
    svcr_insight_timer resolve = {sizeof resolve, "resolution_within_the_agreed_time", (svcr_insight_flag)((n / 3) % 3)};
    const svcr_insight_timer *timers[] = {&first, &resolve};
    svcr_insight_record r;
    svcr_insight_record_init(&r, sizeof r);
    r.state = states[n % 5];
    r.opened_at = 1000 + 37 * (int64_t)n;
    r.first_response_seconds = n % 4 ? (int64_t)(13 * n * n) : -1;
    r.resolution_seconds = n % 3 ? (int64_t)(3600 * n + n % 7) : -1;
    r.follow_up = (svcr_insight_follow_up)(n % 3);
    r.closed = n % 4 == 3;
    r.reopen_count = n % 11 == 0;
    r.customer = n % 13 ? customer : NULL;
    r.root_cause = n % 6 ? causes[(n * 7) % 5] : NULL;
    r.severity = (svcr_insight_severity)(n % 3);
    r.has_satisfaction = n % 2;
    r.satisfaction = (int32_t)(n % 7) - 1;
    r.solicited = (svcr_insight_flag)(n % 3);
    r.timers = timers;
    r.timer_count = 2;
    assert_int_equal(svcr_insight_add(insight, &r), SVCR_OK);
    if (n % 17 == 0)
        assert_int_equal(svcr_insight_add_baseline(insight, (int32_t)(n % 5)), SVCR_OK);
    if (n % 29 == 0) {
        uint8_t e[22], p[22], points[5] = {10, 30, 20, 25, 15};
        for (int i = 0; i < 22; i++) {
            e[i] = (uint8_t)(1 + (n + (unsigned)i) % 7);
            p[i] = (uint8_t)(1 + (n * 3 + (unsigned)i) % 7);
        }
        assert_int_equal(svcr_insight_add_servqual(insight, e, p, points), SVCR_OK);
    }
}

static svcr_insight *made(unsigned from, unsigned to)
{
    svcr_insight_options options;
    svcr_insight_options_init(&options, sizeof options);
    options.quick_resolution_seconds = 7200;
    options.window_start = 2000;
    options.window_end = 20000;
    options.repurchase[1][2] = 1234;
    options.solicited_fact = NULL;
    svcr_insight *insight = NULL;
    assert_int_equal(svcr_insight_new(&options, &insight), SVCR_OK);
    for (unsigned n = from; n < to; n++)
        add_case(insight, n);
    return insight;
}

static void set_owners(svcr_insight *insight)
{
    assert_int_equal(svcr_insight_set_owner(insight, "late", "logistics"), SVCR_OK);
    assert_int_equal(svcr_insight_set_owner(insight, "a root cause longer than sixteen bytes", "the platform team"), SVCR_OK);
}

/* Every figure, as the host reads them: JSON and both CSV tables. */
static char *figures(const svcr_insight *insight)
{
    char *json = NULL, *pareto = NULL, *causes = NULL;
    assert_int_equal(svcr_insight_encode(insight, &json), SVCR_OK);
    assert_int_equal(svcr_insight_pareto_csv(insight, &pareto), SVCR_OK);
    assert_int_equal(svcr_insight_causes_csv(insight, &causes), SVCR_OK);
    size_t size = strlen(json) + strlen(pareto) + strlen(causes) + 1;
    char *all = malloc(size);
    assert_non_null(all);
    snprintf(all, size, "%s%s%s", json, pareto, causes);
    svcr_free(json);
    svcr_free(pareto);
    svcr_free(causes);
    return all;
}

typedef struct state {
    unsigned char *bytes;
    size_t length;
} state;

static state encoded(const svcr_insight *insight)
{
    state s = {NULL, 0};
    assert_int_equal(svcr_insight_state_encode(insight, &s.bytes, &s.length), SVCR_OK);
    assert_non_null(s.bytes);
    return s;
}

static svcr_insight *decoded(state s)
{
    svcr_insight *insight = NULL;
    svcr_status status = svcr_insight_state_decode(s.bytes, s.length, &insight);
    if (status != SVCR_OK)
        fail_msg("decode: %s", svcr_error_message());
    return insight;
}

static void assert_same_state(state a, state b)
{
    assert_int_equal(a.length, b.length);
    assert_memory_equal(a.bytes, b.bytes, a.length);
}

static void round_trip_keeps_every_figure(void **unused)
{
    (void)unused;
    svcr_insight *insight = made(0, CASES);
    set_owners(insight);
    state s = encoded(insight);
    svcr_insight *back = decoded(s);
    char *before = figures(insight), *after = figures(back);
    assert_string_equal(before, after);
    state again = encoded(back);
    assert_same_state(s, again);
    /* The decoded accumulator is a full one: it keeps counting, like the original. */
    add_case(insight, CASES);
    add_case(back, CASES);
    free(before);
    free(after);
    before = figures(insight);
    after = figures(back);
    assert_string_equal(before, after);
    free(before);
    free(after);
    svcr_free(s.bytes);
    svcr_free(again.bytes);
    svcr_insight_free(insight);
    svcr_insight_free(back);
}

static void empty_accumulator_round_trips(void **unused)
{
    (void)unused;
    svcr_insight *empty = NULL;
    assert_int_equal(svcr_insight_new(NULL, &empty), SVCR_OK);
    state s = encoded(empty);
    assert_true(s.length < 300); /* compact: the two histograms alone hold 7424 counters, none written */
    svcr_insight *back = decoded(s);
    char *a = figures(empty), *b = figures(back);
    assert_string_equal(a, b);
    free(a);
    free(b);
    svcr_free(s.bytes);
    svcr_insight_free(empty);
    svcr_insight_free(back);
}

/* What a cluster does: partials made apart, sent as bytes, merged; exactly one pass. */
static void merged_decoded_partials_equal_one_pass(void **unused)
{
    (void)unused;
    static const unsigned cuts[] = {0, 1, 150, 151, 400, CASES};
    svcr_insight *single = made(0, CASES);
    set_owners(single);
    svcr_insight *total = made(0, 0);
    for (size_t i = 0; i + 1 < sizeof cuts / sizeof cuts[0]; i++) {
        svcr_insight *part = made(cuts[i], cuts[i + 1]);
        if (i == 2)
            set_owners(part);
        state s = encoded(part);
        svcr_insight *received = decoded(s);
        assert_int_equal(svcr_insight_merge(total, received), SVCR_OK);
        svcr_free(s.bytes);
        svcr_insight_free(part);
        svcr_insight_free(received);
    }
    char *a = figures(single), *b = figures(total);
    assert_string_equal(a, b);
    state x = encoded(single), y = encoded(total);
    assert_same_state(x, y);
    free(a);
    free(b);
    svcr_free(x.bytes);
    svcr_free(y.bytes);
    svcr_insight_free(single);
    svcr_insight_free(total);
}

/* Tables are written in key order: the order cases came in does not show in the bytes. */
static void equal_states_give_equal_bytes(void **unused)
{
    (void)unused;
    svcr_insight *forward = made(0, 200), *backward = made(0, 0);
    for (unsigned n = 200; n-- > 0;)
        add_case(backward, n);
    state a = encoded(forward), b = encoded(backward);
    assert_same_state(a, b);
    add_case(backward, 999);
    state c = encoded(backward);
    assert_true(c.length != a.length || memcmp(c.bytes, a.bytes, a.length) != 0);
    svcr_free(a.bytes);
    svcr_free(b.bytes);
    svcr_free(c.bytes);
    svcr_insight_free(forward);
    svcr_insight_free(backward);
}

/* Where @p needle first occurs in @p bytes; fails the test if nowhere. */
static unsigned char *find(unsigned char *bytes, size_t length, const char *needle, size_t needle_length)
{
    for (size_t i = 0; i + needle_length <= length; i++)
        if (memcmp(bytes + i, needle, needle_length) == 0)
            return bytes + i;
    fail_msg("\"%s\" is not in the state", needle);
    return NULL;
}

/* ---- bad input ---------------------------------------------------------------------------- */

static void refused(const unsigned char *bytes, size_t length, const char *message)
{
    svcr_insight *out = (svcr_insight *)&out; /* must stay untouched */
    svcr_insight *before = out;
    assert_int_equal(svcr_insight_state_decode(bytes, length, &out), SVCR_EPARSE);
    assert_ptr_equal(out, before);
    if (strstr(svcr_error_message(), message) == NULL)
        fail_msg("expected \"%s\" in \"%s\"", message, svcr_error_message());
}

/* Rewrite the length and checksum after a change, as a writer that meant it would. */
static void reseal(unsigned char *bytes, size_t length)
{
    uint64_t hash = svcr__hash_bytes(SVCR__HASH_SEED, bytes, length - 8);
    for (int i = 0; i < 8; i++) {
        bytes[5 + i] = (unsigned char)((uint64_t)length >> (8 * i));
        bytes[length - 8 + (size_t)i] = (unsigned char)(hash >> (8 * i));
    }
}

static void framing_errors_are_named(void **unused)
{
    (void)unused;
    svcr_insight *insight = made(0, 50);
    state s = encoded(insight);
    unsigned char *copy = malloc(s.length + 1);
    memcpy(copy, s.bytes, s.length);
    copy[s.length] = 0;
    refused((const unsigned char *)"", 0, "truncated");
    refused((const unsigned char *)"SV", 2, "truncated");
    refused((const unsigned char *)"PK\3\4 a zip file, say", 20, "not an insight state");
    for (size_t cut = 4; cut < s.length; cut++)
        refused(copy, cut, cut < 21 ? "truncated" : "truncated: ");
    refused(copy, s.length + 1, "1 bytes after its end");
    copy[4] = 2;
    refused(copy, s.length, "version 2 is not supported (this library reads version 1)");
    copy[4] = 1;
    for (size_t at = 13; at < s.length; at++) { /* any change of any byte is seen */
        copy[at] ^= 0x20;
        refused(copy, s.length, "corrupt: the checksum does not match");
        copy[at] ^= 0x20;
    }
    free(copy);
    svcr_free(s.bytes);
    svcr_insight_free(insight);
}

/* Bytes with a valid checksum whose figures disagree: the decoder checks them, not only the sum. */
static void inconsistent_figures_are_refused(void **unused)
{
    (void)unused;
    svcr_insight *insight = NULL;
    assert_int_equal(svcr_insight_new(NULL, &insight), SVCR_OK);
    svcr_insight_record r;
    svcr_insight_record_init(&r, sizeof r);
    r.state = "open";
    assert_int_equal(svcr_insight_add(insight, &r), SVCR_OK);
    state s = encoded(insight);
    /* Default options take 3 + 6 + 8 names; then the counts start with cases (1). Find the
     * state's table near the end: "open" then its count 1. */
    unsigned char *copy = malloc(s.length);
    memcpy(copy, s.bytes, s.length);
    unsigned char *open = find(copy, s.length, "open", 4);
    assert_non_null(open);
    open[4] = 2; /* two cases in "open", one case in all */
    reseal(copy, s.length);
    refused(copy, s.length, "corrupt: a state's cases");
    open[4] = 1;
    memcpy(open, "op\0n", 4);
    reseal(copy, s.length);
    refused(copy, s.length, "corrupt: a state");
    memcpy(open, "op\xff\xfe", 4);
    reseal(copy, s.length);
    refused(copy, s.length, "corrupt: a state");
    memcpy(open, "open", 4);
    open[-1] = 200; /* the key's length: past the end */
    reseal(copy, s.length);
    refused(copy, s.length, "runs past the end");
    free(copy);

    /* Every single-byte change, resealed: refused with EPARSE or decoded into a valid
     * accumulator (a change of a count that stays consistent), never anything else. */
    copy = malloc(s.length);
    for (size_t at = 13; at < s.length - 8; at++) {
        for (int bit = 0; bit < 8; bit++) {
            memcpy(copy, s.bytes, s.length);
            copy[at] ^= (unsigned char)(1u << bit);
            reseal(copy, s.length);
            svcr_insight *out = NULL;
            svcr_status status = svcr_insight_state_decode(copy, s.length, &out);
            assert_true(status == SVCR_OK || status == SVCR_EPARSE);
            if (status == SVCR_OK) {
                char *json = NULL;
                assert_int_equal(svcr_insight_encode(out, &json), SVCR_OK);
                svcr_free(json);
            }
            svcr_insight_free(out);
        }
    }
    free(copy);
    svcr_free(s.bytes);
    svcr_insight_free(insight);
}

static void a_repeated_key_is_corrupt(void **unused)
{
    (void)unused;
    svcr_insight *insight = made(0, 0);
    svcr_insight_record r;
    svcr_insight_record_init(&r, sizeof r);
    r.state = "aa";
    assert_int_equal(svcr_insight_add(insight, &r), SVCR_OK);
    r.state = "ab";
    assert_int_equal(svcr_insight_add(insight, &r), SVCR_OK);
    state s = encoded(insight);
    unsigned char *ab = find(s.bytes, s.length, "ab", 2);
    assert_non_null(ab);
    ab[1] = 'a';
    reseal(s.bytes, s.length);
    refused(s.bytes, s.length, "corrupt: a state (byte");
    svcr_free(s.bytes);
    svcr_insight_free(insight);
}

static void null_arguments(void **unused)
{
    (void)unused;
    svcr_insight *insight = made(0, 3), *out = NULL;
    unsigned char *bytes = NULL;
    size_t length = 0;
    assert_int_equal(svcr_insight_state_encode(NULL, &bytes, &length), SVCR_EINVAL);
    assert_int_equal(svcr_insight_state_encode(insight, NULL, &length), SVCR_EINVAL);
    assert_int_equal(svcr_insight_state_encode(insight, &bytes, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_insight_state_decode(NULL, 10, &out), SVCR_EINVAL);
    assert_int_equal(svcr_insight_state_encode(insight, &bytes, &length), SVCR_OK);
    assert_int_equal(svcr_insight_state_decode(bytes, length, NULL), SVCR_EINVAL);
    svcr_free(bytes);
    svcr_insight_free(insight);
}

/* ---- allocation failure ------------------------------------------------------------------- */

static svcr_status encode_decode(void *data)
{
    svcr_insight *source = data, *back = NULL;
    unsigned char *bytes = NULL;
    size_t length = 0;
    svcr_status s = svcr_insight_state_encode(source, &bytes, &length);
    if (s == SVCR_OK)
        s = svcr_insight_state_decode(bytes, length, &back);
    svcr_free(bytes);
    svcr_insight_free(back);
    return s;
}

static void allocation_failure_is_reported(void **unused)
{
    (void)unused;
    svcr_insight *insight = made(0, CASES);
    set_owners(insight);
    assert_true(test_alloc_exhaust(encode_decode, insight) > 10);
    svcr_insight_free(insight);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip_keeps_every_figure),
        cmocka_unit_test(empty_accumulator_round_trips),
        cmocka_unit_test(merged_decoded_partials_equal_one_pass),
        cmocka_unit_test(equal_states_give_equal_bytes),
        cmocka_unit_test(framing_errors_are_named),
        cmocka_unit_test(inconsistent_figures_are_refused),
        cmocka_unit_test(a_repeated_key_is_corrupt),
        cmocka_unit_test(null_arguments),
        cmocka_unit_test(allocation_failure_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

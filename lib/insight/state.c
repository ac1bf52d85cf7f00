/* The mergeable state of an insight accumulator as bytes, and back: what a process sends another
 * (a Dask worker its partial result, a pickle) so that merging the decoded partials equals one
 * pass over all the cases.
 *
 * Layout (version 1), integers little-endian; "uint" is an unsigned LEB128 varint, "int" a
 * zigzag-coded one, "text" a uint length and its UTF-8 bytes:
 *   header    "SVIS", version (1 byte), total length in bytes (8 bytes)
 *   options   int quick_resolution_seconds, window_start, window_end; 6 uint repurchase;
 *             8 names, each uint length + 1 (0 for none) and its bytes
 *   counts    uint cases, responded, closed, reopened, closed_with_cause, caused, solicited_yes,
 *             solicited_known, outcome[3], retention[2][3], repeat_customers
 *   times     2 histograms: uint count, int sum, min, max, uint buckets in use, then per bucket
 *             uint (index - previous index - 1) and uint cases
 *   scores    3 sums (recovered, not recovered, baseline): uint count, int sum, sum_squares
 *   servqual  uint respondents, 22 + 22 + 5 int sums, int weighted
 *   tables    states (text, uint cases), causes (text, 5 uint, int resolution_sum), customers
 *             (text, 1 byte: 1 or 2 cases), timers (text, uint met, breached), owners (text,
 *             text); each a uint count, then entries sorted by key, so equal states encode to
 *             equal bytes
 *   checksum  64-bit FNV-1a (base/hash.h) of every byte before it (8 bytes)
 */
#include "insight/internal.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/error.h"
#include "base/hash.h"
#include "base/utf8.h"

enum {
    STATE_VERSION = 1,
    HEADER_SIZE = 4 + 1 + 8,
    CHECKSUM_SIZE = 8,
    OPTION_NAMES = 8,
};
static const unsigned char magic[4] = {'S', 'V', 'I', 'S'};

/* Must match the metric names accumulate.c makes: "<timer>_within_goal_share". */
static const char metric_suffix[] = "_within_goal_share";

/* The option names in a fixed order (the order of the layout). */
static const char **option_name(svcr_insight_options *options, int i)
{
    const char **names[] = {&options->first_response_event, &options->satisfied_event,
                            &options->not_satisfied_event,  &options->root_cause_fact,
                            &options->customer_fact,        &options->severity_fact,
                            &options->satisfaction_fact,    &options->solicited_fact};
    return names[i];
}

/* ---- writing ------------------------------------------------------------------------------ */

typedef struct writer {
    unsigned char *bytes;
    size_t length, capacity;
    bool failed; /* out of memory: later writes do nothing */
} writer;

static void put_bytes(writer *w, const void *data, size_t length)
{
    if (w->failed)
        return;
    if (length > w->capacity - w->length) {
        size_t capacity = w->capacity;
        if (svcr__grow((void **)&w->bytes, &capacity, w->length + length, 1) != 0) {
            w->failed = true;
            return;
        }
        w->capacity = capacity;
    }
    memcpy(w->bytes + w->length, data, length);
    w->length += length;
}

static void put_uint(writer *w, uint64_t value)
{
    unsigned char buffer[10];
    size_t n = 0;
    do {
        buffer[n] = (unsigned char)(value & 0x7F);
        value >>= 7;
        buffer[n++] |= value != 0 ? 0x80 : 0;
    } while (value != 0);
    put_bytes(w, buffer, n);
}

static void put_int(writer *w, int64_t value)
{
    put_uint(w, ((uint64_t)value << 1) ^ (value < 0 ? UINT64_MAX : 0));
}

static void put_text(writer *w, const char *text, size_t length)
{
    put_uint(w, length);
    put_bytes(w, text, length);
}

static void put_fixed64(writer *w, size_t at, uint64_t value)
{
    for (int i = 0; i < 8; i++)
        w->bytes[at + (size_t)i] = (unsigned char)(value >> (8 * i));
}

static void put_histogram(writer *w, const svcr__histogram *h)
{
    put_uint(w, h->count);
    put_int(w, h->sum);
    put_int(w, h->min);
    put_int(w, h->max);
    uint64_t used = 0;
    for (int b = 0; b < SVCR__HISTOGRAM_BUCKETS; b++)
        used += h->buckets[b] != 0;
    put_uint(w, used);
    int previous = -1;
    for (int b = 0; b < SVCR__HISTOGRAM_BUCKETS; b++) {
        if (h->buckets[b] == 0)
            continue;
        put_uint(w, (uint64_t)(b - previous - 1));
        put_uint(w, h->buckets[b]);
        previous = b;
    }
}

static void put_scores(writer *w, const svcr__score_sum *s)
{
    put_uint(w, s->count);
    put_int(w, s->sum);
    put_int(w, s->sum_squares);
}

/* A key of a table with its entry number, for sorting. */
typedef struct sort_key {
    const char *key;
    size_t length, entry;
} sort_key;

static int by_key(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    int c = memcmp(x->key, y->key, x->length < y->length ? x->length : y->length);
    return c != 0 ? c : (x->length > y->length) - (x->length < y->length);
}

/* The keys of @p table sorted; NULL when out of memory (or empty). */
static sort_key *sorted_keys(const svcr__intern *table)
{
    if (table->count == 0)
        return NULL;
    sort_key *keys = svcr__reallocarray(NULL, table->count, sizeof *keys);
    if (keys == NULL)
        return NULL;
    for (size_t i = 0; i < table->count; i++)
        keys[i] = (sort_key){svcr__intern_key(table, i), svcr__intern_entry(table, i)->length, i};
    qsort(keys, table->count, sizeof *keys, by_key);
    return keys;
}

typedef void (*put_value)(writer *w, const svcr__intern *table, size_t entry);

static void put_state_cases(writer *w, const svcr__intern *t, size_t n)
{
    put_uint(w, *(const uint64_t *)svcr__intern_value(t, n));
}

static void put_cause(writer *w, const svcr__intern *t, size_t n)
{
    const svcr__cause_stats *c = svcr__intern_value(t, n);
    put_uint(w, c->cases);
    put_uint(w, c->followed_up);
    put_uint(w, c->recovered);
    put_uint(w, c->reopened);
    put_uint(w, c->resolved);
    put_int(w, c->resolution_sum);
}


static void put_timer(writer *w, const svcr__intern *t, size_t n)
{
    const svcr__timer_stats *s = svcr__intern_value(t, n);
    put_uint(w, s->met);
    put_uint(w, s->breached);
}

static void put_owner(writer *w, const svcr__intern *t, size_t n)
{
    const char *owner = *(const char *const *)svcr__intern_value(t, n);
    put_text(w, owner, strlen(owner));
}

static void put_table(writer *w, const svcr__intern *table, put_value value)
{
    sort_key *keys = sorted_keys(table);
    if (table->count > 0 && keys == NULL) {
        w->failed = true;
        return;
    }
    put_uint(w, table->count);
    for (size_t i = 0; i < table->count; i++) {
        put_text(w, keys[i].key, keys[i].length);
        value(w, table, keys[i].entry);
    }
    svcr__free(keys);
}

/* The customers' set keeps its ids in map slots (customers.h), not in an intern table: the same
 * layout on the wire as put_table's (count, then each id in key order with its one byte of cases). */
static void put_customers(writer *w, const svcr__customers *set)
{
    size_t count = set->map.count;
    sort_key *keys = count > 0 ? svcr__reallocarray(NULL, count, sizeof *keys) : NULL;
    if (count > 0 && keys == NULL) {
        w->failed = true;
        return;
    }
    size_t position = 0, n = 0;
    const char *id;
    size_t length;
    uint8_t cases;
    while (n < count && svcr__customers_each(set, &position, &id, &length, &cases))
        keys[n++] = (sort_key){id, length, cases}; /* entry holds the number of cases */
    if (n > 0)
        qsort(keys, n, sizeof *keys, by_key);
    put_uint(w, n);
    for (size_t i = 0; i < n; i++) {
        uint8_t byte = (uint8_t)keys[i].entry;
        put_text(w, keys[i].key, keys[i].length);
        put_bytes(w, &byte, 1);
    }
    svcr__free(keys);
}

svcr_status svcr_insight_state_encode(const svcr_insight *insight, unsigned char **bytes, size_t *length)
{
    SVCR_REQUIRE_ARG(insight);
    SVCR_REQUIRE_ARG(bytes);
    SVCR_REQUIRE_ARG(length);
    writer w = {NULL, 0, 0, false};
    unsigned char header[HEADER_SIZE] = {0};
    memcpy(header, magic, sizeof magic);
    header[4] = STATE_VERSION;
    put_bytes(&w, header, sizeof header); /* the length is filled in at the end */

    svcr_insight_options options = insight->options;
    put_int(&w, options.quick_resolution_seconds);
    put_int(&w, options.window_start);
    put_int(&w, options.window_end);
    for (int s = 0; s < 2; s++)
        for (int r = 0; r < 3; r++)
            put_uint(&w, options.repurchase[s][r]);
    for (int i = 0; i < OPTION_NAMES; i++) {
        const char *name = *option_name(&options, i);
        put_uint(&w, name == NULL ? 0 : strlen(name) + 1);
        if (name != NULL)
            put_bytes(&w, name, strlen(name));
    }

    const uint64_t counts[] = {insight->cases,           insight->responded,      insight->closed,
                               insight->reopened,        insight->closed_with_cause, insight->caused,
                               insight->solicited_yes,   insight->solicited_known};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
        put_uint(&w, counts[i]);
    for (int i = 0; i < 3; i++)
        put_uint(&w, insight->outcome[i]);
    for (int s = 0; s < 2; s++)
        for (int r = 0; r < 3; r++)
            put_uint(&w, insight->retention[s][r]);
    put_uint(&w, insight->repeat_customers);

    put_histogram(&w, &insight->first_response);
    put_histogram(&w, &insight->resolution);
    put_scores(&w, &insight->recovered_scores);
    put_scores(&w, &insight->not_recovered_scores);
    put_scores(&w, &insight->baseline_scores);

    const svcr__servqual_sum *q = &insight->servqual;
    put_uint(&w, q->respondents);
    for (int i = 0; i < SVCR_SERVQUAL_ITEMS; i++)
        put_int(&w, q->expectation[i]);
    for (int i = 0; i < SVCR_SERVQUAL_ITEMS; i++)
        put_int(&w, q->perception[i]);
    for (int i = 0; i < SVCR_SERVQUAL_DIMENSIONS; i++)
        put_int(&w, q->points[i]);
    put_int(&w, q->weighted);

    put_table(&w, &insight->states, put_state_cases);
    put_table(&w, &insight->causes, put_cause);
    put_customers(&w, &insight->customers);
    put_table(&w, &insight->timers, put_timer);
    put_table(&w, &insight->owners, put_owner);

    unsigned char checksum[CHECKSUM_SIZE] = {0};
    put_bytes(&w, checksum, sizeof checksum);
    if (w.failed) {
        svcr__free(w.bytes);
        return svcr__fail_nomem("encoding an insight state");
    }
    put_fixed64(&w, 5, w.length);
    put_fixed64(&w, w.length - CHECKSUM_SIZE, svcr__hash_bytes(SVCR__HASH_SEED, w.bytes, w.length - CHECKSUM_SIZE));
    *bytes = w.bytes;
    *length = w.length;
    return SVCR_OK;
}

/* ---- reading ------------------------------------------------------------------------------ */

typedef struct reader {
    const unsigned char *bytes;
    size_t at, end; /* end: where the checksum starts */
    svcr_status status; /* the first failure (recorded); later reads give zeros */
} reader;

static bool ok(const reader *r)
{
    return r->status == SVCR_OK;
}

static void truncated(reader *r, const char *what)
{
    if (ok(r))
        r->status = svcr__fail(SVCR_EPARSE, "insight state: corrupt: %s runs past the end (byte %zu)", what, r->at);
}

static void corrupt(reader *r, const char *what)
{
    if (ok(r))
        r->status = svcr__fail(SVCR_EPARSE, "insight state: corrupt: %s (byte %zu)", what, r->at);
}

static uint64_t get_uint(reader *r, const char *what)
{
    uint64_t value = 0;
    for (int shift = 0; ok(r); shift += 7) {
        if (r->at >= r->end) {
            truncated(r, what);
            break;
        }
        unsigned char byte = r->bytes[r->at++];
        if (shift == 63 && byte > 1) {
            corrupt(r, what);
            break;
        }
        value |= (uint64_t)(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0)
            return value;
    }
    return 0;
}

static int64_t get_int(reader *r, const char *what)
{
    uint64_t z = get_uint(r, what);
    return (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
}

/* @p length bytes in place, or NULL. */
static const unsigned char *get_bytes(reader *r, size_t length, const char *what)
{
    if (!ok(r))
        return NULL;
    if (length > r->end - r->at) {
        truncated(r, what);
        return NULL;
    }
    const unsigned char *at = r->bytes + r->at;
    r->at += length;
    return at;
}

/* A count of entries that each take at least @p entry_bytes: more than the bytes left is corrupt
 * (and would otherwise reserve memory for nothing). */
static size_t get_count(reader *r, size_t entry_bytes, const char *what)
{
    uint64_t count = get_uint(r, what);
    if (ok(r) && count > (r->end - r->at) / entry_bytes) {
        corrupt(r, what);
        return 0;
    }
    return (size_t)count;
}

/* Text that must be non-empty UTF-8 without NUL: into a NUL-terminated buffer of @p owner's
 * (grown as needed). */
typedef struct text_buffer {
    char *text;
    size_t capacity;
} text_buffer;

static const char *get_text(reader *r, text_buffer *buffer, size_t *length, const char *what)
{
    size_t n = (size_t)get_uint(r, what);
    const unsigned char *bytes = get_bytes(r, n, what);
    if (bytes == NULL)
        return NULL;
    if (n == 0 || memchr(bytes, '\0', n) != NULL) {
        corrupt(r, what);
        return NULL;
    }
    if (n + 1 > buffer->capacity) {
        size_t capacity = buffer->capacity;
        if (svcr__grow((void **)&buffer->text, &capacity, n + 1, 1) != 0) {
            r->status = svcr__fail_nomem("decoding an insight state");
            return NULL;
        }
        buffer->capacity = capacity;
    }
    memcpy(buffer->text, bytes, n);
    buffer->text[n] = '\0';
    if (svcr__utf8_length(buffer->text) == SIZE_MAX) {
        corrupt(r, what);
        return NULL;
    }
    *length = n;
    return buffer->text;
}

static void get_histogram(reader *r, svcr__histogram *h, const char *what)
{
    h->count = get_uint(r, what);
    h->sum = get_int(r, what);
    h->min = get_int(r, what);
    h->max = get_int(r, what);
    size_t used = get_count(r, 2, what);
    uint64_t total = 0;
    int64_t bucket = -1;
    for (size_t i = 0; ok(r) && i < used; i++) {
        uint64_t gap = get_uint(r, what);
        uint64_t cases = get_uint(r, what);
        if (gap >= (uint64_t)(SVCR__HISTOGRAM_BUCKETS - 1 - bucket) || cases == 0 || cases > UINT64_MAX - total) {
            corrupt(r, what);
            return;
        }
        bucket += (int64_t)gap + 1;
        h->buckets[bucket] = cases;
        total += cases;
    }
    /* Percentiles walk the buckets up to the count: they must agree, and min <= max, both >= 0. */
    if (ok(r) && (total != h->count || h->min < 0 || h->max < h->min || h->sum < 0 ||
                  (h->count == 0 && (h->sum != 0 || h->min != 0 || h->max != 0))))
        corrupt(r, what);
}

static void get_scores(reader *r, svcr__score_sum *s, const char *what)
{
    s->count = get_uint(r, what);
    s->sum = get_int(r, what);
    s->sum_squares = get_int(r, what);
    if (ok(r) && (s->sum_squares < 0 || (s->count == 0 && (s->sum != 0 || s->sum_squares != 0))))
        corrupt(r, what);
}

/* Read the options and make the accumulator from them. */
static svcr_insight *get_options(reader *r)
{
    svcr_insight_options options;
    svcr_insight_options_init(&options, sizeof options);
    options.quick_resolution_seconds = get_int(r, "options");
    options.window_start = get_int(r, "options");
    options.window_end = get_int(r, "options");
    for (int s = 0; s < 2; s++) {
        for (int c = 0; c < 3; c++) {
            uint64_t points = get_uint(r, "options");
            if (points > UINT16_MAX)
                corrupt(r, "options: repurchase");
            options.repurchase[s][c] = (uint16_t)points;
        }
    }
    char *names[OPTION_NAMES] = {NULL};
    for (int i = 0; i < OPTION_NAMES && ok(r); i++) {
        uint64_t stored = get_uint(r, "options: a name");
        *option_name(&options, i) = NULL;
        if (stored == 0)
            continue;
        const unsigned char *bytes = get_bytes(r, (size_t)stored - 1, "options: a name");
        if (bytes == NULL)
            break;
        if (memchr(bytes, '\0', (size_t)stored - 1) != NULL) {
            corrupt(r, "options: a name holds a NUL byte");
            break;
        }
        names[i] = svcr__malloc((size_t)stored);
        if (names[i] == NULL) {
            r->status = svcr__fail_nomem("decoding an insight state");
            break;
        }
        memcpy(names[i], bytes, (size_t)stored - 1);
        names[i][stored - 1] = '\0';
        *option_name(&options, i) = names[i];
    }
    svcr_insight *insight = NULL;
    if (ok(r)) {
        svcr_status status = svcr_insight_new(&options, &insight);
        if (status == SVCR_ENOMEM)
            r->status = status;
        else if (status != SVCR_OK)
            r->status = svcr__fail(SVCR_EPARSE, "insight state: corrupt: %s", svcr_error_message());
    }
    for (int i = 0; i < OPTION_NAMES; i++)
        svcr__free(names[i]);
    return insight;
}

/* Add the key read next to @p table, with room for @p extra_text more bytes of stored text;
 * returns its entry, or SVCR__INTERN_ABSENT on failure (a repeated key is corrupt). */
static size_t get_key(reader *r, svcr__intern *table, text_buffer *buffer, size_t extra_text, const char *what)
{
    size_t length = 0;
    const char *key = get_text(r, buffer, &length, what);
    if (key == NULL)
        return SVCR__INTERN_ABSENT;
    uint32_t hash = svcr__intern_hash(key, NULL);
    if (svcr__intern_find(table, key, length, hash) != SVCR__INTERN_ABSENT) {
        corrupt(r, what);
        return SVCR__INTERN_ABSENT;
    }
    if (svcr__intern_reserve(table, 1, svcr__intern_text_for(length) + extra_text) != 0) {
        r->status = svcr__fail_nomem("decoding an insight state");
        return SVCR__INTERN_ABSENT;
    }
    return svcr__intern_add(table, key, length, hash);
}

static void get_tables(reader *r, svcr_insight *in, text_buffer *buffer)
{
    size_t n = get_count(r, 2, "states");
    uint64_t in_states = 0;
    for (size_t i = 0; i < n && ok(r); i++) {
        size_t entry = get_key(r, &in->states, buffer, 0, "a state");
        uint64_t cases = get_uint(r, "a state's cases");
        if (ok(r) && (cases == 0 || cases > in->cases - in_states))
            corrupt(r, "a state's cases");
        if (ok(r)) {
            *(uint64_t *)svcr__intern_value(&in->states, entry) = cases;
            in_states += cases;
        }
    }
    n = get_count(r, 7, "causes");
    uint64_t caused = 0;
    for (size_t i = 0; i < n && ok(r); i++) {
        size_t entry = get_key(r, &in->causes, buffer, 0, "a cause");
        svcr__cause_stats c;
        c.cases = get_uint(r, "a cause's figures");
        c.followed_up = get_uint(r, "a cause's figures");
        c.recovered = get_uint(r, "a cause's figures");
        c.reopened = get_uint(r, "a cause's figures");
        c.resolved = get_uint(r, "a cause's figures");
        c.resolution_sum = get_int(r, "a cause's figures");
        if (ok(r) && (c.cases == 0 || c.cases > in->caused - caused || c.followed_up > c.cases ||
                      c.recovered > c.followed_up || c.reopened > c.cases || c.resolved > c.cases ||
                      c.resolution_sum < 0))
            corrupt(r, "a cause's figures");
        if (ok(r)) {
            *(svcr__cause_stats *)svcr__intern_value(&in->causes, entry) = c;
            caused += c.cases;
        }
    }
    if (ok(r) && caused != in->caused)
        corrupt(r, "the causes' cases do not add up");
    n = get_count(r, 3, "customers");
    uint64_t repeat = 0;
    for (size_t i = 0; i < n && ok(r); i++) {
        size_t length = 0;
        const char *id = get_text(r, buffer, &length, "a customer");
        const unsigned char *cases = get_bytes(r, 1, "a customer's cases");
        if (cases != NULL && *cases != 1 && *cases != 2)
            corrupt(r, "a customer's cases");
        if (ok(r) && length > SVCR__HASHMAP_VALUE_MAX)
            corrupt(r, "a customer");
        if (ok(r) && svcr__customers_reserve(&in->customers, 1, svcr__customers_text_for(length)) != 0)
            r->status = svcr__fail_nomem("decoding an insight state");
        if (ok(r)) {
            uint8_t *seen = svcr__customers_cases(&in->customers, id, length, svcr__hash32(id, length));
            if (*seen != 0)
                corrupt(r, "a customer");
            *seen = *cases;
            repeat += *cases == 2;
        }
    }
    if (ok(r) && repeat != in->repeat_customers)
        corrupt(r, "the repeat customers do not add up");
    n = get_count(r, 4, "timers");
    for (size_t i = 0; i < n && ok(r); i++) {
        size_t length = 0;
        size_t entry = get_key(r, &in->timers, buffer, 0, "a timer");
        if (ok(r))
            length = svcr__intern_entry(&in->timers, entry)->length;
        if (ok(r) && svcr__intern_reserve(&in->timers, 0, length + sizeof metric_suffix) != 0)
            r->status = svcr__fail_nomem("decoding an insight state");
        svcr__timer_stats t = {get_uint(r, "a timer's figures"), get_uint(r, "a timer's figures"), NULL};
        if (ok(r) && (t.met == 0 && t.breached == 0))
            corrupt(r, "a timer's figures");
        if (ok(r)) {
            t.metric_name = svcr__intern_store(&in->timers, svcr__intern_key(&in->timers, entry), length, metric_suffix);
            *(svcr__timer_stats *)svcr__intern_value(&in->timers, entry) = t;
        }
    }
    n = get_count(r, 4, "owners");
    for (size_t i = 0; i < n && ok(r); i++) {
        size_t entry = get_key(r, &in->owners, buffer, 0, "an owner's cause");
        size_t length = 0;
        const char *owner = get_text(r, buffer, &length, "an owner");
        if (ok(r) && svcr__intern_reserve(&in->owners, 0, length + 1) != 0)
            r->status = svcr__fail_nomem("decoding an insight state");
        if (ok(r))
            *(const char **)svcr__intern_value(&in->owners, entry) = svcr__intern_store(&in->owners, owner, length, "");
    }
}

static uint64_t get_fixed64(const unsigned char *bytes)
{
    uint64_t value = 0;
    for (int i = 7; i >= 0; i--)
        value = value << 8 | bytes[i];
    return value;
}

/* The header and checksum: SVCR_OK, or the failure recorded. */
static svcr_status check_frame(const unsigned char *bytes, size_t length)
{
    if (memcmp(bytes, magic, length < sizeof magic ? length : sizeof magic) != 0)
        return svcr__fail(SVCR_EPARSE, "insight state: not an insight state (it does not start with \"SVIS\")");
    if (length < HEADER_SIZE + CHECKSUM_SIZE)
        return svcr__fail(SVCR_EPARSE, "insight state: truncated: %zu bytes, not even a header and checksum", length);
    if (bytes[4] != STATE_VERSION)
        return svcr__fail(SVCR_EPARSE, "insight state: version %u is not supported (this library reads version %d)",
                          bytes[4], STATE_VERSION);
    uint64_t stated = get_fixed64(bytes + 5);
    if (stated > length)
        return svcr__fail(SVCR_EPARSE, "insight state: truncated: %zu of its %llu bytes", length,
                          (unsigned long long)stated);
    if (stated < length)
        return svcr__fail(SVCR_EPARSE, "insight state: %zu bytes after its end (it has %llu)",
                          length - (size_t)stated, (unsigned long long)stated);
    if (get_fixed64(bytes + length - CHECKSUM_SIZE) != svcr__hash_bytes(SVCR__HASH_SEED, bytes, length - CHECKSUM_SIZE))
        return svcr__fail(SVCR_EPARSE, "insight state: corrupt: the checksum does not match its bytes");
    return SVCR_OK;
}

svcr_status svcr_insight_state_decode(const unsigned char *bytes, size_t length, svcr_insight **out)
{
    SVCR_REQUIRE_ARG(bytes);
    SVCR_REQUIRE_ARG(out);
    svcr_status status = check_frame(bytes, length);
    if (status != SVCR_OK)
        return status;
    reader r = {bytes, HEADER_SIZE, length - CHECKSUM_SIZE, SVCR_OK};
    svcr_insight *in = get_options(&r);
    if (in == NULL)
        return r.status;

    uint64_t *counts[] = {&in->cases,           &in->responded,         &in->closed,
                          &in->reopened,        &in->closed_with_cause, &in->caused,
                          &in->solicited_yes,   &in->solicited_known,   &in->outcome[0],
                          &in->outcome[1],      &in->outcome[2],        &in->retention[0][0],
                          &in->retention[0][1], &in->retention[0][2],   &in->retention[1][0],
                          &in->retention[1][1], &in->retention[1][2],   &in->repeat_customers};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
        *counts[i] = get_uint(&r, "the counts");
    get_histogram(&r, &in->first_response, "the first-response times");
    get_histogram(&r, &in->resolution, "the resolution times");
    get_scores(&r, &in->recovered_scores, "the recovered scores");
    get_scores(&r, &in->not_recovered_scores, "the not-recovered scores");
    get_scores(&r, &in->baseline_scores, "the baseline scores");
    svcr__servqual_sum *q = &in->servqual;
    q->respondents = get_uint(&r, "the SERVQUAL sums");
    for (int i = 0; i < SVCR_SERVQUAL_ITEMS; i++)
        q->expectation[i] = get_int(&r, "the SERVQUAL sums");
    for (int i = 0; i < SVCR_SERVQUAL_ITEMS; i++)
        q->perception[i] = get_int(&r, "the SERVQUAL sums");
    for (int i = 0; i < SVCR_SERVQUAL_DIMENSIONS; i++)
        q->points[i] = get_int(&r, "the SERVQUAL sums");
    q->weighted = get_int(&r, "the SERVQUAL sums");
    /* Each respondent gave 22 + 22 scores of 1 to 7 and 100 points. */
    int64_t points = 0;
    for (int i = 0; i < SVCR_SERVQUAL_DIMENSIONS; i++)
        points += q->points[i] < 0 || q->points[i] > INT64_MAX / 8 ? -1 : q->points[i];
    bool servqual_ok = q->respondents <= INT64_MAX / 700 && points == (int64_t)q->respondents * 100;
    for (int i = 0; servqual_ok && i < SVCR_SERVQUAL_ITEMS; i++)
        servqual_ok = q->expectation[i] >= (int64_t)q->respondents && q->expectation[i] <= 7 * (int64_t)q->respondents &&
                      q->perception[i] >= (int64_t)q->respondents && q->perception[i] <= 7 * (int64_t)q->respondents;
    if (ok(&r) && !servqual_ok)
        corrupt(&r, "the SERVQUAL sums do not agree");

    /* What the figures divide by must agree with what they count. */
    uint64_t retained = 0;
    for (int s = 0; s < 2; s++)
        for (int c = 0; c < 3; c++)
            retained += in->retention[s][c];
    if (ok(&r) && (in->outcome[0] + in->outcome[1] + in->outcome[2] != in->cases ||
                   in->responded != in->first_response.count || in->resolution.count > in->cases ||
                   in->responded > in->cases || in->closed > in->cases || in->reopened > in->closed ||
                   in->closed_with_cause > in->closed || in->caused > in->cases ||
                   in->solicited_known > in->cases || in->solicited_yes > in->solicited_known ||
                   retained > in->cases || in->recovered_scores.count > in->outcome[1] ||
                   in->not_recovered_scores.count > in->outcome[2]))
        corrupt(&r, "the counts do not agree");

    text_buffer buffer = {NULL, 0};
    if (ok(&r))
        get_tables(&r, in, &buffer);
    svcr__free(buffer.text);
    if (ok(&r) && r.at != r.end)
        corrupt(&r, "bytes after the last table");
    if (!ok(&r)) {
        svcr_insight_free(in);
        return r.status;
    }
    *out = in;
    return SVCR_OK;
}

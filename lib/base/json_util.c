/* JSON loading with positioned errors; see json_util.h. */
#include "base/json_util.h"
#include "base/alloc.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

svcr_status svcr__json_load(const svcr__json_source *source, json_t **out)
{
    json_error_t error;
    /* JSON_REJECT_DUPLICATES: a repeated key is an authoring mistake, not a silent override. */
    json_t *root = json_loadb(source->text, source->length, JSON_REJECT_DUPLICATES, &error);
    if (root == NULL) {
        /* jansson leaves the error text empty when its very first allocation fails. */
        if (json_error_code(&error) == json_error_out_of_memory || error.text[0] == '\0')
            return svcr__fail(SVCR_ENOMEM, "%s: out of memory while parsing", source->what);
        return svcr__fail_at(SVCR_EPARSE, error.line, error.column, "%s: line %d, column %d: %s",
                             source->what, error.line, error.column, error.text);
    }
    *out = root;
    return SVCR_OK;
}

/* A forward-only cursor over text already known to be valid JSON. */
typedef struct cursor {
    const char *text;
    size_t length;
    size_t pos;
    int line;
    int column;
} cursor;

static int peek(const cursor *c)
{
    return c->pos < c->length ? (unsigned char)c->text[c->pos] : -1;
}

static void advance(cursor *c)
{
    unsigned char ch = (unsigned char)c->text[c->pos++];
    if (ch == '\n') {
        c->line++;
        c->column = 1;
    } else if (c->pos >= c->length || ((unsigned char)c->text[c->pos] & 0xC0) != 0x80) {
        c->column++; /* a character ends here: count characters, not UTF-8 bytes */
    }
}

static void skip_space(cursor *c)
{
    for (int ch = peek(c); ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; ch = peek(c))
        advance(c);
}

/* Skip a string starting at its opening quote; store its raw content span. */
static void skip_string(cursor *c, size_t *start, size_t *end)
{
    advance(c);
    *start = c->pos;
    while (peek(c) != -1 && peek(c) != '"') {
        if (peek(c) == '\\')
            advance(c);
        if (peek(c) != -1)
            advance(c);
    }
    *end = c->pos;
    if (peek(c) == '"')
        advance(c);
}

static void skip_value(cursor *c);

static void skip_container(cursor *c, int close)
{
    advance(c);
    for (;;) {
        skip_space(c);
        int ch = peek(c);
        if (ch == -1)
            return;
        if (ch == close) {
            advance(c);
            return;
        }
        if (ch == ',' || ch == ':') {
            advance(c);
            continue;
        }
        skip_value(c);
    }
}

static void skip_value(cursor *c)
{
    skip_space(c);
    int ch = peek(c);
    size_t s, e;
    if (ch == '"')
        skip_string(c, &s, &e);
    else if (ch == '{')
        skip_container(c, '}');
    else if (ch == '[')
        skip_container(c, ']');
    else
        while ((ch = peek(c)) != -1 && ch != ',' && ch != '}' && ch != ']' && ch != ' ' && ch != '\n' &&
               ch != '\t' && ch != '\r')
            advance(c);
}

/* Does the raw key text equal the pointer segment (with ~0 and ~1 unescaped)? Keys with JSON
 * escapes are compared raw, which only costs precision in an error position. */
static bool key_matches(const char *key, size_t key_length, const char *segment, size_t segment_length)
{
    size_t k = 0;
    for (size_t i = 0; i < segment_length; i++, k++) {
        char want = segment[i];
        if (want == '~' && i + 1 < segment_length) {
            want = segment[i + 1] == '1' ? '/' : '~';
            i++;
        }
        if (k >= key_length || key[k] != want)
            return false;
    }
    return k == key_length;
}

/* Move into the member or element named by one pointer segment; false if absent. */
static bool enter(cursor *c, const char *segment, size_t segment_length)
{
    skip_space(c);
    int open = peek(c);
    if (open == '{') {
        advance(c);
        for (;;) {
            skip_space(c);
            if (peek(c) != '"')
                return false;
            size_t start, end;
            skip_string(c, &start, &end);
            skip_space(c);
            if (peek(c) == ':')
                advance(c);
            skip_space(c);
            if (key_matches(c->text + start, end - start, segment, segment_length))
                return true;
            skip_value(c);
            skip_space(c);
            if (peek(c) != ',')
                return false;
            advance(c);
        }
    }
    if (open == '[') {
        size_t index = 0;
        for (size_t i = 0; i < segment_length; i++) {
            if (segment[i] < '0' || segment[i] > '9')
                return false;
            index = index * 10 + (size_t)(segment[i] - '0');
        }
        advance(c);
        for (size_t i = 0; i < index; i++) {
            skip_value(c);
            skip_space(c);
            if (peek(c) != ',')
                return false;
            advance(c);
        }
        skip_space(c);
        return peek(c) != ']' && peek(c) != -1;
    }
    return false;
}

int svcr__json_locate(const char *text, size_t length, const char *pointer, int *line, int *column)
{
    cursor c = {text, length, 0, 1, 1};
    cursor found = c;
    int exact = 1;
    skip_space(&c);
    found = c;
    const char *p = pointer;
    while (*p == '/') {
        const char *segment = p + 1;
        const char *next = strchr(segment, '/');
        size_t segment_length = next ? (size_t)(next - segment) : strlen(segment);
        if (!enter(&c, segment, segment_length)) {
            exact = 0;
            break;
        }
        skip_space(&c);
        found = c;
        p = segment + segment_length;
    }
    *line = found.line;
    *column = found.column;
    return exact;
}

svcr_status svcr__json_fail(const svcr__json_source *source, const char *pointer, svcr_status status,
                            const char *fmt, ...)
{
    char detail[384];
    va_list args;
    va_start(args, fmt);
    vsnprintf(detail, sizeof detail, fmt, args);
    va_end(args);
    int line = 0, column = 0;
    svcr__json_locate(source->text, source->length, pointer, &line, &column);
    return svcr__fail_at(status, line, column, "%s: line %d, column %d: %s: %s", source->what, line,
                         column, pointer[0] ? pointer : "/", detail);
}

/* Text grown chunk by chunk by json_dump_callback(). */
typedef struct dump_buffer {
    char *text;
    size_t length, capacity;
    int failed; /* jansson does not always pass a callback's failure on, so remember it */
} dump_buffer;

static int append_to_buffer(const char *chunk, size_t size, void *data)
{
    dump_buffer *out = data;
    if (out->failed || svcr__grow((void **)&out->text, &out->capacity, out->length + size + 1, 1) != 0) {
        out->failed = 1;
        return -1;
    }
    memcpy(out->text + out->length, chunk, size);
    out->length += size;
    out->text[out->length] = '\0';
    return 0;
}

static char *dump_with_flags(const json_t *value, size_t flags)
{
    dump_buffer out = {NULL, 0, 0, 0};
    if (json_dump_callback(value, append_to_buffer, &out, JSON_COMPACT | JSON_PRESERVE_ORDER | flags) != 0 ||
        out.failed) {
        svcr__free(out.text);
        return NULL;
    }
    if (out.text == NULL)
        out.text = svcr__strdup("");
    return out.text;
}

char *svcr__json_dump(const json_t *value)
{
    return dump_with_flags(value, 0);
}

char *svcr__json_dump_reals(const json_t *value, int digits)
{
    return dump_with_flags(value, JSON_REAL_PRECISION(digits));
}

int svcr__json_put(json_t *object, const char *key, json_t *value)
{
    return value == NULL ? -1 : json_object_set_new(object, key, value);
}

int svcr__json_append(json_t *array, json_t *value)
{
    return value == NULL ? -1 : json_array_append_new(array, value);
}

json_t *svcr__json_string_array(const char *const *names, size_t count)
{
    json_t *list = json_array();
    for (size_t i = 0; list != NULL && i < count; i++)
        if (svcr__json_append(list, json_string(names[i])) != 0) {
            json_decref(list);
            return NULL;
        }
    return list;
}

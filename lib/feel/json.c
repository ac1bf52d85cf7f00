/* FEEL values to and from JSON, numbers kept as exact decimals (see json.h for why not jansson). */
#include "feel/json.h"
#include "base/alloc.h"

#include <stdio.h>
#include <string.h>

enum { MAX_JSON_DEPTH = 200 };

typedef struct reader {
    feel_arena *arena;
    const char *text;
    size_t length, pos;
    feel_json_error *error;
    int depth;
} reader;

static const feel_value *fail(reader *r, const char *message)
{
    int line = 1, column = 1;
    for (size_t i = 0; i < r->pos && i < r->length; i++) {
        if (r->text[i] == '\n') {
            line++;
            column = 1;
        } else if (((unsigned char)r->text[i] & 0xC0) != 0x80) {
            column++;
        }
    }
    r->error->line = line;
    r->error->column = column;
    snprintf(r->error->message, sizeof r->error->message, "%s", message);
    return NULL;
}

static const feel_value *nomem(reader *r)
{
    r->error->out_of_memory = true;
    snprintf(r->error->message, sizeof r->error->message, "out of memory");
    return NULL;
}

static void skip(reader *r)
{
    while (r->pos < r->length && (r->text[r->pos] == ' ' || r->text[r->pos] == '\t' || r->text[r->pos] == '\n' ||
                                  r->text[r->pos] == '\r'))
        r->pos++;
}

static int hex(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static bool read_hex4(reader *r, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        if (r->pos >= r->length || hex(r->text[r->pos]) < 0)
            return false;
        v = v * 16 + (unsigned)hex(r->text[r->pos++]);
    }
    *out = v;
    return true;
}

/* A JSON string at r->pos (at its quote) into a new NUL-terminated UTF-8 text. */
static char *read_string(reader *r, size_t *length)
{
    r->pos++;
    size_t start = r->pos;
    while (r->pos < r->length && r->text[r->pos] != '"') {
        if (r->text[r->pos] == '\\')
            r->pos++;
        r->pos++;
    }
    if (r->pos >= r->length) {
        r->pos = start - 1;
        fail(r, "unterminated string");
        return NULL;
    }
    size_t end = r->pos;
    char *out = svcr__feel_alloc(r->arena, end - start + 1);
    if (out == NULL) {
        nomem(r);
        return NULL;
    }
    size_t k = 0;
    r->pos = start;
    while (r->pos < end) {
        unsigned char c = (unsigned char)r->text[r->pos];
        if (c < 0x20) {
            fail(r, "control character in a string");
            return NULL;
        }
        if (c != '\\') {
            out[k++] = (char)c;
            r->pos++;
            continue;
        }
        char e = r->text[++r->pos];
        r->pos++;
        switch (e) {
        case '"': out[k++] = '"'; break;
        case '\\': out[k++] = '\\'; break;
        case '/': out[k++] = '/'; break;
        case 'b': out[k++] = '\b'; break;
        case 'f': out[k++] = '\f'; break;
        case 'n': out[k++] = '\n'; break;
        case 'r': out[k++] = '\r'; break;
        case 't': out[k++] = '\t'; break;
        case 'u': {
            unsigned u;
            if (!read_hex4(r, &u)) {
                fail(r, "bad \\u escape");
                return NULL;
            }
            if (u >= 0xD800 && u <= 0xDBFF) {
                unsigned low;
                if (r->pos + 1 >= end || r->text[r->pos] != '\\' || r->text[r->pos + 1] != 'u' ||
                    (r->pos += 2, !read_hex4(r, &low)) || low < 0xDC00 || low > 0xDFFF) {
                    fail(r, "unpaired surrogate in a \\u escape");
                    return NULL;
                }
                u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
            } else if (u >= 0xDC00 && u <= 0xDFFF) {
                fail(r, "unpaired surrogate in a \\u escape");
                return NULL;
            }
            /* Six escaped bytes always hold the at most four UTF-8 bytes they encode. */
            if (u < 0x80) {
                out[k++] = (char)u;
            } else if (u < 0x800) {
                out[k++] = (char)(0xC0 | (u >> 6));
                out[k++] = (char)(0x80 | (u & 0x3F));
            } else if (u < 0x10000) {
                out[k++] = (char)(0xE0 | (u >> 12));
                out[k++] = (char)(0x80 | ((u >> 6) & 0x3F));
                out[k++] = (char)(0x80 | (u & 0x3F));
            } else {
                out[k++] = (char)(0xF0 | (u >> 18));
                out[k++] = (char)(0x80 | ((u >> 12) & 0x3F));
                out[k++] = (char)(0x80 | ((u >> 6) & 0x3F));
                out[k++] = (char)(0x80 | (u & 0x3F));
            }
            break;
        }
        default:
            r->pos -= 2;
            fail(r, "bad escape in a string");
            return NULL;
        }
    }
    out[k] = '\0';
    r->pos = end + 1;
    *length = k;
    return out;
}

static bool literal(reader *r, const char *word)
{
    size_t n = strlen(word);
    if (r->pos + n <= r->length && memcmp(r->text + r->pos, word, n) == 0) {
        r->pos += n;
        return true;
    }
    return false;
}

static const feel_value *value(reader *r);

typedef struct growing {
    const feel_value **values;
    const char **names;
    size_t count, capacity;
} growing;

static bool grow(reader *r, growing *g)
{
    if (g->count < g->capacity)
        return true;
    size_t capacity = g->capacity ? g->capacity * 2 : 8;
    const feel_value **values = svcr__feel_alloc(r->arena, capacity * sizeof *values);
    const char **names = svcr__feel_alloc(r->arena, capacity * sizeof *names);
    if (values == NULL || names == NULL)
        return false;
    if (g->count) {
        memcpy(values, g->values, g->count * sizeof *values);
        memcpy(names, g->names, g->count * sizeof *names);
    }
    g->values = values;
    g->names = names;
    g->capacity = capacity;
    return true;
}

static const feel_value *composite(reader *r, bool object)
{
    if (++r->depth > MAX_JSON_DEPTH)
        return fail(r, "nested too deeply");
    r->pos++;
    growing g = {0};
    skip(r);
    char close = object ? '}' : ']';
    if (r->pos < r->length && r->text[r->pos] == close) {
        r->pos++;
    } else {
        for (;;) {
            skip(r);
            const char *name = NULL;
            if (object) {
                if (r->pos >= r->length || r->text[r->pos] != '"')
                    return fail(r, "expected a member name");
                size_t length;
                name = read_string(r, &length);
                if (name == NULL)
                    return NULL;
                for (size_t i = 0; i < g.count; i++)
                    if (strcmp(g.names[i], name) == 0)
                        return fail(r, "duplicate member name");
                skip(r);
                if (r->pos >= r->length || r->text[r->pos] != ':')
                    return fail(r, "expected ':'");
                r->pos++;
            }
            const feel_value *v = value(r);
            if (v == NULL)
                return NULL;
            if (!grow(r, &g))
                return nomem(r);
            g.values[g.count] = v;
            g.names[g.count++] = name;
            skip(r);
            if (r->pos < r->length && r->text[r->pos] == ',') {
                r->pos++;
                continue;
            }
            if (r->pos < r->length && r->text[r->pos] == close) {
                r->pos++;
                break;
            }
            return fail(r, object ? "expected ',' or '}'" : "expected ',' or ']'");
        }
    }
    r->depth--;
    feel_value *out = svcr__feel_new(r->arena, object ? FEEL_CONTEXT : FEEL_LIST);
    if (out == NULL)
        return nomem(r);
    if (object) {
        out->as.context.names = g.names;
        out->as.context.values = g.values;
        out->as.context.count = g.count;
    } else {
        out->as.list.items = g.values;
        out->as.list.count = g.count;
    }
    return out;
}

static const feel_value *value(reader *r)
{
    skip(r);
    if (r->pos >= r->length)
        return fail(r, "unexpected end of JSON");
    char c = r->text[r->pos];
    if (c == '{' || c == '[')
        return composite(r, c == '{');
    if (c == '"') {
        size_t length;
        char *s = read_string(r, &length);
        if (s == NULL)
            return NULL;
        feel_value *v = svcr__feel_new(r->arena, FEEL_STRING);
        if (v == NULL)
            return nomem(r);
        v->as.string.text = s;
        v->as.string.length = length;
        return v;
    }
    if (literal(r, "true"))
        return &svcr__feel_true;
    if (literal(r, "false"))
        return &svcr__feel_false;
    if (literal(r, "null"))
        return &svcr__feel_null;
    if (c == '-' || (c >= '0' && c <= '9')) {
        size_t start = r->pos;
        if (r->text[r->pos] == '-')
            r->pos++;
        size_t digits = r->pos;
        while (r->pos < r->length && r->text[r->pos] >= '0' && r->text[r->pos] <= '9')
            r->pos++;
        if (r->pos == digits || (r->text[digits] == '0' && r->pos - digits > 1)) {
            r->pos = start;
            return fail(r, "malformed number");
        }
        if (r->pos < r->length && r->text[r->pos] == '.') {
            r->pos++;
            size_t f = r->pos;
            while (r->pos < r->length && r->text[r->pos] >= '0' && r->text[r->pos] <= '9')
                r->pos++;
            if (r->pos == f) {
                r->pos = start;
                return fail(r, "malformed number");
            }
        }
        if (r->pos < r->length && (r->text[r->pos] == 'e' || r->text[r->pos] == 'E')) {
            r->pos++;
            if (r->pos < r->length && (r->text[r->pos] == '+' || r->text[r->pos] == '-'))
                r->pos++;
            size_t e = r->pos;
            while (r->pos < r->length && r->text[r->pos] >= '0' && r->text[r->pos] <= '9')
                r->pos++;
            if (r->pos == e) {
                r->pos = start;
                return fail(r, "malformed number");
            }
        }
        feel_decimal d;
        if (svcr__decimal_parse(r->text + start, r->pos - start, &d) != FEEL_DECIMAL_OK) {
            r->pos = start;
            return fail(r, "number out of range (beyond decimal128)");
        }
        feel_value *v = svcr__feel_number(r->arena, &d);
        return v != NULL ? v : nomem(r);
    }
    return fail(r, "unexpected character");
}

const feel_value *svcr__feel_from_json(feel_arena *arena, const char *text, size_t length, feel_json_error *error)
{
    memset(error, 0, sizeof *error);
    reader r = {arena, text, length, 0, error, 0};
    const feel_value *v = value(&r);
    if (v == NULL)
        return NULL;
    skip(&r);
    if (r.pos != length)
        return fail(&r, "text after the JSON value");
    return v;
}

void svcr__feel_text_append(feel_text *text, const char *data, size_t length)
{
    if (text->failed)
        return;
    if (text->length + length + 1 > text->capacity) {
        size_t capacity = text->capacity ? text->capacity : 256;
        while (capacity < text->length + length + 1)
            capacity *= 2;
        char *grown = svcr__realloc(text->data, capacity);
        if (grown == NULL) {
            text->failed = true;
            return;
        }
        text->data = grown;
        text->capacity = capacity;
    }
    memcpy(text->data + text->length, data, length);
    text->length += length;
    text->data[text->length] = '\0';
}

void svcr__feel_text_free(feel_text *text)
{
    svcr__free(text->data);
    memset(text, 0, sizeof *text);
}

void svcr__feel_json_string(feel_text *text, const char *data, size_t length)
{
    svcr__feel_text_append(text, "\"", 1);
    size_t run = 0;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        svcr__feel_text_append(text, data + run, i - run);
        char escape[8];
        switch (c) {
        case '"': strcpy(escape, "\\\""); break;
        case '\\': strcpy(escape, "\\\\"); break;
        case '\n': strcpy(escape, "\\n"); break;
        case '\r': strcpy(escape, "\\r"); break;
        case '\t': strcpy(escape, "\\t"); break;
        default: snprintf(escape, sizeof escape, "\\u%04x", c);
        }
        svcr__feel_text_append(text, escape, strlen(escape));
        run = i + 1;
    }
    svcr__feel_text_append(text, data + run, length - run);
    svcr__feel_text_append(text, "\"", 1);
}

void svcr__feel_to_json(feel_text *text, const feel_value *value)
{
    char buffer[FEEL_DECIMAL_TEXT_MAX];
    switch (value->kind) {
    case FEEL_NUMBER:
        svcr__decimal_format(&value->as.number, buffer);
        svcr__feel_text_append(text, buffer, strlen(buffer));
        return;
    case FEEL_STRING:
        svcr__feel_json_string(text, value->as.string.text, value->as.string.length);
        return;
    case FEEL_BOOLEAN:
        svcr__feel_text_append(text, value->as.boolean ? "true" : "false", value->as.boolean ? 4 : 5);
        return;
    case FEEL_DATE:
    case FEEL_TIME:
    case FEEL_DATE_TIME:
    case FEEL_DAYS_TIME_DURATION:
    case FEEL_YEARS_MONTHS_DURATION:
        svcr__feel_format_temporal(value, buffer);
        svcr__feel_json_string(text, buffer, strlen(buffer));
        return;
    case FEEL_LIST:
        svcr__feel_text_append(text, "[", 1);
        for (size_t i = 0; i < value->as.list.count; i++) {
            if (i)
                svcr__feel_text_append(text, ", ", 2);
            svcr__feel_to_json(text, value->as.list.items[i]);
        }
        svcr__feel_text_append(text, "]", 1);
        return;
    case FEEL_CONTEXT:
        svcr__feel_text_append(text, "{", 1);
        for (size_t i = 0; i < value->as.context.count; i++) {
            if (i)
                svcr__feel_text_append(text, ", ", 2);
            svcr__feel_json_string(text, value->as.context.names[i], strlen(value->as.context.names[i]));
            svcr__feel_text_append(text, ": ", 2);
            svcr__feel_to_json(text, value->as.context.values[i]);
        }
        svcr__feel_text_append(text, "}", 1);
        return;
    default:
        svcr__feel_text_append(text, "null", 4);
    }
}

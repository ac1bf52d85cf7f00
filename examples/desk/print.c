/* Text for people: printf whose string arguments are shown with their control characters escaped.
 *
 * Ids, customers, notes and facts are whatever the user typed or imported. Printed raw, an ESC in
 * an id would drive the terminal (colours, cursor moves, a fake prompt) and a newline would forge
 * a line of output. So every %s and %c argument has its C0 controls, DEL and the C1 controls
 * (U+0080-U+009F, which some terminals also obey) written as \x1b or \u009b, while the format's
 * own text (its newlines, the layout) is kept. JSON output does not come through here: it stays
 * exact JSON, with the escapes JSON has.
 *
 * The whole line is built in a growing buffer, so nothing is cut to a fixed size. */
#include "desk.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static bool output_lost; /* an allocation failed while building output: some text is missing */

bool desk_output_lost(void)
{
    return output_lost;
}

typedef struct text {
    char *data;
    size_t length, capacity;
    bool failed;
} text;

static bool reserve(text *t, size_t more)
{
    if (t->failed)
        return false;
    if (t->length + more + 1 <= t->capacity)
        return true;
    size_t capacity = t->capacity > 0 ? t->capacity : 128;
    while (capacity < t->length + more + 1) {
        if (capacity > SIZE_MAX / 2) {
            t->failed = true;
            return false;
        }
        capacity *= 2;
    }
    char *grown = realloc(t->data, capacity);
    if (grown == NULL) {
        t->failed = true;
        return false;
    }
    t->data = grown;
    t->capacity = capacity;
    return true;
}

static void append(text *t, const char *bytes, size_t length)
{
    if (!reserve(t, length))
        return;
    memcpy(t->data + t->length, bytes, length);
    t->length += length;
    t->data[t->length] = '\0';
}

/* printf one converted value (spec is a single conversion, e.g. "%-8s" or "%llu"). */
static void append_formatted(text *t, const char *spec, ...)
{
    va_list ap, again;
    va_start(ap, spec);
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, spec, ap);
    va_end(ap);
    if (n >= 0 && reserve(t, (size_t)n)) {
        vsnprintf(t->data + t->length, (size_t)n + 1, spec, again);
        t->length += (size_t)n;
    } else if (n < 0) {
        t->failed = true;
    }
    va_end(again);
}

static void emit_to_text(void *user, const char *bytes, size_t length)
{
    append(user, bytes, length);
}

/* Pass @p s to @p emit in pieces, each control character replaced by its escape. */
static void escape_controls(const char *s, size_t length, void (*emit)(void *, const char *, size_t),
                            void *user)
{
    static const char hex[] = "0123456789abcdef";
    size_t start = 0;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)s[i];
        bool c1 = c == 0xc2 && i + 1 < length && (unsigned char)s[i + 1] >= 0x80 &&
                  (unsigned char)s[i + 1] <= 0x9f;
        if (c >= 0x20 && c != 0x7f && !c1)
            continue;
        emit(user, s + start, i - start);
        if (c1) {
            unsigned char code = (unsigned char)s[++i];
            char escape[6] = {'\\', 'u', '0', '0', hex[code >> 4], hex[code & 15]};
            emit(user, escape, sizeof escape);
        } else {
            char escape[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
            emit(user, escape, sizeof escape);
        }
        start = i + 1;
    }
    emit(user, s + start, length - start);
}


/* The escaped form of @p s as a NUL-terminated string in a new buffer; NULL when out of memory. */
static char *escaped(const char *s, size_t length)
{
    text t = {NULL, 0, 0, false};
    append(&t, "", 0);
    escape_controls(s, length, emit_to_text, &t);
    if (t.failed) {
        free(t.data);
        return NULL;
    }
    return t.data;
}

/* One conversion of @p fmt (at '%'), appended to @p t; returns the format past it. */
static const char *convert(text *t, const char *fmt, va_list *ap)
{
    char spec[48] = "%"; /* flags, width, precision and length of our own formats: short */
    size_t used = 1;
    const char *p = fmt + 1;
#define SPEC_PUT(ch) (used + 1 < sizeof spec ? (void)(spec[used++] = (ch), spec[used] = '\0') : (void)0)
    while (strchr("-+ #0", *p) != NULL && *p != '\0')
        SPEC_PUT(*p++);
    if (*p == '*') { /* widths and precisions given as arguments are written into the spec */
        int width = va_arg(*ap, int);
        used += (size_t)snprintf(spec + used, sizeof spec - used, "%d", width);
        p++;
    } else {
        while (*p >= '0' && *p <= '9')
            SPEC_PUT(*p++);
    }
    size_t used_before_precision = used;
    long precision = -1; /* for %s: a count of the argument's own bytes, applied before escaping */
    if (*p == '.') {
        p++;
        if (*p == '*') {
            int given = va_arg(*ap, int);
            if (given >= 0)
                used += (size_t)snprintf(spec + used, sizeof spec - used, ".%d", given);
            precision = given >= 0 ? given : -1;
            p++;
        } else {
            SPEC_PUT('.');
            precision = 0;
            while (*p >= '0' && *p <= '9') {
                precision = precision < 100000 ? precision * 10 + (*p - '0') : precision;
                SPEC_PUT(*p++);
            }
        }
    }
    enum { NONE, HH, H, L, LL, Z, J, T, LD } size = NONE;
    if (p[0] == 'h' && p[1] == 'h')
        size = HH, p += 2, SPEC_PUT('h'), SPEC_PUT('h');
    else if (p[0] == 'l' && p[1] == 'l')
        size = LL, p += 2, SPEC_PUT('l'), SPEC_PUT('l');
    else if (*p == 'h' || *p == 'l' || *p == 'z' || *p == 'j' || *p == 't' || *p == 'L') {
        size = *p == 'h' ? H : *p == 'l' ? L : *p == 'z' ? Z : *p == 'j' ? J : *p == 't' ? T : LD;
        SPEC_PUT(*p++);
    }
    char conversion = *p;
    if (conversion == '\0')
        return p;
    SPEC_PUT(conversion);
#undef SPEC_PUT
    switch (conversion) {
    case 's': {
        const char *s = va_arg(*ap, const char *);
        if (s == NULL)
            s = "(null)";
        size_t length = strlen(s);
        if (precision >= 0 && (size_t)precision < length)
            length = (size_t)precision;
        char *shown = escaped(s, length);
        spec[used_before_precision] = 's'; /* the width stays; the precision was applied */
        spec[used_before_precision + 1] = '\0';
        if (shown == NULL)
            t->failed = true;
        else
            append_formatted(t, spec, shown);
        free(shown);
        break;
    }
    case 'c': {
        char c = (char)va_arg(*ap, int);
        char *shown = escaped(&c, 1);
        spec[used - 1] = 's';
        if (shown == NULL)
            t->failed = true;
        else
            append_formatted(t, spec, shown);
        free(shown);
        break;
    }
    case 'd':
    case 'i':
        if (size == L)
            append_formatted(t, spec, va_arg(*ap, long));
        else if (size == LL)
            append_formatted(t, spec, va_arg(*ap, long long));
        else if (size == Z)
            append_formatted(t, spec, va_arg(*ap, ptrdiff_t)); /* the signed type of size_t's width */
        else if (size == J)
            append_formatted(t, spec, va_arg(*ap, intmax_t));
        else if (size == T)
            append_formatted(t, spec, va_arg(*ap, ptrdiff_t));
        else
            append_formatted(t, spec, va_arg(*ap, int));
        break;
    case 'u':
    case 'x':
    case 'X':
    case 'o':
        if (size == L)
            append_formatted(t, spec, va_arg(*ap, unsigned long));
        else if (size == LL)
            append_formatted(t, spec, va_arg(*ap, unsigned long long));
        else if (size == Z)
            append_formatted(t, spec, va_arg(*ap, size_t));
        else if (size == J)
            append_formatted(t, spec, va_arg(*ap, uintmax_t));
        else if (size == T)
            append_formatted(t, spec, va_arg(*ap, size_t));
        else
            append_formatted(t, spec, va_arg(*ap, unsigned));
        break;
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
    case 'a':
    case 'A':
        if (size == LD)
            append_formatted(t, spec, va_arg(*ap, long double));
        else
            append_formatted(t, spec, va_arg(*ap, double));
        break;
    case 'p':
        append_formatted(t, spec, va_arg(*ap, void *));
        break;
    case '%':
        append(t, "%", 1);
        break;
    default: /* not used by the desk: shown as written */
        append(t, fmt, (size_t)(p + 1 - fmt));
        break;
    }
    return p + 1;
}

int desk_vprint_text(FILE *out, const char *fmt, va_list ap)
{
    text t = {NULL, 0, 0, false};
    va_list args;
    va_copy(args, ap);
    const char *p = fmt;
    while (*p != '\0') {
        size_t literal = strcspn(p, "%");
        append(&t, p, literal);
        p += literal;
        if (*p == '%')
            p = convert(&t, p, &args);
    }
    va_end(args);
    int rc = 0;
    if (t.failed) {
        output_lost = true;
        rc = -1;
    } else if (t.length > 0 && fwrite(t.data, 1, t.length, out) != t.length) {
        rc = -1;
    }
    free(t.data);
    return rc;
}

/* ---- quoting for the POSIX shell ------------------------------------------------------------ */

static bool has_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++)
        if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
            return true;
    return false;
}

char *desk_shell_quote(const char *s)
{
    static const char hex[] = "0123456789abcdef";
    text t = {NULL, 0, 0, false};
    if (has_control(s)) {
        /* $'...' (POSIX.1-2024, bash, ksh, zsh) with each control byte as \xNN: safe on the
         * terminal, and the exact text again when pasted. */
        append(&t, "$'", 2);
        for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
            bool control = *p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f);
            if (*p == '\'' || *p == '\\') {
                append(&t, "\\", 1);
                append(&t, (const char *)p, 1);
            } else if (control) {
                char escape[4] = {'\\', 'x', hex[*p >> 4], hex[*p & 15]};
                append(&t, escape, sizeof escape);
                if (*p == 0xc2) { /* the C1 control's second byte, kept as an escape too */
                    p++;
                    char second[4] = {'\\', 'x', hex[*p >> 4], hex[*p & 15]};
                    append(&t, second, sizeof second);
                }
            } else {
                append(&t, (const char *)p, 1);
            }
        }
        append(&t, "'", 1);
    } else {
        /* '...': nothing inside is special but the quote itself, written '\'' */
        append(&t, "'", 1);
        for (const char *p = s; *p != '\0'; p++) {
            if (*p == '\'')
                append(&t, "'\\''", 4);
            else
                append(&t, p, 1);
        }
        append(&t, "'", 1);
    }
    if (t.failed) {
        free(t.data);
        return NULL;
    }
    return t.data;
}

int desk_append(char **s, size_t *length, const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *grown = n >= 0 ? realloc(*s, *length + (size_t)n + 1) : NULL;
    if (grown == NULL) {
        va_end(again);
        return -1;
    }
    vsnprintf(grown + *length, (size_t)n + 1, fmt, again);
    va_end(again);
    *s = grown;
    *length += (size_t)n;
    return 0;
}

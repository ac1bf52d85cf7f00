/* Evaluating FEEL: FEEL's three-valued logic (and/or with null), null for anything that cannot
 * be computed (with the reason kept), exact decimal arithmetic, and the date, time and duration
 * arithmetic of the DMN specification's table of arithmetic on temporal values. */
#include "feel/eval.h"
#include "feel/builtins.h"
#include "base/civil.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum { MAX_EVAL_DEPTH = 400 };

const feel_value *svcr__feel_error(feel_env *env, const feel_node *node, const char *fmt, ...)
{
    if (!env->failed) {
        env->failed = true;
        int n = 0;
        if (node != NULL)
            n = snprintf(env->error, sizeof env->error, "line %d, column %d: ", node->line, node->column);
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(env->error + n, sizeof env->error - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return &svcr__feel_null;
}

const feel_value *svcr__feel_nomem(feel_env *env)
{
    env->out_of_memory = true;
    return &svcr__feel_null;
}

const feel_value *svcr__feel_lookup(const feel_scope *scope, const char *name)
{
    for (; scope != NULL; scope = scope->parent)
        for (size_t i = scope->count; i-- > 0;)
            if (strcmp(scope->names[i], name) == 0)
                return scope->values[i];
    return NULL;
}

static const feel_value *number_result(feel_env *env, const feel_node *node, feel_decimal_status status,
                                       const feel_decimal *result)
{
    switch (status) {
    case FEEL_DECIMAL_OK: {
        feel_value *v = svcr__feel_number(env->arena, result);
        return v != NULL ? v : svcr__feel_nomem(env);
    }
    case FEEL_DECIMAL_DIVIDE_BY_ZERO:
        return svcr__feel_error(env, node, "division by zero");
    case FEEL_DECIMAL_OVERFLOW:
        return svcr__feel_error(env, node, "number out of range (beyond decimal128)");
    default:
        return svcr__feel_error(env, node, "exponent must be an integer (at most 999999999)");
    }
}

static feel_value *new_value(feel_env *env, feel_kind kind)
{
    feel_value *v = svcr__feel_new(env->arena, kind);
    if (v == NULL)
        env->out_of_memory = true;
    return v;
}

static const feel_value *days_time(feel_env *env, int64_t seconds, int32_t nanos)
{
    while (nanos < 0 && seconds > 0) {
        nanos += 1000000000;
        seconds--;
    }
    while (nanos > 0 && seconds < 0) {
        nanos -= 1000000000;
        seconds++;
    }
    seconds += nanos / 1000000000;
    nanos %= 1000000000;
    feel_value *v = new_value(env, FEEL_DAYS_TIME_DURATION);
    if (v == NULL)
        return &svcr__feel_null;
    v->as.duration.seconds = seconds;
    v->as.duration.nanos = nanos;
    return v;
}

/* A date or date-time plus a number of months, the day clamped to the month's length. */
static feel_temporal add_months(feel_temporal t, int64_t months)
{
    int64_t year;
    int month, day;
    svcr__civil_from_days(t.days, &year, &month, &day);
    int64_t total = year * 12 + (month - 1) + months;
    int64_t new_year = total >= 0 ? total / 12 : (total - 11) / 12;
    int new_month = (int)(total - new_year * 12) + 1;
    int last = svcr__days_in_month(new_year, new_month);
    t.days = svcr__days_from_civil(new_year, new_month, day > last ? last : day);
    return t;
}

static feel_temporal add_seconds(feel_temporal t, int64_t seconds, int32_t nanos)
{
    int64_t total_nanos = (int64_t)t.nanos + nanos;
    int64_t carry = total_nanos >= 0 ? total_nanos / 1000000000 : (total_nanos - 999999999) / 1000000000;
    t.nanos = (int32_t)(total_nanos - carry * 1000000000);
    int64_t s = t.seconds + seconds + carry;
    int64_t day_carry = svcr__day_of(s);
    t.days += day_carry;
    t.seconds = s - day_carry * SVCR_SECONDS_PER_DAY;
    return t;
}

static bool is_temporal(feel_kind k)
{
    return k == FEEL_DATE || k == FEEL_TIME || k == FEEL_DATE_TIME;
}

static const feel_value *temporal_value(feel_env *env, feel_kind kind, feel_temporal t)
{
    feel_value *v = new_value(env, kind);
    if (v == NULL)
        return &svcr__feel_null;
    if (kind == FEEL_DATE) {
        t.seconds = 0;
        t.nanos = 0;
        t.has_offset = false;
    }
    if (kind == FEEL_TIME)
        t.days = 0;
    v->as.temporal = t;
    return v;
}

/* Scale a days-and-time duration by a number (rounded to whole nanoseconds). */
static const feel_value *scale_duration(feel_env *env, const feel_node *node, const feel_value *d,
                                        const feel_decimal *factor, bool divide)
{
    feel_decimal total, billion, nanos, result;
    svcr__decimal_from_int(d->as.duration.seconds, &total);
    svcr__decimal_from_int(1000000000, &billion);
    svcr__decimal_from_int(d->as.duration.nanos, &nanos);
    svcr__decimal_multiply(&total, &billion, &total);
    svcr__decimal_add(&total, &nanos, &total);
    feel_decimal_status status = divide ? svcr__decimal_divide(&total, factor, &result)
                                        : svcr__decimal_multiply(&total, factor, &result);
    int64_t n;
    if (status != FEEL_DECIMAL_OK)
        return number_result(env, node, status, &result);
    svcr__decimal_round(&result, 0, FEEL_ROUND_HALF_EVEN, &result);
    if (!svcr__decimal_to_int64(&result, &n))
        return svcr__feel_error(env, node, "duration out of range");
    return days_time(env, n / 1000000000, (int32_t)(n % 1000000000));
}

static const feel_value *arithmetic(feel_env *env, const feel_node *node, char op, const feel_value *a,
                                    const feel_value *b)
{
    if (a->kind == FEEL_NULL || b->kind == FEEL_NULL)
        return &svcr__feel_null;
    feel_decimal r;
    if (a->kind == FEEL_NUMBER && b->kind == FEEL_NUMBER) {
        feel_decimal_status status;
        switch (op) {
        case '+': status = svcr__decimal_add(&a->as.number, &b->as.number, &r); break;
        case '-': status = svcr__decimal_subtract(&a->as.number, &b->as.number, &r); break;
        case '*': status = svcr__decimal_multiply(&a->as.number, &b->as.number, &r); break;
        case '/': status = svcr__decimal_divide(&a->as.number, &b->as.number, &r); break;
        default: status = svcr__decimal_power(&a->as.number, &b->as.number, &r); break;
        }
        return number_result(env, node, status, &r);
    }
    if (op == '+' && a->kind == FEEL_STRING && b->kind == FEEL_STRING) {
        size_t n = a->as.string.length + b->as.string.length;
        char *text = svcr__feel_alloc(env->arena, n + 1);
        feel_value *v = new_value(env, FEEL_STRING);
        if (text == NULL || v == NULL)
            return svcr__feel_nomem(env);
        memcpy(text, a->as.string.text, a->as.string.length);
        memcpy(text + a->as.string.length, b->as.string.text, b->as.string.length);
        v->as.string.text = text;
        v->as.string.length = n;
        return v;
    }
    feel_kind ka = a->kind, kb = b->kind;
    if (ka == FEEL_DAYS_TIME_DURATION && kb == FEEL_DAYS_TIME_DURATION && (op == '+' || op == '-')) {
        int sign = op == '+' ? 1 : -1;
        return days_time(env, a->as.duration.seconds + sign * b->as.duration.seconds,
                         a->as.duration.nanos + sign * b->as.duration.nanos);
    }
    if (ka == FEEL_YEARS_MONTHS_DURATION && kb == FEEL_YEARS_MONTHS_DURATION && (op == '+' || op == '-')) {
        feel_value *v = new_value(env, FEEL_YEARS_MONTHS_DURATION);
        if (v == NULL)
            return &svcr__feel_null;
        v->as.months = op == '+' ? a->as.months + b->as.months : a->as.months - b->as.months;
        return v;
    }
    if (is_temporal(ka) && (kb == FEEL_DAYS_TIME_DURATION || kb == FEEL_YEARS_MONTHS_DURATION) &&
        (op == '+' || op == '-')) {
        int sign = op == '+' ? 1 : -1;
        if (kb == FEEL_YEARS_MONTHS_DURATION) {
            if (ka == FEEL_TIME)
                return svcr__feel_error(env, node, "cannot add years and months to a time");
            return temporal_value(env, ka, add_months(a->as.temporal, sign * b->as.months));
        }
        feel_temporal t = add_seconds(a->as.temporal, sign * b->as.duration.seconds, sign * b->as.duration.nanos);
        return temporal_value(env, ka, t);
    }
    if (is_temporal(kb) && (ka == FEEL_DAYS_TIME_DURATION || ka == FEEL_YEARS_MONTHS_DURATION) && op == '+')
        return arithmetic(env, node, op, b, a);
    if (is_temporal(ka) && is_temporal(kb) && op == '-') {
        if ((ka == FEEL_TIME) != (kb == FEEL_TIME))
            return svcr__feel_error(env, node, "cannot subtract a %s from a %s", svcr__feel_kind_name(kb),
                                    svcr__feel_kind_name(ka));
        feel_temporal x = a->as.temporal, y = b->as.temporal;
        if (x.has_offset != y.has_offset && ka != FEEL_DATE && kb != FEEL_DATE)
            return &svcr__feel_null;
        int64_t sx = x.days * SVCR_SECONDS_PER_DAY + x.seconds - (x.has_offset ? x.offset : 0);
        int64_t sy = y.days * SVCR_SECONDS_PER_DAY + y.seconds - (y.has_offset ? y.offset : 0);
        return days_time(env, sx - sy, x.nanos - y.nanos);
    }
    if (ka == FEEL_DAYS_TIME_DURATION && kb == FEEL_NUMBER && (op == '*' || op == '/'))
        return scale_duration(env, node, a, &b->as.number, op == '/');
    if (ka == FEEL_NUMBER && kb == FEEL_DAYS_TIME_DURATION && op == '*')
        return scale_duration(env, node, b, &a->as.number, false);
    if ((ka == FEEL_YEARS_MONTHS_DURATION && kb == FEEL_NUMBER && (op == '*' || op == '/')) ||
        (ka == FEEL_NUMBER && kb == FEEL_YEARS_MONTHS_DURATION && op == '*')) {
        const feel_value *d = ka == FEEL_NUMBER ? b : a, *n = ka == FEEL_NUMBER ? a : b;
        feel_decimal months;
        svcr__decimal_from_int(d->as.months, &months);
        feel_decimal_status status = op == '/' ? svcr__decimal_divide(&months, &n->as.number, &r)
                                               : svcr__decimal_multiply(&months, &n->as.number, &r);
        if (status != FEEL_DECIMAL_OK)
            return number_result(env, node, status, &r);
        svcr__decimal_round(&r, 0, FEEL_ROUND_DOWN, &r);
        int64_t m;
        if (!svcr__decimal_to_int64(&r, &m))
            return svcr__feel_error(env, node, "duration out of range");
        feel_value *v = new_value(env, FEEL_YEARS_MONTHS_DURATION);
        if (v == NULL)
            return &svcr__feel_null;
        v->as.months = m;
        return v;
    }
    if (op == '/' && ka == kb && (ka == FEEL_DAYS_TIME_DURATION || ka == FEEL_YEARS_MONTHS_DURATION)) {
        feel_decimal x, y, billion, part;
        if (ka == FEEL_YEARS_MONTHS_DURATION) {
            svcr__decimal_from_int(a->as.months, &x);
            svcr__decimal_from_int(b->as.months, &y);
        } else {
            svcr__decimal_from_int(1000000000, &billion);
            svcr__decimal_from_int(a->as.duration.seconds, &x);
            svcr__decimal_multiply(&x, &billion, &x);
            svcr__decimal_from_int(a->as.duration.nanos, &part);
            svcr__decimal_add(&x, &part, &x);
            svcr__decimal_from_int(b->as.duration.seconds, &y);
            svcr__decimal_multiply(&y, &billion, &y);
            svcr__decimal_from_int(b->as.duration.nanos, &part);
            svcr__decimal_add(&y, &part, &y);
        }
        return number_result(env, node, svcr__decimal_divide(&x, &y, &r), &r);
    }
    static const char *const verbs[] = {"add", "subtract", "multiply", "divide", "raise"};
    const char *verb = verbs[op == '+' ? 0 : op == '-' ? 1 : op == '*' ? 2 : op == '/' ? 3 : 4];
    return svcr__feel_error(env, node, "cannot %s %s and %s", verb, svcr__feel_kind_name(ka), svcr__feel_kind_name(kb));
}

static const feel_value *compare(feel_env *env, const feel_node *node, char op, const feel_value *a,
                                 const feel_value *b)
{
    if (op == '=' || op == '!') {
        const feel_value *e = svcr__feel_equal(a, b);
        if (e->kind == FEEL_NULL)
            return svcr__feel_error(env, node, "cannot compare %s with %s", svcr__feel_kind_name(a->kind),
                                    svcr__feel_kind_name(b->kind));
        return op == '=' ? e : svcr__feel_boolean(!e->as.boolean);
    }
    if (a->kind == FEEL_NULL || b->kind == FEEL_NULL)
        return &svcr__feel_null;
    int c = svcr__feel_order(a, b);
    if (c == 2)
        return svcr__feel_error(env, node, "cannot order %s and %s", svcr__feel_kind_name(a->kind),
                                svcr__feel_kind_name(b->kind));
    switch (op) {
    case '<': return svcr__feel_boolean(c < 0);
    case 'l': return svcr__feel_boolean(c <= 0);
    case '>': return svcr__feel_boolean(c > 0);
    default: return svcr__feel_boolean(c >= 0);
    }
}

static int truth(const feel_value *v)
{
    return v->kind == FEEL_BOOLEAN ? v->as.boolean : -1;
}

static const feel_value *path(feel_env *env, const feel_node *node, const feel_value *base)
{
    const char *name = node->text;
    switch (base->kind) {
    case FEEL_NULL:
        return &svcr__feel_null;
    case FEEL_CONTEXT: {
        const feel_value *v = svcr__feel_context_get(base, name);
        return v != NULL ? v : &svcr__feel_null;
    }
    case FEEL_LIST: {
        const feel_value **items = svcr__feel_alloc(env->arena, (base->as.list.count + 1) * sizeof *items);
        feel_value *list = new_value(env, FEEL_LIST);
        if (items == NULL || list == NULL)
            return svcr__feel_nomem(env);
        for (size_t i = 0; i < base->as.list.count; i++)
            items[i] = path(env, node, base->as.list.items[i]);
        list->as.list.items = items;
        list->as.list.count = base->as.list.count;
        return list;
    }
    case FEEL_DATE:
    case FEEL_DATE_TIME:
    case FEEL_TIME: {
        int64_t year;
        int month, day;
        svcr__civil_from_days(base->as.temporal.days, &year, &month, &day);
        int64_t n;
        bool has_date = base->kind != FEEL_TIME, has_time = base->kind != FEEL_DATE;
        if (has_date && strcmp(name, "year") == 0) n = year;
        else if (has_date && strcmp(name, "month") == 0) n = month;
        else if (has_date && strcmp(name, "day") == 0) n = day;
        else if (has_date && strcmp(name, "weekday") == 0) n = svcr__iso_weekday(base->as.temporal.days);
        else if (has_time && strcmp(name, "hour") == 0) n = base->as.temporal.seconds / 3600;
        else if (has_time && strcmp(name, "minute") == 0) n = base->as.temporal.seconds / 60 % 60;
        else if (has_time && strcmp(name, "second") == 0) n = base->as.temporal.seconds % 60;
        else
            return svcr__feel_error(env, node, "a %s has no property '%s'", svcr__feel_kind_name(base->kind), name);
        feel_decimal d;
        svcr__decimal_from_int(n, &d);
        return number_result(env, node, FEEL_DECIMAL_OK, &d);
    }
    case FEEL_DAYS_TIME_DURATION:
    case FEEL_YEARS_MONTHS_DURATION: {
        int64_t n, s = base->as.duration.seconds, m = base->as.months;
        bool dt = base->kind == FEEL_DAYS_TIME_DURATION;
        if (dt && strcmp(name, "days") == 0) n = s / 86400;
        else if (dt && strcmp(name, "hours") == 0) n = s / 3600 % 24;
        else if (dt && strcmp(name, "minutes") == 0) n = s / 60 % 60;
        else if (dt && strcmp(name, "seconds") == 0) n = s % 60;
        else if (!dt && strcmp(name, "years") == 0) n = m / 12;
        else if (!dt && strcmp(name, "months") == 0) n = m % 12;
        else
            return svcr__feel_error(env, node, "a %s has no property '%s'", svcr__feel_kind_name(base->kind), name);
        feel_decimal d;
        svcr__decimal_from_int(n, &d);
        return number_result(env, node, FEEL_DECIMAL_OK, &d);
    }
    default:
        return svcr__feel_error(env, node, "a %s has no property '%s'", svcr__feel_kind_name(base->kind), name);
    }
}

/* The item at a 1-based index (negative: from the end), or null. */
static const feel_value *item_at(feel_env *env, const feel_node *condition, const feel_value *index,
                                 const feel_value *const *items, size_t count)
{
    int64_t i;
    if (index->kind != FEEL_NUMBER || !svcr__decimal_to_int64(&index->as.number, &i))
        return svcr__feel_error(env, condition, "a list index must be an integer");
    if (i > 0 && (uint64_t)i <= count)
        return items[i - 1];
    if (i < 0 && (uint64_t)-i <= count)
        return items[(int64_t)count + i];
    return &svcr__feel_null;
}

static const feel_value *filter(feel_env *env, const feel_node *node, const feel_value *list)
{
    const feel_node *condition = node->children[1];
    if (list->kind == FEEL_NULL)
        return &svcr__feel_null;
    const feel_value *single[1] = {list};
    const feel_value *const *items = list->kind == FEEL_LIST ? list->as.list.items : single;
    size_t count = list->kind == FEEL_LIST ? list->as.list.count : 1;
    if (condition->kind == FEEL_NODE_NUMBER || condition->kind == FEEL_NODE_NEGATE)
        return item_at(env, condition, svcr__feel_eval(env, condition), items, count);
    const feel_value **kept = svcr__feel_alloc(env->arena, (count + 1) * sizeof *kept);
    feel_value *out = new_value(env, FEEL_LIST);
    if (kept == NULL || out == NULL)
        return svcr__feel_nomem(env);
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        const feel_value *item = items[i];
        const char *names[1] = {"item"};
        const feel_value *values[1] = {item};
        feel_scope item_scope = {names, values, 1, env->scope};
        feel_scope context_scope = {NULL, NULL, 0, &item_scope};
        if (item->kind == FEEL_CONTEXT) {
            context_scope.names = item->as.context.names;
            context_scope.values = item->as.context.values;
            context_scope.count = item->as.context.count;
        }
        const feel_scope *saved = env->scope;
        env->scope = &context_scope;
        const feel_value *keep = svcr__feel_eval(env, condition);
        env->scope = saved;
        if (keep->kind == FEEL_NUMBER) /* a computed index, e.g. list[n + 1] */
            return item_at(env, condition, keep, items, count);
        if (truth(keep) == 1)
            kept[n++] = item;
    }
    out->as.list.items = kept;
    out->as.list.count = n;
    return out;
}

static const feel_value *call(feel_env *env, const feel_node *node)
{
    const feel_value **args = svcr__feel_alloc(env->arena, (node->count + 1) * sizeof *args);
    if (args == NULL)
        return svcr__feel_nomem(env);
    for (size_t i = 0; i < node->count; i++)
        args[i] = svcr__feel_eval(env, node->children[i]);
    const feel_value *callee = svcr__feel_lookup(env->scope, node->text);
    if (callee != NULL && callee->kind == FEEL_FUNCTION) {
        const feel_function *f = callee->as.function;
        const feel_value **ordered = svcr__feel_alloc(env->arena, (f->parameter_count + 1) * sizeof *ordered);
        if (ordered == NULL)
            return svcr__feel_nomem(env);
        for (size_t i = 0; i < f->parameter_count; i++)
            ordered[i] = &svcr__feel_null;
        bool named = node->count > 0 && node->keys != NULL && node->keys[0] != NULL;
        if (!named && node->count != f->parameter_count)
            return svcr__feel_error(env, node, "%s takes %zu arguments, not %zu", node->text, f->parameter_count,
                                    node->count);
        for (size_t i = 0; i < node->count; i++) {
            if (!named) {
                ordered[i] = args[i];
                continue;
            }
            size_t k = 0;
            while (k < f->parameter_count && (node->keys[i] == NULL || strcmp(f->parameters[k], node->keys[i]) != 0))
                k++;
            if (k == f->parameter_count)
                return svcr__feel_error(env, node->children[i], "%s has no parameter '%s'", node->text,
                                        node->keys[i] ? node->keys[i] : "?");
            ordered[k] = args[i];
        }
        if (env->depth > MAX_EVAL_DEPTH)
            return svcr__feel_error(env, node, "calls nested too deeply");
        return f->invoke(env, f, ordered);
    }
    if (callee != NULL)
        return svcr__feel_error(env, node, "'%s' is a %s, not a function", node->text,
                                svcr__feel_kind_name(callee->kind));
    const feel_builtin *b = svcr__feel_builtin_find(node->text);
    if (b == NULL)
        return svcr__feel_error(env, node, "unknown function '%s'", node->text);
    if (node->count < b->min_args || node->count > b->max_args)
        return svcr__feel_error(env, node, "%s takes %zu to %zu arguments, not %zu", b->name, b->min_args,
                                b->max_args, node->count);
    return b->fn(env, node, args, node->count);
}

static bool test_one(feel_env *env, const feel_node *test, const feel_value *input)
{
    switch (test->kind) {
    case FEEL_NODE_TEST_ANY:
        return true;
    case FEEL_NODE_TESTS: {
        bool any = false;
        for (size_t i = 0; i < test->count && !any; i++)
            any = test_one(env, test->children[i], input);
        return test->op == 'n' ? !any : any;
    }
    case FEEL_NODE_TEST_COMPARE: {
        const feel_value *endpoint = svcr__feel_eval(env, test->children[0]);
        if (input->kind == FEEL_NULL || endpoint->kind == FEEL_NULL)
            return false;
        const feel_value *r = compare(env, test, test->op, input, endpoint);
        return truth(r) == 1;
    }
    case FEEL_NODE_TEST_RANGE: {
        const feel_value *low = svcr__feel_eval(env, test->children[0]);
        const feel_value *high = svcr__feel_eval(env, test->children[1]);
        if (input->kind == FEEL_NULL || low->kind == FEEL_NULL || high->kind == FEEL_NULL)
            return false;
        const feel_value *above = compare(env, test, test->open_low ? '>' : 'g', input, low);
        const feel_value *below = compare(env, test, test->open_high ? '<' : 'l', input, high);
        return truth(above) == 1 && truth(below) == 1;
    }
    case FEEL_NODE_TEST_EQUAL: {
        const feel_value *v = svcr__feel_eval(env, test->children[0]);
        if (test->uses_input)
            return truth(v) == 1;
        if (v->kind == FEEL_LIST && input->kind != FEEL_LIST) {
            for (size_t i = 0; i < v->as.list.count; i++)
                if (truth(svcr__feel_equal(input, v->as.list.items[i])) == 1)
                    return true;
            return false;
        }
        if (v->kind == FEEL_BOOLEAN && input->kind != FEEL_BOOLEAN && input->kind != FEEL_NULL)
            return v->as.boolean;
        return truth(svcr__feel_equal(input, v)) == 1;
    }
    default:
        return false;
    }
}

bool svcr__feel_test(feel_env *env, const feel_node *tests, const feel_value *input)
{
    const feel_value *saved = env->input;
    env->input = input;
    bool result = test_one(env, tests, input);
    env->input = saved;
    return result;
}

static const feel_value *eval(feel_env *env, const feel_node *node)
{
    switch (node->kind) {
    case FEEL_NODE_NUMBER: {
        feel_value *v = svcr__feel_number(env->arena, &node->number);
        return v != NULL ? v : svcr__feel_nomem(env);
    }
    case FEEL_NODE_STRING: {
        feel_value *v = new_value(env, FEEL_STRING);
        if (v == NULL)
            return &svcr__feel_null;
        v->as.string.text = node->text;
        v->as.string.length = node->text_length;
        return v;
    }
    case FEEL_NODE_BOOLEAN:
        return svcr__feel_boolean(node->boolean);
    case FEEL_NODE_NULL:
        return &svcr__feel_null;
    case FEEL_NODE_INPUT:
        return env->input != NULL ? env->input : svcr__feel_error(env, node, "'?' outside a unary test");
    case FEEL_NODE_NAME: {
        const feel_value *v = svcr__feel_lookup(env->scope, node->text);
        if (v != NULL)
            return v;
        return svcr__feel_error(env, node, "unknown name '%s'", node->text);
    }
    case FEEL_NODE_PATH:
        return path(env, node, svcr__feel_eval(env, node->children[0]));
    case FEEL_NODE_CALL:
        return call(env, node);
    case FEEL_NODE_FILTER:
        return filter(env, node, svcr__feel_eval(env, node->children[0]));
    case FEEL_NODE_NEGATE: {
        const feel_value *v = svcr__feel_eval(env, node->children[0]);
        if (v->kind == FEEL_NULL)
            return v;
        if (v->kind == FEEL_NUMBER) {
            feel_decimal d;
            svcr__decimal_negate(&v->as.number, &d);
            return number_result(env, node, FEEL_DECIMAL_OK, &d);
        }
        if (v->kind == FEEL_DAYS_TIME_DURATION)
            return days_time(env, -v->as.duration.seconds, -v->as.duration.nanos);
        if (v->kind == FEEL_YEARS_MONTHS_DURATION) {
            feel_value *r = new_value(env, FEEL_YEARS_MONTHS_DURATION);
            if (r == NULL)
                return &svcr__feel_null;
            r->as.months = -v->as.months;
            return r;
        }
        return svcr__feel_error(env, node, "cannot negate a %s", svcr__feel_kind_name(v->kind));
    }
    case FEEL_NODE_ARITHMETIC:
        return arithmetic(env, node, node->op, svcr__feel_eval(env, node->children[0]),
                          svcr__feel_eval(env, node->children[1]));
    case FEEL_NODE_COMPARE:
        return compare(env, node, node->op, svcr__feel_eval(env, node->children[0]),
                       svcr__feel_eval(env, node->children[1]));
    case FEEL_NODE_AND:
    case FEEL_NODE_OR: {
        int a = truth(svcr__feel_eval(env, node->children[0]));
        int b = truth(svcr__feel_eval(env, node->children[1]));
        if (node->kind == FEEL_NODE_AND) {
            if (a == 0 || b == 0)
                return &svcr__feel_false;
            return a == 1 && b == 1 ? &svcr__feel_true : &svcr__feel_null;
        }
        if (a == 1 || b == 1)
            return &svcr__feel_true;
        return a == 0 && b == 0 ? &svcr__feel_false : &svcr__feel_null;
    }
    case FEEL_NODE_IF:
        return truth(svcr__feel_eval(env, node->children[0])) == 1 ? svcr__feel_eval(env, node->children[1])
                                                                     : svcr__feel_eval(env, node->children[2]);
    case FEEL_NODE_BETWEEN: {
        const feel_value *v = svcr__feel_eval(env, node->children[0]);
        const feel_value *low = compare(env, node, 'g', v, svcr__feel_eval(env, node->children[1]));
        const feel_value *high = compare(env, node, 'l', v, svcr__feel_eval(env, node->children[2]));
        int a = truth(low), b = truth(high);
        if (a == 0 || b == 0)
            return &svcr__feel_false;
        return a == 1 && b == 1 ? &svcr__feel_true : &svcr__feel_null;
    }
    case FEEL_NODE_IN:
        return svcr__feel_boolean(svcr__feel_test(env, node->children[1], svcr__feel_eval(env, node->children[0])));
    case FEEL_NODE_LIST: {
        const feel_value **items = svcr__feel_alloc(env->arena, (node->count + 1) * sizeof *items);
        feel_value *v = new_value(env, FEEL_LIST);
        if (items == NULL || v == NULL)
            return svcr__feel_nomem(env);
        for (size_t i = 0; i < node->count; i++)
            items[i] = svcr__feel_eval(env, node->children[i]);
        v->as.list.items = items;
        v->as.list.count = node->count;
        return v;
    }
    case FEEL_NODE_CONTEXT: {
        /* Each entry sees the entries before it. */
        const feel_value **values = svcr__feel_alloc(env->arena, (node->count + 1) * sizeof *values);
        feel_value *v = new_value(env, FEEL_CONTEXT);
        if (values == NULL || v == NULL)
            return svcr__feel_nomem(env);
        feel_scope local = {node->keys, values, 0, env->scope};
        const feel_scope *saved = env->scope;
        env->scope = &local;
        for (size_t i = 0; i < node->count; i++) {
            values[i] = svcr__feel_eval(env, node->children[i]);
            local.count = i + 1;
        }
        env->scope = saved;
        v->as.context.names = node->keys;
        v->as.context.values = values;
        v->as.context.count = node->count;
        return v;
    }
    default:
        return svcr__feel_boolean(svcr__feel_test(env, node, env->input ? env->input : &svcr__feel_null));
    }
}

const feel_value *svcr__feel_eval(feel_env *env, const feel_node *node)
{
    if (++env->depth > MAX_EVAL_DEPTH) {
        env->depth--;
        return svcr__feel_error(env, node, "expression nested too deeply");
    }
    const feel_value *v = eval(env, node);
    env->depth--;
    return v != NULL ? v : &svcr__feel_null;
}

/* Bad inputs of base.h: status names, error detail, the allocator hook, money and time.
 * Each row is one line of docs/bad-inputs.md (tests/bad_inputs_table.py); see bad_inputs.h.
 * The snapshot covers the out-parameters, so a refused call must leave them untouched. */
#include "bad_inputs/bad_inputs.h"

#include <inttypes.h>

typedef struct outputs {
    svcr_money money;
    int order;
    int64_t time;
} outputs;

static char *snapshot(void *fixture)
{
    outputs *o = fixture;
    char *text = NULL;
    bad_append(&text, "money %" PRId64 " %.4s order %d time %" PRId64, o->money.amount_minor, o->money.currency,
               o->order, o->time);
    return text;
}

static svcr_money money(int64_t amount, const char *currency)
{
    svcr_money m = {amount, {0}};
    memcpy(m.currency, currency, strlen(currency) < 4 ? strlen(currency) + 1 : 4);
    return m;
}

static void status_and_error_detail(void **state)
{
    (void)state;
    BAD_RETURNS("svcr_status_name", "a value that is not a status (12345)", "\"SVCR_UNKNOWN\"", "",
                strcmp(svcr_status_name((svcr_status)12345), "SVCR_UNKNOWN") == 0);
    BAD_RETURNS("svcr_error_message", "no error recorded (after svcr_error_clear())", "\"\"", "",
                strcmp(svcr_error_message(), "") == 0);
    BAD_RETURNS("svcr_error_status", "no error recorded (after svcr_error_clear())", "SVCR_OK", "",
                svcr_error_status() == SVCR_OK);
    BAD_RETURNS("svcr_error_line", "last error has no text position (a NULL argument)", "0", "",
                (svcr_time_parse(NULL, NULL), svcr_error_line() == 0));
    BAD_RETURNS("svcr_error_column", "last error has no text position (a NULL argument)", "0", "",
                (svcr_time_parse(NULL, NULL), svcr_error_column() == 0));
    BAD_IGNORED("svcr_error_clear", "no error recorded", svcr_error_clear());
    BAD_RETURNS("svcr_version", "takes no input", "\"MAJOR.MINOR.PATCH\" of the headers", "",
                strcmp(svcr_version(), SVCR_VERSION_STRING) == 0);
}

static void *fail_malloc(size_t size, void *user_data)
{
    (void)size;
    (void)user_data;
    return NULL;
}

static void allocator(void **state)
{
    (void)state;
    svcr_allocator no_free = {sizeof(svcr_allocator), fail_malloc, NULL, NULL, NULL};
    BAD("svcr_set_allocator", "an allocator without realloc_fn and free_fn", SVCR_EINVAL,
        "malloc_fn, realloc_fn and free_fn must all be set", svcr_set_allocator(&no_free));
    svcr_allocator unsized = {0, fail_malloc, NULL, NULL, NULL};
    BAD("svcr_set_allocator", "size 0", SVCR_EINVAL, "allocator->size is 0", svcr_set_allocator(&unsized));
    /* The default allocator is still in use: allocating works. */
    svcr_agenda *agenda = NULL;
    assert_int_equal(svcr_agenda_new(&agenda), SVCR_OK);
    svcr_agenda_free(agenda);
    BAD_IGNORED("svcr_free", "NULL", svcr_free(NULL));
}

static void money_rows(void **state)
{
    outputs *o = *state;
    svcr_money eur = money(1250, "EUR"), usd = money(100, "USD"), bad = money(1, "eur");
    svcr_money max = money(INT64_MAX, "EUR"), min = money(INT64_MIN, "EUR");

    BAD("svcr_money_make", "NULL currency", SVCR_EINVAL, "\"currency\" is NULL", svcr_money_make(1, NULL, &o->money));
    BAD("svcr_money_make", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_money_make(1, "EUR", NULL));
    BAD("svcr_money_make", "lower-case code \"eur\"", SVCR_EINVAL, "\"eur\" is not a three-letter ISO 4217 code",
        svcr_money_make(1, "eur", &o->money));
    BAD("svcr_money_make", "four-letter code \"EURO\"", SVCR_EINVAL, "\"EURO\" is not a three-letter",
        svcr_money_make(1, "EURO", &o->money));

    BAD("svcr_money_add", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_money_add(eur, eur, NULL));
    BAD("svcr_money_add", "currency mismatch EUR + USD", SVCR_ECURRENCY, "currency mismatch: EUR and USD",
        svcr_money_add(eur, usd, &o->money));
    BAD("svcr_money_add", "invalid code \"eur\"", SVCR_EINVAL, "\"eur\" is not a three-letter",
        svcr_money_add(bad, eur, &o->money));
    BAD("svcr_money_add", "INT64_MAX + 1250 (overflow)", SVCR_EOVERFLOW, "does not fit in 64-bit minor units",
        svcr_money_add(max, eur, &o->money));

    BAD("svcr_money_subtract", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_money_subtract(eur, eur, NULL));
    BAD("svcr_money_subtract", "currency mismatch EUR - USD", SVCR_ECURRENCY, "currency mismatch: EUR and USD",
        svcr_money_subtract(eur, usd, &o->money));
    BAD("svcr_money_subtract", "INT64_MIN - 1250 (overflow)", SVCR_EOVERFLOW, "does not fit in 64-bit minor units",
        svcr_money_subtract(min, eur, &o->money));

    BAD("svcr_money_multiply", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_money_multiply(eur, 2, NULL));
    BAD("svcr_money_multiply", "invalid code \"eur\"", SVCR_EINVAL, "\"eur\" is not a three-letter",
        svcr_money_multiply(bad, 2, &o->money));
    BAD("svcr_money_multiply", "INT64_MAX x 2 (overflow)", SVCR_EOVERFLOW, "does not fit in 64-bit minor units",
        svcr_money_multiply(max, 2, &o->money));

    BAD("svcr_money_scale", "NULL out", SVCR_EINVAL, "\"out\" is NULL",
        svcr_money_scale(eur, 1, 3, SVCR_ROUND_HALF_EVEN, NULL));
    BAD("svcr_money_scale", "denominator 0", SVCR_EINVAL, "denominator is 0",
        svcr_money_scale(eur, 1, 0, SVCR_ROUND_HALF_EVEN, &o->money));
    BAD("svcr_money_scale", "rounding mode 99", SVCR_EINVAL, "rounding mode 99 is not an svcr_rounding",
        svcr_money_scale(eur, 1, 3, (svcr_rounding)99, &o->money));
    BAD("svcr_money_scale", "INT64_MAX x 3/2 (overflow)", SVCR_EOVERFLOW, "does not fit in 64-bit minor units",
        svcr_money_scale(max, 3, 2, SVCR_ROUND_HALF_EVEN, &o->money));

    BAD("svcr_money_compare", "NULL order", SVCR_EINVAL, "\"order\" is NULL", svcr_money_compare(eur, eur, NULL));
    BAD("svcr_money_compare", "currency mismatch EUR vs USD", SVCR_ECURRENCY, "currency mismatch: EUR and USD",
        svcr_money_compare(eur, usd, &o->order));

    BAD_RETURNS("svcr_currency_minor_digits", "NULL currency", "-1", "\"currency\" is NULL",
                svcr_currency_minor_digits(NULL) == -1);
    BAD_RETURNS("svcr_currency_minor_digits", "malformed code \"E1R\"", "-1", "\"E1R\" is not a three-letter",
                svcr_currency_minor_digits("E1R") == -1);
    BAD_RETURNS("svcr_currency_minor_digits", "unknown code \"ZZZ\"", "-1",
                "\"ZZZ\" is not an ISO 4217 currency code the library knows",
                svcr_currency_minor_digits("ZZZ") == -1);
    BAD("svcr_money_make", "unknown code \"ZZZ\"", SVCR_EINVAL,
        "\"ZZZ\" is not an ISO 4217 currency code the library knows", svcr_money_make(1, "ZZZ", &o->money));
    BAD("svcr_money_parse_decimal", "unknown code \"ZZZ\"", SVCR_EINVAL,
        "\"ZZZ\" is not an ISO 4217 currency code the library knows",
        svcr_money_parse_decimal("10.00", "ZZZ", &o->money));

    BAD("svcr_money_parse_decimal", "NULL text", SVCR_EINVAL, "\"text\" is NULL",
        svcr_money_parse_decimal(NULL, "EUR", &o->money));
    BAD("svcr_money_parse_decimal", "NULL currency", SVCR_EINVAL, "\"currency\" is NULL",
        svcr_money_parse_decimal("1", NULL, &o->money));
    BAD("svcr_money_parse_decimal", "NULL out", SVCR_EINVAL, "\"out\" is NULL",
        svcr_money_parse_decimal("1", "EUR", NULL));
    BAD("svcr_money_parse_decimal", "text \"12,50\"", SVCR_EINVAL, "\"12,50\" is not a decimal amount",
        svcr_money_parse_decimal("12,50", "EUR", &o->money));
    BAD("svcr_money_parse_decimal", "\"1.5\" JPY (more decimals than the currency has)", SVCR_EINVAL,
        "has more decimals than JPY's 0", svcr_money_parse_decimal("1.5", "JPY", &o->money));
    BAD("svcr_money_parse_decimal", "empty text", SVCR_EINVAL, "\"\" is not a decimal amount",
        svcr_money_parse_decimal("", "EUR", &o->money));
    BAD("svcr_money_parse_decimal", "\"99999999999999999999\" (overflow)", SVCR_EOVERFLOW, "is too large for EUR",
        svcr_money_parse_decimal("99999999999999999999", "EUR", &o->money));

    char buf[SVCR_MONEY_FORMAT_SIZE];
    BAD("svcr_money_format", "NULL buf", SVCR_EINVAL, "\"buf\" is NULL", svcr_money_format(eur, NULL, 10));
    BAD("svcr_money_format", "a 4-byte buffer for \"12.50 EUR\"", SVCR_EINVAL, "buffer of 4 bytes is too small",
        svcr_money_format(eur, buf, 4));
    BAD("svcr_money_format", "invalid code \"eur\"", SVCR_EINVAL, "\"eur\" is not a three-letter",
        svcr_money_format(bad, buf, sizeof buf));
}

static void time_rows(void **state)
{
    outputs *o = *state;
    char buf[SVCR_TIME_FORMAT_SIZE];
    BAD("svcr_time_parse", "NULL text", SVCR_EINVAL, "\"text\" is NULL", svcr_time_parse(NULL, &o->time));
    BAD("svcr_time_parse", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_time_parse("2026-11-23", NULL));
    BAD("svcr_time_parse", "a date that does not exist (2026-02-29)", SVCR_EINVAL, "\"2026-02-29\" is not a time",
        svcr_time_parse("2026-02-29", &o->time));
    BAD("svcr_time_parse", "text \"next tuesday\"", SVCR_EINVAL, "\"next tuesday\" is not a time",
        svcr_time_parse("next tuesday", &o->time));
    BAD("svcr_time_parse", "epoch seconds beyond int64 (\"@99999999999999999999\")", SVCR_EOVERFLOW,
        "is outside years 0001-9999", svcr_time_parse("@99999999999999999999", &o->time));
    BAD("svcr_time_parse", "year 0 (\"0000-06-01\")", SVCR_EOVERFLOW, "is outside years 0001-9999",
        svcr_time_parse("0000-06-01", &o->time));
    BAD("svcr_time_parse", "a bare number (\"20261123\")", SVCR_EINVAL, "a bare number is ambiguous",
        svcr_time_parse("20261123", &o->time));
    BAD("svcr_time_format", "NULL buf", SVCR_EINVAL, "\"buf\" is NULL", svcr_time_format(0, NULL, 32));
    BAD("svcr_time_format", "a 10-byte buffer", SVCR_EINVAL, "buffer of 10 bytes is too small",
        svcr_time_format(0, buf, 10));
    BAD("svcr_time_format", "a time after year 9999", SVCR_EINVAL, "is outside years 0001-9999",
        svcr_time_format(INT64_C(253402300800), buf, sizeof buf));
}

int main(void)
{
    static outputs o = {{7, "XXX"}, 7, 7};
    bad_inputs_watch(snapshot, &o);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_prestate_setup_teardown(status_and_error_detail, NULL, bad_inputs_verify, &o),
        cmocka_unit_test_prestate_setup_teardown(allocator, NULL, bad_inputs_verify, &o),
        cmocka_unit_test_prestate_setup_teardown(money_rows, NULL, bad_inputs_verify, &o),
        cmocka_unit_test_prestate_setup_teardown(time_rows, NULL, bad_inputs_verify, &o),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The struct rule of include/svcrecover/base.h, as a program built against another version sees
 * it: the library writes only the first `size` bytes of a caller's struct (an older, smaller
 * struct gets the fields it knows; a newer, larger one keeps its extra bytes), reads only that
 * much of a struct it is given, refuses a size smaller than the size field, and sets `size` in
 * the structs it hands out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>

enum { POISON = 0x5a };

static svcr_agenda *one_entry_agenda(void)
{
    svcr_agenda *agenda = NULL;
    assert_int_equal(svcr_agenda_new(&agenda), SVCR_OK);
    assert_int_equal(svcr_agenda_add(agenda, "C-1", "resolution", 1000), SVCR_OK);
    return agenda;
}

/* An older caller whose svcr_agenda_entry ended before `due`: `due` is not written. */
static void a_smaller_struct_gets_only_its_fields(void **state)
{
    (void)state;
    svcr_agenda *agenda = one_entry_agenda();
    svcr_agenda_entry entry; /* unsized until the memset below */
    memset(&entry, POISON, sizeof entry);
    entry.size = offsetof(svcr_agenda_entry, due);
    assert_int_equal(svcr_agenda_next(agenda, &entry), SVCR_OK);
    assert_int_equal(entry.size, offsetof(svcr_agenda_entry, due));
    assert_string_equal(entry.case_id, "C-1");
    assert_string_equal(entry.timer, "resolution");
    const unsigned char *due = (const unsigned char *)&entry.due;
    for (size_t i = 0; i < sizeof entry.due; i++)
        assert_int_equal(due[i], POISON);
    svcr_agenda_free(agenda);
}

/* A newer caller whose struct has more fields: the bytes past this version's struct are kept. */
static void a_larger_struct_keeps_its_extra_bytes(void **state)
{
    (void)state;
    svcr_agenda *agenda = one_entry_agenda();
    struct {
        svcr_agenda_entry entry;
        unsigned char later_fields[32];
    } newer;
    memset(&newer, POISON, sizeof newer);
    newer.entry.size = sizeof newer;
    assert_int_equal(svcr_agenda_next(agenda, &newer.entry), SVCR_OK);
    assert_int_equal(newer.entry.size, sizeof newer);
    assert_int_equal(newer.entry.due, 1000);
    for (size_t i = 0; i < sizeof newer.later_fields; i++)
        assert_int_equal(newer.later_fields[i], POISON);
    svcr_agenda_free(agenda);
}

/* A size smaller than the size field is refused, and nothing else is written. */
static void a_size_below_the_size_field_is_refused(void **state)
{
    (void)state;
    svcr_agenda *agenda = one_entry_agenda();
    svcr_agenda_entry entry; /* unsized until the memset below */
    memset(&entry, POISON, sizeof entry);
    entry.size = 0;
    assert_int_equal(svcr_agenda_next(agenda, &entry), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "out->size is 0"));
    assert_int_equal(entry.size, 0);
    assert_int_equal(((const unsigned char *)&entry.case_id)[0], POISON);
    svcr_agenda_free(agenda);
}

/* An init function writes only the size it is given: a smaller record keeps its bytes beyond. */
static void init_writes_only_the_given_size(void **state)
{
    (void)state;
    svcr_insight_record record;
    memset(&record, POISON, sizeof record);
    size_t older = offsetof(svcr_insight_record, resolution_seconds);
    svcr_insight_record_init(&record, older);
    assert_int_equal(record.size, older);
    assert_null(record.state);
    assert_int_equal(record.first_response_seconds, -1);
    const unsigned char *rest = (const unsigned char *)&record.resolution_seconds;
    for (size_t i = 0; i < sizeof record.resolution_seconds; i++)
        assert_int_equal(rest[i], POISON);

    /* ... and an older record is read as far as it goes: the fields it lacks are unknown. */
    svcr_insight *insight = NULL;
    assert_int_equal(svcr_insight_new(NULL, &insight), SVCR_OK);
    svcr_insight_record_init(&record, older);
    record.state = "closed";
    assert_int_equal(svcr_insight_add(insight, &record), SVCR_OK);
    assert_int_equal(svcr_insight_case_count(insight), 1);
    assert_int_equal(svcr_insight_state_count(insight, "closed"), 1);
    svcr_insight_free(insight);
}

/* Structs the library hands out carry the size it filled. */
static void library_owned_structs_carry_their_size(void **state)
{
    (void)state;
    svcr_table *table = NULL;
    svcr_table_facts *facts = NULL;
    svcr_table_result *result = NULL;
    assert_int_equal(svcr_table_builtin("severity-value", &table), SVCR_OK);
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    const char *json = "{\"severity\": 3, \"tier\": \"gold\", \"price\": {\"amount_minor\": 12000, "
                       "\"currency\": \"EUR\"}}";
    assert_int_equal(svcr_table_facts_set_json(facts, json, strlen(json), SVCR_TABLE_FACTS_IGNORE_UNKNOWN),
                     SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    assert_true(svcr_table_result_offer_count(result) > 0);
    assert_int_equal(svcr_table_result_offer(result, 0)->size, sizeof(svcr_table_offer));
    assert_true(svcr_table_result_trace_count(result) > 0);
    assert_int_equal(svcr_table_result_trace(result, 0)->size, sizeof(svcr_table_trace_step));
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);

    svcr_guarantee g = {.size = sizeof g, .promise = "Delivered tomorrow or it is free.",
                        .payout = {1200, "EUR"}, .price = {1200, "EUR"}};
    svcr_guarantee_report *report = NULL;
    assert_int_equal(svcr_guarantee_check(&g, NULL, &report), SVCR_OK);
    assert_int_equal(report->size, sizeof *report);
    assert_true(report->passed);
    assert_string_equal(report->reason[SVCR_GUARANTEE_MEANINGFUL], "");
    svcr_free(report);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_smaller_struct_gets_only_its_fields),
        cmocka_unit_test(a_larger_struct_keeps_its_extra_bytes),
        cmocka_unit_test(a_size_below_the_size_field_is_refused),
        cmocka_unit_test(init_writes_only_the_given_size),
        cmocka_unit_test(library_owned_structs_carry_their_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

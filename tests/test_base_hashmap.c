/* The library's one hash map (lib/base/hashmap.h): string keys by (text, length), keys kept by the
 * caller, growth, removal, iteration, and allocation failure at every step leaving the map valid. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/hash.h"
#include "base/hashmap.h"
#include "support/test_alloc.h"

enum { MANY = 5000 };

static char many_keys[MANY][16];

static void make_many_keys(void)
{
    for (int i = 0; i < MANY; i++)
        snprintf(many_keys[i], sizeof many_keys[i], "key-%d", i);
}

static long value_of(const svcr__strmap *map, const char *key)
{
    const svcr__strmap_entry *e = svcr__strmap_get_text(map, key);
    return e == NULL ? -1 : (long)e->value;
}

static void string_keys_map_to_values(void **state)
{
    (void)state;
    svcr__strmap map = SVCR__STRMAP_INIT;
    assert_null(svcr__strmap_get_text(&map, "open")); /* an empty map answers */
    assert_int_equal(svcr__strmap_put(&map, "open", 4, 10, NULL), 0);
    assert_int_equal(svcr__strmap_put(&map, "resolved", 8, 20, NULL), 0);
    static int target;
    assert_int_equal(svcr__strmap_put(&map, "pointer", 7, (uintptr_t)&target, NULL), 0);
    assert_int_equal(value_of(&map, "open"), 10);
    assert_int_equal(value_of(&map, "resolved"), 20);
    assert_ptr_equal((int *)svcr__strmap_get_text(&map, "pointer")->value, &target);
    assert_int_equal(value_of(&map, "closed"), -1);
    assert_int_equal(value_of(&map, "ope"), -1);
    assert_int_equal(value_of(&map, "opened"), -1);
    assert_int_equal(value_of(&map, ""), -1);
    assert_int_equal(map.count, 3);
    svcr__strmap_free(&map);
    assert_int_equal(map.count, 0);
    assert_null(svcr__strmap_get_text(&map, "open")); /* freed maps are empty and reusable */
}

static void lookup_by_text_and_length_needs_no_nul(void **state)
{
    (void)state;
    svcr__strmap map = SVCR__STRMAP_INIT;
    const char *text = "state=open;event=close";
    assert_int_equal(svcr__strmap_put(&map, text + 6, 4, 1, NULL), 0);  /* "open" */
    assert_int_equal(svcr__strmap_put(&map, text + 17, 5, 2, NULL), 0); /* "close" */
    assert_int_equal(svcr__strmap_put(&map, "a\0b", 3, 3, NULL), 0);    /* a NUL inside */
    const svcr__strmap_entry *e = svcr__strmap_get(&map, "open!", 4);
    assert_non_null(e);
    assert_int_equal(e->value, 1);
    assert_int_equal(svcr__strmap_get(&map, "closed", 5)->value, 2);
    assert_int_equal(svcr__strmap_get(&map, "a\0b", 3)->value, 3);
    assert_null(svcr__strmap_get(&map, "a\0c", 3));
    assert_null(svcr__strmap_get(&map, "a", 1));
    assert_null(svcr__strmap_get(&map, "open", 3));
    /* Under an equal hash (a collision), a prefix of a key is still another key. */
    assert_null(svcr__strmap_find(&map, "ope", 3, svcr__hash32("open", 4)));
    assert_null(svcr__strmap_find(&map, "opens", 5, svcr__hash32("open", 4)));
    assert_non_null(svcr__strmap_find(&map, "open", 4, svcr__hash32("open", 4)));
    svcr__strmap_free(&map);
}

static void a_key_added_twice_keeps_its_first_value(void **state)
{
    (void)state;
    svcr__strmap map = SVCR__STRMAP_INIT;
    const svcr__strmap_entry *e = NULL;
    assert_int_equal(svcr__strmap_put(&map, "open", 4, 7, &e), 0);
    assert_int_equal(e->value, 7);
    assert_int_equal(svcr__strmap_put(&map, "open", 4, 8, &e), 1);
    assert_int_equal(e->value, 7);
    assert_int_equal(map.count, 1);
    svcr__strmap_free(&map);
}

static void growth_keeps_every_key_and_insertion_order(void **state)
{
    (void)state;
    make_many_keys();
    svcr__strmap map = SVCR__STRMAP_INIT;
    for (int i = 0; i < MANY; i++) {
        assert_int_equal(svcr__strmap_put(&map, many_keys[i], strlen(many_keys[i]), (uintptr_t)i, NULL), 0);
        assert_true(map.index.count * 4 <= map.index.slot_count * 3);
    }
    for (int i = 0; i < MANY; i++)
        assert_int_equal(value_of(&map, many_keys[i]), i);
    assert_int_equal(value_of(&map, "key-5000"), -1);
    for (size_t i = 0; i < map.count; i++) { /* entries iterate in insertion order */
        assert_string_equal(map.entries[i].key, many_keys[i]);
        assert_int_equal(map.entries[i].value, i);
    }
    svcr__strmap_free(&map);
}

static void reserved_room_takes_no_allocation(void **state)
{
    (void)state;
    make_many_keys();
    test_alloc_install();
    svcr__strmap map = SVCR__STRMAP_INIT;
    assert_int_equal(svcr__strmap_reserve(&map, 100), 0);
    long after_reserve = test_alloc_count();
    for (int i = 0; i < 100; i++)
        assert_int_equal(svcr__strmap_put(&map, many_keys[i], strlen(many_keys[i]), 0, NULL), 0);
    assert_int_equal(test_alloc_count(), after_reserve);
    svcr__strmap_free(&map);
    assert_int_equal(test_alloc_live(), 0);
    test_alloc_uninstall();
}

/* The core map with keys in the caller's array: every hash the same, so all keys share one probe
 * run and only the caller's comparison tells them apart. */
static const char *const colliding[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};

static uint32_t find_colliding(const svcr__hashmap *map, uint32_t hash, const char *key, size_t *position)
{
    for (uint32_t v = svcr__hashmap_first(map, hash, position); v != SVCR__HASHMAP_ABSENT;
         v = svcr__hashmap_next(map, hash, position))
        if (strcmp(colliding[v], key) == 0)
            return v;
    return SVCR__HASHMAP_ABSENT;
}

static void equal_hashes_are_told_apart_by_the_caller(void **state)
{
    (void)state;
    svcr__hashmap map = SVCR__HASHMAP_INIT;
    size_t position;
    for (uint32_t i = 0; i < 10; i++)
        assert_int_equal(svcr__hashmap_put(&map, 42, i, NULL), 0);
    for (uint32_t i = 0; i < 10; i++)
        assert_int_equal(find_colliding(&map, 42, colliding[i], &position), i);
    assert_int_equal(find_colliding(&map, 42, "z", &position), SVCR__HASHMAP_ABSENT);
    assert_int_equal(svcr__hashmap_first(&map, 43, &position), SVCR__HASHMAP_ABSENT);
    svcr__hashmap_free(&map);
}

static void removal_keeps_the_other_keys_findable(void **state)
{
    (void)state;
    /* Hashes that wrap around the end of the slot array and collide, removed in every order
     * a small random walk reaches, checked against a plain list. */
    svcr__hashmap map = SVCR__HASHMAP_INIT;
    enum { KEYS = 600 };
    uint32_t hash_of[KEYS];
    bool present[KEYS] = {false};
    srand(15);
    for (int i = 0; i < KEYS; i++)
        hash_of[i] = (uint32_t)(rand() % 24) * 0x40000000u + (uint32_t)(rand() % 8) + 0x3ff8u;
    for (int step = 0; step < 20000; step++) {
        int k = rand() % KEYS;
        size_t position;
        uint32_t v = svcr__hashmap_first(&map, hash_of[k], &position);
        while (v != SVCR__HASHMAP_ABSENT && v != (uint32_t)k)
            v = svcr__hashmap_next(&map, hash_of[k], &position);
        assert_int_equal(v != SVCR__HASHMAP_ABSENT, present[k]);
        if (present[k])
            svcr__hashmap_remove_at(&map, position);
        else
            assert_int_equal(svcr__hashmap_put(&map, hash_of[k], (uint32_t)k, NULL), 0);
        present[k] = !present[k];
    }
    size_t count = 0;
    for (int k = 0; k < KEYS; k++) {
        size_t position;
        uint32_t v = svcr__hashmap_first(&map, hash_of[k], &position);
        while (v != SVCR__HASHMAP_ABSENT && v != (uint32_t)k)
            v = svcr__hashmap_next(&map, hash_of[k], &position);
        assert_int_equal(v != SVCR__HASHMAP_ABSENT, present[k]);
        count += present[k];
    }
    assert_int_equal(map.count, count);
    svcr__hashmap_free(&map);
}

static void iteration_visits_each_value_once(void **state)
{
    (void)state;
    svcr__hashmap map = SVCR__HASHMAP_INIT;
    size_t position = 0;
    uint32_t value;
    assert_false(svcr__hashmap_each(&map, &position, &value));
    for (uint32_t i = 0; i < 100; i++)
        assert_int_equal(svcr__hashmap_put(&map, svcr__hash32(&i, sizeof i), i * 3, NULL), 0);
    int seen[300] = {0};
    size_t visits = 0;
    for (position = 0; svcr__hashmap_each(&map, &position, &value); visits++) {
        assert_true(value < 300 && value % 3 == 0);
        seen[value]++;
    }
    assert_int_equal(visits, 100);
    for (int i = 0; i < 300; i += 3)
        assert_int_equal(seen[i], 1);
    svcr__hashmap_free(&map);
}

/* Find key @p k (its hash hash_of[k]) in a map whose slots hold the key in their payload. */
static uint64_t *payload_of(const svcr__hashmap *map, uint32_t hash, uint64_t key)
{
    size_t position;
    for (uint32_t v = svcr__hashmap_first(map, hash, &position); v != SVCR__HASHMAP_ABSENT;
         v = svcr__hashmap_next(map, hash, &position))
        if (svcr__hashmap_payload(map, position)[0] == key)
            return svcr__hashmap_payload(map, position);
    return NULL;
}

static void slot_payloads_move_with_their_slots(void **state)
{
    (void)state;
    /* Keys kept in the slots' payload (two words: the key, then a count), under hashes that
     * collide and wrap around, through growth and removals in random order. */
    svcr__hashmap map = SVCR__HASHMAP_INIT;
    map.payload_words = 2;
    enum { KEYS = 500 };
    uint32_t hash_of[KEYS];
    bool present[KEYS] = {false};
    srand(16);
    for (int i = 0; i < KEYS; i++)
        hash_of[i] = (uint32_t)(rand() % 16) * 0x40000000u + (uint32_t)(rand() % 8) + 0x3ff8u;
    for (int step = 0; step < 20000; step++) {
        int k = rand() % KEYS;
        uint64_t *payload = payload_of(&map, hash_of[k], 1000 + (uint64_t)k);
        assert_int_equal(payload != NULL, present[k]);
        if (present[k]) {
            assert_int_equal(payload[1], 7 * (uint64_t)k); /* the payload moved whole */
            svcr__hashmap_remove_at(&map, (size_t)(payload - 1 - map.slots) / 3);
        } else {
            size_t position;
            assert_int_equal(svcr__hashmap_put(&map, hash_of[k], (uint32_t)k, &position), 0);
            payload = svcr__hashmap_payload(&map, position);
            assert_int_equal(payload[0], 0); /* a new slot's payload is zero */
            assert_int_equal(payload[1], 0);
            assert_int_equal(svcr__hashmap_value(&map, position), k);
            payload[0] = 1000 + (uint64_t)k;
            payload[1] = 7 * (uint64_t)k;
        }
        present[k] = !present[k];
    }
    size_t count = 0, position = 0;
    uint32_t value;
    for (; svcr__hashmap_each(&map, &position, &value); count++) {
        assert_true(present[value]);
        assert_int_equal(svcr__hashmap_payload(&map, position - 1)[0], 1000 + (uint64_t)value);
    }
    assert_int_equal(map.count, count);
    svcr__hashmap_free(&map);
    assert_int_equal(map.payload_words, 2); /* freed, the map keeps its slot shape */
}

static void values_above_the_maximum_are_refused(void **state)
{
    (void)state;
    svcr__hashmap map = SVCR__HASHMAP_INIT;
    assert_int_equal(svcr__hashmap_put(&map, 1, SVCR__HASHMAP_ABSENT, NULL), -1);
    assert_int_equal(map.count, 0);
    assert_int_equal(svcr__hashmap_put(&map, 1, SVCR__HASHMAP_VALUE_MAX, NULL), 0);
    size_t position;
    assert_int_equal(svcr__hashmap_first(&map, 1, &position), SVCR__HASHMAP_VALUE_MAX);
    svcr__hashmap_free(&map);
}

/* Add keys 0 .. n-1, failing allocation number @p fail_at (1 = the first): the failing put
 * returns -1 and leaves the map exactly as it was; every later put (the failure disarmed)
 * succeeds. Returns whether the failure was met. */
static int fill_failing_at(long fail_at, int n)
{
    test_alloc_install();
    svcr__strmap map = SVCR__STRMAP_INIT;
    test_alloc_fail_at(fail_at);
    int failed = 0;
    for (int i = 0; i < n; i++) {
        int r = svcr__strmap_put(&map, many_keys[i], strlen(many_keys[i]), (uintptr_t)i, NULL);
        if (r != 0) {
            assert_int_equal(r, -1);
            assert_false(failed);
            failed = 1;
            assert_true(test_alloc_failure_happened());
            /* Unchanged and valid: the same keys, the new one absent, and it can be added. */
            assert_int_equal(map.count, i);
            assert_int_equal(map.index.count, i);
            for (int j = 0; j < i; j++)
                assert_int_equal(value_of(&map, many_keys[j]), j);
            assert_int_equal(value_of(&map, many_keys[i]), -1);
            assert_int_equal(svcr__strmap_put(&map, many_keys[i], strlen(many_keys[i]), (uintptr_t)i, NULL), 0);
        }
    }
    for (int j = 0; j < n; j++)
        assert_int_equal(value_of(&map, many_keys[j]), j);
    svcr__strmap_free(&map);
    assert_int_equal(test_alloc_live(), 0);
    test_alloc_uninstall();
    return failed;
}

static void allocation_failure_at_each_step_leaves_the_map_valid(void **state)
{
    (void)state;
    make_many_keys();
    long points = 0;
    while (fill_failing_at(points + 1, 200))
        points++;
    /* Two arrays (entries and slots) grow several times each on the way to 200 keys. */
    assert_true(points >= 10);
    print_message("alloc points: base_hashmap/fill %ld\n", points);
}

static void reserve_failure_leaves_the_core_map_unchanged(void **state)
{
    (void)state;
    test_alloc_install();
    svcr__hashmap map = SVCR__HASHMAP_INIT;
    for (uint32_t i = 0; i < 6; i++)
        assert_int_equal(svcr__hashmap_put(&map, i * 7919, i, NULL), 0);
    uint64_t *slots = map.slots;
    size_t slot_count = map.slot_count;
    test_alloc_fail_at(1);
    assert_int_equal(svcr__hashmap_reserve(&map, 1000), -1);
    assert_ptr_equal(map.slots, slots);
    assert_int_equal(map.slot_count, slot_count);
    assert_int_equal(map.count, 6);
    size_t position;
    for (uint32_t i = 0; i < 6; i++)
        assert_int_equal(svcr__hashmap_first(&map, i * 7919, &position), i);
    assert_int_equal(svcr__hashmap_reserve(&map, 1000), 0);
    for (uint32_t i = 0; i < 6; i++)
        assert_int_equal(svcr__hashmap_first(&map, i * 7919, &position), i);
    svcr__hashmap_free(&map);
    assert_int_equal(test_alloc_live(), 0);
    test_alloc_uninstall();
}

static void hash_is_fnv1a(void **state)
{
    (void)state;
    /* Published FNV-1a 64-bit test vectors (the FNV reference code's test suite). */
    assert_true(svcr__hash_bytes(SVCR__HASH_SEED, "", 0) == UINT64_C(0xcbf29ce484222325));
    assert_true(svcr__hash_bytes(SVCR__HASH_SEED, "a", 1) == UINT64_C(0xaf63dc4c8601ec8c));
    assert_true(svcr__hash_bytes(SVCR__HASH_SEED, "foobar", 6) == UINT64_C(0x85944171f73967e8));
    size_t length;
    assert_true(svcr__hash_text("foobar", SVCR__HASH_SEED, &length) == UINT64_C(0x85944171f73967e8));
    assert_int_equal(length, 6);
    assert_int_equal(svcr__hash32("foobar", 6), (uint32_t)(UINT64_C(0x85944171f73967e8) ^ UINT64_C(0x85944171)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(string_keys_map_to_values),
        cmocka_unit_test(lookup_by_text_and_length_needs_no_nul),
        cmocka_unit_test(a_key_added_twice_keeps_its_first_value),
        cmocka_unit_test(growth_keeps_every_key_and_insertion_order),
        cmocka_unit_test(reserved_room_takes_no_allocation),
        cmocka_unit_test(equal_hashes_are_told_apart_by_the_caller),
        cmocka_unit_test(removal_keeps_the_other_keys_findable),
        cmocka_unit_test(iteration_visits_each_value_once),
        cmocka_unit_test(slot_payloads_move_with_their_slots),
        cmocka_unit_test(values_above_the_maximum_are_refused),
        cmocka_unit_test(allocation_failure_at_each_step_leaves_the_map_valid),
        cmocka_unit_test(reserve_failure_leaves_the_core_map_unchanged),
        cmocka_unit_test(hash_is_fnv1a),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* lib/base/compat.h's portable fallbacks, the code every compiler without GCC's builtins runs:
 * compiled here with SVCR_COMPAT_PORTABLE and checked against the builtins and __int128 on edge
 * values and random ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#define SVCR_COMPAT_PORTABLE 1
#include "base/compat.h"

#if SVCR__HAVE_BUILTINS || SVCR__HAVE_INT128
#error "SVCR_COMPAT_PORTABLE must select the fallbacks"
#endif

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

static uint64_t state = UINT64_C(0x9E3779B97F4A7C15);

/* xorshift64* (Vigna), with edge values mixed in often. */
static uint64_t next_value(void)
{
    static const uint64_t edges[] = {0, 1, 2, 3, UINT64_MAX, UINT64_MAX - 1, (uint64_t)INT64_MAX,
                                     (uint64_t)INT64_MIN, (uint64_t)INT64_MIN + 1, UINT64_C(0xffffffff),
                                     UINT64_C(0x100000000), UINT64_C(0x80000000)};
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    uint64_t r = state * UINT64_C(0x2545F4914F6CDD1D);
    if (r % 4 == 0)
        return edges[(r >> 8) % (sizeof edges / sizeof edges[0])];
    if (r % 4 == 1)
        return r >> (r >> 58); /* small magnitudes too */
    return r;
}

enum { ROUNDS = 200000 };

static void bit_counts_match_the_builtins(void **unused)
{
    (void)unused;
    for (int i = 0; i < ROUNDS; i++) {
        uint64_t x = next_value();
        assert_int_equal(svcr__popcount64(x), __builtin_popcountll(x));
        if (x != 0) {
            assert_int_equal(svcr__ctz64(x), __builtin_ctzll(x));
            assert_int_equal(svcr__clz64(x), __builtin_clzll(x));
        }
    }
}

static void overflow_checks_match_the_builtins(void **unused)
{
    (void)unused;
    for (int i = 0; i < ROUNDS; i++) {
        int64_t a = (int64_t)next_value(), b = (int64_t)next_value(), got, want;
        assert_int_equal(svcr__add_overflow_i64(a, b, &got), __builtin_add_overflow(a, b, &want));
        assert_true(got == want);
        assert_int_equal(svcr__sub_overflow_i64(a, b, &got), __builtin_sub_overflow(a, b, &want));
        assert_true(got == want);
        assert_int_equal(svcr__mul_overflow_i64(a, b, &got), __builtin_mul_overflow(a, b, &want));
        assert_true(got == want);
        uint64_t ua = (uint64_t)a, ub = (uint64_t)b, ugot, uwant;
        assert_int_equal(svcr__add_overflow_u64(ua, ub, &ugot), __builtin_add_overflow(ua, ub, &uwant));
        assert_true(ugot == uwant);
    }
}

static void wide_products_and_quotients_are_exact(void **unused)
{
    (void)unused;
    for (int i = 0; i < ROUNDS; i++) {
        uint64_t a = next_value(), b = next_value(), d = next_value();
        svcr__u128 p = svcr__mul_u64(a, b);
        u128 want = (u128)a * b;
        assert_true(p.high == (uint64_t)(want >> 64) && p.low == (uint64_t)want);
        if (d != 0 && p.high < d) {
            uint64_t remainder, quotient = svcr__div_u128(p, d, &remainder);
            assert_true(quotient == (uint64_t)(want / d));
            assert_true(remainder == (uint64_t)(want % d));
        }
        int64_t c = (int64_t)next_value(), e = (int64_t)next_value();
        i128 left = (i128)(int64_t)a * (int64_t)b, right = (i128)c * e;
        assert_int_equal(svcr__compare_products_i64((int64_t)a, (int64_t)b, c, e), (left > right) - (left < right));
        assert_int_equal(svcr__compare_products_i64((int64_t)a, (int64_t)b, (int64_t)a, (int64_t)b), 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bit_counts_match_the_builtins),
        cmocka_unit_test(overflow_checks_match_the_builtins),
        cmocka_unit_test(wide_products_and_quotients_are_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

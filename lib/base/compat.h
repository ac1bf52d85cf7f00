/* Private: every compiler-specific construct of the library, each with a portable fallback in
 * plain C11. GCC and Clang get their builtins (one instruction where the target has one); any
 * other compiler, or a build defining SVCR_COMPAT_PORTABLE (the tests do, to check the
 * fallbacks against the builtins), gets the fallbacks. Nothing else in lib/ names a builtin,
 * __int128 or an attribute. */
#ifndef SVCR_BASE_COMPAT_H
#define SVCR_BASE_COMPAT_H

#include <stdbool.h>
#include <stdint.h>

#if (defined(__GNUC__) || defined(__clang__)) && !defined(SVCR_COMPAT_PORTABLE)
#define SVCR__HAVE_BUILTINS 1
#else
#define SVCR__HAVE_BUILTINS 0
#endif
#if SVCR__HAVE_BUILTINS && defined(__SIZEOF_INT128__)
#define SVCR__HAVE_INT128 1
#else
#define SVCR__HAVE_INT128 0
#endif

/* ---- attributes and hints ---------------------------------------------------------------- */

/* Inline even where the compiler's heuristics would not (a measured hot path only). */
#if SVCR__HAVE_BUILTINS
#define SVCR__ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define SVCR__ALWAYS_INLINE inline
#endif

/* printf-style argument checking of a function's format at @p fmt_index. */
#if SVCR__HAVE_BUILTINS
#define SVCR_PRINTF(fmt_index, first_arg) __attribute__((format(printf, fmt_index, first_arg)))
#else
#define SVCR_PRINTF(fmt_index, first_arg)
#endif

/* Start fetching the cache line at @p address for writing (a hint; nothing without builtins). */
static inline void svcr__prefetch(const void *address)
{
#if SVCR__HAVE_BUILTINS
    __builtin_prefetch(address, 1);
#else
    (void)address;
#endif
}

/* ---- bits -------------------------------------------------------------------------------- */

/* Set bits of @p x. (Without -mpopcnt, GCC's builtin is a libgcc call on x86-64.) */
static inline int svcr__popcount64(uint64_t x)
{
#if SVCR__HAVE_BUILTINS
    return __builtin_popcountll(x);
#else
    /* The SWAR count of Hacker's Delight (Warren), figure 5-2. */
    x = x - ((x >> 1) & UINT64_C(0x5555555555555555));
    x = (x & UINT64_C(0x3333333333333333)) + ((x >> 2) & UINT64_C(0x3333333333333333));
    x = (x + (x >> 4)) & UINT64_C(0x0f0f0f0f0f0f0f0f);
    return (int)((x * UINT64_C(0x0101010101010101)) >> 56);
#endif
}

/* Trailing zero bits of @p x, which is not 0. */
static inline int svcr__ctz64(uint64_t x)
{
#if SVCR__HAVE_BUILTINS
    return __builtin_ctzll(x);
#else
    int n = 0;
    while ((x & 1) == 0) {
        x >>= 1;
        n++;
    }
    return n;
#endif
}

/* Leading zero bits of @p x, which is not 0. */
static inline int svcr__clz64(uint64_t x)
{
#if SVCR__HAVE_BUILTINS
    return __builtin_clzll(x);
#else
    int n = 0;
    while ((x & (UINT64_C(1) << 63)) == 0) {
        x <<= 1;
        n++;
    }
    return n;
#endif
}

/* ---- overflow-checked arithmetic --------------------------------------------------------- */
/* Each stores the result in *out and returns whether the exact result did not fit (*out then
 * holds the wrapped value). */

static inline bool svcr__add_overflow_i64(int64_t a, int64_t b, int64_t *out)
{
#if SVCR__HAVE_BUILTINS
    return __builtin_add_overflow(a, b, out);
#else
    *out = (int64_t)((uint64_t)a + (uint64_t)b);
    return b > 0 ? a > INT64_MAX - b : a < INT64_MIN - b;
#endif
}

static inline bool svcr__sub_overflow_i64(int64_t a, int64_t b, int64_t *out)
{
#if SVCR__HAVE_BUILTINS
    return __builtin_sub_overflow(a, b, out);
#else
    *out = (int64_t)((uint64_t)a - (uint64_t)b);
    return b < 0 ? a > INT64_MAX + b : a < INT64_MIN + b;
#endif
}

static inline bool svcr__add_overflow_u64(uint64_t a, uint64_t b, uint64_t *out)
{
#if SVCR__HAVE_BUILTINS
    return __builtin_add_overflow(a, b, out);
#else
    *out = a + b;
    return *out < a;
#endif
}

static inline bool svcr__mul_overflow_i64(int64_t a, int64_t b, int64_t *out)
{
#if SVCR__HAVE_BUILTINS
    return __builtin_mul_overflow(a, b, out);
#else
    *out = (int64_t)((uint64_t)a * (uint64_t)b);
    if (a == 0 || b == 0)
        return false;
    if (a == -1)
        return b == INT64_MIN;
    if (b == -1)
        return a == INT64_MIN;
    if (a > 0)
        return b > 0 ? a > INT64_MAX / b : b < INT64_MIN / a;
    return b > 0 ? a < INT64_MIN / b : a < INT64_MAX / b;
#endif
}

/* ---- 128-bit products -------------------------------------------------------------------- */

/* An unsigned 128-bit number. */
typedef struct svcr__u128 {
    uint64_t high, low;
} svcr__u128;

/* The exact product of @p a and @p b. */
static inline svcr__u128 svcr__mul_u64(uint64_t a, uint64_t b)
{
#if SVCR__HAVE_INT128
    __extension__ unsigned __int128 p = (unsigned __int128)a * b;
    return (svcr__u128){(uint64_t)(p >> 64), (uint64_t)p};
#else
    /* Schoolbook multiplication in 32-bit halves. */
    uint64_t a_lo = a & 0xffffffffu, a_hi = a >> 32, b_lo = b & 0xffffffffu, b_hi = b >> 32;
    uint64_t lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo, lo_hi = a_lo * b_hi, hi_hi = a_hi * b_hi;
    uint64_t middle = (lo_lo >> 32) + (hi_lo & 0xffffffffu) + lo_hi;
    return (svcr__u128){hi_hi + (hi_lo >> 32) + (middle >> 32), (middle << 32) | (lo_lo & 0xffffffffu)};
#endif
}

/* @p n / @p divisor and its remainder, when the quotient fits in 64 bits (n.high < divisor). */
static inline uint64_t svcr__div_u128(svcr__u128 n, uint64_t divisor, uint64_t *remainder)
{
#if SVCR__HAVE_INT128
    __extension__ unsigned __int128 wide = (unsigned __int128)n.high << 64 | n.low;
    *remainder = (uint64_t)(wide % divisor);
    return (uint64_t)(wide / divisor);
#else
    /* Restoring division, one bit of the low word at a time; the running remainder stays below
     * the divisor, with its 65th bit carried in `over`. */
    uint64_t rest = n.high, quotient = 0;
    for (int bit = 63; bit >= 0; bit--) {
        bool over = rest >> 63;
        rest = rest << 1 | ((n.low >> bit) & 1);
        quotient <<= 1;
        if (over || rest >= divisor) {
            rest -= divisor;
            quotient |= 1;
        }
    }
    *remainder = rest;
    return quotient;
#endif
}

/* Compare @p a * @p b with @p c * @p d exactly: -1, 0 or 1. */
static inline int svcr__compare_products_i64(int64_t a, int64_t b, int64_t c, int64_t d)
{
#if SVCR__HAVE_INT128
    __extension__ __int128 left = (__int128)a * b, right = (__int128)c * d;
    return (left > right) - (left < right);
#else
    /* Compare signs first, then magnitudes (reversed when both are negative). */
    int left_sign = (a > 0) - (a < 0), right_sign = (c > 0) - (c < 0);
    left_sign *= (b > 0) - (b < 0);
    right_sign *= (d > 0) - (d < 0);
    if (left_sign != right_sign || left_sign == 0)
        return (left_sign > right_sign) - (left_sign < right_sign);
    uint64_t ua = a < 0 ? 0 - (uint64_t)a : (uint64_t)a, ub = b < 0 ? 0 - (uint64_t)b : (uint64_t)b;
    uint64_t uc = c < 0 ? 0 - (uint64_t)c : (uint64_t)c, ud = d < 0 ? 0 - (uint64_t)d : (uint64_t)d;
    svcr__u128 left = svcr__mul_u64(ua, ub), right = svcr__mul_u64(uc, ud);
    int order = left.high != right.high ? (left.high > right.high) - (left.high < right.high)
                                        : (left.low > right.low) - (left.low < right.low);
    return left_sign > 0 ? order : -order;
#endif
}

#endif

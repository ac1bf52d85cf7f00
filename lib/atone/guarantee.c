/* Service guarantees against the criteria of Christopher W. L. Hart, "The Power of
 * Unconditional Service Guarantees", Harvard Business Review, July-August 1988: unconditional, easy to
 * understand and communicate, meaningful, easy to invoke, easy to collect. Each criterion is made
 * measurable by a threshold the host may change. */
#include "atone/model.h"
#include "base/alloc.h"
#include "base/compat.h"
#include "base/error.h"
#include "base/sized.h"

#include <stdio.h>
#include <string.h>

svcr_status svcr_guarantee_thresholds_init(svcr_guarantee_thresholds *out, size_t size)
{
    SVCR_REQUIRE_ARG(out);
    if (size < sizeof(size_t))
        return svcr__fail(SVCR_EINVAL, "%s: size is %zu; pass sizeof(svcr_guarantee_thresholds)", __func__, size);
    svcr_guarantee_thresholds full = {
        .max_conditions = 0,
        .max_promise_words = 30,
        .max_sentence_words = 20,
        .min_payout_basis_points = 5000,
        .max_invoke_steps = 2,
        .max_collect_days = 1,
    };
    out->size = size;
    SVCR_FILL_SIZED(out, full);
    return SVCR_OK;
}

const char *svcr_guarantee_criterion_name(svcr_guarantee_criterion criterion)
{
    static const char *const names[] = {"unconditional", "easy to understand", "meaningful",
                                        "easy to invoke", "easy to collect"};
    if ((int)criterion < 0 || (int)criterion >= SVCR_GUARANTEE_CRITERIA)
        return "unknown";
    return names[criterion];
}

/* Words in the promise, and the most in one sentence (sentences end at . ! or ?). */
static void count_words(const char *text, size_t *words, size_t *longest_sentence)
{
    size_t sentence = 0;
    bool in_word = false;
    *words = *longest_sentence = 0;
    for (const char *p = text;; p++) {
        bool letter = *p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r';
        if (letter && !in_word) {
            (*words)++;
            sentence++;
        }
        in_word = letter;
        if (*p == '.' || *p == '!' || *p == '?' || *p == '\0') {
            if (sentence > *longest_sentence)
                *longest_sentence = sentence;
            sentence = 0;
        }
        if (*p == '\0')
            break;
    }
}

svcr_status svcr_guarantee_check(const svcr_guarantee *guarantee, const svcr_guarantee_thresholds *thresholds,
                                 svcr_guarantee_report **out)
{
    SVCR_REQUIRE_SIZED_ARG(guarantee);
    SVCR_REQUIRE_ARG(out);
    svcr_guarantee_thresholds t_copy = {0};
    svcr_guarantee_thresholds_init(&t_copy, sizeof t_copy);
    if (thresholds != NULL) {
        SVCR_REQUIRE_SIZED_ARG(thresholds);
        SVCR_READ_SIZED(t_copy, thresholds); /* fields an older caller lacks keep their defaults */
    }
    svcr_guarantee g_copy = {0};
    SVCR_READ_SIZED(g_copy, guarantee);
    const svcr_guarantee_thresholds *t = &t_copy;
    const svcr_guarantee *g = &g_copy;
    if (g->promise == NULL)
        return svcr__fail(SVCR_EINVAL, "%s: the guarantee has no promise", __func__);
    if (g->conditions == NULL && g->condition_count > 0)
        return svcr__fail(SVCR_EINVAL, "%s: conditions is NULL but condition_count is %zu", __func__,
                          g->condition_count);
    if (g->invoke_steps < 0 || g->collect_days < 0)
        return svcr__fail(SVCR_EINVAL, "%s: invoke_steps and collect_days cannot be negative", __func__);
    if (t->min_payout_basis_points < 0 || t->max_invoke_steps < 0 || t->max_collect_days < 0)
        return svcr__fail(SVCR_EINVAL, "%s: a threshold is negative", __func__);
    if (g->price.amount_minor <= 0)
        return svcr__fail(SVCR_EINVAL, "%s: the price must be positive", __func__);
    int order;
    svcr_status status = svcr_money_compare(g->payout, g->price, &order);
    if (status != SVCR_OK)
        return svcr__fail(status, "%s: payout in %.3s, price in %.3s: %s", __func__, g->payout.currency,
                          g->price.currency,
                          status == SVCR_ECURRENCY ? "a guarantee pays in the currency paid" : "invalid code");
    char reason[SVCR_GUARANTEE_CRITERIA][160] = {{0}}; /* each fits: the longest is about 130 bytes */

    if (g->condition_count > t->max_conditions)
        snprintf(reason[SVCR_GUARANTEE_UNCONDITIONAL], 160,
                 "%zu condition(s) or exclusion(s), at most %zu allowed; the first: \"%.60s\"",
                 g->condition_count, t->max_conditions, g->conditions[0] ? g->conditions[0] : "");
    size_t words, longest;
    count_words(g->promise, &words, &longest);
    if (words == 0)
        snprintf(reason[SVCR_GUARANTEE_UNDERSTANDABLE], 160, "the promise is empty");
    else if (words > t->max_promise_words)
        snprintf(reason[SVCR_GUARANTEE_UNDERSTANDABLE], 160, "the promise has %zu words, at most %zu",
                 words, t->max_promise_words);
    else if (longest > t->max_sentence_words)
        snprintf(reason[SVCR_GUARANTEE_UNDERSTANDABLE], 160,
                 "a sentence of the promise has %zu words, at most %zu", longest, t->max_sentence_words);
    /* payout / price >= bp / 10000, compared as exact products */
    if (svcr__compare_products_i64(g->payout.amount_minor, 10000, g->price.amount_minor,
                                   t->min_payout_basis_points) < 0) {
        char payout[SVCR_MONEY_FORMAT_SIZE], price[SVCR_MONEY_FORMAT_SIZE];
        svcr_money_format(g->payout, payout, sizeof payout);
        svcr_money_format(g->price, price, sizeof price);
        snprintf(reason[SVCR_GUARANTEE_MEANINGFUL], 160,
                 "the payout %s is less than %lld.%02lld%% of the price %s", payout,
                 (long long)(t->min_payout_basis_points / 100), (long long)(t->min_payout_basis_points % 100),
                 price);
    }
    if (g->invoke_steps > t->max_invoke_steps)
        snprintf(reason[SVCR_GUARANTEE_EASY_TO_INVOKE], 160, "invoking takes %d steps, at most %d",
                 g->invoke_steps, t->max_invoke_steps);
    if (g->collect_days > t->max_collect_days)
        snprintf(reason[SVCR_GUARANTEE_EASY_TO_COLLECT], 160, "the payout takes %d days, at most %d",
                 g->collect_days, t->max_collect_days);
    /* One block: the report, then its reasons' text. */
    size_t text = 0;
    for (int c = 0; c < SVCR_GUARANTEE_CRITERIA; c++)
        text += strlen(reason[c]) + 1;
    svcr_guarantee_report *report = svcr__malloc(sizeof *report + text);
    if (report == NULL)
        return svcr__fail_nomem("a guarantee report");
    memset(report, 0, sizeof *report);
    report->size = sizeof *report;
    report->passed = true;
    char *next = (char *)(report + 1);
    for (int c = 0; c < SVCR_GUARANTEE_CRITERIA; c++) {
        size_t length = strlen(reason[c]) + 1;
        memcpy(next, reason[c], length);
        report->reason[c] = next;
        next += length;
        report->criterion_passed[c] = reason[c][0] == '\0';
        report->passed = report->passed && report->criterion_passed[c];
    }
    *out = report;
    return SVCR_OK;
}

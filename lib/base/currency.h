/* Private: the ISO 4217 currencies the library knows, with the digits of their minor units. */
#ifndef SVCR_BASE_CURRENCY_H
#define SVCR_BASE_CURRENCY_H

/* The minor-unit digits (0 to 4) of the active ISO 4217 code @p code (NUL-terminated), or -1 when
 * @p code is not one (malformed, withdrawn, or a code such as XAU or XXX that has no minor unit). */
int svcr__currency_digits(const char *code);

#endif

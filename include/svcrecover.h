/**
 * @file svcrecover.h
 * libsvcrecover: service recovery engines for helpdesk and customer-care software.
 *
 * Include this one header to reach the whole public API:
 * - svcrecover/base.h: status codes, error detail, allocator hook, version, money, time.
 *
 * Link with `pkg-config --cflags --libs svcrecover`.
 */
#ifndef SVCRECOVER_H
#define SVCRECOVER_H

#include <svcrecover/version.h>
#include <svcrecover/base.h>
/* One line per module header, in dependency order. */
/* calendar */
#include <svcrecover/calendar.h>
/* workflow */
#include <svcrecover/workflow.h>
/* case */
#include <svcrecover/case.h>
/* agenda */
#include <svcrecover/agenda.h>
/* phrase */
#include <svcrecover/phrase.h>
/* atone */
#include <svcrecover/atone.h>
/* insight */
/* maturity */
#include <svcrecover/maturity.h>

#endif

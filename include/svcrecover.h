/**
 * @file svcrecover.h
 * libsvcrecover: service recovery engines for helpdesk and customer-care software.
 *
 * Include this one header to reach the whole public API:
 * - svcrecover/base.h: status codes, error detail, allocator hook, version, money, time;
 * - svcrecover/calendar.h: business calendars (opening hours, holidays, UTC-offset schedules);
 * - svcrecover/taxonomy.h: root-cause taxonomies (codes, names, aliases, owners);
 * - svcrecover/workflow.h: recovery workflows as data, the built-in templates, spending limits;
 * - svcrecover/case.h: one recovery case: state, facts, event log, JSON;
 * - svcrecover/agenda.h: deadlines over many cases, what is due or overdue when;
 * - svcrecover/phrase.h: the empathy phrase check for agents' draft replies;
 * - svcrecover/atone.h: decision tables that size the atonement, authority, service guarantees;
 * - svcrecover/insight.h: streaming recovery metrics over cases;
 * - svcrecover/maturity.h: the five-stage service-recovery maturity score.
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
/* taxonomy */
#include <svcrecover/taxonomy.h>
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
#include <svcrecover/dmn.h>
/* insight */
#include <svcrecover/insight.h>
/* maturity */
#include <svcrecover/maturity.h>

#endif

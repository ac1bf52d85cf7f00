/* Private: reading a DMN document with libxml2: no network, no DTD (a DOCTYPE, and with it any
 * entity, is refused with its line and column), no messages printed. */
#ifndef SVCR_DMN_XML_H
#define SVCR_DMN_XML_H

#include <svcrecover/base.h>

#include <libxml/tree.h>

/* The parsed document, or NULL with the error recorded (SVCR_EPARSE, SVCR_ENOMEM). */
svcr_status svcr__dmn_read_xml(const char *text, size_t length, xmlDocPtr *out);

#endif

/* Reading DMN XML safely. A DTD's entities would put other text into FEEL cells (an external
 * file's, with XML_PARSE_NOENT) or drop it silently when unexpanded, so the document is refused
 * at its DOCTYPE. The same rule as the offer tables' DMN import (lib/atone/dmn.c). */
#include "dmn/xml.h"
#include "base/error.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

typedef struct doctype_position {
    bool found;
    int line, column;
} doctype_position;

static void ignore_message(void *context, const char *format, ...)
{
    (void)context;
    (void)format;
}

/* The SAX callback for <!DOCTYPE ...>: walk back to where the user wrote it and stop. */
static void refuse_doctype(void *user, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
    (void)name;
    (void)external_id;
    (void)system_id;
    xmlParserCtxtPtr context = user;
    doctype_position *position = context->_private;
    const xmlChar *base = context->input->base, *p = context->input->cur;
    int line = context->input->line;
    while (p > base && strncmp((const char *)p, "<!DOCTYPE", 9) != 0)
        if (*--p == '\n')
            line--;
    const xmlChar *line_start = p;
    while (line_start > base && line_start[-1] != '\n')
        line_start--;
    position->found = true;
    position->line = line;
    position->column = (int)(p - line_start) + 1;
    xmlStopParser(context);
}

svcr_status svcr__dmn_read_xml(const char *text, size_t length, xmlDocPtr *out)
{
    if (length > INT_MAX)
        return svcr__fail(SVCR_EINVAL, "DMN XML: the document is too large");
    xmlInitParser();
    xmlParserCtxtPtr context = xmlNewParserCtxt();
    if (context == NULL)
        return svcr__fail_nomem("reading DMN XML");
    doctype_position doctype = {false, 0, 0};
    context->_private = &doctype;
    context->sax->internalSubset = refuse_doctype;
    xmlGenericErrorFunc saved_handler = xmlGenericError;
    void *saved_context = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, ignore_message);
    xmlDocPtr doc = xmlCtxtReadMemory(context, text, (int)length, NULL, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlSetGenericErrorFunc(saved_context, saved_handler);
    svcr_status status = SVCR_OK;
    if (doctype.found) {
        xmlFreeDoc(doc);
        doc = NULL;
        status = svcr__fail_at(SVCR_EPARSE, doctype.line, doctype.column,
                               "DMN XML: line %d, column %d: a DOCTYPE is not accepted (DMN needs no DTD; "
                               "entities are refused)",
                               doctype.line, doctype.column);
    } else if (doc == NULL) {
        const xmlError *error = xmlCtxtGetLastError(context);
        char message[200] = "not well-formed XML";
        int line = 0, column = 0;
        if (error != NULL) {
            snprintf(message, sizeof message, "%s", error->message ? error->message : "malformed XML");
            message[strcspn(message, "\n")] = '\0';
            line = error->line;
            column = error->int2;
        }
        if (error != NULL && error->code == XML_ERR_NO_MEMORY)
            status = svcr__fail_nomem("reading DMN XML");
        else
            status = svcr__fail_at(SVCR_EPARSE, line, column, "DMN XML: line %d, column %d: %s", line, column,
                                   message);
    }
    xmlFreeParserCtxt(context);
    if (status == SVCR_OK)
        *out = doc;
    return status;
}

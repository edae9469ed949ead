#ifndef DOCFILL_CLIBXML2_SHIM_H
#define DOCFILL_CLIBXML2_SHIM_H
// Foundation ships its own ICU headers; Debian's libxml2 pulls the system ICU through
// encoding.h, and the two definitions of UErrorCode clash on clean builds. Nothing here
// allocates xmlCharEncodingHandler, so dropping its ICU fields is harmless.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/relaxng.h>
#include <libxml/xmlmemory.h>

// xmlFree is a global function pointer that Swift 6 rejects as not concurrency-safe.
static inline void docfill_xml_free(void *p) { xmlFree(p); }

static inline int docfill_xml_line(xmlParserCtxtPtr ctxt) { return ctxt->input ? ctxt->input->line : 0; }
static inline int docfill_xml_column(xmlParserCtxtPtr ctxt) { return ctxt->input ? ctxt->input->col : 0; }
// libxml2's generic error channel is variadic, which Swift cannot implement; this sink keeps
// messages that bypass the structured handler (I/O errors) off stderr.
static void docfill_xml_silent(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void docfill_xml_silence_generic_errors(void) { xmlSetGenericErrorFunc(NULL, docfill_xml_silent); }
#endif

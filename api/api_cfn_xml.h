/* api_cfn_xml: Heat's XMLResponseSerializer (heat/common/serializers.py),
 * the body of every CFN API answer that is not JSON.
 *
 * The document's first key names the root element; below it an object's
 * keys become child elements in their order, a list's items <member>
 * elements, anything else the element's text as Python's str() writes it
 * (True, False, None, 60, 1.5). The values of the keys TemplateBody and
 * Metadata are written as JSON text (json.dumps), or nothing when empty.
 * Written as lxml's etree.tostring does: no XML declaration, no
 * namespace, an element with neither text nor children as <Name/>, text
 * escaped (& < > and carriage return), characters beyond ASCII as
 * numeric references.
 *
 * Where lxml would refuse the tree (Heat then answers 500), this writes
 * something well-formed instead: a character XML 1.0 does not allow in
 * text becomes U+FFFD, a character not allowed in an element name '_'.
 */
#ifndef HH_API_CFN_XML_H
#define HH_API_CFN_XML_H

#include <jansson.h>
#include <stddef.h>

/* The XML of doc (borrowed; an object; its first key is the root): new
 * NUL-terminated string, *len its length. NULL when doc is not a
 * non-empty object or out of memory. */
char *hh_cfn_xml(const json_t *doc, size_t *len);

#endif

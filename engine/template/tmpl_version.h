/* tmpl_version: the template versions heat-ha accepts, and what each allows.
 *
 * One table entry per version (Heat's setup.cfg [heat.templates]):
 * AWSTemplateFormatVersion 2010-09-09, HeatTemplateFormatVersion 2012-12-12,
 * heat_template_version 2013-05-23 .. 2021-04-16 with the release-name
 * aliases (newton, ocata, pike, queens, rocky, wallaby). Each entry carries
 * the function tables of that version (tmpl_func.h), so a function outside
 * its version is refused exactly as Heat refuses it.
 */
#ifndef HH_TMPL_VERSION_H
#define HH_TMPL_VERSION_H

#include <jansson.h>
#include <stdbool.h>

#include "hh_error.h"

typedef enum hh_dialect {
    HH_DIALECT_HOT, /* heat_template_version */
    HH_DIALECT_CFN, /* AWSTemplateFormatVersion, HeatTemplateFormatVersion */
} hh_dialect;

struct hh_func_def; /* tmpl_func.h */

typedef struct hh_tversion {
    const char *key;   /* "heat_template_version", "AWSTemplateFormatVersion", ... */
    const char *value; /* "2016-10-14" */
    const char *alias; /* "newton", or NULL */
    hh_dialect dialect;
    int ordinal;       /* yyyymmdd of value: versions compare by this */
    bool conditions;   /* conditions section, resource/output condition, external_id */
    bool param_tags;   /* parameter key tags (2018-03-02+) */
    bool modulo;       /* modulo constraint (2017-02-24+) */
    bool nullable_if;  /* 2-argument if drops the enclosing item (2021-04-16+) */
    bool lowercase_deletion_policy; /* delete/retain/snapshot (2016-10-14+) */
    const struct hh_func_def *functions;           /* terminated by a NULL name */
    const struct hh_func_def *condition_functions; /* NULL when no conditions */
} hh_tversion;

/* Find the version a template declares. tmpl is the template's top-level
 * mapping. Exactly one of the three version keys must be present, with a
 * known value or alias. Errors use Heat's wording and exception types:
 *   InvalidTemplateVersion "The template version is invalid: ..."
 *   "Ambiguous versions (...)" and "Template format version not found."
 * Returns a static entry or NULL with err filled. */
const hh_tversion *hh_tversion_detect(const json_t *tmpl, hh_error *err);

/* By key and value (value may be an alias); NULL if unknown. */
const hh_tversion *hh_tversion_find(const char *key, const char *value);

/* All versions in Heat's listing order, for GET /template_versions. */
size_t hh_tversion_count(void);
const hh_tversion *hh_tversion_at(size_t i);

/* "heat_template_version.2016-10-14": the name the API lists. buf >= 64. */
void hh_tversion_name(const hh_tversion *v, char *buf, size_t len);

/* Heat's template_versions entry {version, type, aliases} (new reference). */
json_t *hh_tversion_to_json(const hh_tversion *v);

/* Heat's template-function-list for v: [{functions, description}], with
 * condition functions instead when conditions is true (new reference). */
json_t *hh_tversion_functions_json(const hh_tversion *v, bool conditions);

#endif

/* hh_yaml: PyYAML's behaviour where heat-ha must match it: the implicit
 * types of plain scalars (resolver.py of YAML 1.1, as Heat's loader and
 * dumper resolve them) and yaml.safe_dump's text (Heat's yaml_dumper:
 * block style, sorted keys), emitted by libyaml as PyYAML's CSafeDumper
 * does. */
#ifndef HH_YAML_H
#define HH_YAML_H

#include <jansson.h>
#include <stddef.h>

typedef enum hh_yaml_kind {
    HH_YAML_STR = 0,
    HH_YAML_NULL,
    HH_YAML_BOOL,
    HH_YAML_INT,
    HH_YAML_FLOAT,
    HH_YAML_TIMESTAMP,
    HH_YAML_MERGE, /* "<<" */
    HH_YAML_VALUE, /* "=" */
} hh_yaml_kind;

/* The implicit type of the plain scalar s (n bytes). */
hh_yaml_kind hh_yaml_resolve_plain(const char *s, size_t n);

/* yaml.dump(v, Dumper=yaml_dumper) (default_flow_style=False,
 * sort_keys=True, width 80): *out new malloc'd text. Strings that would
 * read back as another type are quoted. ENOMEM, HH_EINVAL for a value
 * libyaml refuses, or 0. */
int hh_yaml_dump(const json_t *v, char **out);

#endif

/* client_files: read templates and environment files as python-heatclient
 * does before it sends them (heatclient/common/template_utils.py).
 *
 * A template given with -f becomes file:///absolute/path. Every get_file
 * value and every resource type ending in .yaml or .template is resolved
 * against the including file's directory, read into the files map under its
 * file:// URL, and the reference is rewritten to that URL. Nested templates
 * are processed the same way, recursively, and stored as JSON text.
 * Environment files (-e) are deep-merged in order; their resource_registry
 * template paths are resolved and read the same way.
 */
#ifndef HH_CLIENT_FILES_H
#define HH_CLIENT_FILES_H

#include <jansson.h>

#include "hh_error.h"
#include "srcmap.h"

/* The whole file at path: *text (new, NUL-terminated) and *len. An error
 * says "Could not fetch contents for file://PATH: reason". */
int hh_client_read_file(const char *path, char **text, size_t *len, hh_error *err);

/* Read the template at path: *tmpl receives the parsed template with
 * rewritten references (new reference) and *map where its nodes are in the
 * file (new); files (an object) receives every file it pulls in. *url
 * receives its file:// URL (new string). */
int hh_client_read_template(const char *path, json_t **tmpl, hh_srcmap **map, json_t *files,
                            char **url, hh_error *err);

/* Read environment files paths[0..n) in order: *env receives heatclient's
 * client-side deep merge (new reference), env_urls (an array) their
 * file:// URLs, files their contents (raw text, keyed by URL) and every
 * template their registries name. */
int hh_client_read_environments(const char *const *paths, size_t n, json_t **env, json_t *env_urls,
                                json_t *files, hh_error *err);

#endif

/* hh_kvparams: "-P key=value;key2=value2" arguments, read as python-heatclient
 * reads them (heatclient.common.utils.format_parameters).
 *
 * When exactly one argument is given it is split on every ';' (so a
 * trailing ';' makes an empty, malformed piece, as in heatclient); several
 * arguments are taken as they are. Each piece is key=value split at the
 * first '='. A key given twice becomes a list of its values in order.
 */
#ifndef HH_KVPARAMS_H
#define HH_KVPARAMS_H

#include <jansson.h>
#include <stddef.h>

#include "hh_error.h"

/* Parse args[0..n) into *out (a new object of strings and lists of
 * strings). Error: HH_EINVAL "Malformed parameter(piece). Use the key=value
 * format." */
int hh_kvparams_parse(const char *const *args, size_t n, json_t **out, hh_error *err);

#endif

/* libFuzzer target: arbitrary bytes as a heat.conf, with every heat-ha
 * option registered so values are checked by type, then the debug dump of
 * the values and the URL password masking over the same bytes. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hh_conf.h"
#include "hh_log.h"
#include "hh_opts.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const hh_opt fuzz_opts[] = {
    {.group = "fuzz", .name = "f", .type = HH_OPT_FLOAT, .def = "1.5", .min = "-2", .max = "1e6"},
    {.group = "fuzz", .name = "secret", .type = HH_OPT_INT, .secret = true},
    HH_OPT_END,
};

static FILE *sink;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    sink = fopen("/dev/null", "w");
    hh_log_open("fuzz_conf", true, false);
    hh_log_set_stream(sink);
    hh_log_set_level(HH_LOG_DEBUG);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hh_conf *conf = hh_conf_new();
    char *text = NULL;
    char masked[256];
    hh_error err;

    if (conf == NULL || hh_opts_register_all(conf) != 0 || hh_conf_register(conf, fuzz_opts) != 0)
        abort();
    if (hh_conf_load_buffer(conf, (const char *)data, size, "fuzz.conf", &err) == 0) {
        hh_conf_log_values(conf);
        (void)hh_conf_get_float(conf, "fuzz", "f");
        (void)hh_conf_get_list(conf, "ha", "nodes", NULL);
    } else if (err.rc == 0 || err.message[0] == '\0') {
        abort(); /* a failed load must say why */
    }
    text = malloc(size + 1);
    if (text != NULL) {
        memcpy(text, data, size);
        text[size] = '\0';
        hh_conf_mask_url(text, masked, sizeof(masked));
    }
    free(text);
    hh_conf_free(conf);
    return 0;
}

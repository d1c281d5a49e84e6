/* bench_template: time to load and validate large templates, and peak RSS.
 *
 * Usage: bench_template [--write DIR] [--runs N]
 * Generates two templates (deterministic):
 *   flat-1000:  1,000 OS::Heat::Value resources, each reading a parameter
 *               and the previous resource's attribute (a chain of
 *               get_attr references), with outputs;
 *   nested-fn:  one output whose value is 30 nested functions deep
 *               (list_join / str_replace / map_merge / if alternating).
 * For each it runs parse + validate + dependency graph N times (default 21)
 * and prints the median and minimum wall time, and at the end the process's
 * peak resident set size. With --write the templates are also written to
 * DIR (to time another implementation on the same files).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "tmpl.h"

typedef struct strbuf {
    char *data;
    size_t len, cap;
} strbuf;

static void sb_add(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_add(strbuf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    for (;;) {
        va_start(ap, fmt);
        n = vsnprintf(b->data ? b->data + b->len : NULL, b->data ? b->cap - b->len : 0, fmt, ap);
        va_end(ap);
        if (b->data != NULL && (size_t)n < b->cap - b->len) {
            b->len += (size_t)n;
            return;
        }
        b->cap = (b->cap + (size_t)n + 1) * 2;
        b->data = realloc(b->data, b->cap);
        if (b->data == NULL) {
            perror("realloc");
            exit(1);
        }
    }
}

static char *gen_flat(int count)
{
    strbuf b = {0};
    int i;

    sb_add(&b, "heat_template_version: 2018-08-31\n"
               "description: %d resources chained by get_attr\n"
               "parameters:\n"
               "  prefix:\n"
               "    type: string\n"
               "    default: item\n"
               "    constraints:\n"
               "      - length: {min: 1, max: 32}\n"
               "resources:\n",
           count);
    for (i = 0; i < count; i++) {
        sb_add(&b,
               "  r%d:\n"
               "    type: OS::Heat::Value\n"
               "    properties:\n"
               "      type: string\n"
               "      value:\n"
               "        str_replace:\n"
               "          template: $p-%d-$prev\n"
               "          params:\n"
               "            $p: {get_param: prefix}\n",
               i, i);
        if (i > 0)
            sb_add(&b, "            $prev: {get_attr: [r%d, value]}\n", i - 1);
        else
            sb_add(&b, "            $prev: start\n");
    }
    sb_add(&b, "outputs:\n");
    for (i = 0; i < count; i += 100)
        sb_add(&b, "  out%d:\n    value: {get_attr: [r%d, value]}\n", i, i);
    return b.data;
}

static char *gen_nested(int depth)
{
    strbuf b = {0};
    int i;

    sb_add(&b, "heat_template_version: 2021-04-16\n"
               "parameters:\n"
               "  x: {type: string, default: leaf}\n"
               "  flag: {type: boolean, default: true}\n"
               "conditions:\n"
               "  on: {get_param: flag}\n"
               "resources:\n"
               "  r: {type: OS::Heat::None}\n"
               "outputs:\n"
               "  deep:\n"
               "    value: ");
    for (i = 0; i < depth; i++) {
        switch (i % 3) {
        case 0:
            sb_add(&b, "{list_join: ['-', [");
            break;
        case 1:
            sb_add(&b, "{str_replace: {params: {'@': 'at'}, template: ");
            break;
        default:
            sb_add(&b, "{if: [on, ");
            break;
        }
    }
    sb_add(&b, "{get_param: x}");
    for (i = depth - 1; i >= 0; i--) {
        switch (i % 3) {
        case 0:
            sb_add(&b, "]]}");
            break;
        case 1:
            sb_add(&b, "}}");
            break;
        default:
            sb_add(&b, ", none]}");
            break;
        }
    }
    sb_add(&b, "\n");
    return b.data;
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/* One run: parse, validate, dependencies, outputs. 0 or an error. */
static int one_run(const char *text, hh_error *err)
{
    hh_tmpl *t = NULL;
    json_t *result = NULL, *graph = NULL, *outputs = NULL;
    int rc;

    rc = hh_tmpl_parse(text, strlen(text), "bench.yaml", NULL, NULL, &t, err);
    if (rc == 0)
        rc = hh_tmpl_validate(t, NULL, &result, err);
    if (rc == 0)
        rc = hh_tmpl_dependencies(t, NULL, &graph, err);
    if (rc == 0)
        rc = hh_tmpl_resolve_outputs(t, NULL, NULL, &outputs, err);
    json_decref(result);
    json_decref(graph);
    json_decref(outputs);
    hh_tmpl_free(t);
    return rc;
}

static void bench(const char *name, const char *text, int runs)
{
    double *times = calloc((size_t)runs, sizeof(double));
    hh_error err;
    int i;

    for (i = 0; i < runs; i++) {
        double start = now();

        hh_error_clear(&err);
        if (one_run(text, &err) != 0) {
            fprintf(stderr, "%s: %s\n", name, err.message);
            exit(1);
        }
        times[i] = now() - start;
    }
    qsort(times, (size_t)runs, sizeof(double), cmp_double);
    printf("| %-12s | %9zu | %4d | %10.2f | %10.2f |\n", name, strlen(text), runs,
           times[runs / 2] * 1000.0, times[0] * 1000.0);
    free(times);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[4096];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "w");
    if (f == NULL || fputs(text, f) < 0) {
        perror(path);
        exit(1);
    }
    fclose(f);
}

int main(int argc, char **argv)
{
    const char *dir = NULL;
    int runs = 21, i;
    char *flat = gen_flat(1000), *nested = gen_nested(30);
    struct rusage ru;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--write") == 0 && i + 1 < argc)
            dir = argv[++i];
        else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs = atoi(argv[++i]);
    }
    if (runs < 1)
        runs = 1;
    if (dir != NULL) {
        write_file(dir, "flat-1000.yaml", flat);
        write_file(dir, "nested-fn.yaml", nested);
    }
    printf("| template     |     bytes | runs | median ms  |   min ms   |\n");
    printf("|--------------|-----------|------|------------|------------|\n");
    bench("flat-1000", flat, runs);
    bench("nested-fn", nested, runs);
    getrusage(RUSAGE_SELF, &ru);
    printf("\npeak RSS: %.1f MiB\n", (double)ru.ru_maxrss / 1024.0);
    free(flat);
    free(nested);
    return 0;
}

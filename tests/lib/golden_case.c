#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden_case.h"

static int test_count;
static int test_failed;

void golden_report(bool ok, const char *name, const char *diag)
{
    const char *p;

    test_count++;
    if (!ok)
        test_failed++;
    printf("%s %d - %s\n", ok ? "ok" : "not ok", test_count, name);
    if (ok || diag == NULL)
        return;
    for (p = diag; *p;) {
        const char *nl = strchr(p, '\n');
        int len = nl ? (int)(nl - p) : (int)strlen(p);

        printf("# %.*s\n", len, p);
        p += len + (nl ? 1 : 0);
    }
}

void golden_skip(const char *name, const char *reason)
{
    test_count++;
    printf("ok %d - %s # SKIP %s\n", test_count, name, reason);
}

int golden_done(void)
{
    printf("1..%d\n", test_count);
    return test_failed ? 1 : 0;
}

char *golden_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)n + 1);
        if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        }
        if (buf != NULL) {
            buf[n] = '\0';
            if (len != NULL)
                *len = (size_t)n;
        }
    }
    fclose(f);
    return buf;
}

char *golden_read_word(const char *dir, const char *name)
{
    char path[4096], *text;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    text = golden_slurp(path, NULL);
    if (text != NULL)
        text[strcspn(text, "\r\n")] = '\0';
    return text;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **golden_list_dir(const char *dir, const char *prefix, size_t *count)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0;

    *count = 0;
    if (d == NULL)
        return NULL;
    while ((e = readdir(d)) != NULL) {
        char **grown;

        if (e->d_name[0] == '.' || strncmp(e->d_name, prefix, strlen(prefix)) != 0)
            continue;
        grown = realloc(names, (n + 1) * sizeof(*names));
        if (grown == NULL)
            break;
        names = grown;
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n > 0)
        qsort(names, n, sizeof(*names), cmp_names);
    *count = n;
    return names;
}

void golden_free_names(char **names, size_t count)
{
    size_t i;

    for (i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

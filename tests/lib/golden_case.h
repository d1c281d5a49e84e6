/* golden_case: what the golden-case runners share (tests/templates,
 * tests/scheduler): TAP results with multi-line diagnostics, case files,
 * sorted directory listings. */
#ifndef HH_GOLDEN_CASE_H
#define HH_GOLDEN_CASE_H

#include <stdbool.h>
#include <stddef.h>

/* Print one TAP result; diag (may be NULL) is printed as "# " lines when
 * the test failed. */
void golden_report(bool ok, const char *name, const char *diag);

/* Print a TAP SKIP result. */
void golden_skip(const char *name, const char *reason);

/* Print the plan; the exit status for main (1 when a test failed). */
int golden_done(void);

/* Whole file as a NUL-terminated string (new, caller frees); NULL when it
 * cannot be read. len (may be NULL) receives its size. */
char *golden_slurp(const char *path, size_t *len);

/* The first line of dir/name (new string), or NULL. */
char *golden_read_word(const char *dir, const char *name);

/* Sorted names in dir starting with prefix, dot files left out (new array
 * of new strings; free with golden_free_names). */
char **golden_list_dir(const char *dir, const char *prefix, size_t *count);
void golden_free_names(char **names, size_t count);

#endif

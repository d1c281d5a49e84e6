#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "hh_error.h"
#include "hh_log.h"

/* Logging state is process-wide; a mutex keeps lines from worker threads whole. */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static char log_ident[64] = "heat-ha";
static bool log_to_stderr = true;
static bool log_to_syslog = false;
static hh_log_level log_level = HH_LOG_INFO;
static FILE *log_stream; /* NULL: stderr */
static FILE *log_file;   /* [DEFAULT] log_file, or NULL */
static char *log_path;   /* its path */

/* Open path for appending, close-on-exec, mode 0640 when created. */
static FILE *open_append(const char *path)
{
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    FILE *f;

    if (fd < 0)
        return NULL;
    if ((f = fdopen(fd, "a")) == NULL)
        close(fd);
    return f;
}

int hh_log_set_file(const char *path)
{
    FILE *f = NULL;
    char *copy = NULL;

    if (path != NULL) {
        if ((copy = strdup(path)) == NULL)
            return ENOMEM;
        if ((f = open_append(path)) == NULL) {
            int e = errno;

            free(copy);
            return e;
        }
    }
    pthread_mutex_lock(&log_lock);
    if (log_file != NULL)
        fclose(log_file);
    free(log_path);
    log_file = f;
    log_path = copy;
    pthread_mutex_unlock(&log_lock);
    return 0;
}

int hh_log_file_path(const char *file, const char *dir, char *buf, size_t len)
{
    int n;

    if (file == NULL || file[0] == '\0')
        return HH_ENOTFOUND;
    if (file[0] == '/' || dir == NULL || dir[0] == '\0')
        n = snprintf(buf, len, "%s", file);
    else
        n = snprintf(buf, len, "%s/%s", dir, file);
    return n < 0 || (size_t)n >= len ? ENAMETOOLONG : 0;
}

static const char *level_name(hh_log_level level)
{
    switch (level) {
    case HH_LOG_ERROR:
        return "ERROR";
    case HH_LOG_WARNING:
        return "WARNING";
    case HH_LOG_NOTICE:
        return "NOTICE";
    case HH_LOG_INFO:
        return "INFO";
    case HH_LOG_DEBUG:
        return "DEBUG";
    }
    return "?";
}

void hh_log_open(const char *ident, bool to_stderr, bool to_syslog)
{
    pthread_mutex_lock(&log_lock);
    snprintf(log_ident, sizeof(log_ident), "%s", ident);
    if (log_to_syslog)
        closelog();
    log_to_stderr = to_stderr;
    log_to_syslog = to_syslog;
    if (log_to_syslog)
        openlog(log_ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
    pthread_mutex_unlock(&log_lock);
}

void hh_log_set_level(hh_log_level level)
{
    log_level = level;
}

hh_log_level hh_log_get_level(void)
{
    return log_level;
}

void hh_log_reopen(void)
{
    pthread_mutex_lock(&log_lock);
    if (log_to_syslog) {
        closelog();
        openlog(log_ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
    }
    if (log_path != NULL) {
        FILE *f = open_append(log_path);

        /* a file that cannot be opened again keeps the old one */
        if (f != NULL) {
            if (log_file != NULL)
                fclose(log_file);
            log_file = f;
        }
    }
    pthread_mutex_unlock(&log_lock);
}

void hh_log_close(void)
{
    pthread_mutex_lock(&log_lock);
    if (log_to_syslog)
        closelog();
    log_to_syslog = false;
    if (log_file != NULL)
        fclose(log_file);
    log_file = NULL;
    free(log_path);
    log_path = NULL;
    pthread_mutex_unlock(&log_lock);
}

void hh_log_set_stream(FILE *stream)
{
    pthread_mutex_lock(&log_lock);
    log_stream = stream;
    pthread_mutex_unlock(&log_lock);
}

void hh_log(hh_log_level level, const char *fmt, ...)
{
    char msg[4096];
    va_list ap;

    if (level > log_level)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);

    pthread_mutex_lock(&log_lock);
    if (log_to_stderr || log_file != NULL) {
        struct timespec ts;
        struct tm tm;
        char when[32];

        clock_gettime(CLOCK_REALTIME, &ts);
        gmtime_r(&ts.tv_sec, &tm);
        strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
        if (log_to_stderr)
            fprintf(log_stream ? log_stream : stderr, "%s.%03ld %s %s: %s\n", when,
                    ts.tv_nsec / 1000000L, log_ident, level_name(level), msg);
        if (log_file != NULL) {
            fprintf(log_file, "%s.%03ld %s %s: %s\n", when, ts.tv_nsec / 1000000L, log_ident,
                    level_name(level), msg);
            fflush(log_file);
        }
    }
    if (log_to_syslog)
        syslog((int)level, "%s: %s", level_name(level), msg);
    pthread_mutex_unlock(&log_lock);
}

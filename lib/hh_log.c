#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "hh_log.h"

/* Logging state is process-wide; a mutex keeps lines from worker threads whole. */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static char log_ident[64] = "heat-ha";
static bool log_to_stderr = true;
static bool log_to_syslog = false;
static hh_log_level log_level = HH_LOG_INFO;
static FILE *log_stream; /* NULL: stderr */

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
    pthread_mutex_unlock(&log_lock);
}

void hh_log_close(void)
{
    pthread_mutex_lock(&log_lock);
    if (log_to_syslog)
        closelog();
    log_to_syslog = false;
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
    if (log_to_stderr) {
        struct timespec ts;
        struct tm tm;
        char when[32];

        clock_gettime(CLOCK_REALTIME, &ts);
        gmtime_r(&ts.tv_sec, &tm);
        strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
        fprintf(log_stream ? log_stream : stderr, "%s.%03ld %s %s: %s\n", when,
                ts.tv_nsec / 1000000L, log_ident, level_name(level), msg);
    }
    if (log_to_syslog)
        syslog((int)level, "%s: %s", level_name(level), msg);
    pthread_mutex_unlock(&log_lock);
}

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "hh_error.h"

const char *hh_strerror(int rc)
{
    if (rc == 0)
        return "success";
    if (rc > 0)
        return strerror(rc);
    switch (rc) {
    case HH_EINTERNAL:
        return "internal error";
    case HH_EPARSE:
        return "parse error";
    case HH_EINVAL:
        return "invalid input";
    case HH_ELIMIT:
        return "limit exceeded";
    case HH_ENOTFOUND:
        return "not found";
    case HH_ECONFIG:
        return "configuration error";
    case HH_EEXISTS:
        return "already exists";
    case HH_EUNSUPPORTED:
        return "not supported";
    case HH_EFENCED:
        return "fenced by a newer term";
    default:
        return "unknown error";
    }
}

void hh_error_clear(hh_error *err)
{
    if (err == NULL)
        return;
    memset(err, 0, sizeof(*err));
}

int hh_error_setv(hh_error *err, int rc, const char *type, const char *fmt, va_list ap)
{
    if (err == NULL)
        return rc;
    err->rc = rc;
    err->type = type;
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    return rc;
}

int hh_error_set(hh_error *err, int rc, const char *type, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    hh_error_setv(err, rc, type, fmt, ap);
    va_end(ap);
    return rc;
}

void hh_error_at(hh_error *err, const char *source, int line, int column)
{
    if (err == NULL)
        return;
    if (source != NULL)
        snprintf(err->source, sizeof(err->source), "%s", source);
    err->line = line;
    err->column = column;
}

void hh_error_prefix(hh_error *err, const char *fmt, ...)
{
    char prefix[HH_ERROR_MSG_MAX];
    char old[HH_ERROR_MSG_MAX];
    va_list ap;

    if (err == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof(prefix), fmt, ap);
    va_end(ap);
    memcpy(old, err->message, sizeof(old));
    snprintf(err->message, sizeof(err->message), "%s%s", prefix, old);
}

void hh_error_format(const hh_error *err, char *buf, size_t len)
{
    if (err->source[0] != '\0' && err->line > 0 && err->column > 0)
        snprintf(buf, len, "%s:%d:%d: %s", err->source, err->line, err->column, err->message);
    else if (err->source[0] != '\0' && err->line > 0)
        snprintf(buf, len, "%s:%d: %s", err->source, err->line, err->message);
    else if (err->source[0] != '\0')
        snprintf(buf, len, "%s: %s", err->source, err->message);
    else if (err->line > 0)
        snprintf(buf, len, "line %d, column %d: %s", err->line, err->column, err->message);
    else
        snprintf(buf, len, "%s", err->message);
}

/*
 * status.c - status identifiers and the per-thread error message.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static _Thread_local char last_error[512];

const char *il_status_id(il_status status)
{
    switch (status) {
    case IL_OK: return "initlab:ok";
    case IL_EBADARG: return "initlab:badArg";
    case IL_EBADSIZE: return "initlab:badSize";
    case IL_EBADVALUE: return "initlab:badValue";
    case IL_EBADNAME: return "initlab:badName";
    case IL_ENOMEM: return "initlab:noMemory";
    case IL_ETOOBIG: return "initlab:tooBig";
    }
    return "initlab:unknown";
}

const char *il_last_error(void)
{
    return last_error;
}

il_status il_fail(il_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof last_error, fmt, ap);
    va_end(ap);
    return status;
}

const char *il_number(double v, char buf[32])
{
    if (v != v)
        return "NaN";
    if (v == HUGE_VAL)
        return "Inf";
    if (v == -HUGE_VAL)
        return "-Inf";
    snprintf(buf, 32, "%g", v);
    return buf;
}

il_status il_lookup(const char *what, const char *name, const il_name *table,
                    size_t count, int *value)
{
    char expected[400];
    size_t used = 0, i;

    for (i = 0; name && i < count; i++) {
        if (strcmp(name, table[i].name) == 0) {
            *value = table[i].value;
            return IL_OK;
        }
    }
    expected[0] = '\0';
    for (i = 0; i < count && used + 1 < sizeof expected; i++) {
        int wrote = snprintf(expected + used, sizeof expected - used, "%s%s",
                             i ? ", " : "", table[i].name);
        if (wrote < 0)
            break;
        used += (size_t)wrote;
    }
    return il_fail(IL_EBADNAME, "unknown %s '%s'; expected one of: %s", what,
                   name ? name : "(null)", expected);
}

const char *il_name_of(const il_name *table, size_t count, int value)
{
    size_t i;
    for (i = 0; i < count; i++)
        if (table[i].value == value)
            return table[i].name;
    return "?";
}

/*
 * status.c - status identifiers, the per-thread error message, and the
 * limits every long call shares: the default memory cap and the interrupt
 * failure.
 */
/* sysconf(_SC_PHYS_PAGES) for the default cap: POSIX, which -std=c11 does
 * not declare unless asked, and only in this file. */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#if !defined(_WIN32)
#include <unistd.h>
#endif

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
    case IL_EBADOPTION: return "initlab:badOption";
    case IL_EINTERRUPTED: return "initlab:interrupted";
    case IL_EBADINDEX: return "initlab:badIndex";
    case IL_EIO: return "initlab:io";
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

/* Half the physical memory: a call may take that much for its results and
 * still leave the host (Octave, Lua) and the system room, and a request past
 * it, which would page or meet the kernel's OOM killer, is an error the user
 * can read instead.  Where the memory cannot be read (Windows, mingw), 1 GiB. */
static size_t read_max_bytes(void)
{
    size_t fallback = (size_t)1 << 30;
#ifdef _SC_PHYS_PAGES
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    size_t total;
    if (pages <= 0 || page <= 0)
        return fallback;
    if (il_mul_overflows((size_t)pages, (size_t)page, &total))
        return SIZE_MAX / 2;
    return total / 2;
#else
    return fallback;
#endif
}

size_t il_default_max_bytes(void)
{
    /* Asking the system is a system call (sysinfo), and every default of a
     * recording or dataset asks: read it once per thread.  The machine's
     * memory does not change under a process, so no state is shared that
     * could differ between calls. */
    static _Thread_local size_t max_bytes;
    if (!max_bytes)
        max_bytes = read_max_bytes();
    return max_bytes;
}

size_t il_cap_of(size_t max_bytes)
{
    return max_bytes ? max_bytes : il_default_max_bytes();
}

/* "12.3 MB", or "800 bytes" below a megabyte, where one decimal of MB
 * would read 0.0. */
static const char *amount(double bytes, char buf[40])
{
    if (bytes < 1e6)
        snprintf(buf, 40, "%.0f bytes", bytes);
    else
        snprintf(buf, 40, "%.1f MB", bytes / 1e6);
    return buf;
}

il_status il_too_big(const char *what, double mb, size_t cap,
                     const char *advice)
{
    char need[40], have[40];
    return il_fail(IL_ETOOBIG, "%s needs %s, more than the cap of %s "
                   "(max_bytes); %s", what, amount(mb * 1e6, need),
                   amount((double)cap, have), advice);
}

il_status il_interrupted(void)
{
    return il_fail(IL_EINTERRUPTED, "interrupted (Ctrl-C)");
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

/*
 * gif.c - an animated GIF89a writer: one global palette of up to 256
 * colours, frames of 8-bit palette indices, each with its delay, and the
 * NETSCAPE2.0 application extension that makes viewers loop.
 *
 * The format facts (block layout, LZW with a clear code, codes packed
 * least significant bit first in sub-blocks of at most 255 bytes) are the
 * GIF89a specification's.  Frames are written as they come, so memory is
 * one code table whatever the number of frames.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MIN_CODE 8              /* palette indices are bytes */
#define CLEAR (1u << MIN_CODE)  /* 256 */
#define END (CLEAR + 1)
#define MAX_CODES 4096          /* codes are at most 12 bits */
#define HASH 8192               /* open addressing, a power of two > 4096 */

struct il_gif {
    FILE *f;
    char *path;
    size_t width, height;
    unsigned keys[HASH];        /* (prefix << 8 | byte) + 1; 0: empty */
    unsigned short codes[HASH];
    unsigned next, size;        /* the next free code, the bits per code */
    unsigned long bits;         /* pending bits, least significant first */
    unsigned nbits;
    unsigned char block[256];   /* a sub-block: its length, then data */
    int failed;
};

static void put(il_gif *g, const void *p, size_t n)
{
    if (fwrite(p, 1, n, g->f) != n)
        g->failed = 1;
}

static void put16(il_gif *g, size_t v)
{
    unsigned char b[2] = {(unsigned char)(v & 0xff), (unsigned char)(v >> 8)};
    put(g, b, 2);
}

static void flush_block(il_gif *g)
{
    if (g->block[0]) {
        put(g, g->block, (size_t)g->block[0] + 1);
        g->block[0] = 0;
    }
}

static void emit(il_gif *g, unsigned code)
{
    g->bits |= (unsigned long)code << g->nbits;
    g->nbits += g->size;
    while (g->nbits >= 8) {
        g->block[++g->block[0]] = (unsigned char)(g->bits & 0xff);
        g->bits >>= 8;
        g->nbits -= 8;
        if (g->block[0] == 255)
            flush_block(g);
    }
}

static void reset_table(il_gif *g)
{
    memset(g->keys, 0, sizeof g->keys);
    g->next = END + 1;
    g->size = MIN_CODE + 1;
}

/* The LZW codes of n pixels: a code is emitted for the longest string
 * already in the table, which then learns that string plus one pixel.
 * The table is cleared when full; the code width grows one step behind the
 * decoder's table, which learns each entry one code later. */
static void encode(il_gif *g, const unsigned char *px, size_t n)
{
    unsigned prefix, key, h;
    size_t i;
    reset_table(g);
    emit(g, CLEAR);
    prefix = px[0];
    for (i = 1; i < n; i++) {
        key = (prefix << 8 | px[i]) + 1;
        h = (key * 2654435761u) >> 19 & (HASH - 1);
        while (g->keys[h] && g->keys[h] != key)
            h = (h + 1) & (HASH - 1);
        if (g->keys[h]) {
            prefix = g->codes[h];
            continue;
        }
        emit(g, prefix);
        if (g->next < MAX_CODES) {
            g->keys[h] = key;
            g->codes[h] = (unsigned short)g->next++;
            if (g->next > (1u << g->size) && g->size < 12)
                g->size++;
        } else {
            emit(g, CLEAR);
            reset_table(g);
        }
        prefix = px[i];
    }
    emit(g, prefix);
    emit(g, END);
    if (g->nbits)
        g->block[++g->block[0]] = (unsigned char)(g->bits & 0xff);
    g->bits = 0;
    g->nbits = 0;
    flush_block(g);
    put(g, "", 1); /* the block terminator */
}

static il_status io_error(const char *path, const char *doing)
{
    return il_fail(IL_EIO, "cannot %s '%.300s'", doing, path);
}

il_status il_gif_open(il_gif **gif, const char *path, size_t width,
                      size_t height, const unsigned char *palette,
                      size_t colors, int loop)
{
    static const unsigned char netscape[] = {
        0x21, 0xff, 0x0b, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.',
        '0', 0x03, 0x01, 0x00, 0x00, 0x00}; /* loop count 0: forever */
    unsigned char table[768] = {0}, screen[3] = {0xf7, 0, 0};
    il_gif *g;
    if (!gif || !path || !palette)
        return il_fail(IL_EBADARG, "gif, path and palette must not be NULL");
    *gif = NULL;
    if (width < 1 || height < 1 || width > 65535 || height > 65535)
        return il_fail(IL_EBADSIZE, "a GIF is 1..65535 pixels each way, got "
                       "%zux%zu", width, height);
    if (colors < 1 || colors > 256)
        return il_fail(IL_EBADSIZE, "a GIF palette has 1..256 colours, got "
                       "%zu", colors);
    if (!(g = calloc(1, sizeof *g)) || !(g->path = malloc(strlen(path) + 1))) {
        free(g);
        return il_fail(IL_ENOMEM, "out of memory for a GIF writer");
    }
    strcpy(g->path, path);
    if (!(g->f = fopen(path, "wb"))) {
        free(g->path);
        free(g);
        return io_error(path, "open for writing");
    }
    g->width = width;
    g->height = height;
    memcpy(table, palette, colors * 3);
    put(g, "GIF89a", 6);
    put16(g, width);
    put16(g, height);
    put(g, screen, 3); /* a global table of 256 colours, background 0 */
    put(g, table, sizeof table);
    if (loop)
        put(g, netscape, sizeof netscape);
    *gif = g;
    return IL_OK;
}

il_status il_gif_frame(il_gif *g, const unsigned char *pixels, double delay_ms)
{
    unsigned char control[8] = {0x21, 0xf9, 0x04, 0x04, 0, 0, 0, 0};
    long cs = delay_ms >= 0 && delay_ms < 655350 ? (long)(delay_ms / 10 + 0.5)
                                                 : -1;
    if (!g || !pixels)
        return il_fail(IL_EBADARG, "gif and pixels must not be NULL");
    if (cs < 0)
        return il_fail(IL_EBADVALUE, "a frame's delay must be in [0, 655350) "
                       "ms, got %g", delay_ms);
    /* 0x04: each frame stays in place (disposal 1) under the next */
    control[4] = (unsigned char)(cs & 0xff);
    control[5] = (unsigned char)(cs >> 8);
    put(g, control, sizeof control);
    put(g, ",", 1);
    put16(g, 0);
    put16(g, 0);
    put16(g, g->width);
    put16(g, g->height);
    put(g, "\0\x08", 2); /* no local palette; the LZW minimum code size */
    encode(g, pixels, g->width * g->height);
    return g->failed ? io_error(g->path, "write") : IL_OK;
}

il_status il_gif_close(il_gif *g)
{
    il_status st = IL_OK;
    if (!g)
        return IL_OK;
    put(g, ";", 1);
    if (fclose(g->f) != 0 || g->failed)
        st = io_error(g->path, "write");
    free(g->path);
    free(g);
    return st;
}

void il_gif_discard(il_gif *g)
{
    if (!g)
        return;
    /* the path is not removed: it may be a device (/dev/stdout) */
    fclose(g->f);
    free(g->path);
    free(g);
}

/*
 * test_gif.c - the GIF writer and the animations: every file is read back
 * by a small GIF89a reader of the test's own (blocks, extensions, an LZW
 * decoder) and its pixels checked.
 */
#include <stdlib.h>
#include <time.h>

#include "check.h"
#include "initlab.h"
#include "values.h"

#define MAX_FRAMES 8

typedef struct {
    size_t w, h, frames, colors;
    unsigned char pal[768];
    int loop;                        /* the NETSCAPE2.0 extension seen */
    int delay[MAX_FRAMES];           /* centiseconds */
    unsigned char *px[MAX_FRAMES];   /* w x h indices each */
    int trailer;
} gif;

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    unsigned char *b;
    long size;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    rewind(f);
    b = malloc((size_t)size + 1);
    *n = fread(b, 1, (size_t)size, f);
    fclose(f);
    return b;
}

/* The LZW codes of one image (its sub-blocks joined) into n indices;
 * 0 when the stream is not what GIF89a describes. */
static int lzw_decode(const unsigned char *d, size_t len, int min, unsigned char *out,
                      size_t n)
{
    static unsigned short prefix[4096];
    static unsigned char suffix[4096], first[4096], stack[4097];
    unsigned clear = 1u << min, end = clear + 1, next = end + 1, size = min + 1;
    unsigned long bits = 0;
    unsigned nbits = 0, code, prev = 4096, c, sp;
    size_t pos = 0, got = 0;
    for (c = 0; c < clear; c++)
        suffix[c] = first[c] = (unsigned char)c;
    for (;;) {
        while (nbits < size && pos < len) {
            bits |= (unsigned long)d[pos++] << nbits;
            nbits += 8;
        }
        if (nbits < size)
            return 0; /* no end code */
        code = bits & ((1u << size) - 1);
        bits >>= size;
        nbits -= size;
        if (code == clear) {
            next = end + 1;
            size = min + 1;
            prev = 4096;
            continue;
        }
        if (code == end)
            return got == n;
        if (code > next || (prev == 4096 && code >= clear))
            return 0;
        sp = 0;
        c = code == next ? prev : code;
        if (code == next)
            stack[sp++] = first[prev];
        while (c >= clear) {
            stack[sp++] = suffix[c];
            c = prefix[c];
        }
        stack[sp++] = (unsigned char)c;
        if (prev != 4096 && next < 4096) {
            prefix[next] = (unsigned short)prev;
            suffix[next] = (unsigned char)c;
            first[next] = first[prev];
            next++;
            if (next == (1u << size) && size < 12)
                size++;
        }
        while (sp)
            if (got < n)
                out[got++] = stack[--sp];
            else
                return 0;
        prev = code;
    }
}

/* Reads a GIF89a file; 0 on anything it does not expect. */
static int read_gif(const char *path, gif *g)
{
    size_t n = 0, p, len;
    unsigned char *b = slurp(path, &n), *data;
    int ok = 0;
    memset(g, 0, sizeof *g);
    if (!b || n < 13 + 768 || memcmp(b, "GIF89a", 6) != 0)
        goto done;
    g->w = b[6] | b[7] << 8;
    g->h = b[8] | b[9] << 8;
    if (!(b[10] & 0x80))
        goto done;
    g->colors = (size_t)2 << (b[10] & 7);
    memcpy(g->pal, b + 13, g->colors * 3);
    p = 13 + g->colors * 3;
    data = malloc(n);
    while (p < n) {
        if (b[p] == 0x3b) {
            g->trailer = p == n - 1;
            break;
        }
        if (b[p] == 0x21 && p + 2 < n) { /* an extension */
            if (b[p + 1] == 0xff && p + 16 < n && memcmp(b + p + 3, "NETSCAPE2.0", 11) == 0)
                g->loop = 1;
            if (b[p + 1] == 0xf9 && g->frames < MAX_FRAMES)
                g->delay[g->frames] = b[p + 4] | b[p + 5] << 8;
            p += 2;
            while (p < n && b[p])
                p += (size_t)b[p] + 1;
            p++;
            continue;
        }
        if (b[p] != 0x2c || p + 11 > n || g->frames == MAX_FRAMES)
            break;
        if ((size_t)(b[p + 5] | b[p + 6] << 8) != g->w ||
            (size_t)(b[p + 7] | b[p + 8] << 8) != g->h || b[p + 9] != 0)
            break;
        p += 10;
        {
            int min = b[p++];
            len = 0;
            while (p < n && b[p]) {
                memcpy(data + len, b + p + 1, b[p]);
                len += b[p];
                p += (size_t)b[p] + 1;
            }
            p++;
            g->px[g->frames] = malloc(g->w * g->h);
            if (!lzw_decode(data, len, min, g->px[g->frames], g->w * g->h))
                break;
            g->frames++;
        }
    }
    free(data);
    ok = g->trailer;
done:
    free(b);
    return ok;
}

static void free_gif(gif *g)
{
    size_t i;
    for (i = 0; i < MAX_FRAMES; i++)
        free(g->px[i]);
}

static char path[256];

static void test_writer(void)
{
    /* noise in 256 colours fills the code table many times over */
    unsigned char pal[256 * 3], a[300 * 200], b[300 * 200];
    unsigned x = 12345;
    size_t i;
    il_gif *w;
    gif g;
    for (i = 0; i < sizeof pal; i++)
        pal[i] = (unsigned char)(i * 7);
    for (i = 0; i < sizeof a; i++) {
        x = x * 1103515245u + 12345u;
        a[i] = (unsigned char)(x >> 16);
        b[i] = (unsigned char)(i / 300 % 3); /* long runs */
    }
    CHECK_OK(il_gif_open(&w, path, 300, 200, pal, 256, 1));
    CHECK_OK(il_gif_frame(w, a, 120));
    CHECK_OK(il_gif_frame(w, b, 0));
    CHECK_OK(il_gif_close(w));
    CHECK(read_gif(path, &g));
    CHECK(g.w == 300 && g.h == 200 && g.colors == 256 && g.loop);
    CHECK(g.frames == 2 && g.delay[0] == 12 && g.delay[1] == 0);
    CHECK(memcmp(g.pal, pal, sizeof pal) == 0);
    CHECK(g.px[0] && memcmp(g.px[0], a, sizeof a) == 0);
    CHECK(g.px[1] && memcmp(g.px[1], b, sizeof b) == 0);
    free_gif(&g);
    CHECK_FAILS(il_gif_open(&w, path, 70000, 1, pal, 256, 1), IL_EBADSIZE,
                "65535");
    CHECK_FAILS(il_gif_open(&w, "/nonexistent/dir/a.gif", 1, 1, pal, 1, 0),
                IL_EIO, "'/nonexistent/dir/a.gif'");
    CHECK(strcmp(il_status_id(IL_EIO), "initlab:io") == 0);
}

/* A 3-unit layer over 2 inputs at three iterations: all zero, then one
 * weight at 1, then at 2. */
static double W0[6], W1[6] = {1}, W2[6] = {2}, b0[3];
static const double *Ws[3] = {W0, W1, W2}, *bs[3] = {b0, b0, b0};
static const double iters[3] = {0, 10, 1000};
static const size_t sizes[2] = {2, 3};

static int reddish(const gif *g, unsigned char i)
{
    const unsigned char *c = g->pal + 3 * i;
    return c[0] > c[1] + 40 && c[0] > c[2] + 40;
}

static size_t count_red(const gif *g, size_t f)
{
    size_t i, n = 0;
    for (i = 0; i < g->w * g->h; i++)
        n += reddish(g, g->px[f][i]);
    return n;
}

static void test_weights(void)
{
    il_anim_frames f;
    il_anim_opts o;
    unsigned char half[3], full[3];
    size_t i, cell = 0, n;
    gif g;
    memset(&f, 0, sizeof f);
    f.layers = 1;
    f.frames = 3;
    f.iters = iters;
    f.sizes = sizes;
    f.W = Ws;
    f.b = bs;
    il_anim_opts_default(&o);
    o.scale = 4;
    o.delay_ms = 250;
    CHECK_OK(il_animate(path, IL_ANIM_WEIGHTS, &f, &o));
    CHECK(read_gif(path, &g));
    CHECK(g.frames == 3 && g.loop && g.delay[2] == 25);
    /* the colour bar's red half is in every frame; the weight adds one
     * cell of 4 x 4 */
    n = count_red(&g, 0);
    CHECK(n > 0 && count_red(&g, 1) == n + 16 && count_red(&g, 2) == n + 16);
    for (i = 0; g.px[2] && i < g.w * g.h; i++)
        if (g.px[2][i] != g.px[0][i] && reddish(&g, g.px[2][i]))
            cell = i;
    CHECK(cell > 0);
    if (g.px[0]) {
        const unsigned char *c = g.pal + 3 * g.px[0][cell];
        CHECK(c[0] == 255 && c[1] == 255 && c[2] == 255); /* zero: white */
    }
    /* one range over the frames, from the largest |weight| (2): 1 is
     * half way, 2 the full red */
    il_palette_rgb(0.5, half);
    il_palette_rgb(1, full);
    CHECK(g.px[1] && memcmp(g.pal + 3 * g.px[1][cell], half, 3) == 0);
    CHECK(g.px[2] && memcmp(g.pal + 3 * g.px[2][cell], full, 3) == 0);
    free_gif(&g);
    o.loop = 0;
    CHECK_OK(il_animate(path, IL_ANIM_WEIGHTS, &f, &o));
    CHECK(read_gif(path, &g) && !g.loop && g.frames == 3);
    free_gif(&g);
    o.layer = 2;
    CHECK_FAILS(il_animate(path, IL_ANIM_WEIGHTS, &f, &o), IL_EBADINDEX,
                "layer 2 is out of range 1..1");
    o.layer = 0;
    CHECK_FAILS(il_animate("/nonexistent/dir/w.gif", IL_ANIM_WEIGHTS, &f, &o),
                IL_EIO, "/nonexistent/dir/w.gif");
    o.max_bytes = 1000; /* a frame takes more: refused before any is made */
    CHECK_FAILS(il_animate(path, IL_ANIM_WEIGHTS, &f, &o), IL_ETOOBIG,
                "an animation frame needs");
}

/* Both front ends' layouts of one record read to the same frames. */
static void test_host_layouts(void)
{
    double stackW[6 * 3], stackb[3 * 3], it[3] = {0, 10, 1000};
    il_value W[2], b[2], octave[6], lua[6], Wl[3], bl[3], octW, octb, luaW, luab;
    il_value rec_o, rec_l;
    il_anim_frames f;
    il_anim_opts o;
    size_t n1 = 0, n2 = 0, r;
    unsigned char *a, *c;
    char other[300];
    memset(W, 0, sizeof W);
    for (r = 0; r < 3; r++) {
        memcpy(stackW + 6 * r, Ws[r], sizeof W0);
        memcpy(stackb + 3 * r, bs[r], sizeof b0);
        Wl[r] = numbers(Ws[r], 3, 2);
        bl[r] = numbers(bs[r], 3, 1);
    }
    octW = numbers(stackW, 3, 6);
    octb = numbers(stackb, 3, 3);
    luaW = list(Wl, 3);
    luab = list(bl, 3);
    W[0] = list(&octW, 1);
    b[0] = list(&octb, 1);
    W[1] = list(&luaW, 1);
    b[1] = list(&luab, 1);
    octave[0] = lua[0] = text("iter");
    octave[1] = lua[1] = numbers(it, 1, 3);
    octave[2] = lua[2] = text("W");
    octave[4] = lua[4] = text("b");
    octave[3] = W[0];
    octave[5] = b[0];
    lua[3] = W[1];
    lua[5] = b[1];
    rec_o = list(octave, 6);
    rec_l = list(lua, 6);
    il_anim_opts_default(&o);
    snprintf(other, sizeof other, "%s.2", path);
    CHECK_OK(il_anim_frames_read(&rec_o, IL_ANIM_WEIGHTS, &f));
    CHECK(f.frames == 3 && f.layers == 1 && f.sizes[0] == 2 && f.sizes[1] == 3);
    CHECK_OK(il_animate(path, IL_ANIM_WEIGHTS, &f, &o));
    il_anim_frames_free(&f);
    CHECK_OK(il_anim_frames_read(&rec_l, IL_ANIM_WEIGHTS, &f));
    CHECK_OK(il_animate(other, IL_ANIM_WEIGHTS, &f, &o));
    il_anim_frames_free(&f);
    a = slurp(path, &n1);
    c = slurp(other, &n2);
    CHECK(a && c && n1 == n2 && memcmp(a, c, n1) == 0);
    free(a);
    free(c);
    remove(other);
    CHECK_FAILS(il_anim_frames_read(&rec_o, IL_ANIM_HIST, &f), IL_EBADARG,
                "the record has no hist");
    il_anim_frames_free(&f);
    octW.cols = 5;
    CHECK_FAILS(il_anim_frames_read(&rec_o, IL_ANIM_WEIGHTS, &f), IL_EBADSIZE,
                "rec.W layer 1 must hold one matrix per recorded iteration (3)");
    il_anim_frames_free(&f);
}

/* A trained record's histograms: one frame per entry, bars that change. */
static void test_hist(void)
{
    size_t n[] = {2, 5, 1};
    il_act acts[] = {il_act_make(IL_TANH), il_act_make(IL_SIGMOID)};
    double X[2 * 40], Y[40];
    il_dataset_opts d;
    il_train_opts t;
    il_record_opts ro;
    il_record *rec = NULL;
    il_net *net = NULL;
    il_anim_opts o;
    il_anim_kind k;
    gif g;
    il_dataset_opts_default(&d, IL_DATA_XOR);
    CHECK_OK(il_dataset(IL_DATA_XOR, 40, &d, 1, X, Y));
    CHECK_OK(il_net_new(&net, 2, n, acts, IL_LOSS_BCE));
    CHECK_OK(il_net_init_default(net, 1));
    il_train_opts_default(&t);
    t.iters = 60;
    t.lr = 1;
    il_record_opts_default(&ro);
    ro.every = 20; /* 0, 20, 40, 60 */
    CHECK_OK(il_train(net, X, Y, 40, &t, &ro, &rec, NULL));
    il_anim_opts_default(&o);
    CHECK_FAILS(il_animate_record(path, IL_ANIM_WEIGHTS, rec, &o), IL_EBADARG,
                "no weights");
    CHECK_OK(il_animate_record(path, IL_ANIM_HIST, rec, &o));
    CHECK(read_gif(path, &g));
    CHECK(g.frames == 4 && g.px[0] && g.px[3] &&
          memcmp(g.px[0], g.px[3], g.w * g.h) != 0);
    free_gif(&g);
    CHECK_OK(il_anim_from_name("hist", &k));
    CHECK(k == IL_ANIM_HIST && strcmp(il_anim_name(IL_ANIM_WEIGHTS), "weights") == 0);
    CHECK_FAILS(il_anim_from_name("heat", &k), IL_EBADNAME,
                "unknown animation 'heat'; expected one of: weights, hist");
    il_record_free(rec);
    il_net_free(net);
}

int main(void)
{
    /* a name of this process's own (ASLR), for builds tested at once */
    snprintf(path, sizeof path, "%s/test_gif_%lx_%lx.gif",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
             (unsigned long)time(NULL), (unsigned long)(size_t)&path);
    RUN(test_writer);
    RUN(test_weights);
    RUN(test_host_layouts);
    RUN(test_hist);
    remove(path);
    return check_finish(__FILE__);
}

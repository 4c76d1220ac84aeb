/*
 * animate.c - recorded iterations as an animated GIF: each frame drawn
 * here, in palette indices, and handed to gif.c.
 *
 * Everything that does not change between frames (borders, labels, the
 * colour bar) is drawn once into a base frame that each frame starts from,
 * and every scale (colour range, bar heights) is fixed over the whole
 * animation before the first frame, so that what changes on screen is
 * what changed in training.  Octave and Lua hand the same numbers to this
 * one renderer, so both write the same bytes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Palette: fixed colours, then LEVELS + 1 steps of il_palette_rgb from -1
 * to 1 (t = 0, white, in the middle). */
enum { WHITE, BLACK, GREY, LIGHT, FIRST_LEVEL };
#define HALF 100                       /* steps on each side of 0 */
#define LEVELS (2 * HALF)
#define COLORS (FIRST_LEVEL + LEVELS + 1)

#define ZOOM 2                         /* font pixels per glyph dot */
#define CHAR_W (6 * ZOOM)
#define CHAR_H (7 * ZOOM)
#define LINE (CHAR_H + 4)
#define MARGIN 10
#define GAP 16                         /* between panels */
#define BAR_W 14                       /* the colour bar */
#define TARGET 400                     /* the width scale 0 aims at */
#define HIST_H 120                     /* a histogram panel's height */

static const il_name anim_names[] = {
    {"weights", IL_ANIM_WEIGHTS},
    {"hist", IL_ANIM_HIST},
};

il_status il_anim_from_name(const char *name, il_anim_kind *kind)
{
    int v = 0;
    il_status st = il_lookup("animation", name, anim_names,
                             sizeof anim_names / sizeof anim_names[0], &v);
    if (kind)
        *kind = (il_anim_kind)v;
    return st;
}

const char *il_anim_name(il_anim_kind kind)
{
    return il_name_of(anim_names, sizeof anim_names / sizeof anim_names[0],
                      (int)kind);
}

void il_anim_opts_default(il_anim_opts *o)
{
    memset(o, 0, sizeof *o);
    o->delay_ms = 100;
    o->loop = 1;
}

/* ---- drawing --------------------------------------------------------------- */

/* A 5 x 7 font of the characters labels use; each row's 5 bits, the
 * leftmost highest.  Anything else is drawn as a space. */
static const struct {
    char c;
    unsigned char rows[7];
} glyphs[] = {
    {'0', {0x0e, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0e}},
    {'1', {0x04, 0x0c, 0x04, 0x04, 0x04, 0x04, 0x0e}},
    {'2', {0x0e, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1f}},
    {'3', {0x1f, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0e}},
    {'4', {0x02, 0x06, 0x0a, 0x12, 0x1f, 0x02, 0x02}},
    {'5', {0x1f, 0x10, 0x1e, 0x01, 0x01, 0x11, 0x0e}},
    {'6', {0x06, 0x08, 0x10, 0x1e, 0x11, 0x11, 0x0e}},
    {'7', {0x1f, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08}},
    {'8', {0x0e, 0x11, 0x11, 0x0e, 0x11, 0x11, 0x0e}},
    {'9', {0x0e, 0x11, 0x11, 0x0f, 0x01, 0x02, 0x0c}},
    {'.', {0x00, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x0c}},
    {'-', {0x00, 0x00, 0x00, 0x1f, 0x00, 0x00, 0x00}},
    {'+', {0x00, 0x04, 0x04, 0x1f, 0x04, 0x04, 0x00}},
    {'=', {0x00, 0x00, 0x1f, 0x00, 0x1f, 0x00, 0x00}},
    {'a', {0x00, 0x00, 0x0e, 0x01, 0x0f, 0x11, 0x0f}},
    {'b', {0x10, 0x10, 0x16, 0x19, 0x11, 0x11, 0x1e}},
    {'e', {0x00, 0x00, 0x0e, 0x11, 0x1f, 0x10, 0x0e}},
    {'i', {0x04, 0x00, 0x0c, 0x04, 0x04, 0x04, 0x0e}},
    {'l', {0x0c, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0e}},
    {'m', {0x00, 0x00, 0x1a, 0x15, 0x15, 0x11, 0x11}},
    {'n', {0x00, 0x00, 0x16, 0x19, 0x11, 0x11, 0x11}},
    {'r', {0x00, 0x00, 0x16, 0x19, 0x10, 0x10, 0x10}},
    {'t', {0x08, 0x08, 0x1c, 0x08, 0x08, 0x09, 0x06}},
    {'x', {0x00, 0x00, 0x11, 0x0a, 0x04, 0x0a, 0x11}},
    {'y', {0x00, 0x00, 0x11, 0x11, 0x0f, 0x01, 0x0e}},
    {'W', {0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0a}},
};

typedef struct {
    unsigned char *px;
    size_t w, h;
} canvas;

static void rect(canvas *c, size_t x, size_t y, size_t w, size_t h,
                 unsigned char color)
{
    size_t i;
    if (x >= c->w || y >= c->h)
        return;
    w = w < c->w - x ? w : c->w - x;
    h = h < c->h - y ? h : c->h - y;
    for (i = 0; i < h; i++)
        memset(c->px + (y + i) * c->w + x, color, w);
}

/* A one-pixel frame just outside the w x h block at (x, y). */
static void border(canvas *c, size_t x, size_t y, size_t w, size_t h)
{
    rect(c, x - 1, y - 1, w + 2, 1, GREY);
    rect(c, x - 1, y + h, w + 2, 1, GREY);
    rect(c, x - 1, y, 1, h, GREY);
    rect(c, x + w, y, 1, h, GREY);
}

static size_t text_width(const char *s)
{
    return strlen(s) * CHAR_W;
}

static void text(canvas *c, size_t x, size_t y, const char *s)
{
    size_t g, row, col;
    for (; *s; s++, x += CHAR_W) {
        for (g = 0; g < sizeof glyphs / sizeof glyphs[0] && glyphs[g].c != *s; g++)
            ;
        for (row = 0; g < sizeof glyphs / sizeof glyphs[0] && row < 7; row++)
            for (col = 0; col < 5; col++)
                if (glyphs[g].rows[row] >> (4 - col) & 1)
                    rect(c, x + col * ZOOM, y + row * ZOOM, ZOOM, ZOOM, BLACK);
    }
}

/* A value's colour: its step of the palette, light grey for NaN. */
static unsigned char level(double v, double r)
{
    double t = v / r;
    if (isnan(t))
        return LIGHT;
    t = t < -1 ? -1 : t > 1 ? 1 : t;
    return (unsigned char)(FIRST_LEVEL + HALF + lround(t * HALF));
}

static void make_palette(unsigned char pal[COLORS * 3])
{
    static const unsigned char fixed[FIRST_LEVEL][3] = {
        {255, 255, 255}, {0, 0, 0}, {128, 128, 128}, {220, 220, 220}};
    size_t i;
    memcpy(pal, fixed, sizeof fixed);
    for (i = 0; i <= LEVELS; i++)
        il_palette_rgb(((double)i - HALF) / HALF, pal + 3 * (FIRST_LEVEL + i));
}

/* ---- the layout, fixed for the whole animation ------------------------------ */

typedef struct {
    size_t l;            /* the layer */
    size_t x, y;         /* the top left of its cells or bars */
    size_t rows, cols;   /* weights: n(l) x n(l-1); hist: 1 x bins */
    size_t bx;           /* weights: b's column */
    double range;        /* weights: r; hist: the largest count */
} panel;

typedef struct {
    il_anim_kind kind;
    const il_anim_frames *f;
    size_t first, last;  /* the layers shown */
    size_t s;            /* pixels per cell or bin */
    size_t bar_x;        /* weights: the colour bar's left edge */
    panel *panels;
    canvas base, frame;
} scene;

static void number(char *buf, size_t size, double x)
{
    snprintf(buf, size, "%.3g", x);
}

static double largest_abs(const double *x, size_t n, double m)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (fabs(x[i]) > m) /* NaN never is */
            m = fabs(x[i]);
    return m;
}

/* Each shown layer's colour range (weights) or bar scale (hist), over
 * every frame. */
static void ranges(scene *sc)
{
    const il_anim_frames *f = sc->f;
    size_t l, r, k, n, R = f->frames, bins = f->bins;
    double all = 0, m;
    for (l = sc->first; l <= sc->last; l++) {
        panel *p = &sc->panels[l - sc->first];
        m = 0;
        for (r = 0; r < R; r++) {
            if (sc->kind == IL_ANIM_WEIGHTS) {
                n = f->sizes[l];
                m = largest_abs(f->W[(l - 1) * R + r], n * f->sizes[l - 1], m);
                m = largest_abs(f->b[(l - 1) * R + r], n, m);
            } else {
                for (k = 0; k < bins; k++)
                    m = largest_abs(&f->hist[(l - 1) + f->layers * (k + bins * r)],
                                    1, m);
            }
        }
        p->range = m;
        all = m > all ? m : all;
    }
    for (l = 0; l <= sc->last - sc->first; l++)
        sc->panels[l].range = sc->kind == IL_ANIM_WEIGHTS
            ? il_color_range(sc->panels[l].range, all)
            : (sc->panels[l].range > 0 ? sc->panels[l].range : 1);
}

/* Where each panel goes and how big the frame is; sizes are checked here,
 * before anything the size of a frame is allocated. */
static il_status lay_out(scene *sc, const il_anim_opts *o, size_t *w, size_t *h)
{
    const il_anim_frames *f = sc->f;
    size_t shown = sc->last - sc->first + 1, i, l, cells = 0, tall = 1;
    double x = MARGIN, width, height, top = MARGIN + CHAR_H + 10, s, lines;
    char buf[64], num[32];
    for (l = sc->first; l <= sc->last; l++) {
        size_t rows = sc->kind == IL_ANIM_WEIGHTS ? f->sizes[l] : 1;
        size_t cols = sc->kind == IL_ANIM_WEIGHTS ? f->sizes[l - 1] + 1 : f->bins;
        cells += cols;
        tall = rows > tall ? rows : tall;
    }
    s = (double)o->scale;
    if (s == 0) {
        s = floor(TARGET / (double)cells);
        if (sc->kind == IL_ANIM_WEIGHTS && s > floor(TARGET / (double)tall))
            s = floor(TARGET / (double)tall);
        s = s < 1 ? 1 : s > 24 ? 24 : s;
        if (sc->kind == IL_ANIM_HIST && s < 3)
            s = 3; /* bars apart */
    }
    sc->s = (size_t)s;
    lines = sc->kind == IL_ANIM_WEIGHTS ? (shown > 1 ? 2 : 1) : 3;
    height = 0;
    for (i = 0; i < shown; i++) {
        panel *p = &sc->panels[i];
        double pw, ph, label;
        p->l = l = sc->first + i;
        p->rows = sc->kind == IL_ANIM_WEIGHTS ? f->sizes[l] : 1;
        p->cols = sc->kind == IL_ANIM_WEIGHTS ? f->sizes[l - 1] : f->bins;
        /* b sits half a cell to the right of W */
        pw = sc->kind == IL_ANIM_WEIGHTS
                 ? ((double)p->cols + 1) * s + (s < 4 ? 2 : floor(s / 2))
                 : (double)p->cols * s;
        ph = sc->kind == IL_ANIM_WEIGHTS ? (double)p->rows * s : HIST_H;
        /* the widest label line below the panel */
        number(num, sizeof num, p->range);
        snprintf(buf, sizeof buf, "%s %s", sc->kind == IL_ANIM_WEIGHTS ? "r" : "max",
                 shown > 1 || sc->kind == IL_ANIM_HIST ? num : "");
        label = (double)text_width(buf);
        snprintf(buf, sizeof buf, "layer %zu", l);
        label = label > (double)text_width(buf) ? label : (double)text_width(buf);
        p->x = x + 1 < 65536 ? (size_t)x + 1 : 0;
        p->y = (size_t)top;
        p->bx = (size_t)(x + 1 + pw - s);
        x += (pw + 2 > label ? pw + 2 : label) + GAP;
        height = ph > height ? ph : height;
    }
    if (sc->kind == IL_ANIM_WEIGHTS) {
        height = height < 60 ? 60 : height;
        sc->bar_x = x < 65536 ? (size_t)x : 0;
        number(num, sizeof num, -sc->panels[0].range);
        x += BAR_W + 4 + (double)text_width(shown > 1 ? "+r" : num) + GAP;
    }
    width = x - GAP + MARGIN;
    height += top + 6 + lines * LINE + MARGIN;
    if (width > 65535 || height > 65535)
        return il_fail(IL_ETOOBIG, "the frames would be %.0fx%.0f pixels, more "
                       "than a GIF's 65535 each way; give a smaller scale or "
                       "one layer", width, height);
    *w = (size_t)width;
    *h = (size_t)height;
    if (width * height * 2 > (double)il_cap_of(o->max_bytes))
        return il_too_big("an animation frame", width * height * 2 / 1e6,
                          il_cap_of(o->max_bytes),
                          "give a smaller scale or one layer");
    return IL_OK;
}

/* The base frame: borders, labels, the colour bar. */
static void draw_base(scene *sc)
{
    canvas *c = &sc->base;
    size_t i, y, shown = sc->last - sc->first + 1, s = sc->s, bar_h = 0;
    char buf[64], num[32];
    memset(c->px, WHITE, c->w * c->h);
    for (i = 0; i < shown; i++) {
        panel *p = &sc->panels[i];
        size_t w = p->cols * s, h = sc->kind == IL_ANIM_WEIGHTS ? p->rows * s
                                                                : HIST_H;
        size_t below = p->y + h + 6;
        bar_h = h > bar_h ? h : bar_h;
        if (sc->kind == IL_ANIM_WEIGHTS) {
            border(c, p->x, p->y, w, h);
            border(c, p->bx, p->y, s, h);
            snprintf(buf, sizeof buf, "layer %zu", p->l);
            text(c, p->x, below, buf);
            if (shown > 1) {
                number(num, sizeof num, p->range);
                snprintf(buf, sizeof buf, "r %s", num);
                text(c, p->x, below + LINE, buf);
            }
        } else {
            rect(c, p->x, p->y + h, w, 1, GREY); /* the baseline */
            number(num, sizeof num, sc->f->lo);
            text(c, p->x, below, num);
            number(num, sizeof num, sc->f->hi);
            text(c, p->x + w > text_width(num) ? p->x + w - text_width(num) : 0,
                 below, num);
            number(num, sizeof num, p->range);
            snprintf(buf, sizeof buf, "layer %zu", p->l);
            text(c, p->x, below + LINE, buf);
            snprintf(buf, sizeof buf, "max %s", num);
            text(c, p->x, below + 2 * LINE, buf);
        }
    }
    if (sc->kind != IL_ANIM_WEIGHTS)
        return;
    /* the colour bar, +r at the top: the numbers when one panel shows,
     * else each panel's r below it */
    {
        const panel *p = &sc->panels[0];
        size_t x = sc->bar_x, top = p->y;
        bar_h = bar_h < 60 ? 60 : bar_h;
        for (y = 0; y < bar_h; y++)
            rect(c, x, top + y, BAR_W, 1,
                 level(1 - 2 * (double)y / (double)(bar_h - 1), 1));
        border(c, x, top, BAR_W, bar_h);
        if (shown == 1) {
            number(num, sizeof num, p->range);
            text(c, x + BAR_W + 4, top, num);
            number(num, sizeof num, -p->range);
            text(c, x + BAR_W + 4, top + bar_h - CHAR_H, num);
        } else {
            text(c, x + BAR_W + 4, top, "+r");
            text(c, x + BAR_W + 4, top + bar_h - CHAR_H, "-r");
        }
        text(c, x + BAR_W + 4, top + (bar_h - CHAR_H) / 2, "0");
    }
}

static void draw_frame(scene *sc, size_t r)
{
    const il_anim_frames *f = sc->f;
    canvas *c = &sc->frame;
    size_t i, a, j, shown = sc->last - sc->first + 1, s = sc->s, R = f->frames;
    char buf[48];
    memcpy(c->px, sc->base.px, c->w * c->h);
    snprintf(buf, sizeof buf, "iter %.0f", f->iters[r]);
    text(c, MARGIN, MARGIN, buf);
    for (i = 0; i < shown; i++) {
        panel *p = &sc->panels[i];
        if (sc->kind == IL_ANIM_WEIGHTS) {
            const double *W = f->W[(p->l - 1) * R + r];
            const double *b = f->b[(p->l - 1) * R + r];
            for (a = 0; a < p->rows; a++) {
                for (j = 0; j < p->cols; j++)
                    rect(c, p->x + j * s, p->y + a * s, s, s,
                         level(W[a + p->rows * j], p->range));
                rect(c, p->bx, p->y + a * s, s, s, level(b[a], p->range));
            }
        } else {
            for (j = 0; j < p->cols; j++) {
                double v = f->hist[(p->l - 1) + f->layers * (j + f->bins * r)];
                double h = isfinite(v) && v > 0 ? v / p->range * HIST_H : 0;
                size_t px = (size_t)lround(h > HIST_H ? HIST_H : h);
                rect(c, p->x + j * s, p->y + HIST_H - px, s > 2 ? s - 1 : s, px,
                     FIRST_LEVEL + HALF / 4); /* a blue of the palette */
            }
        }
    }
}

/* ---- the calls ------------------------------------------------------------------ */

static il_status check_frames(il_anim_kind kind, const il_anim_frames *f,
                              const il_anim_opts *o)
{
    size_t l;
    if (!f || !o || (kind == IL_ANIM_WEIGHTS && (!f->sizes || !f->W || !f->b)) ||
        (kind == IL_ANIM_HIST && !f->hist) || !f->iters)
        return il_fail(IL_EBADARG, "the frames, their iterations and the "
                       "options must not be NULL");
    if ((unsigned)kind >= IL_ANIM_COUNT)
        return il_fail(IL_EBADNAME, "unknown animation kind %d", (int)kind);
    if (f->frames < 1 || f->layers < 1)
        return il_fail(IL_EBADSIZE, "an animation needs at least one recorded "
                       "iteration and one layer, got %zu and %zu", f->frames,
                       f->layers);
    if (o->layer > f->layers)
        return il_fail(IL_EBADINDEX, "layer %zu is out of range 1..%zu",
                       o->layer, f->layers);
    if (!(o->delay_ms >= 0 && o->delay_ms < 655350))
        return il_fail(IL_EBADVALUE, "delay must be in [0, 655350) ms, got %g",
                       o->delay_ms);
    if (kind == IL_ANIM_HIST &&
        (f->bins < 1 || !(isfinite(f->lo) && isfinite(f->hi) && f->lo < f->hi)))
        return il_fail(IL_EBADSIZE, "a histogram needs at least one bin and "
                       "a finite range lo < hi");
    for (l = 0; kind == IL_ANIM_WEIGHTS && l <= f->layers; l++)
        if (f->sizes[l] < 1)
            return il_fail(IL_EBADSIZE, "layer sizes must be >= 1, n%zu is 0", l);
    return IL_OK;
}

il_status il_animate(const char *path, il_anim_kind kind,
                     const il_anim_frames *f, const il_anim_opts *o)
{
    unsigned char pal[COLORS * 3];
    scene sc;
    il_gif *gif = NULL;
    il_status st;
    size_t w = 0, h = 0, r;
    if (!path)
        return il_fail(IL_EBADARG, "the file name must not be NULL");
    if ((st = check_frames(kind, f, o)) != IL_OK)
        return st;
    memset(&sc, 0, sizeof sc);
    sc.kind = kind;
    sc.f = f;
    sc.first = o->layer ? o->layer : 1;
    sc.last = o->layer ? o->layer : f->layers;
    if (!(sc.panels = calloc(sc.last - sc.first + 1, sizeof *sc.panels)))
        return il_fail(IL_ENOMEM, "out of memory for an animation");
    ranges(&sc);
    if ((st = lay_out(&sc, o, &w, &h)) == IL_OK) {
        sc.base.w = sc.frame.w = w;
        sc.base.h = sc.frame.h = h;
        sc.base.px = malloc(w * h);
        sc.frame.px = malloc(w * h);
        if (!sc.base.px || !sc.frame.px)
            st = il_fail(IL_ENOMEM, "out of memory for %zux%zu frames", w, h);
    }
    if (st == IL_OK) {
        draw_base(&sc);
        make_palette(pal);
        st = il_gif_open(&gif, path, w, h, pal, COLORS, o->loop);
    }
    for (r = 0; st == IL_OK && r < f->frames; r++) {
        draw_frame(&sc, r);
        st = il_gif_frame(gif, sc.frame.px, o->delay_ms);
    }
    if (st == IL_OK)
        st = il_gif_close(gif);
    else
        il_gif_discard(gif);
    free(sc.panels);
    free(sc.base.px);
    free(sc.frame.px);
    return st;
}

/* ---- a record as a host hands it back ---------------------------------------- */

static il_status no_field(const char *field, const char *part)
{
    return il_fail(IL_EBADARG, "the record has no %s: train with 'record' "
                   "including '%s'", field, part);
}

/* A field left empty is one the record was not asked to keep. */
static const il_value *field_of(const il_hostrec *h, const char *name)
{
    const il_value *v = il_hostrec_field(h, name);
    return v && (v->kind == IL_VAL_NONE ||
                 (v->kind == IL_VAL_NUMBERS && v->rows * v->cols == 0))
               ? NULL : v;
}

/* Fields a and b, which an animation needs together. */
static il_status both_of(const il_hostrec *h, const char *a, const char *b,
                         const char *part, const il_value **x,
                         const il_value **y)
{
    *x = field_of(h, a);
    *y = field_of(h, b);
    return *x && *y ? IL_OK : no_field(*x ? b : a, part);
}

/* The frames point into the record as hostrec.c read it, which the frames
 * own and free. */
il_status il_anim_frames_read(const il_value *rec, il_anim_kind kind,
                              il_anim_frames *f)
{
    const il_value *iter, *x, *y;
    il_hostrec *h;
    il_status st;
    if (!rec || !f)
        return il_fail(IL_EBADARG, "the record and frames must not be NULL");
    memset(f, 0, sizeof *f);
    if (!(h = calloc(1, sizeof *h)))
        return il_fail(IL_ENOMEM, "out of memory for the frames");
    f->owned = h;
    if ((st = il_hostrec_open(h, rec, "rec")) != IL_OK)
        return st;
    if (!(iter = field_of(h, "iter")))
        return no_field("iter", "loss");
    if ((st = il_hostrec_iter(h, iter)) != IL_OK)
        return st;
    f->frames = h->R;
    f->iters = h->iter;
    if (kind == IL_ANIM_WEIGHTS) {
        if ((st = both_of(h, "W", "b", "weights", &x, &y)) != IL_OK ||
            (st = il_hostrec_weights(h, x, y)) != IL_OK)
            return st;
        f->sizes = h->sizes;
        f->W = h->W;
        f->b = h->b;
    } else if (kind == IL_ANIM_HIST) {
        if ((st = both_of(h, "hist", "hist_edges", "hist", &x, &y)) != IL_OK ||
            (st = il_hostrec_hist(h, x, y)) != IL_OK)
            return st;
        f->hist = h->hist;
        f->bins = h->bins;
        f->lo = h->edges[0];
        f->hi = h->edges[h->bins];
    } else {
        return il_fail(IL_EBADNAME, "unknown animation");
    }
    f->layers = h->L;
    return IL_OK;
}

void il_anim_frames_free(il_anim_frames *f)
{
    if (!f || !f->owned)
        return;
    il_hostrec_free(f->owned);
    free(f->owned);
    f->owned = NULL;
}

il_status il_animate_record(const char *path, il_anim_kind kind,
                            const il_record *rec, const il_anim_opts *o)
{
    il_anim_frames f;
    const double **W = NULL, **b = NULL;
    double *iters = NULL;
    size_t l, r, R, L, *sizes = NULL;
    il_status st;
    if (!rec)
        return il_fail(IL_EBADARG, "the record must not be NULL");
    memset(&f, 0, sizeof f);
    R = il_record_count(rec);
    L = il_record_layers(rec);
    f.frames = R;
    f.layers = L;
    if (kind == IL_ANIM_WEIGHTS && (L < 1 || !il_record_W(rec, 1)))
        return il_fail(IL_EBADARG, "the record has no weights: record them "
                       "with record 'weights'");
    if (kind == IL_ANIM_HIST &&
        !(f.hist = il_record_hist(rec, &f.bins, &f.lo, &f.hi)))
        return il_fail(IL_EBADARG, "the record has no histograms: record them "
                       "with record 'hist'");
    /* a record's entries already fit in memory: so do pointers to them */
    iters = malloc((R ? R : 1) * sizeof *iters);
    sizes = malloc((L + 1) * sizeof *sizes);
    W = malloc((L * R + 1) * sizeof *W);
    b = malloc((L * R + 1) * sizeof *b);
    if (!iters || !sizes || !W || !b) {
        st = il_fail(IL_ENOMEM, "out of memory for an animation");
    } else {
        for (r = 0; r < R; r++)
            iters[r] = (double)il_record_iters(rec)[r];
        for (l = 0; l <= L; l++)
            sizes[l] = il_record_size(rec, l);
        for (l = 1; kind == IL_ANIM_WEIGHTS && l <= L; l++)
            for (r = 0; r < R; r++) {
                W[(l - 1) * R + r] = il_record_W(rec, l) + sizes[l] * sizes[l - 1] * r;
                b[(l - 1) * R + r] = il_record_b(rec, l) + sizes[l] * r;
            }
        f.iters = iters;
        f.sizes = sizes;
        f.W = W;
        f.b = b;
        st = il_animate(path, kind, &f, o);
    }
    free(iters);
    free(sizes);
    free(W);
    free(b);
    return st;
}

/*
 * options_md.c - prints the README's option and record reference from the
 * engine's own tables, so the README cannot say what the engine does not
 * do.  `make docs` writes it into README.md between its markers; the docs
 * suite fails when the two differ.
 */
#include <stdio.h>
#include <string.h>

#include "initlab.h"

/* How each call is reached from the two front ends. */
static const char *const call_titles[IL_CALL_COUNT] = {
    "`il_net(sizes, act, ...)` / `il.net{n0, ..., nL, ...}`",
    "`il_init(net, init, ...)` / `net:init(init, {...})`",
    "`il_train(net, X, Y, ...)` / `net:train(X, Y, {...})`",
    "`il_stats(net, X, Y, ...)` / `net:stats(X, Y, {...})`",
    "`il_dataset(name, n, ...)` / `il.dataset(name, {...})`",
    "`il_gain(nonlinearity, param)` / `il.gain(nonlinearity, param)`",
    "`il_accuracy(net, X, Y, ...)` / `net:evaluate(X, Y, {...})`",
    [IL_CALL_COST] = "`il_cost(net, X, Y, ...)`, `il_gradients` / "
                     "`net:cost(X, Y, {...})`, `net:gradients`",
    [IL_CALL_THEORY] = "`il_theory(act, ...)` / `il.theory(act, {...})`",
    [IL_CALL_JACOBIAN] = "`il_jacobian(net, X, ...)` / `il.jacobian(net, X, {...})`",
    [IL_CALL_RAND] = "`il_rand(stream, seed)` / `il.rand(stream, seed)`",
    [IL_CALL_DRAW] = "`il_rand(g, distribution, size..., ...)` / "
                     "`g:draw(distribution, size..., {...})`, `g:normal(...)`, ...",
    [IL_CALL_REPORT] = "`il_report(recs, file, ...)` / `il.report(recs, file, {...})`",
    [IL_CALL_ANIMATE] = "`il_animate(rec, kind, file, ...)` / "
                        "`il.animate(rec, kind, file, {...})`",
};

static const char *shape_text(il_shape shape)
{
    switch (shape) {
    case IL_SHAPE_ROW: return "1 x R";
    case IL_SHAPE_LAYERS: return "L x R";
    case IL_SHAPE_LAYER_ITEMS: return "L x k x R";
    case IL_SHAPE_EDGES: return "1 x (bins+1)";
    case IL_SHAPE_PER_LAYER: return "per layer";
    case IL_SHAPE_SCALAR: return "number";
    case IL_SHAPE_STRING: return "string";
    }
    return "?";
}

int main(void)
{
    size_t c, i;
    char takes[700];
    printf("Generated from the engine's tables (`make docs`); names match "
           "ignoring case, in Octave and Lua alike.\n");
    for (c = 0; c < IL_CALL_COUNT; c++) {
        printf("\n#### %s\n\n", call_titles[c]);
        printf("| option | takes | default | meaning |\n|---|---|---|---|\n");
        for (i = 0; i < il_option_count((il_call)c); i++) {
            const il_option_info *r = il_option_at((il_call)c, i);
            il_option_describe(r, takes, sizeof takes);
            printf("| `%s`%s%s%s | %s | %s | %s |\n", r->name,
                   r->alias ? " (`" : "", r->alias ? r->alias : "",
                   r->alias ? "`)" : "", takes, r->default_text, r->doc);
        }
    }
    printf("\n#### What a record holds\n\n"
           "Octave: arrays of these dimensions (per layer: a 1 x L cell); "
           "Lua: lists indexed `[layer][record][item]`.\n\n"
           "| field | shape | meaning |\n|---|---|---|\n");
    for (i = 0; i < il_record_field_count(); i++) {
        const il_field_info *f = il_record_field_at(i);
        printf("| `%s` | %s | %s |\n", f->name, shape_text(f->shape), f->doc);
    }
    printf("\n#### `il_plot(recs, what, ...)` / `il.plot(recs, what, {...})`: "
           "what it draws\n\n"
           "Several records: overlaid, a line per record (and layer), or as "
           "multiples, a panel per record with shared axes and colours.  "
           "Axes: `linear` padded by %g of the span each side (a constant c: "
           "c +- 10%%); `log` when every value is > 0 and max/min >= %g, "
           "else linear; `integer` [floor(min) - 0.5, ceil(max) + 0.5].  "
           "Lines of fewer than %d recorded iterations are marked at each.  "
           "Weight colours run blue < 0 (white) < red over [-r, r], "
           "r = max(max|W| of the panel, %g x the largest |weight| in the "
           "figure, %g), so that round-off shows white; each panel's title "
           "gives its max|W|.  Files: .png, .svg, .pdf or .eps by the "
           "name's extension.\n\n"
           "| kind | draws | axis | several records | meaning |\n"
           "|---|---|---|---|---|\n",
           IL_AXIS_PAD, IL_AXIS_DECADES, IL_PLOT_MARKERS_BELOW,
           IL_COLOR_RELATIVE, IL_COLOR_ABSOLUTE);
    for (i = 0; i < il_plot_count(); i++) {
        const il_plot_info *k = il_plot_at(i);
        printf("| `%s` | %s%s%s%s%s%s%s | %s | %s | %s |\n", k->name,
               k->field[0] ? "`" : "X, Y", k->field, k->field[0] ? "`" : "",
               k->field2[0] ? ", `" : "", k->field2, k->field2[0] ? "`" : "",
               k->per_layer ? " per layer" : "", il_axis_name(k->axis),
               il_layout_name(k->layout), k->doc);
    }
    return 0;
}

/*
 * test_contract.c - the option tables and record fields of src/contract.c.
 *
 * The per-option tests are generated from the tables themselves: every row
 * of every call is set with values of each host kind, at and past its
 * bounds, under its own name, its alias, in another case and misspelled,
 * so a row added later is tested without a line written here.
 */
#include <float.h>
#include <stdlib.h>

#include "check.h"
#include "initlab.h"
#include "values.h"

/* Sets one option on a fresh set of the call and returns the status. */
static il_status set_one(il_call call, const char *name, const il_value *v)
{
    il_options *o = NULL;
    il_status s = il_options_new(call, &o);
    if (s == IL_OK)
        s = il_options_set(o, name, v);
    il_options_free(o);
    return s;
}

/* Reports one generated expectation, naming the call, option and value. */
static void expect(il_call call, const il_option_info *r, const char *value,
                   il_status got, il_status want)
{
    if (got != want) {
        printf("#   %s option '%s' = %s: got %s (%s), want %s\n",
               il_call_name(call), r->name, value, il_status_id(got),
               il_last_error(), il_status_id(want));
        check_current_failed = 1;
    } else if (got != IL_OK && !strstr(il_last_error(), r->name) &&
               want != IL_EBADNAME) {
        printf("#   %s option '%s' = %s: message '%s' does not name it\n",
               il_call_name(call), r->name, value, il_last_error());
        check_current_failed = 1;
    }
}

/* The first name a NAME kind lists (a valid value by construction). */
static void first_name(const char *kind, char *out, size_t size)
{
    const char *names = il_names_of(kind);
    size_t n = strcspn(names, ",");
    if (n >= size)
        n = size - 1;
    memcpy(out, names, n);
    out[n] = '\0';
}

/* A value inside the row's range. */
static double inside(const il_option_info *r)
{
    double lo = r->min > -DBL_MAX ? r->min : -1, hi = r->max < DBL_MAX ? r->max : lo + 2;
    double x = r->type == IL_TYPE_NUMBER ? (lo + (hi - lo) / 4) : lo;
    if (r->type != IL_TYPE_NUMBER && r->min_open)
        x = lo + 1;
    return r->type == IL_TYPE_NUMBER ? x : (x < 1 && r->min <= 1 ? 1 : x);
}

static void test_every_option_by_type(void)
{
    static const double nan_ = NAN, inf = INFINITY, half = 2.5, one = 1,
                        zero = 0, two = 2, big = 18446744073709551616.0,
                        exact = 9007199254740992.0, after_exact = 9007199254740994.0;
    il_call c;
    size_t i, tried = 0;
    for (c = 0; c < IL_CALL_COUNT; c++) {
        for (i = 0; i < il_option_count(c); i++) {
            const il_option_info *r = il_option_at(c, i);
            double ok_value = inside(r), below = r->min - 1, above = r->max * 2 + 1;
            il_value v = number(&ok_value), s = text("x"), fn, items[2], l;
            char name[64];
            memset(&fn, 0, sizeof fn);
            fn.kind = IL_VAL_FUNCTION;
            CHECK(r->doc && r->doc[0] && r->default_text && r->default_text[0]);
            switch (r->type) {
            case IL_TYPE_NUMBER:
            case IL_TYPE_COUNT:
                expect(c, r, "inside", set_one(c, r->name, &v), IL_OK);
                v = number(&nan_);
                /* NaN is refused unless it is the documented default (an
                 * activation's parameter: its own) */
                if (strncmp(r->default_text, "NaN", 3) != 0)
                    expect(c, r, "NaN", set_one(c, r->name, &v), IL_EBADVALUE);
                else
                    expect(c, r, "NaN (its default)", set_one(c, r->name, &v), IL_OK);
                v = number(&inf);
                expect(c, r, "Inf", set_one(c, r->name, &v), IL_EBADVALUE);
                v = logical(&one);
                expect(c, r, "a logical", set_one(c, r->name, &v), IL_EBADARG);
                expect(c, r, "a string", set_one(c, r->name, &s), IL_EBADARG);
                expect(c, r, "a function", set_one(c, r->name, &fn), IL_EBADARG);
                items[0] = number(&ok_value);
                l = list(items, 1);
                expect(c, r, "a list", set_one(c, r->name, &l), IL_EBADARG);
                {
                    double pair[2] = {ok_value, ok_value};
                    v = numbers(pair, 1, 2);
                    expect(c, r, "a 1x2 vector", set_one(c, r->name, &v), IL_EBADARG);
                    v = numbers(pair, 0, 0);
                    expect(c, r, "empty", set_one(c, r->name, &v), IL_EBADARG);
                }
                if (r->min > -DBL_MAX) {
                    v = number(&r->min);
                    expect(c, r, "min", set_one(c, r->name, &v),
                           r->min_open ? IL_EBADVALUE : IL_OK);
                    v = number(&below);
                    expect(c, r, "min - 1", set_one(c, r->name, &v), IL_EBADVALUE);
                }
                if (r->max < DBL_MAX) {
                    v = number(&r->max);
                    expect(c, r, "max", set_one(c, r->name, &v),
                           r->max_open ? IL_EBADVALUE : IL_OK);
                    v = number(&above);
                    expect(c, r, "2 max + 1", set_one(c, r->name, &v), IL_EBADVALUE);
                }
                if (r->type == IL_TYPE_COUNT) {
                    v = number(&half);
                    expect(c, r, "2.5", set_one(c, r->name, &v), IL_EBADVALUE);
                    v = number(&after_exact);
                    expect(c, r, "2^53 + 2", set_one(c, r->name, &v), IL_EBADVALUE);
                }
                break;
            case IL_TYPE_SEED:
                v = number(&exact);
                expect(c, r, "2^53", set_one(c, r->name, &v), IL_OK);
                v = number(&big);
                expect(c, r, "2^64", set_one(c, r->name, &v), IL_EBADVALUE);
                v = number(&half);
                expect(c, r, "2.5", set_one(c, r->name, &v), IL_EBADVALUE);
                below = -1;
                v = number(&below);
                expect(c, r, "-1", set_one(c, r->name, &v), IL_EBADVALUE);
                v = number(&nan_);
                expect(c, r, "NaN", set_one(c, r->name, &v), IL_EBADVALUE);
                expect(c, r, "a string", set_one(c, r->name, &s), IL_EBADARG);
                break;
            case IL_TYPE_BOOL:
                v = logical(&one);
                expect(c, r, "true", set_one(c, r->name, &v), IL_OK);
                v = number(&zero);
                expect(c, r, "0", set_one(c, r->name, &v), IL_OK);
                v = number(&two);
                expect(c, r, "2", set_one(c, r->name, &v), IL_EBADARG);
                expect(c, r, "a string", set_one(c, r->name, &s), IL_EBADARG);
                break;
            case IL_TYPE_NAME:
            case IL_TYPE_NAMES:
            case IL_TYPE_NAMES_OR_NUMBER:
                first_name(r->names, name, sizeof name);
                s = text(name);
                expect(c, r, name, set_one(c, r->name, &s), IL_OK);
                s = text("no_such_name");
                expect(c, r, "no_such_name", set_one(c, r->name, &s), IL_EBADNAME);
                if (r->type != IL_TYPE_NAMES_OR_NUMBER) {
                    v = number(&one);
                    expect(c, r, "a number", set_one(c, r->name, &v), IL_EBADARG);
                }
                items[0] = text(name);
                items[1] = number(&one);
                l = list(items, 2);
                expect(c, r, "{name, 1}", set_one(c, r->name, &l),
                       r->type == IL_TYPE_NAME ? IL_EBADARG : IL_EBADARG);
                l = list(items, 1);
                expect(c, r, "{name}", set_one(c, r->name, &l),
                       r->type == IL_TYPE_NAME ? IL_EBADARG : IL_OK);
                l = list(items, 0);
                expect(c, r, "{}", set_one(c, r->name, &l),
                       r->type == IL_TYPE_NAME ? IL_EBADARG : IL_EBADSIZE);
                break;
            case IL_TYPE_VECTOR:
                {
                    double pair[2] = {ok_value, ok_value + (r->max_len == 2)};
                    v = numbers(pair, 1, 2);
                    expect(c, r, "a 1x2 vector", set_one(c, r->name, &v), IL_OK);
                    v = numbers(pair, 2, 1);
                    expect(c, r, "a 2x1 vector", set_one(c, r->name, &v), IL_OK);
                    items[0] = number(&pair[0]);
                    items[1] = number(&pair[1]);
                    l = list(items, 2);
                    expect(c, r, "a list of 2", set_one(c, r->name, &l), IL_OK);
                    items[1] = s;
                    expect(c, r, "{x, 'x'}", set_one(c, r->name, &l), IL_EBADARG);
                    pair[1] = inf;
                    v = numbers(pair, 1, 2);
                    expect(c, r, "[x Inf]", set_one(c, r->name, &v), IL_EBADVALUE);
                    expect(c, r, "a string", set_one(c, r->name, &s), IL_EBADARG);
                    {
                        double square[4] = {ok_value, ok_value, ok_value, ok_value};
                        v = numbers(square, 2, 2);
                        expect(c, r, "a 2x2 matrix", set_one(c, r->name, &v),
                               IL_EBADARG);
                    }
                }
                break;
            case IL_TYPE_MATRIX:
            case IL_TYPE_MATRICES:
                {
                    double m[6] = {1, 2, 3, 4, 5, 6};
                    v = numbers(m, 2, 3);
                    expect(c, r, "a 2x3 matrix", set_one(c, r->name, &v), IL_OK);
                    expect(c, r, "a string", set_one(c, r->name, &s), IL_EBADARG);
                    v = other("a struct");
                    expect(c, r, "a struct", set_one(c, r->name, &v), IL_EBADARG);
                    items[0] = numbers(m, 2, 3);
                    l = list(items, 1);
                    expect(c, r, "{matrix}", set_one(c, r->name, &l),
                           r->type == IL_TYPE_MATRICES ? IL_OK : IL_EBADARG);
                }
                break;
            case IL_TYPE_FUNCTION:
                expect(c, r, "a function", set_one(c, r->name, &fn), IL_OK);
                v = number(&one);
                expect(c, r, "a number", set_one(c, r->name, &v), IL_EBADARG);
                break;
            }
            tried++;
        }
    }
    CHECK(tried > 60);
}

/* Every row answers to its name in any case and to its alias; a misspelled
 * name is IL_EBADOPTION, and the message lists every option of the call. */
static void test_names_and_misspellings(void)
{
    il_call c;
    size_t i, j;
    for (c = 0; c < IL_CALL_COUNT; c++) {
        for (i = 0; i < il_option_count(c); i++) {
            const il_option_info *r = il_option_at(c, i);
            il_value v;
            char upper[64], wrong[70];
            il_status s;
            memset(&v, 0, sizeof v);
            v.kind = IL_VAL_OTHER; /* the name decides before the value */
            v.host_type = "a probe";
            for (j = 0; r->name[j] && j < sizeof upper - 1; j++)
                upper[j] = (char)(r->name[j] >= 'a' && r->name[j] <= 'z'
                                      ? r->name[j] - 32 : r->name[j]);
            upper[j] = '\0';
            s = set_one(c, upper, &v);
            CHECK(s != IL_EBADOPTION);
            if (r->alias)
                CHECK(set_one(c, r->alias, &v) != IL_EBADOPTION);
            snprintf(wrong, sizeof wrong, "%sz", r->name);
            s = set_one(c, wrong, &v);
            CHECK(s == IL_EBADOPTION);
            CHECK(strstr(il_last_error(), wrong) != NULL);
            for (j = 0; j < il_option_count(c); j++)
                CHECK(strstr(il_last_error(), il_option_at(c, j)->name) != NULL);
        }
    }
}

/* What the tables say as text holds as numbers: each NUMBER or COUNT
 * default that is a plain number lies in the row's range, and
 * il_options_number gives it back before the option is set. */
static void test_defaults_in_range(void)
{
    il_call c;
    size_t i;
    for (c = 0; c < IL_CALL_COUNT; c++) {
        il_options *o = NULL;
        CHECK_OK(il_options_new(c, &o));
        for (i = 0; i < il_option_count(c); i++) {
            const il_option_info *r = il_option_at(c, i);
            char *end;
            double d = strtod(r->default_text, &end);
            if ((r->type != IL_TYPE_NUMBER && r->type != IL_TYPE_COUNT) ||
                end == r->default_text || isnan(d))
                continue;
            CHECK(il_options_given(o, r->name) == 0);
            CHECK_NEAR(il_options_number(o, r->name), d, 0);
            if (!(d >= r->min && d <= r->max) || (r->min_open && d == r->min)) {
                printf("#   %s '%s': default %g outside its range\n",
                       il_call_name(c), r->name, d);
                check_current_failed = 1;
            }
        }
        il_options_free(o);
    }
}

/* il_options_net gives what il_net_new and il_net_init_default give. */
static void test_net_from_options(void)
{
    double sizes[4] = {2, 10, 5, 1}, seed = 7, params[3] = {0.2, NAN, NAN};
    il_value items[3] = {text("leaky_relu"), text("relu"), text("sigmoid")};
    il_value v;
    il_options *o = NULL;
    il_net *a = NULL, *b = NULL;
    size_t n[4] = {2, 10, 5, 1}, l, i;
    il_act acts[3];
    CHECK_OK(il_options_new(IL_CALL_NET, &o));
    v = numbers(sizes, 1, 4);
    CHECK_OK(il_options_set(o, "sizes", &v));
    v = list(items, 3);
    CHECK_OK(il_options_set(o, "Act", &v));
    v = numbers(params, 3, 1);
    CHECK_OK(il_options_set(o, "act_param", &v));
    v = number(&seed);
    CHECK_OK(il_options_set(o, "seed", &v));
    CHECK_OK(il_options_net(o, &a));
    acts[0] = il_act_make(IL_LEAKY_RELU);
    acts[0].param = 0.2;
    acts[1] = il_act_make(IL_RELU);
    acts[2] = il_act_make(IL_SIGMOID);
    CHECK_OK(il_net_new(&b, 3, n, acts, IL_LOSS_BCE));
    CHECK_OK(il_net_init_default(b, 7));
    CHECK(a && b && il_net_loss(a) == IL_LOSS_BCE);
    for (l = 1; a && b && l <= 3; l++) {
        CHECK(il_net_act(a, l).kind == acts[l - 1].kind);
        CHECK(il_net_act(a, l).param == acts[l - 1].param);
        for (i = 0; i < n[l] * n[l - 1]; i++)
            CHECK(il_net_cW(a, l)[i] == il_net_cW(b, l)[i]);
    }
    il_net_free(a);
    il_net_free(b);
    /* two names for three layers, act_param of the wrong length */
    v = list(items, 2);
    CHECK_OK(il_options_set(o, "act", &v));
    CHECK_FAILS(il_options_net(o, &a), IL_EBADSIZE, "act must be one name or 3");
    v = text("tanh");
    CHECK_OK(il_options_set(o, "act", &v));
    v = numbers(params, 1, 2);
    CHECK_OK(il_options_set(o, "act_param", &v));
    CHECK_FAILS(il_options_net(o, &a), IL_EBADSIZE, "act_param must have 3");
    il_options_free(o);
    CHECK_OK(il_options_new(IL_CALL_NET, &o));
    CHECK_FAILS(il_options_net(o, &a), IL_EBADARG, "sizes is required");
    il_options_free(o);
}

/* il_options_init gives the weights il_net_init gives for the same spec. */
static void test_init_from_options(void)
{
    double sizes[3] = {3, 6, 2}, seed = 3, g = 1.5, c = 0.25;
    il_value v, names[2] = {text("orthogonal"), text("xavier_normal")};
    il_options *no = NULL, *o = NULL;
    il_net *a = NULL, *b = NULL;
    il_init_opts io;
    il_init_spec w[2], bias;
    size_t l, i;
    CHECK_OK(il_options_new(IL_CALL_NET, &no));
    v = numbers(sizes, 1, 3);
    CHECK_OK(il_options_set(no, "sizes", &v));
    v = text("tanh");
    CHECK_OK(il_options_set(no, "act", &v));
    CHECK_OK(il_options_net(no, &a));
    CHECK_OK(il_net_copy(a, &b));
    CHECK_OK(il_options_new(IL_CALL_INIT, &o));
    v = list(names, 2);
    CHECK_OK(il_options_set(o, "name", &v)); /* the alias of init */
    v = number(&seed);
    CHECK_OK(il_options_set(o, "seed", &v));
    v = number(&g);
    CHECK_OK(il_options_set(o, "GAIN", &v));
    v = number(&c);
    CHECK_OK(il_options_set(o, "bias", &v));
    CHECK_OK(il_options_init(o, a, &io));
    CHECK(io.n_specs == 2);
    CHECK_OK(il_net_init(a, &io));
    il_init_spec_default(&w[0], IL_INIT_ORTHOGONAL);
    il_init_spec_default(&w[1], IL_INIT_XAVIER_NORMAL);
    w[0].gain = w[1].gain = 1.5;
    il_init_spec_default(&bias, IL_INIT_CONSTANT);
    bias.value = 0.25;
    {
        il_init_spec biases[2] = {bias, bias};
        il_init_opts_default(&io);
        io.weights = w;
        io.biases = biases;
        io.n_specs = 2;
        io.seed = 3;
        CHECK_OK(il_net_init(b, &io));
    }
    for (l = 1; l <= 2; l++) {
        for (i = 0; i < il_net_size(a, l) * il_net_size(a, l - 1); i++)
            CHECK(il_net_cW(a, l)[i] == il_net_cW(b, l)[i]);
        for (i = 0; i < il_net_size(a, l); i++)
            CHECK(il_net_cb(a, l)[i] == 0.25);
    }
    /* three initializers for two layers */
    {
        il_value three[3] = {text("he"), text("he"), text("he")};
        v = list(three, 3);
        CHECK_OK(il_options_set(o, "init", &v));
        CHECK_FAILS(il_options_init(o, a, &io), IL_EBADSIZE, "one per layer");
    }
    /* X with the wrong number of rows */
    {
        double X[4] = {1, 2, 3, 4};
        v = text("lsuv");
        CHECK_OK(il_options_set(o, "init", &v));
        v = numbers(X, 2, 2);
        CHECK_OK(il_options_set(o, "x", &v));
        CHECK_FAILS(il_options_init(o, a, &io), IL_EBADSIZE, "X must have 3 rows");
    }
    il_options_free(o);
    il_options_free(no);
    il_net_free(a);
    il_net_free(b);
}

static il_net *small_net(void)
{
    size_t n[3] = {2, 4, 1};
    il_act acts[2];
    il_net *net = NULL;
    acts[0] = il_act_make(IL_TANH);
    acts[1] = il_act_make(IL_SIGMOID);
    if (il_net_new(&net, 2, n, acts, IL_LOSS_BCE) != IL_OK)
        return NULL;
    il_net_init_default(net, 1);
    return net;
}

/* Train options land in their fields; one rule for percentiles (sorted)
 * and the recording default (all but weights). */
static void test_train_from_options(void)
{
    il_net *net = small_net();
    il_options *o = NULL;
    il_train_opts t;
    il_record_opts r;
    double epochs = 4, lr = 0.5, pct[3] = {95, 5, 50}, range[2] = {1, -1};
    il_value v, opt = text("adam");
    CHECK_OK(il_options_new(IL_CALL_TRAIN, &o));
    CHECK_OK(il_options_train(o, net, &t, &r));
    CHECK(t.iters == 1000 && t.opt == IL_OPT_SGD);
    CHECK(r.what == (IL_REC_ALL & ~IL_REC_WEIGHTS));
    v = number(&epochs);
    CHECK_OK(il_options_set(o, "epochs", &v));
    v = number(&lr);
    CHECK_OK(il_options_set(o, "lr", &v));
    CHECK_OK(il_options_set(o, "optimizer", &opt));
    v = numbers(pct, 1, 3);
    CHECK_OK(il_options_set(o, "percentiles", &v));
    CHECK_OK(il_options_train(o, net, &t, &r));
    CHECK(t.iters == 0 && t.epochs == 4 && t.lr == 0.5 && t.opt == IL_OPT_ADAM);
    CHECK(r.n_percentiles == 3 && r.percentiles[0] == 5 &&
          r.percentiles[1] == 50 && r.percentiles[2] == 95);
    v = numbers(range, 1, 2);
    CHECK_OK(il_options_set(o, "hist_range", &v));
    CHECK_FAILS(il_options_train(o, net, &t, &r), IL_EBADVALUE, "lo < hi");
    il_options_free(o);
    il_net_free(net);
}

/* A record walked through the field table: every field present when all
 * is recorded, with the dimensions its shape says. */
static void test_record_fields(void)
{
    il_net *net = small_net();
    il_options *o = NULL;
    il_train_opts t;
    il_record_opts r;
    il_record *rec = NULL;
    il_train_info info;
    double X[2 * 8], Y[8], every = 5, iters = 20;
    il_value v = text("all");
    size_t i, j, dims[3];
    for (j = 0; j < 8; j++) {
        X[2 * j] = (double)j / 8 - 0.5;
        X[2 * j + 1] = (double)(j % 3) - 1;
        Y[j] = j % 2;
    }
    CHECK_OK(il_options_new(IL_CALL_TRAIN, &o));
    CHECK_OK(il_options_set(o, "record", &v));
    v = number(&every);
    CHECK_OK(il_options_set(o, "record_every", &v));
    v = number(&iters);
    CHECK_OK(il_options_set(o, "iters", &v));
    {   /* a validation set: its fields are present too */
        il_value held[2];
        held[0] = numbers(X, 2, 3);
        held[1] = numbers(Y, 1, 3);
        v = list(held, 2);
        CHECK_OK(il_options_set(o, "validation", &v));
    }
    CHECK_OK(il_options_train(o, net, &t, &r));
    CHECK_OK(il_train(net, X, Y, 8, &t, &r, &rec, &info));
    for (i = 0; rec && i < il_record_field_count(); i++) {
        const il_field_info *f = il_record_field_at(i);
        int present;
        double num;
        const char *txt;
        if (f->shape == IL_SHAPE_SCALAR || f->shape == IL_SHAPE_STRING) {
            CHECK_OK(il_train_field(&info, i, &num, &txt));
            CHECK(f->shape == IL_SHAPE_STRING ? txt != NULL : !isnan(num));
            continue;
        }
        CHECK_OK(il_record_field(rec, i, 1, dims, NULL, &present));
        CHECK(present);
        switch (f->shape) {
        case IL_SHAPE_ROW: CHECK(dims[0] == 1 && dims[1] == 5); break;
        case IL_SHAPE_LAYERS: CHECK(dims[0] == 2 && dims[1] == 5); break;
        case IL_SHAPE_LAYER_ITEMS:
            CHECK(dims[0] == 2 && dims[1] >= 5 && dims[2] == 5);
            break;
        case IL_SHAPE_EDGES: CHECK(dims[0] == 1 && dims[1] == 51); break;
        case IL_SHAPE_PER_LAYER:
            CHECK(dims[0] == 4 && dims[1] == (f->name[0] == 'W' ? 2u : 1u) &&
                  dims[2] == 5);
            break;
        default: break;
        }
    }
    /* iter copied out as the iterations recorded */
    {
        double out[5];
        int present;
        CHECK_OK(il_record_field(rec, 0, 0, dims, out, &present));
        CHECK(out[0] == 0 && out[1] == 5 && out[4] == 20);
    }
    CHECK(strcmp(il_stat_name(IL_STAT_SATURATION), "saturation") == 0);
    CHECK(strcmp(il_stat_name(IL_STAT_DISTINCT), "distinct") == 0);
    il_record_free(rec);
    il_options_free(o);
    il_net_free(net);
}

/* The dataset finisher: numpy's seed range, the default n. */
static void test_dataset_from_options(void)
{
    il_options *o = NULL;
    il_dataset_kind kind;
    il_dataset_opts d;
    size_t n;
    uint64_t seed;
    double big = 4294967296.0;
    il_value v = text("moons"), rng = text("numpy");
    CHECK_OK(il_options_new(IL_CALL_DATASET, &o));
    CHECK_OK(il_options_set(o, "name", &v));
    CHECK_OK(il_options_dataset(o, &kind, &n, &d, &seed));
    CHECK(kind == IL_DATA_MOONS && n == 100 && seed == 0);
    CHECK_OK(il_options_set(o, "rng", &rng));
    v = number(&big);
    CHECK_OK(il_options_set(o, "seed", &v));
    CHECK_FAILS(il_options_dataset(o, &kind, &n, &d, &seed), IL_EBADVALUE,
                "4294967295");
    il_options_free(o);
}

/* One progress rule for both front ends: a progress function replaces the
 * printed line unless verbose is given; progress_every 0 calls nothing. */
static void test_progress_rule(void)
{
    static const double yes = 1, no = 0, every = 7, never = 0;
    il_options *o = NULL;
    il_value fn, v;
    int print;
    long n;
    memset(&fn, 0, sizeof fn);
    fn.kind = IL_VAL_FUNCTION;
    CHECK_OK(il_options_new(IL_CALL_TRAIN, &o));
    il_options_progress(o, &print, &n);
    CHECK(print == 1 && n == 1000);
    v = number(&every);
    CHECK_OK(il_options_set(o, "progress_every", &v));
    CHECK_OK(il_options_set(o, "progress", &fn));
    il_options_progress(o, &print, &n);
    CHECK(print == 0 && n == 7);
    v = logical(&yes);
    CHECK_OK(il_options_set(o, "verbose", &v));
    il_options_progress(o, &print, &n);
    CHECK(print == 1 && n == 7);
    il_options_free(o);
    CHECK_OK(il_options_new(IL_CALL_TRAIN, &o));
    v = logical(&no);
    CHECK_OK(il_options_set(o, "verbose", &v));
    il_options_progress(o, &print, &n);
    CHECK(print == 0 && n == 0);
    v = number(&never);
    CHECK_OK(il_options_set(o, "progress_every", &v));
    CHECK_OK(il_options_set(o, "progress", &fn));
    il_options_progress(o, &print, &n);
    CHECK(print == 0 && n == 0);
    il_options_free(o);
}

/* One spelling of every type for both front ends' introspection. */
static void test_type_names(void)
{
    int t;
    for (t = IL_TYPE_NUMBER; t <= IL_TYPE_FUNCTION; t++)
        CHECK(strcmp(il_type_name((il_type)t), "?") != 0);
    CHECK(strcmp(il_type_name(IL_TYPE_NAMES_OR_NUMBER), "names_or_number") == 0);
    CHECK(strcmp(il_type_name((il_type)99), "?") == 0);
}

int main(void)
{
    RUN(test_every_option_by_type);
    RUN(test_names_and_misspellings);
    RUN(test_defaults_in_range);
    RUN(test_net_from_options);
    RUN(test_init_from_options);
    RUN(test_train_from_options);
    RUN(test_record_fields);
    RUN(test_dataset_from_options);
    RUN(test_progress_rule);
    RUN(test_type_names);
    return check_finish("tests/c/test_contract.c");
}

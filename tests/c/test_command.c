/*
 * test_command.c - src/command.c, driven as a front end drives it: values
 * in, storage bound, results read back, and every way a host can get the
 * order or the arguments wrong.
 */
#include <stdlib.h>

#include "check.h"
#include "initlab.h"
#include "values.h"

static il_value net_value(il_net *net)
{
    il_value v;
    memset(&v, 0, sizeof v);
    v.kind = IL_VAL_NET;
    v.net = net;
    return v;
}

/* A [2 3 1] tanh/sigmoid network through the "net" command. */
static il_net *small_net(void)
{
    static const double sizes[] = {2, 3, 1};
    il_value acts[2], v;
    il_command *c = NULL;
    il_net *net = NULL;
    int given = -1;
    acts[0] = text("tanh");
    acts[1] = text("sigmoid");
    CHECK_OK(il_command_new("net", &c));
    v = numbers(sizes, 1, 3);
    CHECK_OK(il_command_arg(c, &v));
    memset(&v, 0, sizeof v);
    v.kind = IL_VAL_LIST;
    v.items = acts;
    v.n_items = 2;
    CHECK_OK(il_command_arg(c, &v));
    CHECK_OK(il_command_prepare(c, 1));
    CHECK(il_command_results(c) == 1);
    CHECK(il_command_result_kind(c, 0) == IL_RES_NET);
    CHECK_OK(il_command_run(c, NULL));
    CHECK(il_command_net(c, &given) != NULL && given == 0);
    net = il_command_take_net(c);
    CHECK(il_command_take_net(c) == NULL); /* handed over once */
    il_command_free(c);
    return net;
}

static void test_forward_matches_the_engine(void)
{
    static const double X[] = {0.5, -1, 2, 0.25};
    il_net *net = small_net();
    il_command *c = NULL;
    il_value v;
    double out[2], want[2], Z1[6], A1[6], Z2[2], A2[2];
    size_t rows, cols;
    CHECK_OK(il_command_new("forward", &c));
    v = net_value(net);
    CHECK_OK(il_command_arg(c, &v));
    v = numbers(X, 2, 2);
    CHECK_OK(il_command_arg(c, &v));
    CHECK_OK(il_command_prepare(c, 3));
    CHECK(il_command_results(c) == 3);
    CHECK(strcmp(il_command_result_name(c, 1), "Z") == 0);
    CHECK(il_command_result_kind(c, 2) == IL_RES_MATRICES);
    CHECK(il_command_items(c, 1) == 2);
    il_command_dims(c, 1, 0, &rows, &cols);
    CHECK(rows == 3 && cols == 2);
    il_command_dims(c, 0, 0, &rows, &cols);
    CHECK(rows == 1 && cols == 2);
    il_command_bind(c, 0, 0, out);
    il_command_bind(c, 1, 0, Z1);
    il_command_bind(c, 1, 1, Z2);
    il_command_bind(c, 2, 0, A1);
    /* an unbound result is refused, not written through NULL */
    CHECK_FAILS(il_command_run(c, NULL), IL_EBADARG, "has no storage");
    il_command_bind(c, 2, 1, A2);
    CHECK_OK(il_command_run(c, NULL));
    CHECK_OK(il_forward(net, X, 2, want, NULL, NULL));
    CHECK(memcmp(out, want, sizeof out) == 0);
    CHECK(memcmp(A2, want, sizeof A2) == 0);
    il_command_free(c);
    il_net_free(net);
}

static void test_arguments_are_checked(void)
{
    static const double X[] = {1, 2, 3};
    il_net *net = small_net();
    il_command *c = NULL;
    il_value v;
    CHECK_FAILS(il_command_new("fwd", &c), IL_EBADARG, "unknown command 'fwd'");
    CHECK(c == NULL);
    CHECK_OK(il_command_new("forward", &c));
    CHECK(il_command_positional(c) == (size_t)-1); /* no options at all */
    CHECK_FAILS(il_command_prepare(c, 1), IL_EBADARG, "forward takes net, X");
    v = text("net");
    CHECK_FAILS(il_command_arg(c, &v), IL_EBADARG,
                "net must be a network struct from il_net");
    il_command_free(c);

    CHECK_OK(il_command_new("evaluate", &c));
    v = net_value(net);
    CHECK_OK(il_command_arg(c, &v));
    v = numbers(X, 3, 1);
    CHECK_FAILS(il_command_arg(c, &v), IL_EBADSIZE, "X must have 2 rows");
    il_command_free(c);

    CHECK_OK(il_command_new("train", &c));
    CHECK(il_command_positional(c) == 3);
    v = net_value(net);
    CHECK_OK(il_command_arg(c, &v));
    v = numbers(X, 2, 1);
    CHECK_OK(il_command_arg(c, &v));
    v = numbers(X, 1, 2);
    CHECK_FAILS(il_command_arg(c, &v), IL_EBADSIZE, "same number of columns");
    v = numbers(X, 1, 1);
    CHECK_OK(il_command_option(c, "iters", &v));
    CHECK_FAILS(il_command_option(c, "itres", &v), IL_EBADOPTION,
                "unknown option 'itres'");
    il_command_free(c);

    CHECK_OK(il_command_new("forward", &c));
    CHECK_FAILS(il_command_option(c, "lr", &v), IL_EBADOPTION,
                "forward takes no options");
    il_command_free(c);
    il_net_free(net);
}

/* A network given as a host record of fields (Octave's struct). */
static void test_network_from_fields(void)
{
    static const double sizes[] = {2, 1}, W[] = {0.5, -2}, b[] = {0.25};
    static const double X[] = {1, 3};
    il_value fields[6], Wl, bl, v;
    il_command *c = NULL;
    const il_net *net;
    double out;
    int given = 0;
    size_t i;
    memset(fields, 0, sizeof fields);
    CHECK(il_net_field_count() == 6);
    CHECK(strcmp(il_net_field_name(4), "W") == 0);
    CHECK(il_net_field_name(6) == NULL);
    fields[0] = numbers(sizes, 1, 2);
    fields[1] = text("linear");
    for (i = 2; i < 6; i++)
        fields[i].kind = IL_VAL_NONE;
    Wl = numbers(W, 1, 2);
    bl = numbers(b, 1, 1);
    fields[4].kind = fields[5].kind = IL_VAL_LIST;
    fields[4].items = &Wl;
    fields[5].items = &bl;
    fields[4].n_items = fields[5].n_items = 1;
    memset(&v, 0, sizeof v);
    v.kind = IL_VAL_FIELDS;
    v.items = fields;
    v.n_items = 6;
    CHECK_OK(il_command_new("forward", &c));
    CHECK_OK(il_command_arg(c, &v));
    v = numbers(X, 2, 1);
    CHECK_OK(il_command_arg(c, &v));
    CHECK_OK(il_command_prepare(c, 1));
    il_command_bind(c, 0, 0, &out);
    CHECK_OK(il_command_run(c, NULL));
    CHECK(out == 0.5 * 1 - 2 * 3 + 0.25);
    net = il_command_net(c, &given);
    CHECK(net == NULL || given == 1);
    il_command_free(c);

    /* a field that does not fit says which */
    fields[1] = text("tanhh");
    memset(&v, 0, sizeof v);
    v.kind = IL_VAL_FIELDS;
    v.items = fields;
    v.n_items = 6;
    CHECK_OK(il_command_new("forward", &c));
    CHECK_FAILS(il_command_arg(c, &v), IL_EBADNAME, "net.");
    il_command_free(c);
    fields[1] = text("linear");
    Wl = numbers(W, 2, 1);
    CHECK_OK(il_command_new("forward", &c));
    CHECK_FAILS(il_command_arg(c, &v), IL_EBADSIZE, "layer 1 W must be 1x2");
    il_command_free(c);
}

typedef struct {
    int calls, printed;
    long last_iter;
    size_t layers;
} seen;

static int on_progress(void *ctx, const il_progress *p)
{
    seen *s = ctx;
    s->calls++;
    s->last_iter = p->iter;
    s->layers = p->saturation ? p->layers : 0;
    return p->iter >= 20; /* stop at 20 */
}

static void on_print(void *ctx, const char *line)
{
    seen *s = ctx;
    s->printed += strncmp(line, "iter ", 5) == 0;
}

static int never(void *ctx)
{
    (void)ctx;
    return 0;
}

/* A train command on net and XOR's four points. */
static il_command *xor_training(il_net *net)
{
    static const double X[] = {0, 0, 0, 1, 1, 0, 1, 1}, Y[] = {0, 1, 1, 0};
    il_command *c = NULL;
    il_value v;
    CHECK_OK(il_command_new("train", &c));
    v = net_value(net);
    CHECK_OK(il_command_arg(c, &v));
    v = numbers(X, 2, 4);
    CHECK_OK(il_command_arg(c, &v));
    v = numbers(Y, 1, 4);
    CHECK_OK(il_command_arg(c, &v));
    return c;
}

/* Training calls the host's progress function only when one was given as
 * an option, prints unless it replaces the line, and reports the stop. */
static void test_train_progress_and_record(void)
{
    static const double iters = 100, every = 10, twenty = 20, yes = 1;
    il_net *net = small_net();
    il_command *c = NULL;
    il_value v;
    seen s = {0, 0, 0, 0};
    il_host host = {&s, never, on_progress, on_print};
    const il_train_info *info = NULL;
    const il_record *rec;
    int given = 0;
    c = xor_training(net);
    v = numbers(&iters, 1, 1);
    CHECK_OK(il_command_option(c, "iters", &v));
    v = numbers(&every, 1, 1);
    CHECK_OK(il_command_option(c, "progress_every", &v));
    CHECK_OK(il_command_option(c, "record_every", &v));
    memset(&v, 0, sizeof v);
    v.kind = IL_VAL_FUNCTION;
    CHECK_OK(il_command_option(c, "progress", &v));
    CHECK_OK(il_command_prepare(c, 2));
    CHECK(il_command_result_kind(c, 1) == IL_RES_RECORD);
    CHECK_OK(il_command_run(c, &host));
    CHECK(s.calls == 3 && s.last_iter == 20);
    CHECK(s.layers == 2);  /* the latest saturation of each layer */
    CHECK(s.printed == 0); /* the function replaces the line */
    rec = il_command_record(c, &info);
    CHECK(rec != NULL && info != NULL);
    CHECK(info && info->stopped == IL_STOP_HOOK && info->iters_done == 20);
    CHECK(il_command_net(c, &given) == net && given == 1);
    il_command_free(c);

    /* without a record asked for, none is made; verbose prints */
    c = xor_training(net);
    v = numbers(&twenty, 1, 1);
    CHECK_OK(il_command_option(c, "iters", &v));
    v = numbers(&every, 1, 1);
    CHECK_OK(il_command_option(c, "progress_every", &v));
    v = numbers(&yes, 1, 1);
    v.is_logical = 1;
    CHECK_OK(il_command_option(c, "verbose", &v));
    CHECK_OK(il_command_prepare(c, 1));
    CHECK(il_command_results(c) == 1);
    s.calls = s.printed = 0;
    CHECK_OK(il_command_run(c, &host));
    CHECK(s.calls == 0 && s.printed == 2); /* iterations 0 and 10 of 20 */
    CHECK(il_command_record(c, &info) == NULL && info != NULL);
    il_command_free(c);
    il_net_free(net);
}

static void test_dataset_and_gain(void)
{
    static const double n = 7, classes = 3;
    il_command *c = NULL;
    il_value v;
    double X[14], Y[21], labels[7];
    size_t rows, cols, j;
    CHECK_OK(il_command_new("dataset", &c));
    v = text("spirals");
    CHECK_OK(il_command_arg(c, &v));
    v = numbers(&n, 1, 1);
    CHECK_OK(il_command_arg(c, &v));
    v = numbers(&classes, 1, 1);
    CHECK_OK(il_command_option(c, "classes", &v));
    CHECK_OK(il_command_prepare(c, 3));
    il_command_dims(c, 1, 0, &rows, &cols);
    CHECK(rows == 3 && cols == 7);
    il_command_bind(c, 0, 0, X);
    il_command_bind(c, 1, 0, Y);
    il_command_bind(c, 2, 0, labels);
    CHECK_OK(il_command_run(c, NULL));
    for (j = 0; j < 7; j++) /* labels count from 1; Y is their one-hot */
        CHECK(labels[j] >= 1 && labels[j] <= 3 &&
              Y[(size_t)labels[j] - 1 + 3 * j] == 1);
    il_command_free(c);

    CHECK_OK(il_command_new("gain", &c));
    v = text("tanh");
    CHECK_OK(il_command_arg(c, &v));
    memset(&v, 0, sizeof v);
    v.kind = IL_VAL_NONE; /* a positional option left out */
    CHECK_OK(il_command_arg(c, &v));
    CHECK_FAILS(il_command_arg(c, &v), IL_EBADARG, "gain takes");
    /* a command that refused an argument refuses to run */
    CHECK_FAILS(il_command_prepare(c, 2), IL_EBADARG, "was refused");
    il_command_free(c);
    CHECK_OK(il_command_new("gain", &c));
    v = text("tanh");
    CHECK_OK(il_command_arg(c, &v));
    CHECK_OK(il_command_prepare(c, 2));
    CHECK_OK(il_command_run(c, NULL));
    CHECK_NEAR(il_command_number(c, 0), 5.0 / 3, 1e-15);
    CHECK(il_command_result_kind(c, 1) == IL_RES_BOOL);
    CHECK(il_command_number(c, 1) == 0);
    il_command_free(c);
    il_command_free(NULL);
}

/* A network held as a handle: its layers read, written and copied. */
static void test_layers_and_copies(void)
{
    static const double two = 2, five = 5, half = 0.5;
    static const double W2[] = {1, 2, 3}, b2[] = {-1};
    il_net *net = small_net(), *copy;
    il_command *c = NULL;
    il_value v;
    double W[3], b[1];
    size_t rows, cols;
    CHECK_OK(il_command_new("set_layer", &c));
    v = net_value(net);
    CHECK_OK(il_command_arg(c, &v));
    v = numbers(&two, 1, 1);
    CHECK_OK(il_command_arg(c, &v));
    v = numbers(W2, 1, 3);
    CHECK_OK(il_command_arg(c, &v));
    v = numbers(b2, 1, 1);
    CHECK_OK(il_command_arg(c, &v));
    CHECK_OK(il_command_prepare(c, 1));
    CHECK_OK(il_command_run(c, NULL));
    il_command_free(c);
    CHECK(il_net_cW(net, 2)[2] == 3 && il_net_cb(net, 2)[0] == -1);

    CHECK_OK(il_command_new("copy", &c));
    v = net_value(net);
    CHECK_OK(il_command_arg(c, &v));
    CHECK_OK(il_command_prepare(c, 1));
    CHECK_OK(il_command_run(c, NULL));
    copy = il_command_take_net(c);
    il_command_free(c);
    CHECK(copy != NULL && copy != net);

    CHECK_OK(il_command_new("layer", &c));
    v = net_value(copy);
    CHECK_OK(il_command_arg(c, &v));
    v = numbers(&two, 1, 1);
    CHECK_OK(il_command_arg(c, &v));
    CHECK_OK(il_command_prepare(c, 2));
    il_command_dims(c, 0, 0, &rows, &cols);
    CHECK(rows == 1 && cols == 3);
    il_command_bind(c, 0, 0, W);
    il_command_bind(c, 1, 0, b);
    CHECK_OK(il_command_run(c, NULL));
    CHECK(memcmp(W, W2, sizeof W) == 0 && b[0] == -1);
    il_command_free(c);

    CHECK_OK(il_command_new("layer", &c));
    v = net_value(net);
    CHECK_OK(il_command_arg(c, &v));
    v = numbers(&five, 1, 1);
    CHECK_FAILS(il_command_arg(c, &v), IL_EBADINDEX, "layer 5 is out of range 1..2");
    il_command_free(c);
    CHECK_OK(il_command_new("layer", &c));
    v = net_value(net);
    CHECK_OK(il_command_arg(c, &v));
    v = numbers(&half, 1, 1);
    CHECK_FAILS(il_command_arg(c, &v), IL_EBADARG, "whole number in 1..2");
    il_command_free(c);
    CHECK(strcmp(il_status_id(IL_EBADINDEX), "initlab:badIndex") == 0);
    il_net_free(copy);
    il_net_free(net);
}

/* The FIELDS results: theory's numbers and texts, propagation's rows, the
 * same values as the engine's own functions. */
static void test_fields_results(void)
{
    static const double X[] = {0.5, -1, 2, 0.25, -0.75, 1.5};
    static const double Y[] = {1, 0, 1};
    il_command *c = NULL;
    il_value v;
    il_net *net = small_net();
    il_theory_point p;
    const char *str, *name;
    static const double w2 = 1.5, b2 = 0.05, depth = 4, one = 1;
    const double *data;
    size_t i, rows, cols, n;
    int matrix, seen = 0;
    CHECK_OK(il_command_new("theory", &c));
    v = text("tanh");
    CHECK_OK(il_command_arg(c, &v));
    v = number(&w2);
    CHECK_OK(il_command_option(c, "sigma_w2", &v));
    v = number(&b2);
    CHECK_OK(il_command_option(c, "sigma_b2", &v));
    v = number(&depth);
    CHECK_OK(il_command_option(c, "depth", &v));
    CHECK_OK(il_command_prepare(c, 1));
    CHECK(il_command_result_kind(c, 0) == IL_RES_FIELDS);
    CHECK(il_command_field_count(c) == 0); /* filled by run */
    CHECK_OK(il_command_run(c, NULL));
    CHECK_OK(il_theory(il_act_make(IL_TANH), 1.5, 0.05, &p));
    n = il_command_field_count(c);
    CHECK(n == 13);
    for (i = 0; i < n; i++) {
        name = il_command_field(c, i, &str, &data, &rows, &cols, &matrix);
        CHECK(name != NULL && (str != NULL) != (data != NULL));
        if (strcmp(name, "chi1") == 0)
            seen += data && rows == 1 && cols == 1 && !matrix && data[0] == p.chi1;
        if (strcmp(name, "phase") == 0)
            seen += str && strcmp(str, "ordered") == 0;
        if (strcmp(name, "q") == 0)
            seen += data && rows == 1 && cols == 5 && matrix && data[0] == 1.0;
    }
    CHECK(seen == 3);
    CHECK(il_command_field(c, n, &str, &data, &rows, &cols, &matrix) == NULL);
    CHECK(str == NULL && data == NULL && rows == 0);
    il_command_free(c);

    CHECK_OK(il_command_new("propagation", &c));
    v = net_value(net);
    CHECK_OK(il_command_arg(c, &v));
    v = numbers(X, 2, 3);
    CHECK_OK(il_command_arg(c, &v));
    v = numbers(Y, 1, 3);
    CHECK_OK(il_command_arg(c, &v));
    CHECK_OK(il_command_prepare(c, 1));
    CHECK_OK(il_command_run(c, NULL));
    name = il_command_field(c, 3, &str, &data, &rows, &cols, &matrix);
    CHECK(name && strcmp(name, "q_meas") == 0 && rows == 1 && cols == 2 && matrix);
    {
        double Z1[9], out[3], want = 0;
        double *Z[2] = {Z1, NULL};
        CHECK_OK(il_forward(net, X, 3, out, Z, NULL));
        for (i = 0; i < 9; i++)
            want += Z1[i] * Z1[i] / 9;
        CHECK_NEAR(data[0], want, 1e-15);
    }
    name = il_command_field(c, 8, &str, &data, &rows, &cols, &matrix);
    CHECK(name && strcmp(name, "table") == 0 && str && strstr(str, "tanh"));
    il_command_free(c);

    /* softmax has no theory: refused when it runs, with the engine's words */
    CHECK_OK(il_command_new("theory", &c));
    v = text("softmax");
    CHECK_OK(il_command_arg(c, &v));
    v = number(&one);
    CHECK_OK(il_command_option(c, "sigma_w2", &v));
    CHECK_OK(il_command_prepare(c, 1));
    CHECK_FAILS(il_command_run(c, NULL), IL_EBADVALUE, "softmax");
    il_command_free(c);
    il_net_free(net);
}

int main(void)
{
    RUN(test_forward_matches_the_engine);
    RUN(test_arguments_are_checked);
    RUN(test_network_from_fields);
    RUN(test_train_progress_and_record);
    RUN(test_dataset_and_gain);
    RUN(test_layers_and_copies);
    RUN(test_fields_results);
    return check_finish("tests/c/test_command.c");
}

/*
 * test_summary.c - il_net_summary, the text both front ends print for a
 * network, and the "summary" command that hands it to them.
 */
#include <stdlib.h>

#include "check.h"
#include "initlab.h"

static il_net *tanh_sigmoid(void)
{
    size_t sizes[] = {2, 3, 1};
    il_act acts[] = {il_act_make(IL_TANH), il_act_make(IL_SIGMOID)};
    il_net *net = NULL;
    CHECK_OK(il_net_new(&net, 2, sizes, acts, IL_LOSS_BCE));
    return net;
}

/* The whole text, malloc'd (NULL on failure). */
static char *summary(const il_net *net)
{
    size_t length = 0;
    char *text;
    CHECK_OK(il_net_summary(net, NULL, 0, &length));
    if (!(text = malloc(length + 1)))
        return NULL;
    CHECK_OK(il_net_summary(net, text, length + 1, &length));
    CHECK(strlen(text) == length);
    return text;
}

static void check_text(const il_net *net, const char *want)
{
    char *got = summary(net);
    CHECK(got && strcmp(got, want) == 0);
    if (got && strcmp(got, want) != 0)
        printf("#   got:\n%s\n#   want:\n%s\n", got, want);
    free(got);
}

static void test_zero_network(void)
{
    /* il_net_new leaves every parameter 0: one distinct unit per layer */
    il_net *net = tanh_sigmoid();
    check_text(net,
               "initlab net 2-3-1 (tanh, sigmoid; loss bce), 13 parameters\n"
               "layer  units  activation  params  W mean  W std  b mean  "
               "b std  distinct\n"
               "    1      3  tanh             9       0      0       0  "
               "    0         1\n"
               "    2      1  sigmoid          4       0      0       0  "
               "    0         1\n"
               "total                         13");
    il_net_free(net);
}

static void test_known_weights(void)
{
    /* W1 = [1 2; 3 4; 5 6]: mean 3.5, std sqrt(35/12); b1 = [1 2 3]: mean
     * 2, std sqrt(2/3); W2 = [1 -1 1]: mean 1/3, std sqrt(8/9) */
    static const double W1[] = {1, 3, 5, 2, 4, 6}, b1[] = {1, 2, 3};
    static const double W2[] = {1, -1, 1}, b2[] = {-0.5};
    il_net *net = tanh_sigmoid();
    CHECK_OK(il_net_set_layer(net, 1, W1, 3, 2, b1, 3));
    CHECK_OK(il_net_set_layer(net, 2, W2, 1, 3, b2, 1));
    check_text(net,
               "initlab net 2-3-1 (tanh, sigmoid; loss bce), 13 parameters\n"
               "layer  units  activation  params    W mean     W std  b mean"
               "     b std  distinct\n"
               "    1      3  tanh             9       3.5   1.70783       2"
               "  0.816497         3\n"
               "    2      1  sigmoid          4  0.333333  0.942809    -0.5"
               "         0         1\n"
               "total                         13");
    il_net_free(net);
}

static void test_counts_parameters_and_parameters_of_activations(void)
{
    size_t sizes[] = {4, 7, 5, 3}, want = 0, l;
    il_act acts[3];
    il_net *net = NULL;
    char *text, line[128];
    acts[0] = il_act_make(IL_LEAKY_RELU);
    acts[0].param = 0.2;
    acts[1] = il_act_make(IL_ELU);
    acts[2] = il_act_make(IL_SOFTMAX);
    CHECK_OK(il_net_new(&net, 3, sizes, acts, IL_LOSS_SCE));
    CHECK_OK(il_net_init_default(net, 5));
    for (l = 1; l <= 3; l++)
        want += sizes[l] * (sizes[l - 1] + 1);
    text = summary(net);
    snprintf(line, sizeof line, "initlab net 4-7-5-3 (leaky_relu(0.2), elu(1), "
             "softmax; loss sce), %zu parameters\n", want);
    CHECK(text && strncmp(text, line, strlen(line)) == 0);
    CHECK(text && strstr(text, "leaky_relu(0.2)      35"));
    CHECK(text && strstr(text, "elu(1)               40"));
    CHECK(text && strstr(text, "softmax              18"));
    CHECK(text && strstr(text, "\ntotal") &&
          strtoul(strstr(text, "\ntotal") + 6, NULL, 10) == want);
    free(text);
    il_net_free(net);
}

static void test_distinct_units_at_the_default_tolerance(void)
{
    /* rows 1 and 2 of [W b] agree to 1e-15 relative: one unit (tolerance
     * 1e-12); row 3 differs */
    static const double W1[] = {1, 1 + 1e-15, 3, 2, 2, 4}, b1[] = {0, 0, 0};
    static const double W2[] = {1, 1, 1}, b2[] = {0};
    il_net *net = tanh_sigmoid();
    char *text;
    CHECK_OK(il_net_set_layer(net, 1, W1, 3, 2, b1, 3));
    CHECK_OK(il_net_set_layer(net, 2, W2, 1, 3, b2, 1));
    text = summary(net);
    /* the last cell of layer 1's row */
    if (text && strstr(text, "\n    1 ")) {
        char *end = strchr(strstr(text, "\n    1 ") + 1, '\n');
        CHECK(end && end[-1] == '2' && end[-2] == ' ');
    } else {
        CHECK(!"no row for layer 1");
    }
    free(text);
    il_net_free(net);
}

static void test_non_finite_weights(void)
{
    /* what a diverged training leaves: spelled as Octave and Lua spell it */
    il_net *net = tanh_sigmoid();
    char *text;
    il_net_W(net, 1)[0] = INFINITY;
    il_net_b(net, 2)[0] = NAN;
    text = summary(net);
    CHECK(text && strstr(text, "\n    1      3  tanh             9     Inf    NaN"));
    CHECK(text && strstr(text, "  4       0      0     NaN    NaN         1\ntotal"));
    free(text);
    il_net_free(net);
}

static void test_small_buffers_truncate(void)
{
    il_net *net = tanh_sigmoid();
    char *full = summary(net), buf[512];
    size_t size, length, n = full ? strlen(full) : 0;
    for (size = 0; full && size <= n + 1; size++) {
        memset(buf, 'x', sizeof buf);
        length = 0;
        CHECK_OK(il_net_summary(net, size ? buf : NULL, size, &length));
        CHECK(length == n);                       /* the whole text's length */
        if (size) {                               /* a prefix, terminated */
            CHECK(strlen(buf) == (size - 1 < n ? size - 1 : n));
            CHECK(strncmp(buf, full, strlen(buf)) == 0);
        }
        CHECK(buf[size] == 'x');                  /* nothing past size */
    }
    CHECK_OK(il_net_summary(net, buf, sizeof buf, NULL)); /* length optional */
    CHECK(full && strcmp(buf, full) == 0);
    CHECK_FAILS(il_net_summary(NULL, buf, sizeof buf, &length), IL_EBADARG,
                "net must not be NULL");
    CHECK(length == 0);
    CHECK_FAILS(il_net_summary(net, NULL, 10, &length), IL_EBADARG, "buf");
    free(full);
    il_net_free(net);
}

/* The one-line form is the summary's first line, truncated alike. */
static void test_describe_is_the_first_line(void)
{
    il_net *net = tanh_sigmoid();
    char *full = summary(net), buf[512];
    size_t first = full ? strcspn(full, "\n") : 0, size, length;
    for (size = 0; full && size <= first + 1; size++) {
        memset(buf, 'x', sizeof buf);
        CHECK_OK(il_net_describe(net, size ? buf : NULL, size, &length));
        CHECK(length == first);
        if (size)
            CHECK(strlen(buf) == (size - 1 < first ? size - 1 : first) &&
                  strncmp(buf, full, strlen(buf)) == 0);
        CHECK(buf[size] == 'x');
    }
    CHECK_FAILS(il_net_describe(NULL, buf, sizeof buf, &length), IL_EBADARG,
                "net must not be NULL");
    free(full);
    il_net_free(net);
}

static void test_the_command(void)
{
    /* deep, with long activation names: a text longer than the page the
     * command writes it into first */
    size_t sizes[41], l;
    il_act acts[40];
    il_net *net = NULL;
    il_command *c = NULL;
    il_value v;
    char *want;
    for (l = 0; l <= 40; l++)
        sizes[l] = 3;
    for (l = 0; l < 40; l++) {
        acts[l] = il_act_make(IL_LEAKY_RELU);
        acts[l].param = 1.0 / 3;
    }
    CHECK_OK(il_net_new(&net, 40, sizes, acts, IL_LOSS_MSE));
    CHECK_OK(il_net_init_default(net, 1));
    want = summary(net);
    CHECK(want && strlen(want) > 4096);
    CHECK_OK(il_command_new("summary", &c));
    CHECK(strcmp(il_command_usage(c), "net") == 0);
    memset(&v, 0, sizeof v);
    v.kind = IL_VAL_NET;
    v.net = net;
    CHECK_OK(il_command_arg(c, &v));
    CHECK_OK(il_command_prepare(c, 0));
    CHECK(il_command_results(c) == 1);
    CHECK(il_command_result_kind(c, 0) == IL_RES_TEXT);
    CHECK(strcmp(il_command_result_name(c, 0), "text") == 0);
    CHECK(il_command_text(c, 0) == NULL); /* not run yet */
    CHECK_OK(il_command_run(c, NULL));
    CHECK(want && il_command_text(c, 0) &&
          strcmp(il_command_text(c, 0), want) == 0);
    CHECK(il_command_text(c, 1) == NULL);
    il_command_free(c);
    /* what it refuses */
    CHECK_OK(il_command_new("summary", &c));
    CHECK_FAILS(il_command_prepare(c, 1), IL_EBADARG, "summary takes net");
    il_command_free(c);
    CHECK_OK(il_command_new("summary", &c));
    v.kind = IL_VAL_STRING;
    v.str = "net";
    CHECK_FAILS(il_command_arg(c, &v), IL_EBADARG, "net must be a network");
    il_command_free(c);
    CHECK_OK(il_command_new("summary", &c));
    CHECK_FAILS(il_command_option(c, "tol", &v), IL_EBADOPTION,
                "summary takes no options");
    il_command_free(c);
    free(want);
    il_net_free(net);
}

int main(void)
{
    RUN(test_zero_network);
    RUN(test_describe_is_the_first_line);
    RUN(test_known_weights);
    RUN(test_counts_parameters_and_parameters_of_activations);
    RUN(test_distinct_units_at_the_default_tolerance);
    RUN(test_non_finite_weights);
    RUN(test_small_buffers_truncate);
    RUN(test_the_command);
    return check_finish("tests/c/test_summary.c");
}

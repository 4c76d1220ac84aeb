/*
 * net.c - networks: creation, access, and the one-shot forward, gradient and
 * evaluation calls that front ends make between trainings.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static il_status check_layout(size_t n_layers, const size_t *sizes,
                              const il_act *acts, il_loss loss)
{
    size_t l;
    if (n_layers == 0)
        return il_fail(IL_EBADSIZE, "a network needs at least one layer");
    if (!sizes || !acts)
        return il_fail(IL_EBADARG, "sizes and activations must not be NULL");
    for (l = 0; l <= n_layers; l++) {
        if (sizes[l] == 0)
            return il_fail(IL_EBADSIZE, "sizes(%zu) must be at least 1, got 0",
                           l + 1);
        /* BLAS takes its dimensions as int */
        if (sizes[l] > (size_t)INT_MAX)
            return il_fail(IL_EBADSIZE, "sizes(%zu) must be at most %d, got "
                           "%zu", l + 1, INT_MAX, sizes[l]);
    }
    for (l = 0; l < n_layers; l++) {
        il_act a = acts[l];
        if ((unsigned)a.kind >= IL_ACT_COUNT)
            return il_fail(IL_EBADNAME, "layer %zu: unknown activation %d",
                           l + 1, (int)a.kind);
        if (a.kind == IL_SOFTMAX && l + 1 != n_layers)
            return il_fail(IL_EBADARG,
                           "layer %zu: softmax is only for the output layer",
                           l + 1);
        if (!il_act_param_ok(a))
            return il_fail(IL_EBADVALUE,
                           "layer %zu: %s parameter must be finite and >= 0, "
                           "got %g",
                           l + 1, il_act_name(a.kind), a.param);
    }
    if ((unsigned)loss >= IL_LOSS_COUNT)
        return il_fail(IL_EBADNAME, "unknown loss %d", (int)loss);
    if (loss == IL_LOSS_BCE && acts[n_layers - 1].kind != IL_SIGMOID)
        return il_fail(IL_EBADARG,
                       "loss 'bce' needs a sigmoid output layer, got %s",
                       il_act_name(acts[n_layers - 1].kind));
    if (loss == IL_LOSS_SCE && acts[n_layers - 1].kind != IL_SOFTMAX)
        return il_fail(IL_EBADARG,
                       "loss 'sce' needs a softmax output layer, got %s",
                       il_act_name(acts[n_layers - 1].kind));
    if (acts[n_layers - 1].kind == IL_SOFTMAX && sizes[n_layers] < 2)
        return il_fail(IL_EBADSIZE,
                       "a softmax output needs at least 2 units, got %zu",
                       sizes[n_layers]);
    return IL_OK;
}

/* The parameters of every layer, n(l) (n(l-1) + 1) each, counted without
 * wrapping around: a wrapped count would allocate a few bytes that the
 * initializers then write far past. */
static il_status count_params(size_t n_layers, const size_t *sizes,
                              size_t *count)
{
    size_t l, total = 0, layer, bytes;
    for (l = 1; l <= n_layers; l++)
        if (il_mul_overflows(sizes[l], sizes[l - 1] + 1, &layer) ||
            il_add_overflows(total, layer, &total) ||
            il_mul_overflows(total, sizeof(double), &bytes))
            return il_fail(IL_EBADSIZE, "a network of these sizes has more "
                           "parameters than memory can hold (at layer %zu: "
                           "%zu x %zu weights)", l, sizes[l], sizes[l - 1]);
    *count = total;
    return IL_OK;
}

il_status il_net_new(il_net **out, size_t n_layers, const size_t *sizes,
                     const il_act *acts, il_loss loss)
{
    il_net *net;
    il_status s;
    size_t l, off = 0, n_params = 0, head, n_bytes, tail;
    unsigned char *block;

    if (!out)
        return il_fail(IL_EBADARG, "net must not be NULL");
    *out = NULL;
    if ((s = check_layout(n_layers, sizes, acts, loss)) != IL_OK)
        return s;
    if (n_layers > SIZE_MAX / (3 * sizeof *sizes) - 1)
        return il_fail(IL_EBADSIZE, "%zu layers are more than memory can hold",
                       n_layers);
    if ((s = count_params(n_layers, sizes, &n_params)) != IL_OK)
        return s;
    /* One zeroed block: the struct, the parameters (64 bytes in, so they
     * keep calloc's alignment), then the sizes, offsets and activations.
     * A tiny call from a host builds a network each time: four allocations
     * and frees were much of what it cost. */
    head = (sizeof *net + 63) / 64 * 64;
    n_bytes = n_params * sizeof *net->params;
    tail = (n_layers + 1) * (3 * sizeof *net->n + sizeof *net->act);
    if (n_bytes > SIZE_MAX - head - tail)
        return il_fail(IL_ENOMEM, "out of memory for %zu parameters",
                       n_params);
    block = calloc(1, head + n_bytes + tail);
    if (!block)
        return il_fail(IL_ENOMEM, "out of memory for %zu parameters",
                       n_params);
    net = (il_net *)block;
    net->params = (double *)(block + head);
    net->n = (size_t *)(block + head + n_bytes);
    net->act = (il_act *)(net->n + 3 * (n_layers + 1));
    net->L = n_layers;
    net->loss = loss;
    net->w_off = net->n + (n_layers + 1);
    net->b_off = net->w_off + (n_layers + 1);
    memcpy(net->n, sizes, (n_layers + 1) * sizeof *sizes);
    net->act[0] = il_act_make(IL_LINEAR);
    memcpy(net->act + 1, acts, n_layers * sizeof *acts);
    net->w_off[0] = net->b_off[0] = 0;
    for (l = 1; l <= n_layers; l++) {
        net->w_off[l] = off;
        off += sizes[l] * sizes[l - 1];
        net->b_off[l] = off;
        off += sizes[l];
    }
    net->n_params = off;
    *out = net;
    return IL_OK;
}

il_status il_net_copy(const il_net *net, il_net **copy)
{
    il_status s;
    if (!net)
        return il_fail(IL_EBADARG, "net must not be NULL");
    s = il_net_new(copy, net->L, net->n, net->act + 1, net->loss);
    if (s == IL_OK)
        memcpy((*copy)->params, net->params,
               net->n_params * sizeof *net->params);
    return s;
}

void il_net_free(il_net *net)
{
    if (!net)
        return;
    free(net); /* one block: see il_net_new */
}

size_t il_net_layers(const il_net *net) { return net->L; }
size_t il_net_size(const il_net *net, size_t l) { return l <= net->L ? net->n[l] : 0; }
il_loss il_net_loss(const il_net *net) { return net->loss; }

il_act il_net_act(const il_net *net, size_t l)
{
    return l >= 1 && l <= net->L ? net->act[l] : il_act_make(IL_LINEAR);
}

double il_net_act_param(const il_net *net, size_t l)
{
    il_act a = il_net_act(net, l);
    return a.param == il_act_make(a.kind).param ? NAN : a.param;
}

double *il_net_W(il_net *net, size_t l)
{
    return l >= 1 && l <= net->L ? net->params + net->w_off[l] : NULL;
}

double *il_net_b(il_net *net, size_t l)
{
    return l >= 1 && l <= net->L ? net->params + net->b_off[l] : NULL;
}

const double *il_net_cW(const il_net *net, size_t l)
{
    return l >= 1 && l <= net->L ? net->params + net->w_off[l] : NULL;
}

const double *il_net_cb(const il_net *net, size_t l)
{
    return l >= 1 && l <= net->L ? net->params + net->b_off[l] : NULL;
}

il_status il_check_layer(size_t l, const double *W, size_t n, size_t k,
                         const double *b)
{
    size_t i;
    char buf[32];
    if (!il_all_finite(W, n * k))
        for (i = 0; i < n * k; i++)
            if (!isfinite(W[i]))
                return il_fail(IL_EBADVALUE, "layer %zu W(%zu,%zu) is %s; "
                               "weights must be finite", l, i % n + 1,
                               i / n + 1, il_number(W[i], buf));
    if (!il_all_finite(b, n))
        for (i = 0; i < n; i++)
            if (!isfinite(b[i]))
                return il_fail(IL_EBADVALUE, "layer %zu b(%zu) is %s; biases "
                               "must be finite", l, i + 1, il_number(b[i], buf));
    return IL_OK;
}

il_status il_net_set_layer(il_net *net, size_t l, const double *W,
                           size_t rows, size_t cols, const double *b,
                           size_t b_len)
{
    size_t n, k;
    il_status st;
    if (!net || !W || !b)
        return il_fail(IL_EBADARG, "net, W and b must not be NULL");
    if (l < 1 || l > net->L)
        return il_fail(IL_EBADARG, "layer must be in 1..%zu, got %zu", net->L, l);
    n = net->n[l];
    k = net->n[l - 1];
    if (rows != n || cols != k)
        return il_fail(IL_EBADSIZE, "layer %zu W must be %zux%zu, got %zux%zu",
                       l, n, k, rows, cols);
    if (b_len != n)
        return il_fail(IL_EBADSIZE, "layer %zu b must have %zu entries, got %zu",
                       l, n, b_len);
    if ((st = il_check_layer(l, W, n, k, b)) != IL_OK)
        return st;
    memcpy(net->params + net->w_off[l], W, n * k * sizeof *W);
    memcpy(net->params + net->b_off[l], b, n * sizeof *b);
    return IL_OK;
}

/* Transposes a unit-major batch array (m samples, columns ld apart) back to
 * the public n x m. */
static void transpose_out(double *dst, const double *src, size_t n, size_t m,
                          size_t ld)
{
    size_t i, j;
    for (i = 0; i < n; i++)
        for (j = 0; j < m; j++)
            dst[i + j * n] = src[j + i * ld];
}

/* The common start of the one-shot calls: check, allocate, load, forward. */
static il_status one_pass(const il_net *net, const double *X, const double *Y,
                          size_t m, il_work *w)
{
    il_status s;
    if (!net)
        return il_fail(IL_EBADARG, "net must not be NULL");
    if ((s = il_check_batch(net, X, Y, m)) != IL_OK)
        return s;
    return il_pass_start(net, X, Y, m, w);
}

il_status il_forward(const il_net *net, const double *X, size_t m,
                     double *out, double *const *Z, double *const *A)
{
    il_work w;
    il_status s = one_pass(net, X, NULL, m, &w);
    size_t l;
    if (s != IL_OK)
        return s;
    if (out)
        transpose_out(out, w.A[net->L], net->n[net->L], m, w.ld);
    for (l = 1; l <= net->L; l++) {
        if (Z && Z[l - 1])
            transpose_out(Z[l - 1], w.Z[l], net->n[l], m, w.ld);
        if (A && A[l - 1])
            transpose_out(A[l - 1], w.A[l], net->n[l], m, w.ld);
    }
    il_work_free(&w);
    return IL_OK;
}

double il_weight_squares(const il_net *net)
{
    double ss = 0.0;
    size_t l;
    for (l = 1; l <= net->L; l++)
        ss += il_sum_squares(net->params + net->w_off[l],
                             net->n[l] * net->n[l - 1]);
    return ss;
}

double il_penalty_decay(double lambda, double l2, size_t m)
{
    return lambda / (double)m + l2;
}

static il_status check_penalty(const il_penalty *p)
{
    if (p && !(p->lambda >= 0 && isfinite(p->lambda) && p->l2 >= 0 &&
               isfinite(p->l2)))
        return il_fail(IL_EBADVALUE, "lambda and l2 must be finite and >= 0, "
                       "got %g and %g", p->lambda, p->l2);
    return IL_OK;
}

/* The cost and, when grad is not NULL, its gradient in the engine's own
 * parameter order (net->params'). */
static il_status cost_pass(const il_net *net, const double *X,
                           const double *Y, size_t m, const il_penalty *p,
                           double *cost, double *grad)
{
    il_work w;
    il_status s;
    double decay;
    size_t l, i;

    if (!Y)
        return il_fail(IL_EBADARG, "Y must not be NULL");
    if ((s = check_penalty(p)) != IL_OK ||
        (s = one_pass(net, X, Y, m, &w)) != IL_OK)
        return s;
    decay = p ? il_penalty_decay(p->lambda, p->l2, m) : 0.0;
    if (cost)
        *cost = il_pass_loss(net, &w, NULL, 0) +
                (decay > 0 ? 0.5 * decay * il_weight_squares(net) : 0.0);
    if (grad) {
        il_pass_backward(net, &w, grad);
        for (l = 1; decay > 0 && l <= net->L; l++) {
            const double *W = net->params + net->w_off[l];
            double *dW = grad + net->w_off[l];
            for (i = 0; i < net->n[l] * net->n[l - 1]; i++)
                dW[i] += decay * W[i];
        }
    }
    il_work_free(&w);
    return IL_OK;
}

il_status il_gradients(const il_net *net, const double *X, const double *Y,
                       size_t m, const il_penalty *penalty, double *cost,
                       double *const *dW, double *const *db)
{
    il_status s;
    double *grad = NULL;
    size_t l;

    if (net && (dW || db) &&
        !(grad = malloc(net->n_params * sizeof *grad)))
        return il_fail(IL_ENOMEM, "out of memory for the gradient");
    s = cost_pass(net, X, Y, m, penalty, cost, grad);
    for (l = 1; s == IL_OK && grad && l <= net->L; l++) {
        size_t n = net->n[l];
        if (dW && dW[l - 1])
            memcpy(dW[l - 1], grad + net->w_off[l],
                   n * net->n[l - 1] * sizeof *grad);
        if (db && db[l - 1])
            memcpy(db[l - 1], grad + net->b_off[l], n * sizeof *grad);
    }
    free(grad);
    return s;
}

size_t il_net_param_count(const il_net *net)
{
    return net ? net->n_params : 0;
}

/* From the engine's order (W_l then b_l) to the course's ([b_l W_l](:)),
 * or back. */
static void reorder(const il_net *net, const double *from, double *to,
                    int to_course)
{
    size_t l, at = 0;
    for (l = 1; l <= net->L; l++) {
        size_t n = net->n[l], nw = n * net->n[l - 1];
        if (to_course) {
            memcpy(to + at, from + net->b_off[l], n * sizeof *to);
            memcpy(to + at + n, from + net->w_off[l], nw * sizeof *to);
        } else {
            memcpy(to + net->b_off[l], from + at, n * sizeof *to);
            memcpy(to + net->w_off[l], from + at + n, nw * sizeof *to);
        }
        at += n + nw;
    }
}

il_status il_cost(const il_net *net, const double *X, const double *Y,
                  size_t m, const il_penalty *penalty, double *cost,
                  double *grad)
{
    il_status s;
    double *own = NULL;
    if (net && grad && !(own = malloc(net->n_params * sizeof *own)))
        return il_fail(IL_ENOMEM, "out of memory for the gradient");
    s = cost_pass(net, X, Y, m, penalty, cost, own);
    if (s == IL_OK && own)
        reorder(net, own, grad, 1);
    free(own);
    return s;
}

void il_net_unroll(const il_net *net, double *theta)
{
    if (net && theta)
        reorder(net, net->params, theta, 1);
}

il_status il_net_reroll(il_net *net, const double *theta)
{
    size_t i;
    char buf[32];
    if (!net || !theta)
        return il_fail(IL_EBADARG, "net and theta must not be NULL");
    for (i = 0; i < net->n_params; i++)
        if (!isfinite(theta[i]))
            return il_fail(IL_EBADVALUE, "theta(%zu) is %s; parameters must be "
                           "finite", i + 1, il_number(theta[i], buf));
    reorder(net, theta, net->params, 0);
    return IL_OK;
}

il_status il_evaluate(const il_net *net, const double *X, const double *Y,
                      size_t m, double *loss, double *accuracy)
{
    return il_evaluate_as(net, X, Y, m, IL_ACCURACY_AUTO, loss, accuracy);
}

il_status il_evaluate_as(const il_net *net, const double *X, const double *Y,
                         size_t m, il_accuracy_rule rule, double *loss,
                         double *accuracy)
{
    il_work w;
    il_status s;
    double l;
    if (!Y)
        return il_fail(IL_EBADARG, "Y must not be NULL");
    if ((s = one_pass(net, X, Y, m, &w)) != IL_OK)
        return s;
    l = il_pass_loss(net, &w, accuracy, (int)rule);
    if (loss)
        *loss = l;
    il_work_free(&w);
    return IL_OK;
}

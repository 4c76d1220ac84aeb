/*
 * propagation.c - the mean-field prediction of a network's signal and
 * gradient sizes set beside what the network does on a batch.
 *
 * The theory (theory.c) sees a layer only through sigma_w2 = n(l-1) times
 * the mean square of its weights and sigma_b2 = the mean square of its
 * biases, so these are read off the network as it is: for weights drawn
 * i.i.d. with mean zero they are the initializer's variances up to
 * sampling, and for anything else (trained weights, orthogonal, constant)
 * the prediction shows how far a Gaussian picture carries.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The mean of x^2 over a unit-major block: n units of m samples, ld apart,
 * each value times scale first. */
static double mean_square(const double *x, size_t n, size_t m, size_t ld,
                          double scale)
{
    double sum = 0.0;
    size_t i, j;
    for (i = 0; i < n; i++)
        for (j = 0; j < m; j++) {
            double v = scale * x[j + i * ld];
            sum += v * v;
        }
    return sum / ((double)n * (double)m);
}

il_status il_net_propagation(const il_net *net, const double *X,
                             const double *Y, size_t m, il_propagation *p)
{
    il_work w;
    il_status st;
    size_t L, l, i, j, n0, nL, bytes;
    double *per_sample = NULL, *grad = NULL, *in_sq, *out_sq, *sw, *sb;
    size_t count;
    if (!net || !p)
        return il_fail(IL_EBADARG, "net and the results must not be NULL");
    if ((st = il_check_batch(net, X, Y, m)) != IL_OK)
        return st;
    L = net->L;
    n0 = net->n[0];
    nL = net->n[L];
    /* two values per sample, and theory.c's 1-based sigma_w2, sigma_b2 */
    if (il_mul_overflows(m, 2, &count) || il_add_overflows(count, 2 * (L + 1), &count) ||
        il_doubles_overflow(count, 1, &bytes))
        return il_fail(IL_ETOOBIG, "m = %zu samples do not fit in memory", m);
    if ((st = il_pass_start(net, X, Y, m, &w)) != IL_OK)
        return st;
    per_sample = malloc(bytes);
    grad = Y ? calloc(net->n_params, sizeof *grad) : NULL;
    if (!per_sample || (Y && !grad)) {
        st = il_fail(IL_ENOMEM, "out of memory for the propagation of %zu "
                     "samples", m);
        goto done;
    }
    in_sq = per_sample;
    out_sq = per_sample + m;
    sw = out_sq + m;
    sb = sw + L + 1;
    sw[0] = sb[0] = 0.0;
    if (Y)
        il_pass_backward(net, &w, grad);
    for (l = 1; l <= L; l++) {
        size_t fan_in = net->n[l - 1], units = net->n[l];
        sw[l] = p->sigma_w2[l - 1] = (double)fan_in *
            il_sum_squares(net->params + net->w_off[l], units * fan_in) /
            ((double)units * (double)fan_in);
        sb[l] = p->sigma_b2[l - 1] =
            il_sum_squares(net->params + net->b_off[l], units) / (double)units;
        p->q_meas[l - 1] = mean_square(w.Z[l], units, m, w.ld, 1.0);
        p->a2_meas[l - 1] = mean_square(w.A[l], units, m, w.ld, 1.0);
        /* G holds dL/dZ of the batch's mean loss: m times it is each
         * sample's own gradient */
        p->grad_meas[l - 1] = Y ? mean_square(w.G[l], units, m, w.ld, (double)m)
                                : NAN;
    }
    for (j = 0; j < m; j++) {
        double s = 0.0, g = 0.0;
        for (i = 0; i < n0; i++)
            s += w.A[0][j + i * w.ld] * w.A[0][j + i * w.ld];
        in_sq[j] = s / (double)n0;
        for (i = 0; Y && i < nL; i++) {
            double v = (double)m * w.G[L][j + i * w.ld];
            g += v * v;
        }
        out_sq[j] = g / (double)nL;
    }
    st = il_theory_network(L, net->n, net->act, sw, sb, in_sq, m, Y ? out_sq : NULL,
                           p->q_pred, p->a2_pred, Y ? p->grad_pred : NULL);
    if (st == IL_OK && !Y)
        for (l = 0; l < L; l++)
            p->grad_pred[l] = NAN;
done:
    free(per_sample);
    free(grad);
    il_work_free(&w);
    return st;
}

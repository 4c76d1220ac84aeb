/*
 * act.c - activation functions, their derivatives and what "saturated" means
 * for each.
 *
 * Saturated unit-sample: |f'(z)| <= theta * max|f'| (theta = 0.05 by
 * default).  The low side is z < 0, the high side z >= 0.  That gives
 * sigmoid a < 0.0127 or a > 0.9873, tanh |a| > 0.9747, softsign |z| > 3.47,
 * relu z <= 0 (its slope there is 0), leaky_relu z < 0 when its slope is at
 * most theta, elu and selu z <= ln(theta), softplus z <= ln(theta/(1-theta));
 * linear never saturates.  Softmax uses the diagonal of its Jacobian,
 * a(1 - a), against its maximum 1/4, so it reads like sigmoid.
 *
 * softmax is not elementwise: it lives with the layer code in net.c.
 *
 * sigmoid, tanh and softplus are the engine's own (vmath.c): the same bits
 * for one value and for an array, on every instruction set.
 */
#include <math.h>

#include "internal.h"


/* Klambauer et al. (2017), the constants that make selu self-normalizing. */
#define SELU_LAMBDA 1.0507009873554804934193349852946
#define SELU_ALPHA 1.6732632423543772848170429916717

static const il_name act_names[] = {
    {"linear", IL_LINEAR},     {"sigmoid", IL_SIGMOID},
    {"tanh", IL_TANH},         {"relu", IL_RELU},
    {"leaky_relu", IL_LEAKY_RELU}, {"elu", IL_ELU},
    {"selu", IL_SELU},         {"softsign", IL_SOFTSIGN},
    {"softplus", IL_SOFTPLUS}, {"softmax", IL_SOFTMAX},
    {"identity", IL_LINEAR},   {"logistic", IL_SIGMOID},
};
#define N_ACT_NAMES (sizeof act_names / sizeof act_names[0])

il_act il_act_make(il_act_kind kind)
{
    il_act act;
    act.kind = kind;
    act.param = kind == IL_LEAKY_RELU ? 0.01 : kind == IL_ELU ? 1.0 : 0.0;
    return act;
}

il_status il_act_from_name(const char *name, il_act *act)
{
    int kind;
    il_status s = il_lookup("activation", name, act_names, N_ACT_NAMES, &kind);
    if (s == IL_OK)
        *act = il_act_make((il_act_kind)kind);
    return s;
}

const char *il_act_name(il_act_kind kind)
{
    return il_name_of(act_names, N_ACT_NAMES, (int)kind);
}

double il_act_value(il_act act, double z)
{
    switch (act.kind) {
    case IL_LINEAR: return z;
    case IL_SIGMOID: return il_sigmoid(z);
    case IL_TANH: return il_tanh(z);
    case IL_RELU: return z > 0 ? z : 0.0;
    case IL_LEAKY_RELU: return z > 0 ? z : act.param * z;
    case IL_ELU: return z > 0 ? z : act.param * expm1(z);
    case IL_SELU: return SELU_LAMBDA * (z > 0 ? z : SELU_ALPHA * expm1(z));
    case IL_SOFTSIGN: return z / (1.0 + fabs(z));
    case IL_SOFTPLUS: return il_softplus(z);
    case IL_SOFTMAX:
    case IL_ACT_COUNT: break;
    }
    return NAN;
}

double il_act_slope(il_act act, double z, double a)
{
    switch (act.kind) {
    case IL_LINEAR: return 1.0;
    case IL_SIGMOID:
    case IL_SOFTMAX: return a * (1.0 - a);
    case IL_TANH: return 1.0 - a * a;
    case IL_RELU: return z > 0 ? 1.0 : 0.0;
    case IL_LEAKY_RELU: return z > 0 ? 1.0 : fabs(act.param);
    case IL_ELU: return z > 0 ? 1.0 : fabs(act.param) * exp(z);
    case IL_SELU: return z > 0 ? SELU_LAMBDA : SELU_LAMBDA * SELU_ALPHA * exp(z);
    case IL_SOFTSIGN: {
        double d = 1.0 + fabs(z);
        return 1.0 / (d * d);
    }
    case IL_SOFTPLUS: return il_sigmoid(z);
    case IL_ACT_COUNT: break;
    }
    return NAN;
}

double il_act_max_slope(il_act act)
{
    switch (act.kind) {
    case IL_SIGMOID:
    case IL_SOFTMAX: return 0.25;
    case IL_LEAKY_RELU:
    case IL_ELU: return fabs(act.param) > 1.0 ? fabs(act.param) : 1.0;
    case IL_SELU: return SELU_LAMBDA * SELU_ALPHA;
    default: return 1.0;
    }
}

int il_act_can_die(il_act act)
{
    return act.kind == IL_RELU || act.kind == IL_LEAKY_RELU ||
           act.kind == IL_ELU || act.kind == IL_SELU;
}

void il_act_range(il_act act, double *lo, double *hi)
{
    *lo = -INFINITY;
    *hi = INFINITY;
    switch (act.kind) {
    case IL_SIGMOID:
    case IL_SOFTMAX: *lo = 0.0; *hi = 1.0; break;
    case IL_TANH:
    case IL_SOFTSIGN: *lo = -1.0; *hi = 1.0; break;
    case IL_RELU:
    case IL_SOFTPLUS: *lo = 0.0; break;
    case IL_ELU: *lo = -fabs(act.param); break;
    case IL_SELU: *lo = -SELU_LAMBDA * SELU_ALPHA; break;
    default: break;
    }
}

/* The loops below are the training hot path: one switch per call, then a
 * branch-light loop the compiler can vectorize. */
IL_HOT void il_act_forward(il_act act, const double *z, double *a, size_t n)
{
    size_t i;
    switch (act.kind) {
    case IL_LINEAR:
        if (a != z)
            for (i = 0; i < n; i++)
                a[i] = z[i];
        break;
    case IL_RELU:
        for (i = 0; i < n; i++)
            a[i] = z[i] > 0 ? z[i] : 0.0;
        break;
    case IL_LEAKY_RELU:
        for (i = 0; i < n; i++)
            a[i] = z[i] > 0 ? z[i] : act.param * z[i];
        break;
    case IL_SIGMOID:
        il_sigmoid_array(z, a, n);
        break;
    case IL_TANH:
        il_tanh_array(z, a, n);
        break;
    case IL_SOFTPLUS:
        il_softplus_array(z, a, n);
        break;
    default:
        for (i = 0; i < n; i++)
            a[i] = il_act_value(act, z[i]);
        break;
    }
}

IL_HOT void il_act_backward(il_act act, const double *z, const double *a, double *g,
                     size_t n)
{
    size_t i;
    switch (act.kind) {
    case IL_LINEAR:
        break;
    case IL_RELU:
        for (i = 0; i < n; i++)
            g[i] = z[i] > 0 ? g[i] : 0.0;
        break;
    case IL_LEAKY_RELU:
        for (i = 0; i < n; i++)
            g[i] = z[i] > 0 ? g[i] : act.param * g[i];
        break;
    case IL_SIGMOID:
        for (i = 0; i < n; i++)
            g[i] *= a[i] * (1.0 - a[i]);
        break;
    case IL_TANH:
        for (i = 0; i < n; i++)
            g[i] *= 1.0 - a[i] * a[i];
        break;
    case IL_ELU:
        for (i = 0; i < n; i++)
            g[i] = z[i] > 0 ? g[i] : g[i] * (a[i] + act.param);
        break;
    case IL_SELU:
        for (i = 0; i < n; i++)
            g[i] *= z[i] > 0 ? SELU_LAMBDA : a[i] + SELU_LAMBDA * SELU_ALPHA;
        break;
    default:
        /* softsign, softplus: signed slopes equal their magnitudes. */
        for (i = 0; i < n; i++)
            g[i] *= il_act_slope(act, z[i], a[i]);
        break;
    }
}

int il_act_param_ok(il_act act)
{
    return !(act.kind == IL_LEAKY_RELU || act.kind == IL_ELU) ||
           (isfinite(act.param) && act.param >= 0);
}

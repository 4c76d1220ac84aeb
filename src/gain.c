/*
 * gain.c - the recommended gain of an activation: the factor weights are
 * scaled by so that the signal keeps its size through the layer.
 */
#include <math.h>

#include "internal.h"

/* E[f(x)^2] for x ~ N(0,1), by composite Simpson on [-12, 12] (the normal
 * density is below 1e-31 outside): accurate to ~1e-13 for these smooth
 * activations, and a check of itself - it gives 1/2 for relu. */
static double second_moment(il_act act)
{
    const int intervals = 4800;
    const double lo = -12.0, hi = 12.0, h = (hi - lo) / intervals;
    const double inv_sqrt_2pi = 0.39894228040143267794;
    double total = 0.0;
    int i;
    for (i = 0; i <= intervals; i++) {
        double x = lo + h * i, f = il_act_value(act, x);
        double w = (i == 0 || i == intervals) ? 1.0 : (i % 2 ? 4.0 : 2.0);
        total += w * f * f * inv_sqrt_2pi * exp(-0.5 * x * x);
    }
    return total * h / 3.0;
}

il_status il_gain(il_act act, double *gain, int *computed)
{
    int numeric = 0;
    double g;
    if (!gain)
        return il_fail(IL_EBADARG, "gain must not be NULL");
    switch (act.kind) {
    case IL_LINEAR:
    case IL_SIGMOID: g = 1.0; break;
    case IL_TANH: g = 5.0 / 3.0; break;
    case IL_RELU: g = sqrt(2.0); break;
    case IL_LEAKY_RELU: g = sqrt(2.0 / (1.0 + act.param * act.param)); break;
    case IL_SELU: g = 0.75; break;
    case IL_ELU:
    case IL_SOFTSIGN:
    case IL_SOFTPLUS:
        g = 1.0 / sqrt(second_moment(act));
        numeric = 1;
        break;
    case IL_SOFTMAX:
        return il_fail(IL_EBADARG, "softmax has no gain: it is an output, not "
                       "a nonlinearity between layers");
    default:
        return il_fail(IL_EBADNAME, "unknown activation %d", (int)act.kind);
    }
    *gain = g;
    if (computed)
        *computed = numeric;
    return IL_OK;
}

/* The numerical gain, exported for the test that checks the integrator
 * against relu's exact sqrt(2). */
double il_gain_numeric(il_act act)
{
    return 1.0 / sqrt(second_moment(act));
}

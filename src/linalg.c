/*
 * linalg.c - a Householder QR, for the orthogonal initializer.
 *
 * Householder rather than Gram-Schmidt: Q is orthonormal to the last bits
 * whatever the conditioning of A, which is what lets a test demand
 * W'W = gain^2 I to 1e-12.
 */
#include <math.h>

#include "internal.h"

int il_orthonormal_columns(double *A, size_t r, size_t c, double *Q,
                           double *v, il_poller *poll)
{
    size_t i, j, k;
    double *diag = v + r; /* R's diagonal, c values after the r of v */

    /* A = H_0 ... H_{c-1} R, H_k = I - 2 u u' / (u'u).  Step k's u lives
     * in rows k.. of column k (R's part there is not needed: only its
     * diagonal, kept in diag), so no extra r x c storage is used. */
    for (k = 0; k < c; k++) {
        double norm = 0.0, alpha, uu = 0.0;
        /* step k costs (r - k)(c - k) multiply-adds: a 3000 x 3000 layer
         * takes over a minute in all, so Ctrl-C is looked for as it goes */
        if (il_poll(poll, (r - k) * (c - k)))
            return 1;
        for (i = k; i < r; i++)
            norm += A[i + k * r] * A[i + k * r];
        norm = sqrt(norm);
        /* the sign opposite to a_kk: u = a - alpha e_k never cancels */
        alpha = A[k + k * r] > 0 ? -norm : norm;
        for (i = k; i < r; i++)
            v[i] = A[i + k * r];
        v[k] -= alpha;
        for (i = k; i < r; i++)
            uu += v[i] * v[i];
        diag[k] = alpha;
        for (i = k; i < r; i++)
            A[i + k * r] = v[i]; /* keep u in column k */
        if (uu == 0.0)
            continue;
        for (j = k + 1; j < c; j++) {
            double dot = 0.0;
            for (i = k; i < r; i++)
                dot += v[i] * A[i + j * r];
            dot *= 2.0 / uu;
            for (i = k; i < r; i++)
                A[i + j * r] -= dot * v[i];
        }
    }
    /* Q (r x c) = H_0 H_1 ... H_{c-1} applied to the first c columns of I. */
    for (j = 0; j < c; j++)
        for (i = 0; i < r; i++)
            Q[i + j * r] = i == j ? 1.0 : 0.0;
    for (k = c; k-- > 0;) {
        double uu = 0.0;
        if (il_poll(poll, (r - k) * c))
            return 1;
        for (i = k; i < r; i++)
            uu += A[i + k * r] * A[i + k * r];
        if (uu == 0.0)
            continue;
        for (j = 0; j < c; j++) {
            double dot = 0.0;
            for (i = k; i < r; i++)
                dot += A[i + k * r] * Q[i + j * r];
            dot *= 2.0 / uu;
            for (i = k; i < r; i++)
                Q[i + j * r] -= dot * A[i + k * r];
        }
    }
    /* Sign fix: column k times sign(R_kk), so that Q is uniformly
     * distributed (Mezzadri 2007) rather than biased by the reflections. */
    for (k = 0; k < c; k++)
        if (diag[k] < 0)
            for (i = 0; i < r; i++)
                Q[i + k * r] = -Q[i + k * r];
    return 0;
}

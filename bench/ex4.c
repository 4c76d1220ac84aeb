/*
 * ex4.c - the cost of recording on the MNIST-like shape of a course's ex4:
 * [400 25 10] sigmoid/sigmoid, binary cross-entropy on one-hot labels, 5000
 * samples (synthetic: uniform inputs and random labels from the engine's
 * generator), full batch, ITERS iterations at lr 0.5, timed without
 * recording and recording every statistic every 10 iterations, in turn,
 * the best of each.
 */
#include "common.h"

#define M 5000
#define ITERS 40
#define REPEATS 3

int main(void)
{
    size_t sizes[] = {400, 25, 10}, i;
    il_act acts[] = {il_act_make(IL_SIGMOID), il_act_make(IL_SIGMOID)};
    double *X = malloc(400 * M * sizeof *X), *Y = calloc(10 * M, sizeof *Y);
    double plain = 1e30, recorded = 1e30, loss, loss_rec;
    il_record_opts ro;
    il_net *net;
    il_rng rng;
    int r;

    if (!X || !Y) {
        fprintf(stderr, "ex4: out of memory\n");
        return 1;
    }
    il_rng_seed(&rng, 4);
    for (i = 0; i < 400 * (size_t)M; i++)
        X[i] = il_rng_uniform(&rng);
    for (i = 0; i < M; i++)
        Y[10 * i + il_rng_below(&rng, 10)] = 1.0;
    check(il_net_new(&net, 2, sizes, acts, IL_LOSS_BCE));
    check(il_net_init_default(net, 4));
    il_record_opts_default(&ro);
    ro.every = 10;
    ro.what = IL_REC_ALL;
    time_training(net, X, Y, M, ITERS, 0.5, NULL, &loss); /* warm up */
    for (r = 0; r < REPEATS; r++) {
        double t = time_training(net, X, Y, M, ITERS, 0.5, NULL, &loss);
        plain = t < plain ? t : plain;
        t = time_training(net, X, Y, M, ITERS, 0.5, &ro, &loss_rec);
        recorded = t < recorded ? t : recorded;
    }
    printf("ex4_us_per_iter %.3f\n", plain / ITERS * 1e6);
    printf("ex4_recording_us_per_iter %.3f\n", recorded / ITERS * 1e6);
    printf("ex4_final_loss %.17g\n", loss);
    printf("ex4_recording_final_loss %.17g\n", loss_rec);
    il_net_free(net);
    free(X);
    free(Y);
    return 0;
}

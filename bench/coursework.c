/*
 * coursework.c - the coursework model ([2 10 5 1], relu/relu/sigmoid,
 * bce, 300 circles samples, 15,000 full-batch iterations at lr 0.01) timed in
 * the engine, without recording, recording every statistic every 10
 * iterations and recording every statistic every iteration.  Writes the data and initial weights to the folder argv[1] so
 * that bench/coursework_plain.m trains the very same network.
 */
#include <string.h>

#include "common.h"

#define ITERS 15000
#define REPEATS 3

static void write_matrix(const char *dir, const char *name, const double *A,
                         size_t rows, size_t cols)
{
    char path[512];
    FILE *f;
    size_t i, j;
    snprintf(path, sizeof path, "%s/%s.txt", dir, name);
    if (!(f = fopen(path, "w"))) {
        perror(path);
        exit(1);
    }
    for (i = 0; i < rows; i++) {
        for (j = 0; j < cols; j++)
            fprintf(f, "%.17g ", A[i + j * rows]);
        fprintf(f, "\n");
    }
    fclose(f);
}

int main(int argc, char **argv)
{
    size_t sizes[] = {2, 10, 5, 1}, l;
    il_act acts[] = {il_act_make(IL_RELU), il_act_make(IL_RELU),
                     il_act_make(IL_SIGMOID)};
    double X[600], Y[300], loss, loss_rec, loss_rec1, plain, recorded, every1;
    il_dataset_opts d;
    il_init_spec he;
    il_init_opts init;
    il_record_opts ro, ro1;
    il_net *net;
    char name[8];
    int r;

    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    il_dataset_opts_default(&d, IL_DATA_CIRCLES);
    check(il_dataset(IL_DATA_CIRCLES, 300, &d, 1, X, Y));
    check(il_net_new(&net, 3, sizes, acts, IL_LOSS_BCE));
    il_init_spec_default(&he, IL_INIT_HE_NORMAL);
    il_init_opts_default(&init);
    init.weights = &he;
    init.seed = 3;
    check(il_net_init(net, &init));
    write_matrix(argv[1], "X", X, 2, 300);
    write_matrix(argv[1], "Y", Y, 1, 300);
    for (l = 1; l <= 3; l++) {
        snprintf(name, sizeof name, "W%zu", l);
        write_matrix(argv[1], name, il_net_W(net, l), sizes[l], sizes[l - 1]);
        snprintf(name, sizeof name, "b%zu", l);
        write_matrix(argv[1], name, il_net_b(net, l), sizes[l], 1);
    }
    il_record_opts_default(&ro);
    ro.every = 10;
    ro.what = IL_REC_ALL;
    ro1 = ro;
    ro1.every = 1;
    /* unrecorded and recorded runs in turn, the best of each: a change in
     * the machine's speed part way does not tilt the ratio */
    plain = recorded = every1 = 1e30;
    for (r = 0; r < REPEATS; r++) {
        double t = time_training(net, X, Y, 300, ITERS, 0.01, NULL, &loss);
        plain = t < plain ? t : plain;
        t = time_training(net, X, Y, 300, ITERS, 0.01, &ro, &loss_rec);
        recorded = t < recorded ? t : recorded;
        t = time_training(net, X, Y, 300, ITERS, 0.01, &ro1, &loss_rec1);
        every1 = t < every1 ? t : every1;
    }
    plain = plain / ITERS * 1e6;
    recorded = recorded / ITERS * 1e6;
    every1 = every1 / ITERS * 1e6;
    printf("engine_us_per_iter %.3f\n", plain);
    printf("engine_recording_us_per_iter %.3f\n", recorded);
    printf("engine_recording_ratio %.3f\n", recorded / plain);
    printf("engine_recording1_us_per_iter %.3f\n", every1);
    printf("engine_final_loss %.17g\n", loss);
    printf("engine_recording_final_loss %.17g\n", loss_rec);
    printf("engine_recording1_final_loss %.17g\n", loss_rec1);
    il_net_free(net);
    return 0;
}

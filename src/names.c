/*
 * names.c - the names users type for losses, optimizers and statistics.
 * Activation, initializer and dataset names live beside their code.
 */
#include "internal.h"

static const il_name loss_names[] = {
    {"mse", IL_LOSS_MSE},
    {"bce", IL_LOSS_BCE},
    {"sce", IL_LOSS_SCE},
    {"binary_crossentropy", IL_LOSS_BCE},
    {"crossentropy", IL_LOSS_SCE},
    {"softmax_crossentropy", IL_LOSS_SCE},
};

static const il_name opt_names[] = {
    {"sgd", IL_OPT_SGD},         {"momentum", IL_OPT_MOMENTUM},
    {"nesterov", IL_OPT_NESTEROV}, {"rmsprop", IL_OPT_RMSPROP},
    {"adam", IL_OPT_ADAM},       {"gd", IL_OPT_SGD},
};


/* What a recording may keep, by the names front ends take. */
static const il_name record_part_names[] = {
    {"loss", IL_REC_LOSS},         {"weights", IL_REC_WEIGHTS},
    {"act", IL_REC_ACT},           {"percentiles", IL_REC_PERCENTILES},
    {"hist", IL_REC_HIST},         {"saturation", IL_REC_SATURATION},
    {"grad", IL_REC_GRAD},         {"norms", IL_REC_NORMS},
    {"distinct", IL_REC_DISTINCT}, {"all", IL_REC_ALL},
};

#define COUNT(t) (sizeof t / sizeof t[0])

il_status il_record_part_from_name(const char *name, unsigned *bits)
{
    int v;
    il_status s = il_lookup("record part", name, record_part_names,
                            COUNT(record_part_names), &v);
    if (s == IL_OK)
        *bits = (unsigned)v;
    return s;
}

il_status il_loss_from_name(const char *name, il_loss *loss)
{
    int v;
    il_status s = il_lookup("loss", name, loss_names, COUNT(loss_names), &v);
    if (s == IL_OK)
        *loss = (il_loss)v;
    return s;
}

const char *il_loss_name(il_loss loss)
{
    return il_name_of(loss_names, COUNT(loss_names), (int)loss);
}

il_loss il_loss_for_output(il_act_kind output)
{
    return output == IL_SIGMOID ? IL_LOSS_BCE
         : output == IL_SOFTMAX ? IL_LOSS_SCE
                                : IL_LOSS_MSE;
}

static const il_name accuracy_names[] = {
    {"auto", IL_ACCURACY_AUTO}, {"categorical", IL_ACCURACY_CATEGORICAL},
    {"binary", IL_ACCURACY_BINARY},
};

il_status il_accuracy_from_name(const char *name, il_accuracy_rule *rule)
{
    int v;
    il_status s = il_lookup("accuracy rule", name, accuracy_names,
                            COUNT(accuracy_names), &v);
    if (s == IL_OK)
        *rule = (il_accuracy_rule)v;
    return s;
}

const char *il_accuracy_name(il_accuracy_rule rule)
{
    return il_name_of(accuracy_names, COUNT(accuracy_names), (int)rule);
}

il_status il_opt_from_name(const char *name, il_optimizer *opt)
{
    int v;
    il_status s = il_lookup("optimizer", name, opt_names, COUNT(opt_names), &v);
    if (s == IL_OK)
        *opt = (il_optimizer)v;
    return s;
}

const char *il_opt_name(il_optimizer opt)
{
    return il_name_of(opt_names, COUNT(opt_names), (int)opt);
}

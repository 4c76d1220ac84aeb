/*
 * il_forward.cc - il_forward as an Octave oct-file, for the tiny calls.
 *
 * Why not the MEX gateway: a MEX file cannot read one field of a struct
 * without Octave first converting the whole struct to MEX's own
 * representation, each cell it reads likewise, and freeing all of it when
 * the call returns; on a tiny network that alone costs more than the same
 * forward pass written by hand in Octave.  Here the values are read where
 * Octave keeps them.
 *
 * Only the plain case is read here: a 1x1 struct whose fields are real
 * full double matrices, row strings, or cells of those, and a real full
 * double X, with two arguments and at most three results.  Everything
 * else is handed as it came to the MEX gateway (__initlab__ 'forward', as
 * il_forward.m does), which reads and refuses it as it always has.  Both
 * give the engine's command the same values, so the checks, messages and
 * results are the same by construction: nothing here restates a name, a
 * size or a message.  The help is il_forward.m's, embedded by the build
 * (an oct-file's help is its own, not a .m's beside it).
 */
#include <cstring>
#include <string>
#include <vector>

#include <octave/oct.h>
#include <octave/interpreter.h>
#include <octave/ov-struct.h>

#include "initlab.h"

extern "C" const char il_forward_help[];

namespace {

const double no_numbers[1] = {0};

/* What the values read point into, on the stack (matrices are read in
 * place, alive in the arguments): a network too large for it is no tiny
 * call, and goes the MEX way, where its time is the engine's. */
struct held {
    double scalars[32];
    il_value items[64];
    char text[512];
    size_t n_scalars = 0, n_items = 0, n_text = 0;
};

/* v, if plain (see the top), as the MEX gateway's to_value reads it: a
 * scalar by its value, a matrix in place, a string copied, a cell (not
 * inside a cell) as a list.  false: not plain, or no room left. */
bool read_plain(const octave_value &v, il_value *out, held &h, int depth)
{
    std::memset(out, 0, sizeof *out);
    if (v.is_string()) {
        charNDArray t = v.char_array_value();
        size_t n = (size_t)t.numel();
        if (t.rows() != 1 || n + 1 > sizeof h.text - h.n_text)
            return false;
        char *at = h.text + h.n_text;
        std::memcpy(at, t.data(), n);
        at[n] = '\0';
        h.n_text += n + 1;
        out->kind = IL_VAL_STRING;
        out->str = at; /* to a NUL inside, as the MEX way reads it too */
        return true;
    }
    if (v.iscell()) {
        const Cell c = v.cell_value(); /* const: shared, not copied */
        size_t n = (size_t)c.numel(), first = h.n_items, i;
        if (depth > 0 || n > sizeof h.items / sizeof h.items[0] - h.n_items)
            return false;
        h.n_items += n;
        for (i = 0; i < n; i++)
            if (!read_plain(c(i), &h.items[first + i], h, depth + 1))
                return false;
        out->kind = IL_VAL_LIST;
        out->n_items = n;
        out->items = n ? &h.items[first] : NULL;
        return true;
    }
    if (!v.is_double_type() || v.iscomplex() || v.issparse())
        return false;
    dim_vector dv = v.dims();
    if (dv.ndims() != 2)
        return false;
    out->kind = IL_VAL_NUMBERS;
    out->rows = (size_t)dv(0);
    out->cols = (size_t)dv(1);
    out->data = no_numbers;
    if (out->rows * out->cols == 1) {
        if (h.n_scalars == sizeof h.scalars / sizeof h.scalars[0])
            return false;
        h.scalars[h.n_scalars] = v.double_value();
        out->data = &h.scalars[h.n_scalars++];
    } else if (out->rows * out->cols) {
        /* NULL for what holds no array of its doubles (a range, a
         * diagonal matrix): the MEX way converts those */
        out->data = static_cast<const double *>(v.mex_get_data());
        return out->data != NULL;
    }
    return true;
}

/* The network struct and X, read if plain; false: not read. */
bool read_call(const octave_value_list &args, il_value *net, il_value *x,
               held &h)
{
    size_t i, nf = il_net_field_count();
    if (!args(0).isstruct() || args(0).numel() != 1 ||
        nf > sizeof h.items / sizeof h.items[0])
        return false;
    octave_scalar_map m = args(0).scalar_map_value();
    h.n_items = nf;
    for (i = 0; i < nf; i++) {
        octave_value f = m.getfield(il_net_field_name(i));
        if (!f.is_defined() || !read_plain(f, &h.items[i], h, 0))
            return false;
    }
    std::memset(net, 0, sizeof *net);
    net->kind = IL_VAL_FIELDS;
    net->items = h.items;
    net->n_items = nf;
    return read_plain(args(1), x, h, 1);
}

} // namespace

DEFMETHOD_DLD(il_forward, interp, args, nargout, il_forward_help)
{
    il_command_room room;
    il_command *cmd = NULL;
    il_value net, x;
    held h;
    std::vector<Matrix> made[3];
    octave_value_list out;
    il_status st;
    size_t k, i, rows, cols, n;
    if (args.length() != 2 || nargout < 0 || nargout > 3 ||
        !read_call(args, &net, &x, h)) {
        octave_value_list all(args.length() + 1, octave_value());
        all(0) = "forward";
        for (octave_idx_type j = 0; j < args.length(); j++)
            all(j + 1) = args(j);
        return interp.feval("__initlab__", all, nargout);
    }
    st = il_command_start("forward", &room, &cmd);
    if (st == IL_OK)
        st = il_command_arg(cmd, &net);
    if (st == IL_OK)
        st = il_command_arg(cmd, &x);
    if (st == IL_OK)
        st = il_command_prepare(cmd, (size_t)nargout);
    n = st == IL_OK ? il_command_results(cmd) : 0;
    for (k = 0; k < n; k++)
        made[k].reserve(il_command_items(cmd, k));
    for (k = 0; k < n; k++)
        for (i = 0; i < il_command_items(cmd, k); i++) {
            il_command_dims(cmd, k, i, &rows, &cols);
            made[k].push_back(Matrix((octave_idx_type)rows,
                                     (octave_idx_type)cols));
            il_command_bind(cmd, k, i, made[k].back().fortran_vec());
        }
    if (st == IL_OK)
        st = il_command_run(cmd, NULL);
    if (st != IL_OK) {
        std::string id = il_status_id(st), msg = il_last_error();
        il_command_free(cmd);
        error_with_id(id.c_str(), "%s", msg.c_str());
    }
    for (k = 0; k < n; k++) {
        if (il_command_result_kind(cmd, k) == IL_RES_MATRIX) {
            out(k) = made[k][0];
            continue;
        }
        Cell c(1, (octave_idx_type)made[k].size());
        for (i = 0; i < made[k].size(); i++)
            c(i) = made[k][i];
        out(k) = c;
    }
    il_command_free(cmd);
    return out;
}

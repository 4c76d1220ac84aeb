## -*- texinfo -*-
## @deftypefn {} {@var{s} =} il_record_options (@var{fname}, @var{o})
## The recording options of il_train and il_stats, from the parsed options
## @var{o}, as the struct the gateway reads (empty fields keep the engine's
## defaults).
## @end deftypefn
function s = il_record_options (fname, o)
  record = o.record;
  if (ischar (record))
    record = {record};
  endif
  if (! iscellstr (record))
    error ('initlab:badArg', ...
           '%s: record must be a name or a cell of names (loss, weights, act, percentiles, hist, saturation, grad, norms, distinct, all)', fname);
  endif
  s = struct ('every', o.record_every, 'iters', o.record_iters, 'what', {record}, ...
              'percentiles', o.percentiles, 'hist_bins', o.hist_bins, ...
              'hist_range', o.hist_range, 'sat_theta', o.sat_theta, ...
              'distinct_tol', o.distinct_tol, 'probe', o.probe, ...
              'max_bytes', o.max_bytes);
  il_check (fname, 'record_every', o.record_every, 'count');
  if (! isempty (o.record_iters))
    il_check (fname, 'record_iters', o.record_iters, 'vector');
    s.iters = double (o.record_iters(:)');
  endif
  if (! isempty (o.percentiles))
    il_check (fname, 'percentiles', o.percentiles, 'vector');
    s.percentiles = sort (double (o.percentiles(:)'));
  endif
  if (! isempty (o.probe))
    il_check (fname, 'probe', o.probe, 'matrix');
  endif
endfunction

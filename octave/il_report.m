% -*- texinfo -*-
% @deftypefn  {} {} il_report (@var{recs}, @var{file})
% @deftypefnx {} {} il_report (@var{recs}, @var{file}, @var{name}, @var{value}, @dots{})
% @deftypefnx {} {@var{bytes} =} il_report (@dots{})
% Writes an interactive run report: one HTML page, @var{file}, that opens
% in any browser from disk (its script, style and data are inside it; no
% network is needed).  A slider scrubs through the recorded iterations and
% a menu picks the layer; each run of @var{recs} (a record from il_train or
% il_stats, or a cell of them: several runs side by side, such as zeros vs
% He) shows, for that layer and iteration:
%
% @itemize
% @item the heat map of [W b] (rows: units, the last column the biases),
% blue below 0, white at 0, red above, over +-r with r the largest |weight|
% of the layer over the whole run (at least 1e-3 x the largest |weight| in
% the report), so that colors compare across iterations; r is printed;
% @item the activation histogram of the layer (record 'hist');
% @item saturation and distinct units of the layer over the iterations,
% with a marker at the current one;
% @item the loss over the iterations (log scale), with the marker;
% @end itemize
% and the iteration shown.  The slider runs over every iteration any run
% recorded; a run shows its latest entry at or before it.  A part the
% record lacks is shown as "not recorded" (the heat map needs
% @code{'record', 'all'} or a record list with 'weights'); a record
% without iter is an error.
%
% Options:
% @table @code
% @item labels
% a cell of one name per run (default run 1, run 2, @dots{})
% @item title
% the page's title (default initlab run report)
% @item layers
% the layers the page offers (default all)
% @item max_bytes
% refuse a page larger than this many bytes (default: half the memory)
% @end table
%
% @var{bytes} is the size of the page written.  The page is the same, byte
% for byte, as Lua's @code{il.report(recs, file, @{labels = @{...@}@})} gives
% for the same records: the engine writes both.
%
% @example
% net = il_net ([2 8 8 1], @{'tanh', 'tanh', 'sigmoid'@});
% [X, Y] = il_dataset ('circles', 200, 'seed', 1);
% [~, z] = il_train (il_init (net, 'zeros'), X, Y, 'iters', 500, 'lr', 0.5, ...
%                    'record_every', 25, 'record', 'all', 'verbose', false);
% [~, h] = il_train (il_init (net, 'he_normal', 'seed', 3), X, Y, 'iters', 500, ...
%                    'lr', 0.5, 'record_every', 25, 'record', 'all', 'verbose', false);
% il_report (@{z, h@}, 'run.html', 'labels', @{'zeros', 'He'@});
% @end example
% @seealso{il_train, il_stats, il_plot}
% @end deftypefn
function bytes = il_report (recs, file, varargin)
  if nargin < 2
    error ('initlab:badArg', 'usage: il_report (recs, file, name, value, ...)');
  end
  if isstruct (recs)
    recs = num2cell (recs);
  end
  if ~iscell (recs)
    error ('initlab:badArg', ['recs must be a record from il_train or il_stats, ' ...
                              'or a cell of them']);
  end
  runs = cell (1, numel (recs));
  for k = 1:numel (recs)
    r = recs{k};
    if ~isstruct (r) || numel (r) ~= 1
      error ('initlab:badArg', 'recs{%d} must be a record (a struct from il_train or il_stats)', k);
    end
    runs{k} = __il_record_pairs__ (r);  % the engine reads the fields by name
  end
  n = __initlab__ ('report', runs, file, varargin{:});
  if nargout > 0
    bytes = n;
  end
end

%!shared z, h, f
%! net = il_net ([2 4 3 1], {'tanh', 'tanh', 'sigmoid'});
%! [X, Y] = il_dataset ('circles', 40, 'seed', 1);
%! [~, z] = il_train (il_init (net, 'zeros'), X, Y, 'iters', 40, 'lr', 0.5, ...
%!                    'record_every', 10, 'record', 'all', 'verbose', false);
%! [~, h] = il_train (il_init (net, 'he_normal', 'seed', 3), X, Y, 'iters', 40, ...
%!                    'lr', 0.5, 'record_every', 10, 'record', 'all', 'verbose', false);
%! f = [tempname() '.html'];
%!test
%! n = il_report ({z, h}, f, 'labels', {'zeros', 'He'}, 'title', 'zeros vs He');
%! t = fileread (f);
%! assert (n, numel (t));
%! assert (strncmp (t, '<!DOCTYPE html>', 15));
%! assert (! isempty (strfind (t, '"label":"zeros"')));
%! assert (! isempty (strfind (t, '"iter":[0,10,20,30,40]')));
%! assert (isempty (strfind (t, 'http://')) && isempty (strfind (t, 'https://')));
%! delete (f);
%!test
%! % one record, and a record without weights: its heat map is "not recorded"
%! [~, s] = il_train (il_net ([2 3 1], {'tanh', 'sigmoid'}), [0 1; 1 0], [0 1], ...
%!                    'iters', 5, 'record_every', 1, 'verbose', false);
%! il_report (s, f);
%! t = fileread (f);
%! assert (! isempty (strfind (t, '"W":null')));
%! assert (! isempty (strfind (t, '"label":"run 1"')));
%! delete (f);
%!test
%! % the same page, written twice, is the same bytes
%! il_report ({z, h}, f);  a = fileread (f);
%! il_report ({z, h}, f);  assert (fileread (f), a);
%! delete (f);
%!error <runs\(1\) has no iter> il_report (rmfield (z, 'iter'), tempname ())
%!error <labels must give one name per run \(2\), got 1> il_report ({z, h}, tempname (), 'labels', {'a'})
%!error <layers\(1\) must be a layer 1..3> il_report (z, tempname (), 'layers', 4)
%!error <file must be a string> il_report (z, [])
%!error id=initlab:badArg il_report (5, tempname ())
%!error id=initlab:badArg il_report ({5}, tempname ())
%!error id=initlab:badOption il_report (z, tempname (), 'colour', 1)
%!error <cannot write the report> il_report (z, '/nonexistent-dir/run.html')
%!error <usage> il_report (z)

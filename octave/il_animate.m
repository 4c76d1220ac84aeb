% -*- texinfo -*-
% @deftypefn  {} {} il_animate (@var{rec}, @var{kind}, @var{file})
% @deftypefnx {} {} il_animate (@dots{}, @var{name}, @var{value}, @dots{})
% @deftypefnx {} {@var{frames} =} il_animate (@dots{})
% Write the recorded iterations of @var{rec} as an animated GIF: one frame
% per recorded iteration, each labelled @samp{iter N}, in one call.
%
% @var{kind} is what each frame shows:
% @table @code
% @item weights
% the heat map of each layer's [W b] (W's columns, then b's, one cell per
% weight) at that iteration, blue for negative, white for 0, red for
% positive, with a colour bar.  A layer's colour range [-r, r] is the same
% in every frame (r from its largest |weight| over the whole run, at least
% 1e-3 of the largest |weight| of the animation), so a weight that grows
% deepens in colour; with several layers each shows its r below it.  Needs
% a record of the weights: @code{il_train (..., 'record', 'all')} or
% @code{@{'loss', 'weights'@}}.
% @item hist
% each layer's activation histogram as bars over the record's
% @code{hist_range}, the height scale of a layer the same in every frame
% (its largest count, shown as @samp{max N}).  Needs @code{rec.hist}
% (recorded by default).
% @end table
%
% Options, as name/value pairs:
% @table @code
% @item layer
% the one layer to show (default 0: every layer, side by side)
% @item delay
% milliseconds each frame shows (default 100; GIF counts 10 ms steps, and
% many viewers show delays under 20 ms as 100 ms)
% @item scale
% pixels per weight cell or histogram bin (default 0: chosen for a frame
% about 400 pixels wide)
% @item loop
% play forever (default true) or once (false)
% @item max_bytes
% refuse frames larger than this (default: half the memory)
% @end table
%
% The GIF is written by the engine, so the same record gives the same bytes
% from Octave and from Lua (@code{il.animate(rec, kind, file, @{layer = 1@})}).
% @var{frames} is the number of frames written.  A file that cannot be
% written is an @code{initlab:io} error naming it; a record without what
% @var{kind} needs is @code{initlab:badArg}; an unknown @var{kind}
% @code{initlab:badName}.
%
% @example
% [X, Y] = il_dataset ('circles', 300, 'seed', 1);
% net = il_init (il_net ([2 10 5 1], @{'relu', 'relu', 'sigmoid'@}), 'he', 'seed', 3);
% [net, rec] = il_train (net, X, Y, 'iters', 10000, 'lr', 0.5, ...
%                        'record_every', 100, 'record', 'all');
% il_animate (rec, 'weights', 'weights.gif');
% il_animate (rec, 'hist', 'hist.gif', 'layer', 2, 'delay', 50);
% @end example
% @seealso{il_train, il_plot, il_report}
% @end deftypefn
function frames = il_animate (rec, kind, file, varargin)
  if nargin < 3
    error ('initlab:badArg', 'usage: il_animate (rec, kind, file, name, value, ...)');
  end
  if ! (isstruct (rec) && isscalar (rec))
    error ('initlab:badArg', 'rec must be a record from il_train or il_stats');
  end
  % the record's fields as name, value pairs: the engine reads what it needs
  n = __initlab__ ('animate', __il_record_pairs__ (rec), kind, file, varargin{:});
  if nargout > 0
    frames = n;
  end
end

%!shared rec, file
%! [X, Y] = il_dataset ('circles', 60, 'seed', 1);
%! net = il_init (il_net ([2 4 3 1], {'tanh', 'tanh', 'sigmoid'}), 'xavier_normal', 'seed', 2);
%! [~, rec] = il_train (net, X, Y, 'iters', 200, 'lr', 0.5, 'record_every', 20, ...
%!                      'record', 'all', 'verbose', false);
%! file = [tempname() '.gif'];
%!test
%! n = il_animate (rec, 'weights', file, 'delay', 50);
%! assert (n, numel (rec.iter));
%! f = fopen (file, 'rb'); bytes = fread (f, Inf, 'uint8=>uint8')'; fclose (f);
%! assert (char (bytes(1:6)), 'GIF89a');
%! assert (bytes(end), uint8 (59));            % the trailer ';'
%! assert (! isempty (strfind (char (bytes), 'NETSCAPE2.0')));
%! % one graphic control block per frame, each with 5 cs
%! assert (numel (strfind (char (bytes), char ([33 249 4 4 5 0]))), numel (rec.iter));
%! [im, map] = imread (file, 'Frames', 'all');
%! assert (size (im, 4), numel (rec.iter));
%! delete (file);
%!test
%! assert (il_animate (rec, 'hist', file, 'layer', 2, 'loop', false), numel (rec.iter));
%! f = fopen (file, 'rb'); bytes = fread (f, Inf, 'uint8=>uint8')'; fclose (f);
%! assert (isempty (strfind (char (bytes), 'NETSCAPE2.0')));
%! delete (file);
%!error id=initlab:badName il_animate (rec, 'wieghts', file)
%!error <layer 4 is out of range 1..3> il_animate (rec, 'weights', file, 'layer', 4)
%!error id=initlab:io il_animate (rec, 'weights', '/nonexistent/dir/w.gif')
%!error <no W> il_animate (rmfield (rec, 'W'), 'weights', file)
%!error id=initlab:badOption il_animate (rec, 'weights', file, 'dealy', 5)
%!error <usage> il_animate (rec, 'weights')

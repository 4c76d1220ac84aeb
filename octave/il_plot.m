## -*- texinfo -*-
## @deftypefn  {} {@var{h} =} il_plot (@var{rec}, @var{what})
## @deftypefnx {} {@var{h} =} il_plot (@var{recs}, @var{what}, @var{option}, @var{value}, @dots{})
## Draws what a recording from il_train shows, in a new figure, and returns
## its handle.  @var{recs} may be a cell of records (compared on one axes
## where that makes sense).  @var{what}:
##
## @table @code
## @item loss
## loss over iterations, one curve per record (e.g. zero vs random vs He)
## @item accuracy
## the same for accuracy
## @item saturation
## the saturated fraction of each layer over iterations
## @item distinct
## the number of distinct units of each layer over iterations
## @item act
## activation mean +- std of each layer over iterations
## @item hist
## activation histograms of each layer at the recorded iterations
## @code{iters} (default: first and last), as in Glorot & Bengio's figures
## @item weights
## a heat map of layer @code{layer}'s [W b] (default 1) at each of
## @code{iters} (default: first and last; needs 'record', 'weights'): the
## identical rows of a zero-initialized layer show as stripes
## @end table
##
## Options: @code{labels} (one per record), @code{layer}, @code{iters},
## @code{title}, @code{scale} (weights: @code{'shared'}, one colour scale
## for every panel so that growth shows, the default; or @code{'each'}, a
## scale per panel, so that the pattern of small weights shows), and
## @code{file}: write the figure to this PNG file and keep
## it invisible (works headless, under octave-cli).
## @example
## il_plot (@{rec_zero, rec_large, rec_he@}, 'loss', 'labels', @{'zeros', 'randn*10', 'He'@}, 'file', 'loss.png');
## @end example
## @seealso{il_train}
## @end deftypefn
function h = il_plot (recs, what, varargin)
  if (nargin < 2)
    print_usage ();
  endif
  if (isstruct (recs))
    recs = {recs};
  endif
  if (! iscell (recs) || ! all (cellfun (@(r) isstruct (r) && isfield (r, 'iter'), recs)))
    error ('initlab:badArg', 'il_plot: rec must be a record from il_train or a cell of them');
  endif
  o = il_options ('il_plot', struct ('labels', {{}}, 'layer', 1, 'iters', [], ...
                                     'title', '', 'file', '', 'scale', 'shared'), varargin);
  il_check ('il_plot', 'what', what, 'string');
  il_check ('il_plot', 'file', o.file, 'string');
  if (! any (strcmp (o.scale, {'shared', 'each'})))
    error ('initlab:badArg', 'il_plot: scale must be ''shared'' or ''each''');
  endif
  labels = o.labels;
  if (isempty (labels))
    labels = arrayfun (@(i) sprintf ('run %d', i), 1:numel (recs), 'UniformOutput', false);
  endif
  if (! iscellstr (labels) || numel (labels) != numel (recs))
    error ('initlab:badArg', 'il_plot: labels must be a cell of %d names', numel (recs));
  endif
  ## octave-cli has only gnuplot, which warns that it is not maintained
  warning ('off', 'Octave:gnuplot-graphics', 'local');
  if (isempty (o.file))
    h = figure ();
  else
    h = figure ('visible', 'off');
  endif
  switch (what)
    case {'loss', 'accuracy'}
      need (recs, what);
      hold on;
      for i = 1:numel (recs)
        plot (recs{i}.iter, recs{i}.(what), 'linewidth', 1.5);
      endfor
      hold off;
      xlim ([0, max(cellfun (@(r) max ([r.iter, 1]), recs))]);
      xlabel ('iteration');  ylabel (what);
      legend (labels);
      if (strcmp (what, 'loss') && all (cellfun (@(r) all (r.loss > 0), recs)))
        set (gca, 'yscale', 'log');
      endif
    case {'saturation', 'distinct', 'dead', 'grad_std', 'act_std', 'update_ratio'}
      per_layer (recs, labels, what);
    case 'act'
      need (recs, 'act_mean');
      rec = recs{1};
      L = rows (rec.act_mean);
      hold on;
      for l = 1:L
        errorbar (rec.iter, rec.act_mean(l, :), rec.act_std(l, :));
      endfor
      hold off;
      xlabel ('iteration');  ylabel ('activation mean +- std');
      legend (arrayfun (@(l) sprintf ('layer %d', l), 1:L, 'UniformOutput', false));
    case 'hist'
      need (recs, 'hist');
      rec = recs{1};
      cols = pick (rec, o.iters);
      L = size (rec.hist, 1);
      centers = (rec.hist_edges(1:end-1) + rec.hist_edges(2:end)) / 2;
      for c = 1:numel (cols)
        subplot (numel (cols), 1, c);
        hold on;
        for l = 1:L
          plot (centers, squeeze (rec.hist(l, :, cols(c))), 'linewidth', 1.5);
        endfor
        hold off;
        title (panel_title (o.title, c, sprintf ('activations at iteration %d', rec.iter(cols(c)))));
        legend (arrayfun (@(l) sprintf ('layer %d', l), 1:L, 'UniformOutput', false));
      endfor
    case 'weights'
      need (recs, 'W');
      rec = recs{1};
      cols = pick (rec, o.iters);
      l = o.layer;
      if (! (isscalar (l) && l >= 1 && l <= numel (rec.W) && l == fix (l)))
        error ('initlab:badArg', 'il_plot: layer must be in 1..%d', numel (rec.W));
      endif
      Wb = [rec.W{l}, reshape(rec.b{l}, rows (rec.b{l}), 1, [])];
      ## room for the panels (and a colour bar beside each, with 'each')
      width = (150 + 120 * strcmp (o.scale, 'each')) * numel (cols) + 120;
      set (h, 'position', [0 0 max(560, width) 420]);
      range = max (abs (Wb(:)));
      range += (range == 0);
      k = columns (rec.W{l});
      for c = 1:numel (cols)
        subplot (1, numel (cols), c);
        if (strcmp (o.scale, 'each'))
          range = max (max (abs (Wb(:, :, cols(c)))));
          range += (range == 0);
        endif
        imagesc (Wb(:, :, cols(c)), [-range range]);
        set (gca, 'xtick', 1:k+1, 'xticklabel', [arrayfun(@num2str, 1:k, 'UniformOutput', false), {'b'}]);
        title (sprintf ('iteration %d', rec.iter(cols(c))));
        if (rows (Wb) <= 20)
          set (gca, 'ytick', 1:rows (Wb));
        endif
        if (c == 1 && isempty (o.title))
          ylabel (sprintf ('layer %d unit', l));
        elseif (c == 1)
          ## the figure's title where it has room (see panel_title)
          ylabel (sprintf ('%s (rows: units)', o.title));
        endif
        xlabel ('input');
      endfor
      if (strcmp (o.scale, 'each'))
        for c = 1:numel (cols)
          colorbar (subplot (1, numel (cols), c));
        endfor
      else
        colorbar ();
      endif
    otherwise
      close (h);
      error ('initlab:badName', ...
             'il_plot: unknown plot ''%s''; expected loss, accuracy, saturation, distinct, dead, grad_std, act_std, update_ratio, act, hist or weights', what);
  endswitch
  if (! isempty (o.title) && ! any (strcmp (what, {'hist', 'weights'})))
    title (o.title);
  endif
  if (! isempty (o.file))
    print (h, '-dpng', '-r100', o.file);
    close (h);
  endif
endfunction

## A panel's title, with the figure's own title in front on the first
## (Octave 7 has no sgtitle, and its gnuplot output drops a second line).
function t = panel_title (figure_title, panel, t)
  if (panel == 1 && ! isempty (figure_title))
    t = [figure_title, ', ', t];
  endif
endfunction

function need (recs, field)
  for i = 1:numel (recs)
    if (! isfield (recs{i}, field))
      error ('initlab:badArg', ...
             'il_plot: the record has no %s; record it with il_train''s ''record'' option', field);
    endif
  endfor
endfunction

## Record columns of the iterations asked for (default first and last).
function cols = pick (rec, iters)
  if (isempty (iters))
    cols = unique ([1, numel(rec.iter)]);
    return;
  endif
  [found, cols] = ismember (iters, rec.iter);
  if (! all (found))
    error ('initlab:badArg', 'il_plot: iteration %d was not recorded', ...
           iters(find (! found, 1)));
  endif
endfunction

function per_layer (recs, labels, field)
  need (recs, field);
  ## one colour per record, one line style per layer
  colours = lines (numel (recs));
  styles = {'-', '--', ':', '-.'};
  hold on;
  for i = 1:numel (recs)
    for l = 1:rows (recs{i}.(field))
      plot (recs{i}.iter, recs{i}.(field)(l, :), 'linewidth', 1.5, ...
            'color', colours(i, :), 'linestyle', styles{mod (l - 1, 4) + 1}, ...
            'displayname', sprintf ('%s, layer %d', labels{i}, l));
    endfor
  endfor
  hold off;
  xlim ([0, max(cellfun (@(r) max ([r.iter, 1]), recs))]);
  xlabel ('iteration');  ylabel (strrep (field, '_', ' '));
  legend ('show', 'location', 'eastoutside');
endfunction

%!test
%! [X, Y] = il_dataset ('xor', 100, 'seed', 1);
%! net = il_net ([2 4 1], {'tanh', 'sigmoid'});
%! [~, rec] = il_train (net, X, Y, 'iters', 20, 'record_every', 10, 'record', 'all', 'verbose', false);
%! [~, rec] = il_train (net, X, Y, 'iters', 20, 'record_every', 10, 'record', {'all', 'weights'}, 'verbose', false);
%! f = [tempname() '.png'];
%! unwind_protect
%!   for what = {'loss', 'saturation', 'distinct', 'act', 'hist', 'weights'}
%!     il_plot (rec, what{1}, 'file', f);
%!     info = imfinfo (f);
%!     assert (info.Width > 100 && info.Height > 100);
%!     delete (f);
%!   endfor
%! unwind_protect_cleanup
%!   if (exist (f, 'file'))
%!     delete (f);
%!   endif
%! end_unwind_protect
%!test
%! [X, Y] = il_dataset ('xor', 50, 'seed', 1);
%! [~, rec] = il_train (il_init (il_net ([2 3 1], 'sigmoid'), 'zeros'), X, Y, 'iters', 10, ...
%!                      'record_every', 5, 'record', 'weights', 'verbose', false);
%! f = [tempname() '.png'];
%! il_plot (rec, 'weights', 'scale', 'each', 'file', f);
%! assert (exist (f, 'file') == 2);
%! delete (f);
%!error <scale must be 'shared' or 'each'> il_plot (struct ('iter', 0, 'loss', 1), 'weights', 'scale', 'own')
%!error <unknown plot 'los'> il_plot (struct ('iter', 0, 'loss', 1), 'los', 'file', [tempname() '.png'])
%!error <has no W> il_plot (struct ('iter', 0, 'loss', 1), 'weights', 'file', [tempname() '.png'])

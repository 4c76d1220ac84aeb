% -*- texinfo -*-
% @deftypefn  {} {@var{h} =} il_plot (@var{rec}, @var{what})
% @deftypefnx {} {@var{h} =} il_plot (@var{recs}, @var{what}, @var{option}, @var{value}, @dots{})
% Draws what a recording from il_train shows, in a new figure, and returns
% its handle.  @var{recs} may be a cell of records (compared on one axes
% where that makes sense).  @var{what}:
%
% @table @code
% @item loss
% loss over iterations, one curve per record (e.g. zero vs random vs He);
% a record with a validation set (@code{il_train}'s @code{'validation'})
% adds its validation loss, dashed, in the same colour (so does
% @code{accuracy})
% @item accuracy
% the same for accuracy
% @item saturation
% the saturated fraction of each layer over iterations
% @item distinct
% the number of distinct units of each layer over iterations
% @item act
% activation mean +- std of each layer over iterations
% @item hist
% activation histograms of each layer at the recorded iterations
% @code{iters} (default: first and last), as in Glorot & Bengio's figures
% @item weights
% a heat map of layer @code{layer}'s [W b] (default 1) at each of
% @code{iters} (default: first and last; needs 'record', 'weights'): the
% identical rows of a zero-initialized layer show as stripes
% @end table
%
% Options: @code{labels} (one per record), @code{layer}, @code{iters},
% @code{title}, @code{scale} (weights: @code{'shared'}, one colour scale
% for every panel so that growth shows, the default; or @code{'each'}, a
% scale per panel, so that the pattern of small weights shows), and
% @code{file}: write the figure to this PNG file and keep
% it invisible (works headless, under octave-cli).
% @example
% il_plot (@{rec_zero, rec_large, rec_he@}, 'loss', 'labels', @{'zeros', 'randn*10', 'He'@}, 'file', 'loss.png');
% @end example
% @seealso{il_train}
% @end deftypefn
function h = il_plot (recs, what, varargin)
  if nargin < 2
    error ('initlab:badArg', 'usage: h = il_plot (rec, what, option, value, ...)');
  end
  if isstruct (recs)
    recs = {recs};
  end
  if ~iscell (recs) || ~all (cellfun (@(r) isstruct (r) && isfield (r, 'iter'), recs))
    error ('initlab:badArg', 'il_plot: rec must be a record from il_train or a cell of them');
  end
  o = plot_options (varargin);
  if ~ischar (what) || size (what, 1) ~= 1
    error ('initlab:badArg', 'il_plot: what must be a string');
  end
  if ~ischar (o.file) || size (o.file, 1) > 1
    error ('initlab:badArg', 'il_plot: file must be a string');
  end
  if ~ischar (o.title) || size (o.title, 1) > 1
    error ('initlab:badArg', 'il_plot: title must be a string');
  end
  if ~ischar (o.scale) || ~any (strcmp (o.scale, {'shared', 'each'}))
    error ('initlab:badArg', 'il_plot: scale must be ''shared'' or ''each''');
  end
  labels = o.labels;
  if (isempty (labels))
    labels = arrayfun (@(i) sprintf ('run %d', i), 1:numel (recs), 'UniformOutput', false);
  end
  if (~iscellstr (labels) || numel (labels) ~= numel (recs))
    error ('initlab:badArg', 'il_plot: labels must be a cell of %d names', numel (recs));
  end
  % octave-cli has only gnuplot, which warns that it is not maintained
  warning ('off', 'Octave:gnuplot-graphics', 'local');
  if (isempty (o.file))
    h = figure ();
  else
    h = figure ('visible', 'off');
  end
  switch (what)
    case {'loss', 'accuracy'}
      need (recs, what);
      hold on;
      names = {};
      colors = get (gca, 'colororder');
      for i = 1:numel (recs)
        c = colors(mod (i - 1, rows (colors)) + 1, :);
        plot (recs{i}.iter, recs{i}.(what), 'linewidth', 1.5, 'color', c);
        names{end+1} = labels{i};
        % a held-out set (il_train's 'validation'): dashed, in the run's colour
        if (isfield (recs{i}, ['val_' what]))
          plot (recs{i}.iter, recs{i}.(['val_' what]), '--', 'linewidth', 1.5, 'color', c);
          names{end+1} = [labels{i} ' (validation)'];
        end
      end
      hold off;
      xlim ([0, max(cellfun (@(r) max ([r.iter, 1]), recs))]);
      xlabel ('iteration');  ylabel (what);
      legend (names);
      if (strcmp (what, 'loss') && all (cellfun (@(r) all (r.loss > 0), recs)))
        set (gca, 'yscale', 'log');
      end
    case {'saturation', 'distinct', 'dead', 'grad_std', 'act_std', 'update_ratio'}
      per_layer (recs, labels, what);
    case 'act'
      need (recs, 'act_mean');
      rec = recs{1};
      L = size (rec.act_mean, 1);
      hold on;
      for l = 1:L
        errorbar (rec.iter, rec.act_mean(l, :), rec.act_std(l, :));
      end
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
        end
        hold off;
        title (panel_title (o.title, c, sprintf ('activations at iteration %d', rec.iter(cols(c)))));
        legend (arrayfun (@(l) sprintf ('layer %d', l), 1:L, 'UniformOutput', false));
      end
    case 'weights'
      need (recs, 'W');
      rec = recs{1};
      cols = pick (rec, o.iters);
      l = o.layer;
      if (~(isscalar (l) && l >= 1 && l <= numel (rec.W) && l == fix (l)))
        error ('initlab:badArg', 'il_plot: layer must be in 1..%d', numel (rec.W));
      end
      Wb = [rec.W{l}, reshape(rec.b{l}, size (rec.b{l}, 1), 1, [])];
      % room for the panels (and a colour bar beside each, with 'each')
      width = (150 + 120 * strcmp (o.scale, 'each')) * numel (cols) + 120;
      set (h, 'position', [0 0 max(560, width) 420]);
      range = max (abs (Wb(:)));
      range = range + (range == 0);
      k = size (rec.W{l}, 2);
      for c = 1:numel (cols)
        subplot (1, numel (cols), c);
        if (strcmp (o.scale, 'each'))
          range = max (max (abs (Wb(:, :, cols(c)))));
          range = range + (range == 0);
        end
        imagesc (Wb(:, :, cols(c)), [-range range]);
        set (gca, 'xtick', 1:k+1, 'xticklabel', [arrayfun(@num2str, 1:k, 'UniformOutput', false), {'b'}]);
        title (sprintf ('iteration %d', rec.iter(cols(c))));
        if (size (Wb, 1) <= 20)
          set (gca, 'ytick', 1:size (Wb, 1));
        end
        if (c == 1 && isempty (o.title))
          ylabel (sprintf ('layer %d unit', l));
        elseif (c == 1)
          % the figure's title where it has room (see panel_title)
          ylabel (sprintf ('%s (rows: units)', o.title));
        end
        xlabel ('input');
      end
      if (strcmp (o.scale, 'each'))
        for c = 1:numel (cols)
          colorbar (subplot (1, numel (cols), c));
        end
      else
        colorbar ();
      end
    otherwise
      close (h);
      error ('initlab:badName', ...
             'il_plot: unknown plot ''%s''; expected loss, accuracy, saturation, distinct, dead, grad_std, act_std, update_ratio, act, hist or weights', what);
  end
  if (~isempty (o.title) && ~any (strcmp (what, {'hist', 'weights'})))
    title (o.title);
  end
  if (~isempty (o.file))
    print (h, '-dpng', '-r100', o.file);
    close (h);
  end
end

% The plot's own options (none of them reaches the engine): name/value
% pairs over the defaults, names matched ignoring case.
function o = plot_options (args)
  o = struct ('labels', {{}}, 'layer', 1, 'iters', [], 'title', '', 'file', '', ...
              'scale', 'shared');
  known = fieldnames (o);
  if mod (numel (args), 2) ~= 0
    error ('initlab:badOption', 'il_plot: options come in name, value pairs; got %d arguments', ...
           numel (args));
  end
  for i = 1:2:numel (args)
    if ~ischar (args{i}) || size (args{i}, 1) ~= 1
      error ('initlab:badOption', 'il_plot: option %d must be a name', (i + 1) / 2);
    end
    hit = find (strcmpi (args{i}, known), 1);
    if isempty (hit)
      error ('initlab:badOption', 'il_plot: unknown option ''%s''; expected one of: %s', ...
             args{i}, strjoin (known', ', '));
    end
    o.(known{hit}) = args{i + 1};
  end
end

% A panel's title, with the figure's own title in front on the first
% (Octave 7 has no sgtitle, and its gnuplot output drops a second line).
function t = panel_title (figure_title, panel, t)
  if (panel == 1 && ~isempty (figure_title))
    t = [figure_title, ', ', t];
  end
end

function need (recs, field)
  for i = 1:numel (recs)
    if (~isfield (recs{i}, field))
      error ('initlab:badArg', ...
             'il_plot: the record has no %s; record it with il_train''s ''record'' option', field);
    end
  end
end

% Record columns of the iterations asked for (default first and last).
function cols = pick (rec, iters)
  if (isempty (iters))
    cols = unique ([1, numel(rec.iter)]);
    return;
  end
  [found, cols] = ismember (iters, rec.iter);
  if (~all (found))
    error ('initlab:badArg', 'il_plot: iteration %d was not recorded', ...
           iters(find (~found, 1)));
  end
end

function per_layer (recs, labels, field)
  need (recs, field);
  % one colour per record, one line style per layer
  colours = lines (numel (recs));
  styles = {'-', '--', ':', '-.'};
  hold on;
  for i = 1:numel (recs)
    for l = 1:size (recs{i}.(field), 1)
      plot (recs{i}.iter, recs{i}.(field)(l, :), 'linewidth', 1.5, ...
            'color', colours(i, :), 'linestyle', styles{mod (l - 1, 4) + 1}, ...
            'displayname', sprintf ('%s, layer %d', labels{i}, l));
    end
  end
  hold off;
  xlim ([0, max(cellfun (@(r) max ([r.iter, 1]), recs))]);
  xlabel ('iteration');  ylabel (strrep (field, '_', ' '));
  legend ('show', 'location', 'eastoutside');
end

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
%! % a validation set adds a dashed curve in its run's colour
%! [X, Y] = il_dataset ('xor', 60, 'seed', 1);
%! [Xv, Yv] = il_dataset ('xor', 30, 'seed', 2);
%! [~, rec] = il_train (il_net ([2 4 1], {'tanh', 'sigmoid'}), X, Y, 'iters', 20, ...
%!                      'record_every', 10, 'validation', {Xv, Yv}, 'verbose', false);
%! set (0, 'defaultfigurevisible', 'off');
%! [~, rec2] = il_train (il_net ([2 4 1], {'tanh', 'sigmoid'}, 'seed', 5), X, Y, 'iters', 20, ...
%!                       'record_every', 10, 'verbose', false);
%! h = il_plot ({rec, rec2}, 'loss', 'labels', {'a', 'b'});
%! unwind_protect
%!   lines = findobj (get (h, 'currentaxes'), 'type', 'line');
%!   assert (numel (lines), 3);
%!   dashed = lines(strcmp (get (lines, 'linestyle'), '--'));
%!   assert (numel (dashed), 1);
%!   assert (get (dashed, 'ydata'), rec.val_loss);
%!   solid = lines(cellfun (@(y) isequal (y, rec.loss), get (lines, 'ydata')));
%!   assert (get (dashed, 'color'), get (solid, 'color'));
%! unwind_protect_cleanup
%!   close (h);
%!   set (0, 'defaultfigurevisible', 'on');
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

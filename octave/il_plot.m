% -*- texinfo -*-
% @deftypefn  {} {@var{h} =} il_plot (@var{rec}, @var{what})
% @deftypefnx {} {@var{h} =} il_plot (@var{recs}, @var{what}, @var{option}, @var{value}, @dots{})
% @deftypefnx {} {@var{h} =} il_plot (@var{nets}, 'boundary', 'X', @var{X}, 'Y', @var{Y}, @dots{})
% @deftypefnx {} {@var{h} =} il_plot (@var{Js}, 'spectrum', @dots{})
% Draws what recordings from il_train show, in a new figure, and returns
% its handle.  @var{recs} may be a cell of records: drawn on one axes, a
% line per record (and per layer), or as small multiples, a panel per
% record with shared axes and colours (hist, weights, boundary).
% @var{what} is one of the engine's plot kinds, the same as Lua's
% @code{il.plot} (@code{__initlab__ ('plots')} lists them):
%
% @table @code
% @item loss, accuracy
% over iterations; a record with a validation set (@code{il_train}'s
% @code{'validation'}) adds it dashed, in the same colour
% @item saturation, sat_low, sat_high, dead
% fractions per layer over iterations
% @item distinct
% the number of distinct units per layer, on an integer axis (1 forever
% under zero init)
% @item grad_std, update_ratio, weight_norm
% per layer, on a log axis when the values span a decade or more
% @item act_mean, act_std, act_min, act_max, act
% activation statistics per layer; @code{act} is the mean with bars at
% +- one std
% @item hist
% activation histograms per layer at the recorded iterations @code{iters}
% (default: first and last), as in Glorot & Bengio's figures
% @item weights
% a heat map of layer @code{layer}'s [W b] (default 1) at each of
% @code{iters} (needs 'record', 'weights'): the identical rows of a
% zero-initialized layer show as stripes
% @item boundary
% the class each network of @var{nets} (a network or a cell of them)
% predicts over the 2-D data @var{X} (2 x m), with the points coloured by
% their targets @var{Y}; the accuracy on (X, Y) in each panel's title
% @item spectrum
% histograms of the singular values (all of @code{J.sv}) of each result
% of @var{Js} (an @code{il_jacobian} result or a cell of them), a panel
% per result over a shared x-axis that takes in 1: log when the values
% are positive and span a decade, and then log-spaced bins (the engine's
% @code{__initlab__ ('histogram', ...)}, the same bins as Lua's); a
% dashed line at 1 (dynamical isometry); each panel's title gives J's
% max and condition
% @end table
%
% Axes: every y-range is padded so that no line sits on the frame (5% of
% the span each side; a constant c gets c +- 10%); counts get an integer
% range (+- 0.5); log axes where the kind says so and the values are
% positive and span a decade; lines of fewer than 30 recorded iterations
% get a marker at each.  Weight colours: blue < 0 (white) < red over
% [-r, r] where, by default (@code{scale} @code{'each'}),
% r = max (max|W| of the panel, 1e-3 x the largest |weight| in the
% figure, 1e-12), so that round-off (1e-45 in a zero-initialized sigmoid
% layer) shows white rather than as structure; @code{'shared'}: the
% largest for every panel.  Each panel's title gives its max|W|.
%
% Options: @code{labels} (one per record or network), @code{layer},
% @code{iters}, @code{title}, @code{scale}, @code{X} and @code{Y}
% (boundary), and @code{file}: write the figure there and keep it
% invisible (works headless), as .png, .svg, .pdf or .eps by the name's
% extension.
% @example
% il_plot (@{rec_zero, rec_large, rec_he@}, 'loss', 'labels', @{'zeros', 'randn*10', 'He'@}, 'file', 'loss.svg');
% il_plot (@{net_zero, net_he@}, 'boundary', 'X', X, 'Y', Y, 'labels', @{'zeros', 'He'@});
% il_plot (@{J_orth, J_normal@}, 'spectrum', 'labels', @{'orthogonal', 'normal'@}, 'file', 'sv.png');
% @end example
% @seealso{il_train}
% @end deftypefn
function h = il_plot (recs, what, varargin)
  if nargin < 2
    error ('initlab:badArg', 'usage: h = il_plot (rec, what, option, value, ...)');
  end
  if ~ischar (what) || size (what, 1) ~= 1
    error ('initlab:badArg', 'il_plot: what must be a string');
  end
  [kinds, rules] = __initlab__ ('plots');
  boundary = strcmp (what, 'boundary');
  spectrum = strcmp (what, 'spectrum');
  if isstruct (recs)
    recs = {recs};
  end
  if boundary
    if ~iscell (recs) || ~all (cellfun (@(n) isstruct (n) && isfield (n, 'W'), recs))
      error ('initlab:badArg', 'il_plot: nets must be a network from il_net or a cell of them');
    end
  elseif spectrum
    if ~iscell (recs) || isempty (recs) || ~all (cellfun (@is_jacobian, recs))
      error ('initlab:badArg', ...
             'il_plot: spectrum needs a result of il_jacobian (a struct with sv, max and condition) or a cell of them');
    end
  elseif ~iscell (recs) || ~all (cellfun (@(r) isstruct (r) && isfield (r, 'iter'), recs))
    error ('initlab:badArg', 'il_plot: rec must be a record from il_train or a cell of them');
  end
  o = plot_options (varargin);
  kind = kinds(strcmp (what, {kinds.name}));
  if isempty (kind)
    error ('initlab:badName', 'il_plot: unknown plot ''%s''; expected %s', what, ...
           strjoin ({kinds.name}, ', '));
  end
  device = file_device (o.file);
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
  if (isempty (o.title))
    o.title = kind.title;
  end
  if (boundary)
    check_data (o.X, o.Y);
  elseif (~spectrum)
    need (recs, kind.field);
  end
  % octave-cli has only gnuplot, which warns that it is not maintained
  warning ('off', 'Octave:gnuplot-graphics', 'local');
  if (isempty (o.file))
    h = figure ();
  else
    h = figure ('visible', 'off');
  end
  try
    if (boundary)
      draw_boundaries (h, recs, labels, o);
    elseif (spectrum)
      draw_spectra (h, recs, labels, o, kind, rules);
    elseif (strcmp (what, 'hist'))
      draw_hists (h, recs, labels, o, kind);
    elseif (strcmp (what, 'weights'))
      draw_weights (h, recs, labels, o, kind);
    else
      draw_lines (h, recs, labels, o, kind, rules);
    end
  catch err
    close (h);
    rethrow (err);
  end
  if (~isempty (o.file))
    % the page is the figure, at 100 pixels an inch
    inches = get (h, 'position')(3:4) / 100;
    set (h, 'paperunits', 'inches', 'papersize', inches, 'paperposition', [0 0 inches]);
    print (h, device{:}, o.file);
    close (h);
  end
end

% The plot's own options (none of them reaches the engine): name/value
% pairs over the defaults, names matched ignoring case.
function o = plot_options (args)
  o = struct ('labels', {{}}, 'layer', 1, 'iters', [], 'title', '', 'file', '', ...
              'scale', 'each', 'X', [], 'Y', []);
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

% print's arguments for the file's type, by its extension.
function device = file_device (file)
  if ~ischar (file) || size (file, 1) > 1
    error ('initlab:badArg', 'il_plot: file must be a string');
  end
  device = {};
  if (isempty (file))
    return;
  end
  [~, ~, ext] = fileparts (file);
  types = {'.png', '.svg', '.pdf', '.eps'};
  % -loose: a tight EPS needs epstool, which Octave does not bring
  devices = {{'-dpng', '-r100'}, {'-dsvg'}, {'-dpdf'}, {'-depsc', '-loose'}};
  hit = find (strcmpi (ext, types), 1);
  if (isempty (hit))
    error ('initlab:badArg', ...
           'il_plot: unknown file type ''%s''; expected .png, .svg, .pdf or .eps', ext);
  end
  device = devices{hit};
end

function need (recs, field)
  for i = 1:numel (recs)
    if (~isfield (recs{i}, field))
      error ('initlab:badArg', ...
             'il_plot: the record has no %s; record it with il_train''s ''record'' option', field);
    end
  end
end

function check_data (X, Y)
  if (~isnumeric (X) || ~isreal (X) || rows (X) ~= 2 || columns (X) < 1)
    error ('initlab:badArg', 'il_plot: boundary needs ''X'', 2-D data as a 2 x m matrix');
  end
  if (~(isnumeric (Y) || islogical (Y)) || columns (Y) ~= columns (X))
    error ('initlab:badArg', 'il_plot: boundary needs ''Y'', the targets of X (one column per sample)');
  end
end

% The engine's padded limits for values under rule, and whether log.
function [lim, logy] = limits (values, rule)
  [lo, hi, logy] = __initlab__ ('axis_range', double (values(:)'), rule);
  lim = [lo, hi];
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


% Lines over iterations: a colour per layer for one record; a colour per
% record and a line style per layer for several.  Markers where sparse.
function draw_lines (h, recs, labels, o, kind, rules)
  set (h, 'position', [0 0 800 500]);
  colours = get (gca, 'colororder');
  styles = {'-', '--', ':', '-.'};
  hold on;
  values = [];
  iters = [];
  for i = 1:numel (recs)
    r = recs{i};
    y = r.(kind.field);
    iters = [iters, r.iter(:)'];
    marker = 'none';
    if (numel (r.iter) < rules.markers_below)
      marker = 'o';
    end
    for l = 1:rows (y)
      if (numel (recs) == 1)
        c = colours(mod (l - 1, rows (colours)) + 1, :);
        style = '-';
      else
        c = colours(mod (i - 1, rows (colours)) + 1, :);
        style = styles{mod (l - 1, 4) + 1};
      end
      name = labels{i};
      if (kind.per_layer)
        name = sprintf ('%s, layer %d', labels{i}, l);
      end
      if (~isempty (kind.field2))
        need ({r}, kind.field2);
        e = r.(kind.field2)(l, :);
        bars = errorbar (r.iter, y(l, :), e, style);
        set (bars, 'color', c, 'linewidth', 1.5, 'displayname', name);
        values = [values, y(l, :) - e, y(l, :) + e];
      else
        plot (r.iter, y(l, :), 'linestyle', style, 'color', c, 'linewidth', 1.5, ...
              'marker', marker, 'markersize', 4, 'displayname', name);
        values = [values, y(l, :)];
      end
      if (~isempty (kind.validation) && isfield (r, kind.validation))
        plot (r.iter, r.(kind.validation)(l, :), 'linestyle', '--', 'color', c, ...
              'linewidth', 1.5, 'marker', marker, 'markersize', 4, ...
              'displayname', [name ' (validation)']);
        values = [values, r.(kind.validation)(l, :)];
      end
    end
  end
  hold off;
  [ylim_, logy] = limits (values, kind.axis);
  if (logy)
    set (gca, 'yscale', 'log');
  end
  ylim (ylim_);
  xlim (limits (iters, 'linear'));
  if (strcmp (kind.axis, 'integer'))
    step = max (1, ceil ((ylim_(2) - ylim_(1)) / 10));
    set (gca, 'ytick', ceil (ylim_(1)):step:floor (ylim_(2)));
  end
  xlabel ('iteration');  ylabel (kind.ylabel);
  title (o.title);
  legend ('show', 'location', 'eastoutside');
end

function draw_hists (h, recs, labels, o, kind)
  panels = {};
  values = [];
  need (recs, kind.field2);
  for i = 1:numel (recs)
    cols = pick (recs{i}, o.iters);
    for j = 1:numel (cols)
      panels{end+1} = [i, cols(j), j];
      values = [values, reshape(recs{i}.hist(:, :, cols(j)), 1, [])];
    end
  end
  lim = limits (values, kind.axis);
  nr = numel (recs);
  nc = max (cellfun (@(q) q(3), panels));
  set (h, 'position', [0 0 max(560, 420 * nc) 340 * nr]);
  for p = 1:numel (panels)
    r = recs{panels{p}(1)};
    c = panels{p}(2);
    subplot (nr, nc, (panels{p}(1) - 1) * nc + panels{p}(3));
    edges = r.(kind.field2);
    centers = (edges(1:end-1) + edges(2:end)) / 2;
    hold on;
    for l = 1:rows (r.hist)
      plot (centers, squeeze (r.hist(l, :, c)), 'linewidth', 1.5, ...
            'displayname', sprintf ('layer %d', l));
    end
    hold off;
    ylim (lim);
    xlim ([edges(1), edges(end)]);
    title (sprintf ('%s: %s, iteration %d', o.title, labels{panels{p}(1)}, r.iter(c)));
    xlabel ('activation');  ylabel (kind.ylabel);
    legend ('show');
  end
end

function draw_weights (h, recs, labels, o, kind)
  panels = {};
  reference = 0;
  l = o.layer;
  need (recs, kind.field2);
  for i = 1:numel (recs)
    r = recs{i};
    if (~(isscalar (l) && l >= 1 && l <= numel (r.W) && l == fix (l)))
      error ('initlab:badArg', 'il_plot: layer must be in 1..%d', numel (r.W));
    end
    cols = pick (r, o.iters);
    for j = 1:numel (cols)
      Wb = [r.W{l}(:, :, cols(j)), r.b{l}(:, :, cols(j))];
      panels{end+1} = {Wb, sprintf('%s, iteration %d', labels{i}, r.iter(cols(j))), ...
                       i, j};
      reference = max (reference, max (abs (Wb(:))));
    end
  end
  nr = numel (recs);
  nc = max (cellfun (@(q) q{4}, panels));
  set (h, 'position', [0 0 max(560, 400 * nc) 360 * nr]);
  set (h, 'colormap', __initlab__ ('palette', 255));
  for p = 1:numel (panels)
    Wb = panels{p}{1};
    top = max (abs (Wb(:)));
    if (strcmp (o.scale, 'shared'))
      top = reference;
    end
    range = __initlab__ ('color_range', top, reference);
    subplot (nr, nc, (panels{p}{3} - 1) * nc + panels{p}{4});
    imagesc (Wb, [-range range]);
    k = columns (Wb) - 1;
    if (k <= 20)
      set (gca, 'xtick', 1:k+1, 'xticklabel', [arrayfun(@num2str, 1:k, 'UniformOutput', false), {'b'}]);
    end
    if (rows (Wb) <= 20)
      set (gca, 'ytick', 1:rows (Wb));
    end
    title (sprintf ('%s, max|W| %.3g', panels{p}{2}, max (abs (Wb(:)))));
    xlabel ('input (last: bias)');
    ylabel (sprintf ('layer %d %s', l, kind.ylabel));
    colorbar ();
  end
end

function yes = is_jacobian (J)
  yes = isstruct (J) && isscalar (J) && all (isfield (J, {'sv', 'max', 'condition'})) ...
        && isnumeric (J.sv) && isreal (J.sv) && ~isempty (J.sv);
end

% The engine's bins of the singular values: the same edges over all the
% results (and 1), each result's counts.
function [edges, counts, logx] = spectrum_bins (Js, kind, rules)
  over = [cell2mat(cellfun (@(J) double (J.sv(:)'), Js, 'UniformOutput', false)), 1];
  counts = zeros (numel (Js), rules.spectrum_bins);
  for i = 1:numel (Js)
    [edges, counts(i, :), logx] = __initlab__ ('histogram', double (Js{i}.sv(:)'), over, ...
                                               kind.axis, rules.spectrum_bins);
  end
end

% A panel per Jacobian result, stacked on a shared x-axis: each a filled
% histogram outline, a dashed line at 1 (isometry).
function draw_spectra (h, Js, labels, o, kind, rules)
  [edges, counts, logx] = spectrum_bins (Js, kind, rules);
  [~, top] = __initlab__ ('axis_range', [0, counts(:)'], 'linear');
  n = numel (Js);
  set (h, 'position', [0 0 800 max(440, 260 * n)]);
  colours = get (0, 'defaultaxescolororder');
  x = reshape ([edges; edges], 1, []);
  for p = 1:n
    subplot (n, 1, p);
    y = [0, reshape([counts(p, :); counts(p, :)], 1, []), 0];
    c = colours(mod (p - 1, rows (colours)) + 1, :);
    patch (x, y, 0.4 * c + 0.6, 'edgecolor', c, 'linewidth', 1);
    hold on;
    plot ([1 1], [0 top], '--k', 'linewidth', 1.5);
    hold off;
    if (logx)
      % a tick per decade, or per few decades when they are many
      d = ceil (log10 (edges(1))):floor (log10 (edges(end)));
      d = d(mod (d, ceil (numel (d) / 8)) == 0);
      set (gca, 'xscale', 'log', 'xtick', 10 .^ d);
    end
    xlim ([edges(1), edges(end)]);
    ylim ([0, top]);
    J = Js{p};
    title (sprintf ('%s: %s, max %.3g, condition %.3g', o.title, labels{p}, J.max, J.condition));
    ylabel (kind.ylabel);
    if (p == n)
      xlabel ('singular value (dashed: 1, isometry)');
    end
  end
end

% The class of each column: above 0.5 (one row) or the largest entry.
function k = classes_of (out)
  if (rows (out) == 1)
    k = double (out > 0.5) + 1;
  else
    [~, k] = max (out, [], 1);
  end
end

function draw_boundaries (h, nets, labels, o)
  X = double (o.X);
  Y = double (o.Y);
  truth = classes_of (Y);
  n_classes = max (2, rows (Y));
  % class c's points from blue to red along the palette; its region a tint
  t = linspace (-1, 1, n_classes);
  map = __initlab__ ('palette', 201);
  strong = map(round ((t + 1) * 100) + 1, :);
  pale = map(round ((0.3 * t + 1) * 100) + 1, :);
  xl = limits (X(1, :), 'linear');
  yl = limits (X(2, :), 'linear');
  steps = 150;
  gx = linspace (xl(1), xl(2), steps);
  gy = linspace (yl(1), yl(2), steps);
  [mx, my] = meshgrid (gx, gy);
  nc = min (numel (nets), 3);
  nr = ceil (numel (nets) / nc);
  set (h, 'position', [0 0 max(560, 430 * nc) 430 * nr]);
  for p = 1:numel (nets)
    subplot (nr, nc, p);
    k = reshape (classes_of (il_forward (nets{p}, [mx(:)'; my(:)'])), steps, steps);
    image (gx, gy, reshape (pale(k, :), steps, steps, 3));
    axis xy;
    hold on;
    for c = 1:n_classes
      plot (X(1, truth == c), X(2, truth == c), 'o', 'markersize', 3, ...
            'markerfacecolor', strong(c, :), 'markeredgecolor', strong(c, :) * 0.6, ...
            'displayname', sprintf ('class %d', c - (rows (Y) == 1)));
    end
    hold off;
    xlim (xl);  ylim (yl);
    title (sprintf ('%s: accuracy %.1f%%', labels{p}, 100 * il_accuracy (nets{p}, X, Y)));
    xlabel ('x1');  ylabel ('x2');
    legend ('show', 'location', 'southoutside', 'orientation', 'horizontal');
  end
end

%!shared rec0, rec1, net0, net1, X, Y, J0, J1
%! [X, Y] = il_dataset ('xor', 60, 'seed', 1);
%! [Xv, Yv] = il_dataset ('xor', 30, 'seed', 2);
%! [net1, rec1] = il_train (il_net ([2 4 1], {'tanh', 'sigmoid'}), X, Y, 'iters', 20, ...
%!                          'record_every', 10, 'record', {'all', 'weights'}, ...
%!                          'validation', {Xv, Yv}, 'verbose', false);
%! [net0, rec0] = il_train (il_init (il_net ([2 4 1], 'sigmoid'), 'zeros'), X, Y, 'iters', 20, ...
%!                          'record_every', 10, 'record', {'all', 'weights'}, 'verbose', false);
%! J0 = il_jacobian (net0, X);  J1 = il_jacobian (net1, X);
%!test
%! % every engine kind is documented and drawn with several records; the
%! % formats take turns, so each is written for a quarter of the kinds (Lua's
%! % plot_spec draws every kind in every format: Octave's print is slower)
%! kinds = __initlab__ ('plots');
%! text = help ('il_plot');
%! signs = struct ('png', char ([137 80 78 71]), 'svg', '<svg', 'pdf', '%PDF', 'eps', '%!PS');
%! base = tempname ();
%! unwind_protect
%!   for k = 1:numel (kinds)
%!     what = kinds(k).name;
%!     assert (~isempty (regexp (text, ['\<' what '\>'], 'once')), what);
%!     formats = {'png', 'svg', 'pdf', 'eps'};
%!     for ext = formats(mod (k - 1, 4) + 1)
%!       f = [base '.' ext{1}];
%!       if (strcmp (what, 'boundary'))
%!         il_plot ({net0, net1}, what, 'X', X, 'Y', Y, 'labels', {'zeros', 'He'}, 'file', f);
%!       elseif (strcmp (what, 'spectrum'))
%!         il_plot ({J0, J1}, what, 'labels', {'zeros', 'He'}, 'file', f);
%!       else
%!         il_plot ({rec0, rec1}, what, 'labels', {'zeros', 'He'}, 'file', f);
%!       end
%!       fid = fopen (f, 'r');  bytes = fread (fid, Inf, 'uint8=>char')';  fclose (fid);
%!       delete (f);
%!       assert (numel (bytes) > 3000, [what '.' ext{1}]);
%!       assert (~isempty (strfind (bytes(1:min (end, 400)), signs.(ext{1}))), [what '.' ext{1}]);
%!     end
%!   end
%! unwind_protect_cleanup
%!   for ext = {'png', 'svg', 'pdf', 'eps'}
%!     if (exist ([base '.' ext{1}], 'file'))
%!       delete ([base '.' ext{1}]);
%!     end
%!   end
%! end_unwind_protect
%!test
%! % several records draw more than one: small multiples and overlays
%! f1 = [tempname() '.png'];  f2 = [tempname() '.png'];
%! for what = {'weights', 'hist', 'distinct'}
%!   il_plot (rec1, what{1}, 'file', f1);
%!   il_plot ({rec0, rec1}, what{1}, 'file', f2);
%!   a = imfinfo (f1);  b = imfinfo (f2);
%!   assert (~isequal ([a.Width a.Height a.FileSize], [b.Width b.Height b.FileSize]), what{1});
%!   delete (f1);  delete (f2);
%! end
%! il_plot (net1, 'boundary', 'X', X, 'Y', Y, 'file', f1);
%! il_plot ({net0, net1}, 'boundary', 'X', X, 'Y', Y, 'file', f2);
%! assert (imfinfo (f2).Width > imfinfo (f1).Width);
%! delete (f1);  delete (f2);
%!test
%! % honest axes: a zero-init record's one distinct unit lies inside the
%! % frame on an integer axis; sparse records get markers; validation dashed
%! set (0, 'defaultfigurevisible', 'off');
%! h = il_plot ({rec0, rec1}, 'distinct');
%! unwind_protect
%!   ax = get (h, 'currentaxes');
%!   assert (get (ax, 'ylim'), [0.5 4.5]);
%!   assert (all (get (ax, 'ytick') == fix (get (ax, 'ytick'))));
%!   lines = findobj (ax, 'type', 'line');
%!   assert (all (strcmp (get (lines, 'marker'), 'o')));
%! unwind_protect_cleanup
%!   close (h);
%! end_unwind_protect
%! h = il_plot ({rec1, rec0}, 'loss', 'labels', {'a', 'b'});
%! unwind_protect
%!   lines = findobj (get (h, 'currentaxes'), 'type', 'line');
%!   assert (numel (lines), 3);
%!   dashed = lines(strcmp (get (lines, 'linestyle'), '--'));
%!   assert (get (dashed, 'ydata'), rec1.val_loss);
%!   solid = lines(cellfun (@(y) isequal (y, rec1.loss), get (lines, 'ydata')));
%!   assert (get (dashed, 'color'), get (solid, 'color'));
%!   yl = get (get (h, 'currentaxes'), 'ylim');
%!   all_loss = [rec1.loss, rec1.val_loss, rec0.loss];
%!   assert (yl(1) < min (all_loss) && yl(2) > max (all_loss));
%! unwind_protect_cleanup
%!   close (h);
%!   set (0, 'defaultfigurevisible', 'on');
%! end_unwind_protect
%!test
%! % round-off weights (~1e-45) next to ordinary ones get a colour range of
%! % 1e-3 of the figure's largest weight: they show white, whatever pattern
%! % they hold
%! W = {cat(3, 1e-45 * [1 -1; 1 1], 2 * [1 -1; 0.5 1])};
%! b = {cat(3, [0; 0], [0.1; -0.2])};
%! r1 = struct ('iter', [0 1], 'W', {W}, 'b', {b});
%! W{1}(:, :, 1) = 1e-45 * [-1 1; -1 -1];
%! r2 = struct ('iter', [0 1], 'W', {W}, 'b', {b});
%! set (0, 'defaultfigurevisible', 'off');
%! h = il_plot (r1, 'weights');
%! unwind_protect
%!   ax = findobj (h, 'type', 'axes', '-not', 'tag', 'colorbar');
%!   clims = sort (cellfun (@(c) c(2), get (ax, 'clim')));
%!   assert (clims, [2e-3; 2], 1e-15);
%!   map = get (h, 'colormap');
%!   assert (map((rows (map) + 1) / 2, :), [1 1 1]);
%!   titles = cellfun (@(t) get (t, 'string'), get (ax, 'title'), 'UniformOutput', false);
%!   assert (any (~cellfun (@isempty, strfind (titles, 'max|W| 1e-45'))));
%! unwind_protect_cleanup
%!   close (h);
%!   set (0, 'defaultfigurevisible', 'on');
%! end_unwind_protect
%! f1 = [tempname() '.png'];  f2 = [tempname() '.png'];
%! il_plot (r1, 'weights', 'file', f1);
%! il_plot (r2, 'weights', 'file', f2);
%! a = imread (f1);  c = imread (f2);
%! delete (f1);  delete (f2);
%! assert (isequal (a, c));
%!error <scale must be 'shared' or 'each'> il_plot (struct ('iter', 0, 'loss', 1), 'weights', 'scale', 'own')
%!error <unknown plot 'los'; expected loss, accuracy> il_plot (struct ('iter', 0, 'loss', 1), 'los', 'file', [tempname() '.png'])
%!error <has no W> il_plot (struct ('iter', 0, 'loss', 1), 'weights', 'file', [tempname() '.png'])
%!error <unknown file type '.jpg'; expected .png, .svg, .pdf or .eps> il_plot (struct ('iter', 0, 'loss', 1), 'loss', 'file', 'x.jpg')
%!error <boundary needs 'X'> il_plot (il_net ([2 1], 'sigmoid'), 'boundary', 'file', 'x.png')
%!error <nets must be a network> il_plot (struct ('iter', 0), 'boundary', 'X', [0; 0], 'Y', 1)
%!error <spectrum needs a result of il_jacobian \(a struct with sv, max and condition\)> il_plot (struct ('iter', 0, 'loss', 1), 'spectrum', 'file', [tempname() '.png'])
%!error <spectrum needs a result of il_jacobian> il_plot ({struct('sv', 1, 'max', 1, 'condition', 1), il_net([2 1], 'tanh')}, 'spectrum')
%!error <spectrum needs a result of il_jacobian> il_plot ({}, 'spectrum')
%!test
%! % spectrum: deep tanh nets' Jacobians, orthogonal against normal, as PNG
%! % and SVG; one result and three differ
%! L = 100 * ones (1, 11);
%! Jo = il_jacobian (il_init (il_net (L, 'tanh'), 'orthogonal', 'seed', 1), randn (100, 5));
%! Jn = il_jacobian (il_init (il_net (L, 'tanh'), 'normal', 'std', 1/10, 'seed', 1), randn (100, 5));
%! signs = struct ('png', char ([137 80 78 71]), 'svg', '<svg');
%! for ext = {'png', 'svg'}
%!   f = [tempname() '.' ext{1}];
%!   il_plot ({Jo, Jn}, 'spectrum', 'labels', {'orthogonal', 'normal'}, 'file', f);
%!   fid = fopen (f, 'r');  bytes = fread (fid, Inf, 'uint8=>char')';  fclose (fid);
%!   delete (f);
%!   assert (numel (bytes) > 10000, ext{1});
%!   assert (~isempty (strfind (bytes(1:min (end, 400)), signs.(ext{1}))), ext{1});
%! end
%! f1 = [tempname() '.png'];  f3 = [tempname() '.png'];
%! il_plot (Jo, 'spectrum', 'file', f1);
%! il_plot ({Jo, Jn, Jo}, 'spectrum', 'file', f3);
%! assert (imfinfo (f3).Height > imfinfo (f1).Height);
%! delete (f1);  delete (f3);
%!test
%! % spectrum's bins are the engine's: the edges over both results and 1,
%! % log-spaced, each result's counts; tests/lua/plot_spec.lua and
%! % tests/c/test_figure.c assert these same literals for Lua and C
%! JA = struct ('sv', [0.4 3; 0.05 0.9; 0.001 0.2], 'max', 3, 'mean_sq', 1, 'condition', 3000);
%! JB = struct ('sv', [2; 1.5; 0.7], 'max', 2, 'mean_sq', 1, 'condition', 2 / 0.7);
%! set (0, 'defaultfigurevisible', 'off');
%! h = il_plot ({JA, JB}, 'spectrum', 'labels', {'a', 'b'});
%! unwind_protect
%!   ax = findobj (h, 'type', 'axes');
%!   titles = cellfun (@(t) get (t, 'string'), get (ax, 'title'), 'UniformOutput', false);
%!   a = ax(strcmp (titles, 'Jacobian singular values: a, max 3, condition 3e+03'));
%!   b = ax(strcmp (titles, 'Jacobian singular values: b, max 2, condition 2.86'));
%!   assert (numel (a) == 1 && numel (b) == 1);
%!   span = log10 (3) + 3;
%!   for p = {a, b}
%!     x = get (findobj (p{1}, 'type', 'patch'), 'xdata')(:)';
%!     edges = x(1:2:end);
%!     assert (numel (edges), 41);
%!     assert (edges([1 end]), [10^(-3 - 0.05 * span), 3 * 10^(0.05 * span)], -1e-12);
%!     assert (diff (log10 (edges)), repmat (1.1 * span / 40, 1, 40), 1e-12);
%!     assert (get (p{1}, 'xscale'), 'log');
%!     assert (get (p{1}, 'xlim'), edges([1 end]));
%!     dashed = findobj (p{1}, 'type', 'line', 'linestyle', '--');
%!     assert (get (dashed, 'xdata'), [1 1]);
%!   end
%!   y = get (findobj (a, 'type', 'patch'), 'ydata')(:)';
%!   counts = y(2:2:end-1);
%!   assert (find (counts), [2 20 26 30 33 39]);
%!   assert (sum (counts), 6);
%!   y = get (findobj (b, 'type', 'patch'), 'ydata')(:)';
%!   assert (find (y(2:2:end-1)), [32 36 37]);
%!   [e, c] = __initlab__ ('histogram', JA.sv(:)', [JA.sv(:)', JB.sv(:)', 1], 'log', 40);
%!   assert (e, edges);
%!   assert (c, counts);
%! unwind_protect_cleanup
%!   close (h);
%!   set (0, 'defaultfigurevisible', 'on');
%! end_unwind_protect
%!test
%! % the rules arrive as the engine's numbers (the values help il_plot states)
%! [kinds, rules] = __initlab__ ('plots');
%! assert ([rules.markers_below rules.color_relative rules.color_absolute ...
%!          rules.axis_pad rules.axis_decades], [30 1e-3 1e-12 0.05 10]);
%! assert (islogical ([kinds.per_layer]));

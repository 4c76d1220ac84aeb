% -*- texinfo -*-
% @deftypefn {} {@var{n} =} gen_bad_inputs (@var{file})
% Writes the Octave bad-input suite to @var{file}, a test file of %!error
% and %!test blocks, and returns how many calls it makes.  Nothing here is
% written by hand per option: the options come from the engine's own
% tables (__initlab__ ('options', call)), and each gets the wrong values
% its type calls for - wrong classes (char, cell, struct, logical, complex,
% sparse, function handles, N-d arrays, char matrices), NaN, +-Inf, values
% past its range, negative and non-integer counts, huge numbers (1e9, 1e12,
% 2^53, 2^62), unknown names, misspelled option names and missing values -
% with the error identifier the contract gives each: a wrong type is
% initlab:badArg, a value out of range initlab:badValue, an unknown option
% initlab:badOption, an unknown name initlab:badName.  Where accepting is
% right (single, integer and logical classes of a good value; option names
% in another case) the case asserts the answer equals the double one.
% Then the positional arguments of every il_* function (networks, X, Y,
% names, counts) the same way, the defects issue 8 lists, and at the end a
% normal il_train whose result is checked: the session goes on working.
% @end deftypefn
function n = gen_bad_inputs (file)
  cases = {};
  % the call of each table, with the option as a name/value pair.  TRAIN
  % asks for the record, so that recording options are checked too; and
  % every call that can be large records or draws under a cap of 1 MB, so
  % that a count that is huge but in range is refused as initlab:tooBig
  % before anything runs, rather than run for hours
  templates = struct ( ...
    'net', 'il_net ([2 4 1], {''tanh'', ''sigmoid''}, %s)', ...
    'init', 'il_init (net, ''he'', %s)', ...
    'train', ['[~, r] = il_train (net, X, Y, ''iters'', 2, ''verbose'', false, ' ...
              '''record_every'', 1, ''max_bytes'', 1e6, ''progress_every'', 0, %s)'], ...
    'stats', 'il_stats (net, X, Y, ''max_bytes'', 1e6, %s)', ...
    'dataset', 'il_dataset (''circles'', 20, ''max_bytes'', 1e6, %s)', ...
    'gain', 'il_gain (''leaky_relu'', 0.5, %s)', ...
    'evaluate', 'il_accuracy (net, X, Y, %s)', ...
    'cost', 'il_cost (net, X, Y, %s)', ...
    'rand', 'il_rand (''xoshiro'', 1, %s)', ...
    'draw', 'il_rand (g, ''uniform'', 2, 3, %s)', ...
    'report', 'il_report (il_stats (net, X, Y), fullfile (tempdir (), ''il_bad_report.html''), %s)');
  % what a huge count in range does: these hit the cap, epochs gives way to
  % the iters given, the others cost nothing
  huge_result = struct ('iters', 'initlab:tooBig', 'hist_bins', 'initlab:tooBig', ...
                        'n', 'initlab:tooBig', 'epochs', 'ok');
  calls = fieldnames (templates);
  for c = 1:numel (calls)
    call = calls{c};
    opts = __initlab__ ('options', call);
    for i = 1:numel (opts)
      o = opts(i);
      tmpl = template_for (templates, call, o.name);
      for v = values_for (o, call)
        [val, expect] = v{1}{:};
        code = sprintf (tmpl, sprintf ('''%s'', %s', o.name, val));
        if strncmp (expect, 'same:', 5)
          twin = sprintf (tmpl, sprintf ('''%s'', %s', o.name, expect(6:end)));
          cases{end+1} = same_case (code, twin); %#ok<AGROW>
        else
          cases{end+1} = make_case (code, expect); %#ok<AGROW>
        end
      end
      % huge counts in range: harmless ones run, the others hit the cap
      if any (strcmp (o.type, {'count', 'seed'}))
        for h = {'1e9', '1e12', '2^53', '2^62'}
          [lo, hi] = range_of (o);
          x = eval (h{1});
          if x < lo || x > hi
            continue;  % values_for has these
          end
          expect = 'ok';
          if isfield (huge_result, o.name)
            expect = huge_result.(o.name);
          end
          cases{end+1} = make_case (sprintf (tmpl, ...
                                    sprintf ('''%s'', %s', o.name, h{1})), expect); %#ok<AGROW>
        end
      end
      % the name misspelled, in another case, and without its value
      if ~strcmp (call, 'gain')
        cases{end+1} = make_case (sprintf (tmpl, ...
                                  sprintf ('''%sx'', 1', o.name)), 'initlab:badOption'); %#ok<AGROW>
        cases{end+1} = make_case (strrep (sprintf (tmpl, ...
                                  sprintf ('''%s''', o.name)), ', )', ')'), 'initlab:badOption'); %#ok<AGROW>
        good = good_value (o, call);
        if ~isempty (good)
          cases{end+1} = same_case (sprintf (tmpl, ...
                                    sprintf ('''%s'', %s', upper (o.name), good)), ...
                                    sprintf (tmpl, ...
                                    sprintf ('''%s'', %s', o.name, good))); %#ok<AGROW>
        end
      end
    end
    % option names that are not names, and a lone value (il_rand's draws
    % take the numbers after the distribution as the size)
    if ~any (strcmp (call, {'gain', 'draw'}))
      for bad = {'42', '{''iters''}', 'struct (''a'', 1)', '@sin'}
        cases{end+1} = make_case (sprintf (templates.(call), [bad{1} ', 1']), ...
                                  'initlab:badOption'); %#ok<AGROW>
      end
    end
  end
  cases = [cases, positional_cases(), network_cases(), regression_cases(), rand_cases(), ...
           animate_cases()];
  write_file (file, cases);
  n = numel (cases) + 1;
end

% The call that takes option NAME: il_init's with an initializer that reads
% it, since the engine refuses an option no initializer of the call reads.
function t = template_for (templates, call, name)
  t = templates.(call);
  readers = struct ('a', '''uniform'', ''b'', 10', 'b', '''uniform''', ...
                    'mean', '''normal''', 'std', '''normal''', 'value', '''constant''', ...
                    'scale', '''scaled_normal''', 'fraction', '''sparse''', ...
                    'matrix', '''matrix''', 'X', '''nguyen_widrow''', ...
                    'tol', '''lsuv'', ''X'', X', 'max_trials', '''lsuv'', ''X'', X', ...
                    'sigma_b2', '''critical''');
  if strcmp (call, 'init') && isfield (readers, name)
    t = strrep (t, '''he''', readers.(name));
  end
  if strcmp (call, 'draw') && any (strcmp (name, {'mean', 'std'}))
    t = strrep (t, '''uniform''', '''normal''');
  end
end

% {value text, expected outcome} pairs for option o of call.
function vals = values_for (o, call)
  wrong = {'''abc''', '{1}', 'struct (''a'', 1)', 'true', 'complex (1, 1)', ...
           'sparse (1)', '@sin', '[]', '[1 2]', 'ones (1, 1, 2)', '[''ab''; ''cd'']', '{}'};
  vals = {};
  [lo, hi, lo_open, hi_open] = range_of (o);
  switch o.type
    case {'number', 'count', 'seed'}
      vals = pairs (wrong, 'initlab:badArg');
      nan_ok = strcmp (call, 'gain');  % NaN: the activation's own parameter
      vals = [vals, pairs({'NaN'}, ifelse (nan_ok, 'ok', 'initlab:badValue'))];
      vals = [vals, pairs({'Inf', '-Inf'}, 'initlab:badValue')];
      if strcmp (o.type, 'seed')
        vals = [vals, pairs({'-1', '1.5', '2^64', '1e30'}, 'initlab:badValue')];
      else
        if lo > -realmax
          vals{end+1} = {num(lo - max (1, abs (lo)) * ~lo_open), 'initlab:badValue'};
        end
        if hi < realmax
          vals{end+1} = {num(hi * (1 + ~hi_open) + ~hi_open), 'initlab:badValue'};
        end
        if strcmp (o.type, 'count')
          vals = [vals, pairs({'-1', '2.5'}, 'initlab:badValue')];
        end
        % (the last two as literals: Octave 7 keeps them as integers)
        for h = {'1e9', '1e12', '2^53', '2^62', '4611686018427387904', '9007199254740993'}
          x = eval (h{1});
          if x > hi
            vals{end+1} = {h{1}, 'initlab:badValue'}; %#ok<AGROW>
          elseif strcmp (o.type, 'number')
            vals{end+1} = {h{1}, 'ok_or_initlab'}; %#ok<AGROW>
          end
        end
      end
      good = good_value (o, call);
      if ~isempty (good)
        for cls = {'single', 'int8', 'int32', 'uint64'}
          x = eval (good);
          if ~strcmp (cls{1}, 'single') && (x ~= fix (x) || x > 127)
            continue;  % an integer class would round it
          end
          twin = sprintf ('same:double (%s (%s))', cls{1}, good);
          vals{end+1} = {sprintf('%s (%s)', cls{1}, good), twin}; %#ok<AGROW>
        end
      end
    case 'bool'
      vals = [pairs({'''abc''', '2', '-1', '[]', '[1 0]', 'NaN', '{true}', ...
                     'struct (''a'', 1)', 'complex (1, 1)', '@sin'}, 'initlab:badArg'), ...
              {{'int8 (1)', 'same:true'}, {'single (0)', 'same:false'}, {'0', 'same:false'}}];
    case 'name'
      names = strsplit (o.names, ', ');
      vals = [pairs({'5', '{''x''}', 'struct (''a'', 1)', '[''ab''; ''cd'']', '@sin', ...
                     'true', '[]', 'complex (1, 1)'}, 'initlab:badArg'), ...
              pairs({'''nosuch''', '''''', sprintf('''%s''', upper (names{end}))}, ...
                    'initlab:badName')];
    case 'names'
      names = strsplit (o.names, ', ');
      g = sprintf ('''%s''', names{1});
      if strcmp (call, 'init')
        g = '''zeros''';
      end
      vals = [pairs({'5', 'struct (''a'', 1)', '{1}', sprintf('{%s, 5}', g), '@sin', ...
                     'true', '[''ab''; ''cd'']'}, 'initlab:badArg'), ...
              pairs({'''nosuch''', sprintf('{%s, ''nosuch''}', g)}, 'initlab:badName'), ...
              {{'{}', 'initlab:badSize'}}];
      if strcmp (call, 'net') || strcmp (call, 'init')
        vals{end+1} = {sprintf('{%s, %s, %s}', g, g, g), 'initlab:badSize'};
      end
    case 'names_or_number'
      vals = [pairs({'struct (''a'', 1)', '@sin', 'true', 'complex (1, 1)', '[1 2]', ...
                     '{1}'}, 'initlab:badArg'), ...
              pairs({'NaN', 'Inf'}, 'initlab:badValue'), ...
              {{'''nosuch''', 'initlab:badName'}, {'{}', 'initlab:badSize'}, ...
               {'{''zeros'', ''ones'', ''ones''}', 'initlab:badSize'}, ...
               {'int8 (2)', 'same:2'}}];
    case 'vector'
      vals = pairs({'''abc''', '{''a'', ''b''}', 'struct (''a'', 1)', 'sparse ([1 2])', ...
                    'complex ([1 2], [1 1])', 'ones (2, 2)', '@sin', 'ones (1, 1, 2)', ...
                    '{1, ''a''}'}, 'initlab:badArg');
      % a logical vector is its 0/1 numbers ([1 1] is no hist_range, and
      % sizes take one more than two layers)
      logical_vector = {'true (1, 2)', ifelse(strcmp (o.name, 'hist_range'), ...
                                              'initlab:badValue', 'same:[1 1]')};
      if strcmp (o.name, 'sizes')
        logical_vector = {'true (1, 3)', 'same:[1 1 1]'};
      end
      vals{end+1} = logical_vector;
      switch o.name
        case 'sizes'
          % (a layer past the engine's 2^31-1 units is a size error)
          vals = [vals, pairs({'[2 0 1]', '[2 1.5 1]', '[2 -4 1]', '[2 NaN 1]', ...
                               '[2 Inf 1]', '[2 2^62 1]'}, 'initlab:badValue'), ...
                  pairs({'[2]', '[]', '[2 4 4 1]', '[2 1e12 1]'}, 'initlab:badSize'), ...
                  {{'{2, 4, 1}', 'same:[2 4 1]'}, {'int8 ([2 4 1])', 'same:[2 4 1]'}, ...
                   }];
        case 'act_param'
          vals = [vals, pairs({'[0.1]', '[0.1 0.2 0.3]', '[]'}, 'initlab:badSize'), ...
                  pairs({'[Inf 1]', '[1 -Inf]'}, 'initlab:badValue'), ...
                  {{'[NaN NaN]', 'same:[NaN NaN]'}, {'single ([0.5 1])', 'same:[0.5 1]'}}];
        case 'hist_range'
          vals = [vals, pairs({'[1]', '[1 2 3]', '[]'}, 'initlab:badSize'), ...
                  pairs({'[2 1]', '[1 1]', '[NaN 1]', '[-Inf 1]'}, 'initlab:badValue'), ...
                  {{'int8 ([-2 2])', 'same:[-2 2]'}, {'{-2, 2}', 'same:[-2 2]'}}];
        case 'percentiles'
          vals = [vals, pairs({'[-1 50]', '[50 101]', '[NaN]', '[Inf]', '1e9'}, ...
                              'initlab:badValue'), ...
                  {{'ones (1, 1001)', 'initlab:badSize'}, {'[95 5]', 'same:[5 95]'}, ...
                   {'uint64 ([5 95])', 'same:[5 95]'}}];
        case 'layers'
          vals = [vals, pairs({'[0]', '[1.5]', '[NaN]', '[-1 1]'}, 'initlab:badValue'), ...
                  {{'[3]', 'initlab:badIndex'}, {'[]', 'initlab:badSize'}, ...
                   {'int8 ([2 1])', 'same:[2 1]'}}];
        case 'record_iters'
          vals = [vals, pairs({'[-1]', '[1.5]', '[2^62]', '[NaN]', '[Inf]'}, ...
                              'initlab:badValue'), ...
                  {{'[1e12 1]', 'same:[1]'}, {'int32 ([1 2])', 'same:[1 2]'}}];
      end
    case {'matrix', 'matrices'}
      vals = pairs({'''abc''', '{''a''}', 'struct (''a'', 1)', 'complex (ones (2, 3), 1)', ...
                    'sparse (ones (2, 3))', 'ones (2, 3, 2)', '@sin'}, ...
                   'initlab:badArg');
      if strcmp (o.type, 'matrix')
        vals = [vals, {{'ones (3, 4)', 'initlab:badSize'}, {'ones (1, 4)', 'initlab:badSize'}, ...
                       {'single (ones (2, 5))', 'same:ones (2, 5)'}, ...
                       {'true (2, 5)', 'same:ones (2, 5)'}, {'int8 (ones (2, 5))', 'same:ones (2, 5)'}}];
      else
        vals = [vals, {{'{ones(4, 2), ones(1, 4), 1}', 'initlab:badSize'}}];
      end
    case 'function'
      vals = pairs({'1', '''f''', '{@sin}', 'struct (''a'', 1)', '[]', 'true'}, 'initlab:badArg');
    case 'text'
      vals = pairs({'5', '{1}', 'struct (''a'', 1)', '@sin', 'true', '[]', 'complex (1, 1)', ...
                    '[''ab''; ''cd'']', '{''a'', 5}'}, 'initlab:badArg');
      if strcmp (o.name, 'labels')
        vals = [vals, {{'{}', 'initlab:badSize'}, {'{''a'', ''b''}', 'initlab:badSize'}, ...
                       {'{''a''}', 'same:''a'''}}];
      else
        vals{end+1} = {'{''a''}', 'initlab:badArg'};  % one string, not a list
      end
      if strcmp (o.name, 'file')
        vals{end+1} = {'''''', 'initlab:badValue'};
        vals{end+1} = {'''/nonexistent-dir/x.html''', 'initlab:badValue'};
      end
  end
end

function p = pairs (values, expect)
  p = cellfun (@(v) {v, expect}, values, 'UniformOutput', false);
end

function r = ifelse (c, a, b)
  if c
    r = a;
  else
    r = b;
  end
end

function s = num (x)
  s = sprintf ('%.17g', x);
end

% The range of a NUMBER/COUNT option (its "range" text: [lo, hi], (lo, hi)).
function [lo, hi, lo_open, hi_open] = range_of (o)
  lo = -realmax;  hi = realmax;  lo_open = false;  hi_open = false;
  t = regexp (o.range, '^([\[(])(.*), (.*)([\])])$', 'tokens', 'once');
  if strcmp (o.type, 'seed')
    lo = 0;  hi = 2^64;  hi_open = true;
  elseif ~isempty (t)
    lo = str2double (t{2});  hi = str2double (t{3});
    lo_open = t{1} == '(';  hi_open = t{4} == ')';
  end
end

% A value option o takes, as text, for the cases that must be accepted;
% '' where none is cheap.
function g = good_value (o, call)
  g = '';
  switch o.type
    case {'number', 'count', 'seed'}
      [lo, hi, lo_open, hi_open] = range_of (o);
      for x = [0.5, 1, 2, 0.25, 0, 3]
        in = (x > lo || (x == lo && ~lo_open)) && (x < hi || (x == hi && ~hi_open));
        if in && (strcmp (o.type, 'number') || x == fix (x))
          g = num (x);
          break;
        end
      end
      if strcmp (o.name, 'max_bytes')
        g = '1e9';
      end
    case 'bool'
      g = 'true';
    case {'name', 'names'}
      names = strsplit (o.names, ', ');
      g = sprintf ('''%s''', names{1});
      if strcmp (o.name, 'loss')
        g = '''bce''';
      elseif strcmp (o.name, 'name')
        g = '''circles''';
      elseif strcmp (o.name, 'init')
        g = '''zeros''';
      end
    case 'names_or_number'
      g = '0.5';
    case 'vector'
      if strcmp (o.name, 'layers')
        g = '[2 1]';
        return;
      end
      g = ifelse (strcmp (o.name, 'sizes'), '[2 4 1]', ifelse (strcmp (o.name, 'hist_range'), ...
                  '[-2 2]', ifelse (strcmp (o.name, 'act_param'), '[0.5 1]', '[5 50]')));
    case 'matrix'
      g = 'ones (2, 5)';
    case 'function'
      g = '@(varargin) true';
    case 'text'
      g = ifelse (strcmp (o.name, 'file'), 'fullfile (tempdir (), ''il_bad_report2.html'')', '''a''');
  end
end

% A case: code and what it must do - raise an initlab:* identifier
% (exactly), raise any engine error ('initlab:'), run ('ok'), run or raise
% an engine error ('ok_or_initlab'); or (same_case) give the same results
% as the code twin.
function c = make_case (code, expect)
  c = struct ('code', code, 'expect', expect, 'twin', '');
end

function c = same_case (code, twin)
  c = struct ('code', code, 'expect', 'same', 'twin', twin);
end

% Arguments that are not options: names, counts, X and Y, plots.
function cs = positional_cases ()
  cs = {};
  bad_matrix = {'''abc''', '{X}', 'struct (''a'', 1)', 'complex (X, 1)', 'sparse (X)', ...
                'cat (3, X, X)', '@sin', '[''ab''; ''cd'']'};
  for f = {'il_forward (net, %s)', 'il_predict (net, %s)', 'il_accuracy (net, %s, Y)', ...
           '[~, r] = il_train (net, %s, Y, ''iters'', 2, ''verbose'', false)', ...
           'il_stats (net, %s, Y)', 'il_init (net, ''lsuv'', ''X'', %s)', ...
           'il_cost (net, %s, Y)', 'il_gradients (net, %s, Y)'}
    for v = bad_matrix
      cs{end+1} = make_case (sprintf (f{1}, v{1}), 'initlab:badArg'); %#ok<AGROW>
    end
    for v = {'X''', 'ones (3, 40)', '[]', 'zeros (0, 40)'}
      cs{end+1} = make_case (sprintf (f{1}, v{1}), 'initlab:badSize'); %#ok<AGROW>
    end
    for v = {'[X(:, 1:end-1), [NaN; 1]]', '[X(:, 1:end-1), [Inf; 1]]'}
      cs{end+1} = make_case (sprintf (f{1}, v{1}), 'initlab:badValue'); %#ok<AGROW>
    end
  end
  for v = {'single (X)', 'int8 (X * 10)', 'logical (X > 0)'}
    cs{end+1} = same_case (sprintf ('il_forward (net, %s)', v{1}), ...
                           sprintf ('il_forward (net, double (%s))', v{1})); %#ok<AGROW>
  end
  for f = {'il_accuracy (net, X, %s)', '[~, r] = il_train (net, X, %s, ''iters'', 2, ''verbose'', false)', ...
           'il_stats (net, X, %s)', 'il_cost (net, X, %s)', 'il_gradients (net, X, %s)'}
    for v = bad_matrix
      vv = strrep (v{1}, 'X', 'Y');
      cs{end+1} = make_case (sprintf (f{1}, vv), 'initlab:badArg'); %#ok<AGROW>
    end
    for v = {'[Y; Y]', 'Y(:, 1:10)', 'zeros (0, 40)'}
      cs{end+1} = make_case (sprintf (f{1}, v{1}), 'initlab:badSize'); %#ok<AGROW>
    end
    for v = {'[Y(1:end-1), NaN]', '[Y(1:end-1), 2]', '[Y(1:end-1), -Inf]'}
      cs{end+1} = make_case (sprintf (f{1}, v{1}), 'initlab:badValue'); %#ok<AGROW>
    end
  end
  cs{end+1} = same_case ('il_accuracy (net, X, logical (Y))', 'il_accuracy (net, X, double (Y))');
  % X and Y as students make them: logical, single, integers
  for v = {{'logical (X > 0)', 'uint16 (Y)'}, {'int8 (X * 10)', 'logical (Y)'}, ...
           {'single (X)', 'int8 (Y)'}}
    for f = {'[~, r] = il_train (net, %s, %s, ''iters'', 3, ''verbose'', false)', ...
             'il_stats (net, %s, %s)'}
      cs{end+1} = same_case (sprintf (f{1}, v{1}{:}), sprintf (f{1}, ['double (' v{1}{1} ')'], ...
                                                              ['double (' v{1}{2} ')'])); %#ok<AGROW>
    end
  end
  cs{end+1} = same_case ('il_forward (setfield (net, ''b'', {true(4, 1), int8(-1)}), X)', ...
                         'il_forward (setfield (net, ''b'', {ones(4, 1), -1}), X)');
  % too few arguments: the usage
  for f = {'il_net ([2 3 1])', 'il_init (net)', 'il_train (net, X)', 'il_stats (net)', ...
           'il_dataset (''circles'')', 'il_gain ()', 'il_forward (net)', 'il_accuracy (net, X)', ...
           'il_predict (net)', 'il_plot (struct (''iter'', 0))', 'il_predict (net, X, 1)', ...
           'il_cost (net, X)', 'il_gradients (net)', 'il_unroll ()', 'il_reroll (net)', ...
           'il_summary ()'}
    cs{end+1} = make_case (f{1}, 'initlab:badArg'); %#ok<AGROW>
  end
  % an option without its value
  cs{end+1} = make_case ('il_accuracy (net, X, Y, 1)', 'initlab:badOption');
  % il_reroll's theta: 17 finite numbers for the [2 4 1] net
  for v = {'''abc''', '{1}', 'struct (''a'', 1)', 'complex (1:17, 1)', '@sin', 'ones (17, 2)'}
    cs{end+1} = make_case (sprintf ('il_reroll (net, %s)', v{1}), 'initlab:badArg'); %#ok<AGROW>
  end
  for v = {'1:16', '1:18', '[]'}
    cs{end+1} = make_case (sprintf ('il_reroll (net, %s)', v{1}), 'initlab:badSize'); %#ok<AGROW>
  end
  for v = {'[1:16 NaN]', '[Inf 2:17]'}
    cs{end+1} = make_case (sprintf ('il_reroll (net, %s)', v{1}), 'initlab:badValue'); %#ok<AGROW>
  end
  cs{end+1} = same_case ('il_reroll (net, single (1:17))', 'il_reroll (net, 1:17)');
  % positional options: il_net's sizes and act, il_init's name, il_dataset's
  % name and n, il_gain's arguments
  for v = {'''abc''', 'struct (''a'', 1)', 'complex ([2 3], 1)', '@sin', 'sparse ([2 3])'}
    cs{end+1} = make_case (sprintf ('il_net (%s, ''tanh'')', v{1}), 'initlab:badArg'); %#ok<AGROW>
  end
  cs{end+1} = same_case ('il_net (true (1, 3), ''tanh'')', 'il_net ([1 1 1], ''tanh'')');
  for v = {'[2 0 1]', '[2 NaN 1]', '[2 -1 1]', '[2 2^62 1]', '[2 2.5 1]'}
    cs{end+1} = make_case (sprintf ('il_net (%s, ''tanh'')', v{1}), 'initlab:badValue'); %#ok<AGROW>
  end
  for v = {'5', '{1, 2}', 'struct (''a'', 1)', '@tanh'}
    cs{end+1} = make_case (sprintf ('il_net ([2 3 1], %s)', v{1}), 'initlab:badArg'); %#ok<AGROW>
    cs{end+1} = make_case (sprintf ('il_init (net, %s)', v{1}), 'initlab:badArg'); %#ok<AGROW>
    cs{end+1} = make_case (sprintf ('il_dataset (%s, 10)', v{1}), 'initlab:badArg'); %#ok<AGROW>
    cs{end+1} = make_case (sprintf ('il_gain (%s)', v{1}), 'initlab:badArg'); %#ok<AGROW>
  end
  for f = {'il_net ([2 3 1], %s)', 'il_init (net, %s)', 'il_dataset (%s, 10)', 'il_gain (%s)'}
    for v = {'''nosuch''', '''''', '''TANH'''}
      cs{end+1} = make_case (sprintf (f{1}, v{1}), 'initlab:badName'); %#ok<AGROW>
    end
  end
  for v = {'-1', '2.5', 'NaN', 'Inf', '2^62'}
    cs{end+1} = make_case (sprintf ('il_dataset (''moons'', %s)', v{1}), 'initlab:badValue'); %#ok<AGROW>
  end
  for v = {'''ten''', '{10}', '[10 20]', 'complex (10, 1)'}
    cs{end+1} = make_case (sprintf ('il_dataset (''moons'', %s)', v{1}), 'initlab:badArg'); %#ok<AGROW>
  end
  cs{end+1} = make_case ('il_dataset (''moons'', 0)', 'initlab:badValue');
  cs{end+1} = same_case ('il_dataset (''moons'', int32 (9))', 'il_dataset (''moons'', 9)');
  cs{end+1} = same_case ('il_dataset (''moons'', single (9), ''seed'', uint64 (4))', ...
                         'il_dataset (''moons'', 9, ''seed'', 4)');
  cs{end+1} = make_case ('il_gain (''softmax'')', 'initlab:badArg');
  cs{end+1} = make_case ('il_gain (''tanh'', 1, 2)', 'initlab:badOption');
  cs{end+1} = same_case ('il_gain (''elu'', NaN)', 'il_gain (''elu'')');
  % il_plot's own arguments and options (host-side, before any figure)
  f = '[tempname() ''.png'']';
  cs{end+1} = make_case ('il_plot (42, ''loss'')', 'initlab:badArg');
  cs{end+1} = make_case ('il_plot ({struct(''iter'', 0), 5}, ''loss'')', 'initlab:badArg');
  cs{end+1} = make_case ('il_plot (struct (''iter'', 0, ''loss'', 1), 5)', 'initlab:badArg');
  cs{end+1} = make_case (['il_plot (struct (''iter'', 0, ''loss'', 1), ''los'', ''file'', ' f ')'], ...
                         'initlab:badName');
  cs{end+1} = make_case ('il_plot (struct (''iter'', 0, ''loss'', 1), ''loss'', ''file'', 5)', ...
                         'initlab:badArg');
  cs{end+1} = make_case ('il_plot (struct (''iter'', 0, ''loss'', 1), ''loss'', ''fil'', ''x.png'')', ...
                         'initlab:badOption');
  cs{end+1} = make_case ('il_plot (struct (''iter'', 0, ''loss'', 1), ''loss'', ''file'')', ...
                         'initlab:badOption');
  cs{end+1} = make_case ('il_plot (struct (''iter'', 0, ''loss'', 1), ''loss'', 3, 4)', ...
                         'initlab:badOption');
  cs{end+1} = make_case ('il_plot (struct (''iter'', 0, ''loss'', 1), ''weights'', ''scale'', 5)', ...
                         'initlab:badArg');
  cs{end+1} = make_case (['il_plot (struct (''iter'', 0, ''loss'', 1), ''weights'', ''file'', ' f ')'], ...
                         'initlab:badArg');
  cs{end+1} = make_case (['il_plot (struct (''iter'', 0, ''loss'', 1), ''loss'', ''labels'', 5, ''file'', ' f ')'], ...
                         'initlab:badArg');
end

% Networks that are not networks, for every function that takes one.
function cs = network_cases ()
  cs = {};
  bad = {'42', '''net''', '{net}', '[net, net]', 'struct ()', 'rmfield (net, ''W'')', ...
         'rmfield (net, ''b'')', 'rmfield (net, ''sizes'')', 'rmfield (net, ''act'')', ...
         'setfield (net, ''W'', 5)', 'setfield (net, ''b'', ''b'')', ...
         'setfield (net, ''W'', {complex(ones(4,2), 1), ones(1,4)})', ...
         'setfield (net, ''W'', {''abcdefgh'', ones(1,4)})', ...
         'setfield (net, ''W'', {ones(4,2,2), ones(1,4)})', ...
         'setfield (net, ''act'', 5)', 'setfield (net, ''act'', {''tanh'', 5})', ...
         'setfield (net, ''loss'', 5)', 'setfield (net, ''sizes'', ''abc'')', ...
         'setfield (net, ''act_param'', ''x'')', 'setfield (net, ''b'', {sparse(zeros(4,1)), 0})'};
  sized = {'setfield (net, ''W'', {ones(4,2)})', 'setfield (net, ''W'', {ones(2,4), ones(1,4)})', ...
           'setfield (net, ''b'', {ones(4,4), 0})', 'setfield (net, ''b'', {ones(3,1), 0})', ...
           'setfield (net, ''act_param'', [1 2 3])', 'setfield (net, ''sizes'', [2 4])', ...
           'setfield (net, ''act'', {''tanh'', ''tanh'', ''tanh''})'};
  valued = {'setfield (net, ''W'', {[NaN 1; ones(3,2)], ones(1,4)})', ...
            'setfield (net, ''b'', {[Inf; 0; 0; 0], 0})', 'setfield (net, ''sizes'', [2 -4 1])', ...
            'setfield (net, ''sizes'', [2 4.5 1])'};
  named = {'setfield (net, ''act'', {''tanh'', ''nosuch''})', 'setfield (net, ''loss'', ''hinge'')'};
  users = {'il_forward (%s, X)', 'il_predict (%s, X)', 'il_accuracy (%s, X, Y)', ...
           '[~, r] = il_train (%s, X, Y, ''iters'', 2, ''verbose'', false)', ...
           'il_stats (%s, X, Y)', 'il_init (%s, ''he'')', 'il_cost (%s, X, Y)', ...
           'il_unroll (%s)', 'il_summary (%s)'};
  for u = users
    for b = bad
      cs{end+1} = make_case (sprintf (u{1}, b{1}), 'initlab:badArg'); %#ok<AGROW>
    end
    for b = sized
      cs{end+1} = make_case (sprintf (u{1}, b{1}), 'initlab:badSize'); %#ok<AGROW>
    end
    for b = valued
      cs{end+1} = make_case (sprintf (u{1}, b{1}), 'initlab:badValue'); %#ok<AGROW>
    end
    for b = named
      cs{end+1} = make_case (sprintf (u{1}, b{1}), 'initlab:badName'); %#ok<AGROW>
    end
  end
  cs{end+1} = same_case ('il_forward (setfield (net, ''W'', {int32(ones(4,2)), single(ones(1,4))}), X)', ...
                         'il_forward (setfield (net, ''W'', {ones(4,2), ones(1,4)}), X)');
  cs{end+1} = same_case ('il_forward (setfield (net, ''act_param'', []), X)', 'il_forward (net, X)');
end

% The defects issue 8 found, as calls that must now fail cleanly (or work).
function cs = regression_cases ()
  cs = {};
  cs{end+1} = make_case (['[X2k, Y2k] = il_dataset (''circles'', 2000, ''seed'', 1); ' ...
                          'il_train (il_net ([2 3 1], {''tanh'', ''sigmoid''}), X2k, Y2k, ' ...
                          '''epochs'', 9e15, ''batch'', 1, ''verbose'', false)'], 'initlab:badValue');
  cs{end+1} = make_case (['[~, r] = il_train (net, X, Y, ''epochs'', 2^50, ''batch'', 1, ' ...
                          '''record_every'', 1, ''verbose'', false)'], 'initlab:badValue');
  cs{end+1} = make_case (['[~, r] = il_train (net, X, Y, ''epochs'', 2^40, ''batch'', 1, ' ...
                          '''record_every'', 1, ''verbose'', false)'], 'initlab:tooBig');
  cs{end+1} = make_case (['[~, r] = il_train (net, X, Y, ''iters'', 3, ''record_every'', 2^53, ' ...
                          '''verbose'', false)'], 'ok');
  cs{end+1} = make_case ('il_dataset (''spirals'', 10, ''classes'', 1e15)', 'initlab:badValue');
  cs{end+1} = make_case ('il_dataset (''circles'', 1e12)', 'initlab:tooBig');
  cs{end+1} = make_case ('il_stats (net, X, Y, ''hist_bins'', 1e9, ''max_bytes'', 1e6)', 'initlab:tooBig');
  cs{end+1} = make_case ('il_stats (net, X, Y, ''hist_bins'', {7, 9})', 'initlab:badArg');
  cs{end+1} = make_case ('il_init (net, ''lsuv'', ''X'', X, ''max_trials'', 2^32)', 'initlab:badValue');
  cs{end+1} = make_case ('il_net ([2^62 4], ''linear'')', 'initlab:badValue');
  cs{end+1} = make_case ('il_init (il_net ([2 4 1], ''linear''), ''identity'')', 'ok_or_initlab');
  cs{end+1} = make_case ('il_init (net, ''xavier_normal'', ''gain'', 1e200)', 'initlab:');
  cs{end+1} = make_case ('il_init (net, ''uniform'', ''a'', 1, ''b'', 0)', 'initlab:badValue');
  cs{end+1} = make_case ('il_init (net, ''matrix'', ''matrix'', ones (2, 2))', 'initlab:badSize');
  cs{end+1} = make_case ('il_init (net, ''matrix'')', 'initlab:');
  cs{end+1} = make_case ('il_init (net, ''lsuv'')', 'initlab:');
  cs{end+1} = make_case ('il_dataset (''circles'', 10, ''rng'', ''numpy'', ''seed'', 2^32)', ...
                         'initlab:badValue');
  cs{end+1} = make_case ('il_init (net, ''he'', ''rng'', ''numpy'', ''seed'', 2^40)', 'initlab:badValue');
end

% il_rand's own arguments: the stream and seed, g, the distribution, the
% sizes, and states no stream could have (g.state edited, cut, replaced).
function cs = rand_cases ()
  cs = {};
  for c = {{'il_rand (5, 1)', 'initlab:badArg'}, {'il_rand ({''numpy''}, 1)', 'initlab:badArg'}, ...
           {'il_rand (''numpy'', ''a'')', 'initlab:badArg'}, {'il_rand (''numpy'', -1)', 'initlab:badValue'}, ...
           {'il_rand (''numpy'', 2^32)', 'initlab:badValue'}, {'il_rand (''xoshiro'', 2^64)', 'initlab:badValue'}, ...
           {'il_rand (''numpy'', NaN)', 'initlab:badValue'}, {'il_rand (''numpy'')', 'initlab:badArg'}, ...
           {'il_rand (''numpy'', 1, 2)', 'initlab:badOption'}, {'il_rand (''Numpy'', 1)', 'initlab:badName'}, ...
           {'il_rand (g)', 'initlab:badArg'}, {'il_rand (g, 5)', 'initlab:badArg'}, ...
           {'il_rand (g, ''gauss'')', 'initlab:badName'}, {'il_rand (g, {''normal''})', 'initlab:badArg'}, ...
           {'il_rand ([g, g], ''normal'')', 'initlab:badArg'}, {'il_rand (struct (''a'', 1), ''normal'')', 'initlab:badArg'}, ...
           {'il_rand (g, ''normal'', -1)', 'initlab:badValue'}, {'il_rand (g, ''normal'', 2.5)', 'initlab:badValue'}, ...
           {'il_rand (g, ''normal'', NaN)', 'initlab:badValue'}, {'il_rand (g, ''normal'', Inf)', 'initlab:badValue'}, ...
           {'il_rand (g, ''normal'', 3, -2)', 'initlab:badValue'}, {'il_rand (g, ''normal'', 2^62)', 'initlab:badValue'}, ...
           {'il_rand (g, ''normal'', 1e9, 1e9)', 'initlab:tooBig'}, {'il_rand (g, ''normal'', 2^53, 2^53)', 'initlab:tooBig'}, ...
           {'il_rand (g, ''uniform'', 1e6, 1e6)', 'initlab:tooBig'}, {'il_rand (g, ''normal'', 1e4, ''max_bytes'', 1e3)', 'initlab:tooBig'}, ...
           {'il_rand (g, ''normal'', 1, 2, 3)', 'initlab:badSize'}, {'il_rand (g, ''permutation'', 2, 2)', 'initlab:badSize'}, ...
           {'il_rand (g, ''normal'', true)', 'initlab:badArg'}, {'il_rand (g, ''normal'', complex (2, 1))', 'initlab:badArg'}, ...
           {'il_rand (g, ''normal'', {2, ''x''})', 'initlab:badArg'}, {'il_rand (g, ''normal'', ones (2, 2))', 'initlab:badArg'}, ...
           {'il_rand (g, ''normal'', ''x'')', 'initlab:badOption'}, {'il_rand (g, ''integers'', 3)', 'initlab:badArg'}, ...
           {'il_rand (g, ''integers'', 3, ''low'', 2, ''high'', 2)', 'initlab:badValue'}, ...
           {'il_rand (g, ''integers'', 3, ''high'', 2^53 + 2)', 'initlab:badValue'}, ...
           {'il_rand (g, ''permutation'', 3, ''low'', 0.5)', 'initlab:badValue'}, ...
           {'il_rand (g, ''uniform'', 3, ''low'', -1e308, ''high'', 1e308)', 'initlab:badValue'}, ...
           {'il_rand (g, ''uniform'', 3, ''std'', 1)', 'initlab:badOption'}, ...
           {'il_rand (g, ''normal'', 3, ''low'', 1)', 'initlab:badOption'}, ...
           {'il_rand (g, ''normal'', {})', 'ok'}, {'il_rand (g, ''normal'', 0, 5)', 'ok'}}
    cs{end+1} = make_case (c{1}{1}, c{1}{2}); %#ok<AGROW>
  end
  % states: entry k replaced by v, cut short or grown, of another class
  for c = {{'1', '0', 'initlab:badValue'}, {'2', '2', 'initlab:badValue'}, {'2', '0', 'initlab:badSize'}, ...
           {'5', '0.5', 'initlab:badValue'}, {'5', '-1', 'initlab:badValue'}, {'5', '2^32', 'initlab:badValue'}, ...
           {'5', 'NaN', 'initlab:badValue'}, {'627', '625', 'initlab:badValue'}, {'627', '-1', 'initlab:badValue'}, ...
           {'628', '2', 'initlab:badValue'}, {'629', 'Inf', 'initlab:badValue'}, {'629', '0.5', 'initlab:badValue'}}
    cs{end+1} = make_case (sprintf (['il_rand (setfield (g, ''state'', [g.state(1:%s-1), %s, ' ...
                                     'g.state(%s+1:end)]), ''normal'')'], c{1}{1}, c{1}{2}, c{1}{1}), ...
                           c{1}{3}); %#ok<AGROW>
  end
  % (single: the first number, 1229738801, does not survive it)
  for c = {{'g.state(1:end-1)', 'initlab:badSize'}, {'[g.state, 0]', 'initlab:badSize'}, ...
           {'g.state(1:2)', 'initlab:badSize'}, {'zeros (1, 629)', 'initlab:badValue'}, ...
           {'[g.state(1:2), zeros(1, 627)]', 'initlab:badValue'}, {'single (g.state)', 'initlab:badValue'}, ...
           {'[]', 'initlab:badArg'}, {'''abc''', 'initlab:badArg'}, {'{1}', 'initlab:badArg'}, ...
           {'reshape (g.state(1:628), 4, 157)', 'initlab:badArg'}, {'logical (g.state)', 'initlab:badValue'}, ...
           {'struct (''a'', 1)', 'initlab:badArg'}, {'complex (g.state, 1)', 'initlab:badArg'}}
    cs{end+1} = make_case (sprintf ('il_rand (setfield (g, ''state'', %s), ''normal'')', c{1}{1}), ...
                           c{1}{2}); %#ok<AGROW>
  end
  cs{end+1} = same_case ('il_rand (g, ''normal'', int32 (2), single (3))', 'il_rand (g, ''normal'', 2, 3)');
  cs{end+1} = same_case ('il_rand (g, ''normal'', [2 3])', 'il_rand (g, ''normal'', 2, 3)');
end

% il_animate: the kind, the record it draws from, where it goes.
function cs = animate_cases ()
  cs = {};
  all = 'il_stats (net, X, Y, ''record'', ''all'')';
  gif = '[tempname() ''.gif'']';
  for c = {{[all ', ''wieghts'', ' gif], 'initlab:badName'}, ...
           {[all ', 1, ' gif], 'initlab:badArg'}, ...
           {['il_stats (net, X, Y), ''weights'', ' gif], 'initlab:badArg'}, ...
           {['il_stats (net, X, Y, ''record'', ''loss''), ''hist'', ' gif], 'initlab:badArg'}, ...
           {[all ', ''weights'', ''/nonexistent/dir/w.gif'''], 'initlab:io'}, ...
           {[all ', ''hist'', ''/nonexistent/dir/h.gif'''], 'initlab:io'}, ...
           {[all ', ''weights'', 5'], 'initlab:badArg'}, ...
           {[all ', ''weights'', '''''], 'initlab:badValue'}, ...
           {[all ', ''weights'', ' gif ', ''layer'', 3'], 'initlab:badIndex'}, ...
           {[all ', ''weights'', ' gif ', ''delay'', -1'], 'initlab:badValue'}, ...
           {[all ', ''weights'', ' gif ', ''dealy'', 5'], 'initlab:badOption'}, ...
           {['1, ''weights'', ' gif], 'initlab:badArg'}, ...
           {['struct (''iter'', 0), ''weights'', ' gif], 'initlab:badArg'}, ...
           {['setfield (' all ', ''W'', {ones(4, 3)}), ''weights'', ' gif], 'initlab:badSize'}}
    cs{end+1} = make_case (sprintf ('il_animate (%s)', c{1}{1}), c{1}{2}); %#ok<AGROW>
  end
end

function write_file (file, cases)
  fid = fopen (file, 'w');
  fprintf (fid, '%% generated by tests/octave/gen_bad_inputs.m - do not edit\n');
  fprintf (fid, '%%!shared net, X, Y, g\n');
  fprintf (fid, '%%! g = il_rand (''numpy'', 1);\n');
  fprintf (fid, '%%! [X, Y] = il_dataset (''circles'', 40, ''seed'', 1);\n');
  fprintf (fid, '%%! net = il_net ([2 4 1], {''tanh'', ''sigmoid''});\n');
  for i = 1:numel (cases)
    c = cases{i};
    code = c.code;
    switch c.expect
      case 'ok'
        fprintf (fid, '%%!test\n%%! %s;\n', code);
      case 'same'
        k = outputs (code);
        fprintf (fid, '%%!test\n%%! [a, b] = deal (cell (1, %d));\n', k);
        fprintf (fid, '%%! [a{:}] = %s;\n', strip_lhs (code));
        fprintf (fid, '%%! [b{:}] = %s;\n', strip_lhs (c.twin));
        fprintf (fid, '%%! assert (a, b);\n');
      case {'initlab:', 'ok_or_initlab'}
        fprintf (fid, '%%!test\n%%! try\n%%!   %s;\n%%!   id = ''initlab:(none)'';\n', code);
        fprintf (fid, '%%! catch err\n%%!   id = err.identifier;\n%%! end\n');
        if strcmp (c.expect, 'initlab:')
          fprintf (fid, '%%! assert (strncmp (id, ''initlab:'', 8) && ~strcmp (id, ''initlab:(none)''), id);\n');
        else
          fprintf (fid, '%%! assert (strncmp (id, ''initlab:'', 8), id);\n');
        end
      otherwise
        fprintf (fid, '%%!error id=%s %s;\n', c.expect, code);
    end
  end
  % and after all of that, Octave and the engine still work
  fprintf (fid, '%%!test\n');
  fprintf (fid, '%%! [n2, rec] = il_train (il_init (net, ''xavier_normal'', ''seed'', 2), X, Y, ');
  fprintf (fid, '''iters'', 300, ''lr'', 1, ''record_every'', 100, ''verbose'', false);\n');
  fprintf (fid, '%%! assert (rec.iter, [0 100 200 300]);\n');
  fprintf (fid, '%%! assert (rec.stopped, '''');\n');
  fprintf (fid, '%%! assert (rec.loss(end) < rec.loss(1));\n');
  fprintf (fid, '%%! assert (size (il_forward (n2, X)), [1 40]);\n');
  fclose (fid);
end

function code = strip_lhs (code)
  code = regexprep (code, '^\[~, r\] = ', '');
end

% How many results of the function code calls to compare (at most 2).
function n = outputs (code)
  name = regexp (strip_lhs (code), '^\s*(\w+)', 'tokens', 'once');
  try
    k = nargout (name{1});
  catch
    k = 2;  % a MEX function (il_forward) does not say; it gives 3
  end
  n = min (max (k, 1), 2);
end

% -*- texinfo -*-
% @deftypefn {} {@var{pairs} =} __il_record_pairs__ (@var{rec})
% (Internal.)  A record struct as the engine reads one back: a row cell of
% its field names and values, @{name, value, name, value, @dots{}@}, each
% N-d array (inside cells too) as rows x the rest, the layout the engine
% takes them in.  The engine finds the fields it needs by name, so nothing
% here names one (il_report; il_animate could use it too).
% @end deftypefn
function pairs = __il_record_pairs__ (rec)
  pairs = [fieldnames(rec)'; cellfun(@two_d, struct2cell (rec)', 'UniformOutput', false)];
  pairs = pairs(:)';
end

function v = two_d (v)
  if iscell (v)
    v = cellfun (@two_d, v, 'UniformOutput', false);
  elseif isnumeric (v) && ndims (v) > 2
    v = reshape (v, size (v, 1), []);
  end
end

%!assert (__il_record_pairs__ (struct ('a', 1, 'b', 'x')), {'a', 1, 'b', 'x'})
%!test
%! h = reshape (1:12, 2, 3, 2);
%! p = __il_record_pairs__ (struct ('hist', h, 'W', {{h, ones(2, 2)}}));
%! assert (p, {'hist', reshape(1:12, 2, 6), 'W', {reshape(1:12, 2, 6), ones(2, 2)}});
%!assert (__il_record_pairs__ (struct ()), cell (1, 0))

% -*- texinfo -*-
% @deftypefn {} {[@var{go}, @var{err}] =} __il_progress__ (@var{fn}, @var{iter}, @var{loss}, @var{iters}, @var{saturation})
% Internal: calls il_train's progress function @var{fn} for the gateway,
% which must not let an error unwind through the engine while it trains.
% @var{go} is false when @var{fn} returned false (stop training) or failed;
% @var{err} is then the error it raised (identifier and message), else [].
% A function without outputs only reports.
% @end deftypefn
function [go, err] = __il_progress__ (fn, varargin)
  go = true;
  err = [];
  try
    try
      outputs = nargout (fn);
    catch
      outputs = 1;  % a builtin: try it with one
    end
    if outputs == 0
      fn (varargin{:});
    else
      r = fn (varargin{:});
      go = ~(isscalar (r) && (isnumeric (r) || islogical (r)) && r == 0);
    end
  catch e
    err = struct ('identifier', e.identifier, 'message', e.message);
    go = false;
  end
end

%!test
%! [go, err] = __il_progress__ (@(varargin) false, 1, 0.5, 10, []);
%! assert (~go);
%! assert (isempty (err));
%! [go, err] = __il_progress__ (@(varargin) error ('my:id', 'boom'), 1, 0.5, 10, []);
%! assert (~go);
%! assert (err.identifier, 'my:id');
%! assert (err.message, 'boom');
%! assert (__il_progress__ (@(varargin) 'not a number', 1, 0.5, 10, []));

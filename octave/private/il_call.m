## -*- texinfo -*-
## @deftypefn {} {varargout =} il_call (@var{command}, @dots{})
## Calls the __initlab__ gateway and rethrows its errors with their
## identifier and without Octave's "__initlab__: " prefix, so that users read
## the engine's message as it is.
## @end deftypefn
function varargout = il_call (varargin)
  try
    [varargout{1:max (nargout, 1)}] = __initlab__ (varargin{:});
  catch err
    msg = regexprep (err.message, '^__initlab__: ', '');
    if (isempty (err.identifier))
      error ('initlab:error', '%s', msg);
    endif
    error (err.identifier, '%s', msg);
  end_try_catch
endfunction

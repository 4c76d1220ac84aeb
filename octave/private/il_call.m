% -*- texinfo -*-
% @deftypefn {} {varargout =} il_call (@var{command}, @dots{})
% Calls the __initlab__ gateway; its errors are raised again by il_rethrow.
% @end deftypefn
function varargout = il_call (varargin)
  try
    [varargout{1:max(nargout, 1)}] = __initlab__ (varargin{:});
  catch err
    il_rethrow (err);
  end
end

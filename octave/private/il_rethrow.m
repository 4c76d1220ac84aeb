% -*- texinfo -*-
% @deftypefn {} {} il_rethrow (@var{err})
% Raises @var{err} from the __initlab__ gateway again, with its identifier
% and without Octave's "__initlab__: " prefix, so that users read the
% engine's message as it is.
% @end deftypefn
function il_rethrow (err)
  msg = regexprep (err.message, '^__initlab__: ', '');
  if isempty (err.identifier)
    error ('initlab:error', '%s', msg);
  end
  error (err.identifier, '%s', msg);
end

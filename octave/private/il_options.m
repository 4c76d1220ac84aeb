## -*- texinfo -*-
## @deftypefn {} {@var{opts} =} il_options (@var{fname}, @var{defaults}, @var{args})
## Name-value pairs @var{args} over the struct @var{defaults}: every name must
## be a field of @var{defaults} (case-insensitive), or the error
## initlab:badOption names the function, the option and the options it knows.
## @end deftypefn
function opts = il_options (fname, defaults, args)
  opts = defaults;
  known = fieldnames (defaults);
  if (mod (numel (args), 2) != 0)
    error ('initlab:badOption', ...
           '%s: options come in name, value pairs; got %d arguments', ...
           fname, numel (args));
  endif
  for i = 1:2:numel (args)
    name = args{i};
    if (! ischar (name) || ! isrow (name))
      error ('initlab:badOption', '%s: option %d must be a name', ...
             fname, (i + 1) / 2);
    endif
    hit = find (strcmpi (name, known), 1);
    if (isempty (hit))
      error ('initlab:badOption', ...
             '%s: unknown option ''%s''; expected one of: %s', ...
             fname, name, strjoin (known', ', '));
    endif
    opts.(known{hit}) = args{i + 1};
  endfor
endfunction

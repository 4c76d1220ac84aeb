## -*- texinfo -*-
## @deftypefn {} {} il_check (@var{fname}, @var{name}, @var{value}, @var{kind})
## Raises initlab:badArg unless @var{value} is of @var{kind}: "scalar" (a real
## finite number), "count" (a whole number >= 0), "logical" (true/false or
## 0/1), "string", "vector" (real numbers) or "matrix" (real double matrix).
## @end deftypefn
function il_check (fname, name, value, kind)
  switch (kind)
    case "scalar"
      ok = isnumeric (value) && isreal (value) && isscalar (value) ...
           && isfinite (value);
      what = "a real finite scalar";
    case "count"
      ok = isnumeric (value) && isreal (value) && isscalar (value) ...
           && isfinite (value) && value >= 0 && value == fix (value);
      what = "a whole number >= 0";
    case "logical"
      ok = (islogical (value) || isnumeric (value)) && isscalar (value) ...
           && any (value == [0 1]);
      what = "true or false";
    case "string"
      ok = ischar (value) && (isrow (value) || isempty (value));
      what = "a string";
    case "vector"
      ok = isnumeric (value) && isreal (value) && (isvector (value) || isempty (value));
      what = "a real vector";
    case "matrix"
      ok = isa (value, "double") && isreal (value) && ndims (value) == 2 ...
           && ! issparse (value);
      what = "a real double matrix";
    otherwise
      error ("il_check: unknown kind %s", kind);
  endswitch
  if (! ok)
    error ("initlab:badArg", "%s: %s must be %s", fname, name, what);
  endif
endfunction

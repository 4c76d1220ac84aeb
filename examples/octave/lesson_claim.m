## -*- texinfo -*-
## @deftypefn {} {} lesson_claim (@var{holds}, @var{text})
## States a lesson's claim and whether its own numbers bear it out, as one
## line "ok - @var{text}" or "not ok - @var{text}".  make test runs every
## lesson and counts these lines, so a lesson whose claim stops being true
## fails the build.
## @end deftypefn
function lesson_claim (holds, text)
  if (all (logical (holds(:))) && ! isempty (holds))
    printf ('ok - %s\n', text);
  else
    printf ('not ok - %s\n', text);
  endif
endfunction

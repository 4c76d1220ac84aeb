## -*- texinfo -*-
## @deftypefn {} {} lesson_save (@var{h}, @var{folder}, @var{name})
## Writes figure @var{h} as @var{folder}/@var{name} (PNG) and leaves it open,
## so that publish, which collects the figures a cell leaves behind, shows it
## in the HTML page too.
## @end deftypefn
function lesson_save (h, folder, name)
  print (h, '-dpng', '-r90', fullfile (folder, name));
endfunction

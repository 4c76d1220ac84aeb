% test_docs.m - the option lists of the help texts are the engine's own:
% every option of a call's table (__initlab__ ('options', call)) appears in
% the help of the function that takes it, with "Default: <its default>.",
% both in the texinfo source and in what `help` shows, and the help lists
% no option the table lacks.  An option added to src/contract.c fails here
% until its help says what it is.
function test_docs ()
end

%!function [items, text] = listed (fname)
%! % the @item entries of the help's option tables (each after "@c options")
%! parts = strsplit (get_help_text (fname), '@c options');
%! items = {};
%! text = {};
%! for p = 2:numel (parts)
%!   body = parts{p};
%!   body = body(1:strfind (body, '@end table')(1) - 1);
%!   chunks = strsplit (body, '@item ');
%!   for k = 2:numel (chunks)
%!     lines = strsplit (chunks{k}, "\n");
%!     items{end+1} = strtrim (lines{1});
%!     text{end+1} = regexprep (strjoin (lines(2:end), ' '), '\s+', ' ');
%!   end
%! end
%!endfunction

%!function check_call (call, fname)
%! opts = __initlab__ ('options', call);
%! [items, text] = listed (fname);
%! extra = setdiff (items, {opts.name});
%! assert (isempty (extra), 'help %s lists %s, which the engine''s %s table lacks', ...
%!         fname, strjoin (extra, ', '), call);
%! shown = regexprep (evalc (sprintf ('help %s', fname)), '\s+', ' ');
%! for i = 1:numel (opts)
%!   k = find (strcmp (items, opts(i).name));
%!   assert (numel (k) == 1, 'help %s lists option %s %d times, not once', ...
%!           fname, opts(i).name, numel (k));
%!   want = ['Default: ' opts(i).default '.'];
%!   assert (~isempty (strfind (text{k}, want)), ...
%!           'help %s: option %s must say "%s", says "%s"', fname, opts(i).name, want, text{k});
%!   assert (~isempty (strfind (shown, ['''' opts(i).name ''''])), ...
%!           '`help %s` does not show option %s', fname, opts(i).name);
%!   assert (~isempty (strfind (shown, want)), '`help %s` does not show "%s"', fname, want);
%! end
%!endfunction

%!test check_call ('net', 'il_net')
%!test check_call ('init', 'il_init')
%!test check_call ('train', 'il_train')
%!test check_call ('stats', 'il_stats')
%!test check_call ('dataset', 'il_dataset')
%!test check_call ('gain', 'il_gain')
%!test check_call ('evaluate', 'il_accuracy')
%!test check_call ('cost', 'il_cost')
%!test check_call ('cost', 'il_gradients')
%!test check_call ('draw', 'il_rand')
%!test check_call ('theory', 'il_theory')
%!test check_call ('jacobian', 'il_jacobian')
%!test
%! % every table is checked above: the engine has no other call
%! for call = {'net', 'init', 'train', 'stats', 'dataset', 'gain', 'evaluate', 'cost'}
%!   assert (numel (__initlab__ ('options', call{1})) > 0);
%! end
%! try
%!   __initlab__ ('options', 'plot');
%!   error ('test:fail', 'a call the docs test does not know');
%! catch err
%!   assert (err.identifier, 'initlab:badName');
%! end

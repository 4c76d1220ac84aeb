% -*- texinfo -*-
% @deftypefn  {} {} il_summary (@var{net})
% @deftypefnx {} {@var{text} =} il_summary (@var{net})
% A network at a glance (@code{disp (net)} prints every weight): without an
% output, prints a first line with the layer sizes, the activations and the
% loss, and the number of parameters, then a table with a row per layer:
%
% @table @asis
% @item units
% n(l), the layer's units
% @item activation
% with its parameter where it has one: @code{leaky_relu(0.01)},
% @code{elu(1)}
% @item params
% n(l) (n(l-1) + 1), the entries of W@{l@} and b@{l@}; the total row adds
% them up
% @item W mean, W std, b mean, b std
% the mean and the population standard deviation (@code{std (x, 1)}) of
% the layer's weights and of its biases
% @item distinct
% how many different units the layer has: rows of [W b] that agree within
% 1e-12 times the layer's largest |entry| count once (what
% @code{rec.distinct} of @code{il_train} and @code{il_stats} counts; 1 in
% every layer of a zero-initialized network)
% @end table
%
% With an output, returns that text instead of printing it: a char row
% whose lines are separated by newlines (@code{strsplit (text, "\n")}).
% The engine writes it, so Lua's @code{net:summary()} gives the same
% characters (and @code{tostring(net)} its first line); C:
% @code{il_net_summary}.
% @example
% @group
% >> il_summary (il_net ([2 3 1], @{'tanh', 'sigmoid'@}))
% initlab net 2-3-1 (tanh, sigmoid; loss bce), 13 parameters
% layer  units  activation  params  @dots{}  distinct
%     1      3  tanh             9  @dots{}         3
%     2      1  sigmoid          4  @dots{}         1
% total                         13
% @end group
% @end example
% @seealso{il_net, il_stats}
% @end deftypefn
function text = il_summary (net)
  if nargin != 1
    error ('initlab:badArg', 'usage: il_summary (net) or text = il_summary (net)');
  end
  t = __initlab__ ('summary', net);
  if nargout == 0
    printf ('%s\n', t);
  else
    text = t;
  end
end

%!test
%! % a zero network: every unit a copy, in every layer
%! net = il_init (il_net ([2 3 1], {'tanh', 'sigmoid'}), 'zeros');
%! lines = strsplit (il_summary (net), "\n");
%! assert (lines{1}, 'initlab net 2-3-1 (tanh, sigmoid; loss bce), 13 parameters');
%! assert (lines(2:end), ...
%!   {'layer  units  activation  params  W mean  W std  b mean  b std  distinct', ...
%!    '    1      3  tanh             9       0      0       0      0         1', ...
%!    '    2      1  sigmoid          4       0      0       0      0         1', ...
%!    'total                         13'});
%!test
%! % known weights: the means and population stds as %g writes them
%! net = il_net ([2 3 1], {'tanh', 'sigmoid'});
%! net.W{1} = [1 2; 3 4; 5 6];  net.b{1} = [1; 2; 3];
%! net.W{2} = [1 -1 1];  net.b{2} = -0.5;
%! lines = strsplit (il_summary (net), "\n");
%! assert (lines{3}, '    1      3  tanh             9       3.5   1.70783       2  0.816497         3');
%! assert (lines{4}, '    2      1  sigmoid          4  0.333333  0.942809    -0.5         0         1');
%! assert (sprintf ('%g', std (net.W{1}(:), 1)), '1.70783');
%!test
%! % parameters per layer and in all: n(l) (n(l-1) + 1)
%! net = il_net ([4 7 5 3], {'leaky_relu', 'elu', 'softmax'}, 'act_param', [0.2 NaN NaN]);
%! t = il_summary (net);
%! n = net.sizes;
%! total = sum (n(2:end) .* (n(1:end-1) + 1));
%! assert (total, 35 + 40 + 18);
%! lines = strsplit (t, "\n");
%! assert (lines{1}, sprintf ('initlab net 4-7-5-3 (leaky_relu(0.2), elu(1), softmax; loss sce), %d parameters', total));
%! assert (! isempty (strfind (t, 'leaky_relu(0.2)      35')));
%! assert (regexp (t, sprintf ('\ntotal +%d$', total)) > 0);
%!test
%! % printed when no output is asked for, with a newline after the last line
%! net = il_net ([2 3 1], {'tanh', 'sigmoid'});
%! printed = evalc ('il_summary (net)');
%! assert (printed, [il_summary(net), "\n"]);
%!test
%! % the distinct count follows training's record
%! [X, Y] = il_dataset ('xor', 40, 'seed', 2);
%! net = il_init (il_net ([2 4 1], {'tanh', 'sigmoid'}), 'constant', 'value', 0.3);
%! rec = il_stats (net, X, Y, 'record', 'distinct');
%! lines = strsplit (il_summary (net), "\n");
%! assert (rec.distinct', [1 1]);
%! assert (lines{3}(end), '1');
%!error <usage> il_summary ()
%!error id=initlab:badArg il_summary (42)
%!error <net must be a network struct> il_summary ('net')
%!error id=initlab:badSize il_summary (setfield (il_net ([2 3 1], 'tanh'), 'W', {ones(3,3), ones(1,3)}))

% -*- texinfo -*-
% @deftypefn  {} {@var{out} =} il_forward (@var{net}, @var{X})
% @deftypefnx {} {[@var{out}, @var{Z}, @var{A}] =} il_forward (@var{net}, @var{X})
% Runs @var{net} on the samples in the columns of @var{X} (n0 x m: double,
% single, any integer class or logical, used as @code{double (X)}; sparse
% and complex are refused).  @var{out} is the output (nL x m);
% @var{Z}@{l@} and @var{A}@{l@} are layer l's pre-activations W*A+b and
% activations (n(l) x m), computed only when asked for.
% @seealso{il_predict, il_stats, il_train, il_summary}
% @end deftypefn
function [out, Z, A] = il_forward (varargin)
  % What a call reaches is normally not this but il_forward.oct (which
  % reads a plain network where Octave keeps it, il_forward.cc) or
  % il_forward.mex, the gateway under this name, which the build puts
  % beside a copy of this file (a tiny forward pass then pays for no .m
  % layer).  This runs only when this folder comes first on the path, and
  % does the same.
  if nargout < 2
    out = __initlab__ ('forward', varargin{:});
  else
    [out, Z, A] = __initlab__ ('forward', varargin{:});
  end
end

%!test
%! net = il_net ([2 3 1], {'tanh', 'sigmoid'});
%! net.W{1} = [1 2; 3 4; 5 6] / 10;  net.b{1} = [0.1; 0.2; 0.3];
%! net.W{2} = [1 -1 1];  net.b{2} = -0.2;
%! X = [1 -1 0.5; 2 0 -3];
%! [out, Z, A] = il_forward (net, X);
%! assert (Z{1}, net.W{1} * X + net.b{1}, 1e-15);
%! assert (A{1}, tanh (Z{1}), 1e-15);
%! assert (out, 1 ./ (1 + exp (-(net.W{2} * A{1} + net.b{2}))), 1e-15);
%! assert (A{2}, out);
%! assert (il_forward (net, single (X)), out);
%!error <forward takes net, X> il_forward (il_net ([2 3 1], 'tanh'))
%!error <forward takes net, X> il_forward (il_net ([2 3 1], 'tanh'), ones (2, 1), 3)
%!test
%! % the call reaches the gateway itself, beside a copy of this file
%! assert (regexp (which ('il_forward'), '\.(oct|mex)$') > 0);
%!error <X must have 2 rows> il_forward (il_net ([2 3 1], 'tanh'), ones (3, 4))
%!error <X must be a real matrix, got a string> il_forward (il_net ([2 3 1], 'tanh'), 'ab')
%!error <X must be finite; X\(1,2\) is NaN> il_forward (il_net ([2 3 1], 'tanh'), [1 NaN; 2 3])
%!error <layer 1 W must be 3x2, got 2x3> il_forward (setfield (il_net ([2 3 1], 'tanh'), 'W', {ones(2,3), ones(1,3)}), ones (2, 1))
%!test
%! % X of any real class is used as its doubles: logical, single, integers
%! net = il_init (il_net ([2 3 2], {'relu', 'sigmoid'}), 'he_normal', 'seed', 1);
%! X = [1 0 -2 3; 0 1 1 -1];
%! want = il_forward (net, X);
%! for cls = {@single, @int8, @uint16, @int32, @int64}
%!   assert (il_forward (net, cls{1} (abs (X))), il_forward (net, abs (X)));
%! end
%! assert (il_forward (net, int8 (X)), want);
%! assert (il_forward (net, X ~= 0), il_forward (net, double (X ~= 0)));
%! % and so are W and b of a network struct
%! net2 = net;
%! net2.W{1} = int8 (round (net.W{1} * 10));  net2.b{2} = true (2, 1);
%! net3 = net;
%! net3.W{1} = double (int8 (round (net.W{1} * 10)));  net3.b{2} = ones (2, 1);
%! assert (il_forward (net2, X), il_forward (net3, X));
%!test
%! % integers past 2^53 become the double Octave's double () makes of them
%! net = il_net ([1 1], 'linear');
%! net.W{1} = 1;  net.b{1} = 0;
%! big = intmax ('int64') - 5;
%! assert (il_forward (net, big), double (big));
%! assert (il_forward (net, [big, -big]), double ([big, -big]));
%! assert (il_forward (net, intmax ('uint64')), double (intmax ('uint64')));
%!error <X must be a real matrix, got a sparse matrix; convert it with full\(\)> il_forward (il_net ([2 3 1], 'tanh'), sparse (ones (2, 3)))
%!error <X must be a real matrix, got a complex number> il_forward (il_net ([1 1], 'tanh'), 1i)
%!error <X must be a real matrix, got a complex array> il_forward (il_net ([2 3 1], 'tanh'), complex (ones (2, 3), 1))
%!error <layer 1 W must be a real matrix, got a sparse matrix> il_forward (setfield (il_net ([2 3 1], 'tanh'), 'W', {sparse(ones(3,2)), ones(1,3)}), ones (2, 1))

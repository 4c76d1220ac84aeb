#!/bin/sh
# Ctrl-C during il_train, as a user at the Octave prompt does it: an
# interactive octave-cli in tmux (under --eval, SIGINT would end Octave),
# a long training, C-c, then checks that training stopped at once, that the
# record came back marked 'interrupted', and that Octave is still alive;
# then C-c during il_init and il_stats, which fail with initlab:interrupted.
# The command goes on after il_train with system('true'): its SIGCHLD makes
# Octave look at its signal state, where a Ctrl-C that il_train had not
# fully consumed would abort the rest of the line.
# Usage: sh tests/octave/interrupt.sh BUILD_DIR
set -u
build=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d)
session="initlab-interrupt-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null; rm -rf "$dir"' EXIT
. "$root/tests/tap.sh"
wait_for() { # file or pane text, seconds
    i=0
    while [ $i -lt $(($2 * 10)) ]; do
        if [ -e "$1" ] || tmux capture-pane -p -t "$session" 2>/dev/null | grep -q "$1"; then
            return 0
        fi
        sleep 0.1; i=$((i + 1))
    done
    return 1
}

show_pane() { # on a failure, the terminal as the user would see it
    tmux capture-pane -p -S -60 -t "$session" 2>/dev/null | grep -v '^$' | sed 's/^/#   /'
}

# in the scratch folder: Octave dumps octave-workspace there when the
# session is killed, not into the checkout
tmux new-session -d -s "$session" -c "$dir" -x 200 -y 50 "octave-cli --no-gui --quiet --norc"
# Octave reads the command only once it shows its prompt; a first start on a
# new machine can take several seconds.
wait_for "^octave:1>" 60
tmux send-keys -t "$session" "addpath('$build/octave', '$root/octave'); \
[X, Y] = il_dataset('circles', 300, 'seed', 1); net = il_net([2 10 5 1], {'relu','relu','sigmoid'}); \
tic; [net2, rec] = il_train(net, X, Y, 'iters', 1e9, 'record_every', 1000, 'progress_every', 20000); \
t = toc; system('true'); save('-text', '$dir/rec.txt', 'rec', 't'); disp('TRAINING-RETURNED')" Enter
wait_for "iter " 30
check "il_train prints progress lines while it runs" $?
sleep 1
tmux send-keys -t "$session" C-c
# The marker, not the file: the file exists before save has finished it.
wait_for "^TRAINING-RETURNED" 30
check "Ctrl-C stops il_train and it returns" $?
tmux send-keys -t "$session" "load('$dir/rec.txt'); printf('STOPPED=%s DONE=%d LAST=%d T=%.1f\\n', rec.stopped, rec.iters_done, rec.iter(end), t)" Enter
wait_for "^STOPPED=[a-z]" 30
line=$(tmux capture-pane -p -t "$session" | grep "^STOPPED=" | tail -n 1)
echo "# $line"
echo "$line" | grep -q "STOPPED=interrupted"
check "the record says it was interrupted" $?
done_iters=$(echo "$line" | sed -n 's/.*DONE=\([0-9]*\).*/\1/p')
last=$(echo "$line" | sed -n 's/.*LAST=\([0-9]*\).*/\1/p')
[ -n "$done_iters" ] && [ "$done_iters" -gt 1000 ] && [ "$done_iters" -lt 1000000000 ]
check "it trained for a while, not to the end (iterations done: ${done_iters:-?})" $?
[ -n "$last" ] && [ "$last" = "$done_iters" ]
check "the record ends at the iteration reached" $?
tmux send-keys -t "$session" "disp(6 * 7)" Enter
wait_for "^42" 10
check "Octave is still alive and answering after the interrupt" $?
# The other long calls answer Ctrl-C through the engine's interrupt hook
# too, with an error try/catch catches: an orthogonal initialization of a
# 2000 x 2000 layer (10 s or more here), then the statistics of a large
# batch.
tmux send-keys -t "$session" "net = il_net([2000 2000 1], {'tanh','sigmoid'}); X = randn(2000, 20000); \
for f = {@() il_init(net, 'orthogonal'), @() il_stats(net, X, [], 'record', 'all')}, disp('LONG-CALL'), \
tic; try, f{1}(); printf('NOT-INTERRUPTED\\n'); catch e, printf('CAUGHT=%s T=%.1f\\n', e.identifier, toc); end, \
end; system('true'); disp('LONG-RETURNED')" Enter
for k in 1 2; do
    i=0
    while [ $i -lt 600 ] && [ "$(tmux capture-pane -p -t "$session" | grep -c '^LONG-CALL$')" -lt $k ]; do
        sleep 0.1; i=$((i + 1))
    done
    sleep 1
    tmux send-keys -t "$session" C-c
done
wait_for "^LONG-RETURNED" 60
caught=$(tmux capture-pane -p -t "$session" | grep -c "CAUGHT=initlab:interrupted")
echo "# $(tmux capture-pane -p -t "$session" | grep -o "CAUGHT=[a-z:]*[A-Za-z]* T=[0-9.]*\|^NOT-INTERRUPTED" | tr '\n' ' ')"
[ "$caught" -eq 2 ]
check "Ctrl-C stops il_init and il_stats with initlab:interrupted, which try/catch catches" $?
tmux send-keys -t "$session" "disp(6 * 7)" Enter
wait_for "^42" 10
check "and Octave still answers after them" $?
tmux send-keys -t "$session" "exit" Enter
[ "$failed" -eq 0 ] || show_pane
summary interrupt

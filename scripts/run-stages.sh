#!/usr/bin/env bash
# Usage: scripts/run-stages.sh JOBS LOG_DIR STAGE...          (make test)
#
# Runs every STAGE (`$MAKE STAGE`, MAKE from the environment, default make) and prints a summary:
# stage, result, wall seconds and CPU seconds (user+sys of the stage's processes, from bash's
# `times`; an emulator a stage starts in the background is not counted). Every stage runs even
# when another fails; the exit status is 1 if any failed.
#
# JOBS=1: the stages run in the given order, each stage's output streamed as it comes (and kept in
# LOG_DIR/<stage>.log). JOBS=N>1: a queue served by N workers: a stage starts, in the given order,
# as soon as fewer than N run (so give the longest first); its output goes to LOG_DIR/<stage>.log
# and is printed whole when it ends, one stage after another, never interleaved. Stages must not
# share anything they write (the Makefile gives each its own collection copy and work dir; venvs are
# made before, by `make venvs`).
#
# LIGHT_STAGES (environment, space-separated): stages that mostly wait (pytest suites whose time is
# retry back-offs, read time-outs and slow answers; their CPU seconds are a third of their wall
# seconds). With JOBS>1 they run one at a time on a lane of their own beside the N workers, in the
# given order, so that their waiting does not hold a worker: the 2 cores stay busy with the others
# (once no other stage is left to start, a free worker takes the next waiting one too).
# With JOBS=1 they run in turn like any stage.
set -uo pipefail
usage="usage: $0 JOBS LOG_DIR STAGE..."
jobs=${1:?$usage}
logs=${2:?$usage}
shift 2
(($# > 0)) || { echo "$usage" >&2; exit 2; }
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "run-stages: JOBS must be a positive number (got '$jobs')" >&2; exit 2; }
make=${MAKE:-make}
stages=("$@")
mkdir -p "$logs"
start=$SECONDS
declare -A result=() took=() cpu=() pid_stage=() light=() pid_light=()
for stage in ${LIGHT_STAGES:-}; do light[$stage]=1; done

# One stage, in a subshell: runs it, then writes "rc wall_seconds cpu_seconds" to <stage>.result.
run_stage() {
  local stage=$1 t0=$SECONDS rc=0
  "$make" "$stage" || rc=$?
  # `times` line 2: user and system time of the waited-for children (XmY.YYYs each); run in this
  # shell (a pipe or $(...) would run it in a subshell, which has no children yet).
  local c
  times >"$logs/$stage.times"
  c=$(sed -n 2p "$logs/$stage.times" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); n += a[1] * 60 + a[2] } printf "%d", n + 0.5 }')
  rm -f "$logs/$stage.times"
  echo "$rc $((SECONDS - t0)) $c" >"$logs/$stage.result"
  return "$rc"
}

collect() {
  local stage=$1 rc secs c
  if read -r rc secs c <"$logs/$stage.result" 2>/dev/null; then
    result[$stage]=$([[ $rc == 0 ]] && echo ok || echo FAILED); took[$stage]=$secs; cpu[$stage]=$c
  else
    result[$stage]=FAILED; took[$stage]=0; cpu[$stage]=0
    echo "$stage: ended without a result (killed?)"
  fi
}

running=()
# shellcheck disable=SC2329  # called by the EXIT trap
cleanup() {
  local p
  for p in "${running[@]}"; do kill -- "-$p" 2>/dev/null; done
  true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for stage in "${stages[@]}"; do rm -f "$logs/$stage.log" "$logs/$stage.result"; done

if ((jobs == 1)); then
  for stage in "${stages[@]}"; do
    echo; echo "======== $stage ========"
    (run_stage "$stage") </dev/null 2>&1 | tee "$logs/$stage.log"
    collect "$stage"
  done
else
  heavy=() lights=()
  for stage in "${stages[@]}"; do
    if [[ -n ${light[$stage]:-} ]]; then lights+=("$stage"); else heavy+=("$stage"); fi
  done
  echo "run-stages: ${#heavy[@]} stages on $jobs workers${lights[0]:+, ${#lights[@]} waiting ones (LIGHT_STAGES) on a lane beside them}, in this order (output: $logs/<stage>.log, printed when each ends)"
  start_stage() {
    setsid bash -c "$(declare -f run_stage); logs=$(printf %q "$logs"); make=$(printf %q "$make"); run_stage $(printf %q "$1")" \
      >"$logs/$1.log" 2>&1 </dev/null &
    pid_stage[$!]=$1
    running+=("$!")
    echo "[$((SECONDS - start))s] started $1"
  }
  next=0 next_light=0 heavy_running=0 light_running=0
  while ((next < ${#heavy[@]} || next_light < ${#lights[@]} || ${#running[@]} > 0)); do
    while ((next < ${#heavy[@]} && heavy_running < jobs)); do
      start_stage "${heavy[next]}"
      next=$((next + 1)) heavy_running=$((heavy_running + 1))
    done
    while ((next_light < ${#lights[@]} && light_running < 1)); do
      start_stage "${lights[next_light]}"
      pid_light[$!]=1
      next_light=$((next_light + 1)) light_running=$((light_running + 1))
    done
    # no other stage left: a waiting one may take a free worker too
    while ((next >= ${#heavy[@]} && next_light < ${#lights[@]} && heavy_running < jobs)); do
      start_stage "${lights[next_light]}"
      next_light=$((next_light + 1)) heavy_running=$((heavy_running + 1))
    done
    done_pid=
    wait -n -p done_pid "${running[@]}"
    [[ -n $done_pid ]] || continue
    stage=${pid_stage[$done_pid]}
    if [[ -n ${pid_light[$done_pid]:-} ]]; then light_running=$((light_running - 1)); else heavy_running=$((heavy_running - 1)); fi
    keep=()
    for p in "${running[@]}"; do [[ $p == "$done_pid" ]] || keep+=("$p"); done
    running=("${keep[@]}")
    collect "$stage"
    echo; echo "======== $stage: ${result[$stage]} (${took[$stage]}s, ended at $((SECONDS - start))s) ========"
    cat "$logs/$stage.log"
    echo "======== end of $stage ========"
  done
fi

failed=(); passed=0
echo; echo "======== summary ($((SECONDS - start))s, $jobs worker(s)) ========"
printf '  %-28s %-7s %6s %8s\n' stage result wall cpu
for stage in "${stages[@]}"; do
  printf '  %-28s %-7s %5ds %7ds\n' "$stage" "${result[$stage]}" "${took[$stage]}" "${cpu[$stage]}"
  if [[ ${result[$stage]} == ok ]]; then passed=$((passed + 1)); else failed+=("$stage"); fi
done
echo "stages: $passed passed, ${#failed[@]} failed"
if ((${#failed[@]})); then echo "failed stages: ${failed[*]}"; exit 1; fi
exit 0

# shellcheck shell=bash disable=SC2154,SC2034
# bench/lib.sh - shell functions shared by the benchmarks (bench/fanout, bench/deploy). Source it; do not run it.
#
# The caller sets, before calling anything here:
#   BENCH_NAME  tag for messages ("fanout")      PREFIX, SUBNET  harness host prefix and /24 (pb, 10.213.2)
#   count       number of hosts                   delay_ms        delay per direction, ms
#   runs        timed runs per contender          timer           hyperfine | date
#   work        work directory (mktemp -d)        hosts_dir       "$work/hosts"
#   repo, bench_dir, harness (tests/harness/hosts.sh), cache (~/.cache/portoser/bench)
# and installs the traps with `bench_traps CLEANUP_FN`, where CLEANUP_FN does its own teardown and then
# calls `bench_teardown "$rc" "$keep"`. (SC2154/SC2034 are off for this file: those variables are the
# callers', and MEAN/SD/MIN/MAX/LABEL/missed are read by them.)

delayer_pids=()
hosts_up=0
timer_pid=   # a running hyperfine, stopped by the teardown

say() { printf '[%s] %s\n' "$BENCH_NAME" "$*" >&2; }
die() { say "error: $*"; exit 3; }

# ---------------------------------------------------------------- teardown (always, also on Ctrl-C)
stop_delayers() {
  local p
  for p in "${delayer_pids[@]}"; do
    # Only our own delayer: the pid must still name nfqdelay.
    if [ "$(cat "/proc/$p/comm" 2>/dev/null)" = nfqdelay ]; then kill -TERM "$p" 2>/dev/null || true; fi
  done
  for p in "${delayer_pids[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do [ -d "/proc/$p" ] || break; sleep 0.1; done
  done
  delayer_pids=()
}

# bench_teardown RC KEEP: stops a running hyperfine, the delayers and the hosts (the harness kills every
# process left in a host namespace), then removes the work directory unless KEEP is 1 or RC >= 2.
bench_teardown() {
  local rc="$1" keep="$2"
  # hyperfine runs in its own process group: TERM to the group also ends the command it is timing (a deploy JVM
  # would otherwise outlive hyperfine and keep talking to hosts that are about to go away).
  if [ -n "$timer_pid" ]; then kill -TERM -- "-$timer_pid" 2>/dev/null; wait "$timer_pid" 2>/dev/null; timer_pid=; fi
  stop_delayers
  if [ "$hosts_up" -eq 1 ]; then
    bash "$harness" down --name "$PREFIX" --dir "$hosts_dir" >"$work/harness-down.log" 2>&1 ||
      { say "harness down failed:"; cat "$work/harness-down.log" >&2; }
    hosts_up=0
  fi
  if [ -n "$bench_lock" ]; then rm -rf "$bench_lock"; bench_lock=; fi
  if [ "$keep" -eq 1 ] || [ "$rc" -ge 2 ]; then say "work directory kept: $work"; else rm -rf "$work"; fi
}

# bench_traps CLEANUP_FN: CLEANUP_FN runs on every exit; INT and TERM exit 130 / 143 through it.
bench_traps() {
  # shellcheck disable=SC2064  # the function name is fixed now, on purpose
  trap "$1" EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# ---------------------------------------------------------------- hosts
# Run CMD inside host I's namespace.
in_host() {
  local i="$1"; shift
  if ip netns list 2>/dev/null | grep -qw "^$PREFIX$i"; then
    ip netns exec "$PREFIX$i" "$@"
  else
    bash "$harness" exec "$i" --name "$PREFIX" --dir "$hosts_dir" -- "$@"
  fi
}

host_ip() { echo "$SUBNET.$((10 + $1))"; }

# One benchmark at a time per PREFIX: the harness's `up` removes whatever hosts PREFIX has, so a second bench
# would tear down the first one's hosts. mkdir is atomic; a lock whose holder died is taken over.
bench_lock=
take_bench_lock() {
  local l="/tmp/portoser-bench-$PREFIX.lock" holder
  if ! mkdir "$l" 2>/dev/null; then
    holder="$(cat "$l/pid" 2>/dev/null || true)"
    if [ -n "$holder" ] && kill -0 "$holder" 2>/dev/null; then die "another benchmark (pid $holder) is using the $PREFIX hosts"; fi
    rm -rf "$l"
    mkdir "$l" 2>/dev/null || die "could not take $l"
  fi
  echo $$ >"$l/pid"
  bench_lock="$l"
}

bring_hosts_up() {
  take_bench_lock
  hosts_up=1   # `up` itself first removes leftovers of an aborted run with this prefix
  bash "$harness" up --count "$count" --name "$PREFIX" --subnet "$SUBNET" --dir "$hosts_dir" >"$work/harness-up.log" 2>&1 ||
    { cat "$work/harness-up.log" >&2; die "harness up failed"; }
  local f
  for f in id_ed25519 known_hosts registry.yml; do [ -f "$hosts_dir/$f" ] || die "harness did not write $hosts_dir/$f"; done
}

# The harness registry's hosts: section and top lines, without its empty `services:` line.
registry_hosts_part() {
  grep -Ev '^services:[[:space:]]*(\{\}|~|null)?[[:space:]]*(#.*)?$' "$hosts_dir/registry.yml"
}

# ---------------------------------------------------------------- RTT
# Milliseconds of one TCP connect (SYN → SYN-ACK = one RTT) to IP:22, using bash's /dev/tcp (no fork).
connect_ms() {
  local t0 t1
  t0=$EPOCHREALTIME
  if ! exec 3<>"/dev/tcp/$1/22"; then echo "-1"; return; fi
  t1=$EPOCHREALTIME
  exec 3>&-
  echo "$t0 $t1" | awk '{printf "%.2f", ($2 - $1) * 1000}'
}

# Best of 3 connects per host, as a space-separated list on stdout.
measure_rtts() {
  local i best v
  for i in $(seq 1 "$count"); do
    best=""
    for _ in 1 2 3; do
      v="$(connect_ms "$(host_ip "$i")" 2>/dev/null)"
      if [ -z "$best" ] || awk -v a="$v" -v b="$best" 'BEGIN{exit !(a < b)}'; then best="$v"; fi
    done
    printf '%s ' "$best"
  done
}

rtt_summary() { tr ' ' '\n' | awk 'NF{n++; s+=$1; if(min==""||$1<min)min=$1; if($1>max)max=$1}
  END{printf "mean %.1f ms, min %.1f, max %.1f over %d hosts", s/n, min, max, n}'; }

# Fails unless every RTT in "$1" is at least 1.6 × delay_ms (two delayed directions, some slack).
rtts_delayed() { echo "$1" | tr ' ' '\n' | awk -v d="$delay_ms" 'NF && $1 < 1.6*d {bad=1} END{exit bad}'; }

packets_in() { in_host "$1" iptables -w -nvxL INPUT 2>/dev/null | awk '/NFQUEUE/{s+=$1} END{print s+0}'; }

# ---------------------------------------------------------------- the delayer
# Compiles bench/nfqdelay.c once per source version into the cache; prints the binary's path.
build_delayer() {
  local src="$bench_dir/nfqdelay.c" sum bin
  sum="$(cksum <"$src" | cut -d' ' -f1)"
  bin="$cache/nfqdelay-$sum/nfqdelay"   # the file name stays nfqdelay: teardown checks /proc/PID/comm
  if [ ! -x "$bin" ]; then
    if [ ! -f /usr/include/libnetfilter_queue/libnetfilter_queue.h ]; then
      say "libnetfilter_queue headers missing; apt-get install -y libnetfilter-queue-dev"
      DEBIAN_FRONTEND=noninteractive apt-get install -y libnetfilter-queue-dev >"$work/apt-nfq.log" 2>&1 ||
        { cat "$work/apt-nfq.log" >&2; die "could not install libnetfilter-queue-dev"; }
    fi
    command -v gcc >/dev/null || die "gcc not found (apt-get install -y gcc)"
    mkdir -p "$(dirname "$bin")"
    gcc -O2 -Wall -Wextra -o "$bin.$$" "$src" -lnetfilter_queue || die "nfqdelay build failed"
    mv -f "$bin.$$" "$bin"
    say "built $bin"
  fi
  echo "$bin"
}

# start_delay I BIN: one delayer per namespace (NFQUEUE queues are per netns). All non-loopback IPv4
# traffic of the host is queued: ssh, and also what portoser sends to the host directly (health checks).
# --queue-bypass: with no delayer bound, packets pass undelayed instead of being dropped.
start_delay() {
  local i="$1" bin="$2" pidf="$work/delay/$PREFIX$1.pid"
  mkdir -p "$work/delay"
  in_host "$i" "$bin" --delay-ms "$delay_ms" --pidfile "$pidf" </dev/null >/dev/null 2>>"$work/delay/$PREFIX$i.log" &
  for _ in $(seq 1 50); do [ -s "$pidf" ] && break; sleep 0.05; done
  [ -s "$pidf" ] || { cat "$work/delay/$PREFIX$i.log" >&2; die "delayer for $PREFIX$i did not start"; }
  delayer_pids+=("$(cat "$pidf")")
  in_host "$i" iptables -w -A INPUT ! -i lo -j NFQUEUE --queue-num 0 --queue-bypass
  in_host "$i" iptables -w -A OUTPUT ! -o lo -j NFQUEUE --queue-num 0 --queue-bypass
}

check_delayers_alive() {
  local p
  for p in "${delayer_pids[@]}"; do
    [ "$(cat "/proc/$p/comm" 2>/dev/null)" = nfqdelay ] || { say "WARNING: delayer pid $p died; its host ran without delay"; return 1; }
  done
}

# ---------------------------------------------------------------- portoser
# Build portoser's JBang cache before any host exists. Sources may be mid-edit by others: retry a little.
prebuild() {
  local try
  for try in 1 2 3; do
    if (cd "$repo" && ./jbang portoser.java --version) >"$work/prebuild.log" 2>&1; then return 0; fi
    say "portoser build failed (try $try of 3); retrying in 10 s"
    sleep 10
  done
  cat "$work/prebuild.log" >&2
  die "./jbang portoser.java --version fails"
}

# ---------------------------------------------------------------- timing
declare -A MEAN SD MIN MAX LABEL
order=()

# time_it KEY LABEL WARMUP PREPARE CMD [IGNORE_FAILURE]  (PREPARE may be empty; IGNORE_FAILURE 1: a
# non-zero exit of CMD does not abort the timing). Fills MEAN/SD/MIN/MAX[KEY] in seconds.
time_it() {
  local key="$1" label="$2" warm="$3" prep="$4" cmd="$5" ignore="${6:-0}" csv="$work/$1.csv"
  order+=("$key"); LABEL[$key]="$label"
  say "timing $label ($runs runs)"
  if [ "$timer" = hyperfine ]; then
    local args=(--runs "$runs" --warmup "$warm" --style basic --export-csv "$csv" -n "$key")
    [ -n "$prep" ] && args+=(--prepare "$prep")
    [ "$ignore" -eq 1 ] && args+=(-i)
    # In the background so that `wait` returns at once on TERM/INT and the trap can stop it; under setsid (which
    # execs: a background job of a script does not lead a group) so that its pid is its process group.
    setsid hyperfine "${args[@]}" "$cmd" >"$work/$key.hyperfine" 2>&1 &
    timer_pid=$!
    wait "$timer_pid" || { cat "$work/$key.hyperfine" >&2; die "hyperfine failed for $key"; }
    timer_pid=
    read -r "MEAN[$key]" "SD[$key]" "MIN[$key]" "MAX[$key]" < <(awk -F, 'NR==1{for(i=1;i<=NF;i++)c[$i]=i; next}
      {print $c["mean"], $c["stddev"], $c["min"], $c["max"]}' "$csv")
  else
    local n t0 t1 times=()
    for ((n = 0; n < warm + runs; n++)); do
      [ -n "$prep" ] && bash -c "$prep" >/dev/null 2>&1
      t0=$(date +%s%N); bash -c "$cmd" >/dev/null 2>&1 || true; t1=$(date +%s%N)
      [ "$n" -ge "$warm" ] && times+=("$(( t1 - t0 ))")
    done
    read -r "MEAN[$key]" "SD[$key]" "MIN[$key]" "MAX[$key]" < <(printf '%s\n' "${times[@]}" | awk '{x=$1/1e9; s+=x; q+=x*x; n++;
      if(min==""||x<min)min=x; if(x>max)max=x} END{m=s/n; v=q/n-m*m; printf "%f %f %f %f\n", m, (v>0?sqrt(v):0), min, max}')
  fi
}

ratio() { awk -v a="${MEAN[$1]}" -v b="${MEAN[$2]}" 'BEGIN{printf "%.3f", a / b}'; }

# check_target NAME RATIO TARGET: prints met/missed; sets missed=1 when RATIO > TARGET.
missed=0
check_target() {
  if awk -v r="$2" -v t="$3" 'BEGIN{exit !(r <= t)}'; then echo "target met:    $1 = $2x <= $3x"
  else echo "TARGET MISSED: $1 = $2x > $3x"; missed=1; fi
}

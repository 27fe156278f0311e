#!/usr/bin/env bash
# tests/harness/hosts.sh - N test hosts as network namespaces, each with its own OpenSSH sshd, on one bridge.
#
#   hosts.sh up --count N [--name PREFIX] [--subnet 10.213.K] [--dir DIR] [--docker]   (prints DIR)
#   hosts.sh down        [--name PREFIX] [--dir DIR]
#   hosts.sh docker-up I | docker-down I  [--name PREFIX] [--dir DIR]
#   hosts.sh stop-sshd I | start-sshd I | pause-sshd I | resume-sshd I  [--name PREFIX] [--dir DIR]
#   hosts.sh exec I [--name PREFIX] [--dir DIR] -- CMD...
#
# Host i is namespace PREFIXi at SUBNET.(10+i) behind bridge PREFIXbr0 (SUBNET.1 in the root namespace).
# Each namespace gets /etc/netns/PREFIXi/passwd whose root home is DIR/hI/home, so SSH sessions start
# from a clean home (root's real ~/.bashrc runs pyenv init: ~80 ms per session).
# stop-sshd kills the listener and its open sessions (the host looks down: connection refused);
# pause-sshd SIGSTOPs the listener (the host looks hung: connections time out).
#
# Docker (optional, per host): docker-up I starts one dockerd inside host i's namespace (its own data-root,
# exec-root, pidfile and socket DIR/hI/docker/docker.sock) and imports the test images portoser-test/busybox:1
# and :2 (a busybox-static rootfs, no registry needed; CMD httpd -f -p 80 -h /www; /www/version holds 1 or 2).
# Every host's sshd has `SetEnv DOCKER_HOST=unix://DIR/hI/docker/docker.sock` from creation on, so SSH sessions
# talk to that host's daemon (or get "Cannot connect" while it is down). `up --docker` does docker-up on all hosts;
# docker-down I stops one daemon (containers are killed first, volumes and images stay on disk); `down` stops all.
# Needs root, iproute2, openssh-server, openssh-client and coreutils; docker also needs docker.io, busybox-static,
# iptables and nsenter (util-linux).
set -euo pipefail

prefix=pt subnet=10.213.1 count='' dir='' with_docker=''

die() { echo "hosts.sh: $*" >&2; exit 2; }

parse_opts() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --count) count="${2:?}"; shift 2 ;;
      --name) prefix="${2:?}"; shift 2 ;;
      --subnet) subnet="${2:?}"; shift 2 ;;
      --dir) dir="${2:?}"; shift 2 ;;
      --docker) with_docker=1; shift ;;
      --) shift; rest=("$@"); return ;;
      *) die "unknown option: $1" ;;
    esac
  done
}

# Serialises changes to one PREFIX across processes (two test JVMs may bring up the same hosts).
# mkdir is atomic; a lock whose holder died is taken over.
lockdir=''
lock() {
  local l="/tmp/portoser-harness-${prefix}.lock" t holder
  for t in $(seq 1 1200); do
    if mkdir "$l" 2>/dev/null; then
      echo $$ >"$l/pid"
      lockdir="$l"
      trap 'rm -rf "$lockdir"' EXIT
      return 0
    fi
    holder="$(cat "$l/pid" 2>/dev/null || true)"
    if [ -n "$holder" ] && ! kill -0 "$holder" 2>/dev/null; then rm -rf "$l"; continue; fi
    sleep 0.1
  done
  die "harness $prefix is locked by pid ${holder:-?} (after $t tries)"
}

ns() { echo "${prefix}$1"; }
hdir() { echo "$dir/h$1"; }

# Namespaces PREFIX<digits> that exist now (leftovers included).
existing_ns() { ip netns list | awk '{print $1}' | grep -E "^${prefix}[0-9]+$" || true; }

kill_ns_sshds() {
  local n="$1" sig="${2:-KILL}" pid
  for pid in $(ip netns pids "$n" 2>/dev/null); do
    if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = sshd ]; then kill "-$sig" "$pid" 2>/dev/null || true; fi
  done
}

teardown() {
  local n pid
  stop_all_dockerds
  for n in $(existing_ns); do
    kill_ns_sshds "$n" KILL
    # Anything else still in the namespace (a test's listener, a daemon that would not stop) dies with it.
    for pid in $(ip netns pids "$n" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
    ip netns del "$n" 2>/dev/null || true
    rm -rf "/etc/netns/$n"
  done
  ip link del "${prefix}br0" 2>/dev/null || true
  unmount_under "$dir"
  # veth pairs left in the root namespace by an interrupted `up`
  for n in $(ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1 | grep -E "^${prefix}[vp][0-9]+$" || true); do
    ip link del "$n" 2>/dev/null || true
  done
  [ -n "$dir" ] && [ "$dir" != / ] && rm -rf "$dir"
  return 0
}

make_bridge() {
  ip link add "${prefix}br0" type bridge
  ip addr add "$subnet.1/24" dev "${prefix}br0"
  ip link set "${prefix}br0" up
}

# Namespace, veth into the bridge, address, loopback and a default route via the bridge.
make_netns() {
  local i="$1" n; n="$(ns "$1")"
  ip netns add "$n"
  ip link add "${prefix}v$i" type veth peer name "${prefix}p$i"
  ip link set "${prefix}v$i" master "${prefix}br0" up
  ip link set "${prefix}p$i" netns "$n"
  ip -n "$n" link set "${prefix}p$i" name eth0
  ip -n "$n" addr add "$subnet.$((10 + i))/24" dev eth0
  ip -n "$n" link set lo up
  ip -n "$n" link set eth0 up
  ip -n "$n" route add default via "$subnet.1"
}

# A passwd for the namespace in which root's home is a clean, empty directory.
clean_home() {
  local i="$1" n home; n="$(ns "$1")"; home="$(hdir "$i")/home"
  mkdir -p "/etc/netns/$n" "$home"
  awk -F: -v OFS=: -v h="$home" '$1 == "root" { $6 = h } { print }' /etc/passwd >"/etc/netns/$n/passwd"
}

write_sshd_config() {
  local i="$1" h; h="$(hdir "$1")"
  cat >"$h/sshd_config" <<EOF
ListenAddress $subnet.$((10 + i))
Port 22
HostKey $h/ssh_host_ed25519_key
PidFile $h/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
StrictModes no
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
UseDNS no
LogLevel VERBOSE
MaxSessions 64
MaxStartups 64:30:128
PrintMotd no
Subsystem sftp internal-sftp
SetEnv DOCKER_HOST=unix://$h/docker/docker.sock
EOF
}

start_sshd() {
  local i="$1" h; h="$(hdir "$1")"
  [ -f "$h/sshd_config" ] || die "no host $i in $dir"
  listening "$i" && return 0
  mkdir -p /run/sshd
  ip netns exec "$(ns "$i")" /usr/sbin/sshd -f "$h/sshd_config" -E "$h/sshd.log"
  wait_listening "$i"
}

listening() { ip netns exec "$(ns "$1")" ss -Hltn "sport = :22" | grep -q .; }

wait_listening() {
  local i="$1" t
  for t in $(seq 1 100); do
    listening "$i" && return 0
    sleep 0.05
  done
  die "sshd on host $i did not start (after $t tries); see $(hdir "$i")/sshd.log"
}

stop_sshd() {
  local i="$1" h; h="$(hdir "$1")"
  kill_ns_sshds "$(ns "$i")" CONT
  kill_ns_sshds "$(ns "$i")" TERM
  local t
  for t in $(seq 1 100); do
    listening "$i" || break
    sleep 0.05
  done
  # A session forked while the signals went out was not in the list: repeat until no sshd is left (KILL at the
  # end), or a pooled client connection could outlive the "stopped" sshd.
  for t in $(seq 1 40); do
    ns_has_sshd "$(ns "$i")" || break
    kill_ns_sshds "$(ns "$i")" "$([ "$t" -lt 20 ] && echo TERM || echo KILL)"
    sleep 0.05
  done
  rm -f "$h/sshd.pid"
}

ns_has_sshd() {
  local pid
  for pid in $(ip netns pids "$1" 2>/dev/null); do
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = sshd ] || continue
    # A zombie is gone (PID 1 here does not reap orphans).
    [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = Z ] || return 0
  done
  return 1
}

signal_listener() {
  local i="$1" sig="$2" pidf; pidf="$(hdir "$1")/sshd.pid"
  [ -f "$pidf" ] || die "sshd of host $i is not running"
  kill "-$sig" "$(cat "$pidf")"
}

make_host() {
  local i="$1" h; h="$(hdir "$1")"
  mkdir -p "$h/srv"
  make_netns "$i"
  clean_home "$i"
  ssh-keygen -q -t ed25519 -N '' -C "harness-$(ns "$i")" -f "$h/ssh_host_ed25519_key"
  write_sshd_config "$i"
  start_sshd "$i"
  echo "$subnet.$((10 + i)) $(cut -d' ' -f1,2 "$h/ssh_host_ed25519_key.pub")" >>"$dir/known_hosts"
}

write_registry() {
  local i
  {
    echo "# Written by tests/harness/hosts.sh: $count namespace hosts on $subnet.0/24."
    echo "domain: harness"
    echo "hosts:"
    for i in $(seq 1 "$count"); do
      printf '  h%s:\n    ip: %s\n    ssh_user: root\n    ssh_key: %s\n    path: %s\n' \
        "$i" "$subnet.$((10 + i))" "$dir/id_ed25519" "$(hdir "$i")/srv"
    done
    echo "services: {}"
  } >"$dir/registry.yml"
}

write_env() {
  local i
  {
    printf 'HARNESS_PREFIX=%s\nHARNESS_DIR=%s\nHARNESS_COUNT=%s\nHARNESS_SUBNET=%s\n' "$prefix" "$dir" "$count" "$subnet"
    printf 'HARNESS_KEY=%s\nHARNESS_KNOWN_HOSTS=%s\nHARNESS_REGISTRY=%s\n' "$dir/id_ed25519" "$dir/known_hosts" "$dir/registry.yml"
    for i in $(seq 1 "$count"); do
      printf 'H%s_IP=%s\nH%s_NS=%s\nH%s_SSHD_LOG=%s\n' "$i" "$subnet.$((10 + i))" "$i" "$(ns "$i")" "$i" "$(hdir "$i")/sshd.log"
      printf 'H%s_DOCKER_HOST=unix://%s\n' "$i" "$(hdir "$i")/docker/docker.sock"
    done
  } >"$dir/hosts.env"
}

cmd_up() {
  if ! [[ "$count" =~ ^[0-9]+$ ]] || [ "$count" -lt 1 ] || [ "$count" -gt 200 ]; then die "--count N (1..200) is required"; fi
  [[ "$subnet" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "--subnet must look like 10.213.1"
  teardown
  mkdir -p "$dir"
  ssh-keygen -q -t ed25519 -N '' -C "portoser-harness" -f "$dir/id_ed25519"
  cp "$dir/id_ed25519.pub" "$dir/authorized_keys"
  : >"$dir/known_hosts"
  make_bridge
  local i
  for i in $(seq 1 "$count"); do make_host "$i"; done
  write_registry
  write_env
  if [ -n "$with_docker" ]; then for i in $(seq 1 "$count"); do docker_up "$i"; done; fi
  echo "$dir"
}

# Docker support: docker_up, docker_down, stop_all_dockerds, unmount_under.
# shellcheck source=tests/harness/docker.sh
. "$(dirname "${BASH_SOURCE[0]}")/docker.sh"

main() {
  [ "$(id -u)" -eq 0 ] || die "must run as root (network namespaces)"
  local verb="${1:-}"; [ $# -gt 0 ] && shift
  local idx=
  case "$verb" in
    stop-sshd | start-sshd | pause-sshd | resume-sshd | exec | docker-up | docker-down) idx="${1:-}"; [ $# -gt 0 ] && shift
      [[ "$idx" =~ ^[0-9]+$ ]] || die "$verb needs a host number" ;;
  esac
  rest=()
  parse_opts "$@"
  dir="${dir:-/tmp/portoser-harness-$prefix}"
  [ "$verb" = exec ] || lock
  case "$verb" in
    up) cmd_up ;;
    down) teardown ;;
    stop-sshd) stop_sshd "$idx" ;;
    start-sshd) start_sshd "$idx" ;;
    pause-sshd) signal_listener "$idx" STOP ;;
    resume-sshd) signal_listener "$idx" CONT ;;
    docker-up) docker_up "$idx" ;;
    docker-down) docker_down "$idx" ;;
    exec) [ ${#rest[@]} -gt 0 ] || die "exec I -- CMD"; exec ip netns exec "$(ns "$idx")" "${rest[@]}" ;;
    *) die "usage: hosts.sh up --count N [--name P] [--subnet A.B.C] [--dir D] | down | stop-sshd I | start-sshd I | pause-sshd I | resume-sshd I | docker-up I | docker-down I | exec I -- CMD" ;;
  esac
}

main "$@"

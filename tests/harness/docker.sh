# tests/harness/docker.sh - sourced by hosts.sh: one dockerd per namespace host, and the test images.
# Uses hosts.sh's globals and helpers: dir, prefix, ns, hdir, die.
# shellcheck shell=bash

image_cache=/tmp/portoser-harness-cache

ddir() { echo "$(hdir "$1")/docker"; }
dsock() { echo "$(ddir "$1")/docker.sock"; }
dcli() { local i="$1"; shift; docker -H "unix://$(dsock "$i")" "$@"; }
docker_answers() { [ -S "$(dsock "$1")" ] && dcli "$1" version >/dev/null 2>&1; }
dockerd_pid() { local p; p="$(cat "$(ddir "$1")/docker.pid" 2>/dev/null || true)"; [ -n "$p" ] && kill -0 "$p" 2>/dev/null && echo "$p"; }

# Idempotent: starts the daemon unless it answers, then imports whatever test image is missing.
docker_up() {
  local i="$1"
  [ -f "$(hdir "$i")/sshd_config" ] || die "no host $i in $dir"
  command -v dockerd >/dev/null || die "dockerd not found (Debian: apt-get install docker.io)"
  docker_answers "$i" || start_dockerd "$i"
  import_images "$i"
}

start_dockerd() {
  local i="$1" d t; d="$(ddir "$1")"
  docker_down "$i"   # a daemon that runs but does not answer
  mkdir -p "$d"
  # Its own config file: the harness daemons must not pick up this machine's /etc/docker/daemon.json.
  echo '{}' >"$d/daemon.json"
  rm -f "$d/docker.sock" "$d/docker.pid"
  # nsenter --net, not `ip netns exec`: the latter remounts /sys, hiding the cgroup mounts ("Devices cgroup
  # isn't mounted"). setsid and closed fds: the daemon outlives this script and never holds the caller's pipes.
  setsid nsenter --net="/var/run/netns/$(ns "$i")" dockerd --config-file "$d/daemon.json" \
    --data-root "$d/data" --exec-root "$d/exec" --pidfile "$d/docker.pid" -H "unix://$d/docker.sock" \
    >"$d/dockerd.log" 2>&1 </dev/null &
  for t in $(seq 1 300); do
    docker_answers "$i" && return 0
    sleep 0.1
  done
  die "dockerd on host $i did not answer (after $t tries); see $d/dockerd.log: $(tail -n 3 "$d/dockerd.log")"
}

# Stops host i's daemon; its images, volumes and stopped containers stay in its data-root.
docker_down() {
  local i="$1" pid t ids
  pid="$(dockerd_pid "$i")" || return 0
  # Kill containers first: a shutting-down dockerd gives each one 10 s to obey TERM.
  ids="$(dcli "$i" ps -q 2>/dev/null || true)"
  # shellcheck disable=SC2086 # one id per word
  [ -z "$ids" ] || dcli "$i" kill $ids >/dev/null 2>&1 || true
  kill -TERM "$pid" 2>/dev/null || true
  for t in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  unmount_under "$(ddir "$i")/exec"
  rm -f "$(ddir "$i")/docker.sock" "$(ddir "$i")/docker.pid"
}

stop_all_dockerds() {
  local d i
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  for d in "$dir"/h*/docker; do
    [ -d "$d" ] || continue
    i="${d#"$dir"/h}"; i="${i%/docker}"
    [[ "$i" =~ ^[0-9]+$ ]] && docker_down "$i"
  done
  return 0
}

# Lazily unmounts every mount point below $1, deepest first (overlay layers, netns files of a killed daemon).
unmount_under() {
  local root="$1" m
  [ -n "$root" ] && [ "$root" != / ] || return 0
  awk -v r="$root/" 'index($2, r) == 1 { print $2 }' /proc/self/mounts | sort -r | while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done
}

import_images() {
  local i="$1" v
  for v in 1 2; do
    dcli "$i" image inspect "portoser-test/busybox:$v" >/dev/null 2>&1 && continue
    # sh as PID 1 with a TERM trap: `docker stop` then takes milliseconds, not the 10 s kill timeout.
    dcli "$i" import --change 'CMD ["sh","-c","trap \"exit 0\" TERM; httpd -f -p 80 -h /www & wait"]' \
      "$(busybox_tar "$v")" "portoser-test/busybox:$v" >/dev/null
  done
}

# A cached tar of a busybox-static rootfs whose /www/version holds $1; built once per busybox binary.
busybox_tar() {
  local v="$1" bb sum out root a
  bb="$(command -v busybox)" || die "busybox not found (Debian: apt-get install busybox-static)"
  ldd "$bb" >/dev/null 2>&1 && die "$bb is dynamically linked; the image needs busybox-static"
  sum="$(cksum <"$bb" | cut -d' ' -f1)"
  out="$image_cache/busybox-$sum-v$v.tar"
  if [ ! -s "$out" ]; then
    mkdir -p "$image_cache"
    root="$(mktemp -d)"
    mkdir -p "$root/bin" "$root/www" "$root/tmp" "$root/etc" "$root/data"
    cp "$bb" "$root/bin/busybox"
    for a in $("$bb" --list); do [ "$a" = busybox ] || ln -s busybox "$root/bin/$a"; done
    echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
    echo "$v" >"$root/www/version"
    echo "portoser test image $v" >"$root/www/index.html"
    tar -C "$root" -cf "$out.$$" . && mv -f "$out.$$" "$out"
    rm -rf "$root"
  fi
  echo "$out"
}

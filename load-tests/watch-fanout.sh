#!/usr/bin/env bash
# Runs WatchFanoutBenchmark against a fresh 3-member Eddy cluster, then against a fresh
# 3-member etcd 3.4 cluster (Debian's etcd-server), one after the other, on 127.0.0.1.
# Every argument goes to both runs (e.g. --watchers 500 --connections 10 --rate 200 --seconds 20).
# Environment: TARGETS (default "eddy etcd"), BASE_PORT (default 27300: Eddy uses
# BASE+79/+80 .. BASE+279/+280, etcd BASE+400 ..), JAVA_OPTS for the benchmark JVM, EDDY_OPTS
# for each member's JVM (default -Xmx1g). Data goes to a temporary directory, deleted at exit.
# KEEP=1 keeps the work directory (members' logs and data) after the run.
# Build first: ./mvnw -B -q -o -DskipTests package -pl load-tests -am
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/load-tests/target/benchmarks.jar"
SERVER_JAR="$ROOT/server/target/eddy-server.jar"
BASE="${BASE_PORT:-27300}"
TARGETS="${TARGETS:-eddy etcd}"
WORK="$(mktemp -d /tmp/watch-fanout-XXXXXX)"
PIDS=()

[[ -f "$JAR" && -f "$SERVER_JAR" ]] || { echo "build first: ./mvnw -B -q -o -DskipTests package -pl load-tests -am" >&2; exit 2; }

stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}
trap 'stop_all; if [[ -n "${KEEP:-}" ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi' EXIT

# Waits (bounded) until a TCP port accepts connections.
await_port() {
  local port=$1 i
  for ((i = 0; i < 120; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.5
  done
  echo "port $port not listening after 60 s" >&2
  return 1
}

start_eddy() {
  local cluster="" i
  for i in 1 2 3; do cluster+="${cluster:+,}n$i=127.0.0.1:$((BASE + 80 + 100 * (i - 1)))"; done
  for i in 1 2 3; do
    # shellcheck disable=SC2086
    java ${EDDY_OPTS:--Xmx1g} --add-opens java.base/sun.nio.ch=ALL-UNNAMED -jar "$SERVER_JAR" \
      --name "n$i" --data-dir "$WORK/eddy/n$i" \
      --listen-client "127.0.0.1:$((BASE + 79 + 100 * (i - 1)))" \
      --listen-peer "127.0.0.1:$((BASE + 80 + 100 * (i - 1)))" \
      --initial-cluster "$cluster" --initial-cluster-state new --initial-cluster-token watch-fanout \
      --api.max-in-flight 20000 >"$WORK/eddy-n$i.log" 2>&1 &
    PIDS+=($!)
  done
  for i in 1 2 3; do await_port $((BASE + 79 + 100 * (i - 1))); done
  ENDPOINTS="127.0.0.1:$((BASE + 79)),127.0.0.1:$((BASE + 179)),127.0.0.1:$((BASE + 279))"
}

start_etcd() {
  command -v etcd >/dev/null || { echo "etcd not found: apt-get install -y etcd-server" >&2; exit 2; }
  local cluster="" i
  for i in 1 2 3; do cluster+="${cluster:+,}e$i=http://127.0.0.1:$((BASE + 401 + 10 * i))"; done
  for i in 1 2 3; do
    etcd --name "e$i" --data-dir "$WORK/etcd/e$i" \
      --listen-client-urls "http://127.0.0.1:$((BASE + 400 + 10 * i))" \
      --advertise-client-urls "http://127.0.0.1:$((BASE + 400 + 10 * i))" \
      --listen-peer-urls "http://127.0.0.1:$((BASE + 401 + 10 * i))" \
      --initial-advertise-peer-urls "http://127.0.0.1:$((BASE + 401 + 10 * i))" \
      --initial-cluster "$cluster" --initial-cluster-state new --initial-cluster-token watch-fanout \
      >"$WORK/etcd-e$i.log" 2>&1 &
    PIDS+=($!)
  done
  for i in 1 2 3; do await_port $((BASE + 400 + 10 * i)); done
  ENDPOINTS="127.0.0.1:$((BASE + 410)),127.0.0.1:$((BASE + 420)),127.0.0.1:$((BASE + 430))"
}

status=0
for target in $TARGETS; do
  echo "==== $target"
  case "$target" in
    eddy) start_eddy ;;
    etcd) start_etcd ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
  esac
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -cp "$JAR" io.eddy.loadtests.client.WatchFanoutBenchmark \
    --target "$target" --endpoints "$ENDPOINTS" "$@" || status=$?
  stop_all
done
exit "$status"

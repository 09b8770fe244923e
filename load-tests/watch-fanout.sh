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
BASE="${BASE_PORT:-27300}"
TARGETS="${TARGETS:-eddy etcd}"
WORK="$(mktemp -d /tmp/watch-fanout-XXXXXX)"

[[ -f "$JAR" && -f "$ROOT/server/target/eddy-server.jar" ]] || { echo "build first: ./mvnw -B -q -o -DskipTests package -pl load-tests -am" >&2; exit 2; }

# shellcheck source=load-tests/lib.sh
source "$ROOT/load-tests/lib.sh"
trap 'stop_all; if [[ -n "${KEEP:-}" ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi' EXIT

status=0
for target in $TARGETS; do
  echo "==== $target"
  case "$target" in
    eddy) start_eddy watch-fanout --api.max-in-flight 20000 ;;
    etcd) start_etcd watch-fanout ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
  esac
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -cp "$JAR" io.eddy.loadtests.client.WatchFanoutBenchmark \
    --target "$target" --endpoints "$ENDPOINTS" "$@" || status=$?
  stop_all
done
exit "$status"

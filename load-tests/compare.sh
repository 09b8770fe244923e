#!/usr/bin/env bash
# Eddy and etcd side by side (./eddy bench compare runs this): checks that etcd 3.4 and etcdctl
# are installed (it installs nothing), starts a fresh 3-member etcd and a fresh 3-member Eddy on
# 127.0.0.1 with their data in one directory (same disk), waits until both answer, then runs the
# benchmark tool once against both: every workload of the matrix against Eddy and etcd in turn
# (which one goes first alternates), each with its own warm-up (not measured) then the measured
# window; prints a row per run and per workload the Eddy/etcd ratio of throughput and of p99;
# writes results.json and report.html; stops both clusters and deletes their data.
#
# Arguments go to the tool after the defaults below and override them, e.g.
#   load-tests/compare.sh --warmup 1s --duration 2s --watchers 200      (a quick check of the script)
#   load-tests/compare.sh --workloads put@64,get@64                     (part of the matrix)
# ./eddy bench --help lists the options.
#
# Environment: OUT (report directory, default bench-results/compare-<date-time>), DATA_ROOT (where
# the members' data goes, default /tmp), BASE_PORT (default 27600), ETCD / ETCDCTL (binaries,
# default /usr/bin/etcd, /usr/bin/etcdctl), JAVA_OPTS (the tool's JVM, default -Xmx2g), EDDY_OPTS
# (each Eddy member's JVM, default -Xmx1g), KEEP=1 keeps the data and the members' logs.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/load-tests/target/benchmarks.jar"
BASE="${BASE_PORT:-27600}"
ETCD="${ETCD:-/usr/bin/etcd}"
ETCDCTL="${ETCDCTL:-/usr/bin/etcdctl}"
OUT="${OUT:-$ROOT/bench-results/compare-$(date +%Y%m%d-%H%M%S)}"

MATRIX="put@64,put@256,get@64,get-serializable@64,range-small@64,range-large@64,txn-cas@64,watch,mixed@64"
# Two minutes of unmeasured load per store first: on 2 cores, three fresh member JVMs (and the
# tool's) spend about that long in the JIT compiler before Eddy reaches its steady state (put@64
# went from 295 to 1,271 ops/s over the first 2 minutes, C2 compiler threads at ~0.3 core per
# member). etcd gets the same two minutes; it needs no warming.
DEFAULTS=(--workloads "$MATRIX" --initial-warmup 120s --warmup 5s --duration 15s --connections 3 --keys 10000 --key-size 16
  --value-size 256 --range-small 10 --range-large 1000 --watchers 10000 --watch-connections 100
  --watch-rate 10)

[[ -f "$JAR" && -f "$ROOT/server/target/eddy-server.jar" ]] \
  || { echo "build first: ./mvnw -B -q -o -DskipTests package -pl load-tests -am (./eddy bench compare does)" >&2; exit 2; }
for tool in "$ETCD" "$ETCDCTL"; do
  [[ -x "$tool" ]] || { echo "$tool not found: this script installs nothing (Debian: apt-get install -y etcd-server etcd-client)" >&2; exit 2; }
done
ETCD_VERSION="$("$ETCD" --version | sed -n 's/^etcd Version: //p')"
[[ "$ETCD_VERSION" == 3.4.* ]] || { echo "etcd 3.4 expected, found '$ETCD_VERSION' ($ETCD)" >&2; exit 2; }

WORK="$(mktemp -d "${DATA_ROOT:-/tmp}/eddy-compare-XXXXXX")"
# shellcheck source=load-tests/lib.sh
source "$ROOT/load-tests/lib.sh"
trap 'stop_all; if [[ -n "${KEEP:-}" ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi' EXIT

started=$SECONDS
echo "compare: etcd $ETCD_VERSION and Eddy ($ROOT), data in $WORK ($(df -P "$WORK" | awk 'NR==2 {print $1}'))"
start_etcd compare
start_eddy compare --api.max-in-flight 20000
# Both answer before the first measurement: etcd's health check, Eddy's port (the tool's warm-up
# absorbs a fresh Eddy cluster's slow first writes).
for ((i = 0; i < 60; i++)); do
  "$ETCDCTL" --endpoints "$ETCD_ENDPOINTS" endpoint health >/dev/null 2>&1 && break
  sleep 1
done
"$ETCDCTL" --endpoints "$ETCD_ENDPOINTS" endpoint health
echo "compare: both clusters up in $((SECONDS - started)) s: eddy $EDDY_ENDPOINTS, etcd $ETCD_ENDPOINTS"

status=0
# shellcheck disable=SC2086
java ${JAVA_OPTS:--Xmx2g} -jar "$JAR" bench --eddy "$EDDY_ENDPOINTS" --etcd "$ETCD_ENDPOINTS" \
  --title "Eddy and etcd $ETCD_VERSION, 3 members each on 127.0.0.1" --out "$OUT" "${DEFAULTS[@]}" "$@" || status=$?
echo "compare: finished in $((SECONDS - started)) s (exit status $status); report: $OUT/report.html"
exit "$status"

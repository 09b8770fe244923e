#!/usr/bin/env bash
# Compares eddyctl with etcdctl 3.4, command by command, on the same data.
#
#   cli/compat/compare.sh            run the script on a fresh etcd and a fresh Eddy, diff the outputs
#   cli/compat/compare.sh --record   also write etcdctl's transcript as the golden file of
#                                    EtcdctlCompatibilityTest (cli/src/test/resources/compat/)
#
# Starts a single-member etcd (/usr/bin/etcd or etcd on the PATH; installs nothing) and a
# single-member Eddy (./eddy node, which builds the server jar when missing) on free loopback
# ports in a temporary directory, runs every command of cli/src/test/resources/compat/script.txt
# with etcdctl against etcd and with ./eddyctl against Eddy, normalises what differs by nature
# (cluster and member ids, raft terms) and diffs the two transcripts. Each transcript holds, per
# command, its standard output and whether it succeeded ([ok]/[failed]); standard error is left
# out (messages differ, and etcdctl logs JSON warnings there). Watches run for WATCH_SECONDS
# (default 10) and are then stopped. Exit code: 0 when identical, 1 when they differ, 2 when
# something is missing or does not start.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCRIPT="$ROOT/cli/src/test/resources/compat/script.txt"
GOLDEN="$ROOT/cli/src/test/resources/compat/etcdctl-3.4.golden"
WATCH_SECONDS="${WATCH_SECONDS:-10}"
RECORD=0
[[ "${1:-}" == "--record" ]] && RECORD=1

die() { echo "compare: $*" >&2; exit 2; }

ETCD="$(command -v etcd || true)"
ETCDCTL="$(command -v etcdctl || true)"
[[ -n "$ETCD" && -n "$ETCDCTL" ]] || die "etcd and etcdctl (3.4) must be installed (not found on the PATH)"
"$ETCDCTL" version 2>/dev/null | grep -q "^etcdctl version: 3\.4\." || echo "compare: warning: etcdctl is not 3.4: $("$ETCDCTL" version | head -1)" >&2
command -v timeout >/dev/null || die "timeout (coreutils) is needed"

WORK="$(mktemp -d -t eddyctl-compare.XXXXXX)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

# A free loopback port: one nothing listens on, from a range below the ephemeral ports.
USED=" "
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 10000))
    [[ "$USED" == *" $port "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      USED+="$port "
      echo "$port"
      return
    fi
  done
  die "no free port found"
}

# Waits (at most 60 s) until "$@" succeeds.
await() {
  local deadline=$((SECONDS + 60))
  until "$@" >/dev/null 2>&1; do
    (( SECONDS < deadline )) || return 1
    sleep 0.5
  done
}

ETCD_CLIENT="127.0.0.1:$(free_port)"
ETCD_PEER="127.0.0.1:$(free_port)"
EDDY_CLIENT="127.0.0.1:$(free_port)"
EDDY_PEER="127.0.0.1:$(free_port)"

"$ETCD" --name compare --data-dir "$WORK/etcd" --listen-client-urls "http://$ETCD_CLIENT" \
  --advertise-client-urls "http://$ETCD_CLIENT" --listen-peer-urls "http://$ETCD_PEER" \
  --initial-advertise-peer-urls "http://$ETCD_PEER" --initial-cluster "compare=http://$ETCD_PEER" \
  >"$WORK/etcd.log" 2>&1 &
PIDS+=($!)
"$ROOT/eddy" node --name compare --data-dir "$WORK/eddy" --listen-client "$EDDY_CLIENT" \
  --listen-peer "$EDDY_PEER" --initial-cluster "compare=$EDDY_PEER" >"$WORK/eddy.log" 2>&1 &
PIDS+=($!)

# Each ctl as an executable (timeout runs executables, not shell functions).
export ETCDCTL_API=3
printf '#!/usr/bin/env bash\nexec %q --endpoints=%q "$@"\n' "$ETCDCTL" "$ETCD_CLIENT" >"$WORK/etcd_ctl"
printf '#!/usr/bin/env bash\nexec %q --endpoints=%q "$@"\n' "$ROOT/eddyctl" "$EDDY_CLIENT" >"$WORK/eddy_ctl"
chmod +x "$WORK/etcd_ctl" "$WORK/eddy_ctl"
etcd_ctl="$WORK/etcd_ctl"
eddy_ctl="$WORK/eddy_ctl"

"$ROOT/eddyctl" --version >/dev/null 2>&1 || die "./eddyctl does not run (build it: ./eddyctl --version)"
await "$etcd_ctl" endpoint health || { tail -20 "$WORK/etcd.log" >&2; die "etcd did not start"; }
await "$eddy_ctl" endpoint health || { tail -20 "$WORK/eddy.log" >&2; die "Eddy did not start"; }

# Same normalisation as EtcdctlCompatibilityTest: ids and raft terms out of JSON headers.
normalise() {
  sed -E -e 's/"(cluster_id|member_id|raft_term)":[0-9]+,?//g' -e 's/,}/}/g'
}

# Runs the script with one ctl function ($1), writing the transcript to stdout.
run_script() {
  local ctl="$1" line command="" input="" has_input=0
  flush() {
    [[ -z "$command" ]] && return
    local -a args
    read -r -a args <<<"$command"
    echo "\$ $command"
    if [[ "${args[0]}" == "watch" ]]; then
      timeout "$WATCH_SECONDS" "$ctl" "${args[@]}" </dev/null 2>/dev/null | normalise
      echo "[stopped]"
    else
      local status
      if [[ $has_input -eq 1 ]]; then
        printf '%s' "$input" | "$ctl" "${args[@]}" 2>/dev/null | normalise
        status=${PIPESTATUS[1]}
      else
        "$ctl" "${args[@]}" </dev/null 2>/dev/null | normalise
        status=${PIPESTATUS[0]}
      fi
      if [[ $status -eq 0 ]]; then echo "[ok]"; else echo "[failed]"; fi
    fi
    command="" input="" has_input=0
  }
  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ "$line" =~ ^# || -z "$line" ]] && continue
    if [[ "$line" == "|"* ]]; then
      input+="${line#|}"$'\n'
      has_input=1
    else
      flush
      command="$line"
    fi
  done <"$SCRIPT"
  flush
}

echo "compare: etcd $ETCD_CLIENT, Eddy $EDDY_CLIENT; running $(grep -cv '^[#|]' "$SCRIPT") commands on each" >&2
run_script "$etcd_ctl" >"$WORK/etcdctl.txt"
run_script "$eddy_ctl" >"$WORK/eddyctl.txt"

if [[ $RECORD -eq 1 ]]; then
  cp "$WORK/etcdctl.txt" "$GOLDEN"
  echo "compare: recorded $GOLDEN" >&2
fi
if diff -u --label etcdctl "$WORK/etcdctl.txt" --label eddyctl "$WORK/eddyctl.txt"; then
  echo "compare: identical ($(grep -c '^\$ ' "$WORK/etcdctl.txt") commands)" >&2
  exit 0
fi
echo "compare: outputs differ (above: - etcdctl, + eddyctl)" >&2
exit 1

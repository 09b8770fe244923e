# Shared by the load-test scripts (source it): start a 3-member Eddy cluster and a 3-member
# etcd 3.4 cluster on 127.0.0.1 as background processes, wait for their ports, stop them.
# The caller sets ROOT (the repository), WORK (a directory for data and logs) and BASE (the
# base port: Eddy uses BASE+79/+80 .. BASE+279/+280, etcd BASE+410/+411 .. BASE+430/+431).
# EDDY_OPTS: each Eddy member's JVM options (default -Xmx1g). ETCD: the etcd binary.
# Every process started is in PIDS; stop_all stops them all.

SERVER_JAR="$ROOT/server/target/eddy-server.jar"
PIDS=()

# Stops every process started here (SIGCONT in case a benchmark paused it, SIGTERM, then waits for each).
stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do kill -CONT "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}

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

# start_eddy TOKEN [member flags...]: three members, data under $WORK/eddy; sets EDDY_ENDPOINTS (and ENDPOINTS).
start_eddy() {
  local token=$1 cluster="" i
  shift
  [[ -f "$SERVER_JAR" ]] || { echo "no $SERVER_JAR: ./mvnw -B -q -o -DskipTests package -pl load-tests -am" >&2; exit 2; }
  for i in 1 2 3; do cluster+="${cluster:+,}n$i=127.0.0.1:$((BASE + 80 + 100 * (i - 1)))"; done
  for i in 1 2 3; do
    # shellcheck disable=SC2086
    java ${EDDY_OPTS:--Xmx1g} --add-opens java.base/sun.nio.ch=ALL-UNNAMED -jar "$SERVER_JAR" \
      --name "n$i" --data-dir "$WORK/eddy/n$i" \
      --listen-client "127.0.0.1:$((BASE + 79 + 100 * (i - 1)))" \
      --listen-peer "127.0.0.1:$((BASE + 80 + 100 * (i - 1)))" \
      --initial-cluster "$cluster" --initial-cluster-state new --initial-cluster-token "$token" \
      "$@" >"$WORK/eddy-n$i.log" 2>&1 &
    PIDS+=($!)
  done
  for i in 1 2 3; do await_port $((BASE + 79 + 100 * (i - 1))); done
  EDDY_ENDPOINTS="127.0.0.1:$((BASE + 79)),127.0.0.1:$((BASE + 179)),127.0.0.1:$((BASE + 279))"
  ENDPOINTS="$EDDY_ENDPOINTS"
}

# start_etcd TOKEN: three etcd members, data under $WORK/etcd; sets ETCD_ENDPOINTS (and ENDPOINTS).
start_etcd() {
  local token=$1 etcd="${ETCD:-$(command -v etcd)}" cluster="" i
  [[ -n "$etcd" && -x "$etcd" ]] || { echo "etcd not found: apt-get install -y etcd-server" >&2; exit 2; }
  for i in 1 2 3; do cluster+="${cluster:+,}e$i=http://127.0.0.1:$((BASE + 401 + 10 * i))"; done
  for i in 1 2 3; do
    "$etcd" --name "e$i" --data-dir "$WORK/etcd/e$i" \
      --listen-client-urls "http://127.0.0.1:$((BASE + 400 + 10 * i))" \
      --advertise-client-urls "http://127.0.0.1:$((BASE + 400 + 10 * i))" \
      --listen-peer-urls "http://127.0.0.1:$((BASE + 401 + 10 * i))" \
      --initial-advertise-peer-urls "http://127.0.0.1:$((BASE + 401 + 10 * i))" \
      --initial-cluster "$cluster" --initial-cluster-state new --initial-cluster-token "$token" \
      >"$WORK/etcd-e$i.log" 2>&1 &
    PIDS+=($!)
  done
  for i in 1 2 3; do await_port $((BASE + 400 + 10 * i)); done
  ETCD_ENDPOINTS="127.0.0.1:$((BASE + 410)),127.0.0.1:$((BASE + 420)),127.0.0.1:$((BASE + 430))"
  ENDPOINTS="$ETCD_ENDPOINTS"
}

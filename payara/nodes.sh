#!/usr/bin/env bash
# Runs several roomchat nodes on this machine, each its own Payara Micro:
#
#   payara/nodes.sh start [N]   N nodes (default 2) on ports 8081, 8082, … named node1, node2, …
#   payara/nodes.sh stop        stops them (SIGTERM: sockets are closed with 1001)
#   payara/nodes.sh status
#
# The nodes share rooms through REDIS_URL (default redis://127.0.0.1:6379) and one database
# through DATABASE_URL, which several nodes need (the embedded default is per node), e.g.
#   DATABASE_URL=postgresql://roomchat:secret@127.0.0.1:5432/roomchat payara/nodes.sh start 2
# They trust the nginx on this machine (CHAT_TRUSTED_PROXIES, default 127.0.0.1,::1) to name each
# client's address in X-Forwarded-For, for the per-address limits.
# --nocluster keeps them out of each other's Hazelcast cluster. Logs and pids go to data/nodes/.
# payara/nginx.conf puts them behind one address (https://localhost:8443/; see its first lines).
set -euo pipefail
cd "$(dirname "$0")/.."

run_dir=data/nodes
first_port=${FIRST_PORT:-8081}

payara_jar() {
  local version
  version=$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' pom.xml)
  local jar=target/payara-micro-$version.jar
  if [[ ! -f $jar ]]; then
    ./mvnw -q -B dependency:copy -Dartifact="fish.payara.extras:payara-micro:$version" \
      -DoutputDirectory=target >&2
  fi
  echo "$jar"
}

start() {
  local count=${1:-2}
  [[ -f target/roomchat.war ]] || ./mvnw -q -B package -DskipTests
  local jar
  jar=$(payara_jar)
  mkdir -p "$run_dir"
  for ((i = 1; i <= count; i++)); do
    local port=$((first_port + i - 1))
    REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379} CHAT_NODE=node$i \
      CHAT_TRUSTED_PROXIES=${CHAT_TRUSTED_PROXIES:-127.0.0.1,::1} \
      nohup java -Xmx512m -jar "$jar" --nocluster --port "$port" \
      --deploy target/roomchat.war --contextroot / \
      --logProperties payara/logging.properties \
      --prebootcommandfile payara/pre-boot.asadmin \
      --postbootcommandfile payara/post-boot.asadmin \
      >"$run_dir/node$i.log" 2>&1 &
    echo $! >"$run_dir/node$i.pid"
    echo "node$i: http://localhost:$port/ (log $run_dir/node$i.log)"
  done
}

stop() {
  for pid_file in "$run_dir"/node*.pid; do
    [[ -f $pid_file ]] || continue
    kill "$(cat "$pid_file")" 2>/dev/null || true
    rm -f "$pid_file"
  done
}

status() {
  for pid_file in "$run_dir"/node*.pid; do
    [[ -f $pid_file ]] || continue
    local node
    node=$(basename "$pid_file" .pid)
    if kill -0 "$(cat "$pid_file")" 2>/dev/null; then echo "$node: running"; else echo "$node: gone"; fi
  done
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  stop) stop ;;
  status) status ;;
  *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac

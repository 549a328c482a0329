#!/usr/bin/env bash
# Apache Kafka (single node, KRaft: combined broker + controller) from Maven Central jars.
# Usage: kafka.sh install|up|down|status
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/maven.sh"

KAFKA_HOME="${CACHE_DIR}/kafka/${KAFKA_VERSION}"
KAFKA_STATE="${DATA_DIR}/kafka"
KAFKA_LOG="${KAFKA_STATE}/kafka.log"
KAFKA_PID_FILE="${KAFKA_STATE}/started-by-infra.pid"
KAFKA_CONFIG="${KAFKA_STATE}/server.properties"
KAFKA_BROKER="127.0.0.1:${KAFKA_PORT}"

install() {
  maven_fetch "$KAFKA_HOME" org.apache.kafka kafka_2.13 "$KAFKA_VERSION"
  # The broker logs through slf4j; without a binding it would log nothing at all.
  maven_fetch "$KAFKA_HOME" org.slf4j slf4j-reload4j 1.7.36
}

kafka_java() {
  java -Xms256m -Xmx1g -XX:+UseG1GC -Dlog4j.configuration="file:${KAFKA_STATE}/log4j.properties" \
    -cp "${KAFKA_HOME}/lib/*" "$@"
}

write_config() {
  mkdir -p "${KAFKA_STATE}/logs"
  cat >"$KAFKA_CONFIG" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${KAFKA_CONTROLLER_PORT}
listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT},CONTROLLER://127.0.0.1:${KAFKA_CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${KAFKA_STATE}/logs
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
PROPS
  cat >"${KAFKA_STATE}/log4j.properties" <<'PROPS'
log4j.rootLogger=WARN, stdout
log4j.logger.kafka.server.KafkaRaftServer=INFO
log4j.logger.kafka.server.BrokerServer=INFO
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
PROPS
}

# Storage is formatted once per data folder, with a cluster id kept beside it.
format_storage() {
  if [[ -f "${KAFKA_STATE}/logs/meta.properties" ]]; then return 0; fi
  local cluster_id
  cluster_id="$(kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
  log "kafka: formatting storage in ${KAFKA_STATE}/logs (cluster ${cluster_id})"
  kafka_java kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_CONFIG" >"${KAFKA_STATE}/format.log" 2>&1 ||
    { cat "${KAFKA_STATE}/format.log" >&2; die "formatting Kafka storage failed" "remove ${KAFKA_STATE} and rerun 'npm run infra:up'"; }
}

# A metadata round trip with the same client the application uses.
kafka_healthy() {
  (cd "$REPO_ROOT" && node -e '
    const { Kafka, logLevel } = require("kafkajs");
    const admin = new Kafka({ brokers: [process.argv[1]], logLevel: logLevel.NOTHING,
      retry: { retries: 0 }, connectionTimeout: 2000 }).admin();
    admin.connect().then(() => admin.describeCluster())
      .then((c) => admin.disconnect().then(() => { if (c.brokers.length === 0) process.exit(1); }))
      .catch(() => process.exit(1));
  ' "$KAFKA_BROKER") >/dev/null 2>&1
}

up() {
  [[ -f "${KAFKA_HOME}/lib/.complete-kafka_2.13-${KAFKA_VERSION}" ]] ||
    die "Kafka ${KAFKA_VERSION} is not installed in ${KAFKA_HOME}" "run 'npm run infra:up' (infra/local/install.sh installs it)"
  if port_open "$KAFKA_PORT"; then
    if kafka_healthy; then
      log "kafka: already answering on ${KAFKA_BROKER}, reusing it"
      return 0
    fi
    die "port ${KAFKA_PORT} is taken by something that is not a Kafka broker" \
      "stop whatever listens on 127.0.0.1:${KAFKA_PORT} ('ss -ltnp | grep ${KAFKA_PORT}')"
  fi
  port_open "$KAFKA_CONTROLLER_PORT" && die "port ${KAFKA_CONTROLLER_PORT} (Kafka controller) is taken" \
    "stop whatever listens on 127.0.0.1:${KAFKA_CONTROLLER_PORT}"
  write_config
  format_storage
  log "kafka: starting ${KAFKA_VERSION} on ${KAFKA_BROKER} (log: ${KAFKA_LOG})"
  # Its own session: the service outlives the shell and job that started it, until infra:down.
  setsid nohup java -Xms256m -Xmx1g -XX:+UseG1GC -Dlog4j.configuration="file:${KAFKA_STATE}/log4j.properties" \
    -cp "${KAFKA_HOME}/lib/*" kafka.Kafka "$KAFKA_CONFIG" >"$KAFKA_LOG" 2>&1 </dev/null &
  echo $! >"$KAFKA_PID_FILE"
  wait_until 90 kafka kafka_healthy ||
    { tail -30 "$KAFKA_LOG" >&2; die "Kafka did not become healthy (log: ${KAFKA_LOG})" "read the log above"; }
}

down() { stop_pid_file kafka "$KAFKA_PID_FILE" 60; }

status() {
  if kafka_healthy; then
    printf '%-22s %-34s %s\n' kafka "$KAFKA_BROKER" "answering (Kafka ${KAFKA_VERSION}, KRaft)"
  else
    printf '%-22s %-34s %s\n' kafka "$KAFKA_BROKER" "NOT answering"
    return 1
  fi
}

cd "$REPO_ROOT"
"${1:?usage: kafka.sh install|up|down|status}"

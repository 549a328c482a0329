#!/usr/bin/env bash
# maven_fetch <dir> <groupId> <artifactId> <version>: copies the artifact and its runtime
# dependencies from Maven Central into <dir>/lib once; a marker file makes reruns free.
maven_fetch() {
  local dir="$1" group="$2" artifact="$3" version="$4"
  local marker="${dir}/lib/.complete-${artifact}-${version}"
  if [[ -f "$marker" ]]; then return 0; fi
  require_cmd mvn "install Maven (e.g. 'apt-get install -y maven') and rerun 'npm run infra:up'"
  require_cmd java "install a Java 17+ runtime (e.g. 'apt-get install -y openjdk-17-jre-headless')"
  mkdir -p "${dir}/lib"
  # A generated throwaway pom: copy-dependencies resolves the full runtime classpath.
  cat >"${dir}/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>whistle-engine.infra</groupId>
  <artifactId>${artifact}-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>${group}</groupId>
      <artifactId>${artifact}</artifactId>
      <version>${version}</version>
    </dependency>
  </dependencies>
</project>
POM
  log "downloading ${group}:${artifact}:${version} and its dependencies from Maven Central"
  if ! with_progress "maven ${artifact}" "${HOME}/.m2/repository" "${dir}/mvn.log" mvn -q -B -f "${dir}/pom.xml" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="${dir}/lib"; then
    tail -20 "${dir}/mvn.log" >&2
    die "could not download ${group}:${artifact}:${version} (log: ${dir}/mvn.log)" \
      "check that Maven Central is reachable (mvn settings, proxy) and rerun 'npm run infra:up'"
  fi
  touch "$marker"
}

#!/usr/bin/env bash
# Parse a Turtle file with Apache Jena's riot (an independent parser), from Debian's libapache-jena-java.
#   scripts/graph-riot-check.sh [out/graph.ttl]
# Debian ships the jars only: run riotcmd.riot from jena-cmds.jar, and work around the packaging bug
# that breaks every command (jena-core's ext/xerces .properties resources copied to xerces/...).
set -euo pipefail
ttl="${1:-out/graph.ttl}"
[ -f "$ttl" ] || { echo "graph-riot-check: no file $ttl (run imrgraph build first)" >&2; exit 2; }
if [ ! -f /usr/share/java/jena-cmds.jar ]; then
  apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends libapache-jena-java default-jre-headless >/dev/null
fi
fix="${XDG_CACHE_HOME:-$HOME/.cache}/imrgraph-jena-fix"
if [ ! -d "$fix/xerces" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && unzip -q -o /usr/share/java/jena-core.jar 'org/apache/jena/ext/xerces/*.properties' 'org/apache/jena/ext/xerces/**/*.properties' || true)
  mkdir -p "$fix"
  (cd "$tmp/org/apache/jena/ext" && cp -r xerces "$fix/")
  rm -rf "$tmp"
fi
# jena's own jars and its Debian dependencies only (every jar in /usr/share/java clashes on slf4j bindings)
jars="jena-base jena-core jena-arq jena-iri jena-cmds jena-shacl jena-shex jena-dboe-base jena-dboe-index
  jena-dboe-storage jena-dboe-trans-data jena-dboe-transaction jena-tdb jena-tdb2 jena-rdfconnection
  commons-cli commons-codec commons-compress commons-csv commons-io commons-lang3 dexx.collection gson guava
  httpclient httpcore jackson-core jackson-databind jackson-annotations jsonld-java jakarta.json-api
  protobuf thrift titanium-json-ld slf4j-api slf4j-nop"
cp="$fix"
for j in $jars; do [ -f "/usr/share/java/$j.jar" ] && cp="$cp:/usr/share/java/$j.jar"; done
java -cp "$cp" riotcmd.riot --validate --syntax=turtle "$ttl"
echo "riot: $ttl parses ($(java -cp "$cp" riotcmd.riot --count --syntax=turtle "$ttl" 2>&1 | tail -1))"

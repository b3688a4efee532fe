#!/usr/bin/env bash
# System packages the tests drive for real (Debian): Chromium for the HTML explorer and report,
# Virtuoso Open Source for `push`, Apache Jena for an independent Turtle parser. Needs root (or sudo).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
"$here/install-browser.sh"
"$here/install-virtuoso.sh"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
  libapache-jena-java default-jre-headless unzip >/dev/null

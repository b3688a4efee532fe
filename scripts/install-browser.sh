#!/usr/bin/env bash
# Installs Debian's chromium for the viz tests (driven by pip playwright with
# executable_path=/usr/bin/chromium). Never `playwright install`: it downloads a browser.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
if ! apt-cache policy chromium 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update
fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y chromium

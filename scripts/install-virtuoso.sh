#!/bin/sh
# Install Virtuoso Open Source from Debian without prompts (tests start their own instance).
# The package asks for a DBA password through debconf: preseed it so the install never blocks.
set -eu
if command -v virtuoso-t >/dev/null 2>&1; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
printf '%s\n' \
    "virtuoso-opensource-7 virtuoso-opensource-7/dba-password password dba" \
    "virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password dba" \
    | $SUDO debconf-set-selections
if ! apt-cache policy virtuoso-opensource | grep -q 'Candidate: [0-9]'; then
    $SUDO apt-get update
fi
$SUDO env DEBIAN_FRONTEND=noninteractive \
    apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends virtuoso-opensource

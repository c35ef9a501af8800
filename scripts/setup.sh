#!/usr/bin/env bash
# Installs what the build needs on a fresh machine: the npm L1 toolchain (anvil, forge, cast, solcjs,
# forge-std) and the Go modules of circuits/ and native/. Maven downloads its own dependencies
# during the first build (./sable shows it). Idempotent.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$SABLE_ROOT"

# setpriv and flock (util-linux): child processes die with sable; concurrent builds wait.
for tool in go node npm mvn gcc setpriv flock; do
  command -v "$tool" >/dev/null || {
    echo "setup: '$tool' is missing on this machine: install it (the README lists what is needed)" >&2
    exit 1
  }
done

if [ ! -x node_modules/.bin/anvil ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing the L1 toolchain from the npm registry"
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "setup: fetching Go modules"
(cd circuits && go mod download)
(cd native && go mod download)
echo "setup: done (JAVA_HOME=$JAVA_HOME)"

#!/usr/bin/env bash
# Runs every test of the project from a fresh checkout: installs what is missing, then the Go
# circuit tests, the forgery suite (scripts/forgeries.sh), the fixture freshness check, the
# Foundry tests with the gas snapshot, the Maven build (native library, Java unit tests, the
# end-to-end test against anvil), and the launcher's own checks.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$SABLE_ROOT"

# Each stage's heading says when it began and how long the run had taken by then (CI's budget is
# kept stage by stage).
stage() { echo "== [$(date -u +%H:%M:%S), $((SECONDS / 60)) min $((SECONDS % 60)) s in] $*"; }

scripts/setup.sh
export CGO_CFLAGS="-I$JAVA_HOME/include -I$JAVA_HOME/include/linux"

stage "Go: formatting and vet"
unformatted="$(gofmt -l circuits native)"
if [ -n "$unformatted" ]; then
  echo "gofmt would change: $unformatted" >&2
  exit 1
fi
(cd circuits && go vet ./...)
(cd native && go vet ./...)

stage "Go: the native library's tests (EdDSA verify against gnark-crypto's signer)"
(cd native && go test -count=1 ./...)

# -timeout 30m: the aggregate package verifies emulated BN254 proofs in the test engine (~3-5 CPU-min);
# on a loaded machine it can pass go test's default 10 minutes without anything being wrong.
stage "Go: circuit tests (the settlement package runs under the forgery suite, next)"
(cd circuits && go test -count=1 -timeout 30m $(go list ./... | grep -v '/circuits/settlement$'))

stage "Go: settlement circuit and the forgery suite (every forgery rejected, honest batches proved)"
scripts/forgeries.sh

stage "Bridge fixture is current for the circuit"
(cd circuits && go run ./cmd/fixtures -out ../l1-bridge/contracts/test/fixtures -check)

stage "Solidity: formatting, forge tests and gas snapshots"
# .gas-snapshot: every unit test's gas (fuzz and invariant tests run on their own: gas-snapshot.sh
# says why); snapshots/*.json: the bridge's named figures (docs/bridge.md).
(cd l1-bridge/contracts && forge fmt --check && ./gas-snapshot.sh --check && forge test --match-test 'testFuzz|invariant' &&
  FORGE_SNAPSHOT_CHECK=true forge test --match-path 'test/Gas*.t.sol')

stage "Java: native library, unit tests, end-to-end test on anvil"
mvn -B -Dstyle.color=never verify

stage "Launcher: concurrent runs, paths, usage errors"
scripts/test-launcher.sh

stage "all passed"

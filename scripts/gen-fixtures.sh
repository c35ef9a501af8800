#!/usr/bin/env bash
# Regenerates the bridge's Foundry fixtures (per circuit a gnark-exported verifier and real proofs
# made with the same throwaway keys: state update, settlement at Tiny with the exits, settlement at
# TinyOwner, at TinyOwnerBlob (-only settlement-blob) and TinyOwnerBlob2 (two blobs, -only settlement-blob2); forced requests at TinyL2Q1) and two EIP-4844 blobs' KZG openings (-only blob), formats
# them, and refreshes the gas snapshot. Run after changing the
# circuit or gnark; the test script fails while the fixture is stale.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$SABLE_ROOT"
(cd circuits && go run ./cmd/fixtures -out ../l1-bridge/contracts/test/fixtures "$@")
(cd l1-bridge/contracts && forge fmt test/fixtures && ./gas-snapshot.sh)

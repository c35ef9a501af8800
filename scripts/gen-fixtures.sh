#!/usr/bin/env bash
# Regenerates the bridge's Foundry fixtures (per circuit a gnark-exported verifier and real proofs
# made with the same throwaway keys: state update, settlement at Tiny with the exits, settlement at
# TinyOwner, at TinyOwnerBlob (-only settlement-blob) and TinyOwnerBlob2 (two blobs, -only settlement-blob2); forced requests at TinyL2Q1), two EIP-4844 blobs' KZG openings (-only blob) and the aggregate of
# the Tiny chain's batches 1 and 2 with its inner and aggregate verifiers (-only aggregate: minutes, ~5 GB) and the
# aggregate of the TinyOwnerBlob chain's batch 1 with its verifier (-only aggregate-blob: ~20 min, ~4 GB), formats
# them, and refreshes the gas snapshot. Run after changing the
# circuit or gnark; the test script fails while the fixture is stale.
# -only tree (the tree of aggregates, TreeVerifier.sol and TreeFixture.sol: 54 min and 7.2 GB at load 3-13) runs
# only when named: a full run leaves it out.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$SABLE_ROOT"
(cd circuits && go run ./cmd/fixtures -out ../l1-bridge/contracts/test/fixtures "$@")
(cd l1-bridge/contracts && forge fmt test/fixtures && ./gas-snapshot.sh)

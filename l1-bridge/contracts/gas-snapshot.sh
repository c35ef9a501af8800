#!/usr/bin/env bash
# Writes (or with --check, compares) .gas-snapshot: the gas of every unit test. Fuzz and invariant
# tests are left out: their mean and median gas moved between two runs of the same code with the
# same seed, which made the check fail at random. scripts/test-all.sh runs them on their own
# (forge test --match-test 'testFuzz|invariant').
set -euo pipefail
cd "$(dirname "$0")"
forge snapshot --no-match-test 'testFuzz|invariant' "$@"

#!/usr/bin/env bash
# Regenerates testdata/ptau/snarkjs-pot8.ptau: a small powers-of-tau file (BN254, 2^8 powers, two
# contributions) made by snarkjs, the tool the Perpetual Powers of Tau is published with, so the
# ceremony's .ptau import is tested against another implementation's output. Needs the npm
# registry (snarkjs is fetched on the fly, not a project dependency). Not run by CI.
set -euo pipefail
source "$(dirname "$0")/env.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
snarkjs() { npm exec --yes --package=snarkjs@0.7.6 -- snarkjs "$@"; }
snarkjs powersoftau new bn128 8 "$work/pot_0.ptau"
snarkjs powersoftau contribute "$work/pot_0.ptau" "$work/pot_1.ptau" --name=one -e="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
snarkjs powersoftau contribute "$work/pot_1.ptau" "$work/pot_2.ptau" --name=two -e="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
snarkjs powersoftau verify "$work/pot_2.ptau"
mkdir -p "$SABLE_ROOT/testdata/ptau"
cp "$work/pot_2.ptau" "$SABLE_ROOT/testdata/ptau/snarkjs-pot8.ptau"

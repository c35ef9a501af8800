// Package rehearsal holds a deliberately small circuit (one Poseidon2 compression, a few hundred
// constraints) for rehearsing a key ceremony: every participant can run the whole procedure on
// their own machine in seconds before the real run, and the tests run a full multi-party ceremony
// on it. No node proves with it.
package rehearsal

import (
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/permutation/poseidon2"

	"sable/circuits/smt"
)

// Name identifies this circuit in the catalog and in key directories.
const Name = "ceremony-rehearsal"

// Circuit proves knowledge of Left and Right with Poseidon2.Compress(Left, Right) = Digest.
type Circuit struct {
	Digest frontend.Variable `gnark:",public"`
	Left   frontend.Variable
	Right  frontend.Variable
}

// Define constrains the one compression.
func (c *Circuit) Define(api frontend.API) error {
	perm, err := poseidon2.NewPoseidon2(api)
	if err != nil {
		return err
	}
	api.AssertIsEqual(perm.Compress(c.Left, c.Right), c.Digest)
	return nil
}

// Assign returns the assignment for the preimage (left, right).
func Assign(left, right uint64) *Circuit {
	l, r := fr.NewElement(left), fr.NewElement(right)
	return &Circuit{Digest: smt.Compress(l, r), Left: l, Right: r}
}

package main

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/std/hash/sha2"
	"github.com/consensys/gnark/std/hash/sha3"
	"github.com/consensys/gnark/std/math/uints"

	"sable/circuits/gadget"
)

// poseidonBinding is the settlement circuit's binding of n public-data elements: the Poseidon2
// commitment c and the evaluation y at z.
type poseidonBinding struct {
	D          []frontend.Variable
	C, Z, Y    frontend.Variable `gnark:",public"`
	commitment bool
}

func (c *poseidonBinding) Define(api frontend.API) error {
	api.AssertIsEqual(gadget.NewHasher(api).Hash(c.D...), c.C)
	var y frontend.Variable = 0
	for i := len(c.D) - 1; i >= 0; i-- {
		y = api.Add(api.Mul(y, c.Z), c.D[i])
	}
	api.AssertIsEqual(y, c.Y)
	return nil
}

// byteHashBinding hashes n 32-byte elements with SHA-256 or Keccak-256 in the circuit (the
// alternative: one public input, the digest).
type byteHashBinding struct {
	Bytes  []uints.U8
	Digest [32]uints.U8 `gnark:",public"`
	keccak bool
}

func (c *byteHashBinding) Define(api frontend.API) error {
	var h interface {
		Write([]uints.U8)
		Sum() []uints.U8
	}
	var err error
	if c.keccak {
		h, err = sha3.NewLegacyKeccak256(api)
	} else {
		h, err = sha2.New(api)
	}
	if err != nil {
		return err
	}
	h.Write(c.Bytes)
	u, err := uints.New[uints.U32](api)
	if err != nil {
		return err
	}
	for i, b := range h.Sum() {
		u.ByteAssertEq(b, c.Digest[i])
	}
	return nil
}

func constraints(c frontend.Circuit) (int, bool, error) {
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, c)
	if err != nil {
		return 0, false, err
	}
	return cs.GetNbConstraints(), len(cs.GetCommitments().CommitmentIndexes()) > 0, nil
}

// binding reports the in-circuit cost of binding n public-data elements three ways.
func binding(r *report) error {
	r.line("\n== public-data binding, in-circuit cost for n 32-byte elements")
	for _, kind := range []string{"poseidon2 commitment + evaluation", "sha-256", "keccak-256"} {
		var counts [2]int
		var commit bool
		for i, n := range []int{16, 32} {
			var c frontend.Circuit
			switch kind {
			case "sha-256":
				c = &byteHashBinding{Bytes: make([]uints.U8, 32*n)}
			case "keccak-256":
				c = &byteHashBinding{Bytes: make([]uints.U8, 32*n), keccak: true}
			default:
				c = &poseidonBinding{D: make([]frontend.Variable, n)}
			}
			k, cm, err := constraints(c)
			if err != nil {
				return fmt.Errorf("%s: %w", kind, err)
			}
			counts[i], commit = k, cm
		}
		per := (counts[1] - counts[0]) / 16
		r.line("  %-34s %7d per element, %8d fixed; Groth16 commitment: %v", kind, per, counts[0]-16*per, commit)
	}
	return nil
}

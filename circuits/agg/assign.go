package agg

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/algebra/emulated/sw_bn254"
	stdgroth16 "github.com/consensys/gnark/std/recursion/groth16"

	"sable/circuits/layout"
	"sable/circuits/ledger"
)

// Segment is one batch of an aggregate: its public data d_i, the challenge z_i its proof was made
// for (the bridge's, ledger.Bind) and the inner proof.
type Segment struct {
	Data      []fr.Element
	Challenge fr.Element
	Proof     groth16.Proof
}

// Bind is the aggregate's public inputs for D: C = H(TAG_AGGREGATE, D...), and Z and Y as the
// bridge derives them from its calldata D and C (ledger.Challenge, ledger.Evaluate).
func Bind(all []fr.Element) ledger.PublicInputs {
	c := layout.Hash(append([]fr.Element{TagAggregate}, all...)...)
	z := ledger.Challenge(c, all)
	return ledger.PublicInputs{Commitment: c, Challenge: z, Evaluation: ledger.Evaluate(all, z)}
}

// Concat is D = d_1 || ... || d_k.
func Concat(segments []Segment) []fr.Element {
	var all []fr.Element
	for _, s := range segments {
		all = append(all, s.Data...)
	}
	return all
}

// Assign is the aggregate's assignment for the segments, with the public inputs Bind gives.
func Assign(segments []Segment) (*Circuit, error) {
	return AssignWith(segments, Bind(Concat(segments)))
}

// AssignWith is Assign with the given public inputs (tests pass wrong ones).
func AssignWith(segments []Segment, public ledger.PublicInputs) (*Circuit, error) {
	c := &Circuit{Commitment: toBig(public.Commitment), Challenge: toBig(public.Challenge),
		Evaluation: toBig(public.Evaluation)}
	for i, s := range segments {
		p, err := stdgroth16.ValueOfProof[sw_bn254.G1Affine, sw_bn254.G2Affine](s.Proof)
		if err != nil {
			return nil, fmt.Errorf("segment %d: %w", i, err)
		}
		d := make([]frontend.Variable, len(s.Data))
		for j := range s.Data {
			d[j] = toBig(s.Data[j])
		}
		c.Data = append(c.Data, d)
		c.InnerChallenges = append(c.InnerChallenges, toBig(s.Challenge))
		c.Proofs = append(c.Proofs, p)
	}
	return c, nil
}

func toBig(e fr.Element) *big.Int {
	var b big.Int
	e.BigInt(&b)
	return &b
}

// Package agg is the aggregate circuit: one Groth16 proof that k consecutive settlement batches
// each have a valid proof of one fixed inner circuit (docs/aggregation.md). Its public data is the
// concatenation D = d_1 || ... || d_k of the batches' public data, bound to the public inputs
// (C, Z, Y) exactly as one batch's is (C a Poseidon2 commitment, Z the bridge's challenge,
// Y = sum D_j Z^j); for each segment it recomputes the inner commitment c_i = H(TAG_PUBDATA, d_i)
// from its own d_i and verifies the inner proof for (c_i, z_i, y_i) in the circuit (gnark's
// std/recursion/groth16 over emulated BN254). A tree's upper level (NewUpper) is the same circuit
// over inner aggregates: its segments are their data D_j, checked against C_j = H(TAG_AGGREGATE, D_j).
package agg

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/algebra/emulated/sw_bn254"
	"github.com/consensys/gnark/std/commitments/pedersen"
	"github.com/consensys/gnark/std/math/emulated"
	stdgroth16 "github.com/consensys/gnark/std/recursion/groth16"

	"sable/circuits/gadget"
	"sable/circuits/layout"
	"sable/circuits/ledger"
)

// TagAggregate separates the aggregate's commitment C from a single batch's c (which uses
// TAG_PUBDATA): a D that happens to be one batch's data never gives a batch's c.
var TagAggregate = layout.Tag("sable.aggregate.v1")

type (
	// Proof is an inner Groth16 proof as the circuit takes it.
	Proof = stdgroth16.Proof[sw_bn254.G1Affine, sw_bn254.G2Affine]
	// VerifyingKey is an inner verifying key as the circuit holds it (constants).
	VerifyingKey = stdgroth16.VerifyingKey[sw_bn254.G1Affine, sw_bn254.G2Affine, sw_bn254.GTEl]
	scalar       = sw_bn254.ScalarField
)

// Circuit is the aggregate of len(Data) segments. Public inputs, in order: C, Z, Y (as a batch's).
type Circuit struct {
	Commitment frontend.Variable `gnark:",public"`
	Challenge  frontend.Variable `gnark:",public"`
	Evaluation frontend.Variable `gnark:",public"`

	// Data are the segments d_i, each the inner circuit's public data of one batch.
	Data [][]frontend.Variable
	// InnerChallenges are the z_i the inner proofs were made for: any value is sound (c_i alone
	// fixes the inner data), so the bridge's own z_i serves and existing batch proofs are reused.
	InnerChallenges []frontend.Variable
	Proofs          []Proof

	vk VerifyingKey `gnark:"-"` // the inner circuit's key, fixed in the circuit
	// innerTag is the tag of the inner circuit's commitment: TAG_PUBDATA for settlement batches,
	// TAG_AGGREGATE for inner aggregates (a tree's upper level).
	innerTag *big.Int `gnark:"-"`
}

// New returns the aggregate of k segments of n elements each, proven by inner proofs that verify
// under vk (an inner circuit with the three public inputs c, z, y and at most one Groth16
// commitment).
func New(vk groth16.VerifyingKey, n, k int) (*Circuit, error) {
	if k < 1 || n < 1 {
		return nil, fmt.Errorf("aggregate of %d segments of %d elements: both must be positive", k, n)
	}
	fixed, err := stdgroth16.ValueOfVerifyingKeyFixed[sw_bn254.G1Affine, sw_bn254.G2Affine, sw_bn254.GTEl](vk)
	if err != nil {
		return nil, err
	}
	// gnark's recursion verifier checks one commitment (its proof of knowledge, and the commitment
	// wire's hash-to-field: the inner proof must come from ProveInner); -blob circuits have one.
	if len(fixed.CommitmentKeys) > 1 {
		return nil, fmt.Errorf("inner key has %d Groth16 commitments: the aggregate verifies at most one",
			len(fixed.CommitmentKeys))
	}
	// gnark's NbPublicWitness counts the commitment's wire among the public inputs.
	if n := vk.NbPublicWitness() - len(fixed.CommitmentKeys); n != 3 {
		return nil, fmt.Errorf("inner key has %d public inputs, want 3 (c, z, y)", n)
	}
	c := &Circuit{Data: make([][]frontend.Variable, k), InnerChallenges: make([]frontend.Variable, k),
		Proofs: make([]Proof, k), vk: fixed, innerTag: toBig(ledger.TagPublicData)}
	for i := range c.Data {
		c.Data[i] = make([]frontend.Variable, n)
		c.Proofs[i].Commitments = make([]pedersen.Commitment[sw_bn254.G1Affine], len(fixed.CommitmentKeys))
	}
	return c, nil
}

// NewUpper returns the upper level of a tree: the aggregate of m inner aggregates, each of n
// elements (its k batches' data), proven by proofs under the inner aggregate's key vk (which has
// one Groth16 commitment: the inner proofs must be made with ProveInner). Its public inputs and D
// are exactly those of a flat aggregate of the same batches (docs/aggregation.md, "A tree").
func NewUpper(vk groth16.VerifyingKey, n, m int) (*Circuit, error) {
	c, err := New(vk, n, m)
	if err != nil {
		return nil, err
	}
	c.innerTag = toBig(TagAggregate)
	return c, nil
}

// Define binds D to (C, Z, Y), then verifies each segment's inner proof.
func (c *Circuit) Define(api frontend.API) error {
	h := gadget.NewHasher(api)
	var all []frontend.Variable
	for _, d := range c.Data {
		all = append(all, d...)
	}
	h.BindData(toBig(TagAggregate), all, c.Commitment, c.Challenge, c.Evaluation)

	field, err := emulated.NewField[scalar](api)
	if err != nil {
		return err
	}
	verifier, err := stdgroth16.NewVerifier[scalar, sw_bn254.G1Affine, sw_bn254.G2Affine, sw_bn254.GTEl](api)
	if err != nil {
		return err
	}
	for i, d := range c.Data {
		inner := h.Hash(append([]frontend.Variable{c.innerTag}, d...)...)
		evaluation := gadget.Evaluate(api, d, c.InnerChallenges[i])
		public := stdgroth16.Witness[scalar]{Public: []emulated.Element[scalar]{
			*native(api, field, inner), *native(api, field, c.InnerChallenges[i]), *native(api, field, evaluation)}}
		// The subgroup checks keep a prover from feeding the pairing points outside G1 and G2.
		if err := verifier.AssertProof(c.vk, c.Proofs[i], public, stdgroth16.WithSubgroupCheck()); err != nil {
			return fmt.Errorf("segment %d: %w", i, err)
		}
	}
	return nil
}

// native is v as an element of the emulated scalar field, from its canonical bits (api.ToBinary
// at the field's width asserts the bits are below r, so the element is v itself).
func native(api frontend.API, field *emulated.Field[scalar], v frontend.Variable) *emulated.Element[scalar] {
	return field.FromBits(api.ToBinary(v)...)
}

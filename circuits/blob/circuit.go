package blob

import (
	blsfr "github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"

	"sable/circuits/gadget"
	"sable/circuits/layout"
)

// Circuit is Bind on its own, for tests and measurements: n private elements, their commitment
// c = H(TAG_PUBDATA, d...) as the settlement circuit computes its public data's, and the blob's
// versioned hash, challenge and value as public inputs. The -blob settlement circuits call Bind
// on their owner rows instead (settlement.ownerData).
type Circuit struct {
	C             frontend.Variable    `gnark:",public"`
	VersionedHash [2]frontend.Variable `gnark:",public"`
	Z             frontend.Variable    `gnark:",public"`
	Y             [2]frontend.Variable `gnark:",public"`
	D             []frontend.Variable
}

// NewCircuit is the circuit for n elements, to compile.
func NewCircuit(n int) *Circuit { return &Circuit{D: make([]frontend.Variable, n)} }

// Define asserts c is the data's commitment and binds the data to the blob.
func (c *Circuit) Define(api frontend.API) error {
	h := gadget.NewHasher(api)
	api.AssertIsEqual(h.Hash(append([]frontend.Variable{layout.TagPublicData}, c.D...)...), c.C)
	return Bind(api, h, c.D, c.C, c.VersionedHash, c.Z, c.Y)
}

// Assignment is the honest witness for d and its opening.
func Assignment(d []fr.Element, o Opening) *Circuit {
	a := &Circuit{C: layout.Commitment(d), Z: o.Z, D: make([]frontend.Variable, len(d))}
	a.VersionedHash[0], a.VersionedHash[1] = Halves(o.VersionedHash)
	a.Y[0], a.Y[1] = Halves(o.Y.Bytes())
	for i := range d {
		a.D[i] = d[i]
	}
	return a
}

// SlotCircuit is BindSlot on its own, for tests and measurements: n private rows, their
// commitment c_rows = H(TAG_PUBDATA, d...), and the pair's challenge, the slot and the slot's
// share as public inputs (what a segment of a pair would publish).
type SlotCircuit struct {
	C    frontend.Variable    `gnark:",public"`
	Z    frontend.Variable    `gnark:",public"`
	Slot frontend.Variable    `gnark:",public"`
	Y    [2]frontend.Variable `gnark:",public"`
	D    []frontend.Variable
}

// NewSlotCircuit is the slot circuit for n rows, to compile.
func NewSlotCircuit(n int) *SlotCircuit { return &SlotCircuit{D: make([]frontend.Variable, n)} }

// Define asserts c is the rows' commitment and binds the rows to their slot's share.
func (c *SlotCircuit) Define(api frontend.API) error {
	h := gadget.NewHasher(api)
	api.AssertIsEqual(h.Hash(append([]frontend.Variable{layout.TagPublicData}, c.D...)...), c.C)
	return BindSlot(api, c.D, c.Z, c.Slot, c.Y)
}

// SlotAssignment is the witness for rows d in slot s of a pair opened at z, with share y.
func SlotAssignment(d []fr.Element, s int, z fr.Element, y blsfr.Element) *SlotCircuit {
	a := &SlotCircuit{C: layout.Commitment(d), Z: z, Slot: s, D: make([]frontend.Variable, len(d))}
	a.Y[0], a.Y[1] = Halves(y.Bytes())
	for i := range d {
		a.D[i] = d[i]
	}
	return a
}

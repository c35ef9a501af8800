// Package blob binds data that a batch publishes in an EIP-4844 blob to the batch's proof.
//
// A blob is 4096 elements of BLS12-381's scalar field, the evaluations of a polynomial p over the
// 4096th roots of unity in bit-reversed order (EIP-4844). Sable's data are BN254 elements, each
// below BN254's r and so below BLS12-381's r: element i of the data is the blob's element i, the
// positions after the data are 0. L1 sees only the blob's versioned hash (`blobhash`) and can check
// one opening p(z) = y with the point-evaluation precompile; the proof shows the same data gives
// the same y at z (Bind, in the circuit), where z is drawn after both sides are fixed: z =
// H(TAG_BLOB, c, vh_hi, vh_lo) with c the circuit's Poseidon2 commitment to the data and vh the
// blob's versioned hash. Two different polynomials of degree < 4096 agree at a random z with
// probability at most 4096 / r, so a blob holding other data than the proof's fails one side.
//
// Two segments can share one blob, one in each slot of 2,048 elements (PackPair): z is then drawn
// from both slots' rows' commitments and the blob (PairChallenge), each segment's proof shows its
// slot's share of p(z) (EvaluateSlot; BindSlot in the circuit) and the bridge opens the blob once
// for the shares' sum (OpenPair). Only the bridge's gas fixture uses pairs so far: no settlement
// circuit binds a slot yet (docs/aggregation.md, "Next: two segments in one blob").
//
// This file is the out-of-circuit side: the layout, the challenge, the barycentric evaluation and
// the KZG opening (go-eth-kzg with Ethereum's trusted setup) the bridge hands to the precompile.
package blob

import (
	"crypto/sha256"
	"fmt"
	"math/big"
	"sync"

	blsfr "github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	goethkzg "github.com/crate-crypto/go-eth-kzg"

	"sable/circuits/layout"
)

// Size is the number of field elements of a blob.
const Size = goethkzg.ScalarsPerBlob

// logSize is log2(Size).
const logSize = 12

// SlotSize is the number of elements of one of a blob's two slots: slot s is positions
// [s * SlotSize, (s + 1) * SlotSize), so two segments' rows can share one blob (PackPair).
const SlotSize = Size / 2

// TagBlob separates the blob challenge from every other Poseidon2 record.
var TagBlob = layout.Tag("sable.blob.v1")

// TagBlobPair separates a two-slot blob's challenge from a one-segment blob's and every other
// Poseidon2 record.
var TagBlobPair = layout.Tag("sable.blob.pair.v1")

// roots are the blob's evaluation points: roots[i] = w^bitreverse(i), w a primitive 4096th root
// of unity (gnark-crypto's, the same as the consensus specs' from generator 7).
var roots = sync.OnceValue(func() []blsfr.Element {
	w, err := blsfr.Generator(Size)
	if err != nil {
		panic(err)
	}
	out := make([]blsfr.Element, Size)
	var p blsfr.Element
	p.SetOne()
	for i := 0; i < Size; i++ {
		out[bitReverse(i)] = p
		p.Mul(&p, &w)
	}
	return out
})

func bitReverse(i int) int {
	rev := 0
	for b := 0; b < logSize; b++ {
		rev |= (i >> b & 1) << (logSize - 1 - b)
	}
	return rev
}

// Root is the evaluation point of the blob's element i.
func Root(i int) blsfr.Element { return roots()[i] }

// Halves splits 32 big-endian bytes (a versioned hash, a value y) into their high and low 128
// bits, each a BN254 element: how the circuit takes them as public input.
func Halves(b [32]byte) (hi, lo fr.Element) {
	hi.SetBigInt(new(big.Int).SetBytes(b[:16]))
	lo.SetBigInt(new(big.Int).SetBytes(b[16:]))
	return hi, lo
}

// Challenge is z = H(TAG_BLOB, c, vh_hi, vh_lo) (Poseidon2), c the data's commitment.
func Challenge(c fr.Element, vh [32]byte) fr.Element {
	hi, lo := Halves(vh)
	return layout.Hash(TagBlob, c, hi, lo)
}

// PairChallenge is z = H(TAG_BLOB_PAIR, c0, c1, vh_hi, vh_lo) (Poseidon2), c_s the commitment to
// slot s's rows: drawn after both slots' rows and the blob are fixed.
func PairChallenge(c0, c1 fr.Element, vh [32]byte) fr.Element {
	hi, lo := Halves(vh)
	return layout.Hash(TagBlobPair, c0, c1, hi, lo)
}

// Evaluate is p(z) for the blob holding d (then zeros): the barycentric formula
// p(z) = (z^4096 - 1) / 4096 * sum_i d_i w_i / (z - w_i) over the used positions only; at a root
// of unity (z^4096 = 1) it is the element there.
func Evaluate(d []fr.Element, z blsfr.Element) (blsfr.Element, error) {
	values, err := scalars(d, Size)
	if err != nil {
		return blsfr.Element{}, err
	}
	return evaluate(values, z), nil
}

// EvaluateSlot is slot s's share of p(z) for a blob holding d in slot s (and anything in the other
// slot): the barycentric sum over the slot's positions only. Slot 1's roots are slot 0's times w,
// and d w v / (z - w v) = d v / (z / w - v) with (z / w)^4096 = z^4096, so the share is evaluate
// over slot 0's roots at z_s = z (slot 0) or z / w (slot 1). A pair's p(z) is the sum of its two
// slots' shares.
func EvaluateSlot(d []fr.Element, s int, z blsfr.Element) (blsfr.Element, error) {
	values, err := scalars(d, SlotSize)
	if err != nil {
		return blsfr.Element{}, err
	}
	zs, err := slotPoint(s, z)
	if err != nil {
		return blsfr.Element{}, err
	}
	return evaluate(values, zs), nil
}

// slotPoint is z_s: z for slot 0, z / w for slot 1.
func slotPoint(s int, z blsfr.Element) (blsfr.Element, error) {
	switch s {
	case 0:
		return z, nil
	case 1:
		w := slotRatio()
		return *z.Div(&z, &w), nil
	}
	return blsfr.Element{}, fmt.Errorf("blob: slot %d, a blob has slots 0 and 1", s)
}

// slotRatio is w = root(2048) / root(0): slot 1's roots over slot 0's (root(0) = 1).
func slotRatio() blsfr.Element { return Root(SlotSize) }

// scalars reads d as BLS12-381 scalars, refusing more than limit elements.
func scalars(d []fr.Element, limit int) ([]blsfr.Element, error) {
	if len(d) > limit {
		return nil, fmt.Errorf("blob: %d elements, at most %d fit", len(d), limit)
	}
	values := make([]blsfr.Element, len(d))
	for i := range d {
		values[i] = toBLS(d[i])
	}
	return values, nil
}

// evaluate is Evaluate over any BLS12-381 scalars (at most Size).
func evaluate(values []blsfr.Element, z blsfr.Element) blsfr.Element {
	var zn, one blsfr.Element
	zn.Exp(z, big.NewInt(Size))
	one.SetOne()
	if zn.Equal(&one) {
		for i := range values {
			if w := Root(i); w.Equal(&z) {
				return values[i]
			}
		}
		return blsfr.Element{} // an unused position
	}
	var sum blsfr.Element
	for i := range values {
		w := Root(i)
		var diff blsfr.Element
		diff.Sub(&z, &w)
		term := values[i]
		term.Mul(&term, &w).Div(&term, &diff)
		sum.Add(&sum, &term)
	}
	var factor blsfr.Element
	factor.Sub(&zn, &one).Div(&factor, new(blsfr.Element).SetUint64(Size))
	return *sum.Mul(&sum, &factor)
}

// toBLS reads a BN254 element as a BLS12-381 scalar (the same integer: BN254's r is smaller).
func toBLS(e fr.Element) blsfr.Element {
	var out blsfr.Element
	out.SetBigInt(e.BigInt(new(big.Int)))
	return out
}

// Pack lays d out as a blob: element i as 32 bytes big-endian at position i, zeros after.
func Pack(d []fr.Element) (*goethkzg.Blob, error) {
	if len(d) > Size {
		return nil, fmt.Errorf("blob: %d elements, a blob holds %d", len(d), Size)
	}
	var b goethkzg.Blob
	put(&b, 0, d)
	return &b, nil
}

// PackPair lays two segments' rows out as one blob: d0 in slot 0 (positions from 0), d1 in slot 1
// (positions from SlotSize), zeros in each slot's unused positions.
func PackPair(d0, d1 []fr.Element) (*goethkzg.Blob, error) {
	for s, d := range [][]fr.Element{d0, d1} {
		if len(d) > SlotSize {
			return nil, fmt.Errorf("blob: slot %d: %d elements, a slot holds %d", s, len(d), SlotSize)
		}
	}
	var b goethkzg.Blob
	put(&b, 0, d0)
	put(&b, SlotSize, d1)
	return &b, nil
}

// put writes d into b from position at, 32 bytes big-endian each.
func put(b *goethkzg.Blob, at int, d []fr.Element) {
	for i := range d {
		e := d[i].Bytes()
		copy(b[32*(at+i):], e[:])
	}
}

// VersionedHash is EIP-4844's kzg_to_versioned_hash: 0x01 || sha256(commitment)[1:].
func VersionedHash(commitment goethkzg.KZGCommitment) [32]byte {
	h := sha256.Sum256(commitment[:])
	h[0] = 0x01
	return h
}

// Opening is what the bridge hands to the point-evaluation precompile for one blob, and what the
// circuit takes as public input (VersionedHash, Z, Y).
type Opening struct {
	VersionedHash [32]byte
	Z             fr.Element
	Y             blsfr.Element
	Commitment    goethkzg.KZGCommitment
	Proof         goethkzg.KZGProof
}

// PrecompileInput is the point-evaluation precompile's 192-byte input: versioned hash, z, y (32
// bytes big-endian each), commitment, proof (48 bytes each).
func (o Opening) PrecompileInput() []byte {
	z, y := o.Z.Bytes(), o.Y.Bytes()
	out := append([]byte{}, o.VersionedHash[:]...)
	out = append(out, z[:]...)
	out = append(out, y[:]...)
	out = append(out, o.Commitment[:]...)
	return append(out, o.Proof[:]...)
}

// kzg is the KZG context with Ethereum's trusted setup (loaded once: it takes a while).
var kzg = sync.OnceValues(goethkzg.NewContext4096Secure)

// Open commits to the blob holding d, draws z from the data's commitment c and the blob's
// versioned hash, and opens the blob at z. It fails if the library's y is not Evaluate's.
func Open(d []fr.Element, c fr.Element) (Opening, error) {
	b, err := Pack(d)
	if err != nil {
		return Opening{}, err
	}
	return open(b, func(vh [32]byte) fr.Element { return Challenge(c, vh) }, func(z blsfr.Element) (blsfr.Element, error) {
		return Evaluate(d, z)
	})
}

// OpenPair commits to the blob holding d0 in slot 0 and d1 in slot 1, draws z = PairChallenge(c0,
// c1, vh) (c_s slot s's rows' commitment) and opens the blob at z; shares are the slots' parts
// of y (EvaluateSlot), what each segment's proof shows for its slot. It fails if the library's y
// is not the shares' sum.
func OpenPair(d0, d1 []fr.Element, c0, c1 fr.Element) (Opening, [2]blsfr.Element, error) {
	b, err := PackPair(d0, d1)
	if err != nil {
		return Opening{}, [2]blsfr.Element{}, err
	}
	var shares [2]blsfr.Element
	o, err := open(b, func(vh [32]byte) fr.Element { return PairChallenge(c0, c1, vh) }, func(z blsfr.Element) (blsfr.Element, error) {
		for s, d := range [][]fr.Element{d0, d1} {
			share, err := EvaluateSlot(d, s, z)
			if err != nil {
				return blsfr.Element{}, err
			}
			shares[s] = share
		}
		var y blsfr.Element
		return *y.Add(&shares[0], &shares[1]), nil
	})
	return o, shares, err
}

// open commits to b, draws z = challenge(vh) and opens b at z, checking the library's y against
// ours(z).
func open(b *goethkzg.Blob, challenge func(vh [32]byte) fr.Element, ours func(z blsfr.Element) (blsfr.Element, error)) (Opening, error) {
	ctx, err := kzg()
	if err != nil {
		return Opening{}, err
	}
	var o Opening
	if o.Commitment, err = ctx.BlobToKZGCommitment(b, 0); err != nil {
		return Opening{}, err
	}
	o.VersionedHash = VersionedHash(o.Commitment)
	o.Z = challenge(o.VersionedHash)
	proof, y, err := ctx.ComputeKZGProof(b, goethkzg.Scalar(o.Z.Bytes()), 0)
	if err != nil {
		return Opening{}, err
	}
	o.Proof = proof
	if o.Y, err = goethkzg.DeserializeScalar(y); err != nil {
		return Opening{}, err
	}
	want, err := ours(toBLS(o.Z))
	if err != nil {
		return Opening{}, err
	}
	if !want.Equal(&o.Y) {
		return Opening{}, fmt.Errorf("blob: barycentric evaluation %s, KZG library %s", want.String(), o.Y.String())
	}
	return o, nil
}

// CellProofs are the KZG proofs of the blob holding d's 128 cells (EIP-7594): what a type-3
// transaction's sidecar carries since Osaka (wrapper version 1) in place of one blob proof.
func CellProofs(d []fr.Element) ([goethkzg.CellsPerExtBlob]goethkzg.KZGProof, error) {
	ctx, err := kzg()
	if err != nil {
		return [goethkzg.CellsPerExtBlob]goethkzg.KZGProof{}, err
	}
	b, err := Pack(d)
	if err != nil {
		return [goethkzg.CellsPerExtBlob]goethkzg.KZGProof{}, err
	}
	_, proofs, err := ctx.ComputeCellsAndKZGProofs(b, 0)
	return proofs, err
}

// Verify checks an opening as the precompile does (the library's verify_kzg_proof) and that its
// versioned hash is its commitment's.
func Verify(o Opening) error {
	ctx, err := kzg()
	if err != nil {
		return err
	}
	if VersionedHash(o.Commitment) != o.VersionedHash {
		return fmt.Errorf("blob: versioned hash is not the commitment's")
	}
	return ctx.VerifyKZGProof(o.Commitment, goethkzg.Scalar(o.Z.Bytes()), goethkzg.Scalar(o.Y.Bytes()), o.Proof)
}

package main

/*
#include <stdlib.h>
*/
import "C"

import (
	"errors"
	"sync"
	"unsafe"

	"sable/circuits/smt"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/poseidon2"
	"github.com/consensys/gnark-crypto/ecc/bn254/twistededwards"
)

// EdDSA verification for the node's intake: the equation Java's EdDsaPublicKey.verify checks,
// [S]B - [h]A == R (exact equality, which with A and B in the prime-order subgroup also puts R
// there), with gnark-crypto's field and point arithmetic and gnark's challenge, h = the Poseidon2
// Merkle-Damgard hash of R.x, R.y, A.x, A.y and the message (as gnark's eddsa.Verify writes them;
// package sig). Java validates the key, the point R (on the curve) and S (0 < S < l). The curve
// work is done the way Java does it: a fixed-base comb for B and, per key, window tables of -A for
// four 64-bit chunks of h (64 doublings instead of 256), kept for the most recently used keys.
// Both scalars are recoded to signed digits (4-bit digits of h in [-7, 8], bytes of S in
// [-127, 128]), so the tables hold only the positive half and a negative digit adds the point's
// negation: half the memory (the comb 393 KB, 3 KiB a key). A check reads ~90 entries at random,
// and with 64 traders' keys it costs ~25% more CPU than with one (cache misses); the halving
// measured 0.93-1.03x, median ~0.96x, of the check's CPU (bench/results/intake-eddsa-cpu-*.txt).

const (
	keyChunks     = 4
	keyChunkBits  = 64
	keyWindow     = 4
	baseWindow    = 8
	baseWindows   = 32
	keyEntries    = 1 << (keyWindow - 1)  // digits 1..8
	baseEntries   = 1 << (baseWindow - 1) // digits 1..128
	keyCacheLimit = 8192                  // 3 KiB of tables each
	verifyFixed   = 6 * 32                // A.x, A.y, R.x, R.y, S and the message state
	maxWords      = 4                     // message elements folded after the state (3 today)
)

// niels is an affine point (Z = 1) prepared for addition: Y - X, Y + X, 2d X Y.
type niels struct{ ymx, ypx, t2d fr.Element }

// ext is a point in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z.
type ext struct{ x, y, z, t fr.Element }

type keyTables [keyChunks][keyEntries + 1]niels

var (
	twoD     fr.Element
	baseOnce sync.Once
	// baseComb[i][j] = j * 256^i * B (entry 0, the identity, is never added)
	baseComb [baseWindows][baseEntries + 1]niels
	keysMu   sync.RWMutex
	keyCache = map[[64]byte]*keyTables{}
)

func toNiels(p *twistededwards.PointAffine) niels {
	var n niels
	n.ymx.Sub(&p.Y, &p.X)
	n.ypx.Add(&p.Y, &p.X)
	n.t2d.Mul(&p.X, &p.Y).Mul(&n.t2d, &twoD)
	return n
}

// addNiels sets p = p + q, or p = p - q when neg (add-2008-hwcd-3 with a = -1, complete on this
// curve): 7 products. -q = (-x, y) swaps Y - X with Y + X and negates 2d X Y.
func (p *ext) addNiels(q *niels, neg bool) {
	ymx, ypx := &q.ymx, &q.ypx
	if neg {
		ymx, ypx = ypx, ymx
	}
	var a, b, c, d, e, f, g, h fr.Element
	a.Sub(&p.y, &p.x).Mul(&a, ymx)
	b.Add(&p.y, &p.x).Mul(&b, ypx)
	c.Mul(&p.t, &q.t2d)
	if neg {
		c.Neg(&c)
	}
	d.Double(&p.z)
	e.Sub(&b, &a)
	f.Sub(&d, &c)
	g.Add(&d, &c)
	h.Add(&b, &a)
	p.x.Mul(&e, &f)
	p.y.Mul(&g, &h)
	p.t.Mul(&e, &h)
	p.z.Mul(&f, &g)
}

// double sets p = 2p (dbl-2008-hwcd, a = -1); T only when an addition comes next.
func (p *ext) double(withT bool) {
	var a, b, c, e, f, g, h fr.Element
	a.Square(&p.x)
	b.Square(&p.y)
	c.Square(&p.z)
	c.Double(&c)
	e.Add(&p.x, &p.y)
	e.Square(&e)
	e.Sub(&e, &a)
	e.Sub(&e, &b)
	g.Sub(&b, &a) // D + B with D = aA = -A
	f.Sub(&g, &c)
	h.Add(&a, &b)
	h.Neg(&h) // D - B
	p.x.Mul(&e, &f)
	p.y.Mul(&g, &h)
	p.z.Mul(&f, &g)
	if withT {
		p.t.Mul(&e, &h)
	}
}

func initBaseComb() {
	curve := twistededwards.GetEdwardsCurve()
	twoD.Double(&curve.D)
	base := curve.Base
	var multiple twistededwards.PointAffine
	for i := range baseWindows {
		multiple = base
		for j := 1; j <= baseEntries; j++ {
			baseComb[i][j] = toNiels(&multiple)
			multiple.Add(&multiple, &base)
		}
		for range baseWindow {
			base.Double(&base) // 256 * base
		}
	}
}

// tablesOf returns j * 2^(64c) * (-A) for every chunk c and digit 1 <= j <= 8, prepared for
// addition (made affine with one batched inversion).
func tablesOf(a *twistededwards.PointAffine) *keyTables {
	var negA twistededwards.PointAffine
	negA.Neg(a)
	var step twistededwards.PointExtended
	step.FromAffine(&negA)
	var points [keyChunks][keyEntries + 1]twistededwards.PointExtended
	zs := make([]fr.Element, 0, keyChunks*keyEntries)
	for c := range keyChunks {
		points[c][1] = step
		for j := 2; j <= keyEntries; j++ {
			points[c][j].Add(&points[c][j-1], &step)
		}
		for j := 1; j <= keyEntries; j++ {
			zs = append(zs, points[c][j].Z)
		}
		for range keyChunkBits {
			step.Double(&step)
		}
	}
	inv := fr.BatchInvert(zs)
	t := new(keyTables)
	k := 0
	for c := range keyChunks {
		for j := 1; j <= keyEntries; j++ {
			var aff twistededwards.PointAffine
			aff.X.Mul(&points[c][j].X, &inv[k])
			aff.Y.Mul(&points[c][j].Y, &inv[k])
			t[c][j] = toNiels(&aff)
			k++
		}
	}
	return t
}

func tablesFor(key [64]byte, a *twistededwards.PointAffine) *keyTables {
	keysMu.RLock()
	t, ok := keyCache[key]
	keysMu.RUnlock()
	if ok {
		return t
	}
	t = tablesOf(a)
	keysMu.Lock()
	if len(keyCache) >= keyCacheLimit {
		for k := range keyCache { // Go's map order is random: an arbitrary key leaves
			delete(keyCache, k)
			break
		}
	}
	keyCache[key] = t
	keysMu.Unlock()
	return t
}

// signedDigits recodes a 32-byte big-endian integer v < 2^255 into digits d_k of `bits` bits (4
// or 8: a digit never straddles a byte), least significant first, with v = sum d_k 2^(bits k) and
// -2^(bits-1) < d_k <= 2^(bits-1): a digit above the half borrows one from the next. The top
// digit takes no carry out because v's top bit is 0 (h < r and S < l are below 2^254).
func signedDigits(v []byte, bits int, digits []int) {
	full, half, carry := 1<<bits, 1<<(bits-1), 0
	for k := range digits {
		bit := k * bits
		d := int(v[31-bit/8]>>(bit%8))&(full-1) + carry
		carry = 0
		if d > half {
			d -= full
			carry = 1
		}
		digits[k] = d
	}
}

// addDigit adds d * (the table's unit) from a table of its positive multiples.
func (p *ext) addDigit(table []niels, d int) {
	switch {
	case d > 0:
		p.addNiels(&table[d], false)
	case d < 0:
		p.addNiels(&table[-d], true)
	}
}

func element(b []byte, name string) (fr.Element, error) {
	var e fr.Element
	if err := e.SetBytesCanonical(b); err != nil {
		return e, errors.New(name + " is not a canonical field element")
	}
	return e, nil
}

// challenge is gnark's eddsa challenge: Poseidon2-MD(R.x, R.y, A.x, A.y, m), 32 bytes big-endian;
// in is the verify input (A.x | A.y | R.x | R.y | ...).
func challenge(in []byte, m *fr.Element) []byte {
	h := poseidon2.NewMerkleDamgardHasher()
	h.Write(in[64:128]) // R.x, R.y
	h.Write(in[0:64])   // A.x, A.y
	mb := m.Bytes()
	h.Write(mb[:])
	return h.Sum(nil)
}

// message folds the words after the state, Merkle-Damgard with Poseidon2 compress (Java's
// FieldHasher.fold): a signed message's hash from its constant prefix's state and its fields.
func message(state []byte, words []byte) (fr.Element, error) {
	m, err := element(state, "the message state")
	if err != nil {
		return m, err
	}
	for i := 0; i < len(words); i += 32 {
		w, err := element(words[i:i+32], "a message word")
		if err != nil {
			return m, err
		}
		m = smt.Compress(m, w)
	}
	return m, nil
}

// verifyLength checks the verify input's length: the fixed part and 0 to maxWords words.
func verifyLength(n int) error {
	if n < verifyFixed || n > verifyFixed+32*maxWords || n%32 != 0 {
		return errors.New("eddsa verify takes A.x, A.y, R.x, R.y, S, the message state and 0 to 4 words: 192 to 320 bytes, a multiple of 32")
	}
	return nil
}

// eddsaVerify checks [s]B + [h](-A) == R for in = A.x | A.y | R.x | R.y | s | state | words..., each
// 32 bytes big-endian, h the challenge on the message m = fold(state, words) (with no words, m is
// the state: a message hashed by the caller); A is a validated key and R a point on the curve (the
// caller's checks). One call does a signed request's whole check: its hash and its signature.
func eddsaVerify(in []byte) (bool, error) {
	if err := verifyLength(len(in)); err != nil {
		return false, err
	}
	var a twistededwards.PointAffine
	var rx, ry fr.Element
	var err error
	if a.X, err = element(in[0:32], "A.x"); err != nil {
		return false, err
	}
	if a.Y, err = element(in[32:64], "A.y"); err != nil {
		return false, err
	}
	if rx, err = element(in[64:96], "R.x"); err != nil {
		return false, err
	}
	if ry, err = element(in[96:128], "R.y"); err != nil {
		return false, err
	}
	m, err := message(in[160:192], in[verifyFixed:])
	if err != nil {
		return false, err
	}
	s, h := in[128:160], challenge(in, &m)
	if s[0]&0x80 != 0 { // the caller checks 0 < S < l; signedDigits needs S < 2^255
		return false, errors.New("S is not below 2^255")
	}
	baseOnce.Do(initBaseComb)
	var key [64]byte
	copy(key[:], in[:64])
	t := tablesFor(key, &a)

	var acc ext // the identity (0:1:1:0)
	acc.y.SetOne()
	acc.z.SetOne()
	const chunkDigits = keyChunkBits / keyWindow
	var hd [keyChunks * chunkDigits]int // chunk c's digit w is hd[c*chunkDigits+w]
	var sd [baseWindows]int
	signedDigits(h, keyWindow, hd[:])
	signedDigits(s, baseWindow, sd[:])
	for w := chunkDigits - 1; w >= 0; w-- {
		for i := range keyWindow {
			acc.double(i == keyWindow-1)
		}
		for c := range keyChunks {
			acc.addDigit(t[c][:], hd[c*chunkDigits+w])
		}
	}
	for i := range baseWindows {
		acc.addDigit(baseComb[i][:], sd[i])
	}
	// acc == R: X = R.x Z and Y = R.y Z
	var lhs fr.Element
	lhs.Mul(&rx, &acc.z)
	if !lhs.Equal(&acc.x) {
		return false, nil
	}
	lhs.Mul(&ry, &acc.z)
	return lhs.Equal(&acc.y), nil
}

// SableEdDsaVerify checks one signature (see eddsaVerify) on n bytes of input and writes 1 (valid)
// or 0 to *valid.
//
//export SableEdDsaVerify
func SableEdDsaVerify(in *C.char, n C.int, valid *C.int, errOut **C.char) (rc C.int) {
	defer guard(&rc, errOut)
	ok, err := eddsaVerify(unsafe.Slice((*byte)(unsafe.Pointer(in)), int(n)))
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	*valid = 0
	if ok {
		*valid = 1
	}
	return 0
}

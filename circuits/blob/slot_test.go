package blob

import (
	"math/big"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	blsfr "github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/test"

	"sable/circuits/layout"
)

// pair is two segments' rows in one blob (26 in slot 0, one at r - 1; 13 in slot 1), its opening
// and the slots' shares.
func pair(t *testing.T) ([2][]fr.Element, Opening, [2]blsfr.Element) {
	t.Helper()
	d := [2][]fr.Element{randomData(21, 26), randomData(22, 13)}
	d[0][0].SetBigInt(new(big.Int).Sub(fr.Modulus(), big.NewInt(1)))
	o, shares, err := OpenPair(d[0], d[1], layout.Commitment(d[0]), layout.Commitment(d[1]))
	if err != nil {
		t.Fatal(err)
	}
	return d, o, shares
}

func slotSolved(a *SlotCircuit) error {
	return test.IsSolved(NewSlotCircuit(len(a.D)), a, ecc.BN254.ScalarField())
}

func TestHonestSlotBindingsAreSatisfied(t *testing.T) {
	d, o, shares := pair(t)
	for s := range 2 {
		if err := slotSolved(SlotAssignment(d[s], s, o.Z, shares[s])); err != nil {
			t.Fatalf("slot %d: %v", s, err)
		}
	}
}

// Each forgery keeps the rest honest. z is given to BindSlot (the aggregate checks it is the
// pair's), so these are the lies BindSlot alone must refuse.
func TestForgedSlotBindingsAreUnsatisfied(t *testing.T) {
	d, o, shares := pair(t)
	// z_s for slot = 2 if the slot were not asserted boolean: the selection is linear in the slot,
	// so z (1 + 2 (1/w - 1)) = z (2/w - 1).
	var two, beyond blsfr.Element
	w := slotRatio()
	two.SetUint64(2)
	beyond.Div(&two, &w).Sub(&beyond, new(blsfr.Element).SetOne()).Mul(&beyond, new(blsfr.Element).SetBigInt(o.Z.BigInt(new(big.Int))))
	values, err := scalars(d[0], SlotSize)
	if err != nil {
		t.Fatal(err)
	}
	atSlotTwo := evaluate(values, beyond)
	for name, c := range map[string]struct {
		slot  int
		forge func(a *SlotCircuit)
		says  string // part of the failing assertion's message, when one is pinned
	}{
		// Slot 0's rows claiming slot 1's share (so the two shares would not be a split of p).
		"the other slot's share":            {0, func(a *SlotCircuit) { a.Y[0], a.Y[1] = Halves(shares[1].Bytes()) }, ""},
		"slot 1's rows with slot 0's share": {1, func(a *SlotCircuit) { a.Y[0], a.Y[1] = Halves(shares[0].Bytes()) }, ""},
		// The rows and share of slot 0 claimed as slot 1 (both segments in one slot).
		"slot 0 flipped to 1": {0, func(a *SlotCircuit) { a.Slot = 1 }, ""},
		"slot 1 flipped to 0": {1, func(a *SlotCircuit) { a.Slot = 0 }, ""},
		// A row changed and its commitment recomputed; the share is still the blob's.
		"a row changed": {0, func(a *SlotCircuit) {
			changed := append([]fr.Element{}, d[0]...)
			changed[7] = plusOne(a.D[7])
			a.D[7], a.C = changed[7], layout.Commitment(changed)
		}, ""},
		// Slot 2 with the share a non-boolean slot would make true: only the boolean check stands.
		"slot = 2": {0, func(a *SlotCircuit) {
			a.Slot = 2
			a.Y[0], a.Y[1] = Halves(atSlotTwo.Bytes())
		}, "assertIsBoolean"},
	} {
		t.Run(name, func(t *testing.T) {
			a := SlotAssignment(d[c.slot], c.slot, o.Z, shares[c.slot])
			c.forge(a)
			err := slotSolved(a)
			if err == nil {
				t.Fatal("forged slot binding satisfied")
			}
			if !strings.Contains(err.Error(), c.says) {
				t.Fatalf("refused by another check than expected (%q): %v", c.says, err)
			}
			t.Log(err)
		})
	}
}

// BindSlot costs Bind's per element (they share the barycentric sum): compiled at several sizes
// (13 and 130, or BLOB_COUNT_SIZES, e.g. 13,130,1300,2048), the two circuits' counts differ by
// amounts that move by less than one constraint per added element (std/rangecheck's shared table
// is sized by the total, so they do not differ by exactly the same).
func TestSlotBindingCostsBindsPerElement(t *testing.T) {
	count := func(c frontend.Circuit) int {
		ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, c)
		if err != nil {
			t.Fatal(err)
		}
		return ccs.GetNbConstraints()
	}
	sizes := []int{13, 130}
	if env := os.Getenv("BLOB_COUNT_SIZES"); env != "" {
		sizes = sizes[:0]
		for _, f := range strings.Split(env, ",") {
			n, err := strconv.Atoi(f)
			if err != nil || n < 1 || n > SlotSize {
				t.Fatalf("BLOB_COUNT_SIZES: %q is not a size from 1 to %d", f, SlotSize)
			}
			sizes = append(sizes, n)
		}
	}
	diff := make([]int, len(sizes))
	for k, n := range sizes {
		bind, slot := count(NewCircuit(n)), count(NewSlotCircuit(n))
		diff[k] = slot - bind
		t.Logf("n = %d: Circuit (Bind) %d, SlotCircuit (BindSlot) %d, difference %d", n, bind, slot, diff[k])
		if k == 0 {
			continue
		}
		added := n - sizes[k-1]
		if moved := diff[k] - diff[k-1]; moved >= added || -moved >= added {
			t.Fatalf("BindSlot's cost per element is not Bind's: the difference moved by %d over %d elements", moved, added)
		}
	}
}

// The compiled R1CS (what Groth16 proves) holds the same: slot 1's honest witness solves it, the
// same rows and share claimed as slot 0 do not.
func TestCompiledSlotBindingSolves(t *testing.T) {
	d, o, shares := pair(t)
	ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, NewSlotCircuit(len(d[1])))
	if err != nil {
		t.Fatal(err)
	}
	for _, slot := range []int{1, 0} {
		a := SlotAssignment(d[1], 1, o.Z, shares[1])
		a.Slot = slot
		w, err := frontend.NewWitness(a, ecc.BN254.ScalarField())
		if err != nil {
			t.Fatal(err)
		}
		if err := ccs.IsSolved(w); (err == nil) != (slot == 1) {
			t.Fatalf("slot 1's rows claimed as slot %d: solver says %v", slot, err)
		}
	}
}

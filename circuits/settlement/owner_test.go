package settlement_test

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/batchgen"
	"sable/circuits/layout"
	"sable/circuits/ledger"
	"sable/circuits/ownerdata"
	"sable/circuits/settlement"
)

// The owner-data tests run the scenario at the Owner capacities (Sweep with the owner-data
// section): batch 1 creates alice, bob and the keyless fund, batch 2 carol and the first trades,
// batch 3 a funding tick, a trade and two withdrawals.

var owned = ledger.Owner

// ownerSection is the owner-data section of a witness's public data.
func ownerSection(wit *ledger.Witness) []fr.Element { return wit.PublicData[owned.OwnerDataAt():] }

// rowAt is the offset in the section of account row i's first element (2^24 + account).
func rowAt(i int) int { return ledger.OwnerHeaderLen + ledger.OwnerRowLen*i }

// ownerBatches applies the scenario's first n-1 batches and returns the world and the n-th
// batch's witness and assignment.
func ownerBatch(t *testing.T, n int) (*batchgen.World, *ledger.Witness, *settlement.Circuit) {
	t.Helper()
	w := batchgen.NewWorld(owned, batchgen.BTC, batchgen.ETH)
	batches := batchgen.Scenario(w)
	for i := 0; i < n-1; i++ {
		if _, violations, err := w.Apply(batches[i]); err != nil || len(violations) > 0 {
			t.Fatalf("scenario batch %d: %v %v", i+1, err, violations)
		}
	}
	wit, a := honest(t, w, batches[n-1])
	return w, wit, a
}

// TestOwnersRebuildTheirLeavesFromTheSection checks the section of every scenario batch as an
// owner and anyone else would read it: the header opens the new state root, each used row names
// its account and its new leaf, the owner decrypts its row to exactly its account after the batch
// (the fund reads its row in the clear), another trader's key decrypts it to no account, and the
// rows after the used ones are all zero. Batches 1 and 3 are solved by the circuit.
func TestOwnersRebuildTheirLeavesFromTheSection(t *testing.T) {
	for n := 1; n <= 3; n++ {
		w, wit, a := ownerBatch(t, n)
		d := ownerSection(wit)
		if len(d) != ledger.OwnerHeaderLen+ledger.OwnerRowLen*owned.Accounts {
			t.Fatalf("batch %d: section of %d elements", n, len(d))
		}
		s := w.State
		root := layout.Hash(ledger.TagState, d[0], d[1], d[2], d[3], layout.Int(s.Time), layout.Int(s.DepositCount))
		if root != wit.NewRoot || d[2] != layout.Int(s.FeePool) || d[3] != layout.Int(s.FundingPool) {
			t.Fatalf("batch %d: the header does not open the new root", n)
		}
		E := ledger.Key{X: d[4], Y: d[5]}
		if E != ledger.Ephemeral(ledger.EphemeralScalar(batchgen.OwnerSecret, int64(n))) {
			t.Fatalf("batch %d: E is not the batch's", n)
		}
		for i := range owned.Accounts {
			row := d[rowAt(i) : rowAt(i)+ledger.OwnerRowLen]
			if i >= len(wit.Accounts) {
				for _, e := range row {
					if !e.IsZero() {
						t.Fatalf("batch %d: unused row %d carries data", n, i)
					}
				}
				continue
			}
			index := wit.Accounts[i].Index
			want, ok := s.Account(index)
			if !ok || row[0] != layout.Int(1<<ledger.AccountDepth+index) || row[1] != want.Leaf() {
				t.Fatalf("batch %d row %d: tag or leaf of account %d wrong", n, i, index)
			}
			var cipher [ledger.OwnerElements]fr.Element
			copy(cipher[:], row[2:])
			plain := cipher
			if index != ledger.FundAccount {
				plain = ownerdata.Decrypt(ownerdata.Secret(w.Trader(index)), E, int64(n), index, cipher)
				other := ownerdata.Decrypt(ownerdata.Secret(w.Trader(index+1)), E, int64(n), index, cipher)
				if _, err := ownerdata.Account(want.Key, other); err == nil {
					t.Fatalf("batch %d: another key decrypts account %d", n, index)
				}
			}
			got, err := ownerdata.Account(want.Key, plain)
			if err != nil || got.Leaf() != want.Leaf() {
				t.Fatalf("batch %d: account %d decrypts to %+v (%v)", n, index, got, err)
			}
		}
		if n != 2 {
			solved(t, a)
		}
	}
}

// forgeSection replaces the batch's owner-data section by what change makes of it and binds the
// public inputs to the forged public data, as an operator posting that data would; the circuit
// must refuse it where it binds the public data.
func forgeSection(t *testing.T, change func(w *batchgen.World, wit *ledger.Witness, d []fr.Element)) {
	t.Helper()
	w, wit, a := ownerBatch(t, 3)
	d := append([]fr.Element{}, wit.PublicData...)
	change(w, wit, d[owned.OwnerDataAt():])
	if equal(d, wit.PublicData) {
		t.Fatal("the forgery changed nothing")
	}
	bind(a, d)
	rejected(t, a, "bindPublicData")
}

func bind(a *settlement.Circuit, d []fr.Element) {
	p := ledger.Bind(d)
	a.Commitment, a.Challenge, a.Evaluation = bigOf(p.Commitment), bigOf(p.Challenge), bigOf(p.Evaluation)
}

func equal(a, b []fr.Element) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// aliceRow is alice's row in batch 3 (rows are in account order: alice, bob).
func aliceRow(t *testing.T, wit *ledger.Witness) int {
	t.Helper()
	if wit.Accounts[0].Index != alice {
		t.Fatalf("row 0 is account %d", wit.Accounts[0].Index)
	}
	return 0
}

// setCipher writes a ciphertext into row i of the section.
func setCipher(d []fr.Element, i int, c [ledger.OwnerElements]fr.Element) {
	copy(d[rowAt(i)+2:], c[:])
}

func TestOwnerDataWrongLeafRejected(t *testing.T) {
	forgeSection(t, func(_ *batchgen.World, wit *ledger.Witness, d []fr.Element) {
		r := aliceRow(t, wit)
		d[rowAt(r)+1] = wit.Accounts[r].Account.Leaf() // the leaf before the batch
	})
}

func TestOwnerDataCiphertextOfAnotherLeafRejected(t *testing.T) {
	forgeSection(t, func(_ *batchgen.World, wit *ledger.Witness, d []fr.Element) {
		r := aliceRow(t, wit)
		before := wit.Accounts[r].Account // alice before the batch: a leaf she can decrypt, not hers now
		setCipher(d, r, ledger.Encrypt(wit.Ephemeral, before.Key, 3, alice, ledger.Plaintext(&before)))
	})
}

func TestOwnerDataCiphertextUnderAnotherKeyRejected(t *testing.T) {
	forgeSection(t, func(w *batchgen.World, wit *ledger.Witness, d []fr.Element) {
		r := aliceRow(t, wit)
		now, _ := w.State.Account(alice)
		setCipher(d, r, ledger.Encrypt(wit.Ephemeral, ledger.KeyOf(w.Trader(bob)), 3, alice, ledger.Plaintext(&now)))
	})
}

func TestOwnerDataUnusedRowCarryingDataRejected(t *testing.T) {
	forgeSection(t, func(_ *batchgen.World, wit *ledger.Witness, d []fr.Element) {
		last := owned.Accounts - 1
		if last < len(wit.Accounts) {
			t.Fatal("no unused row")
		}
		copy(d[rowAt(last):rowAt(last)+ledger.OwnerRowLen], d[rowAt(0):rowAt(0)+ledger.OwnerRowLen])
	})
}

func TestOwnerDataWrongEphemeralKeyRejected(t *testing.T) {
	forgeSection(t, func(_ *batchgen.World, wit *ledger.Witness, d []fr.Element) {
		E := ledger.Ephemeral(new(big.Int).Add(wit.Ephemeral, big.NewInt(1)))
		d[4], d[5] = E.X, E.Y
	})
}

func TestOwnerDataRowNamingAnotherAccountRejected(t *testing.T) {
	forgeSection(t, func(_ *batchgen.World, wit *ledger.Witness, d []fr.Element) {
		d[rowAt(aliceRow(t, wit))] = layout.Int(1<<ledger.AccountDepth + carol)
	})
}

func TestOwnerDataWrongPreimageRejected(t *testing.T) {
	forgeSection(t, func(_ *batchgen.World, wit *ledger.Witness, d []fr.Element) {
		d[0] = wit.Header.AccountsRoot // the account root before the batch
	})
}

// A prover that swaps the ephemeral scalar keeps no section: E and every ciphertext follow e.
func TestOwnerDataAnotherScalarForThePostedSectionRejected(t *testing.T) {
	_, wit, a := ownerBatch(t, 3)
	a.Owner[0].Ephemeral = new(big.Int).Add(wit.Ephemeral, big.NewInt(1))
	rejected(t, a, "bindPublicData")
}

// e = 0 (or any multiple of the subgroup order) makes E the identity and every keystream public:
// refused whatever the section says.
func TestOwnerDataIdentityEphemeralKeyRejected(t *testing.T) {
	_, _, a := ownerBatch(t, 3)
	a.Owner[0].Ephemeral = 0
	rejected(t, a, "bindPublicData/ownerData")
}

// The owner-data section is named by a "-owner" suffix, read back by ParseName; names without it
// are those of the circuits made before it.
func TestOwnerDataCircuitNamesRoundTrip(t *testing.T) {
	for _, c := range []ledger.Capacities{ledger.Tiny, ledger.TinyOwner, ledger.Forced, owned,
		{Markets: 1, Oracles: 1, Accounts: 2, Deposits: 2, Orders: 2, Trades: 1, Withdrawals: 1, Requests: 2, OwnerData: true}} {
		got, ok := settlement.ParseName(settlement.Name(c))
		if !ok || got != c {
			t.Fatalf("%s parses to %+v, %v", settlement.Name(c), got, ok)
		}
	}
	if settlement.Name(ledger.TinyOwner) != "settlement-m1-k1-a2-d2-o2-t1-w1-owner" {
		t.Fatal(settlement.Name(ledger.TinyOwner))
	}
	for _, bad := range []string{"settlement-m1-k1-a2-d2-o2-t1-w1-ownerx", "settlement-m1-k1-a2-d2-o2-t1-w1-owner-owner"} {
		if _, ok := settlement.ParseName(bad); ok {
			t.Fatalf("%s parsed", bad)
		}
	}
}

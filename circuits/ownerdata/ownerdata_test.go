package ownerdata_test

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/test"

	"sable/circuits/batchgen"
	"sable/circuits/gadget"
	"sable/circuits/ledger"
	"sable/circuits/ownerdata"
)

var field = ecc.BN254.ScalarField()

// rows is a circuit that encrypts n account rows with one ephemeral scalar and asserts the
// published E and ciphertexts.
type rows struct {
	E          frontend.Variable
	Ephemeral  gadget.Point
	Batch      frontend.Variable
	Keys       []gadget.Point
	Accounts   []frontend.Variable
	Plain      [][ledger.OwnerElements]frontend.Variable
	Ciphertext [][ledger.OwnerElements]frontend.Variable
}

func newRows(n int) *rows {
	return &rows{Keys: make([]gadget.Point, n), Accounts: make([]frontend.Variable, n),
		Plain: make([][ledger.OwnerElements]frontend.Variable, n), Ciphertext: make([][ledger.OwnerElements]frontend.Variable, n)}
}

func (c *rows) Define(api frontend.API) error {
	x := ownerdata.NewEncryptor(api, gadget.NewHasher(api), c.E)
	api.AssertIsEqual(x.Ephemeral.X, c.Ephemeral.X)
	api.AssertIsEqual(x.Ephemeral.Y, c.Ephemeral.Y)
	for i := range c.Keys {
		out := x.Row(c.Keys[i], c.Batch, c.Accounts[i], c.Plain[i][:])
		for j := range out {
			api.AssertIsEqual(out[j], c.Ciphertext[i][j])
		}
	}
	return nil
}

// world has alice with positions and the fund after the scenario's first two batches.
func world(t *testing.T) *batchgen.World {
	t.Helper()
	w := batchgen.NewWorld(batchgen.Small, batchgen.BTC, batchgen.ETH)
	for i, b := range batchgen.Scenario(w)[:2] {
		if _, v, err := w.Apply(b); err != nil || len(v) > 0 {
			t.Fatalf("batch %d: %v %v", i+1, err, v)
		}
	}
	return w
}

var e = new(big.Int).SetBytes([]byte("the batch's ephemeral scalar")) // below r, as a witness element

func TestTheOwnerDecryptsItsLeafAndNobodyElseDoes(t *testing.T) {
	w := world(t)
	a, _ := w.State.Account(5)
	plain := ledger.Plaintext(&a)
	cipher := ledger.Encrypt(e, a.Key, 7, 5, plain)
	E := ledger.Ephemeral(e)
	got := ownerdata.Decrypt(ownerdata.Secret(w.Trader(5)), E, 7, 5, cipher)
	if got != plain {
		t.Fatal("the owner's decryption differs from the plaintext")
	}
	back, err := ownerdata.Account(a.Key, got)
	if err != nil || back.Leaf() != a.Leaf() {
		t.Fatalf("the decrypted account does not rebuild the leaf: %v", err)
	}
	if cipher == plain {
		t.Fatal("an account with a key is published in the clear")
	}
	other := ownerdata.Decrypt(ownerdata.Secret(w.Trader(9)), E, 7, 5, cipher)
	if _, err := ownerdata.Account(a.Key, other); err == nil {
		t.Fatal("another key decrypts alice's leaf to an account")
	}
	if ownerdata.Decrypt(ownerdata.Secret(w.Trader(5)), E, 8, 5, cipher) == plain {
		t.Fatal("the keystream does not depend on the batch number")
	}
	if ownerdata.Decrypt(ownerdata.Secret(w.Trader(5)), E, 7, 6, cipher) == plain {
		t.Fatal("the keystream does not depend on the account index")
	}
}

// A portfolio-margined account's word carries mode 1 (2^128): its owner rebuilds the leaf with it.
func TestAPortfolioAccountsRowDecodesWithItsMode(t *testing.T) {
	w := world(t)
	if err := w.State.SetMarginMode(5, ledger.ModePortfolio); err != nil {
		t.Fatal(err)
	}
	a, _ := w.State.Account(5)
	cipher := ledger.Encrypt(e, a.Key, 7, 5, ledger.Plaintext(&a))
	got := ownerdata.Decrypt(ownerdata.Secret(w.Trader(5)), ledger.Ephemeral(e), 7, 5, cipher)
	back, err := ownerdata.Account(a.Key, got)
	if err != nil || back.Mode != ledger.ModePortfolio || back.Leaf() != a.Leaf() {
		t.Fatalf("the portfolio account's row does not rebuild its leaf: %v (mode %d)", err, back.Mode)
	}
}

func TestTheKeylessFundIsPublishedInTheClear(t *testing.T) {
	w := world(t)
	fund, _ := w.State.Account(ledger.FundAccount)
	plain := ledger.Plaintext(&fund)
	if ledger.Encrypt(e, fund.Key, 7, 0, plain) != plain {
		t.Fatal("the fund's row is not its plaintext")
	}
}

// assignment encrypts alice, bob and the fund in batch 7.
func assignment(t *testing.T) *rows {
	t.Helper()
	w := world(t)
	c := newRows(3)
	E := ledger.Ephemeral(e)
	c.E, c.Ephemeral, c.Batch = e, gadget.Point{X: E.X.BigInt(new(big.Int)), Y: E.Y.BigInt(new(big.Int))}, 7
	for i, index := range []int64{5, 9, ledger.FundAccount} {
		a, _ := w.State.Account(index)
		plain := ledger.Plaintext(&a)
		cipher := ledger.Encrypt(e, a.Key, 7, index, plain)
		c.Keys[i] = gadget.Point{X: a.Key.X.BigInt(new(big.Int)), Y: a.Key.Y.BigInt(new(big.Int))}
		c.Accounts[i] = index
		for j := range plain {
			c.Plain[i][j] = plain[j].BigInt(new(big.Int))
			c.Ciphertext[i][j] = cipher[j].BigInt(new(big.Int))
		}
	}
	return c
}

func TestTheCircuitProvesGosCiphertexts(t *testing.T) {
	c := assignment(t)
	if err := test.IsSolved(newRows(3), c, field); err != nil {
		t.Fatalf("Go's ciphertexts rejected: %v", err)
	}
}

// An operator cannot publish a ciphertext its owner could not decrypt: one element changed, a
// ciphertext made under another ephemeral key than the published E, or a keyed row published in
// the clear, is refused.
func TestGarbageOwnerDataIsRejected(t *testing.T) {
	c := assignment(t)
	c.Ciphertext[0][4] = new(big.Int).Add(c.Ciphertext[0][4].(*big.Int), big.NewInt(1))
	if test.IsSolved(newRows(3), c, field) == nil {
		t.Fatal("a changed ciphertext element accepted")
	}
	c = assignment(t)
	c.E = new(big.Int).Add(e, big.NewInt(1)) // the rows are under e, E claims e
	if test.IsSolved(newRows(3), c, field) == nil {
		t.Fatal("ciphertexts under another scalar than E's accepted")
	}
	c = assignment(t)
	c.Ciphertext[1] = c.Plain[1]
	if test.IsSolved(newRows(3), c, field) == nil {
		t.Fatal("a keyed row in the clear accepted")
	}
}

// The encryption's cost per account row (and once per batch), measured from compiled circuits.
func TestConstraintsPerRow(t *testing.T) {
	count := func(n int) int {
		cs, err := frontend.Compile(field, r1cs.NewBuilder, newRows(n))
		if err != nil {
			t.Fatal(err)
		}
		return cs.GetNbConstraints()
	}
	one, nine := count(1), count(9)
	t.Logf("owner-data encryption: %d constraints per account row, %d once per batch (E and the bits of e)",
		(nine-one)/8, one-(nine-one)/8)
	if (nine-one)/8 > 8_000 {
		t.Fatalf("%d constraints per row: more than the design's estimate", (nine-one)/8)
	}
}

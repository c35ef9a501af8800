package exit_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/test"

	"sable/circuits/batchgen"
	"sable/circuits/exit"
	"sable/circuits/ledger"
	"sable/circuits/sig"
)

var field = ecc.BN254.ScalarField()

// After the scenario's three batches (batchgen.Scenario): alice (5) is short BTC and ETH, bob (9)
// long both, after a funding tick in BTC; carol (12) holds collateral only; the fund (0) holds a
// deposit.
const (
	alice = 5
	bob   = 9
	carol = 12
)

var recipient = fr.NewElement(0xA11CE)

// frozen is the world after the scenario, with the market rows the bridge would store.
func frozen(t *testing.T) (*batchgen.World, exit.Rows) {
	t.Helper()
	w := batchgen.NewWorld(batchgen.Small, batchgen.BTC, batchgen.ETH)
	rows := exit.Rows{}
	for i, b := range batchgen.Scenario(w) {
		wit, violations, err := w.Apply(b)
		if err != nil || len(violations) > 0 {
			t.Fatalf("scenario batch %d: %v %v", i+1, err, violations)
		}
		rows.Record(batchgen.Small, wit.PublicData)
	}
	return w, rows
}

// signed is account's exit to `to`, signed by signer's key.
func signed(t *testing.T, w *batchgen.World, account, signer int64, to fr.Element, rows exit.Rows) *exit.Statement {
	t.Helper()
	s, err := sig.Sign(w.Trader(signer), exit.Message(w.State.Domain, account, to))
	if err != nil {
		t.Fatal(err)
	}
	st, err := exit.Prove(w.State, account, to, rows, s)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// rebind recomputes the exit data and public inputs after a test changed the statement, so that a
// forgery is refused for what it forges, not for a stale binding.
func rebind(st *exit.Statement) *exit.Circuit {
	st.Data[3] = fr.NewElement(uint64(st.Index))
	st.Data[4] = st.Recipient
	st.Data[5] = fr.NewElement(uint64(st.Amount))
	copy(st.Data[6:], st.Rows[:])
	st.Public = exit.Bind(st.Data)
	return exit.Assign(st)
}

func solved(t *testing.T, a *exit.Circuit) {
	t.Helper()
	if err := test.IsSolved(&exit.Circuit{}, a, field); err != nil {
		t.Fatalf("honest exit rejected: %v", err)
	}
}

// rejected asserts that the circuit refuses the assignment in the named step of Define.
func rejected(t *testing.T, a *exit.Circuit, step string) {
	t.Helper()
	err := test.IsSolved(&exit.Circuit{}, a, field)
	if err == nil {
		t.Fatal("forged exit accepted")
	}
	if !strings.Contains(err.Error(), "(*Circuit)."+step+"\n") {
		t.Fatalf("forged exit rejected, but not by %s: %v", step, err)
	}
}

func TestHonestExitsAreAccepted(t *testing.T) {
	w, rows := frozen(t)
	for _, account := range []int64{alice, bob, carol} {
		st := signed(t, w, account, account, recipient, rows)
		a, _ := w.State.Account(account)
		if account == carol && st.Amount != a.Collateral {
			t.Fatalf("carol holds only collateral %d, exits with %d", a.Collateral, st.Amount)
		}
		solved(t, exit.Assign(st))
	}
}

// The equity is the collateral plus each position at its row's mark, less the funding it owes at
// the row's index: checked by hand for alice's two positions.
func TestEquityValuesPositionsAtTheRowsMarksWithFundingOwed(t *testing.T) {
	w, rows := frozen(t)
	st := signed(t, w, alice, alice, recipient, rows)
	a := st.Account
	want := a.Collateral
	held := 0
	for p, s := range a.Slots {
		if s.Size == 0 {
			continue
		}
		held++
		_, mark, index := exit.DecodeRow(st.Rows[p])
		want += s.Size*mark - s.Cost - ceilPpm(s.Size*(index-s.FundingIndex))
	}
	if held != 2 || st.Amount != want {
		t.Fatalf("alice holds %d positions, exits with %d, hand-computed %d", held, st.Amount, want)
	}
}

// ceilPpm is ceil(x / 10^6) (Go's division truncates toward zero, which is the ceiling below 0).
func ceilPpm(x int64) int64 {
	q := x / 1_000_000
	if x > 0 && x%1_000_000 != 0 {
		q++
	}
	return q
}

func TestExitOfALeafNotInTheRootIsRejected(t *testing.T) {
	w, rows := frozen(t)
	st := signed(t, w, alice, alice, recipient, rows)
	st.Account.Collateral += 1_000_000
	st.Amount += 1_000_000
	rejected(t, rebind(st), "root")
}

func TestExitWithAWrongPathIsRejected(t *testing.T) {
	w, rows := frozen(t)
	st := signed(t, w, alice, alice, recipient, rows)
	st.Siblings[5].SetUint64(42)
	rejected(t, rebind(st), "root")
}

func TestExitOfAnotherAccountsLeafIsRejected(t *testing.T) {
	w, rows := frozen(t)
	st := signed(t, w, alice, alice, recipient, rows)
	st.Index = bob // alice's leaf and path, claimed at bob's index
	rejected(t, rebind(st), "root")
}

func TestExitAboveTheEquityIsRejected(t *testing.T) {
	w, rows := frozen(t)
	st := signed(t, w, alice, alice, recipient, rows)
	st.Amount++
	rejected(t, rebind(st), "payout")
}

// A row with another mark than the one the amount was computed at: the amount is no longer the
// equity at the rows the exit data names. (Rows other than the bridge's stored ones are refused by
// the bridge: test/Exit.t.sol.)
func TestExitAtAnotherMarkIsRejected(t *testing.T) {
	w, rows := frozen(t)
	st := signed(t, w, alice, alice, recipient, rows)
	market, mark, index := exit.DecodeRow(st.Rows[0])
	st.Rows[0] = ledger.MarketElement(market, false, true, 0, mark-100, index)
	rejected(t, rebind(st), "payout")
}

// Dropping a losing position: its slot's row left out (0) while the leaf holds the position.
func TestExitLeavingOutAPositionIsRejected(t *testing.T) {
	w, rows := frozen(t)
	st := signed(t, w, alice, alice, recipient, rows)
	st.Rows[1] = fr.Element{}
	st.Amount = exit.Equity(st.Account, st.Rows).Int64()
	rejected(t, rebind(st), "account")
}

// Valuing a position at another market's row.
func TestExitValuingAPositionAtAnotherMarketsRowIsRejected(t *testing.T) {
	w, rows := frozen(t)
	st := signed(t, w, alice, alice, recipient, rows)
	st.Rows[0], st.Rows[1] = st.Rows[1], st.Rows[0]
	st.Amount = exit.Equity(st.Account, st.Rows).Int64()
	rejected(t, rebind(st), "account")
}

func TestExitSignedByAnotherKeyIsRejected(t *testing.T) {
	w, rows := frozen(t)
	st := signed(t, w, alice, bob, recipient, rows)
	rejected(t, exit.Assign(st), "signature")
}

// A relayer cannot redirect a signed exit.
func TestExitToAnotherRecipientThanSignedIsRejected(t *testing.T) {
	w, rows := frozen(t)
	st := signed(t, w, alice, alice, recipient, rows)
	st.Recipient = fr.NewElement(0xE7E)
	rejected(t, rebind(st), "signature")
}

// The keyless insurance fund (key (0, 0)) cannot exit, whoever signs, even with R = (0, 0), the
// point that breaks gnark's own EdDSA gadget.
func TestTheFundCannotExit(t *testing.T) {
	w, rows := frozen(t)
	st := signed(t, w, ledger.FundAccount, alice, recipient, rows)
	if st.Amount <= 0 {
		t.Fatalf("the fund holds %d: the test needs a positive balance", st.Amount)
	}
	rejected(t, exit.Assign(st), "signature")
	st.Signature.RX, st.Signature.RY = fr.Element{}, fr.Element{}
	rejected(t, exit.Assign(st), "signature")
}

// An account whose equity is not positive has nothing to take: an exit of 0 is refused.
func TestAnAccountWithoutEquityCannotExit(t *testing.T) {
	w, rows := frozen(t)
	c, _ := w.State.Account(carol)
	wit, violations, err := w.Apply(ledger.Batch{Time: 3_900, Withdrawals: []ledger.Withdrawal{w.Withdraw(carol, c.Collateral)}})
	if err != nil || len(violations) > 0 {
		t.Fatal(err, violations)
	}
	rows.Record(batchgen.Small, wit.PublicData)
	s, err := sig.Sign(w.Trader(carol), exit.Message(w.State.Domain, carol, recipient))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exit.Prove(w.State, carol, recipient, rows, s); !errors.Is(err, exit.ErrNothingToExit) {
		t.Fatalf("exit of an empty account: %v", err)
	}
	st := signed(t, w, alice, alice, recipient, rows) // a statement to reshape into carol's
	empty, _ := w.State.Account(carol)
	st.Index, st.Account, st.Siblings, st.Amount = carol, empty, w.State.AccountPath(carol), 0
	st.Rows = [ledger.PositionSlots]fr.Element{}
	st.Signature, _ = ledger.ParseSignature(s)
	rejected(t, rebind(st), "payout")
}

// The exit data must be the one the proof was made for (here: the public inputs of another
// account's exit data).
func TestExitBoundToOtherDataIsRejected(t *testing.T) {
	w, rows := frozen(t)
	st := signed(t, w, alice, alice, recipient, rows)
	other := append([]fr.Element{}, st.Data...)
	other[3] = fr.NewElement(bob)
	st.Public = exit.Bind(other)
	rejected(t, exit.Assign(st), "bind")
}

// A real Groth16 proof verifies for its exit data only.
func TestGroth16ExitProofVerifiesForItsDataOnly(t *testing.T) {
	w, rows := frozen(t)
	ccs, err := frontend.Compile(field, r1cs.NewBuilder, &exit.Circuit{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("exit circuit: %d constraints", ccs.GetNbConstraints())
	pk, vk, err := groth16.Setup(ccs)
	if err != nil {
		t.Fatal(err)
	}
	st := signed(t, w, alice, alice, recipient, rows)
	full, err := frontend.NewWitness(exit.Assign(st), field)
	if err != nil {
		t.Fatal(err)
	}
	proof, err := groth16.Prove(ccs, pk, full)
	if err != nil {
		t.Fatal(err)
	}
	public, _ := full.Public()
	if err := groth16.Verify(proof, vk, public); err != nil {
		t.Fatalf("proof does not verify: %v", err)
	}
	other := signed(t, w, bob, bob, recipient, rows)
	otherPublic, err := frontend.NewWitness(exit.Assign(other), field, frontend.PublicOnly())
	if err != nil {
		t.Fatal(err)
	}
	if groth16.Verify(proof, vk, otherPublic) == nil {
		t.Fatal("alice's proof verifies for bob's exit")
	}
}

// A portfolio-margined account exits at the same equity as a cross one (the mode is in the leaf's
// word, not in the valuation); its leaf claimed in cross mode is not the leaf the root holds, and a
// mode other than 0 or 1 is refused.
func TestAPortfolioAccountExitsAtItsEquity(t *testing.T) {
	w, rows := frozen(t)
	cross := signed(t, w, alice, alice, recipient, rows).Amount
	if err := w.State.SetMarginMode(alice, 1); err != nil {
		t.Fatal(err)
	}
	st := signed(t, w, alice, alice, recipient, rows)
	if st.Account.Mode != 1 || st.Amount != cross {
		t.Fatalf("portfolio alice: mode %d, exits with %d, cross %d", st.Account.Mode, st.Amount, cross)
	}
	solved(t, exit.Assign(st))

	claimed := exit.Assign(st)
	claimed.Mode = 0
	rejected(t, claimed, "root")

	st.Account.Mode = 2
	rejected(t, rebind(st), "account")
}

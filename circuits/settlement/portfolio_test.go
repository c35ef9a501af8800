package settlement_test

import (
	"math/big"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/test"

	"sable/circuits/batchgen"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

// The portfolio check on its own (settlement.PortfolioCircuit, 4 risk rows): honest accounts
// solve at exactly their initial requirement and not one unit below; each forgery fails in the
// function that enforces the rule it breaks.

const portfolioRows = 4

// portfolioCircuit is the circuit's name in the forgery suite's report (cmd/constraints' name).
const portfolioCircuit = "portfolio-r4-a1"

func spanPerp(market int64) ledger.RiskRow {
	return ledger.RiskRow{Market: market, Underlying: market, RangePpm: 300_000,
		Pnl: [16]int64{0, 0, 100, 100, -100, -100, 200, 200, -200, -200, 300, 300, -300, -300, 600, -600}}
}

func spanCall(market int64) ledger.RiskRow {
	return ledger.RiskRow{Market: market, Underlying: 1, ShortMinimum: 10,
		Pnl: [16]int64{-5, 5, 40, 50, -30, -25, 90, 100, -45, -40, 150, 160, -50, -48, 450, -52}}
}

var portfolioTable = []ledger.RiskRow{spanPerp(1), spanCall(2), spanPerp(3)}

// coveredCall: long 2 perpetuals, short 3 calls on them and short 1 of another underlying:
// 486 (ledger test) + 300 = 786, initial ceil(982.5) = 983.
var coveredCall = []ledger.Holding{{Market: 1, Size: 2}, {Market: 2, Size: -3}, {Market: 3, Size: -1}}

func initialOf(t *testing.T, rows []ledger.RiskRow, h []ledger.Holding) *big.Int {
	t.Helper()
	m, err := ledger.PortfolioMaintenance(rows, h)
	if err != nil {
		t.Fatal(err)
	}
	return ledger.PortfolioInitial(m)
}

func portfolioWitness(t *testing.T, rows []ledger.RiskRow, h []ledger.Holding, equity *big.Int) *settlement.PortfolioCircuit {
	t.Helper()
	c, err := settlement.AssignPortfolio(portfolioRows, rows, h, equity)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func portfolioSolves(t *testing.T, c *settlement.PortfolioCircuit) {
	t.Helper()
	if err := test.IsSolved(settlement.NewPortfolioCircuit(portfolioRows, 1), c, field); err != nil {
		t.Fatalf("honest portfolio check rejected: %v", err)
	}
	reportCircuit(t, "solved", portfolioCircuit)
}

// portfolioRejected asserts the circuit refuses the witness in the named function.
func portfolioRejected(t *testing.T, c *settlement.PortfolioCircuit, in string, opts ...test.TestEngineOption) {
	t.Helper()
	err := test.IsSolved(settlement.NewPortfolioCircuit(portfolioRows, 1), c, field, opts...)
	if err == nil {
		t.Fatal("forged portfolio check accepted")
	}
	if !strings.Contains(err.Error(), "settlement."+in+"\n") {
		t.Fatalf("forged portfolio check rejected, but not in %s: %v", in, err)
	}
	reportCircuit(t, "rejected", portfolioCircuit)
}

func TestPortfolioCheckSolvesAtTheRequirement(t *testing.T) {
	initial := initialOf(t, portfolioTable, coveredCall)
	if initial.Int64() != 983 {
		t.Fatalf("initial %v, want 983", initial)
	}
	portfolioSolves(t, portfolioWitness(t, portfolioTable, coveredCall, initial))
	// the extreme scenario deciding: a short far-out-of-the-money call (351 + 7, initial 448)
	far := ledger.RiskRow{Market: 5, Underlying: 5, ShortMinimum: 7}
	far.Pnl[14] = 1001
	portfolioSolves(t, portfolioWitness(t, []ledger.RiskRow{far}, []ledger.Holding{{Market: 5, Size: -1}}, big.NewInt(448)))
	// a flat account needs nothing, also with a negative equity of 0
	portfolioSolves(t, portfolioWitness(t, portfolioTable, nil, big.NewInt(0)))
}

// A hedged book whose partial sums pass 2^63 is checked exactly (the ledger's slow path).
func TestPortfolioCheckIsExactBeyondALong(t *testing.T) {
	huge := spanPerp(1)
	for s := range huge.Pnl {
		huge.Pnl[s] *= 1 << 52
	}
	twin := huge
	twin.Market, twin.Underlying = 2, 1
	rows := []ledger.RiskRow{huge, twin}
	h := []ledger.Holding{{Market: 1, Size: 1 << 61}, {Market: 2, Size: -(1<<61 - 1)}}
	initial := initialOf(t, rows, h) // ceil(300 x 2^52 x 1.25)
	portfolioSolves(t, portfolioWitness(t, rows, h, initial))
	portfolioRejected(t, portfolioWitness(t, rows, h, new(big.Int).Sub(initial, big.NewInt(1))), "assertCovers")
}

// A requirement beyond 2^63 - 1 (the ledger saturates it) is met by no equity the circuit takes.
func TestPortfolioCheckOfASaturatedRequirementIsRejected(t *testing.T) {
	huge := spanPerp(1)
	for s := range huge.Pnl {
		huge.Pnl[s] *= 1 << 52
	}
	h := []ledger.Holding{{Market: 1, Size: 1 << 61}}
	m, _ := ledger.PortfolioMaintenance([]ledger.RiskRow{huge}, h)
	if ledger.Saturate(m) != 1<<63-1 {
		t.Fatal("not saturated")
	}
	equity := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 70), big.NewInt(1)) // the most equity can be
	portfolioRejected(t, portfolioWitness(t, []ledger.RiskRow{huge}, h, equity), "assertCovers")
}

// The withdrawal the portfolio rule refuses: equity after it one unit below the initial
// requirement (982 for 983).
func TestPortfolioWithdrawalBelowTheRequirementIsRejected(t *testing.T) {
	equityAfter := new(big.Int).Sub(initialOf(t, portfolioTable, coveredCall), big.NewInt(1))
	portfolioRejected(t, portfolioWitness(t, portfolioTable, coveredCall, equityAfter), "assertCovers")
}

// An understated entry in the witness: in the book's worst scenario (s13, the perpetual down 300)
// the call loses 49 instead of 48, so its writer gains 3 more: the requirement would be
// ceil((453 + 30 + 300) x 1.25) = 979, and the equity is 979.
func TestPortfolioUnderstatedArrayEntryIsRejected(t *testing.T) {
	c := portfolioWitness(t, portfolioTable, coveredCall, initialOf(t, portfolioTable, coveredCall))
	c.Rows[1].Pnl[13] = -49
	c.Accounts[0].Equity = 979
	if err := test.IsSolved(settlement.NewPortfolioCircuit(portfolioRows, 1), withCommitment(t, c, 1, -49), field); err != nil {
		t.Fatalf("the understated arrays with their own commitment should solve (the check is sound only through the commitment): %v", err)
	}
	portfolioRejected(t, c, "assertCommitted")
}

// A wrong commitment: the honest witness against the commitment of understated arrays (the short
// minimum lowered to 9), i.e. a batch publishing arrays other than those it was checked with.
func TestPortfolioWrongCommitmentIsRejected(t *testing.T) {
	c := portfolioWitness(t, portfolioTable, coveredCall, initialOf(t, portfolioTable, coveredCall))
	lower := append([]ledger.RiskRow{}, portfolioTable...)
	lower[1].ShortMinimum = 9
	other, err := ledger.RiskCommitment(lower, portfolioRows)
	if err != nil {
		t.Fatal(err)
	}
	c.Commitment = other
	portfolioRejected(t, c, "assertCommitted")
}

// A row grouped under another underlying's row: the call netted against market 3's short
// instead of market 1's long (Dot(row, markets) != the committed underlying).
func TestPortfolioRowUnderAnotherUnderlyingIsRejected(t *testing.T) {
	c := portfolioWitness(t, portfolioTable, coveredCall, initialOf(t, portfolioTable, coveredCall))
	c.Rows[1].UnderlyingRow = 2
	portfolioRejected(t, c, "loadRiskTable")
}

// The prover's worst-scenario hint lies: the second worst (or 0) instead of the worst; and an
// overstatement, which equals no scenario.
func TestPortfolioWrongWorstScenarioIsRejected(t *testing.T) {
	for name, lie := range map[string]func(*big.Int, *big.Int) *big.Int{
		"second worst": func(worst, _ *big.Int) *big.Int { return new(big.Int).Sub(worst, big.NewInt(1)) },
		"zero":         func(_, _ *big.Int) *big.Int { return new(big.Int) },
		"above":        func(worst, _ *big.Int) *big.Int { return new(big.Int).Add(worst, big.NewInt(1)) },
	} {
		t.Run(name, func(t *testing.T) {
			hint := func(mod *big.Int, in, out []*big.Int) error {
				half := new(big.Int).Rsh(mod, 1)
				worst := new(big.Int)
				for _, x := range in {
					v := new(big.Int).Set(x)
					if v.Cmp(half) > 0 {
						v.Sub(v, mod)
					}
					if v.Cmp(worst) > 0 {
						worst = v
					}
				}
				if worst.Sign() == 0 { // lie only where it matters
					out[0].SetUint64(0)
					return nil
				}
				out[0].Mod(lie(worst, mod), mod)
				return nil
			}
			// an equity of 982, which a worst of 1 less would cover (ceil(785 x 1.25) = 982)
			c := portfolioWitness(t, portfolioTable, coveredCall, big.NewInt(982))
			portfolioRejected(t, c, "worstLoss",
				test.WithReplacementHint(settlement.WorstLossHintID(), solver.Hint(hint)))
		})
	}
}

// Entries and minima out of their ranges, and sizes beyond 64 bits.
func TestPortfolioOutOfRangeInputsAreRejected(t *testing.T) {
	set := func(f func(c *settlement.PortfolioCircuit)) *settlement.PortfolioCircuit {
		c := portfolioWitness(t, portfolioTable, coveredCall, big.NewInt(1<<40))
		f(c)
		return c
	}
	two63 := new(big.Int).Lsh(big.NewInt(1), 63)
	portfolioRejected(t, set(func(c *settlement.PortfolioCircuit) { c.Rows[0].Pnl[3] = two63 }), "loadRiskTable")
	portfolioRejected(t, set(func(c *settlement.PortfolioCircuit) { c.Rows[1].ShortMinimum = -1 }), "loadRiskTable")
	portfolioRejected(t, set(func(c *settlement.PortfolioCircuit) {
		c.Accounts[0].Slots[1].Size = new(big.Int).Neg(new(big.Int).Add(two63, big.NewInt(1)))
	}), "loadPortfolioSlots")
	// an unused slot with a size
	portfolioRejected(t, set(func(c *settlement.PortfolioCircuit) { c.Accounts[0].Slots[5].Size = -3 }), "loadPortfolioSlots")
}

// withCommitment is c with the table's row's entry 13 set to pnl13 and the commitment of that table.
func withCommitment(t *testing.T, c *settlement.PortfolioCircuit, row int, pnl13 int64) *settlement.PortfolioCircuit {
	t.Helper()
	rows := append([]ledger.RiskRow{}, portfolioTable...)
	rows[row].Pnl[13] = pnl13
	twin := *c
	commitment, err := ledger.RiskCommitment(rows, portfolioRows)
	if err != nil {
		t.Fatal(err)
	}
	twin.Commitment = commitment
	return &twin
}

var _ frontend.Circuit = (*settlement.PortfolioCircuit)(nil)

// portfolioWorld is batchgen.PortfolioScenario's world after its first n batches, alice switched
// to portfolio mode after the first one (or left in cross mode).
func portfolioWorld(t *testing.T, n int, portfolio bool) (*batchgen.World, []ledger.Batch) {
	t.Helper()
	return portfolioWorldAt(t, batchgen.Portfolio, n, portfolio)
}

func portfolioWorldAt(t *testing.T, caps ledger.Capacities, n int, portfolio bool) (*batchgen.World, []ledger.Batch) {
	t.Helper()
	w := batchgen.NewOptionWorld(caps)
	batches := batchgen.PortfolioScenario(w)
	for i := 0; i < n; i++ {
		if _, violations, err := w.Apply(batches[i]); err != nil || len(violations) > 0 {
			t.Fatalf("portfolio scenario batch %d: %v %v", i+1, err, violations)
		}
		if i == 0 && portfolio {
			if err := w.State.SetMarginMode(batchgen.PortfolioAlice, ledger.ModePortfolio); err != nil {
				t.Fatal(err)
			}
		}
	}
	return w, batches
}

func accountRowOf(t *testing.T, a *settlement.Circuit, index int64) int {
	t.Helper()
	for i := range a.Accounts {
		if v, ok := a.Accounts[i].Index.(int64); ok && v == index {
			return i
		}
	}
	t.Fatalf("account %d has no row", index)
	return -1
}

// withdrawal is the scenario's third batch with alice withdrawing amount instead.
func withdrawal(w *batchgen.World, b ledger.Batch, amount int64) ledger.Batch {
	b.Withdrawals = []ledger.Withdrawal{w.Withdraw(batchgen.PortfolioAlice, amount)}
	return b
}

// The covered call proves in portfolio mode, and the same batch in cross mode breaks the margin
// rule (her equity 5,975,200 is below the cross requirement 10,000,000); after it her equity at the
// third batch's mark 50,100 is 6,075,200, her portfolio initial requirement 4,562,500: a withdrawal
// of 1,512,700 is the most she can make.
func TestPortfolioScenarioSolves(t *testing.T) {
	w, batches := portfolioWorld(t, 1, true)
	for i, b := range batches[1:] {
		if i == 1 {
			b = withdrawal(w, b, 1_512_700)
		}
		a, violations := assign(t, w, b)
		if len(violations) > 0 {
			t.Fatalf("batch %d: %v", i+2, violations)
		}
		solved(t, a)
	}
	cross, batches := portfolioWorld(t, 1, false)
	_, violations, err := cross.Apply(batches[1])
	if err != nil {
		t.Fatal(err)
	}
	violates(t, violations, "margin")
}

// One unit more than the portfolio rule allows: withdrawn, she would end below it.
func TestPortfolioAccountWithdrawalBeyondItsRuleIsRejected(t *testing.T) {
	w, batches := portfolioWorld(t, 2, true)
	forged(t, w, withdrawal(w, batches[2], 1_512_701), "margin", "endChecks")
}

// A cross-margined alice makes the covered call (which the cross rule refuses) claiming the
// portfolio mode bit: the leaf she is proven against has mode 0, so it does not open.
func TestPortfolioModeBitFlippedToTheCheaperRuleIsRejected(t *testing.T) {
	w, batches := portfolioWorld(t, 1, false)
	a, violations := assign(t, w, batches[1])
	violates(t, violations, "margin")
	a.Accounts[accountRowOf(t, a, batchgen.PortfolioAlice)].Mode = 1
	rejected(t, a, "settleAccounts")
}

// Risk arrays other than the committed ones: alice withdraws 1,600,000, which the committed arrays
// refuse; the witness's call array loses 100 less in s12 (-1,950 instead of -1,850), which lowers
// her requirement to 4,437,500 and would let it through, but its commitment is not the published one.
func TestPortfolioArrayOtherThanTheCommittedIsRejected(t *testing.T) {
	w, batches := portfolioWorld(t, 2, true)
	a, violations := assign(t, w, withdrawal(w, batches[2], 1_600_000))
	violates(t, violations, "margin")
	a.Risk[1].Pnl[12] = -1950
	rejected(t, a, "bindPublicData")
}

// The prover's worst-scenario hint understates alice's worst loss by 100,000 (her requirement
// would be 4,437,500, letting a withdrawal of 1,600,000 through).
func TestPortfolioWorstScenarioUnderstatedInTheBatchIsRejected(t *testing.T) {
	w, batches := portfolioWorld(t, 2, true)
	a, violations := assign(t, w, withdrawal(w, batches[2], 1_600_000))
	violates(t, violations, "margin")
	lie := func(mod *big.Int, in, out []*big.Int) error {
		half := new(big.Int).Rsh(mod, 1)
		worst := new(big.Int)
		for _, x := range in {
			v := new(big.Int).Set(x)
			if v.Cmp(half) > 0 {
				v.Sub(v, mod)
			}
			if v.Cmp(worst) > 0 {
				worst = v
			}
		}
		if worst.Sign() > 0 {
			worst.Sub(worst, big.NewInt(100_000))
		}
		out[0].Mod(worst, mod)
		return nil
	}
	rejected(t, a, "endChecks", test.WithReplacementHint(settlement.WorstLossHintID(), solver.Hint(lie)))
}

// A risk row that is not its market's: the call's row naming the call itself as its underlying
// (so that its losses would not net against BTC's, or against nothing).
func TestPortfolioRiskRowUnderAnotherUnderlyingIsRejected(t *testing.T) {
	w, batches := portfolioWorld(t, 2, true)
	b := batches[2]
	b.RiskRows = batchgen.PortfolioRisk(batchgen.BTC, batchgen.BTCCall)
	b.RiskRows[1].Underlying = batchgen.BTCCall
	forged(t, w, b, "risk-row", "loadRisk")
}

// A perpetual's row carrying a short minimum, or a row of another market in the call's place.
func TestPortfolioRiskRowNotItsMarketsIsRejected(t *testing.T) {
	w, batches := portfolioWorld(t, 2, true)
	b := batches[2]
	b.RiskRows = batchgen.PortfolioRisk(batchgen.BTC, batchgen.BTCCall)
	b.RiskRows[0].ShortMinimum = 1
	forged(t, w, b, "risk-row", "loadRisk")
	w, batches = portfolioWorld(t, 2, true)
	a, violations := assign(t, w, batches[2])
	if len(violations) > 0 {
		t.Fatal(violations)
	}
	a.Risk[1].Market = batchgen.BTCPut
	rejected(t, a, "loadRisk")
}

// The range a perpetual's row commits is published in its market element (ledger.RangeShift), so
// that anyone recomputes the arrays: a witness whose BTC row claims another range than the batch
// publishes (the public data unchanged), and a batch publishing another range than its row's (the
// row unchanged), are each refused; an option row carrying a range (its underlying's row has it).
func TestPortfolioRangeOtherThanThePublishedIsRejected(t *testing.T) {
	w, batches := portfolioWorld(t, 2, true)
	a, violations := assign(t, w, batches[2])
	if len(violations) > 0 {
		t.Fatal(violations)
	}
	a.Risk[0].RangePpm = 99_999
	rejected(t, a, "bindPublicData")

	w, batches = portfolioWorld(t, 2, true)
	wit, violations, err := w.Apply(batches[2])
	if err != nil || len(violations) > 0 {
		t.Fatal(err, violations)
	}
	a, err = settlement.Assign(wit)
	if err != nil {
		t.Fatal(err)
	}
	btc := batchgen.Portfolio.RequestsAt() - batchgen.Portfolio.Steps - batchgen.Portfolio.Markets // BTC's market row is the first
	rebind(a, wit, func(d []fr.Element) {
		d[btc] = ledger.Pack(ledger.F(d[btc], 0), ledger.U(1, ledger.RangeShift)) // 100,000 + 1 ppm
	})
	rejected(t, a, "bindPublicData")

	w, batches = portfolioWorld(t, 2, true)
	b := batches[2]
	b.RiskRows = batchgen.PortfolioRisk(batchgen.BTC, batchgen.BTCCall)
	b.RiskRows[1].RangePpm = 100_000
	forged(t, w, b, "risk-row", "loadRisk")
}

// A portfolio account in a circuit without portfolio margin (the Options capacities): its leaf
// has mode 1, which such a circuit asserts is 0.
func TestPortfolioAccountInACrossOnlyCircuitIsRejected(t *testing.T) {
	caps := batchgen.Portfolio
	caps.Portfolio = false
	w := batchgen.NewOptionWorld(caps)
	batches := batchgen.PortfolioScenario(w)
	for i := range batches {
		batches[i].RiskRows = nil
	}
	if _, violations, err := w.Apply(batches[0]); err != nil || len(violations) > 0 {
		t.Fatal(err, violations)
	}
	if err := w.State.SetMarginMode(batchgen.PortfolioAlice, ledger.ModePortfolio); err != nil {
		t.Fatal(err)
	}
	b := batches[2] // her deposit-only state: a withdrawal the cross rule allows
	b.OptionMarks = nil
	forged(t, w, b, "portfolio-mode", "loadAccounts")
}

// An account the batch creates, put in portfolio mode by the witness: no leaf binds the mode of an
// account that did not exist, so the circuit holds a new account to mode 0.
func TestPortfolioModeOfANewAccountIsRejected(t *testing.T) {
	w, batches := portfolioWorld(t, 0, true)
	a, violations := assign(t, w, batches[0])
	if len(violations) > 0 {
		t.Fatal(violations)
	}
	a.Accounts[accountRowOf(t, a, batchgen.PortfolioAlice)].Mode = 1
	rejected(t, a, "loadAccounts")
}

package settlement_test

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/batchgen"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

// The request tests run at the Forced capacities (Sweep with three request slots) on the scenario:
// batch 3 (a funding tick, alice and bob trade, both withdraw) also serves the requests. dave (40)
// never deposited.
const dave = 40

func forcedWorld(t *testing.T) (*batchgen.World, ledger.Batch) {
	t.Helper()
	w := batchgen.NewWorld(ledger.Forced, batchgen.BTC, batchgen.ETH)
	batches := batchgen.Scenario(w)
	for i := 0; i < 2; i++ {
		if _, violations, err := w.Apply(batches[i]); err != nil || len(violations) > 0 {
			t.Fatalf("scenario batch %d: %v %v", i+1, err, violations)
		}
	}
	return w, batches[2]
}

// honestRequests is batch 3 serving alice's request (nonce 1: her withdrawal in the same batch
// used 0; no upper bound), carol's (up to 1,000,000) and dave's (no account: paid 0).
func honestRequests(t *testing.T) (*batchgen.World, *ledger.Witness, *settlement.Circuit) {
	t.Helper()
	w, b := forcedWorld(t)
	b.Requests = []ledger.ForcedRequest{w.ForceAs(alice, alice, 1<<62, 1), w.Force(carol, 1_000_000), w.Force(dave, 5)}
	wit, a := honest(t, w, b)
	return w, wit, a
}

func paid(wit *ledger.Witness) []int64 {
	out := make([]int64, len(wit.Requests))
	for j, r := range wit.Requests {
		out[j] = r.Paid
	}
	return out
}

func TestForcedRequestsAreServedAfterTheBatch(t *testing.T) {
	w, wit, a := honestRequests(t)
	p := paid(wit)
	if p[0] <= 0 || p[1] != 1_000_000 || p[2] != 0 {
		t.Fatalf("paid %v: want alice > 0, carol 1,000,000, dave 0", p)
	}
	aliceAfter, _ := w.State.Account(alice)
	carolAfter, _ := w.State.Account(carol)
	if aliceAfter.Nonce != 2 || carolAfter.Nonce != 1 || carolAfter.Collateral != 9_000_000 {
		t.Fatalf("alice nonce %d, carol nonce %d collateral %d", aliceAfter.Nonce, carolAfter.Nonce, carolAfter.Collateral)
	}
	if _, ok := w.State.Account(dave); ok {
		t.Fatal("a request created an account")
	}
	if w.State.RequestsServed != 3 {
		t.Fatalf("requests served %d", w.State.RequestsServed)
	}
	// The section: start 0, count 3, carol's record as the bridge links it, the payments.
	d := wit.PublicData[ledger.Forced.RequestsAt():]
	carolRecord := ledger.RequestElement(carol, 0, 1_000_000)
	if !d[0].IsZero() || d[1] != fr.NewElement(3) || d[2+5] != carolRecord ||
		d[2+5*3+1] != fr.NewElement(1_000_000) || len(d) != 2+6*3 {
		t.Fatalf("request section %v", d)
	}
	solved(t, a)
}

// Alice, at her request's nonce, is paid exactly what keeps her at the initial requirement (her
// collateral is larger): one unit more and she would be below it.
func TestForcedPaymentStopsAtTheInitialRequirement(t *testing.T) {
	w, wit, _ := honestRequests(t)
	acc, _ := w.State.Account(alice)
	if acc.Collateral <= 0 {
		t.Fatalf("alice's collateral %d", acc.Collateral)
	}
	equity, required := marginAt(w, acc)
	if equity.Cmp(required) != 0 {
		t.Fatalf("after paying %d alice has equity %s, requirement %s", wit.Requests[0].Paid, equity, required)
	}
}

// marginAt values an account at the markets' marks: equity (collateral + size * mark - cost; the
// funding is settled) and the initial requirement.
func marginAt(w *batchgen.World, acc ledger.Account) (*big.Int, *big.Int) {
	equity, required := big.NewInt(acc.Collateral), new(big.Int)
	for _, s := range acc.Slots {
		if s.Size == 0 {
			continue
		}
		m, _ := w.State.Market(s.Market)
		v := new(big.Int).Mul(big.NewInt(s.Size), big.NewInt(m.Mark))
		equity.Add(equity, v.Sub(v, big.NewInt(s.Cost)))
		r := new(big.Int).Mul(new(big.Int).Abs(big.NewInt(s.Size)), big.NewInt(m.Mark))
		r.Mul(r, big.NewInt(m.Params.InitialMarginPpm))
		q, rem := new(big.Int).QuoRem(r, big.NewInt(1_000_000), new(big.Int))
		if rem.Sign() > 0 {
			q.Add(q, big.NewInt(1))
		}
		required.Add(required, q)
	}
	return equity, required
}

func TestForcedPaymentStopsAtTheCollateral(t *testing.T) {
	w, b := forcedWorld(t)
	b.Requests = []ledger.ForcedRequest{w.Force(carol, 1<<62)}
	wit, violations, err := w.Apply(b)
	if err != nil || len(violations) > 0 {
		t.Fatal(err, violations)
	}
	if p := paid(wit); p[0] != 10_000_000 {
		t.Fatalf("carol paid %d, want her 10,000,000", p[0])
	}
	a, err := settlement.Assign(wit)
	if err != nil {
		t.Fatal(err)
	}
	solved(t, a)
}

// Requests that are not valid are served by paying 0 and change nothing: signed by another key,
// at a stale nonce, or with a signature that is not even a curve point (R = (0, 0), S = 0; L1
// accepts any coordinates below r). The circuit accepts them, so no request can stall the queue.
func TestInvalidForcedRequestsArePaidNothing(t *testing.T) {
	w, b := forcedWorld(t)
	garbage := w.Force(alice, 1_000)
	garbage.Nonce = 1
	garbage.Signature = ledger.Signature{RX: fr.NewElement(1), RY: fr.NewElement(2), S: fr.NewElement(3)}
	b.Requests = []ledger.ForcedRequest{garbage, w.ForceAs(carol, bob, 1_000, 1), w.ForceAs(carol, carol, 1_000, 7)}
	before, _ := w.State.Account(carol)
	wit, violations, err := w.Apply(b)
	if err != nil || len(violations) > 0 {
		t.Fatal(err, violations)
	}
	for j, p := range paid(wit) {
		if p != 0 {
			t.Fatalf("invalid request %d paid %d", j, p)
		}
	}
	after, _ := w.State.Account(carol)
	if after != before {
		t.Fatalf("carol changed: %+v -> %+v", before, after)
	}
	bobAfter, _ := w.State.Account(bob)
	if bobAfter.Nonce != 1 { // his batch withdrawal only
		t.Fatalf("bob's nonce %d", bobAfter.Nonce)
	}
	a, err := settlement.Assign(wit)
	if err != nil {
		t.Fatal(err)
	}
	solved(t, a)
}

// Anyone can register a request naming the keyless fund (account 0, which exists with the key
// (0, 0), not a curve point): it is paid 0, and the batch stays provable.
func TestForcedRequestOfTheKeylessFundIsPaidNothing(t *testing.T) {
	w, b := forcedWorld(t)
	b.Requests = []ledger.ForcedRequest{w.ForceAs(carol, ledger.FundAccount, 1_000, 0)}
	wit, violations, err := w.Apply(b)
	if err != nil || len(violations) > 0 {
		t.Fatal(err, violations)
	}
	if p := paid(wit); p[0] != 0 {
		t.Fatalf("the fund's request paid %d", p[0])
	}
	a, err := settlement.Assign(wit)
	if err != nil {
		t.Fatal(err)
	}
	solved(t, a)
}

// rebind replaces the public data the commitment, challenge and evaluation bind (what an operator
// would post with a changed element): the circuit computes its own and must refuse.
func rebind(a *settlement.Circuit, wit *ledger.Witness, change func(d []fr.Element)) {
	d := append([]fr.Element{}, wit.PublicData...)
	change(d)
	p := ledger.Bind(d)
	a.Commitment, a.Challenge, a.Evaluation = element(p.Commitment), element(p.Challenge), element(p.Evaluation)
}

func element(e fr.Element) *big.Int {
	var b big.Int
	e.BigInt(&b)
	return &b
}

func payment(j int) int { return ledger.Forced.RequestsAt() + 2 + 5*ledger.Forced.Requests + j }

func TestForcedRequestOverpaidIsRejected(t *testing.T) {
	_, wit, a := honestRequests(t)
	rebind(a, wit, func(d []fr.Element) { d[payment(0)] = fr.NewElement(uint64(wit.Requests[0].Paid + 1)) })
	rejected(t, a, "bindPublicData")
}

func TestValidForcedRequestPaidNothingIsRejected(t *testing.T) {
	_, wit, a := honestRequests(t)
	rebind(a, wit, func(d []fr.Element) { d[payment(1)] = fr.Element{} })
	rejected(t, a, "bindPublicData")
}

func TestForcedRequestOfNoAccountPaidIsRejected(t *testing.T) {
	_, wit, a := honestRequests(t)
	rebind(a, wit, func(d []fr.Element) { d[payment(2)] = fr.NewElement(5) })
	rejected(t, a, "bindPublicData")
}

// Carol's signed request altered (another recipient, or a larger amount) is not hers: the circuit
// pays it 0, so posting it with her payment is refused. (Posting the altered record with payment 0
// passes the circuit; the bridge refuses the record, which is not in its queue:
// ForcedWithdrawal.t.sol.)
func TestForcedRequestPaidToAnotherRecipientIsRejected(t *testing.T) {
	alteredClaimingPayment(t, func(r *ledger.ForcedRequest) { r.Recipient = fr.NewElement(0xBAD) })
}

func TestForcedRequestWithAnotherAmountIsRejected(t *testing.T) {
	alteredClaimingPayment(t, func(r *ledger.ForcedRequest) { r.Amount = 2_000_000 })
}

func alteredClaimingPayment(t *testing.T, alter func(r *ledger.ForcedRequest)) {
	t.Helper()
	w, b := forcedWorld(t)
	r := w.Force(carol, 1_000_000)
	alter(&r)
	b.Requests = []ledger.ForcedRequest{r}
	wit, violations, err := w.Apply(b)
	if err != nil || len(violations) > 0 {
		t.Fatal(err, violations)
	}
	if wit.Requests[0].Paid != 0 {
		t.Fatalf("altered request paid %d", wit.Requests[0].Paid)
	}
	a, err := settlement.Assign(wit)
	if err != nil {
		t.Fatal(err)
	}
	rebind(a, wit, func(d []fr.Element) { d[payment(0)] = fr.NewElement(1_000_000) })
	rejected(t, a, "bindPublicData")
}

// The request read from another account's row (bob's, whose nonce and key the operator prefers).
func TestForcedRequestReadFromAnotherRowIsRejected(t *testing.T) {
	_, wit, a := honestRequests(t)
	a.Requests[1].AccountRow = wit.Requests[0].AccountRow + 1 // bob's row follows alice's
	rejected(t, a, "requests")
}

func TestTwoForcedRequestsOfOneAccountAreRejected(t *testing.T) {
	w, b := forcedWorld(t)
	b.Requests = []ledger.ForcedRequest{w.Force(carol, 1_000), w.ForceAs(carol, carol, 1_000, 1)}
	forged(t, w, b, "request-account", "requests")
}

// A batch that skips a request of the queue (slot 1 names the request after the next).
func TestForcedRequestSkippedInTheQueueIsRejected(t *testing.T) {
	_, _, a := honestRequests(t)
	a.Requests[1].Queue = 2
	a.Requests[2].Queue = 3
	rejected(t, a, "requests")
}

func TestForcedRequestAfterAnIdleSlotIsRejected(t *testing.T) {
	w, b := forcedWorld(t)
	b.Requests = []ledger.ForcedRequest{w.Force(carol, 1_000)}
	a, violations := assign(t, w, b)
	if len(violations) > 0 {
		t.Fatal(violations)
	}
	a.Requests[0], a.Requests[1] = a.Requests[1], a.Requests[0]
	a.Requests[0].Queue, a.Requests[1].Queue = 0, 1
	rejected(t, a, "requests")
}

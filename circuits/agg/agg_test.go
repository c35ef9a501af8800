package agg_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/test"

	"sable/circuits/agg"
	"sable/circuits/batchgen"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

// innerKeys are an inner circuit's constraint system and development keys.
type innerKeys struct {
	caps ledger.Capacities
	cs   constraint.ConstraintSystem
	pk   groth16.ProvingKey
	vk   groth16.VerifyingKey
}

func setUpInner(caps ledger.Capacities) (*innerKeys, error) {
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, settlement.New(caps))
	if err != nil {
		return nil, err
	}
	pk, vk, err := groth16.Setup(cs)
	if err != nil {
		return nil, err
	}
	return &innerKeys{caps: caps, cs: cs, pk: pk, vk: vk}, nil
}

// prover makes a Groth16 proof: agg.ProveInner, or (in attacks) another.
type prover func(constraint.ConstraintSystem, groth16.ProvingKey, witness.Witness) (groth16.Proof, error)

// segment is the batch of w proven by the prover under these keys, as the aggregate takes it.
func (k *innerKeys) segment(w *ledger.Witness, by prover) (agg.Segment, error) {
	a, err := settlement.Assign(w)
	if err != nil {
		return agg.Segment{}, err
	}
	full, err := frontend.NewWitness(a, ecc.BN254.ScalarField())
	if err != nil {
		return agg.Segment{}, err
	}
	proof, err := by(k.cs, k.pk, full)
	return agg.Segment{Data: w.PublicData, Challenge: w.Public.Challenge, Proof: proof}, err
}

// tinyScenario is the witnesses of TinyScenario's three batches at caps.
func tinyScenario(caps ledger.Capacities) ([]*ledger.Witness, error) {
	bw := batchgen.NewWorld(caps, batchgen.BTC)
	var ws []*ledger.Witness
	for i, b := range batchgen.TinyScenario(bw) {
		wit, v, err := bw.Apply(b)
		if err != nil {
			return nil, err
		}
		if len(v) > 0 {
			return nil, fmt.Errorf("batch %d: %v", i+1, v)
		}
		ws = append(ws, wit)
	}
	return ws, nil
}

// tinyA4 is Tiny with room for four accounts: another circuit (another key) whose public data has
// Tiny's layout, so the same batch gives the same d under both.
var tinyA4 = func() ledger.Capacities { c := batchgen.Tiny; c.Accounts = 4; return c }()

// world is the shared setting: Tiny's keys, TinyScenario's three batches proven under them, and
// batch 2 proven under tinyA4's keys as well.
type world struct {
	keys     *innerKeys
	batches  []agg.Segment // batches 1, 2, 3 of TinyScenario under Tiny's key
	otherKey agg.Segment   // batch 2 proven under tinyA4's key
}

// built is a test world made once, by the first test that asks for it, and shared by the others
// (its setups and proofs take minutes).
type built[T any] struct {
	once  sync.Once
	value T
	err   error
}

func (b *built[T]) get(t *testing.T, build func() (T, error)) T {
	t.Helper()
	b.once.Do(func() { b.value, b.err = build() })
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.value
}

var shared built[world]

func setUp(t *testing.T) world {
	t.Helper()
	return shared.get(t, buildWorld)
}

func buildWorld() (world, error) {
	keys, _, batches, err := provenScenario(batchgen.Tiny, 3)
	if err != nil {
		return world{}, err
	}
	other, err := setUpInner(tinyA4)
	if err != nil {
		return world{}, err
	}
	ws, err := tinyScenario(tinyA4)
	if err != nil {
		return world{}, err
	}
	otherKey, err := other.segment(ws[1], agg.ProveInner)
	return world{keys: keys, batches: batches, otherKey: otherKey}, err
}

// provenScenario sets up the inner circuit at caps and proves TinyScenario's first n batches for
// the aggregate (agg.ProveInner); it returns the keys, the three batches' witnesses and the proofs.
func provenScenario(caps ledger.Capacities, n int) (*innerKeys, []*ledger.Witness, []agg.Segment, error) {
	keys, err := setUpInner(caps)
	if err != nil {
		return nil, nil, nil, err
	}
	ws, err := tinyScenario(caps)
	if err != nil {
		return nil, nil, nil, err
	}
	var batches []agg.Segment
	for _, w := range ws[:n] {
		s, err := keys.segment(w, agg.ProveInner)
		if err != nil {
			return nil, nil, nil, err
		}
		batches = append(batches, s)
	}
	return keys, ws, batches, nil
}

// solve runs gnark's test engine on the aggregate of the segments with the given public inputs.
func (w world) solve(t *testing.T, segments []agg.Segment, public ledger.PublicInputs) error {
	t.Helper()
	blank, err := agg.New(w.keys.vk, w.keys.caps.PublicDataLen(), len(segments))
	if err != nil {
		t.Fatal(err)
	}
	a, err := agg.AssignWith(segments, public)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	err = test.IsSolved(blank, a, ecc.BN254.ScalarField())
	t.Logf("test engine, k=%d: %v", len(segments), time.Since(start).Round(time.Millisecond))
	return err
}

func honest(segments []agg.Segment) ledger.PublicInputs { return agg.Bind(agg.Concat(segments)) }

func TestHonestAggregateOfTwoBatchesIsAccepted(t *testing.T) {
	w := setUp(t)
	segments := w.batches[:2]
	if len(agg.Concat(segments)) != 2*batchgen.Tiny.PublicDataLen() {
		t.Fatal("D is not the two segments")
	}
	if err := w.solve(t, segments, honest(segments)); err != nil {
		t.Fatal(err)
	}
}

// refused asserts the aggregate of the segments with these public inputs has no satisfying
// assignment (a constraint fails).
func (w world) refused(t *testing.T, segments []agg.Segment, public ledger.PublicInputs) {
	t.Helper()
	err := w.solve(t, segments, public)
	if err == nil {
		t.Fatal("the aggregate accepted it")
	}
	// An unsatisfied constraint panics in the test engine; Define returns an error only when the
	// assignment does not fit the circuit's shape, which is no refusal.
	if strings.HasPrefix(err.Error(), "define: ") {
		t.Fatal("the assignment does not fit the aggregate:", err)
	}
	t.Logf("refused: %.200s", err)
}

// One element of d_2 changed (a withdrawal's amount), with C, Z and Y recomputed honestly for the
// changed D: the inner commitment c_2 the aggregate computes from d_2 is no longer the one batch
// 2's proof was made for.
func TestChangedSegmentDataIsRefused(t *testing.T) {
	w := setUp(t)
	second := w.batches[1]
	second.Data = append([]fr.Element(nil), second.Data...)
	at := 9 + 3*batchgen.Tiny.Deposits // the first withdrawal slot
	if second.Data[at].IsZero() {
		t.Fatal("batch 2 should have a withdrawal")
	}
	second.Data[at].Add(&second.Data[at], new(fr.Element).SetOne())
	segments := []agg.Segment{w.batches[0], second}
	w.refused(t, segments, honest(segments))
}

// Batch 3's proof (another batch of the same chain) offered for batch 2's data.
func TestProofOfAnotherBatchIsRefused(t *testing.T) {
	w := setUp(t)
	second := w.batches[1]
	second.Proof, second.Challenge = w.batches[2].Proof, w.batches[2].Challenge
	segments := []agg.Segment{w.batches[0], second}
	w.refused(t, segments, honest(segments))
}

// Batch 2's own data and a valid proof of exactly that data, but under another circuit's key
// (Tiny with four account slots: the same public data layout, so the same d).
func TestProofUnderAnotherCircuitsKeyIsRefused(t *testing.T) {
	w := setUp(t)
	if !equal(w.otherKey.Data, w.batches[1].Data) {
		t.Fatal("the other circuit should give batch 2 the same public data")
	}
	segments := []agg.Segment{w.batches[0], w.otherKey}
	w.refused(t, segments, honest(segments))
}

// Batch 1's proof used for both segments, D = d_1 || d_2.
func TestFirstBatchProofForBothSegmentsIsRefused(t *testing.T) {
	w := setUp(t)
	second := w.batches[1]
	second.Proof, second.Challenge = w.batches[0].Proof, w.batches[0].Challenge
	segments := []agg.Segment{w.batches[0], second}
	w.refused(t, segments, honest(segments))
}

// D = d_1 || d_1 with batch 1's proof twice IS a valid aggregate: the circuit checks each
// segment, not the chain. The bridge refuses it (segment 2's batch number is not its count + 1,
// its old root not the root after segment 1): docs/aggregation.md, "Chaining is the bridge's".
func TestSameBatchTwiceSatisfiesTheCircuitTheBridgeRefusesIt(t *testing.T) {
	w := setUp(t)
	segments := []agg.Segment{w.batches[0], w.batches[0]}
	if err := w.solve(t, segments, honest(segments)); err != nil {
		t.Fatal(err)
	}
}

func TestEvaluationOffByOneIsRefused(t *testing.T) {
	w := setUp(t)
	segments := w.batches[:2]
	public := honest(segments)
	public.Evaluation.Add(&public.Evaluation, new(fr.Element).SetOne())
	w.refused(t, segments, public)
}

// A Z other than the one the bridge derives from (C, D), with Y evaluated honestly at the
// bridge's Z: refused. (With Y evaluated at that other Z the circuit is satisfied: Z is a public
// input the bridge derives itself, never the prover's; TestRealAggregateProof shows the proof
// made for another Z does not verify for the bridge's.)
func TestChallengeNotTheDatasIsRefused(t *testing.T) {
	w := setUp(t)
	segments := w.batches[:2]
	public := honest(segments)
	public.Challenge.Add(&public.Challenge, new(fr.Element).SetOne())
	w.refused(t, segments, public)
}

// The commitment is over D and its tag: a C of another tag (a batch's TAG_PUBDATA) is refused.
func TestCommitmentWithABatchsTagIsRefused(t *testing.T) {
	w := setUp(t)
	segments := w.batches[:2]
	all := agg.Concat(segments)
	public := ledger.Bind(all)
	w.refused(t, segments, public)
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

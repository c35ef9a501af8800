package agg_test

import (
	"sync"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/groth16"
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
	pk   groth16.ProvingKey
	vk   groth16.VerifyingKey
	prov func(w *ledger.Witness) (groth16.Proof, error)
}

func setUpInner(caps ledger.Capacities) (*innerKeys, error) {
	ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, settlement.New(caps))
	if err != nil {
		return nil, err
	}
	pk, vk, err := groth16.Setup(ccs)
	if err != nil {
		return nil, err
	}
	k := &innerKeys{caps: caps, pk: pk, vk: vk}
	k.prov = func(w *ledger.Witness) (groth16.Proof, error) {
		a, err := settlement.Assign(w)
		if err != nil {
			return nil, err
		}
		full, err := frontend.NewWitness(a, ecc.BN254.ScalarField())
		if err != nil {
			return nil, err
		}
		return groth16.Prove(ccs, pk, full)
	}
	return k, nil
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

var (
	shared     world
	sharedErr  error
	sharedOnce sync.Once
)

func setUp(t *testing.T) world {
	t.Helper()
	sharedOnce.Do(func() { shared, sharedErr = buildWorld() })
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}

func buildWorld() (world, error) {
	keys, err := setUpInner(batchgen.Tiny)
	if err != nil {
		return world{}, err
	}
	other, err := setUpInner(tinyA4)
	if err != nil {
		return world{}, err
	}
	var w world
	w.keys = keys
	for _, caps := range []ledger.Capacities{batchgen.Tiny, tinyA4} {
		bw := batchgen.NewWorld(caps, batchgen.BTC)
		for i, b := range batchgen.TinyScenario(bw) {
			wit, v, err := bw.Apply(b)
			if err != nil || len(v) > 0 {
				return world{}, err
			}
			if caps == tinyA4 && i != 1 {
				continue
			}
			k := keys
			if caps == tinyA4 {
				k = other
			}
			proof, err := k.prov(wit)
			if err != nil {
				return world{}, err
			}
			s := agg.Segment{Data: wit.PublicData, Challenge: wit.Public.Challenge, Proof: proof}
			if caps == tinyA4 {
				w.otherKey = s
			} else {
				w.batches = append(w.batches, s)
			}
		}
	}
	return w, nil
}

// solve runs gnark's test engine on the aggregate of the segments with the given public inputs.
func (w world) solve(t *testing.T, segments []agg.Segment, public ledger.PublicInputs) error {
	t.Helper()
	blank, err := agg.New(w.keys.vk, batchgen.Tiny.PublicDataLen(), len(segments))
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
// assignment.
func (w world) refused(t *testing.T, segments []agg.Segment, public ledger.PublicInputs) {
	t.Helper()
	err := w.solve(t, segments, public)
	if err == nil {
		t.Fatal("the aggregate accepted it")
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

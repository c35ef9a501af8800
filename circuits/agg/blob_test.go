package agg_test

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/solidity"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"

	"sable/circuits/agg"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

// The -blob inner circuit: TinyOwnerBlob (Tiny with its 2 owner rows in one blob), whose proofs
// carry one Groth16 commitment (the blob binding's emulated arithmetic). The aggregate checks the
// commitment in its circuit: its proof of knowledge, and the commitment's wire as the hash-to-field
// of gnark's recursion derives it, which is why the inner proofs are agg.ProveInner's.

// blobWorld is TinyScenario's first two batches at TinyOwnerBlob proven for the aggregate, and
// batch 2 proven as the single-batch path proves it (the bridge's Solidity hash-to-field).
type blobWorld struct {
	world
	solidity agg.Segment
}

var sharedBlob built[blobWorld]

func setUpBlob(t *testing.T) blobWorld {
	t.Helper()
	return sharedBlob.get(t, buildBlobWorld)
}

func buildBlobWorld() (blobWorld, error) {
	keys, ws, batches, err := provenScenario(ledger.TinyOwnerBlob, 2)
	if err != nil {
		return blobWorld{}, err
	}
	forBridge, err := keys.segment(ws[1], proveForTheBridge)
	return blobWorld{world: world{keys: keys, batches: batches}, solidity: forBridge}, err
}

// proveForTheBridge is the single-batch path's proof (native/prover.go, cmd/fixtures).
func proveForTheBridge(cs constraint.ConstraintSystem, pk groth16.ProvingKey, full witness.Witness) (groth16.Proof, error) {
	return groth16.Prove(cs, pk, full, solidity.WithProverTargetSolidityVerifier(backend.GROTH16))
}

// withProof is s with its proof's points changed by f (on a copy).
func withProof(s agg.Segment, f func(p *groth16bn254.Proof)) agg.Segment {
	p := *s.Proof.(*groth16bn254.Proof)
	p.Commitments = append([]bn254.G1Affine(nil), p.Commitments...)
	f(&p)
	s.Proof = &p
	return s
}

// Batches 1 and 2 in one aggregate, and batch 2 alone: the aggregate of one is the baseline of
// the attacks below, each batch 2 at k = 1 with one thing changed (so a refusal is that segment's).
func TestHonestAggregatesOfBlobBatchesAreAccepted(t *testing.T) {
	w := setUpBlob(t)
	for i, s := range w.batches {
		if n := len(s.Proof.(*groth16bn254.Proof).Commitments); n != 1 {
			t.Fatalf("batch %d's proof has %d commitments, want the -blob circuit's one", i+1, n)
		}
	}
	for _, segments := range [][]agg.Segment{w.batches, w.batches[1:]} {
		if err := w.solve(t, segments, honest(segments)); err != nil {
			t.Fatal(err)
		}
	}
}

// refusedAlone asserts the aggregate of the one segment s, with the public inputs the bridge
// derives for its data, is refused.
func (w blobWorld) refusedAlone(t *testing.T, s agg.Segment) {
	t.Helper()
	segments := []agg.Segment{s}
	w.refused(t, segments, honest(segments))
}

// Batch 2's commitment point moved by the generator (still a point of G1), the rest of its proof
// as made: refused (the commitment's proof of knowledge no longer holds, nor the pairing).
func TestChangedCommitmentPointIsRefused(t *testing.T) {
	w := setUpBlob(t)
	_, _, g, _ := bn254.Generators()
	w.refusedAlone(t, withProof(w.batches[1], func(p *groth16bn254.Proof) { p.Commitments[0].Add(&p.Commitments[0], &g) }))
}

// Batch 2's proof with the commitment's proof of knowledge of batch 1's proof (valid there).
func TestCommitmentProofOfKnowledgeOfAnotherProofIsRefused(t *testing.T) {
	w := setUpBlob(t)
	other := w.batches[0].Proof.(*groth16bn254.Proof).CommitmentPok
	if other == w.batches[1].Proof.(*groth16bn254.Proof).CommitmentPok {
		t.Fatal("batches 1 and 2 should have different proofs of knowledge")
	}
	w.refusedAlone(t, withProof(w.batches[1], func(p *groth16bn254.Proof) { p.CommitmentPok = other }))
}

// Batch 2 proven as a single batch is (the Solidity verifier's hash-to-field): a valid proof, the
// bridge's verifier takes it alone, but its commitment wire is not the one the aggregate derives.
// And the other way round: the proof made for the aggregate is not one the bridge takes alone.
func TestSingleBatchProofIsRefused(t *testing.T) {
	w := setUpBlob(t)
	public := w.publicOf(t, w.batches[1])
	forBridge := solidity.WithVerifierTargetSolidityVerifier(backend.GROTH16)
	if err := groth16.Verify(w.solidity.Proof, w.keys.vk, public, forBridge); err != nil {
		t.Fatal("the single-batch proof should verify for the bridge:", err)
	}
	if agg.VerifyInner(w.solidity.Proof, w.keys.vk, public) == nil {
		t.Fatal("the single-batch proof verifies with the aggregate's hash-to-field")
	}
	if err := agg.VerifyInner(w.batches[1].Proof, w.keys.vk, public); err != nil {
		t.Fatal("the proof for the aggregate should verify with its hash-to-field:", err)
	}
	if groth16.Verify(w.batches[1].Proof, w.keys.vk, public, forBridge) == nil {
		t.Fatal("the proof for the aggregate verifies for the bridge alone")
	}
	w.refusedAlone(t, w.solidity)
}

// Batch 1's blob proof (its own data and blob, made for the aggregate) offered for batch 2's data.
func TestBlobProofOfAnotherBatchIsRefused(t *testing.T) {
	w := setUpBlob(t)
	second := w.batches[1]
	second.Proof, second.Challenge = w.batches[0].Proof, w.batches[0].Challenge
	w.refusedAlone(t, second)
}

// Batch 2's data changed, C, Z and Y recomputed honestly for it: its blob section naming another
// blob (the versioned hash's low half), or a withdrawal's amount (as the calldata test). c_2 is no
// longer the one batch 2's proof was made for.
func TestChangedBlobSegmentDataIsRefused(t *testing.T) {
	w := setUpBlob(t)
	for name, at := range map[string]int{
		"blob section": ledger.TinyOwnerBlob.OwnerDataAt() + ledger.OwnerHeaderLen + 1,
		"withdrawal":   ledger.PubHeaderLen + 3*ledger.TinyOwnerBlob.Deposits + 1,
	} {
		second := w.batches[1]
		second.Data = append([]fr.Element(nil), second.Data...)
		if second.Data[at].IsZero() {
			t.Fatalf("%s: batch 2 should have a non-zero element there", name)
		}
		second.Data[at].Add(&second.Data[at], new(fr.Element).SetOne())
		w.refusedAlone(t, second)
	}
}

// publicOf is the inner public witness (c, z, y) of the segment's batch at the world's capacities.
func (w blobWorld) publicOf(t *testing.T, s agg.Segment) witness.Witness {
	t.Helper()
	c := ledger.Bind(s.Data).Commitment
	a := settlement.New(w.keys.caps)
	a.Commitment, a.Challenge, a.Evaluation = toBig(c), toBig(s.Challenge), toBig(ledger.Evaluate(s.Data, s.Challenge))
	pw, err := frontend.NewWitness(a, ecc.BN254.ScalarField(), frontend.PublicOnly())
	if err != nil {
		t.Fatal(err)
	}
	return pw
}

func toBig(e fr.Element) *big.Int { return e.BigInt(new(big.Int)) }

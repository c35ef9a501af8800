package settlement_test

import (
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"

	"sable/circuits/batchgen"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

// publicWitness is the verifier's view of public inputs bound to public data d.
func publicWitness(t *testing.T, caps ledger.Capacities, p ledger.PublicInputs) witness.Witness {
	t.Helper()
	a := settlement.New(caps)
	a.Commitment, a.Challenge, a.Evaluation = fe(p.Commitment), fe(p.Challenge), fe(p.Evaluation)
	w, err := frontend.NewWitness(a, field, frontend.PublicOnly())
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestGroth16ProofsVerifyAndDoNotReplay proves real batches at the Tiny capacities: a trade with a
// withdrawal, and a batch whose old and new roots are equal. Each proof verifies against its own
// public inputs only: not against another evaluation, and not against the public data of the next
// batch number, another chain or another bridge, even when the roots are the same.
func TestGroth16ProofsVerifyAndDoNotReplay(t *testing.T) {
	k := setUp(t, batchgen.Tiny)
	w := batchgen.NewWorld(batchgen.Tiny, batchgen.BTC)
	batches := batchgen.TinyScenario(w)
	if _, v, err := w.Apply(batches[0]); err != nil || len(v) > 0 {
		t.Fatal(err, v)
	}
	for _, b := range batches[1:] {
		wit, v, err := w.Apply(b)
		if err != nil || len(v) > 0 {
			t.Fatal(err, v)
		}
		proof := k.proveAndVerify(t, wit)
		for name, field := range map[string]int{"batch number": ledger.PubBatchNumber, "chain id": ledger.PubChainID,
			"bridge address": ledger.PubContract} {
			d := append([]fr.Element(nil), wit.PublicData...)
			d[field].Add(&d[field], new(fr.Element).SetOne())
			if groth16.Verify(proof, k.vk, publicWitness(t, batchgen.Tiny, ledger.Bind(d))) == nil {
				t.Fatalf("batch %d: proof replays under another %s", b.Number, name)
			}
		}
		if b.Trades == nil && wit.PublicData[ledger.PubOldRoot] != wit.PublicData[ledger.PubNewRoot] {
			t.Fatal("the empty batch should keep the root")
		}
	}
}

// keys are a circuit's compiled constraint system and development keys.
type keys struct {
	caps ledger.Capacities
	ccs  constraint.ConstraintSystem
	pk   groth16.ProvingKey
	vk   groth16.VerifyingKey
}

func setUp(t *testing.T, caps ledger.Capacities) keys {
	t.Helper()
	ccs, err := frontend.Compile(field, r1cs.NewBuilder, settlement.New(caps))
	if err != nil {
		t.Fatal(err)
	}
	pk, vk, err := groth16.Setup(ccs)
	if err != nil {
		t.Fatal(err)
	}
	return keys{caps: caps, ccs: ccs, pk: pk, vk: vk}
}

// proveAndVerify proves an honest batch, checks that the proof verifies against its public inputs
// and not against another evaluation, records it for the forgery suite and returns it.
func (k keys) proveAndVerify(t *testing.T, wit *ledger.Witness) groth16.Proof {
	t.Helper()
	a, err := settlement.Assign(wit)
	if err != nil {
		t.Fatal(err)
	}
	full, err := frontend.NewWitness(a, field)
	if err != nil {
		t.Fatal(err)
	}
	proof, err := groth16.Prove(k.ccs, k.pk, full)
	if err != nil {
		t.Fatalf("batch %d: %v", wit.Header.BatchNumber, err)
	}
	if err := groth16.Verify(proof, k.vk, publicWitness(t, k.caps, wit.Public)); err != nil {
		t.Fatalf("batch %d: valid proof rejected: %v", wit.Header.BatchNumber, err)
	}
	wrong := wit.Public
	wrong.Evaluation.Add(&wrong.Evaluation, new(fr.Element).SetOne())
	if groth16.Verify(proof, k.vk, publicWitness(t, k.caps, wrong)) == nil {
		t.Fatalf("batch %d: proof verified against another evaluation", wit.Header.BatchNumber)
	}
	reportProof(t, k.caps)
	return proof
}

// TestGroth16LiquidationProofsVerify proves, at the TinySweep capacities, the four batches of the
// tiny liquidation scenario that have liquidation steps (a close and a takeover; the fund's
// unwind; a cover and an ADL fill; a close and an uncovered deficit): every step kind goes through
// a real Groth16 proof, each verifying against its own public inputs only.
func TestGroth16LiquidationProofsVerify(t *testing.T) {
	k := setUp(t, batchgen.TinySweep)
	w := batchgen.NewWorld(batchgen.TinySweep, batchgen.BTC)
	kinds := map[int]bool{}
	for _, b := range batchgen.TinySweepScenario(w) {
		wit, v, err := w.Apply(b)
		if err != nil || len(v) > 0 {
			t.Fatal(err, v)
		}
		if len(wit.Steps) == 0 {
			continue
		}
		for _, s := range wit.Steps {
			kinds[s.Kind] = true
		}
		k.proveAndVerify(t, wit)
	}
	if len(kinds) != ledger.StepKinds-1 {
		t.Fatalf("the proven steps use kinds %v, not all %d", kinds, ledger.StepKinds-1)
	}
}

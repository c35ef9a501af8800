package settlement_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/test"

	"sable/circuits/batchgen"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

var field = ecc.BN254.ScalarField()

// world returns a fresh world after the first n batches of the scenario (each honest), at the
// Sweep capacities: the forgeries run against the circuit with liquidation steps.
func world(t *testing.T, n int) (*batchgen.World, []ledger.Batch) {
	t.Helper()
	w := batchgen.NewWorld(batchgen.Sweep, batchgen.BTC, batchgen.ETH)
	batches := batchgen.Scenario(w)
	for i := 0; i < n; i++ {
		if _, violations, err := w.Apply(batches[i]); err != nil || len(violations) > 0 {
			t.Fatalf("scenario batch %d: %v %v", i+1, err, violations)
		}
	}
	return w, batches
}

// assign applies a batch and returns its assignment and the rules the model says it breaks.
func assign(t *testing.T, w *batchgen.World, b ledger.Batch) (*settlement.Circuit, []ledger.Violation) {
	t.Helper()
	wit, violations, err := w.Apply(b)
	if err != nil {
		t.Fatal(err)
	}
	a, err := settlement.Assign(wit)
	if err != nil {
		t.Fatal(err)
	}
	return a, violations
}

// honest applies a batch the model must find honest and returns its witness and assignment.
func honest(t *testing.T, w *batchgen.World, b ledger.Batch) (*ledger.Witness, *settlement.Circuit) {
	t.Helper()
	wit, violations, err := w.Apply(b)
	if err != nil || len(violations) > 0 {
		t.Fatal(err, violations)
	}
	a, err := settlement.Assign(wit)
	if err != nil {
		t.Fatal(err)
	}
	return wit, a
}

// honestAssignment is honest's assignment.
func honestAssignment(t *testing.T, w *batchgen.World, b ledger.Batch) *settlement.Circuit {
	t.Helper()
	_, a := honest(t, w, b)
	return a
}

// solved asserts that the circuit accepts an assignment (gnark's test engine).
func solved(t *testing.T, a *settlement.Circuit) {
	t.Helper()
	if err := isSolved(a); err != nil {
		t.Fatalf("honest batch rejected: %v", err)
	}
	report(t, "solved", a.Caps())
}

func isSolved(a *settlement.Circuit) error { return test.IsSolved(settlement.New(a.Caps()), a, field) }

// rejected asserts that the circuit refuses an assignment, and that the first constraint it
// fails is in the named step of Define (so a forgery cannot pass by failing elsewhere). A step
// "a/b" names several functions of the batch that must all be on the failing constraint's stack
// (e.g. "step/applyLeg": a leg of a liquidation step, not of a trade).
func rejected(t *testing.T, a *settlement.Circuit, step string, opts ...test.TestEngineOption) {
	t.Helper()
	err := test.IsSolved(settlement.New(a.Caps()), a, field, opts...)
	if err == nil {
		t.Fatal("forged batch accepted")
	}
	for _, frame := range strings.Split(step, "/") {
		if !strings.Contains(err.Error(), "(*batch)."+frame+"\n") {
			t.Fatalf("forged batch rejected, but not by %s: %v", step, err)
		}
	}
	report(t, "rejected", a.Caps())
}

// report appends "<outcome> <test> <circuit>" to the file SABLE_FORGERY_REPORT names, if set:
// scripts/forgeries.sh counts a forgery as rejected only when the circuit of its capacities also
// accepted an honest batch in the same run (so the suite cannot pass by rejecting everything).
func report(t *testing.T, outcome string, caps ledger.Capacities) {
	t.Helper()
	reportCircuit(t, outcome, settlement.Name(caps))
}

// reportCircuit is report for a circuit named outside the settlement capacities.
func reportCircuit(t *testing.T, outcome, circuit string) {
	t.Helper()
	path := os.Getenv("SABLE_FORGERY_REPORT")
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := fmt.Fprintf(f, "%s %s %s\n", outcome, t.Name(), circuit); err != nil {
		t.Fatal(err)
	}
}

// reportProof records a real Groth16 proof of an honest batch that verified.
func reportProof(t *testing.T, caps ledger.Capacities) { report(t, "proved", caps) }

// violates asserts that the model names the rule the forgery breaks.
func violates(t *testing.T, violations []ledger.Violation, rule string) {
	t.Helper()
	for _, v := range violations {
		if v.Rule == rule {
			return
		}
	}
	t.Fatalf("the model does not report %q: %v", rule, violations)
}

// forged applies a batch that breaks rule, and checks that the model reports it and the circuit
// refuses it in step.
func forged(t *testing.T, w *batchgen.World, b ledger.Batch, rule, step string) {
	t.Helper()
	a, violations := assign(t, w, b)
	violates(t, violations, rule)
	rejected(t, a, step)
}

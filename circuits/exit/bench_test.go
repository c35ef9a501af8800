package exit_test

import (
	"testing"

	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"

	"sable/circuits/exit"
)

// BenchmarkProveExit measures one exit proof (Groth16, development setup done once, outside the
// timing): go test ./exit -run '^$' -bench ProveExit -benchtime 5x.
func BenchmarkProveExit(b *testing.B) {
	t := &testing.T{}
	w, rows := frozen(t)
	ccs, err := frontend.Compile(field, r1cs.NewBuilder, &exit.Circuit{})
	if err != nil {
		b.Fatal(err)
	}
	pk, vk, err := groth16.Setup(ccs)
	if err != nil {
		b.Fatal(err)
	}
	full, err := frontend.NewWitness(exit.Assign(signed(t, w, alice, alice, recipient, rows)), field)
	if err != nil {
		b.Fatal(err)
	}
	public, _ := full.Public()
	b.ReportMetric(float64(ccs.GetNbConstraints()), "constraints")
	b.ResetTimer()
	for range b.N {
		proof, err := groth16.Prove(ccs, pk, full)
		if err != nil {
			b.Fatal(err)
		}
		if err := groth16.Verify(proof, vk, public); err != nil {
			b.Fatal(err)
		}
	}
}

// Package catalog names every circuit the prover can set up, so the native library and the
// fixture generator compile exactly the same definitions.
package catalog

import (
	"fmt"
	"sort"

	"github.com/consensys/gnark/frontend"

	"sable/circuits/ledger"
	"sable/circuits/settlement"
	"sable/circuits/stateupdate"
)

var circuits = map[string]func() frontend.Circuit{
	stateupdate.Name:              func() frontend.Circuit { return &stateupdate.Circuit{} },
	settlement.Name(ledger.Tiny):  func() frontend.Circuit { return settlement.New(ledger.Tiny) },
	settlement.Name(ledger.Small): func() frontend.Circuit { return settlement.New(ledger.Small) },
}

// Lookup returns a fresh, unassigned instance of the named circuit.
func Lookup(name string) (frontend.Circuit, error) {
	make, ok := circuits[name]
	if !ok {
		return nil, fmt.Errorf("unknown circuit %q (known: %v)", name, Names())
	}
	return make(), nil
}

// Names lists the known circuits, sorted.
func Names() []string {
	names := make([]string, 0, len(circuits))
	for n := range circuits {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Package catalog names every circuit the prover can set up, so the native library, the key store,
// the ceremony and the fixture generator compile exactly the same definitions. Each circuit comes
// with a sample assignment that satisfies it: the key store proves and verifies it to check that a
// proving key and a verifying key belong together. Settlement circuits are named by their
// capacities (settlement.Name); Names lists the presets, Lookup takes any capacities.
package catalog

import (
	"fmt"
	"sort"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"

	"sable/circuits/exit"
	"sable/circuits/ledger"
	"sable/circuits/rehearsal"
	"sable/circuits/settlement"
	"sable/circuits/smt"
	"sable/circuits/stateupdate"
)

type entry struct {
	blank  func() frontend.Circuit
	sample func() (frontend.Circuit, error)
}

var circuits = map[string]entry{
	stateupdate.Name: {
		blank: func() frontend.Circuit { return &stateupdate.Circuit{} },
		sample: func() (frontend.Circuit, error) {
			u, err := smt.New(stateupdate.Depth).Set(1, fr.NewElement(1))
			if err != nil {
				return nil, err
			}
			return stateupdate.Assign(u), nil
		},
	},
	rehearsal.Name: {
		blank:  func() frontend.Circuit { return &rehearsal.Circuit{} },
		sample: func() (frontend.Circuit, error) { return rehearsal.Assign(1, 2), nil },
	},
	exit.Name: {
		blank:  func() frontend.Circuit { return &exit.Circuit{} },
		sample: func() (frontend.Circuit, error) { return exit.Sample() },
	},
	settlement.Name(ledger.Tiny):  settlementEntry(ledger.Tiny),
	settlement.Name(ledger.Small): settlementEntry(ledger.Small),
}

func settlementEntry(caps ledger.Capacities) entry {
	return entry{
		blank:  func() frontend.Circuit { return settlement.New(caps) },
		sample: func() (frontend.Circuit, error) { return settlement.Sample(caps) },
	}
}

func lookup(name string) (entry, error) {
	if e, ok := circuits[name]; ok {
		return e, nil
	}
	if caps, ok := settlement.ParseName(name); ok {
		return settlementEntry(caps), nil
	}
	return entry{}, fmt.Errorf("unknown circuit %q (known: %v, or any %s)", name, Names(),
		"settlement-m<M>-k<K>-a<A>-d<D>-o<O>-t<T>-w<W>")
}

// Lookup returns a fresh, unassigned instance of the named circuit.
func Lookup(name string) (frontend.Circuit, error) {
	e, err := lookup(name)
	if err != nil {
		return nil, err
	}
	return e.blank(), nil
}

// Sample returns an assignment that satisfies the named circuit.
func Sample(name string) (frontend.Circuit, error) {
	e, err := lookup(name)
	if err != nil {
		return nil, err
	}
	return e.sample()
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

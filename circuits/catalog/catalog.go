// Package catalog names every circuit the prover can set up, so the native library, the key store,
// the ceremony and the fixture generator compile exactly the same definitions. Each circuit comes
// with a sample assignment that satisfies it: the key store proves and verifies it to check that a
// proving key and a verifying key belong together.
package catalog

import (
	"fmt"
	"sort"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"

	"sable/circuits/rehearsal"
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
}

func lookup(name string) (entry, error) {
	e, ok := circuits[name]
	if !ok {
		return entry{}, fmt.Errorf("unknown circuit %q (known: %v)", name, Names())
	}
	return e, nil
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

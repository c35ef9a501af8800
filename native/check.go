package main

/*
#include <stdint.h>
*/
import "C"

import (
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"runtime/cgo"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/schema"
	"github.com/consensys/gnark/test"

	"sable/circuits/catalog"
	"sable/circuits/keystore"
)

// compiledCircuit is a circuit's constraint system without keys: enough to check witnesses
// (SableCheck), at the cost of a compilation instead of a key setup.
type compiledCircuit struct {
	name string
	cs   constraint.ConstraintSystem
}

// compileInfo is what SableCompile reports to Java, as JSON.
type compileInfo struct {
	Handle       uint64          `json:"handle"`
	Circuit      string          `json:"circuit"`
	Constraints  int             `json:"constraints"`
	PublicInputs int             `json:"publicInputs"`
	Witness      []catalog.Field `json:"witness"`
	CompileMs    int64           `json:"compileMs"`
}

// circuitOf resolves a handle of either kind, keys (SableSetup) or a compiled circuit
// (SableCompile), to its circuit name and constraint system.
func circuitOf(handle C.uintptr_t) (name string, cs constraint.ConstraintSystem, err error) {
	defer func() {
		if recover() != nil {
			err = fmt.Errorf("invalid circuit handle %d", uintptr(handle))
		}
	}()
	switch v := cgo.Handle(handle).Value().(type) {
	case *keystore.Keys:
		return v.Name, v.CS, nil
	case *compiledCircuit:
		return v.name, v.cs, nil
	}
	return "", nil, fmt.Errorf("invalid circuit handle %d", uintptr(handle))
}

//export SableCompile
func SableCompile(name *C.char, infoOut **C.char, infoLen *C.int, errOut **C.char) (rc C.int) {
	defer guard(&rc, errOut)
	circuit := C.GoString(name)
	fields, err := catalog.Schema(circuit)
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	start := time.Now()
	cs, err := keystore.Compile(circuit)
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	info := compileInfo{Handle: uint64(cgo.NewHandle(&compiledCircuit{name: circuit, cs: cs})),
		Circuit: circuit, Constraints: cs.GetNbConstraints(), PublicInputs: cs.GetNbPublicVariables() - 1,
		Witness: fields, CompileMs: time.Since(start).Milliseconds()}
	out, _ := json.Marshal(info)
	cBytes(out, infoOut, infoLen)
	return 0
}

// SableCheck solves the circuit's constraint system with a full witness, without proving. It
// writes an empty description when every constraint holds, else the first failing constraint
// and, from gnark's test engine running the circuit's Define on the same values, the assertion
// that fails and where (the step of the circuit).
//
//export SableCheck
func SableCheck(handle C.uintptr_t, wit *C.char, witLen C.int, out **C.char, outLen *C.int,
	errOut **C.char) (rc C.int) {
	defer guard(&rc, errOut)
	name, cs, err := circuitOf(handle)
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	w, err := readWitness(goBytes(wit, witLen))
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	description := ""
	if err := cs.IsSolved(w); err != nil {
		description = fmt.Sprintf("%s: %v", name, err)
		if located := locate(name, w); located != "" {
			description += "\nin the circuit's Define: " + located
		}
	}
	cBytes([]byte(description), out, outLen)
	return 0
}

// locate runs gnark's test engine on the witness's values and returns its error (the failing
// assertion with its stack), or "" if it finds none.
func locate(name string, w witness.Witness) string {
	assignment, err := assignmentOf(name, w)
	if err != nil {
		return "(cannot read the witness back: " + err.Error() + ")"
	}
	blank, err := catalog.Lookup(name)
	if err != nil {
		return ""
	}
	if err := test.IsSolved(blank, assignment, ecc.BN254.ScalarField()); err != nil {
		return err.Error()
	}
	return ""
}

var variableType = reflect.TypeOf((*frontend.Variable)(nil)).Elem()

// assignmentOf fills a fresh instance of the named circuit with a witness's values: public
// leaves first, then secret ones, each in declaration order (the binary witness's order).
func assignmentOf(name string, w witness.Witness) (frontend.Circuit, error) {
	c, err := catalog.Lookup(name)
	if err != nil {
		return nil, err
	}
	all, ok := w.Vector().(fr.Vector)
	if !ok {
		return nil, fmt.Errorf("not a BN254 witness")
	}
	public, err := w.Public()
	if err != nil {
		return nil, err
	}
	next := map[schema.Visibility]int{schema.Public: 0, schema.Secret: len(public.Vector().(fr.Vector))}
	_, err = schema.Walk(ecc.BN254.ScalarField(), c, variableType, func(leaf schema.LeafInfo, v reflect.Value) error {
		i := next[leaf.Visibility]
		if i >= len(all) {
			return fmt.Errorf("witness too short at %s", leaf.FullName())
		}
		next[leaf.Visibility]++
		e := all[i]
		v.Set(reflect.ValueOf(e.BigInt(new(big.Int))))
		return nil
	})
	return c, err
}

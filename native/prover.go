package main

/*
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
*/
import "C"

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime/cgo"
	"unsafe"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/solidity"
	"github.com/consensys/gnark/backend/witness"

	"sable/circuits/agg"
	"sable/circuits/catalog"
	"sable/circuits/keystore"
	"sable/circuits/smt"
)

// setupInfo is what SableSetup reports to Java, as JSON.
type setupInfo struct {
	Handle           uint64          `json:"handle"`
	Circuit          string          `json:"circuit"`
	CircuitHash      string          `json:"circuitHash"`
	KeyDir           string          `json:"keyDir"`
	Reused           bool            `json:"reused"`
	Note             string          `json:"note"`
	Setup            keystore.Setup  `json:"setup"`
	SetupDescription string          `json:"setupDescription"`
	VerifyingKeyHash string          `json:"verifyingKeyHash"`
	Constraints      int             `json:"constraints"`
	PublicInputs     int             `json:"publicInputs"`
	Witness          []catalog.Field `json:"witness"`
	CompileMs        int64           `json:"compileMs"`
	KeyMs            int64           `json:"keyMs"`
	Libraries        string          `json:"libraries"`
}

// keysOf resolves a handle made by SableSetup; a stale or foreign handle is an error, not a crash.
func keysOf(handle C.uintptr_t) (keys *keystore.Keys, err error) {
	defer func() {
		if recover() != nil {
			err = fmt.Errorf("invalid circuit handle %d", uintptr(handle))
		}
	}()
	k, ok := cgo.Handle(handle).Value().(*keystore.Keys)
	if !ok {
		return nil, fmt.Errorf("invalid circuit handle %d", uintptr(handle))
	}
	return k, nil
}

//export SableSetup
func SableSetup(name, keyDir *C.char, developmentSetup C.int, infoOut **C.char, infoLen *C.int,
	errOut **C.char) (rc C.int) {
	defer guard(&rc, errOut)
	circuit := C.GoString(name)
	witness, err := catalog.Schema(circuit)
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	keys, err := keystore.Open(circuit, C.GoString(keyDir), keystore.Policy{DevelopmentSetup: developmentSetup != 0})
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	report(keys, witness, infoOut, infoLen)
	return 0
}

// report hands Java a new handle on keys with what it needs to know of them (setupInfo, as JSON).
func report(keys *keystore.Keys, witness []catalog.Field, infoOut **C.char, infoLen *C.int) {
	info := setupInfo{
		Handle: uint64(cgo.NewHandle(keys)), Circuit: keys.Name, CircuitHash: keys.Hash,
		KeyDir: keys.Dir, Reused: keys.Reused, Note: keys.Note, Setup: keys.Manifest.Setup,
		SetupDescription: keys.Manifest.Setup.Describe(), VerifyingKeyHash: keys.Manifest.VerifyingKeyHash,
		Constraints: keys.Constraints, PublicInputs: keys.PublicCount, Witness: witness,
		CompileMs: keys.CompileTime.Milliseconds(), KeyMs: keys.KeyTime.Milliseconds(),
		Libraries: keystore.LibraryVersions(),
	}
	out, _ := json.Marshal(info)
	cBytes(out, infoOut, infoLen)
}

//export SableRelease
func SableRelease(handle C.uintptr_t, errOut **C.char) (rc C.int) {
	defer guard(&rc, errOut)
	if _, _, err := circuitOf(handle); err != nil {
		fail(&rc, errOut, err)
		return
	}
	cgo.Handle(handle).Delete()
	return 0
}

func readWitness(data []byte) (witness.Witness, error) {
	w, err := witness.New(ecc.BN254.ScalarField())
	if err != nil {
		return nil, err
	}
	if err := w.UnmarshalBinary(data); err != nil {
		return nil, fmt.Errorf("malformed witness (%d bytes): %w", len(data), err)
	}
	return w, nil
}

// prove and verify are Groth16 for the bridge's gnark-exported Solidity verifier, or, forAggregate,
// for an aggregate that verifies the proof in its circuit (agg.ProveInner and agg.VerifyInner: the
// one place those options are written). For a circuit with a Groth16 commitment (a -blob settlement
// circuit's emulated arithmetic) the commitment's challenge is the Solidity verifier's keccak hash
// or gnark recursion's, and a proof made for one is refused by the other; for circuits without one
// the options change nothing. The hints of every gadget (gadget, blob) are registered by their
// packages' init, linked in through the catalog.
func prove(keys *keystore.Keys, w witness.Witness, forAggregate bool) (groth16.Proof, error) {
	if forAggregate {
		return agg.ProveInner(keys.CS, keys.PK, w)
	}
	return groth16.Prove(keys.CS, keys.PK, w, solidity.WithProverTargetSolidityVerifier(backend.GROTH16))
}

func verify(keys *keystore.Keys, proof groth16.Proof, public witness.Witness, forAggregate bool) error {
	if forAggregate {
		return agg.VerifyInner(proof, keys.VK, public)
	}
	return groth16.Verify(proof, keys.VK, public, solidity.WithVerifierTargetSolidityVerifier(backend.GROTH16))
}

//export SableProve
func SableProve(handle C.uintptr_t, wit *C.char, witLen C.int, forAggregate C.int,
	proofOut **C.char, proofLen *C.int, errOut **C.char) (rc C.int) {
	defer guard(&rc, errOut)
	keys, err := keysOf(handle)
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	w, err := readWitness(goBytes(wit, witLen))
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	proof, err := prove(keys, w, forAggregate != 0)
	if err != nil {
		fail(&rc, errOut, fmt.Errorf("prove %s: %w", keys.Name, err))
		return
	}
	var buf bytes.Buffer
	if _, err := proof.WriteRawTo(&buf); err != nil {
		fail(&rc, errOut, err)
		return
	}
	cBytes(buf.Bytes(), proofOut, proofLen)
	return 0
}

func readProof(data []byte) (*groth16bn254.Proof, error) {
	var proof groth16bn254.Proof
	if _, err := proof.ReadFrom(bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("malformed proof (%d bytes): %w", len(data), err)
	}
	return &proof, nil
}

//export SableVerify
func SableVerify(handle C.uintptr_t, proofBytes *C.char, proofLen C.int, pub *C.char, pubLen C.int,
	forAggregate C.int, valid *C.int, errOut **C.char) (rc C.int) {
	defer guard(&rc, errOut)
	keys, err := keysOf(handle)
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	proof, err := readProof(goBytes(proofBytes, proofLen))
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	w, err := readWitness(goBytes(pub, pubLen))
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	*valid = 0
	if verify(keys, proof, w, forAggregate != 0) == nil {
		*valid = 1
	}
	return 0
}

//export SableProofToSolidity
func SableProofToSolidity(proofBytes *C.char, proofLen C.int, out **C.char, outLen *C.int,
	errOut **C.char) (rc C.int) {
	defer guard(&rc, errOut)
	proof, err := readProof(goBytes(proofBytes, proofLen))
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	cBytes(proof.MarshalSolidity(), out, outLen)
	return 0
}

//export SableExportSolidity
func SableExportSolidity(handle C.uintptr_t, out **C.char, outLen *C.int, errOut **C.char) (rc C.int) {
	defer guard(&rc, errOut)
	keys, err := keysOf(handle)
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	src, err := keys.SolidityVerifier()
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	cBytes([]byte(src), out, outLen)
	return 0
}

// SablePoseidon2Compress computes Poseidon2 Compress(left, right) over 32-byte big-endian
// canonical field elements into the caller's 32-byte buffer; non-canonical input is an error.
//
//export SablePoseidon2Compress
func SablePoseidon2Compress(left, right, out *C.char, errOut **C.char) (rc C.int) {
	defer guard(&rc, errOut)
	var l, r fr.Element
	if err := l.SetBytesCanonical(goBytes(left, 32)); err != nil {
		fail(&rc, errOut, fmt.Errorf("left input: %w", err))
		return
	}
	if err := r.SetBytesCanonical(goBytes(right, 32)); err != nil {
		fail(&rc, errOut, fmt.Errorf("right input: %w", err))
		return
	}
	compressed := smt.Compress(l, r)
	digest := compressed.Bytes()
	C.memcpy(unsafe.Pointer(out), unsafe.Pointer(&digest[0]), 32)
	return 0
}

//export SableLibraryVersions
func SableLibraryVersions(out **C.char, outLen *C.int) {
	cBytes([]byte(keystore.LibraryVersions()), out, outLen)
}

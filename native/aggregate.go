package main

/*
#include <stdint.h>
*/
import "C"

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/frontend"

	"sable/circuits/agg"
	"sable/circuits/catalog"
	"sable/circuits/keystore"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

// aggregateRequest is what SableProveAggregate takes, as JSON: the k segments in batch order, each
// a batch's public data d_i (decimal field elements) and its inner proof in gnark's raw encoding
// (hex), as SableProve returns it when asked for an aggregate.
type aggregateRequest struct {
	Segments []struct {
		Data  []string `json:"data"`
		Proof string   `json:"proof"`
	} `json:"segments"`
}

// aggregateProof is what SableProveAggregate returns, as JSON: the aggregate's proof (raw, hex;
// SableProofToSolidity gives the bridge's encoding) and the public inputs (C, Z, Y) it was proven
// for, Z and Y as the bridge derives them from D and C.
type aggregateProof struct {
	Proof      string `json:"proof"`
	Commitment string `json:"commitment"`
	Challenge  string `json:"challenge"`
	Evaluation string `json:"evaluation"`
	ProveMs    int64  `json:"proveMs"`
}

//export SableSetupAggregate
func SableSetupAggregate(name, keyDir *C.char, innerHandle C.uintptr_t, developmentSetup C.int,
	infoOut **C.char, infoLen *C.int, errOut **C.char) (rc C.int) {
	defer guard(&rc, errOut)
	inner, err := keysOf(innerHandle)
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	keys, err := keystore.OpenAggregate(C.GoString(name), inner, C.GoString(keyDir),
		keystore.Policy{DevelopmentSetup: developmentSetup != 0})
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	report(keys, []catalog.Field{}, infoOut, infoLen) // Java builds no witness: the library assigns the segments
	return 0
}

//export SableProveAggregate
func SableProveAggregate(handle C.uintptr_t, request *C.char, out **C.char, outLen *C.int,
	errOut **C.char) (rc C.int) {
	defer guard(&rc, errOut)
	keys, err := keysOf(handle)
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	var req aggregateRequest
	if err := json.Unmarshal([]byte(C.GoString(request)), &req); err != nil {
		fail(&rc, errOut, fmt.Errorf("malformed aggregate request: %w", err))
		return
	}
	proof, err := proveAggregate(keys, req)
	if err != nil {
		fail(&rc, errOut, err)
		return
	}
	js, _ := json.Marshal(proof)
	cBytes(js, out, outLen)
	return 0
}

// proveAggregate proves the aggregate of the request's segments under keys (OpenAggregate's) for
// the bridge's Solidity verifier, and checks the proof before returning it.
func proveAggregate(keys *keystore.Keys, req aggregateRequest) (aggregateProof, error) {
	segments, err := segmentsFor(keys, req)
	if err != nil {
		return aggregateProof{}, err
	}
	assignment, err := agg.Assign(segments)
	if err != nil {
		return aggregateProof{}, err
	}
	w, err := frontend.NewWitness(assignment, ecc.BN254.ScalarField())
	if err != nil {
		return aggregateProof{}, err
	}
	start := time.Now()
	proof, err := prove(keys, w, false)
	if err != nil {
		return aggregateProof{}, fmt.Errorf("prove %s: %w", keys.Name, err)
	}
	millis := time.Since(start).Milliseconds()
	public, err := w.Public()
	if err != nil {
		return aggregateProof{}, err
	}
	if err := verify(keys, proof, public, false); err != nil {
		return aggregateProof{}, fmt.Errorf("%s's own proof does not verify: %w", keys.Name, err)
	}
	var raw bytes.Buffer
	if _, err := proof.WriteRawTo(&raw); err != nil {
		return aggregateProof{}, err
	}
	bound := agg.Bind(agg.Concat(segments))
	return aggregateProof{Proof: hex.EncodeToString(raw.Bytes()), Commitment: bound.Commitment.String(),
		Challenge: bound.Challenge.String(), Evaluation: bound.Evaluation.String(), ProveMs: millis}, nil
}

// segmentsFor reads the request's segments for the aggregate keys: exactly its k, each of its inner
// circuit's public data length, each element below r, each proof verifying under the inner key for
// its data as the aggregate verifies it (agg.VerifyInner, for the challenge the bridge would draw:
// the one the node's inner proofs are made for). A bad segment is refused here, by name, rather
// than as an unsatisfied constraint after a long solve.
func segmentsFor(keys *keystore.Keys, req aggregateRequest) ([]agg.Segment, error) {
	if keys.Inner == nil {
		return nil, fmt.Errorf("%s is not an aggregate's keys (open them with SableSetupAggregate)", keys.Name)
	}
	caps, k, err := agg.ParseName(keys.Name)
	if err != nil {
		return nil, err
	}
	if len(req.Segments) != k {
		return nil, fmt.Errorf("%s takes %d segments, not %d", keys.Name, k, len(req.Segments))
	}
	n := caps.PublicDataLen()
	var segments []agg.Segment
	for i, s := range req.Segments {
		if len(s.Data) != n {
			return nil, fmt.Errorf("segment %d has %d public data elements, %s's batches have %d",
				i+1, len(s.Data), keys.Inner.Name, n)
		}
		d := make([]fr.Element, n)
		for j, e := range s.Data {
			v, ok := new(big.Int).SetString(e, 10)
			if !ok || v.Sign() < 0 || v.Cmp(fr.Modulus()) >= 0 {
				return nil, fmt.Errorf("segment %d's element %d (%q) is not a field element below r", i+1, j, e)
			}
			d[j].SetBigInt(v)
		}
		raw, err := hex.DecodeString(s.Proof)
		if err != nil {
			return nil, fmt.Errorf("segment %d's proof is not hex: %w", i+1, err)
		}
		proof, err := readProof(raw)
		if err != nil {
			return nil, fmt.Errorf("segment %d: %w", i+1, err)
		}
		bound := ledger.Bind(d)
		public, err := innerPublic(caps, bound)
		if err != nil {
			return nil, err
		}
		if err := agg.VerifyInner(proof, keys.Inner.VK, public); err != nil {
			return nil, fmt.Errorf("segment %d's proof does not verify under %s's key for its data as an aggregate"+
				" verifies it (a proof made for the bridge's verifier, of other data, or under another key): %w",
				i+1, keys.Inner.Name, err)
		}
		segments = append(segments, agg.Segment{Data: d, Challenge: bound.Challenge, Proof: proof})
	}
	return segments, nil
}

// innerPublic is the settlement circuit's public witness (c, z, y).
func innerPublic(caps settlement.Caps, p ledger.PublicInputs) (witness.Witness, error) {
	a := settlement.New(caps)
	a.Commitment, a.Challenge, a.Evaluation = p.Commitment.BigInt(new(big.Int)),
		p.Challenge.BigInt(new(big.Int)), p.Evaluation.BigInt(new(big.Int))
	return frontend.NewWitness(a, ecc.BN254.ScalarField(), frontend.PublicOnly())
}

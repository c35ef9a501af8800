package main

import (
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/frontend"

	"sable/circuits/agg"
	"sable/circuits/batchgen"
	"sable/circuits/keystore"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

// blobBatch is one batch of TinyScenario at TinyOwnerBlob (its owner rows in a blob: the blob
// gadget's hints and the circuit's one Groth16 commitment): its public data, full witness and
// public witness.
type blobBatch struct {
	data          []string
	full, public  witness.Witness
	bridge, inner []byte // raw proofs made by prove for the bridge and for an aggregate
}

// blobKeys is TinyOwnerBlob's development keys and TinyScenario's first two batches proven both
// ways, made once for the package's tests (a setup of a 134k-constraint circuit).
var blobKeys = sync.OnceValues(func() (*keystore.Keys, error) {
	dir, err := os.MkdirTemp("", "native-keys-")
	if err != nil {
		return nil, err
	}
	return keystore.Open(settlement.Name(ledger.TinyOwnerBlob), dir, keystore.Policy{DevelopmentSetup: true})
})

var blobBatches = sync.OnceValues(func() ([]blobBatch, error) {
	keys, err := blobKeys()
	if err != nil {
		return nil, err
	}
	bw := batchgen.NewWorld(ledger.TinyOwnerBlob, batchgen.BTC)
	var out []blobBatch
	for i, b := range batchgen.TinyScenario(bw)[:2] {
		w, violations, err := bw.Apply(b)
		if err != nil || len(violations) > 0 {
			return nil, fmt.Errorf("batch %d: %v %v", i+1, err, violations)
		}
		a, err := settlement.Assign(w)
		if err != nil {
			return nil, err
		}
		full, err := frontend.NewWitness(a, ecc.BN254.ScalarField())
		if err != nil {
			return nil, err
		}
		public, err := full.Public()
		if err != nil {
			return nil, err
		}
		batch := blobBatch{full: full, public: public}
		for _, e := range w.PublicData {
			batch.data = append(batch.data, e.String())
		}
		for _, forAggregate := range []bool{false, true} {
			p, err := prove(keys, full, forAggregate)
			if err != nil {
				return nil, err
			}
			raw := rawProof(p)
			if forAggregate {
				batch.inner = raw
			} else {
				batch.bridge = raw
			}
		}
		out = append(out, batch)
	}
	return out, nil
})

func rawProof(p groth16.Proof) []byte {
	var b strings.Builder
	if _, err := p.WriteRawTo(&b); err != nil {
		panic(err)
	}
	return []byte(b.String())
}

func setUp(t *testing.T) (*keystore.Keys, []blobBatch) {
	t.Helper()
	if testing.Short() {
		t.Skip("a key setup of a 134k-constraint circuit")
	}
	keys, err := blobKeys()
	if err != nil {
		t.Fatal(err)
	}
	batches, err := blobBatches()
	if err != nil {
		t.Fatal(err)
	}
	return keys, batches
}

func proofOf(t *testing.T, raw []byte) *groth16bn254.Proof {
	t.Helper()
	p, err := readProof(raw)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The library proves a -blob settlement circuit (the owner rows in a blob) for the bridge's
// Solidity verifier: prove and verify, as SableProve and SableVerify call them, accept the batch,
// and the proof carries the commitment the Solidity encoding needs. A proof made with gnark's
// default options (the commitment's challenge from another hash) is refused by verify: what the
// bridge's verifier would do to it.
func TestBlobCircuitProvesForTheSolidityVerifier(t *testing.T) {
	keys, batches := setUp(t)
	b := batches[1]
	proof := proofOf(t, b.bridge)
	if err := verify(keys, proof, b.public, false); err != nil {
		t.Fatalf("the library refuses its own proof: %v", err)
	}
	if len(proof.Commitments) != 1 || len(proof.MarshalSolidity()) != 384 {
		t.Fatalf("%d commitments, %d bytes in the Solidity encoding", len(proof.Commitments), len(proof.MarshalSolidity()))
	}
	plain, err := groth16.Prove(keys.CS, keys.PK, b.full)
	if err != nil {
		t.Fatal(err)
	}
	if err := verify(keys, plain, b.public, false); err == nil {
		t.Fatal("a proof made for gnark's default commitment hash verifies for the Solidity verifier")
	}
}

// Asked for an aggregate (SableProve's forAggregate), the library proves the batch as agg.ProveInner
// does: agg.VerifyInner accepts it, the single-batch (bridge's) verifier refuses it, and the
// bridge's proof is refused as an aggregate's inner proof.
func TestInnerProofForAnAggregate(t *testing.T) {
	keys, batches := setUp(t)
	b := batches[1]
	inner := proofOf(t, b.inner)
	if err := agg.VerifyInner(inner, keys.VK, b.public); err != nil {
		t.Fatalf("the inner proof does not verify as the aggregate verifies it: %v", err)
	}
	if err := verify(keys, inner, b.public, true); err != nil {
		t.Fatalf("SableVerify's aggregate path refuses the inner proof: %v", err)
	}
	if verify(keys, inner, b.public, false) == nil {
		t.Fatal("the bridge's verifier accepts a proof made for an aggregate")
	}
	if agg.VerifyInner(proofOf(t, b.bridge), keys.VK, b.public) == nil {
		t.Fatal("the aggregate's verification accepts a proof made for the bridge")
	}
	if len(inner.Commitments) != 1 {
		t.Fatalf("the inner proof has %d commitments, want the -blob circuit's one", len(inner.Commitments))
	}
}

// request is the aggregate request for the batches' data with the given raw proofs.
func request(data [][]string, proofs [][]byte) aggregateRequest {
	var r aggregateRequest
	for i := range data {
		r.Segments = append(r.Segments, struct {
			Data  []string `json:"data"`
			Proof string   `json:"proof"`
		}{Data: data[i], Proof: hex.EncodeToString(proofs[i])})
	}
	return r
}

// An aggregate request is checked segment by segment before any proving: the aggregate's k, each
// segment's length and elements, and each inner proof against the inner key for its own data as
// the aggregate verifies it. Each attack is the honest request with one thing changed. (The keys
// are an aggregate's name over the inner keys, without the aggregate's own circuit and keys: the
// checks need only the inner ones.)
func TestAggregateRequestsAreCheckedBeforeProving(t *testing.T) {
	inner, batches := setUp(t)
	keys := &keystore.Keys{Name: agg.Name(ledger.TinyOwnerBlob, 2), Inner: inner}
	data := [][]string{batches[0].data, batches[1].data}
	honest := [][]byte{batches[0].inner, batches[1].inner}
	segments, err := segmentsFor(keys, request(data, honest))
	if err != nil {
		t.Fatalf("the honest request is refused: %v", err)
	}
	for i, s := range segments {
		if want := ledger.Bind(s.Data).Challenge; s.Challenge != want {
			t.Fatalf("segment %d's inner challenge is not the bridge's", i+1)
		}
	}
	changed := func(i, j int, v string) [][]string {
		out := [][]string{append([]string(nil), data[0]...), append([]string(nil), data[1]...)}
		out[i][j] = v
		return out
	}
	attacks := []struct {
		name string
		keys *keystore.Keys
		req  aggregateRequest
		want string
	}{
		{"no aggregate keys", inner, request(data, honest), "is not an aggregate's keys"},
		{"one segment for k = 2", keys, request(data[:1], honest[:1]), "takes 2 segments, not 1"},
		{"a segment one element short", keys, request([][]string{data[0], data[1][1:]}, honest), "segment 2 has"},
		{"an element not below r", keys, request(changed(1, 9, "21888242871839275222246405745257275088548364400416034343698204186575808495617"), honest), "segment 2's element 9"},
		{"an element not a number", keys, request(changed(0, 3, "0x12"), honest), "segment 1's element 3"},
		{"a proof not hex", keys, aggregateRequest{Segments: append(request(data, honest).Segments[:1], struct {
			Data  []string `json:"data"`
			Proof string   `json:"proof"`
		}{Data: data[1], Proof: "zz"})}, "segment 2's proof is not hex"},
		{"segment 2's proof made for the bridge", keys, request(data, [][]byte{batches[0].inner, batches[1].bridge}), "segment 2's proof does not verify"},
		{"batch 1's proof for both segments", keys, request(data, [][]byte{batches[0].inner, batches[0].inner}), "segment 2's proof does not verify"},
		{"an element of segment 2 changed", keys, request(changed(1, len(data[1])/2, "7"), honest), "segment 2's proof does not verify"},
	}
	for _, a := range attacks {
		t.Run(a.name, func(t *testing.T) {
			_, err := segmentsFor(a.keys, a.req)
			if err == nil || !strings.Contains(err.Error(), a.want) {
				t.Fatalf("got %v, want an error containing %q", err, a.want)
			}
		})
	}
}

// The aggregate set up and proven through the library's path (OpenAggregate, proveAggregate) over
// TinyOwnerBlob's batch 2 proven for an aggregate (k = 1: 1.70M constraints, a ~20-minute
// setup): the proof verifies for the bridge's (C, Z, Y) with the Solidity verifier's options, its
// keys read back from disk pass the load checks, and a request with the bridge's inner proof is
// refused. Only with SABLE_AGG_PROVE=1.
func TestAggregateProvedThroughTheLibrary(t *testing.T) {
	if os.Getenv("SABLE_AGG_PROVE") != "1" {
		t.Skip("set SABLE_AGG_PROVE=1: a ~20-minute setup of the 1.70M-constraint aggregate")
	}
	inner, batches := setUp(t)
	name := agg.Name(ledger.TinyOwnerBlob, 1)
	dir := t.TempDir()
	keys, err := keystore.OpenAggregate(name, inner, dir, keystore.Policy{DevelopmentSetup: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d constraints, compiled in %v, set up in %v", name, keys.Constraints, keys.CompileTime, keys.KeyTime)
	b := batches[1]
	out, err := proveAggregate(keys, request([][]string{b.data}, [][]byte{b.inner}))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("proved in %d ms", out.ProveMs)
	segments, err := segmentsFor(keys, request([][]string{b.data}, [][]byte{b.inner}))
	if err != nil {
		t.Fatal(err)
	}
	want := agg.Bind(agg.Concat(segments))
	if out.Commitment != want.Commitment.String() || out.Challenge != want.Challenge.String() ||
		out.Evaluation != want.Evaluation.String() {
		t.Fatalf("public inputs %s %s %s, want the bridge's %v", out.Commitment, out.Challenge, out.Evaluation, want)
	}
	raw, _ := hex.DecodeString(out.Proof)
	proof := proofOf(t, raw)
	if n := len(proof.MarshalSolidity()); n != 384 {
		t.Fatalf("the aggregate's proof is %d bytes in the Solidity encoding, want 384", n)
	}
	assignment, err := agg.Assign(segments)
	if err != nil {
		t.Fatal(err)
	}
	public, err := frontend.NewWitness(assignment, ecc.BN254.ScalarField(), frontend.PublicOnly())
	if err != nil {
		t.Fatal(err)
	}
	if err := verify(keys, proof, public, false); err != nil {
		t.Fatalf("the aggregate's proof does not verify for the bridge's (C, Z, Y): %v", err)
	}
	wrong := want
	wrong.Evaluation.SetOne()
	wrong.Evaluation.Add(&wrong.Evaluation, &want.Evaluation)
	if wrongPublic, err := agg.AssignWith(segments, wrong); err != nil {
		t.Fatal(err)
	} else if w, err := frontend.NewWitness(wrongPublic, ecc.BN254.ScalarField(), frontend.PublicOnly()); err != nil {
		t.Fatal(err)
	} else if verify(keys, proof, w, false) == nil {
		t.Fatal("the aggregate's proof verifies for Y + 1")
	}
	if _, err := proveAggregate(keys, request([][]string{b.data}, [][]byte{b.bridge})); err == nil ||
		!strings.Contains(err.Error(), "segment 1's proof does not verify") {
		t.Fatalf("the bridge's inner proof: got %v", err)
	}
	again, err := keystore.OpenAggregate(name, inner, dir, keystore.Policy{})
	if err != nil {
		t.Fatalf("the aggregate's keys do not read back: %v", err)
	}
	if !again.Reused || again.Manifest.VerifyingKeyHash != keys.Manifest.VerifyingKeyHash {
		t.Fatalf("read back: reused %v, key hash %s (set up: %s)", again.Reused, again.Manifest.VerifyingKeyHash, keys.Manifest.VerifyingKeyHash)
	}
}

package batchvectors_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"

	"sable/circuits/batchvectors"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
	"sable/circuits/vectors"
)

const file = "../../testdata/vectors/settlement.txt"

// TestSettlementFileIsCurrent regenerates the vectors and compares them with the checked-in file.
func TestSettlementFileIsCurrent(t *testing.T) {
	records, err := batchvectors.Generate()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := vectors.Write(&b, batchvectors.Header, records); err != nil {
		t.Fatal(err)
	}
	onDisk, err := os.ReadFile(filepath.Clean(file))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(onDisk, b.Bytes()) {
		t.Fatal("testdata/vectors/settlement.txt is stale: run `go run ./cmd/vectors` in circuits/")
	}
}

// TestRecordedWitnessesSolve rebuilds gnark's binary witness from each batch's listed elements,
// checks it against the recorded digest, and solves the compiled circuit with it: the file's
// witnesses are proofs' inputs, not just numbers.
func TestRecordedWitnessesSolve(t *testing.T) {
	records, err := vectors.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, settlement.New(ledger.Small))
	if err != nil {
		t.Fatal(err)
	}
	var elements [][]byte
	var digest string
	solved := 0
	flush := func() {
		if elements == nil {
			return
		}
		var bin bytes.Buffer
		for _, n := range []uint32{3, uint32(len(elements) - 3), uint32(len(elements))} {
			_ = binary.Write(&bin, binary.BigEndian, n)
		}
		for _, e := range elements {
			bin.Write(e)
		}
		sum := sha256.Sum256(bin.Bytes())
		if vectors.Bytes(sum[:]) != digest {
			t.Fatalf("witness elements do not match the recorded digest %s", digest)
		}
		w, err := witness.New(ecc.BN254.ScalarField())
		if err != nil {
			t.Fatal(err)
		}
		if err := w.UnmarshalBinary(bin.Bytes()); err != nil {
			t.Fatal(err)
		}
		if err := ccs.IsSolved(w); err != nil {
			t.Fatalf("a recorded witness does not solve the circuit: %v", err)
		}
		solved++
		elements = nil
	}
	for _, r := range records {
		switch r.Kind {
		case "result.witness":
			flush()
			digest = r.Get("sha256")
		case "w":
			elements = append(elements, vectors.ParseBytes(r.Get("value")))
		}
	}
	flush()
	if solved == 0 {
		t.Fatal("no full witness in the file")
	}
}

package vectors_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"sable/circuits/vectors"
)

const vectorDir = "../../testdata/vectors"

// TestGoFileIsCurrent regenerates the Go vectors and compares them with the checked-in file.
func TestGoFileIsCurrent(t *testing.T) {
	var b bytes.Buffer
	if err := vectors.Write(&b, vectors.Header, vectors.Generate()); err != nil {
		t.Fatal(err)
	}
	onDisk, err := os.ReadFile(filepath.Join(vectorDir, "go.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(onDisk, b.Bytes()) {
		t.Fatal("testdata/vectors/go.txt is stale: run `go run ./cmd/vectors` in circuits/")
	}
}

// TestPortfolioFileIsCurrent regenerates the portfolio-margin vectors and compares them with the
// checked-in file.
func TestPortfolioFileIsCurrent(t *testing.T) {
	records, err := vectors.GeneratePortfolio()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := vectors.Write(&b, vectors.PortfolioHeader, records); err != nil {
		t.Fatal(err)
	}
	onDisk, err := os.ReadFile(filepath.Join(vectorDir, "portfolio.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(onDisk, b.Bytes()) {
		t.Fatal("testdata/vectors/portfolio.txt is stale: run `go run ./cmd/vectors` in circuits/")
	}
}

// TestModeSwitchFileIsCurrent regenerates the margin-mode switch vectors and compares them with
// the checked-in file.
func TestModeSwitchFileIsCurrent(t *testing.T) {
	records, err := vectors.GenerateModeSwitch()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := vectors.Write(&b, vectors.ModeSwitchHeader, records); err != nil {
		t.Fatal(err)
	}
	onDisk, err := os.ReadFile(filepath.Join(vectorDir, "modeswitch.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(onDisk, b.Bytes()) {
		t.Fatal("testdata/vectors/modeswitch.txt is stale: run `go run ./cmd/vectors` in circuits/")
	}
}

// TestJavaVectors checks every vector Java made: hashes, leaves, messages, keys, signatures
// (re-signed and verified here), Merkle updates and proofs (replayed on the Go tree).
func TestJavaVectors(t *testing.T) {
	records := readJava(t)
	kinds := map[string]int{}
	d := vectors.NewDeriver()
	for _, r := range records {
		kinds[r.Kind]++
		if err := d.Check(r); err != nil {
			t.Error(err)
		}
	}
	for _, k := range []string{"poseidon2.compress", "poseidon2.hash", "eddsa.key", "eddsa.sig", "leaf.account",
		"leaf.position", "leaf.fill", "leaf.market", "msg.order", "msg.cancel", "msg.withdraw", "smt.update", "smt.proof"} {
		if kinds[k] == 0 {
			t.Errorf("java.txt has no %s vectors", k)
		}
	}
}

// TestTamperedRecordFails shows the checker notices a changed output.
func TestTamperedRecordFails(t *testing.T) {
	for _, r := range readJava(t) {
		if r.Kind != "poseidon2.compress" && r.Kind != "eddsa.sig" {
			continue
		}
		tampered := vectors.NewRecord(r.Kind)
		for _, k := range r.Keys {
			tampered.Keys = append(tampered.Keys, k)
			tampered.Values[k] = r.Values[k]
		}
		last := r.Keys[len(r.Keys)-1]
		v := []byte(tampered.Values[last])
		v[len(v)-1] ^= 1
		tampered.Values[last] = string(v)
		if err := vectors.NewDeriver().Check(tampered); err == nil {
			t.Errorf("tampered %s accepted", r.Kind)
		}
	}
}

func readJava(t *testing.T) []vectors.Record {
	t.Helper()
	records, err := vectors.ReadFile(filepath.Join(vectorDir, "java.txt"))
	if err != nil {
		t.Fatalf("%v (regenerate with: mvn -q -pl state -am test -Dtest=JavaVectorsTest -Dsurefire.failIfNoSpecifiedTests=false -Dsable.vectors.write=true)", err)
	}
	return records
}

package ceremony_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sable/circuits/ceremony"
	"sable/circuits/rehearsal"
	"sable/circuits/stateupdate"
)

// snarkjsPtau was made by snarkjs 0.7.6 (`powersoftau new bn128 8`, then two contributions; see
// scripts/gen-ptau-fixture.sh): a public phase-1 transcript in the format the Perpetual Powers of
// Tau is published in, produced by another implementation.
const snarkjsPtau = "../../testdata/ptau/snarkjs-pot8.ptau"

func TestPhase1ImportedFromAPtauFileMakesKeysThatProveAndVerify(t *testing.T) {
	dir, keyBase := t.TempDir(), t.TempDir()
	h, err := ceremony.Init(rehearsal.Name, dir, snarkjsPtau)
	if err != nil {
		t.Fatal(err)
	}
	if h.Phase1Import == "" {
		t.Fatal("the ptau file's hash is not recorded")
	}
	contribute(t, dir, 2, 2)
	if _, err := ceremony.BeginPhase2(dir, beacon1); err == nil {
		t.Fatal("phase 1 sealed twice")
	}
	if _, _, err := ceremony.Seal(dir, beacon2, keyBase, ""); err == nil || !strings.Contains(err.Error(), "--ptau") {
		t.Fatalf("sealed without the ptau file: %v", err)
	}
	report, keys, err := ceremony.Seal(dir, beacon2, keyBase, snarkjsPtau)
	if err != nil {
		t.Fatal(err)
	}
	if keys.Manifest.Setup.Phase1Import != h.Phase1Import || report.Phase1Import != h.Phase1Import {
		t.Fatalf("manifest %+v, report %+v", keys.Manifest.Setup, report)
	}
	proveAndVerify(t, keys)
	if again, err := ceremony.Verify(dir, keyBase, snarkjsPtau); err != nil || again.TranscriptHash != report.TranscriptHash {
		t.Fatalf("verify: %v, %+v", err, again)
	}
}

func TestATamperedPtauFileIsRefused(t *testing.T) {
	data, err := os.ReadFile(snarkjsPtau)
	if err != nil {
		t.Fatal(err)
	}
	// Swap [τ²]₁ and [τ³]₁: both are valid points of G1, only the structure is broken.
	tampered := filepath.Join(t.TempDir(), "tampered.ptau")
	at := tauG1Offset(t, data) + 2*64
	swapped := append([]byte{}, data[at:at+64]...)
	copy(data[at:at+64], data[at+64:at+128])
	copy(data[at+64:at+128], swapped)
	if err := os.WriteFile(tampered, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ceremony.Init(rehearsal.Name, t.TempDir(), tampered)
	if err == nil || !strings.Contains(err.Error(), "not powers of one τ") {
		t.Fatalf("tampered ptau: %v", err)
	}
}

func TestAnotherPtauFileIsNotTakenForTheImportedOne(t *testing.T) {
	dir := t.TempDir()
	if _, err := ceremony.Init(rehearsal.Name, dir, snarkjsPtau); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "other.ptau")
	data, _ := os.ReadFile(snarkjsPtau)
	if err := os.WriteFile(other, append(data, 0), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ceremony.Verify(dir, "", other); err == nil || !strings.Contains(err.Error(), "was imported from a file with sha256") {
		t.Fatalf("another ptau file accepted: %v", err)
	}
}

func TestAPtauFileTooSmallForTheCircuitIsRefused(t *testing.T) {
	_, err := ceremony.Init(stateupdate.Name, t.TempDir(), snarkjsPtau)
	if err == nil || !strings.Contains(err.Error(), "holds powers for a domain of 256, the circuit needs 16384") {
		t.Fatalf("too small a ptau: %v", err)
	}
}

// tauG1Offset finds section 2 (the [τⁱ]₁ powers) in a .ptau file's section table.
func tauG1Offset(t *testing.T, data []byte) int {
	t.Helper()
	pos := 12
	for pos+12 <= len(data) {
		kind := int(data[pos]) | int(data[pos+1])<<8
		size := 0
		for i := 7; i >= 0; i-- {
			size = size<<8 | int(data[pos+4+i])
		}
		if kind == 2 {
			return pos + 12
		}
		pos += 12 + size
	}
	t.Fatal("no tauG1 section")
	return 0
}

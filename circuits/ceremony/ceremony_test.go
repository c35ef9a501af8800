package ceremony_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/frontend"

	"sable/circuits/ceremony"
	"sable/circuits/keystore"
	"sable/circuits/rehearsal"
)

const (
	beacon1 = "00112233445566778899aabbccddeeff"
	beacon2 = "ffeeddccbbaa99887766554433221100"
)

// contribute runs n contributions of a phase, each as a separate participant would: the last file
// in, the next file out.
func contribute(t *testing.T, dir string, phase, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		in := filepath.Join(dir, name(phase, i))
		out := filepath.Join(dir, name(phase, i+1))
		got, prev, next, err := ceremony.Contribute(in, out)
		if err != nil {
			t.Fatal(err)
		}
		if got != phase || prev.SHA256 == next.SHA256 {
			t.Fatalf("contribution %d: phase %d, %s -> %s", i+1, got, prev.SHA256, next.SHA256)
		}
	}
}

func name(phase, i int) string {
	return fmt.Sprintf("phase%d-%04d.bin", phase, i)
}

// threeParties runs init, three contributions to phase 1, begin-phase2 and three to phase 2.
func threeParties(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := ceremony.Init(rehearsal.Name, dir, ""); err != nil {
		t.Fatal(err)
	}
	contribute(t, dir, 1, 3)
	if _, err := ceremony.BeginPhase2(dir, beacon1); err != nil {
		t.Fatal(err)
	}
	contribute(t, dir, 2, 3)
	return dir
}

func TestAThreePartyCeremonyMakesKeysThatProveAndVerify(t *testing.T) {
	dir, keyBase := threeParties(t), t.TempDir()
	report, keys, err := ceremony.Seal(dir, beacon2, keyBase, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(report.Phase1) != 4 || len(report.Phase2) != 4 || report.TranscriptHash == "" {
		t.Fatalf("report %+v", report)
	}
	setup := keys.Manifest.Setup
	if setup.Kind != keystore.SetupCeremony || setup.TranscriptHash != report.TranscriptHash ||
		setup.Phase1Contributions != 3 || setup.Phase2Contributions != 3 {
		t.Fatalf("manifest setup %+v", setup)
	}

	// The installed keys open, and prove and verify a witness of the circuit.
	opened, err := keystore.Open(rehearsal.Name, keyBase, keystore.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	proveAndVerify(t, opened)

	// Anyone re-verifies the transcript and that these keys came from it.
	again, err := ceremony.Verify(dir, keyBase, "")
	if err != nil {
		t.Fatal(err)
	}
	if again.TranscriptHash != report.TranscriptHash || again.VerifyingKeyHash != report.VerifyingKeyHash ||
		again.KeyDir != keys.Dir {
		t.Fatalf("verify disagrees with seal: %+v vs %+v", again, report)
	}
}

// A participant who contributes on top of an older file forks the chain: rejected.
func TestAContributionThatDoesNotExtendTheLastOneIsRejected(t *testing.T) {
	dir := t.TempDir()
	if _, err := ceremony.Init(rehearsal.Name, dir, ""); err != nil {
		t.Fatal(err)
	}
	contribute(t, dir, 1, 2)
	fork := filepath.Join(dir, "phase1-0003.bin")
	if _, _, _, err := ceremony.Contribute(filepath.Join(dir, "phase1-0001.bin"), fork); err != nil {
		t.Fatal(err)
	}
	wantRejected(t, dir, "phase1-0003.bin does not extend phase1-0002.bin")
	if _, err := ceremony.BeginPhase2(dir, beacon1); err == nil {
		t.Fatal("phase 1 sealed over a forked chain")
	}
}

// Replaying the previous file as a "contribution" adds no randomness: rejected.
func TestAReplayedContributionIsRejected(t *testing.T) {
	dir := threeParties(t)
	copyFile(t, filepath.Join(dir, "phase2-0003.bin"), filepath.Join(dir, "phase2-0004.bin"))
	wantRejected(t, dir, "phase2-0004.bin does not extend phase2-0003.bin")
	if _, _, err := ceremony.Seal(dir, beacon2, t.TempDir(), ""); err == nil {
		t.Fatal("sealed a transcript with a replayed contribution")
	}
}

// Parameters changed without a matching proof of knowledge (a participant who does not know the
// exponent it claims, or a file altered in transit): rejected.
func TestATamperedContributionIsRejected(t *testing.T) {
	dir := threeParties(t)
	path := filepath.Join(dir, "phase2-0002.bin")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 1
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	wantRejected(t, dir, "phase2-0002.bin does not extend phase2-0001.bin")
}

func TestSealingNeedsAContributionInEachPhase(t *testing.T) {
	dir := t.TempDir()
	if _, err := ceremony.Init(rehearsal.Name, dir, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := ceremony.BeginPhase2(dir, beacon1); err == nil || !strings.Contains(err.Error(), "no contribution") {
		t.Fatalf("phase 1 sealed without contributions: %v", err)
	}
	contribute(t, dir, 1, 1)
	if _, err := ceremony.BeginPhase2(dir, beacon1); err != nil {
		t.Fatal(err)
	}
	if _, _, err := ceremony.Seal(dir, beacon2, t.TempDir(), ""); err == nil || !strings.Contains(err.Error(), "no contribution") {
		t.Fatalf("keys sealed without phase 2 contributions: %v", err)
	}
}

func TestKeysFromAnotherTranscriptAreNotTakenForThisOne(t *testing.T) {
	dir, keyBase := threeParties(t), t.TempDir()
	if _, _, err := ceremony.Seal(dir, beacon2, keyBase, ""); err != nil {
		t.Fatal(err)
	}
	other := threeParties(t)
	if _, _, err := ceremony.Seal(other, beacon2, t.TempDir(), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := ceremony.Verify(other, keyBase, ""); err == nil || !strings.Contains(err.Error(), "were not sealed from this transcript") {
		t.Fatalf("foreign keys accepted: %v", err)
	}
}

// proveAndVerify proves a rehearsal witness with keys, verifies the proof, and checks that it does
// not verify for another digest.
func proveAndVerify(t *testing.T, keys *keystore.Keys) {
	t.Helper()
	w, _ := frontend.NewWitness(rehearsal.Assign(40, 2), ecc.BN254.ScalarField())
	proof, err := groth16.Prove(keys.CS, keys.PK, w)
	if err != nil {
		t.Fatal(err)
	}
	public, _ := w.Public()
	if err := groth16.Verify(proof, keys.VK, public); err != nil {
		t.Fatalf("proof from ceremony keys rejected: %v", err)
	}
	wrong, _ := frontend.NewWitness(rehearsal.Assign(40, 3), ecc.BN254.ScalarField())
	wrongPublic, _ := wrong.Public()
	if groth16.Verify(proof, keys.VK, wrongPublic) == nil {
		t.Fatal("proof verified against another digest")
	}
}

func wantRejected(t *testing.T, dir, want string) {
	t.Helper()
	_, err := ceremony.Verify(dir, "", "")
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("verify: %v, want %q", err, want)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

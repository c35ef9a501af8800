package keystore_test

import (
	"testing"

	"sable/circuits/keystore"
	"sable/circuits/stateupdate"
)

func TestKeysAreReusedFromDisk(t *testing.T) {
	dir := t.TempDir()
	first, err := keystore.LoadOrSetup(stateupdate.Name, dir)
	if err != nil {
		t.Fatal(err)
	}
	second, err := keystore.LoadOrSetup(stateupdate.Name, dir)
	if err != nil {
		t.Fatal(err)
	}
	if first.Reused || !second.Reused {
		t.Fatalf("reused flags: first=%v second=%v", first.Reused, second.Reused)
	}
	if first.Hash != second.Hash || first.Dir != second.Dir {
		t.Fatalf("circuit hash not stable: %s vs %s", first.Hash, second.Hash)
	}
	a, _ := first.SolidityVerifier()
	b, _ := second.SolidityVerifier()
	if a != b {
		t.Fatal("verifying key read back differs from the one written")
	}
}

func TestUnknownCircuit(t *testing.T) {
	if _, err := keystore.LoadOrSetup("no-such-circuit", t.TempDir()); err == nil {
		t.Fatal("unknown circuit accepted")
	}
}

package keystore_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"sable/circuits/keystore"
	"sable/circuits/rehearsal"
	"sable/circuits/stateupdate"
)

var dev = keystore.Policy{DevelopmentSetup: true}

func open(t *testing.T, dir string, policy keystore.Policy) *keystore.Keys {
	t.Helper()
	k, err := keystore.Open(rehearsal.Name, dir, policy)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func mustFail(t *testing.T, dir string, policy keystore.Policy, wants ...string) {
	t.Helper()
	_, err := keystore.Open(rehearsal.Name, dir, policy)
	if err == nil {
		t.Fatal("damaged keys were accepted")
	}
	for _, want := range wants {
		if !strings.Contains(err.Error(), want) {
			t.Fatalf("error %q does not mention %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "\n") {
		t.Fatalf("error is not one line: %q", err)
	}
}

func editManifest(t *testing.T, dir string, edit func(m *keystore.Manifest)) {
	t.Helper()
	path := filepath.Join(dir, "manifest.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m keystore.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	edit(&m)
	data, _ = json.Marshal(&m)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestKeysAreReusedFromDisk(t *testing.T) {
	dir := t.TempDir()
	first, err := keystore.Open(stateupdate.Name, dir, dev)
	if err != nil {
		t.Fatal(err)
	}
	second, err := keystore.Open(stateupdate.Name, dir, dev)
	if err != nil {
		t.Fatal(err)
	}
	if first.Reused || !second.Reused {
		t.Fatalf("reused flags: first=%v second=%v", first.Reused, second.Reused)
	}
	if first.Hash != second.Hash || first.Dir != second.Dir {
		t.Fatalf("circuit hash not stable: %s vs %s", first.Hash, second.Hash)
	}
	if second.Manifest.Setup.Kind != keystore.SetupDevelopment {
		t.Fatalf("setup kind %q", second.Manifest.Setup.Kind)
	}
	if keystore.VerifyingKeyHash(first.VK) != keystore.VerifyingKeyHash(second.VK) {
		t.Fatal("verifying key read back differs from the one written")
	}
}

func TestFilesArePrivate(t *testing.T) {
	k := open(t, t.TempDir(), dev)
	for path, want := range map[string]os.FileMode{k.Dir: 0o700, filepath.Join(k.Dir, "pk.dump"): 0o600,
		filepath.Join(k.Dir, "vk.bin"): 0o600, filepath.Join(k.Dir, "manifest.json"): 0o600} {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != want {
			t.Fatalf("%s has mode %o, want %o", path, info.Mode().Perm(), want)
		}
	}
	if err := os.Chmod(filepath.Join(k.Dir, "pk.dump"), 0o644); err != nil {
		t.Fatal(err)
	}
	again := open(t, filepath.Dir(k.Dir), dev)
	if info, _ := os.Stat(filepath.Join(k.Dir, "pk.dump")); info.Mode().Perm() != 0o600 || !strings.Contains(again.Note, "tightened") {
		t.Fatalf("loose permissions not tightened: %o, note %q", info.Mode().Perm(), again.Note)
	}
}

func TestMissingKeysAreRefusedWithoutADevelopmentSetup(t *testing.T) {
	mustFail(t, t.TempDir(), keystore.Policy{}, "no keys for "+rehearsal.Name, "sable ceremony seal")
}

func TestAnInterruptedSetupIsRemoved(t *testing.T) {
	base := t.TempDir()
	k := open(t, base, dev)
	if err := os.RemoveAll(k.Dir); err != nil {
		t.Fatal(err)
	}
	leftover := filepath.Join(base, ".tmp-"+filepath.Base(k.Dir)+"-12345")
	if err := os.MkdirAll(leftover, 0o700); err != nil {
		t.Fatal(err)
	}
	again := open(t, base, dev)
	if _, err := os.Stat(leftover); !os.IsNotExist(err) || !strings.Contains(again.Note, "interrupted") {
		t.Fatalf("leftover %s still there (note %q)", leftover, again.Note)
	}
}

func TestADeletedVerifyingKeyIsRebuilt(t *testing.T) {
	base := t.TempDir()
	k := open(t, base, dev)
	if err := os.Remove(filepath.Join(k.Dir, "vk.bin")); err != nil {
		t.Fatal(err)
	}
	mustFail(t, base, keystore.Policy{}, k.Dir, "vk.bin: missing", "delete the directory")
	again := open(t, base, dev)
	if again.Reused || !strings.Contains(again.Note, "rebuilt damaged development keys (vk.bin: missing)") {
		t.Fatalf("not rebuilt: reused=%v note %q", again.Reused, again.Note)
	}
	if open(t, base, keystore.Policy{}).Manifest.Setup.Kind != keystore.SetupDevelopment {
		t.Fatal("rebuilt set unreadable")
	}
}

func TestATruncatedProvingKeyIsDetected(t *testing.T) {
	base := t.TempDir()
	k := open(t, base, dev)
	pk := filepath.Join(k.Dir, "pk.dump")
	info, _ := os.Stat(pk)
	if err := os.Truncate(pk, info.Size()/2); err != nil {
		t.Fatal(err)
	}
	mustFail(t, base, keystore.Policy{}, "pk.dump: SHA-256", "truncated, corrupted or replaced")
	if again := open(t, base, dev); !strings.Contains(again.Note, "rebuilt") {
		t.Fatalf("truncated development keys not rebuilt: %q", again.Note)
	}
}

// An attacker who swaps in the verifying key of another setup and rewrites the manifest to match
// passes every checksum; the pair check still refuses the set.
func TestASwappedKeyPairIsRefused(t *testing.T) {
	base, other := t.TempDir(), t.TempDir()
	k, foreign := open(t, base, dev), open(t, other, dev)
	data, err := os.ReadFile(filepath.Join(foreign.Dir, "vk.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(k.Dir, "vk.bin"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	mustFail(t, base, keystore.Policy{}, "vk.bin: SHA-256")
	editManifest(t, k.Dir, func(m *keystore.Manifest) {
		m.Files["vk.bin"] = foreign.Manifest.Files["vk.bin"]
		m.VerifyingKeyHash = foreign.Manifest.VerifyingKeyHash
		m.Setup.Kind = keystore.SetupCeremony // and claims ceremony keys, so nothing is rebuilt
	})
	mustFail(t, base, dev, "pk.dump and vk.bin: do not belong together", "ceremony keys, never replaced")
}

func TestAMismatchedManifestIsRefused(t *testing.T) {
	base := t.TempDir()
	k := open(t, base, dev)
	editManifest(t, k.Dir, func(m *keystore.Manifest) {
		m.CircuitHash = strings.Repeat("0", 64)
		m.Setup.Kind = keystore.SetupCeremony
	})
	mustFail(t, base, dev, "manifest.json: made for circuit", "ceremony keys")
	editManifest(t, k.Dir, func(m *keystore.Manifest) {
		m.CircuitHash = k.Hash
		m.VerifyingKeyHash = "0x" + strings.Repeat("ab", 32)
	})
	mustFail(t, base, dev, "vk.bin: verifying key hash")
}

func TestAnUnreadableManifestIsNeverRebuiltOver(t *testing.T) {
	base := t.TempDir()
	k := open(t, base, dev)
	if err := os.WriteFile(filepath.Join(k.Dir, "manifest.json"), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	mustFail(t, base, dev, "manifest.json: not a key manifest", "ceremony keys are restored")
}

func TestConcurrentOpensSetUpOnce(t *testing.T) {
	base := t.TempDir()
	var wg sync.WaitGroup
	hashes := make([]string, 3)
	for i := range hashes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k, err := keystore.Open(rehearsal.Name, base, dev)
			if err != nil {
				t.Error(err)
				return
			}
			hashes[i] = keystore.VerifyingKeyHash(k.VK)
		}()
	}
	wg.Wait()
	if hashes[0] != hashes[1] || hashes[1] != hashes[2] {
		t.Fatalf("concurrent opens made different keys: %v", hashes)
	}
}

func TestUnknownCircuit(t *testing.T) {
	if _, err := keystore.Open("no-such-circuit", t.TempDir(), dev); err == nil {
		t.Fatal("unknown circuit accepted")
	}
}

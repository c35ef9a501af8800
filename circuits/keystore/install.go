package keystore

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
)

const tmpPrefix = ".tmp-"

// Install checks that pk and vk belong to the named circuit and to each other, and installs them
// as a new key set under baseDir (used for ceremony keys). It refuses to replace an existing set.
func Install(name, baseDir string, pk groth16.ProvingKey, vk groth16.VerifyingKey, setup Setup) (*Keys, error) {
	k, err := compiled(name, baseDir)
	if err != nil {
		return nil, err
	}
	if err := checkPair(name, k.CS, pk, vk); err != nil {
		return nil, fmt.Errorf("keys for %s: %w", name, err)
	}
	unlock, err := lockSet(baseDir, filepath.Base(k.Dir))
	if err != nil {
		return nil, err
	}
	defer unlock()
	k.Note = removeInterrupted(baseDir, filepath.Base(k.Dir))
	if _, err := os.Stat(k.Dir); err == nil {
		return nil, fmt.Errorf("a key set for %s already exists in %s: move it away first", name, k.Dir)
	}
	k.PK, k.VK = pk, vk
	if k.Manifest, err = writeSet(baseDir, k, setup); err != nil {
		return nil, err
	}
	return k, nil
}

// writeSet writes k's keys and their manifest (last) into a private temporary directory, syncs
// them, and renames it to k.Dir: a set is complete or absent. The caller holds the set's lock.
func writeSet(baseDir string, k *Keys, setup Setup) (*Manifest, error) {
	tmp, err := os.MkdirTemp(baseDir, tmpPrefix+filepath.Base(k.Dir)+"-") // mode 0700
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp) // nothing left after a successful rename
	m := &Manifest{Format: FormatVersion, Circuit: k.Name, CircuitHash: k.Hash, Constraints: k.Constraints,
		PublicInputs: k.PublicCount, Gnark: GnarkVersion, GnarkCrypto: GnarkCryptoVersion, Setup: setup,
		VerifyingKeyHash: VerifyingKeyHash(k.VK), Files: map[string]string{}}
	if m.Files[pkFile], err = writeFile(filepath.Join(tmp, pkFile), func(w io.Writer) error {
		return k.PK.(*groth16bn254.ProvingKey).WriteDump(w)
	}); err != nil {
		return nil, err
	}
	if m.Files[vkFile], err = writeFile(filepath.Join(tmp, vkFile), func(w io.Writer) error {
		_, err := k.VK.WriteTo(w)
		return err
	}); err != nil {
		return nil, err
	}
	if _, err = writeFile(filepath.Join(tmp, manifestFile), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	}); err != nil {
		return nil, err
	}
	if err := syncDir(tmp); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, k.Dir); err != nil {
		return nil, fmt.Errorf("install keys into %s: %w", k.Dir, err)
	}
	return m, syncDir(baseDir)
}

// writeFile writes a 0600 file, syncs it, and returns its SHA-256.
func writeFile(path string, write func(io.Writer) error) (string, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	w := bufio.NewWriterSize(io.MultiWriter(f, h), 1<<20)
	if err := write(w); err != nil {
		return "", err
	}
	if err := w.Flush(); err != nil {
		return "", err
	}
	if err := f.Sync(); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// lockSet takes an exclusive lock for one key set, so that concurrent processes neither set up the
// same keys twice nor remove each other's work in progress. The lock file stays and is reused.
func lockSet(baseDir, set string) (unlock func(), err error) {
	if err := os.MkdirAll(baseDir, 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(baseDir, "."+set+".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", f.Name(), err)
	}
	return func() { f.Close() }, nil // closing releases the lock
}

// removeInterrupted deletes temporary directories of this set left by a process that died while
// writing it (writers hold the lock, so with the lock held every such directory is abandoned).
func removeInterrupted(baseDir, set string) string {
	leftovers, _ := filepath.Glob(filepath.Join(baseDir, tmpPrefix+set+"-*"))
	removed := 0
	for _, dir := range leftovers {
		if os.RemoveAll(dir) == nil {
			removed++
		}
	}
	if removed == 0 {
		return ""
	}
	return fmt.Sprintf("removed %d interrupted setup(s) of %s", removed, set)
}

// tightenPermissions makes dir 0700 and its files 0600 if they are more open; reports a change.
func tightenPermissions(dir string) (bool, error) {
	changed := false
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o600)
		if d.IsDir() {
			want = 0o700
		}
		if info.Mode().Perm()&^want != 0 {
			changed = true
			return os.Chmod(path, want)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return changed, nil
	}
	return changed, err
}

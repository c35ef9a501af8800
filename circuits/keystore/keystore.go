// Package keystore compiles a named circuit and opens its Groth16 keys from disk. A key directory
// holds pk.dump, vk.bin and manifest.json (written last) and is checked before use: the manifest
// must name this circuit and these libraries, every file must match its SHA-256, and the proving and
// verifying keys must belong together (a proof of the circuit's sample witness verifies). A set that
// fails is damaged: a development set is rebuilt when the caller allows a development setup, any
// other is refused with an error naming the file and the remedy. Directories are named by a hash of
// the compiled constraint system and the pinned library versions, so a change to either makes new
// keys instead of silently reusing stale ones.
package keystore

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"

	"sable/circuits/catalog"
)

// Policy says what Open may do when no usable key set exists.
type Policy struct {
	// DevelopmentSetup allows gnark's single-party setup when the set is absent, and rebuilding a
	// damaged development set. Ceremony keys are never replaced.
	DevelopmentSetup bool
}

// Keys is a compiled circuit with its checked proving and verifying keys.
type Keys struct {
	Name        string
	Hash        string // hex digest naming the key directory
	Dir         string
	CS          constraint.ConstraintSystem
	PK          groth16.ProvingKey
	VK          groth16.VerifyingKey
	Manifest    *Manifest
	Reused      bool   // keys were read from disk rather than made by setup
	Note        string // what Open repaired on the way (a damaged set rebuilt, leftovers removed), or ""
	Constraints int
	PublicCount int
	CompileTime time.Duration
	KeyTime     time.Duration // time to read and check, or to set up, the keys
	// Inner is an aggregate's inner circuit's keys (OpenAggregate), nil for a catalog circuit.
	Inner *Keys
	// checkPair checks that a proving and a verifying key read from disk belong together.
	checkPair func(pk groth16.ProvingKey, vk groth16.VerifyingKey) error
}

// CircuitHash compiles the named circuit and returns the digest that names its key directory.
func CircuitHash(name string) (string, error) {
	cs, err := Compile(name)
	if err != nil {
		return "", err
	}
	return circuitHash(cs)
}

// Compile compiles the named catalog circuit to R1CS.
func Compile(name string) (constraint.ConstraintSystem, error) {
	circuit, err := catalog.Lookup(name)
	if err != nil {
		return nil, err
	}
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, circuit)
	if err != nil {
		return nil, fmt.Errorf("compile %s: %w", name, err)
	}
	return cs, nil
}

// ConstraintSystemHash is CircuitHash for a circuit outside the catalog (a gadget's own test
// circuit whose fixture must go stale with it).
func ConstraintSystemHash(cs constraint.ConstraintSystem) (string, error) { return circuitHash(cs) }

// circuitHash digests the serialized constraint system together with the library versions.
func circuitHash(cs constraint.ConstraintSystem) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n", FormatVersion, LibraryVersions())
	if _, err := cs.WriteTo(h); err != nil {
		return "", fmt.Errorf("serialize constraint system: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// compiled returns the catalog circuit's Keys without keys yet, with its directory under baseDir.
func compiled(name, baseDir string) (*Keys, error) {
	start := time.Now()
	cs, err := Compile(name)
	if err != nil {
		return nil, err
	}
	k, err := withDir(name, cs, start, baseDir)
	if err != nil {
		return nil, err
	}
	k.checkPair = func(pk groth16.ProvingKey, vk groth16.VerifyingKey) error { return checkPair(name, cs, pk, vk) }
	return k, nil
}

// withDir is the compiled circuit's Keys without keys yet, its directory under baseDir named by
// its hash.
func withDir(name string, cs constraint.ConstraintSystem, start time.Time, baseDir string) (*Keys, error) {
	k := &Keys{Name: name, CS: cs, CompileTime: time.Since(start),
		Constraints: cs.GetNbConstraints(), PublicCount: cs.GetNbPublicVariables() - 1}
	var err error
	if k.Hash, err = circuitHash(cs); err != nil {
		return nil, err
	}
	k.Dir = filepath.Join(baseDir, name+"-"+k.Hash[:16])
	return k, nil
}

// Open compiles the named circuit and returns its checked keys from baseDir, setting them up first
// (single-party, development only) if the policy allows it and no set exists.
func Open(name, baseDir string, policy Policy) (*Keys, error) {
	k, err := compiled(name, baseDir)
	if err != nil {
		return nil, err
	}
	return k.open(baseDir, policy)
}

// open reads and checks k's key set from disk, or sets it up as the policy allows.
func (k *Keys) open(baseDir string, policy Policy) (*Keys, error) {
	name := k.Name
	unlock, err := lockSet(baseDir, filepath.Base(k.Dir))
	if err != nil {
		return nil, err
	}
	defer unlock()
	start := time.Now()
	k.Note = removeInterrupted(baseDir, filepath.Base(k.Dir))

	if _, statErr := os.Stat(k.Dir); errors.Is(statErr, fs.ErrNotExist) {
		if !policy.DevelopmentSetup {
			return nil, fmt.Errorf("no keys for %s in %s: seal a ceremony into %s (`sable ceremony seal --key-dir %s`)",
				name, k.Dir, baseDir, baseDir)
		}
		err = k.setUpForDevelopment(baseDir)
	} else if statErr != nil {
		return nil, statErr
	} else if err = k.load(); err == nil {
		k.Reused = true
	} else if damaged := (*DamagedError)(nil); errors.As(err, &damaged) &&
		damaged.Kind == SetupDevelopment && policy.DevelopmentSetup {
		if err = os.RemoveAll(k.Dir); err == nil {
			k.Note = join(k.Note, "rebuilt damaged development keys ("+damaged.File+": "+damaged.Problem+")")
			err = k.setUpForDevelopment(baseDir)
		}
	}
	if err != nil {
		return nil, err
	}
	k.KeyTime = time.Since(start)
	return k, nil
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// load reads the key set in k.Dir and checks it; a failed check is a *DamagedError.
func (k *Keys) load() error {
	m, err := readManifest(k.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return &DamagedError{Dir: k.Dir, File: manifestFile, Problem: "missing (the set was never completed)"}
	} else if err != nil {
		return &DamagedError{Dir: k.Dir, File: manifestFile, Problem: err.Error()}
	}
	damaged := func(file, problem string) error {
		return &DamagedError{Dir: k.Dir, File: file, Problem: problem, Kind: m.Setup.Kind}
	}
	if problem := m.mismatch(k.Name, k.Hash); problem != "" {
		return damaged(manifestFile, problem)
	}
	for _, file := range []string{pkFile, vkFile} {
		want, listed := m.Files[file]
		if !listed {
			return damaged(manifestFile, "lists no "+file)
		}
		got, err := fileDigest(filepath.Join(k.Dir, file))
		if errors.Is(err, fs.ErrNotExist) {
			return damaged(file, "missing")
		} else if err != nil {
			return damaged(file, err.Error())
		}
		if got != want {
			return damaged(file, fmt.Sprintf("SHA-256 %.16s…, the manifest says %.16s… (truncated, corrupted or replaced)", got, want))
		}
	}
	pk, vk := groth16.NewProvingKey(ecc.BN254), groth16.NewVerifyingKey(ecc.BN254)
	if err := readFile(filepath.Join(k.Dir, pkFile), func(r io.Reader) error {
		// ReadDump skips point checks; the file's digest matched the manifest written with it.
		return pk.(*groth16bn254.ProvingKey).ReadDump(r)
	}); err != nil {
		return damaged(pkFile, "unreadable: "+err.Error())
	}
	if err := readFile(filepath.Join(k.Dir, vkFile), func(r io.Reader) error {
		_, err := vk.ReadFrom(r)
		return err
	}); err != nil {
		return damaged(vkFile, "unreadable: "+err.Error())
	}
	if got := VerifyingKeyHash(vk); got != m.VerifyingKeyHash {
		return damaged(vkFile, "verifying key hash "+got+", the manifest says "+m.VerifyingKeyHash)
	}
	if err := k.checkPair(pk, vk); err != nil {
		return damaged(pkFile+" and "+vkFile, "do not belong together: "+err.Error())
	}
	if tightened, err := tightenPermissions(k.Dir); err != nil {
		return err
	} else if tightened {
		k.Note = join(k.Note, "permissions of "+k.Dir+" tightened to 0700, its files to 0600")
	}
	k.PK, k.VK, k.Manifest = pk, vk, m
	return nil
}

// checkPair proves the circuit's sample witness with pk and verifies the proof with vk.
func checkPair(name string, cs constraint.ConstraintSystem, pk groth16.ProvingKey, vk groth16.VerifyingKey) (err error) {
	defer func() {
		if r := recover(); r != nil { // a proving key of another circuit can make gnark index out of range
			err = fmt.Errorf("proving the sample witness panicked: %v", r)
		}
	}()
	sample, err := catalog.Sample(name)
	if err != nil {
		return err
	}
	w, err := frontend.NewWitness(sample, ecc.BN254.ScalarField())
	if err != nil {
		return err
	}
	proof, err := groth16.Prove(cs, pk, w)
	if err != nil {
		return fmt.Errorf("the proving key cannot prove the sample witness: %w", err)
	}
	public, err := w.Public()
	if err != nil {
		return err
	}
	if err := groth16.Verify(proof, vk, public); err != nil {
		return errors.New("a proof of the sample witness made with the proving key fails the verifying key")
	}
	return nil
}

// setUpForDevelopment runs gnark's single-party setup and installs the keys.
func (k *Keys) setUpForDevelopment(baseDir string) error {
	pk, vk, err := groth16.Setup(k.CS)
	if err != nil {
		return fmt.Errorf("groth16 setup of %s: %w", k.Name, err)
	}
	k.PK, k.VK = pk, vk
	k.Manifest, err = writeSet(baseDir, k, Setup{Kind: SetupDevelopment})
	return err
}

// SolidityVerifier exports the gnark Solidity verifier contract for these keys.
func (k *Keys) SolidityVerifier() (string, error) {
	return SolidityVerifier(k.VK)
}

func readFile(path string, read func(io.Reader) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return read(bufio.NewReaderSize(f, 1<<20))
}

// Package keystore compiles a named circuit and loads its Groth16 keys from disk, running the
// (single-party, development-only) setup once and caching the result. Key directories are named by
// a hash of the compiled constraint system and the gnark/gnark-crypto versions, so a change to
// either makes new keys instead of silently reusing stale ones.
package keystore

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"

	"sable/circuits/catalog"
)

// FormatVersion changes whenever the layout of a key directory changes.
const FormatVersion = "sable-keys-1"

const (
	pkFile = "pk.dump"
	vkFile = "vk.bin"
)

// Keys is a compiled circuit with its proving and verifying keys.
type Keys struct {
	Name        string
	Hash        string // hex digest naming the key directory
	Dir         string
	CS          constraint.ConstraintSystem
	PK          groth16.ProvingKey
	VK          groth16.VerifyingKey
	Reused      bool // keys were read from disk rather than made by setup
	Constraints int
	PublicCount int
	CompileTime time.Duration
	KeyTime     time.Duration // time to read or to set up the keys
}

// CircuitHash compiles the named circuit and returns the digest that names its key directory.
func CircuitHash(name string) (string, error) {
	cs, err := compile(name)
	if err != nil {
		return "", err
	}
	return circuitHash(cs)
}

func compile(name string) (constraint.ConstraintSystem, error) {
	circuit, err := catalog.Lookup(name)
	if err != nil {
		return nil, err
	}
	return compileCircuit(name, circuit)
}

func compileCircuit(name string, circuit frontend.Circuit) (constraint.ConstraintSystem, error) {
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, circuit)
	if err != nil {
		return nil, fmt.Errorf("compile %s: %w", name, err)
	}
	return cs, nil
}

// LoadOrSetup compiles the named circuit and returns its keys from baseDir, setting them up first
// if no key directory for this exact circuit and library version exists.
func LoadOrSetup(name, baseDir string) (*Keys, error) {
	circuit, err := catalog.Lookup(name)
	if err != nil {
		return nil, err
	}
	return LoadOrSetupCircuit(name, circuit, baseDir)
}

// LoadOrSetupCircuit is LoadOrSetup for a circuit that is not in the catalog (benchmarks at other
// capacities); the directory is still named after the compiled circuit's hash.
func LoadOrSetupCircuit(name string, circuit frontend.Circuit, baseDir string) (*Keys, error) {
	start := time.Now()
	cs, err := compileCircuit(name, circuit)
	if err != nil {
		return nil, err
	}
	k := &Keys{Name: name, CS: cs, CompileTime: time.Since(start),
		Constraints: cs.GetNbConstraints(), PublicCount: cs.GetNbPublicVariables() - 1}
	if k.Hash, err = circuitHash(cs); err != nil {
		return nil, err
	}
	k.Dir = filepath.Join(baseDir, name+"-"+k.Hash[:16])

	start = time.Now()
	if _, statErr := os.Stat(filepath.Join(k.Dir, vkFile)); statErr == nil {
		if err := k.read(); err != nil {
			return nil, fmt.Errorf("read keys from %s: %w", k.Dir, err)
		}
		k.Reused = true
	} else {
		if err := k.setupAndWrite(baseDir); err != nil {
			return nil, err
		}
	}
	k.KeyTime = time.Since(start)
	return k, nil
}

// circuitHash digests the serialized constraint system together with the library versions.
func circuitHash(cs constraint.ConstraintSystem) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n", FormatVersion, LibraryVersions())
	if _, err := cs.WriteTo(h); err != nil {
		return "", fmt.Errorf("serialize constraint system: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// LibraryVersions names the gnark and gnark-crypto module versions linked into this binary.
func LibraryVersions() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "gnark=unknown"
	}
	versions := ""
	for _, dep := range info.Deps {
		if dep.Path == "github.com/consensys/gnark" || dep.Path == "github.com/consensys/gnark-crypto" {
			versions += dep.Path + "@" + dep.Version + " "
		}
	}
	return versions
}

func (k *Keys) read() error {
	k.PK = groth16.NewProvingKey(ecc.BN254)
	k.VK = groth16.NewVerifyingKey(ecc.BN254)
	if err := readFile(filepath.Join(k.Dir, pkFile), func(r io.Reader) error {
		// ReadDump skips point checks: only for files this process family wrote itself.
		return k.PK.(*groth16bn254.ProvingKey).ReadDump(r)
	}); err != nil {
		return err
	}
	return readFile(filepath.Join(k.Dir, vkFile), func(r io.Reader) error {
		_, err := k.VK.ReadFrom(r)
		return err
	})
}

// setupAndWrite runs setup and writes the keys into a temporary directory renamed into place, so
// a crash mid-write never leaves a half-written key directory that a later start would trust.
func (k *Keys) setupAndWrite(baseDir string) error {
	pk, vk, err := groth16.Setup(k.CS)
	if err != nil {
		return fmt.Errorf("groth16 setup of %s: %w", k.Name, err)
	}
	k.PK, k.VK = pk, vk
	if err := os.MkdirAll(baseDir, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(baseDir, ".tmp-"+k.Name+"-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := writeFile(filepath.Join(tmp, pkFile), func(w io.Writer) error {
		return pk.(*groth16bn254.ProvingKey).WriteDump(w)
	}); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(tmp, vkFile), func(w io.Writer) error {
		_, err := vk.WriteTo(w)
		return err
	}); err != nil {
		return err
	}
	if err := os.Rename(tmp, k.Dir); err != nil {
		// Another process may have installed keys for this circuit first: use theirs.
		if _, statErr := os.Stat(filepath.Join(k.Dir, vkFile)); statErr != nil {
			return fmt.Errorf("install keys into %s: %w", k.Dir, err)
		}
		return k.read()
	}
	return nil
}

// SolidityVerifier exports the gnark Solidity verifier contract for these keys.
func (k *Keys) SolidityVerifier() (string, error) {
	var buf bytes.Buffer
	if err := k.VK.ExportSolidity(&buf); err != nil {
		return "", fmt.Errorf("export solidity verifier: %w", err)
	}
	return buf.String(), nil
}

func readFile(path string, read func(io.Reader) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return read(bufio.NewReaderSize(f, 1<<20))
}

func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := write(w); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

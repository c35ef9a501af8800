// Package ceremony runs a multi-party Groth16 setup for a catalog circuit on gnark's
// backend/groth16/bn254/mpcsetup: phase 1 (powers of tau, any circuit of the domain size) and the
// circuit-specific phase 2, each a chain of contributions. Whoever contributes adds fresh randomness
// and a proof of knowledge of it; the keys are sound unless every contributor kept and shared its
// randomness. Everything is files: a transcript directory holds
//
//	ceremony.json          circuit, circuit hash, domain size, library versions, beacons
//	phase1-0000.bin        the initial phase 1 (reproducible), then one file per contribution
//	srs.bin                phase 1 sealed with its beacon (written by BeginPhase2)
//
// or, instead of the phase 1 files, the SHA-256 of a public powers-of-tau file (snarkjs .ptau,
// e.g. the Perpetual Powers of Tau) that Init imported phase 1 from; verifying then needs the file.
//
//	phase2-0000.bin        the initial phase 2 (reproducible from the circuit and srs.bin), then
//	                       one file per contribution
//
// A participant takes the last file, runs Contribute on their own machine, and hands back the next
// one; Verify re-checks the whole transcript from scratch; Seal verifies, applies the final beacon
// and installs the keys with a manifest naming the transcript's hash.
package ceremony

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16/bn254/mpcsetup"
	csbn254 "github.com/consensys/gnark/constraint/bn254"

	"sable/circuits/keystore"
)

// Format names the transcript layout.
const Format = "sable-ceremony-1"

const (
	headerFile = "ceremony.json"
	srsFile    = "srs.bin"
)

// The first bytes of every contribution file: which phase it belongs to.
var (
	phase1Magic = []byte("sable-ceremony-phase1\n")
	phase2Magic = []byte("sable-ceremony-phase2\n")
)

// Header is ceremony.json.
type Header struct {
	Format      string `json:"format"`
	Circuit     string `json:"circuit"`
	CircuitHash string `json:"circuitHash"`
	DomainSize  uint64 `json:"domainSize"`
	Gnark       string `json:"gnark"`
	GnarkCrypto string `json:"gnarkCrypto"`
	// Phase1Beacon and Phase2Beacon (hex) are public randomness fixed after the last contribution
	// of each phase, e.g. an L1 block hash at a height announced in advance.
	Phase1Beacon string `json:"phase1Beacon,omitempty"`
	Phase2Beacon string `json:"phase2Beacon,omitempty"`
	// Phase1Import is the SHA-256 of the .ptau file phase 1 was imported from, if it was.
	Phase1Import string `json:"phase1Import,omitempty"`
}

// Init starts a ceremony for the named circuit in dir (which must not hold one yet) and writes the
// initial phase 1 for the first participant; or, given a .ptau file, imports phase 1 from it and
// writes the initial phase 2.
func Init(circuit, dir, ptau string) (*Header, error) {
	cs, err := keystore.Compile(circuit)
	if err != nil {
		return nil, err
	}
	hash, err := keystore.CircuitHash(circuit)
	if err != nil {
		return nil, err
	}
	h := &Header{Format: Format, Circuit: circuit, CircuitHash: hash,
		DomainSize: ecc.NextPowerOfTwo(uint64(cs.GetNbConstraints())),
		Gnark:      keystore.GnarkVersion, GnarkCrypto: keystore.GnarkCryptoVersion}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, headerFile)); err == nil {
		return nil, fmt.Errorf("%s already holds a ceremony", dir)
	}
	if ptau == "" {
		err = writeNew(filepath.Join(dir, phaseFile(1, 0)), phase1Magic, mpcsetup.NewPhase1(h.DomainSize))
	} else {
		err = startFromPtau(h, cs.(*csbn254.R1CS), dir, ptau)
	}
	if err != nil {
		return nil, err
	}
	return h, writeHeader(dir, h)
}

func startFromPtau(h *Header, r1cs *csbn254.R1CS, dir, ptau string) error {
	sum, err := fileDigest(ptau)
	if err != nil {
		return err
	}
	commons, err := importPtau(ptau, h.DomainSize)
	if err != nil {
		return err
	}
	h.Phase1Import = sum
	var initial mpcsetup.Phase2
	initial.Initialize(r1cs, &commons)
	return writeNew(filepath.Join(dir, phaseFile(2, 0)), phase2Magic, &initial)
}

// Contribution is one file of a phase's chain.
type Contribution struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
}

// Contribute reads the last contribution (phase 1 or 2) from in, adds this machine's randomness
// (from crypto/rand, never stored), and writes the result to out, which must not exist yet.
func Contribute(in, out string) (phase int, prev, next Contribution, err error) {
	data, err := os.ReadFile(in)
	if err != nil {
		return 0, prev, next, err
	}
	prev = Contribution{File: filepath.Base(in), SHA256: digest(data)}
	var contribution interface {
		io.WriterTo
		Contribute()
	}
	switch {
	case bytes.HasPrefix(data, phase1Magic):
		phase, contribution = 1, new(mpcsetup.Phase1)
	case bytes.HasPrefix(data, phase2Magic):
		phase, contribution = 2, new(mpcsetup.Phase2)
	default:
		return 0, prev, next, fmt.Errorf("%s is not a ceremony contribution file", in)
	}
	if err := decode(data, contribution.(io.ReaderFrom)); err != nil {
		return 0, prev, next, fmt.Errorf("%s: %w", in, err)
	}
	contribution.Contribute()
	magic := phase1Magic
	if phase == 2 {
		magic = phase2Magic
	}
	if err := writeNew(out, magic, contribution); err != nil {
		return 0, prev, next, err
	}
	sum, err := fileDigest(out)
	return phase, prev, Contribution{File: filepath.Base(out), SHA256: sum}, err
}

func phaseFile(phase, index int) string {
	return fmt.Sprintf("phase%d-%04d.bin", phase, index)
}

func readHeader(dir string) (*Header, error) {
	data, err := os.ReadFile(filepath.Join(dir, headerFile))
	if err != nil {
		return nil, fmt.Errorf("no ceremony in %s: %w", dir, err)
	}
	var h Header
	if err := json.Unmarshal(data, &h); err != nil {
		return nil, fmt.Errorf("%s: %w", headerFile, err)
	}
	if h.Format != Format {
		return nil, fmt.Errorf("%s: format %q, this build reads %q", headerFile, h.Format, Format)
	}
	return &h, nil
}

func writeHeader(dir string, h *Header) error {
	data, err := json.MarshalIndent(h, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, headerFile+".tmp")
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, headerFile))
}

// writeNew writes magic and v to a new file (never over an existing one) and syncs it.
func writeNew(path string, magic []byte, v io.WriterTo) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	_, err = w.Write(magic)
	if err == nil {
		_, err = v.WriteTo(w)
	}
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// decode reads v from data after its magic and insists that nothing follows.
func decode(data []byte, v io.ReaderFrom) error {
	r := bytes.NewReader(data[len(phase1Magic):]) // both magics have the same length
	if _, err := v.ReadFrom(r); err != nil {
		return fmt.Errorf("malformed: %w", err)
	}
	if r.Len() != 0 {
		return fmt.Errorf("malformed: %d trailing bytes", r.Len())
	}
	return nil
}

func encode(magic []byte, v io.WriterTo) []byte {
	var b bytes.Buffer
	b.Write(magic)
	if _, err := v.WriteTo(&b); err != nil {
		panic(err) // writing to memory cannot fail
	}
	return b.Bytes()
}

func digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func fileDigest(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return digest(data), nil
}

func parseBeacon(beacon string) ([]byte, error) {
	b, err := hex.DecodeString(beacon)
	if err != nil || len(b) < 16 {
		return nil, errors.New("the beacon must be at least 16 bytes of hex (e.g. an L1 block hash announced in advance)")
	}
	return b, nil
}

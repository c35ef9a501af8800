package ceremony

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/groth16/bn254/mpcsetup"
	cs "github.com/consensys/gnark/constraint/bn254"

	"sable/circuits/keystore"
)

// Report is what verifying a transcript found.
type Report struct {
	Circuit     string         `json:"circuit"`
	CircuitHash string         `json:"circuitHash"`
	DomainSize  uint64         `json:"domainSize"`
	Phase1      []Contribution `json:"phase1"` // the initial file, then each contribution
	Phase2      []Contribution `json:"phase2"`
	// Phase1Import is the SHA-256 of the .ptau file phase 1 was imported from, if it was.
	Phase1Import string `json:"phase1Import,omitempty"`
	// Sealed transcripts only: the digest recorded in the keys' manifest, and the key they seal to.
	TranscriptHash   string `json:"transcriptHash,omitempty"`
	VerifyingKeyHash string `json:"verifyingKeyHash,omitempty"`
	KeyDir           string `json:"keyDir,omitempty"` // the key set checked against the transcript
}

// transcript is a ceremony directory being verified, phase by phase.
type transcript struct {
	dir     string
	header  *Header
	r1cs    *cs.R1CS
	report  Report
	phase1  *mpcsetup.Phase1 // last verified phase 1 contribution
	srs     string           // digest of srs.bin
	commons mpcsetup.SrsCommons
	evals   mpcsetup.Phase2Evaluations
	phase2  *mpcsetup.Phase2 // last verified phase 2 contribution
}

func open(dir string) (*transcript, error) {
	h, err := readHeader(dir)
	if err != nil {
		return nil, err
	}
	compiled, err := keystore.Compile(h.Circuit)
	if err != nil {
		return nil, err
	}
	hash, err := keystore.CircuitHash(h.Circuit)
	if err != nil {
		return nil, err
	}
	if hash != h.CircuitHash {
		return nil, fmt.Errorf("the ceremony in %s is for circuit hash %s, this build compiles %s (%s)",
			dir, h.CircuitHash, h.Circuit, hash)
	}
	return &transcript{dir: dir, header: h, r1cs: compiled.(*cs.R1CS),
		report: Report{Circuit: h.Circuit, CircuitHash: h.CircuitHash, DomainSize: h.DomainSize}}, nil
}

// link is a contribution of either phase: it reads and writes itself and verifies its successor.
type link[T any] interface {
	*T
	io.ReaderFrom
	io.WriterTo
	Verify(next *T) error
}

// verifyChain checks that phaseN-0000.bin is first (the initial state every verifier computes)
// and that every later file extends the one before it; it returns the last contribution and the
// chain's files.
func verifyChain[T any, P link[T]](dir string, phase int, magic []byte, first P) (P, []Contribution, error) {
	last, initial := first, encode(magic, first)
	var chain []Contribution
	for i := 0; ; i++ {
		name := phaseFile(phase, i)
		data, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) && i > 0 {
			return last, chain, nil
		} else if err != nil {
			return last, chain, err
		}
		if i == 0 && !bytes.Equal(data, initial) {
			return last, chain, fmt.Errorf("%s is not the initial state this build computes", name)
		}
		if i > 0 {
			next := P(new(T))
			err = decode(data, next)
			if err == nil {
				err = last.Verify((*T)(next))
			}
			if err != nil {
				return last, chain, fmt.Errorf("%s does not extend %s: %w", name, phaseFile(phase, i-1), err)
			}
			last = next
		}
		chain = append(chain, Contribution{File: name, SHA256: digest(data)})
	}
}

func (t *transcript) verifyPhase1() (err error) {
	t.phase1, t.report.Phase1, err = verifyChain(t.dir, 1, phase1Magic, mpcsetup.NewPhase1(t.header.DomainSize))
	return err
}

// sealPhase1 applies the phase 1 beacon to the last contribution (which it consumes).
func (t *transcript) sealPhase1(beacon []byte) error {
	if len(t.report.Phase1) < 2 {
		return errors.New("phase 1 has no contribution yet: at least one participant must contribute")
	}
	t.commons = t.phase1.Seal(beacon)
	return nil
}

// importPhase1 takes phase 1 from the .ptau file the ceremony was started from.
func (t *transcript) importPhase1(ptau string) error {
	if ptau == "" {
		return fmt.Errorf("phase 1 of %s was imported from a .ptau file (sha256 %s): pass that file (--ptau)",
			t.dir, t.header.Phase1Import)
	}
	sum, err := fileDigest(ptau)
	if err != nil {
		return err
	}
	if sum != t.header.Phase1Import {
		return fmt.Errorf("%s has sha256 %s, phase 1 of %s was imported from a file with sha256 %s",
			ptau, sum, t.dir, t.header.Phase1Import)
	}
	if t.commons, err = importPtau(ptau, t.header.DomainSize); err != nil {
		return err
	}
	t.srs = digest(encode(nil, &t.commons))
	t.report.Phase1Import = sum
	return nil
}

// establishPhase1 verifies phase 1 and reports whether it is sealed (t.commons set): from the
// transcript's own chain and beacon, or imported.
func (t *transcript) establishPhase1(ptau string) (sealed bool, err error) {
	if t.header.Phase1Import != "" {
		return true, t.importPhase1(ptau)
	}
	if err := t.verifyPhase1(); err != nil || t.header.Phase1Beacon == "" {
		return false, err
	}
	return true, t.verifySRS()
}

func (t *transcript) verifySRS() error {
	beacon, err := parseBeacon(t.header.Phase1Beacon)
	if err != nil {
		return fmt.Errorf("%s: phase 1 beacon: %w", headerFile, err)
	}
	if err := t.sealPhase1(beacon); err != nil {
		return err
	}
	data, err := os.ReadFile(filepath.Join(t.dir, srsFile))
	if err != nil {
		return err
	}
	if !bytes.Equal(data, encode(nil, &t.commons)) {
		return fmt.Errorf("%s is not phase 1 sealed with the recorded beacon", srsFile)
	}
	t.srs = digest(data)
	return nil
}

// initialPhase2 is the phase 2 every verifier computes from the circuit and the sealed phase 1.
func (t *transcript) initialPhase2() *mpcsetup.Phase2 {
	p := new(mpcsetup.Phase2)
	t.evals = p.Initialize(t.r1cs, &t.commons)
	return p
}

func (t *transcript) verifyPhase2() (err error) {
	t.phase2, t.report.Phase2, err = verifyChain(t.dir, 2, phase2Magic, t.initialPhase2())
	return err
}

// seal applies the phase 2 beacon and returns the keys; it records the transcript's hash.
func (t *transcript) seal(beacon []byte) (groth16.ProvingKey, groth16.VerifyingKey, error) {
	if len(t.report.Phase2) < 2 {
		return nil, nil, errors.New("phase 2 has no contribution yet: at least one participant must contribute")
	}
	pk, vk := t.phase2.Seal(&t.commons, &t.evals, beacon)
	t.report.TranscriptHash = t.transcriptHash()
	t.report.VerifyingKeyHash = keystore.VerifyingKeyHash(vk)
	return pk, vk, nil
}

// transcriptHash digests every file of the transcript in order and both beacons.
func (t *transcript) transcriptHash() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\ncircuit %s %s\n", Format, t.header.Circuit, t.header.CircuitHash)
	if t.header.Phase1Import != "" {
		fmt.Fprintf(&b, "ptau %s\n", t.header.Phase1Import)
	}
	for _, c := range t.report.Phase1 {
		fmt.Fprintf(&b, "phase1 %s\n", c.SHA256)
	}
	fmt.Fprintf(&b, "beacon1 %s\nsrs %s\n", t.header.Phase1Beacon, t.srs)
	for _, c := range t.report.Phase2 {
		fmt.Fprintf(&b, "phase2 %s\n", c.SHA256)
	}
	fmt.Fprintf(&b, "beacon2 %s\n", t.header.Phase2Beacon)
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// Verify checks the whole transcript in dir from scratch: every contribution extends the one
// before it with a valid proof of knowledge, the sealed (or imported, from the .ptau file ptau)
// phase 1 and the initial phase 2 are what the circuit and the beacon give, and, once sealed,
// which keys it seals to. With keyDir, it also checks that the ceremony key set installed there
// was sealed from this transcript.
func Verify(dir, keyDir, ptau string) (*Report, error) {
	t, err := open(dir)
	if err != nil {
		return nil, err
	}
	if sealed, err := t.establishPhase1(ptau); err != nil {
		return &t.report, err
	} else if sealed {
		if err := t.verifyPhase2(); err != nil {
			return &t.report, err
		}
	}
	if t.header.Phase2Beacon != "" {
		beacon, err := parseBeacon(t.header.Phase2Beacon)
		if err != nil {
			return &t.report, fmt.Errorf("%s: phase 2 beacon: %w", headerFile, err)
		}
		if _, _, err := t.seal(beacon); err != nil {
			return &t.report, err
		}
	}
	if keyDir != "" {
		return &t.report, t.checkKeys(keyDir)
	}
	return &t.report, nil
}

func (t *transcript) checkKeys(keyDir string) error {
	if t.report.TranscriptHash == "" {
		return fmt.Errorf("the ceremony in %s is not sealed yet: there are no keys to check", t.dir)
	}
	keys, err := keystore.Open(t.header.Circuit, keyDir, keystore.Policy{})
	if err != nil {
		return err
	}
	m := keys.Manifest
	if m.Setup.Kind != keystore.SetupCeremony || m.Setup.TranscriptHash != t.report.TranscriptHash ||
		m.VerifyingKeyHash != t.report.VerifyingKeyHash {
		return fmt.Errorf("the keys in %s (%s, verifying key %s) were not sealed from this transcript "+
			"(transcript %s seals to verifying key %s)", keys.Dir, m.Setup.Describe(), m.VerifyingKeyHash,
			t.report.TranscriptHash, t.report.VerifyingKeyHash)
	}
	t.report.KeyDir = keys.Dir
	return nil
}

// BeginPhase2 verifies phase 1, seals it with the beacon, and writes the initial phase 2 for the
// first participant of the circuit-specific phase.
func BeginPhase2(dir, beaconHex string) (*Report, error) {
	beacon, err := parseBeacon(beaconHex)
	if err != nil {
		return nil, err
	}
	t, err := open(dir)
	if err != nil {
		return nil, err
	}
	if t.header.Phase1Beacon != "" || t.header.Phase1Import != "" {
		return nil, fmt.Errorf("phase 1 of %s is sealed already (beacon %q, imported %q)", dir,
			t.header.Phase1Beacon, t.header.Phase1Import)
	}
	if err := t.verifyPhase1(); err != nil {
		return &t.report, err
	}
	if err := t.sealPhase1(beacon); err != nil {
		return &t.report, err
	}
	// Leftovers of an interrupted BeginPhase2 are recomputed: they are reproducible.
	for _, name := range []string{srsFile, phaseFile(2, 0)} {
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	if err := writeNew(filepath.Join(dir, srsFile), nil, &t.commons); err != nil {
		return nil, err
	}
	if err := writeNew(filepath.Join(dir, phaseFile(2, 0)), phase2Magic, t.initialPhase2()); err != nil {
		return nil, err
	}
	t.header.Phase1Beacon = beaconHex
	return &t.report, writeHeader(dir, t.header)
}

// Seal verifies the whole transcript (phase 1 imported from the .ptau file ptau, if it was),
// applies the phase 2 beacon, and installs the keys as a new ceremony key set under keyBase, with
// the transcript's hash in its manifest.
func Seal(dir, beaconHex, keyBase, ptau string) (*Report, *keystore.Keys, error) {
	beacon, err := parseBeacon(beaconHex)
	if err != nil {
		return nil, nil, err
	}
	t, err := open(dir)
	if err != nil {
		return nil, nil, err
	}
	if t.header.Phase2Beacon != "" && t.header.Phase2Beacon != beaconHex {
		return nil, nil, fmt.Errorf("%s was sealed with beacon %s already", dir, t.header.Phase2Beacon)
	}
	if sealed, err := t.establishPhase1(ptau); err != nil {
		return &t.report, nil, err
	} else if !sealed {
		return &t.report, nil, fmt.Errorf("phase 1 of %s is not sealed: run begin-phase2 first", dir)
	}
	if err := t.verifyPhase2(); err != nil {
		return &t.report, nil, err
	}
	t.header.Phase2Beacon = beaconHex
	pk, vk, err := t.seal(beacon)
	if err != nil {
		return &t.report, nil, err
	}
	keys, err := keystore.Install(t.header.Circuit, keyBase, pk, vk, keystore.Setup{
		Kind: keystore.SetupCeremony, TranscriptHash: t.report.TranscriptHash, Phase1Import: t.header.Phase1Import,
		Phase1Contributions: max(len(t.report.Phase1)-1, 0), Phase2Contributions: len(t.report.Phase2) - 1})
	if err != nil {
		return &t.report, nil, err
	}
	t.report.KeyDir = keys.Dir
	return &t.report, keys, writeHeader(dir, t.header)
}

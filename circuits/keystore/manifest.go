package keystore

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// FormatVersion changes whenever the layout of a key directory changes.
const FormatVersion = "sable-keys-2"

const (
	pkFile       = "pk.dump"
	vkFile       = "vk.bin"
	manifestFile = "manifest.json"
)

// The kinds of setup a key set can come from.
const (
	// SetupDevelopment is gnark's single-party setup: whoever ran it can forge proofs.
	SetupDevelopment = "development"
	// SetupCeremony is a multi-party ceremony: sound unless every participant colluded.
	SetupCeremony = "ceremony"
)

// Setup says where a key set's randomness came from.
type Setup struct {
	Kind string `json:"kind"`
	// TranscriptHash digests the ceremony transcript (ceremony keys only; see circuits/ceremony).
	TranscriptHash string `json:"transcriptHash,omitempty"`
	// Phase1Import is the SHA-256 of the public powers-of-tau file phase 1 came from, if it did.
	Phase1Import        string `json:"phase1Import,omitempty"`
	Phase1Contributions int    `json:"phase1Contributions,omitempty"`
	Phase2Contributions int    `json:"phase2Contributions,omitempty"`
}

// Describe names the setup for people: development keys say that they are not for production.
func (s Setup) Describe() string {
	if s.Kind == SetupCeremony && s.Phase1Import != "" {
		return fmt.Sprintf("ceremony keys (phase 1 from the powers-of-tau file %s, %d phase 2 contributions, transcript %s)",
			s.Phase1Import, s.Phase2Contributions, s.TranscriptHash)
	}
	if s.Kind == SetupCeremony {
		return fmt.Sprintf("ceremony keys (%d + %d contributions, transcript %s)",
			s.Phase1Contributions, s.Phase2Contributions, s.TranscriptHash)
	}
	return "development keys (single-party setup: whoever ran it can forge proofs; not for production)"
}

// Manifest describes a key set; it is written last, so a set without one was never completed.
type Manifest struct {
	Format           string            `json:"format"`
	Circuit          string            `json:"circuit"`
	CircuitHash      string            `json:"circuitHash"`
	Constraints      int               `json:"constraints"`
	PublicInputs     int               `json:"publicInputs"`
	Gnark            string            `json:"gnark"`
	GnarkCrypto      string            `json:"gnarkCrypto"`
	Setup            Setup             `json:"setup"`
	VerifyingKeyHash string            `json:"verifyingKeyHash"`
	Files            map[string]string `json:"files"` // file name -> SHA-256 (hex)
}

func readManifest(dir string) (*Manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("not a key manifest: %w", err)
	}
	return &m, nil
}

// mismatch returns what in m contradicts the circuit this build compiles, or "".
func (m *Manifest) mismatch(name, circuitHash string) string {
	switch {
	case m.Format != FormatVersion:
		return fmt.Sprintf("format %q, this build reads %q", m.Format, FormatVersion)
	case m.Circuit != name || m.CircuitHash != circuitHash:
		return fmt.Sprintf("made for circuit %s (%s), this build compiles %s (%s)", m.Circuit, m.CircuitHash, name, circuitHash)
	case m.Gnark != GnarkVersion || m.GnarkCrypto != GnarkCryptoVersion:
		return fmt.Sprintf("made with gnark %s / gnark-crypto %s, this build links %s / %s",
			m.Gnark, m.GnarkCrypto, GnarkVersion, GnarkCryptoVersion)
	case m.Setup.Kind != SetupDevelopment && m.Setup.Kind != SetupCeremony:
		return fmt.Sprintf("unknown setup kind %q", m.Setup.Kind)
	}
	return ""
}

func fileDigest(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

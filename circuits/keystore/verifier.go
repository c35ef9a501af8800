package keystore

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fp"
	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/solidity"
	"golang.org/x/crypto/sha3"
)

// A verifying key constant of gnark's Solidity verifier: its name in the contract and its value.
type verifierConstant struct {
	name  string
	value fp.Element
}

// verifierConstants lists the constants of gnark's exported verifier that hold the verifying key,
// in declaration order and with the values the template writes (beta, gamma and delta negated).
func verifierConstants(vk *groth16bn254.VerifyingKey) []verifierConstant {
	var out []verifierConstant
	g1 := func(name string, p bn254.G1Affine) {
		out = append(out, verifierConstant{name + "_X", p.X}, verifierConstant{name + "_Y", p.Y})
	}
	g2 := func(name string, p bn254.G2Affine) {
		out = append(out, verifierConstant{name + "_X_0", p.X.A0}, verifierConstant{name + "_X_1", p.X.A1},
			verifierConstant{name + "_Y_0", p.Y.A0}, verifierConstant{name + "_Y_1", p.Y.A1})
	}
	var neg bn254.G2Affine
	g1("ALPHA", vk.G1.Alpha)
	g2("BETA_NEG", *neg.Neg(&vk.G2.Beta))
	g2("GAMMA_NEG", *neg.Neg(&vk.G2.Gamma))
	g2("DELTA_NEG", *neg.Neg(&vk.G2.Delta))
	if len(vk.CommitmentKeys) > 0 {
		g2("PEDERSEN_G", vk.CommitmentKeys[0].G)
		g2("PEDERSEN_GSIGMANEG", vk.CommitmentKeys[0].GSigmaNeg)
	}
	g1("CONSTANT", vk.G1.K[0])
	for i, k := range vk.G1.K[1:] {
		g1(fmt.Sprintf("PUB_%d", i), k)
	}
	return out
}

// VerifyingKeyHash is keccak256 of the verifying key's constants in the exported verifier, each
// as a 32-byte big-endian word: what the verifier's verifyingKeyHash() returns on-chain.
func VerifyingKeyHash(vk groth16.VerifyingKey) string {
	h := sha3.NewLegacyKeccak256()
	for _, c := range verifierConstants(vk.(*groth16bn254.VerifyingKey)) {
		word := c.value.Bytes() // canonical, big-endian
		h.Write(word[:])
	}
	return fmt.Sprintf("0x%x", h.Sum(nil))
}

// hashFunction is the Solidity added to gnark's verifier: it hashes the same constants in the same
// order, so the contract reports the key it verifies with, not a value someone claims for it.
func hashFunction(vk *groth16bn254.VerifyingKey) string {
	constants := verifierConstants(vk)
	var b strings.Builder
	b.WriteString("    /// keccak256 of this verifier's key constants, in declaration order (Sable, docs/trust.md).\n")
	b.WriteString("    function verifyingKeyHash() external pure returns (bytes32 h) {\n")
	b.WriteString("        assembly (\"memory-safe\") {\n")
	b.WriteString("            let m := mload(0x40)\n")
	for i, c := range constants {
		fmt.Fprintf(&b, "            mstore(add(m, %#x), %s)\n", 32*i, c.name)
	}
	fmt.Fprintf(&b, "            h := keccak256(m, %#x)\n", 32*len(constants))
	b.WriteString("        }\n    }")
	return b.String()
}

// SolidityVerifier exports gnark's Solidity verifier for vk, with verifyingKeyHash() added.
func SolidityVerifier(vk groth16.VerifyingKey) (string, error) {
	var buf bytes.Buffer
	fn := hashFunction(vk.(*groth16bn254.VerifyingKey))
	if err := vk.ExportSolidity(&buf, solidity.WithFunctions(strings.NewReader(fn))); err != nil {
		return "", fmt.Errorf("export solidity verifier: %w", err)
	}
	return buf.String(), nil
}

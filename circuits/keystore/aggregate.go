package keystore

import (
	"errors"
	"fmt"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"

	"sable/circuits/agg"
	"sable/circuits/settlement"
)

// OpenAggregate is Open for an aggregate agg<k>-<settlement name> (agg.ParseName) over inner, the
// opened keys of its settlement circuit: the aggregate's circuit holds inner's verifying key as
// constants, so it is compiled from inner (not from the catalog), its key directory is named by
// that compiled circuit (another inner key, another directory), and a development setup is the
// aggregate's own, made for that circuit. A set read from disk is checked as Open checks one,
// except that its proving and verifying keys are shown to belong together by the setup's points
// they share (alpha, beta, delta) rather than by a proof of a sample: an aggregate's sample would
// need real inner proofs and a proof of a million-constraint circuit.
func OpenAggregate(name string, inner *Keys, baseDir string, policy Policy) (*Keys, error) {
	caps, k, err := agg.ParseName(name)
	if err != nil {
		return nil, err
	}
	if want := settlement.Name(caps); inner.Name != want {
		return nil, fmt.Errorf("%s aggregates proofs of %s, not of %s (the inner keys given)", name, want, inner.Name)
	}
	start := time.Now()
	circuit, err := agg.New(inner.VK, caps.PublicDataLen(), k)
	if err != nil {
		return nil, fmt.Errorf("%s over %s's key: %w", name, inner.Dir, err)
	}
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, circuit)
	if err != nil {
		return nil, fmt.Errorf("compile %s: %w", name, err)
	}
	keys, err := withDir(name, cs, start, baseDir)
	if err != nil {
		return nil, err
	}
	keys.Inner, keys.checkPair = inner, sameSetup
	return keys.open(baseDir, policy)
}

// sameSetup checks that pk and vk come from one setup: they carry the same alpha, beta and delta
// (in G1, and beta and delta in G2), which a setup draws at random for each key pair.
func sameSetup(pk groth16.ProvingKey, vk groth16.VerifyingKey) error {
	p, okP := pk.(*groth16bn254.ProvingKey)
	v, okV := vk.(*groth16bn254.VerifyingKey)
	if !okP || !okV {
		return errors.New("not BN254 Groth16 keys")
	}
	if !p.G1.Alpha.Equal(&v.G1.Alpha) || !p.G1.Beta.Equal(&v.G1.Beta) || !p.G1.Delta.Equal(&v.G1.Delta) ||
		!p.G2.Beta.Equal(&v.G2.Beta) || !p.G2.Delta.Equal(&v.G2.Delta) {
		return errors.New("the proving and verifying keys come from different setups (alpha, beta or delta differ)")
	}
	return nil
}

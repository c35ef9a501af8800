package batchvectors

import (
	"crypto/sha256"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/batchgen"
	"sable/circuits/exit"
	"sable/circuits/ledger"
	"sable/circuits/vectors"
)

// OwnerDataHeader heads ownerdata.txt.
const OwnerDataHeader = `Sable owner-data and exit vectors, made by Go (circuits/batchvectors, circuits/ownerdata,
circuits/exit; docs/state.md section 12). Regenerate: cd circuits && go run ./cmd/vectors
owner.row: an account row's owner data in batch 'batch' under the ephemeral scalar 'e' (E its
point): the account's key seed (its private key: EdDsaPrivateKey.fromSeed), its leaf, the 11
plaintext elements and their ciphertext; a keyless row (the fund) has no seed and cipher = plain.
exit.message: H(TAG_EXIT, chainId, contract, account, recipient).
forced.message: H(TAG_FORCED, chainId, contract, account + 2^24 nonce + 2^88 maxAmount, recipient).`

// GenerateOwnerData encrypts the rows of the scenario's accounts after its second batch and
// records exit and forced-request messages.
func GenerateOwnerData() ([]vectors.Record, error) {
	w := batchgen.NewWorld(batchgen.Small, batchgen.BTC, batchgen.ETH)
	for i, b := range batchgen.Scenario(w)[:2] {
		if _, v, err := w.Apply(b); err != nil || len(v) > 0 {
			return nil, fmt.Errorf("scenario batch %d: %v %v", i+1, err, v)
		}
	}
	e := new(big.Int).SetBytes([]byte("the batch's ephemeral scalar"))
	E := ledger.Ephemeral(e)
	const batch = 7
	var out []vectors.Record
	for _, index := range []int64{5, 9, 12, ledger.FundAccount} {
		a, _ := w.State.Account(index)
		plain := ledger.Plaintext(&a)
		cipher := ledger.Encrypt(e, a.Key, batch, index, plain)
		seed := "0x"
		if index != ledger.FundAccount {
			s := sha256.Sum256([]byte(fmt.Sprintf("sable-batchgen:trader-%d", index)))
			seed = vectors.Bytes(s[:])
		}
		out = append(out, vectors.NewRecord("owner.row", "batch", fmt.Sprint(batch), "account", fmt.Sprint(index),
			"e", vectors.Bytes(e.Bytes()), "ephemeralX", vectors.Fe(E.X), "ephemeralY", vectors.Fe(E.Y), "seed", seed,
			"keyX", vectors.Fe(a.Key.X), "keyY", vectors.Fe(a.Key.Y), "leaf", vectors.Fe(a.Leaf()), "plain", vectors.Fes(plain[:]),
			"cipher", vectors.Fes(cipher[:])))
	}
	d := batchgen.Domain
	for _, m := range []struct{ account, recipient int64 }{{5, 0xA11CE}, {1<<24 - 1, 1<<62 + 7}} {
		r := fr.NewElement(uint64(m.recipient))
		out = append(out, vectors.NewRecord("exit.message", "chainId", fmt.Sprint(d.ChainID), "contract",
			vectors.Fe(d.Contract), "account", fmt.Sprint(m.account), "recipient", vectors.Fe(r),
			"hash", vectors.Fe(exit.Message(d, m.account, r))))
	}
	forced := ledger.WithdrawalMessage{Account: 5, Amount: 1<<62 + 5, Recipient: fr.NewElement(0xA11CE), Nonce: 3}
	out = append(out, vectors.NewRecord("forced.message", "chainId", fmt.Sprint(d.ChainID), "contract",
		vectors.Fe(d.Contract), "account", "5", "nonce", "3", "maxAmount", fmt.Sprint(forced.Amount),
		"recipient", vectors.Fe(forced.Recipient), "hash", vectors.Fe(forced.ForcedHash(d))))
	return out, nil
}

package batchgen

import (
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/ledger"
)

// Forced is ledger's preset with request slots.
var Forced = ledger.Forced

// ForcedScenario is Scenario at the Forced capacities with forced withdrawal requests: batch 3
// also serves alice's (nonce 1, after her withdrawal in the same batch; no upper bound: paid what
// keeps her at the initial requirement), carol's (up to 1,000,000) and one of account 40, which
// does not exist (paid 0); batch 4 serves three invalid ones, each paid 0: a signature that is not
// a curve point, bob's request signed by carol, carol's at a stale nonce; batch 5 one naming the
// keyless insurance fund (account 0: anyone can register it), paid 0.
func ForcedScenario(w *World) []ledger.Batch {
	alice, bob, carol, nobody := int64(5), int64(9), int64(12), int64(40)
	batches := Scenario(w)
	batches[2].Requests = []ledger.ForcedRequest{w.ForceAs(alice, alice, 1<<62, 1), w.ForceAs(carol, carol, 1_000_000, 0),
		w.ForceAs(nobody, nobody, 5, 0)}
	garbage := w.ForceAs(alice, alice, 1_000, 2)
	garbage.Signature = ledger.Signature{RX: fr.NewElement(1), RY: fr.NewElement(2), S: fr.NewElement(3)}
	b4 := ledger.Batch{Time: 3_810, Requests: []ledger.ForcedRequest{garbage, w.ForceAs(carol, bob, 1_000, 1),
		w.ForceAs(carol, carol, 1_000, 0)}}
	b5 := ledger.Batch{Time: 3_820, Requests: []ledger.ForcedRequest{w.ForceAs(carol, ledger.FundAccount, 1_000, 0)}}
	return append(batches, b4, b5)
}

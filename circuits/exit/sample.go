package exit

import (
	"bytes"
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/layout"
	"sable/circuits/ledger"
	"sable/circuits/sig"
)

// Sample is an exit that satisfies the circuit: after a first batch whose deposit creates account
// 1 (keys from a fixed seed: public, for key checks only), account 1 exits with its collateral.
func Sample() (*Circuit, error) {
	key, err := sig.KeyFromSeed(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		return nil, err
	}
	s, err := ledger.Genesis(layout.Domain{ChainID: 1}, nil)
	if err != nil {
		return nil, err
	}
	deposit := ledger.Deposit{Account: 1, Amount: 1_000, Sender: fr.NewElement(1), Key: ledger.KeyOf(key),
		Blinding: fr.NewElement(2)}
	if _, violations, err := s.Apply(ledger.Batch{Number: 1, Deposits: []ledger.Deposit{deposit}}, ledger.Tiny); err != nil || len(violations) > 0 {
		return nil, fmt.Errorf("sample batch: %v %v", err, violations)
	}
	recipient := fr.NewElement(3)
	signature, err := sig.Sign(key, Message(s.Domain, 1, recipient))
	if err != nil {
		return nil, err
	}
	st, err := Prove(s, 1, recipient, Rows{}, signature)
	if err != nil {
		return nil, err
	}
	return Assign(st), nil
}

package vectors

import (
	"crypto/sha256"
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/layout"
	"sable/circuits/ledger"
	"sable/circuits/sig"
)

// ModeSwitchHeader heads testdata/vectors/modeswitch.txt.
const ModeSwitchHeader = `Sable margin-mode switch vectors, made by Go (circuits/ledger modeswitch.go; docs/settlement.md
"The margin-mode switch"). Regenerate: cd circuits && go run ./cmd/vectors
mode.switch: the message H(TAG_MARGIN_MODE, chain, contract, account, mode, request) (hash), the
account key's 64-byte signature over it (sig, key keyx/keyy), and the fill-slot leaf the switch
leaves in slot request mod 1024: H(TAG_FILL, request, 2^63 - 1) (fill: FillSlotLeaf.CLOSED).
Checked by: batch MarginModeVectorsTest (Java's MarginModeMessage, EdDSA verify and FillSlotLeaf).`

// GenerateModeSwitch returns the margin-mode switch vectors.
func GenerateModeSwitch() ([]Record, error) {
	contract := ledger.Pack(ledger.U(0x5ab1eb41d6e, 0))
	var zero fr.Element
	cases := []struct {
		chain    int64
		contract fr.Element
		msg      ledger.MarginModeMessage
	}{
		{31337, contract, ledger.MarginModeMessage{Account: 5, Mode: ledger.ModePortfolio, RequestID: 1000}},
		{31337, contract, ledger.MarginModeMessage{Account: 12, Mode: 0, RequestID: 1023}},
		{1, zero, ledger.MarginModeMessage{Account: 1<<24 - 1, Mode: ledger.ModePortfolio, RequestID: 1 << 62}},
	}
	var out []Record
	for _, c := range cases {
		seed := sha256.Sum256([]byte(fmt.Sprintf("sable-vectors:mode-switch:%d", c.msg.Account)))
		k, err := sig.KeyFromSeed(seed[:])
		if err != nil {
			return nil, err
		}
		h := c.msg.Hash(layout.Domain{ChainID: c.chain, Contract: c.contract})
		s, err := sig.Sign(k, h)
		if err != nil {
			return nil, err
		}
		key := ledger.KeyOf(k)
		out = append(out, NewRecord("mode.switch", "chain", Int(c.chain), "contract", Fe(c.contract),
			"account", Int(c.msg.Account), "mode", Int(c.msg.Mode), "request", Int(c.msg.RequestID),
			"keyx", Fe(key.X), "keyy", Fe(key.Y), "hash", Fe(h), "sig", Bytes(s),
			"fill", Fe(layout.Fill{ClientOrderID: c.msg.RequestID, Filled: ledger.ClosedFill}.Leaf())))
	}
	return out, nil
}

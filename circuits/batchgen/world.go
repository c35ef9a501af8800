// Package batchgen makes deterministic settlement batches: traders and oracle sources with keys
// derived from fixed seeds, listed markets, and helpers that sign orders, prices and withdrawals.
// The tests, the cross-language vector generator and the proving benchmark share it.
package batchgen

import (
	"crypto/sha256"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/twistededwards/eddsa"

	"sable/circuits/layout"
	"sable/circuits/ledger"
	"sable/circuits/sig"
)

// Domain is the deployment the generated batches are signed for (anvil's chain id).
var Domain = layout.Domain{ChainID: 31337, Contract: element(0x5AB1EB41D6E)}

// World is a state with the keys that act in it.
type World struct {
	State   *ledger.State
	Caps    ledger.Capacities
	traders map[int64]*eddsa.PrivateKey
	oracles map[[2]int64]*eddsa.PrivateKey
	pending map[int64]int64 // withdrawals signed since the last applied batch
}

// Key derives a private key from a label (deterministic).
func Key(label string) *eddsa.PrivateKey {
	seed := sha256.Sum256([]byte("sable-batchgen:" + label))
	k, err := sig.KeyFromSeed(seed[:])
	if err != nil {
		panic(err)
	}
	return k
}

// DefaultParams are a perpetual market's parameters: tick 10, lot 100, initial margin 10%,
// maintenance 5%, maker fee 0.02% rebate... (see each field).
func DefaultParams() ledger.Params {
	return ledger.Params{TickSize: 10, LotSize: 100, InitialMarginPpm: 100_000, MaintenanceMarginPpm: 50_000,
		MakerFeePpm: -100, TakerFeePpm: 500, MaxPosition: 1 << 40, MaxPrice: 1 << 21,
		OracleStaleness: 60, FundingInterval: 3600, FundingClampPpm: 2_000}
}

// NewWorld lists the markets (ids given) with DefaultParams and three oracle sources each.
func NewWorld(caps ledger.Capacities, marketIDs ...int64) *World {
	return NewWorldWith(caps, DefaultParams(), marketIDs...)
}

// NewWorldWith lists the markets with the given parameters and three oracle sources each.
func NewWorldWith(caps ledger.Capacities, params ledger.Params, marketIDs ...int64) *World {
	return newWorld(caps, func(w *World) []ledger.Market {
		var markets []ledger.Market
		for _, id := range marketIDs {
			markets = append(markets, w.market(id, params))
		}
		return markets
	})
}

// newWorld lists the markets list makes (it may register their oracle keys in w).
func newWorld(caps ledger.Capacities, list func(w *World) []ledger.Market) *World {
	w := &World{Caps: caps, traders: map[int64]*eddsa.PrivateKey{}, oracles: map[[2]int64]*eddsa.PrivateKey{},
		pending: map[int64]int64{}}
	s, err := ledger.Genesis(Domain, list(w))
	if err != nil {
		panic(err)
	}
	w.State = s
	return w
}

// market is a market with three oracle sources, whose keys w keeps.
func (w *World) market(id int64, params ledger.Params) ledger.Market {
	m := ledger.Market{ID: id, Params: params}
	for s := int64(0); s < 3; s++ {
		k := Key(fmt.Sprintf("oracle-%d-%d", id, s))
		w.oracles[[2]int64{id, s}] = k
		m.OracleKeys[s] = ledger.KeyOf(k)
	}
	return m
}

// Trader returns the key of an account (derived from its index).
func (w *World) Trader(account int64) *eddsa.PrivateKey {
	k, ok := w.traders[account]
	if !ok {
		k = Key(fmt.Sprintf("trader-%d", account))
		w.traders[account] = k
	}
	return k
}

// Deposit is an L1 deposit of amount to an account under its trader's key.
func (w *World) Deposit(account, amount int64) ledger.Deposit {
	return ledger.Deposit{Account: account, Amount: amount, Sender: element(0xD000 + account),
		Key: ledger.KeyOf(w.Trader(account)), Blinding: element(0xB11D0000 + account)}
}

// Order signs an order (GTC, no expiry, cancel-taker).
func (w *World) Order(account, market, id, side, price, quantity int64) ledger.SignedOrder {
	return w.Sign(ledger.Order{Account: account, Market: market, ClientOrderID: id, Side: side,
		Price: price, Quantity: quantity})
}

// Sign signs any order message with its account's key.
func (w *World) Sign(o ledger.Order) ledger.SignedOrder {
	return ledger.SignedOrder{Order: o, Signature: mustSign(w.Trader(o.Account), o.Hash(Domain))}
}

// Trade fills q at price between a maker and a taker order, with the market's full fees.
func (w *World) Trade(maker, taker ledger.SignedOrder, q, price int64) ledger.Trade {
	p := DefaultParams()
	return ledger.Trade{Maker: maker, Taker: taker, Quantity: q, Price: price,
		MakerFee: ledger.MaxFee(q, price, p.MakerFeePpm).Int64(), TakerFee: ledger.MaxFee(q, price, p.TakerFeePpm).Int64()}
}

// Price signs an oracle price.
func (w *World) Price(market, source, price, publishTime int64) ledger.OraclePrice {
	msg := ledger.PriceMessage{Market: market, Source: source, Price: price, PublishTime: publishTime}
	return ledger.OraclePrice{PriceMessage: msg, Signature: mustSign(w.oracles[[2]int64{market, source}], msg.Hash(Domain))}
}

// Withdraw signs a withdrawal with the account's next nonce: its nonce in the state plus the
// withdrawals signed since the last applied batch.
func (w *World) Withdraw(account, amount int64) ledger.Withdrawal {
	acc, _ := w.State.Account(account)
	wd := w.WithdrawWithNonce(account, amount, acc.Nonce+w.pending[account])
	w.pending[account]++
	return wd
}

// OwnerSecret is the world operator's owner-data secret (ledger.EphemeralScalar).
var OwnerSecret = []byte("sable-batchgen:owner")

// Apply applies a batch numbered after the state's last, with the batch's ephemeral scalar when
// the capacities have the owner-data section and the batch names none.
func (w *World) Apply(b ledger.Batch) (*ledger.Witness, []ledger.Violation, error) {
	b.Number = w.State.BatchNumber + 1
	if b.Ephemeral == nil {
		b.Ephemeral = w.ephemeral(b.Number)
	}
	w.pending = map[int64]int64{}
	return w.State.Apply(b, w.Caps)
}

// ephemeral is batch number's ephemeral scalar when the capacities have the owner-data section,
// else nil.
func (w *World) ephemeral(number int64) *big.Int {
	if !w.Caps.OwnerData {
		return nil
	}
	return ledger.EphemeralScalar(OwnerSecret, number)
}

func mustSign(k *eddsa.PrivateKey, m fr.Element) []byte {
	s, err := sig.Sign(k, m)
	if err != nil {
		panic(err)
	}
	return s
}

func element(x int64) fr.Element {
	var e fr.Element
	e.SetBigInt(big.NewInt(x))
	return e
}

// SignAs signs an order with another account's key (a forged signature).
func (w *World) SignAs(signer int64, o ledger.Order) ledger.SignedOrder {
	return ledger.SignedOrder{Order: o, Signature: mustSign(w.Trader(signer), o.Hash(Domain))}
}

// PriceAs signs an oracle price with another source's key (a forged price).
func (w *World) PriceAs(market, signer, source, price, publishTime int64) ledger.OraclePrice {
	p := w.Price(market, signer, price, publishTime)
	p.Source = source
	return p
}

// WithdrawWithNonce signs a withdrawal with a chosen nonce.
func (w *World) WithdrawWithNonce(account, amount, nonce int64) ledger.Withdrawal {
	msg := ledger.WithdrawalMessage{Account: account, Amount: amount, Recipient: element(0xE000 + account), Nonce: nonce}
	return ledger.Withdrawal{WithdrawalMessage: msg, Signature: mustSign(w.Trader(account), msg.Hash(Domain))}
}

// Force signs a forced withdrawal request of up to maxAmount to the account's recipient with the
// account's nonce in the state (what its owner registers on L1), decoded as the bridge holds it.
func (w *World) Force(account, maxAmount int64) ledger.ForcedRequest {
	acc, _ := w.State.Account(account)
	return w.ForceAs(account, account, maxAmount, acc.Nonce)
}

// ForceAs signs a forced request for account with signer's key and a chosen nonce (signer =
// account for an honest one).
func (w *World) ForceAs(signer, account, maxAmount, nonce int64) ledger.ForcedRequest {
	msg := ledger.WithdrawalMessage{Account: account, Amount: maxAmount, Recipient: element(0xF000 + account), Nonce: nonce}
	s, err := ledger.ParseSignature(mustSign(w.Trader(signer), msg.ForcedHash(Domain)))
	if err != nil {
		panic(err)
	}
	return ledger.ForcedRequest{WithdrawalMessage: msg, Signature: s}
}

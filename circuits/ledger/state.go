package ledger

import (
	"fmt"
	"sort"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"sable/circuits/layout"
	"sable/circuits/smt"
)

// FundAccount is the insurance fund's account index: keyless, it exists from genesis.
const FundAccount = 0

// State is the global state: the account tree (with each account's fill-slot tree), the market
// tree, the fee and funding pools, the time of the last batch and the number of L1 deposits
// consumed so far.
type State struct {
	Domain       layout.Domain
	FeePool      int64
	FundingPool  int64
	Time         int64
	DepositCount int64
	BatchNumber  int64 // number of the last applied batch (0 at genesis)
	// RequestsServed counts the forced withdrawal requests served so far: the bridge's
	// requestsServed, which it checks; not part of the root.
	RequestsServed int64

	accounts    map[int64]*Account
	accountTree *smt.Tree
	fills       map[int64]*fillSlots
	markets     map[int64]*Market
	marketTree  *smt.Tree
}

// fillSlots is one account's fill-slot tree and its leaves.
type fillSlots struct {
	tree  *smt.Tree
	slots map[int64]layout.Fill
}

// EmptyFillsRoot is the root of an empty fill-slot tree (a new account's FillsRoot).
var EmptyFillsRoot = smt.New(FillDepth).Root()

// Genesis returns the state before the first batch: the insurance fund (account 0, keyless, empty)
// and the listed markets.
func Genesis(domain layout.Domain, markets []Market) (*State, error) {
	s := &State{Domain: domain, accounts: map[int64]*Account{}, accountTree: smt.New(AccountDepth),
		fills: map[int64]*fillSlots{}, markets: map[int64]*Market{}, marketTree: smt.New(MarketDepth)}
	s.putAccount(FundAccount, &Account{FillsRoot: EmptyFillsRoot})
	for i := range markets {
		m := markets[i]
		if m.ID < 0 || m.ID >= 1<<MarketDepth {
			return nil, fmt.Errorf("market id %d out of range", m.ID)
		}
		if _, dup := s.markets[m.ID]; dup {
			return nil, fmt.Errorf("market %d listed twice", m.ID)
		}
		s.putMarket(&m)
	}
	for _, m := range s.markets {
		if m.Option != nil {
			if err := checkOptionListing(m, s.markets); err != nil {
				return nil, err
			}
		}
	}
	return s, nil
}

// Root is the global state root.
func (s *State) Root() fr.Element {
	return Root(s.accountTree.Root(), s.marketTree.Root(), s.FeePool, s.FundingPool, s.Time, s.DepositCount)
}

// AccountsRoot is the account tree's root.
func (s *State) AccountsRoot() fr.Element { return s.accountTree.Root() }

// MarketsRoot is the market tree's root.
func (s *State) MarketsRoot() fr.Element { return s.marketTree.Root() }

// Account returns a copy of the account at index, or false if there is none.
func (s *State) Account(index int64) (Account, bool) {
	a, ok := s.accounts[index]
	if !ok {
		return Account{}, false
	}
	return *a, true
}

// AccountPath returns the siblings of an account's leaf in the account tree, leaf level first.
func (s *State) AccountPath(index int64) []fr.Element { return s.accountTree.Proof(uint64(index)) }

// AccountIndices lists the existing accounts, ascending.
func (s *State) AccountIndices() []int64 {
	out := make([]int64, 0, len(s.accounts))
	for i := range s.accounts {
		out = append(out, i)
	}
	sort.Slice(out, func(a, b int) bool { return out[a] < out[b] })
	return out
}

// Market returns a copy of the market, or false if it is not listed.
func (s *State) Market(id int64) (Market, bool) {
	m, ok := s.markets[id]
	if !ok {
		return Market{}, false
	}
	return *m, true
}

// MarketIDs lists the markets, ascending.
func (s *State) MarketIDs() []int64 {
	out := make([]int64, 0, len(s.markets))
	for i := range s.markets {
		out = append(out, i)
	}
	sort.Slice(out, func(a, b int) bool { return out[a] < out[b] })
	return out
}

// Fill returns the fill slot of an account (empty = false if never used).
func (s *State) Fill(account, slot int64) (layout.Fill, bool) {
	f, ok := s.fills[account]
	if !ok {
		return layout.Fill{}, false
	}
	v, used := f.slots[slot]
	return v, used
}

func (s *State) putAccount(index int64, a *Account) smt.Update {
	s.accounts[index] = a
	u, err := s.accountTree.Set(uint64(index), a.Leaf())
	if err != nil {
		panic(err) // indices are range-checked before
	}
	return u
}

// writeAccount stores an account that exists after the batch; a row for an account that still
// does not exist leaves its leaf 0.
func (s *State) writeAccount(index int64, a *Account, exists bool) smt.Update {
	if exists {
		return s.putAccount(index, a)
	}
	u, err := s.accountTree.Set(uint64(index), fr.Element{})
	if err != nil {
		panic(err)
	}
	return u
}

func (s *State) putMarket(m *Market) smt.Update {
	s.markets[m.ID] = m
	u, err := s.marketTree.Set(uint64(m.ID), m.Leaf())
	if err != nil {
		panic(err)
	}
	return u
}

func (s *State) fillSlotsOf(account int64) *fillSlots {
	f, ok := s.fills[account]
	if !ok {
		f = &fillSlots{tree: smt.New(FillDepth), slots: map[int64]layout.Fill{}}
		s.fills[account] = f
	}
	return f
}

// Clone returns an independent copy of the state (to try a batch without applying it).
func (s *State) Clone() *State {
	c := *s
	c.accounts = make(map[int64]*Account, len(s.accounts))
	for i, a := range s.accounts {
		copied := *a
		c.accounts[i] = &copied
	}
	c.markets = make(map[int64]*Market, len(s.markets))
	for i, m := range s.markets {
		copied := *m
		c.markets[i] = &copied
	}
	c.fills = make(map[int64]*fillSlots, len(s.fills))
	for i, f := range s.fills {
		slots := make(map[int64]layout.Fill, len(f.slots))
		for k, v := range f.slots {
			slots[k] = v
		}
		c.fills[i] = &fillSlots{tree: f.tree.Clone(), slots: slots}
	}
	c.accountTree, c.marketTree = s.accountTree.Clone(), s.marketTree.Clone()
	return &c
}

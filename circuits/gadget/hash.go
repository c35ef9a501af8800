package gadget

import (
	"math/big"

	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/permutation/poseidon2"
)

// Hasher is Poseidon2 (gnark's t=2 parameters) in the circuit: Compress and the Merkle-Damgard
// hash H(e1, ..., en) = Compress(...Compress(Compress(0, e1), e2)..., en) of docs/state.md.
type Hasher struct {
	api  frontend.API
	perm *poseidon2.Permutation
}

// NewHasher returns the circuit's Poseidon2.
func NewHasher(api frontend.API) *Hasher {
	perm, err := poseidon2.NewPoseidon2(api)
	if err != nil {
		panic(err)
	}
	return &Hasher{api: api, perm: perm}
}

// Compress is Poseidon2's compression: P(l, r)[1] + r.
func (h *Hasher) Compress(l, r frontend.Variable) frontend.Variable { return h.perm.Compress(l, r) }

// Hash is the Merkle-Damgard hash of the elements from the zero state.
func (h *Hasher) Hash(elems ...frontend.Variable) frontend.Variable { return h.Continue(0, elems...) }

// Continue absorbs more elements into a Merkle-Damgard state: Continue(Hash(a...), b...) =
// Hash(a..., b...). Records that share a prefix (a leaf before and after a change, messages of one
// deployment) absorb the prefix once.
func (h *Hasher) Continue(state frontend.Variable, elems ...frontend.Variable) frontend.Variable {
	for _, e := range elems {
		state = h.perm.Compress(state, e)
	}
	return state
}

// MerkleRoot folds a leaf with its siblings (leaf level first) into the root; bit i of the index
// set means the node at level i is a right child (docs/state.md, section 3).
func (h *Hasher) MerkleRoot(leaf frontend.Variable, index []frontend.Variable, siblings []frontend.Variable) frontend.Variable {
	node := leaf
	for level, sibling := range siblings {
		// left = bit ? sibling : node; right = node + sibling - left (one constraint per level).
		left := h.api.Add(node, h.api.Mul(index[level], h.api.Sub(sibling, node)))
		right := h.api.Sub(h.api.Add(node, sibling), left)
		node = h.perm.Compress(left, right)
	}
	return node
}

// MerkleUpdate is one leaf change at a fixed-depth index: it asserts (when gate = 1) that oldLeaf
// with the siblings folds into oldRoot, and returns the root with newLeaf in its place; when
// gate = 0 it returns oldRoot unchanged and asserts nothing.
func (h *Hasher) MerkleUpdate(gate, index, oldRoot, oldLeaf, newLeaf frontend.Variable, siblings []frontend.Variable) frontend.Variable {
	return h.MerkleUpdateBits(gate, Range(h.api, index, len(siblings)), oldRoot, oldLeaf, newLeaf, siblings)
}

// MerkleUpdateBits is MerkleUpdate with the index given as its bits.
func (h *Hasher) MerkleUpdateBits(gate frontend.Variable, index []frontend.Variable, oldRoot, oldLeaf, newLeaf frontend.Variable, siblings []frontend.Variable) frontend.Variable {
	Implies(h.api, gate, h.api.Sub(h.MerkleRoot(oldLeaf, index, siblings), oldRoot))
	newRoot := h.MerkleRoot(newLeaf, index, siblings)
	return h.api.Select(gate, newRoot, oldRoot)
}

// BindData binds public data d to the public inputs (c, z, y) as the bridge checks them
// (l1-bridge PublicData.sol): the commitment c = H(tag, d...) and the evaluation y = sum d_i z^i
// at the challenge z the bridge derives from c and its calldata.
func (h *Hasher) BindData(tag *big.Int, d []frontend.Variable, commitment, challenge, evaluation frontend.Variable) {
	api := h.api
	api.AssertIsEqual(h.Hash(append([]frontend.Variable{tag}, d...)...), commitment)
	api.AssertIsEqual(Evaluate(api, d, challenge), evaluation)
}

// Evaluate is sum d_i z^i (Horner from the last element, one constraint per element).
func Evaluate(api frontend.API, d []frontend.Variable, z frontend.Variable) frontend.Variable {
	var y frontend.Variable = 0
	for i := len(d) - 1; i >= 0; i-- {
		y = api.Add(api.Mul(y, z), d[i])
	}
	return y
}

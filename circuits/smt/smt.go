// Package smt is the out-of-circuit twin of the state-update circuit's tree: a sparse Merkle tree of
// fixed depth over Poseidon2 compress, with empty subtrees taken from precomputed zero hashes.
package smt

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/poseidon2"
)

var perm = poseidon2.NewDefaultPermutation()

// Compress is gnark-crypto's Poseidon2 compression of two field elements, as the circuit computes it.
func Compress(left, right fr.Element) fr.Element {
	l, r := left.Bytes(), right.Bytes()
	out, err := perm.Compress(l[:], r[:])
	if err != nil {
		panic(err) // inputs are canonical field elements, so this cannot fail
	}
	var e fr.Element
	e.SetBytes(out)
	return e
}

// Tree is an in-memory sparse Merkle tree; only non-empty nodes are stored.
type Tree struct {
	depth int
	zeros []fr.Element            // zeros[l] = root of an empty subtree of height l
	nodes []map[uint64]fr.Element // nodes[l][i] = node i at level l (0 = leaves)
}

// Update is what the circuit needs to prove one leaf change.
type Update struct {
	Index    uint64
	OldLeaf  fr.Element
	NewLeaf  fr.Element
	OldRoot  fr.Element
	NewRoot  fr.Element
	Siblings []fr.Element // from the leaf level upwards
}

// New returns an empty tree of the given depth.
func New(depth int) *Tree {
	zeros := make([]fr.Element, depth+1)
	for l := 1; l <= depth; l++ {
		zeros[l] = Compress(zeros[l-1], zeros[l-1])
	}
	nodes := make([]map[uint64]fr.Element, depth+1)
	for l := range nodes {
		nodes[l] = map[uint64]fr.Element{}
	}
	return &Tree{depth: depth, zeros: zeros, nodes: nodes}
}

// Root returns the current root.
func (t *Tree) Root() fr.Element { return t.node(t.depth, 0) }

func (t *Tree) node(level int, index uint64) fr.Element {
	if n, ok := t.nodes[level][index]; ok {
		return n
	}
	return t.zeros[level]
}

// Set replaces the leaf at index and returns the witness of the change.
func (t *Tree) Set(index uint64, leaf fr.Element) (Update, error) {
	if index >= 1<<uint(t.depth) {
		return Update{}, fmt.Errorf("leaf index %d out of range for depth %d", index, t.depth)
	}
	u := Update{Index: index, OldLeaf: t.node(0, index), NewLeaf: leaf, OldRoot: t.Root()}
	u.Siblings = make([]fr.Element, t.depth)
	node, i := leaf, index
	for level := 0; level < t.depth; level++ {
		t.nodes[level][i] = node
		sibling := t.node(level, i^1)
		u.Siblings[level] = sibling
		if i&1 == 0 {
			node = Compress(node, sibling)
		} else {
			node = Compress(sibling, node)
		}
		i >>= 1
	}
	t.nodes[t.depth][0] = node
	u.NewRoot = node
	return u, nil
}

// Leaf returns the leaf at index (0 if empty).
func (t *Tree) Leaf(index uint64) fr.Element { return t.node(0, index) }

// Proof returns the siblings of the path from leaf index to the root, leaf level upwards.
func (t *Tree) Proof(index uint64) []fr.Element {
	siblings := make([]fr.Element, t.depth)
	for level := range siblings {
		siblings[level] = t.node(level, index^1)
		index >>= 1
	}
	return siblings
}

// RootOf folds a leaf with its siblings (leaf level upwards) into the root they imply.
func RootOf(index uint64, leaf fr.Element, siblings []fr.Element) fr.Element {
	node := leaf
	for _, sibling := range siblings {
		if index&1 == 0 {
			node = Compress(node, sibling)
		} else {
			node = Compress(sibling, node)
		}
		index >>= 1
	}
	return node
}

// Clone returns an independent copy of the tree.
func (t *Tree) Clone() *Tree {
	c := &Tree{depth: t.depth, zeros: t.zeros, nodes: make([]map[uint64]fr.Element, len(t.nodes))}
	for l, level := range t.nodes {
		c.nodes[l] = make(map[uint64]fr.Element, len(level))
		for i, n := range level {
			c.nodes[l][i] = n
		}
	}
	return c
}

// Package stateupdate holds the state-update circuit: newRoot follows from oldRoot by changing one
// leaf of a fixed-depth sparse Merkle tree hashed with Poseidon2 (gnark's t=2 parameters).
package stateupdate

import (
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/permutation/poseidon2"

	"sable/circuits/smt"
)

// Depth of the account tree: 2^24 leaves (16.7M accounts).
const Depth = 24

// Name identifies this circuit in the catalog and in key directories.
const Name = "state-update-d24"

// Circuit proves that replacing OldLeaf by NewLeaf at Index turns OldRoot into NewRoot.
//
// Public inputs, in order: OldRoot, NewRoot. The leaf is an opaque field element (the account leaf
// hash); level-0 nodes are the leaf values themselves, an empty leaf is 0, and an inner node is
// Poseidon2.Compress(left, right). Index bits are little-endian: bit i set means the path node at
// level i is a right child. Siblings are listed from the leaf level upwards.
type Circuit struct {
	OldRoot  frontend.Variable `gnark:",public"`
	NewRoot  frontend.Variable `gnark:",public"`
	Index    frontend.Variable
	OldLeaf  frontend.Variable
	NewLeaf  frontend.Variable
	Siblings [Depth]frontend.Variable
}

// Define constrains both paths to share Index and Siblings, so only the one leaf can differ.
func (c *Circuit) Define(api frontend.API) error {
	perm, err := poseidon2.NewPoseidon2(api)
	if err != nil {
		return err
	}
	// ToBinary also range-checks Index to Depth bits.
	path := api.ToBinary(c.Index, Depth)
	api.AssertIsEqual(rootOf(api, perm, c.OldLeaf, path, c.Siblings[:]), c.OldRoot)
	api.AssertIsEqual(rootOf(api, perm, c.NewLeaf, path, c.Siblings[:]), c.NewRoot)
	return nil
}

func rootOf(api frontend.API, perm *poseidon2.Permutation, leaf frontend.Variable,
	path []frontend.Variable, siblings []frontend.Variable) frontend.Variable {
	node := leaf
	for level, sibling := range siblings {
		left := api.Select(path[level], sibling, node)
		right := api.Select(path[level], node, sibling)
		node = perm.Compress(left, right)
	}
	return node
}

// Assign returns the circuit assignment that proves the leaf change u.
func Assign(u smt.Update) *Circuit {
	c := &Circuit{OldRoot: u.OldRoot, NewRoot: u.NewRoot, Index: u.Index,
		OldLeaf: u.OldLeaf, NewLeaf: u.NewLeaf}
	for i := range c.Siblings {
		c.Siblings[i] = u.Siblings[i]
	}
	return c
}

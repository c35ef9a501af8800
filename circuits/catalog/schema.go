package catalog

import (
	"reflect"
	"regexp"
	"strconv"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/schema"
)

// Field is one entry of a circuit's witness layout, as the binary witness orders it: every public
// field first, then every secret one, each group in struct declaration order. An array of
// variables is one field of Length elements; a nested struct's leaves appear by their full name.
type Field struct {
	Name       string `json:"name"`
	Visibility string `json:"visibility"` // "public" or "secret"
	Length     int    `json:"length"`
}

var arrayElement = regexp.MustCompile(`^(.*)_(\d+)$`)

// Schema returns the witness layout of the named circuit, read from its Go struct by gnark itself,
// so that other languages encoding witnesses can check their layout against it.
func Schema(name string) ([]Field, error) {
	circuit, err := Lookup(name)
	if err != nil {
		return nil, err
	}
	var public, secret []Field
	_, err = schema.Walk(ecc.BN254.ScalarField(), circuit, reflect.TypeOf((*frontend.Variable)(nil)).Elem(),
		func(leaf schema.LeafInfo, _ reflect.Value) error {
			switch leaf.Visibility {
			case schema.Public:
				public = appendLeaf(public, leaf.FullName(), "public")
			case schema.Secret:
				secret = appendLeaf(secret, leaf.FullName(), "secret")
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	return append(public, secret...), nil
}

// appendLeaf adds a leaf, folding element i of an array into the field of elements 0..i-1.
func appendLeaf(fields []Field, fullName, visibility string) []Field {
	if m := arrayElement.FindStringSubmatch(fullName); m != nil {
		index, _ := strconv.Atoi(m[2])
		if index == 0 {
			return append(fields, Field{Name: m[1], Visibility: visibility, Length: 1})
		}
		if last := len(fields) - 1; last >= 0 && fields[last].Name == m[1] && fields[last].Length == index {
			fields[last].Length++
			return fields
		}
	}
	return append(fields, Field{Name: fullName, Visibility: visibility, Length: 1})
}

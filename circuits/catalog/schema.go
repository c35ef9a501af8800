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
	elements, err := Elements(name)
	if err != nil {
		return nil, err
	}
	var fields []Field
	for _, e := range elements {
		fields = appendLeaf(fields, e.Name, e.Visibility)
	}
	return fields, nil
}

// Element is one element of a circuit's witness: gnark's full name and its visibility.
type Element struct {
	Name       string
	Visibility string // "public" or "secret"
}

// Elements lists the named circuit's witness elements one by one, in the binary witness's order
// (public first, then secret, each in struct declaration order).
func Elements(name string) ([]Element, error) {
	circuit, err := Lookup(name)
	if err != nil {
		return nil, err
	}
	var public, secret []Element
	_, err = schema.Walk(ecc.BN254.ScalarField(), circuit, reflect.TypeOf((*frontend.Variable)(nil)).Elem(),
		func(leaf schema.LeafInfo, _ reflect.Value) error {
			switch leaf.Visibility {
			case schema.Public:
				public = append(public, Element{leaf.FullName(), "public"})
			case schema.Secret:
				secret = append(secret, Element{leaf.FullName(), "secret"})
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

package vectors

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

// Fe formats a field element as 0x + 64 hex digits (canonical big-endian).
func Fe(e fr.Element) string {
	b := e.Bytes()
	return Bytes(b[:])
}

// Fes formats a list of field elements, comma-separated.
func Fes(es []fr.Element) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = Fe(e)
	}
	return strings.Join(parts, ",")
}

// Bytes formats bytes as 0x + hex.
func Bytes(b []byte) string { return "0x" + hex.EncodeToString(b) }

// Int formats a decimal integer.
func Int(x int64) string { return strconv.FormatInt(x, 10) }

// ParseFe parses a canonical field element.
func ParseFe(s string) fr.Element {
	var e fr.Element
	if err := e.SetBytesCanonical(ParseBytes(s)); err != nil {
		panic(fmt.Sprintf("bad field element %q: %v", s, err))
	}
	return e
}

// ParseFes parses a comma-separated list of field elements.
func ParseFes(s string) []fr.Element {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	es := make([]fr.Element, len(parts))
	for i, p := range parts {
		es[i] = ParseFe(p)
	}
	return es
}

// ParseBytes parses 0x-prefixed hex.
func ParseBytes(s string) []byte {
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil {
		panic(fmt.Sprintf("bad hex %q: %v", s, err))
	}
	return b
}

// ParseInt parses a decimal int64.
func ParseInt(s string) int64 {
	x, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		panic(fmt.Sprintf("bad integer %q: %v", s, err))
	}
	return x
}

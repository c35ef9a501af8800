package agg

import (
	"fmt"
	"strings"

	"sable/circuits/settlement"
)

// Name is the catalog name of the aggregate of k batches of the named settlement circuit:
// "agg<k>-" followed by the inner circuit's name, e.g. agg2-settlement-m1-k1-a2-d2-o2-t1-w1.
func Name(inner settlement.Caps, k int) string {
	return fmt.Sprintf("agg%d-%s", k, settlement.Name(inner))
}

// ParseName reads an aggregate's name back: the inner circuit's capacities and k. It refuses any
// name Name would not write (k < 1, an unknown inner name, an inner circuit with a Groth16
// commitment, which this aggregate does not verify: Refuse).
func ParseName(name string) (settlement.Caps, int, error) {
	var k int
	dash := strings.IndexByte(name, '-')
	if !strings.HasPrefix(name, "agg") || dash < 0 {
		return settlement.Caps{}, 0, fmt.Errorf("%q is not an aggregate name (agg<k>-<settlement name>)", name)
	}
	if _, err := fmt.Sscanf(name[:dash], "agg%d", &k); err != nil || k < 1 || name[:dash] != fmt.Sprintf("agg%d", k) {
		return settlement.Caps{}, 0, fmt.Errorf("%q: the number of batches must be a positive integer", name)
	}
	caps, ok := settlement.ParseName(name[dash+1:])
	if !ok || settlement.Name(caps) != name[dash+1:] {
		return settlement.Caps{}, 0, fmt.Errorf("%q: %q is not a settlement circuit name", name, name[dash+1:])
	}
	if err := Refuse(caps); err != nil {
		return settlement.Caps{}, 0, fmt.Errorf("%q: %w", name, err)
	}
	return caps, k, nil
}

// Refuse says why an inner circuit cannot be aggregated, or nil. Inner circuits with owner rows in
// blobs carry a Groth16 commitment, whose in-circuit check needs the inner proof made with
// recursion's hash-to-field instead of the Solidity verifier's: not built yet.
func Refuse(inner settlement.Caps) error {
	if inner.Blobs > 0 {
		return fmt.Errorf("inner -blob circuits (with a Groth16 commitment) are not aggregated yet")
	}
	return nil
}

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
// name Name would not write (k < 1, a leading zero, an unknown inner name). Every settlement
// circuit can be an inner one: the -blob circuits' one Groth16 commitment is checked in the
// aggregate (New refuses only keys with more than one, which no settlement circuit has).
func ParseName(name string) (settlement.Caps, int, error) {
	k, inner, err := split(name, "agg<k>-<settlement name>")
	if err != nil {
		return settlement.Caps{}, 0, err
	}
	caps, ok := settlement.ParseName(inner)
	if !ok || settlement.Name(caps) != inner {
		return settlement.Caps{}, 0, fmt.Errorf("%q: %q is not a settlement circuit name", name, inner)
	}
	return caps, k, nil
}

// TreeName is the name of a tree's upper level: the aggregate of m aggregates of k batches each,
// "agg<m>-" followed by the inner aggregate's name, e.g. agg2-agg5-settlement-m1-k1-a2-d2-o2-t1-w1.
func TreeName(inner settlement.Caps, k, m int) string {
	return fmt.Sprintf("agg%d-%s", m, Name(inner, k))
}

// ParseTree reads a tree's name back: the settlement circuit, k batches per inner aggregate and m
// inner aggregates. It refuses any name TreeName would not write (the inner part must be an
// aggregate name ParseName accepts; deeper trees are not named).
func ParseTree(name string) (settlement.Caps, int, int, error) {
	m, inner, err := split(name, "agg<m>-agg<k>-<settlement name>")
	if err != nil {
		return settlement.Caps{}, 0, 0, err
	}
	caps, k, err := ParseName(inner)
	if err != nil {
		return settlement.Caps{}, 0, 0, fmt.Errorf("%q: %w", name, err)
	}
	return caps, k, m, nil
}

// split reads "agg<n>-<inner>": n (positive, no leading zero) and the inner name.
func split(name, form string) (int, string, error) {
	var n int
	dash := strings.IndexByte(name, '-')
	if !strings.HasPrefix(name, "agg") || dash < 0 {
		return 0, "", fmt.Errorf("%q is not an aggregate name (%s)", name, form)
	}
	if _, err := fmt.Sscanf(name[:dash], "agg%d", &n); err != nil || n < 1 || name[:dash] != fmt.Sprintf("agg%d", n) {
		return 0, "", fmt.Errorf("%q: the number of inner proofs must be a positive integer", name)
	}
	return n, name[dash+1:], nil
}

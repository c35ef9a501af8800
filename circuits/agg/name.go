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
	return caps, k, nil
}

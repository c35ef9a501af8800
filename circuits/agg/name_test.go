package agg_test

import (
	"testing"

	"sable/circuits/agg"
	"sable/circuits/batchgen"
	"sable/circuits/ledger"
)

func TestNamesRoundTrip(t *testing.T) {
	for _, k := range []int{1, 2, 16} {
		for _, caps := range []ledger.Capacities{batchgen.Tiny, ledger.TinyOwner, ledger.TinyL2Q1,
			ledger.TinyOwnerBlob, ledger.TinyOwnerBlob2} {
			name := agg.Name(caps, k)
			got, gotK, err := agg.ParseName(name)
			if err != nil || got != caps || gotK != k {
				t.Fatalf("%s: got %+v %d %v", name, got, gotK, err)
			}
		}
	}
	if agg.Name(batchgen.Tiny, 2) != "agg2-settlement-m1-k1-a2-d2-o2-t1-w1" {
		t.Fatal(agg.Name(batchgen.Tiny, 2))
	}
	if agg.Name(ledger.TinyOwnerBlob, 2) != "agg2-settlement-m1-k1-a2-d2-o2-t1-w1-owner-blob" {
		t.Fatal(agg.Name(ledger.TinyOwnerBlob, 2))
	}
}

func TestBadNamesAreRefused(t *testing.T) {
	for _, name := range []string{"agg0-settlement-m1-k1-a2-d2-o2-t1-w1", "agg-settlement-m1-k1-a2-d2-o2-t1-w1",
		"agg02-settlement-m1-k1-a2-d2-o2-t1-w1", "agg2x-settlement-m1-k1-a2-d2-o2-t1-w1", "agg2-exit",
		"agg2-settlement-m1-k1-a2-d2-o2-t1", "agg2", "settlement-m1-k1-a2-d2-o2-t1-w1",
		"agg2-" + agg.Name(batchgen.Tiny, 2), "agg2-settlement-m1-k1-a2-d2-o2-t1-w1-blob",
		"agg2-settlement-m1-k1-a2-d2-o2-t1-w1-owner-blob1"} {
		if _, _, err := agg.ParseName(name); err == nil {
			t.Errorf("%q accepted", name)
		}
	}
}

func TestTreeNamesRoundTrip(t *testing.T) {
	for _, km := range [][2]int{{1, 1}, {5, 2}, {2, 16}} {
		name := agg.TreeName(ledger.TinyOwner, km[0], km[1])
		caps, k, m, err := agg.ParseTree(name)
		if err != nil || caps != ledger.TinyOwner || k != km[0] || m != km[1] {
			t.Fatalf("%s: got %+v %d %d %v", name, caps, k, m, err)
		}
	}
	if agg.TreeName(batchgen.Tiny, 5, 2) != "agg2-agg5-settlement-m1-k1-a2-d2-o2-t1-w1" {
		t.Fatal(agg.TreeName(batchgen.Tiny, 5, 2))
	}
}

// A tree's name is an aggregate's name behind "agg<m>-": a flat name, a deeper tree, a bad m or
// a bad inner aggregate is refused.
func TestBadTreeNamesAreRefused(t *testing.T) {
	inner := agg.Name(batchgen.Tiny, 5)
	for _, name := range []string{inner, "agg0-" + inner, "agg-" + inner, "agg02-" + inner, "agg2x-" + inner,
		"agg2-" + agg.TreeName(batchgen.Tiny, 5, 2), "agg2-agg0-settlement-m1-k1-a2-d2-o2-t1-w1",
		"agg2-agg5-exit", "agg2", "agg2-settlement-m1-k1-a2-d2-o2-t1-w1"} {
		if _, _, _, err := agg.ParseTree(name); err == nil {
			t.Errorf("%q accepted", name)
		}
	}
}

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

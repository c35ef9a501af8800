package batchvectors_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"

	"sable/circuits/batchvectors"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
	"sable/circuits/vectors"
)

// vectorFile is a vector file and how it is made.
type vectorFile struct {
	path, header string
	generate     func() ([]vectors.Record, error)
}

// files are the batch vector files, each with full witnesses.
var files = []vectorFile{
	{"../../testdata/vectors/settlement.txt", batchvectors.Header, batchvectors.Generate},
	{"../../testdata/vectors/liquidation.txt", batchvectors.LiquidationHeader, batchvectors.GenerateLiquidation},
	{"../../testdata/vectors/forced.txt", batchvectors.ForcedHeader, batchvectors.GenerateForced},
	{"../../testdata/vectors/ownerbatches.txt", batchvectors.OwnerBatchesHeader, batchvectors.GenerateOwnerBatches},
	{"../../testdata/vectors/ownerblobbatches.txt", batchvectors.OwnerBlobBatchesHeader, batchvectors.GenerateOwnerBlobBatches},
	{"../../testdata/vectors/ownerblob2batches.txt", batchvectors.OwnerBlob2BatchesHeader, batchvectors.GenerateOwnerBlob2Batches},
	{"../../testdata/vectors/options.txt", batchvectors.OptionsHeader, batchvectors.GenerateOptions},
	{"../../testdata/vectors/pmbatches.txt", batchvectors.PortfolioHeader, batchvectors.GeneratePortfolio},
	{"../../testdata/vectors/expiries.txt", batchvectors.ExpiriesHeader, batchvectors.GenerateExpiries},
	{"../../testdata/vectors/pmswitch.txt", batchvectors.PortfolioSwitchHeader, batchvectors.GeneratePortfolioSwitch},
	{"../../testdata/vectors/pmliq.txt", batchvectors.PortfolioLiquidationHeader, batchvectors.GeneratePortfolioLiquidation},
	{"../../testdata/vectors/optliq.txt", batchvectors.OptionLiquidationHeader, batchvectors.GenerateOptionLiquidation},
}

// TestVectorFilesAreCurrent regenerates the vectors and compares them with the checked-in files.
func TestVectorFilesAreCurrent(t *testing.T) {
	owner := vectorFile{"../../testdata/vectors/ownerdata.txt", batchvectors.OwnerDataHeader, batchvectors.GenerateOwnerData}
	exits := vectorFile{"../../testdata/vectors/exit.txt", batchvectors.ExitsHeader, batchvectors.GenerateExits}
	blobs := vectorFile{"../../testdata/vectors/blob.txt", batchvectors.BlobHeader, batchvectors.GenerateBlob}
	blobs2 := vectorFile{"../../testdata/vectors/blob2.txt", batchvectors.Blob2Header, batchvectors.GenerateBlob2}
	for _, f := range append(files, owner, exits, blobs, blobs2) {
		records, err := f.generate()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := vectors.Write(&b, f.header, records); err != nil {
			t.Fatal(err)
		}
		onDisk, err := os.ReadFile(filepath.Clean(f.path))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(onDisk, b.Bytes()) {
			t.Fatalf("%s is stale: run `go run ./cmd/vectors` in circuits/", f.path)
		}
	}
}

// TestRecordedWitnessesSolve rebuilds gnark's binary witness from each batch whose elements the
// file lists in full, checks it against the recorded digest, and solves the circuit of the
// history's capacities with it: the files' witnesses are proofs' inputs, not just numbers.
func TestRecordedWitnessesSolve(t *testing.T) {
	for _, f := range files {
		if solved := solveListedWitnesses(t, f.path); solved == 0 {
			t.Fatalf("%s: no full witness", f.path)
		}
	}
}

func solveListedWitnesses(t *testing.T, path string) int {
	t.Helper()
	records, err := vectors.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	compiled := map[ledger.Capacities]constraint.ConstraintSystem{}
	var ccs constraint.ConstraintSystem
	var elements [][]byte
	var digest string
	total, solved := 0, 0
	flush := func() {
		if len(elements) == 0 || len(elements) != total {
			elements = nil // no listing, or a partial one (liquidation steps only): nothing to solve
			return
		}
		var bin bytes.Buffer
		for _, n := range []uint32{3, uint32(len(elements) - 3), uint32(len(elements))} {
			_ = binary.Write(&bin, binary.BigEndian, n)
		}
		for _, e := range elements {
			bin.Write(e)
		}
		sum := sha256.Sum256(bin.Bytes())
		if vectors.Bytes(sum[:]) != digest {
			t.Fatalf("witness elements do not match the recorded digest %s", digest)
		}
		w, err := witness.New(ecc.BN254.ScalarField())
		if err != nil {
			t.Fatal(err)
		}
		if err := w.UnmarshalBinary(bin.Bytes()); err != nil {
			t.Fatal(err)
		}
		if err := ccs.IsSolved(w); err != nil {
			t.Fatalf("a recorded witness does not solve the circuit: %v", err)
		}
		solved++
		elements = nil
	}
	for _, r := range records {
		switch r.Kind {
		case "settlement.caps":
			caps := capsOf(r)
			if ccs = compiled[caps]; ccs == nil {
				if ccs, err = frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, settlement.New(caps)); err != nil {
					t.Fatal(err)
				}
				compiled[caps] = ccs
			}
		case "result.witness":
			flush()
			digest, total = r.Get("sha256"), int(vectors.ParseInt(r.Get("elements")))
		case "w":
			elements = append(elements, vectors.ParseBytes(r.Get("value")))
		}
	}
	flush()
	return solved
}

func capsOf(r vectors.Record) ledger.Capacities {
	n := func(key string) int { return int(vectors.ParseInt(r.Get(key))) }
	return ledger.Capacities{Markets: n("markets"), Oracles: n("oracles"), Accounts: n("accounts"),
		Deposits: n("deposits"), Orders: n("orders"), Trades: n("trades"), Withdrawals: n("withdrawals"),
		Steps: n("steps"), Requests: optional(r, "requests"), Expiries: optional(r, "expiries"), Options: r.Values["options"] == "true",
		Portfolio: r.Values["portfolio"] == "true",
		OwnerData: r.Values["ownerdata"] == "1", Blobs: blobs(r), Switches: optional(r, "switches")}
}

// blobs is the record's blob count ("blob" true for one, "blobs" for more, neither for none).
func blobs(r vectors.Record) int {
	if r.Values["blob"] == "true" {
		return 1
	}
	return optional(r, "blobs")
}

// optional is the record's request, expiry or switch capacity (files without such slots do not
// list it).
func optional(r vectors.Record, key string) int {
	if v, ok := r.Values[key]; ok {
		return int(vectors.ParseInt(v))
	}
	return 0
}

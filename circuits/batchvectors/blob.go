package batchvectors

import (
	"crypto/sha256"
	"fmt"

	"sable/circuits/batchgen"
	"sable/circuits/blob"
	"sable/circuits/ledger"
	"sable/circuits/vectors"
)

// BlobHeader heads blob.txt.
const BlobHeader = `Sable blob-section vectors, made by Go (circuits/batchvectors; docs/bridge.md, "Owner data in a
blob"): the owner scenario at the Owner capacities with the rows in a blob (-owner-blob), one
blob.batch record per batch: the blob's data (the owner rows, 13 per account row, zeros for unused
rows), the SHA-256 of the 131,072-byte blob they are packed into (32 bytes big-endian each, zeros
after), the KZG commitment and opening proof (go-eth-kzg, Ethereum's trusted setup), the versioned
hash, z = H(TAG_BLOB, H(TAG_PUBDATA, data...), vh_hi, vh_lo), y = p(z) (BLS12-381 scalar) and the
public data's blob section (vh_hi, vh_lo, z, y_hi, y_lo). Regenerate: cd circuits && go run
./cmd/vectors   (deterministic)
Checked by: Go (batchvectors tests: the file is current); Java (OwnerBlobVectorsTest) must compute
the blob's bytes, the versioned hash from the commitment, z, y and the section from the data.`

// Blob2Header heads blob2.txt.
const Blob2Header = `Sable two-blob vectors, made by Go (circuits/batchvectors; docs/bridge.md, "Owner data in
blobs: several blobs per batch"): the owner scenario at the Owner capacities with 4 account rows
in two blobs (-owner-blob2: rows 0 and 1 in blob 0, rows 2 and 3 in blob 1), one blob.batch record
per batch and blob: the batch's owner rows (all 4, zeros for unused rows), the blob's data (its 2
rows), the SHA-256 of the 131,072-byte blob, the KZG commitment and opening proof (go-eth-kzg,
Ethereum's trusted setup), the versioned hash, z = H(TAG_BLOB, H(TAG_PUBDATA, rows...), vh_hi,
vh_lo) (the commitment to all rows, of both blobs), y = p(z) and the blob's section of the public
data. Regenerate: cd circuits && go run ./cmd/vectors   (deterministic)
Checked by: Go (batchvectors tests: the file is current); Java (OwnerBlobVectorsTest) must compute
each blob's bytes, versioned hash, z, y and section from the rows, its data and its commitment.`

// GenerateBlob applies the owner scenario at the Owner capacities with the blob section and
// records each batch's blob and opening (blob.txt).
func GenerateBlob() ([]vectors.Record, error) {
	caps := ledger.Owner
	caps.Blobs = 1
	return blobRecords(caps)
}

// GenerateBlob2 is GenerateBlob at the Owner capacities with 4 account rows in two blobs
// (blob2.txt).
func GenerateBlob2() ([]vectors.Record, error) {
	caps := ledger.Owner
	caps.Accounts = 4
	caps.Blobs = 2
	return blobRecords(caps)
}

// blobRecords applies the owner scenario at caps and records each batch's blobs and openings, one
// record per blob; with several blobs each record also names its blob and lists all the rows.
func blobRecords(caps ledger.Capacities) ([]vectors.Record, error) {
	w := batchgen.NewWorld(caps, batchgen.BTC, batchgen.ETH)
	// The -owner twin publishes the same rows in its public data: they are the blobs' data.
	calldata := caps
	calldata.Blobs = 0
	twin := batchgen.NewWorld(calldata, batchgen.BTC, batchgen.ETH)
	rowsAt := calldata.OwnerDataAt() + ledger.OwnerHeaderLen
	twinBatches := batchgen.Scenario(twin)
	var out []vectors.Record
	for i, b := range batchgen.Scenario(w) {
		wit, violations, err := w.Apply(b)
		if err != nil || len(violations) > 0 {
			return nil, fmt.Errorf("scenario batch %d: %v %v", i+1, err, violations)
		}
		twinWit, violations, err := twin.Apply(twinBatches[i])
		if err != nil || len(violations) > 0 {
			return nil, fmt.Errorf("scenario batch %d at -owner: %v %v", i+1, err, violations)
		}
		if len(wit.Blobs) != caps.Blobs {
			return nil, fmt.Errorf("scenario batch %d: %d blob openings", i+1, len(wit.Blobs))
		}
		rows := twinWit.PublicData[rowsAt : rowsAt+ledger.OwnerRowLen*caps.Accounts]
		for j, d := range ledger.BlobParts(rows, caps) {
			o := wit.Blobs[j]
			packed, err := blob.Pack(d)
			if err != nil {
				return nil, err
			}
			digest := sha256.Sum256(packed[:])
			y := o.Y.Bytes()
			section := ledger.BlobSection(o)
			fields := []string{"batch", fmt.Sprint(i + 1)}
			if caps.Blobs > 1 {
				fields = append(fields, "blob", fmt.Sprint(j))
			}
			fields = append(fields, "accounts", fmt.Sprint(caps.Accounts))
			if caps.Blobs > 1 {
				fields = append(fields, "rows", vectors.Fes(rows))
			}
			out = append(out, vectors.NewRecord("blob.batch", append(fields, "data", vectors.Fes(d),
				"blobSha256", vectors.Bytes(digest[:]), "commitment", vectors.Bytes(o.Commitment[:]),
				"proof", vectors.Bytes(o.Proof[:]), "versionedHash", vectors.Bytes(o.VersionedHash[:]),
				"z", vectors.Fe(o.Z), "y", vectors.Bytes(y[:]), "section", vectors.Fes(section[:]))...))
		}
	}
	return out, nil
}

// OwnerBlobBatchesHeader heads ownerblobbatches.txt.
const OwnerBlobBatchesHeader = `Sable owner-data batches with the rows in a blob, made by Go (circuits/batchvectors;
docs/bridge.md, "Owner data in a blob"): the owner scenario at the Owner capacities with the blob
section (-owner-blob), in the format of ownerbatches.txt plus the blob field of settlement.caps;
every witness element is listed. Regenerate: cd circuits && go run ./cmd/vectors   (deterministic)
Checked by: Go (batchvectors tests: the file is current, and every witness solves the circuit);
Java's batch builder must reproduce every result, row, public data and witness element.`

// GenerateOwnerBlobBatches replays the owner scenario at the Owner capacities with the blob
// section (ownerblobbatches.txt), listing every witness element.
func GenerateOwnerBlobBatches() ([]vectors.Record, error) {
	caps := ledger.Owner
	caps.Blobs = 1
	return ownerBlobBatches(caps)
}

// OwnerBlob2BatchesHeader heads ownerblob2batches.txt.
const OwnerBlob2BatchesHeader = `Sable owner-data batches with the rows in two blobs, made by Go (circuits/batchvectors;
docs/bridge.md, "Owner data in blobs: several blobs per batch"): the owner scenario at the Owner
capacities with 4 account rows in two blobs (-owner-blob2, the batches of blob2.txt), in the format
of ownerbatches.txt plus the blobs field of settlement.caps; every witness element is listed.
Regenerate: cd circuits && go run ./cmd/vectors   (deterministic)
Checked by: Go (batchvectors tests: the file is current, and every witness solves the circuit);
Java's batch builder must reproduce every result, row, public data and witness element.`

// GenerateOwnerBlob2Batches replays the owner scenario at the Owner capacities with 4 account
// rows in two blobs (ownerblob2batches.txt), listing every witness element.
func GenerateOwnerBlob2Batches() ([]vectors.Record, error) {
	caps := ledger.Owner
	caps.Accounts = 4
	caps.Blobs = 2
	return ownerBlobBatches(caps)
}

func ownerBlobBatches(caps ledger.Capacities) ([]vectors.Record, error) {
	w := batchgen.NewWorld(caps, batchgen.BTC, batchgen.ETH)
	return history{caps: caps, world: w, batches: batchgen.Scenario(w),
		listed: func(int, ledger.Batch) func(string) bool { return func(string) bool { return true } }}.records()
}

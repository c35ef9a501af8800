// Command vectors writes the Go-made cross-language test vectors: the primitives to
// testdata/vectors/go.txt, the whole settlement batches to testdata/vectors/settlement.txt and the
// liquidation batches to testdata/vectors/liquidation.txt, the forced-request batches to
// testdata/vectors/forced.txt, the option-row batches to testdata/vectors/options.txt, the
// expiry-step batches to testdata/vectors/expiries.txt, the portfolio-margin batches to
// testdata/vectors/pmbatches.txt, the margin-mode switch batches to testdata/vectors/pmswitch.txt,
// the portfolio liquidation batches to testdata/vectors/pmliq.txt, the option liquidation batches
// to testdata/vectors/optliq.txt, the portfolio-margin
// requirements to testdata/vectors/portfolio.txt, the exits' equities to testdata/vectors/exit.txt, the
// blob-section openings to testdata/vectors/blob.txt (two blobs per batch: blob2.txt) and the
// -owner-blob batches to testdata/vectors/ownerblobbatches.txt (-owner-blob2:
// ownerblob2batches.txt)
// (paths relative to circuits/; or the directory given as the first argument).
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"sable/circuits/batchvectors"
	"sable/circuits/vectors"
)

func main() {
	dir := "../testdata/vectors"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	write(filepath.Join(dir, "go.txt"), vectors.Header, vectors.Generate())
	settlement, err := batchvectors.Generate()
	if err != nil {
		fail(err)
	}
	write(filepath.Join(dir, "settlement.txt"), batchvectors.Header, settlement)
	liquidation, err := batchvectors.GenerateLiquidation()
	if err != nil {
		fail(err)
	}
	write(filepath.Join(dir, "liquidation.txt"), batchvectors.LiquidationHeader, liquidation)
	forced, err := batchvectors.GenerateForced()
	if err != nil {
		fail(err)
	}
	write(filepath.Join(dir, "forced.txt"), batchvectors.ForcedHeader, forced)
	ownerBatches, err := batchvectors.GenerateOwnerBatches()
	if err != nil {
		fail(err)
	}
	write(filepath.Join(dir, "ownerbatches.txt"), batchvectors.OwnerBatchesHeader, ownerBatches)
	owner, err := batchvectors.GenerateOwnerData()
	if err != nil {
		fail(err)
	}
	write(filepath.Join(dir, "ownerdata.txt"), batchvectors.OwnerDataHeader, owner)
	options, err := batchvectors.GenerateOptions()
	if err != nil {
		fail(err)
	}
	write(filepath.Join(dir, "options.txt"), batchvectors.OptionsHeader, options)
	expiries, err := batchvectors.GenerateExpiries()
	if err != nil {
		fail(err)
	}
	write(filepath.Join(dir, "expiries.txt"), batchvectors.ExpiriesHeader, expiries)
	pmBatches, err := batchvectors.GeneratePortfolio()
	if err != nil {
		fail(err)
	}
	write(filepath.Join(dir, "pmbatches.txt"), batchvectors.PortfolioHeader, pmBatches)
	pmSwitch, err := batchvectors.GeneratePortfolioSwitch()
	if err != nil {
		fail(err)
	}
	write(filepath.Join(dir, "pmswitch.txt"), batchvectors.PortfolioSwitchHeader, pmSwitch)
	pmLiquidation, err := batchvectors.GeneratePortfolioLiquidation()
	if err != nil {
		fail(err)
	}
	write(filepath.Join(dir, "pmliq.txt"), batchvectors.PortfolioLiquidationHeader, pmLiquidation)
	optLiquidation, err := batchvectors.GenerateOptionLiquidation()
	if err != nil {
		fail(err)
	}
	write(filepath.Join(dir, "optliq.txt"), batchvectors.OptionLiquidationHeader, optLiquidation)
	portfolio, err := vectors.GeneratePortfolio()
	if err != nil {
		fail(err)
	}
	write(filepath.Join(dir, "portfolio.txt"), vectors.PortfolioHeader, portfolio)
	modeSwitch, err := vectors.GenerateModeSwitch()
	if err != nil {
		fail(err)
	}
	write(filepath.Join(dir, "modeswitch.txt"), vectors.ModeSwitchHeader, modeSwitch)
	exits, err := batchvectors.GenerateExits()
	if err != nil {
		fail(err)
	}
	write(filepath.Join(dir, "exit.txt"), batchvectors.ExitsHeader, exits)
	blobs, err := batchvectors.GenerateBlob()
	if err != nil {
		fail(err)
	}
	write(filepath.Join(dir, "blob.txt"), batchvectors.BlobHeader, blobs)
	blobs2, err := batchvectors.GenerateBlob2()
	if err != nil {
		fail(err)
	}
	write(filepath.Join(dir, "blob2.txt"), batchvectors.Blob2Header, blobs2)
	blobBatches, err := batchvectors.GenerateOwnerBlobBatches()
	if err != nil {
		fail(err)
	}
	write(filepath.Join(dir, "ownerblobbatches.txt"), batchvectors.OwnerBlobBatchesHeader, blobBatches)
	blob2Batches, err := batchvectors.GenerateOwnerBlob2Batches()
	if err != nil {
		fail(err)
	}
	write(filepath.Join(dir, "ownerblob2batches.txt"), batchvectors.OwnerBlob2BatchesHeader, blob2Batches)
}

func write(path, header string, records []vectors.Record) {
	var b bytes.Buffer
	if err := vectors.Write(&b, header, records); err != nil {
		fail(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		fail(err)
	}
	fmt.Println("wrote", path)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "vectors:", err)
	os.Exit(1)
}

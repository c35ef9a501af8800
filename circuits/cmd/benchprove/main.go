// Command benchprove measures the settlement circuit on full batches: constraints (all-in per
// trade, marginal per slot type, where they go), the liquidation batches (all-in per liquidation
// and per ADL fill, per step slot), the public-data binding against SHA-256 and Keccak, and with
// -prove real Groth16 proofs (ms per trade, per liquidation, per ADL fill; peak memory). It writes
// its report to bench/results/prove-<UTC time>.txt, headed by the command that produced it, with
// the line
//
//	liquidation: <C> constraints/liquidation, <T> ms/liquidation, <C> constraints/ADL fill, <T> ms/ADL fill, step slot <S> constraints
//
// and ends with
//
//	prove: <C> constraints/trade, <T> ms/trade, batch <B> trades, peak <M> MB
//
// for the last mix measured. Run from circuits/:
//
//	go run ./cmd/benchprove -trades 16 -mix both -prove
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/logger"
	"github.com/consensys/gnark/profile"
	pprof "github.com/google/pprof/profile"

	"sable/circuits/batchgen"
	"sable/circuits/keystore"
	"sable/circuits/ledger"
	"sable/circuits/settlement"
)

func main() {
	trades := flag.Int("trades", 16, "trade slots of the batch")
	mix := flag.String("mix", "both", "fresh, realistic or both")
	prove := flag.Bool("prove", false, "set up keys (cached in -keys) and prove the batch")
	keys := flag.String("keys", "../.sable/bench-keys", "key cache directory")
	out := flag.String("out", "../bench/results", "report directory")
	quick := flag.Bool("quick", false, "skip the marginal costs and the binding comparison")
	liquidations := flag.Int("liquidations", 8, "liquidations of the takeover batch (0: no liquidation figures)")
	adlFills := flag.Int("adlfills", 16, "ADL fills of the ADL batch")
	flag.Parse()
	logger.Disable()
	mixes := []batchgen.Mix{batchgen.Mix(*mix)}
	if *mix == "both" {
		mixes = []batchgen.Mix{batchgen.Fresh, batchgen.Realistic}
	}
	r := &report{}
	r.line("command: cd circuits && go run ./cmd/benchprove %s", strings.Join(os.Args[1:], " "))
	r.line("date: %s UTC; %d CPUs (%s), GOMAXPROCS %d; %s", time.Now().UTC().Format("2006-01-02 15:04"),
		runtime.NumCPU(), cpuModel(), runtime.GOMAXPROCS(0), keystore.LibraryVersions())
	var last string
	for _, m := range mixes {
		summary, err := measure(r, m, *trades, *prove, *quick, *keys)
		if err != nil {
			fail(err)
		}
		last = summary
	}
	if *liquidations > 0 {
		sweep, err := measureSweep(r, *liquidations, *adlFills, *prove, *keys)
		if err != nil {
			fail(err)
		}
		r.line("\n%s", sweep)
	}
	if !*quick {
		if err := binding(r); err != nil {
			fail(err)
		}
	}
	r.line("%s", last)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fail(err)
	}
	path := filepath.Join(*out, "prove-"+time.Now().UTC().Format("20060102-150405")+".txt")
	if err := os.WriteFile(path, r.Bytes(), 0o644); err != nil {
		fail(err)
	}
	fmt.Print(r.String())
	fmt.Println("wrote", path)
}

type report struct{ bytes.Buffer }

func (r *report) line(format string, args ...any) {
	fmt.Fprintf(r, format+"\n", args...)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "benchprove:", err)
	os.Exit(1)
}

func compile(caps ledger.Capacities) (int, error) {
	cs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, settlement.New(caps))
	if err != nil {
		return 0, err
	}
	if len(cs.GetCommitments().CommitmentIndexes()) != 0 {
		return 0, fmt.Errorf("the circuit has a Groth16 commitment")
	}
	return cs.GetNbConstraints(), nil
}

// measure reports one mix: constraints, marginal costs, where they go, and the proof.
func measure(r *report, mix batchgen.Mix, trades int, prove, quick bool, keyDir string) (string, error) {
	caps, err := batchgen.MixCapacities(mix, trades)
	if err != nil {
		return "", err
	}
	r.line("\n== %s mix, %d trades: capacities %+v", mix, trades, caps)
	total, where, _, err := profiled(caps)
	if err != nil {
		return "", err
	}
	r.line("constraints: %d total, %d per trade all-in (no Groth16 commitment)", total, total/trades)
	if !quick {
		if err := marginal(r, caps, total); err != nil {
			return "", err
		}
	}
	r.line("where the constraints go (by gadget):")
	for _, e := range where {
		r.line("  %-44s %9d  %5.1f%%", e.name, e.n, 100*float64(e.n)/float64(total))
	}
	if !prove {
		return fmt.Sprintf("prove: %d constraints/trade, (not proved), batch %d trades (%s mix)", total/trades, trades, mix), nil
	}
	return proveBatch(r, mix, caps, trades, total, keyDir)
}

// marginal reports what one more slot of each type costs at these capacities.
func marginal(r *report, caps ledger.Capacities, total int) error {
	r.line("marginal constraints per slot at these capacities:")
	for _, s := range []struct {
		name string
		grow func(*ledger.Capacities)
	}{
		{"trade slot", func(c *ledger.Capacities) { c.Trades++ }},
		{"order row", func(c *ledger.Capacities) { c.Orders++ }},
		{"account row", func(c *ledger.Capacities) { c.Accounts++ }},
		{"market row", func(c *ledger.Capacities) { c.Markets++ }},
		{"oracle price", func(c *ledger.Capacities) { c.Oracles++ }},
		{"deposit", func(c *ledger.Capacities) { c.Deposits++ }},
		{"withdrawal", func(c *ledger.Capacities) { c.Withdrawals++ }},
	} {
		grown := caps
		s.grow(&grown)
		n, err := compile(grown)
		if err != nil {
			return err
		}
		r.line("  %-13s %8d", s.name, n-total)
	}
	return nil
}

// proveBatch sets up (or reuses) the keys, proves a full batch of the mix and verifies it.
func proveBatch(r *report, mix batchgen.Mix, caps ledger.Capacities, trades, total int, keyDir string) (string, error) {
	w, b, err := batchgen.FullBatch(mix, trades)
	if err != nil {
		return "", err
	}
	p, err := timedProof(r, w, b, keyDir)
	if err != nil {
		return "", err
	}
	msPerTrade := float64(p.wall.Milliseconds()) / float64(trades)
	r.line("proof: %d ms wall (%.0f ms/trade), %d ms CPU (%.0f ms/trade), peak RSS during proving %d MB; verified; load average before: %s",
		p.wall.Milliseconds(), msPerTrade, p.cpu.Milliseconds(), float64(p.cpu.Milliseconds())/float64(trades), p.peak, p.load)
	return fmt.Sprintf("prove: %d constraints/trade, %.0f ms/trade, batch %d trades, peak %d MB (%s mix)",
		total/trades, msPerTrade, trades, p.peak, mix), nil
}

// proofTiming is one measured proof.
type proofTiming struct {
	wall, cpu time.Duration
	peak      int64  // MB
	load      string // load average before proving
}

// timedProof applies the batch to its world, sets up (or reuses) the keys of the world's
// capacities, proves the batch and verifies the proof.
func timedProof(r *report, w *batchgen.World, b ledger.Batch, keyDir string) (proofTiming, error) {
	wit, violations, err := w.Apply(b)
	if err != nil || len(violations) > 0 {
		return proofTiming{}, fmt.Errorf("benchmark batch: %v %v", err, violations)
	}
	assignment, err := settlement.Assign(wit)
	if err != nil {
		return proofTiming{}, err
	}
	k, err := keystore.Open(settlement.Name(w.Caps), keyDir, keystore.Policy{DevelopmentSetup: true})
	if err != nil {
		return proofTiming{}, err
	}
	r.line("keys: %s in %v (reused and checked: %v)", k.Dir, k.KeyTime.Round(time.Millisecond), k.Reused)
	full, err := frontend.NewWitness(assignment, ecc.BN254.ScalarField())
	if err != nil {
		return proofTiming{}, err
	}
	load := loadAverage()
	resetPeak()
	runtime.GC()
	start, cpu := time.Now(), cpuTime()
	proof, err := groth16.Prove(k.CS, k.PK, full)
	if err != nil {
		return proofTiming{}, err
	}
	p := proofTiming{wall: time.Since(start), cpu: cpuTime() - cpu, peak: peakMB(), load: load}
	public, _ := full.Public()
	if err := groth16.Verify(proof, k.VK, public); err != nil {
		return proofTiming{}, fmt.Errorf("the benchmark proof does not verify: %w", err)
	}
	return p, nil
}

type share struct {
	name string
	n    int64
}

// profiled compiles with gnark's constraint profiler and attributes each constraint to the
// gadget that made it (the innermost frame of package gadget or poseidon2, else the step of the
// batch); it also counts the constraints made by the liquidation steps.
func profiled(caps ledger.Capacities) (int, []share, int64, error) {
	dir, err := os.MkdirTemp("", "sable-profile-")
	if err != nil {
		return 0, nil, 0, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "constraints.pprof")
	p := profile.Start(profile.WithPath(path))
	n, err := compile(caps)
	p.Stop()
	if err != nil {
		return 0, nil, 0, err
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, nil, 0, err
	}
	defer f.Close()
	prof, err := pprof.Parse(f)
	if err != nil {
		return 0, nil, 0, err
	}
	sums := map[string]int64{}
	var sweep int64
	for _, s := range prof.Sample {
		sums[classify(s)] += s.Value[0]
		if hasFrame(s, "(*batch).liquidations") {
			sweep += s.Value[0]
		}
	}
	var out []share
	for name, v := range sums {
		out = append(out, share{name, v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].n > out[j].n })
	return n, out, sweep, nil
}

func hasFrame(s *pprof.Sample, sub string) bool {
	for _, loc := range s.Location {
		for _, l := range loc.Line {
			if strings.Contains(l.Function.Name, sub) {
				return true
			}
		}
	}
	return false
}

// classify names what made a constraint, from its stack (innermost frame first).
func classify(s *pprof.Sample) string {
	var frames []string
	for _, loc := range s.Location {
		for _, l := range loc.Line {
			frames = append(frames, l.Function.Name)
		}
	}
	has := func(sub string) bool { return hasFrame(s, sub) }
	switch {
	case has("gadget.(*EdDSA).Verify"):
		return "signatures (EdDSA verify incl. challenge)"
	case has("gadget.(*EdDSA).AssertValidKey"):
		return "key validation (new accounts)"
	case has("gadget.(*Hasher).MerkleRoot"):
		return "Merkle paths (Poseidon2)"
	case has("bindPublicData") && has("poseidon2"):
		return "public-data commitment (Poseidon2)"
	case has("bindPublicData"):
		return "public-data evaluation and packing"
	case has("poseidon2"):
		return "leaf and message hashing (Poseidon2)"
	case has("gadget.DivCeil"):
		return "exact divisions (fees, funding, margin, cost)"
	case has("gadget.OneHot"):
		return "one-hot row selection"
	case has("gadget.Range") || has("gadget.Signed") || has("gadget.AssertNonNegative") || has("gadget.LessOrEqual"):
		return "range checks and comparisons (bits)"
	}
	for _, f := range frames {
		if i := strings.Index(f, "(*batch)."); i >= 0 {
			return "table reads/writes and arithmetic: " + f[i+len("(*batch)."):]
		}
	}
	return "other"
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "model name") {
			return strings.TrimSpace(strings.SplitN(line, ":", 2)[1])
		}
	}
	return "unknown CPU"
}

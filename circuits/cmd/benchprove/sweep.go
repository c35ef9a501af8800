package main

import (
	"fmt"

	"sable/circuits/batchgen"
	"sable/circuits/ledger"
)

// sweepFigures are the liquidation figures of one run, for the summary line.
type sweepFigures struct {
	perLiquidation, perFill, perStep int
	msPerLiquidation, msPerFill      float64
}

// measureSweep reports the two liquidation batches (batchgen.TakeoverBatch with n liquidations of
// three steps, batchgen.AdlBatch with f ADL fills): constraints all-in per liquidation and per ADL
// fill, what one more step slot costs, the share of the steps, and with prove a real proof.
func measureSweep(r *report, n, f int, prove bool, keyDir string) (string, error) {
	var fig sweepFigures
	for _, m := range []struct {
		name, unit string
		count      int
		make       func(int) (*batchgen.World, ledger.Batch, error)
		constraint *int
		ms         *float64
	}{
		{"takeover batch (each liquidation: start, a close into the book, the fund's takeover)", "liquidation", n,
			batchgen.TakeoverBatch, &fig.perLiquidation, &fig.msPerLiquidation},
		{"ADL batch (one liquidation: start, the fund's cover, then ADL fills)", "ADL fill", f,
			batchgen.AdlBatch, &fig.perFill, &fig.msPerFill},
	} {
		w, b, err := m.make(m.count)
		if err != nil {
			return "", err
		}
		caps := w.Caps
		r.line("\n== %s: %d %ss, capacities %+v", m.name, m.count, m.unit, caps)
		total, where, steps, err := profiled(caps)
		if err != nil {
			return "", err
		}
		*m.constraint = total / m.count
		r.line("constraints: %d total, %d per %s all-in (rows, market, header and steps shared out)", total,
			total/m.count, m.unit)
		r.line("  of which made by the liquidation steps: %d (%d per step slot, %d slots)", steps,
			steps/int64(caps.Steps), caps.Steps)
		step, row, err := stepMarginals(caps, total)
		if err != nil {
			return "", err
		}
		if fig.perStep == 0 {
			fig.perStep = step // the takeover batch's
		}
		r.line("marginal: one more step slot %d, one more account row %d", step, row)
		r.line("where the constraints go (by gadget):")
		for _, e := range where {
			r.line("  %-44s %9d  %5.1f%%", e.name, e.n, 100*float64(e.n)/float64(total))
		}
		if !prove {
			continue
		}
		p, err := timedProof(r, w, b, keyDir)
		if err != nil {
			return "", err
		}
		*m.ms = float64(p.wall.Milliseconds()) / float64(m.count)
		r.line("proof: %d ms wall (%.0f ms/%s), %d ms CPU (%.0f ms/%s), peak RSS during proving %d MB; verified; load average before: %s",
			p.wall.Milliseconds(), *m.ms, m.unit, p.cpu.Milliseconds(), float64(p.cpu.Milliseconds())/float64(m.count),
			m.unit, p.peak, p.load)
	}
	ms := func(x float64) string {
		if !prove {
			return "(not proved)"
		}
		return fmt.Sprintf("%.0f ms", x)
	}
	return fmt.Sprintf("liquidation: %d constraints/liquidation, %s/liquidation, %d constraints/ADL fill, %s/ADL fill, step slot %d constraints",
		fig.perLiquidation, ms(fig.msPerLiquidation), fig.perFill, ms(fig.msPerFill), fig.perStep), nil
}

// stepMarginals compiles the circuit with one more step slot and with one more account row.
func stepMarginals(caps ledger.Capacities, total int) (step, row int, err error) {
	more := caps
	more.Steps++
	n, err := compile(more)
	if err != nil {
		return 0, 0, err
	}
	more = caps
	more.Accounts++
	m, err := compile(more)
	if err != nil {
		return 0, 0, err
	}
	return n - total, m - total, nil
}

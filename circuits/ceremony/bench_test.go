package ceremony_test

import (
	"path/filepath"
	"testing"
	"time"

	"sable/circuits/ceremony"
	"sable/circuits/stateupdate"
)

// BenchmarkStateUpdateCeremony times each step of a one-participant-per-phase ceremony for the
// real state-update circuit (domain size 16,384). Minutes of CPU: run it on purpose, e.g.
//
//	go test ./ceremony -run '^$' -bench StateUpdateCeremony -benchtime 1x
func BenchmarkStateUpdateCeremony(b *testing.B) {
	for i := 0; i < b.N; i++ {
		dir, keys := b.TempDir(), b.TempDir()
		step := func(metric string, run func() error) {
			start := time.Now()
			if err := run(); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(time.Since(start).Seconds(), metric)
		}
		contributeOnce := func(phase int) func() error {
			return func() error {
				_, _, _, err := ceremony.Contribute(filepath.Join(dir, name(phase, 0)), filepath.Join(dir, name(phase, 1)))
				return err
			}
		}
		step("init-s", func() error { _, err := ceremony.Init(stateupdate.Name, dir, ""); return err })
		step("phase1-contribute-s", contributeOnce(1))
		step("begin-phase2-s", func() error { _, err := ceremony.BeginPhase2(dir, beacon1); return err })
		step("phase2-contribute-s", contributeOnce(2))
		step("seal-s", func() error { _, _, err := ceremony.Seal(dir, beacon2, keys, ""); return err })
		step("verify-s", func() error { _, err := ceremony.Verify(dir, keys, ""); return err })
	}
}

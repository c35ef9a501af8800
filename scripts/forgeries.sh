#!/usr/bin/env bash
# The forgery suite (docs/settlement.md, "Forged batches"): runs the settlement circuit's tests and
# counts its named forgeries (every test of circuits/settlement whose name ends in "Rejected"),
# each a batch that breaks one rule of issue 8 or 9 and must fail in the step that enforces it.
#
# A forgery counts as rejected only when (1) its test passed, i.e. the circuit refused the forged
# witness where the rule is enforced, and (2) in the same run the circuit of the same capacities
# accepted an honest batch (gnark's test engine solved it; the Tiny and TinySweep circuits also
# give real Groth16 proofs that verify), so the suite cannot pass by rejecting everything.
#
# Prints per circuit what it saw; the last line is "forgeries: <R> rejected of <N>". Exits 0 only
# when R = N and every test of the package passed.
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$SABLE_ROOT/circuits"

report="$(mktemp)"
log="$(mktemp)"
trap 'rm -f "$report" "$log"' EXIT

mapfile -t forgeries < <(go test -list 'Rejected$' ./settlement | grep '^Test')
if [ "${#forgeries[@]}" -eq 0 ]; then
  echo "forgeries: no forgery test found" >&2
  echo "forgeries: 0 rejected of 0"
  exit 1
fi

SABLE_FORGERY_REPORT="$report" go test -count=1 -v -timeout 30m ./settlement >"$log" 2>&1
status=$?

# Outcomes: "<outcome> <test> <circuit>" lines from the tests, "pass <test>" from go test.
grep -E '^--- PASS: ' "$log" | awk '{print "pass", $3}' >>"$report"
printf 'forgery %s\n' "${forgeries[@]}" >>"$report"

awk '
  $1 == "forgery" { forgery[$2] = 1; order[++n] = $2; next }
  $1 == "pass" { passed[$2] = 1; next }
  $1 == "solved" { solved[$3]++; next }
  $1 == "proved" { proved[$3]++; next }
  $1 == "rejected" { split($2, name, "/"); caps[name[1]] = caps[name[1]] " " $3; next }
  END {
    for (i = 1; i <= n; i++) {
      t = order[i]
      ok = 0
      if (t in passed && t in caps) {
        ok = 1
        m = split(caps[t], circuits, " ")
        for (j = 1; j <= m; j++) if (!(circuits[j] in solved) && !(circuits[j] in proved)) ok = 0
        for (j = 1; j <= m; j++) rejectedIn[circuits[j]]++
      }
      if (ok) rejected++
      else print "forgeries: NOT counted: " t (t in passed ? " (no honest batch of its circuit, or no rejection recorded)" : " (test failed or did not run)")
    }
    for (c in rejectedIn)
      printf "forgeries: %s: %d forgeries rejected; honest batches solved %d, proved %d\n", c, rejectedIn[c], solved[c] + 0, proved[c] + 0
    for (c in proved)
      if (!(c in rejectedIn)) printf "forgeries: %s: honest batches proved %d (real Groth16 proofs)\n", c, proved[c]
    printf "%d %d\n", rejected + 0, n > last
  }
' last="$report.last" "$report" | sort
read -r rejected total <"$report.last"
rm -f "$report.last"
if [ "$status" -ne 0 ]; then
  echo "forgeries: go test failed:" >&2
  grep -E '^(--- FAIL|FAIL|panic)' "$log" >&2
fi
echo "forgeries: $rejected rejected of $total"
[ "$status" -eq 0 ] && [ "$rejected" -eq "$total" ]

#!/usr/bin/env bash
# The launcher's own checks, on a built checkout (scripts/test-all.sh runs it after the Maven build):
# two ./sable commands started together on a stale build both succeed and only one of them builds;
# paths are taken relative to the caller's directory; a bad argument is one line with exit code 2.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$SABLE_ROOT"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "test-launcher: $*" >&2; exit 1; }

touch cli/src/main/java/dev/sable/cli/SableCli.java # the jar is now older than a source
./sable --version >"$tmp/a" 2>&1 &
first=$!
./sable --version >"$tmp/b" 2>&1 &
second=$!
wait "$first" || fail "first concurrent run failed: $(cat "$tmp/a")"
wait "$second" || fail "second concurrent run failed: $(cat "$tmp/b")"
for out in "$tmp/a" "$tmp/b"; do
  grep -qx 'sable 0.1.0' "$out" || fail "a concurrent run printed no version: $(cat "$out")"
done
builds="$(cat "$tmp/a" "$tmp/b" | grep -c '^sable: building' || true)"
[ "$builds" = 1 ] || fail "expected exactly one build, saw $builds"

set +e
(cd "$tmp" && "$SABLE_ROOT/sable" demo --summary missing/out.json >"$tmp/out" 2>"$tmp/err")
code=$?
set -e
[ "$code" = 2 ] || fail "a summary in a missing directory exited $code, not 2: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/err")" = 1 ] || fail "expected one line on stderr: $(cat "$tmp/err")"
grep -q "directory $tmp/missing does not exist" "$tmp/err" \
  || fail "the path was not taken relative to the caller: $(cat "$tmp/err")"
echo "test-launcher: concurrent runs, relative paths and usage errors as documented"

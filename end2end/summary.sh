#!/usr/bin/env bash
# Prints the one summary line of `make test`: every Rust test and every Playwright test.
# Usage: summary.sh <log dir>. Reads cargo-test.log and playwright.json; missing logs count as
# a failure, so a suite that never ran cannot look green.
set -u
logs=${1:?log directory}
passed=0 failed=0 missing=""

if [ -f "$logs/cargo-test.log" ]; then
  read -r p f < <(awk '/^test result:/ { for (i = 1; i <= NF; i++) {
      if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
      END { print p + 0, f + 0 }' "$logs/cargo-test.log")
  passed=$((passed + p)); failed=$((failed + f))
  grep -q '^error: could not compile' "$logs/cargo-test.log" && missing="$missing cargo-test(build error)"
else
  missing="$missing cargo-test"
fi

if [ -f "$logs/playwright.json" ]; then
  read -r p f < <(node -e '
    const s = require(require("path").resolve(process.argv[1])).stats || {};
    console.log((s.expected || 0) + (s.flaky || 0), (s.unexpected || 0));' "$logs/playwright.json")
  passed=$((passed + p)); failed=$((failed + f))
else
  missing="$missing playwright"
fi

[ -n "$missing" ] && echo "did not run:$missing"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ -z "$missing" ]

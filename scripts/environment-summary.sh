#!/usr/bin/env bash
# Summarises, after `make test`, the tests that depend on the machine (root, a network namespace, a
# program, the shared captures): each appended `ran` or `skipped` with the reason to the record
# (src/test_fixtures/environment.rs). Prints "environment-dependent tests: N ran, M skipped" and
# each skip; fails when nothing was recorded (the tests did not report) or, under CI, on any skip.
#   scripts/environment-summary.sh RECORD
set -euo pipefail
record=${1:?usage: scripts/environment-summary.sh RECORD}
ran=0
skipped=0
if [ -f "$record" ]; then
    ran=$(grep -c '^ran	' "$record" || true)
    skipped=$(grep -c '^skipped	' "$record" || true)
fi
echo "environment-dependent tests: $ran ran, $skipped skipped"
if [ "$skipped" -gt 0 ]; then
    grep '^skipped	' "$record" | cut -f2- | sed 's/	/: /; s/^/  skipped: /'
fi
if [ $((ran + skipped)) -eq 0 ]; then
    echo "environment-summary: $record records no test: did the tests run?" >&2
    exit 1
fi
case "${CI:-}" in
    "" | false | 0) ;;
    *)
        if [ "$skipped" -gt 0 ]; then
            echo "environment-summary: CI is set, and no environment-dependent test may be skipped" >&2
            exit 1
        fi
        ;;
esac

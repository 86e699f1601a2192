#!/usr/bin/env bash
# For refactorings that must not change what portlens prints: runs two portlens binaries over
# every bundled sample and every shared capture in every view and language, and reports each
# output that differs. Usage: scripts/same-output.sh OLD_BINARY NEW_BINARY [CAPTURES_DIR]
# (CAPTURES_DIR defaults to $PORTLENS_SHARED_CAPTURES, else ../shared/captures). Exit 1 on any
# difference, with the first lines of the diff.
set -uo pipefail
old=$1 new=$2
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${3:-${PORTLENS_SHARED_CAPTURES:-$top/../shared/captures}}
views=("" "-v" "-q" "--lang ko" "--lang ko -v" "--lang ko -q" "--oneline" "--json"
       "-X" "-x --diagram" "--stats" "--stats --json" "--conversations" "--summary --lang ko"
       "--color always" "--oneline --color always")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
files=("$top"/samples/*.pcap)
[ -d "$shared" ] && files+=("$shared"/*.pcap "$shared"/*.pcapng)
compared=0 differing=0
for file in "${files[@]}"; do
    [ -f "$file" ] || continue
    for view in "${views[@]}"; do
        # shellcheck disable=SC2086 # each view is several words
        "$old" -r "$file" $view >"$work/old" 2>"$work/old.err"
        # shellcheck disable=SC2086
        "$new" -r "$file" $view >"$work/new" 2>"$work/new.err"
        compared=$((compared + 1))
        if ! cmp -s "$work/old" "$work/new" || ! cmp -s "$work/old.err" "$work/new.err"; then
            differing=$((differing + 1))
            echo "differs: $(basename "$file") $view"
            diff <(cat "$work/old" "$work/old.err") <(cat "$work/new" "$work/new.err") | head -8
        fi
    done
done
echo "same-output: $compared outputs compared, $differing differ"
[ "$differing" -eq 0 ]

#!/usr/bin/env bash
# Heritage Atlas benchmarks. Run after `make build` (or via `make bench`).
#
#   bash tools/bench.sh              # every section
#   bash tools/bench.sh bundle ...   # only the named sections
#
# Sections are functions named section_<name>, listed in SECTIONS below; to add
# one (e.g. browser timings), write section_<name> and append <name> to SECTIONS.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DIST="${DIST:-dist}"
export DIST
SYNTH_DATA="bench/out/synthetic-36k.geojson"

# The scale curve's other sizes (bench/run.mjs BENCH_SCALE): 10x fewer and 10x
# more sites; the 360k set is lean (tools/synth.py --lean) to fit the 50 MB limit.
SCALE_DATA=("bench/out/synthetic-3600.geojson:3600:" "bench/out/synthetic-360k.geojson:360000:--lean")

SECTIONS=(bundle twiggy synthetic browser soak parse waterfall)

heading() { printf '\n== %s ==\n' "$1"; }

kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

# Release bundle: the .wasm, .js and .css files trunk writes at the top of
# dist/ (with content hashes in their names), raw and gzip -9 sizes.
section_bundle() {
    heading "bundle size ($DIST/)"
    [[ -f "$DIST/index.html" ]] || { echo "bench: $DIST/index.html missing: run 'make build' first" >&2; return 1; }

    local files=()
    mapfile -t files < <(find "$DIST" -maxdepth 1 -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) | LC_ALL=C sort)
    [[ ${#files[@]} -gt 0 ]] || { echo "bench: no .wasm/.js/.css in $DIST" >&2; return 1; }

    local fmt='%-40s %12s %10s %12s %10s\n'
    # shellcheck disable=SC2059
    printf "$fmt" file "raw bytes" "raw KB" "gzip bytes" "gzip KB"
    # shellcheck disable=SC2059
    printf "$fmt" "$(printf '%.0s-' {1..40})" "------------" "----------" "------------" "----------"
    local f raw gz total_raw=0 total_gz=0
    for f in "${files[@]}"; do
        raw=$(wc -c <"$f")
        gz=$(gzip -9 -c "$f" | wc -c)
        total_raw=$((total_raw + raw))
        total_gz=$((total_gz + gz))
        # shellcheck disable=SC2059
        printf "$fmt" "$(basename "$f")" "$raw" "$(kb "$raw")" "$gz" "$(kb "$gz")"
    done
    # shellcheck disable=SC2059
    printf "$fmt" "total (${#files[@]} files)" "$total_raw" "$(kb "$total_raw")" "$total_gz" "$(kb "$total_gz")"
    # Issue 12: 200 KB now, 131 KB (Leaflet + markercluster + TimelineJS) the goal.
    local limit=$((200 * 1024)) goal=$((131 * 1024))
    printf 'target: total gzip <= 200 KB: %s; goal <= 131 KB: %s\n' \
        "$([[ $total_gz -le $limit ]] && echo met || echo MISSED)" "$([[ $total_gz -le $goal ]] && echo met || echo MISSED)"
}

# What the wasm is made of: twiggy on the release build with its names kept
# (cargo's own output, before wasm-bindgen's and wasm-opt's stripping), after
# wasm-bindgen's dead-code pass, so it counts what ships, before wasm-opt.
# Bytes summed by owning crate (tools/twiggy_crates.py), then the largest items.
# twiggy is optional: `cargo install twiggy --locked` (about 4 minutes).
section_twiggy() {
    heading "wasm by crate (twiggy, before wasm-opt)"
    local wasm="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/heritage-atlas.wasm"
    command -v twiggy >/dev/null || { echo "twiggy: not installed, section skipped (cargo install twiggy --locked)"; return 0; }
    command -v wasm-bindgen >/dev/null || { echo "twiggy: wasm-bindgen not on PATH, section skipped (tools/setup.sh serve)"; return 0; }
    [[ -f "$wasm" ]] || { echo "twiggy: $wasm missing, section skipped (run 'make build' first)"; return 0; }
    local tmp
    tmp=$(mktemp -d)
    wasm-bindgen --target web --keep-debug --out-dir "$tmp" "$wasm"
    echo "from $wasm ($(date -r "$wasm" '+%F %T'))"
    twiggy top --format csv -n 1000000 "$tmp/heritage-atlas_bg.wasm" | python3 tools/twiggy_crates.py 15
    echo
    echo "largest items:"
    twiggy top -n 16 "$tmp/heritage-atlas_bg.wasm" | grep -v 'names" subsection' | cut -c1-150
    rm -rf "$tmp"
}

# The synthetic 36k dataset (tools/synth.py; gitignored, never in dist/),
# regenerated when missing or older than its generator.
section_synthetic() {
    heading "synthetic dataset ($SYNTH_DATA)"
    if [[ -f "$SYNTH_DATA" && ! tools/synth.py -nt "$SYNTH_DATA" ]]; then
        echo "synth: $SYNTH_DATA is up to date ($(kb "$(wc -c <"$SYNTH_DATA")") KB)"
    else
        python3 tools/synth.py "$SYNTH_DATA"
    fi
    local entry file count flags
    for entry in "${SCALE_DATA[@]}"; do
        IFS=: read -r file count flags <<<"$entry"
        if [[ -f "$file" && ! tools/synth.py -nt "$file" ]]; then
            echo "synth: $file is up to date ($(kb "$(wc -c <"$file")") KB)"
        else
            # shellcheck disable=SC2086
            python3 tools/synth.py "$file" --count "$count" $flags
        fi
    done
}

# Parse, first map frame, pan/zoom frame cost, timeline: the app beside a
# Leaflet + markercluster peer, in headless Chromium (bench/run.mjs).
section_browser() {
    heading "browser timings: app vs Leaflet 1.9.4 + markercluster (bench/run.mjs)"
    [[ -f "$DIST/index.html" ]] || { echo "bench: $DIST/index.html missing: run 'make build' first" >&2; return 1; }
    [[ -f "$SYNTH_DATA" ]] || section_synthetic
    # Same guarantee as `make e2e`: Playwright and Debian's Chromium are there.
    { [[ -d node_modules/@playwright/test && -d node_modules/leaflet.markercluster && -x /usr/bin/chromium ]]; } \
        || bash tools/setup.sh test
    BENCH_DATA="$SYNTH_DATA" node bench/run.mjs
}

# A kiosk through many idle resets and attract-loop chapters on a fake clock:
# JS heap, DOM nodes and listeners at the first, middle and last cycle.
section_soak() {
    heading "kiosk soak (bench/soak.mjs)"
    [[ -f "$DIST/index.html" ]] || { echo "bench: $DIST/index.html missing: run 'make build' first" >&2; return 1; }
    { [[ -d node_modules/@playwright/test && -x /usr/bin/chromium ]]; } || bash tools/setup.sh test
    node bench/soak.mjs
}

# atlas_core::load, the first view and the cluster index natively (release
# profile, so opt-level "z" like the wasm): what the browser's `parse + index`
# rows cover, without the browser. Median of 5 runs after a warm-up.
section_parse() {
    heading "parse + index, native (crates/atlas-core/examples/parse_timing.rs)"
    local files=(public/data/suzhou-red-heritage.geojson) entry file
    [[ -f "$SYNTH_DATA" ]] || section_synthetic
    # Smallest first: 3,600, then the 36k set, then 360k.
    for entry in "${SCALE_DATA[@]}"; do
        file="${entry%%:*}"
        [[ "$file" == *360k* ]] && files+=("$SYNTH_DATA")
        [[ -f "$file" ]] && files+=("$file")
    done
    printf 'machine: 1-minute load average %s before\n' "$(cut -d' ' -f1 /proc/loadavg)"
    cargo run --quiet --release -p atlas-core --example parse_timing -- --runs 5 "${files[@]}"
    printf 'machine: 1-minute load average %s after\n' "$(cut -d' ' -f1 /proc/loadavg)"
}

# The Suzhou load as a waterfall: wasm ready, the dataset and each basemap
# layer requested / received / parsed, sites and basemap drawn, first map
# frame; and the requests per file, which must be 1 (bench/waterfall.mjs).
section_waterfall() {
    heading "Suzhou load waterfall (bench/waterfall.mjs)"
    [[ -f "$DIST/index.html" ]] || { echo "bench: $DIST/index.html missing: run 'make build' first" >&2; return 1; }
    { [[ -d node_modules/@playwright/test && -x /usr/bin/chromium ]]; } || bash tools/setup.sh test
    node bench/waterfall.mjs
}

main() {
    local wanted=("$@") s
    [[ ${#wanted[@]} -gt 0 ]] || wanted=("${SECTIONS[@]}")
    for s in "${wanted[@]}"; do
        declare -F "section_$s" >/dev/null || { echo "bench: unknown section '$s' (have: ${SECTIONS[*]})" >&2; exit 2; }
        "section_$s"
    done
}

main "$@"

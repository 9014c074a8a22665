#!/usr/bin/env bash
# Installs what Heritage Atlas needs to build, serve and test. Idempotent: every
# step first checks whether its tool is already there, so a second run takes
# seconds. Uses only crates.io, npm and Debian's apt (no other downloads).
#
#   tools/setup.sh serve   # wasm target, trunk, wasm-bindgen-cli, npm packages
#   tools/setup.sh test    # serve + clippy/rustfmt + Debian chromium/chromedriver
set -euo pipefail

TRUNK_VERSION=0.21.14

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Playwright must never fetch its own browsers: tests use /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

say() { printf 'setup: %-28s %s\n' "$1" "$2"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_target() {
    if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
        say "wasm32-unknown-unknown" "already present"
    else
        rustup target add wasm32-unknown-unknown
        say "wasm32-unknown-unknown" "installed"
    fi
}

ensure_trunk() {
    local have=""
    have="$(trunk --version 2>/dev/null || true)"
    if [[ "$have" == *" $TRUNK_VERSION"* ]]; then
        say "trunk $TRUNK_VERSION" "already present"
    else
        # trunk 0.22 needs a newer rustc than this machine has: pin 0.21.14.
        cargo install trunk --version "$TRUNK_VERSION" --locked
        say "trunk $TRUNK_VERSION" "installed"
    fi
}

# The version of the `wasm-bindgen` package recorded in Cargo.lock.
lock_wasm_bindgen_version() {
    [[ -f Cargo.lock ]] || cargo generate-lockfile
    awk '
        /^\[\[package\]\]/ { name = ""; next }
        /^name = /         { name = $3; gsub(/"/, "", name); next }
        /^version = / && name == "wasm-bindgen" { v = $3; gsub(/"/, "", v); print v; exit }
    ' Cargo.lock
}

ensure_wasm_bindgen() {
    local want have=""
    want="$(lock_wasm_bindgen_version)"
    [[ -n "$want" ]] || die "no wasm-bindgen package in Cargo.lock"
    have="$(wasm-bindgen --version 2>/dev/null || true)"
    if [[ "$have" == "wasm-bindgen $want"* ]]; then
        say "wasm-bindgen-cli $want" "already present"
    else
        # Must equal Cargo.lock's wasm-bindgen exactly, or trunk tries to download
        # one. No --locked: for 0.2.130 its lock names a crate missing from the registry.
        cargo install wasm-bindgen-cli --version "$want"
        say "wasm-bindgen-cli $want" "installed"
    fi
}

ensure_npm() {
    local stamp="node_modules/.setup-stamp"
    if [[ -f "$stamp" && ! package-lock.json -nt "$stamp" && ! package.json -nt "$stamp" ]]; then
        say "npm packages" "already present"
    else
        npm ci --no-audit --no-fund
        touch "$stamp"
        say "npm packages" "installed"
    fi
}

ensure_crates() {
    # trunk --offline never downloads tools, but cargo still needs the crates.
    cargo fetch --quiet
    say "crates (cargo fetch)" "up to date"
}

ensure_chromium() {
    # Noto CJK lets screenshots and text metrics show Chinese as visitors see it.
    if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver && -d /usr/share/fonts/opentype/noto ]]; then
        say "chromium + chromedriver + CJK fonts" "already present"
    else
        as_root apt-get update
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver fonts-noto-cjk
        say "chromium + chromedriver + CJK fonts" "installed"
    fi
}

ensure_rust_components() {
    local installed c
    installed="$(rustup component list --installed)"
    for c in clippy rustfmt; do
        if grep -q "^$c" <<<"$installed"; then
            say "rustup component $c" "already present"
        else
            rustup component add "$c"
            say "rustup component $c" "installed"
        fi
    done
}

setup_serve() {
    ensure_wasm_target
    ensure_trunk
    ensure_wasm_bindgen
    ensure_npm
    ensure_crates
}

setup_test() {
    setup_serve
    ensure_rust_components
    ensure_chromium
}

case "${1:-serve}" in
    serve) setup_serve ;;
    test) setup_test ;;
    -h | --help | help)
        sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        ;;
    *) die "unknown target '$1' (use: serve | test)" ;;
esac

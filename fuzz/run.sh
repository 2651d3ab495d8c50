#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 120), seeded with the real fixtures
# and the project's own test files. Needs cargo-fuzz and a nightly toolchain:
#   cargo install cargo-fuzz --locked && rustup toolchain install nightly
# Crashes land in fuzz/artifacts/<target>/; turn each into a regression test.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-120}
shared=${QB324_FIXTURES:-../../shared/fixtures/real}
seed() { # target, file patterns...
  local t=$1; shift
  mkdir -p "corpus/$t"
  for pattern in "$@"; do
    find "$shared" ../tests/fixtures -type f -iname "$pattern" 2>/dev/null | while read -r f; do
      cp "$f" "corpus/$t/$(echo "$f" | md5sum | cut -c1-16)"
    done
  done
}
seed ofx '*.ofx' '*.qfx' '*.qbo' '*.sgml'
seed bank_csv '*.csv'
seed chart_csv '*.csv'
seed iif '*.iif'
seed xlsx '*.xlsx'
seed check '*.csv' '*.ofx' '*.qfx' '*.iif'
seed stream '*.csv' '*.ofx' '*.qfx' '*.iif' '*.xlsx'
# Structure-aware seeds: issue 9's hostile shapes (zip entries sharing a part, one shared
# string behind every cell, many statements, endless lines, controls and bidi).
python3 make_seeds.py corpus >/dev/null
dict_of() {
  case $1 in
    ofx) echo dict/ofx.dict ;;
    xlsx) echo dict/xlsx.dict ;;
    *) echo dict/csv.dict ;;
  esac
}
targets=${TARGETS:-ofx bank_csv chart_csv iif xlsx check stream}
for t in $targets; do
  echo "== fuzzing $t for ${seconds}s"
  cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$seconds" \
    -dict="$(dict_of "$t")" -rss_limit_mb=4096 -timeout=10 2>&1 | tail -n 3
  # Keep the corpus small: only inputs that add coverage.
  cargo +nightly fuzz cmin "$t" "corpus/$t" >/dev/null 2>&1 || true
done

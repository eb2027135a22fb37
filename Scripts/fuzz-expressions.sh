#!/usr/bin/env bash
# Fuzzes the expression parser, printer and evaluator with libFuzzer.
#
#   Scripts/fuzz-expressions.sh [SECONDS] [extra libFuzzer flags…]
#
# Builds Sources/AssessmentKit/Expressions/Core/*.swift (standard library only) together with
# Fuzz/ExpressionFuzzer.swift, with libFuzzer and AddressSanitizer, into .build-fuzz/ (git-ignored),
# then fuzzes for SECONDS (default 120).
#
# Corpus: Fuzz/corpus/ holds the seeds (expressions from Questionnaires/, Plugins/ and the format
# spec). New inputs the fuzzer finds go to .build-fuzz/corpus/; with FUZZ_SAVE_CORPUS=1 the ones
# that add coverage are merged back into Fuzz/corpus/ at the end (libFuzzer -merge=1).
#
# Crashes (a failed precondition, an ASan report, a timeout) are written to .build-fuzz/crashes/;
# replay one with: .build-fuzz/expression-fuzzer .build-fuzz/crashes/crash-…
#
# Printed text longer than the length limit is not expected to parse back; FUZZ_STRICT=1 checks it
# too (see the comment at the top of Fuzz/ExpressionFuzzer.swift).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

seconds="${1:-120}"
shift || true
if ! [[ "$seconds" =~ ^[0-9]+$ ]]; then
  echo "usage: Scripts/fuzz-expressions.sh [SECONDS] [libFuzzer flags…]" >&2
  exit 64
fi

# The Swift runtime's own crash backtracer gets in the way of libFuzzer's and ASan's reports.
export SWIFT_BACKTRACE=enable=no

build=".build-fuzz"
binary="$build/expression-fuzzer"
mkdir -p "$build/corpus" "$build/crashes" "$build/module-cache"

echo "==> building $binary (libFuzzer + AddressSanitizer, -O)"
swiftc \
  -sanitize=fuzzer,address \
  -parse-as-library \
  -O \
  -module-name ExpressionFuzzer \
  -module-cache-path "$build/module-cache" \
  Sources/AssessmentKit/Expressions/Core/*.swift \
  Fuzz/ExpressionFuzzer.swift \
  -lm \
  -o "$binary"

echo "==> fuzzing for ${seconds}s"
echo "    seeds:      Fuzz/corpus/ ($(find Fuzz/corpus -type f | wc -l | tr -d ' ') files)"
echo "    new inputs: $build/corpus/"
echo "    crashes go to: $root/$build/crashes/"
status=0
"$binary" \
  "$build/corpus" Fuzz/corpus \
  -dict=Fuzz/expressions.dict \
  -max_total_time="$seconds" \
  -max_len=4200 \
  -timeout=10 \
  -rss_limit_mb=4096 \
  -print_final_stats=1 \
  -artifact_prefix="$build/crashes/" \
  "$@" || status=$?

if [[ "${FUZZ_SAVE_CORPUS:-0}" == "1" ]]; then
  echo "==> merging inputs that add coverage into Fuzz/corpus/"
  "$binary" -merge=1 Fuzz/corpus "$build/corpus" -max_len=4200
fi

crashes=$(find "$build/crashes" -type f | wc -l | tr -d ' ')
if [[ $status -ne 0 ]]; then
  echo "==> the fuzzer stopped on a problem (exit $status); $crashes file(s) in $root/$build/crashes/" >&2
  exit "$status"
fi
echo "==> no crash in ${seconds}s; $crashes file(s) in $root/$build/crashes/"

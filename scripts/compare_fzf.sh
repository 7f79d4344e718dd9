#!/usr/bin/env bash
# Times `fairdesk search QUERY` against `fzf --filter QUERY` over the same 100,000
# achievement titles, whole process each, in the same run; prints medians and ratios.
# Needs fzf (Debian package `fzf`). Usage: scripts/compare_fzf.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-15}"
cargo build --release --quiet
bin=target/release/fairdesk
work="${TMPDIR:-/tmp}/fairdesk-compare"
mkdir -p "$work"
db="$work/big.db"
if [ ! -f "$db" ]; then
    "$bin" gen --achievements 100000 --orgs 10000 --interests 500000 --agreements 10000 --seed 1 --db "$db"
fi
"$bin" search --db "$db" > "$work/titles.txt"
echo "titles: $(wc -l < "$work/titles.txt")"

# Median wall time in milliseconds of running "$@" $runs times.
median_ms() {
    local times=()
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s%N)
        "$@" > /dev/null || true
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

printf '%-12s %12s %12s %8s %10s %10s\n' query fairdesk_ms fzf_ms ratio fd_lines fzf_lines
for query in 稀土永磁 钕铁硼 lora 5g xitu xtyc meiqihua gxnt; do
    fd=$(median_ms "$bin" search "$query" --db "$db")
    fz=$(median_ms sh -c 'fzf --filter "$1" < "$2"' fzf "$query" "$work/titles.txt")
    fd_lines=$("$bin" search "$query" --db "$db" | wc -l)
    fz_lines=$(fzf --filter "$query" < "$work/titles.txt" | wc -l || true)
    ratio=$(awk -v a="$fz" -v b="$fd" 'BEGIN {printf "%.1f", a / b}')
    printf '%-12s %12s %12s %7sx %10s %10s\n' "$query" "$fd" "$fz" "$ratio" "$fd_lines" "$fz_lines"
done

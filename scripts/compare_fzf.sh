#!/usr/bin/env bash
# Times `fairdesk search QUERY` against `fzf --filter QUERY` over the same 100,000
# achievement titles, whole process each, in the same run; prints medians and ratios.
# Then the stale-pack path (the titles changed since the search pack was saved, so
# `fairdesk search` rebuilds it from the rows), once saving the new pack and once with
# another desk holding the write lock (the pack cannot be saved and is only used).
# Needs fzf (Debian package `fzf`); the stale-pack part needs sqlite3 (package `sqlite3`).
# Usage: scripts/compare_fzf.sh [RUNS]
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

# Median wall time in milliseconds of running "$@" $runs times; the command in
# $before, if any, runs untimed before each run.
median_ms() {
    local times=()
    for _ in $(seq "$runs"); do
        if [ -n "${before:-}" ]; then eval "$before"; fi
        local start end
        start=$(date +%s%N)
        "$@" > /dev/null || true
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'
}

queries=(稀土永磁 钕铁硼 lora 5g xitu xtyc meiqihua gxnt)
before=""
printf '%-12s %12s %12s %8s %10s %10s\n' query fairdesk_ms fzf_ms ratio fd_lines fzf_lines
for query in "${queries[@]}"; do
    fd=$(median_ms "$bin" search "$query" --db "$db")
    fz=$(median_ms sh -c 'fzf --filter "$1" < "$2"' fzf "$query" "$work/titles.txt")
    fd_lines=$("$bin" search "$query" --db "$db" | wc -l)
    fz_lines=$(fzf --filter "$query" < "$work/titles.txt" | wc -l || true)
    printf '%-12s %12s %12s %7sx %10s %10s\n' "$query" "$fd" "$fz" "$(ratio "$fz" "$fd")" "$fd_lines" "$fz_lines"
done

if ! command -v sqlite3 > /dev/null; then
    echo "sqlite3 not found: the stale-pack path is not measured"
    exit 0
fi
bump="sqlite3 '$db' \"UPDATE search_generation SET n = n + 1 WHERE kind = 'achievement'\""
echo
echo "stale pack (rebuilt from the rows each run): saved, and not saved while another desk holds the write lock"
printf '%-12s %12s %12s %12s %8s %8s\n' query fresh_ms stale_ms locked_ms fzf_ms ratio
for query in xitu 稀土永磁; do
    before=""
    fresh=$(median_ms "$bin" search "$query" --db "$db")
    fz=$(median_ms sh -c 'fzf --filter "$1" < "$2"' fzf "$query" "$work/titles.txt")
    before="$bump"
    stale=$(median_ms "$bin" search "$query" --db "$db")
    eval "$bump"
    # Another desk holds the write lock (an open IMMEDIATE transaction) meanwhile:
    # sqlite3 keeps it until its input, a sleep, ends.
    exec {hold}< <(sleep 600)
    sleeper=$!
    sqlite3 -cmd "BEGIN IMMEDIATE;" "$db" <&"$hold" > /dev/null &
    holder=$!
    sleep 0.5
    before=""
    locked=$(median_ms "$bin" search "$query" --db "$db")
    kill "$holder" "$sleeper"
    wait "$holder" 2> /dev/null || true
    exec {hold}<&-
    printf '%-12s %12s %12s %12s %8s %7sx\n' "$query" "$fresh" "$stale" "$locked" "$fz" "$(ratio "$fz" "$stale")"
done

#!/usr/bin/env bash
# Whole-process benchmarks of the release binary; BENCHMARKS.md records the figures.
#
#   benches/process.sh                  # every part, from the repository root
#   benches/process.sh report reload    # some parts: report check first-frame memory reload
#   RUNS=50 benches/process.sh first-frame
#
# report       `reelcost report scenarios/atve.toml --format json`, whole process (hyperfine)
# check        `reelcost check catalogs scenarios`, whole process (hyperfine)
# first-frame  the dashboard started in a 160x48 tmux pane until "Cost per video" is on screen
# memory       the dashboard's peak RSS (VmHWM) after a few seconds of key presses in tmux
# reload       a catalog price changed by rename (as vim saves) until the new figure is on screen
#
# Needs cargo, hyperfine and tmux (Debian: apt-get install hyperfine tmux) and Linux's /proc.
# Installs nothing. The tmux parts run a tmux server of their own and stop it on exit.
set -euo pipefail

RUNS=${RUNS:-20}
WIDTH=160
HEIGHT=48
DEADLINE_S=10

die() {
    echo "process.sh: $*" >&2
    exit 1
}

if [[ ! -f Cargo.toml ]] || ! grep -q '^name = "reelcost"' Cargo.toml; then
    die "run this from the reelcost repository root (where Cargo.toml is)"
fi

missing=()
command -v cargo >/dev/null || missing+=("cargo (https://rustup.rs)")
command -v hyperfine >/dev/null || missing+=("hyperfine (Debian/Ubuntu package: hyperfine)")
command -v tmux >/dev/null || missing+=("tmux (Debian/Ubuntu package: tmux)")
[[ -r /proc/self/status ]] || missing+=("/proc (Linux), for the memory figure")
if ((${#missing[@]})); then
    printf 'process.sh: missing; install these and run again:\n' >&2
    printf '  %s\n' "${missing[@]}" >&2
    exit 1
fi

parts=("$@")
((${#parts[@]})) || parts=(report check first-frame memory reload)
for part in "${parts[@]}"; do
    case $part in
        report | check | first-frame | memory | reload) ;;
        *) die "unknown part '$part' (report check first-frame memory reload)" ;;
    esac
done

echo "== cargo build --release"
cargo build --release --quiet
bin="$(pwd)/${CARGO_TARGET_DIR:-target}/release/reelcost"
[[ -x $bin ]] || die "no binary at $bin after the build"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/reelcost-bench.XXXXXX")
socket="reelcost-bench-$$"
tm() { tmux -L "$socket" -f /dev/null "$@"; }
cleanup() {
    local path
    path=$(tm display-message -p -t bench '#{socket_path}' 2>/dev/null) || path=""
    tm kill-server >/dev/null 2>&1 || true
    # tmux leaves its socket file behind.
    if [[ -n $path && -S $path ]]; then rm -f "$path"; fi
    rm -rf "$scratch"
}
trap cleanup EXIT

# Sets the variable named $1 to microseconds since the epoch. bash 5's EPOCHREALTIME reads the
# clock without starting a process (or a subshell); `date +%s%N` is the fallback, and adds a
# process start to every reading.
now() {
    if [[ -n ${EPOCHREALTIME:-} ]]; then
        printf -v "$1" '%s' "${EPOCHREALTIME/[.,]/}"
    else
        printf -v "$1" '%s' "$(($(date +%s%N) / 1000))"
    fi
}

# "median X ms (min Y - max Z ms, N runs)" of microsecond samples.
summarise() {
    local label=$1
    shift
    printf '%s\n' "$@" | sort -n | awk -v label="$label" '
        { v[NR] = $1 }
        END {
            if (NR % 2) median = v[(NR + 1) / 2]; else median = (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf "%s: median %.1f ms (min %.1f - max %.1f ms, %d runs)\n", label, median / 1000, v[1] / 1000, v[NR] / 1000, NR
        }'
}

# The same for a hyperfine JSON export (one command).
summarise_hyperfine() {
    local label=$1 json=$2
    awk -v label="$label" '
        /"median":/ { gsub(/[^0-9.e+-]/, "", $2); median = $2 }
        /"min":/    { gsub(/[^0-9.e+-]/, "", $2); min = $2 }
        /"max":/    { gsub(/[^0-9.e+-]/, "", $2); max = $2 }
        /"times":/  { counting = 1; n = 0; next }
        counting && /\]/ { counting = 0 }
        counting    { n++ }
        END { printf "%s: median %.2f ms (min %.2f - max %.2f ms, %d runs)\n", label, median * 1000, min * 1000, max * 1000, n }' "$json"
}

screen() { tm capture-pane -p -t bench; }

# Polls the pane until it shows the text $1: a tight loop of one tmux call per poll.
wait_for() {
    local text=$1 start t
    now start
    until [[ $(screen) == *"$text"* ]]; do
        now t
        if ((t - start > DEADLINE_S * 1000000)); then
            echo "process.sh: no '$text' on screen within ${DEADLINE_S}s; the screen:" >&2
            screen >&2
            exit 1
        fi
    done
}

# Polls the pane until it no longer shows $1.
wait_gone() {
    local text=$1 start t
    now start
    while [[ $(screen) == *"$text"* ]]; do
        now t
        ((t - start <= DEADLINE_S * 1000000)) || die "'$text' still on screen after ${DEADLINE_S}s"
        sleep 0.01
    done
}

# One tmux server and a 160x48 pane that stays when its program exits, so the pane can be
# respawned: the server's own start-up is then outside every measurement. Started once and
# shared by the parts that use it.
start_tmux() {
    tm has-session -t bench 2>/dev/null && return
    tm new-session -d -x "$WIDTH" -y "$HEIGHT" -s bench "cat"
    tm set-option -g remain-on-exit on >/dev/null
}

# Starts the dashboard on scenarios/atve.toml in the pane, in directory $1. Two arguments, so
# tmux starts the binary itself rather than through a shell.
launch() {
    tm respawn-pane -k -t bench -c "$1" "$bin" scenarios/atve.toml
}

# Quits the dashboard and waits until its screen is gone.
quit_dashboard() {
    tm send-keys -t bench q
    wait_gone "Cost per video"
    tm clear-history -t bench
}

run_report() {
    echo "== report: $bin report scenarios/atve.toml --format json"
    "$bin" report scenarios/atve.toml --format json >/dev/null || die "the report command failed"
    hyperfine -N --warmup 20 --runs 200 --style basic --export-json "$scratch/report.json" \
        "$bin report scenarios/atve.toml --format json"
    summarise_hyperfine "report atve --format json" "$scratch/report.json"
}

run_check() {
    echo "== check: $bin check catalogs scenarios"
    "$bin" check catalogs scenarios >/dev/null 2>&1 || die "reelcost check catalogs scenarios failed"
    hyperfine -N --warmup 20 --runs 200 --style basic --export-json "$scratch/check.json" \
        "$bin check catalogs scenarios"
    summarise_hyperfine "check catalogs scenarios" "$scratch/check.json"
}

run_first_frame() {
    echo "== first frame: the dashboard in a ${WIDTH}x${HEIGHT} tmux pane, until 'Cost per video' shows ($RUNS runs)"
    start_tmux
    local samples=() t0 t1 i
    for ((i = 0; i < RUNS + 2; i++)); do
        now t0
        launch "$PWD"
        wait_for "Cost per video"
        now t1
        # The first two runs warm the page cache and tmux; they are not counted.
        ((i < 2)) || samples+=($((t1 - t0)))
        quit_dashboard
    done
    summarise "first dashboard frame (tmux, upper bound)" "${samples[@]}"
    # The floor: the same measurement of a shell that prints the text and waits (a program that
    # exits at once can lose its output with the pane).
    local floor=()
    for ((i = 0; i < RUNS; i++)); do
        now t0
        tm respawn-pane -k -t bench /bin/sh -c 'echo "Cost per video"; exec cat'
        wait_for "Cost per video"
        now t1
        floor+=($((t1 - t0)))
        tm respawn-pane -k -t bench cat
        wait_gone "Cost per video"
    done
    summarise "tmux floor: sh -c 'echo Cost per video', same measurement" "${floor[@]}"
}

run_memory() {
    echo "== memory: the dashboard's peak RSS in tmux after key presses (3 runs)"
    start_tmux
    local i pid hwm rss peaks=()
    for ((i = 0; i < 3; i++)); do
        launch "$PWD"
        wait_for "Cost per video"
        pid=$(tm display-message -p -t bench '#{pane_pid}')
        [[ -r /proc/$pid/status ]] || die "cannot read /proc/$pid/status"
        grep -q reelcost "/proc/$pid/comm" || die "pane process $pid is not reelcost"
        # Frames down and up, other rows stepped, a model swap each way, presentation, help, pin,
        # reset.
        local keys=(Down Left Left Left Right Right Right m m M M p p '?' '?' Down Down Right Right
            Down Down Down Right Left b r Up Up Up Up Up)
        for key in "${keys[@]}"; do
            tm send-keys -t bench "$key"
            sleep 0.1
        done
        sleep 1
        hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
        rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
        printf 'run %d: peak RSS (VmHWM) %.1f MB, RSS now %.1f MB\n' $((i + 1)) "$(bc_div "$hwm")" "$(bc_div "$rss")"
        peaks+=("$hwm")
        quit_dashboard
    done
    printf '%s\n' "${peaks[@]}" | sort -n | awk '
        { v[NR] = $1 }
        END { printf "dashboard peak RSS: max %.1f MB (min %.1f MB, %d runs; MB = 1024 kB)\n", v[NR] / 1024, v[1] / 1024, NR }'
}

# kB to MB, one decimal.
bc_div() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }

# Writes $1.new: catalogs/fal.toml with WAN 2.1's 720p price set to $2.
prepare_wan_720p() {
    local file=$1 price=$2
    awk -v price="$price" '
        /^\[\[model\]\]/ { wan = 0 }
        /^id = "fal-ai\/wan-i2v"/ { wan = 1 }
        wan && /resolution = "720p", price = / { sub(/price = [0-9.]+/, "price = " price) }
        { print }' "$file" >"$file.new"
    grep -q "resolution = \"720p\", price = $price" "$file.new" || die "WAN's 720p rate not found in $file"
}

# Saves the prepared file over the catalog the way vim does: a rename, one atomic change.
save_prepared() { mv -f "$1.new" "$1"; }

set_wan_720p() {
    prepare_wan_720p "$1" "$2"
    save_prepared "$1"
}

run_reload() {
    echo "== reload: WAN's 720p price changed in catalogs/fal.toml (rename), until the new per-video figure shows ($RUNS runs)"
    local project="$scratch/project"
    "$bin" init "$project" >/dev/null
    local fal="$project/catalogs/fal.toml"
    grep -q '^id = "fal-ai/wan-i2v"' "$fal" || die "no fal-ai/wan-i2v in $fal"
    # The figure each price gives, from the report itself, as the headline panel shows it.
    local prices=(0.44 0.40) figures=() p per_video
    for p in "${prices[@]}"; do
        set_wan_720p "$fal" "$p"
        per_video=$(cd "$project" && "$bin" report scenarios/atve.toml --format json |
            awk -F'"' '/"totals":/ { totals = 1 } totals && $2 == "per_video" { print $4; exit }')
        [[ -n $per_video ]] || die "no per_video in the report at price $p"
        figures+=("\$$per_video ┘")
    done
    set_wan_720p "$fal" 0.40
    start_tmux
    launch "$project"
    wait_for "${figures[1]}"
    local samples=() t0 t1 i k
    for ((i = 0; i < RUNS; i++)); do
        k=$((i % 2))
        prepare_wan_720p "$fal" "${prices[k]}"
        sleep 0.3
        now t0
        save_prepared "$fal"
        wait_for "${figures[k]}"
        now t1
        samples+=($((t1 - t0)))
    done
    quit_dashboard
    summarise "file saved -> new figure on screen (tmux, upper bound)" "${samples[@]}"
}

for part in "${parts[@]}"; do
    case $part in
        report) run_report ;;
        check) run_check ;;
        first-frame) run_first_frame ;;
        memory) run_memory ;;
        reload) run_reload ;;
    esac
done

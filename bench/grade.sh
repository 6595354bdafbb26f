#!/usr/bin/env bash
# The grading benchmark (issue 12): a synthetic class made from the labs' solutions and starts, graded by the real
# `workshop grade` (sandboxed, browser checks included) once per --jobs value; prints and writes a Markdown table
# with the wall time, the time per student and whether every run wrote the same gradebook as the first.
#
#   bench/grade.sh                                  30 students × every lab, --jobs 1 then 2
#   bench/grade.sh --students 6 --jobs "1 2"        a smaller class
#   bench/grade.sh --labs 01,04 --out /tmp/g.md     some labs; the table elsewhere
#   bench/grade.sh --full-build                     dotnet build per copy (sandboxed) instead of the warm in-process compiler
#
# Student k gets, for lab j, the lab's solution/ when k + j is even and its start/ otherwise, so every lab is graded
# solved and unsolved about equally often. Needs what `grade` needs (Linux, bubblewrap, Chromium). The table goes to
# bench/results/raw/grading.md unless --out says otherwise; the class and the grades are deleted afterwards.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

students=30
jobs="1 2"
labs=""
out="bench/results/raw/grading.md"
extra=""
while [ $# -gt 0 ]; do
  case "$1" in
    --students) students="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --labs) labs="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --full-build) extra="--full-build"; shift ;;
    *) echo "grade.sh: unknown option $1 (see the comment at the top)" >&2; exit 2 ;;
  esac
done

echo "grade.sh: building the CLI (Release)"
dotnet build src/Workshop.Cli -c Release -nologo -v q -clp:"ErrorsOnly;NoSummary"
cli="$root/src/Workshop.Cli/bin/Release/net10.0/workshop.dll"

work="$(mktemp -d "${TMPDIR:-/tmp}/workshop-grade-bench-XXXXXX")"
trap 'rm -rf "$work"' EXIT

copy_variant() { # copy_variant SOURCE TARGET: the lab folder without build output
  mkdir -p "$(dirname "$2")"
  cp -r "$1" "$2"
  rm -rf "$2/bin" "$2/obj"
}

mapfile -t lab_dirs < <(find labs -mindepth 1 -maxdepth 1 -type d -name '[0-9][0-9]-*' | sort)
for k in $(seq 1 "$students"); do
  student="$(printf 'student-%02d' "$k")"
  for j in "${!lab_dirs[@]}"; do
    lab="${lab_dirs[$j]}"
    variant=start
    if [ $(((k + j) % 2)) -eq 0 ]; then variant=solution; fi
    copy_variant "$root/$lab/$variant" "$work/class/$student/$lab/start"
  done
done
echo "grade.sh: a class of $students in $work/class (labs: ${labs:-all})"

{
  echo "| --jobs | students | wall time (s) | per student (s) | points (all students) | same gradebook as the first run | load average at start → end |"
  echo "|---:|---:|---:|---:|---:|---|---|"
} > "$work/table.md"
first=""
for n in $jobs; do
  load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
  started="$(date +%s.%N)"
  args=(grade "$work/class" --out "$work/out-$n" --jobs "$n" --timings $extra)
  if [ -n "$labs" ]; then args+=(--labs "$labs"); fi
  echo "grade.sh: workshop ${args[*]}"
  WORKSHOP_ROOT="$root" dotnet "$cli" "${args[@]}" > "$work/log-$n.txt" 2>&1 || { tail -20 "$work/log-$n.txt" >&2; exit 1; }
  seconds="$(echo "$(date +%s.%N) - $started" | bc)"
  load_end="$(cut -d' ' -f1-3 /proc/loadavg)"
  points="$(awk -F, 'NR > 1 { p += $(NF-1); m += $NF } END { print p "/" m }' "$work/out-$n/gradebook.csv")"
  same="(first run)"
  if [ -z "$first" ]; then first="$n"; elif cmp -s "$work/out-$first/gradebook.csv" "$work/out-$n/gradebook.csv"; then same="yes"; else same="**no**"; fi
  printf '| %s | %s | %.0f | %.1f | %s | %s | %s → %s |\n' "$n" "$students" "$seconds" "$(echo "$seconds / $students" | bc -l)" \
    "$points" "$same" "$load_start" "$load_end" >> "$work/table.md"
  tail -1 "$work/table.md"
  # Where the time went (grade --timings): the mean of each kind of step over every student's labs, this run.
  awk -F'\t' -v n="$n" 'NR > 1 { k = $3; sub(/^check .*/, "checks (each)", k); s[k] += $4; c[k]++ }
    END { printf "  --jobs %s, mean seconds per lab:", n; for (k in s) printf " %s %.1f;", k, s[k] / c[k]; print "" }' \
    "$work/out-$n/timings.tsv" >> "$work/steps.txt"
  tail -1 "$work/steps.txt"
done

mkdir -p "$(dirname "$out")"
{
  echo "Grading benchmark, $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, labs: ${labs:-all}"
  echo
  cat "$work/table.md"
  echo
  cat "$work/steps.txt"
} > "$out"
echo "grade.sh: wrote $out"
cat "$out"

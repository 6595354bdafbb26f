#!/usr/bin/env bash
# Writes a mutant patch for a lab: copies the lab's solution/ to a scratch folder, lets you edit it, and turns
# your edits into labs/NN-slug/mutants/<name>.patch (paths relative to solution/, applied with `git apply`).
#   scripts/new-mutant.sh labs/03-websocket-resilience fixed-interval-reconnect   # prints the scratch folder
#   ... edit the scratch copy ...
#   scripts/new-mutant.sh labs/03-websocket-resilience fixed-interval-reconnect --done
# Then add {name, task, thought} to labs/NN-slug/mutants/mutants.json.
set -euo pipefail
lab=${1:?lab folder}; name=${2:?mutant name}
scratch="${TMPDIR:-/tmp}/workshop-mutant-$(basename "$lab")-$name"
if [[ "${3:-}" == "--done" ]]; then
  mkdir -p "$lab/mutants"
  git -C "$scratch" add -A
  git -C "$scratch" diff --cached > "$lab/mutants/$name.patch"
  echo "wrote $lab/mutants/$name.patch"
else
  rm -rf "$scratch"
  mkdir -p "$scratch"
  (cd "$lab/solution" && tar --exclude=bin --exclude=obj --exclude=.data -cf - .) | (cd "$scratch" && tar -xf -)
  git -C "$scratch" init -q && git -C "$scratch" add -A && git -C "$scratch" -c user.name=m -c user.email=m@m commit -qm solution
  echo "$scratch"
fi

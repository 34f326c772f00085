#!/usr/bin/env bash
# tools/ab/ab.sh A B [sgd|momentum|adam] [epochs]: the float32 trainer (fast/) as it is at two
# git revisions, A and B ("." for the working tree), trained side by side in one JVM, epoch after
# epoch in turn, A first in odd rounds and B first in even ones. This machine's speed drifts by
# 30% and more within minutes, so two separate runs cannot tell a 5% change; alternating epochs
# in one process can. Prints each round and the geometric mean of B/A over the rounds after the
# first two (warm-up): below 1 means B is faster.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -lt 2 ]; then
  echo "usage: tools/ab/ab.sh A B [sgd|momentum|adam] [epochs]   (A and B: git revisions, or . for the working tree)" >&2
  exit 2
fi
opt=${3:-sgd}
epochs=${4:-10}
case "$opt" in sgd|momentum|adam) ;; *) echo "ab.sh: unknown optimizer '$opt'; use sgd, momentum or adam." >&2; exit 2 ;; esac
if ! [[ "$epochs" =~ ^[0-9]+$ ]] || [ "$epochs" -lt 3 ]; then
  echo "ab.sh: the number of epochs must be a whole number of at least 3 (the first two are warm-up), not '$epochs'." >&2
  exit 2
fi
out="$root/tools/ab/out"
rm -rf "$out"
for side in a b; do
  if [ "$side" = a ]; then rev=$1; else rev=$2; fi
  mkdir -p "$out/v$side"
  if [ "$rev" = . ]; then
    files=$(cd "$root" && ls fast/*.java)
  elif git -C "$root" rev-parse --verify --quiet "$rev^{commit}" > /dev/null; then
    # the trainer is in fast/, and was in lib/fast/ before
    files=$(git -C "$root" ls-tree --name-only "$rev" fast/ lib/fast/ | grep '\.java$')
  else
    echo "ab.sh: '$rev' is not a git revision of this repository (nor . for the working tree)." >&2
    exit 2
  fi
  for f in $files; do
    if [ "$rev" = . ]; then cat "$root/$f"; else git -C "$root" show "$rev:$f"; fi |
      sed "s/^package fast;/package v$side;/; s/import fast\./import v$side./g" > "$out/v$side/$(basename "$f")"
  done
done
exec "$root/jbang" "$root/tools/ab/AB.java" "$opt" "$epochs"

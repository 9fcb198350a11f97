#!/usr/bin/env bash
# Fetches the PDF corpus of `rag bench ingest`: the PDFs of Debian's texlive-humanities-doc package
# (about 140 PDFs, a few thousand pages of real typeset documentation).
#
#   bash bench/scripts/fetch-ingest-corpus.sh [CACHE_DIR]
#
# CACHE_DIR defaults to .rag/bench/corpus (under the repository root, ignored by git). The PDFs end up in
# CACHE_DIR/texlive-humanities-doc/. Idempotent: the .deb is downloaded and unpacked only once, and a
# second run with the PDFs already in place does nothing. Needs apt-get and dpkg-deb (Debian or Ubuntu);
# no root is needed unless the package lists are empty (then it runs `apt-get update`, or says to).
set -euo pipefail

package=texlive-humanities-doc
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="${1:-$root/.rag/bench/corpus}"
target="$cache/$package"

if [[ -f "$target/.complete" ]]; then
  echo "corpus already in place: $target ($(find "$target" -name '*.pdf' | wc -l) PDFs)"
  exit 0
fi

for tool in apt-get apt-cache dpkg-deb; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error: '$tool' is not available. This script needs a Debian or Ubuntu machine (apt-get download + dpkg-deb)." >&2
    echo "       Elsewhere, put any folder of PDFs somewhere and run: ./rag bench ingest PATH/TO/PDFS" >&2
    exit 1
  fi
done

if ! apt-cache show "$package" >/dev/null 2>&1; then
  if [[ "$(id -u)" == 0 ]]; then
    echo "package lists do not know $package; running apt-get update"
    apt-get update -qq
  fi
  if ! apt-cache show "$package" >/dev/null 2>&1; then
    echo "error: apt does not know the package '$package'. Run 'sudo apt-get update' (the 'main' component must be enabled) and retry." >&2
    exit 1
  fi
fi

mkdir -p "$cache"
cd "$cache"
deb=$(ls -1 "${package}"_*.deb 2>/dev/null | head -n 1 || true)
if [[ -z "$deb" ]]; then
  echo "downloading $package ..."
  if ! apt-get download "$package"; then
    echo "error: 'apt-get download $package' failed (no network or no apt source?)." >&2
    exit 1
  fi
  deb=$(ls -1 "${package}"_*.deb | head -n 1)
fi

echo "unpacking $deb ..."
rm -rf extracted "$target"
dpkg-deb -x "$deb" extracted
mkdir -p "$target"
# Flatten into one folder; names are unique in this package, but prefix clashes with the parent folder just in case.
while IFS= read -r -d '' pdf; do
  name=$(basename "$pdf")
  if [[ -e "$target/$name" ]]; then
    name="$(basename "$(dirname "$pdf")")-$name"
  fi
  cp "$pdf" "$target/$name"
done < <(find extracted -type f -name '*.pdf' -print0 | sort -z)
rm -rf extracted

count=$(find "$target" -name '*.pdf' | wc -l)
if [[ "$count" == 0 ]]; then
  echo "error: $deb holds no PDFs" >&2
  exit 1
fi
touch "$target/.complete"
echo "corpus ready: $target ($count PDFs, $(du -sh "$target" | cut -f1))"

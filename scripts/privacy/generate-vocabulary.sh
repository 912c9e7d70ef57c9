#!/usr/bin/env bash
# Regenerates the English word lists the free-text PHI detector ships (src/Server/Privacy/Vocabulary/).
# Source: Debian's `wamerican` package (/usr/share/dict/american-english, SCOWL size 50), installed by
#   apt-get install wamerican
# english-words.txt        every all-lowercase entry without an apostrophe (common words: a capitalised
#                          word that is one of these is not taken for a name on its own)
# english-proper-nouns.txt every capitalised entry without an apostrophe, lowercased (first names,
#                          surnames, places: "John", "Brown", "Boston"); a mid-sentence capitalised
#                          word in this list is taken for a name even when it is also a common word.
# The radiology list (radiology-terms.txt) is written by hand and is not generated here.
# The generated files are committed: nothing is downloaded at run time.
set -euo pipefail
dict=${1:-/usr/share/dict/american-english}
out="$(cd "$(dirname "$0")/../.." && pwd)/src/Server/Privacy/Vocabulary"
[[ -r "$dict" ]] || { echo "missing $dict: apt-get install wamerican" >&2; exit 1; }
export LC_ALL=C
grep -E '^[a-z]+$' "$dict" | sort -u > "$out/english-words.txt"
grep -E '^[A-Z][a-z]+$' "$dict" | tr 'A-Z' 'a-z' | sort -u > "$out/english-proper-nouns.txt"
wc -l "$out/english-words.txt" "$out/english-proper-nouns.txt"

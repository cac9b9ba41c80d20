#!/usr/bin/env bash
# scripts/build-unlabelled-pool.sh EXTRACTED_DIR META_CSV OUTDIR [PER_PACKAGE]
#
# Builds a folder of unlabelled real audio for label-free distillation (`--unlabelled DIR`):
# the other sound files of the packages a folder-per-class set was cut from, none of them a clip
# of that set.
#
#   EXTRACTED_DIR  one sub-folder per package with its audio files, as the set's builder leaves them
#                  (for the real dev set: its .cache/x)
#   META_CSV       the set's meta.csv (columns filename, class, source_package, original_path, ...):
#                  every original_path listed there is left out, and so is any file with the same
#                  bytes or the same name without its extension (the same sound in another format)
#   OUTDIR         receives PACKAGE__NAME.wav files: mono, 16-bit PCM, 32000 Hz, at most 5 s from
#                  20 % into the file, low-passed at BANDLIMIT Hz when BANDLIMIT > 0 (default 4000, as
#                  the band-limited dev set); near-silent files (peak < 0.003) are dropped
#   PER_PACKAGE    at most this many files from each package (default 20), chosen by a seeded
#                  shuffle (SEED, default 1), so that one package of thousands of voice prompts does
#                  not make up the pool
#
# Tools: ffmpeg and sox (Debian packages).
set -euo pipefail
export LC_ALL=C

X=$(realpath "${1:?usage: $0 EXTRACTED_DIR META_CSV OUTDIR [PER_PACKAGE]}")
META=$(realpath "${2:?usage: $0 EXTRACTED_DIR META_CSV OUTDIR [PER_PACKAGE]}")
OUT=$(realpath -m "${3:?usage: $0 EXTRACTED_DIR META_CSV OUTDIR [PER_PACKAGE]}")
PER=${4:-20}
SEED=${SEED:-1}
BANDLIMIT=${BANDLIMIT:-4000}
for tool in ffmpeg ffprobe sox; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install ffmpeg sox" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$OUT"
rm -f "$OUT"/*.wav

# the set's own clips: package/original_path, their bytes' md5 and their names without extension
tail -n +2 "$META" | awk -F'"?,"?' '{print $3 "/" $4}' | sort -u > "$work/used"
: > "$work/used.md5"
: > "$work/used.stem"
while IFS= read -r rel; do
  [[ -f $X/$rel ]] && md5sum < "$X/$rel" | cut -d' ' -f1 >> "$work/used.md5"
  echo "${rel%.*}" >> "$work/used.stem"
done < "$work/used"
sort -u -o "$work/used.md5" "$work/used.md5"
sort -u -o "$work/used.stem" "$work/used.stem"

n=0
for pkgdir in "$X"/*/; do
  pkg=$(basename "$pkgdir")
  (cd "$X" && find "$pkg" -type f \( -iname '*.wav' -o -iname '*.ogg' -o -iname '*.oga' -o -iname '*.mp3' -o -iname '*.flac' \) | sort) \
    | grep -vxF -f "$work/used" \
    | while IFS= read -r rel; do
        stem=${rel%.*}
        grep -qxF "$stem" "$work/used.stem" && continue
        grep -qxF "$(md5sum < "$X/$rel" | cut -d' ' -f1)" "$work/used.md5" && continue
        echo "$rel"
      done \
    | shuf --random-source=<(yes "$SEED") > "$work/shuffled"
  # head on a file, not on shuf's pipe: a package of thousands of files would kill shuf with SIGPIPE under pipefail
  head -n "$PER" "$work/shuffled" > "$work/pick"
  while IFS= read -r rel; do
    dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$X/$rel" 2>/dev/null || echo 0)
    start=$(awk -v d="${dur:-0}" 'BEGIN{ s = (d > 5) ? d * 0.2 : 0; printf "%.3f", s }')
    name="${pkg}__$(basename "${rel%.*}" | tr -c 'A-Za-z0-9._\n-' '_').wav"
    ffmpeg -v error -y -ss "$start" -t 5 -i "$X/$rel" -ac 1 -ar 32000 -c:a pcm_s16le "$work/raw.wav" </dev/null || continue
    if (( BANDLIMIT > 0 )); then
      sox -q "$work/raw.wav" -b 16 "$work/cut.wav" sinc -"$BANDLIMIT" || continue
    else
      mv "$work/raw.wav" "$work/cut.wav"
    fi
    peak=$(sox "$work/cut.wav" -n stat 2>&1 | awk '/Maximum amplitude/{print $3}')
    awk -v p="${peak:-0}" 'BEGIN{ exit !(p >= 0.003) }' || continue
    mv "$work/cut.wav" "$OUT/$name"
    n=$((n + 1))
  done < "$work/pick"
done
echo "$(ls "$OUT" | wc -l) unlabelled clips in $OUT"

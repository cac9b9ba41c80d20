#!/usr/bin/env bash
# scripts/build-real-clips.sh OUTDIR
#
# Builds a folder-per-class set of REAL recorded, labelled environmental
# audio from Debian packages (game / education sound assets):
#
#   OUTDIR/dev/CLASS/*.wav      + OUTDIR/dev/meta.csv
#
# Every clip: mono, 16-bit PCM, 32000 Hz; leading silence (< peak-40 dB) and
# trailing silence (< peak-60 dB) removed, then cut to at most 5 s (never
# padded; music is cut from 20 % into the track, without silence trimming).
# Clips shorter than 0.2 s or near-silent (RMS < 0.001 or peak < 0.003)
# are dropped.  Identical decoded PCM (md5) is kept once.
#
# Tools: apt-get download, dpkg-deb (--fsys-tarfile | tar: audio files only), unzip (for .pk3 zip archives inside
# two packages), ffmpeg/ffprobe (decode+resample) and sox (trim, stats).
# Missing tools are installed with apt-get when running as root.
#
# Environment knobs:
#   CACHE=DIR     where .deb files and extracted trees are kept (default OUTDIR/.cache)
#   DEB_DIR=DIR   reuse .deb files already downloaded there (no network then)
#   JOBS=N        parallel conversions (default: nproc)
#   MIN_CLIPS=N   a class with fewer than N clips is removed (default 10)
#   BANDLIMIT=HZ  if > 0, low-pass every clip at HZ (sox sinc).  Source sample
#                 rates differ by package/class (8 kHz telephone prompts, many
#                 11.025 kHz game sounds), so bandwidth alone can leak the label;
#                 BANDLIMIT=4000 removes that cue.  Default 0 (off).
#
# Idempotent: downloads/extractions are cached, OUTDIR/dev is rebuilt from
# scratch on every run and comes out identical.
set -euo pipefail
export LC_ALL=C

OUT=$(realpath -m "${1:?usage: $0 OUTDIR}")
CACHE=$(realpath -m "${CACHE:-$OUT/.cache}")
DEB_DIR=${DEB_DIR:-}
JOBS=${JOBS:-$(nproc)}
MIN_CLIPS=${MIN_CLIPS:-10}
export BANDLIMIT=${BANDLIMIT:-0}
export SR=32000 MAXLEN=5 MINLEN=0.2 MIN_RMS=0.001 MIN_PEAK=0.003

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# ---------------------------------------------------------------- tools
need=()
for t in ffmpeg:ffmpeg ffprobe:ffmpeg sox:sox unzip:unzip dpkg-deb:dpkg apt-get:apt; do
  command -v "${t%%:*}" >/dev/null || need+=("${t#*:}")
done
if ((${#need[@]})); then
  if [[ $(id -u) == 0 ]]; then
    log "installing: ${need[*]}"
    apt-get install -y --no-install-recommends "${need[@]}" libsox-fmt-all >/dev/null
  else
    echo "missing tools: ${need[*]} (apt-get install them)" >&2; exit 1
  fi
fi

# ---------------------------------------------------------------- rules
# set;class;package;ERE on the path inside the package (case-insensitive);cap
# First matching rule claims a file.  class "-" = exclude.  cap = max clips
# kept for that rule (0 = no cap); selection order is a fixed hash of the path.
# Paths inside .pk3 archives appear as ".../NAME.pk3.d/inner/path".
read -r -d '' RULES <<'EOF' || true
# ============================ the dev set ================================
dev;-;tuxpaint-stamps-default;stamps/animals/mammals/bovines/cow_white\.ogg;0
# footsteps
dev;footsteps;minetest-data;/default_(dirt|grass|gravel|hard|ice|metal|sand|snow|wood|glass)_footstep;0
dev;footsteps;ardentryst;Sounds/(NYX|PYR)/.*_STEP_;0
dev;footsteps;openarena-data;sound/player/footsteps/(boot|step|flesh|clank)[0-9];0
dev;footsteps;lugaru-data;Sounds/FootStep;0
dev;footsteps;scratch;Sounds/Human/Footsteps;0
dev;footsteps;btanks-data;sounds/man-steps;0
# gunshot
dev;gunshot;cube2-data;sounds/q009/(pistol|rifle|shotgun|minigun)[0-9]*\.ogg;0
dev;gunshot;openarena-data;sound/weapons/(machinegun/machgf|shotgun/sshotf|vulcan/vulcanf);0
dev;gunshot;scorched3d-data;wav/shoot/(machinegun|shotgun)\.wav;0
dev;gunshot;btanks-data;sounds/(shot|machinegunner-bullet)\.ogg;0
dev;gunshot;trophy-data;sounds/shot\.wav;0
# explosion
dev;explosion;scorched3d-data;wav/explosions/(exp|large|medium|small|xlarge|tank)\.wav;0
dev;explosion;btanks-data;sounds/(building-explosion[0-9]|explosion|nuke-explosion|old-nuke-explosion|vehicle-explosion[0-9]*)\.ogg;0
dev;explosion;cube2-data;sounds/(sfx/explode|q009/explosion)\.ogg;0
dev;explosion;openarena-data;sound/(weapons/rocket/rocklx|weapons/grenade/hgren|weapons/proxmine/wstbexpl|items/kam_explode);0
dev;explosion;minetest-data;tnt_explode;0
dev;explosion;micropolis-data;sounds/explosion-low;0
dev;explosion;supertux-data;sounds/explosion\.wav;0
dev;explosion;wordwarvi-sound;sounds/(big_explosion|bombexplosion|missile_explosion)\.ogg;0
# vehicle_engine (road vehicles + aircraft; trains excluded)
dev;vehicle_engine;scorched3d-data;wav/misc/(cessna|helicopter|apache_1|f16_[0-9]|f18_[0-9]|jet|t38)\.wav;0
dev;vehicle_engine;btanks-data;sounds/(engine-car|engine-start|engine-vehicle|helicopter|tank-move|vehicle-sound)\.ogg;0
dev;vehicle_engine;scratch;Effects/(CarPassing|MotorcyclePassing);0
dev;vehicle_engine;trophy-data;sounds/engine\.wav;0
dev;vehicle_engine;micropolis-data;sounds/heavytraffic;0
dev;vehicle_engine;etw-data;intro/engine\.wav;0
# birds
dev;-;tuxpaint-stamps-default;animals/(birds|mammals)/.*_desc;0
dev;birds;tuxpaint-stamps-default;stamps/animals/birds/[a-z_]+\.ogg$;0
dev;birds;scorched3d-data;wav/misc/(birdchirp[0-9]|birds[0-9]|gull[0-9]|rooster)\.wav;0
dev;birds;scratch;Animal/(Bird|Duck|Goose|Owl|Rooster)\.;0
dev;birds;micropolis-data;sounds/cuckoo;0
dev;birds;lugaru-data;Sounds/Hawk;0
# water
dev;water;minetest-data;env_sounds_water;0
dev;water;openarena-data;sound/(world/waterfall|world/drops|player/watr_(in|out|un));0
dev;water;scorched3d-data;wav/misc/(splash|oceanwaves)\.wav;0
dev;water;caveexpress-data;sounds/(water-impact|water-leave|water-rising|tile-waterfall);0
dev;water;supertux-data;sounds/(splash|waterfall)\.;0
dev;water;scratch;Effects/(WaterDrop|WaterRunning|Bubbles);0
dev;water;cube2-data;yo_frankie/(amb_waterdrip|watersplash);0
# door
dev;door;minetest-data;sounds/doors_(door|glass_door|steel_door)_(open|close);0
dev;door;minetest-mod-homedecor;homedecor_(door_open|door_close|gate_open_close);0
dev;door;openarena-data;sound/movers/doors/;0
dev;door;scratch;Effects/Door;0
dev;door;cube2-data;sfx_DoorSlam;0
dev;door;supertux-data;sounds/door\.wav;0
dev;door;wordwarvi-sound;cardoor;0
# scream (human pain / death cries, screams)
dev;scream;scratch;Human/Scream;0
dev;scream;scorched3d-data;wav/misc/(scream[0-9]|screaming)\.wav;0
dev;scream;openarena-data;sound/player/sarge/(death|pain|falling|drown);0
dev;scream;btanks-data;sounds/(deadman[0-9]|kamikaze-scream)\.ogg;0
dev;scream;cube2-data;sounds/aard/(pain|die)[0-9];0
dev;scream;wordwarvi-sound;sounds/(aaaah_it_burns|fallingscreamhi)\.ogg;0
# tools (hand/power tools, chopping, construction)
dev;tools;tuxpaint-stamps-default;household/tools/(hammer|mallet_metal|saw)\.ogg;0
dev;tools;cube2-data;audioaugust/chainsaw/;0
dev;tools;minetest-data;default_dig_choppy;0
dev;tools;widelands-data;sound/(hammering/|woodcutting/);0
# weather (rain, thunder, wind)
dev;weather;scorched3d-data;wav/(misc/rain|misc/thunder[0-9]*|explosions/thunder|explosions/lightningbolt)\.wav;0
dev;weather;openarena-data;sound/world/wind[0-9];0
dev;weather;supertux-data;sounds/(rain|thunder|lightning)\.wav;0
dev;weather;cube2-data;sounds/0ad/(thunder|windgust);0
dev;weather;tuxpaint-stamps-default;naturalforces/lightningbolt\.ogg;0
# farm_animal (cattle, sheep, goats, pigs, horses, donkeys)
dev;farm_animal;tuxpaint-stamps-default;animals/mammals/(bovines/[a-z_]+|equines/(donkey|horse)|pig[a-z0-9_]*)\.ogg$;0
dev;farm_animal;scorched3d-data;wav/misc/(cows|moo|sheep)\.wav;0
dev;farm_animal;btanks-data;sounds/cow\.ogg;0
dev;farm_animal;scratch;Animal/Horse\.;0
# crowd (stadium/party crowds, cheering) -- etw-data files split between sets
dev;crowd;etw-data;crowd/crowd(0[1-9]|1[0-2])\.wav;0
dev;crowd;scorched3d-data;wav/misc/cheeringloop;0
dev;crowd;scratch;Human/PartyNoise;0
# siren_horn (sirens, car horns, klaxons, alarms)
dev;siren_horn;scorched3d-data;wav/misc/(carhorn[1-3]|policecar)\.wav;0
dev;siren_horn;micropolis-data;sounds/(siren|honkhonk-low)\.wav;0
dev;siren_horn;tuxpaint-stamps-default;vehicles/emergency/firetruck\.ogg;0
dev;siren_horn;btanks-data;sounds/klaxon;0
dev;siren_horn;trophy-data;sounds/carhorn;0
dev;siren_horn;lugaru-data;Sounds/Alarm;0
# music
dev;music;supertux-data;supertux2/music/;12
dev;music;btanks-data;data/tunes/;6
dev;music;scorched3d-data;data/music/;3
dev;music;etw-data;etw/music/;6
dev;music;ardentryst;ardentryst/Music/;6
dev;music;cube2-data;packages/music/;0
# speech
dev;speech;asterisk-core-sounds-en-wav;en_US_f_Allison/[a-z-]+\.wav$;25
dev;speech;tuxpaint-stamps-default;_desc(_[a-z_]+)?\.ogg$;15

# near-duplicates found with a spectrogram check (same recording, other name/package)
# footsteps
# gunshot
# explosion
# vehicle_engine
# birds
# water
# door
# scream
# tools
# weather
# farm_animal
# crowd
# siren_horn
# music
# speech (hedgewars voice packs, phrases only; flare NPC lines)
EOF

# ---------------------------------------------------------------- licenses
# Summary written into meta.csv: the License: values that debian/copyright
# lists (DEP-5 files) or a hand-read summary for non-DEP-5 copyright files.
declare -A LIC_OVERRIDE=(
  [warmux-data]="GPL-2+ (non-DEP-5 debian/copyright)"
  [searchandrescue-data]="GPL (non-DEP-5 debian/copyright)"
  [wesnoth-1.16-data]="GPL-2+ (non-DEP-5 debian/copyright)"
)

# ---------------------------------------------------------------- packages
mkdir -p "$CACHE/debs" "$CACHE/x" "$CACHE/lists"
mapfile -t PKGS < <(grep -vE '^\s*(#|$)' <<<"$RULES" | cut -d';' -f3 | sort -u)
log "packages: ${#PKGS[@]}"
for p in "${PKGS[@]}"; do
  deb=$(ls "$CACHE/debs/${p}_"*.deb 2>/dev/null | head -1 || true)
  if [[ -z $deb && -n $DEB_DIR ]]; then
    src=$(ls "$DEB_DIR/${p}_"*.deb 2>/dev/null | head -1 || true)
    [[ -n $src ]] && { ln -f "$src" "$CACHE/debs/" 2>/dev/null || cp "$src" "$CACHE/debs/"; }
  fi
  deb=$(ls "$CACHE/debs/${p}_"*.deb 2>/dev/null | head -1 || true)
  if [[ -z $deb ]]; then
    log "download $p"
    (cd "$CACHE/debs" && apt-get download -q "$p" >/dev/null 2>&1) \
      || { (apt-get update -q >/dev/null && cd "$CACHE/debs" && apt-get download -q "$p" >/dev/null); }
    deb=$(ls "$CACHE/debs/${p}_"*.deb | head -1)
  fi
  if [[ ! -e $CACHE/x/$p/.extracted ]]; then
    log "extract $p"
    rm -rf "$CACHE/x/$p"; mkdir -p "$CACHE/x/$p"
    # like dpkg-deb -x, but only audio files, .pk3 archives and copyright files
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$CACHE/x/$p" --wildcards --ignore-case \
      '*.wav' '*.ogg' '*.oga' '*.mp3' '*.flac' '*.pk3' '*/copyright' 2>/dev/null || true
    # zip archives (Quake-style .pk3) that hold sounds
    while IFS= read -r -d '' z; do
      mkdir -p "$z.d"; unzip -q -o "$z" 'sound/*' -d "$z.d" 2>/dev/null || true
    done < <(find "$CACHE/x/$p" -type f -iname '*.pk3' -print0)
    touch "$CACHE/x/$p/.extracted"
  fi
  (cd "$CACHE/x/$p" && find . -type f \( -iname '*.wav' -o -iname '*.ogg' -o -iname '*.oga' -o -iname '*.mp3' -o -iname '*.flac' \) -printf '%P\n' | sort) > "$CACHE/lists/$p.txt"
done

license_of() {
  local p=$1 c
  [[ -n ${LIC_OVERRIDE[$p]:-} ]] && { echo "${LIC_OVERRIDE[$p]}"; return; }
  c=$(ls "$CACHE/x/$p"/usr/share/doc/*/copyright 2>/dev/null | head -1)
  [[ -z $c ]] && { echo "unknown (no debian/copyright)"; return; }
  grep -E '^License:' "$c" | sed -E 's/^License:[[:space:]]*//' | grep -viE 'font|^$' \
    | sort -u | paste -sd'/' | sed 's|^|debian/copyright lists: |'
}

# ---------------------------------------------------------------- candidates
# cand.tsv: order<TAB>set<TAB>class<TAB>pkg<TAB>relpath<TAB>ruleid<TAB>cap
STAGE="$CACHE/stage"; rm -rf "$STAGE"; mkdir -p "$STAGE/wav"
declare -A CLAIMED=()
rid=0; order=0
: > "$STAGE/cand.tsv"
while IFS=';' read -r set cls pkg re cap; do
  [[ -z $set || $set == \#* ]] && continue
  rid=$((rid+1))
  mapfile -t hits < <(grep -iE -- "$re" "$CACHE/lists/$pkg.txt" || true)
  sel=()
  for h in "${hits[@]}"; do
    [[ -n ${CLAIMED[$pkg/$h]:-} ]] && continue
    CLAIMED[$pkg/$h]=1
    [[ $cls == - ]] && continue
    sel+=("$h")
  done
  ((${#sel[@]})) || { [[ $cls == - ]] || log "rule $rid ($set/$cls/$pkg) matched nothing new"; continue; }
  # deterministic pseudo-random order; process at most cap+10 per rule
  lim=${#sel[@]}; [[ $cap -gt 0 && $((cap+10)) -lt $lim ]] && lim=$((cap+10))
  while IFS=$'\t' read -r _ h; do
    order=$((order+1))
    printf '%d\t%s\t%s\t%s\t%s\t%d\t%d\n' "$order" "$set" "$cls" "$pkg" "$h" "$rid" "$cap" >> "$STAGE/cand.tsv"
  done < <(for h in "${sel[@]}"; do printf '%s\t%s\n' "$(printf '%s' "$pkg/$h" | md5sum | cut -c1-12)" "$h"; done | sort | head -n "$lim")
done <<<"$RULES"
log "candidates: $(wc -l < "$STAGE/cand.tsv")"

# ---------------------------------------------------------------- convert
convert_one() {  # args: order set class pkg relpath
  local n=$1 set=$2 cls=$3 pkg=$4 rel=$5
  local src="$CACHE/x/$pkg/$rel" t1="$STAGE/wav/$n.dec.wav" t2="$STAGE/wav/$n.wav"
  local off=0 dur st len rms peak md5
  if [[ $cls == music ]]; then
    dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$src" 2>/dev/null || echo 0)
    off=$(awk -v d="${dur:-0}" 'BEGIN{o=(d>10)?d*0.2:0; if(o>60)o=60; printf "%.2f", o}')
  fi
  if ! ffmpeg -nostdin -v error -ss "$off" -t 60 -i "$src" -vn -ac 1 -ar "$SR" -c:a pcm_s16le -f wav -y "$t1" 2>/dev/null; then
    printf '%s\tERR\n' "$n"; rm -f "$t1"; return 0
  fi
  if [[ $cls == music ]]; then
    sox -D -V1 "$t1" -b 16 -e signed-integer "$t2" trim 0 "$MAXLEN" 2>/dev/null || true
  else
    # silence thresholds relative to the clip's own peak (quiet ambience loops
    # survive): leading < peak-40 dB is cut, trailing < peak-60 dB is cut
    # (keeps natural decay / reverb tails), floors at -70/-80 dBFS.
    local pk lead tail
    pk=$(sox "$t1" -n stat 2>&1 | awk -F: '/^Maximum amplitude/{gsub(/ /,"",$2);print $2}')
    lead=$(awk -v p="${pk:-0}" 'BEGIN{d=(p>0)?20*log(p)/log(10)-40:-70; if(d<-70)d=-70; printf "%.1f", d}')
    tail=$(awk -v p="${pk:-0}" 'BEGIN{d=(p>0)?20*log(p)/log(10)-60:-80; if(d<-80)d=-80; printf "%.1f", d}')
    sox -D -V1 "$t1" -b 16 -e signed-integer "$t2" silence 1 0.01 "${lead}d" trim 0 "$MAXLEN" reverse silence 1 0.01 "${tail}d" reverse 2>/dev/null || true
  fi
  rm -f "$t1"
  if [[ ! -s $t2 ]]; then printf '%s\tERR\n' "$n"; return 0; fi
  if [[ ${BANDLIMIT:-0} -gt 0 ]]; then
    sox -D -V1 "$t2" -b 16 -e signed-integer "$t2.lp.wav" sinc -"$BANDLIMIT" 2>/dev/null && mv "$t2.lp.wav" "$t2"
  fi
  st=$(sox "$t2" -n stat 2>&1 || true)
  len=$(awk -F: '/^Length \(seconds\)/{gsub(/ /,"",$2);print $2}' <<<"$st"); len=${len:-0}
  rms=$(awk -F: '/^RMS +amplitude/{gsub(/ /,"",$2);print $2}' <<<"$st"); rms=${rms:-0}
  peak=$(awk -F: '/^Maximum amplitude/{gsub(/ /,"",$2);print $2}' <<<"$st"); peak=${peak:-0}
  md5=$(sox "$t2" -t raw - 2>/dev/null | md5sum | cut -c1-32)
  printf '%s\tOK\t%s\t%s\t%s\t%s\n' "$n" "$len" "$rms" "$peak" "$md5"
}
export -f convert_one
export CACHE STAGE
log "converting with $JOBS jobs"
cut -f1-5 "$STAGE/cand.tsv" | tr '\t\n' '\0\0' \
  | xargs -0 -n 5 -P "$JOBS" bash -c 'convert_one "$@"' _ > "$STAGE/conv.tsv"

# ---------------------------------------------------------------- select
rm -rf "$OUT/dev"
mkdir -p "$OUT/dev"
declare -A SEEN=() RULECOUNT=() LIC=() USED=()
LOGF="$OUT/build_log.tsv"
printf 'set\tclass\tsource_package\toriginal_path\tstatus\tlength_s\trms\tpeak\n' > "$LOGF"
for s in dev; do echo 'filename,class,source_package,original_path,license' > "$OUT/$s/meta.csv"; done
csvq() { local v=${1//\"/\"\"}; printf '"%s"' "$v"; }
# in rule order
join -t $'\t' -j1 <(sort -t$'\t' -k1,1 "$STAGE/cand.tsv") <(sort -t$'\t' -k1,1 "$STAGE/conv.tsv") \
  | sort -t$'\t' -k1,1n \
  > "$STAGE/joined.tsv"
while IFS=$'\t' read -r n set cls pkg rel rid cap status len rms peak md5; do
  why=ok
  if [[ $status != OK ]]; then why=decode_error
  elif awk -v l="$len" -v m="$MINLEN" 'BEGIN{exit !(l<m)}'; then why=too_short
  elif awk -v r="$rms" -v p="$peak" -v mr="$MIN_RMS" -v mp="$MIN_PEAK" 'BEGIN{exit !(r<mr || p<mp)}'; then why=near_silent
  elif [[ -n ${SEEN[$md5]:-} ]]; then why="duplicate_of:${SEEN[$md5]}"
  elif [[ $cap -gt 0 && ${RULECOUNT[$rid]:-0} -ge $cap ]]; then why=over_cap
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$set" "$cls" "$pkg" "$rel" "$why" "${len:-}" "${rms:-}" "${peak:-}" >> "$LOGF"
  if [[ $why != ok ]]; then rm -f "$STAGE/wav/$n.wav"; continue; fi
  SEEN[$md5]="$set/$cls/$pkg/$rel"
  RULECOUNT[$rid]=$(( ${RULECOUNT[$rid]:-0} + 1 ))
  base=$(basename "$rel"); base=${base%.*}
  tag=$(printf '%s' "$pkg/$rel" | md5sum | cut -c1-6)
  fname="${pkg}__${tag}__$(printf '%s' "$base" | tr -c 'A-Za-z0-9._-' '_' | cut -c1-60).wav"
  mkdir -p "$OUT/$set/$cls"
  mv "$STAGE/wav/$n.wav" "$OUT/$set/$cls/$fname"
  [[ -n ${LIC[$pkg]:-} ]] || LIC[$pkg]=$(license_of "$pkg")
  printf '%s,%s,%s,%s,%s\n' "$(csvq "$cls/$fname")" "$cls" "$pkg" "$(csvq "$rel")" "$(csvq "${LIC[$pkg]}")" >> "$OUT/$set/meta.csv"
done < "$STAGE/joined.tsv"

# ---------------------------------------------------------------- prune thin classes
for d in "$OUT"/dev/*/; do [[ -d $d ]] || continue; basename "$d"; done | sort -u > "$STAGE/classes.txt"
while read -r c; do
  a=$(ls "$OUT/dev/$c" 2>/dev/null | wc -l)
  if (( a < MIN_CLIPS )); then
    log "dropping class '$c' (dev=$a < MIN_CLIPS=$MIN_CLIPS)"
    rm -rf "$OUT/dev/$c"
    for s in dev; do
      awk -F, -v c="$c" 'NR==1 || $2!=c' "$OUT/$s/meta.csv" > "$STAGE/m.csv" && mv "$STAGE/m.csv" "$OUT/$s/meta.csv"
    done
    awk -F'\t' -v OFS='\t' -v c="$c" '$2==c && $5=="ok"{$5="class_dropped"} {print}' "$LOGF" > "$STAGE/l.tsv" && mv "$STAGE/l.tsv" "$LOGF"
  fi
done < "$STAGE/classes.txt"
rm -rf "$STAGE/wav"

# ---------------------------------------------------------------- summary
for s in dev; do
  total=0; secs=0
  for d in "$OUT/$s"/*/; do
    [[ -d $d ]] || continue
    k=$(ls "$d" | wc -l); total=$((total+k))
  done
  secs=$(awk -F'\t' -v s="$s" '$1==s && $5=="ok"{t+=$6} END{printf "%.1f", t}' "$LOGF")
  log "$s: $total clips, ${secs}s, classes: $(for d in "$OUT/$s"/*/; do [[ -d $d ]] && printf '%s=%s ' "$(basename "$d")" "$(ls "$d" | wc -l)"; done)"
done

#!/bin/sh
# Makes the fallback fonts in assets/fonts/fallback/ (maintainers only; CI and builds use the
# committed files and need neither apt nor pip). What it needs, exactly as used here:
#   apt-get install -y fonts-noto-core fonts-noto-extra      # Debian 20201225-1: Noto Sans, scripts
#   npm install --no-save @expo-google-fonts/noto-emoji@0.4.7  # monochrome Noto Emoji (OFL)
#   pip install fonttools==4.68.0                            # pyftsubset
# Usage: tools/subset-fonts.sh [path/to/node_modules]
# Every font keeps its GSUB/GPOS (all features, all scripts): the shaper (harfrust) needs them
# to reorder and stack Javanese/Balinese/Sundanese signs, place Vietnamese marks and join flags.
# Hinting is dropped (ab_glyph ignores it), as are vertical metrics (we never lay out vertically).
set -eu
NOTO=/usr/share/fonts/truetype/noto
MODULES=${1:-node_modules}
EMOJI=$MODULES/@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf
OUT=$(dirname "$0")/../assets/fonts/fallback
mkdir -p "$OUT"

subset() { # source, output name, unicodes[, layout features]
    pyftsubset "$1" --output-file="$OUT/$2" --unicodes="$3" \
        --layout-features="${4:-*}" --layout-scripts='*' --no-hinting --desubroutinize \
        --drop-tables+=vhea,vmtx,STAT,DSIG,gasp --name-IDs='0,1,2,3,4,5,6,13,14' \
        --notdef-outline --recalc-bounds
}

# Shared by all: spaces, joiners, and the dotted circle the shaper shows for a lone mark.
COMMON=U+0020,U+00A0,U+200B-200D,U+2060,U+25CC
# Latin beyond Lato's subset: Latin-1 to Latin Extended-B, spacing modifiers, combining marks,
# Latin Extended Additional (Vietnamese), Extended-C, punctuation, currency and
# letterlike symbols (№ ™). Noto Sans has Regular, Bold and Black: one per Lato weight. Only the
# features plain text uses (mark placement, composition, kerning): with all of them, small caps
# and alternates would be pulled in and the files would be twice as large.
LATIN_FEATURES=ccmp,locl,mark,mkmk,kern,liga,rlig,calt
LATIN=$COMMON,U+0000-024F,U+02B0-036F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2C60-2C7F
subset $NOTO/NotoSans-Regular.ttf NotoSans-Regular.subset.ttf $LATIN $LATIN_FEATURES
subset $NOTO/NotoSans-Bold.ttf NotoSans-Bold.subset.ttf $LATIN $LATIN_FEATURES
subset $NOTO/NotoSans-Black.ttf NotoSans-Black.subset.ttf $LATIN $LATIN_FEATURES
# Aksara Jawa, Sunda (with its supplement) and Bali: whole blocks, Regular and Bold.
JAVANESE=$COMMON,U+A980-A9DF
SUNDANESE=$COMMON,U+1B80-1BBF,U+1CC0-1CCF
BALINESE=$COMMON,U+1B00-1B7F
subset $NOTO/NotoSansJavanese-Regular.ttf NotoSansJavanese-Regular.subset.ttf $JAVANESE
subset $NOTO/NotoSansJavanese-Bold.ttf NotoSansJavanese-Bold.subset.ttf $JAVANESE
subset $NOTO/NotoSansSundanese-Regular.ttf NotoSansSundanese-Regular.subset.ttf $SUNDANESE
subset $NOTO/NotoSansSundanese-Bold.ttf NotoSansSundanese-Bold.subset.ttf $SUNDANESE
subset $NOTO/NotoSansBalinese-Regular.ttf NotoSansBalinese-Regular.subset.ttf $BALINESE
subset $NOTO/NotoSansBalinese-Bold.ttf NotoSansBalinese-Bold.subset.ttf $BALINESE
# Symbols people type in headlines: ✓ ✔ ★ ☐ ♥ ⚠ (Misc Symbols, Dingbats, Geometric Shapes) from
# Symbols 2; arrows → ← and maths operators from Noto Sans Math. Regular only (no other weights).
subset $NOTO/NotoSansSymbols2-Regular.ttf NotoSansSymbols2-Regular.subset.ttf \
    $COMMON,U+2300-23FF,U+2500-27BF,U+2B00-2BFF
subset $NOTO/NotoSansMath-Regular.ttf NotoSansMath-Regular.subset.ttf \
    $COMMON,U+2190-22FF,U+27C0-27EF,U+27F0-27FF,U+2900-2AFF
# Emoji, monochrome: every emoji of the font (flags and ZWJ sequences are GSUB ligatures).
subset "$EMOJI" NotoEmoji-Regular.subset.ttf '*'

ls -l "$OUT"/*.ttf

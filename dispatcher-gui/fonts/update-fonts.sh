#!/usr/bin/env bash
# Remakes the fonts the app bundles (src/main/resources/org/ptdispatcher/gui/fonts/, loaded by
# view.BundledFonts) from their packages. Run it by hand after a change of the Chinese bundle (until
# then BundledFontsTest names each new character): the build never runs it, and its files are committed.
#
#   Vazirmatn (Persian, with Latin and ZWNJ): the npm package vazirmatn, Regular and Bold as they are.
#   Noto Sans CJK SC (Simplified Chinese): Debian's fonts-noto-cjk, its SC face cut down by pyftsubset
#     (Debian's python3-fonttools) to the characters of messages_zh_CN.properties, the language names,
#     ASCII, Latin-1 and the punctuation and symbols around them: 0.3 MB a weight instead of 20.
#     Chinese a user types that is outside the subset is drawn from the system's fonts (JavaFX falls
#     back to them for a character the font lacks), as it was before the app had a font of its own.
#
# Needs npm, apt-get download, dpkg -x and a python3 with fontTools (Debian: apt-get install python3-fonttools,
# then PYTHON=/usr/bin/python3 if another python3 comes first on the PATH).
set -euo pipefail

VAZIRMATN_VERSION=33.0.3
here=$(cd "$(dirname "$0")" && pwd)
gui=$(dirname "$here")
out=$gui/src/main/resources/org/ptdispatcher/gui/fonts
bundle=$gui/src/main/resources/org/ptdispatcher/gui/i18n/messages_zh_CN.properties
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "vazirmatn@$VAZIRMATN_VERSION" >/dev/null && tar xzf "vazirmatn-$VAZIRMATN_VERSION.tgz")
mkdir -p "$out/vazirmatn"
cp "$work/package/fonts/ttf/Vazirmatn-Regular.ttf" "$work/package/fonts/ttf/Vazirmatn-Bold.ttf" "$work/package/OFL.txt" "$out/vazirmatn/"

(cd "$work" && apt-get download -q fonts-noto-cjk >/dev/null && dpkg -x fonts-noto-cjk_*.deb cjk)
noto=$work/cjk/usr/share/fonts/opentype/noto
# Every character of the bundle (comments too: a few more glyphs, no parsing) and the names in Language.java.
{ cat "$bundle"; echo "简体中文 فارسی Русский English"; } >"$work/text.txt"
# ASCII and Latin-1, general punctuation (… · “ ” –), arrows, geometric shapes (● of a profile's state),
# CJK symbols and punctuation (、。「」), full-width forms (，：（）).
unicodes="U+0020-007E,U+00A0-00FF,U+2000-206F,U+2190-21FF,U+25A0-25FF,U+3000-303F,U+FF00-FFEF"
mkdir -p "$out/noto-sans-cjk-sc"
for weight in Regular Bold; do
    # Face 2 of the collection is SC (0 JP, 1 KR, 3 TC, 4 HK); the names stay, so the family is "Noto Sans CJK SC".
    "${PYTHON:-python3}" -m fontTools.subset "$noto/NotoSansCJK-$weight.ttc" --font-number=2 --text-file="$work/text.txt" --unicodes="$unicodes" \
        --layout-features='*' --name-IDs='*' --name-languages='*' --output-file="$out/noto-sans-cjk-sc/NotoSansCJKsc-$weight-subset.otf"
done
# The license the fonts carry in their name table, as a file beside them: Adobe's copyright, then the OFL's text.
{
    echo "Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'."
    echo
    echo "This Font Software is licensed under the SIL Open Font License, Version 1.1."
    echo "Noto Sans CJK SC as bundled here is a subset of the SC face of Noto Sans CJK (Debian's fonts-noto-cjk),"
    echo "made by dispatcher-gui/fonts/update-fonts.sh."
    echo
    # the stand-alone License: SIL-1.1 paragraph (after a blank line), its lines indented, " ." for an empty one
    awk 'prev == "" && /^License: SIL-1.1$/ { on = 1; next } on && !/^ / { exit } on { print } { prev = $0 }' \
        "$work/cjk/usr/share/doc/fonts-noto-cjk/copyright" | sed -e 's/^ \.$//' -e 's/^ //'
} >"$out/noto-sans-cjk-sc/OFL.txt"
ls -l "$out"/*/

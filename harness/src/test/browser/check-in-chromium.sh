#!/usr/bin/env bash
# Renders the race pictures and the comparison page in headless Chromium and checks them in a real
# layout: each step box inside its actor's lane, its label inside its box, the DMA window covering
# its submit_bio, its bio_endio and every store marked inside it, the violating step filled red,
# every chart drawn, and no page wider than its window. Writes screenshots beside the pages for a
# person to look at. Not part of `mvn -B test` (CI needs no browser): run it by hand after a build,
#
#   mvn -q -B package -DskipTests && bash harness/src/test/browser/check-in-chromium.sh [OUT_DIR]
#
# Needs Debian's `chromium` (apt-get install chromium). Exits 0 when every check passes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
out="${1:-$root/harness/target/browser-check}"
jar="$root/harness/target/stablewrites.jar"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$browser" ] || { echo "check-in-chromium: no chromium on the PATH (apt-get install chromium)" >&2; exit 2; }
[ -f "$jar" ] || { echo "check-in-chromium: build first: mvn -q -B package -DskipTests" >&2; exit 2; }
rm -rf "$out" && mkdir -p "$out"

java -jar "$jar" explore --strategy none --scenario mmap --format html --out "$out/explore-none-mmap" >/dev/null || true
java -jar "$jar" explore --strategy recheck-resubmit --scenario mmap --explorer guided --budget 20000 \
    --format html --out "$out/explore-recheck-resubmit-mmap" >/dev/null || true
java -jar "$jar" compare --strategies none,bounce,mkwrite-wait --scenarios mmap,odirect --budget 300 \
    --workloads write-sync,dio-rewrite --writes 300 --working-set 1M --format html --out "$out/compare" >/dev/null

chrome() { "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars "$@" 2>/dev/null; }
status=0
for page in "$out"/explore-none-mmap/index.html "$out"/explore-recheck-resubmit-mmap/index.html "$out"/compare/index.html; do
    checked="${page%.html}.checked.html"
    # Both pages end in "</body>\n</html>\n" (the inlined chart library holds that text too: cut the last).
    { head -n -2 "$page"; printf '<script>\n'; cat "$here/race-check.js"; printf '</script>\n</body>\n</html>\n'; } > "$checked"
    # A wide window and a narrow one (a phone, a split screen): nothing may push the page wider.
    for width in 1400 600; do
        verdict="$(chrome --window-size=$width,900 --virtual-time-budget=5000 --dump-dom "file://$checked" \
            | sed -n '/<pre id="browser-check">/,/<\/pre>/p' | sed 's/<[^>]*>//g; s/&gt;/>/g; s/&lt;/</g; s/&amp;/\&/g')"
        echo "== ${page#$out/} at $width px"
        echo "${verdict:-no verdict: the check did not run}"
        case "$verdict" in OK*) ;; *) status=1 ;; esac
    done
    chrome --window-size=1400,1000 --screenshot="${page%.html}.png" "file://$page" >/dev/null
done
# The picture scrolled to its DMA window, where the race is.
for race in explore-none-mmap explore-recheck-resubmit-mmap; do
    scrolled="$out/$race/window.html"
    { head -n -2 "$out/$race/index.html"; printf '%s\n' '<script>var l = document.querySelector(".lanes"),' \
        ' w = document.querySelector("g.dma-window rect"); l.scrollLeft = w.getBBox().x - 200;</script>' \
        '</body>' '</html>'; } > "$scrolled"
    chrome --window-size=1500,560 --screenshot="$out/$race/window.png" "file://$scrolled" >/dev/null
done
echo "screenshots: $(cd "$out" && ls */*.png | tr '\n' ' ')(in $out)"
exit $status

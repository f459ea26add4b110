#!/usr/bin/env bash
# Drives headless Chromium (Debian package `chromium`) over a local HTML file,
# for the report tests and scripts/screenshot:
#   chromium.sh dom  FILE.html [?QUERY [W,H]]     the DOM Chromium built (after the page's own script
#                                                 ran, with ?QUERY in its address), on stdout
#   chromium.sh shot FILE.html OUT.png [W,H]      a screenshot (default 1280,4000)
#   chromium.sh pdf  FILE.html OUT.pdf            printed to PDF (print CSS, A4)
# Each run gets a fresh, throw-away profile (runs in parallel do not share
# state) and the browser's own log on stderr (--enable-logging), so a caller
# can look for console messages and Content-Security-Policy refusals.
# Exit 127 when there is no chromium; the browser's status otherwise.
set -euo pipefail
mode=${1:-} file=${2:-}
if [ -z "$mode" ] || [ -z "$file" ] || [ ! -f "$file" ]; then
  echo "usage: chromium.sh dom|shot|pdf FILE.html [?QUERY|OUT.png|OUT.pdf [W,H]]" >&2
  exit 2
fi
browser=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$browser" ] || ! command -v "$browser" >/dev/null; then
  echo "chromium.sh: no chromium on PATH (Debian package: chromium; scripts/install-deps --tests)" >&2
  exit 127
fi
profile=$(mktemp -d "${TMPDIR:-/tmp}/ca-chromium.XXXXXX")
trap 'rm -rf "$profile"' EXIT
# --no-sandbox: containers and CI run as root, where Chromium's sandbox cannot start.
flags=(--headless --no-sandbox --disable-gpu --user-data-dir="$profile" --no-first-run
       --no-default-browser-check --disable-extensions --disable-background-networking
       --disable-component-update --disable-sync --disable-default-apps --mute-audio
       --hide-scrollbars --enable-logging=stderr --v=0)
url="file://$(realpath "$file")"
case $mode in
  dom)  query=${3:-}
        case $query in ''|'?'*) ;; *) echo "chromium.sh: dom: the query starts with ?" >&2; exit 2 ;; esac
        exec timeout 120 "$browser" "${flags[@]}" --window-size="${4:-1280,900}" --dump-dom "$url$query" ;;
  shot) out=$(realpath -m "${3:?chromium.sh shot needs OUT.png}")
        exec timeout 120 "$browser" "${flags[@]}" --window-size="${4:-1280,4000}" --screenshot="$out" "$url" ;;
  pdf)  out=$(realpath -m "${3:?chromium.sh pdf needs OUT.pdf}")
        exec timeout 120 "$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out" "$url" ;;
  *)    echo "chromium.sh: unknown mode $mode (dom, shot or pdf)" >&2; exit 2 ;;
esac

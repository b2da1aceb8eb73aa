#!/usr/bin/env bash
# Renders the app icon (io.github.gitvqa.GitVqa.svg) to the hicolor PNG sizes that packaging/ installs.
# Needs rsvg-convert (Debian: librsvg2-bin). Run it after editing the SVG; the PNGs are committed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
id=io.github.gitvqa.GitVqa
for size in 16 32 48 64 128 256; do
  mkdir -p "hicolor/${size}x${size}/apps"
  rsvg-convert -w "$size" -h "$size" "$id.svg" -o "hicolor/${size}x${size}/apps/$id.png"
done

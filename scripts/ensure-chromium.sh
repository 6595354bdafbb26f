#!/usr/bin/env bash
# Makes a Chromium available to the browser tests. Order: $WORKSHOP_CHROMIUM, a system Chromium/Chrome,
# Debian/Ubuntu's package via apt (as root or with passwordless sudo). When none of that works, the tests
# fall back to Playwright's own browser download on first use (the usual path on a learner's laptop).
set -euo pipefail

if [ -n "${WORKSHOP_CHROMIUM:-}" ] && [ -x "$WORKSHOP_CHROMIUM" ]; then exit 0; fi
for c in chromium chromium-browser google-chrome google-chrome-stable; do
  if command -v "$c" >/dev/null 2>&1; then exit 0; fi
done

if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo="none"; fi
  fi
  if [ "$sudo" != "none" ]; then
    echo "Installing Chromium with apt-get (once)..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null \
      || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium-browser >/dev/null \
      || echo "apt-get could not install Chromium; the browser tests will try Playwright's own download."
    exit 0
  fi
fi
echo "No system Chromium; the browser tests will download Playwright's own Chromium on first use."

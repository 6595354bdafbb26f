#!/usr/bin/env bash
# Makes nginx available to the attack suite's reverse-proxy test (it runs the configuration docs/security.md
# gives deployers): installs nginx-light with apt when missing (as root or with passwordless sudo). The test
# starts and stops its own nginx on random loopback ports; nothing is left running.
set -euo pipefail

if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then exit 0; fi
if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo="none"; fi
  fi
  if [ "$sudo" != "none" ]; then
    echo "Installing nginx-light with apt-get (once)..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx-light >/dev/null || true
    # The package starts a system nginx on port 80; the tests need only the binary.
    if command -v systemctl >/dev/null 2>&1; then $sudo systemctl disable --now nginx >/dev/null 2>&1 || true; fi
    if [ -f /run/nginx.pid ]; then $sudo kill "$(cat /run/nginx.pid)" 2>/dev/null || true; fi
  fi
fi
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "No nginx could be installed; the reverse-proxy test will report it."
fi

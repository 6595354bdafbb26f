#!/usr/bin/env bash
# Makes bubblewrap (bwrap) available: `workshop grade` runs every submission's build and app inside it, and the
# grading tests exercise that sandbox for real. Installs the Debian/Ubuntu package with apt-get when missing (as
# root or with passwordless sudo), then proves a sandbox starts. When that fails it says why and carries on: the
# grading tests that need the sandbox then fail (never skip), in CI and elsewhere, so the rest of the run still reports.
set -euo pipefail

fail() {
  echo "ensure-bubblewrap: $1 The sandboxed grading tests will fail." >&2
  exit 0
}

if [ "$(uname -s)" != "Linux" ]; then fail "bubblewrap needs Linux; \`workshop grade\` will need --trust-submissions here."; fi

if ! command -v bwrap >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo="none"; fi
  fi
  if [ "$sudo" != "none" ]; then
    echo "Installing bubblewrap with apt-get (once)..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq bubblewrap >/dev/null || true
  fi
fi

if ! command -v bwrap >/dev/null 2>&1; then fail "bwrap is not installed and could not be installed (apt-get install bubblewrap)."; fi
# The grader drops root to nobody before bwrap, so prove the unprivileged path when running as root.
probe=(bwrap --unshare-all --die-with-parent --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp -- true)
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
  probe=(setpriv --reuid 65534 --regid 65534 --clear-groups -- "${probe[@]}")
fi
if ! "${probe[@]}" 2>/tmp/ensure-bubblewrap.$$; then
  reason="$(cat /tmp/ensure-bubblewrap.$$)"; rm -f /tmp/ensure-bubblewrap.$$
  fail "bwrap is installed but cannot create a sandbox here ($reason); user namespaces may be disabled (sysctl kernel.unprivileged_userns_clone / user.max_user_namespaces)."
fi
rm -f /tmp/ensure-bubblewrap.$$

#!/usr/bin/env bash
# Installs everything Syscall Lens needs on a fresh Debian/Ubuntu machine, as root: the
# tracer and toolchains the samples are built with, Chromium and libkrb5-dev for real VS Code
# (code-server) and its tests, OpenSSH for the remote target, then the npm packages and
# code-server itself. Idempotent: a second run only checks. Used by the README and by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends \
  strace gcc g++ libc6-dev binutils golang-go make \
  chromium libkrb5-dev \
  openssh-server openssh-client \
  iproute2 procps psmisc util-linux ca-certificates tar gzip unzip
# Rust: prefer a rustup toolchain when the machine has one, else Debian's.
if ! command -v rustc >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/rustc" ]; then
  $SUDO apt-get install -y -q rustc cargo
fi
# Packages only some suites need (the remote engineer's Vagrant/lxc set).
if [ -x .ci/install-extra ]; then $SUDO .ci/install-extra; fi

npm ci --no-audit --no-fund
# Real VS Code (code-server from the npm registry, on its own Node 24) outside the repo.
if [ -f scripts/ensure-code-server.mjs ]; then node scripts/ensure-code-server.mjs; fi

#!/usr/bin/env bash
# Installs what building and testing portlens needs on Debian/Ubuntu, and nothing that is already
# there: libpcap's development package (to build), and for the tests iproute2 (network
# namespaces), curl and python3 (a real client and server for the live capture test), tmux (a real
# terminal for the --step test), setpriv (to run portlens as an unprivileged user), script (a
# terminal for the progress bar), tcpdump, ping and setcap (the clean-stop and least-privilege
# tests). Without them those tests are skipped, or fail when CI is set.
set -euo pipefail

missing=()
dpkg -s libpcap-dev >/dev/null 2>&1 || missing+=(libpcap-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
# script(1), which gives the progress-bar test a terminal, is in bsdutils on Debian and Ubuntu.
command -v script >/dev/null 2>&1 || missing+=(bsdutils)
# The hardening tests: tcpdump reads what portlens saved, ping makes traffic in a namespace,
# setcap/getcap grant and report file capabilities (portlens doctor).
command -v tcpdump >/dev/null 2>&1 || missing+=(tcpdump)
command -v ping >/dev/null 2>&1 || missing+=(iputils-ping)
command -v setcap >/dev/null 2>&1 || missing+=(libcap2-bin)

if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    echo "setup: installing ${missing[*]}"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
    echo "setup: cargo is missing; install the stable Rust toolchain (https://rustup.rs) and re-run." >&2
    exit 1
fi

#!/usr/bin/env bash
# Installs what building and testing portlens needs on Debian/Ubuntu, and nothing that is already
# there: libpcap's development package (to build), and for the tests iproute2 (network
# namespaces), curl and python3 (a real client and server for the live capture test), tmux (a real
# terminal for the --step test), setpriv (to run portlens as an unprivileged user), script (a
# terminal for the progress bar), tcpdump, ping and setcap (the clean-stop and least-privilege
# tests), and for the trust tests tshark (the oracle whose reading portlens is compared with), and
# the real peers of the namespace tests: nginx, dnsmasq, dig, udhcpc and dhclient (a DHCP client),
# socat and iperf3. Without them those tests are skipped, or fail when CI is set. Daemons that these
# packages ship are kept from starting on the host: the tests run them by hand in namespaces.
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
# The oracle (tshark) and the real programs of the namespace tests.
command -v tshark >/dev/null 2>&1 || missing+=(tshark)
command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)
command -v dnsmasq >/dev/null 2>&1 || missing+=(dnsmasq-base)
command -v dig >/dev/null 2>&1 || missing+=(bind9-dnsutils)
command -v udhcpc >/dev/null 2>&1 || missing+=(udhcpc)
command -v dhclient >/dev/null 2>&1 || missing+=(isc-dhcp-client)
command -v socat >/dev/null 2>&1 || missing+=(socat)
command -v iperf3 >/dev/null 2>&1 || missing+=(iperf3)
command -v tc >/dev/null 2>&1 || missing+=(iproute2)

if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    echo "setup: installing ${missing[*]}"
    # tshark asks whether ordinary users may capture; the tests run it on files only: no.
    echo "wireshark-common wireshark-common/install-setuid boolean false" | $sudo debconf-set-selections
    # Keep freshly installed daemons (nginx, iperf3) from starting on the host.
    policy_created=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
        $sudo chmod 755 /usr/sbin/policy-rc.d
        policy_created=1
    fi
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
    if [ -n "$policy_created" ]; then
        $sudo rm -f /usr/sbin/policy-rc.d
    fi
fi

if ! command -v cargo >/dev/null 2>&1; then
    echo "setup: cargo is missing; install the stable Rust toolchain (https://rustup.rs) and re-run." >&2
    exit 1
fi

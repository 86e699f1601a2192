#!/usr/bin/env bash
# make-samples.sh - regenerate portlens' library of small, real packet captures.
#
# Usage: sudo samples/make-samples.sh [NAME...]     (no NAME: make them all)
#        samples/make-samples.sh --list
#
# Every capture is made from real programs (nginx, dnsmasq, curl, dig, ping,
# sshd, exim, vsftpd, dovecot, chronyd, redis...) talking to each other over a
# veth pair between two network namespaces that this script creates and deletes
# again. Only documentation addresses are used:
#     client 192.0.2.10   / 2001:db8::10   MAC 02:00:00:00:00:01
#     server 198.51.100.20 / 2001:db8::20  MAC 02:00:00:00:00:02
# The namespaces have no route to anywhere else: nothing leaves the machine.
#
# Tested on Debian 12 (bookworm). Run as root. Missing tools are installed with
# apt-get (see README.md for the list); services of packages that this script
# newly installs are kept from starting and disabled at boot, because the script
# runs its servers by hand inside the namespace.
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export LC_ALL=C

SAMPLES_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ALL_SAMPLES=(web-http web-https browse dns-udp dns-tcp ping ping6 arp refused
             ports-tour vlan any-interface ipv6-web)
MAX_BYTES=$((100 * 1024))

NS_C=portlens-client
NS_S=portlens-server
C4=192.0.2.10
S4=198.51.100.20
C6=2001:db8::10
S6=2001:db8::20
C_MAC=02:00:00:00:00:01
S_MAC=02:00:00:00:00:02
VLAN_ID=100

TMP=""
CAP_PID=""
CREATED_POLICY_RC=0
CREATED_RUN_SSHD=0
CREATED_ETC_NETNS=0
IFACE=eth0          # interface that carries the IP addresses (eth0 or eth0.100)

log() { printf '[make-samples] %s\n' "$*" >&2; }
die() { printf '[make-samples] ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
    cat <<EOF
Usage: sudo $0 [NAME...]
Regenerates samples/NAME.pcap (all samples if no NAME is given).
Samples: ${ALL_SAMPLES[*]}
EOF
}

# --------------------------------------------------------------------------
# Packages
# --------------------------------------------------------------------------
declare -A PKG_OF=(
    [ip]=iproute2 [ss]=iproute2 [tc]=iproute2 [tcpdump]=tcpdump
    [ethtool]=ethtool [unshare]=util-linux [sysctl]=procps [hostname]=hostname
    [nginx]=nginx-light [dnsmasq]=dnsmasq-base [curl]=curl [openssl]=openssl
    [dig]=bind9-dnsutils [ping]=iputils-ping
    [sshd]=openssh-server [ssh-keygen]=openssh-client [ssh-keyscan]=openssh-client
    [exim4]=exim4-daemon-light [vsftpd]=vsftpd [redis-server]=redis-server
    [redis-cli]=redis-tools [python3]=python3 [dpkg-deb]=dpkg [apt-get]=apt
)
# system services shipped by packages we may install; we run these programs
# by hand, so a fresh install must not leave them running on the host.
declare -A SERVICE_OF=(
    [openssh-server]=ssh [vsftpd]=vsftpd [dovecot-core]=dovecot
    [redis-server]=redis-server [exim4-base]=exim4 [nginx-common]=nginx
)

pkg_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

disable_service() {
    local unit=$1
    log "disabling system service '$unit' (this script runs the program by hand)"
    if command -v systemctl >/dev/null 2>&1; then
        if [[ -d /run/systemd/system ]]; then
            systemctl disable --now "$unit" >/dev/null 2>&1 || true
        else
            systemctl disable "$unit" >/dev/null 2>&1 || true
        fi
    fi
    if [[ -e /etc/init.d/$unit ]] && command -v update-rc.d >/dev/null 2>&1; then
        update-rc.d "$unit" disable >/dev/null 2>&1 || true
    fi
}

install_pkgs() {
    local p u new=() before=() units=()
    for p in "$@"; do pkg_installed "$p" || new+=("$p"); done
    ((${#new[@]})) || return 0
    # remember what was installed before, to disable only services we bring in
    for p in "${!SERVICE_OF[@]}"; do pkg_installed "$p" && before+=("$p"); done
    log "installing Debian packages: ${new[*]}"
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        # keep freshly installed daemons from starting on the host
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        CREATED_POLICY_RC=1
    fi
    if ! apt-cache show "${new[@]}" >/dev/null 2>&1; then
        apt-get update
    fi
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${new[@]}"; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${new[@]}"
    fi
    if ((CREATED_POLICY_RC)); then rm -f /usr/sbin/policy-rc.d; CREATED_POLICY_RC=0; fi
    for p in "${!SERVICE_OF[@]}"; do
        if pkg_installed "$p" && [[ " ${before[*]} " != *" $p "* ]]; then
            units+=("${SERVICE_OF[$p]}")
        fi
    done
    for u in $(printf '%s\n' "${units[@]}" | sort -u); do disable_service "$u"; done
}

need_cmds() {
    local c pkgs=()
    for c in "$@"; do
        case $c in
            dovecot)   # the POP3 server needs dovecot-core and its pop3 module
                [[ -x /usr/sbin/dovecot && -x /usr/lib/dovecot/pop3-login ]] || pkgs+=(dovecot-pop3d) ;;
            aiosmtpd)
                python3 -c 'import aiosmtpd' >/dev/null 2>&1 || pkgs+=(python3-aiosmtpd) ;;
            *)
                command -v "$c" >/dev/null 2>&1 || pkgs+=("${PKG_OF[$c]:?no package known for $c}") ;;
        esac
    done
    ((${#pkgs[@]} == 0)) || install_pkgs $(printf '%s\n' "${pkgs[@]}" | sort -u)
}

# SMTP server: exim4 (Debian's default MTA). Every Debian MTA conflicts with
# every other, so if a different MTA is already installed we do not replace it
# and use the SMTP server of python3-aiosmtpd instead (see README.md).
SMTP_IMPL=""
choose_smtp() {
    if [[ -n ${SMTP_SERVER:-} ]]; then SMTP_IMPL=$SMTP_SERVER   # override: exim4 or aiosmtpd
    elif command -v exim4 >/dev/null 2>&1; then SMTP_IMPL=exim4
    elif [[ -e /usr/sbin/sendmail ]]; then SMTP_IMPL=aiosmtpd
    else SMTP_IMPL=exim4
    fi
    need_cmds "$SMTP_IMPL"
}

# NTP server and client: chrony's chronyd. All Debian NTP daemons (chrony,
# ntpsec, openntpd, systemd-timesyncd) conflict with each other, so installing
# one would replace the host's time service. Instead we fetch the chrony
# package with apt-get download and run chronyd from the unpacked .deb in the
# temp dir (also when chrony is installed: the installed /usr/sbin/chronyd is
# confined by an AppArmor profile that would refuse our temp-dir config).
# Nothing is installed and the clock is never touched (server: -x, client: -Q).
CHRONYD=""
find_chronyd() {
    need_cmds dpkg-deb apt-get
    install_pkgs libcap2 libgnutls30 libnettle8 libseccomp2   # chronyd's libraries
    local d=$TMP/chrony-deb
    mkdir -p "$d"
    log "fetching chrony .deb (unpacked into the temp dir, not installed)"
    if ! (cd "$d" && apt-get download -o APT::Sandbox::User=root chrony >/dev/null); then
        apt-get update
        (cd "$d" && apt-get download -o APT::Sandbox::User=root chrony >/dev/null)
    fi
    dpkg-deb -x "$d"/chrony_*.deb "$d/root"
    CHRONYD=$d/root/usr/sbin/chronyd
    [[ -x $CHRONYD ]] || die "chronyd not found in the chrony package"
}

needs_of_sample() {
    case $1 in
        web-http|any-interface|ipv6-web) echo nginx dnsmasq curl ;;
        web-https|browse)                echo nginx dnsmasq curl openssl ;;
        vlan)                            echo nginx dnsmasq curl ping ;;
        dns-udp|dns-tcp)                 echo dnsmasq dig ;;
        ping|ping6|arp)                  echo ping ;;
        refused)                         echo curl ;;
        ports-tour) echo sshd ssh-keygen ssh-keyscan vsftpd dovecot redis-server redis-cli curl ;;
    esac
}

# --------------------------------------------------------------------------
# Namespaces
# --------------------------------------------------------------------------
ns_exists() { [[ -e /run/netns/$1 ]]; }

kill_ns_procs() {
    local ns=$1 pids i
    ns_exists "$ns" || return 0
    pids=$(ip netns pids "$ns" 2>/dev/null || true)
    [[ -n $pids ]] || return 0
    kill -TERM $pids 2>/dev/null || true
    for i in $(seq 1 30); do
        pids=$(ip netns pids "$ns" 2>/dev/null || true)
        [[ -n $pids ]] || return 0
        sleep 0.1
    done
    kill -KILL $pids 2>/dev/null || true
    sleep 0.2
}

teardown() {
    local ns
    if [[ -n $CAP_PID ]]; then kill -INT "$CAP_PID" 2>/dev/null || true; wait "$CAP_PID" 2>/dev/null || true; CAP_PID=""; fi
    for ns in "$NS_C" "$NS_S"; do kill_ns_procs "$ns"; done
    wait 2>/dev/null || true      # reap our background jobs quietly
    for ns in "$NS_C" "$NS_S"; do
        if ns_exists "$ns"; then ip netns del "$ns" 2>/dev/null || true; fi
        rm -rf "/etc/netns/$ns"
    done
}

cleanup() {
    local rc=$?
    set +e
    teardown
    ((CREATED_POLICY_RC)) && rm -f /usr/sbin/policy-rc.d
    ((CREATED_RUN_SSHD)) && rmdir /run/sshd 2>/dev/null
    ((CREATED_ETC_NETNS)) && rmdir /etc/netns 2>/dev/null
    if [[ -n $TMP && -d $TMP ]]; then
        if [[ ${KEEP_TMP:-0} == 1 ]]; then log "keeping $TMP (KEEP_TMP=1)"; else rm -rf "$TMP"; fi
    fi
    exit $rc
}

# run a command inside a namespace, with its own UTS namespace and host name
# (so no banner or EHLO ever shows the real machine's host name)
in_ns() {
    local ns=$1 host=$2; shift 2
    ip netns exec "$ns" unshare --uts -- sh -c 'hostname "$0" && exec "$@"' "$host" "$@"
}
# same, in the background; output to a log file; sets BG_PID
bg_in_ns() {
    local ns=$1 host=$2 logf=$3; shift 3
    in_ns "$ns" "$host" "$@" >"$logf" 2>&1 </dev/null &
    BG_PID=$!
}
client() { in_ns "$NS_C" client.example.com "$@"; }

write_etc() {   # per-namespace resolv.conf/hosts/nsswitch.conf (ip netns exec bind-mounts them)
    local ns=$1 dns=$2 d=/etc/netns/$1
    [[ -d /etc/netns ]] || CREATED_ETC_NETNS=1
    mkdir -p "$d"
    printf 'nameserver %s\n' "$dns" >"$d/resolv.conf"
    printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$d/hosts"
    if [[ -f /etc/nsswitch.conf ]]; then
        sed 's/^hosts:.*/hosts:          files dns/' /etc/nsswitch.conf >"$d/nsswitch.conf"
    fi
}

VLAN_BPF=0
# setup FAMILY [static|dynamic] [vlan]
#   FAMILY v4: IPv4 only (IPv6 disabled, so no IPv6 chatter); v6: IPv6 only
#   static: permanent neighbour entries, so no ARP/ND in the capture
setup() {
    local fam=$1 neigh=${2:-static} vlan=${3:-} ns
    teardown
    ip netns add "$NS_C"
    ip netns add "$NS_S"
    for ns in "$NS_C" "$NS_S"; do
        if [[ $fam == v4 ]]; then
            ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
        else
            ip netns exec "$ns" sysctl -qw \
                net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0 \
                net.ipv6.conf.all.router_solicitations=0 net.ipv6.conf.default.router_solicitations=0 \
                net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
        fi
        ip -n "$ns" link set lo up
    done
    ip link add eth0 netns "$NS_C" address "$C_MAC" type veth peer name eth0 netns "$NS_S" address "$S_MAC"
    for ns in "$NS_C" "$NS_S"; do
        # no checksum/segmentation offload: captured packets look like the wire
        ip netns exec "$ns" ethtool -K eth0 tx off tso off gso off gro off >/dev/null 2>&1 || true
        ip -n "$ns" link set eth0 up
    done
    IFACE=eth0
    VLAN_BPF=0
    if [[ $vlan == vlan ]]; then
        if ip -n "$NS_C" link add link eth0 name eth0.$VLAN_ID type vlan id $VLAN_ID 2>/dev/null; then
            ip -n "$NS_S" link add link eth0 name eth0.$VLAN_ID type vlan id $VLAN_ID
            for ns in "$NS_C" "$NS_S"; do ip -n "$ns" link set eth0.$VLAN_ID up; done
            IFACE=eth0.$VLAN_ID
        else
            vlan_bpf_fallback
        fi
    fi
    if [[ $fam == v4 ]]; then
        ip -n "$NS_C" addr add "$C4/24" dev "$IFACE"
        ip -n "$NS_C" route add 198.51.100.0/24 dev "$IFACE"
        ip -n "$NS_S" addr add "$S4/24" dev "$IFACE"
        ip -n "$NS_S" route add 192.0.2.0/24 dev "$IFACE"
        if [[ $neigh == static ]]; then
            ip -n "$NS_C" neigh replace "$S4" lladdr "$S_MAC" dev "$IFACE" nud permanent
            ip -n "$NS_S" neigh replace "$C4" lladdr "$C_MAC" dev "$IFACE" nud permanent
        fi
        write_etc "$NS_C" "$S4"; write_etc "$NS_S" "$S4"
    else
        ip -n "$NS_C" addr add "$C6/64" dev "$IFACE" nodad
        ip -n "$NS_S" addr add "$S6/64" dev "$IFACE" nodad
        if [[ $neigh == static ]]; then
            ip -n "$NS_C" neigh replace "$S6" lladdr "$S_MAC" dev "$IFACE" nud permanent
            ip -n "$NS_S" neigh replace "$C6" lladdr "$C_MAC" dev "$IFACE" nud permanent
        fi
        write_etc "$NS_C" "$S6"; write_etc "$NS_S" "$S6"
    fi
    wait_until 5 "link up" sh -c "ip -n $NS_C -o link show eth0 | grep -q LOWER_UP"
}

# Kernels built without CONFIG_VLAN_8021Q (no "vlan" link type) get the same
# 802.1Q frames on eth0 from two tiny eBPF programs attached with tc:
# egress bpf_skb_vlan_push(0x8100, 100), ingress bpf_skb_vlan_pop().
vlan_bpf_fallback() {
    log "kernel has no 802.1Q VLAN support; tagging eth0 with tc+eBPF (vlan push/pop) instead"
    need_cmds python3 tc
    VLAN_BPF=1
    cat >"$TMP/vlan_bpf.py" <<'PY'
import ctypes, os, socket, struct, sys
libc = ctypes.CDLL(None, use_errno=True)
# bpf(2) syscall number; little-endian machines only (instruction encoding below)
NR_BPF = {"x86_64": 321, "aarch64": 280, "riscv64": 280, "ppc64le": 361,
          "i686": 357, "armv7l": 386}[os.uname().machine]
def ins(code, dst=0, src=0, off=0, imm=0):
    return struct.pack("<BBhi", code, (src << 4) | dst, off, imm)
MOV, CALL, EXIT = 0xb7, 0x85, 0x95          # BPF_ALU64|BPF_MOV|BPF_K, BPF_CALL, BPF_EXIT
SKB_VLAN_PUSH, SKB_VLAN_POP = 18, 19        # helper ids
progs = {
    "push": ins(MOV, 2, imm=socket.htons(0x8100)) + ins(MOV, 3, imm=int(sys.argv[2]))
            + ins(CALL, imm=SKB_VLAN_PUSH) + ins(MOV, 0) + ins(EXIT),
    "pop": ins(CALL, imm=SKB_VLAN_POP) + ins(MOV, 0) + ins(EXIT),
}
def bpf(cmd, attr):
    buf = ctypes.create_string_buffer(attr, 144)
    r = libc.syscall(NR_BPF, cmd, buf, 144)
    if r < 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))
    return r
lic = ctypes.create_string_buffer(b"GPL")
logbuf = ctypes.create_string_buffer(65536)
for name, code in progs.items():
    insns = ctypes.create_string_buffer(code, len(code))
    attr = struct.pack("<IIQQIIQII16s", 3, len(code) // 8,   # BPF_PROG_TYPE_SCHED_CLS
                       ctypes.addressof(insns), ctypes.addressof(lic), 1, len(logbuf),
                       ctypes.addressof(logbuf), 0, 0, b"vlan_" + name.encode())
    try:
        fd = bpf(5, attr)                                    # BPF_PROG_LOAD
    except OSError as e:
        sys.exit("BPF_PROG_LOAD %s: %s\n%s" % (name, e, logbuf.value.decode()))
    path = ctypes.create_string_buffer(os.path.join(sys.argv[1], name).encode())
    bpf(6, struct.pack("<QII", ctypes.addressof(path), fd, 0))   # BPF_OBJ_PIN
PY
    mkdir -p "$TMP/bpffs"
    # private mount namespace: the bpffs (and the pinned programs) vanish with it
    unshare -m -- sh -ec '
        mount -t bpf bpf "$1/bpffs"
        python3 "$1/vlan_bpf.py" "$1/bpffs" "$2"
        for ns in "$3" "$4"; do
            ip netns exec "$ns" tc qdisc add dev eth0 clsact
            ip netns exec "$ns" tc filter add dev eth0 egress bpf da object-pinned "$1/bpffs/push"
            ip netns exec "$ns" tc filter add dev eth0 ingress bpf da object-pinned "$1/bpffs/pop"
        done' sh "$TMP" "$VLAN_ID" "$NS_C" "$NS_S"
}

wait_until() {   # wait_until SECONDS DESCRIPTION COMMAND...
    local t=$1 what=$2 i; shift 2
    for ((i = 0; i < t * 20; i++)); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.05
    done
    die "timed out waiting for $what"
}

wait_listen() {  # wait_listen tcp|udp PORT [LOGFILE]
    local proto=$1 port=$2 logf=${3:-} i
    for ((i = 0; i < 200; i++)); do
        if ip netns exec "$NS_S" ss -Hln --"$proto" "sport = :$port" 2>/dev/null | grep -q .; then return 0; fi
        sleep 0.05
    done
    [[ -n $logf && -f $logf ]] && tail -n 20 "$logf" >&2
    die "server on $proto port $port did not start"
}

# --------------------------------------------------------------------------
# Capture
# --------------------------------------------------------------------------
CAP_NAME=""
start_capture() {  # start_capture NAME IFACE FILTER [tcpdump options...]
    local name=$1 iface=$2 filter=$3; shift 3
    CAP_NAME=$name
    rm -f "$TMP/$name.pcap" "$TMP/tcpdump.log"
    # shellcheck disable=SC2086
    ip netns exec "$NS_C" tcpdump -i "$iface" -n -U --immediate-mode -Z root "$@" -w "$TMP/$name.pcap" $filter \
        >"$TMP/tcpdump.log" 2>&1 </dev/null &
    CAP_PID=$!
    wait_until 10 "tcpdump to start" grep -q 'listening on' "$TMP/tcpdump.log"
}

stop_capture() {
    local name=$CAP_NAME out=$SAMPLES_DIR/$CAP_NAME.pcap size count
    sleep 0.5                        # let the last packets (final ACKs) arrive
    kill -INT "$CAP_PID"
    wait "$CAP_PID" || true
    CAP_PID=""
    tcpdump -r "$TMP/$name.pcap" -c 1 >/dev/null 2>&1 || { cat "$TMP/tcpdump.log" >&2; die "$name: empty or broken capture"; }
    size=$(stat -c %s "$TMP/$name.pcap")
    ((size <= MAX_BYTES)) || die "$name: capture is $size bytes (limit $MAX_BYTES)"
    count=$(tcpdump -r "$TMP/$name.pcap" 2>/dev/null | wc -l)
    mv -f "$TMP/$name.pcap" "$out"
    chmod 644 "$out"
    log "wrote samples/$name.pcap ($count packets, $size bytes)"
}

# --------------------------------------------------------------------------
# Servers
# --------------------------------------------------------------------------
start_dnsmasq() {  # v4|v6
    local fam=$1 listen rec
    if [[ $fam == v4 ]]; then listen=$S4; rec=$S4; else listen=$S6; rec=$S6; fi
    bg_in_ns "$NS_S" ns.example.com "$TMP/dnsmasq.log" dnsmasq --keep-in-foreground \
        --conf-file=/dev/null --no-resolv --no-hosts --no-poll --bind-interfaces \
        --listen-address="$listen" --pid-file= --local-ttl=300 --local=/example.com/ \
        --host-record=www.example.com,"$rec" --host-record=mail.example.com,"$rec" \
        --log-queries --log-facility=-
    wait_listen udp 53 "$TMP/dnsmasq.log"
    wait_listen tcp 53 "$TMP/dnsmasq.log"
}

make_site() {
    [[ -d $TMP/www ]] && return 0
    mkdir -p "$TMP/www"
    cat >"$TMP/www/index.html" <<'EOF'
<!DOCTYPE html>
<html>
<head><title>www.example.com</title><link rel="stylesheet" href="/style.css"></head>
<body><h1>Hello from www.example.com</h1><p>A portlens sample page.</p></body>
</html>
EOF
    printf 'body { font-family: sans-serif; }\nh1 { color: #0066cc; }\n' >"$TMP/www/style.css"
    chmod 755 "$TMP/www"; chmod 644 "$TMP/www"/*
}

make_cert() {
    [[ -f $TMP/tls/cert.pem ]] && return 0
    mkdir -p "$TMP/tls"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -keyout "$TMP/tls/key.pem" -out "$TMP/tls/cert.pem" -days 3650 \
        -subj "/CN=www.example.com" -addext "subjectAltName=DNS:www.example.com" 2>/dev/null
    chmod 644 "$TMP/tls/cert.pem"; chmod 600 "$TMP/tls/key.pem"
}

start_nginx() {  # v4|v6
    local fam=$1 l80 l443
    make_site; make_cert
    if [[ $fam == v4 ]]; then l80="listen 80;"; l443="listen 443 ssl;"
    else l80="listen [::]:80;"; l443="listen [::]:443 ssl;"; fi
    mkdir -p "$TMP/nginx"
    cat >"$TMP/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
user www-data;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    server {
        $l80
        $l443
        server_name www.example.com;
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_certificate $TMP/tls/cert.pem;
        ssl_certificate_key $TMP/tls/key.pem;
        root $TMP/www;
        index index.html;
    }
}
EOF
    bg_in_ns "$NS_S" www.example.com "$TMP/nginx/stderr.log" nginx -e "$TMP/nginx/error.log" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf"
    wait_listen tcp 80 "$TMP/nginx/error.log"
    wait_listen tcp 443 "$TMP/nginx/error.log"
}

start_sshd() {
    local sshd
    sshd=$(command -v sshd)
    mkdir -p "$TMP/ssh"
    rm -f "$TMP/ssh/host_ed25519" "$TMP/ssh/host_ed25519.pub"
    ssh-keygen -q -t ed25519 -N '' -C '' -f "$TMP/ssh/host_ed25519"
    cat >"$TMP/ssh/sshd_config" <<EOF
Port 22
ListenAddress $S4
HostKey $TMP/ssh/host_ed25519
PidFile none
UsePAM no
PermitRootLogin no
PasswordAuthentication no
KbdInteractiveAuthentication no
AuthorizedKeysFile none
EOF
    if [[ ! -d /run/sshd ]]; then mkdir -m 755 /run/sshd; CREATED_RUN_SSHD=1; fi
    bg_in_ns "$NS_S" ssh.example.com "$TMP/ssh/sshd.log" "$sshd" -D -e -f "$TMP/ssh/sshd_config"
    wait_listen tcp 22 "$TMP/ssh/sshd.log"
}

start_smtp() {
    if [[ $SMTP_IMPL == exim4 ]]; then
        # Debian's exim4 with its stock configuration, bound to the server address
        bg_in_ns "$NS_S" mail.example.com "$TMP/smtp.log" exim4 -bdf -oX "$S4.25" -oP "$TMP/exim.pid"
    else
        bg_in_ns "$NS_S" mail.example.com "$TMP/smtp.log" python3 -m aiosmtpd -n -l "$S4:25"
    fi
    wait_listen tcp 25 "$TMP/smtp.log"
}

start_vsftpd() {
    mkdir -p "$TMP/ftp/pub" "$TMP/ftp-empty"
    printf 'Hello from the portlens FTP sample.\n' >"$TMP/ftp/hello.txt"
    chmod 755 "$TMP/ftp" "$TMP/ftp/pub" "$TMP/ftp-empty"; chmod 644 "$TMP/ftp/hello.txt"
    cat >"$TMP/vsftpd.conf" <<EOF
listen=YES
listen_ipv6=NO
listen_address=$S4
background=NO
anonymous_enable=YES
no_anon_password=YES
anon_root=$TMP/ftp
local_enable=NO
write_enable=NO
hide_ids=YES
pasv_enable=YES
pasv_min_port=30000
pasv_max_port=30000
connect_from_port_20=NO
dirmessage_enable=NO
xferlog_enable=NO
seccomp_sandbox=NO
secure_chroot_dir=$TMP/ftp-empty
EOF
    bg_in_ns "$NS_S" ftp.example.com "$TMP/vsftpd.log" vsftpd "$TMP/vsftpd.conf"
    wait_listen tcp 21 "$TMP/vsftpd.log"
}

start_dovecot() {
    local d=$TMP/dovecot
    mkdir -p "$d/run" "$d/mail/alice/Maildir/"{new,cur,tmp}
    cat >"$d/mail/alice/Maildir/new/1700000000.M1P1.mail.example.com" <<'EOF'
From: Bob <bob@example.com>
To: Alice <alice@example.com>
Subject: Hello over POP3
Date: Tue, 14 Nov 2023 22:13:20 +0000
Message-ID: <hello@example.com>

Hi Alice, this message was fetched over plain POP3 on port 110.
EOF
    chown -R nobody:nogroup "$d/mail"
    cat >"$d/dovecot.conf" <<EOF
protocols = pop3
listen = $S4
base_dir = $d/run
state_dir = $d/state
log_path = $d/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
mail_location = maildir:~/Maildir
passdb {
  driver = static
  args = password=secret
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$d/mail/%u
}
EOF
    bg_in_ns "$NS_S" mail.example.com "$d/stderr.log" dovecot -F -c "$d/dovecot.conf"
    wait_listen tcp 110 "$d/dovecot.log"
}

start_chronyd() {
    local d=$TMP/chrony
    mkdir -p "$d"
    cat >"$d/server.conf" <<EOF
# serve our own clock (never adjusted: chronyd runs with -x) as stratum 10
local stratum 10
allow 192.0.2.0/24
bindaddress $S4
port 123
cmdport 0
bindcmdaddress /
pidfile $d/server.pid
EOF
    bg_in_ns "$NS_S" ntp.example.com "$d/server.log" "$CHRONYD" -d -x -u root -f "$d/server.conf"
    wait_listen udp 123 "$d/server.log"
}

start_redis() {
    mkdir -p "$TMP/redis"
    bg_in_ns "$NS_S" db.example.com "$TMP/redis/redis.log" redis-server --bind "$S4" --port 6379 \
        --protected-mode no --save '' --appendonly no --dir "$TMP/redis" --daemonize no
    wait_listen tcp 6379 "$TMP/redis/redis.log"
}

# --------------------------------------------------------------------------
# Samples
# --------------------------------------------------------------------------
CURL=(curl -sS --no-progress-meter --max-time 10 -o /dev/null)

sample_web-http() {
    setup v4; start_dnsmasq v4; start_nginx v4
    start_capture web-http eth0 'port 53 or port 80'
    client "${CURL[@]}" http://www.example.com/
    stop_capture
}

sample_web-https() {
    setup v4; start_dnsmasq v4; start_nginx v4
    start_capture web-https eth0 'port 53 or port 443'
    client "${CURL[@]}" --cacert "$TMP/tls/cert.pem" https://www.example.com/
    stop_capture
}

sample_browse() {
    setup v4; start_dnsmasq v4; start_nginx v4
    start_capture browse eth0 'port 53 or port 80 or port 443'
    client "${CURL[@]}" http://www.example.com/
    # two HTTP/1.1 transfers at once -> two TCP connections to port 443
    client curl -sS --no-progress-meter --max-time 10 --cacert "$TMP/tls/cert.pem" --http1.1 --parallel --parallel-immediate \
        -o /dev/null https://www.example.com/ -o /dev/null https://www.example.com/style.css
    stop_capture
}

sample_dns-udp() {
    setup v4; start_dnsmasq v4
    start_capture dns-udp eth0 'port 53'
    client dig @"$S4" www.example.com A >"$TMP/dig.log"
    stop_capture
}

sample_dns-tcp() {
    setup v4; start_dnsmasq v4
    start_capture dns-tcp eth0 'port 53'
    client dig +tcp @"$S4" www.example.com A >"$TMP/dig.log"
    stop_capture
}

sample_ping() {
    setup v4
    start_capture ping eth0 'icmp'
    client ping -c 3 "$S4" >"$TMP/ping.log"
    stop_capture
}

sample_ping6() {
    setup v6 dynamic
    # icmp6 (without following extension headers) leaves out MLD reports
    start_capture ping6 eth0 'icmp6'
    client ping -6 -c 3 "$S6" >"$TMP/ping.log"
    stop_capture
}

sample_arp() {
    setup v4 dynamic
    start_capture arp eth0 'arp or icmp'
    ip -n "$NS_C" neigh flush dev eth0
    client ping -c 1 "$S4" >"$TMP/ping.log"
    stop_capture
}

sample_refused() {
    setup v4
    start_capture refused eth0 'tcp'
    local rc=0
    client curl -sS --max-time 10 -o /dev/null "http://$S4:8080/" 2>"$TMP/curl.log" || rc=$?
    ((rc == 7)) || die "refused: expected curl exit code 7 (connection refused), got $rc"
    stop_capture
}

sample_ports-tour() {
    choose_smtp
    find_chronyd
    setup v4
    start_vsftpd; start_sshd; start_smtp; start_dovecot; start_chronyd; start_redis
    start_capture ports-tour eth0 \
        'tcp port 21 or tcp port 30000 or tcp port 22 or tcp port 25 or tcp port 110 or udp port 123 or tcp port 6379'
    client "${CURL[@]}" "ftp://$S4/"                                     # 21 FTP (+ data port 30000)
    client ssh-keyscan -T 5 -t ed25519 "$S4" >"$TMP/keyscan.log" 2>&1      # 22 SSH
    client "${CURL[@]}" "smtp://$S4/client.example.com"                  # 25 SMTP (EHLO, HELP, QUIT)
    client "${CURL[@]}" "pop3://alice:secret@$S4/1"                      # 110 POP3 (RETR 1)
    client "$CHRONYD" -Q -u root -t 10 "server $S4 iburst" "pidfile $TMP/chrony/client.pid" \
        >"$TMP/chrony/client.log" 2>&1                                     # 123 NTP
    client redis-cli -h "$S4" -p 6379 PING >"$TMP/redis/cli.log"          # 6379 Redis
    stop_capture
}

sample_vlan() {
    setup v4 static vlan; start_dnsmasq v4; start_nginx v4
    # capture on the parent interface: every frame carries the 802.1Q tag
    start_capture vlan eth0 ''
    client ping -c 2 "$S4" >"$TMP/ping.log"
    client "${CURL[@]}" http://www.example.com/
    stop_capture
}

sample_any-interface() {
    setup v4; start_dnsmasq v4; start_nginx v4
    start_capture any-interface any 'port 53 or port 80' -y LINUX_SLL2
    client "${CURL[@]}" http://www.example.com/
    stop_capture
}

sample_ipv6-web() {
    setup v6; start_dnsmasq v6; start_nginx v6
    start_capture ipv6-web eth0 'port 53 or port 80'
    client "${CURL[@]}" -6 http://www.example.com/
    stop_capture
}

# --------------------------------------------------------------------------
main() {
    local s wanted=() needs=()
    case ${1:-} in
        -h|--help) usage; exit 0 ;;
        --list) printf '%s\n' "${ALL_SAMPLES[@]}"; exit 0 ;;
    esac
    if (($#)); then
        for s in "$@"; do
            [[ " ${ALL_SAMPLES[*]} " == *" $s "* ]] || { usage >&2; die "unknown sample '$s'"; }
        done
        wanted=("$@")
    else
        wanted=("${ALL_SAMPLES[@]}")
    fi
    ((EUID == 0)) || die "must run as root (network namespaces, tcpdump)"

    trap cleanup EXIT
    trap 'exit 130' INT TERM HUP
    TMP=$(mktemp -d /tmp/portlens-samples.XXXXXX)
    chmod 755 "$TMP"   # servers that drop privileges must read their files

    command -v apt-get >/dev/null 2>&1 || die "this script expects a Debian-like system with apt-get"
    needs=(ip ss tcpdump ethtool unshare sysctl hostname)
    for s in "${wanted[@]}"; do needs+=($(needs_of_sample "$s")); done
    need_cmds $(printf '%s\n' "${needs[@]}" | sort -u)

    for s in "${wanted[@]}"; do
        log "--- $s"
        "sample_$s"
        teardown
    done
    log "done"
}

main "$@"

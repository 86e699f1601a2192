//! Ports of broadcast, multicast and fixed-port protocols, on real traffic: two network namespaces
//! joined by a veth pair (the test makes both and always deletes them, so no packet leaves them).
//! dnsmasq serves DHCP to udhcpc; a python3 program joins 239.255.255.250 and 224.0.0.251 (the
//! kernel sends IGMPv3 reports) while another sends SSDP and mDNS queries to those groups; chronyd
//! answers the time to a chronyd that only measures (`-Q`: it never sets the clock). portlens
//! captures each exchange with `-w`, then reads it back in both languages; every port sentence
//! is checked exactly.

use crate::helpers::{Missing, ndjson, portlens, program, require, require_part, root_for, stderr};
use crate::netns::{Namespace, TempDir};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(30);

/// A server namespace (10.9.0.1 on `v0`) and a client namespace (`v1`, 10.9.0.2 unless `bare`)
/// joined by a veth pair.
struct Link {
    server: Namespace,
    client: Namespace,
    dir: TempDir,
}

fn link(purpose: &str, bare_client: bool) -> Result<Link, Missing> {
    root_for(purpose)?;
    let ip = program("ip")?;
    let server = Namespace::create(&ip)?;
    let client = Namespace::create(&ip)?;
    let run = |namespace: &Namespace, args: &[&str]| {
        let out = namespace.command("ip").args(args).output().expect("run ip");
        assert!(out.status.success(), "ip {args:?}: {}", stderr(&out));
    };
    run(
        &server,
        &[
            "link",
            "add",
            "v0",
            "type",
            "veth",
            "peer",
            "name",
            "v1",
            "netns",
            client.name(),
        ],
    );
    run(&server, &["addr", "add", "10.9.0.1/24", "dev", "v0"]);
    run(&server, &["link", "set", "v0", "up"]);
    if !bare_client {
        run(&client, &["addr", "add", "10.9.0.2/24", "dev", "v1"]);
    }
    run(&client, &["link", "set", "v1", "up"]);
    Ok(Link {
        server,
        client,
        dir: TempDir::new("broadcast"),
    })
}

/// Starts `portlens -i v0 -c COUNT -w FILE FILTER` in the server namespace and waits until it
/// captures (its "listening" line on standard error).
fn start_capture(link: &mut Link, count: usize, filter: &[&str], file: &Path) -> usize {
    let mut capture = link.server.command(env!("CARGO_BIN_EXE_portlens"));
    capture
        .args(["-i", "v0", "-c", &count.to_string(), "--oneline", "-w"])
        .arg(file)
        .args(filter)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let index = link.server.spawn(capture);
    // libpcap opens the interface in well under a second; the senders below repeat until the
    // capture has what it waits for, so a late start loses nothing.
    std::thread::sleep(Duration::from_millis(800));
    index
}

/// Waits for the capture to end (it stops after its count); panics with what it saw after the
/// deadline.
fn wait_capture(child: &mut Child, what: &str) {
    let start = Instant::now();
    while start.elapsed() < DEADLINE {
        if let Ok(Some(status)) = child.try_wait() {
            assert!(
                status.success(),
                "portlens capture of {what} failed: {status}"
            );
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("portlens did not capture the {what} packets within {DEADLINE:?}");
}

/// Every sentence portlens says about the capture in `lang`.
fn sentences(file: &Path, lang: &str) -> BTreeSet<String> {
    let out = portlens()
        .arg("-r")
        .arg(file)
        .args(["--json", "--lang", lang])
        .output()
        .expect("run portlens");
    assert!(out.status.success(), "{}", stderr(&out));
    ndjson(&String::from_utf8_lossy(&out.stdout))
        .iter()
        .flat_map(|packet| {
            packet["explanation"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|s| s.as_str().map(str::to_string))
        })
        .collect()
}

fn assert_says(said: &BTreeSet<String>, sentence: &str) {
    assert!(
        said.contains(sentence),
        "expected the sentence\n  {sentence}\namong\n  {}",
        said.iter().cloned().collect::<Vec<_>>().join("\n  ")
    );
}

/// No port sentence may call a fixed port lent, nor put a server program on a group address.
fn assert_no_false_port_sentence(said: &BTreeSet<String>) {
    for sentence in said {
        for wrong in [
            "server program on 255.255.255.255",
            "server program on 224.",
            "server program on 239.",
            "operating system of 0.0.0.0",
            "Source port 68 is a well-known port (0–1023): the operating system",
            "Source port 5353 is",
            "each from its own well-known port",
        ] {
            assert!(!sentence.contains(wrong), "false sentence: {sentence}");
        }
    }
}

#[test]
fn dhcp_ports_are_fixed_and_its_broadcast_reaches_every_host() {
    let Some(mut link) = require(link("a DHCP exchange between two namespaces", true)) else {
        return;
    };
    let Some((dnsmasq, udhcpc)) = require_part(
        "DHCP",
        program("dnsmasq").and_then(|d| Ok((d, program("udhcpc")?))),
    ) else {
        return;
    };
    let file = link.dir.0.join("dhcp.pcap");
    // DISCOVER, OFFER, REQUEST, ACK.
    let capture = start_capture(
        &mut link,
        4,
        &["udp", "port", "67", "or", "udp", "port", "68"],
        &file,
    );
    let leases = link.dir.0.join("leases");
    let mut server = link.server.command(&dnsmasq);
    server
        .args([
            "--no-daemon",
            "--conf-file=/dev/null",
            "--port=0",
            "--user=root",
        ])
        .args(["--interface=v0", "--bind-interfaces"])
        .args(["--dhcp-range=10.9.0.50,10.9.0.59,255.255.255.0,1h"])
        .arg(format!("--dhcp-leasefile={}", leases.display()))
        .arg(format!(
            "--pid-file={}",
            link.dir.0.join("dnsmasq.pid").display()
        ))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    link.server.spawn(server);
    std::thread::sleep(Duration::from_millis(500));
    let mut client = link.client.command(&udhcpc);
    client
        .args([
            "-i",
            "v1",
            "-f",
            "-q",
            "-n",
            "-t",
            "10",
            "-T",
            "1",
            "-s",
            "/bin/true",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    link.client.spawn(client);
    wait_capture(&mut link.server.children[capture], "DHCP");

    let english = sentences(&file, "en");
    assert_no_false_port_sentence(&english);
    for sentence in [
        "UDP destination port 67 is a well-known port (0–1023): 255.255.255.255 is a broadcast address, so every host on the link receives this datagram, and on each of them port 67 selects the program listening on it: the DHCP program (the DHCP server, which hands out IP addresses), where one runs.",
        "Source port 68 is a well-known port (0–1023), the fixed port DHCP clients use: the client program on 0.0.0.0 (this host, before it has an address) listens on it itself, no operating system lent it, and the reply comes back to it.",
        "UDP source port 67 is a well-known port (0–1023): this datagram comes from the DHCP server program on 10.9.0.1 (the DHCP server, which hands out IP addresses).",
    ] {
        assert_says(&english, sentence);
    }
    // The server's answer goes to the client's fixed port, by broadcast or to the offered address.
    assert!(
        english.iter().any(|s| s.starts_with(
            "Destination port 68 is a well-known port (0–1023), the fixed port DHCP clients use: "
        )),
        "{english:?}"
    );
    let korean = sentences(&file, "ko");
    for sentence in [
        "UDP 목적지 포트 67번은 잘 알려진 포트(0–1023)입니다. 255.255.255.255 주소는 브로드캐스트 주소이므로 링크의 모든 호스트가 이 데이터그램을 받고, 각 호스트에서 포트 67번이 그 포트에서 기다리는 DHCP 프로그램(IP 주소를 나눠 주는 DHCP 서버)을 선택합니다(그런 프로그램이 실행 중인 곳에서).",
        "출발지 포트 68번은 잘 알려진 포트(0–1023)로, DHCP 클라이언트가 쓰는 고정 포트입니다. 운영체제가 빌려준 포트가 아니라 0.0.0.0(주소를 받기 전의 이 호스트)의 클라이언트 프로그램이 직접 이 포트에서 기다리며, 응답도 이 포트로 돌아옵니다.",
        "UDP 출발지 포트 67번은 잘 알려진 포트(0–1023)입니다. 이 데이터그램은 10.9.0.1의 DHCP 서버 프로그램(IP 주소를 나눠 주는 DHCP 서버)이 보낸 것입니다.",
    ] {
        assert_says(&korean, sentence);
    }
    assert!(
        korean.iter().any(|s| s.starts_with(
            "목적지 포트 68번은 잘 알려진 포트(0–1023)로, DHCP 클라이언트가 쓰는 고정 포트입니다. "
        )),
        "{korean:?}"
    );
}

/// A python3 program that joins the SSDP and mDNS groups on 10.9.0.2 and stays.
const JOINER: &str = r#"
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for group in ("239.255.255.250", "224.0.0.251"):
    s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                 socket.inet_aton(group) + socket.inet_aton("10.9.0.2"))
time.sleep(60)
"#;

/// A python3 program that sends an SSDP M-SEARCH from a port the kernel lends and an mDNS query
/// from port 5353, every 200 ms.
const SENDER: &str = r#"
import socket, time
here = socket.inet_aton("10.9.0.1")
ssdp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
ssdp.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, here)
mdns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
mdns.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
mdns.bind(("0.0.0.0", 5353))
mdns.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, here)
search = (b"M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n"
          b'MAN: "ssdp:discover"\r\nMX: 1\r\nST: ssdp:all\r\n\r\n')
name = b"".join(bytes([len(p)]) + p for p in (b"_services", b"_dns-sd", b"_udp", b"local")) + b"\0"
query = b"\0\0\0\0\0\1\0\0\0\0\0\0" + name + b"\0\x0c\0\1"
while True:
    ssdp.sendto(search, ("239.255.255.250", 1900))
    mdns.sendto(query, ("224.0.0.251", 5353))
    time.sleep(0.2)
"#;

#[test]
fn multicast_ports_reach_every_member_of_the_group() {
    let Some(mut link) = require(link("multicast between two namespaces", false)) else {
        return;
    };
    let Some(python) = require_part("multicast", program("python3")) else {
        return;
    };
    let file = link.dir.0.join("multicast.pcap");
    // At most two IGMPv3 reports for the joins (the kernel repeats an unsolicited report once),
    // so six packets hold at least two SSDP and two mDNS queries.
    let capture = start_capture(
        &mut link,
        6,
        &[
            "igmp", "or", "udp", "port", "1900", "or", "udp", "port", "5353",
        ],
        &file,
    );
    let mut joiner = link.client.command(&python);
    joiner.args(["-c", JOINER]).stdin(Stdio::null());
    link.client.spawn(joiner);
    let mut sender = link.server.command(&python);
    sender.args(["-c", SENDER]).stdin(Stdio::null());
    link.server.spawn(sender);
    wait_capture(&mut link.server.children[capture], "multicast");

    let english = sentences(&file, "en");
    assert_no_false_port_sentence(&english);
    for sentence in [
        "UDP destination port 1900 is a registered port (1024–49151): 239.255.255.250 is a multicast group address, so every member of the group receives this datagram, and on each of them port 1900 selects the program listening on it: the SSDP program (the UPnP discovery service).",
        "UDP destination port 5353 is a registered port (1024–49151): 224.0.0.251 is a multicast group address, so every member of the group receives this datagram, and on each of them port 5353 selects the program listening on it: the mDNS program (the multicast DNS responder, which names devices on the local network).",
        "Both ports are 5353 (mDNS), a registered port (1024–49151): mDNS uses this same fixed port on both ends, so no operating system lent either of them.",
        "Which end is the server is a guess, because both ends use port 5353: the end that sent the first packet seen is taken for the client.",
    ] {
        assert_says(&english, sentence);
    }
    // The M-SEARCH's source port is one Linux lends (32768–60999).
    assert!(
        english.iter().any(|s| s.starts_with("Source port ") && s.ends_with(", in Linux's ephemeral range (32768–60999): the operating system of 10.9.0.1 lent it to the client program for this conversation, so the reply can find that program again.")
            || s.contains("in the range Windows and IANA lend from and in Linux's ephemeral range (32768–60999): the operating system of 10.9.0.1 lent it")),
        "{english:?}"
    );
    assert!(
        english
            .iter()
            .any(|s| s.starts_with("IGMP message type 0x22")),
        "an IGMPv3 membership report: {english:?}"
    );
    let korean = sentences(&file, "ko");
    for sentence in [
        "UDP 목적지 포트 1900번은 등록된 포트(1024–49151)입니다. 239.255.255.250 주소는 멀티캐스트 그룹 주소이므로 그룹의 모든 구성원이 이 데이터그램을 받고, 각 구성원에서 포트 1900번이 그 포트에서 기다리는 SSDP 프로그램(UPnP 장치 탐색 서비스)을 선택합니다.",
        "두 포트가 모두 5353번(mDNS)이고 등록된 포트(1024–49151)입니다. mDNS 프로토콜은 양쪽 끝에서 같은 고정 포트를 쓰므로, 어느 쪽도 운영체제가 빌려준 포트가 아닙니다.",
        "어느 쪽이 서버인지는 추측입니다. 양쪽이 모두 포트 5353번을 쓰므로, 처음 본 패킷을 보낸 쪽을 클라이언트로 봅니다.",
    ] {
        assert_says(&korean, sentence);
    }
}

/// The chronyd configuration of the time server: it serves 10.9.0.0/24 from its own clock and
/// never touches the system's (`-x`).
fn chrony_server_config(dir: &Path) -> PathBuf {
    let config = dir.join("server.conf");
    std::fs::write(
        &config,
        format!(
            "allow 10.9.0.0/24\nlocal stratum 8\ncmdport 0\nbindaddress 10.9.0.1\npidfile {}\n",
            dir.join("chronyd-server.pid").display()
        ),
    )
    .expect("write chrony.conf");
    config
}

#[test]
fn ntp_client_ports_are_lent_and_the_server_port_is_123() {
    let Some(mut link) = require(link("an NTP exchange between two namespaces", false)) else {
        return;
    };
    let Some(chronyd) = require_part("NTP", program("chronyd")) else {
        return;
    };
    let file = link.dir.0.join("ntp.pcap");
    let capture = start_capture(&mut link, 2, &["udp", "port", "123"], &file);
    let config = chrony_server_config(&link.dir.0);
    let mut server = link.server.command(&chronyd);
    server
        .args(["-d", "-x", "-f"])
        .arg(&config)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    link.server.spawn(server);
    std::thread::sleep(Duration::from_millis(500));
    // -Q measures the offset and prints it; it never sets the clock.
    let mut client = link.client.command(&chronyd);
    client.args(["-Q", "-t", "10"]).arg(format!(
        "pidfile {}",
        link.dir.0.join("chronyd-client.pid").display()
    ));
    client
        .arg("server 10.9.0.1 iburst maxsamples 2")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    link.client.spawn(client);
    wait_capture(&mut link.server.children[capture], "NTP");

    let english = sentences(&file, "en");
    assert_no_false_port_sentence(&english);
    assert_says(
        &english,
        "UDP destination port 123 is a well-known port (0–1023): it selects the NTP server program on 10.9.0.1 (the time server, which keeps clocks in step), which receives this datagram.",
    );
    assert!(
        english.iter().any(|s| s.starts_with("Source port ") && s.contains("Linux's ephemeral range (32768–60999): the operating system of 10.9.0.2 lent it to the client program")),
        "chronyd's client port is one Linux lends: {english:?}"
    );
    let korean = sentences(&file, "ko");
    assert_says(
        &korean,
        "UDP 목적지 포트 123번은 잘 알려진 포트(0–1023)입니다. 이 포트가 10.9.0.1의 NTP 서버 프로그램(시계를 서로 맞춰 주는 시간 서버)을 선택하고, 그 프로그램이 이 데이터그램을 받습니다.",
    );
}

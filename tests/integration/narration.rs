//! Narration on real captures: the handshake, data, teardown and refusal steps are named on the
//! right packets, and the application hints (HTTP Host, TLS SNI, DNS, banners) are read. Packet
//! numbers refer to the bundled samples (samples/README.md describes each).

use crate::helpers::{ndjson, root, run, stdout};
use serde_json::Value;

fn packets(sample: &str) -> Vec<Value> {
    let path = root().join(format!("samples/{sample}.pcap"));
    ndjson(&stdout(&run(&["-r", path.to_str().unwrap(), "--json"])))
}

fn tcp<'a>(packet: &'a Value, key: &str) -> &'a Value {
    &packet["conversation"]["tcp"][key]
}

fn said(packet: &Value, needle: &str) -> bool {
    packet["explanation"].as_array().is_some_and(|lines| {
        lines
            .iter()
            .any(|l| l.as_str().is_some_and(|l| l.contains(needle)))
    })
}

#[test]
fn web_http_handshake_request_and_teardown() {
    let p = packets("web-http");
    // Packets 5-7: the three-way handshake to port 80.
    for (index, step) in [(4, 1), (5, 2), (6, 3)] {
        assert_eq!(
            tcp(&p[index], "handshake_step"),
            step,
            "packet {}",
            index + 1
        );
    }
    assert!(said(&p[4], "Step 1 of 3"));
    assert!(said(&p[6], "connection is established"));
    assert_eq!(p[6]["conversation"]["state"], "ESTABLISHED");
    // Packet 8: the GET, the first bytes of the client's stream, with its Host.
    assert_eq!(p[7]["application"]["kind"], "http_request");
    assert_eq!(p[7]["application"]["host"], "www.example.com");
    let request = tcp(&p[7], "data_bytes");
    assert_eq!(request[0], 1);
    assert!(said(&p[7], "of the client's stream"));
    // Packet 10: the response status line.
    assert_eq!(p[9]["application"]["status"], 200);
    // The last packet closes the connection.
    let last = p.last().unwrap();
    assert_eq!(last["conversation"]["state"], "CLOSED");
    assert_eq!(tcp(last, "teardown"), "last_ack");
    // All TCP packets belong to one conversation, the DNS ones to another.
    let tcp_ids: std::collections::BTreeSet<u64> = p
        .iter()
        .filter(|x| x["transport"]["protocol"] == "tcp")
        .map(|x| x["conversation"]["id"].as_u64().unwrap())
        .collect();
    assert_eq!(tcp_ids.len(), 1);
}

#[test]
fn dns_answers_are_paired_with_their_queries() {
    let p = packets("web-http");
    assert_eq!(p[0]["application"]["kind"], "dns");
    assert_eq!(
        p[0]["application"]["questions"][0]["name"],
        "www.example.com"
    );
    let answer = p
        .iter()
        .find(|x| {
            x["application"]["response"] == true
                && x["application"]["answers"][0]["data"].is_string()
        })
        .expect("an answer");
    assert_eq!(answer["application"]["answers"][0]["data"], "198.51.100.20");
    let query_packet = answer["conversation"]["dns_answer"]["query_packet"]
        .as_u64()
        .unwrap();
    let query = &p[query_packet as usize - 1];
    assert_eq!(query["application"]["id"], answer["application"]["id"]);
    assert!(said(
        answer,
        &format!("answers the query in packet {query_packet}")
    ));
}

#[test]
fn a_refused_connection_is_explained() {
    let p = packets("refused");
    assert_eq!(p[1]["conversation"]["state"], "REFUSED");
    assert_eq!(tcp(&p[1], "reset"), "refused");
    assert!(said(
        &p[1],
        "no program listens on port 8080 on 198.51.100.20"
    ));
}

#[test]
fn tls_shows_the_server_name_and_says_the_rest_is_encrypted() {
    let p = packets("web-https");
    let hello = p
        .iter()
        .find(|x| x["application"]["kind"] == "tls_client_hello")
        .expect("a ClientHello");
    assert_eq!(hello["application"]["server_name"], "www.example.com");
    assert!(said(hello, "why port 443 hides what port 80 shows"));
    let server = p
        .iter()
        .find(|x| x["application"]["kind"] == "tls_server_hello")
        .expect("a ServerHello");
    assert_eq!(server["application"]["version"], 0x0304);
    assert!(p.iter().any(|x| said(x, "TLS application data: encrypted")));
}

#[test]
fn two_parallel_connections_to_one_server_port_are_two_conversations() {
    let p = packets("browse");
    let https: std::collections::BTreeSet<(u64, u64)> = p
        .iter()
        .filter(|x| x["service"]["port"] == 443)
        .map(|x| {
            (
                x["conversation"]["id"].as_u64().unwrap(),
                x["service"]["client_port"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        https.len(),
        2,
        "two client ports, two conversations: {https:?}"
    );
}

#[test]
fn server_greetings_name_the_program_on_each_port() {
    let p = packets("ports-tour");
    for (port, protocol) in [(21, "ftp"), (22, "ssh"), (25, "smtp"), (110, "pop3")] {
        assert!(
            p.iter().any(|x| x["application"]["kind"] == "banner"
                && x["application"]["protocol"] == protocol
                && x["transport"]["source_port"] == port),
            "a {protocol} greeting from port {port}"
        );
    }
}

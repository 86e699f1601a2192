//! Conversations: for every sample, the `--conversations` table must list the same TCP and UDP
//! conversations as Wireshark's conversation statistics, with the same packets and bytes in
//! each direction (tests/expected/NAME.conversations.tsv, made by
//! scripts/update-tshark-expectations.sh from `tshark -q -z conv,tcp -z conv,udp`).

use crate::helpers::{name, ndjson, root, run, samples, stdout};

#[test]
fn every_sample_agrees_with_tshark_conversation_statistics() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for sample in samples() {
        let stem = sample.file_stem().unwrap().to_string_lossy().into_owned();
        let expected = root().join(format!("tests/expected/{stem}.conversations.tsv"));
        let expected = std::fs::read_to_string(&expected)
            .unwrap_or_else(|_| panic!("{} has no tshark expectation file", name(&sample)));
        let output = run(&["-r", sample.to_str().unwrap(), "--conversations", "--json"]);
        assert!(output.status.success());
        let table = ndjson(&stdout(&output));
        assert_eq!(table.len(), 1, "one summary object");
        let conversations = table[0]["conversations"]
            .as_array()
            .expect("a list")
            .clone();
        let rows: Vec<&str> = expected
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect();
        if rows.len() != conversations.len() {
            problems.push(format!(
                "{stem}: tshark lists {} conversations, portlens {}",
                rows.len(),
                conversations.len()
            ));
        }
        for row in rows {
            let f: Vec<&str> = row.split('\t').collect();
            let (transport, a, b) = (f[0], f[1], f[2]);
            let numbers: Vec<u64> = f[3..7].iter().map(|n| n.parse().unwrap()).collect();
            let found = conversations.iter().find(|c| {
                let client = endpoint(&c["client"]);
                let server = endpoint(&c["server"]);
                c["transport"] == transport
                    && ((client == a && server == b) || (client == b && server == a))
            });
            let Some(c) = found else {
                problems.push(format!("{stem}: portlens has no {transport} {a} <-> {b}"));
                continue;
            };
            let client_is_a = endpoint(&c["client"]) == a;
            let (client_to_server, server_to_client) = if client_is_a {
                ((numbers[0], numbers[1]), (numbers[2], numbers[3]))
            } else {
                ((numbers[2], numbers[3]), (numbers[0], numbers[1]))
            };
            let got = (
                (
                    c["client_packets"].as_u64().unwrap(),
                    c["client_bytes"].as_u64().unwrap(),
                ),
                (
                    c["server_packets"].as_u64().unwrap(),
                    c["server_bytes"].as_u64().unwrap(),
                ),
            );
            if got != (client_to_server, server_to_client) {
                problems.push(format!(
                    "{stem} {transport} {a} <-> {b}: tshark {:?}, portlens {got:?}",
                    (client_to_server, server_to_client)
                ));
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "conversations were compared");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// "address:port" with IPv6 addresses in tshark's bare form.
fn endpoint(value: &serde_json::Value) -> String {
    let address = value["address"].as_str().unwrap_or_default();
    format!("{address}:{}", value["port"])
}

#[test]
fn the_table_is_printed_after_the_packets_with_summary() {
    let sample = root().join("samples/refused.pcap");
    let text = stdout(&run(&[
        "-r",
        sample.to_str().unwrap(),
        "--summary",
        "--color",
        "never",
    ]));
    let packets = text.find("packet 2 ·").expect("packets first");
    let table = text.find("Conversations: 1").expect("then the table");
    assert!(packets < table);
    assert!(text.contains("REFUSED"), "{text}");
}

//! A server that speaks broken Bolt: every malformed answer is `Error::Protocol` or a
//! closed connection (`Error::Io`), never a panic or a hang.

use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use typher_bolt::{Connection, Error, Options};

/// Starts a server that answers the handshake with `version` (`[0, 0, minor, major]`),
/// reads the client's first messages, then writes `reply` and closes.
async fn server(version: [u8; 4], reply: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap().to_string();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut handshake = [0u8; 20];
        socket.read_exact(&mut handshake).await.unwrap();
        socket.write_all(&version).await.unwrap();
        let mut scratch = [0u8; 4096];
        let _ = tokio::time::timeout(Duration::from_millis(200), socket.read(&mut scratch)).await;
        let _ = socket.write_all(&reply).await;
        // Closing tells a client waiting for more that nothing comes.
    });
    address
}

async fn open(reply: Vec<u8>) -> Error {
    let address = server([0, 0, 4, 5], reply).await;
    let options = Options {
        read_timeout: Some(Duration::from_secs(5)),
        ..Options::default()
    };
    tokio::time::timeout(
        Duration::from_secs(10),
        Connection::connect(&address, &options),
    )
    .await
    .expect("no hang")
    .expect_err("a broken server fails the connection")
}

fn chunk(body: &[u8]) -> Vec<u8> {
    let mut out = (body.len() as u16).to_be_bytes().to_vec();
    out.extend_from_slice(body);
    out.extend_from_slice(&[0, 0]);
    out
}

#[tokio::test]
async fn junk_where_a_message_belongs_is_a_protocol_error() {
    for body in [
        &[0xB1, 0x99, 0xA0][..],                           // an unknown message
        &[0xB1, 0x70, 0x01],                               // SUCCESS without a map
        &[0xB1, 0x70, 0xA1, 0x81],                         // a map cut short
        &[0xB1, 0x70, 0xA0, 0x00],                         // bytes after the message
        &[0xB1, 0x70, 0xDA, 0xFF, 0xFF, 0xFF, 0xFF],       // a map of 4 billion entries
        &[0xB1, 0x70, 0xA1, 0x81, b'k', 0xB3, 0x4E, 0x01], // a node cut short
    ] {
        let error = open(chunk(body)).await;
        assert!(matches!(error, Error::Protocol(_)), "{body:?}: {error:?}");
    }
}

#[tokio::test]
async fn a_message_cut_short_is_a_closed_connection_not_a_hang() {
    // A chunk announcing 100 bytes, 3 of them sent, then the server closes.
    let error = open(vec![0x00, 0x64, 0xB1, 0x70, 0xA0]).await;
    assert!(matches!(error, Error::Io(_)), "{error:?}");
}

#[tokio::test]
async fn a_server_choosing_a_version_not_offered_is_refused() {
    let address = server([0, 0, 9, 9], Vec::new()).await;
    let error = Connection::connect(&address, &Options::default())
        .await
        .expect_err("9.9 was not offered");
    assert!(matches!(error, Error::Protocol(_)), "{error:?}");
}

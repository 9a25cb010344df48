//! Encrypted connections, through a TLS front with a self-signed certificate.

use super::support::{client, settings};
use typher::exec::Error;
use typher::{raw, Client, Executor};
use typher_testkit::TlsProxy;

#[tokio::test]
async fn self_signed_servers_answer_over_bolt_ssc() {
    client().await;
    let tls = TlsProxy::start(&settings().uri).await.unwrap();
    // (`neo4j+ssc` routes: the table names the server's own plain port, which TLS cannot
    // reach; a real cluster's members all speak TLS.)
    for scheme in ["bolt+ssc"] {
        let db = Client::connect(tls.settings(&settings(), scheme))
            .await
            .unwrap_or_else(|e| panic!("{scheme}: {e}"));
        let n: i64 = db.fetch_one(raw::<i64>("RETURN 41 + 1")).await.unwrap();
        assert_eq!(n, 42, "{scheme}");
    }
}

#[tokio::test]
async fn a_verified_connection_refuses_a_self_signed_certificate() {
    let tls = TlsProxy::start(&settings().uri).await.unwrap();
    let error = Client::connect(tls.settings(&settings(), "bolt+s"))
        .await
        .err()
        .expect("an unknown issuer is refused");
    let text = error.to_string();
    assert!(matches!(error, Error::Connection { .. }), "{error:?}");
    assert!(
        text.contains("TLS") && text.contains("certificate"),
        "{text}"
    );
    // And plain Bolt to a TLS port fails too, without hanging, saying what to use.
    let error = Client::connect(tls.settings(&settings(), "bolt"))
        .await
        .err()
        .expect("plain Bolt to a TLS port fails");
    assert!(matches!(error, Error::Protocol { .. }), "{error:?}");
    assert!(error.to_string().contains("bolt+s://"), "{error}");
}

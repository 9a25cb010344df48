//! A loopback TLS front for a Bolt server, with a self-signed certificate made at start:
//! what `bolt+ssc://` connects to in tests, and what `bolt+s://` must refuse.
//!
//! ```no_run
//! # async fn demo(settings: typher::Settings) -> std::io::Result<()> {
//! use typher_testkit::TlsProxy;
//! let tls = TlsProxy::start(&settings.uri).await?;
//! let through = tls.settings(&settings, "bolt+ssc"); // encrypted, self-signed accepted
//! # Ok(()) }
//! ```

use std::sync::Arc;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use tokio_rustls::rustls;
use typher::Settings;

/// A TLS-terminating proxy in front of a Bolt server; stops when dropped.
pub struct TlsProxy {
    address: String,
    acceptor: JoinHandle<()>,
}

impl TlsProxy {
    /// Listens on a free loopback port with a fresh self-signed certificate for
    /// `localhost`, and forwards the decrypted bytes to `upstream` (a URI or `host:port`).
    pub async fn start(upstream: &str) -> std::io::Result<Self> {
        let upstream = crate::proxy::host_port(upstream);
        let other = |e: &dyn std::fmt::Display| std::io::Error::other(e.to_string());
        let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()])
            .map_err(|e| other(&e))?;
        let key =
            rustls::pki_types::PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .map_err(|e| other(&e))?
        .with_no_client_auth()
        .with_single_cert(vec![certified.cert.der().clone()], key)
        .map_err(|e| other(&e))?;
        let tls = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let port = listener.local_addr()?.port();
        let acceptor = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let (tls, upstream) = (tls.clone(), upstream.clone());
                tokio::spawn(async move {
                    let Ok(mut client) = tls.accept(client).await else {
                        return;
                    };
                    if let Ok(mut server) = TcpStream::connect(&upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
            }
        });
        Ok(Self {
            address: format!("localhost:{port}"),
            acceptor,
        })
    }

    /// `localhost:port` of the proxy.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// `settings` pointed at the proxy with `scheme` (`bolt+ssc`, `bolt+s`, ..).
    pub fn settings(&self, settings: &Settings, scheme: &str) -> Settings {
        let mut through = settings.clone();
        through.uri = format!("{scheme}://{}", self.address);
        through
    }
}

impl Drop for TlsProxy {
    fn drop(&mut self) {
        self.acceptor.abort();
    }
}

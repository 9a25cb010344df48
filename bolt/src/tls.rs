//! TLS for `bolt+s`, `bolt+ssc`, `neo4j+s` and `neo4j+ssc`: rustls with the ring provider,
//! the platform's trust store for verified connections.

use crate::error::Error;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, SignatureScheme};
use std::sync::Arc;

/// Whether and how a connection is encrypted.
#[derive(Clone, Default)]
pub enum Tls {
    /// Plain TCP (`bolt://`, `neo4j://`).
    #[default]
    Off,
    /// TLS, the server's certificate checked against the platform's trust store
    /// (`bolt+s://`, `neo4j+s://`).
    Verified,
    /// TLS accepting any certificate, for self-signed servers (`bolt+ssc://`,
    /// `neo4j+ssc://`): encrypted, but not protected against an impostor.
    TrustAny,
    /// TLS with your own rustls configuration (private roots, client certificates).
    Custom(Arc<ClientConfig>),
}

impl std::fmt::Debug for Tls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Tls::Off => "Off",
            Tls::Verified => "Verified",
            Tls::TrustAny => "TrustAny",
            Tls::Custom(_) => "Custom(..)",
        })
    }
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn tls_error(e: impl std::fmt::Display) -> Error {
    Error::Io(std::io::Error::other(format!("TLS: {e}")))
}

impl Tls {
    /// The rustls configuration, or `None` for plain TCP.
    pub(crate) fn config(&self) -> Result<Option<Arc<ClientConfig>>, Error> {
        let builder = || {
            ClientConfig::builder_with_provider(provider())
                .with_safe_default_protocol_versions()
                .map_err(tls_error)
        };
        Ok(Some(match self {
            Tls::Off => return Ok(None),
            Tls::Verified => {
                use rustls_platform_verifier::BuilderVerifierExt;
                Arc::new(
                    builder()?
                        .with_platform_verifier()
                        .map_err(tls_error)?
                        .with_no_client_auth(),
                )
            }
            Tls::TrustAny => Arc::new(
                builder()?
                    .dangerous()
                    .with_custom_certificate_verifier(Arc::new(AnyCertificate(provider())))
                    .with_no_client_auth(),
            ),
            Tls::Custom(config) => Arc::clone(config),
        }))
    }
}

/// Opens TLS over `tcp` to `host`.
pub(crate) async fn connect(
    tcp: tokio::net::TcpStream,
    host: &str,
    config: Arc<ClientConfig>,
) -> Result<tokio_rustls::client::TlsStream<tokio::net::TcpStream>, Error> {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let name = ServerName::try_from(host.to_owned())
        .map_err(|_| tls_error(format!("`{host}` is no valid server name")))?;
    tokio_rustls::TlsConnector::from(config)
        .connect(name, tcp)
        .await
        .map_err(tls_error)
}

/// Accepts every certificate, but still checks the handshake's signatures.
#[derive(Debug)]
struct AnyCertificate(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

//! Starts the embedded ArcadeDB Bolt server by hand, for debugging, until Enter is pressed.
//!
//! Run with `cargo run --example server`; connect with the printed settings (cypher-shell,
//! or `NEO4J_URI=... cargo test`).

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = typher_testkit::EmbeddedServer::start()?;
    let settings = server.settings();
    println!("ArcadeDB {} is listening", typher_testkit::ARCADEDB_VERSION);
    println!("  NEO4J_URI=bolt://{}", settings.uri);
    println!("  NEO4J_USER={}", settings.user);
    println!("  NEO4J_PASSWORD={}", settings.password);
    println!("  NEO4J_DATABASE={}", settings.database);
    println!("Press Enter to stop it.");
    let _ = std::io::stdin().read_line(&mut String::new());
    Ok(())
}

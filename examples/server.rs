//! Starts the embedded ArcadeDB Bolt server by hand and keeps it running until Ctrl-C, for
//! debugging or for running the tests against one long-lived server.
//!
//! ```sh
//! cargo run --example server                # a free port
//! cargo run --example server -- --port 7687 # a fixed one
//! ```
//! It prints `export NEO4J_...=` lines on stdout: paste them into the shell that runs
//! `cargo test` or your app.

fn port_from_args() -> Result<Option<u16>, String> {
    let mut args = std::env::args().skip(1);
    let mut port = None;
    while let Some(arg) = args.next() {
        let value = match arg.strip_prefix("--port=") {
            Some(value) => value.to_owned(),
            None if arg == "--port" => args.next().ok_or("--port needs a number")?,
            None => return Err(format!("unknown argument `{arg}`; use --port N")),
        };
        port = Some(
            value
                .parse::<u16>()
                .map_err(|_| format!("`{value}` is no port number"))?,
        );
    }
    Ok(port)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port = port_from_args()?;
    let server = typher_testkit::EmbeddedServer::start_on(port)?;
    let settings = server.settings();
    eprintln!(
        "ArcadeDB {} is listening; Ctrl-C stops it.",
        typher_testkit::ARCADEDB_VERSION
    );
    println!("export NEO4J_URI=bolt://{}", settings.uri);
    println!("export NEO4J_USER={}", settings.user);
    println!("export NEO4J_PASSWORD={}", settings.password);
    println!("export NEO4J_DATABASE={}", settings.database);
    tokio::signal::ctrl_c().await?;
    eprintln!("stopping");
    drop(server);
    Ok(())
}

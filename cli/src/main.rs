//! `typher`: the command line of typher's schema tools, without models built in (schemas
//! from files, migrations from a folder). To build your own models and migrations in, see
//! `typher_cli::App`.

fn main() -> std::process::ExitCode {
    typher_cli::App::new().run()
}

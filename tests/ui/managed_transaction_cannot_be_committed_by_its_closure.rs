//! A managed transaction commits itself after the closure: the closure gets a handle that
//! runs queries only, so committing does not compile.
async fn demo(client: &typher::Client) -> typher::exec::Result<()> {
    client
        .write(async |tx| {
            tx.commit().await?;
            Ok(())
        })
        .await
}

fn main() {
    let _ = demo;
}

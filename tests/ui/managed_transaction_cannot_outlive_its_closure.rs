//! The closure borrows the transaction for its run only: it cannot hand it out.
async fn demo(client: &typher::Client) -> typher::Result<()> {
    let mut kept = None;
    client
        .write(async |tx| {
            kept = Some(tx);
            Ok(())
        })
        .await?;
    let _ = kept;
    Ok(())
}

fn main() {
    let _ = demo;
}

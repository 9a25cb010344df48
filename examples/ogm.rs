//! The OGM end to end: entities, batches, relationships with cardinality, eager loading
//! in one query, optimistic locking and undeclared properties.
//!
//! Run with `cargo run --example ogm` (embedded ArcadeDB unless `NEO4J_URI` is set; the
//! example replaces every `Author`, `Book`, `Publisher` and `Reader` node there).

use std::collections::BTreeMap;
use typher::ogm::Error;
use typher::prelude::*;
use typher::raw;
use typher_testkit::Database;

/// An author.
#[derive(Node, Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Author {
    #[node(unique)]
    pub name: String,
}

/// A book, saved with optimistic locking.
#[derive(Node, Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Book {
    #[node(unique)]
    pub title: String,
    pub year: i64,
    #[node(version)]
    pub version: i64,
}

/// A publisher.
#[derive(Node, Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Publisher {
    #[node(unique)]
    pub name: String,
}

/// A reader, who keeps whatever else the graph says about them.
#[derive(Node, Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Reader {
    pub name: String,
    #[node(extras)]
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// An author wrote a book; every book has one or more authors.
#[derive(Relationship, Debug, Clone, serde::Serialize, serde::Deserialize)]
#[relationship(type = "WROTE", from = Author, to = Book, cardinality(end = OneOrMore))]
pub struct Wrote {}

/// A book is published by exactly one publisher.
#[derive(Relationship, Debug, Clone, serde::Serialize, serde::Deserialize)]
#[relationship(type = "PUBLISHED_BY", from = Book, to = Publisher, cardinality(start = One))]
pub struct PublishedBy {
    pub edition: i64,
}

fn book(title: &str, year: i64) -> Book {
    Book {
        title: title.into(),
        year,
        version: 0,
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let database = Database::from_env_or_embedded()?;
    let db = database.client().await?;
    db.execute(raw::<()>(
        "MATCH (n) WHERE n:Author OR n:Book OR n:Publisher OR n:Reader DETACH DELETE n",
    ))
    .await?;

    // Batches: one query each.
    let authors = Author::create_many(
        &db,
        vec![
            Author {
                name: "Ursula".into(),
            },
            Author {
                name: "Terry".into(),
            },
            Author {
                name: "Neil".into(),
            },
        ],
    )
    .await?;
    let (ursula, terry, neil) = (&authors[0], &authors[1], &authors[2]);
    let books = Book::create_many(
        &db,
        vec![
            book("The Dispossessed", 1974),
            book("Good Omens", 1990),
            book("Mort", 1987),
        ],
    )
    .await?;
    let publishers = Publisher::get_or_create(
        &db,
        vec![
            Publisher {
                name: "Harper".into(),
            },
            Publisher {
                name: "Gollancz".into(),
            },
        ],
        Publisher.name,
    )
    .await?;
    let (harper, gollancz) = (&publishers[0].0, &publishers[1].0);

    // Relationships: each write checks the declared cardinality in its own query.
    ursula
        .related(WROTE)
        .connect(&db, &books[0], Wrote {})
        .await?;
    terry
        .related(WROTE)
        .connect(&db, &books[1], Wrote {})
        .await?;
    neil.related(WROTE)
        .connect(&db, &books[1], Wrote {})
        .await?;
    terry
        .related(WROTE)
        .connect(&db, &books[2], Wrote {})
        .await?;
    let first = PublishedBy { edition: 1 };
    books[0]
        .related(PUBLISHED_BY)
        .connect(&db, harper, first.clone())
        .await?;
    books[1]
        .related(PUBLISHED_BY)
        .connect(&db, gollancz, first.clone())
        .await?;
    books[2]
        .related(PUBLISHED_BY)
        .connect(&db, gollancz, first)
        .await?;
    match books[0]
        .related(PUBLISHED_BY)
        .connect(&db, gollancz, PublishedBy { edition: 2 })
        .await
    {
        Err(e @ Error::Cardinality { .. }) => println!("refused: {e}"),
        other => println!("unexpected: {other:?}"),
    }
    match terry.related(WROTE).disconnect(&db, &books[2]).await {
        Err(e @ Error::Cardinality { .. }) => println!("refused: {e}"),
        other => println!("unexpected: {other:?}"),
    }

    // Eager loading: authors, their books, each book's publisher, in one query.
    let loaded = Author::nodes()
        .order_by(Author.name)
        .including(WROTE.then(PUBLISHED_BY))
        .all(&db)
        .await?;
    println!("\nauthors, their books and publishers (one query):");
    for author in &loaded {
        println!("  {}", author.name);
        for book in &author.related {
            let publisher = book.related.first().map_or("-", |p| p.name.as_str());
            println!("    {} ({}), {publisher}", book.title, book.year);
        }
    }

    // Relationship properties.
    for (published, by) in books[1].related(PUBLISHED_BY).relationships(&db).await? {
        println!(
            "\n{} edition {} by {}",
            books[1].title, published.edition, by.name
        );
    }

    // Optimistic locking: a stale copy's save writes nothing.
    let mut mine = books[2].clone();
    let mut theirs = books[2].clone();
    mine.year = 1988;
    mine.save(&db).await?;
    theirs.year = 1999;
    match theirs.save(&db).await {
        Err(e @ Error::Stale { .. }) => println!("\nrefused: {e}"),
        other => println!("\nunexpected: {other:?}"),
    }

    // Undeclared properties survive a load and a save.
    db.execute(raw::<()>(
        "CREATE (:Reader {name: 'Ada', favourite: 'Mort', visits: 3})",
    ))
    .await?;
    let mut ada = Reader::nodes()
        .filter(Reader.name.eq("Ada"))
        .get(&db)
        .await?;
    ada.extra.insert("visits".into(), 4.into());
    ada.save(&db).await?;
    println!("\nAda: {:?}", ada.extra);

    let count = Book::nodes().filter(Book.year.lt(1980)).count(&db).await?;
    println!("books before 1980: {count}");
    Ok(())
}

//! Client-side routing for `neo4j://` URIs: a routing table per database, asked of a
//! router with `ROUTE`, kept for its time to live; reads go to readers, writes to writers,
//! round robin; a member that fails or is no longer the leader is forgotten until the next
//! table.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use typher_bolt::{Map, Value};

use super::Access;

/// Whether a server error says the member is no writer: no longer the leader, or a
/// read-only database.
pub(crate) fn not_a_writer(code: &str) -> bool {
    matches!(
        code,
        "Neo.ClientError.Cluster.NotALeader"
            | "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase"
    )
}

/// Where one database's queries go, until `expires`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    pub(crate) routers: Vec<String>,
    pub(crate) readers: Vec<String>,
    pub(crate) writers: Vec<String>,
    pub(crate) expires: Instant,
}

impl Table {
    /// Reads the `rt` map of a `ROUTE` answer; `None` when it is not one.
    pub(crate) fn parse(rt: &Map, now: Instant) -> Option<Table> {
        let ttl = match rt.get("ttl") {
            Some(Value::Int(ttl)) => u64::try_from(*ttl).ok()?,
            _ => return None,
        };
        let Some(Value::List(servers)) = rt.get("servers") else {
            return None;
        };
        let mut table = Table {
            routers: Vec::new(),
            readers: Vec::new(),
            writers: Vec::new(),
            expires: now + Duration::from_secs(ttl),
        };
        for server in servers {
            let Value::Map(server) = server else {
                return None;
            };
            let addresses: Vec<String> = match server.get("addresses") {
                Some(Value::List(addresses)) => addresses
                    .iter()
                    .filter_map(|a| match a {
                        Value::String(a) => Some(a.clone()),
                        _ => None,
                    })
                    .collect(),
                _ => return None,
            };
            match server.get("role") {
                Some(Value::String(role)) if role == "ROUTE" => table.routers.extend(addresses),
                Some(Value::String(role)) if role == "READ" => table.readers.extend(addresses),
                Some(Value::String(role)) if role == "WRITE" => table.writers.extend(addresses),
                _ => {}
            }
        }
        Some(table)
    }

    fn members(&self, access: Access) -> &[String] {
        match access {
            Access::Read => &self.readers,
            Access::Write => &self.writers,
        }
    }

    /// Whether the table can still serve `access`.
    fn serves(&self, access: Access, now: Instant) -> bool {
        now < self.expires && !self.members(access).is_empty() && !self.routers.is_empty()
    }
}

/// The routing state of a client: the seed router, the routing context, and one table per
/// database (`None` for the user's home database).
pub(crate) struct Routing {
    pub(crate) seed: String,
    pub(crate) context: Map,
    tables: Mutex<HashMap<Option<String>, Table>>,
    turn: AtomicUsize,
}

impl Routing {
    pub(crate) fn new(seed: String) -> Self {
        let context = [("address", Value::from(seed.as_str()))]
            .into_iter()
            .collect();
        Self {
            seed,
            context,
            tables: Mutex::new(HashMap::new()),
            turn: AtomicUsize::new(0),
        }
    }

    fn tables(&self) -> std::sync::MutexGuard<'_, HashMap<Option<String>, Table>> {
        self.tables
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A member for `access` on `database`, round robin; `None` when the table must be
    /// (re)fetched first.
    pub(crate) fn pick(&self, database: &Option<String>, access: Access) -> Option<String> {
        let tables = self.tables();
        let table = tables.get(database)?;
        if !table.serves(access, Instant::now()) {
            return None;
        }
        let members = table.members(access);
        let turn = self.turn.fetch_add(1, Ordering::Relaxed);
        Some(members[turn % members.len()].clone())
    }

    /// The routers to ask for a new table: the known ones, then the seed.
    pub(crate) fn routers(&self, database: &Option<String>) -> Vec<String> {
        let mut routers = self
            .tables()
            .get(database)
            .map(|t| t.routers.clone())
            .unwrap_or_default();
        if !routers.contains(&self.seed) {
            routers.push(self.seed.clone());
        }
        routers
    }

    /// Keeps `table` for `database`.
    pub(crate) fn learn(&self, database: Option<String>, table: Table) {
        self.tables().insert(database, table);
    }

    /// Forgets `address` as a writer (it is no longer the leader) or, `entirely`, in every
    /// role (it failed).
    pub(crate) fn forget(&self, address: &str, entirely: bool) {
        for table in self.tables().values_mut() {
            table.writers.retain(|a| a != address);
            if entirely {
                table.readers.retain(|a| a != address);
                table.routers.retain(|a| a != address);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rt(ttl: i64, servers: &[(&str, &[&str])]) -> Map {
        let servers = servers
            .iter()
            .map(|(role, addresses)| {
                Value::Map(
                    [
                        ("role", Value::from(*role)),
                        (
                            "addresses",
                            Value::List(addresses.iter().map(|a| Value::from(*a)).collect()),
                        ),
                    ]
                    .into_iter()
                    .collect(),
                )
            })
            .collect();
        [("ttl", Value::Int(ttl)), ("servers", Value::List(servers))]
            .into_iter()
            .collect()
    }

    #[test]
    fn reads_and_writes_go_round_robin_to_their_members() {
        let routing = Routing::new("seed:7687".into());
        let table = Table::parse(
            &rt(
                300,
                &[
                    ("WRITE", &["w:1"]),
                    ("READ", &["r:1", "r:2"]),
                    ("ROUTE", &["a:1"]),
                ],
            ),
            Instant::now(),
        )
        .unwrap();
        routing.learn(None, table);
        assert_eq!(routing.pick(&None, Access::Write).as_deref(), Some("w:1"));
        let reads: Vec<String> = (0..4)
            .filter_map(|_| routing.pick(&None, Access::Read))
            .collect();
        assert!(reads.contains(&"r:1".to_owned()) && reads.contains(&"r:2".to_owned()));
        assert_eq!(routing.routers(&None), ["a:1", "seed:7687"]);
        // Another database has no table yet.
        assert_eq!(routing.pick(&Some("other".into()), Access::Read), None);
    }

    #[test]
    fn a_former_leader_and_a_failed_member_are_forgotten() {
        let routing = Routing::new("seed:7687".into());
        let table = Table::parse(
            &rt(
                300,
                &[
                    ("WRITE", &["w:1"]),
                    ("READ", &["w:1", "r:1"]),
                    ("ROUTE", &["w:1", "r:1"]),
                ],
            ),
            Instant::now(),
        )
        .unwrap();
        routing.learn(None, table);
        routing.forget("w:1", false);
        // No writer: the table must be fetched again; reads still go.
        assert_eq!(routing.pick(&None, Access::Write), None);
        assert!(routing.pick(&None, Access::Read).is_some());
        routing.forget("r:1", true);
        assert_eq!(routing.pick(&None, Access::Read).as_deref(), Some("w:1"));
    }

    #[test]
    fn an_expired_or_malformed_table_serves_nothing() {
        let routing = Routing::new("seed:7687".into());
        let past = Instant::now() - Duration::from_secs(10);
        let table =
            Table::parse(&rt(1, &[("WRITE", &["w:1"]), ("ROUTE", &["w:1"])]), past).unwrap();
        routing.learn(None, table);
        assert_eq!(routing.pick(&None, Access::Write), None);
        assert_eq!(Table::parse(&Map::default(), Instant::now()), None);
        let bad: Map = [("ttl", Value::Int(5)), ("servers", Value::Int(1))]
            .into_iter()
            .collect();
        assert_eq!(Table::parse(&bad, Instant::now()), None);
    }
}

//! The server's result summary read into [`Executed`]: counters, the kind of statement,
//! notifications (WARNINGs also logged), timings and plans.

use crate::dsl::Value;
use crate::exec::counters::{Counters, Executed, Notification, Plan, QueryType};
use std::time::Duration;
use typher_bolt::{Map, Summary, Value as Bolt};

/// What the summary of a statement says. `started` is what the server said when the
/// statement started (`t_first`), `server` the server's name.
pub(crate) fn report(summary: &Summary, started: Option<&Map>, server: &str) -> Executed {
    let metadata = &summary.metadata;
    let millis = |map: Option<&Map>, key: &str| match map.and_then(|m| m.get(key)) {
        Some(Bolt::Int(ms)) => u64::try_from(*ms).ok().map(Duration::from_millis),
        _ => None,
    };
    let notifications = match metadata.get("notifications") {
        Some(Bolt::List(items)) => items.iter().filter_map(notification).collect(),
        _ => Vec::new(),
    };
    for n in &notifications {
        log(n);
    }
    Executed {
        rows_returned: 0,
        counters: counters(summary),
        query_type: match text(metadata.get("type")) {
            Some("r") => Some(QueryType::Read),
            Some("w") => Some(QueryType::Write),
            Some("rw") => Some(QueryType::ReadWrite),
            Some("s") => Some(QueryType::Schema),
            _ => None,
        },
        notifications,
        database: text(metadata.get("db")).map(str::to_owned),
        server: server.to_owned(),
        available_after: millis(started, "t_first"),
        consumed_after: millis(Some(metadata), "t_last"),
        plan: metadata
            .get("profile")
            .or_else(|| metadata.get("plan"))
            .and_then(plan),
    }
}

fn text(value: Option<&Bolt>) -> Option<&str> {
    match value {
        Some(Bolt::String(s)) => Some(s),
        _ => None,
    }
}

fn int(value: Option<&Bolt>) -> Option<i64> {
    match value {
        Some(Bolt::Int(i)) => Some(*i),
        _ => None,
    }
}

fn notification(value: &Bolt) -> Option<Notification> {
    let Bolt::Map(map) = value else {
        return None;
    };
    let owned = |key: &str| text(map.get(key)).unwrap_or_default().to_owned();
    let position = match map.get("position") {
        Some(Bolt::Map(p)) => Some((
            int(p.get("line")).unwrap_or(0),
            int(p.get("column")).unwrap_or(0),
            int(p.get("offset")).unwrap_or(0),
        )),
        _ => None,
    };
    Some(Notification {
        code: owned("code"),
        title: owned("title"),
        description: owned("description"),
        severity: text(map.get("severity"))
            .or_else(|| text(map.get("severityLevel")))
            .unwrap_or("INFORMATION")
            .to_owned(),
        category: text(map.get("category")).map(str::to_owned),
        position,
    })
}

/// Logs a notification: WARNINGs as `tracing` warnings, the rest at debug level.
fn log(n: &Notification) {
    if n.severity.eq_ignore_ascii_case("WARNING") {
        tracing::warn!(target: "typher::notification", code = %n.code, title = %n.title, "{}", n.description);
    } else {
        tracing::debug!(target: "typher::notification", code = %n.code, title = %n.title, "{}", n.description);
    }
}

fn plan(value: &Bolt) -> Option<Plan> {
    let Bolt::Map(map) = value else {
        return None;
    };
    let identifiers = match map.get("identifiers") {
        Some(Bolt::List(ids)) => ids
            .iter()
            .filter_map(|i| text(Some(i)).map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    };
    let arguments = match map.get("args") {
        Some(Bolt::Map(args)) => args
            .iter()
            .map(|(k, v)| (k.to_owned(), from_bolt(v)))
            .collect(),
        _ => Default::default(),
    };
    let children = match map.get("children") {
        Some(Bolt::List(children)) => children.iter().filter_map(plan).collect(),
        _ => Vec::new(),
    };
    Some(Plan {
        operator: text(map.get("operatorType")).unwrap_or_default().to_owned(),
        identifiers,
        arguments,
        db_hits: int(map.get("dbHits")),
        rows: int(map.get("rows")),
        children,
    })
}

/// A summary value as typher's [`Value`] (a node, path or point, which no summary holds,
/// as its description).
fn from_bolt(value: &Bolt) -> Value {
    match value {
        Bolt::Null => Value::Null,
        Bolt::Bool(b) => Value::Bool(*b),
        Bolt::Int(i) => Value::Int(*i),
        Bolt::Float(x) => Value::Float(*x),
        Bolt::String(s) => Value::String(s.clone()),
        Bolt::Bytes(b) => Value::Bytes(b.clone()),
        Bolt::List(items) => Value::List(items.iter().map(from_bolt).collect()),
        Bolt::Map(map) => Value::Map(
            map.iter()
                .map(|(k, v)| (k.to_owned(), from_bolt(v)))
                .collect(),
        ),
        other => Value::String(other.describe()),
    }
}

/// What a statement changed, as the server's summary counts it.
pub(crate) fn counters(summary: &Summary) -> Counters {
    let count = |name: &str| u64::try_from(summary.counter(name)).unwrap_or(0);
    Counters {
        nodes_created: count("nodes-created"),
        nodes_deleted: count("nodes-deleted"),
        relationships_created: count("relationships-created"),
        relationships_deleted: count("relationships-deleted"),
        properties_set: count("properties-set"),
        labels_added: count("labels-added"),
        labels_removed: count("labels-removed"),
        indexes_added: count("indexes-added"),
        indexes_removed: count("indexes-removed"),
        constraints_added: count("constraints-added"),
        constraints_removed: count("constraints-removed"),
        system_updates: count("system-updates"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_reads_into_executed() {
        let notification: Map = [
            (
                "code",
                Bolt::from("Neo.ClientNotification.Statement.CartesianProduct"),
            ),
            ("title", Bolt::from("cartesian")),
            ("description", Bolt::from("two disconnected patterns")),
            ("severity", Bolt::from("WARNING")),
            ("category", Bolt::from("PERFORMANCE")),
            (
                "position",
                Bolt::Map(
                    [
                        ("line", Bolt::Int(1)),
                        ("column", Bolt::Int(9)),
                        ("offset", Bolt::Int(8)),
                    ]
                    .into_iter()
                    .collect(),
                ),
            ),
        ]
        .into_iter()
        .collect();
        let child: Map = [
            ("operatorType", Bolt::from("AllNodesScan")),
            ("args", Bolt::Map(Map::default())),
        ]
        .into_iter()
        .collect();
        let plan: Map = [
            ("operatorType", Bolt::from("ProduceResults")),
            ("identifiers", Bolt::List(vec![Bolt::from("n")])),
            (
                "args",
                Bolt::Map([("EstimatedRows", Bolt::Float(3.0))].into_iter().collect()),
            ),
            ("dbHits", Bolt::Int(7)),
            ("children", Bolt::List(vec![Bolt::Map(child)])),
        ]
        .into_iter()
        .collect();
        let summary = Summary {
            metadata: [
                ("type", Bolt::from("rw")),
                ("t_last", Bolt::Int(12)),
                ("db", Bolt::from("neo4j")),
                ("notifications", Bolt::List(vec![Bolt::Map(notification)])),
                ("profile", Bolt::Map(plan)),
                (
                    "stats",
                    Bolt::Map([("nodes-created", Bolt::Int(2))].into_iter().collect()),
                ),
            ]
            .into_iter()
            .collect(),
        };
        let started: Map = [("t_first", Bolt::Int(3))].into_iter().collect();
        let executed = report(&summary, Some(&started), "Neo4j/5.26.0");
        assert_eq!(executed.query_type, Some(QueryType::ReadWrite));
        assert_eq!(executed.counters.nodes_created, 2);
        assert_eq!(executed.available_after, Some(Duration::from_millis(3)));
        assert_eq!(executed.consumed_after, Some(Duration::from_millis(12)));
        assert_eq!(executed.database.as_deref(), Some("neo4j"));
        assert_eq!(executed.server, "Neo4j/5.26.0");
        let n = &executed.notifications[0];
        assert_eq!(
            (n.severity.as_str(), n.position),
            ("WARNING", Some((1, 9, 8)))
        );
        let plan = executed.plan.unwrap();
        assert_eq!(plan.operators(), ["ProduceResults", "AllNodesScan"]);
        assert_eq!(plan.db_hits, Some(7));
        assert_eq!(plan.arguments["EstimatedRows"], Value::Float(3.0));
    }
}

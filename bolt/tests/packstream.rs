//! PackStream under arbitrary input: every value comes back as it was packed, and no byte
//! string makes the decoder panic, hang or allocate beyond its input.

use proptest::prelude::*;
use typher_bolt::{
    Date, DateTime, Duration, LocalDateTime, Map, Node, Packer, Point, Relationship, Unpacker,
    Value,
};

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::Int),
        any::<f64>()
            .prop_filter("NaN is not equal to itself", |x| !x.is_nan())
            .prop_map(Value::Float),
        ".{0,40}".prop_map(Value::String),
        proptest::collection::vec(any::<u8>(), 0..300).prop_map(Value::Bytes),
        any::<i64>().prop_map(|days| Value::Date(Date { days })),
        (any::<i64>(), 0..1_000_000_000i64, -64_800..64_800i64).prop_map(
            |(seconds, nanoseconds, offset_seconds)| {
                Value::DateTime(DateTime {
                    seconds,
                    nanoseconds,
                    offset_seconds,
                })
            }
        ),
        (any::<i64>(), 0..1_000_000_000i64).prop_map(
            |(seconds, nanoseconds)| Value::LocalDateTime(LocalDateTime {
                seconds,
                nanoseconds
            })
        ),
        (any::<i64>(), any::<i64>(), any::<i64>(), any::<i64>()).prop_map(
            |(months, days, seconds, nanoseconds)| {
                Value::Duration(Duration {
                    months,
                    days,
                    seconds,
                    nanoseconds,
                })
            }
        ),
        (
            any::<i64>(),
            -1e9..1e9f64,
            -1e9..1e9f64,
            proptest::option::of(-1e9..1e9f64)
        )
            .prop_map(|(srid, x, y, z)| Value::Point(Point { srid, x, y, z })),
    ]
}

fn map_of(values: impl Strategy<Value = Value>) -> impl Strategy<Value = Map> {
    proptest::collection::vec(("[a-z]{1,8}", values), 0..6)
        .prop_map(|entries| entries.into_iter().collect())
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::List),
            map_of(inner.clone()).prop_map(Value::Map),
            (
                any::<i64>(),
                proptest::collection::vec("[A-Z][a-z]{0,6}", 0..3),
                map_of(inner.clone())
            )
                .prop_map(|(id, labels, properties)| Value::Node(Node {
                    id,
                    element_id: format!("4:db:{id}"),
                    labels,
                    properties
                })),
            (
                any::<i64>(),
                any::<i64>(),
                any::<i64>(),
                "[A-Z_]{1,8}",
                map_of(inner)
            )
                .prop_map(|(id, start_id, end_id, rel_type, properties)| {
                    Value::Relationship(Relationship {
                        id,
                        element_id: format!("5:db:{id}"),
                        start_id,
                        start_element_id: format!("4:db:{start_id}"),
                        end_id,
                        end_element_id: format!("4:db:{end_id}"),
                        rel_type,
                        properties,
                    })
                }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_value_comes_back(value in value()) {
        let mut packer = Packer::new(true);
        packer.value(&value);
        let bytes = packer.take();
        let mut unpacker = Unpacker::new(&bytes);
        prop_assert_eq!(unpacker.value().unwrap(), value);
        prop_assert!(unpacker.is_done());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let mut unpacker = Unpacker::new(&bytes);
        while unpacker.value().is_ok() {
            if unpacker.is_done() {
                break;
            }
        }
    }

    #[test]
    fn truncated_values_are_errors(value in value(), cut in any::<prop::sample::Index>()) {
        let mut packer = Packer::new(true);
        packer.value(&value);
        let bytes = packer.take();
        let cut = cut.index(bytes.len());
        prop_assert!(Unpacker::new(&bytes[..cut]).value().is_err());
    }
}

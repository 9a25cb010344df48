//! The one list of tuple arities. Every trait typher implements for tuples (returned and
//! carried items, order keys, assignments, deletions, subquery imports, label
//! expressions, map projections, procedure columns, merge keys, decoded rows) is
//! implemented through [`for_tuples!`], so every method that takes a tuple takes the same
//! sizes: 1 to 12.

/// Calls `$each!` once per tuple arity, 1 to 12. Each call gets the arity, then per element
/// two fresh type parameter names and the element's index:
/// `$each!(2: T1 U1 0, T2 U2 1)`. A site that needs one type per element ignores the
/// second name; one that needs the index (a row's column) uses it.
macro_rules! for_tuples {
    ($each:ident) => {
        $each!(1: T1 U1 0);
        $each!(2: T1 U1 0, T2 U2 1);
        $each!(3: T1 U1 0, T2 U2 1, T3 U3 2);
        $each!(4: T1 U1 0, T2 U2 1, T3 U3 2, T4 U4 3);
        $each!(5: T1 U1 0, T2 U2 1, T3 U3 2, T4 U4 3, T5 U5 4);
        $each!(6: T1 U1 0, T2 U2 1, T3 U3 2, T4 U4 3, T5 U5 4, T6 U6 5);
        $each!(7: T1 U1 0, T2 U2 1, T3 U3 2, T4 U4 3, T5 U5 4, T6 U6 5, T7 U7 6);
        $each!(8: T1 U1 0, T2 U2 1, T3 U3 2, T4 U4 3, T5 U5 4, T6 U6 5, T7 U7 6, T8 U8 7);
        $each!(9: T1 U1 0, T2 U2 1, T3 U3 2, T4 U4 3, T5 U5 4, T6 U6 5, T7 U7 6, T8 U8 7, T9 U9 8);
        $each!(10: T1 U1 0, T2 U2 1, T3 U3 2, T4 U4 3, T5 U5 4, T6 U6 5, T7 U7 6, T8 U8 7, T9 U9 8, T10 U10 9);
        $each!(11: T1 U1 0, T2 U2 1, T3 U3 2, T4 U4 3, T5 U5 4, T6 U6 5, T7 U7 6, T8 U8 7, T9 U9 8, T10 U10 9, T11 U11 10);
        $each!(12: T1 U1 0, T2 U2 1, T3 U3 2, T4 U4 3, T5 U5 4, T6 U6 5, T7 U7 6, T8 U8 7, T9 U9 8, T10 U10 9, T11 U11 10, T12 U12 11);
    };
}
pub(crate) use for_tuples;

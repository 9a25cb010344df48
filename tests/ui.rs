//! Compile-fail cases: what the compiler refuses, and how it says so (tests/ui/*.stderr).

#[test]
fn compile_fail() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}

//! Test support shared by the integration tests that `mod support;` it.
#![allow(dead_code)]

pub mod harness;
pub mod wire;

//! SimKube traces: a bounded streaming MessagePack reader, the parser's rules, and the
//! transformations the `trace` subcommands apply.

pub mod convert;
pub mod edit;
pub mod fastpath;
pub mod fix;
pub mod gvk;
pub mod msgpack;
pub mod new;
pub mod quantity;
pub mod rebase;
pub mod rules;
pub mod schema;
pub mod stream;
pub mod time;
pub mod upgrade;
pub mod validate;
pub mod value;
pub mod view;

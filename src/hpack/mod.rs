//! HPACK header compression (RFC 7541), written in-house: the `hpack` crate is unmaintained
//! and panics on a one-byte input (RUSTSEC-2023-0085), and its fork `loona-hpack` has no
//! Huffman encoding, no never-indexed fields and no header-list limit.
//!
//! - `Decoder::decode` checks every integer, length and index against its input and tables,
//!   charges each field `name + value + 32` as it goes, and stops building the list as soon
//!   as it exceeds the limit (the rest of the block is decoded only as far as the dynamic
//!   table needs).
//! - `Encoder::encode` indexes what repeats, never indexes credentials and short cookies,
//!   uses Huffman where shorter, and signals table size changes at the start of the next block.

mod decoder;
mod encoder;
mod field;
pub mod huffman;
mod integer;
mod table;

pub use field::{Field, FieldBytes};
pub(crate) use field::INLINE as FIELD_INLINE;
pub use decoder::{DecodeLimits, Decoded, Decoder, DecoderError};
pub use encoder::Encoder;
pub use table::{static_name, DynamicTable, STATIC};
pub(crate) use table::{same_const, static_name_by_id, static_name_id, static_name_id_by_address, static_name_id_of, STATIC_NAMES};

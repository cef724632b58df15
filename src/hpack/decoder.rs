//! The HPACK decoder (RFC 7541 §3, §6), hardened: every integer and length is checked
//! against the input, indexes against the tables, and the header list is charged as it is
//! built so a block that grows past the limit stops being built at once.

use bytes::Bytes;

use super::huffman;
use super::integer::{self, IntegerError};
use super::table::{static_entry, DynamicTable, ENTRY_OVERHEAD, STATIC_LEN};
use super::Field;

/// Limits on one decoded header list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeLimits {
    /// Sum of `name + value + 32` over the fields (RFC 9113 §6.5.2's SETTINGS_MAX_HEADER_LIST_SIZE accounting).
    pub max_header_list_size: usize,
    /// Number of fields.
    pub max_fields: usize,
}

impl DecodeLimits {
    /// No limit (tests, tools).
    pub const UNLIMITED: DecodeLimits = DecodeLimits { max_header_list_size: usize::MAX, max_fields: usize::MAX };
}

/// What a decode produced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// Charged size of the fields delivered.
    pub list_size: usize,
    /// Fields delivered.
    pub fields: usize,
    /// The list went over a limit: the fields past it were not delivered (the block was
    /// still decoded as far as needed to keep the dynamic table in sync).
    pub over_limit: bool,
}

/// A block that cannot be decoded: RFC 9113 §4.3 makes each a COMPRESSION_ERROR.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecoderError {
    /// The block ended inside a representation.
    Truncated,
    /// An integer does not fit in 32 bits.
    IntegerOverflow,
    /// Index 0, or past the end of the tables (RFC 7541 §2.3.3).
    InvalidIndex(usize),
    /// A Huffman string with EOS or bad padding (RFC 7541 §5.2).
    InvalidHuffman,
    /// A table size update above the limit SETTINGS allows (RFC 7541 §6.3).
    InvalidSizeUpdate { size: usize, max: usize },
    /// A table size update after the first field of a block (RFC 7541 §4.2).
    SizeUpdateNotAtStart,
}

impl std::fmt::Display for DecoderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecoderError::Truncated => f.write_str("header block truncated"),
            DecoderError::IntegerOverflow => f.write_str("integer overflow"),
            DecoderError::InvalidIndex(i) => write!(f, "invalid table index {i}"),
            DecoderError::InvalidHuffman => f.write_str("invalid Huffman string"),
            DecoderError::InvalidSizeUpdate { size, max } => write!(f, "table size update to {size} above the limit {max}"),
            DecoderError::SizeUpdateNotAtStart => f.write_str("table size update after the first field"),
        }
    }
}

impl std::error::Error for DecoderError {}

impl From<IntegerError> for DecoderError {
    fn from(e: IntegerError) -> DecoderError {
        match e {
            IntegerError::Truncated => DecoderError::Truncated,
            IntegerError::Overflow => DecoderError::IntegerOverflow,
        }
    }
}

/// Decodes header blocks, keeping the dynamic table of one direction of a connection.
#[derive(Debug)]
pub struct Decoder {
    table: DynamicTable,
    /// The limit our SETTINGS_HEADER_TABLE_SIZE allows (the peer's updates may not exceed it).
    max_size: usize,
    scratch: Vec<u8>,
}

impl Decoder {
    /// A decoder whose table may grow to `max_table_size` (our SETTINGS_HEADER_TABLE_SIZE).
    pub fn new(max_table_size: usize) -> Decoder {
        Decoder { table: DynamicTable::new(max_table_size), max_size: max_table_size, scratch: Vec::new() }
    }

    /// The peer acknowledged a new SETTINGS_HEADER_TABLE_SIZE. A lower limit applies at once.
    pub fn set_max_table_size(&mut self, n: usize) {
        self.max_size = n;
        if self.table.max_size() > n {
            self.table.set_max_size(n);
        }
    }

    /// Bytes in the dynamic table (Node's `inflateDynamicTableSize`).
    pub fn dynamic_table_size(&self) -> usize {
        self.table.size()
    }

    fn entry(&self, index: usize) -> Result<(Bytes, Bytes), DecoderError> {
        if index == 0 {
            return Err(DecoderError::InvalidIndex(0));
        }
        if index <= STATIC_LEN {
            return static_entry(index).ok_or(DecoderError::InvalidIndex(index));
        }
        self.table.get(index - STATIC_LEN - 1).cloned().ok_or(DecoderError::InvalidIndex(index))
    }

    fn name(&self, index: usize) -> Result<Bytes, DecoderError> {
        self.entry(index).map(|(n, _)| n)
    }

    /// A string literal (§5.2): a zero-copy slice when raw, decoded when Huffman.
    fn string(&mut self, block: &Bytes, pos: &mut usize) -> Result<Bytes, DecoderError> {
        let huffman = block.get(*pos).ok_or(DecoderError::Truncated)? & 0x80 != 0;
        let len = integer::decode(block, pos, 7)?;
        let end = pos.checked_add(len).filter(|&e| e <= block.len()).ok_or(DecoderError::Truncated)?;
        let raw = &block[*pos..end];
        let out = if huffman {
            self.scratch.clear();
            huffman::decode(raw, &mut self.scratch).map_err(|_| DecoderError::InvalidHuffman)?;
            Bytes::copy_from_slice(&self.scratch)
        } else {
            block.slice(*pos..end)
        };
        *pos = end;
        Ok(out)
    }

    /// Skips a string literal without building it (fields past the limit).
    fn skip_string(block: &[u8], pos: &mut usize) -> Result<(), DecoderError> {
        let len = integer::decode(block, pos, 7)?;
        let end = pos.checked_add(len).filter(|&e| e <= block.len()).ok_or(DecoderError::Truncated)?;
        *pos = end;
        Ok(())
    }

    /// Decodes one complete header block, calling `on_field` for each field in order until
    /// the list goes over `limits`.
    pub fn decode(&mut self, block: &Bytes, limits: &DecodeLimits, mut on_field: impl FnMut(Field)) -> Result<Decoded, DecoderError> {
        let mut pos = 0usize;
        let mut at_start = true;
        let mut out = Decoded { list_size: 0, fields: 0, over_limit: false };
        let mut deliver = |out: &mut Decoded, name: Bytes, value: Bytes, sensitive: bool| {
            if out.over_limit {
                return;
            }
            // Each field is charged name + value + 32 (RFC 9113 §6.5.2): many tiny indexed
            // fields cannot pin unbounded memory (CVE-2026-49975).
            let size = out.list_size.saturating_add(name.len() + value.len() + ENTRY_OVERHEAD);
            if size > limits.max_header_list_size || out.fields >= limits.max_fields {
                out.over_limit = true;
                return;
            }
            out.list_size = size;
            out.fields += 1;
            on_field(Field { name, value, sensitive });
        };
        while pos < block.len() {
            let b = block[pos];
            if b & 0x80 != 0 {
                // §6.1 indexed field.
                let index = integer::decode(block, &mut pos, 7)?;
                let (name, value) = self.entry(index)?;
                deliver(&mut out, name, value, false);
            } else if b & 0x40 != 0 {
                // §6.2.1 literal with incremental indexing: always built, the table needs it.
                let index = integer::decode(block, &mut pos, 6)?;
                let name = if index == 0 { self.string(block, &mut pos)? } else { self.name(index)? };
                let value = self.string(block, &mut pos)?;
                self.table.insert(name.clone(), value.clone());
                deliver(&mut out, name, value, false);
            } else if b & 0x20 != 0 {
                // §6.3 dynamic table size update, only at the start of a block (§4.2).
                if !at_start {
                    return Err(DecoderError::SizeUpdateNotAtStart);
                }
                let size = integer::decode(block, &mut pos, 5)?;
                if size > self.max_size {
                    return Err(DecoderError::InvalidSizeUpdate { size, max: self.max_size });
                }
                self.table.set_max_size(size);
                continue;
            } else {
                // §6.2.2 without indexing (0000) / §6.2.3 never indexed (0001).
                let sensitive = b & 0x10 != 0;
                let index = integer::decode(block, &mut pos, 4)?;
                if out.over_limit {
                    // Past the limit: check the structure, build nothing.
                    if index == 0 {
                        Decoder::skip_string(block, &mut pos)?;
                    } else {
                        self.name(index)?;
                    }
                    Decoder::skip_string(block, &mut pos)?;
                } else {
                    let name = if index == 0 { self.string(block, &mut pos)? } else { self.name(index)? };
                    let value = self.string(block, &mut pos)?;
                    deliver(&mut out, name, value, sensitive);
                }
            }
            at_start = false;
        }
        Ok(out)
    }
}

//! The HPACK decoder (RFC 7541 §3, §6), hardened: every integer and length is checked
//! against the input, indexes against the tables, and the header list is charged as it is
//! built so a block that grows past the limit stops being built at once.

use super::huffman;
use super::integer::{self, IntegerError};
use super::table::{static_entry_name, static_name_by_id, static_name_id, DynamicTable, ENTRY_OVERHEAD, STATIC, STATIC_LEN};

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
    /// Each entry's tag is 1 + the index of its name among the static table's names, or 0:
    /// a field indexed from the dynamic table then carries the shared static spelling of its
    /// name, which the layers above recognise by address instead of by comparing bytes.
    table: DynamicTable<u8>,
    /// The limit our SETTINGS_HEADER_TABLE_SIZE allows (the peer's updates may not exceed it).
    max_size: usize,
    /// Reused buffers for Huffman-decoded names and values: no allocation per field.
    name_buf: Vec<u8>,
    value_buf: Vec<u8>,
}

impl Decoder {
    /// A decoder whose table may grow to `max_table_size` (our SETTINGS_HEADER_TABLE_SIZE).
    pub fn new(max_table_size: usize) -> Decoder {
        Decoder { table: DynamicTable::new(max_table_size), max_size: max_table_size, name_buf: Vec::new(), value_buf: Vec::new() }
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

    fn entry(&self, index: usize) -> Result<(&[u8], &[u8]), DecoderError> {
        lookup(&self.table, index)
    }

    /// Skips a string literal without building it (fields past the limit).
    fn skip_string(block: &[u8], pos: &mut usize) -> Result<(), DecoderError> {
        let len = integer::decode(block, pos, 7)?;
        let end = pos.checked_add(len).filter(|&e| e <= block.len()).ok_or(DecoderError::Truncated)?;
        *pos = end;
        Ok(())
    }

    /// Decodes one complete header block, calling `on_field(name, value, sensitive)` for
    /// each field in order until the list goes over `limits`. The slices borrow the block,
    /// the tables or a reused buffer: nothing is allocated per field.
    pub fn decode(&mut self, block: &[u8], limits: &DecodeLimits, mut on_field: impl FnMut(&[u8], &[u8], bool)) -> Result<Decoded, DecoderError> {
        let mut pos = 0usize;
        let mut at_start = true;
        let mut out = Decoded { list_size: 0, fields: 0, over_limit: false };
        // Each field is charged name + value + 32 (RFC 9113 §6.5.2): many tiny indexed fields
        // cannot pin unbounded memory (CVE-2026-49975).
        let admit = |out: &mut Decoded, n: usize, v: usize| -> bool {
            if out.over_limit {
                return false;
            }
            let size = out.list_size.saturating_add(n + v + ENTRY_OVERHEAD);
            if size > limits.max_header_list_size || out.fields >= limits.max_fields {
                out.over_limit = true;
                return false;
            }
            out.list_size = size;
            out.fields += 1;
            true
        };
        while pos < block.len() {
            let b = block[pos];
            if b & 0x80 != 0 {
                // §6.1 indexed field.
                let index = integer::decode(block, &mut pos, 7)?;
                let (name, value) = self.entry(index)?;
                if admit(&mut out, name.len(), value.len()) {
                    on_field(name, value, false);
                }
            } else if b & 0x40 != 0 {
                // §6.2.1 literal with incremental indexing: always built, the table needs it.
                let index = integer::decode(block, &mut pos, 6)?;
                // The name is copied out first: inserting may evict the entry it names.
                if index == 0 {
                    let (raw, huff) = read_string(block, &mut pos)?;
                    if huff {
                        self.materialize(raw, true, false)?;
                    } else {
                        self.name_buf.clear();
                        self.name_buf.extend_from_slice(raw);
                    }
                } else {
                    let (name, _) = lookup(&self.table, index)?;
                    self.name_buf.clear();
                    self.name_buf.extend_from_slice(name);
                }
                let (raw, huff) = read_string(block, &mut pos)?;
                if huff {
                    self.materialize(raw, true, true)?;
                }
                let value: &[u8] = if huff { &self.value_buf } else { raw };
                let tag = static_name_id(&self.name_buf).map_or(0, |id| id + 1);
                let stored = self.table.insert_tagged(&self.name_buf, value, tag);
                if admit(&mut out, self.name_buf.len(), value.len()) {
                    match (stored, self.table.get(0), static_name_by_id(tag.wrapping_sub(1))) {
                        (true, Some((_, v)), Some(shared)) => on_field(shared.as_bytes(), v, false),
                        (true, Some((n, v)), None) => on_field(n, v, false),
                        _ => on_field(&self.name_buf, value, false),
                    }
                }
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
                        self.entry(index)?;
                    }
                    Decoder::skip_string(block, &mut pos)?;
                } else {
                    let (vraw, vhuff, name_src) = if index == 0 {
                        let (nraw, nhuff) = read_string(block, &mut pos)?;
                        let (vraw, vhuff) = read_string(block, &mut pos)?;
                        (vraw, vhuff, Some((nraw, nhuff)))
                    } else {
                        self.entry(index)?;
                        let (vraw, vhuff) = read_string(block, &mut pos)?;
                        (vraw, vhuff, None)
                    };
                    let name_len = match name_src {
                        Some((nraw, nhuff)) => self.materialize(nraw, nhuff, false)?.len(),
                        None => self.entry(index)?.0.len(),
                    };
                    let value_len = self.materialize(vraw, vhuff, true)?.len();
                    if admit(&mut out, name_len, value_len) {
                        let value: &[u8] = if vhuff { &self.value_buf } else { vraw };
                        match name_src {
                            Some((nraw, nhuff)) => on_field(if nhuff { &self.name_buf } else { nraw }, value, sensitive),
                            None => on_field(self.entry(index)?.0, value, sensitive),
                        }
                    }
                }
            }
            at_start = false;
        }
        Ok(out)
    }

    /// The bytes of a string literal: the raw slice, or the Huffman decoding of it in the
    /// name or value buffer.
    fn materialize<'a>(&'a mut self, raw: &'a [u8], huffman: bool, value: bool) -> Result<&'a [u8], DecoderError> {
        if !huffman {
            return Ok(raw);
        }
        let buf = if value { &mut self.value_buf } else { &mut self.name_buf };
        buf.clear();
        huffman::decode(raw, buf).map_err(|_| DecoderError::InvalidHuffman)?;
        Ok(buf)
    }
}

/// The field at an HPACK index: static (1..=61) or dynamic (62..).
#[inline]
fn lookup(table: &DynamicTable<u8>, index: usize) -> Result<(&[u8], &[u8]), DecoderError> {
    if index == 0 {
        return Err(DecoderError::InvalidIndex(0));
    }
    if index <= STATIC_LEN {
        let (n, v) = STATIC[index - 1];
        let n = static_entry_name(index).unwrap_or(n);
        return Ok((n.as_bytes(), v.as_bytes()));
    }
    let at = index - STATIC_LEN - 1;
    let (n, v) = table.get(at).ok_or(DecoderError::InvalidIndex(index))?;
    // A static name stored in the table: its shared spelling (the same bytes).
    match table.tag(at).and_then(|t| static_name_by_id(t.checked_sub(1)?)) {
        Some(shared) => Ok((shared.as_bytes(), v)),
        None => Ok((n, v)),
    }
}

/// Reads a string literal's header (§5.2): its raw bytes and whether they are Huffman-coded.
#[inline]
fn read_string<'a>(block: &'a [u8], pos: &mut usize) -> Result<(&'a [u8], bool), DecoderError> {
    let huffman = block.get(*pos).ok_or(DecoderError::Truncated)? & 0x80 != 0;
    let len = integer::decode(block, pos, 7)?;
    let end = pos.checked_add(len).filter(|&e| e <= block.len()).ok_or(DecoderError::Truncated)?;
    let raw = &block[*pos..end];
    *pos = end;
    Ok((raw, huffman))
}

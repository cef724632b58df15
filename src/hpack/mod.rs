//! HPACK header compression (RFC 7541). (being written)

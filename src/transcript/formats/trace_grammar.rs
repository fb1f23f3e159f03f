//! The parts of curl's trace outputs that need no parser: what a block holds, the state
//! kept while one is read, and the grammar of block heads, offset lines, hex groups and
//! `--trace-time` stamps.

/// A trace block's bytes kept at most (curl writes at most 16 KiB a block).
pub(crate) const MAX_BLOCK: usize = 64 * 1024;

/// What a trace block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Block {
    SendHeader,
    RecvHeader,
    SendData,
    RecvData,
    /// TLS bytes and the like.
    Other,
}

/// The trace being read.
#[derive(Debug, Default)]
pub(crate) struct CurlTrace {
    pub(crate) block: Option<Block>,
    /// The block's bytes, newlines restored.
    pub(crate) bytes: Vec<u8>,
    /// Whether the dump is hex (`--trace`) rather than text (`--trace-ascii`).
    pub(crate) hex: bool,
    /// Whether a trace dump (`--trace`, `--trace-ascii`) was seen, not only stamps.
    pub(crate) dump: bool,
    /// The stamp of the line being read, in microseconds since midnight.
    pub(crate) now: Option<u64>,
    /// The stamp of the current block's head.
    pub(crate) block_time: Option<u64>,
    /// When the last request was sent.
    pub(crate) sent: Option<u64>,
}

/// What may follow a `--trace-time` stamp: `-v` lines and trace lines.
pub(crate) fn stamped(rest: &[u8]) -> bool {
    [
        &b"* "[..],
        b"> ",
        b"< ",
        b"{ ",
        b"} ",
        b"== Info",
        b"=> ",
        b"<= ",
    ]
    .iter()
    .any(|p| rest.starts_with(p))
        || matches!(rest, b"*" | b">" | b"<")
        || data_line(rest).is_some()
}

/// `16:44:02.295629 ` → microseconds since midnight, and the rest of the line.
pub(crate) fn strip_time(line: &[u8]) -> Option<(u64, &[u8])> {
    if line.len() < 16 || line[15] != b' ' || line[2] != b':' || line[5] != b':' || line[8] != b'.'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u64> {
        let d = &line[r];
        d.iter()
            .all(u8::is_ascii_digit)
            .then(|| d.iter().fold(0u64, |n, b| n * 10 + u64::from(b - b'0')))
    };
    let t = ((num(0..2)? * 60 + num(3..5)?) * 60 + num(6..8)?) * 1_000_000 + num(9..15)?;
    Some((t, &line[16..]))
}

/// `=> Send header, 145 bytes (0x91)` and the other block heads.
pub(crate) fn block_head(line: &[u8]) -> Option<Block> {
    let (dir, rest) = if let Some(r) = line.strip_prefix(b"=> Send ") {
        (true, r)
    } else {
        (false, line.strip_prefix(b"<= Recv ")?)
    };
    let kind = if rest.starts_with(b"header,") {
        if dir {
            Block::SendHeader
        } else {
            Block::RecvHeader
        }
    } else if rest.starts_with(b"data,") {
        if dir {
            Block::SendData
        } else {
            Block::RecvData
        }
    } else {
        Block::Other
    };
    crate::find::memmem(rest, b" bytes (0x").map(|_| kind)
}

/// `0040: text` → the text after the offset.
pub(crate) fn data_line(line: &[u8]) -> Option<&[u8]> {
    let head = line.get(..6)?;
    (head[..4].iter().all(u8::is_ascii_hexdigit) && &head[4..] == b": ").then(|| &line[6..])
}

/// The bytes of a `--trace` hex line: up to 16 `hh ` groups before the text column.
pub(crate) fn hex_bytes(text: &[u8], out: &mut Vec<u8>) -> bool {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut any = false;
    for k in 0..16 {
        let Some(g) = text.get(3 * k..3 * k + 3) else {
            break;
        };
        match (hex(g[0]), hex(g[1]), g[2]) {
            (Some(h), Some(l), b' ') => {
                out.push(h * 16 + l);
                any = true;
            }
            _ => break,
        }
    }
    any
}

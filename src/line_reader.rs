//! Lines of a JSON-lines protocol (`env --stdio`, and any other server on stdin) read with a
//! bound: a line over the limit is skipped to its end without being held in memory, a line that
//! is not UTF-8 is reported, and both leave the reader at the next line, so a server answers the
//! bad line and goes on serving. Bad lines are described by a short prefix, never echoed whole.

use tokio::io::{AsyncBufRead, AsyncBufReadExt};

/// The longest request line accepted: 1 MiB (an `env` request is a few dozen bytes).
pub const MAX_LINE: usize = 1 << 20;

/// How much of a bad line a message quotes.
const PREFIX: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Text(String),
    /// Over the limit: `len` bytes (without the newline), of which `prefix` is the start.
    TooLong {
        len: u64,
        prefix: String,
    },
    /// Not UTF-8: the first bad byte is at `at`.
    NotUtf8 {
        at: usize,
        prefix: String,
    },
}

impl Line {
    /// What is wrong with a bad line, for an error answer; `None` for a good one.
    pub fn problem(&self, max: usize) -> Option<String> {
        match self {
            Line::Text(_) => None,
            Line::TooLong { len, prefix } => {
                Some(format!("a line of {len} bytes is over the limit of {max} bytes (it starts {prefix:?})"))
            }
            Line::NotUtf8 { at, prefix } => {
                Some(format!("a line is not UTF-8: invalid byte at offset {at} (it starts {prefix:?})"))
            }
        }
    }
}

/// Reads [`Line`]s of at most `max` bytes. `next_line` is cancel safe (usable in
/// `tokio::select!`): what it has read so far is kept in the reader.
pub struct BoundedLines<R> {
    r: R,
    max: usize,
    buf: Vec<u8>,
    /// Bytes of the current line seen past the limit (0: not over it).
    over: u64,
}

impl<R: AsyncBufRead + Unpin> BoundedLines<R> {
    pub fn new(r: R, max: usize) -> Self {
        BoundedLines { r, max, buf: vec![], over: 0 }
    }

    pub fn max(&self) -> usize {
        self.max
    }

    /// The next line, without its `\n` (or `\r\n`); `None` at the end of the input.
    pub async fn next_line(&mut self) -> std::io::Result<Option<Line>> {
        loop {
            let chunk = self.r.fill_buf().await?;
            if chunk.is_empty() {
                if self.buf.is_empty() && self.over == 0 {
                    return Ok(None);
                }
                return Ok(Some(self.take()));
            }
            let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (&chunk[..i], Some(i + 1)),
                None => (chunk, None),
            };
            let room = self.max.saturating_sub(self.buf.len());
            if self.over == 0 && part.len() <= room {
                self.buf.extend_from_slice(part);
            } else {
                // Keep the start for the message; count the rest without holding it.
                let keep = room.min(part.len());
                self.buf.extend_from_slice(&part[..keep]);
                self.over = self.over.saturating_add((part.len() - keep) as u64).max(1);
            }
            let used = done.unwrap_or(chunk.len());
            self.r.consume(used);
            if done.is_some() {
                return Ok(Some(self.take()));
            }
        }
    }

    fn take(&mut self) -> Line {
        let mut bytes = std::mem::take(&mut self.buf);
        let over = std::mem::take(&mut self.over);
        if over > 0 {
            let len = (bytes.len() as u64).saturating_add(over);
            return Line::TooLong { len, prefix: prefix(&bytes, true) };
        }
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        match String::from_utf8(bytes) {
            Ok(s) => Line::Text(s),
            Err(e) => Line::NotUtf8 { at: e.utf8_error().valid_up_to(), prefix: prefix(e.as_bytes(), false) },
        }
    }
}

/// The first few characters of a line, lossily decoded; `cut` when `bytes` is not all of it.
pub fn prefix(bytes: &[u8], cut: bool) -> String {
    let head = &bytes[..bytes.len().min(PREFIX * 4)];
    let s = String::from_utf8_lossy(head);
    let mut out: String = s.chars().take(PREFIX).collect();
    if cut || out.chars().count() < s.chars().count() || head.len() < bytes.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn all(input: &[u8], max: usize) -> Vec<Line> {
        // A small buffer, so lines straddle reads.
        let mut r = BoundedLines::new(tokio::io::BufReader::with_capacity(7, input), max);
        let mut out = vec![];
        while let Some(l) = r.next_line().await.unwrap() {
            out.push(l);
        }
        out
    }

    fn text(s: &str) -> Line {
        Line::Text(s.into())
    }

    #[tokio::test]
    async fn lines_over_the_limit_or_not_utf8_are_reported_and_the_next_line_is_read() {
        let long = "x".repeat(100);
        let input = format!("{{\"op\":\"spec\"}}\r\n{long}\nab\u{e9}\n\n12345678\nlast");
        let mut input = input.into_bytes();
        input.extend_from_slice(b"\nbad\xffbyte\nend");
        let got = all(&input, 16).await;
        assert_eq!(got[0], text("{\"op\":\"spec\"}"));
        assert_eq!(got[1], Line::TooLong { len: 100, prefix: format!("{}…", &long[..16]) });
        assert_eq!(got[2..6], [text("ab\u{e9}"), text(""), text("12345678"), text("last")]);
        assert_eq!(got[6], Line::NotUtf8 { at: 3, prefix: "bad\u{fffd}byte".into() });
        assert_eq!(got[7], text("end"));
        assert_eq!(got.len(), 8);
        let p = got[1].problem(16).unwrap();
        assert!(p.contains("100 bytes") && p.contains("limit of 16") && !p.contains(&long), "{p}");
    }

    #[tokio::test]
    async fn a_line_far_over_the_limit_is_not_held_in_memory() {
        let mut input = vec![b'{'; 3 << 20];
        input.extend_from_slice(b"\n{}\n");
        let mut r = BoundedLines::new(tokio::io::BufReader::new(&input[..]), 1024);
        assert!(matches!(r.next_line().await.unwrap(), Some(Line::TooLong { len, .. }) if len == 3 << 20));
        assert!(r.buf.capacity() <= 64 * 1024, "held {} bytes", r.buf.capacity());
        assert_eq!(r.next_line().await.unwrap(), Some(text("{}")));
        assert_eq!(r.next_line().await.unwrap(), None);
    }
}

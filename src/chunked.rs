//! Growable storage in fixed-size blocks, for what is kept per row of a statement with
//! millions of rows.
//!
//! A `Vec` grows by doubling: while it moves, the old and the new buffer are both held,
//! so its peak is up to three times what it stores, and in wasm, whose memory never
//! shrinks, that peak stays for the page's life. A [`ChunkedVec`] never moves what it
//! holds: its peak is the data plus one block. Its first block grows as a `Vec` does, so
//! a statement of three rows (an OFX may hold thousands of them) costs three rows, not
//! a block.

/// Items per block (a block of `u32` is 256 KiB).
pub(crate) const BLOCK: usize = 1 << 16;

/// A sequence stored in blocks of [`BLOCK`] items (see the module's note).
#[derive(Clone, Debug)]
pub(crate) struct ChunkedVec<T> {
    blocks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for ChunkedVec<T> {
    fn default() -> Self {
        ChunkedVec {
            blocks: Vec::new(),
            len: 0,
        }
    }
}

impl<T> ChunkedVec<T> {
    pub(crate) fn push(&mut self, item: T) {
        match self.blocks.last_mut() {
            Some(b) if b.len() < BLOCK => b.push(item),
            _ => {
                // The first block grows from nothing; later ones are made whole, since
                // a file that filled one block is long.
                let mut b = if self.blocks.is_empty() {
                    Vec::new()
                } else {
                    Vec::with_capacity(BLOCK)
                };
                b.push(item);
                self.blocks.push(b);
            }
        }
        self.len += 1;
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub(crate) fn get(&self, i: usize) -> Option<&T> {
        self.blocks.get(i / BLOCK)?.get(i % BLOCK)
    }

    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + Clone + '_ {
        self.blocks.iter().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_what_a_vec_holds_across_blocks() {
        let n = 2 * BLOCK + 17;
        let mut c = ChunkedVec::default();
        let mut v = Vec::new();
        for i in 0..n {
            c.push(i as u32 * 3);
            v.push(i as u32 * 3);
        }
        assert_eq!(c.len(), n);
        assert!(c.iter().copied().eq(v.iter().copied()));
        assert!(c.iter().rev().copied().eq(v.iter().rev().copied()));
        for i in [0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK, n - 1] {
            assert_eq!(c.get(i), v.get(i), "item {i}");
        }
        assert_eq!(c.get(n), None);
        // Only the first block grew by doubling; every later block was made whole once.
        assert!(c.blocks[1..].iter().all(|b| b.capacity() == BLOCK));
    }

    #[test]
    fn a_short_sequence_costs_its_items_not_a_block() {
        let mut c = ChunkedVec::default();
        for i in 0..3u64 {
            c.push(i);
        }
        assert!(c.blocks[0].capacity() < 64, "{}", c.blocks[0].capacity());
    }
}

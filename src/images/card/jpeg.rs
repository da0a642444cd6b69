//! The parts of a baseline JPEG encoder the cards need ([`super::encode`]):
//! the forward DCT, IJG's quality-scaled Annex K quantisation tables, the
//! Annex K Huffman tables, the headers and a bit writer. The tables are
//! those `jpeg-encoder` writes by default, so a card decodes like any
//! other JPEG warta makes.

/// A quantised block in zigzag order.
pub type Block = [i16; 64];

/// The forward DCT of one block, row-major in and out: the AAN
/// factorisation of IJG's `jfdctflt.c`, its scale folded into the
/// quantisation ([`Quant`]).
pub(super) fn fdct(block: &[f32; 64]) -> [f32; 64] {
    let mut d = *block;
    for i in 0..8 {
        pass(&mut d, i * 8, 1);
    }
    for i in 0..8 {
        pass(&mut d, i, 8);
    }
    d
}

/// One 8-point AAN pass over `d[at], d[at + step], …`.
fn pass(d: &mut [f32; 64], at: usize, step: usize) {
    let v = |k: usize| d[at + k * step];
    let (tmp0, tmp7) = (v(0) + v(7), v(0) - v(7));
    let (tmp1, tmp6) = (v(1) + v(6), v(1) - v(6));
    let (tmp2, tmp5) = (v(2) + v(5), v(2) - v(5));
    let (tmp3, tmp4) = (v(3) + v(4), v(3) - v(4));
    let (tmp10, tmp13) = (tmp0 + tmp3, tmp0 - tmp3);
    let (tmp11, tmp12) = (tmp1 + tmp2, tmp1 - tmp2);
    let z1 = (tmp12 + tmp13) * 0.707_106_77;
    let even = [tmp10 + tmp11, tmp13 + z1, tmp10 - tmp11, tmp13 - z1];
    let (tmp10, tmp11, tmp12) = (tmp4 + tmp5, tmp5 + tmp6, tmp6 + tmp7);
    let z5 = (tmp10 - tmp12) * 0.382_683_43;
    let z2 = 0.541_196_1 * tmp10 + z5;
    let z4 = 1.306_563 * tmp12 + z5;
    let z3 = tmp11 * 0.707_106_77;
    let (z11, z13) = (tmp7 + z3, tmp7 - z3);
    let out = [
        even[0],
        z11 + z4,
        even[1],
        z13 - z2,
        even[2],
        z13 + z2,
        even[3],
        z11 - z4,
    ];
    for (k, o) in out.into_iter().enumerate() {
        d[at + k * step] = o;
    }
}

/// `jpeg_natural_order`: the row-major index of each zigzag position.
const ZIGZAG: [usize; 64] = [
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
    13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59,
    52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

/// Annex K's tables, row-major.
const LUMA_Q: [u16; 64] = [
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
    14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113,
    92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMA_Q: [u16; 64] = [
    17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99,
    47, 66, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
];

/// A quantisation table at some quality (IJG's scaling), and the
/// multipliers that quantise the AAN transform's output.
pub(super) struct Quant {
    /// Row-major.
    table: [u8; 64],
    mul: [f32; 64],
}

impl Quant {
    fn new(base: &[u16; 64], quality: u8) -> Quant {
        let q = u32::from(quality.clamp(1, 100));
        let scale = if q < 50 { 5000 / q } else { 200 - q * 2 };
        let table = base.map(|v| ((u32::from(v) * scale + 50) / 100).clamp(1, 255) as u8);
        const AAN: [f32; 8] = [
            1.0,
            1.387_039_8,
            1.306_563,
            1.175_875_6,
            1.0,
            0.785_694_96,
            0.541_196_1,
            0.275_899_38,
        ];
        let mul =
            std::array::from_fn(|i| 1.0 / (f32::from(table[i]) * AAN[i / 8] * AAN[i % 8] * 8.0));
        Quant { table, mul }
    }

    /// A transformed block (row-major) quantised, in zigzag order.
    pub fn quantise(&self, d: &[f32; 64]) -> Block {
        std::array::from_fn(|k| {
            let i = ZIGZAG[k];
            (d[i] * self.mul[i]).round() as i16
        })
    }
}

/// A Huffman table: its DHT bytes and each symbol's code.
pub(super) struct Huffman {
    counts: [u8; 16],
    symbols: &'static [u8],
    /// (code, length) by symbol.
    codes: [(u16, u8); 256],
}

impl Huffman {
    fn new(counts: [u8; 16], symbols: &'static [u8]) -> Huffman {
        let mut codes = [(0u16, 0u8); 256];
        let (mut code, mut next) = (0u16, 0usize);
        for (len, &n) in counts.iter().enumerate() {
            for &s in &symbols[next..next + usize::from(n)] {
                codes[usize::from(s)] = (code, len as u8 + 1);
                code += 1;
            }
            next += usize::from(n);
            code <<= 1;
        }
        Huffman {
            counts,
            symbols,
            codes,
        }
    }
}

const DC_SYMBOLS: [u8; 12] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const LUMA_AC_SYMBOLS: [u8; 162] = [
    0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
    0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xA1, 0x08, 0x23, 0x42, 0xB1, 0xC1, 0x15, 0x52, 0xD1, 0xF0,
    0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0A, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x25, 0x26, 0x27, 0x28,
    0x29, 0x2A, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
    0x4A, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
    0x6A, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
    0x8A, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7,
    0xA8, 0xA9, 0xAA, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xC2, 0xC3, 0xC4, 0xC5,
    0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xE1, 0xE2,
    0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8,
    0xF9, 0xFA,
];
const CHROMA_AC_SYMBOLS: [u8; 162] = [
    0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71,
    0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xA1, 0xB1, 0xC1, 0x09, 0x23, 0x33, 0x52, 0xF0,
    0x15, 0x62, 0x72, 0xD1, 0x0A, 0x16, 0x24, 0x34, 0xE1, 0x25, 0xF1, 0x17, 0x18, 0x19, 0x1A, 0x26,
    0x27, 0x28, 0x29, 0x2A, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48,
    0x49, 0x4A, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68,
    0x69, 0x6A, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
    0x88, 0x89, 0x8A, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0xA2, 0xA3, 0xA4, 0xA5,
    0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xC2, 0xC3,
    0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA,
    0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8,
    0xF9, 0xFA,
];

/// Every table a card is coded with.
pub(super) struct Tables {
    pub luma: Quant,
    pub chroma: Quant,
    pub luma_dc: Huffman,
    pub luma_ac: Huffman,
    pub chroma_dc: Huffman,
    pub chroma_ac: Huffman,
}

impl Tables {
    pub fn new(quality: u8) -> Tables {
        Tables {
            luma: Quant::new(&LUMA_Q, quality),
            chroma: Quant::new(&CHROMA_Q, quality),
            luma_dc: Huffman::new(
                [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0],
                &DC_SYMBOLS,
            ),
            luma_ac: Huffman::new(
                [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7D],
                &LUMA_AC_SYMBOLS,
            ),
            chroma_dc: Huffman::new(
                [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0],
                &DC_SYMBOLS,
            ),
            chroma_ac: Huffman::new(
                [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77],
                &CHROMA_AC_SYMBOLS,
            ),
        }
    }
}

/// SOI, JFIF, the tables, the frame (4:2:0), the restart interval
/// (`restart` MCUs), the scan.
pub(super) fn header(t: &Tables, width: u16, height: u16, restart: u16) -> Vec<u8> {
    let mut h = vec![0xFF, 0xD8];
    let mut segment = |marker: u8, body: &[u8]| {
        h.extend_from_slice(&[0xFF, marker]);
        h.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
        h.extend_from_slice(body);
    };
    segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    let mut dqt = Vec::new();
    for (id, q) in [(0u8, &t.luma), (1, &t.chroma)] {
        dqt.push(id);
        dqt.extend(ZIGZAG.iter().map(|&i| q.table[i]));
    }
    segment(0xDB, &dqt);
    let [w1, w0] = width.to_be_bytes();
    let [h1, h0] = height.to_be_bytes();
    segment(
        0xC0,
        &[8, h1, h0, w1, w0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1],
    );
    let mut dht = Vec::new();
    for (class, table) in [
        (0x00, &t.luma_dc),
        (0x10, &t.luma_ac),
        (0x01, &t.chroma_dc),
        (0x11, &t.chroma_ac),
    ] {
        dht.push(class);
        dht.extend_from_slice(&table.counts);
        dht.extend_from_slice(table.symbols);
    }
    segment(0xC4, &dht);
    segment(0xDD, &restart.to_be_bytes());
    segment(0xDA, &[3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]);
    h
}

/// Bits into bytes, a 0 stuffed after every 0xFF.
#[derive(Default)]
pub(super) struct BitWriter {
    out: Vec<u8>,
    acc: u32,
    n: u32,
}

impl BitWriter {
    fn bits(&mut self, value: u16, len: u8) {
        let len = u32::from(len);
        self.acc = (self.acc << len) | (u32::from(value) & ((1 << len) - 1));
        self.n += len;
        while self.n >= 8 {
            self.n -= 8;
            let byte = (self.acc >> self.n) as u8;
            self.out.push(byte);
            if byte == 0xFF {
                self.out.push(0);
            }
        }
    }

    fn code(&mut self, h: &Huffman, symbol: u8) {
        let (code, len) = h.codes[usize::from(symbol)];
        self.bits(code, len);
    }

    /// One block: the DC as a difference from the last, the AC as runs.
    pub fn block(&mut self, b: &Block, last_dc: &mut i16, dc: &Huffman, ac: &Huffman) {
        let (size, bits) = magnitude(b[0] - *last_dc);
        *last_dc = b[0];
        self.code(dc, size);
        self.bits(bits, size);
        let mut run = 0u8;
        for &v in &b[1..] {
            if v == 0 {
                run += 1;
                continue;
            }
            while run > 15 {
                self.code(ac, 0xF0);
                run -= 16;
            }
            let (size, bits) = magnitude(v);
            self.code(ac, (run << 4) | size);
            self.bits(bits, size);
            run = 0;
        }
        if run > 0 {
            self.code(ac, 0x00);
        }
    }

    /// The bytes, the last one filled with 1s.
    pub fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            let pad = 8 - self.n as u8;
            self.bits(0xFF, pad);
        }
        self.out
    }
}

/// A value's size category and the bits that follow its code (negative
/// values as their one's complement).
fn magnitude(v: i16) -> (u8, u16) {
    let size = (16 - v.unsigned_abs().leading_zeros()) as u8;
    let bits = if v < 0 { (v - 1) as u16 } else { v as u16 };
    (size, bits & ((1u32 << size) - 1) as u16)
}

#[cfg(test)]
mod tests {
    use super::magnitude;

    #[test]
    fn sizes_values_as_jpeg_does() {
        assert_eq!(magnitude(0), (0, 0));
        assert_eq!(magnitude(1), (1, 1));
        assert_eq!(magnitude(-1), (1, 0));
        assert_eq!(magnitude(-3), (2, 0b00));
        assert_eq!(magnitude(5), (3, 0b101));
        assert_eq!(magnitude(-5), (3, 0b010));
        assert_eq!(magnitude(-1023), (10, 0));
    }
}

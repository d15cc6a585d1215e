(module
  ;; Tunegate's text scanner: TextScanner and NearDuplicateIndex (text-scan.ts) run it. Memory: 0..127
  ;; the lower-case code of each ASCII code (32 for whitespace), 128..255 its personal-data flags
  ;; (1 digit, 2 separator, 4 special), 256..383 whether it can come before '-' in a secret's prefix;
  ;; 384..399 the results (the two hash lanes, the personal-data families, a query's best number of
  ;; equal bins); 400..527 the MinHash signature; from 528 on, where the caller puts them, an LSH index,
  ;; the word hashes, the text.
  (memory (export "memory") 1)
  ;; Scans the ASCII bytes [$text, $text + $len); returns the number of word hashes written at $words.
  ;; Branch-free but for the rare personal-data characters: whitespace (every kind maps to 32) is
  ;; handled with selects, since a branch on it mispredicts at most word boundaries.
  (func (export "scan") (param $text i32) (param $len i32) (param $words i32) (result i32)
    (local $i i32) (local $end i32) (local $raw i32) (local $f i32) (local $c i32) (local $sp i32) (local $prevSp i32)
    (local $h1 i32) (local $h2 i32) (local $w i32) (local $fam i32) (local $numeric i32) (local $run i32) (local $prev i32) (local $wp i32)
    (local.set $h1 (i32.const 0xdeadbeef))
    (local.set $h2 (i32.const 0x41c6ce57))
    (local.set $w (i32.const 0x811c9dc5))
    (local.set $wp (local.get $words))
    ;; Trailing whitespace is never part of the normalised text: stop before it.
    (local.set $end (i32.add (local.get $text) (local.get $len)))
    (block $trimmed
      (loop $trim
        (br_if $trimmed (i32.le_u (local.get $end) (local.get $text)))
        (br_if $trimmed (i32.ne (i32.load8_u (i32.load8_u (i32.sub (local.get $end) (i32.const 1)))) (i32.const 32)))
        (local.set $end (i32.sub (local.get $end) (i32.const 1)))
        (br $trim)))
    (local.set $i (local.get $text))
    ;; Leading whitespace is skipped as if it followed whitespace.
    (local.set $prevSp (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $raw (i32.load8_u (local.get $i)))
        (local.set $f (i32.load8_u offset=128 (local.get $raw)))
        ;; Only a digit or a special character, or whatever follows a digit, can change the
        ;; personal-data state: the common letter or space skips it in one well-predicted branch.
        (if (i32.or (i32.and (local.get $f) (i32.const 5)) (local.get $numeric))
          (then
            (if (i32.eqz (local.get $f))
              (then (local.set $numeric (i32.const 0)))
              (else
                (if (i32.and (local.get $f) (i32.const 1))
                  (then
                    (local.set $run (select (i32.const 1) (i32.add (local.get $run) (i32.const 1)) (i32.eqz (local.get $numeric))))
                    (local.set $numeric (i32.const 1))
                    (if (i32.ge_u (local.get $run) (i32.const 6)) (then (local.set $fam (i32.or (local.get $fam) (i32.const 2))))))
                  (else
                    (local.set $numeric (select (i32.const 2) (i32.const 0) (i32.and (i32.ne (i32.and (local.get $f) (i32.const 2)) (i32.const 0)) (i32.eq (local.get $numeric) (i32.const 1)))))
                    (if (i32.and (local.get $f) (i32.const 4))
                      (then
                        (if (i32.eq (local.get $raw) (i32.const 64))
                          (then (local.set $fam (i32.or (local.get $fam) (i32.const 1))))
                          (else
                            (if (i32.or
                                  (i32.or (i32.eq (local.get $raw) (i32.const 95))
                                          (i32.and (i32.eq (local.get $raw) (i32.const 45)) (i32.load8_u offset=256 (local.get $prev))))
                                  (i32.and (i32.eq (local.get $prev) (i32.const 65))
                                           (i32.or (i32.eq (local.get $raw) (i32.const 75)) (i32.eq (local.get $raw) (i32.const 73)))))
                              (then (local.set $fam (i32.or (local.get $fam) (i32.const 4)))))))))))))))
        (local.set $prev (local.get $raw))
        (local.set $c (i32.load8_u (local.get $raw)))
        (local.set $sp (i32.eq (local.get $c) (i32.const 32)))
        ;; The hash takes every character but whitespace after whitespace: one space between words.
        (local.set $h1 (select (local.get $h1) (i32.mul (i32.xor (local.get $h1) (local.get $c)) (i32.const 2654435761)) (i32.and (local.get $sp) (local.get $prevSp))))
        (local.set $h2 (select (local.get $h2) (i32.mul (i32.xor (local.get $h2) (local.get $c)) (i32.const 1597334677)) (i32.and (local.get $sp) (local.get $prevSp))))
        ;; The word in progress is stored at every step, and kept (the pointer moves on) where it ends.
        (i32.store (local.get $wp) (local.get $w))
        (local.set $wp (i32.add (local.get $wp) (i32.shl (i32.and (local.get $sp) (i32.xor (local.get $prevSp) (i32.const 1))) (i32.const 2))))
        (local.set $w (select (i32.const 0x811c9dc5) (i32.mul (i32.xor (local.get $w) (local.get $c)) (i32.const 16777619)) (local.get $sp)))
        (local.set $prevSp (local.get $sp))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    ;; The text (trimmed) ends with a word, unless it was all whitespace.
    (if (i32.gt_u (local.get $end) (local.get $text))
      (then
        (i32.store (local.get $wp) (local.get $w))
        (local.set $wp (i32.add (local.get $wp) (i32.const 4)))))
    (i32.store (i32.const 384) (local.get $h1))
    (i32.store (i32.const 388) (local.get $h2))
    (i32.store (i32.const 392) (local.get $fam))
    (i32.shr_u (i32.sub (local.get $wp) (local.get $words)) (i32.const 2)))
  ;; The same hashes and words for any text already normalised (NFKC) and lower-cased, given as the
  ;; $len UTF-16 code units at $text, with JavaScript's \s beyond ASCII (no-break, Ogham, the U+2000
  ;; spaces, line and paragraph separators, narrow no-break, medium mathematical, ideographic, BOM;
  ;; after NFKC only Ogham, the separators and the BOM are left, the rest kept to match \s exactly).
  ;; No personal-data hints: the caller assumes all families. $class16 maps a code unit to 32 when it
  ;; is whitespace, else to itself lower-cased (the table, for ASCII).
  (func $class16 (param $u i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $u) (i32.const 128))
      (then (i32.load8_u (local.get $u)))
      (else
        (select (i32.const 32) (local.get $u)
          (i32.or
            (i32.or
              (i32.or (i32.eq (local.get $u) (i32.const 0xa0)) (i32.eq (local.get $u) (i32.const 0x1680)))
              (i32.or (i32.lt_u (i32.sub (local.get $u) (i32.const 0x2000)) (i32.const 11))
                      (i32.or (i32.eq (local.get $u) (i32.const 0x2028)) (i32.eq (local.get $u) (i32.const 0x2029)))))
            (i32.or
              (i32.or (i32.eq (local.get $u) (i32.const 0x202f)) (i32.eq (local.get $u) (i32.const 0x205f)))
              (i32.or (i32.eq (local.get $u) (i32.const 0x3000)) (i32.eq (local.get $u) (i32.const 0xfeff)))))))))
  (func (export "scan16") (param $text i32) (param $len i32) (param $words i32) (result i32)
    (local $i i32) (local $end i32) (local $c i32) (local $sp i32) (local $prevSp i32)
    (local $h1 i32) (local $h2 i32) (local $w i32) (local $wp i32)
    (local.set $h1 (i32.const 0xdeadbeef))
    (local.set $h2 (i32.const 0x41c6ce57))
    (local.set $w (i32.const 0x811c9dc5))
    (local.set $wp (local.get $words))
    (local.set $end (i32.add (local.get $text) (i32.shl (local.get $len) (i32.const 1))))
    (block $trimmed
      (loop $trim
        (br_if $trimmed (i32.le_u (local.get $end) (local.get $text)))
        (br_if $trimmed (i32.ne (call $class16 (i32.load16_u (i32.sub (local.get $end) (i32.const 2)))) (i32.const 32)))
        (local.set $end (i32.sub (local.get $end) (i32.const 2)))
        (br $trim)))
    (local.set $i (local.get $text))
    (local.set $prevSp (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $c (i32.load16_u (local.get $i)))
        ;; ASCII inline (the table); the rare other character through the call.
        (local.set $c
          (if (result i32) (i32.lt_u (local.get $c) (i32.const 128))
            (then (i32.load8_u (local.get $c)))
            (else (call $class16 (local.get $c)))))
        (local.set $sp (i32.eq (local.get $c) (i32.const 32)))
        (local.set $h1 (select (local.get $h1) (i32.mul (i32.xor (local.get $h1) (local.get $c)) (i32.const 2654435761)) (i32.and (local.get $sp) (local.get $prevSp))))
        (local.set $h2 (select (local.get $h2) (i32.mul (i32.xor (local.get $h2) (local.get $c)) (i32.const 1597334677)) (i32.and (local.get $sp) (local.get $prevSp))))
        (i32.store (local.get $wp) (local.get $w))
        (local.set $wp (i32.add (local.get $wp) (i32.shl (i32.and (local.get $sp) (i32.xor (local.get $prevSp) (i32.const 1))) (i32.const 2))))
        (local.set $w (select (i32.const 0x811c9dc5) (i32.mul (i32.xor (local.get $w) (local.get $c)) (i32.const 16777619)) (local.get $sp)))
        (local.set $prevSp (local.get $sp))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $next)))
    (if (i32.gt_u (local.get $end) (local.get $text))
      (then
        (i32.store (local.get $wp) (local.get $w))
        (local.set $wp (i32.add (local.get $wp) (i32.const 4)))))
    (i32.store (i32.const 384) (local.get $h1))
    (i32.store (i32.const 388) (local.get $h2))
    (i32.shr_u (i32.sub (local.get $wp) (local.get $words)) (i32.const 2)))
  ;; The MinHash signature of the $n (at least one) word hashes at $words, written at 400: signature()
  ;; in minhash.ts, step for step (shingles of three words, one-permutation bins, rotation densification).
  (func (export "signature") (param $n i32) (param $words i32)
    (local $i i32) (local $shingles i32) (local $h i32) (local $j i32) (local $at i32) (local $value i32)
    (local $b i32) (local $k i32) (local $v i32)
    (local.set $i (i32.const 0))
    (loop $fill
      (i32.store (i32.add (i32.const 400) (i32.shl (local.get $i) (i32.const 2))) (i32.const -1))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.lt_u (local.get $i) (i32.const 32))))
    (local.set $shingles (select (i32.const 1) (i32.sub (local.get $n) (i32.const 2)) (i32.lt_u (local.get $n) (i32.const 3))))
    (local.set $i (i32.const 0))
    (loop $shingle
      (if (i32.lt_u (local.get $n) (i32.const 3))
        (then
          (local.set $h (i32.load (local.get $words)))
          (local.set $j (i32.const 1))
          (block $words_done
            (loop $words
              (br_if $words_done (i32.ge_u (local.get $j) (local.get $n)))
              (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load (i32.add (local.get $words) (i32.shl (local.get $j) (i32.const 2))))) (i32.const 0x9e3779b1)))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $words))))
        (else
          (local.set $at (i32.add (local.get $words) (i32.shl (local.get $i) (i32.const 2))))
          (local.set $h
            (i32.mul
              (i32.xor
                (i32.xor (i32.load (local.get $at)) (i32.mul (i32.load offset=4 (local.get $at)) (i32.const 0x85ebca6b)))
                (i32.mul (i32.load offset=8 (local.get $at)) (i32.const 0xc2b2ae35)))
              (i32.const 0x27d4eb2f)))
          (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 15))))))
      (local.set $at (i32.add (i32.const 400) (i32.shl (i32.and (local.get $h) (i32.const 31)) (i32.const 2))))
      (local.set $value (i32.shr_u (local.get $h) (i32.const 5)))
      (if (i32.lt_u (local.get $value) (i32.load (local.get $at)))
        (then (i32.store (local.get $at) (local.get $value))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $shingle (i32.lt_u (local.get $i) (local.get $shingles))))
    (local.set $b (i32.const 0))
    (loop $bins
      (if (i32.eq (i32.load (i32.add (i32.const 400) (i32.shl (local.get $b) (i32.const 2)))) (i32.const -1))
        (then
          (local.set $k (i32.const 1))
          (block $found
            (loop $look
              (br_if $found (i32.ge_u (local.get $k) (i32.const 32)))
              (local.set $v (i32.load (i32.add (i32.const 400) (i32.shl (i32.and (i32.add (local.get $b) (local.get $k)) (i32.const 31)) (i32.const 2)))))
              (if (i32.ne (local.get $v) (i32.const -1))
                (then
                  (i32.store (i32.add (i32.const 400) (i32.shl (local.get $b) (i32.const 2)))
                    (i32.shr_u (i32.add (local.get $v) (i32.mul (local.get $k) (i32.const 0x61c88647))) (i32.const 5)))
                  (br $found)))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br $look)))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $bins (i32.lt_u (local.get $b) (i32.const 32)))))
  ;; The near-duplicate query of NearDuplicateIndex (text-scan.ts) for the signature at 400, on an
  ;; index laid out by it: signatures (32 per item), bucket keys (-1 free) and first entries in a table
  ;; of $mask + 1 slots, each entry's item and next entry (-1: the last), and a stamp per item. Every
  ;; item that shares a band (bandKey in minhash.ts) is compared bin by bin, once; returns the first
  ;; item with the most equal bins, at least $needed, or -1; its number of equal bins goes to 396.
  (func (export "query") (param $sigs i32) (param $keys i32) (param $heads i32) (param $items i32) (param $nexts i32)
        (param $stamps i32) (param $mask i32) (param $needed i32) (param $stamp i32) (result i32)
    (local $b i32) (local $r i32) (local $h i32) (local $key i32) (local $slot i32) (local $k i32) (local $e i32)
    (local $idx i32) (local $o i32) (local $misses i32) (local $i i32) (local $allowed i32) (local $best i32)
    (local $bestSame i32)
    (local.set $allowed (i32.sub (i32.const 32) (local.get $needed)))
    (local.set $best (i32.const -1))
    (local.set $bestSame (i32.sub (local.get $needed) (i32.const 1)))
    (local.set $b (i32.const 0))
    (loop $bands
      ;; bandKey: four bins mixed, 30 bits.
      (local.set $h (i32.mul (i32.add (local.get $b) (i32.const 1)) (i32.const 0x9e3779b1)))
      (local.set $r (i32.const 0))
      (loop $rows
        (local.set $h
          (i32.xor
            (i32.mul
              (i32.xor (local.get $h) (i32.load offset=400 (i32.shl (i32.add (i32.shl (local.get $b) (i32.const 2)) (local.get $r)) (i32.const 2))))
              (i32.const 0x85ebca6b))
            (i32.shr_u (local.get $h) (i32.const 13))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br_if $rows (i32.lt_u (local.get $r) (i32.const 4))))
      (local.set $key (i32.and (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 15))) (i32.const 0x3fffffff)))
      (local.set $slot (i32.and (i32.mul (local.get $key) (i32.const 0x9e3779b1)) (local.get $mask)))
      (block $band_done
        (block $found
          (loop $probe
            (local.set $k (i32.load (i32.add (local.get $keys) (i32.shl (local.get $slot) (i32.const 2)))))
            (br_if $band_done (i32.eq (local.get $k) (i32.const -1)))
            (br_if $found (i32.eq (local.get $k) (local.get $key)))
            (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
            (br $probe)))
        (local.set $e (i32.load (i32.add (local.get $heads) (i32.shl (local.get $slot) (i32.const 2)))))
        (block $chain_done
          (loop $chain
            (br_if $chain_done (i32.eq (local.get $e) (i32.const -1)))
            (local.set $idx (i32.load (i32.add (local.get $items) (i32.shl (local.get $e) (i32.const 2)))))
            (if (i32.ne (i32.load (i32.add (local.get $stamps) (i32.shl (local.get $idx) (i32.const 2)))) (local.get $stamp))
              (then
                (i32.store (i32.add (local.get $stamps) (i32.shl (local.get $idx) (i32.const 2))) (local.get $stamp))
                (local.set $o (i32.add (local.get $sigs) (i32.shl (local.get $idx) (i32.const 7))))
                (local.set $misses (i32.const 0))
                (local.set $i (i32.const 0))
                (block $compared
                  (loop $bins
                    (br_if $compared (i32.ge_u (local.get $i) (i32.const 32)))
                    (br_if $compared (i32.gt_u (local.get $misses) (local.get $allowed)))
                    (local.set $misses
                      (i32.add (local.get $misses)
                        (i32.ne (i32.load offset=400 (i32.shl (local.get $i) (i32.const 2)))
                                (i32.load (i32.add (local.get $o) (i32.shl (local.get $i) (i32.const 2)))))))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $bins)))
                (if (i32.and
                      (i32.and (i32.eq (local.get $i) (i32.const 32)) (i32.le_u (local.get $misses) (local.get $allowed)))
                      (i32.gt_s (i32.sub (i32.const 32) (local.get $misses)) (local.get $bestSame)))
                  (then
                    (local.set $bestSame (i32.sub (i32.const 32) (local.get $misses)))
                    (local.set $best (local.get $idx))))))
            (local.set $e (i32.load (i32.add (local.get $nexts) (i32.shl (local.get $e) (i32.const 2)))))
            (br $chain))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $bands (i32.lt_u (local.get $b) (i32.const 8))))
    (i32.store (i32.const 396) (local.get $bestSame))
    (local.get $best))
)

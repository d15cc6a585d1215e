(module
  ;; Tunegate's text scanner for ASCII text: see TextScanner in text-scan.ts, whose scanAscii this is,
  ;; character for character. Memory: 0..127 the lower-case code of each ASCII code (0 for whitespace),
  ;; 128..255 its personal-data flags (1 digit, 2 separator, 4 special), 256..383 whether it can come
  ;; before '-' in a secret's prefix; 384..395 the results (the two hash lanes, the personal-data
  ;; families); the word hashes from 400 on; the text where the caller puts it.
  (memory (export "memory") 1)
  ;; Scans the ASCII bytes [$text, $text + $len); returns the number of word hashes written at 400.
  (func (export "scan") (param $text i32) (param $len i32) (result i32)
    (local $i i32) (local $end i32) (local $raw i32) (local $f i32) (local $c i32)
    (local $h1 i32) (local $h2 i32) (local $w i32) (local $inWord i32) (local $pending i32) (local $started i32)
    (local $fam i32) (local $numeric i32) (local $run i32) (local $prev i32) (local $wp i32)
    (local.set $h1 (i32.const 0xdeadbeef))
    (local.set $h2 (i32.const 0x41c6ce57))
    (local.set $w (i32.const 0x811c9dc5))
    (local.set $i (local.get $text))
    (local.set $end (i32.add (local.get $text) (local.get $len)))
    (local.set $wp (i32.const 400))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $raw (i32.load8_u (local.get $i)))
        (local.set $f (i32.load8_u offset=128 (local.get $raw)))
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
                          (then (local.set $fam (i32.or (local.get $fam) (i32.const 4)))))))))))))
        (local.set $prev (local.get $raw))
        (local.set $c (i32.load8_u (local.get $raw)))
        (if (i32.eqz (local.get $c))
          (then
            (if (local.get $started) (then (local.set $pending (i32.const 1))))
            (if (local.get $inWord)
              (then
                (i32.store (local.get $wp) (local.get $w))
                (local.set $wp (i32.add (local.get $wp) (i32.const 4)))
                (local.set $inWord (i32.const 0)))))
          (else
            (if (local.get $pending)
              (then
                (local.set $h1 (i32.mul (i32.xor (local.get $h1) (i32.const 32)) (i32.const 2654435761)))
                (local.set $h2 (i32.mul (i32.xor (local.get $h2) (i32.const 32)) (i32.const 1597334677)))
                (local.set $pending (i32.const 0))))
            (local.set $started (i32.const 1))
            (local.set $h1 (i32.mul (i32.xor (local.get $h1) (local.get $c)) (i32.const 2654435761)))
            (local.set $h2 (i32.mul (i32.xor (local.get $h2) (local.get $c)) (i32.const 1597334677)))
            (if (i32.eqz (local.get $inWord))
              (then (local.set $inWord (i32.const 1)) (local.set $w (i32.const 0x811c9dc5))))
            (local.set $w (i32.mul (i32.xor (local.get $w) (local.get $c)) (i32.const 16777619)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (if (local.get $inWord)
      (then
        (i32.store (local.get $wp) (local.get $w))
        (local.set $wp (i32.add (local.get $wp) (i32.const 4)))))
    (i32.store (i32.const 384) (local.get $h1))
    (i32.store (i32.const 388) (local.get $h2))
    (i32.store (i32.const 392) (local.get $fam))
    (i32.shr_u (i32.sub (local.get $wp) (i32.const 400)) (i32.const 2)))
)

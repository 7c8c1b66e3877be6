;; Loops that tfjs-backend-wasm has no kernel for, in 128-bit SIMD, on the backend's own memory
;; (imported, so they read and write tensors where they lie). Pointers are byte offsets of float32s.
;; `npm run simd` compiles this file into simdKernelsBinary.ts.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; y[0, n) += a · x[0, n)
  (func $axpy (export "axpy") (param $y i32) (param $x i32) (param $n i32) (param $a f32)
    (local $a4 v128) (local $end i32)
    (local.set $a4 (f32x4.splat (local.get $a)))
    (local.set $end (i32.add (local.get $y) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $vectorsDone
      (loop $vectors
        (br_if $vectorsDone (i32.ge_u (local.get $y) (local.get $end)))
        (v128.store (local.get $y)
          (f32x4.add (v128.load (local.get $y)) (f32x4.mul (local.get $a4) (v128.load (local.get $x)))))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $vectors)))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 2))))
    (block $done
      (loop $rest
        (br_if $done (i32.ge_u (local.get $y) (local.get $end)))
        (f32.store (local.get $y)
          (f32.add (f32.load (local.get $y)) (f32.mul (local.get $a) (f32.load (local.get $x)))))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (br $rest))))

  ;; Writes the indices of src[0, n)'s nonzero floats (NaN included) to out, as i32s, and returns how
  ;; many; stops after limit + 1. Skips four zeros at a time.
  (func (export "nonzeros") (param $src i32) (param $n i32) (param $out i32) (param $limit i32) (result i32)
    (local $i i32) (local $count i32) (local $groupEnd i32) (local $vectorEnd i32)
    (local.set $vectorEnd (i32.and (local.get $n) (i32.const -4)))
    (block $done
      (loop $scan
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (i32.lt_u (local.get $i) (local.get $vectorEnd))
          (then
            (if (i32.eqz (v128.any_true (f32x4.ne
                  (v128.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2))))
                  (v128.const f32x4 0 0 0 0))))
              (then
                (local.set $i (i32.add (local.get $i) (i32.const 4)))
                (br $scan)))))
        (local.set $groupEnd (i32.add (local.get $i) (i32.const 4)))
        (loop $group
          (if (f32.ne (f32.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2)))) (f32.const 0))
            (then
              (i32.store (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))) (local.get $i))
              (local.set $count (i32.add (local.get $count) (i32.const 1)))
              (br_if $done (i32.gt_u (local.get $count) (local.get $limit)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $group (i32.and (i32.lt_u (local.get $i) (local.get $groupEnd)) (i32.lt_u (local.get $i) (local.get $n)))))
        (br $scan)))
    (local.get $count))

  ;; 1 if every float of src[0, n) is finite (x·0 is 0 exactly then, else NaN), else 0.
  (func (export "allFinite") (param $src i32) (param $n i32) (result i32)
    (local $end i32) (local $sum v128) (local $rest f32)
    (local.set $end (i32.add (local.get $src) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $vectorsDone
      (loop $vectors
        (br_if $vectorsDone (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $sum (f32x4.add (local.get $sum) (f32x4.mul (v128.load (local.get $src)) (v128.const f32x4 0 0 0 0))))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (br $vectors)))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 2))))
    (block $done
      (loop $rest
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $rest (f32.add (local.get $rest) (f32.mul (f32.load (local.get $src)) (f32.const 0))))
        (local.set $src (i32.add (local.get $src) (i32.const 4)))
        (br $rest)))
    (i32.and
      (i32x4.all_true (f32x4.eq (local.get $sum) (v128.const f32x4 0 0 0 0)))
      (f32.eq (local.get $rest) (f32.const 0))))

  ;; MaxPoolGrad of 2×2 windows at stride 2 from the corner, channels a multiple of 4: each window's
  ;; output gradient goes to the first of its four values equal to the pooled output y. Returns 0,
  ;; leaving dx partly written, if some window is not plain (y not its maximum of real numbers,
  ;; NaN in it, or dy not finite), for the caller to search as tfjs-backend-cpu does; else 1.
  (func (export "maxPoolGrad2x2")
    (param $x i32) (param $y i32) (param $dy i32) (param $dx i32)
    (param $batch i32) (param $inHeight i32) (param $inWidth i32) (param $channels i32) (param $outHeight i32) (param $outWidth i32)
    (result i32)
    (local $right i32) (local $down i32) (local $b i32) (local $oh i32) (local $ow i32) (local $p i32) (local $end i32)
    (local $m v128) (local $d v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $e0 v128) (local $e1 v128) (local $e2 v128) (local $e3 v128) (local $taken v128)
    (local.set $right (i32.shl (local.get $channels) (i32.const 2)))
    (local.set $down (i32.mul (local.get $right) (local.get $inWidth)))
    (loop $images
      (local.set $oh (i32.const 0))
      (loop $rows
        (local.set $ow (i32.const 0))
        (loop $columns
          ;; p = the window's corner in x, in bytes; end = past its last channel
          (local.set $p (i32.mul
            (i32.add
              (i32.mul (i32.add (i32.mul (local.get $b) (local.get $inHeight)) (i32.shl (local.get $oh) (i32.const 1))) (local.get $inWidth))
              (i32.shl (local.get $ow) (i32.const 1)))
            (local.get $right)))
          (local.set $end (i32.add (local.get $p) (local.get $right)))
          (loop $lanes
            (local.set $m (v128.load (local.get $y)))
            (local.set $d (v128.load (local.get $dy)))
            (local.set $a0 (v128.load (i32.add (local.get $x) (local.get $p))))
            (local.set $a1 (v128.load (i32.add (local.get $x) (i32.add (local.get $p) (local.get $right)))))
            (local.set $a2 (v128.load (i32.add (local.get $x) (i32.add (local.get $p) (local.get $down)))))
            (local.set $a3 (v128.load (i32.add (local.get $x) (i32.add (local.get $p) (i32.add (local.get $down) (local.get $right))))))
            (local.set $e0 (f32x4.eq (local.get $a0) (local.get $m)))
            (local.set $e1 (v128.andnot (f32x4.eq (local.get $a1) (local.get $m)) (local.get $e0)))
            (local.set $taken (v128.or (local.get $e0) (local.get $e1)))
            (local.set $e2 (v128.andnot (f32x4.eq (local.get $a2) (local.get $m)) (local.get $taken)))
            (local.set $taken (v128.or (local.get $taken) (local.get $e2)))
            (local.set $e3 (v128.andnot (f32x4.eq (local.get $a3) (local.get $m)) (local.get $taken)))
            (local.set $taken (v128.or (local.get $taken) (local.get $e3)))
            (if (i32.eqz (i32x4.all_true (v128.and
                  (v128.and (local.get $taken) (f32x4.gt (local.get $m) (v128.const f32x4 -inf -inf -inf -inf)))
                  (v128.and
                    (f32x4.lt (f32x4.abs (local.get $d)) (v128.const f32x4 inf inf inf inf))
                    (v128.and
                      (v128.and (f32x4.le (local.get $a0) (local.get $m)) (f32x4.le (local.get $a1) (local.get $m)))
                      (v128.and (f32x4.le (local.get $a2) (local.get $m)) (f32x4.le (local.get $a3) (local.get $m))))))))
              (then (return (i32.const 0))))
            (v128.store (i32.add (local.get $dx) (local.get $p)) (v128.and (local.get $d) (local.get $e0)))
            (v128.store (i32.add (local.get $dx) (i32.add (local.get $p) (local.get $right))) (v128.and (local.get $d) (local.get $e1)))
            (v128.store (i32.add (local.get $dx) (i32.add (local.get $p) (local.get $down))) (v128.and (local.get $d) (local.get $e2)))
            (v128.store (i32.add (local.get $dx) (i32.add (local.get $p) (i32.add (local.get $down) (local.get $right)))) (v128.and (local.get $d) (local.get $e3)))
            (local.set $y (i32.add (local.get $y) (i32.const 16)))
            (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br_if $lanes (i32.lt_u (local.get $p) (local.get $end))))
          (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
          (br_if $columns (i32.lt_u (local.get $ow) (local.get $outWidth))))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br_if $rows (i32.lt_u (local.get $oh) (local.get $outHeight))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $images (i32.lt_u (local.get $b) (local.get $batch))))
    (i32.const 1))

  ;; out[i] = a[i] · b[i] for each of `batch` pairs of an m×k and a k×n matrix, row by row: each
  ;; row of out is a sum of rows of b, weighted by that row of a (tfjs runs batches > 1 one scalar
  ;; multiply-add at a time).
  (func (export "batchMatMul")
    (param $a i32) (param $b i32) (param $out i32) (param $batch i32) (param $m i32) (param $k i32) (param $n i32)
    (local $rowBytes i32) (local $bMatrixBytes i32) (local $bi i32) (local $i i32) (local $kk i32)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $bMatrixBytes (i32.mul (local.get $k) (local.get $rowBytes)))
    (block $done
      (br_if $done (i32.eqz (i32.mul (i32.mul (local.get $batch) (local.get $m)) (local.get $n))))
      (loop $matrices
        (local.set $i (i32.const 0))
        (loop $rows
          (memory.fill (local.get $out) (i32.const 0) (local.get $rowBytes))
          (local.set $kk (i32.const 0))
          (block $rowDone
            (loop $terms
              (br_if $rowDone (i32.ge_u (local.get $kk) (local.get $k)))
              (call $axpy
                (local.get $out)
                (i32.add (local.get $b) (i32.mul (local.get $kk) (local.get $rowBytes)))
                (local.get $n)
                (f32.load (local.get $a)))
              (local.set $a (i32.add (local.get $a) (i32.const 4)))
              (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
              (br $terms)))
          (local.set $out (i32.add (local.get $out) (local.get $rowBytes)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $rows (i32.lt_u (local.get $i) (local.get $m))))
        (local.set $b (i32.add (local.get $b) (local.get $bMatrixBytes)))
        (local.set $bi (i32.add (local.get $bi) (i32.const 1)))
        (br_if $matrices (i32.lt_u (local.get $bi) (local.get $batch))))))

  ;; Adam's update of n weights: m₁ = β₁m + k₁g, v₁ = β₂v + k₂g², x₁ = x − step·m₁ / (√(scale·v₁) + ε),
  ;; where k = 1 − β, step = lr / (1 − β₁ᵗ) and scale = 1 / (1 − β₂ᵗ).
  (func (export "adam")
    (param $x i32) (param $m i32) (param $v i32) (param $g i32) (param $x1 i32) (param $m1 i32) (param $v1 i32)
    (param $n i32) (param $beta1 f32) (param $keep1 f32) (param $beta2 f32) (param $keep2 f32)
    (param $step f32) (param $scale f32) (param $epsilon f32)
    (local $i i32) (local $end i32)
    (local $gv v128) (local $mv v128) (local $vv v128)
    (local $g1 f32) (local $m2 f32) (local $v2 f32)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $vectorsDone
      (loop $vectors
        (br_if $vectorsDone (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $gv (v128.load (i32.add (local.get $g) (local.get $i))))
        (local.set $mv
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $i))) (f32x4.splat (local.get $beta1)))
            (f32x4.mul (local.get $gv) (f32x4.splat (local.get $keep1)))))
        (local.set $vv
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $i))) (f32x4.splat (local.get $beta2)))
            (f32x4.mul (f32x4.mul (local.get $gv) (local.get $gv)) (f32x4.splat (local.get $keep2)))))
        (v128.store (i32.add (local.get $m1) (local.get $i)) (local.get $mv))
        (v128.store (i32.add (local.get $v1) (local.get $i)) (local.get $vv))
        (v128.store (i32.add (local.get $x1) (local.get $i))
          (f32x4.sub
            (v128.load (i32.add (local.get $x) (local.get $i)))
            (f32x4.div
              (f32x4.mul (f32x4.splat (local.get $step)) (local.get $mv))
              (f32x4.add (f32x4.sqrt (f32x4.mul (f32x4.splat (local.get $scale)) (local.get $vv))) (f32x4.splat (local.get $epsilon))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vectors)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $done
      (loop $rest
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $g1 (f32.load (i32.add (local.get $g) (local.get $i))))
        (local.set $m2
          (f32.add (f32.mul (f32.load (i32.add (local.get $m) (local.get $i))) (local.get $beta1)) (f32.mul (local.get $g1) (local.get $keep1))))
        (local.set $v2
          (f32.add
            (f32.mul (f32.load (i32.add (local.get $v) (local.get $i))) (local.get $beta2))
            (f32.mul (f32.mul (local.get $g1) (local.get $g1)) (local.get $keep2))))
        (f32.store (i32.add (local.get $m1) (local.get $i)) (local.get $m2))
        (f32.store (i32.add (local.get $v1) (local.get $i)) (local.get $v2))
        (f32.store (i32.add (local.get $x1) (local.get $i))
          (f32.sub
            (f32.load (i32.add (local.get $x) (local.get $i)))
            (f32.div
              (f32.mul (local.get $step) (local.get $m2))
              (f32.add (f32.sqrt (f32.mul (local.get $scale) (local.get $v2))) (local.get $epsilon)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rest)))))

import * as tf from "@tensorflow/tfjs";
import { Conv2D, Conv2DBackpropFilter, Conv2DBackpropInput, Reverse } from "@tensorflow/tfjs";
import type { Conv2DBackpropFilterAttrs, Conv2DBackpropInputAttrs, KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { sliceFromHeap } from "./slicing.js";
import { plainBatchMatMul } from "./matMul.js";
import { byteOffset } from "./simd/simdKernels.js";
import { filterGradientFromNonzeros, inputGradientFromNonzeros, sparseEnough, type ConvInfo } from "./sparseConvGradients.js";
import { asWasm, free, heapView, reshape, runWasm, transpose, type KernelArgs, type WasmBackend } from "./wasmBackend.js";

type Shape4 = [number, number, number, number];
type ConvBackpropAttrs = Conv2DBackpropFilterAttrs | Conv2DBackpropInputAttrs;

function convInfoOf(kernelName: string, xShape: number[], filterShape: number[], attrs: ConvBackpropAttrs) {
  if (attrs.dataFormat === "NCHW") {
    throw new Error(`${kernelName} on wasm supports dataFormat "NHWC" only; got "NCHW"`);
  }
  return tf.backend_util.computeConv2DInfo(
    xShape as Shape4,
    filterShape as Shape4,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    "channelsLast",
  );
}

/**
 * The filter gradient: from dy's nonzero entries when they are few, else by im2col when the stride
 * along the width is 1, else by a swapped conv.
 */
function conv2DBackpropFilter({ inputs, backend: kernelBackend, attrs: a }: KernelArgs<Conv2DBackpropFilterAttrs>): TensorInfo {
  const backend = asWasm(kernelBackend);
  const x = inputs.x as TensorInfo;
  const dy = inputs.dy as TensorInfo;
  const info = convInfoOf(Conv2DBackpropFilter, x.shape, a.filterShape, a);
  const nonzeros = sparseEnough(backend, dy, x);
  if (nonzeros !== undefined) return filterGradientFromNonzeros(backend, x, nonzeros, info);
  return info.strideWidth === 1 ? filterGradientByIm2col(backend, x, dy, info) : filterGradientBySwappedConv(backend, x, dy, info);
}

/**
 * dW = patchesᵀ·dy, with patchesᵀ [kh·kw·C, windows] written from x transposed to [C, B, H, W]:
 * with a stride-1 width each row is runs of outWidth floats. patchesᵀ is the matmul's left
 * operand and dy its right one because XNNPACK repacks the right operand at every call, and
 * dy is the smaller. CPU ms per call against the swapped conv, measured side by side (batch 32, one
 * thread): the CNN's first layer (3 input channels, 30 columns) 4.4 vs 9.3, its second 13.2 vs
 * 13.9, its third 2.9 vs 2.6, the Conv1D text classifier's 26 vs 40; on Fashion-MNIST's first
 * layer (1 channel, 26 columns, two threads) 3.4 vs 8.5.
 */
function filterGradientByIm2col(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, info: ConvInfo): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh } = info;
  const { top, left } = info.padInfo;
  const windows = batchSize * outHeight * outWidth;
  const xT = transpose(backend, x, [3, 0, 1, 2]);
  const patchesT = backend.makeOutput([kh * kw * inChannels, windows], "float32");
  // The whole heap, so that a long run is copied by one native copyWithin (a subarray per run costs
  // more than a short run's copy).
  const heap = new Float32Array(heapView(backend, xT).buffer);
  const src = byteOffset(backend, xT) / Float32Array.BYTES_PER_ELEMENT;
  const dst = byteOffset(backend, patchesT) / Float32Array.BYTES_PER_ELEMENT;
  // Output columns whose input column lies inside x (the rest read padding, which is zero).
  let row = 0;
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const first = Math.max(0, left - j);
      const end = Math.min(outWidth, inWidth + left - j);
      for (let c = 0; c < inChannels; c++, row++) {
        let at = dst + row * windows;
        for (let b = 0; b < batchSize; b++) {
          for (let oh = 0; oh < outHeight; oh++, at += outWidth) {
            const h = oh * sh - top + i;
            if (h < 0 || h >= inHeight || first >= end) {
              heap.fill(0, at, at + outWidth);
              continue;
            }
            for (let k = 0; k < first; k++) heap[at + k] = 0;
            const from = src + ((c * batchSize + b) * inHeight + h) * inWidth + j - left;
            if (end - first >= COPY_WITHIN_MIN_RUN) heap.copyWithin(at + first, from + first, from + end);
            else for (let k = first; k < end; k++) heap[at + k] = heap[from + k];
            for (let k = end; k < outWidth; k++) heap[at + k] = 0;
          }
        }
      }
    }
  }
  free(backend, xT);
  const dy2 = reshape(backend, dy, [windows, outChannels]);
  const dW2 = plainBatchMatMul(backend, patchesT, dy2, false, false);
  free(backend, dy2, patchesT);
  const dW = reshape(backend, dW2, [kh, kw, inChannels, outChannels]);
  free(backend, dW2);
  return dW;
}

/**
 * dW as a single forward Conv2D: x with batch and channel axes swapped is convolved with dy
 * (its batch axis becoming the input channels) dilated by the stride. The output is the filter
 * gradient with its axes swapped back. Used for strides along the width, which im2col's runs of
 * consecutive columns do not cover.
 */
function filterGradientBySwappedConv(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, info: ConvInfo): TensorInfo {
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  const [, inH, inW] = x.shape;
  // Rows of the padded input that the windows reach; any beyond are cropped so no pad is negative.
  const neededH = (info.outHeight - 1) * sh + kh;
  const neededW = (info.outWidth - 1) * sw + kw;
  const bottom = neededH - top - inH;
  const right = neededW - left - inW;
  let xUsed = x;
  if (bottom < 0 || right < 0) {
    xUsed = sliceFromHeap(backend, x, [0, 0, 0, 0], [x.shape[0], inH + Math.min(bottom, 0), inW + Math.min(right, 0), x.shape[3]]);
  }
  const xT = transpose(backend, xUsed, [3, 1, 2, 0]);
  if (xUsed !== x) free(backend, xUsed);
  const dyT = transpose(backend, dy, [1, 2, 0, 3]);
  const swapped = runWasm(
    backend,
    Conv2D,
    { x: xT, filter: dyT },
    {
      strides: [1, 1],
      pad: [[0, 0], [top, Math.max(bottom, 0)], [left, Math.max(right, 0)], [0, 0]],
      dataFormat: "NHWC",
      dilations: [sh, sw],
    },
  );
  free(backend, xT, dyT);
  const dW = transpose(backend, swapped, [1, 2, 0, 3]);
  free(backend, swapped);
  return dW;
}


/**
 * The input gradient: from dy's nonzero entries when they are few, else as a forward Conv2D of dy
 * with the filter flipped where that conv wastes little, else by col2im. The forward conv of the zero-padded (and, for strides, zero-stuffed) dy
 * computes every input position from kh·kw taps, of which only the windows' own are nonzero: it
 * does inH·inW / (outH·outW) times the useful work (4× and more for strides of 2).
 */
function conv2DBackpropInput({ inputs, backend: kernelBackend, attrs: a }: KernelArgs<Conv2DBackpropInputAttrs>): TensorInfo {
  const backend = asWasm(kernelBackend);
  const dy = inputs.dy as TensorInfo;
  const filter = inputs.filter as TensorInfo;
  const info = convInfoOf(Conv2DBackpropInput, a.inputShape, filter.shape, a);
  const nonzeros = sparseEnough(backend, dy, filter);
  if (nonzeros !== undefined) return inputGradientFromNonzeros(backend, nonzeros, filter, info);
  const flippedConvWaste = (info.inHeight * info.inWidth) / (info.outHeight * info.outWidth);
  return flippedConvWaste > FLIPPED_CONV_MAX_WASTE
    ? inputGradientByCol2im(backend, dy, filter, info)
    : inputGradientByFlippedConv(backend, dy, filter, info);
}

/**
 * Above this ratio of the flipped conv's work to the useful work, col2im is faster. CPU ms per call
 * on one thread, col2im vs flipped conv, measured side by side (batch 32): the CNN's third layer on
 * CIFAR (ratio 2.25) 2.7 vs 5.5, on Fashion-MNIST (2.8) 1.6 vs 4.7; its second layer (1.33, 1.4)
 * 14.6 vs 11.8 and 10.4 vs 9.2; the Conv1D text classifier (1.04) 30.7 vs 26.3 (col2im's adds in
 * JavaScript cost more than the flipped conv's extra taps).
 */
const FLIPPED_CONV_MAX_WASTE = 1.5;

/**
 * dx = col2im(dy·Wᵀ): each window's row of dy times the filter as [kh·kw·C, O] transposed is the
 * gradient of that window's patch of x, added into dx where the patch lies (dropping what falls on
 * padding). The product does exactly the forward conv's work, on XNNPACK's threads.
 */
function inputGradientByCol2im(backend: WasmBackend, dy: TensorInfo, filter: TensorInfo, info: ConvInfo): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  const windows = batchSize * outHeight * outWidth;
  const dy2 = reshape(backend, dy, [windows, outChannels]);
  const filter2 = reshape(backend, filter, [kh * kw * inChannels, outChannels]);
  const patches = plainBatchMatMul(backend, dy2, filter2, false, true);
  free(backend, dy2, filter2);
  const dx = backend.makeOutput([batchSize, inHeight, inWidth, inChannels], "float32");
  const src = heapView(backend, patches);
  const dst = heapView(backend, dx);
  dst.fill(0);
  let at = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        for (let i = 0; i < kh; i++) {
          const h = oh * sh - top + i;
          if (h < 0 || h >= inHeight) {
            at += kw * inChannels;
            continue;
          }
          for (let j = 0; j < kw; j++, at += inChannels) {
            const w = ow * sw - left + j;
            if (w < 0 || w >= inWidth) continue;
            const shift = ((b * inHeight + h) * inWidth + w) * inChannels - at;
            for (let k = at; k < at + inChannels; k++) dst[k + shift] += src[k];
          }
        }
      }
    }
  }
  free(backend, patches);
  return dx;
}

/**
 * dx as a forward Conv2D of dy (zero-stuffed by the stride and padded) with the filter flipped in
 * both spatial axes and its channel axes swapped. The wasm Conv2DBackpropInput runs at ~3 GFLOPS,
 * a tenth of Conv2D's.
 */
function inputGradientByFlippedConv(backend: WasmBackend, dy: TensorInfo, filter: TensorInfo, info: ConvInfo): TensorInfo {
  const { batchSize, inHeight, inWidth, outHeight, outWidth, outChannels } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;

  const reversed = runWasm(backend, Reverse, { x: filter }, { dims: [0, 1] });
  const flipped = transpose(backend, reversed, [0, 1, 3, 2]);
  free(backend, reversed);

  const padTop = kh - 1 - top;
  const padLeft = kw - 1 - left;
  const padBottom = inHeight - outHeight + top;
  const padRight = inWidth - outWidth + left;
  let dx: TensorInfo;
  if (sh === 1 && sw === 1 && padTop >= 0 && padLeft >= 0 && padBottom >= 0 && padRight >= 0) {
    dx = runWasm(
      backend,
      Conv2D,
      { x: dy, filter: flipped },
      { strides: [1, 1], pad: [[0, 0], [padTop, padBottom], [padLeft, padRight], [0, 0]], dataFormat: "NHWC", dilations: [1, 1] },
    );
  } else {
    const stuffed = zeroStuff(backend, dy, [batchSize, inHeight + kh - 1, inWidth + kw - 1, outChannels], [sh, sw], [padTop, padLeft], [outHeight, outWidth]);
    dx = runWasm(backend, Conv2D, { x: stuffed, filter: flipped }, { strides: [1, 1], pad: "valid", dataFormat: "NHWC", dilations: [1, 1] });
    free(backend, stuffed);
  }
  free(backend, flipped);
  return dx;
}

// dy[b, oh, ow] lands at (offset + oh·stride, …) of a zero tensor; positions outside it touched only padding.
function zeroStuff(
  backend: WasmBackend,
  dy: TensorInfo,
  shape: Shape4,
  [sh, sw]: [number, number],
  [offH, offW]: [number, number],
  [outH, outW]: [number, number],
): TensorInfo {
  const [batch, height, width, channels] = shape;
  const out = backend.makeOutput(shape, "float32");
  const src = heapView(backend, dy);
  const dst = heapView(backend, out);
  dst.fill(0);
  for (let b = 0; b < batch; b++) {
    for (let oh = 0; oh < outH; oh++) {
      const h = offH + oh * sh;
      if (h < 0 || h >= height) continue;
      for (let ow = 0; ow < outW; ow++) {
        const w = offW + ow * sw;
        if (w < 0 || w >= width) continue;
        const s = ((b * outH + oh) * outW + ow) * channels;
        dst.set(src.subarray(s, s + channels), ((b * height + h) * width + w) * channels);
      }
    }
  }
  return out;
}

/**
 * The shortest run that im2col copies by copyWithin rather than a loop. CPU ms, side by side, loop
 * vs copyWithin for every run: the Conv1D text classifier (96-float runs) 26.2 vs 23.3, the CNN's
 * first layer (30) 4.6 vs 3.4, its third (4) 3.1 vs 4.1, padded (6) 6.0 vs 8.9.
 */
const COPY_WITHIN_MIN_RUN = 16;


export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: "wasm",
  kernelFunc: conv2DBackpropInput as unknown as KernelFunc,
};

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: "wasm",
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};

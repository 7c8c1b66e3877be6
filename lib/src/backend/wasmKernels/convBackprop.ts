import * as tf from "@tensorflow/tfjs";
import { Conv2D, Conv2DBackpropFilter, Conv2DBackpropInput, Reverse } from "@tensorflow/tfjs";
import type { Conv2DBackpropFilterAttrs, Conv2DBackpropInputAttrs, KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { sliceFromHeap } from "./slicing.js";
import { asWasm, free, heapView, runWasm, transpose, type KernelArgs, type WasmBackend } from "./wasmBackend.js";

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
 * dW as a single forward Conv2D: x with batch and channel axes swapped is convolved with dy
 * (its batch axis becoming the input channels) dilated by the stride. The output is the filter
 * gradient with its axes swapped back. Measured against im2col (patches written from JS, then
 * patchesᵀ·dy): equal on the CNN's 2nd and Conv1D layers, 2.5× faster on the 3-channel first layer.
 */
function conv2DBackpropFilter({ inputs, backend: kernelBackend, attrs: a }: KernelArgs<Conv2DBackpropFilterAttrs>): TensorInfo {
  const backend = asWasm(kernelBackend);
  const x = inputs.x as TensorInfo;
  const dy = inputs.dy as TensorInfo;
  const info = convInfoOf(Conv2DBackpropFilter, x.shape, a.filterShape, a);
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
 * dx as a forward Conv2D of dy (zero-stuffed by the stride and padded) with the filter flipped in
 * both spatial axes and its channel axes swapped. The wasm Conv2DBackpropInput runs at ~3 GFLOPS,
 * a tenth of Conv2D's.
 */
function conv2DBackpropInput({ inputs, backend: kernelBackend, attrs: a }: KernelArgs<Conv2DBackpropInputAttrs>): TensorInfo {
  const backend = asWasm(kernelBackend);
  const dy = inputs.dy as TensorInfo;
  const filter = inputs.filter as TensorInfo;
  const info = convInfoOf(Conv2DBackpropInput, a.inputShape, filter.shape, a);
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

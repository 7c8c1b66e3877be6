export { DATA_DIR_ENV, dataDir, dataFile } from "./paths.js";
export { verifyDataChecksums, type ChecksumResult } from "./checksums.js";
export { readCsvFrame, readCsvRows, type CsvRow, type CsvValue, type ReadCsvOptions } from "./csv.js";
export { csvToTensors, type CsvTensors, type CsvToTensorsOptions } from "./csvToTensors.js";
export { parseIdx, readIdxGz, type IdxArray } from "./idx.js";
export {
  loadBreastCancer,
  loadBreastCancerTensors,
  loadDigits,
  loadPenguins,
  type ImageTensors,
  type TabularTensors,
} from "./tabular.js";
export {
  loadSentimentEn,
  loadSentimentZh,
  loadTangPoems,
  loadTinyShakespeare,
  type LabelledTexts,
  type TangPoem,
} from "./text.js";
export { FASHION_MNIST_CLASSES, loadFashionMnist, type FashionMnistOptions } from "./fashionMnist.js";
export { CIFAR10_CLASSES, CIFAR10_RECORD_BYTES, loadCifar10Binary, type Cifar10Options, type Cifar10Tensors } from "./cifar10.js";

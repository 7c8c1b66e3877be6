export { dataFile } from "./paths.js";
export { verifyDataChecksums, type ChecksumResult } from "./checksums.js";
export { csvToTensors, type CsvTensors, type CsvToTensorsOptions } from "./csvToTensors.js";
export {
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

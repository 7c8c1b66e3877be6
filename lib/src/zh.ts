/**
 * `@tsdl/lib/zh`: exactly lib's public API, speaking Chinese. The Chinese notebooks import from here, so
 * the words lib and display choose (progress lines, chart titles, summaries, class names) follow the
 * edition; importing it sets the language for the whole notebook run.
 */
import { setLanguage } from "@tsdl/display";

export * from "./index.js";
export { FASHION_MNIST_CLASSES_ZH as FASHION_MNIST_CLASSES, CIFAR10_CLASSES_ZH as CIFAR10_CLASSES } from "./words/classNames.js";

setLanguage("zh");

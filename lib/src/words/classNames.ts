/** Fashion-MNIST's classes in Chinese, in the order of `FASHION_MNIST_CLASSES` (the terms of notebooks/zh/07-vision). */
export const FASHION_MNIST_CLASSES_ZH = [
  "T恤/上衣", "裤子", "套头衫", "连衣裙", "外套",
  "凉鞋", "衬衫", "运动鞋", "包", "短靴",
] as const;

/** CIFAR-10's classes in Chinese, in the order of `CIFAR10_CLASSES`. */
export const CIFAR10_CLASSES_ZH = [
  "飞机", "汽车", "鸟", "猫", "鹿",
  "狗", "青蛙", "马", "船", "卡车",
] as const;

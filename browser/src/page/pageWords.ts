// The live controls' words in the page's edition (the handouts set <html lang>; tools/src/handouts/siteText.ts holds the rest of the site's words).
const WORDS = {
  en: {
    run: "▶ Run", runTitle: "Run this cell (Shift+Enter)",
    runAbove: "Run all above", runAboveTitle: "Run every cell of the page down to this one",
    stop: "■ Stop", stopTitle: "Stop the running cell",
    waiting: "waiting…", running: "running…",
    ran: (s: string) => `ran in ${s} s`, failed: (s: string) => `failed after ${s} s`, stopped: "stopped", restarted: "stopped; the runtime restarted",
    banner: "Every code cell runs in this page: press ▶ Run (nothing is sent anywhere).",
    download: "Download notebook (.ipynb)", downloadTitle: "Your edits as a notebook that opens in Jupyter",
    loading: "Loading the runtime…", ready: (backend: string) => `Runtime ready: TensorFlow.js on ${backend}`,
    runtimeRestarted: "The runtime was restarted to stop a cell that did not stop: what earlier cells defined is gone, run them again.",
    scriptsMissing: "the live runtime's scripts did not load (live/worker.js, live/wasm.js)",
    workerFailed: "the runtime's worker failed to start",
    scriptFailed: (src: string) => `could not load ${src}`, outputImage: "output image",
  },
  zh: {
    run: "▶ 运行", runTitle: "运行这个单元格（Shift+Enter）",
    runAbove: "运行以上全部", runAboveTitle: "从页首运行到这个单元格",
    stop: "■ 停止", stopTitle: "停止正在运行的单元格",
    waiting: "等待中…", running: "运行中…",
    ran: (s: string) => `用时 ${s} 秒`, failed: (s: string) => `${s} 秒后出错`, stopped: "已停止", restarted: "已停止；运行环境已重启",
    banner: "本页的每个代码单元格都能在页面中运行：按 ▶ 运行（不会向任何地方发送数据）。",
    download: "下载笔记本（.ipynb）", downloadTitle: "把你的修改保存为可在 Jupyter 中打开的笔记本",
    loading: "正在加载运行环境…", ready: (backend: string) => `运行环境已就绪：TensorFlow.js 使用 ${backend} 后端`,
    runtimeRestarted: "为了停止一个没有响应的单元格，运行环境已重启：之前单元格定义的内容都已丢失，请重新运行它们。",
    scriptsMissing: "运行环境的脚本没有加载（live/worker.js、live/wasm.js）",
    workerFailed: "运行环境的 worker 启动失败",
    scriptFailed: (src: string) => `无法加载 ${src}`, outputImage: "输出图像",
  },
};

/** The page's edition, which the runtime's worker also speaks. */
export const pageLanguage = document.documentElement.lang.startsWith("zh") ? "zh" : "en";
export const pageWords = WORDS[pageLanguage];

import { registerRenderer } from "@tsdl/display";
import { dataFrameRenderer } from "./dataFrameRenderer.js";
import { historyRenderer } from "./historyRenderer.js";
import { layersModelRenderer } from "./layersModelRenderer.js";
import { plotlyRenderer } from "./plotlyRenderer.js";
import { tensorRenderer } from "./tensorRenderer.js";

for (const renderer of [plotlyRenderer, historyRenderer, layersModelRenderer, dataFrameRenderer, tensorRenderer]) {
  registerRenderer(renderer);
}

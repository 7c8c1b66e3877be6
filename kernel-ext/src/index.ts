export { holdNextCell, releaseHeldCells } from "./display/holdNextCell.js";

/**
 * One Vega-Lite layer as built here. Vega-Lite's own spec types are a deep union that every layer
 * would have to be narrowed into; the compiled result is checked instead (the renderer fails on
 * Vega-Lite warnings in tests).
 */
export type VegaLiteLayer = Record<string, unknown>;

/** A trace either becomes layers or explains why it cannot be drawn statically. */
export type LayersOrReason = { layers: VegaLiteLayer[] } | { reason: string };

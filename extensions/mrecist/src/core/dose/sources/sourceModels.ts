/**
 * Registry of seed models with consensus data, keyed by Source Model ID (300A,021B). Add a model by adding its
 * data file and one entry here. Plans naming an unknown model fall back to DEFAULT_SOURCE_MODEL and say so
 * (brachytherapy-dosimetry.md section 1: model 6711 is the project default; the model used goes into every report).
 */
import type { SourceModel } from './SourceModel';
import { MODEL_6711 } from './model6711';

export const SOURCE_MODELS: Readonly<Record<string, Readonly<SourceModel>>> = Object.freeze({
  [MODEL_6711.sourceModelId]: MODEL_6711,
});

export const DEFAULT_SOURCE_MODEL = MODEL_6711;

/** Normalises vendor spellings such as "6711 OncoSeed" or "Model 6711" to the key. */
export function findSourceModel(sourceModelId: string | undefined): Readonly<SourceModel> | undefined {
  if (!sourceModelId) return undefined;
  const exact = SOURCE_MODELS[sourceModelId.trim()];
  if (exact) return exact;
  const digits = /\b(\d{3,5})\b/.exec(sourceModelId);
  return digits ? SOURCE_MODELS[digits[1]] : undefined;
}

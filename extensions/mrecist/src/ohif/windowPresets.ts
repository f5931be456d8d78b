/**
 * CT window presets (Hounsfield units) for reading the liver after TACE/brachytherapy.
 * - Liver, contrast-enhanced: W150 L90. Enhancing parenchyma sits around 80-130 HU in arterial/portal phases,
 *   a narrow window centred there separates arterially enhancing viable tumour from necrosis (~20-40 HU).
 * - Abdomen soft tissue: W400 L40 (Radiopaedia, "Windowing (CT)", standard abdominal soft-tissue window).
 * - Bone: W1800 L400 (Radiopaedia, same article); also keeps metal seeds and lipiodol from saturating.
 */
export interface WindowPreset {
  readonly id: string;
  readonly label: string;
  readonly windowWidthHu: number;
  readonly windowCenterHu: number;
}

export const CT_WINDOW_PRESETS: readonly WindowPreset[] = Object.freeze([
  { id: 'mrecistWindowLiver', label: 'Liver (contrast)', windowWidthHu: 150, windowCenterHu: 90 },
  { id: 'mrecistWindowAbdomen', label: 'Abdomen soft tissue', windowWidthHu: 400, windowCenterHu: 40 },
  { id: 'mrecistWindowBone', label: 'Bone', windowWidthHu: 1800, windowCenterHu: 400 },
]);

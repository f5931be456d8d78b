/**
 * Words that name a contrast phase in Series Description, Protocol Name and Image Comments, as data.
 *
 * Sources: the abbreviations in use on CT and MR consoles (NC/PRE/NATIVE/PLAIN; ART/AP/EAP/LAP/HAP;
 * PV/PVP/VEN/PORT; DEL/DELAY/EQ/TRANS; HBP/HEP), a compiled list whose frequencies are not published;
 * German: DocCheck Flexikon "Kontrastmittelphase", "Mehrphasen-CT"; French: radiologue.ma "scanner hépatique
 * triphasique" and reseauprosante.fr; Spanish: SERAM congress abstracts (elsevier.es); Italian:
 * ricercheradiologiche.it (Stabile Ianora, Lorusso); Chinese: hospital protocol pages (平扫, 动脉期, 门静脉期,
 * 延迟期, 平衡期, traditional 動脈期, 門靜脈期, 延遲期); Japanese: Kotobank "ダイナミックCT", Igaku-Shoin
 * 消化器疾患のCT・MRI診断 (単純, 動脈優位相, 門脈優位相, 平衡相, 遅延相; 肝細胞相 is the gadoxetate phase);
 * Korean: National Cancer Information Center (cancer.go.kr) terms.
 *
 * Strength says how much one word is worth on its own (see KEYWORD_WEIGHT). Words that mean something else in
 * DICOM too are weak: "AP" is also the anterior-posterior View Position (DICOM PS3.3 C.8.1.1), "PRE" also
 * pre-operative, "TRANS" also transverse. "LATE" alone is not listed: it means late arterial or delayed.
 * Latin-script terms match whole words (or a run of whole words) after lower-casing and removing accents;
 * Chinese, Japanese and Korean terms match anywhere in the text (those languages do not separate words).
 */
import type { ContrastSubphase, KnownPhase } from './ContrastPhase';

export type KeywordStrength = 'strong' | 'medium' | 'weak';

/** Weight of one keyword vote; a lone weak word stays below MIN_CONFIDENCE (classifySeriesPhase.ts). */
export const KEYWORD_WEIGHT: Readonly<Record<KeywordStrength, number>> = { strong: 0.7, medium: 0.5, weak: 0.3 };

export type KeywordLanguage = 'en' | 'vendor' | 'de' | 'fr' | 'es' | 'it' | 'zh' | 'ja' | 'ko';

export interface PhaseKeyword {
  readonly term: string;
  readonly phase: KnownPhase;
  readonly subphase?: ContrastSubphase;
  readonly strength: KeywordStrength;
  readonly language: KeywordLanguage;
}

const k = (
  language: KeywordLanguage,
  phase: KnownPhase,
  strength: KeywordStrength,
  terms: readonly string[],
  subphase?: ContrastSubphase,
): PhaseKeyword[] => terms.map((term) => ({ term, phase, strength, language, ...(subphase ? { subphase } : {}) }));

export const PHASE_KEYWORDS: readonly PhaseKeyword[] = Object.freeze([
  // English
  ...k('en', 'nonContrast', 'strong', ['non contrast', 'noncontrast', 'unenhanced', 'without contrast', 'pre contrast', 'precontrast', 'plain', 'native', 'no contrast']),
  ...k('en', 'nonContrast', 'weak', ['pre', 'mask']),
  ...k('en', 'arterial', 'strong', ['arterial', 'hepatic arterial', 'arterial phase']),
  ...k('en', 'arterial', 'strong', ['early arterial', 'early art'], 'early'),
  ...k('en', 'arterial', 'strong', ['late arterial', 'late art', 'late hepatic arterial'], 'late'),
  ...k('en', 'portalVenous', 'strong', ['portal venous', 'portal', 'portovenous', 'portal vein phase']),
  ...k('en', 'portalVenous', 'medium', ['venous']),
  ...k('en', 'delayed', 'strong', ['delayed', 'delay', 'equilibrium']),
  ...k('en', 'delayed', 'medium', ['late phase', 'excretory', 'urographic']),
  ...k('en', 'delayed', 'strong', ['transitional'], 'transitional'),
  ...k('en', 'hepatobiliary', 'strong', ['hepatobiliary', 'hepatocyte phase', 'hepatocellular phase']),
  // Vendor and console abbreviations
  ...k('vendor', 'nonContrast', 'medium', ['nc', 'ncct']),
  ...k('vendor', 'arterial', 'strong', ['art', 'hap', 'arterial1', 'arterial2']),
  ...k('vendor', 'arterial', 'strong', ['eap'], 'early'),
  ...k('vendor', 'arterial', 'strong', ['lap'], 'late'),
  ...k('vendor', 'arterial', 'weak', ['ap', 'cta', 'angio']),
  ...k('vendor', 'portalVenous', 'strong', ['pv', 'pvp']),
  ...k('vendor', 'portalVenous', 'medium', ['ven', 'port']),
  ...k('vendor', 'delayed', 'medium', ['del', 'eq', 'delay3', 'equil']),
  ...k('vendor', 'delayed', 'weak', ['trans'], 'transitional'),
  ...k('vendor', 'hepatobiliary', 'strong', ['hbp']),
  ...k('vendor', 'hepatobiliary', 'weak', ['hep']),
  // German
  ...k('de', 'nonContrast', 'strong', ['nativ', 'nativphase', 'ohne km']),
  ...k('de', 'arterial', 'strong', ['arteriell', 'arterielle', 'arterielle phase']),
  ...k('de', 'arterial', 'strong', ['fruharteriell', 'fruharterielle'], 'early'),
  ...k('de', 'arterial', 'strong', ['spatarteriell', 'spatarterielle'], 'late'),
  ...k('de', 'portalVenous', 'strong', ['portalvenos', 'portalvenose', 'pfortaderphase']),
  ...k('de', 'portalVenous', 'medium', ['venos', 'venose']),
  ...k('de', 'delayed', 'strong', ['spatphase', 'gleichgewichtsphase']),
  ...k('de', 'hepatobiliary', 'strong', ['leberspezifische phase', 'hepatobiliare phase']),
  // French
  ...k('fr', 'nonContrast', 'strong', ['sans injection', 'sans contraste', 'sans ivp']),
  ...k('fr', 'arterial', 'strong', ['arterielle', 'phase arterielle', 'temps arteriel', 'arteriel']),
  ...k('fr', 'arterial', 'strong', ['arterielle tardive', 'arteriel tardif'], 'late'),
  ...k('fr', 'arterial', 'medium', ['arterio porte', 'arterio portal', 'arterio portale'], 'late'),
  ...k('fr', 'portalVenous', 'strong', ['temps portal', 'phase portale', 'portale', 'veineux portal']),
  ...k('fr', 'delayed', 'strong', ['tardif', 'tardive', 'phase tardive', 'temps tardif']),
  ...k('fr', 'hepatobiliary', 'strong', ['hepatobiliaire', 'phase hepatobiliaire']),
  // Spanish
  ...k('es', 'nonContrast', 'strong', ['sin contraste']),
  ...k('es', 'nonContrast', 'medium', ['basal', 'simple']),
  ...k('es', 'arterial', 'strong', ['fase arterial']),
  ...k('es', 'arterial', 'strong', ['arterial tardia'], 'late'),
  ...k('es', 'portalVenous', 'strong', ['fase portal', 'portal venosa', 'venosa portal']),
  ...k('es', 'delayed', 'strong', ['tardia', 'fase tardia', 'equilibrio', 'fase de equilibrio']),
  ...k('es', 'hepatobiliary', 'strong', ['hepatobiliar', 'fase hepatobiliar']),
  // Italian
  ...k('it', 'nonContrast', 'strong', ['diretta', 'senza mdc', 'senza contrasto', 'pre mdc']),
  ...k('it', 'nonContrast', 'medium', ['basale']),
  ...k('it', 'arterial', 'strong', ['arteriosa', 'fase arteriosa', 'arteriosa tardiva']),
  ...k('it', 'portalVenous', 'strong', ['portale', 'fase portale', 'venosa portale']),
  ...k('it', 'portalVenous', 'medium', ['venosa', 'fase venosa']),
  ...k('it', 'delayed', 'strong', ['tardiva', 'fase tardiva']),
  ...k('it', 'hepatobiliary', 'strong', ['epatobiliare', 'fase epatobiliare']),
  // Chinese (simplified and traditional)
  ...k('zh', 'nonContrast', 'strong', ['平扫', '平掃']),
  ...k('zh', 'arterial', 'strong', ['动脉期', '動脈期']),
  ...k('zh', 'arterial', 'strong', ['动脉早期', '動脈早期'], 'early'),
  ...k('zh', 'arterial', 'strong', ['动脉晚期', '動脈晚期'], 'late'),
  ...k('zh', 'portalVenous', 'strong', ['门脉期', '门静脉期', '門脈期', '門靜脈期']),
  ...k('zh', 'portalVenous', 'medium', ['静脉期', '靜脈期']),
  ...k('zh', 'delayed', 'strong', ['延迟期', '延遲期', '平衡期']),
  ...k('zh', 'hepatobiliary', 'strong', ['肝胆期', '肝膽期', '肝胆特异期']),
  // Japanese
  ...k('ja', 'nonContrast', 'strong', ['単純']),
  ...k('ja', 'arterial', 'strong', ['動脈相', '動脈優位相']),
  ...k('ja', 'arterial', 'strong', ['早期動脈相'], 'early'),
  ...k('ja', 'arterial', 'strong', ['後期動脈相'], 'late'),
  ...k('ja', 'portalVenous', 'strong', ['門脈相', '門脈優位相']),
  ...k('ja', 'delayed', 'strong', ['平衡相', '遅延相']),
  ...k('ja', 'hepatobiliary', 'strong', ['肝細胞相']),
  // Korean
  ...k('ko', 'nonContrast', 'strong', ['비조영']),
  ...k('ko', 'arterial', 'strong', ['동맥기']),
  ...k('ko', 'portalVenous', 'strong', ['문맥기']),
  ...k('ko', 'portalVenous', 'medium', ['정맥기']),
  ...k('ko', 'delayed', 'strong', ['지연기']),
  ...k('ko', 'hepatobiliary', 'strong', ['간담도기']),
]);

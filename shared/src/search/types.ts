/**
 * A search index entry: computed once when the catalog is built (with pinyin-pro, on the server),
 * then shipped to the device, which matches offline without any pinyin dictionary.
 */
export interface SearchField {
  /** Normalised text (title, alias, category name…). */
  text: string;
  /** How much a match in this field counts, 0..1. */
  weight: number;
  /** Full pinyin without tones or separators, e.g. `tuixiuyanzheng`; empty for fields matched by text only. */
  py: string;
  /** Offsets in `py` where a syllable starts. */
  starts: number[];
  /** First letters of the syllables, e.g. `txyz`. */
  initials: string;
}

export interface SearchEntry {
  code: string;
  title: string;
  category: string;
  fields: SearchField[];
}

export interface SearchIndex {
  version: string;
  entries: SearchEntry[];
}

export interface SearchHit {
  code: string;
  title: string;
  category: string;
  score: number;
}

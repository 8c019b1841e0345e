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
  /** 去哪办 and 随手拍 answers, matched like matters but returned apart from them. */
  places?: PlaceEntry[];
  /**
   * Traditional → simplified pairs (opencc-js at build time), as one string of two-character
   * pairs, kept only for characters the index contains: the device folds a query without the library.
   */
  fold?: string;
  /**
   * Syllable → common characters read that way, for syllables the index can match (fuzzy
   * variants included), so a typed homophone (低包) is matched by sound without a pinyin dictionary.
   */
  sounds?: Record<string, string>;
  /** Everyday word → the catalog's word (裁员 → 失业). */
  synonyms?: [variant: string, word: string][];
}

export interface PlaceEntry extends SearchEntry {
  type: 'where' | 'report';
  office?: string;
  note?: string;
  urgent?: boolean;
  emergency?: { name: string; phone: string };
}

/** A 去哪办 or 随手拍 answer; `category` is the report category for type report. */
export interface PlaceHit {
  type: 'where' | 'report';
  code: string;
  title: string;
  office?: string;
  category?: string;
  note?: string;
  urgent?: boolean;
  emergency?: { name: string; phone: string };
}

export interface SearchAnswer {
  results: SearchHit[];
  /** 去哪办 / 随手拍 answers, best first; when one fits, matters that fit less are left out. */
  answers: PlaceHit[];
}

export interface SearchHit {
  code: string;
  title: string;
  category: string;
  score: number;
}

/** 综合窗口 walk-ins: what became of one (the `outcome` codes of desk.walkin), in words. No imports. */
export const WALKIN_OUTCOME_LABELS = { onTheSpot: '当场办结', handoff: '流转后台' } as const;
export type WalkinOutcomeCode = keyof typeof WALKIN_OUTCOME_LABELS;

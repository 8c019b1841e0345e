/**
 * 满意度回访: rating rules and the auto-close decision, pure. A rating is a score 1–5, an optional
 * comment and "问题解决了吗" (resolved / partial / unresolved). Satisfied = score ≥ 4; a score ≤ 2 or
 * "unresolved" reopens the request to its first responder and opens a 回访 task for the community
 * admin. A resolved request nobody rates closes after 7 days as unrated — never as satisfied.
 */

import { OUTCOME_LABELS, type RatingOutcome } from '../vocabulary/requests';
export { RATING_OUTCOMES, type RatingOutcome } from '../vocabulary/requests';
/** The outcome words, from the vocabulary. */
export const RATING_OUTCOME_LABELS = OUTCOME_LABELS;

/** A score at or above this is "satisfied". */
export const SATISFIED_SCORE = 4;
/** A score at or below this reopens the request. */
export const REOPEN_SCORE = 2;
/** Days after resolution an unrated request closes by itself. */
export const AUTO_CLOSE_DAYS = 7;

export const FOLLOWUP_STATUSES = ['open', 'done'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];

export interface RatingInput {
  score: number;
  outcome?: RatingOutcome;
}

export interface RatingJudgement {
  /** As given, or derived from the score (≥ 4 resolved, 3 partial, ≤ 2 unresolved). */
  outcome: RatingOutcome;
  /** Score ≥ 4 (whatever the outcome). */
  satisfied: boolean;
  /** Score ≤ 2 or "unresolved": back to the first responder, plus a 回访 task. */
  reopen: boolean;
}

/** The outcome a score stands for when the resident did not answer "问题解决了吗". */
export function deriveOutcome(score: number): RatingOutcome {
  if (score >= SATISFIED_SCORE) return 'resolved';
  if (score > REOPEN_SCORE) return 'partial';
  return 'unresolved';
}

export function judgeRating({ score, outcome }: RatingInput): RatingJudgement {
  const o = outcome ?? deriveOutcome(score);
  return { outcome: o, satisfied: score >= SATISFIED_SCORE, reopen: score <= REOPEN_SCORE || o === 'unresolved' };
}

export interface AutoCloseCandidate {
  status: string;
  resolvedAt?: string;
  rating?: unknown;
}

/**
 * Whether the timer closes the request now as unrated: resolved, never rated, and resolved at
 * least 7 × 24 h before `now`. Anything else (already closed, rated, reopened) → false, so
 * deciding twice closes once.
 */
export function shouldAutoClose(request: AutoCloseCandidate, now: string, days = AUTO_CLOSE_DAYS): boolean {
  if (request.status !== 'resolved' || request.rating !== undefined || !request.resolvedAt) return false;
  return Date.parse(now) - Date.parse(request.resolvedAt) >= days * 86_400_000;
}

/** The latest resolvedAt that is due for auto-close at `now` (a store filter bound). */
export function autoCloseCutoff(now: string, days = AUTO_CLOSE_DAYS): string {
  return new Date(Date.parse(now) - days * 86_400_000).toISOString();
}

import { maskText } from '../privacy/mask';
import type { ServiceRequest } from './requestState';

/**
 * What a resident's account deletion (PIPL art. 47) does to one of their requests. The handling
 * record stays — the community must be able to account for work done, and the dashboard's figures
 * must not change — but it no longer points at the person: the OPENID becomes a pseudonym that
 * nothing maps back, phone and ID numbers in their words are masked, photos are dropped (the caller
 * deletes the files), and a visit's location (their home) is removed; a report's location (a
 * street lamp, a pothole) is a public place and stays for the grid figures.
 */
export function eraseOwner(request: ServiceRequest, owner: string, pseudonym: string): ServiceRequest {
  if (request.owner !== owner) return request;
  const { location, rating, ...rest } = request;
  return {
    ...rest,
    owner: pseudonym,
    description: maskText(request.description),
    photos: [],
    ...(location && request.kind !== 'visit' && { location }),
    ...(rating && { rating: { ...rating, ...(rating.comment !== undefined && { comment: maskText(rating.comment) }) } }),
    timeline: request.timeline.map((e) => (e.by === owner ? { ...e, by: pseudonym, ...(e.note !== undefined && { note: maskText(e.note) }) } : e)),
  };
}

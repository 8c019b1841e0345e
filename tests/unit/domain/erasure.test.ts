import { eraseOwner } from '@qgt/shared/domain/erasure';
import { createRequest, type ServiceRequest } from '@qgt/shared/domain/requestState';

/** Account deletion (PIPL art. 47) on one request: the record stays, the person goes. */

const NOW = '2026-10-09T08:00:00.000Z';
const HOME = { lat: 30.5, lng: 104.1 };

function request(kind: 'report' | 'visit', extra: Partial<ServiceRequest> = {}): ServiceRequest {
  const r = createRequest({ id: 'r1', kind, owner: 'res-1', description: '电话13912345678，身份证510104199001011234', category: 'environment', assignee: 'w-1', dueAt: '2026-10-12T16:00:00.000Z' }, NOW);
  return {
    ...r,
    location: HOME,
    photos: ['cloud://a.jpg'],
    rating: { score: 2, comment: '回电13912345678', at: NOW },
    timeline: [
      { at: NOW, type: 'create', by: 'res-1', note: '联系13912345678' },
      { at: NOW, type: 'accept', by: 'w-1', note: '已联系13912345678' },
      { at: NOW, type: 'addNote', by: 'res-1' },
    ],
    ...extra,
  } as ServiceRequest;
}

describe('eraseOwner', () => {
  it('leaves another person’s request as it is (the same object)', () => {
    const r = request('report');
    expect(eraseOwner(r, 'res-2', 'gone-1')).toBe(r);
  });

  it('replaces the owner by the pseudonym, masks their words, drops photos, keeps a report’s public place', () => {
    const out = eraseOwner(request('report'), 'res-1', 'gone-1');
    expect(out.owner).toBe('gone-1');
    expect(out.description).not.toContain('13912345678');
    expect(out.description).not.toContain('510104199001011234');
    expect(out.photos).toEqual([]);
    expect(out.location).toEqual(HOME);
    expect(out.rating).toEqual({ score: 2, comment: expect.not.stringContaining('13912345678'), at: NOW });
    // Their own timeline entries are theirs no more, their notes masked; staff entries stay untouched.
    expect(out.timeline.map((e) => [e.by, e.note])).toEqual([
      ['gone-1', expect.not.stringContaining('13912345678')],
      ['w-1', '已联系13912345678'],
      ['gone-1', undefined],
    ]);
    expect('note' in out.timeline[2]).toBe(false);
    expect(out.timeline[0].note).toMatch(/^联系.*5678$/);
  });

  it('removes a visit’s location (their home) and keeps a rating without a comment as it was', () => {
    const out = eraseOwner(request('visit', { rating: { score: 5, at: NOW } }), 'res-1', 'gone-1');
    expect('location' in out).toBe(false);
    expect(out.rating).toStrictEqual({ score: 5, at: NOW });
  });

  it('adds no location or rating a request did not have', () => {
    const { location: _l, rating: _r, ...bare } = request('report');
    const out = eraseOwner(bare as ServiceRequest, 'res-1', 'gone-1');
    expect('location' in out).toBe(false);
    expect('rating' in out).toBe(false);
  });
});

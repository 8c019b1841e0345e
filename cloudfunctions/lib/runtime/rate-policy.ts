import type { RateRule } from '@qgt/shared/domain/rateLimit';

const MINUTE = 60_000;

/** Budgets per caller identity (OPENID). Creating is the abuse target, so it gets the tightest. */
export const RATE_RULES = {
  create: { name: 'create', max: 20, windowMs: MINUTE },
  write: { name: 'write', max: 120, windowMs: MINUTE },
  upload: { name: 'upload', max: 30, windowMs: MINUTE },
  qr: { name: 'qr', max: 30, windowMs: MINUTE },
} as const satisfies Record<string, RateRule>;

type RuleName = keyof typeof RATE_RULES;

/**
 * Which budget each `function.action` spends; `null` = not limited (reads, and the timer run by
 * the system). Every action must be listed — a unit test checks this against the handler tables —
 * so a new write cannot ship unlimited by omission.
 */
export const RATE_POLICY: Record<string, RuleName | null> = {
  'account.me': null,
  'account.delete': 'write',
  'account.login': null,
  'account.logout': null,
  'account.webLogin.start': null,
  'account.webLogin.get': null,
  'account.webLogin.confirm': 'write',
  'account.webLogin.poll': null,
  'admin.audit.list': null,
  'account.subscribed': 'write',
  'account.messages': null,
  'account.messages.read': 'write',
  'guide.list': null,
  'guide.get': null,
  'guide.search': null,
  'guide.scene': null,
  'guide.catalog': null,
  'guide.lifeEvent': null,
  'guide.qr': 'qr',
  'requests.create': 'create',
  'requests.duplicates': null,
  'requests.follow': 'write',
  'requests.mine': null,
  'requests.get': null,
  'requests.photos': null,
  'requests.mediaChecked': null,
  'requests.cancel': 'write',
  'requests.rate': 'write',
  'requests.urge': 'write',
  'requests.options': null,
  'booking.slots': null,
  'booking.reschedule': 'write',
  'booking.cancel': 'write',
  'work.inbox': null,
  'work.accept': 'write',
  'work.transfer': 'write',
  'work.escalate': 'write',
  'work.resolve': 'write',
  'work.note': 'write',
  'work.returnFromDepartment': 'write',
  'work.visits': null,
  'work.directory': null,
  'admin.catalog.draft.get': null,
  'admin.catalog.publish': 'write',
  'admin.catalog.review': null,
  'admin.catalog.reportClose': 'write',
  'admin.catalog.versions': null,
  'admin.buildings.upsert': 'write',
  'admin.buildings.list': null,
  'admin.stations.upsert': 'write',
  'admin.stations.list': null,
  'admin.roles.set': 'write',
  'admin.roles.list': null,
  'admin.partners.upsert': 'write',
  'admin.metrics': null,
  'admin.grids.import': 'write',
  'admin.grids.list': null,
  'admin.communities.upsert': 'write',
  'admin.communities.list': null,
  'admin.categories.upsert': 'write',
  'admin.workers.upsert': 'write',
  'admin.workers.list': null,
  'admin.departments.upsert': 'write',
  'admin.departments.list': null,
  'admin.requests.list': null,
  'admin.followups.list': null,
  'admin.followups.record': 'write',
  'timer.tick': null,
  'visits.log': 'write',
  'visits.mine': null,
  'visits.households.upsert': 'write',
  'visits.households.list': null,
  'visits.home': null,
  'visits.targets': null,
  'desk.walkin': 'write',
  'desk.reportError': 'write',
  'desk.notice': null,
  'desk.today': null,
  'desk.related': null,
  'desk.roster.set': 'write',
  'desk.roster.get': null,
};

/** The budget of an action; an action missing from the policy counts as a write. */
export function ruleFor(fn: string, action: string): RateRule | null {
  const key = `${fn}.${action}`;
  const name = Object.prototype.hasOwnProperty.call(RATE_POLICY, key) ? RATE_POLICY[key] : 'write';
  return name ? RATE_RULES[name] : null;
}

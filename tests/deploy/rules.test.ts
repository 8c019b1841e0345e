import { COLLECTIONS } from '../../cloudfunctions/lib/store/collections';
import { DENY_ALL, deployPlan, indexDefinitions, STORAGE_RULE } from '../../scripts/deploy-plan';
import { applyRulesAndIndexes, type RulesManager } from '../../scripts/deploy-rules';

/**
 * Security rules, indexes and the storage rule go into the environment through @cloudbase/manager-node
 * (tcb ModifySafeRule / DescribeSafeRule, database.updateCollection / checkIndexExists,
 * storage.setStorageAcl / getStorageAcl), tested against a fake manager that refuses what the
 * service refuses: a collection that does not exist, CUSTOM without a rule, an index created twice.
 */
function fakeManager(collections: string[]) {
  const rules = new Map<string, { AclTag: string; Rule?: string }>();
  const indexes = new Map<string, Map<string, { Name: string; Direction: string }[]>>(collections.map((c) => [c, new Map()]));
  let storage: { acl: string; rule?: { read: unknown; write: unknown } } = { acl: 'PRIVATE' };
  const calls: string[] = [];
  const missing = (c: string) => Object.assign(new Error(`[ResourceNotFound] collection ${c} not exist`), { code: 'ResourceNotFound' });
  /** Set to make the service keep a simple permission instead of the custom rule (as a console edit would). */
  const quirks = { dropRuleOf: '' };
  const manager: RulesManager = {
    commonService: () => ({
      async call({ Action, Param }) {
        calls.push(Action);
        const c = String(Param.CollectionName);
        if (!indexes.has(c)) throw missing(c);
        if (Action === 'ModifySafeRule') {
          if (Param.AclTag === 'CUSTOM' && !Param.Rule) throw new Error('[InvalidParameter] Rule is required when AclTag is CUSTOM');
          JSON.parse(String(Param.Rule)); // the service refuses a rule that is not JSON
          rules.set(c, c === quirks.dropRuleOf ? { AclTag: 'ADMINONLY' } : { AclTag: String(Param.AclTag), Rule: String(Param.Rule) });
          return { RequestId: 'r' };
        }
        if (Action === 'DescribeSafeRule') return { RequestId: 'r', AclTag: rules.get(c)?.AclTag ?? 'PRIVATE', Rule: rules.get(c)?.Rule ?? null };
        throw new Error(`[InvalidAction] ${Action}`);
      },
    }),
    database: {
      async checkIndexExists(c, name) {
        if (!indexes.has(c)) throw missing(c);
        return { Exists: indexes.get(c)!.has(name) };
      },
      async updateCollection(c, info) {
        if (!indexes.has(c)) throw missing(c);
        for (const i of info.CreateIndexes ?? []) {
          if (indexes.get(c)!.has(i.IndexName)) throw new Error(`[FailedOperation] index ${i.IndexName} already exists`);
          indexes.get(c)!.set(i.IndexName, i.MgoKeySchema.MgoIndexKeys);
        }
        return { RequestId: 'r' };
      },
    },
    storage: {
      async setStorageAcl(acl, rule) {
        if (acl === 'CUSTOM' && !rule) throw new Error('rule is required for CUSTOM');
        storage = { acl, rule };
        return { RequestId: 'r' };
      },
      async getStorageAcl() {
        return storage;
      },
    },
  };
  return { manager, rules, indexes, calls, quirks, storage: () => storage };
}

const NAMES = Object.keys(COLLECTIONS);
const wanted = () => ({ env: 'prod-1', rules: Object.fromEntries(NAMES.map((c) => [c, DENY_ALL])), indexes: indexDefinitions(), storage: STORAGE_RULE });
const indexCount = Object.values(indexDefinitions()).reduce((n, d) => n + d.length, 0);

it('sets every collection’s rule, creates every index and the storage rule, and reads each back', async () => {
  const fake = fakeManager(NAMES);
  const report = await applyRulesAndIndexes(fake.manager, wanted());
  expect(report.rules.sort()).toEqual([...NAMES].sort());
  expect(report.indexesCreated).toHaveLength(indexCount);
  for (const c of NAMES) expect(JSON.parse(fake.rules.get(c)!.Rule!)).toEqual({ read: false, write: false });
  expect(fake.indexes.get('requests')!.size).toBe(COLLECTIONS.requests.indexes.length);
  const [first] = indexDefinitions().requests;
  expect(fake.indexes.get('requests')!.get(first.name)).toEqual(first.keys.map((k) => ({ Name: k.name, Direction: k.direction })));
  expect(fake.storage()).toEqual({ acl: 'CUSTOM', rule: STORAGE_RULE });
});

it('can be repeated: existing indexes are kept, never created twice', async () => {
  const fake = fakeManager(NAMES);
  await applyRulesAndIndexes(fake.manager, wanted());
  const again = await applyRulesAndIndexes(fake.manager, wanted());
  expect(again.indexesCreated).toEqual([]);
  expect(again.indexesKept).toHaveLength(indexCount);
});

it('fails loudly, naming each, when a collection is missing or a rule does not read back as set', async () => {
  const fake = fakeManager(NAMES.filter((c) => c !== 'requests'));
  fake.quirks.dropRuleOf = 'users';
  const run = applyRulesAndIndexes(fake.manager, wanted());
  await expect(run).rejects.toThrow(/requests: security rule not set \(\[ResourceNotFound\]/);
  await expect(applyRulesAndIndexes(fake.manager, wanted())).rejects.toThrow(/users: security rule reads back as ADMINONLY/);
  await expect(applyRulesAndIndexes(fake.manager, wanted())).rejects.toThrow(/requests\.[a-zA-Z_]+: index not created/);
  // Everything else was still applied: a re-run after creating the collection finishes the job.
  expect(JSON.parse(fake.rules.get('outbox')!.Rule!)).toEqual(DENY_ALL);
});

it('is a step of the deploy with an API key; without one the console steps stay', () => {
  const base = { env: 'prod-1', configFile: '.tmp/x.json', functions: [], permissions: {}, weapp: false, appid: 'wx1' };
  const withKey = deployPlan({ ...base, credentials: { secretId: 'a', secretKey: 'b' } });
  const applied = withKey.find((s) => s.task === 'apply-rules');
  expect(applied?.details).toEqual(expect.arrayContaining([`  requests: ${JSON.stringify(DENY_ALL)}`]));
  expect(withKey.indexOf(applied!)).toBeGreaterThan(withKey.findIndex((s) => s.task === 'create-collections'));
  expect(withKey.some((s) => /security rules|indexes|Storage rule/.test(s.title) && s.manual)).toBe(false);
  const byHand = deployPlan({ ...base, credentials: null });
  expect(byHand.some((s) => s.task === 'apply-rules')).toBe(false);
  expect(byHand.filter((s) => /Database security rules|Database indexes|Storage rule/.test(s.title) && s.manual)).toHaveLength(3);
});

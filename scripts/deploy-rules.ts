/**
 * Database security rules, indexes and the storage rule applied through the management API
 * (@cloudbase/manager-node, the same API key as the CLI), instead of a console checklist:
 * - rules: tcb ModifySafeRule {EnvId, CollectionName, AclTag: 'CUSTOM', Rule} per collection, read
 *   back with DescribeSafeRule (a rule the service did not keep fails the deploy);
 * - indexes: `database.updateCollection(name, {CreateIndexes})` for each index `checkIndexExists`
 *   does not find (an existing index with our name is kept: names encode the keys);
 * - storage: `storage.setStorageAcl('CUSTOM', rule)`, read back with getStorageAcl({withRule}).
 * Every step can be repeated.
 */
import type { IndexDefinition } from './deploy-plan';

/** The parts of manager-node's CloudBase object used here (a fake in tests/deploy). */
export interface RulesManager {
  commonService(service?: string, version?: string): { call(options: { Action: string; Param: Record<string, unknown> }): Promise<any> };
  database: {
    checkIndexExists(collection: string, index: string): Promise<{ Exists: boolean }>;
    updateCollection(collection: string, info: { CreateIndexes?: { IndexName: string; MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean } }[] }): Promise<unknown>;
  };
  storage: {
    setStorageAcl(acl: 'CUSTOM', rule: { read: string | boolean; write: string | boolean }): Promise<unknown>;
    getStorageAcl(options: { withRule: true }): Promise<{ acl: string; rule?: { read?: unknown; write?: unknown } }>;
  };
}

export interface RulesWanted {
  env: string;
  /** collection → rule (`{read, write}`). */
  rules: Record<string, { read: string | boolean; write: string | boolean }>;
  indexes: Record<string, IndexDefinition[]>;
  storage: { read: string; write: string };
}

export interface RulesReport {
  rules: string[];
  indexesCreated: string[];
  indexesKept: string[];
}

const sameRule = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Applies everything, then throws one error naming every rule or index that did not take. */
export async function applyRulesAndIndexes(manager: RulesManager, wanted: RulesWanted): Promise<RulesReport> {
  const problems: string[] = [];
  const report: RulesReport = { rules: [], indexesCreated: [], indexesKept: [] };
  const tcb = manager.commonService();
  for (const [collection, rule] of Object.entries(wanted.rules)) {
    try {
      await tcb.call({ Action: 'ModifySafeRule', Param: { EnvId: wanted.env, CollectionName: collection, AclTag: 'CUSTOM', Rule: JSON.stringify(rule) } });
      const back = (await tcb.call({ Action: 'DescribeSafeRule', Param: { EnvId: wanted.env, CollectionName: collection } })) as { AclTag?: string; Rule?: string | null };
      if (back.AclTag !== 'CUSTOM' || !back.Rule || !sameRule(JSON.parse(back.Rule), rule)) problems.push(`${collection}: security rule reads back as ${back.AclTag ?? '?'} ${back.Rule ?? ''}`);
      else report.rules.push(collection);
    } catch (e) {
      problems.push(`${collection}: security rule not set (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  for (const [collection, defs] of Object.entries(wanted.indexes)) {
    for (const def of defs) {
      const label = `${collection}.${def.name}`;
      try {
        if ((await manager.database.checkIndexExists(collection, def.name)).Exists) {
          report.indexesKept.push(label);
          continue;
        }
        await manager.database.updateCollection(collection, {
          CreateIndexes: [{ IndexName: def.name, MgoKeySchema: { MgoIndexKeys: def.keys.map((k) => ({ Name: k.name, Direction: k.direction })), MgoIsUnique: def.unique } }],
        });
        if (!(await manager.database.checkIndexExists(collection, def.name)).Exists) problems.push(`${label}: index not found after creating it`);
        else report.indexesCreated.push(label);
      } catch (e) {
        problems.push(`${label}: index not created (${e instanceof Error ? e.message : String(e)})`);
      }
    }
  }
  try {
    await manager.storage.setStorageAcl('CUSTOM', wanted.storage);
    const back = await manager.storage.getStorageAcl({ withRule: true });
    if (back.acl !== 'CUSTOM' || !sameRule({ read: back.rule?.read, write: back.rule?.write }, wanted.storage)) problems.push(`storage: rule reads back as ${back.acl} ${JSON.stringify(back.rule ?? {})}`);
  } catch (e) {
    problems.push(`storage: rule not set (${e instanceof Error ? e.message : String(e)})`);
  }
  if (problems.length) throw new Error(`security rules and indexes are not as deployed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return report;
}

/** manager-node over the API key. */
export async function rulesManager(env: string, secretId: string, secretKey: string): Promise<RulesManager> {
  const { default: CloudBase } = (await import('@cloudbase/manager-node')) as unknown as { default: new (o: { envId: string; secretId: string; secretKey: string }) => RulesManager };
  return new CloudBase({ envId: env, secretId, secretKey });
}

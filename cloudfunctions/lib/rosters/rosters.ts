import { AppError } from '@qgt/shared/errors';
import type { Building, Worker } from '@qgt/shared/domain/community';
import { parseRoster, problemText, ROSTER_COLUMNS, ROSTER_TITLES, type RosterKind, type RosterRow, type RowProblem } from '@qgt/shared/admin/rosters';
import type { Context } from '../runtime/context';
import { USERS } from '../runtime/caller';
import type { RosterPreview } from '@qgt/shared/admin/api';
import type { AdminScope } from '../community/scope';
import { BUILDINGS, WORKERS, type WithId } from '../community/store';
import { upsertWorker } from '../community/admin';
import { loadCatalog } from '../catalog/published';
import { readFirstSheet, writeWorkbook } from './xlsx';
import { keyHouseholds } from '../visits/store';
import { maskPhone } from '@qgt/shared/privacy/mask';

/**
 * Rosters from Excel: a template to fill in, a preview that checks every row (the sheet's own
 * rules, then the store's: the admin's communities, grids, 事项, B角), and an import that writes
 * only when every row is valid — the same checks run again, so nothing is ever half-imported by
 * a bad row. Rows are written through the same rules as the admin's one-at-a-time forms.
 */

export async function rosterTemplate(kind: RosterKind): Promise<{ fileName: string; file: string }> {
  const columns = ROSTER_COLUMNS[kind];
  const bytes = await writeWorkbook([{ name: ROSTER_TITLES[kind], rows: [columns.map((c) => (c.required ? `${c.header}` : c.header)), columns.map((c) => c.example)], bold: [1] }]);
  return { fileName: `${ROSTER_TITLES[kind]}导入模板.xlsx`, file: bytes.toString('base64') };
}

interface Plan<K extends RosterKind> {
  rows: { row: number; value: RosterRow<K> }[];
  problems: RowProblem[];
  existing: Set<string>;
}

async function planWorkers(ctx: Context, scope: AdminScope, rows: { row: number; value: RosterRow<'workers'> }[], problems: RowProblem[]): Promise<Plan<'workers'>> {
  const col = (field: string) => ROSTER_COLUMNS.workers.find((c) => c.field === field)!.header;
  const ids = rows.map((r) => r.value.openid);
  const backups = rows.flatMap((r) => (r.value.backup ? [r.value.backup] : []));
  const [workers, users, { byCode }] = await Promise.all([
    ctx.store.collection<WithId<Worker>>(WORKERS).find({ _id: { $in: [...new Set([...ids, ...backups])] } }, { limit: 10_000 }),
    ctx.store.collection(USERS).find({ _id: { $in: ids } }, { limit: 10_000 }),
    loadCatalog(ctx.store),
  ]);
  const stored = new Map(workers.map((w) => [w._id, w]));
  const user = new Map(users.map((u) => [u._id, u]));
  const sheet = new Map(rows.map((r) => [r.value.openid, r.value]));
  const mine = new Set(scope.communities);
  for (const { row, value: w } of rows) {
    const at = (field: string, message: string) => problems.push({ row, column: col(field), message });
    if (!mine.has(w.community)) at('community', `无权管理社区：${w.community}`);
    const before = stored.get(w.openid);
    if (before && !mine.has(before.community)) at('openid', `该网格员属于其他社区（${before.community}）`);
    const u = user.get(w.openid);
    if (u && u.role !== 'resident' && u.communities?.length && !u.communities.some((c) => mine.has(c))) at('openid', '无权管理其他社区的人员');
    w.grids?.forEach((g) => {
      if (!scope.state.grids.some((x) => x.code === g && x.community === w.community)) at('grids', `本社区没有网格：${g}`);
    });
    w.skills?.forEach((s) => {
      if (!byCode.has(s)) at('skills', `未知事项：${s}`);
    });
    if (w.backup) {
      const b = sheet.get(w.backup) ?? stored.get(w.backup);
      if (w.backup === w.openid) at('backup', 'B角不能是本人');
      else if (!b) at('backup', `B角未登记：${w.backup}`);
      else if (b.community !== w.community) at('backup', `B角不属于社区 ${w.community}`);
    }
  }
  return { rows, problems, existing: new Set(workers.filter((w) => ids.includes(w._id)).map((w) => w._id)) };
}

async function planBuildings(ctx: Context, scope: AdminScope, rows: { row: number; value: RosterRow<'buildings'> }[], problems: RowProblem[]): Promise<Plan<'buildings'>> {
  const col = (field: string) => ROSTER_COLUMNS.buildings.find((c) => c.field === field)!.header;
  const stored = new Map((await ctx.store.collection<WithId<Building>>(BUILDINGS).find({ _id: { $in: rows.map((r) => r.value.code) } }, { limit: 10_000 })).map((b) => [b._id, b]));
  const gridCommunity = new Map(scope.state.grids.map((g) => [g.code, g.community]));
  const mine = new Set(scope.communities);
  for (const { row, value: b } of rows) {
    const community = gridCommunity.get(b.grid);
    if (!community) problems.push({ row, column: col('grid'), message: `找不到网格：${b.grid}` });
    else if (!mine.has(community)) problems.push({ row, column: col('grid'), message: `无权管理社区：${community}` });
    const before = stored.get(b.code);
    if (before && !mine.has(gridCommunity.get(before.grid) ?? '')) problems.push({ row, column: col('code'), message: '该楼栋属于其他社区' });
  }
  return { rows, problems, existing: new Set(stored.keys()) };
}

async function planHouseholds(ctx: Context, scope: AdminScope, rows: { row: number; value: RosterRow<'households'> }[], problems: RowProblem[]): Promise<Plan<'households'>> {
  const col = (field: string) => ROSTER_COLUMNS.households.find((c) => c.field === field)!.header;
  const [stored, workers, buildings] = await Promise.all([
    keyHouseholds(ctx.store).find({ _id: { $in: rows.map((r) => r.value.code) } }, { limit: 10_000 }),
    ctx.store.collection<WithId<Worker>>(WORKERS).find({ _id: { $in: [...new Set(rows.map((r) => r.value.worker))] } }, { limit: 10_000 }),
    ctx.store.collection<WithId<Building>>(BUILDINGS).find({ _id: { $in: rows.flatMap((r) => (r.value.buildingCode ? [r.value.buildingCode] : [])) } }, { limit: 10_000 }),
  ]);
  const before = new Map(stored.map((h) => [h._id, h]));
  const worker = new Map(workers.map((w) => [w._id, w]));
  const building = new Map(buildings.map((b) => [b._id, b]));
  const gridCommunity = new Map(scope.state.grids.map((g) => [g.code, g.community]));
  const mine = new Set(scope.communities);
  for (const { row, value: h } of rows) {
    const at = (field: string, message: string) => problems.push({ row, column: col(field), message });
    const old = before.get(h.code);
    if (old && !mine.has(old.community)) at('code', `无权管理该户：${h.code}`);
    const w = worker.get(h.worker);
    if (!w) at('worker', `网格员未登记：${h.worker}`);
    else if (!mine.has(w.community)) at('worker', `无权管理社区：${w.community}`);
    if (h.buildingCode) {
      const b = building.get(h.buildingCode);
      if (!b) at('buildingCode', `找不到楼栋：${h.buildingCode}`);
      else if (w && gridCommunity.get(b.grid) !== w.community) at('buildingCode', `楼栋不在${w.name}所在社区：${h.buildingCode}`);
    }
  }
  return { rows, problems, existing: new Set(before.keys()) };
}

async function plan(ctx: Context, scope: AdminScope, kind: RosterKind, file: string) {
  const cells = await readFirstSheet(file);
  if (kind === 'households') {
    const { rows, problems } = parseRoster('households', cells);
    return { kind, ...(await planHouseholds(ctx, scope, rows, problems)) } as const;
  }
  if (kind === 'workers') {
    const { rows, problems } = parseRoster('workers', cells);
    return { kind, ...(await planWorkers(ctx, scope, rows, problems)) } as const;
  }
  const { rows, problems } = parseRoster('buildings', cells);
  return { kind, ...(await planBuildings(ctx, scope, rows, problems)) } as const;
}

const sorted = (problems: RowProblem[]) => [...problems].sort((a, b) => a.row - b.row);

export async function previewRoster(ctx: Context, scope: AdminScope, kind: RosterKind, file: string): Promise<RosterPreview> {
  const p = await plan(ctx, scope, kind, file);
  const problems = sorted(p.problems);
  const keyed: { row: number; key: string; name: string }[] =
    p.kind === 'workers' ? p.rows.map(({ row, value }) => ({ row, key: value.openid, name: value.name })) : p.rows.map(({ row, value }) => ({ row, key: value.code, name: value.name }));
  const rows = keyed.map((r) => ({ ...r, change: p.existing.has(r.key) ? ('update' as const) : ('new' as const) }));
  return { kind, total: rows.length + new Set(problems.filter((x) => !rows.some((r) => r.row === x.row)).map((x) => x.row)).size, valid: problems.length === 0 && rows.length > 0, problems: problems.map((x) => ({ ...x, text: problemText(x) })), rows };
}

/** Writes every row, or nothing: any problem is a 400 listing the first ones (preview shows them all). */
export async function importRoster(ctx: Context, scope: AdminScope, kind: RosterKind, file: string): Promise<{ imported: number }> {
  const p = await plan(ctx, scope, kind, file);
  const problems = sorted(p.problems);
  if (problems.length) {
    const shown = problems.slice(0, 5).map(problemText).join('；');
    throw new AppError('BAD_REQUEST', `表格有${problems.length}处错误，未导入任何一行：${shown}${problems.length > 5 ? '……' : ''}`, { field: 'data.file' });
  }
  if (!p.rows.length) throw new AppError('BAD_REQUEST', '表格中没有数据行', { field: 'data.file' });
  if (p.kind === 'workers') {
    // B角 may be named before they are written: everyone first, then the B角 links.
    for (const { value } of p.rows) await upsertWorker(ctx, scope, { ...value, backup: undefined });
    for (const { value } of p.rows) if (value.backup) await upsertWorker(ctx, scope, value);
  } else if (p.kind === 'households') {
    const workers = new Map((await ctx.store.collection<WithId<Worker>>(WORKERS).find({ _id: { $in: p.rows.map((r) => r.value.worker) } }, { limit: 10_000 })).map((w) => [w._id, w]));
    const coll = keyHouseholds(ctx.store);
    for (const { value: h } of p.rows) {
      const existing = await coll.get(h.code);
      // As households.upsert keeps them: the phone masked, blanks keep what was there.
      const phone = h.phone ? maskPhone(h.phone) : existing?.phone;
      const address = h.address ?? existing?.address;
      const buildingCode = h.buildingCode ?? existing?.buildingCode;
      const note = h.note ?? existing?.note;
      await coll.put({
        _id: h.code,
        code: h.code,
        name: h.name,
        ...(phone && { phone }),
        ...(address && { address }),
        ...(buildingCode && { buildingCode }),
        tags: [...new Set(h.tags)],
        worker: h.worker,
        community: workers.get(h.worker)!.community,
        frequencyDays: h.frequencyDays,
        ...(note && { note }),
        updatedAt: ctx.now.toISOString(),
      });
    }
  } else {
    const coll = ctx.store.collection<WithId<Building>>(BUILDINGS);
    for (const { value: b } of p.rows) {
      const existing = await coll.get(b.code);
      const point = b.point ?? existing?.point;
      await coll.put({ code: b.code, name: b.name, grid: b.grid, ...(point && { point }), _id: b.code });
    }
  }
  return { imported: p.rows.length };
}

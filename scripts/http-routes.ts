/**
 * The routes that are not function calls — the Open311 feed, CSV exports, QR codes and posters,
 * the printable 一次性告知单 — served locally by the Fastify server (cloudfunctions/lib/server) and
 * on CloudBase through the HTTP access service (HTTP 访问服务): each path prefix goes to the
 * function that owns it. Applied with manager-node's tcb CreateCloudBaseGWAPI {ServiceId, Path,
 * Type: 1, Name} and read back with DescribeCloudBaseGWAPI; deploy/http-routes.json lists them.
 */
import type { RulesManager } from './deploy-rules';
import { HTTP_ROUTES, type HttpRoute } from '../cloudfunctions/lib/http/mounts';

export { HTTP_ROUTES, type HttpRoute } from '../cloudfunctions/lib/http/mounts';

/**
 * Path passthrough on (路径透传, CreateCloudBaseGWAPI `PathTransmission: 1`): the function gets the
 * whole path (`/open311/v2/services.json`), as the local server does. With it off (the platform's
 * default) the prefix is stripped; the functions put it back (lib/http/access.ts), so both work.
 */
export const PATH_TRANSMISSION_ON = 1;

type Gateway = Pick<RulesManager, 'commonService'>;

/** Creates each route the environment lacks; throws naming any that points elsewhere or does not read back. */
export async function applyHttpRoutes(manager: Gateway, env: string, routes: readonly HttpRoute[] = HTTP_ROUTES): Promise<{ created: string[]; kept: string[] }> {
  const tcb = manager.commonService();
  const problems: string[] = [];
  const out = { created: [] as string[], kept: [] as string[] };
  const existing = async (path: string) => {
    const res = (await tcb.call({ Action: 'DescribeCloudBaseGWAPI', Param: { ServiceId: env, Path: path } })) as { APISet?: { Path?: string; Name?: string; Type?: number }[] };
    return (res.APISet ?? []).find((a) => a.Path === path) ?? null;
  };
  for (const route of routes) {
    try {
      const before = await existing(route.path);
      if (before && before.Name !== route.function) {
        problems.push(`${route.path}: served by ${before.Name ?? '?'} instead of ${route.function} (delete it in the console, then deploy again)`);
        continue;
      }
      if (before) {
        out.kept.push(route.path);
        continue;
      }
      await tcb.call({ Action: 'CreateCloudBaseGWAPI', Param: { ServiceId: env, Path: route.path, Type: 1, Name: route.function, PathTransmission: PATH_TRANSMISSION_ON } });
      if ((await existing(route.path))?.Name !== route.function) problems.push(`${route.path}: not found after creating it`);
      else out.created.push(route.path);
    } catch (e) {
      problems.push(`${route.path}: not created (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  if (problems.length) throw new Error(`HTTP access routes are not as deployed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return out;
}

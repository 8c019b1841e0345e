/**
 * QR images do not change for a scene, page and link: each is drawn (or fetched from WeChat's
 * wxacode API, which has a daily quota) once per instance and kept. Parallel requests for one
 * image share the one drawing in flight, so a burst of the same code costs one.
 */
type Args = { scene: string; page: string; link: string };

export const QR_CACHE_SIZE = 300;

export function cachedSceneCode(draw: (args: Args) => Promise<Buffer>, size = QR_CACHE_SIZE): (args: Args) => Promise<Buffer> {
  const cache = new Map<string, Promise<Buffer>>();
  return (args) => {
    const key = `${args.scene}\n${args.page}\n${args.link}`;
    const hit = cache.get(key);
    if (hit) {
      // Most recently used last: Map keeps insertion order, so the first key is the eldest.
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const drawing = draw(args);
    cache.set(key, drawing);
    // A failure is not kept: the next call tries again.
    drawing.catch(() => cache.delete(key));
    if (cache.size > size) cache.delete(cache.keys().next().value!);
    return drawing;
  };
}

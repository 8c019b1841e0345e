import { cachedSceneCode } from '../../cloudfunctions/lib/platform/qr-cache';

/** QR images are drawn once per scene, page and link; a burst shares the drawing in flight. */
describe('cachedSceneCode', () => {
  const args = (scene: string) => ({ scene, page: 'pages/matter/index', link: `https://example.test/?${scene}` });

  it('draws each code once, also for 300 parallel requests', async () => {
    let drawn = 0;
    const draw = cachedSceneCode(async ({ scene }) => {
      drawn++;
      await new Promise((r) => setTimeout(r, 5));
      return Buffer.from(scene);
    });
    const images = await Promise.all(Array.from({ length: 300 }, () => draw(args('m=dibao'))));
    expect(drawn).toBe(1);
    expect(images.every((b) => b.toString() === 'm=dibao')).toBe(true);
    await draw(args('m=dibao'));
    await draw(args('m=legal-aid'));
    expect(drawn).toBe(2);
  });

  it('keeps at most `size` images, dropping the least recently used, and retries a failure', async () => {
    const calls: string[] = [];
    let fail = true;
    const draw = cachedSceneCode(async ({ scene }) => {
      calls.push(scene);
      if (scene === 'bad' && fail) throw new Error('quota');
      return Buffer.from(scene);
    }, 2);
    await draw(args('a'));
    await draw(args('b'));
    await draw(args('a')); // a is now the most recent
    await draw(args('c')); // drops b
    await draw(args('a'));
    await draw(args('b'));
    expect(calls).toEqual(['a', 'b', 'c', 'b']);
    await expect(draw(args('bad'))).rejects.toThrow('quota');
    fail = false;
    await expect(draw(args('bad'))).resolves.toEqual(Buffer.from('bad'));
  });
});

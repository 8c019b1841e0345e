import { AppError } from '@qgt/shared/errors';
import { httpAccessRouter } from '../../../cloudfunctions/lib/http/access';

/** The integration-request adapter of lib/http/host.ts's routes: matching, bodies, errors, encodings. */
const log = { info: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() } as never;

function router() {
  const r = httpAccessRouter(log);
  r.get<{ Params: { id: string } }>('/things/:id.json', (req, reply) => reply.type('application/json; charset=utf-8').send(JSON.stringify({ id: req.params.id, q: req.query })));
  r.get('/things/list.json', () => ({ list: true }));
  r.get('/things/*', () => {
    throw new AppError('NOT_FOUND', '没有这个');
  });
  r.get('/png', (_req, reply) => reply.type('image/png').send(Buffer.from([0x89, 0x50, 0x4e, 0x47])));
  r.post('/echo', (req, reply) => reply.code(201).send(String(req.body)));
  r.get('/boom', () => {
    throw new Error('db down');
  });
  return r;
}
const event = (path: string, extra: object = {}) => ({ path, httpMethod: 'GET', headers: {}, queryStringParameters: {}, body: '', isBase64Encoded: false, ...extra });

it('static routes win over parameters, parameters over the wildcard; params and query reach the route', async () => {
  const r = router();
  expect(JSON.parse((await r.handle(event('/things/list.json'))).body)).toEqual({ list: true });
  const one = await r.handle(event('/things/a-1.json', { queryStringParameters: { x: '1' } }));
  expect({ status: one.statusCode, type: one.headers['content-type'], body: JSON.parse(one.body) }).toEqual({ status: 200, type: 'application/json; charset=utf-8', body: { id: 'a-1', q: { x: '1' } } });
  const other = await r.handle(event('/things/a/b'));
  expect({ status: other.statusCode, body: JSON.parse(other.body) }).toEqual({ status: 404, body: { ok: false, error: expect.objectContaining({ code: 'NOT_FOUND', message: '没有这个' }) } });
});

it('puts back the prefix the platform strips without path passthrough', async () => {
  const r = router();
  expect((await r.handle(event('/a-1.json'), '/things')).statusCode).toBe(200);
  expect((await r.handle(event('/things/a-1.json'), '/things')).statusCode).toBe(200);
});

it('binary replies go base64; base64 request bodies are decoded; the status a route sets is kept', async () => {
  const r = router();
  expect(await r.handle(event('/png'))).toEqual({ statusCode: 200, headers: { 'content-type': 'image/png' }, body: 'iVBORw==', isBase64Encoded: true });
  const echoed = await r.handle(event('/echo', { httpMethod: 'POST', body: Buffer.from('汉字 ok').toString('base64'), isBase64Encoded: 'true' }));
  expect({ status: echoed.statusCode, body: echoed.body, type: echoed.headers['content-type'] }).toEqual({ status: 201, body: '汉字 ok', type: 'text/plain; charset=utf-8' });
});

it('unknown routes and methods are 404, a malformed event 400, a crash 500 — each in the envelope', async () => {
  const r = router();
  expect((await r.handle(event('/nowhere'))).statusCode).toBe(404);
  expect((await r.handle(event('/echo'))).statusCode).toBe(404);
  const bad = await r.handle({ path: 'no-slash', httpMethod: 'GET' });
  expect({ status: bad.statusCode, code: JSON.parse(bad.body).error.code }).toEqual({ status: 400, code: 'BAD_REQUEST' });
  expect((await r.handle(event('/things/%E0%A4%A.json'))).statusCode).toBe(400);
  const boom = await r.handle(event('/boom'));
  expect({ status: boom.statusCode, code: JSON.parse(boom.body).error.code }).toEqual({ status: 500, code: 'INTERNAL' });
});

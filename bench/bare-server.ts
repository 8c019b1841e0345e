// The baseline for the HTTP benchmark: a bare fastify route doing nothing but answer JSON.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/api/bare', async () => ({ ok: true, data: {} }));
app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).then(() => process.stdout.write('ready\n'));

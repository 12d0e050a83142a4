// The ceiling of this machine: a Fastify route that parses the JSON body and answers 201 with a
// small JSON body, touching nothing else. Usage: PORT=… HOST=127.0.0.1 npx tsx bench/bare-server.ts
import Fastify from 'fastify';

const app = Fastify({ logger: false });
let next = 0;

app.post('/api/v1/reservations', async (_request, reply) => {
  next++;
  return reply.code(201).send({ id: `bare-${next}`, status: 'active' });
});
app.get('/health', async () => ({ status: 'ok' }));

const stop = () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' });

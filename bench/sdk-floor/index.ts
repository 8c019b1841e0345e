// The floor under every function bundle: @cloudbase/node-sdk alone, with the same stand-ins and
// build options, initialised as cloudbase-entry does and reading one document on its first call.
// `npm run bench` prints its size and cold start beside each function's.
import tcb from '@cloudbase/node-sdk';

export const main = async (_event: unknown, context: unknown) => {
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  tcb.getCloudbaseContext(context as never);
  await app.database().collection('meta').doc('catalog').get();
  return { ok: true };
};

import path from 'node:path';
import { createSwcRegister } from '@tarojs/helper';
import { defineConfig, type UserConfigFn } from '@tarojs/cli';

/**
 * The baseline app of the H5 first-render benchmark: the client's own Taro config (same Taro,
 * loaders, workspace fixes, output names), applied to this folder's one empty page.
 */
const clientConfigDir = path.resolve(__dirname, '../../../client/config');
// Taro compiles only this folder's TypeScript config; let it compile the client's as well.
createSwcRegister({ only: [(file: string) => file.startsWith(clientConfigDir)] });
const client = (require(clientConfigDir) as { default: UserConfigFn<'webpack5'> }).default;

const config: UserConfigFn<'webpack5'> = async (merge, env) => ({ ...(await client(merge, env)), projectName: 'empty-taro' });

export default defineConfig<'webpack5'>(config);

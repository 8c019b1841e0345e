import { mergeInternalComponents } from '@tarojs/shared';
import { WEAPP_ARIA_COMPONENTS } from '../../config/aria-plugin';

/**
 * weapp: Taro's runtime sends a node's attributes to the template under short aliases (`p8`) taken
 * from its own component table; an attribute that table lacks is sent by its full name, which the
 * template (patched by config/aria-plugin.ts) never reads — WeChat got `aria-role=""`. Adding the
 * same aria attributes here, before the first page renders, makes both sides number them alike.
 * Imported first by app.tsx.
 */
if (process.env.TARO_ENV === 'weapp') mergeInternalComponents(WEAPP_ARIA_COMPONENTS);

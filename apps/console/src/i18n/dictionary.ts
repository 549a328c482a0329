import { zhCN, type Dictionary } from './zh-CN';

/** The console's language: one dictionary, chosen here. */
export const t: Dictionary = zhCN;
export const LOCALE = 'zh-CN';

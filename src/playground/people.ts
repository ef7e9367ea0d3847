import { DEMO_LEADERS, DEMO_OWNERS } from '../services/demo.js';

/** The playground's workspace: one team, the bot, and the demo board's people as personas to act as. */
export const PLAYGROUND_TEAM = 'T0PLAYGRND';
export const BOT_USER = 'U0CLOSEOUT';
export const BOT_ID = 'B0CLOSEOUT';
export const APP_ID = 'A0CLOSEOUT';
/** The demo board's channel, where round posts, digests and escalations go. */
export const BOARD_CHANNEL = { id: 'C0RECTDEMO', name: 'rect-findings' } as const;

type Role = 'admin' | 'leader' | 'owner';

interface Persona {
  id: string;
  role: Role;
  /** Display names by page language. */
  name: { en: string; zh: string };
}

/** Named people for the demo board's placeholder IDs (src/services/demo.ts), plus an admin. */
export const ADMIN_ID = 'U0DEMOADM';
const NAMES: [string, string][] = [
  ['Chen Jie', '陈洁'],
  ['Liu Yang', '刘洋'],
  ['Wang Fang', '王芳'],
  ['Li Qiang', '李强'],
  ['Zhang Wei', '张伟'],
  ['Sun Li', '孙丽'],
  ['Zhou Tao', '周涛'],
  ['Wu Min', '吴敏'],
];

export const PERSONAS: Persona[] = [
  { id: ADMIN_ID, role: 'admin', name: { en: 'Zhao Min', zh: '赵敏' } },
  ...[...DEMO_LEADERS, ...DEMO_OWNERS].map((id, i): Persona => {
    const [en, zh] = NAMES[i] ?? [id, id];
    return { id, role: i < DEMO_LEADERS.length ? 'leader' : 'owner', name: { en, zh } };
  }),
];

export function persona(id: string): Persona | undefined {
  return PERSONAS.find((p) => p.id === id);
}

/** A user's DM with the bot, as conversations.open names it. */
export function dmOf(userId: string): string {
  return `D${userId.slice(1)}`;
}

/** The user a bot DM belongs to, or undefined for other conversations. */
export function userOfDm(channel: string): string | undefined {
  if (!channel.startsWith('D')) return undefined;
  const id = `U${channel.slice(1)}`;
  return persona(id) ? id : undefined;
}

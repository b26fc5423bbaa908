// The levels of electronic supervision (电子监察红黄灯, DOMAIN §2.6) of a running case or step: green
// while in time, yellow (预警) from the warning day, red (纠错) once past the deadline.

export type Level = 'green' | 'yellow' | 'red';

/** From least to most urgent. */
export const LEVELS: readonly Level[] = ['green', 'yellow', 'red'];

export const LEVEL_NAMES: Record<Level, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

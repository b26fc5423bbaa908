// Word/character diff of two revisions for the console's diff view. Chinese text has no spaces, so
// text is split into runs: a CJK character each, a Latin word or number, white space, punctuation.
// A longest-common-subsequence table over the tokens; large texts fall back to line granularity so
// the table stays small (the cap keeps one request's memory bounded).

export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

const TOKEN_RE = /[\p{Script=Han}]|[A-Za-z0-9_]+|\s+|[^\s\p{Script=Han}A-Za-z0-9_]/gu;
const MAX_CELLS = 4_000_000;

function tokens(s: string): string[] {
  return s.match(TOKEN_RE) ?? [];
}

function lines(s: string): string[] {
  return s.split(/(?<=\n)/);
}

function lcsDiff(a: string[], b: string[]): DiffPart[] {
  // Common prefix and suffix first: most revisions change a little in the middle.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const out: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  };
  push('equal', a.slice(0, start).join(''));
  const n = midA.length;
  const m = midB.length;
  if (n * m > MAX_CELLS) {
    push('delete', midA.join(''));
    push('insert', midB.join(''));
  } else {
    const w = m + 1;
    const table = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        table[i * w + j] =
          midA[i] === midB[j]
            ? (table[(i + 1) * w + j + 1] as number) + 1
            : Math.max(table[(i + 1) * w + j] as number, table[i * w + j + 1] as number);
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push('equal', midA[i] as string);
        i++;
        j++;
      } else if ((table[(i + 1) * w + j] as number) >= (table[i * w + j + 1] as number)) {
        push('delete', midA[i++] as string);
      } else push('insert', midB[j++] as string);
    }
    while (i < n) push('delete', midA[i++] as string);
    while (j < m) push('insert', midB[j++] as string);
  }
  push('equal', a.slice(endA).join(''));
  return out;
}

/** Diff of two texts by words (CJK characters); by lines when the texts are too large for that. */
export function diffText(before: string, after: string): DiffPart[] {
  const ta = tokens(before);
  const tb = tokens(after);
  if (ta.length * tb.length <= MAX_CELLS) return lcsDiff(ta, tb);
  return lcsDiff(lines(before), lines(after));
}

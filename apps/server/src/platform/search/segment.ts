// Chinese word segmentation for search, in the application: ICU's dictionary segmenter that ships with
// Node (full ICU), so indexing and querying split text the same way on every database server, whatever
// its locale. ICU segments finely (营业执照 → 营业 执照); queries turn a multi-segment term back into a
// phrase so adjacency still matters.

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Longer "words" (hashes, URLs run together) are not useful lexemes and could exceed PostgreSQL's limit. */
const MAX_TOKEN_CHARS = 48;

/** Case and width folding so 'ＡＢＣ', 'abc' and 'ABC' are one lexeme. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The word-like segments of `text`, normalised, in order (punctuation, spaces and emoji dropped). */
export function segmentWords(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(normalizeText(text))) {
    if (!s.isWordLike) continue;
    const w = s.segment.trim();
    if (w.length === 0 || w.length > MAX_TOKEN_CHARS) continue;
    out.push(w);
  }
  return out;
}

const CJK_RE = /[\p{Script=Han}]/u;

/**
 * Overlapping character bigrams of the Han runs of `text` (a lone Han character stays a unigram), plus
 * its other words whole: the title's substring and fuzzy index, and the same for a query. Bigrams cross
 * word boundaries, so a substring such as 业执 (spanning 营业|执照) is found. pg_trgm cannot do this job
 * on the embedded server: initdb runs with --no-locale, and in the C locale pg_trgm treats every
 * Chinese character as a separator (show_trgm('营业执照') is empty; with a UTF-8 locale it works).
 * Bigrams in a tsvector behave the same on every server.
 */
export function charGrams(text: string): string[] {
  const set = new Set<string>();
  let run: string[] = [];
  const flush = () => {
    if (run.length === 1) set.add(run[0] as string);
    for (let i = 0; i + 1 < run.length; i++) set.add(`${run[i]}${run[i + 1]}`);
    run = [];
  };
  for (const ch of normalizeText(text)) {
    if (CJK_RE.test(ch)) run.push(ch);
    else flush();
  }
  flush();
  for (const w of segmentWords(text)) if (!CJK_RE.test(w)) set.add(w);
  return [...set];
}

/** A lexeme quoted for tsvector/tsquery input: the value is data, never operators. */
export function quoteLexeme(w: string): string {
  return `'${w.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 255;

/**
 * A tsvector literal from weighted parts, positions continuing across parts (a gap between parts so a
 * phrase never spans the title and the body). Built here rather than by to_tsvector so the database's
 * parser and locale cannot re-split the segments.
 */
export function tsvectorLiteral(parts: { words: string[]; weight: 'A' | 'B' | 'C' | 'D' }[]): string {
  const lex = new Map<string, string[]>();
  let pos = 0;
  for (const part of parts) {
    for (const w of part.words) {
      pos += 1;
      if (pos > MAX_POSITION) break;
      let list = lex.get(w);
      if (!list) {
        list = [];
        lex.set(w, list);
      }
      if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${pos}${part.weight}`);
    }
    pos += 1;
  }
  const out: string[] = [];
  for (const [w, ps] of lex) out.push(`${quoteLexeme(w)}:${ps.join(',')}`);
  return out.join(' ');
}

/** A tsvector literal of lexemes without positions (the title bigram index needs presence only). */
export function lexemeSetLiteral(words: string[]): string {
  return [...new Set(words)].map(quoteLexeme).join(' ');
}

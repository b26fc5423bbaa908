// Article bodies are rich text from editors' browsers: they are cleaned on the server before they are
// stored, so no script reaches a public page whatever the editor (or a stolen session) sends. Allowed:
// text structure, links, images, tables, iframes of this site only (relative URLs), and video played
// from this platform's own article files (/api/v1/cms/files/{id}) with its controls shown and never
// autoplaying: a video, source, track or poster pointing anywhere else is dropped.
import sanitizeHtml from 'sanitize-html';

const OWN_FILE_RE = /^\/api\/v1\/cms\/files\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for the address of one of our article files (relative, so never another origin). */
export function isOwnFileUrl(url: string | undefined): boolean {
  return !!url && OWN_FILE_RE.test(url.trim());
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img',
    'video',
    'source',
    'track',
    'iframe',
    'figure',
    'figcaption',
    'span',
    'u',
    's',
    'sub',
    'sup',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    video: ['src', 'poster', 'controls', 'width', 'height', 'preload', 'playsinline', 'aria-label', 'title'],
    source: ['src', 'type'],
    track: ['src', 'kind', 'srclang', 'label', 'default'],
    figure: ['class'],
    iframe: ['src', 'title', 'width', 'height', 'allowfullscreen'],
    td: ['colspan', 'rowspan', 'align'],
    th: ['colspan', 'rowspan', 'align', 'scope'],
    table: ['summary'],
    ol: ['start', 'type'],
    p: ['style'],
    span: ['style'],
  },
  allowedStyles: {
    '*': { 'text-align': [/^(left|right|center|justify)$/], 'text-indent': [/^\d{1,2}(em|px)$/] },
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'], video: [], source: [], track: [] },
  allowedClasses: { figure: ['cms-video-figure'] },
  allowProtocolRelative: false,
  // Only this site's own pages may be framed: any iframe with a host is dropped whole.
  allowedIframeHostnames: [],
  allowIframeRelativeUrls: true,
  exclusiveFilter: (frame) => {
    if (frame.tag === 'iframe') return !frame.attribs.src;
    // A video with its own src must play one of our files; one without takes its <source> children.
    if (frame.tag === 'video') return frame.attribs.src !== undefined && !isOwnFileUrl(frame.attribs.src);
    if (frame.tag === 'source' || frame.tag === 'track') return !isOwnFileUrl(frame.attribs.src);
    return false;
  },
  transformTags: {
    video: (tagName, attribs) => {
      // Always the browser's controls, no autoplay, loop or muted trick; a poster only from our files.
      const out: Record<string, string> = { ...attribs, controls: '' };
      if (out.preload !== 'none' && out.preload !== 'metadata') out.preload = 'metadata';
      if (out.poster !== undefined && !isOwnFileUrl(out.poster)) delete out.poster;
      return { tagName, attribs: out };
    },
    source: (tagName, attribs) => {
      const out: Record<string, string> = { ...attribs };
      if (out.type !== undefined && !/^video\/(mp4|webm)$/.test(out.type)) delete out.type;
      return { tagName, attribs: out };
    },
    track: (tagName, attribs) => {
      const out: Record<string, string> = { ...attribs };
      if (!['captions', 'subtitles', 'descriptions', 'chapters'].includes(out.kind ?? ''))
        out.kind = 'captions';
      // A track the player can name in its menu: Chinese unless the editor said otherwise.
      if (!out.srclang) out.srclang = 'zh';
      if (!out.label?.trim()) out.label = '中文字幕';
      return { tagName, attribs: out };
    },
    a: (tagName, attribs) => {
      const out: Record<string, string> = { ...attribs };
      if (out.target === '_blank') out.rel = 'noopener noreferrer';
      else delete out.target;
      if (out.rel && out.target !== '_blank') delete out.rel;
      return { tagName, attribs: out };
    },
  },
  // <source> and <track> are void elements: written without an end tag, as HTML has them.
  selfClosing: [...sanitizeHtml.defaults.selfClosing, 'source', 'track'],
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'object', 'embed'],
};

/** The stored form of an article body. */
export function sanitizeArticleHtml(html: string): string {
  // A <video> left with neither src nor a <source> (all pointed elsewhere) would be an empty player.
  return sanitizeHtml(html, OPTIONS)
    .replace(/<video(?![^>]*\ssrc=)[^>]*>(?:(?!<source\s)[\s\S])*?<\/video>/g, '')
    .trim();
}

const VIDEO_SRC_RE = /<(?:video|source)\s[^>]*?\bsrc="\/api\/v1\/cms\/files\/([0-9a-f-]{36})"/gi;

/** Ids of the files the body plays as video (they must be video files). */
export function videoIdsInBody(html: string): string[] {
  return [...new Set([...html.matchAll(VIDEO_SRC_RE)].map((m) => (m[1] as string).toLowerCase()))];
}

const TRACK_SRC_RE = /<track\s[^>]*?\bsrc="\/api\/v1\/cms\/files\/([0-9a-f-]{36})"/gi;

/** Ids of the files the body's videos take captions from (they must be WebVTT files). */
export function captionIdsInBody(html: string): string[] {
  return [...new Set([...html.matchAll(TRACK_SRC_RE)].map((m) => (m[1] as string).toLowerCase()))];
}

const FILE_REF_RE = /\/api\/v1\/cms\/files\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;

/** Ids of stored files the body shows (images, video, captions) through the public cms file route. */
export function fileIdsInBody(html: string): string[] {
  return [...new Set([...html.matchAll(FILE_REF_RE)].map((m) => (m[1] as string).toLowerCase()))];
}

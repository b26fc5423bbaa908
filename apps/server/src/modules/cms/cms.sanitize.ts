// Article bodies are rich text from editors' browsers: they are cleaned on the server before they are
// stored, so no script reaches a public page whatever the editor (or a stolen session) sends. Allowed:
// text structure, links, images, tables, video and iframes of this site only (relative URLs).
import sanitizeHtml from 'sanitize-html';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img',
    'video',
    'source',
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
    video: ['src', 'poster', 'controls', 'width', 'height', 'preload'],
    source: ['src', 'type'],
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
  allowedSchemesByTag: { img: ['http', 'https'], video: ['http', 'https'], source: ['http', 'https'] },
  allowProtocolRelative: false,
  // Only this site's own pages may be framed: any iframe with a host is dropped whole.
  allowedIframeHostnames: [],
  allowIframeRelativeUrls: true,
  exclusiveFilter: (frame) => frame.tag === 'iframe' && !frame.attribs.src,
  transformTags: {
    a: (tagName, attribs) => {
      const out: Record<string, string> = { ...attribs };
      if (out.target === '_blank') out.rel = 'noopener noreferrer';
      else delete out.target;
      if (out.rel && out.target !== '_blank') delete out.rel;
      return { tagName, attribs: out };
    },
  },
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'object', 'embed'],
};

/** The stored form of an article body. */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

const FILE_REF_RE = /\/api\/v1\/cms\/files\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;

/** Ids of stored files the body shows (images, video) through the public cms file route. */
export function fileIdsInBody(html: string): string[] {
  return [...new Set([...html.matchAll(FILE_REF_RE)].map((m) => (m[1] as string).toLowerCase()))];
}

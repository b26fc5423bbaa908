// A video in the article body: one block (figure) with the player, its captions track (WebVTT) when
// the editor gave one, a fallback download link and a caption that says what the video shows for
// people who cannot watch it. The server keeps only video
// played from our own article files, always with controls (cms.sanitize.ts).
import { Node } from '@tiptap/core';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    videoFigure: {
      /** Inserts a video (src: a stored file's address) with its caption and captions file. */
      insertVideo: (attrs: { src: string; caption: string; captions?: string | null }) => ReturnType;
    };
  }
}

function captionsSrc(el: HTMLElement): string | null {
  return el.querySelector('track[kind="captions"], track:not([kind])')?.getAttribute('src') ?? null;
}

function videoSrc(el: HTMLElement): string | null {
  const video = el.tagName === 'VIDEO' ? el : el.querySelector('video');
  return video?.getAttribute('src') ?? video?.querySelector('source')?.getAttribute('src') ?? null;
}

export const VideoFigure = Node.create({
  name: 'videoFigure',
  group: 'block',
  atom: true,
  draggable: true,

  addAttributes() {
    return { src: { default: null }, caption: { default: '' }, captions: { default: null } };
  },

  parseHTML() {
    return [
      {
        tag: 'figure.cms-video-figure',
        getAttrs: (el) => {
          const src = videoSrc(el);
          return src
            ? {
                src,
                caption: el.querySelector('figcaption')?.textContent?.trim() ?? '',
                captions: captionsSrc(el),
              }
            : false;
        },
      },
      {
        tag: 'video',
        getAttrs: (el) => {
          const src = videoSrc(el);
          return src ? { src, caption: '', captions: captionsSrc(el) } : false;
        },
      },
    ];
  },

  renderHTML({ node }) {
    const src = String(node.attrs.src ?? '');
    const caption = String(node.attrs.caption ?? '');
    const captions = node.attrs.captions ? String(node.attrs.captions) : null;
    return [
      'figure',
      { class: 'cms-video-figure' },
      [
        'video',
        { src, controls: '', preload: 'metadata', ...(caption ? { 'aria-label': `视频：${caption}` } : {}) },
        ...(captions
          ? [['track', { kind: 'captions', src: captions, srclang: 'zh', label: '中文字幕', default: '' }]]
          : []),
        '您的浏览器不能播放视频，请',
        ['a', { href: src }, '下载视频'],
        '观看。',
      ],
      ...(caption ? [['figcaption', {}, caption]] : []),
    ];
  },

  addCommands() {
    return {
      insertVideo:
        (attrs) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs }),
    };
  },
});

// The article body editor: Tiptap (ProseMirror) with headings, lists, quotes, links, images uploaded
// through POST /api/v1/files and videos (MP4/WebM, with a caption) through POST /api/v1/cms/videos, with
// their captions (WebVTT) through POST /api/v1/cms/captions.
// Loaded lazily by the article page only (the editor and
// ProseMirror weigh about 120 KB gzipped). The server sanitises whatever HTML arrives.
import {
  BoldOutlined,
  ItalicOutlined,
  LinkOutlined,
  OrderedListOutlined,
  PictureOutlined,
  RedoOutlined,
  UndoOutlined,
  UnorderedListOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { Image } from '@tiptap/extension-image';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import { StarterKit } from '@tiptap/starter-kit';
import { App, Button, Flex, Input, Modal, Tooltip } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { uploadFile } from '../services/api.ts';
import { staffFileUrl, uploadCaptions, uploadVideo } from './api.ts';
import { VideoFigure } from './video-node.ts';

export interface RichTextEditorProps {
  id?: string;
  value?: string;
  onChange?: (html: string) => void;
  /** Accessible name of the editing area. */
  label: string;
  invalid?: boolean;
}

function ToolButton({
  label,
  icon,
  active,
  disabled,
  onClick,
  children,
}: {
  label: string;
  icon?: ReactNode;
  active?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children?: ReactNode;
}) {
  return (
    <Tooltip title={label}>
      <Button
        size="small"
        type={active ? 'primary' : 'default'}
        icon={icon}
        // Text buttons say their name in full (no space between two CJK characters).
        autoInsertSpace={false}
        aria-label={label}
        aria-pressed={active === undefined ? undefined : active}
        disabled={disabled}
        // Keep the selection in the editor when the button is pressed with the mouse.
        onMouseDown={(e) => e.preventDefault()}
        onClick={onClick}
      >
        {children}
      </Button>
    </Tooltip>
  );
}

/** Only same-site paths and http(s)/mailto addresses are offered as links (the server drops others). */
function safeHref(raw: string): string | null {
  const href = raw.trim();
  if (!href) return null;
  if (/^\/(?!\/)/.test(href)) return href;
  if (/^(https?:\/\/|mailto:)/i.test(href)) return href;
  return null;
}

export default function RichTextEditor({ id, value, onChange, label, invalid }: RichTextEditorProps) {
  const { message } = App.useApp();
  const fileInput = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState('');
  const [linkError, setLinkError] = useState<string | null>(null);
  const lastEmitted = useRef<string | undefined>(value);
  const videoInput = useRef<HTMLInputElement>(null);
  /** Share of the video uploaded (0–1), null when no upload runs. */
  const [videoProgress, setVideoProgress] = useState<number | null>(null);
  /** An uploaded video waiting for its caption (and captions file) before it is inserted. */
  const [pendingVideo, setPendingVideo] = useState<{
    src: string;
    caption: string;
    captions: { src: string; name: string } | null;
  } | null>(null);
  const captionsInput = useRef<HTMLInputElement>(null);
  const [captionsUploading, setCaptionsUploading] = useState(false);

  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'] },
      }),
      Image.configure({ inline: false }),
      VideoFigure,
    ],
    content: value ?? '',
    immediatelyRender: true,
    editorProps: {
      attributes: {
        ...(id ? { id } : {}),
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        ...(invalid ? { 'aria-invalid': 'true' } : {}),
        class: 'zt-rich-text',
        style: 'min-height: 280px; padding: 12px 16px; outline: none; line-height: 1.8; font-size: 15px;',
      },
    },
    onUpdate: ({ editor: e }) => {
      const html = e.isEmpty ? '' : e.getHTML();
      lastEmitted.current = html;
      onChange?.(html);
    },
  });

  // A value set from outside (the article loaded, a reset) replaces the content.
  useEffect(() => {
    if (!editor || value === lastEmitted.current) return;
    lastEmitted.current = value;
    editor.commands.setContent(value ?? '', { emitUpdate: false });
  }, [editor, value]);

  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      h2: e?.isActive('heading', { level: 2 }) ?? false,
      h3: e?.isActive('heading', { level: 3 }) ?? false,
      bullet: e?.isActive('bulletList') ?? false,
      ordered: e?.isActive('orderedList') ?? false,
      quote: e?.isActive('blockquote') ?? false,
      link: e?.isActive('link') ?? false,
      canUndo: e?.can().undo() ?? false,
      canRedo: e?.can().redo() ?? false,
    }),
  });

  const onImage = async (file: File | undefined) => {
    if (!file || !editor) return;
    if (!file.type.startsWith('image/')) {
      message.error('请选择图片文件（JPG、PNG、GIF 或 WebP）');
      return;
    }
    setUploading(true);
    try {
      const stored = await uploadFile(file);
      editor
        .chain()
        .focus()
        .setImage({ src: staffFileUrl(stored.id), alt: file.name.replace(/\.[^.]+$/, '') })
        .run();
    } catch (e) {
      message.error(`图片上传失败：${errorMessage(e)}`);
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const onVideo = async (file: File | undefined) => {
    if (videoInput.current) videoInput.current.value = '';
    if (!file || !editor) return;
    // A hint only: the server decides by the file's content.
    if (!/\.(mp4|m4v|webm)$/i.test(file.name) && !/^video\/(mp4|webm)$/.test(file.type)) {
      message.error('请选择 MP4 或 WebM 格式的视频文件');
      return;
    }
    setVideoProgress(0);
    try {
      const stored = await uploadVideo(file, setVideoProgress);
      setPendingVideo({
        src: staffFileUrl(stored.id),
        caption: file.name.replace(/\.[^.]+$/, ''),
        captions: null,
      });
    } catch (e) {
      message.error(`视频上传失败：${errorMessage(e)}`);
    } finally {
      setVideoProgress(null);
    }
  };

  const onCaptions = async (file: File | undefined) => {
    if (captionsInput.current) captionsInput.current.value = '';
    if (!file) return;
    setCaptionsUploading(true);
    try {
      const stored = await uploadCaptions(file);
      setPendingVideo((v) =>
        v ? { ...v, captions: { src: staffFileUrl(stored.id), name: stored.name } } : v,
      );
    } catch (e) {
      message.error(`字幕上传失败：${errorMessage(e)}`);
    } finally {
      setCaptionsUploading(false);
    }
  };

  const insertVideo = () => {
    if (!editor || !pendingVideo) return;
    editor
      .chain()
      .focus()
      .insertVideo({
        src: pendingVideo.src,
        caption: pendingVideo.caption.trim(),
        captions: pendingVideo.captions?.src ?? null,
      })
      .run();
    setPendingVideo(null);
  };

  const openLink = () => {
    setHref((editor?.getAttributes('link').href as string | undefined) ?? '');
    setLinkError(null);
    setLinkOpen(true);
  };

  const applyLink = () => {
    if (!editor) return;
    if (!href.trim()) {
      editor.chain().focus().extendMarkRange('link').unsetLink().run();
      setLinkOpen(false);
      return;
    }
    const safe = safeHref(href);
    if (!safe) {
      setLinkError('链接须以 http://、https://、mailto: 或 / 开头');
      return;
    }
    editor.chain().focus().extendMarkRange('link').setLink({ href: safe }).run();
    setLinkOpen(false);
  };

  const chain = () => editor?.chain().focus();
  return (
    <div
      style={{
        border: `1px solid ${invalid ? '#b91c1c' : '#d9d9d9'}`,
        borderRadius: 6,
        background: '#fff',
      }}
    >
      <Flex
        role="toolbar"
        aria-label="正文格式"
        gap={4}
        wrap
        style={{ padding: 6, borderBottom: '1px solid #e5e7eb', background: '#fafafa' }}
      >
        <ToolButton
          label="加粗"
          icon={<BoldOutlined />}
          active={state?.bold}
          onClick={() => chain()?.toggleBold().run()}
        />
        <ToolButton
          label="斜体"
          icon={<ItalicOutlined />}
          active={state?.italic}
          onClick={() => chain()?.toggleItalic().run()}
        />
        <ToolButton
          label="H2 二级标题"
          active={state?.h2}
          onClick={() => chain()?.toggleHeading({ level: 2 }).run()}
        >
          H2
        </ToolButton>
        <ToolButton
          label="H3 三级标题"
          active={state?.h3}
          onClick={() => chain()?.toggleHeading({ level: 3 }).run()}
        >
          H3
        </ToolButton>
        <ToolButton
          label="项目符号列表"
          icon={<UnorderedListOutlined />}
          active={state?.bullet}
          onClick={() => chain()?.toggleBulletList().run()}
        />
        <ToolButton
          label="编号列表"
          icon={<OrderedListOutlined />}
          active={state?.ordered}
          onClick={() => chain()?.toggleOrderedList().run()}
        />
        <ToolButton label="引用" active={state?.quote} onClick={() => chain()?.toggleBlockquote().run()}>
          引用
        </ToolButton>
        <ToolButton label="链接" icon={<LinkOutlined />} active={state?.link} onClick={openLink} />
        <ToolButton
          label={uploading ? '正在上传图片' : '插入图片'}
          icon={<PictureOutlined />}
          disabled={uploading}
          onClick={() => fileInput.current?.click()}
        />
        <ToolButton
          label={videoProgress === null ? '插入视频' : `正在上传视频 ${Math.round(videoProgress * 100)}%`}
          icon={<VideoCameraOutlined />}
          disabled={videoProgress !== null}
          onClick={() => videoInput.current?.click()}
        >
          {videoProgress === null ? undefined : `${Math.round(videoProgress * 100)}%`}
        </ToolButton>
        <ToolButton
          label="撤销"
          icon={<UndoOutlined />}
          disabled={!state?.canUndo}
          onClick={() => chain()?.undo().run()}
        />
        <ToolButton
          label="重做"
          icon={<RedoOutlined />}
          disabled={!state?.canRedo}
          onClick={() => chain()?.redo().run()}
        />
        <input
          ref={fileInput}
          type="file"
          accept="image/jpeg,image/png,image/gif,image/webp"
          aria-label="选择要插入的图片"
          style={{ display: 'none' }}
          onChange={(e) => void onImage(e.target.files?.[0])}
        />
        <input
          ref={videoInput}
          type="file"
          accept="video/mp4,video/webm,.mp4,.m4v,.webm"
          aria-label="选择要插入的视频"
          style={{ display: 'none' }}
          onChange={(e) => void onVideo(e.target.files?.[0])}
        />
      </Flex>
      <EditorContent editor={editor} />
      <Modal
        open={pendingVideo !== null}
        title="插入视频"
        okText="插入"
        cancelText="取消"
        onOk={insertVideo}
        onCancel={() => setPendingVideo(null)}
        destroyOnHidden
      >
        <label htmlFor="zt-video-caption">视频说明（显示在视频下方，供不能观看视频的读者了解内容）</label>
        <Input.TextArea
          id="zt-video-caption"
          value={pendingVideo?.caption ?? ''}
          onChange={(e) => setPendingVideo((v) => (v ? { ...v, caption: e.target.value } : v))}
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={300}
          placeholder="例如：县长走访企业现场（时长 3 分钟）"
          style={{ marginTop: 8 }}
        />
        <div style={{ marginTop: 16 }} id="zt-video-captions-help">
          字幕（WebVTT 格式 .vtt 文件，供听障读者阅读；有对白或解说的视频应当提供）
        </div>
        <Flex align="center" gap={8} wrap style={{ marginTop: 8 }}>
          <Button
            loading={captionsUploading}
            aria-describedby="zt-video-captions-help"
            onClick={() => captionsInput.current?.click()}
          >
            {pendingVideo?.captions ? '更换字幕文件' : '上传字幕文件'}
          </Button>
          {pendingVideo?.captions ? (
            <>
              <span>已上传：{pendingVideo.captions.name}</span>
              <Button type="link" onClick={() => setPendingVideo((v) => (v ? { ...v, captions: null } : v))}>
                不使用字幕
              </Button>
            </>
          ) : null}
        </Flex>
        <input
          ref={captionsInput}
          type="file"
          accept=".vtt,text/vtt"
          aria-label="选择字幕文件"
          style={{ display: 'none' }}
          onChange={(e) => void onCaptions(e.target.files?.[0])}
        />
      </Modal>
      <Modal
        open={linkOpen}
        title="插入链接"
        okText="确定"
        cancelText="取消"
        onOk={applyLink}
        onCancel={() => setLinkOpen(false)}
        destroyOnHidden
      >
        <label htmlFor="zt-link-href">链接地址（留空则取消链接）</label>
        <Input
          id="zt-link-href"
          value={href}
          status={linkError ? 'error' : undefined}
          aria-invalid={linkError ? true : undefined}
          aria-describedby={linkError ? 'zt-link-error' : undefined}
          onChange={(e) => setHref(e.target.value)}
          onPressEnter={applyLink}
          placeholder="https:// 或 /sites/… 站内地址"
          style={{ marginTop: 8 }}
        />
        {linkError ? (
          <div id="zt-link-error" role="alert" style={{ color: '#b91c1c', marginTop: 4 }}>
            {linkError}
          </div>
        ) : null}
      </Modal>
    </div>
  );
}

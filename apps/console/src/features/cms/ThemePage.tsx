// 主题模板 (site administrators): the LiquidJS templates of a site's theme, one edited at a time in a
// monospace text area, previewed with the unsaved text in a sandboxed frame (no scripts, no forms,
// no same-origin access), saved after the server's syntax check and trial render (its errors name
// the line), or reset to the theme's own file.
import { App, Button, Empty, Flex, Input, List, Popconfirm, Segmented, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useRequest } from '../../app/hooks.ts';
import { ErrorAlert, formatDateTime, PageHeader, PageLoading, ToneTag } from '../../app/ui.tsx';
import { cmsApi, THEME_PREVIEW_PAGE_NAMES, THEME_PREVIEW_PAGES, type ThemePreviewPage } from './api.ts';
import { CMS_MANAGE, SiteSelect, useSites } from './shared.tsx';

function TemplateEditor({ siteId, name, onSaved }: { siteId: string; name: string; onSaved: () => void }) {
  const { message } = App.useApp();
  const detail = useRequest(`cms:template:${siteId}:${name}`, (signal) =>
    cmsApi.template(siteId, name, signal),
  );
  const [source, setSource] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [page, setPage] = useState<ThemePreviewPage>('home');
  const [preview, setPreview] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [previewError, setPreviewError] = useState<unknown>(null);

  useEffect(() => {
    if (detail.data) setSource(detail.data.source);
  }, [detail.data]);

  if (detail.loading && !detail.data) return <PageLoading />;
  if (detail.error) return <ErrorAlert error={detail.error} onRetry={detail.reload} />;
  const d = detail.data;
  if (!d || source === null) return null;
  const dirty = source !== d.source;

  const runPreview = async () => {
    setPreviewing(true);
    setPreviewError(null);
    try {
      setPreview(await cmsApi.preview(siteId, page, { [name]: source }));
    } catch (e) {
      setPreviewError(e);
    } finally {
      setPreviewing(false);
    }
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const saved = await cmsApi.saveTemplate(siteId, name, source);
      detail.mutate(() => saved);
      message.success(`模板“${name}”已保存，网站页面已更新`);
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const reset = async () => {
    setSaving(true);
    setError(null);
    try {
      const saved = await cmsApi.resetTemplate(siteId, name);
      detail.mutate(() => saved);
      setSource(saved.source);
      message.success(`模板“${name}”已恢复为主题默认`);
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={12} style={{ flex: 1, minWidth: 0 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {name} {d.overridden ? <ToneTag tone="orange">本站已修改</ToneTag> : <ToneTag>主题默认</ToneTag>}
        </Typography.Title>
        <Flex gap={8} wrap>
          {d.overridden ? (
            <Popconfirm
              title="删除本站的修改，恢复为主题默认模板？"
              okText="恢复默认"
              cancelText="取消"
              onConfirm={() => void reset()}
            >
              <Button disabled={saving}>恢复默认</Button>
            </Popconfirm>
          ) : null}
          <Button type="primary" loading={saving} disabled={!dirty} onClick={() => void save()}>
            保存模板
          </Button>
        </Flex>
      </Flex>
      {d.updatedAt ? (
        <Typography.Text type="secondary">本站修改于 {formatDateTime(d.updatedAt)}</Typography.Text>
      ) : null}
      <ErrorAlert error={error} title={error ? '模板未保存' : undefined} />
      <label htmlFor="zt-template-source">模板源代码（LiquidJS）</label>
      <Input.TextArea
        id="zt-template-source"
        value={source}
        onChange={(e) => setSource(e.target.value)}
        spellCheck={false}
        autoSize={{ minRows: 16, maxRows: 32 }}
        style={{
          fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Courier New', monospace",
          fontSize: 13,
        }}
      />
      <Flex gap={8} align="center" wrap>
        <Segmented<ThemePreviewPage>
          aria-label="预览页面"
          value={page}
          onChange={setPage}
          options={THEME_PREVIEW_PAGES.map((p) => ({ value: p, label: THEME_PREVIEW_PAGE_NAMES[p] }))}
        />
        <Button loading={previewing} onClick={() => void runPreview()}>
          预览（未保存的内容）
        </Button>
      </Flex>
      <ErrorAlert error={previewError} title={previewError ? '无法预览' : undefined} />
      {preview !== null ? (
        <iframe
          title={`模板预览：${THEME_PREVIEW_PAGE_NAMES[page]}`}
          // No allow-scripts: nothing in the page runs, so it cannot reach the console even though it
          // shares the origin (needed to load the theme's own CSS and images, which the server serves
          // same-origin only); no allow-forms, no allow-top-navigation.
          sandbox="allow-same-origin"
          srcDoc={preview}
          style={{
            width: '100%',
            height: 600,
            border: '1px solid #d1d5db',
            borderRadius: 6,
            background: '#fff',
          }}
        />
      ) : null}
    </Flex>
  );
}

export function ThemePage() {
  const sites = useSites(CMS_MANAGE);
  const [params, setParams] = useSearchParams();
  const chosen = params.get('siteId') ?? undefined;
  const siteId = chosen && sites.mine.some((s) => s.id === chosen) ? chosen : sites.mine[0]?.id;
  const name = params.get('name') ?? undefined;
  const list = useRequest(siteId ? `cms:templates:${siteId}` : null, (signal) =>
    cmsApi.templates(siteId ?? '', signal),
  );
  const set = (next: { siteId?: string; name?: string }) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v);
    setParams(p, { replace: true });
  };
  return (
    <>
      <PageHeader title="主题模板">
        修改本网站使用的 LiquidJS
        模板。模板在沙箱中渲染，不能读取文件或执行代码；保存前服务器检查语法并试渲染首页、栏目页和文章页。
      </PageHeader>
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        <label htmlFor="zt-theme-site">网站</label>
        <SiteSelect
          id="zt-theme-site"
          sites={sites.mine}
          loading={sites.loading}
          value={siteId}
          onChange={(v) => set({ siteId: v })}
          style={{ width: 240 }}
        />
        {list.data ? <Typography.Text type="secondary">主题：{list.data.theme}</Typography.Text> : null}
      </Flex>
      <ErrorAlert error={sites.error} onRetry={sites.reload} />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Flex gap={16} align="start" wrap>
        <nav aria-label="模板列表" style={{ width: 260 }}>
          <List
            size="small"
            bordered
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: <Empty description="没有可修改的模板" /> }}
            renderItem={(t) => (
              <List.Item style={{ background: t.name === name ? '#eff6ff' : undefined }}>
                <Button
                  type="link"
                  aria-current={t.name === name ? 'true' : undefined}
                  style={{ padding: 0, height: 'auto' }}
                  onClick={() => set({ siteId, name: t.name })}
                >
                  {t.name}
                </Button>
                {t.overridden ? <ToneTag tone="orange">已修改</ToneTag> : null}
              </List.Item>
            )}
          />
        </nav>
        {siteId && name ? (
          <TemplateEditor key={`${siteId}:${name}`} siteId={siteId} name={name} onSaved={list.reload} />
        ) : (
          <Typography.Paragraph style={{ flex: 1 }}>从左侧选择要修改的模板。</Typography.Paragraph>
        )}
      </Flex>
    </>
  );
}

// Keeps the cluster search index in step with what the public can list: called in the transaction
// that publishes, withdraws or expires an article, so search never shows a withdrawn page.
import type { Tx } from '../../platform/db/pool.ts';
import { indexDocument, removeDocument, searchText } from '../../platform/search/index.ts';
import { type ArticleRow, articleUrl, type RevisionRow, type SiteRow, VALIDITY_NAMES } from './cms.model.ts';

export async function indexArticle(tx: Tx, site: SiteRow, a: ArticleRow, rev: RevisionRow): Promise<void> {
  const f = rev.fields;
  const policy = !!f.docNumber;
  // The article may have been indexed under the other type before a revision added or dropped its 文号.
  await removeDocument(tx, policy ? 'article' : 'policy', a.id);
  const extra: Record<string, string> = {};
  if (f.docNumber) extra.docNumber = f.docNumber;
  if (f.writtenOn) extra.writtenOn = f.writtenOn;
  if (f.validity) extra.validity = VALIDITY_NAMES[f.validity];
  if (f.source) extra.source = f.source;
  if (f.credit) extra.credit = f.credit;
  await indexDocument(tx, {
    sourceType: policy ? 'policy' : 'article',
    sourceId: a.id,
    siteId: site.id,
    columnId: a.column_id,
    orgId: site.org_id,
    title: rev.title,
    body: [f.subtitle, searchText(rev.body), f.tags.join(' ')].filter(Boolean).join(' '),
    url: articleUrl(site, a),
    publishedAt: a.first_published_at ?? a.published_at ?? rev.created_at,
    extra,
  });
}

export async function unindexArticle(tx: Tx, articleId: string): Promise<void> {
  await removeDocument(tx, 'article', articleId);
  await removeDocument(tx, 'policy', articleId);
}

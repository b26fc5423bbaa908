// 公开目录: the unit's disclosure officer records proactively disclosed information (DOMAIN §1.6). Each
// entry gets its 索引号 once (per unit, per year of publication; pattern ZT_DISCLOSURE_INDEX_PATTERN),
// is indexed for search in the same transaction, and raises an alert to the unit's officers when it was
// published more than 20 working days after it was written (Art. 26).
import type { EntryInput as EntryBody } from '../../../../../shared/disclosure.ts';
import type { Actor } from '../../../platform/audit/audit.ts';
import { CalendarYearMissingError, shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { AppContext } from '../../../platform/context.ts';
import { newId, UUID_RE } from '../../../platform/db/ids.ts';
import { maybeOne, type Tx, withTx } from '../../../platform/db/pool.ts';
import { nextSequence } from '../../../platform/events/events.ts';
import { orgInReach, type Principal, requireReach } from '../../../platform/http/principal.ts';
import { indexDocument, removeDocument } from '../../../platform/search/index.ts';
import { getPublishedArticle } from '../../cms/index.ts';
import { findStaffWithPermission, getOrg, type OrgInfo } from '../../identity/index.ts';
import { cleanDate, cleanText, oneOf, Problems, type Unchecked, unitInReach } from '../disclosure.common.ts';
import { disclosureErrors } from '../disclosure.errors.ts';
import { DISCLOSURE_MODES, GENRES, PROACTIVE_DAYS, TOPICS, VALIDITIES } from '../disclosure.model.ts';
import { type EntryRow, type EntryView, entryUrl, findEntry, toEntryView } from '../disclosure.views.ts';

export const EDIT_PERMISSION = 'disclosure.catalogue.edit';

/** What an officer sends (the console's EntryInput, apps/shared/disclosure.ts), before cleaning. */
export type EntryInput = Unchecked<EntryBody>;

/** The entry's fields once cleaned: every one given, the unit aside. */
type CleanEntry = Required<Omit<EntryBody, 'orgId'>>;

function cleanEntry(input: EntryInput, org: OrgInfo, today: string): CleanEntry {
  const p = new Problems();
  const title = cleanText(p, 'title', '信息名称', input.title, { max: 200, required: true });
  const summary = cleanText(p, 'summary', '内容概述', input.summary, { max: 2000, multiline: true });
  const publisher = cleanText(p, 'publisher', '发布机构', input.publisher, { max: 100 }) || org.name;
  const writtenOn = cleanDate(p, 'writtenOn', '成文日期', input.writtenOn);
  const publishedOn = cleanDate(p, 'publishedOn', '发布日期', input.publishedOn, false) ?? today;
  if (writtenOn && writtenOn > today) p.add('writtenOn', '成文日期不能晚于今天');
  if (publishedOn > today) p.add('publishedOn', '发布日期不能晚于今天');
  if (writtenOn && publishedOn < writtenOn) p.add('publishedOn', '发布日期不能早于成文日期');
  const docNumber = cleanText(p, 'docNumber', '文号', input.docNumber, { max: 60 });
  const topic = oneOf(p, 'topic', '主题分类', input.topic, TOPICS);
  const genre = oneOf(p, 'genre', '体裁', input.genre, GENRES);
  const keywords: string[] = [];
  if (input.keywords !== undefined && input.keywords !== null) {
    if (!Array.isArray(input.keywords)) p.add('keywords', '主题词应为文本列表');
    else if (input.keywords.length > 10) p.add('keywords', '主题词最多 10 个');
    else
      input.keywords.forEach((k, i) => {
        const w = cleanText(p, `keywords[${i}]`, '主题词', k, { max: 20, required: true });
        if (w && !keywords.includes(w)) keywords.push(w);
      });
  }
  const validity = oneOf(p, 'validity', '有效性', input.validity, VALIDITIES, '有效');
  const repealedOn = cleanDate(p, 'repealedOn', '废止（失效）日期', input.repealedOn, false);
  if (repealedOn && validity === '有效') p.add('repealedOn', '有效的信息不应填写废止（失效）日期');
  if (repealedOn && writtenOn && repealedOn < writtenOn)
    p.add('repealedOn', '废止（失效）日期不能早于成文日期');
  const disclosureMode = oneOf(
    p,
    'disclosureMode',
    '公开方式',
    input.disclosureMode,
    DISCLOSURE_MODES,
    '主动公开',
  );
  let articleId: string | null = null;
  if (input.articleId !== undefined && input.articleId !== null && input.articleId !== '') {
    if (typeof input.articleId !== 'string' || !UUID_RE.test(input.articleId))
      p.add('articleId', '关联文章编号格式不正确');
    else articleId = input.articleId;
  }
  p.throwIf((d) => disclosureErrors.ENTRY_INVALID(d));
  return {
    title,
    summary,
    publisher,
    writtenOn: writtenOn as string,
    publishedOn,
    docNumber,
    topic,
    genre,
    keywords,
    validity,
    repealedOn,
    disclosureMode,
    articleId,
  };
}

/** The linked cms article must exist and be published (its page carries the full text). */
async function checkArticle(ctx: AppContext, articleId: string | null): Promise<void> {
  if (!articleId) return;
  const a = await getPublishedArticle(ctx.pool, articleId);
  if (!a || a.withdrawn) throw disclosureErrors.ENTRY_INVALID('articleId', '关联的文章不存在或未发布');
}

/** 索引号 from the configured pattern: {unit}, {orgcode}, {yyyy}, {yyyymm}, {seq:N}. */
export async function nextIndexNumber(
  tx: Tx,
  ctx: AppContext,
  org: OrgInfo,
  publishedOn: string,
): Promise<string> {
  const pattern = ctx.config.disclosureIndexPattern || '{unit}/{yyyy}-{seq:5}';
  const credit = org.creditCode;
  if ((pattern.includes('{unit}') || pattern.includes('{orgcode}')) && !credit)
    throw disclosureErrors.INDEX_NUMBER_UNAVAILABLE('orgId');
  const year = Number(publishedOn.slice(0, 4));
  const seq = await nextSequence(tx, 'dsc.index', org.id, year);
  return pattern
    .replaceAll('{unit}', credit ?? '')
    .replaceAll('{orgcode}', credit ? credit.slice(8, 17) : '')
    .replaceAll('{yyyymm}', publishedOn.slice(0, 7).replace('-', ''))
    .replaceAll('{yyyy}', publishedOn.slice(0, 4))
    .replace(/\{seq(?::(\d{1,2}))?\}/g, (_m, n: string | undefined) =>
      String(seq).padStart(Number(n ?? 1), '0'),
    );
}

/** Working days from 成文日期 to 发布日期; null when the calendar has no data for those years. */
async function lateness(ctx: AppContext, writtenOn: string, publishedOn: string): Promise<number | null> {
  try {
    return await ctx.calendar.countWorkingDays(writtenOn, publishedOn);
  } catch (e) {
    if (e instanceof CalendarYearMissingError) return null;
    throw e;
  }
}

function searchBody(e: CleanEntry): string {
  return [e.summary, e.docNumber, e.keywords.join(' '), e.publisher, e.topic, e.genre]
    .filter(Boolean)
    .join('\n');
}

async function indexEntry(
  tx: Tx,
  id: string,
  orgId: string,
  indexNumber: string,
  e: CleanEntry,
): Promise<void> {
  await indexDocument(tx, {
    sourceType: 'catalogue',
    sourceId: id,
    siteId: null,
    columnId: null,
    orgId,
    title: e.title,
    body: searchBody(e),
    url: entryUrl(orgId, id),
    publishedAt: new Date(`${e.publishedOn}T00:00:00+08:00`),
    extra: { indexNumber, ...(e.docNumber ? { docNumber: e.docNumber } : {}) },
  });
}

/** Records the Art. 26 alert (once per entry) and tells the unit's officers. */
async function raiseLateAlert(
  tx: Tx,
  ctx: AppContext,
  org: OrgInfo,
  entryId: string,
  indexNumber: string,
  e: CleanEntry,
  days: number,
): Promise<void> {
  const r = await tx.query(
    `INSERT INTO dsc_alert (id, entry_id, org_id, org_path, kind, working_days, created_at)
     VALUES ($1,$2,$3,$4,'late_publication',$5,$6)
     ON CONFLICT (entry_id) DO UPDATE SET working_days = EXCLUDED.working_days
     RETURNING (xmax = 0) AS inserted`,
    [newId(), entryId, org.id, org.path, days, ctx.clock.now()],
  );
  if (!(r.rows[0] as { inserted: boolean } | undefined)?.inserted) return;
  for (const u of await findStaffWithPermission(tx, EDIT_PERMISSION, org.id)) {
    await ctx.notify.inbox(tx, {
      userId: u.id,
      title: `主动公开超期提醒：${e.title.slice(0, 40)}`,
      body: `“${e.title}”（索引号 ${indexNumber}）成文日期 ${e.writtenOn}，发布日期 ${e.publishedOn}，相隔 ${days} 个工作日，超过《中华人民共和国政府信息公开条例》第二十六条规定的 ${PROACTIVE_DAYS} 个工作日。请核实原因并做好记录。`,
      link: `/console/disclosure/alerts`,
    });
  }
}

export async function createEntry(
  ctx: AppContext,
  principal: Principal | null | undefined,
  input: EntryInput,
  actor: Actor,
): Promise<EntryView> {
  const org = await unitInReach(ctx, principal, EDIT_PERMISSION, input.orgId);
  const today = shanghaiDate(ctx.clock.now());
  const e = cleanEntry(input, org, today);
  await checkArticle(ctx, e.articleId);
  // The calendar may need its own connection: ask before the transaction.
  const days = await lateness(ctx, e.writtenOn, e.publishedOn);
  const id = newId();
  await withTx(ctx.pool, async (tx) => {
    const indexNumber = await nextIndexNumber(tx, ctx, org, e.publishedOn);
    const now = ctx.clock.now();
    await tx.query(
      `INSERT INTO dsc_catalogue_entry (id, org_id, org_path, index_number, title, summary, publisher, written_on,
         published_on, doc_number, topic, genre, keywords, validity, repealed_on, disclosure_mode, article_id,
         created_by, created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$19)`,
      [
        id,
        org.id,
        org.path,
        indexNumber,
        e.title,
        e.summary,
        e.publisher,
        e.writtenOn,
        e.publishedOn,
        e.docNumber,
        e.topic,
        e.genre,
        e.keywords,
        e.validity,
        e.repealedOn,
        e.disclosureMode,
        e.articleId,
        principal?.userId ?? null,
        now,
      ],
    );
    await indexEntry(tx, id, org.id, indexNumber, e);
    if (days !== null && days > PROACTIVE_DAYS) await raiseLateAlert(tx, ctx, org, id, indexNumber, e, days);
    await ctx.audit.record(tx, actor, {
      action: 'disclosure.entry.create',
      objectType: 'disclosure_entry',
      objectId: id,
      summary: `公开目录新增“${e.title}”（索引号 ${indexNumber}）`,
    });
    await ctx.events.emit(tx, {
      type: 'disclosure.entry.published',
      aggregateType: 'disclosure_entry',
      aggregateId: id,
      payload: { entryId: id, orgId: org.id, indexNumber, articleId: e.articleId },
      actorId: principal?.userId ?? null,
    });
  });
  return (await toEntryView(ctx.pool, id)) as EntryView;
}

async function entryInReach(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
): Promise<{ row: EntryRow; org: OrgInfo }> {
  // Permission first (403 without it), then the unit (404 outside the reach or no such entry).
  const reach = requireReach(principal, EDIT_PERMISSION);
  const row = UUID_RE.test(id) ? await findEntry(ctx.pool, id) : null;
  const org = row && orgInReach(reach, row.org_path) ? await getOrg(ctx.pool, row.org_id) : null;
  if (!row || !org) throw disclosureErrors.ENTRY_NOT_FOUND('id');
  return { row, org };
}

export async function updateEntry(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
  input: EntryInput,
  actor: Actor,
): Promise<EntryView> {
  const { row, org } = await entryInReach(ctx, principal, id);
  if (row.status !== 'published') throw disclosureErrors.ENTRY_NOT_FOUND('id', '已撤回的条目不能修改');
  const today = shanghaiDate(ctx.clock.now());
  const e = cleanEntry(input, org, today);
  await checkArticle(ctx, e.articleId);
  const days = await lateness(ctx, e.writtenOn, e.publishedOn);
  await withTx(ctx.pool, async (tx) => {
    const locked = await maybeOne<{ status: string }>(
      tx,
      'SELECT status FROM dsc_catalogue_entry WHERE id = $1 FOR UPDATE',
      [id],
    );
    if (locked?.status !== 'published') throw disclosureErrors.ENTRY_NOT_FOUND('id');
    await tx.query(
      `UPDATE dsc_catalogue_entry SET title=$2, summary=$3, publisher=$4, written_on=$5, published_on=$6, doc_number=$7,
         topic=$8, genre=$9, keywords=$10, validity=$11, repealed_on=$12, disclosure_mode=$13, article_id=$14,
         updated_at=$15, row_version = row_version + 1
       WHERE id = $1`,
      [
        id,
        e.title,
        e.summary,
        e.publisher,
        e.writtenOn,
        e.publishedOn,
        e.docNumber,
        e.topic,
        e.genre,
        e.keywords,
        e.validity,
        e.repealedOn,
        e.disclosureMode,
        e.articleId,
        ctx.clock.now(),
      ],
    );
    await indexEntry(tx, id, org.id, row.index_number, e);
    if (days !== null && days > PROACTIVE_DAYS)
      await raiseLateAlert(tx, ctx, org, id, row.index_number, e, days);
    else await tx.query('DELETE FROM dsc_alert WHERE entry_id = $1', [id]);
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    const before: Record<string, unknown> = {
      title: row.title,
      validity: row.validity,
      writtenOn: row.written_on,
      publishedOn: row.published_on,
      docNumber: row.doc_number,
    };
    const after: Record<string, unknown> = {
      title: e.title,
      validity: e.validity,
      writtenOn: e.writtenOn,
      publishedOn: e.publishedOn,
      docNumber: e.docNumber,
    };
    for (const k of Object.keys(before))
      if (before[k] !== after[k]) changes[k] = { before: before[k], after: after[k] };
    await ctx.audit.record(tx, actor, {
      action: 'disclosure.entry.update',
      objectType: 'disclosure_entry',
      objectId: id,
      summary: `修改公开目录条目（索引号 ${row.index_number}）`,
      changes,
    });
  });
  return (await toEntryView(ctx.pool, id)) as EntryView;
}

export async function withdrawEntry(
  ctx: AppContext,
  principal: Principal | null | undefined,
  id: string,
  reasonRaw: unknown,
  actor: Actor,
): Promise<EntryView> {
  const { row } = await entryInReach(ctx, principal, id);
  const p = new Problems();
  const reason = cleanText(p, 'reason', '撤回理由', reasonRaw, { max: 500, required: true });
  p.throwIf((d) => disclosureErrors.ENTRY_INVALID(d));
  if (row.status === 'withdrawn') return (await toEntryView(ctx.pool, id)) as EntryView;
  await withTx(ctx.pool, async (tx) => {
    await tx.query(
      `UPDATE dsc_catalogue_entry SET status = 'withdrawn', withdrawn_reason = $2, updated_at = $3,
         row_version = row_version + 1 WHERE id = $1`,
      [id, reason, ctx.clock.now()],
    );
    await removeDocument(tx, 'catalogue', id);
    await ctx.audit.record(tx, actor, {
      action: 'disclosure.entry.withdraw',
      objectType: 'disclosure_entry',
      objectId: id,
      summary: `撤回公开目录条目（索引号 ${row.index_number}）：${reason}`,
    });
  });
  return (await toEntryView(ctx.pool, id)) as EntryView;
}

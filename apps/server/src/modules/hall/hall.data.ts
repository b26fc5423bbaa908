// The hall's one doorway to the modules it shows: services (items, taxonomy, forms, fees), licensing
// (drafts, applications, documents), workflow (public lookup) and ratings. Pages call these functions
// only, so a change in another module's API is absorbed here. Use-case errors that mean "not yours or
// not there" come back as null, so every page answers them with the same 404.
import type { Actor } from '../../platform/audit/audit.ts';
import { shanghaiDate } from '../../platform/calendar/working-days.ts';
import type { AppContext } from '../../platform/context.ts';
import { many } from '../../platform/db/pool.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { Principal } from '../../platform/http/principal.ts';
import {
  type ApplicationDetail,
  type DraftView,
  deleteDraft,
  getApplicationForApplicant,
  getDraft,
  IDEMPOTENCY_KEY_RE,
  listMyApplications,
  readDocument,
  resubmitApplication,
  saveDraft,
  submitApplication,
  withdrawApplication,
} from '../licensing/index.ts';
import { LEVEL_NAMES, ratingOfCase, submitRating } from '../ratings/index.ts';
import {
  computeFees,
  type FormProblem,
  getPublishedItem,
  type ItemSummary,
  LIFE_EVENTS,
  listPublishedItems,
  prefillFor,
  type ServiceItem,
  THEMES,
  validateFormData,
} from '../services/index.ts';
import { lookupPublicCase } from '../workflow/index.ts';
import { yuan } from '../../../../shared/money.ts';

/** What a submission's Idempotency-Key must look like (licensing's rule). */
export { IDEMPOTENCY_KEY_RE };

export type { ApplicationDetail, DraftView };

export interface ItemFilters {
  q: string;
  orgId: string;
  theme: string;
  lifeEvent: string;
  audience: '' | 'person' | 'enterprise';
}

export type ItemListEntry = ItemSummary;

export interface TaxonomyEntry {
  code: string;
  name: string;
  audience: 'person' | 'enterprise' | 'both';
}

export interface HallTaxonomy {
  themes: TaxonomyEntry[];
  lifeEvents: TaxonomyEntry[];
}

export interface UnitEntry {
  orgId: string;
  name: string;
  count: number;
}

function audienceOf(a: readonly string[]): TaxonomyEntry['audience'] {
  const p = a.includes('person');
  const e = a.includes('enterprise');
  return p && e ? 'both' : e ? 'enterprise' : 'person';
}

const TAXONOMY: HallTaxonomy = {
  themes: THEMES.map((t) => ({ code: t.code, name: t.name, audience: audienceOf(t.audience) })),
  lifeEvents: LIFE_EVENTS.map((t) => ({ code: t.code, name: t.name, audience: audienceOf(t.audience) })),
};

/** Errors of the other modules that mean "no such record for you" (→ one 404 page). */
function isNotFound(e: unknown): boolean {
  return e instanceof AppError && e.status === 404;
}

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

/** Short-lived shared results (units and popular items change when items are published). */
const TTL_MS = 60_000;
const memo = new WeakMap<AppContext, Map<string, { at: number; value: Promise<unknown> }>>();

function cached<T>(ctx: AppContext, key: string, load: () => Promise<T>): Promise<T> {
  let m = memo.get(ctx);
  if (!m) {
    m = new Map();
    memo.set(ctx, m);
  }
  const hit = m.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value as Promise<T>;
  const value = load().catch((e) => {
    m.delete(key);
    throw e;
  });
  m.set(key, { at: Date.now(), value });
  return value;
}

export function hallData(ctx: AppContext) {
  const today = () => shanghaiDate(ctx.clock.now());

  return {
    taxonomy: async (): Promise<HallTaxonomy> => TAXONOMY,

    getItem: (id: string): Promise<ServiceItem | null> => getPublishedItem(ctx.pool, id),

    listItems: async (
      f: ItemFilters,
      page: number,
      pageSize: number,
    ): Promise<{ items: ItemListEntry[]; total: number }> => {
      const r = await listPublishedItems(ctx, {
        ...(f.q ? { q: f.q } : {}),
        ...(f.orgId ? { orgId: f.orgId } : {}),
        ...(f.theme ? { theme: f.theme } : {}),
        ...(f.lifeEvent ? { lifeEvent: f.lifeEvent } : {}),
        ...(f.audience ? { audience: f.audience } : {}),
        page,
        pageSize,
      });
      return { items: r.items, total: r.total };
    },

    /** Units with published items and how many, for 按部门办事 (read through the public list). */
    unitsWithItems: (): Promise<UnitEntry[]> =>
      cached(ctx, 'units', async () => {
        const counts = new Map<string, UnitEntry>();
        for (let page = 1; page <= 50; page += 1) {
          const r = await listPublishedItems(ctx, { page, pageSize: 100 });
          for (const i of r.items) {
            const u = counts.get(i.orgId) ?? { orgId: i.orgId, name: i.orgName, count: 0 };
            u.count += 1;
            counts.set(i.orgId, u);
          }
          if (page * 100 >= r.total) break;
        }
        // The public list comes ordered by the organisation tree.
        return [...counts.values()];
      }),

    /** The items applied for most in the last 90 days (or the first published ones), for 热门事项. */
    popularItems: (n: number): Promise<ItemListEntry[]> =>
      cached(ctx, `popular:${n}`, async () => {
        const since = new Date(ctx.clock.now().getTime() - 90 * 86_400_000);
        const top = await many<{ item_id: string }>(
          ctx.pool,
          `SELECT item_id FROM lic_application WHERE submitted_at >= $1
            GROUP BY item_id ORDER BY count(*) DESC, item_id LIMIT 50`,
          [since],
        );
        const all = await listPublishedItems(ctx, { page: 1, pageSize: 100 });
        const byId = new Map(all.items.map((i) => [i.id, i]));
        const out: ItemListEntry[] = [];
        for (const r of top) {
          const i = byId.get(r.item_id);
          if (i) out.push(i);
          if (out.length >= n) return out;
        }
        for (const i of all.items) {
          if (out.length >= n) break;
          if (!out.includes(i)) out.push(i);
        }
        return out;
      }),

    prefill: (p: Principal, item: ServiceItem) => prefillFor(ctx, p, item.form),

    validate: (
      item: ServiceItem,
      values: Record<string, unknown>,
    ): { ok: true; values: Record<string, unknown> } | { ok: false; problems: FormProblem[] } =>
      validateFormData(item.form, values, { today: today(), root: 'form' }),

    fees: (item: ServiceItem, values: Record<string, unknown>) => {
      const f = computeFees(item, values);
      return { totalFen: f.totalFen, text: `${yuan(f.totalFen)} 元` };
    },

    // ---- drafts and applications (licensing) ----

    getDraft: (p: Principal, id: string) => orNull(getDraft(ctx, p, id)),

    saveDraft: (
      p: Principal,
      d: {
        draftId: string | null;
        itemId: string;
        form: Record<string, unknown>;
        materials: { materialId: string; fileId: string }[];
      },
      actor: Actor,
    ): Promise<DraftView> =>
      saveDraft(
        ctx,
        p,
        d.draftId
          ? { draftId: d.draftId, form: d.form, materials: d.materials }
          : { itemId: d.itemId, form: d.form, materials: d.materials },
        actor,
      ),

    deleteDraft: async (p: Principal, id: string, actor: Actor): Promise<boolean> => {
      try {
        await deleteDraft(ctx, p, id, actor);
        return true;
      } catch (e) {
        if (isNotFound(e)) return false;
        throw e;
      }
    },

    submit: async (
      p: Principal,
      input: {
        itemId: string;
        form: Record<string, unknown>;
        materials: { materialId: string; fileId: string }[];
        draftId: string;
        idempotencyKey: string;
      },
      actor: Actor,
    ) => (await submitApplication(ctx, p, input, actor)).result,

    myApplications: (p: Principal, page: number, pageSize: number) =>
      listMyApplications(ctx, p, { page, pageSize }),

    application: (p: Principal, id: string) => orNull(getApplicationForApplicant(ctx, p, id)),

    resubmit: (
      p: Principal,
      id: string,
      input: { form?: Record<string, unknown>; materials?: { materialId: string; fileId: string }[] },
      actor: Actor,
    ) => resubmitApplication(ctx, p, id, input, actor),

    withdraw: (p: Principal, id: string, reason: string, actor: Actor) =>
      withdrawApplication(ctx, p, id, reason ? { reason } : {}, actor),

    /** A document (PDF) of the applicant's own application, or null. */
    document: async (p: Principal, id: string, docId: string) => {
      const d = await orNull(readDocument(ctx, p, id, docId));
      if (!d) return null;
      return { data: await ctx.files.read(d.file), fileName: d.file.name || `${d.title}.pdf` };
    },

    // ---- ratings ----

    ratingOf: async (caseId: string) => {
      const r = await ratingOfCase(ctx.pool, caseId);
      return r ? { levelName: LEVEL_NAMES[r.score] ?? '', comment: r.comment } : null;
    },

    rate: (p: Principal, caseId: string, score: number, comment: string, actor: Actor) =>
      submitRating(ctx, p, { caseId, score, comment: comment || null }, actor),

    // ---- public lookup (workflow) ----

    publicLookup: (number: string, queryCode: string) => orNull(lookupPublicCase(ctx, { number, queryCode })),
  };
}

import type pg from 'pg';
import { newId } from '../apps/server/src/platform/db/ids.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { createPool, withTx } from '../apps/server/src/platform/db/pool.ts';
import { indexDocument } from '../apps/server/src/platform/search/index.ts';
import { searchDocuments } from '../apps/server/src/platform/search/query.ts';
import { segmentWords } from '../apps/server/src/platform/search/segment.ts';
import { type BenchRow, dropDatabase, freshDatabase, say, runStandalone } from './databases.ts';

function databaseUrl(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

const DOCS = Number(process.env.BENCH_SEARCH_DOCS ?? 1_000_000);
const INDEX_DOCS = Number(process.env.BENCH_SEARCH_INDEX_DOCS ?? 5_000);
const QUERIES = 200;
const SITES = 73;
const COLUMNS_PER_SITE = 8;
const ORGS = 80;
const NOW = new Date('2026-11-24T02:00:00Z');

const VOCAB =
  `营业执照 行政许可 政务公开 乡村振兴 信息公开 政府工作报告 营商环境 最多跑一次 数字化改革 共同富裕
生态环境 垃圾分类 安全生产 疫情防控 医疗保障 养老服务 社会保险 住房公积金 公共服务 民生实事 城市更新 老旧小区
改造 交通运输 高速公路 水利工程 防汛防台 农村集体 土地征收 规划许可 建设工程 招标投标 政府采购 财政预算
决算公开 审计整改 统计公报 国民经济 社会发展 人才引进 就业创业 职业技能 培训补贴 义务教育 学前教育 高中招生
文化旅游 体育健身 卫生健康 食品安全 药品监管 市场监管 消费维权 知识产权 科技创新 高新技术 企业减负 惠企政策
税收优惠 中小企业 数字经济 制造业 农业农村 粮食安全 耕地保护 森林防火 河长制 水环境 空气质量 节能减排 碳达峰
碳中和 新能源 电动汽车 充电设施 公共交通 便民服务 一网通办 浙里办 政务服务 办事指南 事项清单 权力清单 责任清单
行政处罚 行政复议 行政诉讼 法治政府 依法行政 规范性文件 政策解读 新闻发布会 人大代表 建议提案 政协委员 网格化
社会治理 平安建设 信访工作 矛盾纠纷 调解 应急管理 自然灾害 救助 低保 特困人员 残疾人 退役军人 优抚 慈善
志愿服务 精神文明 文明城市 历史文化 名城保护 非物质文化遗产 景区 民宿 山区 海岛 丽水 青田 缙云 遂昌 松阳 云和
庆元 景宁 龙泉 莲都 市政府 县政府 人民政府 办公室 发展改革 经济和信息化 教育局 公安局 民政局 司法局 财政局
人力资源 自然资源 住房城乡建设 水利局 农业农村局 商务局 文化广电 卫生健康委 审计局 市场监督管理局 统计局 医疗保障局
会议 通知 公告 通报 意见 办法 规定 实施方案 工作要点 年度计划 总结 报告 批复 决定 公示 征求意见 听证
召开 部署 推进 落实 加强 完善 优化 提升 开展 组织 实施 印发 发布 启动 举办 调研 督查 检查 考核 评估 验收`
    .split(/\s+/)
    .filter(Boolean);

/**
 * Words outside VOCAB, each put into one sentence of the pool, so each is in a few hundred documents
 * spread over the five years: a search for one has to reach back to the oldest documents.
 */
const RARE =
  `苍南 瓯海 鹿城 龙湾 乐清 瑞安 永嘉 平阳 泰顺 文成 洞头 柯城 衢江 常山 开化 龙游 婺城 金东 兰溪 义乌
东阳 永康 武义 浦江 磐安 椒江 黄岩 路桥 临海 温岭 玉环 天台 仙居 三门 定海 普陀 岱山 嵊泗 越城 柯桥 上虞 诸暨 嵊州
新昌 吴兴 南浔 德清 长兴 安吉 海宁 桐乡 嘉善 海盐 平湖 余姚 慈溪 宁海 象山 奉化 北仑 镇海 鄞州 富阳 临安 桐庐 淳安
建德 萧山 余杭 拱墅 滨江`
    .split(/\s+/)
    .filter(Boolean);

/** Deterministic pseudo-random numbers (mulberry32), so runs compare. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Word choice skewed to the front of the vocabulary (a few words are common, most are rare). */
function pick(r: () => number): string {
  return VOCAB[Math.floor(r() ** 2 * VOCAB.length)] as string;
}

async function generate(db: pg.Pool, n: number): Promise<void> {
  const r = rng(2026);
  // Pieces made once in the application: raw text and its segmented form.
  const piece = (words: number) => {
    const ws = Array.from({ length: words }, () => pick(r));
    return { raw: ws.join(''), seg: segmentWords(ws.join(' ')).join(' ') };
  };
  const titles = Array.from({ length: 5000 }, () => piece(3 + Math.floor(r() * 5)));
  const sentences = Array.from({ length: 20000 }, () => piece(8 + Math.floor(r() * 10)));
  RARE.forEach((w, i) => {
    const s = sentences[i * 7] as { raw: string; seg: string };
    s.raw += w;
    s.seg += ` ${segmentWords(w).join(' ')}`;
  });
  await db.query(
    'CREATE UNLOGGED TABLE bench_title (id int PRIMARY KEY, raw text, tsv tsvector, grams tsvector)',
  );
  await db.query('CREATE UNLOGGED TABLE bench_sentence (id int PRIMARY KEY, raw text, tsv tsvector)');
  for (let i = 0; i < titles.length; i += 1000) {
    const chunk = titles.slice(i, i + 1000);
    await db.query(
      `INSERT INTO bench_title (id, raw, tsv)
       SELECT i - 1 + $3::int, raw, setweight(to_tsvector('simple', seg), 'A')
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(raw, seg, i)`,
      [chunk.map((t) => t.raw), chunk.map((t) => t.seg), i],
    );
  }
  // Character bigrams of the titles (all Han), as titleGrams makes them.
  await db.query(`UPDATE bench_title SET grams = (
      SELECT array_to_tsvector(array_agg(DISTINCT substr(raw, k, 2)))
      FROM generate_series(1, char_length(raw) - 1) k)`);
  for (let i = 0; i < sentences.length; i += 2000) {
    const chunk = sentences.slice(i, i + 2000);
    await db.query(
      `INSERT INTO bench_sentence (id, raw, tsv)
       SELECT i - 1 + $3::int, raw || '。', setweight(to_tsvector('simple', seg), 'B')
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(raw, seg, i)`,
      [chunk.map((t) => t.raw), chunk.map((t) => t.seg), i],
    );
  }
  // Indexes after the load, as a bulk import would do.
  const idx = await db.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_document' AND indexname NOT LIKE '%pkey' AND indexname NOT LIKE '%key'`,
  );
  for (const i of idx.rows) await db.query(`DROP INDEX ${i.indexname}`);
  await db.query('SELECT setseed(0.2026)');
  const batch = 100_000;
  for (let start = 0; start < n; start += batch) {
    const size = Math.min(batch, n - start);
    // Articles over five years, newer ones more frequent; every tenth a policy document. Inserted
    // oldest first, as a site publishes them, so the table's order follows publication time.
    await db.query(
      `INSERT INTO search_document (id, source_type, source_id, site_id, column_id, org_id, title, body, url,
                                    published_at, extra, tsv, title_grams)
       SELECT gen_random_uuid(), CASE WHEN g % 10 = 0 THEN 'policy' ELSE 'article' END, gen_random_uuid(),
              ('00000000-0000-7000-8000-' || lpad(to_hex(site), 12, '0'))::uuid,
              ('00000000-0000-7000-8001-' || lpad(to_hex(site * ${COLUMNS_PER_SITE} + col), 12, '0'))::uuid,
              ('00000000-0000-7000-8002-' || lpad(to_hex(g % ${ORGS}), 12, '0'))::uuid,
              t.raw, s1.raw || s2.raw || s3.raw || s4.raw || s5.raw || s6.raw,
              '/articles/' || g,
              $2::timestamptz - ((($4::int - g + random()) / $4::int) ^ 1.5 * interval '1826 days'),
              '{}', t.tsv || s1.tsv || s2.tsv || s3.tsv || s4.tsv || s5.tsv || s6.tsv, t.grams
       FROM (SELECT g, floor(random() * ${SITES})::int AS site, floor(random() * ${COLUMNS_PER_SITE})::int AS col,
                    floor(random() * 5000)::int AS ti,
                    floor(random() * 20000)::int AS a, floor(random() * 20000)::int AS b,
                    floor(random() * 20000)::int AS c, floor(random() * 20000)::int AS d,
                    floor(random() * 20000)::int AS e, floor(random() * 20000)::int AS f
             FROM generate_series($1::int + 1, $1::int + $3::int) g) x
       JOIN bench_title t ON t.id = x.ti
       JOIN bench_sentence s1 ON s1.id = x.a JOIN bench_sentence s2 ON s2.id = x.b
       JOIN bench_sentence s3 ON s3.id = x.c JOIN bench_sentence s4 ON s4.id = x.d
       JOIN bench_sentence s5 ON s5.id = x.e JOIN bench_sentence s6 ON s6.id = x.f
       ORDER BY x.g`,
      [start, NOW, size, n],
    );
    say(`  ${(start + size).toLocaleString('en')} articles`);
  }
  for (const i of idx.rows) await db.query(i.indexdef);
  await db.query('DROP TABLE bench_title, bench_sentence');
  await db.query('VACUUM ANALYZE search_document');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export async function benchSearch(adminUrl: string, label: string): Promise<BenchRow[]> {
  const name = 'zt_bench_search';
  // BENCH_SEARCH_REUSE=1: query the corpus a BENCH_KEEP=1 run left behind instead of generating it.
  const reuse = process.env.BENCH_SEARCH_REUSE === '1';
  const keep = reuse || Boolean(process.env.BENCH_KEEP);
  const url = reuse ? databaseUrl(adminUrl, name) : await freshDatabase(adminUrl, name);
  const rows: BenchRow[] = [];
  const pool = createPool(url, 4);
  const count = reuse
    ? (
        await pool.query<{ n: number }>('SELECT count(*) AS n FROM search_document')
      ).rows[0]!.n.toLocaleString('en')
    : DOCS.toLocaleString('en');
  try {
    if (reuse) {
      say(`${label}: reusing ${name} (${count} documents)`);
      await migrate(url);
    } else {
      say(`${label}: migrating a fresh database`);
      await migrate(url);
      say(`${label}: generating ${count} articles`);
      const gen = await timed(() => generate(pool, DOCS));
      rows.push([
        label,
        `search: bulk load of ${count} articles with indexes (SQL)`,
        `${(gen.ms / 1000).toFixed(1)} s`,
      ]);

      // Indexing through the application, one transaction per article as publishing does.
      const r = rng(7);
      const site = '00000000-0000-7000-8000-000000000001';
      const idx = await timed(async () => {
        for (let i = 0; i < INDEX_DOCS; i++) {
          const title = Array.from({ length: 5 }, () => pick(r)).join('');
          const body = Array.from({ length: 120 }, () => pick(r)).join('');
          const id = newId();
          await withTx(pool, (tx) =>
            indexDocument(tx, {
              sourceType: 'article',
              sourceId: id,
              siteId: site,
              columnId: null,
              orgId: null,
              title,
              body,
              url: `/articles/${id}`,
              publishedAt: NOW,
            }),
          );
        }
      });
      rows.push([
        label,
        `search: indexDocument, ${INDEX_DOCS.toLocaleString('en')} articles, one transaction each`,
        `${Math.round(INDEX_DOCS / (idx.ms / 1000))} articles/s`,
      ]);
    }
    await pool.query('ANALYZE search_document');

    const q = rng(11);
    const words = Array.from({ length: QUERIES }, () =>
      Array.from({ length: 1 + Math.floor(q() * 3) }, () => VOCAB[Math.floor(q() * VOCAB.length)]).join(' '),
    );
    const rare = Array.from({ length: QUERIES }, (_, i) => RARE[i % RARE.length] as string);
    const rareAndCommon = rare.map((w, i) => `${w} ${VOCAB[(i * 7) % VOCAB.length]}`);
    // A citizen's typo: the last character of a word replaced, so no word matches and the fuzzy title
    // match answers.
    const long = VOCAB.filter((w) => w.length >= 4);
    const typos = Array.from(
      { length: QUERIES },
      (_, i) => `${(long[i % long.length] as string).slice(0, -1)}材`,
    );
    const unfiltered = (text: string) => ({ q: text, page: 1, pageSize: 10, now: NOW });
    const runs: [string, string[], (text: string) => Parameters<typeof searchDocuments>[1]][] = [
      ['1–3 words, unfiltered', words, unfiltered],
      [
        '1–3 words, one site',
        words,
        (text) => ({ ...unfiltered(text), siteId: '00000000-0000-7000-8000-000000000011' }),
      ],
      [
        '1–3 words, policy documents of 2025',
        words,
        (text) => ({ ...unfiltered(text), type: 'policy', from: '2025-01-01', to: '2025-12-31' }),
      ],
      ['a rare word, unfiltered', rare, unfiltered],
      ['a rare word and a common one, unfiltered', rareAndCommon, unfiltered],
      ['one wrong character (fuzzy title match), unfiltered', typos, unfiltered],
    ];
    for (const [what, queries, params] of runs) {
      // Warm-up: the first queries read the indexes into memory.
      for (const text of queries.slice(0, 10)) await searchDocuments(pool, params(text));
      const times: number[] = [];
      let hits = 0;
      for (const text of queries) {
        const t = await timed(() => searchDocuments(pool, params(text)));
        times.push(t.ms);
        if (t.value.total > 0) hits += 1;
      }
      times.sort((a, b) => a - b);
      rows.push([
        label,
        `search p50 / p95 / max, ${queries.length} queries: ${what}, ${count} articles (${hits} with results)`,
        `${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)} / ${(times.at(-1) ?? 0).toFixed(1)} ms`,
      ]);
    }
  } finally {
    await pool.end();
    if (!keep) await dropDatabase(adminUrl, name);
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await runStandalone('search', benchSearch);

/**
 * The Vega-Lite specifications of the report charts (pure: a summary in, a specification out), with
 * Russian titles, axis titles and series names. ChartRenderer turns them into SVG.
 */
import type { PipelineDto, QuotaSummaryDto, QuotaSummaryRowDto } from '../dto/report.dto';
import { PIPELINE_STEPS } from '../reports.rules';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const FONT = 'sans-serif';
const config = { font: FONT, background: 'white', view: { stroke: null } };

const GROUP_TITLES: Record<string, string> = {
  occupation: 'Профессия',
  citizenship: 'Гражданство',
  employer: 'Работодатель',
  sector: 'Отрасль',
  partnerAgency: 'Партнёрское агентство',
};

export const QUOTA_SERIES = { limit: 'Лимит', approved: 'Одобрено', placed: 'Трудоустроено' } as const;

const asOfText = (asOf: string | null) => (asOf ? ` на конец ${asOf}` : '');

function rowName(r: QuotaSummaryRowDto): string {
  if (r.allocationId) return `${r.occupationCode ?? 'все профессии'} · ${r.citizenship ?? 'все гражданства'}`;
  return r.groupLabel ?? r.groupKey ?? 'не указано';
}

/** Use per allocation (or group): approved and placed as bars, the limit as a tick across them. */
export function quotaChartSpec(s: QuotaSummaryDto): object {
  const categories = s.rows.map((r) => ({ name: rowName(r), r }));
  if (!s.groupBy) categories.unshift({ name: 'Общий лимит года', r: { ...s.overall, placed: s.totals.placed } as unknown as QuotaSummaryRowDto });
  const values = categories.flatMap(({ name, r }) => [
    { category: name, series: QUOTA_SERIES.approved, value: r.approved ?? 0 },
    { category: name, series: QUOTA_SERIES.placed, value: r.placed },
    ...(r.limit === null ? [] : [{ category: name, series: QUOTA_SERIES.limit, value: r.limit }]),
  ]);
  // the values come in the summary's order (sort: null keeps it)
  const y = { field: 'category', type: 'nominal', sort: null, title: s.groupBy ? GROUP_TITLES[s.groupBy] : 'Распределение квоты' };
  const color = {
    field: 'series',
    type: 'nominal',
    title: 'Показатель',
    scale: { domain: Object.values(QUOTA_SERIES), range: ['#333333', '#4c78a8', '#59a14f'] },
  };
  return {
    $schema: SCHEMA,
    title: { text: `Использование квоты ${s.year} года${asOfText(s.asOf)}`, font: FONT },
    width: 480,
    data: { values },
    encoding: { y, x: { field: 'value', type: 'quantitative', title: 'Работников' }, color },
    layer: [
      { mark: 'bar', transform: [{ filter: `datum.series !== '${QUOTA_SERIES.limit}'` }], encoding: { yOffset: { field: 'series' } } },
      { mark: { type: 'tick', thickness: 3 }, transform: [{ filter: `datum.series === '${QUOTA_SERIES.limit}'` }] },
    ],
    config,
  };
}

/** The pipeline as a funnel: one horizontal bar per step, in order, labelled with its count and conversion. */
export function pipelineChartSpec(p: PipelineDto): object {
  const values = p.totals.steps.map((s, i) => ({
    step: PIPELINE_STEPS[i].labelRu,
    count: s.count,
    label: s.conversionPercent === null ? `${s.count}` : `${s.count} (далее ${s.conversionPercent}%)`,
  }));
  const y = { field: 'step', type: 'nominal', sort: null, title: 'Этап' };
  return {
    $schema: SCHEMA,
    title: { text: `Воронка набора: вошли ${p.from} — ${p.to}${asOfText(p.asOf)}`, font: FONT },
    width: 480,
    data: { values },
    encoding: { y, x: { field: 'count', type: 'quantitative', title: 'Работников' } },
    layer: [{ mark: { type: 'bar', color: '#4c78a8' } }, { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { text: { field: 'label' } } }],
    config,
  };
}

import type {
  ContingentState,
  IncidentSearchPage,
  IncidentSummary,
} from '@blue-ledger/projections';
import { format } from '../rendering/format';
import { queryString } from '../rendering/query-fields';
import { DEFAULT_PAGE_SIZE, type IncidentsPageQuery } from './incidents-page.query';

export interface Mission {
  code: string;
  name: string;
}

export interface IncidentRow {
  incidentId: string;
  missionCode: string;
  category: string;
  status: string;
  occurredAt: string;
  recordedAt: string;
  position: number;
  location: string;
  summary: string;
  civiliansKilled: number | undefined;
  peacekeepersKilled: number | undefined;
  units: string[];
  investigations: number;
}

export interface SortLink {
  label: string;
  href: string;
  /** aria-sort of the column header. */
  sort: 'ascending' | 'descending' | 'none';
}

export interface IncidentsView {
  query: IncidentsPageQuery;
  rows: IncidentRow[];
  missions: Mission[];
  units: { id: string; label: string }[];
  sortOccurred: SortLink;
  sortReported: SortLink;
  nextHref: string | undefined;
  firstHref: string | undefined;
  csvHref: string;
  clearHref: string;
  /** The same list as it stands now (the banner's way back when `asOf` is set). */
  nowHref: string;
  filtered: boolean;
  summary: string;
}

const unitName = (u: ContingentState) => `${u.designation} (${u.country}, ${u.missionCode})`;

/** The filters of the list as they stand, without paging. */
function filterState(q: IncidentsPageQuery): Record<string, string | undefined> {
  return {
    mission: q.mission,
    category: q.category,
    status: q.status,
    contingent: q.contingent,
    occurredFrom: q.occurredFrom,
    occurredTo: q.occurredTo,
    recordedFrom: q.recordedFrom,
    recordedTo: q.recordedTo,
    asOf: q.asOf,
  };
}

export function incidentsView(input: {
  query: IncidentsPageQuery;
  page: IncidentSearchPage;
  missions: Mission[];
  units: ContingentState[];
}): IncidentsView {
  const { query, page, units } = input;
  const names = new Map(units.map((u) => [u.contingentId, unitName(u)]));
  const filters = filterState(query);
  const order = query.order ?? 'reported';
  const limit = query.limit && query.limit !== DEFAULT_PAGE_SIZE ? String(query.limit) : undefined;
  const sortLink = (column: 'occurred' | 'reported', label: string): SortLink => {
    const current =
      order === column ? 'ascending' : order === `${column}_desc` ? 'descending' : 'none';
    const nextOrder = current === 'ascending' ? `${column}_desc` : column;
    return {
      label,
      href: `/ui/incidents${queryString({ ...filters, order: nextOrder, limit })}`,
      sort: current,
    };
  };
  const filtered = Object.entries(filters).some(([k, v]) => k !== 'asOf' && v !== undefined);
  const described = [
    query.mission && `in ${query.mission}`,
    query.category && format.label(query.category).toLowerCase(),
    query.status && query.status,
    query.contingent && `with ${names.get(query.contingent) ?? 'the chosen unit'} present`,
    (query.occurredFrom || query.occurredTo) &&
      `occurred ${query.occurredFrom ? `from ${query.occurredFrom}` : ''}${query.occurredTo ? ` to ${query.occurredTo}` : ''}`,
    (query.recordedFrom || query.recordedTo) &&
      `recorded ${query.recordedFrom ? `from ${query.recordedFrom}` : ''}${query.recordedTo ? ` to ${query.recordedTo}` : ''}`,
  ].filter(Boolean);
  const orderText = {
    reported: 'in the order they were reported to the ledger',
    reported_desc: 'the latest reported first',
    occurred: 'in the order they occurred',
    occurred_desc: 'the latest occurred first',
  }[order];
  return {
    query,
    rows: incidentSummaries(page.items, names),
    missions: input.missions,
    units: units.map((u) => ({ id: u.contingentId, label: unitName(u) })),
    sortOccurred: sortLink('occurred', 'Occurred'),
    sortReported: sortLink('reported', 'Reported'),
    nextHref: page.next
      ? `/ui/incidents${queryString({ ...filters, order: query.order, limit, after: page.next })}`
      : undefined,
    firstHref: query.after
      ? `/ui/incidents${queryString({ ...filters, order: query.order, limit })}`
      : undefined,
    csvHref: `/ui/incidents.csv${queryString({ ...filters, order: query.order })}`,
    clearHref: `/ui/incidents${queryString({ asOf: query.asOf })}`,
    nowHref: `/ui/incidents${queryString({ ...filters, asOf: undefined, order: query.order, limit })}`,
    filtered,
    summary: `${described.length > 0 ? `Incidents ${described.join(', ')}` : 'All incidents'}, ${orderText}.`,
  };
}

function incidentSummaries(items: IncidentSummary[], names: Map<string, string>): IncidentRow[] {
  return items.map((i) => ({
    incidentId: i.incidentId,
    missionCode: i.missionCode,
    category: i.category,
    status: i.status,
    occurredAt: i.occurredAt,
    recordedAt: i.reported.recordedAt,
    position: i.reported.position,
    location: i.location.name,
    summary: i.summary,
    civiliansKilled: i.casualties?.civiliansKilled,
    peacekeepersKilled: i.casualties?.peacekeepersKilled,
    units: i.contingentIds.map((id) => names.get(id) ?? id),
    investigations: i.investigationIds.length,
  }));
}

/** The CSV rows of a page of incidents (every fact the list shows, and a few more). */
export function incidentRows(items: IncidentSummary[], units: ContingentState[]): string[][] {
  const names = new Map(units.map((u) => [u.contingentId, unitName(u)]));
  return items.map((i) => [
    i.incidentId,
    i.missionCode,
    i.category,
    i.status,
    i.occurredAt,
    i.reported.recordedAt,
    i.location.name,
    i.summary,
    String(i.casualties?.civiliansKilled ?? ''),
    String(i.casualties?.civiliansInjured ?? ''),
    String(i.casualties?.peacekeepersKilled ?? ''),
    String(i.casualties?.peacekeepersInjured ?? ''),
    i.contingentIds.map((id) => names.get(id) ?? id).join('; '),
    String(i.investigationIds.length),
  ]);
}

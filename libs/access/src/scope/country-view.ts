import type { AccessScope } from './access-scope';

/** What a contributing country's liaison may see: the ids of everything else are hidden. */
export interface CountryView {
  country: string;
  hidden: ReadonlySet<string>;
  /** Every id the ledger holds that the country may see. */
  visible: ReadonlySet<string>;
}

const intersects = (ids: Iterable<string>, set: ReadonlySet<string>) => {
  for (const id of ids) if (set.has(id)) return true;
  return false;
};

/**
 * The country's own units and the mission leaders of its nationality; the incidents its units
 * were involved in; the findings attributed to them (or to the country, or naming one of its
 * leaders' appointments), the namings, recommendations and decisions about them; the
 * investigations that hold those or cover those incidents; the units' own records. Evidence is
 * never about a unit and stays hidden. Every other id the ledger holds is hidden.
 */
export function countryViewOf(scope: AccessScope, country: string): CountryView {
  const own = new Set(
    [...scope.contingentCountry].filter(([, c]) => c === country).map(([id]) => id),
  );
  const leaders = new Set(
    [...scope.appointmentNationality].filter(([, n]) => n === country).map(([id]) => id),
  );
  const visible = new Set<string>([...own, ...leaders]);
  const show = (id: string) => visible.add(id);

  for (const [id, units] of scope.incidentUnits) if (intersects(units, own)) show(id);
  for (const [id, f] of scope.findings) {
    if (
      intersects(f.contingentIds, own) ||
      f.countries.has(country) ||
      intersects(f.appointmentIds, leaders)
    ) {
      show(id);
    }
  }
  for (const [id, n] of scope.namings) if (own.has(n.contingentId)) show(id);
  for (const [id, d] of scope.decisions) {
    const about = d.contingentId !== undefined ? own.has(d.contingentId) : false;
    const aboutLeader = d.appointmentId !== undefined ? leaders.has(d.appointmentId) : false;
    if (!about && !aboutLeader) continue;
    show(id);
    if (d.recommendationId) show(d.recommendationId);
  }
  for (const [id, r] of scope.recommendations) {
    const aboutOwn = r.contingentId
      ? own.has(r.contingentId)
      : r.appointmentId
        ? leaders.has(r.appointmentId)
        : r.findingIds.some((f) => visible.has(f));
    if (aboutOwn) show(id);
  }
  const holdsVisible = new Set<string>();
  for (const [id, f] of scope.findings) if (visible.has(id)) holdsVisible.add(f.investigationId);
  for (const [id, n] of scope.namings) if (visible.has(id)) holdsVisible.add(n.investigationId);
  for (const [id, r] of scope.recommendations) {
    if (visible.has(id)) holdsVisible.add(r.investigationId);
  }
  for (const [id, incidents] of scope.investigationIncidents) {
    if (holdsVisible.has(id) || incidents.some((i) => visible.has(i))) show(id);
  }
  for (const [id, unit] of scope.unitRecords) if (own.has(unit)) show(id);

  const hidden = new Set<string>();
  const hideUnlessVisible = (ids: Iterable<string>) => {
    for (const id of ids) if (!visible.has(id)) hidden.add(id);
  };
  hideUnlessVisible(scope.contingentCountry.keys());
  hideUnlessVisible(scope.appointmentNationality.keys());
  hideUnlessVisible(scope.incidentUnits.keys());
  hideUnlessVisible(scope.investigationIncidents.keys());
  hideUnlessVisible(scope.findings.keys());
  hideUnlessVisible(scope.namings.keys());
  hideUnlessVisible(scope.recommendations.keys());
  hideUnlessVisible(scope.decisions.keys());
  hideUnlessVisible(scope.unitRecords.keys());
  for (const id of scope.evidence) hidden.add(id);
  return { country, hidden, visible };
}

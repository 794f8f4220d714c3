/** Below this, a country's exposure is too small for a rate per 1,000 person-years to mean anything. */
export const MIN_PERSON_YEARS = 100;
/** Below this many events, a rate moves a lot with one more or one fewer (relative standard error above 23%). */
export const FEW_EVENTS = 20;

/**
 * What the figures of `GET /fairness` are, in the answer itself (and in the README, Fairness).
 */
export const FAIRNESS_DEFINITIONS = {
  period:
    'The period is [from, to) of occurred time, in a mission or in all. An incident counts when it occurred in it. A finding, naming, recommendation or decision counts with the investigation it belongs to, whose time is the occurred time of the earliest incident it covers (and its mission that incident’s): what the record did about what happened in the period, whenever it was recorded. A decision answering no recommendation counts by when it was decided, in its unit’s mission. Evaluations and commendations count by their own date, notifications by when they were sent, deadlines by when they started.',
  personYear:
    'One person deployed for 365.25 days. Person-years are the sum over the days of the period of the country’s uniformed strength in the mission(s), divided by 365.25. For each day, country and mission, the best source covering that day counts: the UN’s monthly contribution reports as compiled by IPI (a month’s report holds for every day of that month), then the Geo-PKO dataset’s yearly estimates of deployments (a year’s figure holds for that calendar year; typical unit sizes, not headcounts), then the ledger’s own record of the country’s units (registration, rotations, re-hatting, withdrawals and repatriations). A day no source covers counts nothing. `bySource` says how many came from each; `unknownSizeYears` the years in which some unit was there at a size nobody gave, where person-years are a lower bound.',
  rate: 'Each count is also given per 1,000 person-years of the country in the same mission(s) and period.',
  interval:
    'The 95% interval of a rate is the exact Poisson (Garwood) interval for the count, divided by the person-years: [χ²(0.025; 2k)/2, χ²(0.975; 2k+2)/2] per person-year. It treats the events as independent, which events of one incident are not: read it as the least uncertainty there is.',
  exposure: `exposure is "none" without person-years (no rate), "too_small" under ${MIN_PERSON_YEARS} person-years (one event moves the rate by more than 10 per 1,000: the rate means nothing), "sufficient" otherwise.`,
  smallNumbers: `fewEvents marks a count under ${FEW_EVENTS}: its rate moves a lot with one event more or fewer. Most counts of this ledger are small; compare intervals, not rates.`,
  events: {
    incidentsPresent:
      'Incidents (IncidentReported) that occurred in the period, with at least one of the country’s units linked to them (at the report or later).',
    findings:
      'Findings (FindingRecorded) attributed at unit level to at least one of the country’s units, as they now stand after revisions, withdrawn ones left out; by their current severity.',
    namings: 'Namings of the country’s units (UnitNamed).',
    repatriationRecommendations:
      'Recommendations to repatriate one of the country’s units or its commander (RecommendationIssued, repatriate_unit or repatriate_commander).',
    decisions:
      'Decisions about the country’s units, their commanders or individuals in them (RepatriationDecided, scope unit, commander or individuals), by outcome.',
    implementedRepatriations:
      'Decisions to repatriate that were carried out (RepatriationImplemented).',
    evaluations: 'Force commander unit evaluations (ContingentEvaluated), by rating.',
    commendations: 'Commendations (ContingentCommended).',
    sharedResponsibility:
      'Of all findings in the period (withdrawn ones left out), the share attributed at each level; a finding attributed at several levels counts at each, so the shares add up to more than 1. And of the findings attributed to a unit, the share that carries context factors (resources and mandate to judge the unit against).',
    commonParameters:
      'For findings attributed to units, by category, severity and the units’ country: whether repatriation was recommended (a recommendation to repatriate a unit, its commander or individuals, resting on the finding, about that country’s unit) and what was decided on it: repatriated if any decision repatriated, else retained, else deferred, else never decided. Median days from the finding being recorded to the first decision being recorded (one clock: a finding has no other time). Counts stand beside every share.',
    timeliness:
      'Notifications to the country (TccNotified) and the days to its first reply (TccResponseRecorded); deadlines of the deadlines read model about the country that started in the period, by their status at `clock` (see GET /deadlines for the rules); days from a recommendation to repatriate being issued (recorded) to the first decision on it being recorded (one clock, so a backdated decision never counts negative days).',
  },
  checks:
    'Every count has `check`: a query that returns exactly the records counted, as full events with their hashes (GET /fairness/records, paged like /audit), or the deadlines (GET /deadlines with from and to). For person-years, the events whose figures were counted.',
  reportingDiffers:
    'Reporting differs by mission and by period: missions record incidents, findings and evaluations unevenly, the data sets count differently (monthly headcounts, yearly typical unit sizes), and the ledger holds only what was recorded in it. Compare countries within a mission and period before comparing missions.',
  notAVerdict:
    'A rate is not a verdict. It sets what the record says beside how many a country deployed; it does not say why, and it cannot see what was never recorded. The same facts should meet the same response whatever the unit’s country: the common parameters show where they did not, not who was right.',
  liaisons:
    'A contributing country’s liaison is answered from its own country’s records only: its own row, and every other figure computed as if the ledger held only what concerns its country.',
} as const;

import type { Section } from './form-definition';
import { apiBodyOf, inputFor, pathOf, typedValues } from './form-values';

const sections: Section[] = [
  {
    fields: [
      { name: 'summary', label: 'Summary', kind: 'textarea' },
      { name: 'location.name', label: 'Place', kind: 'text' },
      { name: 'location.latitude', label: 'Latitude', kind: 'number' },
      { name: 'casualties.civiliansKilled', label: 'Killed', kind: 'count' },
      { name: 'contingentIds', label: 'Units', kind: 'checkboxes' },
      { name: 'contextFactors', label: 'Context', kind: 'lines' },
      { name: 'public', label: 'Public', kind: 'boolean' },
      { name: 'sha256', label: 'Hash', kind: 'sha256' },
      { name: 'attributions[0].level', label: 'Level', kind: 'select' },
      { name: 'attributions[1].level', label: 'Level', kind: 'select' },
      { name: 'attributions[2].level', label: 'Level', kind: 'select' },
      { name: 'attributions[2].component', label: 'Component', kind: 'text' },
    ],
  },
];

describe('Form values', () => {
  it('reads only the form’s own fields from what the browser sent', () => {
    expect(
      typedValues({ summary: 'x', _csrf: 't', other: 'y', contingentIds: ['a', 'b'] }, sections),
    ).toEqual({
      summary: 'x',
      contingentIds: ['a', 'b'],
    });
  });

  it('builds the JSON body a client would send: typed numbers, lists, booleans, nothing empty', () => {
    const { body } = apiBodyOf(
      {
        summary: 'Attack',
        'location.name': 'Alindao',
        'location.latitude': '',
        'casualties.civiliansKilled': '112',
        contingentIds: 'only-one',
        contextFactors: ' first \r\n\r\nsecond ',
        sha256: ' ABCDEF ',
      },
      sections,
    );
    expect(body).toEqual({
      summary: 'Attack',
      location: { name: 'Alindao' },
      casualties: { civiliansKilled: 112 },
      contingentIds: ['only-one'],
      contextFactors: ['first', 'second'],
      public: false,
      sha256: 'abcdef',
    });
  });

  it('leaves text that is not a number as typed, for the API to refuse with its own reason', () => {
    const { body } = apiBodyOf(
      { 'casualties.civiliansKilled': 'two', 'location.latitude': '1e3' },
      sections,
    );
    expect(body).toMatchObject({
      casualties: { civiliansKilled: 'two' },
      location: { latitude: '1e3' },
    });
  });

  it('closes up empty rows and maps a reason about a row back to the row it was typed in', () => {
    const api = apiBodyOf(
      { 'attributions[0].level': 'unit', 'attributions[2].component': 'police' },
      sections,
    );
    expect(api.body.attributions).toEqual([{ level: 'unit' }, { component: 'police' }]);
    expect(api.fieldOf('attributions[1].level')).toBe('attributions[2].level');
    expect(api.fieldOf('attributions[0].level')).toBe('attributions[0].level');
    expect(api.fieldOf('summary')).toBe('summary');
  });

  it('places a reason about a group beside the group’s first field', () => {
    expect(inputFor('location', sections)).toBe('location.name');
    expect(inputFor('attributions[2]', sections)).toBe('attributions[2].level');
    expect(inputFor('location.latitude', sections)).toBe('location.latitude');
    expect(inputFor('recommendation', sections)).toBeUndefined();
  });

  it('reads field paths as the API names them', () => {
    expect(pathOf('attributions[12].contingentId')).toEqual(['attributions', 12, 'contingentId']);
    expect(pathOf('subjects[0].details.name')).toEqual(['subjects', 0, 'details', 'name']);
  });
});

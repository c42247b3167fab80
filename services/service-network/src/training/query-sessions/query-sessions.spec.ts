import { z } from 'zod';
import { PersonTimesQuery } from './query-sessions.command';

describe('PersonTimesQuery', () => {
  // The bug: `coerce.number().pipe(Year)` was documented as a bare number, so a
  // documented value like 2024.5 was refused with "expected int".
  it('documents the year as an integer in the contracts’ Year range', () => {
    const documented = z.toJSONSchema(PersonTimesQuery, { io: 'input' }) as { properties: Record<string, unknown> };
    expect(documented.properties['year']).toMatchObject({ type: 'integer', minimum: 2020, maximum: 2100 });
  });

  it('reads the year from the query string, and refuses what the document excludes, naming the field', () => {
    expect(PersonTimesQuery.parse({ year: '2024' })).toEqual({ year: 2024 });
    for (const year of ['2024.5', '2019', '2101', 'x']) {
      expect(PersonTimesQuery.safeParse({ year }).error?.issues.map((i) => i.path.join('.'))).toEqual(['year']);
    }
  });
});

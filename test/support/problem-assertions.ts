import type { HttpResponse } from './http-client';

/** An RFC 9457 problem as the ledger answers it. */
export interface ProblemBody {
  type: string;
  title?: string;
  status?: number;
  detail: string;
  instance?: string;
  field?: string;
  errors?: { field: string; reason: string }[];
}

export interface ExpectedProblem {
  status: number;
  /** The stable code: `type` is `urn:blue-ledger:problem:<code>`. Omit to accept any code. */
  code?: string;
  /** The offending input the problem must name in `field`. */
  field?: string;
}

export const PROBLEM_TYPE = /^urn:blue-ledger:problem:[a-z0-9_]+$/;

/** Status, `application/problem+json`, a stable `type`, a `detail`, and `field` where one is expected. */
export function expectProblem(response: HttpResponse, expected: ExpectedProblem): ProblemBody {
  // The body is part of the compared object so that a wrong status shows what the ledger said.
  expect({ status: response.status, body: response.body }).toMatchObject({
    status: expected.status,
  });
  expect(response.contentType).toMatch(/^application\/problem\+json/);
  const body = response.body as ProblemBody;
  expect(body.type).toMatch(PROBLEM_TYPE);
  if (expected.code !== undefined)
    expect(body.type).toBe(`urn:blue-ledger:problem:${expected.code}`);
  expect(typeof body.detail).toBe('string');
  expect(body.detail.length).toBeGreaterThan(0);
  if (expected.field !== undefined) expect(body.field).toBe(expected.field);
  return body;
}

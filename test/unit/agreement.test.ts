import { describe, expect, it } from 'vitest';
import {
  type AgreementFields,
  agreementEnd,
  agreementProblem,
  agreementStatus,
  requiredAgreementKind,
  signingRate,
} from '../../src/domain/agreement.js';

const home = (over: Partial<AgreementFields> = {}): AgreementFields => ({
  supportMode: 'home',
  agreementKind: 'four',
  agreementSignedOn: '2022-03-01',
  agreementEndsOn: null,
  ...over,
});

describe('care agreement rule', () => {
  it('asks nursing-home residents for the three-party agreement and people at home for the four-party one', () => {
    expect(requiredAgreementKind('institution')).toBe('three');
    expect(requiredAgreementKind('home')).toBe('four');
  });

  it('never expires an agreement without an end date, however old', () => {
    expect(agreementStatus(home({ agreementSignedOn: '2001-01-01' }), '2026-12-01')).toBe('ok');
  });

  it('expires an agreement on its end date, not the day before', () => {
    const a = home({ agreementEndsOn: '2026-12-01' });
    expect(agreementStatus(a, '2026-11-30')).toBe('ok');
    expect(agreementStatus(a, '2026-12-01')).toBe('expired');
  });

  it('counts a kind that does not match the support mode as mismatched, before expiry', () => {
    expect(agreementStatus(home({ agreementKind: 'three' }), '2026-12-01')).toBe('mismatch');
    expect(
      agreementStatus(
        {
          supportMode: 'institution',
          agreementKind: 'four',
          agreementSignedOn: '2022-01-01',
          agreementEndsOn: '2023-01-01',
        },
        '2026-12-01',
      ),
    ).toBe('mismatch');
    expect(agreementStatus({ ...home(), supportMode: 'institution', agreementKind: 'three' }, '2026-12-01')).toBe('ok');
  });

  it('calls it missing without a kind or without a signing date', () => {
    expect(agreementStatus(home({ agreementKind: null }), '2026-12-01')).toBe('missing');
    expect(agreementStatus(home({ agreementSignedOn: null }), '2026-12-01')).toBe('missing');
  });

  it('refuses the wrong kind and an end date not after signing, and accepts the rest', () => {
    expect(agreementProblem(home({ agreementKind: 'three' }))).toBe('kind');
    expect(agreementProblem({ ...home(), supportMode: 'institution' })).toBe('kind');
    expect(agreementProblem(home({ agreementEndsOn: '2022-03-01' }))).toBe('endsBeforeSigned');
    expect(agreementProblem(home({ agreementSignedOn: null, agreementEndsOn: '2027-01-01' }))).toBe(
      'endsWithoutSigning',
    );
    expect(agreementProblem(home({ agreementEndsOn: '2022-03-02' }))).toBeNull();
    expect(agreementProblem(home({ agreementKind: null, agreementSignedOn: null }))).toBeNull();
  });

  it('takes the typed end date, else the county term from signing (29 February → 28 February), else none', () => {
    expect(agreementEnd('2024-02-29', null, 3)).toBe('2027-02-28');
    expect(agreementEnd('2024-02-29', '2025-01-01', 3)).toBe('2025-01-01');
    expect(agreementEnd('2024-02-29', null, null)).toBeNull();
    expect(agreementEnd(null, null, 3)).toBeNull();
  });

  it('reads 100 % only when every one is signed', () => {
    expect(signingRate(6240, 6241)).toBe(99.9);
    expect(signingRate(6241, 6241)).toBe(100);
    expect(signingRate(1, 3)).toBe(33.3);
    expect(signingRate(0, 0)).toBeNull();
  });
});

// @vitest-environment happy-dom
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Label } from '../api/types';
import { changeValue, interact, render, type Rendered, selectOption } from '../testing/render';
import { LabelPicker } from './LabelPicker';
import { defaultLabel, OPEN_FLOOR } from './labelRules';

const ALICE = { clearance: 'SECRET', country: 'GBR' } as const;

let rendered: Rendered | undefined;
let current: Label | undefined;

afterEach(async () => {
  await rendered?.unmount();
  rendered = undefined;
});

function Harness({ floor, me = ALICE }: { floor: Label; me?: { clearance: Label['classification']; country: string } }) {
  const [value, setValue] = useState<Label>(() => defaultLabel(floor));
  current = value;
  return <LabelPicker value={value} onChange={setValue} floor={floor} me={me} />;
}

async function pick(floor: Label, me?: { clearance: Label['classification']; country: string }) {
  rendered = await render(<Harness floor={floor} {...(me ? { me } : {})} />);
  return rendered;
}

const options = (r: Rendered) =>
  Array.from(r.byTestId('label-classification').querySelectorAll('option')).map((o) => o.value);

describe('LabelPicker', () => {
  it('offers classifications from the floor up to the clearance and starts at the floor', async () => {
    const r = await pick({ classification: 'RESTRICTED', releasableTo: ['ALL'] });
    expect(options(r)).toEqual(['RESTRICTED', 'CONFIDENTIAL', 'SECRET']);
    expect((r.byTestId('label-classification') as HTMLSelectElement).value).toBe('RESTRICTED');
    expect(r.byTestId('label-marking').textContent).toBe('RESTRICTED');
    expect(r.container.querySelector('legend')?.textContent).toBe('Label');
    expect(r.container.querySelector('label[for]')?.textContent).toBe('Classification');
  });

  it('shows the resulting marking live', async () => {
    const r = await pick(OPEN_FLOOR);
    await selectOption(r.byTestId('label-classification'), 'CONFIDENTIAL');
    await interact(() => r.byTestId('label-rel-countries').click());
    expect(current).toEqual({ classification: 'CONFIDENTIAL', releasableTo: ['GBR'] });
    expect(r.byTestId('label-marking').textContent).toBe('CONFIDENTIAL//REL TO GBR');
    expect(r.byTestId('label-marking').className).toContain('marking--confidential');

    await changeValue(r.byTestId('label-country-input'), 'ken');
    await interact(() => r.byTestId('label-country-add').click());
    expect(r.byTestId('label-marking').textContent).toBe('CONFIDENTIAL//REL TO GBR, KEN');
    expect(current?.releasableTo).toEqual(['GBR', 'KEN']);
  });

  it('keeps the own country in the list and refuses unknown codes', async () => {
    const r = await pick(OPEN_FLOOR);
    await interact(() => r.byTestId('label-rel-countries').click());
    expect(r.byTestId('label-country-GBR').querySelector('button')).toBeNull();
    await changeValue(r.byTestId('label-country-input'), 'XYZ');
    await interact(() => r.byTestId('label-country-add').click());
    expect(r.byTestId('label-releasability-error').textContent).toBe('XYZ is not an ISO 3166-1 alpha-3 country code.');
    expect(current?.releasableTo).toEqual(['GBR']);
    await changeValue(r.byTestId('label-country-input'), 'MYS');
    await interact(() => r.byTestId('label-country-add').click());
    await interact(() => r.byTestId('label-country-MYS').querySelector('button')!.click());
    expect(current?.releasableTo).toEqual(['GBR']);
    await interact(() => r.byTestId('label-rel-all').click());
    expect(current?.releasableTo).toEqual(['ALL']);
  });

  it('under a floor with countries offers only a subset, own country fixed, never ALL', async () => {
    const r = await pick({ classification: 'CONFIDENTIAL', releasableTo: ['KEN', 'GBR', 'MYS'] });
    expect(r.queryByTestId('label-rel-all')).toBeNull();
    expect(r.queryByTestId('label-country-input')).toBeNull();
    const own = r.byTestId('label-country-GBR') as HTMLInputElement;
    expect(own.checked).toBe(true);
    expect(own.disabled).toBe(true);
    expect(r.byTestId('label-marking').textContent).toBe('CONFIDENTIAL//REL TO GBR, KEN, MYS');
    await interact(() => r.byTestId('label-country-KEN').click());
    expect(current).toEqual({ classification: 'CONFIDENTIAL', releasableTo: ['GBR', 'MYS'] });
    expect(r.byTestId('label-marking').textContent).toBe('CONFIDENTIAL//REL TO GBR, MYS');
  });

  it('says so when nothing may be assigned (the floor is above the chooser)', async () => {
    const r = await pick({ classification: 'TOP_SECRET', releasableTo: ['ALL'] });
    expect(r.byTestId('label-picker').textContent).toMatch(/cannot assign a label here/);
    expect(r.queryByTestId('label-classification')).toBeNull();
  });

  it('shows server field errors next to their fields', async () => {
    rendered = await render(
      <LabelPicker
        value={OPEN_FLOOR}
        onChange={() => undefined}
        floor={OPEN_FLOOR}
        me={ALICE}
        errors={{ classification: 'does not dominate the forum', releasableTo: 'must include GBR' }}
      />,
    );
    expect(rendered.byTestId('label-classification-error').textContent).toBe('does not dominate the forum');
    expect(rendered.byTestId('label-classification').getAttribute('aria-invalid')).toBe('true');
    expect(rendered.byTestId('label-releasability-error').textContent).toBe('must include GBR');
  });
});

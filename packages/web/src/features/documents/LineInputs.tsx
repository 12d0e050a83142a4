import { Form, Input, InputNumber, Select } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { LineInput } from './document-kind';

const WRITE_OFF_REASONS = ['damage', 'expiry', 'theft', 'other'] as const;
const DISPOSITIONS = ['restock', 'quarantine', 'write_off'] as const;

/** The control of one line input. */
function controlOf(t: TFunction, input: LineInput): ReactNode {
  switch (input.control) {
    case 'qty':
      return <InputNumber min={0} className="line-number" />;
    case 'money':
      return <InputNumber min="0" stringMode className="line-number" />;
    case 'expiry':
      return <Input type="date" />;
    case 'writeOffReason':
      return (
        <Select
          options={WRITE_OFF_REASONS.map((r) => ({ value: r, label: t(`documents.writeOffReasons.${r}`) }))}
        />
      );
    case 'disposition':
      return (
        <Select options={DISPOSITIONS.map((d) => ({ value: d, label: t(`documents.dispositions.${d}`) }))} />
      );
    default:
      return <Input maxLength={input.control === 'text' ? 500 : 64} />;
  }
}

/**
 * The inputs of one line (row `index` of the form's `lines`), leaving out batch and expiry for an
 * item that tracks neither.
 */
export function LineInputs({
  t,
  inputs,
  index,
  tracks,
}: {
  t: TFunction;
  inputs: readonly LineInput[];
  index: number;
  tracks: { batch: boolean; expiry: boolean };
}) {
  return inputs
    .filter((input) =>
      input.control === 'batch' ? tracks.batch : input.control !== 'expiry' || tracks.expiry,
    )
    .map((input) => (
      <Form.Item
        key={input.name}
        name={[index, input.name]}
        label={t(`documents.fields.${input.name}`)}
        rules={input.required ? [{ required: true, message: t('serverMessages.required') }] : []}
      >
        {controlOf(t, input)}
      </Form.Item>
    ));
}

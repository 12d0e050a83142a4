import { Form, type FormInstance, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatQty } from '../../components/format';
import { showProblemOnFields } from '../../forms/problem-fields';
import type { Submit } from './ActionDialog';
import { compact } from './compact';
import type { LinesAction, LineView } from './document-kind';
import { useItemsBySku } from './documents.queries';
import { LineInputs } from './LineInputs';
import { rowsOfLines } from './refusal';

type Row = Record<string, unknown>;

/** A count's variance as it would be with what is entered: counted so far + entered − system. */
function varianceOf(line: LineView, entered: unknown): number | null {
  const system = line.systemQty ?? line.qty;
  if (typeof entered !== 'number' || system === null || system === undefined) return null;
  return Number(line.countedQty ?? 0) + entered - Number(system);
}

/**
 * Quantities per line for an action (receive, ship, return, count): each line that may still take
 * some starts with what is open; the lines filled in are sent. A count shows, per line, the
 * variance it would make.
 */
export function LinesForm({
  form,
  doc,
  lines: spec,
  submit,
  refuse,
}: {
  form: FormInstance;
  doc: { lines: LineView[] };
  lines: LinesAction;
  submit: Submit;
  refuse: (text: string) => void;
}) {
  const { t } = useTranslation();
  const offered = doc.lines.filter((l) => {
    const most = spec.most(l);
    return most === null || most > 0;
  });
  const items = useItemsBySku(offered.map((l) => l.sku));
  const entered: Row[] = Form.useWatch('lines', form) ?? [];
  const inputs = [{ name: spec.quantity, control: 'qty' as const }, ...spec.extras];

  const finish = ({ lines = [] }: { lines?: Row[] }) => {
    const sent = offered.flatMap((line, row) => {
      const values = compact(lines[row] ?? {});
      const qty = values[spec.quantity];
      if (typeof qty !== 'number' || (!spec.zeroCounts && qty <= 0)) return [];
      return [{ row, line: { ...spec.bodyLine(line), ...values } }];
    });
    if (sent.length === 0) return refuse(t('documents.nothingEntered'));
    submit({ lines: sent.map((s) => s.line) }, (error) =>
      showProblemOnFields(
        form,
        rowsOfLines(
          error,
          sent.map((s) => s.row),
        ),
      ),
    );
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={finish}
      initialValues={{ lines: offered.map((l) => ({ [spec.quantity]: spec.start(l) ?? undefined })) }}
    >
      <Form.List name="lines">
        {(rows) =>
          rows.map((row) => {
            const line = offered[row.name];
            if (!line) return null;
            const most = spec.most(line);
            const item = items.get(line.sku);
            const variance = spec.zeroCounts ? varianceOf(line, entered[row.name]?.[spec.quantity]) : null;
            return (
              <div key={row.key} className="line-row" data-line={line.line}>
                <div className="line-what">
                  <Typography.Text strong>
                    {line.line}. {line.sku}
                    {line.batch ? ` · ${line.batch}` : ''}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {most !== null && t('documents.open', { qty: formatQty(most) })}
                    {spec.zeroCounts &&
                      t('documents.countedSoFar', { qty: formatQty(Number(line.countedQty ?? 0)) })}
                  </Typography.Text>
                  {variance !== null && (
                    <Typography.Text type={variance === 0 ? 'success' : 'warning'} data-variance={line.line}>
                      {t('documents.variance', { qty: formatQty(variance) })}
                    </Typography.Text>
                  )}
                </div>
                <LineInputs
                  t={t}
                  inputs={inputs}
                  index={row.name}
                  tracks={{ batch: item?.batchTracked ?? false, expiry: item?.expiryTracked ?? false }}
                />
              </div>
            );
          })
        }
      </Form.List>
    </Form>
  );
}

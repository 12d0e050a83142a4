import { AutoComplete } from 'antd';
import { useState } from 'react';
import { useCan } from '../../auth/session';
import { useUsers } from '../users/users.queries';

/**
 * A person by e-mail: typed, or picked from the people the reader may see (those who manage
 * people get suggestions as they type).
 */
export function PersonField({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (email: string) => void;
}) {
  const [typed, setTyped] = useState(value ?? '');
  const people = useUsers(typed.trim() || undefined, useCan('user.manage'));
  return (
    <AutoComplete
      id={id}
      allowClear
      value={value}
      onChange={(email: string) => onChange?.(email)}
      onSearch={setTyped}
      options={people.rows.map((u) => ({ value: u.email, label: `${u.email} · ${u.name}` }))}
    />
  );
}

import { Input } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * A list's text search (the services' `q`, 1–100 characters). Lists are shared
 * by every coordinator and partner feed, so a record is found by its name,
 * not by paging.
 */
export function SearchInput({ onSearch, testId, placeholder }: { onSearch: (q: string | undefined) => void; testId: string; placeholder?: string }) {
  const { t } = useTranslation();
  return (
    <Input.Search
      allowClear
      maxLength={100}
      placeholder={placeholder ?? t('app.search')}
      onSearch={(v) => onSearch(v.trim() === '' ? undefined : v.trim())}
      style={{ width: 280 }}
      data-testid={testId}
    />
  );
}

import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { InstitutionType, Region } from '@tjc/contracts';
import { langOf, optionsOf } from '../i18n/labels';
import { useRules } from './rules';

/**
 * The contracts' `Institution` (name, region, optional type) as three fields
 * under `prefix` (e.g. `grantee`), so the API's `grantee.region` errors land
 * on `['grantee', 'region']`. `regions` narrows the regions where the API does
 * (consortium members come from Beijing, Hebei or Xiong'an).
 */
export function InstitutionFields({ prefix, testId, regions, nameLabel }: { prefix: (string | number)[]; testId: string; regions?: readonly string[]; nameLabel?: string }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const rules = useRules();
  const regionOptions = optionsOf(Region, lang).filter((o) => !regions || regions.includes(o.value));
  return (
    <Row gutter={12}>
      <Col span={12}>
        <Form.Item name={[...prefix, 'name']} label={nameLabel ?? t('form.institutionName')} rules={rules.name()}>
          <Input data-testid={`${testId}-name`} />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item name={[...prefix, 'region']} label={t('form.region')} rules={rules.required}>
          <Select options={regionOptions} data-testid={`${testId}-region`} />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item name={[...prefix, 'type']} label={t('form.institutionType')}>
          <Select allowClear options={optionsOf(InstitutionType, lang)} data-testid={`${testId}-type`} />
        </Form.Item>
      </Col>
    </Row>
  );
}

export interface InstitutionInput {
  name: string;
  region: string;
  type?: string;
}

/** The form's institution as the API takes it (no `type` key when none was chosen). */
export const institutionOf = (i: InstitutionInput) => ({ name: i.name, region: i.region, ...(i.type ? { type: i.type } : {}) });

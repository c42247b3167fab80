import { Button, Col, Form, Input, InputNumber, Modal, Row, Select, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { IndustryField, InstitutionType, Region } from '@tjc/contracts';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useApiForm } from '../../components/useApiForm';
import { langOf, optionsOf } from '../../i18n/labels';
import type { Project } from './types';

interface SubmitForm {
  title: string;
  institution: { name: string; region: Region; type?: InstitutionType };
  field: IndustryField;
  trl: number;
  team: { name: string; role?: string }[];
  summary: string;
  confidentialDetail?: string;
}

// Every field the API may name in a 400, dotted as the API spells it.
const FIELDS = ['title', 'institution.name', 'institution.region', 'institution.type', 'field', 'trl', 'team', 'team.*.name', 'team.*.role', 'summary', 'confidentialDetail'];

/**
 * The client checks only what needs no server (required, lengths, TRL 1–9,
 * as in SubmitProjectBody); everything else, and anything the client let
 * through, comes back as the API's field errors next to the fields.
 */
export function SubmitProjectModal({ open, onClose, onSubmitted }: { open: boolean; onClose: () => void; onSubmitted: (p: Project) => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [form] = Form.useForm<SubmitForm>();
  const qc = useQueryClient();
  const state = useApiForm(form, FIELDS);
  const notBlank = { validator: (_: unknown, v: unknown) => (typeof v === 'string' && v.trim() === '' && v.length > 0 ? Promise.reject(new Error('must not be empty or only white space')) : Promise.resolve()) };

  async function finish(values: SubmitForm) {
    const body = {
      ...values,
      team: values.team.filter((m) => m?.name).map((m) => ({ name: m.name, ...(m.role ? { role: m.role } : {}) })),
      ...(values.confidentialDetail ? {} : { confidentialDetail: undefined }),
    };
    const outcome = await state.run(() => api.post<Project>('research', '/projects', body));
    if (!outcome.ok) return;
    const project = outcome.value;
    await qc.invalidateQueries({ queryKey: ['research'] });
    form.resetFields();
    onSubmitted(project);
  }

  return (
    <Modal
      open={open}
      title={t('research.submitProject')}
      width={760}
      onCancel={() => { state.clear(); onClose(); }}
      destroyOnHidden
      footer={[
        <Button key="c" onClick={onClose}>
          {t('app.cancel')}
        </Button>,
        <Button key="s" type="primary" loading={state.submitting} onClick={() => form.submit()} data-testid="submit-project-confirm">
          {t('app.submit')}
        </Button>,
      ]}
    >
      <ProblemAlert problem={state.problem} general={state.general} />
      <Form form={form} layout="vertical" onFinish={(v) => void finish(v)} initialValues={{ trl: 4, team: [{ name: '' }] }} style={{ marginTop: 12 }} data-testid="submit-project-form">
        <Form.Item name="title" label={t('research.fields.title')} rules={[{ required: true }, { max: 200 }, notBlank]}>
          <Input data-testid="f-title" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name={['institution', 'name']} label={t('research.fields.institutionName')} rules={[{ required: true }, { max: 200 }, notBlank]}>
              <Input data-testid="f-institution-name" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name={['institution', 'region']} label={t('research.fields.region')} rules={[{ required: true }]}>
              <Select options={optionsOf(Region, lang)} data-testid="f-institution-region" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name={['institution', 'type']} label={t('research.fields.institutionType')}>
              <Select allowClear options={optionsOf(InstitutionType, lang)} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={16}>
            <Form.Item name="field" label={t('research.fields.field')} rules={[{ required: true }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={optionsOf(IndustryField, lang)} data-testid="f-field" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="trl" label={t('research.fields.trl')} rules={[{ required: true }, { type: 'integer', min: 1, max: 9 }]}>
              <InputNumber min={1} max={9} style={{ width: '100%' }} data-testid="f-trl" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('research.fields.team')} required>
          <Form.List name="team">
            {(fields, { add, remove }, { errors }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('research.fields.memberName') }, { max: 200 }]} noStyle>
                      <Input placeholder={t('research.fields.memberName')} style={{ width: 200 }} data-testid={`f-team-${i}-name`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'role']} rules={[{ max: 100 }]} noStyle>
                      <Input placeholder={t('research.fields.memberRole')} style={{ width: 220 }} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button type="link" onClick={() => remove(f.name)}>
                        ×
                      </Button>
                    )}
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ name: '' })}>
                  + {t('research.fields.addMember')}
                </Button>
                {/* The API's errors on `team` (e.g. too many members) are shown here. */}
                <Form.ErrorList errors={errors} />
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="summary" label={t('research.fields.summary')} extra={t('research.fields.summaryHelp')} rules={[{ required: true }, { max: 2000 }, notBlank]}>
          <Input.TextArea rows={3} showCount maxLength={2000} data-testid="f-summary" />
        </Form.Item>
        <Form.Item name="confidentialDetail" label={t('research.fields.confidentialDetail')} extra={t('research.fields.confidentialHelp')} rules={[{ max: 20000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useMemo, useState } from 'react';
import { App as AntApp, Button, Col, Form, Input, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { IndustryField, Region } from '@tjc/contracts';
import { api } from '../../api/client';
import { isApiError } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { canWriteNetwork } from '../../auth/session';
import { ActionModal } from '../../components/ActionModal';
import { EditIcon, PlusIcon } from '../../components/icons';
import { assertChanged, patchOf } from '../../components/patch';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RebaseOnReload } from '../../components/RebaseOnReload';
import { SearchInput } from '../../components/SearchInput';
import { useRules } from '../../components/rules';
import { useRecords } from '../../components/useRecords';
import { formatDateTime } from '../../lib/format';
import { compact } from '../../lib/forms';
import { labelOf, langOf, optionsOf } from '../../i18n/labels';
import type { Enterprise } from './common';

/** 企业名录: the industry network's enterprises (demands, challenges and consortia name them). Register one, edit one. */
export function EnterprisesTab() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const writable = canWriteNetwork(useAuth().session, 'industry');
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [q, setQ] = useState<string>();
  const [region, setRegion] = useState<string>();
  const list = useRecords<Enterprise>('industry', '/enterprises', { q, region, sort: '-createdAt' });
  const [registering, setRegistering] = useState(false);
  const [editing, setEditing] = useState<Enterprise>();
  const reload = () => void qc.invalidateQueries({ queryKey: ['industry'] });
  const done = (close: () => void, text: string) => () => {
    close();
    message.success(text);
    reload();
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        {writable && (
          <Button type="primary" icon={<PlusIcon />} onClick={() => setRegistering(true)} data-testid="register-enterprise">
            {t('industry.registerEnterprise')}
          </Button>
        )}
        <SearchInput onSearch={setQ} testId="enterprises-search" placeholder={t('industry.searchEnterprises')} />
        <Select allowClear placeholder={t('industry.fields.region')} options={optionsOf(Region, lang)} value={region} onChange={setRegion} style={{ width: 140 }} data-testid="enterprises-region" />
      </Space>
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<Enterprise>
        rowKey="id"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={list.pagination}
        data-testid="enterprises-table"
        columns={[
          {
            title: t('industry.fields.enterpriseName'),
            dataIndex: 'name',
            render: (v: string, e) => (
              <Space size={4} wrap>
                <Typography.Text strong>{v}</Typography.Text>
                {e.isKeyEnterprise && <Tag color="gold">{t('industry.keyEnterprise')}</Tag>}
                {e.isChainLeader && <Tag color="purple">{t('industry.chainLeader')}</Tag>}
              </Space>
            ),
          },
          { title: t('industry.fields.region'), dataIndex: 'region', render: (r: string) => labelOf(Region, r, lang) },
          { title: t('industry.fields.industryChain'), dataIndex: 'industryChain' },
          { title: t('industry.fields.field'), dataIndex: 'field', render: (f: string) => labelOf(IndustryField, f, lang) },
          { title: t('app.updatedAt'), dataIndex: 'updatedAt', render: (d: string) => formatDateTime(d, lang) },
          {
            title: t('app.actions'),
            key: 'actions',
            render: (_: unknown, e) =>
              writable ? (
                <Button size="small" icon={<EditIcon />} onClick={() => setEditing(e)} data-testid="enterprise-edit">
                  {t('industry.editEnterprise')}
                </Button>
              ) : null,
          },
        ]}
      />
      {registering && <RegisterEnterpriseModal onCancel={() => setRegistering(false)} onDone={done(() => setRegistering(false), t('industry.enterpriseRegistered'))} />}
      {editing && <EditEnterpriseModal enterprise={editing} onCancel={() => setEditing(undefined)} onDone={done(() => setEditing(undefined), t('industry.enterpriseUpdated'))} onConflict={reload} />}
    </>
  );
}

interface EnterpriseForm {
  id?: string;
  name: string;
  region: string;
  industryChain: string;
  field: string;
  isKeyEnterprise: boolean;
  isChainLeader: boolean;
}

/** The fields of RegisterEnterpriseCommand / UpdateEnterpriseCommand (the id only when registering). */
const KNOWN = ['id', 'name', 'region', 'industryChain', 'field', 'isKeyEnterprise', 'isChainLeader'] as const;

function EnterpriseFields({ withId }: { withId: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const rules = useRules();
  return (
    <>
      <Row gutter={12}>
        <Col span={withId ? 16 : 24}>
          <Form.Item name="name" label={t('industry.fields.enterpriseName')} rules={rules.name()}>
            <Input placeholder="天津飞腾信息技术有限公司" data-testid="f-enterprise-name" />
          </Form.Item>
        </Col>
        {withId && (
          <Col span={8}>
            <Form.Item name="id" label={t('industry.fields.enterpriseCode')} extra={t('industry.fields.enterpriseCodeHelp')} rules={rules.id()}>
              <Input placeholder="ent-feiteng" data-testid="f-enterprise-id" />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="region" label={t('industry.fields.region')} rules={rules.required}>
            <Select options={optionsOf(Region, lang)} data-testid="f-enterprise-region" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="field" label={t('industry.fields.field')} rules={rules.required}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={optionsOf(IndustryField, lang)} data-testid="f-enterprise-field" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="industryChain" label={t('industry.fields.industryChain')} rules={rules.text(100, true)}>
        <Input placeholder="信创产业链" maxLength={100} data-testid="f-enterprise-chain" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="isKeyEnterprise" label={t('industry.fields.isKeyEnterprise')} valuePropName="checked">
            <Switch data-testid="f-enterprise-key" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="isChainLeader" label={t('industry.fields.isChainLeader')} valuePropName="checked">
            <Switch data-testid="f-enterprise-leader" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

function RegisterEnterpriseModal({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <ActionModal<EnterpriseForm, Enterprise>
      title={t('industry.registerEnterprise')}
      width={680}
      testId="register-enterprise"
      known={KNOWN}
      initialValues={{ region: 'tianjin', isKeyEnterprise: false, isChainLeader: false }}
      submit={(v) =>
        api.post<Enterprise>(
          'industry',
          '/enterprises',
          compact({ id: v.id, name: v.name, region: v.region, industryChain: v.industryChain, field: v.field, isKeyEnterprise: v.isKeyEnterprise, isChainLeader: v.isChainLeader }),
        )
      }
      onCancel={onCancel}
      onDone={onDone}
    >
      <EnterpriseFields withId />
    </ActionModal>
  );
}

const formOf = (e: Enterprise): Omit<EnterpriseForm, 'id'> => ({ name: e.name, region: e.region, industryChain: e.industryChain, field: e.field, isKeyEnterprise: e.isKeyEnterprise, isChainLeader: e.isChainLeader });

/**
 * PATCH /enterprises/:id with the version read and only the changed fields.
 * After a stale-version 409 the enterprise is read again: the fields the user
 * has not touched show the new values, and the retry carries the new version.
 */
function EditEnterpriseModal({ enterprise, onCancel, onDone, onConflict }: { enterprise: Enterprise; onCancel: () => void; onDone: () => void; onConflict: () => void }) {
  const { t } = useTranslation();
  const [base, setBase] = useState(enterprise);
  const shown = useMemo(() => formOf(base), [base]);
  return (
    <ActionModal<EnterpriseForm, Enterprise>
      title={`${t('industry.editEnterprise')} · ${enterprise.name}`}
      width={680}
      testId="edit-enterprise"
      known={KNOWN}
      initialValues={formOf(enterprise)}
      submit={(v) => {
        const patch = patchOf(base, { name: v.name, region: v.region, industryChain: v.industryChain, field: v.field, isKeyEnterprise: v.isKeyEnterprise, isChainLeader: v.isChainLeader });
        assertChanged(patch, t('form.noChanges'), `PATCH /enterprises/${base.id}`);
        return api.patch<Enterprise>('industry', `/enterprises/${encodeURIComponent(base.id)}`, { version: base.version, ...patch });
      }}
      onCancel={onCancel}
      onDone={onDone}
      onConflict={() => {
        void api.get<Enterprise>('industry', `/enterprises/${encodeURIComponent(base.id)}`).then(setBase, () => undefined);
        onConflict();
      }}
    >
      <RebaseOnReload values={shown} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }} data-testid="edit-enterprise-version">
        {base.id} · {t('app.version')} {base.version}
      </Typography.Paragraph>
      <EnterpriseFields withId={false} />
    </ActionModal>
  );
}

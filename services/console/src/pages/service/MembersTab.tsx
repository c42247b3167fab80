import { useState } from 'react';
import { App as AntApp, Button, Col, Descriptions, Drawer, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Region } from '@tjc/contracts';
import { api } from '../../api/client';
import { isApiError } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { canWriteNetwork } from '../../auth/session';
import { ActionModal } from '../../components/ActionModal';
import { AuditTrail } from '../../components/AuditTrail';
import { PlusIcon } from '../../components/icons';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SearchInput } from '../../components/SearchInput';
import { useRules } from '../../components/rules';
import { useRecords } from '../../components/useRecords';
import { formatDateTime } from '../../lib/format';
import { compact } from '../../lib/forms';
import { labelOf, langOf, optionsOf } from '../../i18n/labels';
import { MEMBER_KINDS, type Member } from './common';

/** 服务网络成员: technology-transfer agencies, the national training base and the receiving parks. Register one, see one with its audit trail. */
export function MembersTab() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const writable = canWriteNetwork(useAuth().session, 'service');
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [q, setQ] = useState<string>();
  const [kind, setKind] = useState<string>();
  const list = useRecords<Member>('service', '/members', { q, kind, sort: '-createdAt' });
  const [registering, setRegistering] = useState(false);
  const [viewing, setViewing] = useState<Member>();
  const kindOptions = MEMBER_KINDS.map((k) => ({ value: k, label: t(`service.memberKinds.${k}`) }));
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        {writable && (
          <Button type="primary" icon={<PlusIcon />} onClick={() => setRegistering(true)} data-testid="register-member">
            {t('service.registerMember')}
          </Button>
        )}
        <SearchInput onSearch={setQ} testId="members-search" />
        <Select allowClear placeholder={t('service.fields.memberKind')} options={kindOptions} value={kind} onChange={setKind} style={{ width: 220 }} data-testid="members-kind" />
      </Space>
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<Member>
        rowKey="id"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={list.pagination}
        data-testid="members-table"
        columns={[
          { title: t('service.fields.memberName'), dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('service.fields.memberKind'), dataIndex: 'kind', render: (k: string) => <Tag bordered={false} color="blue" style={{ whiteSpace: 'normal' }}>{t(`service.memberKinds.${k}`, { defaultValue: k })}</Tag> },
          { title: t('service.fields.region'), dataIndex: 'region', render: (r: string) => labelOf(Region, r, lang) },
          { title: t('service.fields.memberNote'), dataIndex: 'note', ellipsis: true, render: (n: string | null) => n ?? '' },
          { title: t('app.createdAt'), dataIndex: 'createdAt', render: (d: string) => formatDateTime(d, lang) },
          {
            title: t('app.actions'),
            key: 'actions',
            // Reading is for everyone: the detail is not an edit.
            render: (_: unknown, m) => (
              <Button size="small" type="link" onClick={() => setViewing(m)} data-testid="member-detail">
                {t('app.details')}
              </Button>
            ),
          },
        ]}
      />
      {registering && (
        <RegisterMemberModal
          onCancel={() => setRegistering(false)}
          onDone={() => {
            setRegistering(false);
            message.success(t('service.memberRegistered'));
            void qc.invalidateQueries({ queryKey: ['service'] });
          }}
        />
      )}
      <MemberDrawer member={viewing} onClose={() => setViewing(undefined)} />
    </>
  );
}

function MemberDrawer({ member, onClose }: { member: Member | undefined; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  return (
    <Drawer open={member !== undefined} onClose={onClose} title={member?.name} size={640} destroyOnHidden data-testid="member-drawer">
      {member && (
        <>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('service.fields.memberKind')}>{t(`service.memberKinds.${member.kind}`, { defaultValue: member.kind })}</Descriptions.Item>
            <Descriptions.Item label={t('service.fields.region')}>{labelOf(Region, member.region, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('service.fields.memberNote')}>{member.note ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('app.createdAt')}>{formatDateTime(member.createdAt, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('app.version')}>{member.version}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('audit.title')}</Typography.Title>
          <AuditTrail service="service" path={`/members/${encodeURIComponent(member.id)}/audit`} otelService="service-network" testId="member-audit" />
        </>
      )}
    </Drawer>
  );
}

interface RegisterMemberForm {
  name: string;
  kind: string;
  region: string;
  note?: string;
}

function RegisterMemberModal({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const rules = useRules();
  return (
    <ActionModal<RegisterMemberForm, Member>
      title={t('service.registerMember')}
      width={640}
      testId="register-member"
      known={['name', 'kind', 'region', 'note']}
      initialValues={{ region: 'tianjin' }}
      submit={(v) => api.post<Member>('service', '/members', compact({ name: v.name, kind: v.kind, region: v.region, note: v.note }))}
      onCancel={onCancel}
      onDone={onDone}
    >
      <Form.Item name="name" label={t('service.fields.memberName')} extra={t('service.fields.memberNameHelp')} rules={rules.name()}>
        <Input placeholder="天开高教科创园" data-testid="f-member-name" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={14}>
          <Form.Item name="kind" label={t('service.fields.memberKind')} rules={rules.required}>
            <Select options={MEMBER_KINDS.map((k) => ({ value: k, label: t(`service.memberKinds.${k}`) }))} data-testid="f-member-kind" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="region" label={t('service.fields.region')} rules={rules.required}>
            <Select options={optionsOf(Region, lang)} data-testid="f-member-region" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label={t('service.fields.memberNote')} rules={rules.text(2000)}>
        <Input.TextArea rows={2} data-testid="f-member-note" />
      </Form.Item>
    </ActionModal>
  );
}

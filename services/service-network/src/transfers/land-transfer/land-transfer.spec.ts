import { buildEvent } from '@tjc/contracts';
import { Prisma } from '../../generated/prisma/client';
import type { TransferRow } from '../transfer.view';
import { LandTransferCommand } from './land-transfer.command';
import { achievementTransferredOf } from './land-transfer.handler';

function row(overrides: Partial<TransferRow> = {}): TransferRow {
  const now = new Date('2024-07-01T00:00:00Z');
  return {
    id: 'tr-0001',
    status: 'landed',
    channel: 'event',
    offeredBy: 'partner/hebei-center',
    offerType: 'research.achievement.listed.v1',
    offeredAt: new Date('2024-03-01T02:00:00Z'),
    achievementId: 'ach-hb-2024-003',
    projectId: null,
    title: '高性能碳纤维复合材料制备技术',
    field: 'new-materials',
    summary: null,
    askingPrice: null,
    originName: '河北工业大学',
    originRegion: 'hebei',
    originType: 'university',
    originId: null,
    receiverKind: 'company',
    receiverName: '天津碳谷新材料有限公司',
    receiverPark: '天津滨海—中关村科技园',
    negotiationNote: null,
    mode: 'use-first-pay-later',
    contractAmount: new Prisma.Decimal('1200000.00'),
    landedOn: new Date('2024-07-02T00:00:00Z'),
    landedAt: null,
    abandonReason: null,
    fundedAt: null,
    version: 4,
    createdAt: now,
    updatedAt: now,
    investments: [],
    ...overrides,
  };
}

const landing = LandTransferCommand.parse({ version: 3, mode: 'use-first-pay-later', contractAmount: { amount: '1200000.00', currency: 'CNY' }, landedOn: '2024-07-02' });

describe('LandTransferCommand 落地请求', () => {
  it('refuses a float amount: money is a decimal string', () => {
    const result = LandTransferCommand.safeParse({ ...landing, contractAmount: { amount: 1200000.5, currency: 'CNY' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['contractAmount', 'amount']);
  });

  it('refuses a landing instant on another Shanghai day than landedOn', () => {
    const result = LandTransferCommand.safeParse({ ...landing, landedAt: '2024-07-03T01:00:00+08:00' });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['landedAt']);
  });
});

describe('achievementTransferredOf 成果转化落地事件', () => {
  it('builds a catalogue-valid payload with origin, receiver and the contract', () => {
    const data = achievementTransferredOf(row());
    const event = buildEvent('service.achievement.transferred.v1', data, { source: 'tjc/service-network' });
    expect(event.subject).toBe('tr-0001');
    expect(event.data).toEqual({
      transferId: 'tr-0001',
      achievement: { id: 'ach-hb-2024-003', title: '高性能碳纤维复合材料制备技术', field: 'new-materials' },
      origin: { name: '河北工业大学', region: 'hebei', type: 'university' },
      receiver: { kind: 'company', name: '天津碳谷新材料有限公司', park: '天津滨海—中关村科技园' },
      mode: 'use-first-pay-later',
      contractAmount: { amount: '1200000.00', currency: 'CNY' },
      landedOn: '2024-07-02',
    });
  });

  it('omits optional keys that are unknown rather than sending nulls', () => {
    const data = achievementTransferredOf(row({ achievementId: null, receiverPark: null, originType: null, projectId: 'rp-2024-0001' }));
    expect(data.achievement).not.toHaveProperty('id');
    expect(data.receiver).not.toHaveProperty('park');
    expect(data.origin).not.toHaveProperty('type');
    expect(data.projectId).toBe('rp-2024-0001');
  });

  it('sends the stored amount with two decimals', () => {
    expect(achievementTransferredOf(row({ contractAmount: new Prisma.Decimal('2000000') })).contractAmount).toEqual({ amount: '2000000.00', currency: 'CNY' });
  });

  it('treats a landing without a receiver or contract as a bug', () => {
    expect(() => achievementTransferredOf(row({ receiverKind: null, receiverName: null }))).toThrow(/not a complete landing/);
    expect(() => achievementTransferredOf(row({ contractAmount: null }))).toThrow(/not a complete landing/);
  });
});

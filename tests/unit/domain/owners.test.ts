import { departmentsFor, ownersFirst } from '@qgt/shared/domain/owners';

/** Category → owning department (权属): the escalate page offers the owners first. */

const gas = { code: 'ranqi', categories: ['gas', 'smell'] };
const city = { code: 'chengguan', categories: ['shizheng'] };
const water = { code: 'shuiwu', categories: ['water', 'gas'] };
const all = [gas, city, water];

describe('owners', () => {
  it('departmentsFor keeps the given order and only the owners', () => {
    expect(departmentsFor(all, 'gas')).toEqual([gas, water]);
    expect(departmentsFor(all, 'noise')).toEqual([]);
  });

  it('ownersFirst: owners flagged first, then the rest in order', () => {
    expect(ownersFirst(all, 'shizheng')).toEqual([
      { department: city, owner: true },
      { department: gas, owner: false },
      { department: water, owner: false },
    ]);
    expect(ownersFirst(all, 'gas').map((o) => [o.department.code, o.owner])).toEqual([['ranqi', true], ['shuiwu', true], ['chengguan', false]]);
  });

  it('without a category (or an unowned one) nobody is an owner and the order stays', () => {
    for (const category of [undefined, '', 'noise'])
      expect(ownersFirst(all, category)).toEqual(all.map((department) => ({ department, owner: false })));
  });
});

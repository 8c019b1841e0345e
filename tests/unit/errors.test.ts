import { AppError, isAppError } from '../../shared/src/errors';
import { UncertainWriteError } from '../../cloudfunctions/lib/store/transient';

/** A second copy of the module, as a function's lazy chunk carries (scripts/build-functions.ts LAZY_CHUNKS). */
function otherCopy(): typeof import('../../shared/src/errors') {
  let copy!: typeof import('../../shared/src/errors');
  jest.isolateModules(() => {
    copy = require('../../shared/src/errors');
  });
  return copy;
}

it('an AppError from another copy of the class is still an AppError, with its code, status and body', () => {
  const other = otherCopy();
  expect(other.AppError).not.toBe(AppError);
  const e: unknown = new other.AppError('BAD_REQUEST', '无法读取文件', { field: 'data.file' });
  expect(e instanceof AppError).toBe(true);
  expect(isAppError(e)).toBe(true);
  expect((e as AppError).status).toBe(400);
  expect((e as AppError).toBody()).toEqual({ code: 'BAD_REQUEST', reason: 'badRequest', message: '无法读取文件', field: 'data.file' });
});

it('other errors are not AppErrors, and a subclass keeps the ordinary instanceof test', () => {
  expect(new Error('x') instanceof AppError).toBe(false);
  expect(Object.assign(new Error('x'), { code: 'BAD_REQUEST' }) instanceof AppError).toBe(false);
  expect(isAppError(null)).toBe(false);
  expect(new AppError('CONFLICT') instanceof UncertainWriteError).toBe(false);
  const uncertain = new UncertainWriteError();
  expect(uncertain instanceof UncertainWriteError).toBe(true);
  expect(uncertain instanceof AppError).toBe(true);
});

/**
 * Where the addon should have been built (CI, or a C++ compiler on the machine), its absence is one failure
 * naming the reason, not forty native tests silently skipped.
 */
import { expect } from 'chai';
import { available } from '../src/index';
import { addonMissing, nativeExpected, skipBecause } from './helpers';

describe('the native addon', () => {
  it('is built wherever CI or a C++ compiler expects it', function () {
    const why = nativeExpected();
    if (!why) skipBecause(this, 'neither CI=true nor a C++ compiler here, so the addon is optional');
    expect(available(), `${why}, but ${addonMissing()}`).to.equal(true);
  });
});

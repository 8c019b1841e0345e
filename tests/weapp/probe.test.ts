import { bootApp, textOf } from './harness';
import { fakeGuide } from './fake-guide';
import { testCatalog } from './fixture';

test('probe', async () => {
  const h = bootApp({ cloud: fakeGuide(testCatalog) });
  const page = await h.open('/pages/index/index', 500);
  console.log(textOf(page));
  console.log(h.cloudCalls, h.cloudInits);
  console.log(page.dom.innerHTML.slice(0, 1500));
  console.log(!!page.querySelector('.elder-toggle'), !!page.querySelector('.search-box__input'));
});

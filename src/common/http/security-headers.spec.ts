import { documentPage } from './security-headers';

describe('documentPage', () => {
  it.each([
    ['/docs', true],
    ['/docs/', true],
    ['/docs?x=1', true],
    ['/docs/swagger-ui.css', true],
    ['/admin/queues', true],
    ['/admin/queues/api/queues', true],
    ['/docs-json', false],
    ['/docsx', false],
    ['/api/v1/docs', false],
    ['/admin/queuesx', false],
    ['/api/v1/health/live', false],
    ['/', false],
  ])('%s → %s', (url, expected) => {
    expect(documentPage(url)).toBe(expected);
  });
});

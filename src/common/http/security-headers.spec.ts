import { htmlPages } from './security-headers';

describe('htmlPages', () => {
  const htmlPage = htmlPages(['/docs', '/admin/queues'], ['/admin/queues/api']);

  it.each([
    ['/docs', true],
    ['/docs/', true],
    ['/docs?x=1', true],
    ['/docs/swagger-ui.css', true],
    ['/admin/queues', true],
    ['/admin/queues/static/main.js', true],
    ['/admin/queues/api/queues', false],
    ['/admin/queues/api', false],
    ['/docs-json', false],
    ['/docsx', false],
    ['/api/v1/docs', false],
    ['//docs', false],
    ['/admin/queuesx', false],
    ['/api/v1/health/live', false],
    ['/', false],
  ])('%s → %s', (url, expected) => {
    expect(htmlPage(url)).toBe(expected);
  });
});

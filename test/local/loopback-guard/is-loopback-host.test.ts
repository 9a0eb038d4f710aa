import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../../local/loopback-guard/is-loopback-host.ts';

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1:3000', 3000],
    ['localhost:3000', 3000],
    ['LocalHost:3000', 3000],
    // Browsers leave the default port out of Host.
    ['127.0.0.1', 80],
    ['localhost:80', 80],
  ])('admits %s on port %i', (host, port) => {
    expect(isLoopbackHost(host, port)).toBe(true);
  });

  it.each([
    [undefined, 3000],
    ['', 3000],
    ['127.0.0.1', 3000],
    ['localhost:3001', 3000],
    ['[::1]:3000', 3000],
    ['0.0.0.0:3000', 3000],
    ['127.0.0.2:3000', 3000],
    ['localhost.:3000', 3000],
    ['rebound.example:3000', 3000],
    ['127.0.0.1.nip.io:3000', 3000],
    ['localhost:3000@evil.example', 3000],
    ['evil.example', 80],
  ])('refuses %s on port %i', (host, port) => {
    expect(isLoopbackHost(host, port)).toBe(false);
  });

  it.each([
    ['sqs.us-east-1.localhost:4566', true],
    ['SQS.us-east-1.localhost:4566', true],
    ['localhost:4566', true],
    ['sqs.us-east-1.localhost:4567', false],
    ['sqs.eu-west-1.localhost:4566', false],
    ['sqs.us-east-1.localhost.rebound.example:4566', false],
  ])('with sqs.us-east-1.localhost also named, takes %s as %s', (host, admitted) => {
    expect(isLoopbackHost(host, 4566, ['sqs.us-east-1.localhost'])).toBe(admitted);
  });
});

/**
 * Which addresses a TCP port is listening on, read from the kernel's socket tables (/proc/net/tcp and tcp6), so
 * a test can tell "loopback only" from "every interface" without depending on the machine's other addresses.
 */
import { existsSync, readFileSync } from 'node:fs';

const LISTEN = '0A';

function ipv4(hex: string): string {
  // Little-endian: "0100007F" is 127.0.0.1.
  return [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
}

function ipv6(hex: string): string {
  // Four little-endian 32-bit words.
  const bytes = [0, 8, 16, 24].flatMap((w) => [6, 4, 2, 0].map((i) => hex.slice(w + i, w + i + 2)));
  const joined = bytes.join('');
  if (/^0{32}$/.test(joined)) return '::';
  if (joined === `${'0'.repeat(30)}01`) return '::1';
  if (joined.startsWith(`${'0'.repeat(20)}ffff`))
    return `::ffff:${bytes
      .slice(12)
      .map((b) => parseInt(b, 16))
      .join('.')}`;
  return joined.replace(/(.{4})(?!$)/g, '$1:');
}

/** Every local address with a listening socket on `port` (e.g. ['127.0.0.1'] or ['::']). */
export function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const [file, decode] of [
    ['/proc/net/tcp', ipv4],
    ['/proc/net/tcp6', ipv6],
  ] as const) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const [addr, portHex] = (cols[1] ?? '').split(':');
      if (cols[3] === LISTEN && addr && portHex && parseInt(portHex, 16) === port) found.push(decode(addr));
    }
  }
  if (!existsSync('/proc/net/tcp')) throw new Error('listeningAddresses needs Linux (/proc/net/tcp)');
  return found;
}

/** True when every listener on the port is a loopback address. */
export function loopbackOnly(addresses: readonly string[]): boolean {
  return addresses.length > 0 && addresses.every((a) => a.startsWith('127.') || a === '::1' || a.startsWith('::ffff:127.'));
}

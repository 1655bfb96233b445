import { Cluster, type Redis } from 'ioredis';
import { redisKeys } from '../../src/store/redis/keys.js';

/** Every key of a namespace with its content, on every master. */
export async function dumpRedis(
  admin: Redis | Cluster,
  ns: string,
): Promise<Array<{ key: string; text: string }>> {
  const nodes = admin instanceof Cluster ? admin.nodes('master') : [admin];
  const out: Array<{ key: string; text: string }> = [];
  for (const node of nodes) {
    for (const match of redisKeys(ns).patterns) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', match, 'COUNT', 1000);
        cursor = next;
        for (const key of keys) {
          const type = await node.type(key);
          const content =
            type === 'string'
              ? await node.get(key)
              : type === 'hash'
                ? await node.hgetall(key)
                : type === 'zset'
                  ? await node.zrange(key, 0, -1, 'WITHSCORES')
                  : type === 'set'
                    ? await node.smembers(key)
                    : type === 'list'
                      ? await node.lrange(key, 0, -1)
                      : type;
          out.push({ key, text: `${key} ${JSON.stringify(content)}` });
        }
      } while (cursor !== '0');
    }
  }
  return out;
}

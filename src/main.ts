import { compose } from './compose.js';
import { loadConfig, loadDotEnv } from './config.js';

/** Entry point: read config, compose, listen, and close gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  loadDotEnv();
  const loaded = loadConfig();
  if (!loaded.ok) {
    console.error('Chatwork Invite cannot start; fix the configuration:');
    for (const p of loaded.problems) console.error(`  - ${p}`);
    process.exit(1);
  }
  const { config } = loaded;
  const composed = await compose(config);
  const { app } = composed;

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      app.log.error('shutdown took over 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    try {
      await app.close();
      await composed.metricsApp?.close();
      await composed.shutdown();
      app.log.info('stopped: requests drained, delivery loop stopped, store closed');
      process.exit(0);
    } catch (e) {
      app.log.error({ err: e }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void close('SIGTERM'));
  process.on('SIGINT', () => void close('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  if (composed.metricsApp && config.metricsListen) {
    const { host, port } = config.metricsListen;
    // Metrics are not worth failing the service for: a port already taken is one warning.
    await composed.metricsApp.listen({ host, port }).then(
      () => app.log.info(`metrics on http://${host}:${port}/metrics`),
      (e: unknown) =>
        app.log.warn(
          `metrics port ${host}:${port} is not available (${e instanceof Error ? e.message : String(e)}); set METRICS_PORT to another port, or 0 to turn it off`,
        ),
    );
  }
  app.log.info(
    `Chatwork Invite is up on ${config.host}:${config.port}; invite links use PUBLIC_URL ${config.publicUrl} (store: ${composed.store.kind})`,
  );
}

main().catch((e: unknown) => {
  console.error('Chatwork Invite failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});

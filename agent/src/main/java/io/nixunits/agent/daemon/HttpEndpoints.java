package io.nixunits.agent.daemon;

import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP listener, on the JDK's HTTP server: the webhook endpoints that have a
 * secret, {@code /metrics} (Prometheus text format) and {@code /healthz}. One thread serves
 * requests, which is plenty for a few forges and a scraper.
 */
public final class HttpEndpoints implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoints.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpEndpoints(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Reads the secrets, binds {@code address} and starts serving. */
    public static HttpEndpoints start(InetSocketAddress address, AgentConfig.WebhookSecrets secrets,
            SyncScheduler scheduler, AgentMetrics metrics) throws DaemonException {
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new DaemonException("cannot listen on " + address.getHostString() + ":" + address.getPort() + ": " + e.getMessage() + ". Choose a free"
                    + " address with \"listen\" (--listen).", e);
        }
        addWebhook(server, WebhookVerifier.GITEA, secrets.gitea(), scheduler, metrics);
        addWebhook(server, WebhookVerifier.GITHUB, secrets.github(), scheduler, metrics);
        addWebhook(server, WebhookVerifier.GITLAB, secrets.gitlab(), scheduler, metrics);
        server.createContext("/metrics", new MetricsHandler(metrics.registry()));
        server.createContext("/healthz", exchange -> {
            try (exchange) {
                boolean healthy = scheduler.healthy();
                WebhookHandler.respond(exchange, healthy ? 200 : 503, healthy ? "ok\n" : "scheduler not healthy\n");
            }
        });
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        LOG.info("listening on http://{}:{} (webhooks: {})", address.getHostString(), server.getAddress().getPort(),
                secrets.any() ? "on" : "off");
        return new HttpEndpoints(server, executor);
    }

    /** Returns the bound port, useful when the configuration asked for port 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    private static void addWebhook(HttpServer server, WebhookVerifier verifier, Path secretFile,
            SyncScheduler scheduler, AgentMetrics metrics) throws DaemonException {
        if (secretFile == null) {
            return;
        }
        byte[] secret = readSecret(secretFile, verifier);
        server.createContext("/hooks/" + verifier.endpoint(), new WebhookHandler(verifier, secret, scheduler, metrics));
    }

    /** Reads a secret file: its first line, without surrounding blanks. */
    private static byte[] readSecret(Path file, WebhookVerifier verifier) throws DaemonException {
        String secret;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            secret = (newline < 0 ? text : text.substring(0, newline)).strip();
        } catch (IOException e) {
            throw new DaemonException("cannot read the " + verifier.endpoint() + " webhook secret file " + file + ": "
                    + e.getClass().getSimpleName() + ". Check webhooks." + verifier.endpoint() + "SecretFile and its"
                    + " permissions.", e);
        }
        if (secret.isEmpty()) {
            throw new DaemonException("the " + verifier.endpoint() + " webhook secret file " + file + " is empty."
                    + " Write the secret on its first line.", null);
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}

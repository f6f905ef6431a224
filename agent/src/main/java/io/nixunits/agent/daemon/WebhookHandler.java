package io.nixunits.agent.daemon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles {@code POST /hooks/<forge>}: a request with a valid signature starts a sync at once
 * (merged with a running one) and gets 202; a wrong or missing signature gets 401 and starts
 * nothing; a body over {@link #MAX_BODY_BYTES} gets 413.
 */
final class WebhookHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
    /** The largest body read; a push event of a few hundred commits stays well below it. */
    static final int MAX_BODY_BYTES = 1 << 20;
    /** Largest oversized body read to its end before the 413; a larger one gets the 413 at once. */
    static final long MAX_DISCARDED_BYTES = 16L << 20;

    private final WebhookVerifier verifier;
    private final byte[] secret;
    private final SyncScheduler scheduler;
    private final AgentMetrics metrics;

    WebhookHandler(WebhookVerifier verifier, byte[] secret, SyncScheduler scheduler, AgentMetrics metrics) {
        this.verifier = verifier;
        this.secret = secret.clone();
        this.scheduler = scheduler;
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String peer = String.valueOf(exchange.getRemoteAddress());
            if (!exchange.getRequestURI().getPath().equals("/hooks/" + verifier.endpoint())) {
                respond(exchange, 404, "not found\n");
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                respond(exchange, 405, "use POST\n");
                return;
            }

            // body, up to the limit
            byte[] body = readBody(exchange);
            if (body == null) {
                LOG.warn("webhook {} from {} rejected: body over {} bytes", verifier.endpoint(), peer, MAX_BODY_BYTES);
                metrics.webhook(verifier.endpoint(), "too-large");
                respond(exchange, 413, "body over " + MAX_BODY_BYTES + " bytes\n");
                return;
            }

            // signature
            if (!verifier.verify(secret, exchange.getRequestHeaders(), body)) {
                LOG.warn("webhook {} from {} rejected: signature missing or wrong", verifier.endpoint(), peer);
                metrics.webhook(verifier.endpoint(), "unauthorized");
                respond(exchange, 401, "signature missing or wrong\n");
                return;
            }

            LOG.info("webhook {} from {} accepted: sync requested", verifier.endpoint(), peer);
            metrics.webhook(verifier.endpoint(), "accepted");
            scheduler.requestNow(SyncTrigger.WEBHOOK);
            respond(exchange, 202, "sync requested\n");
        }
    }

    /** Returns the body, or null when it is larger than the limit. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                long declared = Long.parseLong(length.strip());
                if (declared > MAX_BODY_BYTES) {
                    if (declared <= MAX_DISCARDED_BYTES) {
                        try (InputStream in = exchange.getRequestBody()) {
                            discard(in);
                        }
                    }
                    return null;
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                discard(in);
                return null;
            }
            return body;
        }
    }

    /**
     * Reads and drops the rest of an oversized body, up to {@link #MAX_DISCARDED_BYTES}, so the
     * client reads the 413 instead of a connection reset in the middle of its upload.
     */
    private static void discard(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long dropped = 0;
        int read;
        while (dropped < MAX_DISCARDED_BYTES && (read = in.read(buffer)) > 0) {
            dropped += read;
        }
    }

    static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}

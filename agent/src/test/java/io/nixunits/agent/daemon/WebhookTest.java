package io.nixunits.agent.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends webhook requests over real HTTP to the daemon's listener on 127.0.0.1 (an ephemeral
 * port). The schedule is one hour, so every sync after the start-up one comes from a webhook.
 */
class WebhookTest {
    private static final String SECRET = "s3cret-for-tests";
    private static final byte[] BODY = "{\"ref\": \"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private DaemonFixture fixture;
    private HttpClient client;
    private int port;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new DaemonFixture(dir);
        Path secret = dir.resolve("secret");
        Files.writeString(secret, SECRET + "\n");
        fixture.schedule = new SyncSchedule(Duration.ofHours(1), null, Duration.ZERO, Duration.ofHours(1),
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1));
        fixture.listen = new InetSocketAddress("127.0.0.1", 0);
        fixture.webhooks = new AgentConfig.WebhookSecrets(secret, secret, secret);
        fixture.declare("web2", "{}");
        port = fixture.start().httpPort();
        fixture.awaitReport("start-up sync", r -> r.result() == SyncResult.CONVERGED);
        client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long webhookSyncs() {
        return fixture.triggers.stream().filter(t -> t == SyncTrigger.WEBHOOK).count();
    }

    private static String hmac(byte[] body) {
        return WebhookVerifier.hmacHex(SECRET.getBytes(StandardCharsets.UTF_8), body);
    }

    @Test
    void githubSignatureTriggersSync() throws Exception {
        HttpResponse<String> response = post("/hooks/github", BODY, "X-Hub-Signature-256", "sha256=" + hmac(BODY));

        assertEquals(202, response.statusCode());
        fixture.awaitReport("webhook sync", r -> webhookSyncs() == 1 && fixture.reports.size() == 2);
    }

    @Test
    void giteaAndForgejoSignaturesTriggerSync() throws Exception {
        assertEquals(202, post("/hooks/gitea", BODY, "X-Gitea-Signature", hmac(BODY)).statusCode());
        fixture.awaitReport("gitea sync", r -> fixture.reports.size() == 2);
        assertEquals(202, post("/hooks/gitea", BODY, "X-Forgejo-Signature", hmac(BODY)).statusCode());
        fixture.awaitReport("forgejo sync", r -> fixture.reports.size() == 3);
        assertEquals(2, webhookSyncs());
    }

    @Test
    void gitlabTokenTriggersSync() throws Exception {
        assertEquals(202, post("/hooks/gitlab", BODY, "X-Gitlab-Token", SECRET).statusCode());
        fixture.awaitReport("gitlab sync", r -> fixture.reports.size() == 2);
    }

    @Test
    void wrongOrMissingSignatureRejected() throws Exception {
        assertEquals(401, post("/hooks/github", BODY, "X-Hub-Signature-256", "sha256=" + hmac(new byte[] {1}))
                .statusCode());
        assertEquals(401, post("/hooks/github", BODY).statusCode());
        assertEquals(401, post("/hooks/gitea", BODY, "X-Gitea-Signature", "00").statusCode());
        assertEquals(401, post("/hooks/gitlab", BODY, "X-Gitlab-Token", SECRET + "x").statusCode());
        assertEquals(401, post("/hooks/gitlab", BODY).statusCode());

        Thread.sleep(500);
        assertEquals(0, webhookSyncs());
        assertEquals(1, fixture.reports.size());
    }

    @Test
    void oversizedBodyRejected() throws Exception {
        byte[] body = new byte[WebhookHandler.MAX_BODY_BYTES + 1];

        HttpResponse<String> response = post("/hooks/github", body, "X-Hub-Signature-256", "sha256=" + hmac(body));

        assertEquals(413, response.statusCode());
        Thread.sleep(300);
        assertEquals(0, webhookSyncs());
    }

    @Test
    void getOnHookRejected() throws Exception {
        assertEquals(405, get("/hooks/github").statusCode());
        assertEquals(404, get("/hooks/github/extra").statusCode());
    }

    @Test
    void metricsAndHealthAnswer() throws Exception {
        post("/hooks/github", BODY);

        HttpResponse<String> metrics = get("/metrics");
        HttpResponse<String> health = get("/healthz");

        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("nixunits_syncs_total{result=\"converged\"} 1.0"), metrics.body());
        assertTrue(metrics.body().contains("nixunits_sync_duration_seconds_count{result=\"converged\"} 1"),
                metrics.body());
        assertTrue(metrics.body().contains("nixunits_containers{state=\"converged\"} 1.0"), metrics.body());
        assertTrue(metrics.body().contains("nixunits_last_success_timestamp_seconds"), metrics.body());
        assertTrue(metrics.body().contains("nixunits_webhook_requests_total{endpoint=\"github\",outcome="
                + "\"unauthorized\"} 1.0"), metrics.body());
        assertEquals(200, health.statusCode());
        assertEquals("ok\n", health.body());
    }
}

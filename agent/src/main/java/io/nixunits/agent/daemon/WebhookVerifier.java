package io.nixunits.agent.daemon;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook request comes from a forge that has the secret. Every comparison
 * takes the same time whatever the position of the first wrong byte.
 */
public enum WebhookVerifier {
    /** Gitea and Forgejo: the hex HMAC-SHA256 of the body in X-Gitea-Signature or X-Forgejo-Signature. */
    GITEA("gitea") {
        @Override
        boolean verify(byte[] secret, Headers headers, byte[] body) {
            String signature = headers.getFirst("X-Gitea-Signature");
            if (signature == null) {
                signature = headers.getFirst("X-Forgejo-Signature");
            }
            return signature != null && equal(hmacHex(secret, body), signature.strip().toLowerCase(Locale.ROOT));
        }
    },
    /** GitHub: {@code sha256=} and the hex HMAC-SHA256 of the body in X-Hub-Signature-256. */
    GITHUB("github") {
        @Override
        boolean verify(byte[] secret, Headers headers, byte[] body) {
            String signature = headers.getFirst("X-Hub-Signature-256");
            return signature != null
                    && equal("sha256=" + hmacHex(secret, body), signature.strip().toLowerCase(Locale.ROOT));
        }
    },
    /** GitLab: the secret itself in X-Gitlab-Token. */
    GITLAB("gitlab") {
        @Override
        boolean verify(byte[] secret, Headers headers, byte[] body) {
            String token = headers.getFirst("X-Gitlab-Token");
            return token != null && MessageDigest.isEqual(secret, token.getBytes(StandardCharsets.UTF_8));
        }
    };

    private final String endpoint;

    WebhookVerifier(String endpoint) {
        this.endpoint = endpoint;
    }

    /** Returns the endpoint name, as in {@code /hooks/<endpoint>}. */
    public String endpoint() {
        return endpoint;
    }

    abstract boolean verify(byte[] secret, Headers headers, byte[] body);

    static String hmacHex(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // every Java platform has HmacSHA256, and a non-empty key is always valid for it
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static boolean equal(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }
}

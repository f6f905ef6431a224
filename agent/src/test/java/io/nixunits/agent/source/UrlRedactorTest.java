package io.nixunits.agent.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UrlRedactorTest {
    @Test
    void removesUserAndPassword() {
        assertEquals("https://***@git.example.org/x.git", UrlRedactor.redact("https://oauth2:glpat-123@git.example.org/x.git"));
    }

    @Test
    void removesCredentialsInsideMessages() {
        assertEquals("cannot fetch http://***@127.0.0.1:1/a: Connection refused",
                UrlRedactor.redact("cannot fetch http://u:p@127.0.0.1:1/a: Connection refused"));
    }

    @Test
    void leavesPlainUrlsAndPaths() {
        assertEquals("https://git.example.org/x.git", UrlRedactor.redact("https://git.example.org/x.git"));
        assertEquals("/srv/git/x.git", UrlRedactor.redact("/srv/git/x.git"));
    }
}

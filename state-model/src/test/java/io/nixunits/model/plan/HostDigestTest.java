package io.nixunits.model.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.nixunits.model.host.HostFixture;
import io.nixunits.model.inventory.Inventory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HostDigestTest {
    @Test
    void digestFollowsHostChanges() throws Exception {
        try (HostFixture host = new HostFixture()) {
            byte[] config = "{ }".getBytes(StandardCharsets.UTF_8);
            byte[] props = "{}".getBytes(StandardCharsets.UTF_8);
            host.container("web2").built(config, props, "hash1");
            String first = HostDigest.of(host.read(), Inventory.empty());

            assertEquals(first, HostDigest.of(host.read(), Inventory.empty()));

            host.write(host.container("web2").files.unitHash(), "hash2\n");
            assertNotEquals(first, HostDigest.of(host.read(), Inventory.empty()));
        }
    }
}

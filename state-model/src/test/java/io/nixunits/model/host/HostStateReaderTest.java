package io.nixunits.model.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nixunits.model.ContainerId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostStateReaderTest {
    private final HostFixture host = new HostFixture();
    private static final byte[] CONFIG = "{ ... }: { }\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PROPS = "{\"id\": \"web2\"}\n".getBytes(StandardCharsets.UTF_8);

    @AfterEach
    void tearDown() throws Exception {
        host.close();
    }

    @Test
    void missingStateRootIsEmpty() throws Exception {
        HostState state = host.read();

        assertTrue(state.containers().isEmpty());
        assertTrue(state.uidMap().entries().isEmpty());
    }

    @Test
    void readsShellToolContainer() throws Exception {
        host.container("web2").built(CONFIG, PROPS, "abc123")
                .unitConf("/var/lib/nixunits/containers/web2/root/nix/store/x-etc/etc/nixunits/web2.conf")
                .rollback();

        ContainerState web2 = host.read().containers().get(new ContainerId("web2"));

        assertTrue(web2.complete());
        assertArrayEquals(CONFIG, web2.completeConfig());
        assertEquals("abc123", web2.recordedUnitHash());
        assertArrayEquals(PROPS, web2.parameters());
        assertFalse(web2.declaredByNixos());
        assertTrue(web2.hasData());
        assertTrue(web2.hasRollback());
        assertNull(web2.pending());
        assertEquals("configured", web2.status(false));
        assertEquals("started", web2.status(true));
    }

    @Test
    void unitConfInEtcMeansNixos() throws Exception {
        host.container("dns").built(CONFIG, PROPS, null).unitConf("/etc/nixunits/dns.conf");

        ContainerState dns = host.read().containers().get(new ContainerId("dns"));

        assertTrue(dns.declaredByNixos());
        assertEquals("/etc/nixunits/dns.conf", dns.unitConfTarget());
    }

    @Test
    void readsPendingBuild() throws Exception {
        host.container("web2").pending(CONFIG, PROPS, "def456", true);

        ContainerState web2 = host.read().containers().get(new ContainerId("web2"));

        assertFalse(web2.complete());
        assertTrue(web2.pending().complete());
        assertEquals("def456", web2.pending().unitHash());
        assertArrayEquals(PROPS, web2.pending().parameters());
        assertEquals("created", web2.status(false));
    }

    @Test
    void unfinishedPendingBuildIsNotComplete() throws Exception {
        host.container("web2").pending(CONFIG, PROPS, null, false);

        ContainerState web2 = host.read().containers().get(new ContainerId("web2"));

        assertFalse(web2.pending().complete());
        assertEquals("initial", web2.status(false));
    }

    @Test
    void oddEntriesBecomeProblems() throws Exception {
        host.container("web2");
        Files.createDirectories(host.layout.containers().resolve("bad_name"));
        host.write(host.layout.containers().resolve("stray-file"), "x");

        HostState state = host.read();

        assertEquals(List.of(new ContainerId("web2")), List.copyOf(state.containers().keySet()));
        assertEquals(List.of("bad_name", "stray-file"), state.problems().stream().map(HostProblem::name).toList());
    }

    @Test
    void readsUidMap() throws Exception {
        host.write(host.layout.uidMap(), "web2 1024\n__FREE__ 1025\nrouter1 1026\n");

        UidMap map = host.read().uidMap();

        assertEquals(1024 * 65536L, map.rootUid(new ContainerId("web2")).orElseThrow());
        assertEquals(3, map.entries().size());
    }

    @Test
    void brokenUidMapNamesLine() {
        host.write(host.layout.uidMap(), "web2 1024\nrouter1\n");

        HostStateException e = assertThrows(HostStateException.class, host::read);

        assertTrue(e.getMessage().contains("line 2 is 'router1'"), e.getMessage());
        assertEquals("/var/lib/nixunits/uidmap", e.path());
    }
}
